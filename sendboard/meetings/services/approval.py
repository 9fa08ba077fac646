"""The minutes' workflow: a draft, agreed as accurate at a later meeting, then published."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.meetings.models import Meeting
from sendboard.meetings.services._rules import require_happened


@transaction.atomic
def meeting_minutes_approve(*, meeting: Meeting, approved_at: Meeting, by: User) -> Meeting:
    """Record that a later meeting of the same group agreed these minutes as accurate."""
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError("These minutes have already been agreed")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled, so it has no minutes to agree")
    if approved_at.group_id != meeting.group_id or approved_at.date <= meeting.date:
        raise ValidationError("Minutes are agreed at a later meeting of the same group")
    require_happened(meeting, "it has no minutes to agree")
    # The agreement is a decision of that meeting: it cannot be recorded before it sits.
    require_happened(approved_at, "it cannot have agreed any minutes yet")
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_at = approved_at
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
    save_tracked(
        meeting, by=by, opened_version=None, reason=f"Minutes agreed as accurate at {approved_at}"
    )
    return meeting


@transaction.atomic
def meeting_minutes_publish(*, meeting: Meeting, by: User) -> Meeting:
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        raise ValidationError("Only minutes agreed as accurate can be published")
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED
    meeting.minutes_published_at = timezone.now()
    save_tracked(meeting, by=by, opened_version=None, reason="Minutes published")
    return meeting


@transaction.atomic
def meeting_minutes_reopen(*, meeting: Meeting, by: User) -> Meeting:
    """Put agreed or published minutes back to draft so they can be corrected."""
    if meeting.minutes_status == Meeting.MinutesStatus.DRAFT:
        raise ValidationError("These minutes are already a draft")
    meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    meeting.minutes_approved_at = None
    meeting.minutes_published_at = None
    save_tracked(meeting, by=by, opened_version=None, reason="Minutes re-opened for correction")
    return meeting
