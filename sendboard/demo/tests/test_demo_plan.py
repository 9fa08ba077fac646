"""Northshire's Priority Action Plan tells one year's story, and the Board quotes its figures."""

import pytest

from sendboard.demo.plan import AGENDA_TITLE
from sendboard.demo.tests.building import TODAY
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.meetings.models import Meeting, MinuteEntry
from sendboard.plans.highlight import highlight_of
from sendboard.plans.models import (
    Evidence,
    HighlightReport,
    ImprovementPlan,
    PlanAction,
    ProgressUpdate,
    ReportingPeriod,
    Status,
)
from sendboard.plans.queries import tracker
from sendboard.plans.rollups import DONE


@pytest.fixture
def plan(demo, db) -> ImprovementPlan:
    return demo.improvement_plans.get()


@pytest.fixture
def closed(plan) -> list[ReportingPeriod]:
    return list(plan.periods.filter(state=ReportingPeriod.State.CLOSED).order_by("starts_on"))


@pytest.fixture
def lines(plan):
    return PlanAction.objects.filter(outcome__area__plan=plan)


def test_the_plan_has_two_priority_areas_six_outcomes_and_about_sixty_lines(plan, lines, demo):
    assert plan.kind == ImprovementPlan.Kind.PRIORITY_ACTION_PLAN
    assert plan.source_date < plan.starts_on
    assert [area.reference for area in plan.areas.all()] == ["APA1", "APA2"]
    assert [area.outcomes.count() for area in plan.areas.all()] == [3, 3]
    assert 55 <= lines.count() <= 65
    assert not lines.filter(owners=None).exists()
    assert not lines.filter(lead_organisation=None).exists()
    assert not lines.filter(success_measures="").exists()
    assert not lines.exclude(owners__partnership=demo).exists()
    assert len({(line.due_on.year, line.due_on.month) for line in lines}) >= 9


def test_twelve_months_are_closed_and_the_current_one_is_open(plan, closed, lines):
    open_period = plan.periods.get(state=ReportingPeriod.State.OPEN)
    assert len(closed) == 12
    assert open_period.starts_on == TODAY.replace(day=1)
    assert closed[-1].ends_on < open_period.starts_on
    for period in closed:
        assert period.closed_at.date() == period.ends_on
        assert period.starts_on.day == 1
    updated = open_period.updates.values("plan_action").distinct().count()
    assert 0 < updated < lines.count() / 2


def test_updates_and_closings_are_dated_in_their_own_month(plan):
    for update in ProgressUpdate.objects.filter(period__plan=plan).select_related("period"):
        assert update.period.starts_on <= update.written_at.date() <= update.period.ends_on
    period = plan.periods.order_by("starts_on")[5]
    assert period.history.earliest("history_date").history_date.date() == period.starts_on


def test_the_story_rises_through_a_mid_year_dip(plan, closed):
    rollups = [tracker(plan, period).rollup for period in closed]
    done = [rollup.done_share for rollup in rollups]
    off_track = [rollup.count(Status.OFF_TRACK) for rollup in rollups]
    assert done == sorted(done)
    assert done[0] < 10 and done[-1] >= 75
    assert rollups[0].obstacles == 0
    assert max(off_track[4:8]) >= 5
    assert 0 < off_track[-1] < max(off_track)
    assert 0 < rollups[-1].count(Status.AT_RISK) <= 6


def test_finished_lines_say_what_changed_and_carry_dated_evidence(lines):
    finished = lines.filter(status__in=DONE)
    assert finished.count() >= 40
    assert not finished.filter(impact="").exists()
    for line in finished:
        assert line.evidence.exists()
    assert Evidence.objects.filter(plan_action__in=lines, written_on__gte=TODAY).count() == 0


def test_two_lines_moved_to_business_as_usual(lines):
    moved = lines.exclude(transferred_on=None)
    assert moved.count() == 2
    assert all(line.receiving_team and line.status in DONE for line in moved)


def test_the_stuck_line_has_a_deep_dive_on_the_next_board_agenda(lines, board):
    stuck = lines.get(reference="4.7")
    dive = stuck.forward_plan_items.get()
    assert stuck.status == Status.OFF_TRACK
    assert dive.kind == ForwardPlanItem.Kind.DEEP_DIVE
    assert dive.target_meeting.date > TODAY
    assert dive.target_meeting == board.meetings.filter(date__gt=TODAY).order_by("date").first()
    assert dive.agenda_items.filter(meeting=dive.target_meeting).exists()


def test_each_closed_month_has_a_ready_highlight_report_quoting_its_figures(closed):
    for period in closed:
        report = HighlightReport.objects.get(period=period)
        figures = highlight_of(period)
        assert report.state == HighlightReport.State.READY
        assert figures.rollup.sentence() in report.introduction
        assert report.edited_at.date() > period.ends_on


def test_the_board_minutes_quote_the_tracker_for_the_period_just_closed(plan, board):
    held = board.meetings.filter(status=Meeting.Status.HELD).order_by("date")
    quoted = 0
    for meeting in held:
        entries = MinuteEntry.objects.filter(item__meeting=meeting, item__title=AGENDA_TITLE)
        period = (
            plan.periods.filter(state=ReportingPeriod.State.CLOSED, ends_on__lt=meeting.date)
            .order_by("-ends_on")
            .first()
        )
        note = " ".join(entries.filter(kind="note").values_list("text", flat=True))
        if period is None:
            continue
        seen = tracker(plan, period)
        assert f"highlight report for {period}" in note
        assert seen.rollup.sentence() in note
        for area in seen.areas:
            assert f"{area.area.reference}: {area.rollup.sentence()}" in note
        quoted += 1
    assert quoted >= 11


def test_the_board_asks_for_the_deep_dive_at_its_last_meeting(board):
    last = board.meetings.filter(status=Meeting.Status.HELD).latest("date")
    decisions = MinuteEntry.objects.filter(
        item__meeting=last, item__title=AGENDA_TITLE, kind="decision"
    )
    assert "deep dive" in decisions.get().text
    assert MinuteEntry.objects.filter(
        item__title=AGENDA_TITLE, kind="response", responds_to__kind="challenge"
    ).exists()
