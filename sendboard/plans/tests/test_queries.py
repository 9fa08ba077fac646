"""The tracker: a period's lines, its figures and what moved since the previous period."""

import uuid

import pytest
from django.http import Http404
from django.utils import timezone

from sendboard.governance.tests.factories import PartnershipFactory
from sendboard.plans import queries, services
from sendboard.plans.models import Status
from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    PlanActionFactory,
    close_and_open_next,
    record_progress,
)

TODAY = timezone.localdate()


def _rows(tracker):
    return {
        row.line.reference: row.line
        for area in tracker.areas
        for outcome in area.outcomes
        for row in [*outcome.rows, *outcome.moved]
    }


def test_the_open_period_reads_the_lines_as_they_stand(plan, line, this_month, editor_user):
    other = PlanActionFactory(outcome=line.outcome, reference="1.2", status=Status.AT_RISK)
    record_progress(line, editor_user, Status.ON_TRACK)
    services.evidence_add(plan_action=line, written_on=TODAY, text="Two started", by=editor_user)

    tracker = queries.tracker(plan)

    assert tracker.period == this_month
    lines = _rows(tracker)
    assert (lines["1.1"].status, lines["1.1"].updated, lines["1.1"].evidence_count) == (
        Status.ON_TRACK,
        True,
        1,
    )
    assert lines[other.reference].updated is False
    assert tracker.rollup.total == tracker.areas[0].rollup.total == 2
    assert tracker.areas[0].outcomes[0].rollup.obstacles == 1


def test_a_closed_period_reads_the_same_after_a_later_update(
    plan, line, last_month, manager_user, editor_user
):
    record_progress(line, editor_user, Status.AT_RISK)
    close_and_open_next(last_month, manager_user)
    record_progress(line, editor_user, Status.COMPLETE, impact="Plans issued in 18 weeks")
    PlanActionFactory(outcome=line.outcome, reference="1.9")

    frozen = queries.tracker(plan, last_month)
    now = queries.tracker(plan)

    assert frozen.frozen
    assert list(_rows(frozen)) == ["1.1"]
    assert _rows(frozen)["1.1"].status == Status.AT_RISK
    assert _rows(now)["1.1"].status == Status.COMPLETE
    assert now.previous == last_month
    assert [changed.reference for changed in now.changes.newly_done] == ["1.1"]


def test_a_line_moved_to_business_as_usual_is_listed_apart_and_still_counted(
    plan, line, editor_user
):
    line.status = Status.COMPLETE
    line.save()
    services.plan_action_transfer(
        plan_action=line,
        receiving_team="SEND Assessment Team",
        transferred_on=TODAY,
        by=editor_user,
    )
    PlanActionFactory(outcome=line.outcome, reference="1.2")

    outcome = queries.tracker(plan).areas[0].outcomes[0]

    assert [row.line.reference for row in outcome.moved] == ["1.1"]
    assert [row.line.reference for row in outcome.rows] == ["1.2"]
    assert outcome.rollup.total == 2


def test_a_plan_with_no_period_reads_as_it_stands(plan, line):
    tracker = queries.tracker(plan)

    assert (tracker.period, tracker.previous, tracker.rollup.total) == (None, None, 1)


def test_the_list_counts_each_plan_s_lines(partnership, plan, line):
    ImprovementPlanFactory(partnership=PartnershipFactory(slug="elsewhere"))

    plans = list(queries.plans_of(partnership))

    assert [(found, found.line_count) for found in plans] == [(plan, 1)]


def test_a_plan_or_line_of_another_partnership_is_not_found(plan, line):
    elsewhere = PartnershipFactory(slug="elsewhere")

    with pytest.raises(Http404):
        queries.plan_in(elsewhere, plan.code)
    with pytest.raises(Http404):
        queries.plan_action_in(elsewhere, line.code)
    with pytest.raises(Http404):
        queries.plan_in(plan.partnership, "not-a-code")
    with pytest.raises(Http404):
        queries.period_in(plan, uuid.uuid4())


def test_a_closed_period_keeps_the_words_the_board_read(
    plan, line, last_month, manager_user, people
):
    close_and_open_next(last_month, manager_user)
    area = line.outcome.area
    area.title = "Renamed later"
    area.save()
    line.text = "Reworded later"
    line.save()
    line.owners.set([people["editor"]])

    frozen = queries.tracker(plan, last_month)

    assert frozen.areas[0].area.title != "Renamed later"
    row = frozen.areas[0].outcomes[0].rows[0]
    assert row.text != "Reworded later"
    assert row.owner_names == people["member"].name
    assert queries.tracker(plan).areas[0].outcomes[0].rows[0].text == "Reworded later"
