"""Changes to improvement plans. Each function is one transaction and keeps history.

Each part of the work has its module; callers import from here.
"""

from sendboard.plans.services.building import (
    outcome_create,
    plan_action_create,
    plan_create,
    priority_area_create,
)
from sendboard.plans.services.periods import period_close, period_open
from sendboard.plans.services.progress import (
    deep_dive_request,
    evidence_add,
    plan_action_transfer,
    progress_record,
)

__all__ = [
    "deep_dive_request",
    "evidence_add",
    "outcome_create",
    "period_close",
    "period_open",
    "plan_action_create",
    "plan_action_transfer",
    "plan_create",
    "priority_area_create",
    "progress_record",
]
