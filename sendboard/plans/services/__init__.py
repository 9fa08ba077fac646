"""Changes to improvement plans. Each function is one transaction and keeps history.

Each part of the work has its module; callers import from here.
"""

from sendboard.plans.services.building import (
    outcome_create,
    plan_action_create,
    plan_create,
    priority_area_create,
)
from sendboard.plans.services.editing import (
    outcome_move,
    outcome_remove,
    outcome_update,
    plan_action_move,
    plan_action_remove,
    plan_action_update,
    plan_update,
    priority_area_move,
    priority_area_remove,
    priority_area_update,
    removal_refusal,
)
from sendboard.plans.services.evidence import evidence_add, evidence_withdraw
from sendboard.plans.services.highlight import (
    highlight_report_edit,
    highlight_report_generate,
)
from sendboard.plans.services.links import plan_action_link, plan_action_unlink
from sendboard.plans.services.periods import period_close, period_open
from sendboard.plans.services.progress import (
    deep_dive_request,
    plan_action_transfer,
    progress_record,
    progress_set,
)

__all__ = [
    "deep_dive_request",
    "evidence_add",
    "evidence_withdraw",
    "highlight_report_edit",
    "highlight_report_generate",
    "outcome_create",
    "outcome_move",
    "outcome_remove",
    "outcome_update",
    "period_close",
    "period_open",
    "plan_action_create",
    "plan_action_link",
    "plan_action_move",
    "plan_action_remove",
    "plan_action_transfer",
    "plan_action_unlink",
    "plan_action_update",
    "plan_create",
    "plan_update",
    "priority_area_create",
    "priority_area_move",
    "priority_area_remove",
    "priority_area_update",
    "progress_record",
    "progress_set",
    "removal_refusal",
]
