from datetime import date, datetime

import pytest

from sendboard.plans.models import Status
from sendboard.workbooks.cells import CellError, names, normalise, parse_date, parse_status, text


@pytest.mark.parametrize(
    ("typed", "month_end", "expected"),
    [
        (datetime(2025, 3, 31, 0, 0), False, date(2025, 3, 31)),
        (date(2025, 3, 31), False, date(2025, 3, 31)),
        ("31/03/2025", False, date(2025, 3, 31)),
        ("31/3/25", False, date(2025, 3, 31)),
        ("31-03-2025", False, date(2025, 3, 31)),
        ("2025-03-31", False, date(2025, 3, 31)),
        ("31 March 2025", False, date(2025, 3, 31)),
        ("1st Sept 2025", False, date(2025, 9, 1)),
        ("March 2025", True, date(2025, 3, 31)),
        ("March 2025", False, date(2025, 3, 1)),
        ("Feb 2024", True, date(2024, 2, 29)),
        ("", False, None),
        (None, False, None),
    ],
)
def test_it_reads_dates_as_councils_type_them(typed, month_end, expected):
    assert parse_date(typed, month_end=month_end) == expected


@pytest.mark.parametrize("typed", ["31/02/2025", "Spring term", "13/13/2025", "Smarch 2025"])
def test_it_names_a_cell_that_is_not_a_date(typed):
    with pytest.raises(CellError, match=f"'{typed}' is not a date"):
        parse_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Green", Status.ON_TRACK),
        ("G", Status.ON_TRACK),
        ("amber", Status.AT_RISK),
        ("A", Status.AT_RISK),
        ("Red", Status.OFF_TRACK),
        ("Blue", Status.COMPLETE),
        ("Complete", Status.COMPLETE),
        ("Completed", Status.COMPLETE),
        ("Grey", Status.NOT_STARTED),
        ("Not started", Status.NOT_STARTED),
        ("On track", Status.ON_TRACK),
        ("Embedded", Status.EMBEDDED),
        (" off-track ", Status.OFF_TRACK),
        ("", None),
    ],
)
def test_it_reads_rag_words_letters_and_colours(typed, expected):
    assert parse_status(typed) == expected


def test_it_names_a_status_it_does_not_know():
    with pytest.raises(CellError, match="'Purple-ish' is not a status"):
        parse_status("Purple-ish")


def test_headings_match_whatever_their_case_spaces_and_punctuation():
    assert normalise("  Target   Date: ") == normalise("target date") == "target date"
    assert normalise("Lead-Officer") == "lead officer"


def test_a_cell_made_safe_from_formulas_reads_as_it_was_typed():
    assert text("'=SUM(A1)") == "=SUM(A1)"
    assert text("'- a bullet") == "- a bullet"
    assert text("'tis the season") == "'tis the season"
    assert text(3.0) == "3"


def test_a_cell_can_name_several_people():
    assert names("Jo Bloggs; Sam Patel, Ann Lee and Raj Shah") == [
        "Jo Bloggs",
        "Sam Patel",
        "Ann Lee",
        "Raj Shah",
    ]
