"""Reporting periods: opening one for updates, and closing it to freeze every line."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.governance.permissions import Capability
from sendboard.plans.models import (
    ImprovementPlan,
    PeriodLine,
    PlanAction,
    ReportingPeriod,
)
from sendboard.plans.services.access import open_period, require


@transaction.atomic
def period_open(
    *, plan: ImprovementPlan, starts_on: date, ends_on: date, by: User
) -> ReportingPeriod:
    require(by, plan.partnership, Capability.MANAGE)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The period must end on or after its first day"})
    if open_period(plan) is not None:
        raise ValidationError("Close the open period before opening the next one")
    latest = plan.periods.order_by("-ends_on").first()
    if latest is not None and starts_on <= latest.ends_on:
        raise ValidationError(
            {
                "starts_on": f"The period must start after {latest.ends_on:%-d %B %Y}, "
                "when the last one ended"
            }
        )
    period = ReportingPeriod(plan=plan, starts_on=starts_on, ends_on=ends_on)
    save_tracked(period, by=by, opened_version=None, reason="Period opened")
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod, by: User) -> ReportingPeriod:
    """Freeze every line as it stands, so the period reads the same for good."""
    require(by, period.plan.partnership, Capability.MANAGE)
    if period.state == ReportingPeriod.State.CLOSED:
        raise ValidationError("This period is already closed")
    updated = set(period.updates.values_list("plan_action_id", flat=True))
    lines = (
        PlanAction.objects.filter(outcome__area__plan=period.plan)
        .select_related("outcome__area")
        .prefetch_related("owners")
        .with_evidence_count(until=period.ends_on)
    )
    PeriodLine.objects.bulk_create(
        PeriodLine(
            period=period,
            plan_action=line,
            area_reference=line.outcome.area.reference,
            area_title=line.outcome.area.title,
            outcome_reference=line.outcome.reference,
            outcome_title=line.outcome.title,
            reference=line.reference,
            text=line.text,
            owner_names=", ".join(owner.name for owner in line.owners.all()),
            receiving_team=line.receiving_team,
            status=line.status,
            due_on=line.due_on,
            updated=line.pk in updated,
            evidence_count=line.evidence_count,
            impact=line.impact,
            risks_and_mitigations=line.risks_and_mitigations,
            transferred=line.transferred_on is not None,
        )
        for line in lines
    )
    period.state = ReportingPeriod.State.CLOSED
    period.closed_at = timezone.now()
    save_tracked(period, by=by, opened_version=None, reason="Period closed")
    return period
