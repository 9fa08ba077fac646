"""A figure the data cannot give is empty and says why: in the engine's result, the
report's JSON and CSV, the page and the stored observation."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendboard.casework.engine import compute_all
from sendboard.casework.engine.results import NOTHING_TO_COUNT
from sendboard.casework.engine.reviews import NO_AMENDED_FINALS
from sendboard.casework.services import NOT_COMPUTED, observations_compute_from_snapshot
from sendboard.casework.tests.builders import SnapshotBuilder, d
from sendboard.lib.periods import parse_period
from sendboard.performance.models import Observation
from sendboard.performance.tests.factories import SnapshotFactory


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


def _amended(builder: SnapshotBuilder, *, final: str | None) -> None:
    rid = builder.plan(received="2022-01-10", issued="2022-05-20")
    builder.active(
        request=rid,
        reviewmeeting="2024-10-01",
        reviewoutcome="A",
        lastreview="2024-10-25",
        reviewdraft="2024-10-25",
    )
    if final:
        builder.add("events", requeststableid=rid, event="amended_plan_issued", date=d(final))


def test_final_amended_plans_without_their_dates_are_empty_saying_sen2_lacks_them(tmp_path):
    builder = SnapshotBuilder()
    _amended(builder, final=None)
    result = compute_all(builder.open(tmp_path / "s", as_at="2025-01-16"), period="2024")[
        "amended_12w"
    ]
    assert (result.numerator, result.denominator, result.value) == (None, None, None)
    assert result.reason == NO_AMENDED_FINALS


def test_final_amended_plans_with_their_dates_are_counted(tmp_path):
    builder = SnapshotBuilder()
    _amended(builder, final="2024-12-16")
    result = compute_all(builder.open(tmp_path / "s", as_at="2025-01-16"), period="2024")[
        "amended_12w"
    ]
    assert (result.numerator, result.denominator, result.reason) == (1, 1, "")


def test_a_rate_with_nothing_to_count_says_so(tmp_path):
    builder = SnapshotBuilder()
    builder.request(received="2024-03-01", outcome="N", told="2024-04-01")
    results = compute_all(builder.open(tmp_path / "s", as_at="2025-01-16"), period="2024")
    assert results["ehcp_20w_incl"].value is None
    assert results["ehcp_20w_incl"].reason == NOTHING_TO_COUNT
    assert results["days_to_issue_median"].reason == NOTHING_TO_COUNT
    assert results["requests_received"].reason == ""  # a count of what there is


def _report(folder, *extra: str) -> str:
    out = io.StringIO()
    call_command("casework_report", "--snapshot", str(folder), *extra, stdout=out)
    return out.getvalue()


def test_the_report_gives_the_reason_in_json_and_csv(tmp_path):
    builder = SnapshotBuilder()
    _amended(builder, final=None)
    folder = builder.write(tmp_path / "s", as_at="2025-01-16")
    data = json.loads(_report(folder, "--period", "2024"))
    assert data["amended_12w"]["reason"] == NO_AMENDED_FINALS
    earlier = json.loads(_report(folder, "--period", "2024-06-30"))
    assert "keeps only each plan's latest review" in earlier["reviews_overdue"]["reason"]
    rows = csv.DictReader(io.StringIO(_report(folder, "--period", "2024", "--format", "csv")))
    assert {row["code"]: row["reason"] for row in rows}["amended_12w"] == NO_AMENDED_FINALS


def test_report_csv_cells_that_would_run_as_formulas_are_quoted():
    from sendboard.casework.management.commands.casework_report import safe_cells

    assert safe_cells(["=1+1", "+x", "-y", "@z", "ok", -3, None]) == [
        "'=1+1",
        "'+x",
        "'-y",
        "'@z",
        "ok",
        -3,
        None,
    ]


@pytest.fixture
def snapshot(partnership):
    builder = SnapshotBuilder()
    _amended(builder, final=None)
    found = SnapshotFactory(partnership=partnership, as_at=datetime.date(2025, 1, 16))
    builder.write(found.folder, as_at="2025-01-16")
    return found


def test_the_page_shows_the_reason_beside_the_empty_figure(persona, snapshot):
    args = [snapshot.partnership.slug, snapshot.code]
    page = persona["analyst"].get(reverse("snapshot_detail", args=args), {"period": "2024"})
    assert f"Not available: {NO_AMENDED_FINALS}" in page.content.decode()
    one = persona["analyst"].get(
        reverse("snapshot_indicator", args=[*args, "amended_12w"]), {"period": "2024"}
    )
    assert f"Not available: {NO_AMENDED_FINALS}" in one.content.decode()


def test_the_stored_observation_keeps_the_reason(snapshot):
    observations_compute_from_snapshot(snapshot=snapshot, periods=[parse_period("2024")])
    stored = Observation.objects.get(indicator__key="amended_12w", superseded_by__isnull=True)
    assert stored.value is None
    assert stored.excluded == {f"{NOT_COMPUTED}{NO_AMENDED_FINALS}": 0}
