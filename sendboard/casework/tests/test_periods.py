from datetime import date

import pytest

from sendboard.lib.periods import add_months, parse_period, reporting_periods


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2024", "calendar-year", date(2024, 1, 1), date(2024, 12, 31), "2024"),
        ("2024-05", "month", date(2024, 5, 1), date(2024, 5, 31), "May 2024"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
        ("2024-Q2", "quarter", date(2024, 4, 1), date(2024, 6, 30), "2024 Q2"),
        ("FY2024-25", "financial-year", date(2024, 4, 1), date(2025, 3, 31), "FY2024-25"),
        ("2024-05-17", "as-at", date(2024, 5, 17), date(2024, 5, 17), "As at 2024-05-17"),
    ],
)
def test_a_label_reads_as_its_own_kind_of_period(text, kind, start, end, label):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)


def test_a_year_can_be_read_as_the_financial_year_starting_in_it():
    period = parse_period("2024", kind="financial-year")
    assert (period.start, period.end) == (date(2024, 4, 1), date(2025, 3, 31))


def test_a_year_to_date_runs_from_january_to_the_as_at_date():
    period = parse_period("2024", kind="year-to-date", as_at=date(2024, 5, 17))
    assert (period.start, period.end) == (date(2024, 1, 1), date(2024, 5, 17))


def test_a_financial_year_to_date_starts_in_april():
    period = parse_period("FY2024-25", kind="year-to-date", as_at=date(2025, 1, 16))
    assert (period.start, period.end) == (date(2024, 4, 1), date(2025, 1, 16))


def test_rolling_12_months_end_with_the_month_named():
    period = parse_period("2024-05", kind="rolling-12-months")
    assert (period.start, period.end) == (date(2023, 6, 1), date(2024, 5, 31))


def test_rolling_12_months_end_at_an_as_at_date_inside_the_month():
    period = parse_period("2024-05", kind="rolling-12-months", as_at=date(2024, 5, 17))
    assert (period.start, period.end) == (date(2023, 5, 18), date(2024, 5, 17))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24", "is not a period"),
        ("2024-13", "no month 13"),
        ("FY2024-26", "a financial year runs April to the next March"),
        ("2024-Q5", "is not a period"),
        ("May", "is not a period"),
    ],
)
def test_a_malformed_label_is_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_a_quarter_is_not_a_month():
    with pytest.raises(ValueError, match="not a month"):
        parse_period("2024-Q2", kind="month")


def test_twelve_months_after_29_february_is_28_february():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_a_snapshots_figures_are_for_complete_months_and_the_years_they_cover():
    periods = reporting_periods(as_at=date(2025, 1, 16), months=12)

    labels = [p.label for p in periods]
    assert labels[0] == "January 2024"
    assert labels[11] == "December 2024"
    assert labels[12:] == ["2024", "FY2023-24"]


def test_a_snapshot_on_a_month_end_includes_that_month():
    periods = reporting_periods(as_at=date(2024, 12, 31), months=2)

    assert [p.label for p in periods] == ["November 2024", "December 2024", "2024"]
