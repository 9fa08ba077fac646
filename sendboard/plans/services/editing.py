"""Changing a plan after it is built: its parts edited, put in order, or removed.

A part is removed only while nothing has been reported against it: a line with
updates, evidence or a place in a closed period is part of what the board was told,
so it stays, and a finished one moves to business as usual instead.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q, QuerySet

from sendboard.core.services import delete_tracked, save_tracked
from sendboard.governance.models import Organisation, Person
from sendboard.governance.permissions import Capability
from sendboard.plans.models import (
    ImprovementPlan,
    Outcome,
    PeriodLine,
    PlanAction,
    PriorityArea,
)
from sendboard.plans.services.access import require
from sendboard.plans.services.building import (
    AREA_TAKEN,
    check_line,
    check_plan_dates,
    check_reference,
    line_taken_message,
    outcome_taken_message,
)


@transaction.atomic
def plan_update(
    *,
    plan: ImprovementPlan,
    title: str,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    source: str = "",
    source_date: date | None = None,
    opened_version: int | None,
    by: User,
) -> ImprovementPlan:
    require(by, plan.partnership, Capability.MANAGE)
    if not title.strip():
        raise ValidationError({"title": "Enter the title of the plan"})
    check_plan_dates(starts_on, ends_on)
    plan.title, plan.kind, plan.source = title.strip(), kind, source.strip()
    plan.source_date, plan.starts_on, plan.ends_on = source_date, starts_on, ends_on
    save_tracked(plan, by=by, opened_version=opened_version, reason="Plan changed")
    return plan


@transaction.atomic
def priority_area_update(
    *,
    area: PriorityArea,
    reference: str,
    title: str,
    kind: str,
    opened_version: int | None,
    by: User,
) -> PriorityArea:
    require(by, area.plan.partnership, Capability.EDIT)
    others = area.plan.areas.exclude(pk=area.pk)
    area.reference = check_reference(reference, others, taken_message=AREA_TAKEN)
    area.title, area.kind = title.strip(), kind
    save_tracked(area, by=by, opened_version=opened_version, reason="Priority area changed")
    return area


@transaction.atomic
def outcome_update(
    *, outcome: Outcome, reference: str, title: str, opened_version: int | None, by: User
) -> Outcome:
    require(by, outcome.area.plan.partnership, Capability.EDIT)
    others = outcome.area.outcomes.exclude(pk=outcome.pk)
    outcome.reference = check_reference(
        reference, others, taken_message=outcome_taken_message(outcome.area)
    )
    outcome.title = title.strip()
    save_tracked(outcome, by=by, opened_version=opened_version, reason="Outcome changed")
    return outcome


@transaction.atomic
def plan_action_update(
    *,
    plan_action: PlanAction,
    reference: str,
    text: str,
    owners: Iterable[Person] = (),
    lead_organisation: Organisation | None = None,
    workstream: str = "",
    starts_on: date | None = None,
    due_on: date | None = None,
    success_measures: str = "",
    opened_version: int | None,
    by: User,
) -> PlanAction:
    """Change what the line is and who owns it; its progress is recorded apart."""
    partnership = plan_action.outcome.area.plan.partnership
    require(by, partnership, Capability.EDIT)
    others = plan_action.outcome.plan_actions.exclude(pk=plan_action.pk)
    reference = check_reference(
        reference, others, taken_message=line_taken_message(plan_action.outcome)
    )
    owners = list(owners)
    check_line(partnership, text=text, owners=owners, starts_on=starts_on, due_on=due_on)
    plan_action.reference, plan_action.text = reference, text.strip()
    plan_action.lead_organisation, plan_action.workstream = lead_organisation, workstream.strip()
    plan_action.starts_on, plan_action.due_on = starts_on, due_on
    plan_action.success_measures = success_measures.strip()
    save_tracked(plan_action, by=by, opened_version=opened_version, reason="Action changed")
    if {owner.pk for owner in owners} != set(plan_action.owners.values_list("pk", flat=True)):
        plan_action._change_reason = "Owners changed"
        plan_action.owners.set(owners)
    return plan_action


def _renumber(records: list[Model], *, by: User) -> None:
    """Give `records` the positions 0, 1, 2... in the order given, saving those that moved."""
    for position, record in enumerate(records):
        if record.position != position:
            record.position = position
            save_tracked(record, by=by, opened_version=None, reason="Reordered")


def _move(siblings: QuerySet, record: Model, direction: str, *, by: User) -> None:
    """Swap `record` with its neighbour above ("up") or below ("down") among `siblings`."""
    if direction not in {"up", "down"}:
        raise ValidationError("Choose to move it up or down")
    records = list(siblings.select_for_update())
    index = next(i for i, other in enumerate(records) if other.pk == record.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(records):
        records[index], records[other] = records[other], records[index]
    _renumber(records, by=by)


@transaction.atomic
def priority_area_move(*, area: PriorityArea, direction: str, by: User) -> PriorityArea:
    require(by, area.plan.partnership, Capability.EDIT)
    _move(area.plan.areas.all(), area, direction, by=by)
    return area


@transaction.atomic
def outcome_move(*, outcome: Outcome, direction: str, by: User) -> Outcome:
    require(by, outcome.area.plan.partnership, Capability.EDIT)
    _move(outcome.area.outcomes.all(), outcome, direction, by=by)
    return outcome


@transaction.atomic
def plan_action_move(*, plan_action: PlanAction, direction: str, by: User) -> PlanAction:
    require(by, plan_action.outcome.area.plan.partnership, Capability.EDIT)
    _move(plan_action.outcome.plan_actions.all(), plan_action, direction, by=by)
    return plan_action


def _reported(lines: QuerySet) -> list[str]:
    """The references of `lines` that have updates, evidence or a closed period's record."""
    frozen = PeriodLine.objects.values("plan_action")
    found = lines.filter(
        Q(updates__isnull=False) | Q(evidence__isnull=False) | Q(pk__in=frozen)
    ).distinct()
    return [line.reference for line in found.order_by("position", "reference")]


def _lines_of(part: PriorityArea | Outcome | PlanAction) -> QuerySet:
    if isinstance(part, PriorityArea):
        return PlanAction.objects.filter(outcome__area=part)
    if isinstance(part, Outcome):
        return PlanAction.objects.filter(outcome=part)
    return PlanAction.objects.filter(pk=part.pk)


def part_name(part: PriorityArea | Outcome | PlanAction) -> str:
    """How the plan's people name a part: APA1, outcome 1 of APA1, action 1.3."""
    if isinstance(part, PriorityArea):
        return part.reference
    if isinstance(part, Outcome):
        return f"Outcome {part.reference} of {part.area.reference}"
    return f"Action {part.reference}"


def removal_refusal(part: PriorityArea | Outcome | PlanAction) -> str:
    """Why `part` may not be removed, or "" if it may: nothing reported may be lost."""
    reported = _reported(_lines_of(part))
    if not reported:
        return ""
    if isinstance(part, PlanAction):
        return (
            f"{part_name(part)} has progress updates, evidence or a closed period's record, "
            "so it cannot be removed. Change it instead, or once it is complete or embedded, "
            "move it to business as usual."
        )
    return (
        f"{part_name(part)} cannot be removed: its actions {', '.join(reported)} have "
        "progress updates, evidence or a closed period's record. Change it instead."
    )


def _remove(part: PriorityArea | Outcome | PlanAction, *, by: User) -> None:
    """Delete `part` and what sits under it, each leaving a history row saying who removed it."""
    refusal = removal_refusal(part)
    if refusal:
        raise ValidationError(refusal)
    reason = f"Removed from the plan with {part_name(part)}"
    if not isinstance(part, PlanAction):
        for line in _lines_of(part):
            delete_tracked(line, by=by, reason=reason)
    if isinstance(part, PriorityArea):
        for outcome in part.outcomes.all():
            delete_tracked(outcome, by=by, reason=reason)
    delete_tracked(part, by=by, reason="Removed from the plan")


@transaction.atomic
def priority_area_remove(*, area: PriorityArea, by: User) -> None:
    require(by, area.plan.partnership, Capability.EDIT)
    plan = area.plan
    _remove(area, by=by)
    _renumber(list(plan.areas.select_for_update()), by=by)


@transaction.atomic
def outcome_remove(*, outcome: Outcome, by: User) -> None:
    require(by, outcome.area.plan.partnership, Capability.EDIT)
    area = outcome.area
    _remove(outcome, by=by)
    _renumber(list(area.outcomes.select_for_update()), by=by)


@transaction.atomic
def plan_action_remove(*, plan_action: PlanAction, by: User) -> None:
    require(by, plan_action.outcome.area.plan.partnership, Capability.EDIT)
    outcome = plan_action.outcome
    _remove(plan_action, by=by)
    _renumber(list(outcome.plan_actions.select_for_update()), by=by)
