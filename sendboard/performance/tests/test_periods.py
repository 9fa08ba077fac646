import datetime

from sendboard.performance.periods import reporting_periods


def test_it_stores_complete_months_and_the_years_they_cover():
    periods = reporting_periods(as_at=datetime.date(2025, 1, 16), months=12)

    labels = [p.label for p in periods]
    assert labels[0] == "January 2024"
    assert labels[11] == "December 2024"
    assert labels[12:] == ["2024", "FY2023-24"]


def test_a_snapshot_on_a_month_end_includes_that_month():
    periods = reporting_periods(as_at=datetime.date(2024, 12, 31), months=2)

    assert [p.label for p in periods] == ["November 2024", "December 2024", "2024"]
