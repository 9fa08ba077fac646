"""A six-month projection of the open-assessment backlog and 20-week timeliness.

Deliberately simple so a board can follow it: arrivals (decisions to assess) and
completions (plans issued or not-to-issue decisions) run at their recent monthly
averages, or completions at a what-if capacity; cases complete oldest first; each
month's completions are dated mid-month.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from sendboard.casework.engine import timeliness
from sendboard.casework.engine.connection import snapshot_as_at
from sendboard.casework.engine.options import EngineOptions
from sendboard.casework.engine.results import Scope, one_dp
from sendboard.lib.periods import add_months, parse_period

HORIZON_MONTHS = 6
HISTORY_MONTHS = 6


@dataclass(frozen=True)
class ForecastMonth:
    month: str
    arrivals: float
    completions: float
    backlog: float  # open assessments at the month's end
    within_20w_percent: float | None  # of that month's completions


@dataclass(frozen=True)
class Forecast:
    as_at: date
    backlog_now: int
    completions_per_month: float  # the recent average
    capacity_per_month: float  # the one projected with
    months: tuple[ForecastMonth, ...]
    statement: str
    assumptions: tuple[str, ...]


def forecast_backlog(
    con: duckdb.DuckDBPyConnection,
    *,
    as_at: date | None = None,
    capacity_per_month: float | None = None,
    options: EngineOptions | None = None,
) -> Forecast:
    """Project from ``as_at`` (default: the snapshot's as-at date) for six months."""
    options = options or EngineOptions()
    as_at = as_at or snapshot_as_at(con)
    if as_at is None:
        raise ValueError("the snapshot holds no dates to project from")
    history_start = add_months(date(as_at.year, as_at.month, 1), -HISTORY_MONTHS)
    history_end = date(as_at.year, as_at.month, 1) - timedelta(days=1)
    scope = Scope(period=parse_period(as_at.isoformat()), as_at=as_at, options=options)
    queue = [
        [received, float(n)]
        for received, n in con.execute(
            f"""
            SELECT receiveddate, count(*) FROM ({timeliness.open_assessments(scope, weeks=20)})
            WHERE excluded IS NULL OR excluded = '{timeliness.DECIDED_NOT_ISSUED}'
            GROUP BY 1 ORDER BY 1
            """
        ).fetchall()
    ]
    backlog_now = int(sum(n for _, n in queue))
    arrivals, completions, lag_days = _history(con, start=history_start, end=history_end)
    capacity = completions if capacity_per_month is None else float(capacity_per_month)
    months = []
    for step in range(1, HORIZON_MONTHS + 1):
        first = add_months(date(as_at.year, as_at.month, 1), step)
        middle = first + timedelta(days=14)
        queue.append([middle - timedelta(days=lag_days), arrivals])
        done, within = _complete_oldest(queue, capacity=capacity, on=middle, scope=scope)
        months.append(
            ForecastMonth(
                month=first.strftime("%Y-%m"),
                arrivals=one_dp(arrivals) or 0.0,
                completions=one_dp(done) or 0.0,
                backlog=one_dp(sum(n for _, n in queue)) or 0.0,
                within_20w_percent=one_dp(100 * within / done) if done else None,
            )
        )
    assumptions = (
        f"Arrivals: {arrivals:.1f} decisions to assess a month, the average of"
        f" {history_start:%B %Y} to {history_end:%B %Y}.",
        f"Completions: {capacity:.1f} a month"
        + (" (what-if capacity)." if capacity_per_month is not None else ", the recent average."),
        "The backlog is every open assessment plus plans decided but not yet issued;"
        " cases complete oldest first; completions are dated mid-month.",
        f"A request reaches the backlog {lag_days} days after it is received (the recent"
        " median from request to decision to assess).",
        "Timeliness is the share of projected completions within 20 weeks of the request,"
        " exceptions included; not-to-issue decisions count as completions.",
    )
    return Forecast(
        as_at=as_at,
        backlog_now=backlog_now,
        completions_per_month=one_dp(completions) or 0.0,
        capacity_per_month=one_dp(capacity) or 0.0,
        months=tuple(months),
        statement=(
            "This is a projection, not a prediction: it shows what would happen if"
            " recent arrivals and completions carried on unchanged for six months. "
            + " ".join(assumptions)
        ),
        assumptions=assumptions,
    )


def _history(con: duckdb.DuckDBPyConnection, *, start: date, end: date) -> tuple[float, float, int]:
    """Monthly arrivals and completions over the history window, and the median days
    from request to decision to assess."""
    window = f"BETWEEN DATE '{start.isoformat()}' AND DATE '{end.isoformat()}'"
    arrived, lag = con.execute(
        f"""
        SELECT count(*), median(datediff('day', receiveddate, requestoutcomedate))
        FROM requests WHERE requestoutcome = 'Y' AND requestoutcomedate {window}
        """
    ).fetchone()
    completed = con.execute(
        f"""
        SELECT count(*) FROM assessment
        WHERE assessmentoutcome IN ('Y', 'N') AND assessmentoutcomedate {window}
        """
    ).fetchone()[0]
    return arrived / HISTORY_MONTHS, completed / HISTORY_MONTHS, int(lag or 0)


def _complete_oldest(
    queue: list[list[object]], *, capacity: float, on: date, scope: Scope
) -> tuple[float, float]:
    """Take ``capacity`` cases off the front of the queue; how many, and how many in time."""
    done = within = 0.0
    while queue and done < capacity:
        received, n = queue[0]
        take = min(n, capacity - done)
        done += take
        days = (on - received).days
        if days <= 140 if scope.options.inclusive_weeks else days < 140:
            within += take
        if take == n:
            queue.pop(0)
        else:
            queue[0][1] = n - take
    return done, within
