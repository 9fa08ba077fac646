"""Building a plan: the plan, its priority areas, outcomes and lines."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from sendboard.core.services import save_tracked
from sendboard.governance.models import Organisation, Partnership, Person
from sendboard.governance.permissions import Capability
from sendboard.plans.models import (
    ImprovementPlan,
    Outcome,
    PlanAction,
    PriorityArea,
)
from sendboard.plans.services.access import require


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
    require(by, partnership, Capability.MANAGE)
    check_plan_dates(starts_on, ends_on)
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


def check_reference(reference: str, taken: QuerySet, *, taken_message: str) -> str:
    """The reference, stripped, unless it is blank or `taken` already holds it."""
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": "Enter the reference the plan uses, such as APA1"})
    if taken.filter(reference=reference).exists():
        raise ValidationError({"reference": taken_message.format(reference=reference)})
    return reference


AREA_TAKEN = "The plan already has a priority area {reference}"


@transaction.atomic
def priority_area_create(
    *, plan: ImprovementPlan, reference: str, title: str, kind: str, by: User
) -> PriorityArea:
    require(by, plan.partnership, Capability.EDIT)
    reference = check_reference(reference, plan.areas, taken_message=AREA_TAKEN)
    area = PriorityArea(
        plan=plan, reference=reference, title=title.strip(), kind=kind, position=plan.areas.count()
    )
    save_tracked(area, by=by, opened_version=None, reason="Priority area added")
    return area


@transaction.atomic
def outcome_create(*, area: PriorityArea, reference: str, title: str, by: User) -> Outcome:
    require(by, area.plan.partnership, Capability.EDIT)
    reference = check_reference(reference, area.outcomes, taken_message=outcome_taken_message(area))
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
    require(by, partnership, Capability.EDIT)
    reference = check_reference(
        reference, outcome.plan_actions, taken_message=line_taken_message(outcome)
    )
    owners = list(owners)
    check_line(partnership, text=text, owners=owners, starts_on=starts_on, due_on=due_on)
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


def outcome_taken_message(area: PriorityArea) -> str:
    return f"{area.reference} already has an outcome {{reference}}"


def line_taken_message(outcome: Outcome) -> str:
    return f"Outcome {outcome.reference} already has {{reference}}"


def check_plan_dates(starts_on: date, ends_on: date | None) -> None:
    if ends_on is not None and ends_on <= starts_on:
        raise ValidationError({"ends_on": "The plan must end after it starts"})


def check_line(
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
