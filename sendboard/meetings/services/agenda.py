"""The agenda: items added, changed, moved and removed, standing items put back."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from sendboard.core.services import delete_tracked, save_tracked
from sendboard.governance.models import Group, Person
from sendboard.meetings.models import AgendaItem, Meeting
from sendboard.meetings.services._rules import (
    KEEP,
    Keep,
    fields_set,
    moved,
    renumber,
    require_draft_minutes,
)


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.select_for_update().order_by("position", "pk"))


def _place_on_agenda(meeting: Meeting, item: AgendaItem, *, by: User) -> None:
    """Insert `item` where it belongs: welcome first, any other business last."""
    agenda = _agenda(meeting)
    if item.standing == AgendaItem.Standing.WELCOME:
        index = 0
    elif item.standing == AgendaItem.Standing.ANY_OTHER_BUSINESS:
        index = len(agenda)
    else:
        index = next(
            (
                i
                for i, other in enumerate(agenda)
                if other.standing == AgendaItem.Standing.ANY_OTHER_BUSINESS
            ),
            len(agenda),
        )
    item.position = index + 1
    save_tracked(item, by=by, opened_version=None, reason="Added to the agenda")
    renumber([*agenda[:index], item, *agenda[index:]], by=by)


def _require_title(item: AgendaItem) -> None:
    if not item.title.strip():
        raise ValidationError({"title": "Enter the title of the item"})


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    kind: str = AgendaItem.Kind.OTHER,
    standing: str = "",
    purpose: str = "",
    presenters: Iterable[Person] = (),
    reporting_group: Group | None = None,
    # The forward plan's item it comes from; typed loosely, as the forward plan sits above.
    forward_plan_item: Model | None = None,
    minutes_allowed: int | None = None,
    description: str = "",
    confidential: bool = False,
    by: User,
) -> AgendaItem:
    """Add an item to the agenda, before any other business."""
    require_draft_minutes(meeting)
    item = AgendaItem(
        meeting=meeting,
        title=title,
        kind=kind,
        standing=standing,
        purpose=purpose,
        reporting_group=reporting_group,
        forward_plan_item=forward_plan_item,
        minutes_allowed=minutes_allowed,
        description=description,
        confidential=confidential,
    )
    _require_title(item)
    _place_on_agenda(meeting, item, by=by)
    if presenters:
        # Setting presenters records its own history row; it says so rather than
        # repeating "Added to the agenda".
        item._change_reason = "Presenters named"
        item.presenters.set(presenters)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str | Keep = KEEP,
    purpose: str | Keep = KEEP,
    presenters: Iterable[Person] | Keep = KEEP,
    reporting_group: Group | Keep | None = KEEP,
    minutes_allowed: int | Keep | None = KEEP,
    description: str | Keep = KEEP,
    confidential: bool | Keep = KEEP,
    opened_version: int | None,
    by: User,
) -> AgendaItem:
    """Change the item; what is not given stays as it is."""
    require_draft_minutes(item.meeting)
    fields_set(
        item,
        {
            "title": title,
            "purpose": purpose,
            "reporting_group": reporting_group,
            "minutes_allowed": minutes_allowed,
            "description": description,
            "confidential": confidential,
        },
    )
    _require_title(item)
    save_tracked(item, by=by, opened_version=opened_version, reason="Item changed")
    if presenters is not KEEP:
        presenters = list(presenters)
        if {p.pk for p in presenters} != set(item.presenters.values_list("pk", flat=True)):
            item._change_reason = "Presenters changed"
            item.presenters.set(presenters)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by: User) -> AgendaItem:
    """Swap the item with its neighbour above ("up") or below ("down")."""
    require_draft_minutes(item.meeting)
    renumber(moved(_agenda(item.meeting), item, direction), by=by)
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by: User) -> None:
    """Take the item off the agenda; its history keeps what it was."""
    meeting = item.meeting
    require_draft_minutes(meeting)
    delete_tracked(item, by=by, reason="Removed from the agenda")
    renumber(_agenda(meeting), by=by)


@transaction.atomic
def agenda_standing_item_add(*, meeting: Meeting, standing: str, by: User) -> AgendaItem:
    """Put a standing item that was removed back in its usual place."""
    if meeting.items.filter(standing=standing).exists():
        raise ValidationError("That standing item is already on the agenda")
    label = AgendaItem.Standing(standing).label
    return agenda_item_add(
        meeting=meeting, title=label, kind=AgendaItem.Kind.STANDING, standing=standing, by=by
    )
