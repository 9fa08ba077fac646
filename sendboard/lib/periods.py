"""Reporting periods: month, quarter, calendar or financial year, year to date,
rolling 12 months and a single as-at day, parsed from short labels, and the complete
periods a snapshot's figures are stored for.

Shared by the casework engine (which counts over a period) and the board's figures
(which store one observation per period), so it knows nothing of either.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodKind = Literal[
    "month",
    "quarter",
    "calendar-year",
    "financial-year",
    "year-to-date",
    "rolling-12-months",
    "as-at",
]
PERIOD_KINDS: tuple[str, ...] = PeriodKind.__args__  # type: ignore[attr-defined]

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_FINANCIAL = re.compile(r"^(?:FY)?(\d{4})[-/](\d{2})$", re.IGNORECASE)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive
    label: str


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """Calendar months later, clipped to the month's last day (29 Feb + 12 -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def parse_period(text: str, *, kind: str | None = None, as_at: date | None = None) -> Period:
    """Read `2024`, `2024-05`, `2024-Q2`, `FY2024-25` or `2024-05-17` as a period.

    ``kind`` turns the label into a year to date or a rolling 12 months ending with it
    (cut short at ``as_at`` when that falls inside), or insists on the label's own kind.
    """
    base = _parse_base(text.strip())
    if kind is None or kind == base.kind:
        return base
    if kind == "financial-year" and base.kind == "calendar-year":
        return _financial_year(base.start.year)
    if kind == "year-to-date":
        return _year_to_date(base, as_at=as_at)
    if kind == "rolling-12-months":
        return _rolling_12_months(base, as_at=as_at)
    if kind == "as-at":
        return _as_at(_cap(base.end, as_at=as_at, floor=base.start))
    raise ValueError(f"{text!r} is a {base.kind}, not a {kind}")


def _parse_base(text: str) -> Period:
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period("calendar-year", date(year, 1, 1), date(year, 12, 31), str(year))
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: no month {month}")
        start = date(year, month, 1)
        return Period("month", start, month_end(year, month), start.strftime("%B %Y"))
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        start = date(year, 3 * quarter - 2, 1)
        return Period("quarter", start, month_end(year, 3 * quarter), f"{year} Q{quarter}")
    if match := _FINANCIAL.match(text):
        year = int(match[1])
        if int(match[2]) != (year + 1) % 100:
            raise ValueError(f"{text!r}: a financial year runs April to the next March")
        return _financial_year(year)
    if match := _DAY.match(text):
        return _as_at(date.fromisoformat(text))
    raise ValueError(
        f"{text!r} is not a period: use 2024, 2024-05, 2024-Q2, FY2024-25 or 2024-05-17"
    )


def _financial_year(year: int) -> Period:
    return Period(
        "financial-year",
        date(year, 4, 1),
        date(year + 1, 3, 31),
        f"FY{year}-{(year + 1) % 100:02d}",
    )


def _as_at(day: date) -> Period:
    return Period("as-at", day, day, f"As at {day.isoformat()}")


def _cap(end: date, *, as_at: date | None, floor: date) -> date:
    return as_at if as_at is not None and floor <= as_at < end else end


def _year_to_date(base: Period, *, as_at: date | None) -> Period:
    start = base.start if base.kind == "financial-year" else date(base.start.year, 1, 1)
    end = _cap(base.end, as_at=as_at, floor=start)
    return Period(
        "year-to-date", start, end, f"Year to {end.isoformat()} (from {start.isoformat()})"
    )


def _rolling_12_months(base: Period, *, as_at: date | None) -> Period:
    end = _cap(base.end, as_at=as_at, floor=base.start)
    start = add_months(end + timedelta(days=1), -12)
    return Period("rolling-12-months", start, end, f"12 months to {end.isoformat()}")


def reporting_periods(*, as_at: date, months: int = 24) -> list[Period]:
    """The last ``months`` complete months before ``as_at``, then every calendar and
    financial year that overlaps them and had ended by ``as_at``.

    Only complete periods: a part month would be shown beside whole ones as if it
    were comparable.
    """
    this_month = date(as_at.year, as_at.month, 1)
    complete = as_at == month_end(as_at.year, as_at.month)
    last_complete = this_month if complete else add_months(this_month, -1)
    first = add_months(last_complete, -(months - 1))
    month_periods = [
        parse_period(add_months(first, step).strftime("%Y-%m")) for step in range(months)
    ]
    years = [
        *(parse_period(str(year)) for year in range(first.year, as_at.year + 1)),
        *(_financial_year(year) for year in range(first.year - 1, as_at.year + 1)),
    ]
    return month_periods + [p for p in years if p.end <= as_at and p.end >= first]
