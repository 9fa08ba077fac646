"""Changes to public summaries: draft from the records, edit, publish, withdraw.

A summary is edited only while it is not public (a draft, or withdrawn), so a
published page always shows exactly what a manager published.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.governance.models import Group
from sendboard.meetings.models import Meeting
from sendboard.publishing.drafting import draft_body, summary_title
from sendboard.publishing.models import PublicSummary

Status = PublicSummary.Status
EDITABLE = (Status.DRAFT, Status.WITHDRAWN)


@transaction.atomic
def summary_draft(*, meeting: Meeting, by: User) -> PublicSummary:
    """A new draft summary of a board meeting, written from its records."""
    if meeting.group.kind != Group.Kind.BOARD:
        raise ValidationError("Only a board meeting has a public summary.")
    if PublicSummary.objects.filter(meeting=meeting).exists():
        raise ValidationError("This meeting already has a summary.")
    summary = PublicSummary(meeting=meeting, title=summary_title(meeting), body=draft_body(meeting))
    save_tracked(summary, by=by, opened_version=None, reason="Drafted from the meeting records")
    return summary


@transaction.atomic
def summary_update(
    *, summary: PublicSummary, by: User, opened_version: int | None, title: str, body: str
) -> PublicSummary:
    _require_editable(summary)
    summary.title = title.strip()
    summary.body = body
    _validate_content(summary)
    save_tracked(summary, by=by, opened_version=opened_version, reason="Edited")
    return summary


@transaction.atomic
def summary_redraft(
    *, summary: PublicSummary, by: User, opened_version: int | None
) -> PublicSummary:
    """Replace the body with a fresh draft from the records; the title stays as edited."""
    _require_editable(summary)
    summary.body = draft_body(summary.meeting)
    save_tracked(
        summary, by=by, opened_version=opened_version, reason="Redrafted from the meeting records"
    )
    return summary


@transaction.atomic
def summary_publish(
    *, summary: PublicSummary, by: User, opened_version: int | None
) -> PublicSummary:
    if summary.status == Status.PUBLISHED:
        raise ValidationError("This summary is already published.")
    _validate_content(summary)
    summary.status = Status.PUBLISHED
    summary.published_at = timezone.now()
    summary.published_by = by
    save_tracked(summary, by=by, opened_version=opened_version, reason="Published")
    return summary


@transaction.atomic
def summary_withdraw(
    *, summary: PublicSummary, by: User, opened_version: int | None, reason: str = ""
) -> PublicSummary:
    """Take a published summary off the public pages; it stays in the list and its history."""
    if summary.status != Status.PUBLISHED:
        raise ValidationError("Only a published summary can be withdrawn.")
    summary.status = Status.WITHDRAWN
    save_tracked(
        summary,
        by=by,
        opened_version=opened_version,
        reason=f"Withdrawn: {reason}" if reason else "Withdrawn",
    )
    return summary


def _require_editable(summary: PublicSummary) -> None:
    if summary.status not in EDITABLE:
        raise ValidationError(
            "A published summary cannot be changed. Withdraw it first, then edit it."
        )


def _validate_content(summary: PublicSummary) -> None:
    if not summary.title.strip():
        raise ValidationError({"title": "Enter a title"})
    if not summary.body.strip():
        raise ValidationError({"body": "Enter the summary"})
