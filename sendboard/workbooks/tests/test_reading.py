import io
import zipfile

import pytest

from sendboard.workbooks import reading
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.reading import read_table
from sendboard.workbooks.tests.sheets import TRACKER_HEADINGS, council_tracker, workbook


def test_it_finds_the_header_row_under_the_title_rows():
    table = read_table(council_tracker(), name="tracker.xlsx")
    assert table.sheet == "Tracker"
    assert table.header_row == 4
    assert table.headers["C"] == "Ref"
    assert [number for number, _ in table.rows] == [5, 6, 8]


def test_a_header_row_given_is_taken_as_it_is():
    table = read_table(council_tracker(), name="tracker.xlsx", header_row=5)
    assert table.header_row == 5
    assert table.headers["C"] == "1.1"


def test_it_prefers_a_row_of_headings_mapped_before():
    data = workbook([["Ref", "Action", "Target date"]], headings=["Plan", "for", "2025"])
    table = read_table(
        data, name="t.xlsx", known_headers=frozenset({"ref", "action", "target date"})
    )
    assert table.header_row == 5


def test_it_reads_the_sheet_asked_for_and_names_one_missing():
    with pytest.raises(WorkbookInvalid, match="has no sheet 'Risks': its sheets are Tracker"):
        read_table(council_tracker(), name="tracker.xlsx", sheet="Risks")


def test_a_sheet_without_headings_is_refused_with_what_a_header_row_is():
    data = workbook([["only", "two"]], headings=["Ref", "Action"], titles=())
    with pytest.raises(WorkbookInvalid, match="has no row of column headings"):
        read_table(data, name="t.xlsx")


def test_it_refuses_a_file_that_is_not_a_workbook():
    with pytest.raises(WorkbookInvalid, match=r"notes.xlsx is not an Excel workbook \(.xlsx\)"):
        read_table(b"Ref,Action\n1.1,Recruit", name="notes.xlsx")


def test_it_refuses_a_zip_that_is_not_a_workbook():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(WorkbookInvalid, match="is not an Excel workbook"):
        read_table(output.getvalue(), name="t.xlsx")


def test_it_refuses_an_oversized_file_before_reading_it(monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    with pytest.raises(WorkbookInvalid, match="the largest workbook accepted is 0 MB"):
        read_table(council_tracker(), name="big.xlsx")


def test_it_refuses_a_zip_that_unpacks_too_large_before_opening_it(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 100_000)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/bomb.xml", b"\0" * 200_000)
    data = output.getvalue()
    assert len(data) < 10_000
    with pytest.raises(WorkbookInvalid, match=r"bomb\.xlsx unpacks to more than"):
        read_table(data, name="bomb.xlsx")


def test_it_refuses_a_sheet_with_too_many_rows(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 5)
    rows = [[f"1.{n}", "Action"] for n in range(10)]
    data = workbook(rows, headings=[*TRACKER_HEADINGS[2:4], "Lead"], titles=())
    with pytest.raises(WorkbookInvalid, match="has more than 5 rows"):
        read_table(data, name="t.xlsx")
