"""Writing the minutes under an agenda item: entries added, changed, deleted, moved."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings import services
from sendboard.meetings.forms import MinuteEntryForm
from sendboard.meetings.views._shared import form_page, get_entry, get_item


@partnership_view(Capability.EDIT)
def minute_entry_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = get_item(partnership, code)
    form = MinuteEntryForm(request.POST or None, item=item)
    outcome = submit(
        request,
        form,
        lambda fields: services.minute_entry_add(item=item, **fields, by=request.user),
        done="Minutes added",
    )
    if outcome.saved:
        return redirect(item)
    return form_page(
        request,
        form,
        title=f"Add minutes to item {item.position}",
        caption=item.title,
        back=item.meeting.get_absolute_url(),
        button="Add to the minutes",
    )


@partnership_view(Capability.EDIT)
def minute_entry_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    entry = get_entry(partnership, code)
    form = MinuteEntryForm(request.POST or None, instance=entry, item=entry.item)
    outcome = submit(
        request,
        form,
        lambda fields: services.minute_entry_update(
            entry=entry,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done="Minutes saved",
        refresh=lambda stale: MinuteEntryForm(
            instance=get_entry(partnership, code), item=entry.item
        ),
    )
    if outcome.saved:
        return redirect(entry.item)
    return form_page(
        request,
        outcome.form,
        title="Change the minutes",
        caption=entry.item.title,
        back=entry.item.meeting.get_absolute_url(),
    )


@partnership_view(Capability.EDIT)
def minute_entry_delete(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    entry = get_entry(partnership, code)
    if request.method == "POST":
        return act(
            request,
            lambda: services.minute_entry_delete(entry=entry, by=request.user),
            to=redirect(entry.item),
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
    entry = get_entry(partnership, code)
    return act(
        request,
        lambda: services.minute_entry_move(
            entry=entry, direction=request.POST.get("direction", ""), by=request.user
        ),
        to=redirect(entry.item),
    )
