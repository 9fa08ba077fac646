"""Reads of the forward plan: the plan by month, a meeting's items and the month ahead."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import first_of_month, month_after
from sendboard.governance.models import Group, Partnership
from sendboard.meetings.models import Meeting


@dataclass(frozen=True)
class PlanMonth:
    month: date | None
    items: tuple[ForwardPlanItem, ...]


def _items() -> QuerySet[ForwardPlanItem]:
    return ForwardPlanItem.objects.select_related(
        "group",
        "owner__organisation",
        "target_meeting__group",
        "deferred_from",
        "source_action__board",
    )


def _due_in(month: date) -> Q:
    """Items whose meeting falls in `month`, or planned for `month` with no meeting yet."""
    return Q(target_meeting__date__gte=month, target_meeting__date__lt=month_after(month)) | Q(
        target_meeting__isnull=True, target_month=month
    )


def item_month(item: ForwardPlanItem) -> date | None:
    if item.target_meeting is not None:
        return first_of_month(item.target_meeting.date)
    return item.target_month


def forward_plan(
    partnership: Partnership, *, group: Group | None = None, include_presented: bool = False
) -> list[PlanMonth]:
    """The plan grouped by month, earliest first; within a month, by meeting date."""
    items = _items().filter(group__partnership=partnership)
    if group is not None:
        items = items.filter(group=group)
    if not include_presented:
        items = items.exclude(status=ForwardPlanItem.Status.PRESENTED)

    def order(item: ForwardPlanItem) -> tuple:
        month = item_month(item) or date.max
        meeting_date = item.target_meeting.date if item.target_meeting else date.max
        return (month, meeting_date, item.group.name, item.title)

    ordered = sorted(items, key=order)
    return [
        PlanMonth(month=month, items=tuple(in_month))
        for month, in_month in groupby(ordered, key=item_month)
    ]


def forward_plan_item_for_page(partnership: Partnership, code) -> ForwardPlanItem:
    return get_object_or_404(_items(), group__partnership=partnership, code=code)


def forward_plan_items_for_meeting(meeting: Meeting) -> QuerySet[ForwardPlanItem]:
    """What the forward plan says is due at `meeting`, deferred items included, presented not."""
    month = first_of_month(meeting.date)
    return (
        _items()
        .filter(group_id=meeting.group_id)
        .filter(Q(target_meeting=meeting) | Q(target_meeting__isnull=True, target_month=month))
        .exclude(status=ForwardPlanItem.Status.PRESENTED)
        .order_by("title")
    )


def forward_plan_due(meeting: Meeting) -> QuerySet[ForwardPlanItem]:
    """Forward-plan items due at this meeting and not yet on its agenda."""
    return (
        forward_plan_items_for_meeting(meeting)
        .exclude(agenda_items__meeting=meeting)
        .select_related("deferred_from__group")
    )


def forward_plan_month_ahead(*, partnership: Partnership, after: date) -> QuerySet[ForwardPlanItem]:
    """What is planned across the partnership for the month after `after`'s month."""
    return (
        _items()
        .filter(group__partnership=partnership)
        .filter(_due_in(month_after(after)))
        .exclude(status=ForwardPlanItem.Status.PRESENTED)
        .order_by("group__kind", "group__name", "title")
    )
