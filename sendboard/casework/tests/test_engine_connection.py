from datetime import date

import pytest

from sendboard.casework.engine import SnapshotError, compute_all, open_snapshot, snapshot_as_at
from sendboard.casework.tests.builders import SnapshotBuilder

CASE_CODES = [
    "ehcp_20w_incl", "ehcp_20w_excl", "ehcp_band_20_52", "ehcp_band_over_52",
    "requests_received", "refusal_rate", "decisions_6w", "not_issue_16w",
    "days_to_issue_median", "days_to_issue_mean", "days_to_issue_median_excl",
    "days_to_issue_mean_excl", "open_over_20w", "open_over_30w", "active_plans",
    "reviews_overdue", "review_decisions_4w", "amended_12w", "phase_transfer_on_time",
]  # fmt: skip


def test_missing_optional_tables_read_as_empty(tmp_path):
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27")
    con = builder.open(tmp_path / "snapshot")
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert list(compute_all(con, period="2024")) == CASE_CODES


def test_a_snapshot_without_a_required_table_is_refused(tmp_path):
    folder = SnapshotBuilder().write(tmp_path / "snapshot")
    (folder / "requests.parquet").unlink()
    with pytest.raises(SnapshotError, match=r"requests\.parquet"):
        open_snapshot(folder)


def test_a_folder_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(SnapshotError, match="is not a snapshot folder"):
        open_snapshot(tmp_path / "nowhere")


def test_the_as_at_date_comes_from_the_manifest_else_the_latest_date_held(tmp_path):
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27")
    assert snapshot_as_at(builder.open(tmp_path / "a", as_at="2025-01-16")) == date(2025, 1, 16)
    assert snapshot_as_at(builder.open(tmp_path / "b")) == date(2024, 5, 27)


def test_waiting_list_codes_follow_the_services_in_the_data(tmp_path):
    builder = SnapshotBuilder()
    builder.add("referrals", referralid="F1", service="SALT", referraldate=date(2024, 3, 1))
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    codes = list(compute_all(con, period="2024"))[len(CASE_CODES) :]
    assert codes == [
        "waiting_salt_0_18", "waiting_salt_18_52", "waiting_salt_over_52",
        "waiting_salt_median_weeks", "waiting_salt_seen_within_standard",
    ]  # fmt: skip


def test_every_result_carries_its_definition_period_and_choices(tmp_path):
    builder = SnapshotBuilder()
    builder.plan(received="2024-01-08", issued="2024-05-27")
    result = compute_all(builder.open(tmp_path / "s"), period="2024-Q2")["ehcp_20w_incl"]
    assert result.period == "2024 Q2"
    assert "assessmentoutcomedate" in result.definition
    assert result.definition_version.startswith("1-")
    assert set(result.options) == {
        "weeks", "phase_transfer_deadline", "s_outcomes", "waiting_standards_weeks",
    }  # fmt: skip
