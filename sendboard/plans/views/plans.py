"""The plan and its parts: the list, the tracker, and the forms that build a plan."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import (
    OutcomeForm,
    PeriodPickerForm,
    PlanActionForm,
    PlanEditForm,
    PlanForm,
    PriorityAreaForm,
)
from sendboard.plans.page_parts import PLAN_TOOLS
from sendboard.plans.views.pages import form_page


@partnership_view(Capability.VIEW)
@cached_for_reader
def plan_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "plans/plan_list.html",
        {
            "partnership": partnership,
            "plans": queries.plans_of(partnership),
            "may_manage": request.access.can(Capability.MANAGE),
        },
    )


@partnership_view(Capability.MANAGE)
def plan_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = PlanForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.plan_create(partnership=partnership, **fields, by=request.user),
        done=lambda plan: f"{plan} started: add its priority areas",
    )
    if outcome.saved:
        return redirect(outcome.result)
    back = reverse("plan_list", kwargs={"partnership": partnership.slug})
    return form_page(request, form, title="Start a plan", button="Start the plan", back=back)


@partnership_view(Capability.MANAGE)
def plan_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan = queries.plan_in(partnership, code)
    form = PlanEditForm(request.POST or None, instance=plan)
    outcome = submit(
        request,
        form,
        lambda fields: services.plan_update(
            plan=plan,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=lambda saved: f"{saved} saved",
        refresh=lambda stale: PlanEditForm(instance=queries.plan_in(partnership, code)),
    )
    if outcome.saved:
        return redirect(plan)
    return form_page(
        request,
        outcome.form,
        title="Change the plan",
        button="Save changes",
        back=plan.get_absolute_url(),
        caption=plan.title,
    )


@partnership_view(Capability.EDIT)
def priority_area_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan = queries.plan_in(partnership, code)
    form = PriorityAreaForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.priority_area_create(plan=plan, **fields, by=request.user),
        done=lambda area: f"{area.reference} added to the plan",
    )
    if outcome.saved:
        return redirect(plan)
    return form_page(
        request,
        form,
        title="Add a priority area",
        button="Add the area",
        back=plan.get_absolute_url(),
        caption=plan.title,
    )


@partnership_view(Capability.EDIT)
def outcome_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    area = queries.area_in(partnership, code)
    form = OutcomeForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.outcome_create(area=area, **fields, by=request.user),
        done=lambda added: f"Outcome {added.reference} added to {area.reference}",
    )
    if outcome.saved:
        return redirect(area.plan)
    return form_page(
        request,
        form,
        title="Add an outcome",
        button="Add the outcome",
        back=area.plan.get_absolute_url(),
        caption=str(area),
    )


@partnership_view(Capability.EDIT)
def plan_action_create(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    parent = queries.outcome_in(partnership, code)
    form = PlanActionForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.plan_action_create(outcome=parent, **fields, by=request.user),
        done=lambda line: f"{line.reference} added to the plan",
    )
    if outcome.saved:
        return redirect(parent.area.plan)
    return form_page(
        request,
        form,
        title="Add an action",
        button="Add the action",
        back=parent.area.plan.get_absolute_url(),
        caption=f"{parent.area.reference} {parent}",
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def plan_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan = queries.plan_in(partnership, code)
    chosen = request.GET.get("period")
    period = queries.period_in(plan, chosen) if chosen else None
    tracker = queries.tracker(plan, period)
    picker = PeriodPickerForm(
        initial={"period": str(tracker.period.code) if tracker.period else ""},
        periods=tracker.periods,
    )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "partnership": partnership,
            "plan": plan,
            "tracker": tracker,
            "picker": picker,
            "may_manage": request.access.can(Capability.MANAGE),
            # A closed period shows the plan as it was; parts are added to it as it is now.
            "may_add": request.access.can(Capability.EDIT) and not tracker.frozen,
            **PLAN_TOOLS.context(plan),
        },
    )
