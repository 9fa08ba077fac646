"""Reads for the dashboard, a scorecard and the public dashboard: one tile per indicator.

A tile holds the latest figure with its rating against the period's target, how it
moved since the period before and since the same period a year earlier, a sparkline,
and whether its owner owes an exception note. Five queries (indicators, targets,
figures in two, commentary) whatever the number of indicators; a sparkline is drawn once for
each set of values (see performance.charts).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery

from sendboard.lib.periods import add_months
from sendboard.performance import rules
from sendboard.performance.charts import sparkline_svg
from sendboard.performance.models import Commentary, Indicator, Observation, Rag, format_value
from sendboard.performance.queries import FREQUENCY_PERIOD, Shown, shown

SPARKLINE_PERIODS = 24


@dataclass(frozen=True)
class Point:
    """One period's current figure as the reader may see it."""

    start: date
    end: date
    label: str
    seen: Shown
    provenance: str
    code: object  # the observation's, for links to its commentary


@dataclass(frozen=True)
class Movement:
    text: str  # "Down 6.0 weeks", "No change"
    judgement: str  # "better", "worse", "no change" or ""
    earlier: Point


@dataclass(frozen=True)
class Tile:
    indicator: Indicator
    latest: Point | None
    target: Decimal | None
    rag: Rag
    since_last: Movement | None
    since_last_year: Movement | None
    sparkline: str
    commentary: Commentary | None

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "None set"
        return format_value(self.target, unit=self.indicator.unit)

    @property
    def movements(self) -> list[tuple[str, Movement | None]]:
        return [
            ("Since the period before", self.since_last),
            ("Since a year before", self.since_last_year),
        ]

    @property
    def exception_needed(self) -> bool:
        """A red figure asks its owner what happened, what is done and when it recovers."""
        return self.rag == Rag.RED and not (
            self.commentary is not None and self.commentary.has_exception_note
        )


def movement(newer: Point, older: Point | None, *, indicator: Indicator) -> Movement | None:
    if older is None:
        return None
    moved = rules.direction(newer.seen.value, older.seen.value, polarity=indicator.polarity)
    if moved.change is None:
        return None
    if moved.change == 0:
        return Movement("No change", moved.judgement, older)
    size = abs(moved.change)
    amount = (
        f"{size:.1f} percentage points"
        if indicator.unit == Indicator.Unit.PERCENT
        else format_value(size, unit=indicator.unit)
    )
    return Movement(f"{moved.arrow} {amount}", moved.judgement, older)


def points_of(indicator: Indicator, rows: list[tuple], *, policy: str, raw: bool) -> list[Point]:
    """Rows of (start, end, label, value, numerator, denominator, provenance, code)."""
    return [
        Point(
            start,
            end,
            label,
            shown(value, numerator, denominator, unit=indicator.unit, policy=policy, raw=raw),
            provenance,
            code,
        )
        for start, end, label, value, numerator, denominator, provenance, code in rows
    ]


def period_target(
    indicator: Indicator, period_end: date, *, steps: list[tuple[date, Decimal]] | None = None
) -> Decimal | None:
    """The target the period is held to; ``steps`` is the trajectory when already read."""
    if steps is None:
        steps = [(t.due, t.value) for t in indicator.targets.all()]
    return rules.target_for(period_end, steps, standing=indicator.target)


def tiles(indicators: QuerySet[Indicator], *, raw: bool, sparklines: bool = True) -> list[Tile]:
    """A tile for each indicator, in their order."""
    found = list(indicators.select_related("partnership", "owner").prefetch_related("targets"))
    if not found:
        return []
    policy = found[0].partnership.small_number_policy
    # The period before the sparkline's first too, for the movement since a year before.
    rows = recent_rows(
        [(i, FREQUENCY_PERIOD[i.frequency]) for i in found], keep=SPARKLINE_PERIODS + 1
    )
    series = {i.pk: points_of(i, rows.get(i.pk, []), policy=policy, raw=raw) for i in found}
    notes = _latest_commentary(found, series)
    return [
        _tile(indicator, series[indicator.pk], notes.get(indicator.pk), sparklines=sparklines)
        for indicator in found
    ]


def recent_rows(wanted: list[tuple[Indicator, str]], *, keep: int) -> dict[int, list[tuple]]:
    """Each indicator's last ``keep`` current figures of the kind of period wanted for it,
    oldest first, as rows of (start, end, label, value, numerator, denominator,
    provenance, code).

    A query for each kind of period finds where each indicator's last ``keep`` begin
    (through the index, whatever the years stored); one more reads from the earliest of
    those on, so a clause is written for each kind of period, not for each indicator.
    """
    by_kind: dict[str, list[int]] = defaultdict(list)
    for indicator, period_type in wanted:
        by_kind[period_type].append(indicator.pk)
    current = Observation.objects.filter(superseded_by__isnull=True)
    reading = Q(pk__in=[])
    for period_type, pks in by_kind.items():
        starts = (
            current.filter(indicator=OuterRef("pk"), period_type=period_type)
            .order_by("-period_start")
            .values("period_start")[keep - 1 : keep]
        )
        firsts = set(
            Indicator.objects.filter(pk__in=pks)
            .annotate(first=Subquery(starts))
            .values_list("first", flat=True)
        )
        clause = Q(period_type=period_type, indicator_id__in=pks)
        if None not in firsts:  # an indicator with fewer figures is read from its first
            clause &= Q(period_start__gte=min(firsts))
        reading |= clause
    rows: dict[int, list[tuple]] = defaultdict(list)
    for indicator_id, *row in (
        current.filter(reading)
        .order_by("indicator_id", "period_start")
        .values_list(
            "indicator_id",
            "period_start",
            "period_end",
            "period_label",
            "value",
            "numerator",
            "denominator",
            "provenance",
            "code",
        )
    ):
        rows[indicator_id].append(tuple(row))
    return {indicator_id: found[-keep:] for indicator_id, found in rows.items()}


def _latest_commentary(
    indicators: list[Indicator], series: dict[int, list[Point]]
) -> dict[int, Commentary]:
    latest = {i.pk: series[i.pk][-1].start for i in indicators if series[i.pk]}
    return {
        note.indicator_id: note
        for note in Commentary.objects.filter(
            indicator__in=latest, period_start__in=set(latest.values())
        )
        if latest[note.indicator_id] == note.period_start
        and note.period_type == FREQUENCY_PERIOD[_frequency(indicators, note.indicator_id)]
    }


def _frequency(indicators: list[Indicator], pk: int) -> str:
    return next(i.frequency for i in indicators if i.pk == pk)


def _tile(
    indicator: Indicator, points: list[Point], note: Commentary | None, *, sparklines: bool
) -> Tile:
    if not points:
        return Tile(indicator, None, indicator.target, Rag.NOT_RATED, None, None, "", None)
    latest = points[-1]
    target = period_target(indicator, latest.end)
    by_start = {p.start: p for p in points}
    previous = points[-2] if len(points) > 1 else None
    a_year_ago = by_start.get(add_months(latest.start, -12))
    return Tile(
        indicator=indicator,
        latest=latest,
        target=target,
        rag=indicator.rag(latest.seen.value, target=target),
        since_last=movement(latest, previous, indicator=indicator),
        since_last_year=movement(latest, a_year_ago, indicator=indicator),
        sparkline=_sparkline(indicator, points[-SPARKLINE_PERIODS:]) if sparklines else "",
        commentary=note,
    )


def _sparkline(indicator: Indicator, points: list[Point]) -> str:
    if len(points) < 2:
        return ""
    first, last = points[0], points[-1]
    return sparkline_svg(
        tuple((p.start, None if p.seen.value is None else float(p.seen.value)) for p in points),
        title=f"Trend of {indicator.title.lower()}",
        description=(
            f"From {first.seen.value_text} in {first.label} to {last.seen.value_text}"
            f" in {last.label}."
        ),
    )
