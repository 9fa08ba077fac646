"""The figures that evidence a plan line (its own, or its outcome's), on the line's page."""

from django.db.models import Q

from sendboard.core.parts import Part
from sendboard.performance.dashboard import tiles
from sendboard.performance.models import Indicator
from sendboard.plans.models import PlanAction
from sendboard.plans.page_parts import LINE_PAGE


def _evidence(plan_action: PlanAction) -> dict:
    indicators = Indicator.objects.filter(
        Q(plan_actions=plan_action) | Q(outcomes=plan_action.outcome_id)
    ).distinct()
    # The line's page is read by every role: figures under the small-number policy.
    return {"evidence_tiles": tiles(indicators, raw=False, sparklines=False)}


def register() -> None:
    LINE_PAGE.contribute(Part(template="performance/_plan_action_figures.html", context=_evidence))
