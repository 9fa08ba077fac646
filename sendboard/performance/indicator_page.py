"""Reads for one indicator's page: its figures period by period with their targets,
ratings, movement, benchmarks, rolling 12 months and year to date, and the chart."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendboard.lib.periods import add_months
from sendboard.performance import rules
from sendboard.performance.charts import KeyEntry, Line, key_of, trend_svg
from sendboard.performance.dashboard import (
    Movement,
    Point,
    movement,
    period_target,
    points_of,
    recent_rows,
)
from sendboard.performance.models import (
    Benchmark,
    Commentary,
    Indicator,
    Rag,
    Target,
    format_value,
)
from sendboard.performance.queries import Shown, shown

CHART_PERIODS = 24
# Read before the periods charted: the year before the first for its movement, and the
# eleven months before it for its rolling 12 months and year to date.
EARLIER_PERIODS = 13
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
    benchmarks: list[str]  # each series' value as text, in the order of benchmark_names
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
    key: list[KeyEntry]  # how each line of the chart is drawn
    steps: list  # the trajectory: (due, value), earliest first


def indicator_page(
    indicator: Indicator, *, period_type: str, raw: bool, combining: bool = True
) -> IndicatorPage:
    """The page's figures; ``combining`` False leaves out rolling 12 months and year to
    date (the public page shows neither)."""
    return indicator_pages([(indicator, period_type)], raw=raw, combining=combining)[indicator.pk]


def indicator_pages(
    wanted: list[tuple[Indicator, str]], *, raw: bool, combining: bool = True
) -> dict[int, IndicatorPage]:
    """Each indicator's page for its kind of period, by the indicator's id: the same
    few queries whatever the number of indicators (five for one kind of period), reading
    only the periods the page shows and the year before them (for movement, rolling 12
    months and year to date)."""
    if not wanted:
        return {}
    rows = recent_rows(wanted, keep=CHART_PERIODS + EARLIER_PERIODS)
    shown_starts = {
        pk: [row[0] for row in found[-CHART_PERIODS:]] for pk, found in rows.items() if found
    }
    benchmarks = _benchmarks(wanted, shown_starts)
    notes = _notes(wanted, shown_starts)
    steps: dict[int, list] = {}
    for indicator_id, due, value in Target.objects.filter(
        indicator__in=[indicator for indicator, _ in wanted]
    ).values_list("indicator_id", "due", "value"):
        steps.setdefault(indicator_id, []).append((due, value))
    return {
        indicator.pk: _page(
            indicator,
            period_type,
            rows.get(indicator.pk, []),
            benchmarks=benchmarks.get(indicator.pk, {}),
            notes=notes.get(indicator.pk, {}),
            steps=steps.get(indicator.pk, []),
            raw=raw,
            combining=combining,
        )
        for indicator, period_type in wanted
    }


def _page(
    indicator: Indicator,
    period_type: str,
    rows: list[tuple],
    *,
    benchmarks: dict[str, dict],
    notes: dict[date, Commentary],
    steps: list,
    raw: bool,
    combining: bool,
) -> IndicatorPage:
    policy = indicator.partnership.small_number_policy
    points = points_of(indicator, rows, policy=policy, raw=raw)
    combined = (
        combining and period_type == "month" and indicator.combines != Indicator.Combines.NONE
    )
    months = {r[0]: rules.Month(r[0], r[3], r[4], r[5]) for r in rows} if combined else {}
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
                benchmarks=[
                    format_value(values[point.start], unit=indicator.unit)
                    if point.start in values
                    else ""
                    for values in benchmarks.values()
                ],
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
    chart, description, key = _chart(indicator, period_rows, benchmarks)
    return IndicatorPage(
        rows=list(reversed(period_rows)),
        benchmark_names=list(benchmarks),
        combined=combined,
        chart=chart,
        chart_description=description,
        key=key,
        steps=sorted(steps),
    )


def _before(points: list[Point], point: Point) -> Point | None:
    index = points.index(point)
    return points[index - 1] if index else None


def _a_year_before(point: Point) -> date:
    return add_months(point.start, -12)


def _benchmarks(
    wanted: list[tuple[Indicator, str]], shown_starts: dict[int, list[date]]
) -> dict[int, dict[str, dict]]:
    """Each indicator's comparators for the periods shown: {series label: {start: value}}."""
    kinds = dict((indicator.pk, period_type) for indicator, period_type in wanted)
    found: dict[int, dict[str, dict]] = {}
    if not shown_starts:
        return found
    for indicator_id, period_type, series, start, value in (
        Benchmark.objects.filter(
            indicator__in=list(shown_starts),
            period_start__gte=min(starts[0] for starts in shown_starts.values()),
        )
        .order_by("period_start")
        .values_list("indicator_id", "period_type", "series", "period_start", "value")
    ):
        if period_type == kinds[indicator_id] and start in shown_starts[indicator_id]:
            found.setdefault(indicator_id, {}).setdefault(series, {})[start] = value
    return {
        indicator_id: {
            label: values[series] for series, label in Benchmark.Series.choices if series in values
        }
        for indicator_id, values in found.items()
    }


def _notes(
    wanted: list[tuple[Indicator, str]], shown_starts: dict[int, list[date]]
) -> dict[int, dict[date, Commentary]]:
    kinds = dict((indicator.pk, period_type) for indicator, period_type in wanted)
    found: dict[int, dict[date, Commentary]] = {}
    if not shown_starts:
        return found
    for note in Commentary.objects.filter(
        indicator__in=list(shown_starts),
        period_start__gte=min(starts[0] for starts in shown_starts.values()),
    ):
        if note.period_type == kinds[note.indicator_id]:
            found.setdefault(note.indicator_id, {})[note.period_start] = note
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
) -> tuple[str, str, list[KeyEntry]]:
    if not rows:
        return "", "", []

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
            f" {name} for {last.point.label}: {value}."
            for name, value in zip(benchmarks, last.benchmarks, strict=True)
            if value
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
    return chart, description, key_of([line.name for line in lines])
