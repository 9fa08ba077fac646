"""Every SEN2 item the return may leave blank imports blank, and the engine reads each
blank as send-rules.md section 4 says."""

from datetime import date

import pytest

from sendboard.casework import schema
from sendboard.casework.engine import compute_all, open_snapshot
from sendboard.casework.engine.reviews import EARLIER_REVIEW
from sendboard.casework.engine.timeliness import (
    DECIDED_NOT_ISSUED,
    MISSING_REQUEST_DATE,
    UNDATED_DECISION,
)
from sendboard.casework.snapshot import SnapshotInvalid, import_snapshot, rules
from sendboard.casework.tests.exports import EXPORT, write_export

FILE_OF = {name.removesuffix(".csv"): name for name in EXPORT}


def _blankable() -> list[tuple[str, str]]:
    """(file, column) for every SEN2 item but identifiers and a need's type."""
    found = []
    for table in schema.SEN2_TABLES:
        ids = {table.key, table.parent and table.parent[0]}
        for column in table.columns:
            if column not in ids and column not in rules.NOT_BLANK.get(table.name, ()):
                found.append((FILE_OF[table.name], column))
    return found


def run_import(source, root, **options):
    return import_snapshot(
        source=source, snapshots_dir=root / "snapshots", key="k", code="s", **options
    )


def figures(folder, *, period="2024", as_at=None):
    con = open_snapshot(folder)
    try:
        return compute_all(con, period=period, as_at=as_at)
    finally:
        con.close()


@pytest.mark.parametrize(("file", "column"), _blankable())
def test_a_blank_sen2_item_is_accepted_on_every_row(file, column, tmp_path):
    blank_everywhere = {row: {column: ""} for row in range(2, len(EXPORT[file]) + 2)}
    export = write_export(tmp_path / "export", changes={file: blank_everywhere})
    assert run_import(export, tmp_path, as_at=date(2025, 1, 16)).folder


def test_the_items_a_row_means_nothing_without_are_still_refused(tmp_path):
    export = write_export(tmp_path / "export", changes={"senneed.csv": {2: {"sentype": ""}}})
    with pytest.raises(SnapshotInvalid) as raised:
        run_import(export, tmp_path)
    assert [str(p) for p in raised.value.problems] == ["senneed.csv:2: sentype: is blank"]


def test_a_blank_assessment_outcome_is_an_assessment_in_progress(tmp_path):
    # R3 received 2024-09-02, decided Y; its assessment blank rather than A.
    export = write_export(
        tmp_path / "export", changes={"assessment.csv": {3: {"assessmentoutcome": ""}}}
    )
    folder = run_import(export, tmp_path).folder
    open_20w = figures(folder, period="2025-01-31", as_at=date(2025, 1, 31))["open_over_20w"]
    assert (open_20w.denominator, open_20w.numerator) == (1, 1)  # 151 days by then
    at_worked_example = figures(folder, period="2025-01-16", as_at=date(2025, 1, 16))
    assert at_worked_example["open_over_20w"].numerator == 0  # 136 days: not yet overdue


def test_a_plan_decided_but_not_yet_issued_is_left_out_of_open_assessments_saying_so(tmp_path):
    export = write_export(
        tmp_path / "export",
        changes={"assessment.csv": {3: {"assessmentoutcome": "Y", "assessmentoutcomedate": ""}}},
    )
    folder = run_import(export, tmp_path, as_at=date(2025, 1, 16)).folder
    result = figures(folder, period="2025-01-16", as_at=date(2025, 1, 16))["open_over_20w"]
    assert result.denominator == 0
    assert result.excluded == {DECIDED_NOT_ISSUED: 1}


def test_a_blank_request_outcome_is_a_request_not_yet_decided(tmp_path):
    export = write_export(
        tmp_path / "export",
        changes={"requests.csv": {3: {"requestoutcome": "", "requestoutcomedate": ""}}},
    )
    result = figures(run_import(export, tmp_path).folder)
    assert result["requests_received"].value == 3
    assert (result["refusal_rate"].numerator, result["refusal_rate"].denominator) == (0, 3)
    assert result["decisions_6w"].denominator == 2  # R2 (row 3) was never told


def test_a_blank_received_date_is_left_out_of_request_figures_saying_so(tmp_path):
    export = write_export(tmp_path / "export", changes={"requests.csv": {3: {"receiveddate": ""}}})
    result = figures(run_import(export, tmp_path).folder)["requests_received"]
    assert result.value == 2
    assert result.excluded == {MISSING_REQUEST_DATE: 1}


def test_a_plan_never_reviewed_is_due_a_year_after_issue(tmp_path):
    never = {"reviewmeeting": "", "reviewoutcome": "", "lastreview": "", "reviewdraft": ""}
    export = write_export(tmp_path / "export", changes={"activeplans.csv": {2: never}})
    folder = run_import(export, tmp_path).folder
    # Issued 2024-05-27: due 2025-05-27, overdue the day after.
    assert figures(folder, period="2025", as_at=date(2025, 5, 27))["reviews_overdue"].value == 0
    assert figures(folder, period="2025", as_at=date(2025, 5, 28))["reviews_overdue"].value == 1


def test_a_meeting_awaiting_its_decision_keeps_the_earlier_decision(tmp_path):
    # Met 2025-05-01, no decision yet; the last decision is the review before it.
    waiting = {"reviewoutcome": "", "lastreview": "2024-05-20", "reviewdraft": ""}
    changes = {
        "activeplans.csv": {2: waiting},
        "namedplan.csv": {2: {"startdate": "2023-05-27"}},
        "assessment.csv": {2: {"assessmentoutcomedate": "2023-05-27", "assessmentoutcome": "H"}},
    }
    export = write_export(tmp_path / "export", changes=changes)
    folder = run_import(export, tmp_path).folder
    result = figures(folder, period="2024")["review_decisions_4w"]
    assert result.denominator == 0
    assert result.excluded == {EARLIER_REVIEW: 1}


def test_a_review_decision_before_its_decided_meeting_is_still_refused(tmp_path):
    export = write_export(
        tmp_path / "export", changes={"activeplans.csv": {2: {"lastreview": "2025-04-30"}}}
    )
    with pytest.raises(SnapshotInvalid, match="nothing was imported"):
        run_import(export, tmp_path)


def test_a_third_ranked_need_is_accepted(tmp_path):
    export = write_export(tmp_path / "export", changes={"senneed.csv": {3: {"sentyperank": "3"}}})
    assert run_import(export, tmp_path).row_counts["senneed"] == 2


def test_a_decision_without_the_date_told_is_left_out_of_the_6_week_figure_saying_so(tmp_path):
    # R2 (row 3) received 2024-02-05, refused, the day the family was told not given.
    export = write_export(
        tmp_path / "export", changes={"requests.csv": {3: {"requestoutcomedate": ""}}}
    )
    result = figures(run_import(export, tmp_path).folder)["decisions_6w"]
    assert (result.numerator, result.denominator) == (2, 2)
    assert result.excluded == {UNDATED_DECISION: 1}
    assert (
        figures(run_import(export, tmp_path / "again").folder, period="2023")[
            "decisions_6w"
        ].excluded
        == {}
    )


def test_a_not_to_issue_decision_without_its_date_is_left_out_saying_so(tmp_path):
    # R3's assessment (row 3), received 2024-09-02: not to issue, the date not given.
    changes = {"assessment.csv": {3: {"assessmentoutcome": "N", "assessmentoutcomedate": ""}}}
    export = write_export(tmp_path / "export", changes=changes)
    result = figures(run_import(export, tmp_path).folder)["not_issue_16w"]
    assert result.denominator == 0
    assert result.excluded == {UNDATED_DECISION: 1}


@pytest.mark.parametrize("outcome", ["", "A", "W", "H"])
def test_a_date_told_without_a_decision_is_a_warning_and_not_used(outcome, tmp_path):
    # R2 (row 3) keeps its date, 2024-03-19, but its outcome says no decision was told.
    export = write_export(
        tmp_path / "export", changes={"requests.csv": {3: {"requestoutcome": outcome}}}
    )
    result = run_import(export, tmp_path)
    given = f"outcome {outcome}" if outcome else "a blank outcome (not yet decided)"
    assert result.warnings == (
        f"requests.csv:3: requestoutcomedate: 1 row with {given} has a date, which was not"
        " used: the date is when the family was told of a decision, and A/W/H or a blank"
        " requestoutcome have none",
    )
    assert figures(result.folder)["decisions_6w"].denominator == 2  # R1 and R3 only
