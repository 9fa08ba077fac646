"""The minutes' workflow, a manager's buttons: agree the minutes, publish, re-open."""

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sendboard.core.submit import act
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import queries, services


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_approve(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    try:
        at_code = uuid.UUID(request.POST.get("approved_at", ""))
    except ValueError as bad:
        raise Http404("Choose the meeting that agreed the minutes") from bad
    approved_at = queries.meeting_in(partnership, at_code)
    return act(
        request,
        lambda: services.meeting_minutes_approve(
            meeting=meeting, approved_at=approved_at, by=request.user
        ),
        to=redirect(approved_at),
        done=f"Minutes of {meeting.date:%-d %B %Y} agreed as accurate",
    )


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_publish(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    """Publish from the meeting's own page, or from the next meeting's page that agreed them."""
    meeting = queries.meeting_in(partnership, code)
    try:
        back = queries.meeting_in(partnership, uuid.UUID(request.POST.get("back_to", "")))
    except ValueError:
        back = meeting
    return act(
        request,
        lambda: services.meeting_minutes_publish(meeting=meeting, by=request.user),
        to=redirect(back),
        done=f"Minutes of {meeting.date:%-d %B %Y} published",
    )


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_reopen(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    return act(
        request,
        lambda: services.meeting_minutes_reopen(meeting=meeting, by=request.user),
        to=redirect(meeting),
        done="Minutes re-opened as a draft",
    )
