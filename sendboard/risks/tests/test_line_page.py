"""A plan line's page names the risks in the register that are linked to it."""

from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
)


def test_a_line_shows_the_risks_linked_to_it_and_says_when_there_are_none(
    persona, partnership, risk
):
    plan = ImprovementPlanFactory(partnership=partnership)
    outcome = OutcomeFactory(area=PriorityAreaFactory(plan=plan))
    linked = PlanActionFactory(outcome=outcome, reference="1.1")
    alone = PlanActionFactory(outcome=outcome, reference="1.2")
    risk.plan_actions.add(linked)

    page = persona["member"].get(linked.get_absolute_url()).content.decode()
    other = persona["member"].get(alone.get_absolute_url()).content.decode()

    assert f"{risk.reference}: {risk.title}" in page and risk.get_absolute_url() in page
    assert "No risk in the register is linked to this action." in other
