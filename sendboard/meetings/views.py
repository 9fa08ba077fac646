import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.actions.queries import action_log_review
from sendboard.core.services import StaleEdit
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Group, Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import queries, services
from sendboard.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    MeetingForm,
    MinuteEntryForm,
    PaperForm,
)
from sendboard.meetings.models import AgendaItem, Meeting, MinuteEntry, Paper

PAST_PER_PAGE = 25


def _get_meeting(partnership: Partnership, code) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("group__partnership"),
        group__partnership=partnership,
        code=code,
    )


def _get_item(partnership: Partnership, code) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__group__partnership"),
        meeting__group__partnership=partnership,
        code=code,
    )


def _get_entry(partnership: Partnership, code) -> MinuteEntry:
    return get_object_or_404(
        MinuteEntry.objects.select_related("item__meeting__group__partnership"),
        item__meeting__group__partnership=partnership,
        code=code,
    )


def _get_paper(partnership: Partnership, code) -> Paper:
    return get_object_or_404(
        Paper.objects.select_related("item__meeting__group"),
        item__meeting__group__partnership=partnership,
        code=code,
    )


def _at_item(item: AgendaItem):
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.code}")


def _refused(request: HttpRequest, error: ValidationError, to):
    for message in error.messages:
        messages.error(request, message)
    return to


def _form_page(request: HttpRequest, form, *, title: str, back: str, caption: str = "", **extra):
    context = {"form": form, "title": title, "back": back, "caption": caption, **extra}
    return render(request, "meetings/form.html", context)


def _fields(form) -> dict:
    """The form's fields as a service's keyword arguments; the version goes separately."""
    return {name: value for name, value in form.cleaned_data.items() if name != "opened_version"}


def _attempt(form, call) -> tuple[bool, object]:
    """Run a service call; a refusal goes on the form, shown in the GOV.UK error summary."""
    try:
        return True, call()
    except StaleEdit as stale:
        form.add_error(None, str(stale))
    except ValidationError as error:
        form.add_error(None, error)
    return False, None


# Meetings


@partnership_view(Capability.VIEW)
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
    initial = {"group": group, "number": queries.meeting_number_suggested(group)} if group else {}
    form = MeetingForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        saved, meeting = _attempt(form, lambda: services.meeting_create(**fields, by=request.user))
        if saved:
            messages.success(request, "Meeting created with the standing items on its agenda")
            return redirect(meeting)
    return _form_page(
        request,
        form,
        title="Create a meeting",
        back=reverse("meeting_list", args=[partnership.slug]),
        button="Create meeting",
    )


@partnership_view(Capability.VIEW)
def meeting_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_for_page(partnership, code)
    on_agenda = {item.standing for item in meeting.item_list}
    # The review finds the group's last meeting anyway; the page links to the same one.
    review = action_log_review(board=meeting.group.board, meeting=meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "partnership": partnership,
            "meeting": meeting,
            "agenda": queries.agenda_with_minutes(meeting),
            "attendance": queries.attendance_sections(meeting),
            "forward_plan_due": queries.forward_plan_due(meeting),
            "previous": review.previous_meeting,
            "changes": queries.agenda_changes(meeting),
            "review": review,
            "missing_standing": [s for s in AgendaItem.Standing if s not in on_agenda],
            "can_edit": request.access.can(Capability.EDIT),
            "can_manage": request.access.can(Capability.MANAGE),
            "draft": meeting.minutes_status == Meeting.MinutesStatus.DRAFT,
        },
    )


@partnership_view(Capability.EDIT)
def meeting_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    form = MeetingForm(request.POST or None, instance=meeting, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        opened = form.cleaned_data["opened_version"]
        saved, _ = _attempt(
            form,
            lambda: services.meeting_update(
                meeting=meeting, opened_version=opened, by=request.user, **fields
            ),
        )
        if saved:
            messages.success(request, "Meeting details saved")
            return redirect(meeting)
    return _form_page(
        request,
        form,
        title="Change the meeting details",
        caption=str(meeting),
        back=meeting.get_absolute_url(),
    )


@partnership_view(Capability.EDIT)
def meeting_cancel(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting, by=request.user)
        except ValidationError as error:
            return _refused(request, error, redirect(meeting))
        messages.success(request, "Meeting cancelled")
        return redirect(meeting)
    return render(
        request,
        "meetings/confirm.html",
        {
            "title": "Cancel this meeting?",
            "caption": str(meeting),
            "body": "The meeting stays in the list, marked as cancelled, with its agenda.",
            "button": "Cancel the meeting",
            "back": meeting.get_absolute_url(),
        },
    )


@require_POST
@partnership_view(Capability.EDIT)
def meeting_mark_held(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    try:
        services.meeting_mark_held(meeting=meeting, by=request.user)
    except ValidationError as error:
        return _refused(request, error, redirect(meeting))
    messages.success(request, "Meeting marked as held")
    return redirect(meeting)


# Minutes workflow


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_approve(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    try:
        at_code = uuid.UUID(request.POST.get("approved_at", ""))
    except ValueError as bad:
        raise Http404("Choose the meeting that agreed the minutes") from bad
    approved_at = _get_meeting(partnership, at_code)
    try:
        services.meeting_minutes_approve(meeting=meeting, approved_at=approved_at, by=request.user)
    except ValidationError as error:
        return _refused(request, error, redirect(approved_at))
    messages.success(request, f"Minutes of {meeting.date:%-d %B %Y} agreed as accurate")
    return redirect(approved_at)


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_publish(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    try:
        services.meeting_minutes_publish(meeting=meeting, by=request.user)
    except ValidationError as error:
        return _refused(request, error, redirect(meeting))
    messages.success(request, "Minutes published")
    return redirect(meeting)


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_reopen(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    try:
        services.meeting_minutes_reopen(meeting=meeting, by=request.user)
    except ValidationError as error:
        return _refused(request, error, redirect(meeting))
    messages.success(request, "Minutes re-opened as a draft")
    return redirect(meeting)


# Agenda


@partnership_view(Capability.EDIT)
def agenda_item_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    form = AgendaItemForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        saved, item = _attempt(
            form, lambda: services.agenda_item_add(meeting=meeting, by=request.user, **fields)
        )
        if saved:
            messages.success(request, "Item added to the agenda")
            return _at_item(item)
    return _form_page(
        request,
        form,
        title="Add an item to the agenda",
        caption=str(meeting),
        back=meeting.get_absolute_url(),
        button="Add item",
    )


@partnership_view(Capability.EDIT)
def agenda_item_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = _get_item(partnership, code)
    form = AgendaItemForm(request.POST or None, instance=item, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        opened = form.cleaned_data["opened_version"]
        saved, _ = _attempt(
            form,
            lambda: services.agenda_item_update(
                item=item, opened_version=opened, by=request.user, **fields
            ),
        )
        if saved:
            messages.success(request, "Item saved")
            return _at_item(item)
    return _form_page(
        request,
        form,
        title=f"Change item {item.position}",
        caption=str(item.meeting),
        back=item.meeting.get_absolute_url(),
    )


@require_POST
@partnership_view(Capability.EDIT)
def agenda_item_move(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = _get_item(partnership, code)
    try:
        services.agenda_item_move(
            item=item, direction=request.POST.get("direction", ""), by=request.user
        )
    except ValidationError as error:
        return _refused(request, error, _at_item(item))
    return _at_item(item)


@partnership_view(Capability.EDIT)
def agenda_item_remove(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = _get_item(partnership, code)
    meeting = item.meeting
    if request.method == "POST":
        try:
            services.agenda_item_remove(item=item, by=request.user)
        except ValidationError as error:
            return _refused(request, error, redirect(meeting))
        messages.success(request, f"“{item.title}” removed from the agenda")
        return redirect(meeting)
    return render(
        request,
        "meetings/confirm.html",
        {
            "title": f"Remove “{item.title}” from the agenda?",
            "caption": str(meeting),
            "body": "Its minutes and papers go with it. The change history keeps a record of them.",
            "button": "Remove item",
            "back": meeting.get_absolute_url(),
        },
    )


@require_POST
@partnership_view(Capability.EDIT)
def agenda_standing_item_add(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    standing = request.POST.get("standing", "")
    if standing not in AgendaItem.Standing.values:
        raise Http404("No such standing item")
    try:
        item = services.agenda_standing_item_add(
            meeting=meeting, standing=standing, by=request.user
        )
    except ValidationError as error:
        return _refused(request, error, redirect(meeting))
    messages.success(request, f"“{item.title}” added back to the agenda")
    return _at_item(item)


@require_POST
@partnership_view(Capability.EDIT)
def agenda_item_schedule(
    request: HttpRequest, partnership: Partnership, code, item
) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    planned = get_object_or_404(ForwardPlanItem, group=meeting.group, code=item)
    try:
        added = services.agenda_item_schedule(
            meeting=meeting, forward_plan_item=planned, by=request.user
        )
    except ValidationError as error:
        return _refused(request, error, redirect(meeting))
    messages.success(request, f"“{added.title}” put on the agenda")
    return _at_item(added)


# Papers


@partnership_view(Capability.EDIT)
def paper_upload(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = _get_item(partnership, code)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved, _ = _attempt(
            form,
            lambda: services.paper_upload(
                item=item,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                by=request.user,
            ),
        )
        if saved:
            messages.success(request, "Paper added")
            return _at_item(item)
    return _form_page(
        request,
        form,
        title=f"Add a paper to item {item.position}",
        caption=item.title,
        back=item.meeting.get_absolute_url(),
        button="Upload paper",
        multipart=True,
    )


@partnership_view(Capability.VIEW)
def paper_download(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    paper = _get_paper(partnership, code)
    try:
        opened = paper.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file of this paper is missing") from missing
    name = paper.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(opened, as_attachment=True, filename=name)


@require_POST
@partnership_view(Capability.EDIT)
def paper_withdraw(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    paper = _get_paper(partnership, code)
    try:
        services.paper_withdraw(paper=paper, by=request.user)
    except ValidationError as error:
        return _refused(request, error, _at_item(paper.item))
    messages.success(request, f"“{paper.title}” withdrawn")
    return _at_item(paper.item)


# Attendance


@partnership_view(Capability.EDIT)
def attendance_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    listed, others = queries.people_for_attendance(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, listed=listed, others=others)
    if request.method == "POST" and form.is_valid():
        saved, _ = _attempt(
            form,
            lambda: services.attendance_record(
                meeting=meeting, rows=form.cleaned_data["rows"], by=request.user
            ),
        )
        if saved:
            messages.success(request, "Attendance saved")
            return redirect(f"{meeting.get_absolute_url()}#attendance")
    return render(
        request,
        "meetings/attendance_form.html",
        {"partnership": partnership, "meeting": meeting, "form": form},
    )


# Minutes


@partnership_view(Capability.EDIT)
def minute_entry_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = _get_item(partnership, code)
    form = MinuteEntryForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        saved, _ = _attempt(
            form, lambda: services.minute_entry_add(item=item, by=request.user, **fields)
        )
        if saved:
            messages.success(request, "Minutes added")
            return _at_item(item)
    return _form_page(
        request,
        form,
        title=f"Add minutes to item {item.position}",
        caption=item.title,
        back=item.meeting.get_absolute_url(),
        button="Add to the minutes",
    )


@partnership_view(Capability.EDIT)
def minute_entry_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    entry = _get_entry(partnership, code)
    form = MinuteEntryForm(request.POST or None, instance=entry, item=entry.item)
    if request.method == "POST" and form.is_valid():
        fields = _fields(form)
        opened = form.cleaned_data["opened_version"]
        saved, _ = _attempt(
            form,
            lambda: services.minute_entry_update(
                entry=entry, opened_version=opened, by=request.user, **fields
            ),
        )
        if saved:
            messages.success(request, "Minutes saved")
            return _at_item(entry.item)
    return _form_page(
        request,
        form,
        title="Change the minutes",
        caption=entry.item.title,
        back=entry.item.meeting.get_absolute_url(),
    )


@partnership_view(Capability.EDIT)
def minute_entry_delete(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    entry = _get_entry(partnership, code)
    if request.method == "POST":
        try:
            services.minute_entry_delete(entry=entry, by=request.user)
        except ValidationError as error:
            return _refused(request, error, _at_item(entry.item))
        messages.success(request, "Minutes deleted")
        return _at_item(entry.item)
    return render(
        request,
        "meetings/confirm.html",
        {
            "title": f"Delete this {entry.get_kind_display().lower()}?",
            "caption": entry.item.title,
            "body": entry.text,
            "button": "Delete",
            "back": entry.item.meeting.get_absolute_url(),
        },
    )


@require_POST
@partnership_view(Capability.EDIT)
def minute_entry_move(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    entry = _get_entry(partnership, code)
    try:
        services.minute_entry_move(
            entry=entry, direction=request.POST.get("direction", ""), by=request.user
        )
    except ValidationError as error:
        return _refused(request, error, _at_item(entry.item))
    return _at_item(entry.item)
