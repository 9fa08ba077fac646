"""The entries of the minutes under each agenda item: notes, challenges, decisions..."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from sendboard.core.services import delete_tracked, save_tracked
from sendboard.governance.models import Group, Person
from sendboard.meetings.models import AgendaItem, MinuteEntry
from sendboard.meetings.services._rules import (
    KEEP,
    Keep,
    fields_set,
    moved,
    renumber,
    require_draft_minutes,
)


def _check_entry(entry: MinuteEntry) -> None:
    if not entry.text.strip():
        raise ValidationError({"text": "Enter what was said or agreed"})
    if entry.kind == MinuteEntry.Kind.RESPONSE:
        challenge = entry.responds_to
        if challenge is None:
            raise ValidationError({"responds_to": "Choose the challenge this responds to"})
        if challenge.item_id != entry.item_id or challenge.kind != MinuteEntry.Kind.CHALLENGE:
            raise ValidationError(
                {"responds_to": "A response answers a challenge under the same item"}
            )
    elif entry.responds_to_id is not None:
        entry.responds_to = None
    if entry.kind == MinuteEntry.Kind.ESCALATION and entry.escalated_from is None:
        raise ValidationError({"escalated_from": "Choose the group that escalated this"})
    if entry.kind != MinuteEntry.Kind.ESCALATION and entry.escalated_from_id is not None:
        entry.escalated_from = None


@transaction.atomic
def minute_entry_add(
    *,
    item: AgendaItem,
    kind: str,
    text: str,
    speaker: Person | None = None,
    responds_to: MinuteEntry | None = None,
    escalated_from: Group | None = None,
    confidential: bool = False,
    by: User,
) -> MinuteEntry:
    """Add a typed entry to the minutes of `item`, after those already there."""
    require_draft_minutes(item.meeting)
    last = item.entries.aggregate(last=Max("position"))["last"] or 0
    entry = MinuteEntry(
        item=item,
        position=last + 1,
        kind=kind,
        text=text,
        speaker=speaker,
        responds_to=responds_to,
        escalated_from=escalated_from,
        confidential=confidential,
    )
    _check_entry(entry)
    save_tracked(entry, by=by, opened_version=None, reason="Minutes added")
    return entry


@transaction.atomic
def minute_entry_update(
    *,
    entry: MinuteEntry,
    kind: str | Keep = KEEP,
    text: str | Keep = KEEP,
    speaker: Person | Keep | None = KEEP,
    responds_to: MinuteEntry | Keep | None = KEEP,
    escalated_from: Group | Keep | None = KEEP,
    confidential: bool | Keep = KEEP,
    opened_version: int | None,
    by: User,
) -> MinuteEntry:
    """Change the entry; what is not given stays as it is."""
    require_draft_minutes(entry.item.meeting)
    fields_set(
        entry,
        {
            "kind": kind,
            "text": text,
            "speaker": speaker,
            "responds_to": responds_to,
            "escalated_from": escalated_from,
            "confidential": confidential,
        },
    )
    _check_entry(entry)
    save_tracked(entry, by=by, opened_version=opened_version, reason="Minutes changed")
    return entry


@transaction.atomic
def minute_entry_delete(*, entry: MinuteEntry, by: User) -> None:
    """Delete the entry; its history keeps what it said."""
    item = entry.item
    require_draft_minutes(item.meeting)
    delete_tracked(entry, by=by, reason="Minutes deleted")
    renumber(list(item.entries.order_by("position", "pk")), by=by)


@transaction.atomic
def minute_entry_move(*, entry: MinuteEntry, direction: str, by: User) -> MinuteEntry:
    """Swap the entry with its neighbour above ("up") or below ("down")."""
    require_draft_minutes(entry.item.meeting)
    entries = list(entry.item.entries.select_for_update().order_by("position", "pk"))
    renumber(moved(entries, entry, direction), by=by)
    return entry
