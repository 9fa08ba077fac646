import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from sendboard.casework.tests.builders import SnapshotBuilder


@pytest.fixture
def snapshot(tmp_path):
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27")
    builder.plan(received="2024-01-08", issued="2024-05-28", week20=1)
    builder.request(received="2024-09-02", told="2024-10-10")
    return builder.write(tmp_path / "casework" / "snap-2025", as_at="2025-01-16")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("casework_report", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_indicator_as_json_for_a_snapshot_path(snapshot):
    data = json.loads(run("--snapshot", str(snapshot), "--period", "2024"))
    assert data["ehcp_20w_incl"]["numerator"] == 1
    assert data["ehcp_20w_incl"]["denominator"] == 2
    assert data["ehcp_20w_incl"]["value"] == 50.0
    assert data["ehcp_20w_excl"]["value"] == 100.0
    assert data["requests_received"]["value"] == 3
    assert data["open_over_20w"]["denominator"] == 1
    assert data["open_over_20w"]["as_at"] == "2025-01-16"
    assert data["days_to_issue_median"]["value"] == 140.5


def test_it_finds_a_snapshot_by_code_in_the_data_directory(snapshot, settings):
    settings.DATA_DIR = snapshot.parent.parent
    data = json.loads(
        run("--snapshot", "snap-2025", "--period", "2024-05", "--period-type", "month")
    )
    assert data["ehcp_20w_incl"]["period"] == "May 2024"


def test_it_writes_csv_with_a_row_per_indicator(snapshot):
    rows = list(
        csv.DictReader(
            io.StringIO(run("--snapshot", str(snapshot), "--period", "2024", "--format", "csv"))
        )
    )
    by_code = {row["code"]: row for row in rows}
    assert by_code["ehcp_20w_incl"]["value"] == "50.0"
    assert len(rows) == 19


def test_it_honours_the_options_and_as_at_date(snapshot):
    data = json.loads(
        run(
            "--snapshot",
            str(snapshot),
            "--period",
            "2024",
            "--exclusive-weeks",
            "--as-at",
            "2025-03-01",
        )
    )
    assert data["ehcp_20w_incl"]["numerator"] == 0
    assert data["open_over_20w"]["value"] == 1


def test_it_refuses_an_unknown_snapshot(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    with pytest.raises(CommandError, match="no snapshot"):
        run("--snapshot", "missing", "--period", "2024")


def test_it_refuses_a_period_of_the_wrong_kind(snapshot):
    with pytest.raises(CommandError, match="not a month"):
        run("--snapshot", str(snapshot), "--period", "2024-Q2", "--period-type", "month")


def test_an_as_at_period_gives_the_figures_at_that_day(snapshot):
    data = json.loads(run("--snapshot", str(snapshot), "--period", "2024-12-31"))
    assert data["open_over_20w"]["as_at"] == "2024-12-31"
    assert data["open_over_20w"]["period"] == "As at 2024-12-31"
