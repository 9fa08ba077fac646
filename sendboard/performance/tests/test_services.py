"""The board's figures take a catalogue and figures as plain values, whoever computed them."""

import datetime

from sendboard.lib.periods import parse_period
from sendboard.performance.models import Indicator, Observation
from sendboard.performance.services import (
    ComputedFigure,
    IndicatorSpec,
    indicator_catalogue_sync,
    observations_store,
)
from sendboard.performance.tests.factories import SnapshotFactory

TIMELINESS = IndicatorSpec(
    key="ehcp_20w_excl",
    title="EHC plans issued within 20 weeks, excluding exceptions",
    definition="Plans issued in the period within 20 weeks of the request.",
    unit=Indicator.Unit.PERCENT,
    polarity=Indicator.Polarity.HIGHER,
)


def _may(numerator: int, denominator: int) -> ComputedFigure:
    return ComputedFigure(
        key=TIMELINESS.key,
        period=parse_period("2024-05"),
        as_at=datetime.date(2024, 5, 31),
        numerator=numerator,
        denominator=denominator,
        value=round(100 * numerator / denominator, 1),
        excluded={"20-week exception applies (week20 = 1)": 1},
        options={"weeks": "inclusive"},
    )


def test_a_changed_definition_raises_the_definition_version(partnership):
    indicator_catalogue_sync(partnership=partnership, catalogue=[TIMELINESS])
    partnership.indicators.filter(key=TIMELINESS.key).update(definition="An older wording.")

    counts = indicator_catalogue_sync(partnership=partnership, catalogue=[TIMELINESS])

    indicator = partnership.indicators.get(key=TIMELINESS.key)
    assert indicator.definition_version == 2
    assert indicator.definition == TIMELINESS.definition
    assert indicator.history.first().history_change_reason == "Definition changed (version 2)"
    assert counts == {"created": 0, "updated": 1, "unchanged": 0}


def test_syncing_the_catalogue_keeps_the_partnerships_targets(partnership):
    indicator_catalogue_sync(partnership=partnership, catalogue=[TIMELINESS])
    partnership.indicators.filter(key=TIMELINESS.key).update(target=60, green_threshold=60)

    counts = indicator_catalogue_sync(partnership=partnership, catalogue=[TIMELINESS])

    assert partnership.indicators.get(key=TIMELINESS.key).target == 60
    assert counts["unchanged"] == 1


def test_it_stores_a_figure_with_its_counts_and_source(partnership):
    indicator_catalogue_sync(partnership=partnership, catalogue=[TIMELINESS])
    snapshot = SnapshotFactory(partnership=partnership)

    counts = observations_store(partnership=partnership, snapshot=snapshot, figures=[_may(1, 2)])

    observation = Observation.objects.get()
    assert (observation.numerator, observation.denominator, float(observation.value)) == (1, 2, 50)
    assert observation.snapshot_id == snapshot.pk
    assert observation.period_label == "May 2024"
    assert observation.excluded == {"20-week exception applies (week20 = 1)": 1}
    assert counts == {"created": 1, "superseded": 0, "unchanged": 0, "skipped": 0}


def test_a_newer_snapshots_figure_supersedes_the_older_one(partnership):
    indicator_catalogue_sync(partnership=partnership, catalogue=[TIMELINESS])
    older = SnapshotFactory(partnership=partnership, as_at=datetime.date(2024, 12, 31))
    newer = SnapshotFactory(partnership=partnership, as_at=datetime.date(2025, 1, 31))
    observations_store(partnership=partnership, snapshot=older, figures=[_may(1, 2)])

    counts = observations_store(partnership=partnership, snapshot=newer, figures=[_may(2, 3)])

    first, second = Observation.objects.order_by("computed_at", "pk")
    assert first.superseded_by == second
    assert second.snapshot_id == newer.pk
    assert counts == {"created": 1, "superseded": 1, "unchanged": 0, "skipped": 0}
