import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from sendboard.casework.tests.builders import SnapshotBuilder
from sendboard.performance.models import Observation
from sendboard.performance.tests.factories import SnapshotFactory


@pytest.fixture
def snapshot(partnership, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27")
    found = SnapshotFactory(partnership=partnership, as_at=datetime.date(2024, 12, 31))
    builder.write(found.folder, as_at="2024-12-31")
    return found


def test_it_stores_the_months_and_years_and_closes_with_counts(snapshot):
    out = io.StringIO()

    call_command("compute_indicators", snapshot=str(snapshot.code), months=2, stdout=out)

    assert "3 periods" in out.getvalue()  # November, December and 2024
    assert "created" in out.getvalue()
    labels = set(Observation.objects.values_list("period_label", flat=True))
    assert labels == {"November 2024", "December 2024", "2024"}


def test_a_dry_run_stores_nothing(snapshot):
    out = io.StringIO()

    call_command(
        "compute_indicators", snapshot=str(snapshot.code), months=1, dry_run=True, stdout=out
    )

    assert out.getvalue().startswith("Dry run, nothing stored")
    assert not Observation.objects.exists()


def test_it_names_a_snapshot_it_cannot_find(db):
    with pytest.raises(CommandError, match="no snapshot"):
        call_command("compute_indicators", snapshot="not-a-code")


def test_latest_names_the_newest_snapshot(snapshot):
    out = io.StringIO()

    call_command("compute_indicators", snapshot="latest", months=1, dry_run=True, stdout=out)

    assert out.getvalue().startswith("Dry run, nothing stored")
