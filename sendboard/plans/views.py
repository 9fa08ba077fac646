from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, may_change_owned, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import (
    EvidenceForm,
    PeriodOpenForm,
    PeriodPickerForm,
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


def _line_form(
    request: HttpRequest, plan_action: PlanAction, form, *, title: str, button: str
) -> HttpResponse:
    """A form about one line: progress, evidence, or its move to business as usual."""
    return render(
        request,
        "plans/plan_action_form.html",
        {
            "partnership": request.access.partnership,
            "plan_action": plan_action,
            "form": form,
            "title": title,
            "button": button,
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def plan_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "plans/plan_list.html",
        {"partnership": partnership, "plans": queries.plans_of(partnership)},
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
