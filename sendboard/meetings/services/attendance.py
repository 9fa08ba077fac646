"""Who attended a meeting, and how."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from sendboard.core.services import delete_tracked, save_tracked
from sendboard.governance.models import Person
from sendboard.meetings.models import Attendance, Meeting
from sendboard.meetings.services._rules import require_draft_minutes


@dataclass(frozen=True)
class AttendanceRow:
    person: Person
    kind: str
    deputising_for: Person | None = None


def _problems(meeting: Meeting, rows: list[AttendanceRow]) -> list[str]:
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
    return problems


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, rows: Iterable[AttendanceRow], by: User
) -> list[Attendance]:
    """Record who attended and how; people left out of `rows` are not recorded as attending."""
    require_draft_minutes(meeting)
    rows = list(rows)
    problems = _problems(meeting, rows)
    if problems:
        raise ValidationError(problems)
    listed = {row.person.pk for row in rows}
    existing = {record.person_id: record for record in meeting.attendance.all()}
    for person_id, record in existing.items():
        if person_id not in listed:
            delete_tracked(record, by=by)
    recorded = []
    for row in rows:
        record = existing.get(row.person.pk) or Attendance(meeting=meeting, person=row.person)
        deputising_for_id = row.deputising_for.pk if row.deputising_for else None
        if record.pk and (record.kind, record.deputising_for_id) == (row.kind, deputising_for_id):
            recorded.append(record)
            continue
        record.kind = row.kind
        record.deputising_for_id = deputising_for_id
        # A line of attendance has no version for `save_tracked` to keep.
        save_tracked(record, by=by, opened_version=None)
        recorded.append(record)
    return recorded


@transaction.atomic
def attendance_members_present(*, meeting: Meeting, by: User) -> int:
    """Record every current member of the group not yet recorded as present.

    Those already recorded (apologies, deputising) keep what they have; the number
    newly recorded is returned.
    """
    require_draft_minutes(meeting)
    recorded = set(meeting.attendance.values_list("person_id", flat=True))
    members = meeting.group.memberships.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=meeting.date)
    ).exclude(person_id__in=recorded)
    added = 0
    for person_id in members.values_list("person_id", flat=True).distinct():
        attendance = Attendance(meeting=meeting, person_id=person_id, kind=Attendance.Kind.PRESENT)
        save_tracked(attendance, by=by, opened_version=None, reason="Marked present")
        added += 1
    return added
