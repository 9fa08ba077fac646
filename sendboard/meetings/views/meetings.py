"""The meetings of a partnership: the list, a meeting's page, its details and status."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.governance.models import Group, Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import contributions, queries, services
from sendboard.meetings.forms import MeetingForm
from sendboard.meetings.models import AgendaItem, Meeting
from sendboard.meetings.views._shared import form_page

PAST_PER_PAGE = 25


@partnership_view(Capability.VIEW)
@cached_for_reader
def meeting_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    groups = list(Group.objects.filter(partnership=partnership))
    group = next((g for g in groups if g.slug == request.GET.get("group")), None)
    upcoming, past = queries.meetings_upcoming_and_past(
        partnership, today=timezone.localdate(), group=group
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "partnership": partnership,
            "groups": groups,
            "group": group,
            "upcoming": upcoming,
            "past": Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page")),
            "can_edit": request.access.can(Capability.EDIT),
        },
    )


@partnership_view(Capability.EDIT)
def meeting_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    group = Group.objects.filter(partnership=partnership, slug=request.GET.get("group")).first()
    group = group or Group.objects.filter(partnership=partnership, kind=Group.Kind.BOARD).first()
    # No number is filled in: it would stay the first group's if another group were chosen.
    # Left blank, the service numbers the meeting next in its own group's series.
    form = MeetingForm(request.POST or None, partnership=partnership, initial={"group": group})
    outcome = submit(
        request,
        form,
        lambda fields: services.meeting_create(**fields, by=request.user),
        done="Meeting created with the standing items on its agenda",
    )
    if outcome.saved:
        return redirect(outcome.result)
    return form_page(
        request,
        form,
        title="Create a meeting",
        back=reverse("meeting_list", args=[partnership.slug]),
        button="Create meeting",
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def meeting_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_for_page(partnership, code)
    on_agenda = {item.standing for item in meeting.item_list}
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            **contributions.page_context(meeting),
            "partnership": partnership,
            "meeting": meeting,
            "agenda": queries.agenda_with_minutes(meeting),
            "attendance": queries.attendance_sections(meeting),
            "previous": queries.previous_meeting_before(meeting),
            "changes": queries.agenda_changes(meeting),
            "missing_standing": [s for s in AgendaItem.Standing if s not in on_agenda],
            "can_edit": request.access.can(Capability.EDIT),
            "can_manage": request.access.can(Capability.MANAGE),
            "draft": meeting.minutes_status == Meeting.MinutesStatus.DRAFT,
        },
    )


@partnership_view(Capability.EDIT)
def meeting_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    form = MeetingForm(request.POST or None, instance=meeting, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.meeting_update(
            meeting=meeting,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done="Meeting details saved",
        refresh=lambda stale: MeetingForm(
            instance=queries.meeting_in(partnership, code), partnership=partnership
        ),
    )
    if outcome.saved:
        return redirect(meeting)
    return form_page(
        request,
        outcome.form,
        title="Change the meeting details",
        caption=str(outcome.form.instance),
        back=meeting.get_absolute_url(),
    )


@partnership_view(Capability.EDIT)
def meeting_cancel(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    if request.method == "POST":
        return act(
            request,
            lambda: services.meeting_cancel(meeting=meeting, by=request.user),
            to=redirect(meeting),
            done="Meeting cancelled",
        )
    return render(
        request,
        "meetings/confirm.html",
        {
            "title": "Cancel this meeting?",
            "caption": str(meeting),
            "body": "The meeting stays in the list, marked as cancelled, with its agenda.",
            "button": "Cancel the meeting",
            # "Cancel" beside "Cancel the meeting" would read as doing it.
            "keep": "Keep the meeting",
            "back": meeting.get_absolute_url(),
        },
    )


@require_POST
@partnership_view(Capability.EDIT)
def meeting_mark_held(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    return act(
        request,
        lambda: services.meeting_mark_held(meeting=meeting, by=request.user),
        to=redirect(meeting),
        done="Meeting marked as held",
    )
