"""Progress on a line: status, a deep dive, a move to business as usual."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import forward_plan_item_create, month_after
from sendboard.governance.models import Group
from sendboard.governance.permissions import Capability
from sendboard.plans.models import (
    PlanAction,
    ProgressUpdate,
    Status,
)
from sendboard.plans.rollups import DONE
from sendboard.plans.services.access import open_period, require, require_owner_or_editor


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
    require_owner_or_editor(by, plan_action)
    period = open_period(plan_action.outcome.area.plan)
    if period is None:
        raise ValidationError(
            "No reporting period is open. A partnership manager opens one before lines are updated."
        )
    progress_set(
        plan_action=plan_action,
        status=status,
        impact=impact,
        risks_and_mitigations=risks_and_mitigations,
        opened_version=opened_version,
        reason="Update",
        by=by,
    )
    return ProgressUpdate.objects.create(
        plan_action=plan_action, period=period, status=status, note=note.strip(), written_by=by
    )


@transaction.atomic
def progress_set(
    *,
    plan_action: PlanAction,
    status: str,
    impact: str,
    risks_and_mitigations: str,
    opened_version: int | None,
    reason: str,
    by: User,
) -> PlanAction:
    """A line's status, impact and risks as they stand, with or without a period open.

    An update in a period goes through `progress_record`; an import of a workbook with
    no period open sets the line with the same rules, and no period's update.
    """
    require_owner_or_editor(by, plan_action)
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
    save_tracked(plan_action, by=by, opened_version=opened_version, reason=f"{reason}: {label}")
    return plan_action


@transaction.atomic
def plan_action_transfer(
    *, plan_action: PlanAction, receiving_team: str, transferred_on: date, by: User
) -> PlanAction:
    """Hand a finished line to business as usual: it leaves the active tracker, kept."""
    require(by, plan_action.outcome.area.plan.partnership, Capability.EDIT)
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
    require(by, plan.partnership, Capability.EDIT)
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
