"""An indicator split by primary need, age band, school phase or team.

Ages are taken at the as-at date from the birth month (the first of the month, as
that is all a snapshot keeps); phase from the age on the 31 August before it, as
school years run.
"""

from datetime import date
from typing import Literal

import duckdb

from sendboard.casework.engine.indicators import find_indicator, make_scope
from sendboard.casework.engine.options import EngineOptions
from sendboard.casework.engine.results import IndicatorResult, Scope, aggregate_sql, result_from_row
from sendboard.lib.disclosure import Policy, Shown, disclose_rate, disclose_row
from sendboard.lib.periods import Period

Dimension = Literal["primary_need", "age_band", "phase", "team"]
DIMENSIONS: tuple[str, ...] = Dimension.__args__  # type: ignore[attr-defined]
UNKNOWN = "Unknown"


def _age(*, on: str) -> str:
    # date_sub counts whole years; date_diff would count year boundaries crossed.
    return f"date_sub('year', p.birthmonth, {on})"


def _dimension_sql(by: Dimension, scope: Scope) -> str:
    if by == "primary_need":
        return """
            SELECT ap.requeststableid, min(sn.sentype) AS grp
            FROM activeplans AS ap JOIN senneed AS sn USING (activeplanstableid)
            WHERE sn.sentyperank = 1 GROUP BY ap.requeststableid
        """
    if by == "team":
        return "SELECT requeststableid, min(team) AS grp FROM teams GROUP BY requeststableid"
    if by == "age_band":
        age = _age(on=scope.day)
        grp = f"""CASE WHEN {age} < 5 THEN 'Under 5' WHEN {age} <= 10 THEN '5 to 10'
                  WHEN {age} <= 15 THEN '11 to 15' WHEN {age} <= 19 THEN '16 to 19'
                  ELSE '20 to 25' END"""
    else:
        year = scope.as_at.year if scope.as_at.month >= 9 else scope.as_at.year - 1
        age = _age(on=f"DATE '{date(year, 8, 31).isoformat()}'")
        grp = f"""CASE WHEN {age} < 4 THEN 'Early years' WHEN {age} <= 10 THEN 'Primary'
                  WHEN {age} <= 15 THEN 'Secondary' WHEN {age} <= 18 THEN 'Post-16'
                  ELSE 'Post-19' END"""
    return f"""
        SELECT r.requeststableid, {grp} AS grp
        FROM requests AS r JOIN person AS p USING (persontableid)
        WHERE p.birthmonth IS NOT NULL
    """


def breakdown(
    con: duckdb.DuckDBPyConnection,
    *,
    code: str,
    by: Dimension,
    period: Period | str,
    options: EngineOptions | None = None,
    as_at: date | None = None,
) -> dict[str, IndicatorResult]:
    """One result per group, "Unknown" for cases without the attribute."""
    if by not in DIMENSIONS:
        raise ValueError(f"no breakdown by {by!r}; use one of {DIMENSIONS}")
    scope = make_scope(con, period=period, options=options, as_at=as_at)
    indicator = find_indicator(con, code=code, options=scope.options)
    if code.startswith("waiting_"):
        raise ValueError("waiting lists have no case-level breakdown")
    records = f"""
        SELECT records.*, coalesce(dims.grp, '{UNKNOWN}') AS grp
        FROM ({indicator.records(scope)}) AS records
        LEFT JOIN ({_dimension_sql(by, scope)}) AS dims USING (requeststableid)
    """
    rows = con.execute(aggregate_sql(records, group="grp") + " ORDER BY grp").fetchall()
    return {row[0]: result_from_row(indicator, scope, row[1:]) for row in rows}


def disclose_breakdown(
    results: dict[str, IndicatorResult], *, policy: Policy
) -> dict[str, dict[str, Shown | float | None]]:
    """The groups as they may be shown under the partnership's small-number policy.

    Numerators across the groups are one row and denominators another (each adds up
    to the overall figure, which is shown), so a hidden group cannot be recovered from
    the others; a numerator hidden by its own rate (its complement is small) is hidden
    in its row too. A percentage goes with either part hidden.
    """
    rates = {
        group: disclose_rate(result.numerator, result.denominator, policy=policy)
        for group, result in results.items()
    }
    numerators = disclose_row(
        {group: result.numerator or 0 for group, result in results.items()},
        policy=policy,
        hidden={group for group, rate in rates.items() if isinstance(rate["numerator"], str)},
    )
    denominators = disclose_row(
        {group: result.denominator or 0 for group, result in results.items()}, policy=policy
    )
    shown: dict[str, dict[str, Shown | float | None]] = {}
    for group, result in results.items():
        # Medians and means have no numerator to show.
        numerator = None if result.numerator is None else numerators[group]
        denominator = None if result.denominator is None else denominators[group]
        hidden = isinstance(numerator, str) or isinstance(denominator, str)
        rate = {
            "numerator": numerator,
            "denominator": denominator,
            "percent": None if hidden else rates[group]["percent"],
        }
        if result.unit == "percent":
            value = rate["percent"]
        elif result.unit == "count":
            value = rate["numerator"]
        else:
            value = None if isinstance(denominator, str) else result.value
        shown[group] = {**rate, "value": value}
    return shown
