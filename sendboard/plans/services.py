"""Changes to improvement plans. Each function is one transaction and keeps history."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import forward_plan_item_create, month_after
from sendboard.governance.models import Group, Organisation, Partnership, Person
from sendboard.governance.permissions import Capability, access_for, may_change_owned
from sendboard.plans.models import (
    Evidence,
    ImprovementPlan,
    Outcome,
    PeriodLine,
    PlanAction,
    PriorityArea,
    ProgressUpdate,
    ReportingPeriod,
    Status,
)
from sendboard.plans.rollups import DONE


def _require(by: User, partnership: Partnership, capability: Capability) -> None:
    if not access_for(by, partnership).can(capability):
        raise PermissionDenied(f"Your role does not allow you to {capability} this plan.")


def _require_owner_or_editor(by: User, plan_action: PlanAction) -> None:
    partnership = plan_action.outcome.area.plan.partnership
    if not may_change_owned(access_for(by, partnership), plan_action.owners.all()):
        raise PermissionDenied("Only editors and the line's owners can update it.")


@transaction.atomic
def plan_create(
    *,
    partnership: Partnership,
    title: str,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    source: str = "",
    source_date: date | None = None,
    by: User,
) -> ImprovementPlan:
    _require(by, partnership, Capability.MANAGE)
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": "The plan must end after it starts"})
    plan = ImprovementPlan(
        partnership=partnership,
        title=title.strip(),
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source.strip(),
        source_date=source_date,
    )
    save_tracked(plan, by=by, opened_version=None, reason="Plan created")
    return plan


def _check_reference(reference: str) -> str:
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": "Enter the reference the plan uses, such as APA1"})
    return reference


@transaction.atomic
def priority_area_create(
    *, plan: ImprovementPlan, reference: str, title: str, kind: str, by: User
) -> PriorityArea:
    _require(by, plan.partnership, Capability.EDIT)
    reference = _check_reference(reference)
    if plan.areas.filter(reference=reference).exists():
        raise ValidationError({"reference": f"The plan already has a priority area {reference}"})
    area = PriorityArea(
        plan=plan, reference=reference, title=title.strip(), kind=kind, position=plan.areas.count()
    )
    save_tracked(area, by=by, opened_version=None, reason="Priority area added")
    return area


@transaction.atomic
def outcome_create(*, area: PriorityArea, reference: str, title: str, by: User) -> Outcome:
    _require(by, area.plan.partnership, Capability.EDIT)
    reference = _check_reference(reference)
    if area.outcomes.filter(reference=reference).exists():
        raise ValidationError({"reference": f"{area.reference} already has an outcome {reference}"})
    outcome = Outcome(
        area=area, reference=reference, title=title.strip(), position=area.outcomes.count()
    )
    save_tracked(outcome, by=by, opened_version=None, reason="Outcome added")
    return outcome


@transaction.atomic
def plan_action_create(
    *,
    outcome: Outcome,
    reference: str,
    text: str,
    owners: Iterable[Person] = (),
    lead_organisation: Organisation | None = None,
    workstream: str = "",
    starts_on: date | None = None,
    due_on: date | None = None,
    success_measures: str = "",
    by: User,
) -> PlanAction:
    partnership = outcome.area.plan.partnership
    _require(by, partnership, Capability.EDIT)
    reference = _check_reference(reference)
    owners = list(owners)
    _check_line(partnership, text=text, owners=owners, starts_on=starts_on, due_on=due_on)
    if outcome.plan_actions.filter(reference=reference).exists():
        raise ValidationError({"reference": f"Outcome {outcome.reference} already has {reference}"})
    line = PlanAction(
        outcome=outcome,
        reference=reference,
        text=text.strip(),
        position=outcome.plan_actions.count(),
        lead_organisation=lead_organisation,
        workstream=workstream.strip(),
        starts_on=starts_on,
        due_on=due_on,
        success_measures=success_measures.strip(),
    )
    save_tracked(line, by=by, opened_version=None, reason="Added to the plan")
    if owners:
        line._change_reason = "Owners named"
        line.owners.set(owners)
    return line


def _check_line(
    partnership: Partnership,
    *,
    text: str,
    owners: list[Person],
    starts_on: date | None,
    due_on: date | None,
) -> None:
    errors = {}
    if not text.strip():
        errors["text"] = "Enter what the action is"
    if any(owner.partnership_id != partnership.pk for owner in owners):
        errors["owners"] = "Choose owners from this partnership"
    if starts_on and due_on and due_on < starts_on:
        errors["due_on"] = "The due date must be on or after the start date"
    if errors:
        raise ValidationError(errors)


def open_period(plan: ImprovementPlan) -> ReportingPeriod | None:
    return plan.periods.filter(state=ReportingPeriod.State.OPEN).first()


@transaction.atomic
def progress_record(
    *,
    plan_action: PlanAction,
    status: str,
    note: str = "",
    impact: str,
    risks_and_mitigations: str,
    opened_version: int | None,
    by: User,
) -> ProgressUpdate:
    """An owner's update of their line in the open period: status, impact, risks."""
    _require_owner_or_editor(by, plan_action)
    period = open_period(plan_action.outcome.area.plan)
    if period is None:
        raise ValidationError(
            "No reporting period is open. A partnership manager opens one before lines are updated."
        )
    if plan_action.transferred_on is not None:
        raise ValidationError("This line has been transferred to business as usual")
    if status not in Status.values:
        raise ValidationError({"status": "Choose a status"})
    if status in DONE and not impact.strip():
        raise ValidationError(
            {"impact": "Say what difference it has made for children and families"}
        )
    plan_action.status = status
    plan_action.impact = impact.strip()
    plan_action.risks_and_mitigations = risks_and_mitigations.strip()
    label = Status(status).label
    save_tracked(plan_action, by=by, opened_version=opened_version, reason=f"Update: {label}")
    return ProgressUpdate.objects.create(
        plan_action=plan_action, period=period, status=status, note=note.strip(), written_by=by
    )


@transaction.atomic
def evidence_add(
    *,
    plan_action: PlanAction,
    written_on: date,
    text: str,
    link: str = "",
    file=None,
    by: User,
) -> Evidence:
    _require_owner_or_editor(by, plan_action)
    if not text.strip():
        raise ValidationError({"text": "Say what the evidence shows"})
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": "The date of the evidence must be today or earlier"})
    evidence = Evidence(
        plan_action=plan_action,
        written_on=written_on,
        text=text.strip(),
        link=link,
        file=file or "",
        added_by=by,
    )
    save_tracked(evidence, by=by, opened_version=None, reason="Evidence added")
    return evidence


@transaction.atomic
def period_open(
    *, plan: ImprovementPlan, starts_on: date, ends_on: date, by: User
) -> ReportingPeriod:
    _require(by, plan.partnership, Capability.MANAGE)
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
    _require(by, period.plan.partnership, Capability.MANAGE)
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


@transaction.atomic
def plan_action_transfer(
    *, plan_action: PlanAction, receiving_team: str, transferred_on: date, by: User
) -> PlanAction:
    """Hand a finished line to business as usual: it leaves the active tracker, kept."""
    _require(by, plan_action.outcome.area.plan.partnership, Capability.EDIT)
    if plan_action.status not in DONE:
        raise ValidationError("Only a complete or embedded line can move to business as usual")
    if not receiving_team.strip():
        raise ValidationError({"receiving_team": "Enter the team that takes it on"})
    plan_action.receiving_team = receiving_team.strip()
    plan_action.transferred_on = transferred_on
    save_tracked(
        plan_action,
        by=by,
        opened_version=None,
        reason=f"Transferred to business as usual: {plan_action.receiving_team}",
    )
    return plan_action


@transaction.atomic
def deep_dive_request(*, plan_action: PlanAction, by: User) -> ForwardPlanItem:
    """Ask for a deep dive into a stuck line: a report on the board's forward plan."""
    plan = plan_action.outcome.area.plan
    _require(by, plan.partnership, Capability.EDIT)
    board = plan.partnership.groups.filter(kind=Group.Kind.BOARD, reports_to=None).first()
    if board is None:
        raise ValidationError("The partnership has no board to bring a deep dive to")
    owner = plan_action.owners.first()
    item = forward_plan_item_create(
        group=board,
        title=f"Deep dive: {plan.title} {plan_action.reference}",
        kind=ForwardPlanItem.Kind.DEEP_DIVE,
        owner=owner,
        target_month=month_after(timezone.localdate()),
        notes=plan_action.text,
        by=by,
    )
    plan_action._change_reason = "Deep dive requested"
    plan_action.forward_plan_items.add(item)
    return item
