from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.actions.queries import action_for_page
from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.forwardplan import queries, services
from sendboard.forwardplan.forms import (
    ForwardPlanDeferForm,
    ForwardPlanFilterForm,
    ForwardPlanItemCreateForm,
    ForwardPlanItemEditForm,
)
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings.queries import meeting_in


@partnership_view(Capability.VIEW)
@cached_for_reader
def forward_plan(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = ForwardPlanFilterForm(request.GET or None, partnership=partnership)
    chosen = form.cleaned_data if form.is_valid() else {}
    months = queries.forward_plan(
        partnership,
        group=chosen.get("group"),
        include_presented=chosen.get("include_presented", False),
    )
    return render(
        request,
        "forwardplan/forward_plan.html",
        {
            "partnership": partnership,
            "form": form,
            "months": months,
            "may_edit": request.access.can(Capability.EDIT),
        },
    )


@partnership_view(Capability.EDIT)
def forward_plan_item_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = ForwardPlanItemCreateForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.forward_plan_item_create(**fields, by=request.user),
        done=lambda item: f"“{item.title}” added to the forward plan",
    )
    if outcome.saved:
        return redirect(outcome.result)
    return render(
        request,
        "forwardplan/item_form.html",
        {"partnership": partnership, "form": form, "title": "Add to the forward plan"},
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def forward_plan_item(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = queries.forward_plan_item_for_page(partnership, code)
    return render(
        request,
        "forwardplan/item_detail.html",
        {
            "partnership": partnership,
            "item": item,
            "may_edit": request.access.can(Capability.EDIT),
            "may_mark_presented": services.may_mark_presented(item),
        },
    )


@partnership_view(Capability.EDIT)
def forward_plan_item_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = queries.forward_plan_item_for_page(partnership, code)
    form = ForwardPlanItemEditForm(request.POST or None, partnership=partnership, instance=item)
    outcome = submit(
        request,
        form,
        lambda fields: services.forward_plan_item_edit(
            item=item,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=f"“{item.title}” saved",
        refresh=lambda stale: ForwardPlanItemEditForm(
            partnership=partnership, instance=queries.forward_plan_item_for_page(partnership, code)
        ),
    )
    if outcome.saved:
        return redirect(item)
    return render(
        request,
        "forwardplan/item_form.html",
        {
            "partnership": partnership,
            "form": outcome.form,
            "item": outcome.form.instance,
            "title": "Edit forward plan item",
        },
    )


@partnership_view(Capability.EDIT)
def forward_plan_item_defer(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = queries.forward_plan_item_for_page(partnership, code)
    form = ForwardPlanDeferForm(request.POST or None, item=item)
    outcome = submit(
        request,
        form,
        lambda fields: services.forward_plan_item_defer(item=item, **fields, by=request.user),
        done=f"“{item.title}” deferred",
    )
    if outcome.saved:
        return redirect(item)
    return render(
        request,
        "forwardplan/item_defer.html",
        {"partnership": partnership, "form": form, "item": item},
    )


@require_POST
@partnership_view(Capability.EDIT)
def forward_plan_item_mark_presented(
    request: HttpRequest, partnership: Partnership, code
) -> HttpResponse:
    item = queries.forward_plan_item_for_page(partnership, code)
    return act(
        request,
        lambda: services.forward_plan_item_mark_presented(item=item, by=request.user),
        to=redirect(item),
        done=f"“{item.title}” marked as presented",
    )


@require_POST
@partnership_view(Capability.EDIT)
def forward_plan_item_schedule(
    request: HttpRequest, partnership: Partnership, code, meeting
) -> HttpResponse:
    """Put the item on the agenda of `meeting`, from that meeting's page."""
    item = queries.forward_plan_item_for_page(partnership, code)
    at = meeting_in(partnership, meeting)
    return act(
        request,
        lambda: services.forward_plan_item_schedule(item=item, meeting=at, by=request.user),
        to=redirect(at),
        done=f"“{item.title}” put on the agenda",
        then=redirect,
    )


@require_POST
@partnership_view(Capability.EDIT)
def forward_plan_item_from_action(
    request: HttpRequest, partnership: Partnership, code
) -> HttpResponse:
    action = action_for_page(partnership, code, today=timezone.localdate())
    return act(
        request,
        lambda: services.forward_plan_item_from_action(action=action, by=request.user),
        to=redirect(action),
        done=f"Action {action.reference} added to the forward plan. Check the meeting and owner.",
        then=lambda item: redirect("forward_plan_item_edit", partnership.slug, item.code),
    )
