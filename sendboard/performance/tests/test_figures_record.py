"""Figures computed elsewhere in sendboard (EHCP quality audits) are recorded as observations."""

from decimal import Decimal

from sendboard.lib.periods import parse_period
from sendboard.performance.models import Indicator, Observation
from sendboard.performance.services import ComputedFigure, IndicatorSpec, figures_record

QUALITY = IndicatorSpec(
    key="ehcp_quality_good",
    title="EHC plans audited as good or better",
    definition="Final audits in the quarter that rated the plan good or outstanding.",
    unit=Indicator.Unit.PERCENT,
    polarity=Indicator.Polarity.HIGHER,
)


def _q3(numerator: int, denominator: int) -> ComputedFigure:
    return ComputedFigure(
        key=QUALITY.key,
        period=parse_period("2026-Q3"),
        as_at=None,
        numerator=numerator,
        denominator=denominator,
        value=round(100 * numerator / denominator, 1),
        excluded={},
        options={},
    )


def test_creates_the_indicator_and_keeps_the_provenance(partnership):
    written = figures_record(
        partnership=partnership,
        spec=QUALITY,
        figures=[_q3(86, 143)],
        provenance="Computed from 143 final audits on 5 December 2026",
    )
    indicator = partnership.indicators.get(key=QUALITY.key)
    observation = indicator.observations.get()
    assert written == 1
    assert indicator.source == Indicator.Source.COMPUTED
    assert observation.value == Decimal("60.1")
    assert observation.provenance == "Computed from 143 final audits on 5 December 2026"


def test_an_unchanged_figure_is_left_alone_and_a_changed_one_supersedes(partnership):
    args = {"partnership": partnership, "spec": QUALITY, "provenance": "143 audits"}
    figures_record(figures=[_q3(86, 143)], **args)
    assert figures_record(figures=[_q3(86, 143)], **args) == 0
    assert (
        figures_record(
            figures=[_q3(90, 143)], provenance="144 audits", partnership=partnership, spec=QUALITY
        )
        == 1
    )
    old, new = Observation.objects.order_by("pk")
    assert old.superseded_by == new
    assert (new.numerator, new.provenance) == (90, "144 audits")
    assert new.history.first().history_change_reason == "Recomputed"
