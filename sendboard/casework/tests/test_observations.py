"""A snapshot's figures land as observations with provenance, and a newer snapshot
supersedes them without losing them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from sendboard.casework.models import Snapshot
from sendboard.casework.queries import indicator_catalogue
from sendboard.casework.services import observations_compute_from_snapshot
from sendboard.casework.tests.builders import SnapshotBuilder
from sendboard.lib.periods import parse_period
from sendboard.performance.models import Indicator, Observation
from sendboard.performance.services import indicator_catalogue_sync
from sendboard.performance.tests.factories import SnapshotFactory

MAY_2024 = parse_period("2024-05")
YEAR_2024 = parse_period("2024")


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _may_plans() -> SnapshotBuilder:
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27")  # 140 days: within
    builder.plan(received="2024-01-08", issued="2024-05-28")  # 141 days: late
    builder.plan(received="2024-03-04", issued="2024-05-20", week20=1)
    return builder


def _snapshot(partnership, builder: SnapshotBuilder, *, as_at: str, **fields):
    snapshot = SnapshotFactory(
        partnership=partnership, as_at=datetime.date.fromisoformat(as_at), **fields
    )
    builder.write(snapshot.folder, as_at=as_at)
    return snapshot


def _current(key: str, period=MAY_2024) -> Observation:
    return Observation.objects.get(
        indicator__key=key,
        period_type=period.kind,
        period_start=period.start,
        superseded_by__isnull=True,
    )


def test_it_stores_each_figure_with_its_counts_and_provenance(partnership):
    snapshot = _snapshot(partnership, _may_plans(), as_at="2024-12-31")

    counts = observations_compute_from_snapshot(snapshot=snapshot, periods=[MAY_2024])

    observation = _current("ehcp_20w_excl")
    assert (observation.numerator, observation.denominator, float(observation.value)) == (
        1,
        2,
        50.0,
    )
    assert observation.excluded == {"20-week exception applies (week20 = 1)": 1}
    assert observation.snapshot == snapshot
    assert observation.definition_version == observation.indicator.definition_version == 1
    assert observation.period_label == "May 2024"
    assert observation.options["weeks"].startswith("inclusive")
    including = _current("ehcp_20w_incl")
    assert (including.numerator, including.denominator) == (2, 3)
    # A new partnership also has the standard set's indicators, entered by hand.
    casework = Indicator.objects.filter(partnership=partnership, source=Indicator.Source.CASEWORK)
    assert counts["created"] == casework.count()


def test_a_newer_snapshot_supersedes_the_earlier_figure_and_keeps_it(partnership):
    older = _snapshot(partnership, _may_plans(), as_at="2024-12-31")
    observations_compute_from_snapshot(snapshot=older, periods=[MAY_2024, YEAR_2024])
    first = _current("ehcp_20w_excl")
    later_data = _may_plans()
    later_data.plan(received="2024-02-01", issued="2024-05-30")  # 119 days: within
    newer = _snapshot(partnership, later_data, as_at="2025-01-31")

    counts = observations_compute_from_snapshot(snapshot=newer, periods=[MAY_2024, YEAR_2024])

    second = _current("ehcp_20w_excl")
    first.refresh_from_db()
    assert first.superseded_by == second
    assert (first.numerator, first.denominator) == (1, 2)
    assert (second.numerator, second.denominator, second.snapshot) == (2, 3, newer)
    assert counts["superseded"] > 0
    assert counts["superseded"] == counts["created"]
    history = Observation.objects.filter(
        indicator__key="ehcp_20w_excl", period_start=MAY_2024.start
    )
    assert history.count() == 2


def test_it_recomputing_the_same_snapshot_stores_nothing_new(partnership):
    snapshot = _snapshot(partnership, _may_plans(), as_at="2024-12-31")
    observations_compute_from_snapshot(snapshot=snapshot, periods=[MAY_2024])
    stored = Observation.objects.count()

    counts = observations_compute_from_snapshot(snapshot=snapshot, periods=[MAY_2024])

    assert Observation.objects.count() == stored
    assert counts["created"] == counts["superseded"] == 0
    assert counts["unchanged"] == stored


def test_an_older_snapshot_never_overwrites_a_newer_ones_figure(partnership):
    later_data = _may_plans()
    later_data.plan(received="2024-02-01", issued="2024-05-30")
    newer = _snapshot(partnership, later_data, as_at="2025-01-31")
    older = _snapshot(partnership, _may_plans(), as_at="2024-12-31")
    observations_compute_from_snapshot(snapshot=newer, periods=[MAY_2024])

    counts = observations_compute_from_snapshot(snapshot=older, periods=[MAY_2024])

    assert _current("ehcp_20w_excl").snapshot == newer
    assert counts["created"] == 0
    assert counts["skipped"] > 0


def test_a_dry_run_counts_but_stores_nothing(partnership):
    snapshot = _snapshot(partnership, _may_plans(), as_at="2024-12-31")

    counts = observations_compute_from_snapshot(snapshot=snapshot, periods=[MAY_2024], dry_run=True)

    assert counts["created"] > 0
    assert not Observation.objects.exists()


def test_open_cases_are_counted_at_the_end_of_each_month(partnership):
    builder = SnapshotBuilder()
    # Worked example 5: assessing since 2024-09-02, no plan by the snapshot date.
    builder.request(received="2024-09-02", told="2024-10-01")
    snapshot = _snapshot(partnership, builder, as_at="2025-02-28")

    observations_compute_from_snapshot(
        snapshot=snapshot, periods=[parse_period("2024-12"), parse_period("2025-01")]
    )

    december = _current("open_over_20w", parse_period("2024-12"))
    january = _current("open_over_20w", parse_period("2025-01"))
    assert december.as_at == datetime.date(2024, 12, 31)
    assert (december.numerator, december.denominator) == (0, 1)  # 120 days
    assert (january.numerator, january.denominator) == (1, 1)  # 151 days


def test_waiting_list_services_get_their_own_indicators(partnership):
    counts = indicator_catalogue_sync(
        partnership=partnership, catalogue=indicator_catalogue(services=("SALT",))
    )

    casework = partnership.indicators.filter(source=Indicator.Source.CASEWORK)
    keys = set(casework.values_list("key", flat=True))
    assert "waiting_salt_median_weeks" in keys
    assert partnership.indicators.get(key="waiting_salt_median_weeks").unit == "weeks"
    assert counts["created"] == len(keys)


def test_a_withdrawn_snapshots_figures_are_never_stored(partnership):
    snapshot = _snapshot(
        partnership, _may_plans(), as_at="2024-12-31", status=Snapshot.Status.WITHDRAWN
    )

    with pytest.raises(ValidationError, match="withdrawn"):
        observations_compute_from_snapshot(snapshot=snapshot, periods=[MAY_2024])

    assert not Observation.objects.exists()
