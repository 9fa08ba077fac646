"""The highlight report: its figures from the period's lines, and the narrative around them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sendboard.core.services import StaleEdit
from sendboard.plans import services
from sendboard.plans.highlight import highlight_report_for, latest_highlight_report
from sendboard.plans.models import Evidence, HighlightReport, PeriodLine, Status
from sendboard.plans.tests.factories import (
    PlanActionFactory,
    close_and_open_next,
    record_progress,
)

TODAY = timezone.localdate()


def _generate(period, people):
    services.highlight_report_generate(period=period, by=people["editor"].user)
    return highlight_report_for(period)


def _edit(report, people, *, who="editor", opened_version=None, **changes):
    fields = {
        "introduction": report.introduction,
        "difference_made": report.difference_made,
        "concerns": report.concerns,
        "next_steps": report.next_steps,
        "state": report.state,
        **changes,
    }
    return services.highlight_report_edit(
        report=report,
        **fields,
        opened_version=report.version if opened_version is None else opened_version,
        by=people[who].user,
    )


def test_a_period_has_no_report_until_someone_generates_it(this_month):
    assert highlight_report_for(this_month) is None


def test_an_empty_plan_says_it_has_no_actions_rather_than_zero_percent(plan, this_month, people):
    report = _generate(this_month, people)

    assert report.rollup.total == 0
    assert "There are no actions in this part of the plan yet." in report.saved.introduction
    assert "0%" not in report.saved.introduction
    assert report.obstacles == report.stuck == report.newly_done == []


def test_a_plan_all_complete_reports_every_action_done_and_each_impact(outcome, this_month, people):
    for reference in ("1.1", "1.2"):
        line = PlanActionFactory(outcome=outcome, reference=reference)
        record_progress(line, people["editor"].user, Status.COMPLETE, impact=f"Impact {reference}")
    Evidence.objects.create(
        plan_action=line, written_on=TODAY, text="Audit of 40 plans", added_by=people["editor"].user
    )

    report = _generate(this_month, people)

    assert report.rollup.done_share == 100
    assert "100% of 2 actions complete or embedded" in report.saved.introduction
    assert [item.reference for item in report.newly_done] == ["1.1", "1.2"]
    assert "APA1 1.2: Impact 1.2" in report.saved.difference_made
    assert [note.text for note in report.newly_done[1].evidence] == ["Audit of 40 plans"]
    assert report.stuck == []


def test_a_period_with_no_updates_lists_every_unfinished_line_as_stuck(outcome, this_month, people):
    PlanActionFactory(outcome=outcome, reference="1.1", status=Status.ON_TRACK)
    PlanActionFactory(outcome=outcome, reference="1.2", status=Status.COMPLETE)

    report = _generate(this_month, people)

    assert [item.reference for item in report.stuck] == ["1.1"]
    assert "no update this period" in report.stuck[0].reasons
    assert "Follow up the stuck actions: APA1 1.1." in report.saved.next_steps


def test_lines_off_track_or_at_risk_come_with_their_risks_and_owners(outcome, this_month, people):
    at_risk = PlanActionFactory(outcome=outcome, reference="1.1", owners=[people["member"]])
    off_track = PlanActionFactory(outcome=outcome, reference="1.2")
    for line, status in ((at_risk, Status.AT_RISK), (off_track, Status.OFF_TRACK)):
        services.progress_record(
            plan_action=line,
            status=status,
            impact="",
            risks_and_mitigations=f"Risk for {line.reference}; agency staff as cover",
            opened_version=None,
            by=people["editor"].user,
        )

    report = _generate(this_month, people)

    assert [(i.reference, i.status) for i in report.obstacles] == [
        ("1.2", Status.OFF_TRACK),
        ("1.1", Status.AT_RISK),
    ]
    assert report.obstacles[1].owner_names == "Member Tester"
    assert report.obstacles[0].risks_and_mitigations == "Risk for 1.2; agency staff as cover"
    assert report.saved.concerns == "Off track: APA1 1.2.\n\nAt risk: APA1 1.1."


def test_a_line_off_track_two_periods_running_is_stuck(outcome, last_month, people):
    line = PlanActionFactory(outcome=outcome, reference="1.1", due_on=None)
    record_progress(line, people["editor"].user, Status.OFF_TRACK)
    this_month = close_and_open_next(last_month, people["manager"].user)
    record_progress(line, people["editor"].user, Status.OFF_TRACK)

    report = _generate(this_month, people)

    assert report.stuck[0].reasons == ("off track two periods running",)


def test_embedded_lines_are_ready_to_move_and_moved_ones_are_listed_with_their_team(
    outcome, this_month, people
):
    ready = PlanActionFactory(outcome=outcome, reference="1.1")
    moved = PlanActionFactory(outcome=outcome, reference="1.2")
    for line in (ready, moved):
        record_progress(line, people["editor"].user, Status.EMBEDDED, impact="Plans on time")
    services.plan_action_transfer(
        plan_action=moved,
        receiving_team="SEND Assessment Team",
        transferred_on=TODAY,
        by=people["editor"].user,
    )

    report = _generate(this_month, people)

    assert [item.reference for item in report.ready_to_transfer] == ["1.1"]
    assert [(i.reference, i.receiving_team) for i in report.transferred] == [
        ("1.2", "SEND Assessment Team")
    ]


def test_an_open_period_is_provisional_and_says_so(line, this_month, people):
    report = _generate(this_month, people)

    assert report.provisional
    assert report.provisional_note.startswith(f"Provisional: {this_month} is open")
    assert f"as they stand on {TODAY:%-d %B %Y}" in report.source


def test_a_closed_period_report_does_not_change_when_lines_change_later(
    outcome, last_month, people
):
    line = PlanActionFactory(outcome=outcome, reference="1.1", owners=[people["member"]])
    services.progress_record(
        plan_action=line,
        status=Status.COMPLETE,
        impact="Families wait less",
        risks_and_mitigations="",
        opened_version=None,
        by=people["editor"].user,
    )
    Evidence.objects.create(
        plan_action=line,
        written_on=last_month.ends_on,
        text="Survey of parents",
        added_by=people["editor"].user,
    )
    close_and_open_next(last_month, people["manager"].user)
    last_month.refresh_from_db()
    before = _generate(last_month, people)

    line.refresh_from_db()
    record_progress(line, people["editor"].user, Status.OFF_TRACK)
    line.text = "Renamed later"
    line.save()
    line.evidence.update(withdrawn_at=timezone.now())
    after = highlight_report_for(last_month)

    assert not after.provisional and "Later changes do not alter them" in after.source
    assert after.newly_done == before.newly_done
    assert after.newly_done[0].text == "Recruit two more EHC plan writers"
    assert after.newly_done[0].impact == "Families wait less"
    assert after.newly_done[0].evidence[0].text == "Survey of parents"
    assert after.obstacles == [] and after.rollup == before.rollup


def test_generating_again_keeps_edited_sections_and_redrafts_the_rest(outcome, this_month, people):
    line = PlanActionFactory(outcome=outcome, reference="1.1")
    report = _generate(this_month, people).saved
    _edit(report, people, introduction="A hard month for the assessment team.")
    record_progress(line, people["editor"].user, Status.OFF_TRACK)

    services.highlight_report_generate(period=this_month, by=people["editor"].user)

    report.refresh_from_db()
    assert report.introduction == "A hard month for the assessment team."
    assert report.concerns == "Off track: APA1 1.1."
    assert HighlightReport.objects.count() == 1


def test_a_draft_section_sent_back_unchanged_by_a_browser_is_still_redrafted(
    outcome, this_month, people
):
    line = PlanActionFactory(outcome=outcome, reference="1.1")
    report = _generate(this_month, people).saved
    _edit(report, people, introduction=report.introduction.replace("\n", "\r\n"))
    record_progress(line, people["editor"].user, Status.COMPLETE, impact="Faster plans")

    services.highlight_report_generate(period=this_month, by=people["editor"].user)

    report.refresh_from_db()
    assert "100% of 1 action complete or embedded" in report.introduction


def test_a_stale_edit_is_refused(line, this_month, people):
    report = _generate(this_month, people).saved
    opened = report.version
    _edit(report, people, introduction="First")

    with pytest.raises(StaleEdit):
        _edit(report, people, introduction="Second", opened_version=opened)
    report.refresh_from_db()
    assert report.introduction == "First"


def test_only_editors_and_managers_generate_or_edit(line, this_month, people):
    with pytest.raises(PermissionDenied):
        services.highlight_report_generate(period=this_month, by=people["member"].user)
    report = _generate(this_month, people).saved

    with pytest.raises(PermissionDenied):
        _edit(report, people, who="viewer", introduction="Not mine to write")
    _edit(report, people, who="manager", introduction="The manager's summary")


def test_a_report_is_not_ready_for_the_board_without_a_summary(line, this_month, people):
    report = _generate(this_month, people).saved

    with pytest.raises(ValidationError) as refused:
        _edit(report, people, introduction="  ", state=HighlightReport.State.READY)
    assert "introduction" in refused.value.message_dict


def test_the_edit_is_kept_with_who_and_when(line, this_month, people):
    report = _generate(this_month, people).saved

    _edit(report, people, difference_made="Parents say plans arrive sooner")

    report.refresh_from_db()
    assert report.edited_by == people["editor"].user and report.edited_at is not None
    assert report.history.first().history_change_reason == "Edited: draft"


def test_the_latest_report_for_a_meeting_is_the_newest_ended_by_its_date(
    partnership, outcome, last_month, people
):
    PlanActionFactory(outcome=outcome)
    this_month = close_and_open_next(last_month, people["manager"].user)
    for period in (last_month, this_month):
        services.highlight_report_generate(period=period, by=people["editor"].user)

    found = latest_highlight_report(outcome.area.plan, before=last_month.ends_on)
    newest = latest_highlight_report(partnership, before=this_month.ends_on)

    assert found.period == last_month
    assert newest.period == this_month
    assert latest_highlight_report(partnership, before=datetime.date(2000, 1, 1)) is None


def test_the_report_takes_a_fixed_number_of_queries_whatever_the_plan_size(
    django_assert_max_num_queries, outcome, last_month, people
):
    for number in range(30):
        PlanActionFactory(outcome=outcome, reference=f"2.{number}", status=Status.COMPLETE)
    close_and_open_next(last_month, people["manager"].user)
    last_month.refresh_from_db()
    services.highlight_report_generate(period=last_month, by=people["editor"].user)
    assert PeriodLine.objects.filter(period=last_month).count() == 30

    with django_assert_max_num_queries(12):
        report = highlight_report_for(last_month)
    assert report.rollup.total == 30


def test_a_long_list_is_counted_in_the_draft_and_named_in_the_report():
    from sendboard.plans.highlight import NAMED_AT_MOST, READY_HEADING, _named_or_counted

    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

    few = [Named(f"APA1 1.{n}") for n in range(NAMED_AT_MOST)]
    many = [Named(f"APA1 1.{n}") for n in range(NAMED_AT_MOST + 1)]

    assert _named_or_counted(few, listed_under=READY_HEADING).startswith("APA1 1.0, APA1 1.1")
    assert _named_or_counted(many, listed_under=READY_HEADING) == (
        f'the {NAMED_AT_MOST + 1} actions listed under "Embedded, ready to move"'
    )
