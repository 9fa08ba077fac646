"""The rules the meeting services share: draft minutes, order, and who made a change."""

from collections.abc import Sequence
from enum import Enum

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Model

from sendboard.core.services import save_tracked
from sendboard.meetings.models import AgendaItem, Meeting, MinuteEntry


class Keep(Enum):
    """What an update's field is when the caller leaves it out: it stays as it is."""

    KEEP = "keep"


# A default of its own, not None: None is a value some fields may be set to.
KEEP = Keep.KEEP


def fields_set(record: Model, fields: dict[str, object]) -> None:
    """Set the fields an update was given on `record`, leaving those it was not."""
    for name, value in fields.items():
        if value is not KEEP:
            setattr(record, name, value)


def require_draft_minutes(meeting: Meeting) -> None:
    # Approved minutes are the agreed record: changing them silently would change what
    # the board agreed, so a manager re-opens them first and the history shows it.
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError(
            f"The minutes of this meeting are {meeting.get_minutes_status_display().lower()}. "
            "A partnership manager must re-open them before anything can be changed."
        )


def require_happened(meeting: Meeting, refusal: str) -> None:
    if not meeting.has_happened:
        raise ValidationError(
            f"The meeting of {meeting.date:%-d %B %Y} has not happened yet, so {refusal}"
        )


def renumber(records: Sequence[AgendaItem] | Sequence[MinuteEntry], *, by: User) -> None:
    """Give `records` the positions 1, 2, 3... in the order given, saving only those that moved."""
    for position, record in enumerate(records, start=1):
        if record.position != position:
            record.position = position
            save_tracked(record, by=by, opened_version=None, reason="Reordered")


def moved(records: list[Model], record: Model, direction: str) -> list[Model]:
    """`records` with `record` swapped with its neighbour above ("up") or below ("down")."""
    index = next(i for i, other in enumerate(records) if other.pk == record.pk)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if other is None:
        raise ValidationError("Choose to move the item up or down")
    if 0 <= other < len(records):
        records[index], records[other] = records[other], records[index]
    return records
