from pathlib import Path

import pytest
from openpyxl import Workbook

from sendboard.casework.snapshot import Problem, SnapshotInvalid, import_snapshot
from sendboard.casework.tests.exports import write_export


def problems_in(source: Path, root: Path, **options) -> SnapshotInvalid:
    with pytest.raises(SnapshotInvalid, match="nothing was imported") as raised:
        import_snapshot(
            source=source, snapshots_dir=root / "snapshots", key="k", code="s", **options
        )
    assert not (root / "snapshots").exists(), "nothing may be written when anything is wrong"
    return raised.value


def where(invalid: SnapshotInvalid) -> set[tuple[str, int | None, str]]:
    return {(problem.file, problem.row, problem.field) for problem in invalid.problems}


CASES = {
    "a missing required column": (
        {},
        {"requests.csv": ["receiveddate"]},
        ("requests.csv", 1, "receiveddate"),
        "missing",
    ),
    "an unknown request outcome": (
        {"requests.csv": {3: {"requestoutcome": "Q"}}},
        {},
        ("requests.csv", 3, "requestoutcome"),
        "unknown code 'Q'",
    ),
    "an unknown assessment outcome": (
        {"assessment.csv": {2: {"assessmentoutcome": "Z"}}},
        {},
        ("assessment.csv", 2, "assessmentoutcome"),
        "unknown code",
    ),
    "a week20 flag other than 0 or 1": (
        {"assessment.csv": {3: {"week20": "2"}}},
        {},
        ("assessment.csv", 3, "week20"),
        "0, 1",
    ),
    "an unknown review outcome": (
        {"activeplans.csv": {2: {"reviewoutcome": "X"}}},
        {},
        ("activeplans.csv", 2, "reviewoutcome"),
        "unknown code",
    ),
    "an unknown cease reason": (
        {"namedplan.csv": {2: {"ceasedate": "2025-01-01", "ceasereason": "10"}}},
        {},
        ("namedplan.csv", 2, "ceasereason"),
        "unknown code '10'",
    ),
    "an unknown SEN type": (
        {"senneed.csv": {3: {"sentype": "ADD"}}},
        {},
        ("senneed.csv", 3, "sentype"),
        "unknown",
    ),
    "an unparseable date": (
        {"requests.csv": {4: {"receiveddate": "31/02/2024"}}},
        {},
        ("requests.csv", 4, "receiveddate"),
        "is not a date",
    ),
    "an implausible date": (
        {"requests.csv": {4: {"receiveddate": "0024-09-02"}}},
        {},
        ("requests.csv", 4, "receiveddate"),
        "not a plausible date",
    ),
    "an outcome before the request": (
        {"requests.csv": {2: {"requestoutcomedate": "2024-01-07"}}},
        {},
        ("requests.csv", 2, "requestoutcomedate"),
        "before receiveddate",
    ),
    "a plan ceasing before it started": (
        {"namedplan.csv": {2: {"ceasedate": "2024-05-26", "ceasereason": "2"}}},
        {},
        ("namedplan.csv", 2, "ceasedate"),
        "before startdate",
    ),
    "a review decision before the meeting": (
        {"activeplans.csv": {2: {"lastreview": "2025-04-30", "reviewdraft": ""}}},
        {},
        ("activeplans.csv", 2, "lastreview"),
        "before reviewmeeting",
    ),
    "a plan issued before the request arrived": (
        {"assessment.csv": {2: {"assessmentoutcomedate": "2023-12-01"}}},
        {},
        ("assessment.csv", 2, "assessmentoutcomedate"),
        "before the request was received",
    ),
    "a first contact before the referral": (
        {"referrals.csv": {2: {"firstcontactdate": "2024-02-01"}}},
        {},
        ("referrals.csv", 2, "firstcontactdate"),
        "before referraldate",
    ),
    "a request for a missing person": (
        {"requests.csv": {3: {"persontableid": "P9"}}},
        {},
        ("requests.csv", 3, "persontableid"),
        "not in the person table",
    ),
    "an assessment for a missing request": (
        {"assessment.csv": {3: {"requeststableid": "R9"}}},
        {},
        ("assessment.csv", 3, "requeststableid"),
        "not in the requests table",
    ),
    "a duplicate id": (
        {"requests.csv": {5: {"requeststableid": "R1"}}},
        {},
        ("requests.csv", 5, "requeststableid"),
        "first given on row 2",
    ),
    "a blank id": (
        {"person.csv": {3: {"PersonTableID": ""}}},
        {},
        ("person.csv", 3, "persontableid"),
        "blank",
    ),
}


@pytest.mark.parametrize(("changes", "drop", "place", "words"), CASES.values(), ids=CASES.keys())
def test_it_names_the_file_row_and_field_of(changes, drop, place, words, tmp_path):
    export = write_export(tmp_path / "export", changes=changes, drop=drop)
    invalid = problems_in(export, tmp_path)
    assert place in where(invalid)
    assert any(words in problem.message for problem in invalid.problems), invalid.problems


def test_it_reports_every_problem_not_just_the_first(tmp_path):
    export = write_export(
        tmp_path / "export",
        changes={
            "requests.csv": {3: {"requestoutcome": "Q"}},
            "senneed.csv": {2: {"sentype": "XYZ"}},
            "teams.csv": {4: {"requeststableid": "R1"}},
        },
    )
    invalid = problems_in(export, tmp_path)
    assert where(invalid) == {
        ("requests.csv", 3, "requestoutcome"),
        ("senneed.csv", 2, "sentype"),
        ("teams.csv", 4, "requeststableid"),
    }
    assert invalid.total == 3


def test_it_lists_the_first_problems_up_to_the_cap_and_counts_the_rest(tmp_path):
    bad = {row: {"requeststableid": f"R{row}", "requestoutcome": "Q"} for row in range(2, 40)}
    export = write_export(tmp_path / "export", changes={"requests.csv": bad})
    invalid = problems_in(export, tmp_path, cap=5)
    assert len(invalid.problems) == 5
    assert invalid.total > 5
    assert invalid.unreported == invalid.total - 5
    assert "more" in str(invalid)


def test_it_asks_for_the_tables_a_sen2_export_cannot_do_without(tmp_path):
    export = write_export(tmp_path / "export", only=("person.csv", "requests.csv"))
    invalid = problems_in(export, tmp_path)
    assert ("export", None, "") in where(invalid)
    assert any("no assessment table" in problem.message for problem in invalid.problems)


def test_it_refuses_a_source_with_no_module_tables(tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "notes.csv").write_text("a,b\n1,2\n")
    invalid = problems_in(tmp_path / "export", tmp_path)
    assert "none of the module tables" in invalid.problems[0].message


def test_row_numbers_count_past_lines_the_csv_reader_had_to_skip(tmp_path):
    export = write_export(tmp_path / "export", only=("referrals.csv",))
    path = export / "referrals.csv"
    header, good = path.read_text().splitlines()[:2]
    bad_service = good.replace("SALT", "").replace("P1", "P3")
    path.write_text("\n".join([header, good, "P2,too,few", bad_service]) + "\n")
    invalid = problems_in(path, tmp_path)
    assert where(invalid) == {("referrals.csv", 3, ""), ("referrals.csv", 4, "service")}


def test_row_numbers_in_a_workbook_are_the_sheet_rows(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Referrals"
    sheet.append(["referralid", "service", "referraldate"])
    sheet.append(["X1", "SALT", "2024-01-01"])
    sheet.append([])
    sheet.append(["X2", "ASD", "not a date"])
    book.save(tmp_path / "lists.xlsx")
    invalid = problems_in(tmp_path / "lists.xlsx", tmp_path)
    assert where(invalid) == {("lists.xlsx[Referrals]", 4, "referraldate")}


def test_a_problem_reads_as_file_row_field_message():
    problem = Problem("requests.csv", 3, "requestoutcome", "unknown code 'Q'")
    assert str(problem) == "requests.csv:3: requestoutcome: unknown code 'Q'"


def test_it_asks_for_an_as_at_date_when_the_data_has_none(tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "referrals.csv").write_text("referralid,service,referraldate\n")
    invalid = problems_in(tmp_path / "export", tmp_path)
    assert "give the as-at date" in invalid.problems[0].message
