"""Indicators linked to plan outcomes: a dashboard per outcome, and figures on the line's page."""

import datetime
from decimal import Decimal

from django.urls import reverse

from sendboard.performance.tests.factories import IndicatorFactory, ObservationFactory
from sendboard.plans.tests.factories import PlanActionFactory


def test_an_outcome_has_its_dashboard_and_its_lines_show_the_figures(persona, partnership, people):
    line = PlanActionFactory(outcome__area__plan__partnership=partnership)
    linked = IndicatorFactory(partnership=partnership, title="Plans issued within 20 weeks")
    linked.outcomes.set([line.outcome])
    other = IndicatorFactory(partnership=partnership, title="Complaints answered on time")
    ObservationFactory(
        indicator=linked,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        period_label="March 2026",
        numerator=30,
        denominator=60,
        value=Decimal("50.0"),
    )

    dashboard = (
        persona["viewer"]
        .get(reverse("outcome_dashboard", args=[partnership.slug, line.outcome.code]))
        .content.decode()
    )
    assert linked.title in dashboard and other.title not in dashboard
    figures = persona["viewer"].get(reverse("scorecard", args=[partnership.slug])).content.decode()
    assert f"Outcome {line.outcome.reference}" in figures

    page = (
        persona["viewer"]
        .get(reverse("plan_action_detail", args=[partnership.slug, line.code]))
        .content.decode()
    )
    assert "Figures that evidence it" in page
    assert "Plans issued within 20 weeks</a>: 50.0% in March 2026" in page
