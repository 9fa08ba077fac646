from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, may_change_owned, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import (
    EvidenceForm,
    OutcomeForm,
    PeriodOpenForm,
    PeriodPickerForm,
    PlanActionForm,
    PlanForm,
    PriorityAreaForm,
    ProgressForm,
    TransferForm,
)
from sendboard.plans.models import PlanAction


def _plan_action_for_owner(request: HttpRequest, partnership: Partnership, code) -> PlanAction:
    """The line, for its owners and editors only.

    The service checks this too; asking first refuses the form, not only its saving.
    """
    plan_action = queries.plan_action_in(partnership, code)
    if not may_change_owned(request.access, plan_action.owners.all()):
        raise PermissionDenied("Only editors and the line's owners can update it.")
    return plan_action


def _form_page(
    request: HttpRequest, form, *, title: str, button: str, back: str, caption: str = ""
) -> HttpResponse:
    """A page of one form about a plan or its parts, headed by what it is about."""
    return render(
        request,
        "plans/plan_form.html",
        {
            "partnership": request.access.partnership,
            "form": form,
            "title": title,
            "button": button,
            "back": back,
            "caption": caption,
        },
    )


def _line_form(
    request: HttpRequest, plan_action: PlanAction, form, *, title: str, button: str
) -> HttpResponse:
    """A form about one line: progress, evidence, or its move to business as usual."""
    return _form_page(
        request,
        form,
        title=title,
        button=button,
        back=plan_action.get_absolute_url(),
        caption=f"{plan_action.reference}: {plan_action.text}",
    )


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
    return _form_page(request, form, title="Start a plan", button="Start the plan", back=back)


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
    return _form_page(
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
    return _form_page(
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
    return _form_page(
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
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def plan_action_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = queries.plan_action_in(partnership, code)
    return render(
        request,
        "plans/plan_action_detail.html",
        {
            "partnership": partnership,
            "plan_action": plan_action,
            "plan": plan_action.outcome.area.plan,
            "colour": queries.STATUS_COLOURS[plan_action.status],
            "may_update": may_change_owned(request.access, plan_action.owners.all()),
            "may_edit": request.access.can(Capability.EDIT),
        },
    )


@partnership_view(Capability.VIEW)
def progress_record(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = _plan_action_for_owner(request, partnership, code)
    form = ProgressForm(request.POST or None, instance=plan_action)
    outcome = submit(
        request,
        form,
        lambda fields: services.progress_record(
            plan_action=plan_action,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=f"Update recorded for {plan_action.reference}",
        refresh=lambda stale: ProgressForm(instance=queries.plan_action_in(partnership, code)),
    )
    if outcome.saved:
        return redirect(plan_action)
    return _line_form(
        request, plan_action, outcome.form, title="Record progress", button="Save update"
    )


@partnership_view(Capability.VIEW)
def evidence_add(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = _plan_action_for_owner(request, partnership, code)
    form = EvidenceForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.evidence_add(plan_action=plan_action, **fields, by=request.user),
        done=f"Evidence added to {plan_action.reference}",
    )
    if outcome.saved:
        return redirect(plan_action)
    return _line_form(request, plan_action, form, title="Add evidence", button="Add evidence")


@partnership_view(Capability.EDIT)
def plan_action_transfer(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = queries.plan_action_in(partnership, code)
    form = TransferForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.plan_action_transfer(
            plan_action=plan_action, **fields, by=request.user
        ),
        done=f"{plan_action.reference} moved to business as usual",
    )
    if outcome.saved:
        return redirect(plan_action)
    return _line_form(
        request,
        plan_action,
        form,
        title="Move to business as usual",
        button="Move to business as usual",
    )


@require_POST
@partnership_view(Capability.EDIT)
def deep_dive_request(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = queries.plan_action_in(partnership, code)
    return act(
        request,
        lambda: services.deep_dive_request(plan_action=plan_action, by=request.user),
        to=redirect(plan_action),
        done=f"A deep dive into {plan_action.reference} is on the forward plan for next month",
    )


@partnership_view(Capability.MANAGE)
def period_open(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan = queries.plan_in(partnership, code)
    form = PeriodOpenForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.period_open(plan=plan, **fields, by=request.user),
        done=lambda period: f"{period} is open for updates",
    )
    if outcome.saved:
        return redirect(plan)
    return render(
        request,
        "plans/period_open.html",
        {"partnership": partnership, "plan": plan, "form": form},
    )


@require_POST
@partnership_view(Capability.MANAGE)
def period_close(request: HttpRequest, partnership: Partnership, code, period) -> HttpResponse:
    plan = queries.plan_in(partnership, code)
    closing = queries.period_in(plan, period)
    return act(
        request,
        lambda: services.period_close(period=closing, by=request.user),
        to=redirect(plan),
        done=f"{closing} closed: its lines are kept as they stand",
    )
