import csv

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sendboard.actions import queries, services
from sendboard.actions.forms import (
    ActionCreateForm,
    ActionEditForm,
    ActionFilterForm,
    ActionUpdateForm,
)
from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, may_change_owned, partnership_view
from sendboard.lib.spreadsheets import safe_cells
from sendboard.meetings.models import AgendaItem

PAGE_SIZE = 50


@partnership_view(Capability.VIEW)
@cached_for_reader
def action_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, partnership=partnership)
    today = timezone.localdate()
    actions = queries.action_log(partnership, filters=form.filters(), today=today)
    return _render_log(request, partnership, actions, form=form, title="Action log", today=today)


@partnership_view(Capability.VIEW)
@cached_for_reader
def my_actions(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, partnership=partnership)
    del form.fields["owner"]
    person = request.access.person
    today = timezone.localdate()
    actions = queries.action_log(partnership, filters=form.filters(), today=today)
    actions = actions.filter(owners=person) if person else actions.none()
    return _render_log(
        request,
        partnership,
        actions,
        form=form,
        title="My actions",
        today=today,
        csv_owner=person.pk if person else None,
    )


@partnership_view(Capability.VIEW)
def action_log_csv(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = ActionFilterForm(request.GET or None, partnership=partnership)
    today = timezone.localdate()
    actions = queries.action_log_with_latest_update(
        queries.for_table(
            queries.action_log(partnership, filters=form.filters(), today=today), today=today
        )
    )
    # The byte order mark makes Excel read the file as UTF-8.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-action-log.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "Reference",
            "Action",
            "Detail",
            "Group",
            "Raised at meeting",
            "Owners",
            "Due",
            "By next meeting",
            "Status",
            "Overdue",
            "Closed on",
            "Latest update",
            "Latest update on",
        ]
    )
    for action in actions.iterator(chunk_size=500):
        writer.writerow(
            safe_cells(
                [
                    action.reference,
                    action.title,
                    action.description,
                    action.group.name,
                    action.source_meeting.date.isoformat() if action.source_meeting else "",
                    "; ".join(owner.name for owner in action.owners.all()),
                    action.due_on.isoformat() if action.due_on else "",
                    "Yes" if action.due_by_next_meeting else "No",
                    action.get_status_display(),
                    "Yes" if action.overdue else "No",
                    action.closed_on.isoformat() if action.closed_on else "",
                    action.latest_update or "",
                    action.latest_update_on.isoformat() if action.latest_update_on else "",
                ]
            )
        )
    return response


@partnership_view(Capability.EDIT)
def action_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    # "Raise an action" on an agenda item links here with ?item=<code>; the form
    # posts back to the same address, so the item stays known on both requests.
    item = _agenda_item_from_query(request, partnership)
    initial = (
        {
            "group": item.meeting.group_id,
            "source_meeting": item.meeting_id,
            "source_item": item.code,
        }
        if item
        else {}
    )
    form = ActionCreateForm(request.POST or None, partnership=partnership, initial=initial)
    outcome = submit(
        request,
        form,
        lambda fields: services.action_create(**fields, by=request.user),
        done=lambda action: f"Action {action.reference} raised",
    )
    if outcome.saved:
        return redirect(outcome.result)
    return render(
        request,
        "actions/action_form.html",
        {"partnership": partnership, "form": form, "title": "Raise an action", "source_item": item},
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def action_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    action = queries.action_for_page(partnership, code, today=timezone.localdate())
    return render(
        request,
        "actions/action_detail.html",
        {
            "partnership": partnership,
            "action": action,
            "may_add_update": may_change_owned(request.access, action.owners.all()),
            "may_edit": request.access.can(Capability.EDIT),
        },
    )


@partnership_view(Capability.EDIT)
def action_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    action = queries.action_for_page(partnership, code, today=timezone.localdate())
    form = ActionEditForm(request.POST or None, partnership=partnership, instance=action)
    outcome = submit(
        request,
        form,
        lambda fields: services.action_edit(
            action=action,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=f"Action {action.reference} saved",
        refresh=lambda stale: ActionEditForm(
            partnership=partnership,
            instance=queries.action_for_page(partnership, code, today=timezone.localdate()),
        ),
    )
    if outcome.saved:
        return redirect(action)
    return render(
        request,
        "actions/action_form.html",
        {
            "partnership": partnership,
            "form": outcome.form,
            "action": outcome.form.instance,
            "title": f"Edit action {action.reference}",
        },
    )


@partnership_view(Capability.VIEW)
def action_update_add(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    action = queries.action_for_page(partnership, code, today=timezone.localdate())
    # The service checks this too; asking first refuses the form, not only its saving.
    if not may_change_owned(request.access, action.owners.all()):
        raise PermissionDenied("Only editors and the action's owners can update it.")
    form = ActionUpdateForm(request.POST or None, action=action)
    outcome = submit(
        request,
        form,
        lambda fields: services.action_update_add(action=action, **fields, by=request.user),
        done=f"Update added to {action.reference}",
    )
    if outcome.saved:
        return redirect(action)
    return render(
        request,
        "actions/action_update_form.html",
        {"partnership": partnership, "form": form, "action": action},
    )


def _render_log(
    request, partnership, actions, *, form, title, today, csv_owner=None
) -> HttpResponse:
    page, rows = queries.page_of_log(
        actions, number=request.GET.get("page"), per_page=PAGE_SIZE, today=today
    )
    return render(
        request,
        "actions/action_list.html",
        {
            "partnership": partnership,
            "form": form,
            "page": page,
            "rows": rows,
            "title": title,
            "may_edit": request.access.can(Capability.EDIT),
            "csv_owner": csv_owner,
        },
    )


def _agenda_item_from_query(request: HttpRequest, partnership: Partnership) -> AgendaItem | None:
    code = request.GET.get("item")
    if not code:
        return None
    try:
        return (
            AgendaItem.objects.select_related("meeting__group")
            .filter(meeting__group__partnership=partnership, code=code)
            .first()
        )
    except ValidationError:
        return None
