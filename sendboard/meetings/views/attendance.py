"""Recording who attended a meeting."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import queries, services
from sendboard.meetings.forms import AttendanceForm


@partnership_view(Capability.EDIT)
def attendance_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    listed, others = queries.people_for_attendance(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, listed=listed, others=others)
    outcome = submit(
        request,
        form,
        lambda fields: services.attendance_record(meeting=meeting, **fields, by=request.user),
        done="Attendance saved",
    )
    if outcome.saved:
        return redirect(f"{meeting.get_absolute_url()}#attendance")
    return render(
        request,
        "meetings/attendance_form.html",
        {"partnership": partnership, "meeting": meeting, "form": form},
    )


@require_POST
@partnership_view(Capability.EDIT)
def attendance_members_present(
    request: HttpRequest, partnership: Partnership, code
) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    return act(
        request,
        lambda: services.attendance_members_present(meeting=meeting, by=request.user),
        to=redirect("attendance_edit", partnership.slug, meeting.code),
        then=lambda added: _marked(request, meeting, added),
    )


def _marked(request: HttpRequest, meeting, added: int) -> HttpResponse:
    members = "member" if added == 1 else "members"
    messages.success(request, f"{added} {members} not yet recorded marked present")
    return redirect("attendance_edit", meeting.group.partnership.slug, meeting.code)
