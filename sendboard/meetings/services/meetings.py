"""The meeting itself: create it, change its details, cancel it, mark it held."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.governance.models import Group
from sendboard.meetings.models import AgendaItem, Meeting
from sendboard.meetings.queries import meeting_number_suggested
from sendboard.meetings.services._rules import KEEP, Keep, fields_set, require_happened

STANDING_ORDER = (
    AgendaItem.Standing.WELCOME,
    AgendaItem.Standing.MINUTES_AND_ACTIONS,
    AgendaItem.Standing.CYP_VOICE,
    AgendaItem.Standing.PARENT_CARER,
    AgendaItem.Standing.ANY_OTHER_BUSINESS,
)


# A date outside these years is a slip of the keyboard (0226 for 2026), not a meeting.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def _check_meeting(meeting: Meeting) -> None:
    if not EARLIEST <= meeting.date <= LATEST:
        raise ValidationError({"date": "The date of the meeting must be between 2000 and 2100"})
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
    by: User,
) -> Meeting:
    """A new meeting of `group`, numbered in its series by its date, with the standing items.

    Left blank, the number follows the last meeting on or before the date; if a later
    meeting already has it, the person is asked for the number rather than given one
    out of order.
    """
    if number is None:
        number = meeting_number_suggested(group, on=date)
        later = Meeting.objects.filter(group=group, number=number).first()
        if later is not None:
            raise ValidationError(
                {
                    "number": f"Meeting {number} of {group.name} is already the meeting of "
                    f"{later.date:%-d %B %Y}, after this one: enter this meeting's number"
                }
            )
    meeting = Meeting(
        group=group,
        number=number,
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
def meeting_update(
    *,
    meeting: Meeting,
    number: int | Keep = KEEP,
    date: datetime.date | Keep = KEEP,
    start_time: datetime.time | Keep | None = KEEP,
    end_time: datetime.time | Keep | None = KEEP,
    location: str | Keep = KEEP,
    format: str | Keep = KEEP,
    opened_version: int | None,
    by: User,
) -> Meeting:
    """Change the meeting's details; those not given stay as they are."""
    fields_set(
        meeting,
        {
            "number": number,
            "date": date,
            "start_time": start_time,
            "end_time": end_time,
            "location": location,
            "format": format,
        },
    )
    _check_meeting(meeting)
    save_tracked(meeting, by=by, opened_version=opened_version, reason="Meeting details changed")
    return meeting


def _meeting_status(meeting: Meeting, status: str, *, by: User, reason: str) -> Meeting:
    meeting.status = status
    save_tracked(meeting, by=by, opened_version=None, reason=reason)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User) -> Meeting:
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError("This meeting has been held, so it cannot be cancelled")
    return _meeting_status(meeting, Meeting.Status.CANCELLED, by=by, reason="Meeting cancelled")


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by: User) -> Meeting:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it cannot be marked as held")
    require_happened(meeting, "it cannot be marked as held")
    return _meeting_status(meeting, Meeting.Status.HELD, by=by, reason="Meeting held")
