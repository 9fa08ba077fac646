"""Which reporting periods a snapshot's figures are stored for."""

from datetime import date, timedelta

from sendboard.casework.engine import Period, parse_period
from sendboard.casework.engine.periods import add_months


def reporting_periods(*, as_at: date, months: int = 24) -> list[Period]:
    """The last ``months`` complete months before ``as_at``, then every calendar and
    financial year that overlaps them and had ended by ``as_at``.

    Only complete periods: a part month would be shown beside whole ones as if it
    were comparable.
    """
    this_month = date(as_at.year, as_at.month, 1)
    last_complete = this_month if as_at == _month_end(this_month) else add_months(this_month, -1)
    first = add_months(last_complete, -(months - 1))
    month_periods = [
        parse_period(add_months(first, step).strftime("%Y-%m")) for step in range(months)
    ]
    years = [
        *(parse_period(str(year)) for year in range(first.year, as_at.year + 1)),
        *(
            parse_period(f"FY{year}-{(year + 1) % 100:02d}")
            for year in range(first.year - 1, as_at.year + 1)
        ),
    ]
    return month_periods + [p for p in years if p.end <= as_at and p.end >= first]


def _month_end(first: date) -> date:
    return add_months(first, 1) - timedelta(days=1)
