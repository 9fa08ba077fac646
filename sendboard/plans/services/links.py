"""A line's links to the board's action log and forward plan, made and undone.

The links themselves keep no history of their own, so each change saves the line
with a reason naming what was linked or unlinked: the line's history shows it.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.actions.models import Action
from sendboard.core.services import save_tracked
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.plans.models import PlanAction
from sendboard.plans.services.access import require_owner_or_editor


def _check(
    plan_action: PlanAction, action: Action | None, forward_plan_item: ForwardPlanItem | None
) -> None:
    if action is None and forward_plan_item is None:
        raise ValidationError("Choose a meeting action or a forward plan item")
    partnership = plan_action.outcome.area.plan.partnership
    if action is not None and action.board.partnership_id != partnership.pk:
        raise ValidationError({"action": "Choose an action from this partnership's log"})
    if forward_plan_item is not None and forward_plan_item.group.partnership_id != partnership.pk:
        raise ValidationError(
            {"forward_plan_item": "Choose an item from this partnership's forward plan"}
        )


def _named(action: Action | None, forward_plan_item: ForwardPlanItem | None) -> str:
    names = []
    if action is not None:
        names.append(f"action {action.reference}")
    if forward_plan_item is not None:
        names.append(f"forward plan item “{forward_plan_item.title}”")
    return " and ".join(names)


def _change_links(
    plan_action: PlanAction,
    action: Action | None,
    forward_plan_item: ForwardPlanItem | None,
    *,
    linking: bool,
    by: User,
) -> PlanAction:
    require_owner_or_editor(by, plan_action)
    _check(plan_action, action, forward_plan_item)
    for related, linked in (
        (plan_action.meeting_actions, action),
        (plan_action.forward_plan_items, forward_plan_item),
    ):
        if linked is not None:
            (related.add if linking else related.remove)(linked)
    verb = "Linked" if linking else "Unlinked"
    # A history row's reason holds 100 characters; a long title is cut there.
    reason = f"{verb} {_named(action, forward_plan_item)}"
    save_tracked(plan_action, by=by, opened_version=None, reason=reason[:100])
    return plan_action


@transaction.atomic
def plan_action_link(
    *,
    plan_action: PlanAction,
    action: Action | None = None,
    forward_plan_item: ForwardPlanItem | None = None,
    by: User,
) -> PlanAction:
    """Link a meeting action or a forward plan item (or both) to the line."""
    return _change_links(plan_action, action, forward_plan_item, linking=True, by=by)


@transaction.atomic
def plan_action_unlink(
    *,
    plan_action: PlanAction,
    action: Action | None = None,
    forward_plan_item: ForwardPlanItem | None = None,
    by: User,
) -> PlanAction:
    """Undo a link; the action or forward plan item itself is untouched."""
    return _change_links(plan_action, action, forward_plan_item, linking=False, by=by)
