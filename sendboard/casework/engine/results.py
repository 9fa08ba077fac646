"""What every indicator is and returns, and the one way a figure is aggregated.

An indicator is defined by a *records* query: one row per case it looks at, with
``row_id`` and ``requeststableid`` (pseudonymous ids), ``excluded`` (why the row is
left out, or NULL when it counts towards the denominator), ``counted`` (in the
numerator) and ``measure`` (days or weeks, for medians and means). Totals, breakdowns
and drill-downs all read the same rows, so they cannot disagree.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import duckdb

from sendboard.casework.engine.options import EngineOptions
from sendboard.lib.periods import Period

# Raise when a change to the engine's SQL changes figures without changing a
# definition's text; the definition_version of every result carries it.
ENGINE_VERSION = 1

Unit = Literal["percent", "count", "median", "mean"]
Polarity = Literal["higher-is-better", "lower-is-better", "neutral"]


@dataclass(frozen=True)
class Scope:
    """The period, as-at date and choices one computation runs with."""

    period: Period
    as_at: date
    options: EngineOptions

    @property
    def start(self) -> str:
        return _date_sql(self.period.start)

    @property
    def end(self) -> str:
        return _date_sql(self.period.end)

    @property
    def day(self) -> str:
        return _date_sql(self.as_at)

    def in_period(self, column: str) -> str:
        return f"({column} BETWEEN {self.start} AND {self.end})"

    def within(self, days: str, weeks: int) -> str:
        """SQL truth of "within ``weeks`` weeks" for a number of days."""
        operator = "<=" if self.options.inclusive_weeks else "<"
        return f"(({days}) {operator} {7 * weeks})"


def _date_sql(day: date) -> str:
    return f"DATE '{day.isoformat()}'"


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    definition: str
    unit: Unit
    polarity: Polarity
    records: Callable[[Scope], str]
    measure: str = ""  # what `measure` and a median or mean value are in: days, weeks
    # Why the snapshot cannot give the figure for this scope, or "" when it can.
    unavailable: Callable[[duckdb.DuckDBPyConnection, Scope], str] | None = None

    def unavailable_reason(self, con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
        return self.unavailable(con, scope) if self.unavailable else ""


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    numerator: int | None
    denominator: int | None
    value: float | int | None
    excluded: dict[str, int]
    period: str
    definition: str
    unit: str = "count"
    as_at: date | None = None
    options: dict[str, object] = field(default_factory=dict)
    definition_version: str = ""  # changes whenever the definition or the engine does
    reason: str = ""  # why the value is empty, whenever it is

    def as_dict(self) -> dict[str, object]:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "unit": self.unit,
            "excluded": dict(self.excluded),
            "reason": self.reason,
            "period": self.period,
            "as_at": self.as_at.isoformat() if self.as_at else None,
            "definition": self.definition,
            "definition_version": self.definition_version,
            "options": self.options,
        }


def percent(numerator: int, denominator: int) -> float | None:
    """A rate to 1 dp, halves rounded up, from exact counts (5/8 -> 62.5, 2/3 -> 66.7)."""
    if not denominator:
        return None
    tenths = (2000 * numerator + denominator) // (2 * denominator)
    return tenths / 10


def one_dp(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def aggregate_sql(records: str, *, group: str | None = None) -> str:
    """One row of totals (or one per ``group`` value) over a records query."""
    key = f"{group} AS grp, " if group else ""
    group_by = "GROUP BY ALL" if group else ""
    return f"""
        SELECT {key}
            count(*) FILTER (WHERE excluded IS NULL) AS den,
            count(*) FILTER (WHERE excluded IS NULL AND counted) AS num,
            median(measure) FILTER (WHERE excluded IS NULL) AS med,
            avg(measure) FILTER (WHERE excluded IS NULL) AS mean,
            histogram(excluded) FILTER (WHERE excluded IS NOT NULL) AS excl
        FROM ({records}) AS records
        {group_by}
    """


# Why a rate, median or mean is empty when the data could have given it.
NOTHING_TO_COUNT = "nothing to count: no cases in the period meet the definition"


def empty_reason(excluded: dict[str, int]) -> str:
    """Why a figure with no case left to count is empty: nothing there, or all left out."""
    if not excluded:
        return NOTHING_TO_COUNT
    left_out = "; ".join(f"{count:,} {why}" for why, count in excluded.items())
    return f"every case in the period was left out: {left_out}"


def result_from_row(indicator: Indicator, scope: Scope, row: tuple[object, ...]) -> IndicatorResult:
    den, num, med, mean, excluded = row
    den, num = int(den or 0), int(num or 0)
    numerator: int | None = num
    denominator: int | None = den
    if indicator.unit == "percent":
        value: float | int | None = percent(num, den)
    elif indicator.unit == "count":
        value = num
    else:
        numerator = None
        value = one_dp(med if indicator.unit == "median" else mean)
    excluded = dict(sorted((excluded or {}).items()))
    return IndicatorResult(
        code=indicator.code,
        numerator=numerator,
        denominator=denominator,
        value=value,
        excluded=excluded,
        period=scope.period.label,
        definition=indicator.definition,
        unit=indicator.unit if not indicator.measure else f"{indicator.unit} {indicator.measure}",
        as_at=scope.as_at,
        options=scope.options.describe(),
        definition_version=definition_version(indicator),
        reason=empty_reason(excluded) if value is None else "",
    )


def unavailable_result(indicator: Indicator, scope: Scope, reason: str) -> IndicatorResult:
    """An empty figure the data cannot give, saying why."""
    return IndicatorResult(
        code=indicator.code,
        numerator=None,
        denominator=None,
        value=None,
        excluded={},
        period=scope.period.label,
        definition=indicator.definition,
        unit=indicator.unit if not indicator.measure else f"{indicator.unit} {indicator.measure}",
        as_at=scope.as_at,
        options=scope.options.describe(),
        definition_version=definition_version(indicator),
        reason=reason,
    )


def definition_version(indicator: Indicator) -> str:
    digest = hashlib.sha256(indicator.definition.encode()).hexdigest()[:8]
    return f"{ENGINE_VERSION}-{digest}"


def compute(
    con: duckdb.DuckDBPyConnection, *, indicator: Indicator, scope: Scope
) -> IndicatorResult:
    reason = indicator.unavailable_reason(con, scope)
    if reason:
        return unavailable_result(indicator, scope, reason)
    row = con.execute(aggregate_sql(indicator.records(scope))).fetchone()
    assert row is not None  # an aggregate without GROUP BY always returns a row
    return result_from_row(indicator, scope, row)
