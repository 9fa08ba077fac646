"""The demo's figures come from its own synthetic casework, rated against its targets."""

import datetime

import pytest

from sendboard.casework.models import Snapshot
from sendboard.demo.casework import DEMO_TARGETS, demo_casework_load, demo_casework_remove
from sendboard.performance.models import Indicator, Observation, Rag

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def loaded(partnership, manager_user, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return demo_casework_load(partnership=partnership, by=manager_user, today=TODAY, requests=400)


def test_the_figures_come_from_the_imported_snapshot(loaded, partnership):
    timeliness = Indicator.objects.get(partnership=partnership, key="ehcp_20w_incl")

    assert loaded.partnership == partnership
    assert timeliness.observations.filter(snapshot=loaded).exists()


def test_the_key_indicators_carry_the_partnerships_targets_and_ratings(loaded, partnership):
    indicators = Indicator.objects.filter(partnership=partnership, key__in=DEMO_TARGETS)

    assert indicators.count() == len(DEMO_TARGETS)
    for indicator in indicators:
        target, green, amber = DEMO_TARGETS[indicator.key]
        assert (indicator.target, indicator.green_threshold) == (target, green)
        assert indicator.amber_threshold == amber
        assert indicator.history.first().history_change_reason == "Target or rating changed"
    latest = Indicator.objects.get(partnership=partnership, key="ehcp_20w_incl")
    value = latest.observations.filter(superseded_by__isnull=True).latest("period_end").value
    assert latest.rag(value) != Rag.NOT_RATED


def test_removing_the_casework_takes_the_figures_computed_from_it(loaded, partnership):
    demo_casework_remove(partnership=partnership)

    assert not Snapshot.objects.filter(partnership=partnership).exists()
    assert (
        not Observation.objects.filter(indicator__partnership=partnership)
        .exclude(snapshot=None)
        .exists()
    )
