"""The risks linked to a plan line, on the line's page."""

from sendboard.core.parts import Part
from sendboard.plans.models import PlanAction
from sendboard.plans.page_parts import LINE_PAGE
from sendboard.risks.models import Risk


def _linked_risks(plan_action: PlanAction) -> dict:
    risks = Risk.objects.filter(plan_actions=plan_action).select_related("partnership")
    return {"linked_risks": list(risks.order_by("reference"))}


def register() -> None:
    LINE_PAGE.contribute(Part(template="risks/_plan_action_risks.html", context=_linked_risks))
