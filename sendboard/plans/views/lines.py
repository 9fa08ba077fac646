"""A plan line: its page, progress, evidence, links, deep dive and move to business as usual."""

import uuid

from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, may_change_owned, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import (
    EvidenceForm,
    EvidenceWithdrawForm,
    LinkForm,
    ProgressForm,
    TransferForm,
)
from sendboard.plans.page_parts import LINE_PAGE
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
            **LINE_PAGE.context(plan_action),
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
    form = EvidenceForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.evidence_add(plan_action=plan_action, **fields, by=request.user),
        done=f"Evidence added to {plan_action.reference}",
    )
    if outcome.saved:
        return redirect(plan_action)
    return line_form(
        request, plan_action, form, title="Add evidence", button="Add evidence", multipart=True
    )


@partnership_view(Capability.VIEW)
def evidence_download(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    """The evidence's file, for those who may read the plan; never a public media address."""
    evidence = queries.evidence_in(partnership, code)
    # Editors keep a withdrawn file as a record; everyone else no longer sees it.
    if evidence.withdrawn_at and not request.access.can(Capability.EDIT):
        raise Http404("This evidence was withdrawn")
    if not evidence.file:
        raise Http404("This evidence has no file")
    # Opening the file is no service call: a file gone from storage is a page not found.
    try:
        opened = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file of this evidence is missing") from missing
    name = evidence.file.name.rsplit("/", 1)[-1]
    return FileResponse(opened, as_attachment=True, filename=name)


@partnership_view(Capability.VIEW)
def evidence_withdraw(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    evidence = queries.evidence_in(partnership, code)
    plan_action = plan_action_for_owner(request, partnership, evidence.plan_action.code)
    form = EvidenceWithdrawForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.evidence_withdraw(evidence=evidence, **fields, by=request.user),
        done=f"Evidence of {evidence.written_on:%-d %B %Y} withdrawn from {plan_action.reference}",
    )
    if outcome.saved:
        return redirect(plan_action)
    return line_form(
        request,
        plan_action,
        form,
        title=f"Withdraw the evidence of {evidence.written_on:%-d %B %Y}",
        button="Withdraw evidence",
        button_classes="govuk-button--warning",
    )


@partnership_view(Capability.VIEW)
def plan_action_link(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan_action = plan_action_for_owner(request, partnership, code)
    form = LinkForm(request.POST or None, plan_action=plan_action)
    outcome = submit(
        request,
        form,
        lambda fields: services.plan_action_link(
            plan_action=plan_action, **fields, by=request.user
        ),
        done=f"Linked to {plan_action.reference}",
    )
    if outcome.saved:
        return redirect(plan_action)
    return line_form(
        request,
        plan_action,
        form,
        title="Link an action or forward plan item",
        button="Link to this line",
    )


def _linked(records: QuerySet, code: str) -> Model:
    try:
        return get_object_or_404(records, code=uuid.UUID(code))
    except ValueError as error:
        raise Http404("No such link") from error


@require_POST
@partnership_view(Capability.VIEW)
def plan_action_unlink(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    """Undo one link, named by the code of the action or forward plan item in the form."""
    plan_action = plan_action_for_owner(request, partnership, code)
    linked = {
        "action": plan_action.meeting_actions.all(),
        "forward_plan_item": plan_action.forward_plan_items.all(),
    }
    chosen = {
        name: _linked(records, request.POST[name])
        for name, records in linked.items()
        if request.POST.get(name)
    }
    if not chosen:
        raise Http404("Nothing to unlink")
    return act(
        request,
        lambda: services.plan_action_unlink(plan_action=plan_action, **chosen, by=request.user),
        to=redirect(plan_action),
        done=f"Link removed from {plan_action.reference}",
    )


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
