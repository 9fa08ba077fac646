"""The risks linked to a plan line, on the line's page."""

from sendboard.plans.line_page import LinePart, contribute
from sendboard.plans.models import PlanAction
from sendboard.risks.models import Risk


def _linked_risks(plan_action: PlanAction) -> dict:
    risks = Risk.objects.filter(plan_actions=plan_action).select_related("partnership")
    return {"linked_risks": list(risks.order_by("reference"))}


def register() -> None:
    contribute(LinePart(template="risks/_plan_action_risks.html", context=_linked_risks))
