"""A plan line: its page, progress, evidence, deep dive and move to business as usual."""

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
    ProgressForm,
    TransferForm,
)
from sendboard.plans.views.pages import line_form, plan_action_for_owner


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
    plan_action = plan_action_for_owner(request, partnership, code)
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
    return line_form(
        request, plan_action, outcome.form, title="Record progress", button="Save update"
    )


@partnership_view(Capability.VIEW)
def evidence_add(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = plan_action_for_owner(request, partnership, code)
    form = EvidenceForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.evidence_add(plan_action=plan_action, **fields, by=request.user),
        done=f"Evidence added to {plan_action.reference}",
    )
    if outcome.saved:
        return redirect(plan_action)
    return line_form(request, plan_action, form, title="Add evidence", button="Add evidence")


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
    return line_form(
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
