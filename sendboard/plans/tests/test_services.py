"""Keeping the plan: building it, owners' updates, and periods frozen as the board saw them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendboard.plans import services
from sendboard.plans.models import ImprovementPlan, PeriodLine, PlanAction, ReportingPeriod, Status


@pytest.fixture
def plan(partnership, manager_user):
    return services.plan_create(
        partnership=partnership,
        title="Priority Action Plan",
        kind=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
        source="Area SEND inspection",
        starts_on=date(2026, 1, 1),
        by=manager_user,
    )


@pytest.fixture
def line(plan, people, editor_user) -> PlanAction:
    area = services.priority_area_create(
        plan=plan, reference="APA1", title="Timely plans", kind="apa", by=editor_user
    )
    outcome = services.outcome_create(
        area=area, reference="1", title="Plans on time", by=editor_user
    )
    return services.plan_action_create(
        outcome=outcome,
        reference="1.1",
        text="Recruit two more EHC plan writers",
        owners=[people["member"]],
        due_on=date(2026, 6, 30),
        by=editor_user,
    )


@pytest.fixture
def november(plan, manager_user) -> ReportingPeriod:
    return services.period_open(
        plan=plan, starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30), by=manager_user
    )


def _progress(line, by, status=Status.ON_TRACK, impact=""):
    return services.progress_record(
        plan_action=line,
        status=status,
        note="Two writers start in January",
        impact=impact,
        risks_and_mitigations="",
        opened_version=None,
        by=by,
    )


def test_only_a_manager_starts_a_plan(partnership, editor_user):
    with pytest.raises(PermissionDenied, match="does not allow you to manage"):
        services.plan_create(
            partnership=partnership,
            title="Plan",
            kind=ImprovementPlan.Kind.PROGRAMME,
            starts_on=date(2026, 1, 1),
            by=editor_user,
        )


def test_a_reference_is_used_once_in_its_outcome(line, editor_user):
    with pytest.raises(ValidationError, match=r"already has 1\.1"):
        services.plan_action_create(
            outcome=line.outcome, reference="1.1", text="Again", by=editor_user
        )


def test_an_owner_updates_their_own_line(line, november, people):
    update = _progress(line, people["member"].user)
    line.refresh_from_db()
    assert (line.status, update.period) == (Status.ON_TRACK, november)


def test_a_member_who_does_not_own_the_line_is_refused(line, november, people):
    with pytest.raises(PermissionDenied, match="editors and the line's owners"):
        _progress(line, people["chair"].user)


def test_no_update_is_taken_without_an_open_period(line, editor_user):
    with pytest.raises(ValidationError, match="No reporting period is open"):
        _progress(line, editor_user)


def test_a_line_marked_complete_must_say_what_difference_it_made(line, november, editor_user):
    with pytest.raises(ValidationError, match="what difference it has made"):
        _progress(line, editor_user, status=Status.COMPLETE)


def test_only_one_period_is_open_at_a_time(plan, november, manager_user):
    with pytest.raises(ValidationError, match="Close the open period"):
        services.period_open(
            plan=plan, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31), by=manager_user
        )


def test_a_closed_period_keeps_each_line_as_it_stood(
    plan, line, november, manager_user, editor_user
):
    _progress(line, editor_user, status=Status.AT_RISK)
    services.period_close(period=november, by=manager_user)
    december = services.period_open(
        plan=plan, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31), by=manager_user
    )
    _progress(line, editor_user, status=Status.COMPLETE, impact="Plans now issued in 18 weeks")

    frozen = PeriodLine.objects.get(period=november, plan_action=line)
    assert (frozen.status, frozen.updated) == (Status.AT_RISK, True)
    assert december.state == ReportingPeriod.State.OPEN
    with pytest.raises(ValidationError, match="already closed"):
        services.period_close(period=november, by=manager_user)


def test_a_line_not_updated_in_a_period_is_frozen_as_not_updated(line, november, manager_user):
    services.period_close(period=november, by=manager_user)
    frozen = PeriodLine.objects.get(period=november, plan_action=line)
    assert (frozen.status, frozen.updated, frozen.evidence_count) == (
        Status.NOT_STARTED,
        False,
        0,
    )


def test_evidence_dated_after_the_period_is_not_counted_in_it(
    line, november, manager_user, editor_user
):
    services.evidence_add(
        plan_action=line, written_on=date(2026, 11, 20), text="Job advert", by=editor_user
    )
    services.period_close(period=november, by=manager_user)
    assert PeriodLine.objects.get(period=november).evidence_count == 1


def test_only_a_finished_line_moves_to_business_as_usual(line, november, editor_user):
    with pytest.raises(ValidationError, match="Only a complete or embedded line"):
        services.plan_action_transfer(
            plan_action=line,
            receiving_team="SEND casework",
            transferred_on=date(2026, 11, 2),
            by=editor_user,
        )
    _progress(line, editor_user, status=Status.EMBEDDED, impact="Timeliness at 60%")
    moved = services.plan_action_transfer(
        plan_action=line,
        receiving_team="SEND casework",
        transferred_on=date(2026, 11, 2),
        by=editor_user,
    )
    assert moved.receiving_team == "SEND casework"
    assert PlanAction.objects.filter(pk=line.pk).exists()


def test_a_deep_dive_into_a_stuck_line_goes_on_the_boards_forward_plan(
    line, board, people, editor_user
):
    item = services.deep_dive_request(plan_action=line, by=editor_user)

    assert (item.group, item.kind, item.owner) == (board, "deep_dive", people["member"])
    assert item.title == "Deep dive: Priority Action Plan 1.1"
    assert list(line.forward_plan_items.all()) == [item]


def test_a_member_cannot_ask_for_a_deep_dive(line, people):
    with pytest.raises(PermissionDenied, match="does not allow you to edit"):
        services.deep_dive_request(plan_action=line, by=people["member"].user)
