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
from sendboard.core.forms import with_stale_error
from sendboard.core.pagecache import cached_for_reader
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


def _act(request: HttpRequest, call, *, to, done: str = ""):
    """Run a service call behind a button; a refusal is shown on the page it goes back to."""
    try:
        call()
    except ValidationError as error:
        return _refused(request, error, to)
    if done:
        messages.success(request, done)
    return to


def _form_page(request: HttpRequest, form, *, title: str, back: str, caption: str = "", **extra):
    context = {"form": form, "title": title, "back": back, "caption": caption, **extra}
    return render(request, "meetings/form.html", context)


def _attempt(request: HttpRequest, form, call, *, done: str) -> tuple[bool, object]:
    """Once the form is valid, call a service with its fields; the version goes separately.

    A refusal goes on the form, shown in the GOV.UK error summary.
    """
    if request.method != "POST" or not form.is_valid():
        return False, None
    fields = {name: value for name, value in form.cleaned_data.items() if name != "opened_version"}
    try:
        made = call(fields)
    except StaleEdit as stale:
        with_stale_error(form, stale)
    except ValidationError as error:
        form.add_error(None, error)
    else:
        messages.success(request, done)
        return True, made
    return False, None


# Meetings


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
    saved, meeting = _attempt(
        request,
        form,
        lambda fields: services.meeting_create(**fields, by=request.user),
        done="Meeting created with the standing items on its agenda",
    )
    if saved:
        return redirect(meeting)
    return _form_page(
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
    saved, _ = _attempt(
        request,
        form,
        lambda fields: services.meeting_update(
            meeting=meeting,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
            **fields,
        ),
        done="Meeting details saved",
    )
    if saved:
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
        return _act(
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
    meeting = _get_meeting(partnership, code)
    return _act(
        request,
        lambda: services.meeting_mark_held(meeting=meeting, by=request.user),
        to=redirect(meeting),
        done="Meeting marked as held",
    )


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
    return _act(
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
    meeting = _get_meeting(partnership, code)
    try:
        back = _get_meeting(partnership, uuid.UUID(request.POST.get("back_to", "")))
    except ValueError:
        back = meeting
    return _act(
        request,
        lambda: services.meeting_minutes_publish(meeting=meeting, by=request.user),
        to=redirect(back),
        done=f"Minutes of {meeting.date:%-d %B %Y} published",
    )


@require_POST
@partnership_view(Capability.MANAGE)
def meeting_minutes_reopen(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    return _act(
        request,
        lambda: services.meeting_minutes_reopen(meeting=meeting, by=request.user),
        to=redirect(meeting),
        done="Minutes re-opened as a draft",
    )


# Agenda


@partnership_view(Capability.EDIT)
def agenda_item_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    form = AgendaItemForm(request.POST or None, partnership=partnership)
    saved, item = _attempt(
        request,
        form,
        lambda fields: services.agenda_item_add(meeting=meeting, by=request.user, **fields),
        done="Item added to the agenda",
    )
    if saved:
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
    saved, _ = _attempt(
        request,
        form,
        lambda fields: services.agenda_item_update(
            item=item, opened_version=form.cleaned_data["opened_version"], by=request.user, **fields
        ),
        done="Item saved",
    )
    if saved:
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
    return _act(
        request,
        lambda: services.agenda_item_move(
            item=item, direction=request.POST.get("direction", ""), by=request.user
        ),
        to=_at_item(item),
    )


@partnership_view(Capability.EDIT)
def agenda_item_remove(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = _get_item(partnership, code)
    meeting = item.meeting
    if request.method == "POST":
        return _act(
            request,
            lambda: services.agenda_item_remove(item=item, by=request.user),
            to=redirect(meeting),
            done=f"“{item.title}” removed from the agenda",
        )
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
    saved, _ = _attempt(
        request,
        form,
        lambda fields: services.paper_upload(
            item=item,
            title=fields["title"],
            file=fields["file"],
            by=request.user,
        ),
        done="Paper added",
    )
    if saved:
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
    # Editors keep the withdrawn file as a record; everyone else no longer sees it.
    if paper.withdrawn_at and not request.access.can(Capability.EDIT):
        raise Http404("This paper was withdrawn")
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
    return _act(
        request,
        lambda: services.paper_withdraw(paper=paper, by=request.user),
        to=_at_item(paper.item),
        done=f"“{paper.title}” withdrawn",
    )


# Attendance


@partnership_view(Capability.EDIT)
def attendance_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = _get_meeting(partnership, code)
    listed, others = queries.people_for_attendance(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, listed=listed, others=others)
    saved, _ = _attempt(
        request,
        form,
        lambda fields: services.attendance_record(
            meeting=meeting, rows=fields["rows"], by=request.user
        ),
        done="Attendance saved",
    )
    if saved:
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
    saved, _ = _attempt(
        request,
        form,
        lambda fields: services.minute_entry_add(item=item, by=request.user, **fields),
        done="Minutes added",
    )
    if saved:
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
    saved, _ = _attempt(
        request,
        form,
        lambda fields: services.minute_entry_update(
            entry=entry,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
            **fields,
        ),
        done="Minutes saved",
    )
    if saved:
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
        return _act(
            request,
            lambda: services.minute_entry_delete(entry=entry, by=request.user),
            to=_at_item(entry.item),
            done="Minutes deleted",
        )
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
    return _act(
        request,
        lambda: services.minute_entry_move(
            entry=entry, direction=request.POST.get("direction", ""), by=request.user
        ),
        to=_at_item(entry.item),
    )
