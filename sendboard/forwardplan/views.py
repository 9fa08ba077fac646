from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.actions.queries import action_for_page
from sendboard.core.forms import with_stale_error
from sendboard.core.pagecache import cached_for_reader
from sendboard.core.services import StaleEdit
from sendboard.forwardplan import queries, services
from sendboard.forwardplan.forms import (
    ForwardPlanDeferForm,
    ForwardPlanFilterForm,
    ForwardPlanItemCreateForm,
    ForwardPlanItemEditForm,
)
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view


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
    if request.method == "POST" and form.is_valid():
        try:
            item = services.forward_plan_item_create(**form.service_fields(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{item.title}” added to the forward plan")
            return redirect(item)
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
    if request.method == "POST" and form.is_valid():
        try:
            services.forward_plan_item_edit(
                item=item,
                **form.service_fields(),
                opened_version=form.cleaned_data["opened_version"],
                by=request.user,
            )
        except StaleEdit as stale:
            # Show the latest record, so the editor sees what changed before trying again.
            item = queries.forward_plan_item_for_page(partnership, code)
            form = with_stale_error(
                ForwardPlanItemEditForm(partnership=partnership, instance=item), stale
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{item.title}” saved")
            return redirect(item)
    return render(
        request,
        "forwardplan/item_form.html",
        {"partnership": partnership, "form": form, "item": item, "title": "Edit forward plan item"},
    )


@partnership_view(Capability.EDIT)
def forward_plan_item_defer(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    item = queries.forward_plan_item_for_page(partnership, code)
    form = ForwardPlanDeferForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.forward_plan_item_defer(item=item, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{item.title}” deferred")
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
    try:
        services.forward_plan_item_mark_presented(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{item.title}” marked as presented")
    return redirect(item)


@require_POST
@partnership_view(Capability.EDIT)
def forward_plan_item_from_action(
    request: HttpRequest, partnership: Partnership, code
) -> HttpResponse:
    action = action_for_page(partnership, code, today=timezone.localdate())
    item = services.forward_plan_item_from_action(action=action, by=request.user)
    messages.success(
        request,
        f"Action {action.reference} added to the forward plan. Check the meeting and owner.",
    )
    return redirect("forward_plan_item_edit", partnership.slug, item.code)
