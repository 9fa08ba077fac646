"""Reads for one indicator's page: its figures period by period with their targets,
ratings, movement, benchmarks, rolling 12 months and year to date, and the chart."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendboard.lib.periods import add_months
from sendboard.performance import rules
from sendboard.performance.charts import Line, trend_svg
from sendboard.performance.dashboard import Movement, Point, movement, period_target, points_of
from sendboard.performance.models import Benchmark, Commentary, Indicator, Rag, format_value
from sendboard.performance.queries import Shown, shown

CHART_PERIODS = 24
UNIT_TITLES = {
    Indicator.Unit.PERCENT: "Per cent",
    Indicator.Unit.COUNT: "Number",
    Indicator.Unit.DAYS: "Days",
    Indicator.Unit.WEEKS: "Weeks",
    Indicator.Unit.SCORE: "Score",
    Indicator.Unit.PER_1000: "Rate per 1,000",
    Indicator.Unit.POUNDS: "Pounds",
}
SCALES = {Indicator.Unit.PERCENT: 100, Indicator.Unit.PER_1000: 1000}


@dataclass(frozen=True)
class PeriodRow:
    point: Point
    target: Decimal | None
    target_text: str
    rag: Rag
    since_last: Movement | None
    since_last_year: Movement | None
    benchmarks: dict[str, str]  # series label: value as text
    rolling_12_months: Shown | None
    year_to_date: Shown | None
    commentary: Commentary | None


@dataclass(frozen=True)
class IndicatorPage:
    rows: list[PeriodRow]  # newest first
    benchmark_names: list[str]
    combined: bool  # whether rolling 12 months and year to date are shown
    chart: str
    chart_description: str
    steps: list  # the trajectory: (due, value), earliest first


def indicator_page(
    indicator: Indicator, *, period_type: str, raw: bool, combining: bool = True
) -> IndicatorPage:
    """The page's figures; ``combining`` False leaves out rolling 12 months and year to
    date (the public page shows neither)."""
    policy = indicator.partnership.small_number_policy
    rows = list(
        indicator.observations.filter(superseded_by__isnull=True, period_type=period_type)
        .order_by("period_start")
        .values_list(
            "period_start",
            "period_end",
            "period_label",
            "value",
            "numerator",
            "denominator",
            "provenance",
            "code",
        )
    )
    points = points_of(indicator, rows, policy=policy, raw=raw)
    combined = (
        combining and period_type == "month" and indicator.combines != Indicator.Combines.NONE
    )
    months = {r[0]: rules.Month(r[0], r[3], r[4], r[5]) for r in rows} if combined else {}
    benchmarks = _benchmarks(indicator, period_type)
    notes = {
        c.period_start: c
        for c in Commentary.objects.filter(indicator=indicator, period_type=period_type)
    }
    steps = list(indicator.targets.values_list("due", "value"))
    shown_points = points[-CHART_PERIODS:]
    by_start = {p.start: p for p in points}
    period_rows = []
    for index, point in enumerate(shown_points):
        target = period_target(indicator, point.end, steps=steps)
        before = shown_points[index - 1] if index else _before(points, point)
        period_rows.append(
            PeriodRow(
                point=point,
                target=target,
                target_text="" if target is None else format_value(target, unit=indicator.unit),
                rag=indicator.rag(point.seen.value, target=target),
                since_last=movement(point, before, indicator=indicator),
                since_last_year=movement(
                    point, by_start.get(_a_year_before(point)), indicator=indicator
                ),
                benchmarks={
                    name: format_value(values[point.start], unit=indicator.unit)
                    for name, values in benchmarks.items()
                    if point.start in values
                },
                rolling_12_months=_combined(
                    indicator, months, rules.months_back(point.start, 12), policy, raw
                )
                if combined
                else None,
                year_to_date=_combined(
                    indicator,
                    months,
                    rules.year_to_date_months(point.start, financial=True),
                    policy,
                    raw,
                )
                if combined
                else None,
                commentary=notes.get(point.start),
            )
        )
    chart, description = _chart(indicator, period_rows, benchmarks)
    return IndicatorPage(
        rows=list(reversed(period_rows)),
        benchmark_names=list(benchmarks),
        combined=combined,
        chart=chart,
        chart_description=description,
        steps=steps,
    )


def _before(points: list[Point], point: Point) -> Point | None:
    index = points.index(point)
    return points[index - 1] if index else None


def _a_year_before(point: Point) -> date:
    return add_months(point.start, -12)


def _benchmarks(indicator: Indicator, period_type: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for series, start, value in Benchmark.objects.filter(
        indicator=indicator, period_type=period_type
    ).values_list("series", "period_start", "value"):
        found.setdefault(Benchmark.Series(series).label, {})[start] = value
    return found


def _combined(
    indicator: Indicator, months: dict[date, rules.Month], wanted: list, policy: str, raw: bool
) -> Shown:
    result = rules.combine(
        [months[start] for start in wanted if start in months],
        how=indicator.combines,
        scale=SCALES.get(indicator.unit, 1),
        wanted=wanted,
    )
    if result.missing:
        return Shown(
            None, f"Not available: {len(result.missing)} months missing", None, None, False
        )
    return shown(
        result.value,
        result.numerator,
        result.denominator,
        unit=indicator.unit,
        policy=policy,
        raw=raw,
    )


def _chart(
    indicator: Indicator, rows: list[PeriodRow], benchmarks: dict[str, dict]
) -> tuple[str, str]:
    if not rows:
        return "", ""

    def number(value) -> float | None:
        return None if value is None else float(value)

    lines = [
        Line(
            indicator.partnership.name,
            tuple((r.point.start, number(r.point.seen.value)) for r in rows),
        )
    ]
    if any(r.target is not None for r in rows):
        lines.append(Line("Target", tuple((r.point.start, number(r.target)) for r in rows)))
    for name, values in benchmarks.items():
        lines.append(
            Line(name, tuple((r.point.start, number(values.get(r.point.start))) for r in rows))
        )
    first, last = rows[0], rows[-1]
    description = (
        f"{indicator.title}, {first.point.label} ({first.point.seen.value_text}) to"
        f" {last.point.label} ({last.point.seen.value_text})."
        + (f" Target for {last.point.label}: {last.target_text}." if last.target_text else "")
        + "".join(
            f" {name} for {last.point.label}: {last.benchmarks[name]}."
            for name in benchmarks
            if name in last.benchmarks
        )
        + " Each period: "
        + "; ".join(f"{r.point.label} {r.point.seen.value_text}" for r in rows)
        + "."
    )
    chart = trend_svg(
        lines,
        unit_title=UNIT_TITLES.get(indicator.unit, indicator.unit),
        title=f"{indicator.title}: trend",
        description=description,
    )
    return chart, description
