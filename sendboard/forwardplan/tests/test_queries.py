import datetime

from sendboard.forwardplan import services
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.queries import (
    forward_plan,
    forward_plan_items_for_meeting,
    forward_plan_month_ahead,
)
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.governance.tests.factories import BoardFactory, PartnershipFactory
from sendboard.meetings.tests.factories import MeetingFactory

D = datetime.date


def test_a_meeting_gets_its_own_items_and_its_months_unscheduled_ones(
    board, subgroup, september, october
):
    at_meeting = ForwardPlanItemFactory(group=board, target_meeting=september)
    in_month = ForwardPlanItemFactory(group=board, target_month=D(2025, 9, 1))
    ForwardPlanItemFactory(group=board, target_meeting=october)
    ForwardPlanItemFactory(group=subgroup, target_month=D(2025, 9, 1))
    ForwardPlanItemFactory(
        group=board, target_meeting=september, status=ForwardPlanItem.Status.PRESENTED
    )

    assert set(forward_plan_items_for_meeting(september)) == {at_meeting, in_month}


def test_a_deferred_item_appears_at_the_meeting_it_moved_to(board, september, october, people):
    item = ForwardPlanItemFactory(group=board, target_meeting=september)
    services.forward_plan_item_defer(
        item=item, to_meeting=october, reason="Awaiting audit", by=people["editor"].user
    )

    assert list(forward_plan_items_for_meeting(september)) == []
    [found] = forward_plan_items_for_meeting(october)
    assert found.deferral_note == "Deferred from 9 September 2025: Awaiting audit"


def test_the_month_ahead_covers_the_next_month_across_the_partnership(
    board, subgroup, september, october
):
    at_meeting = ForwardPlanItemFactory(group=board, target_meeting=october)
    subgroup_month = ForwardPlanItemFactory(group=subgroup, target_month=D(2025, 10, 1))
    ForwardPlanItemFactory(group=board, target_meeting=september)
    ForwardPlanItemFactory(group=board, target_month=D(2025, 11, 1))
    ForwardPlanItemFactory(
        group=board, target_month=D(2025, 10, 1), status=ForwardPlanItem.Status.PRESENTED
    )
    elsewhere = BoardFactory(partnership=PartnershipFactory(slug="southshire", name="Southshire"))
    ForwardPlanItemFactory(group=elsewhere, target_month=D(2025, 10, 1))

    found = forward_plan_month_ahead(partnership=board.partnership, after=D(2025, 9, 9))

    assert set(found) == {at_meeting, subgroup_month}


def test_the_month_ahead_after_december_is_january(board):
    january = ForwardPlanItemFactory(group=board, target_month=D(2026, 1, 1))

    assert list(forward_plan_month_ahead(partnership=board.partnership, after=D(2025, 12, 31))) == [
        january
    ]


def test_the_plan_is_grouped_by_month_in_date_order(board, subgroup, september, october):
    late = ForwardPlanItemFactory(group=board, target_meeting=october)
    early = ForwardPlanItemFactory(group=board, target_meeting=september)
    also_early = ForwardPlanItemFactory(group=subgroup, target_month=D(2025, 9, 1))
    ForwardPlanItemFactory(group=board, status=ForwardPlanItem.Status.PRESENTED)

    months = forward_plan(board.partnership)

    assert [(plan.month, set(plan.items)) for plan in months] == [
        (D(2025, 9, 1), {early, also_early}),
        (D(2025, 10, 1), {late}),
    ]
    assert [plan.month for plan in forward_plan(board.partnership, group=subgroup)] == [
        D(2025, 9, 1)
    ]
    assert len(forward_plan(board.partnership, include_presented=True)[0].items) == 3


def test_a_meeting_moved_to_another_month_takes_its_items_along(board, september):
    item = ForwardPlanItemFactory(group=board, target_meeting=september, target_month=D(2025, 9, 1))
    september.date = D(2025, 10, 2)
    september.save()
    MeetingFactory(group=board, date=D(2025, 12, 1))

    assert list(forward_plan_month_ahead(partnership=board.partnership, after=D(2025, 9, 30))) == [
        item
    ]
