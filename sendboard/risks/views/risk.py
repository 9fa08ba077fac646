"""One risk: its page, adding and editing it, its reviews, mitigations and escalation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.core.views import form_page
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, may_change_owned, partnership_view
from sendboard.risks import queries, services
from sendboard.risks.forms import CloseForm, MitigationForm, ReviewForm, RiskForm
from sendboard.risks.views.pages import risk_for_owner


@partnership_view(Capability.VIEW)
@cached_for_reader
def risk_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = queries.risk_in(partnership, code)
    may_edit = request.access.can(Capability.EDIT)
    history = queries.score_history(risk)
    return render(
        request,
        "risks/risk_detail.html",
        {
            "partnership": partnership,
            "risk": risk,
            "row": queries.risk_row(risk, as_at=timezone.localdate()),
            "history": history,
            "history_chart": queries.score_history_chart(risk, history),
            "may_edit": may_edit,
            "may_review": may_change_owned(request.access, [risk.owner]),
            "person": request.access.person,
        },
    )


@partnership_view(Capability.EDIT)
def risk_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = RiskForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.risk_create(partnership=partnership, **fields, by=request.user),
        done=lambda risk: f"{risk.reference} added to the register",
    )
    if outcome.saved:
        return redirect(outcome.result)
    back = reverse("risk_list", kwargs={"partnership": partnership.slug})
    return form_page(request, form, title="Add a risk", button="Add the risk", back=back)


@partnership_view(Capability.EDIT)
def risk_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = queries.risk_in(partnership, code)
    form = RiskForm(request.POST or None, partnership=partnership, instance=risk)
    outcome = submit(
        request,
        form,
        lambda fields: services.risk_update(
            risk=risk,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=f"{risk.reference} saved",
        refresh=lambda stale: RiskForm(
            partnership=partnership, instance=queries.risk_in(partnership, code)
        ),
    )
    if outcome.saved:
        return redirect(risk)
    return form_page(
        request,
        outcome.form,
        title="Edit the risk",
        button="Save the risk",
        back=risk.get_absolute_url(),
        caption=str(risk),
    )


@partnership_view(Capability.VIEW)
def risk_review(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = risk_for_owner(request, partnership, code)
    form = ReviewForm(request.POST or None, instance=risk)
    outcome = submit(
        request,
        form,
        lambda fields: services.risk_review(
            risk=risk,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=f"Review of {risk.reference} recorded",
        refresh=lambda stale: ReviewForm(instance=queries.risk_in(partnership, code)),
    )
    if outcome.saved:
        return redirect(risk)
    return form_page(
        request,
        outcome.form,
        title="Review the risk",
        button="Record the review",
        back=risk.get_absolute_url(),
        caption=str(risk),
    )


@partnership_view(Capability.VIEW)
def mitigation_add(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = risk_for_owner(request, partnership, code)
    form = MitigationForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.mitigation_add(risk=risk, **fields, by=request.user),
        done=f"Mitigation added to {risk.reference}",
    )
    if outcome.saved:
        return redirect(risk)
    return form_page(
        request,
        form,
        title="Add a mitigation",
        button="Add the mitigation",
        back=risk.get_absolute_url(),
        caption=str(risk),
    )


@require_POST
@partnership_view(Capability.VIEW)
def mitigation_complete(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    mitigation = queries.mitigation_in(partnership, code)
    return act(
        request,
        lambda: services.mitigation_complete(mitigation=mitigation, by=request.user),
        to=redirect(mitigation.risk),
        done="Mitigation marked as done",
    )


@require_POST
@partnership_view(Capability.EDIT)
def risk_escalate(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = queries.risk_in(partnership, code)
    escalate = request.POST.get("escalate") != "no"
    return act(
        request,
        lambda: services.risk_escalate(risk=risk, escalate=escalate, by=request.user),
        to=redirect(risk),
        done=f"{risk.reference} {'escalated to' if escalate else 'taken off'} the board's list",
    )


@require_POST
@partnership_view(Capability.EDIT)
def risk_tolerate(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = queries.risk_in(partnership, code)
    tolerate = request.POST.get("tolerate") != "no"
    return act(
        request,
        lambda: services.risk_tolerate(risk=risk, tolerate=tolerate, by=request.user),
        to=redirect(risk),
        done=f"{risk.reference} {'tolerated at its current score' if tolerate else 'open again'}",
    )


@partnership_view(Capability.EDIT)
def risk_close(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    risk = queries.risk_in(partnership, code)
    form = CloseForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.risk_close(risk=risk, **fields, by=request.user),
        done=f"{risk.reference} closed; it stays on record",
    )
    if outcome.saved:
        return redirect(risk)
    return form_page(
        request,
        form,
        title="Close the risk",
        button="Close the risk",
        back=risk.get_absolute_url(),
        caption=str(risk),
    )
