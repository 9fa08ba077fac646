"""Reporting periods: opened for owners' updates, closed when the board has seen them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import PeriodOpenForm


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
