"""Building a meeting's agenda: items added, changed, moved, removed, put back."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import queries, services
from sendboard.meetings.forms import AgendaItemForm
from sendboard.meetings.models import AgendaItem
from sendboard.meetings.views._shared import form_page, get_item


@partnership_view(Capability.EDIT)
def agenda_item_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    meeting = queries.meeting_in(partnership, code)
    form = AgendaItemForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.agenda_item_add(meeting=meeting, **fields, by=request.user),
        done="Item added to the agenda",
    )
    if outcome.saved:
        return redirect(outcome.result)
    return form_page(
        request,
        form,
        title="Add an item to the agenda",
        caption=str(meeting),
        back=meeting.get_absolute_url(),
        button="Add item",
    )


@partnership_view(Capability.EDIT)
def agenda_item_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = get_item(partnership, code)
    form = AgendaItemForm(request.POST or None, instance=item, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.agenda_item_update(
            item=item,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done="Item saved",
        refresh=lambda stale: AgendaItemForm(
            instance=get_item(partnership, code), partnership=partnership
        ),
    )
    if outcome.saved:
        return redirect(item)
    return form_page(
        request,
        outcome.form,
        title=f"Change item {item.position}",
        caption=str(item.meeting),
        back=item.meeting.get_absolute_url(),
    )


@require_POST
@partnership_view(Capability.EDIT)
def agenda_item_move(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = get_item(partnership, code)
    return act(
        request,
        lambda: services.agenda_item_move(
            item=item, direction=request.POST.get("direction", ""), by=request.user
        ),
        to=redirect(item),
    )


@partnership_view(Capability.EDIT)
def agenda_item_remove(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = get_item(partnership, code)
    meeting = item.meeting
    if request.method == "POST":
        return act(
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
    meeting = queries.meeting_in(partnership, code)
    standing = request.POST.get("standing", "")
    if standing not in AgendaItem.Standing.values:
        raise Http404("No such standing item")
    return act(
        request,
        lambda: services.agenda_standing_item_add(
            meeting=meeting, standing=standing, by=request.user
        ),
        to=redirect(meeting),
        done=f"“{AgendaItem.Standing(standing).label}” added back to the agenda",
        then=redirect,
    )
