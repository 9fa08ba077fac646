from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from sendboard.performance.models import Indicator, Rag
from sendboard.performance.tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "rating"),
    [
        (Decimal("60"), Rag.GREEN),
        (Decimal("59.9"), Rag.AMBER),
        (Decimal("45"), Rag.AMBER),
        (Decimal("44.9"), Rag.RED),
        (None, Rag.NOT_RATED),
    ],
)
def test_higher_is_better_rates_at_or_above_each_threshold(value, rating):
    indicator = IndicatorFactory.build(
        polarity=Indicator.Polarity.HIGHER, green_threshold=60, amber_threshold=45
    )
    assert indicator.rag(value) == rating


@pytest.mark.parametrize(
    ("value", "rating"),
    [(10, Rag.GREEN), (11, Rag.AMBER), (25, Rag.AMBER), (26, Rag.RED)],
)
def test_lower_is_better_rates_at_or_below_each_threshold(value, rating):
    indicator = IndicatorFactory.build(
        unit=Indicator.Unit.COUNT,
        polarity=Indicator.Polarity.LOWER,
        green_threshold=10,
        amber_threshold=25,
    )
    assert indicator.rag(value) == rating


def test_neither_direction_better_is_never_rated():
    indicator = IndicatorFactory.build(polarity=Indicator.Polarity.NEUTRAL, green_threshold=5)
    assert indicator.rag(Decimal(100)) == Rag.NOT_RATED


def test_no_thresholds_means_not_rated():
    assert IndicatorFactory.build().rag(Decimal(50)) == Rag.NOT_RATED


def test_every_rating_has_a_word_and_amber_shows_as_orange():
    assert [r.label for r in Rag] == ["Green", "Amber", "Red", "Not rated"]
    assert Rag.AMBER.colour == "orange"


def test_it_refuses_a_green_threshold_worse_than_amber(partnership):
    # SQLite and PostgreSQL word it differently, but both name the constraint.
    with (
        pytest.raises(IntegrityError, match="green_threshold_better_than_amber"),
        transaction.atomic(),
    ):
        IndicatorFactory(
            partnership=partnership,
            polarity=Indicator.Polarity.LOWER,
            green_threshold=30,
            amber_threshold=20,
        )


def test_a_change_is_better_or_worse_by_polarity():
    higher = IndicatorFactory.build(polarity=Indicator.Polarity.HIGHER)
    lower = IndicatorFactory.build(polarity=Indicator.Polarity.LOWER)
    assert higher.is_better(Decimal(50), Decimal(40)) is True
    assert lower.is_better(Decimal(50), Decimal(40)) is False
    assert lower.is_better(Decimal(40), Decimal(40)) is None


def test_only_one_current_figure_per_indicator_and_period(partnership):
    current = ObservationFactory(indicator__partnership=partnership)

    # SQLite names the columns and PostgreSQL the constraint; both call it unique.
    with pytest.raises(IntegrityError, match=r"(?i)unique constraint"), transaction.atomic():
        ObservationFactory(
            indicator=current.indicator,
            period_start=current.period_start,
            period_end=current.period_end,
        )
