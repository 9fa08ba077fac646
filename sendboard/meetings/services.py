"""Changes to meetings: the meeting itself, its agenda, papers, attendance and minutes.

Every function runs in one transaction, validates, saves and records who made the change
(`_history_user`, so a change made outside a request is still attributed).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Group, Person
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry, Paper
from sendboard.meetings.queries import meeting_number_suggested

STANDING_ORDER = (
    AgendaItem.Standing.WELCOME,
    AgendaItem.Standing.MINUTES_AND_ACTIONS,
    AgendaItem.Standing.CYP_VOICE,
    AgendaItem.Standing.PARENT_CARER,
    AgendaItem.Standing.ANY_OTHER_BUSINESS,
)
PAPER_MAX_BYTES = 20 * 1024 * 1024
PAPER_TYPES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".txt", ".csv")
# How each kind of paper begins. Every board member opens the pack, so a file whose
# first bytes belie its name (a program renamed .pdf, say) is refused.
_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument files are zip archives
_PAPER_STARTS = {".pdf": b"%PDF-", ".docx": _ZIP, ".xlsx": _ZIP, ".pptx": _ZIP, ".odt": _ZIP}

MEETING_FIELDS = ("number", "date", "start_time", "end_time", "location", "format")
AGENDA_ITEM_FIELDS = ("title", "purpose", "reporting_group", "minutes_allowed", "description")
MINUTE_ENTRY_FIELDS = ("kind", "text", "speaker", "responds_to", "escalated_from")


def _by(record, by) -> None:
    record._history_user = by


def _require_draft_minutes(meeting: Meeting) -> None:
    # Approved minutes are the agreed record: changing them silently would change what
    # the board agreed, so a manager re-opens them first and the history shows it.
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError(
            f"The minutes of this meeting are {meeting.get_minutes_status_display().lower()}. "
            "A partnership manager must re-open them before anything can be changed."
        )


# Meetings


def _check_meeting(meeting: Meeting) -> None:
    if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
        raise ValidationError({"end_time": "The end time must be after the start time"})
    clash = Meeting.objects.filter(group=meeting.group, number=meeting.number).exclude(
        pk=meeting.pk
    )
    if clash.exists():
        raise ValidationError(
            {
                "number": f"{meeting.group.name} already has a meeting number {meeting.number}. "
                "Leave the number blank to use the next one."
            }
        )


@transaction.atomic
def meeting_create(
    *,
    group: Group,
    date: datetime.date,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    location: str = "",
    format: str = Meeting.Format.IN_PERSON,
    number: int | None = None,
    by,
) -> Meeting:
    """A new meeting of `group`, numbered next in its series, with the standing items."""
    meeting = Meeting(
        group=group,
        number=number or meeting_number_suggested(group),
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
        format=format,
    )
    _check_meeting(meeting)
    save_tracked(meeting, by=by, opened_version=None, reason="Meeting created")
    for position, standing in enumerate(STANDING_ORDER, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=standing.label,
            kind=AgendaItem.Kind.STANDING,
            standing=standing,
        )
        save_tracked(item, by=by, opened_version=None, reason="Standing item")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, opened_version: int | None, by, **changes) -> Meeting:
    for field, value in changes.items():
        if field not in MEETING_FIELDS:
            raise TypeError(f"meeting_update cannot change {field}")
        setattr(meeting, field, value)
    _check_meeting(meeting)
    save_tracked(meeting, by=by, opened_version=opened_version, reason="Meeting details changed")
    return meeting


def _meeting_status(meeting: Meeting, status: str, *, by, reason: str) -> Meeting:
    meeting.status = status
    save_tracked(meeting, by=by, opened_version=None, reason=reason)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError("This meeting has been held, so it cannot be cancelled")
    return _meeting_status(meeting, Meeting.Status.CANCELLED, by=by, reason="Meeting cancelled")


def _require_happened(meeting: Meeting, refusal: str) -> None:
    if not meeting.has_happened:
        raise ValidationError(
            f"The meeting of {meeting.date:%-d %B %Y} has not happened yet, so {refusal}"
        )


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by) -> Meeting:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it cannot be marked as held")
    _require_happened(meeting, "it cannot be marked as held")
    return _meeting_status(meeting, Meeting.Status.HELD, by=by, reason="Meeting held")


# Agenda


def _renumber(records: Sequence[AgendaItem] | Sequence[MinuteEntry], *, by) -> None:
    """Give `records` the positions 1, 2, 3... in the order given, saving only those that moved."""
    for position, record in enumerate(records, start=1):
        if record.position != position:
            record.position = position
            save_tracked(record, by=by, opened_version=None, reason="Reordered")


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.select_for_update().order_by("position", "pk"))


def _place_on_agenda(meeting: Meeting, item: AgendaItem, *, by) -> None:
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
    _renumber([*agenda[:index], item, *agenda[index:]], by=by)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    by,
    kind: str = AgendaItem.Kind.OTHER,
    standing: str = "",
    purpose: str = "",
    presenters: Iterable[Person] = (),
    reporting_group: Group | None = None,
    forward_plan_item: ForwardPlanItem | None = None,
    minutes_allowed: int | None = None,
    description: str = "",
) -> AgendaItem:
    """Add an item to the agenda, before any other business."""
    _require_draft_minutes(meeting)
    if not title.strip():
        raise ValidationError({"title": "Enter the title of the item"})
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
    )
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
    opened_version: int | None,
    by,
    presenters: Iterable[Person] | None = None,
    **changes,
) -> AgendaItem:
    _require_draft_minutes(item.meeting)
    for field, value in changes.items():
        if field not in AGENDA_ITEM_FIELDS:
            raise TypeError(f"agenda_item_update cannot change {field}")
        setattr(item, field, value)
    if not item.title.strip():
        raise ValidationError({"title": "Enter the title of the item"})
    save_tracked(item, by=by, opened_version=opened_version, reason="Item changed")
    presenters = None if presenters is None else list(presenters)
    if presenters is not None and {p.pk for p in presenters} != set(
        item.presenters.values_list("pk", flat=True)
    ):
        item._change_reason = "Presenters changed"
        item.presenters.set(presenters)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by) -> AgendaItem:
    """Swap the item with its neighbour above ("up") or below ("down")."""
    _require_draft_minutes(item.meeting)
    agenda = _agenda(item.meeting)
    _renumber(_moved(agenda, item, direction), by=by)
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by) -> None:
    """Take the item off the agenda; its history keeps what it was."""
    meeting = item.meeting
    _require_draft_minutes(meeting)
    _by(item, by)
    item._change_reason = "Removed from the agenda"
    item.delete()
    _renumber(_agenda(meeting), by=by)


@transaction.atomic
def agenda_standing_item_add(*, meeting: Meeting, standing: str, by) -> AgendaItem:
    """Put a standing item that was removed back in its usual place."""
    if meeting.items.filter(standing=standing).exists():
        raise ValidationError("That standing item is already on the agenda")
    label = AgendaItem.Standing(standing).label
    return agenda_item_add(
        meeting=meeting, title=label, kind=AgendaItem.Kind.STANDING, standing=standing, by=by
    )


@transaction.atomic
def agenda_item_schedule(*, meeting: Meeting, forward_plan_item: ForwardPlanItem, by) -> AgendaItem:
    """Put an item from the group's forward plan on this meeting's agenda."""
    from sendboard.forwardplan.services import forward_plan_item_schedule

    if forward_plan_item.group_id != meeting.group_id:
        raise ValidationError("That forward plan item belongs to another group")
    if meeting.items.filter(forward_plan_item=forward_plan_item).exists():
        raise ValidationError("That forward plan item is already on this agenda")
    _require_draft_minutes(meeting)
    forward_plan_item_schedule(item=forward_plan_item, meeting=meeting, by=by)
    owner = [forward_plan_item.owner] if forward_plan_item.owner else []
    return agenda_item_add(
        meeting=meeting,
        title=forward_plan_item.title,
        kind=AgendaItem.Kind.FORWARD_PLAN,
        forward_plan_item=forward_plan_item,
        presenters=owner,
        by=by,
    )


def _moved(records: list, record, direction: str) -> list:
    index = next(i for i, other in enumerate(records) if other.pk == record.pk)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if other is None:
        raise ValidationError("Choose to move the item up or down")
    if 0 <= other < len(records):
        records[index], records[other] = records[other], records[index]
    return records


# Papers


def _check_paper_file(file: UploadedFile) -> None:
    if PurePath(file.name).suffix.lower() not in PAPER_TYPES:
        *others, last = (kind.lstrip(".").upper() for kind in PAPER_TYPES)
        raise ValidationError({"file": f"The paper must be a {', '.join(others)} or {last} file"})
    if file.size > PAPER_MAX_BYTES:
        raise ValidationError({"file": "The paper must be smaller than 20 MB"})
    if not _content_matches(file):
        kind = PurePath(file.name).suffix.lstrip(".").upper()
        raise ValidationError(
            {"file": f"The file is not a {kind} file inside: it may be damaged or renamed"}
        )


def _content_matches(file: UploadedFile) -> bool:
    suffix = PurePath(file.name).suffix.lower()
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if suffix in _PAPER_STARTS:
        return head.startswith(_PAPER_STARTS[suffix])
    return b"\x00" not in head  # text: a NUL byte means a binary file


@transaction.atomic
def paper_upload(*, item: AgendaItem, title: str, file: UploadedFile, by) -> Paper:
    _require_draft_minutes(item.meeting)
    _check_paper_file(file)
    paper = Paper(item=item, title=title or PurePath(file.name).stem, file=file, uploaded_by=by)
    _by(paper, by)
    paper._change_reason = "Paper added"
    paper.save()
    return paper


@transaction.atomic
def paper_withdraw(*, paper: Paper, by) -> Paper:
    """Withdraw the paper from the pack; the file and its history are kept."""
    _require_draft_minutes(paper.item.meeting)
    paper.withdrawn_at = timezone.now()
    _by(paper, by)
    paper._change_reason = "Paper withdrawn"
    paper.save()
    return paper


# Attendance


@dataclass(frozen=True)
class AttendanceRow:
    person: Person
    kind: str
    deputising_for: Person | None = None


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: Iterable[AttendanceRow], by) -> list[Attendance]:
    """Record who attended and how; people left out of `rows` are not recorded as attending."""
    _require_draft_minutes(meeting)
    rows = list(rows)
    problems = []
    seen = set()
    for row in rows:
        if row.person.pk in seen:
            problems.append(f"{row.person.name} is listed more than once")
        seen.add(row.person.pk)
        if row.person.partnership_id != meeting.group.partnership_id:
            problems.append(f"{row.person.name} is not in this partnership")
        if row.kind not in Attendance.Kind.values:
            problems.append(f"Choose how {row.person.name} attended")
        if row.kind == Attendance.Kind.DEPUTISING and row.deputising_for is None:
            problems.append(f"Choose whom {row.person.name} was deputising for")
        if row.kind != Attendance.Kind.DEPUTISING and row.deputising_for is not None:
            problems.append(f"{row.person.name} is only deputising if recorded as deputising")
        if row.deputising_for is not None and row.deputising_for.pk == row.person.pk:
            problems.append(f"{row.person.name} cannot deputise for themselves")
    if problems:
        raise ValidationError(problems)
    existing = {record.person_id: record for record in meeting.attendance.all()}
    for person_id, record in existing.items():
        if person_id not in seen:
            _by(record, by)
            record.delete()
    recorded = []
    for row in rows:
        record = existing.get(row.person.pk) or Attendance(meeting=meeting, person=row.person)
        deputising_for_id = row.deputising_for.pk if row.deputising_for else None
        if record.pk and (record.kind, record.deputising_for_id) == (row.kind, deputising_for_id):
            recorded.append(record)
            continue
        record.kind = row.kind
        record.deputising_for_id = deputising_for_id
        _by(record, by)
        record.save()
        recorded.append(record)
    return recorded


# Minutes


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
    by,
    speaker: Person | None = None,
    responds_to: MinuteEntry | None = None,
    escalated_from: Group | None = None,
) -> MinuteEntry:
    """Add a typed entry to the minutes of `item`, after those already there."""
    _require_draft_minutes(item.meeting)
    last = item.entries.aggregate(last=Max("position"))["last"] or 0
    entry = MinuteEntry(
        item=item,
        position=last + 1,
        kind=kind,
        text=text,
        speaker=speaker,
        responds_to=responds_to,
        escalated_from=escalated_from,
    )
    _check_entry(entry)
    save_tracked(entry, by=by, opened_version=None, reason="Minutes added")
    return entry


@transaction.atomic
def minute_entry_update(
    *, entry: MinuteEntry, opened_version: int | None, by, **changes
) -> MinuteEntry:
    _require_draft_minutes(entry.item.meeting)
    for field, value in changes.items():
        if field not in MINUTE_ENTRY_FIELDS:
            raise TypeError(f"minute_entry_update cannot change {field}")
        setattr(entry, field, value)
    _check_entry(entry)
    save_tracked(entry, by=by, opened_version=opened_version, reason="Minutes changed")
    return entry


@transaction.atomic
def minute_entry_delete(*, entry: MinuteEntry, by) -> None:
    """Delete the entry; its history keeps what it said."""
    item = entry.item
    _require_draft_minutes(item.meeting)
    _by(entry, by)
    entry._change_reason = "Minutes deleted"
    entry.delete()
    _renumber(list(item.entries.order_by("position", "pk")), by=by)


@transaction.atomic
def minute_entry_move(*, entry: MinuteEntry, direction: str, by) -> MinuteEntry:
    _require_draft_minutes(entry.item.meeting)
    entries = list(entry.item.entries.select_for_update().order_by("position", "pk"))
    _renumber(_moved(entries, entry, direction), by=by)
    return entry


# The minutes' workflow: draft, approved at a later meeting, published.


@transaction.atomic
def meeting_minutes_approve(*, meeting: Meeting, approved_at: Meeting, by) -> Meeting:
    """Record that a later meeting of the same group agreed these minutes as accurate."""
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError("These minutes have already been agreed")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it has no minutes to agree")
    if approved_at.group_id != meeting.group_id or approved_at.date <= meeting.date:
        raise ValidationError("Minutes are agreed at a later meeting of the same group")
    _require_happened(meeting, "it has no minutes to agree")
    # The agreement is a decision of that meeting: it cannot be recorded before it sits.
    _require_happened(approved_at, "it cannot have agreed any minutes yet")
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_at = approved_at
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
    save_tracked(
        meeting, by=by, opened_version=None, reason=f"Minutes agreed as accurate at {approved_at}"
    )
    return meeting


@transaction.atomic
def meeting_minutes_publish(*, meeting: Meeting, by) -> Meeting:
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        raise ValidationError("Only minutes agreed as accurate can be published")
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED
    meeting.minutes_published_at = timezone.now()
    save_tracked(meeting, by=by, opened_version=None, reason="Minutes published")
    return meeting


@transaction.atomic
def meeting_minutes_reopen(*, meeting: Meeting, by) -> Meeting:
    """Put agreed or published minutes back to draft so they can be corrected."""
    if meeting.minutes_status == Meeting.MinutesStatus.DRAFT:
        raise ValidationError("These minutes are already a draft")
    meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    meeting.minutes_approved_at = None
    meeting.minutes_published_at = None
    save_tracked(meeting, by=by, opened_version=None, reason="Minutes re-opened for correction")
    return meeting
