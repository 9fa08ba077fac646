"""Writes to the forward plan. Each function is one transaction and keeps history."""

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.actions.models import Action
from sendboard.core.services import save_tracked
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Group, Person
from sendboard.meetings.models import AgendaItem, Meeting
from sendboard.meetings.services import agenda_item_add, agenda_item_remove


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def month_after(day: date) -> date:
    """The first day of the month after `day`'s month."""
    return first_of_month(first_of_month(day) + timedelta(days=32))


@transaction.atomic
def forward_plan_item_create(
    *,
    group: Group,
    title: str,
    kind: str,
    owner: Person | None = None,
    target_meeting: Meeting | None = None,
    target_month: date | None = None,
    source_action: Action | None = None,
    notes: str = "",
    by: User,
) -> ForwardPlanItem:
    return _plan(
        ForwardPlanItem(group=group, source_action=source_action),
        title=title,
        kind=kind,
        owner=owner,
        target_meeting=target_meeting,
        target_month=target_month,
        notes=notes,
        opened_version=None,
        reason="Planned",
        by=by,
    )


@transaction.atomic
def forward_plan_item_from_action(*, action: Action, by: User) -> ForwardPlanItem:
    """ "Add to forward plan" on an action: a report back at the group's next meeting."""
    owners = list(action.owners.all()[:1])
    today = timezone.localdate()
    next_meeting = (
        Meeting.objects.filter(group=action.group, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")
        .first()
    )
    return forward_plan_item_create(
        group=action.group,
        title=action.title,
        kind=ForwardPlanItem.Kind.REPORT,
        owner=owners[0] if owners else None,
        target_meeting=next_meeting,
        target_month=None if next_meeting else month_after(today),
        source_action=action,
        notes=f"From action {action.reference}",
        by=by,
    )


@transaction.atomic
def forward_plan_item_edit(
    *,
    item: ForwardPlanItem,
    title: str,
    kind: str,
    owner: Person | None,
    target_meeting: Meeting | None,
    target_month: date | None,
    notes: str,
    opened_version: int | None,
    by: User,
) -> ForwardPlanItem:
    """Change what is planned; refused with `StaleEdit` if someone saved it meanwhile."""
    return _plan(
        item,
        title=title,
        kind=kind,
        owner=owner,
        target_meeting=target_meeting,
        target_month=target_month,
        notes=notes,
        opened_version=opened_version,
        reason="Edited",
        by=by,
    )


@transaction.atomic
def forward_plan_item_schedule(*, item: ForwardPlanItem, meeting: Meeting, by: User) -> AgendaItem:
    """Put the item on `meeting`'s agenda, presented by its owner."""
    if item.group_id != meeting.group_id:
        raise ValidationError("That forward plan item belongs to another group")
    if meeting.items.filter(forward_plan_item=item).exists():
        raise ValidationError("That forward plan item is already on this agenda")
    item.target_meeting = meeting
    item.target_month = first_of_month(meeting.date)
    item.status = ForwardPlanItem.Status.ON_AGENDA
    save_tracked(item, by=by, opened_version=None, reason=f"On the agenda of {meeting}")
    return agenda_item_add(
        meeting=meeting,
        title=item.title,
        kind=AgendaItem.Kind.FORWARD_PLAN,
        forward_plan_item=item,
        presenters=[item.owner] if item.owner else [],
        by=by,
    )


@transaction.atomic
def forward_plan_item_defer(
    *,
    item: ForwardPlanItem,
    to_meeting: Meeting | None = None,
    to_month: date | None = None,
    reason: str,
    by: User,
) -> ForwardPlanItem:
    """Move the item to a later meeting or month, remembering where it was due and why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the item is being deferred"})
    if (to_meeting is None) == (to_month is None):
        raise ValidationError({"to_meeting": "Choose a meeting or a month to defer it to"})
    if to_meeting is not None:
        _check_meeting(item, to_meeting)
    _require_later(item, to_meeting=to_meeting, to_month=to_month)
    _take_off_earlier_agendas(item, by=by)
    item.deferred_from = item.target_meeting or _meeting_in_month(item.group, item.target_month)
    item.deferral_reason = reason
    item.target_meeting = to_meeting
    item.target_month = first_of_month(to_meeting.date if to_meeting else to_month)
    item.status = ForwardPlanItem.Status.DEFERRED
    save_tracked(item, by=by, opened_version=None, reason=f"Deferred: {reason}")
    return item


def _take_off_earlier_agendas(item: ForwardPlanItem, *, by: User) -> None:
    """A deferred item leaves the agenda it was on, so it never sits on two at once.

    Once minuted there, it was discussed: the minutes stand, and it cannot be deferred.
    """
    for agenda_item in AgendaItem.objects.filter(forward_plan_item=item).select_related(
        "meeting__group"
    ):
        if agenda_item.entries.exists():
            raise ValidationError(
                f"It was minuted at the meeting of {agenda_item.meeting.date:%-d %B %Y}: "
                "plan a new item for the later meeting instead"
            )
        agenda_item_remove(item=agenda_item, by=by)


def _require_later(item: ForwardPlanItem, *, to_meeting: Meeting | None, to_month: date | None):
    """A deferral puts the item back: after the meeting it is due at, or into a later month."""
    meeting = item.target_meeting
    month = first_of_month(meeting.date) if meeting else item.target_month
    if meeting is not None and to_meeting is not None:
        later = to_meeting.date > meeting.date
    elif month is not None:
        later = first_of_month(to_meeting.date if to_meeting else to_month) > month
    else:
        return
    if not later:
        now_due = f"{meeting.date:%-d %B %Y}" if meeting else f"{month:%B %Y}"
        raise ValidationError(
            {"to_meeting": f"Choose a meeting or a month after {now_due}, when it is now due"}
        )


def may_mark_presented(item: ForwardPlanItem) -> bool:
    """An item is presented at a meeting, so only once the meeting it is due at is held."""
    meeting = item.target_meeting
    return (
        item.status != ForwardPlanItem.Status.PRESENTED
        and meeting is not None
        and meeting.status == Meeting.Status.HELD
    )


@transaction.atomic
def forward_plan_item_mark_presented(*, item: ForwardPlanItem, by: User) -> ForwardPlanItem:
    if not may_mark_presented(item):
        raise ValidationError(
            f"“{item.title}” cannot be marked as presented: its meeting has not been held"
        )
    item.status = ForwardPlanItem.Status.PRESENTED
    save_tracked(item, by=by, opened_version=None, reason="Presented")
    return item


def _plan(
    item: ForwardPlanItem,
    *,
    title: str,
    kind: str,
    owner: Person | None,
    target_meeting: Meeting | None,
    target_month: date | None,
    notes: str,
    opened_version: int | None,
    reason: str,
    by: User,
) -> ForwardPlanItem:
    """Check and fill in what is planned, then save it: creating and editing are the same form."""
    errors = {}
    if not title.strip():
        errors["title"] = "Enter what is planned"
    if kind not in ForwardPlanItem.Kind.values:
        errors["kind"] = "Choose the kind of item"
    if owner is not None and owner.partnership_id != item.group.partnership_id:
        errors["owner"] = "Choose an owner from this partnership"
    if target_meeting is not None and target_meeting.group_id != item.group_id:
        errors["target_meeting"] = f"Choose a meeting of the {item.group.name}"
    if target_meeting is None and target_month is None:
        errors["target_month"] = "Choose a meeting or a month"
    if errors:
        raise ValidationError(errors)
    item.title = title.strip()
    item.kind = kind
    item.owner = owner
    item.target_meeting = target_meeting
    # The month is kept even when a meeting is set, so the plan groups by month either way.
    item.target_month = first_of_month(target_meeting.date if target_meeting else target_month)
    item.notes = notes.strip()
    save_tracked(item, by=by, opened_version=opened_version, reason=reason)
    return item


def _check_meeting(item: ForwardPlanItem, meeting: Meeting) -> None:
    if meeting.group_id != item.group_id:
        raise ValidationError({"to_meeting": f"Choose a meeting of the {item.group.name}"})


def _meeting_in_month(group: Group, month: date | None) -> Meeting | None:
    if month is None:
        return None
    return (
        Meeting.objects.filter(group=group, date__year=month.year, date__month=month.month)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")
        .first()
    )
