"""Reads of the board's figures, as each reader may see them.

Every figure goes through ``figure_shown``: analysts see the counts as computed;
everyone else sees them under the partnership's small-number policy, and a rate,
median or mean is hidden whenever the counts behind it are.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, OuterRef, QuerySet, Subquery, Value, When

from sendboard.governance.models import Partnership
from sendboard.lib.disclosure import disclose_count, disclose_rate
from sendboard.performance.models import Commentary, Indicator, Observation, Rag, format_value

# The period a scorecard shows for each frequency; annual follows SEN2's calendar year.
FREQUENCY_PERIOD = {
    Indicator.Frequency.MONTHLY: Observation.PeriodType.MONTH,
    Indicator.Frequency.QUARTERLY: Observation.PeriodType.QUARTER,
    Indicator.Frequency.ANNUAL: Observation.PeriodType.CALENDAR_YEAR,
}


@dataclass(frozen=True)
class Figure:
    """One observation as the reader may see it."""

    observation: Observation
    value: Decimal | int | None  # the number shown; None when hidden or not computed
    value_text: str
    numerator: int | str | None
    denominator: int | str | None
    suppressed: bool
    rag: Rag


@dataclass(frozen=True)
class Trend:
    change_text: str  # "Up 2.3 percentage points", "No change"
    judgement: str  # "better", "worse" or "" when neither direction is better
    previous: "Figure"


@dataclass(frozen=True)
class ScorecardRow:
    indicator: Indicator
    latest: Figure | None
    trend: Trend | None
    commentary: Commentary | None = None  # the owner's words on the latest figure


@dataclass(frozen=True)
class Shown:
    """One figure's numbers as the reader may see them."""

    value: Decimal | int | None
    value_text: str
    numerator: int | str | None
    denominator: int | str | None
    suppressed: bool


def shown(
    value: Decimal | None,
    numerator: int | None,
    denominator: int | None,
    *,
    unit: str,
    policy: str,
    raw: bool,
) -> Shown:
    """A figure under the small-number policy (as computed for an analyst, ``raw``).

    A count of children with no numerator is itself the count the policy protects.
    """
    shown_value: Decimal | int | None = value
    if unit == Indicator.Unit.COUNT and value is not None:
        shown_value = int(value)
    suppressed = False
    if not raw:
        if numerator is None:
            # Medians and means: only the number of cases behind them is a count.
            denominator = disclose_count(denominator, policy=policy)
            suppressed = isinstance(denominator, str)
            if unit == Indicator.Unit.COUNT and shown_value is not None:
                counted = disclose_count(int(shown_value), policy=policy)
                suppressed = suppressed or isinstance(counted, str)
                shown_value = None if isinstance(counted, str) else counted
        else:
            disclosed = disclose_rate(numerator, denominator, policy=policy)
            numerator, denominator = disclosed["numerator"], disclosed["denominator"]
            suppressed = isinstance(numerator, str) or isinstance(denominator, str)
            if unit == Indicator.Unit.COUNT and not suppressed and numerator is not None:
                shown_value = numerator  # rounded, as the policy publishes counts
        if suppressed:
            shown_value = None
    value_text = "Not shown: small numbers" if suppressed else format_value(shown_value, unit=unit)
    return Shown(shown_value, value_text, numerator, denominator, suppressed)


def figure_shown(
    observation: Observation,
    *,
    indicator: Indicator,
    policy: str,
    raw: bool,
    target: Decimal | None = None,
) -> Figure:
    """An observation as the reader may see it, rated against ``target`` (the
    indicator's standing target when not given)."""
    seen = shown(
        observation.value,
        observation.numerator,
        observation.denominator,
        unit=indicator.unit,
        policy=policy,
        raw=raw,
    )
    return Figure(
        observation=observation,
        value=seen.value,
        value_text=seen.value_text,
        numerator=seen.numerator,
        denominator=seen.denominator,
        suppressed=seen.suppressed,
        rag=indicator.rag(seen.value, target=target),
    )


def trend_between(latest: Figure, previous: Figure, *, indicator: Indicator) -> Trend | None:
    """How the latest figure moved from the one before; None when either is hidden."""
    if latest.value is None or previous.value is None:
        return None
    change = Decimal(latest.value) - Decimal(previous.value)
    if change == 0:
        return Trend("No change", "", previous)
    size = abs(change)
    amount = (
        f"{size:.1f} percentage points"
        if indicator.unit == Indicator.Unit.PERCENT
        else format_value(size, unit=indicator.unit)
    )
    better = indicator.is_better(Decimal(latest.value), Decimal(previous.value))
    judgement = "" if better is None else ("better" if better else "worse")
    return Trend(f"{'Up' if change > 0 else 'Down'} {amount}", judgement, previous)


def _current(queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    return queryset.filter(superseded_by__isnull=True)


def scorecard(partnership: Partnership, *, raw: bool) -> list[ScorecardRow]:
    """Each indicator's latest current figure for its frequency, and the one before.

    Two queries whatever the number of indicators: the indicators with the ids of
    their two latest observations, then those observations.
    """
    period_type = Case(
        *(When(frequency=freq, then=Value(str(kind))) for freq, kind in FREQUENCY_PERIOD.items())
    )
    latest = (
        _current(Observation.objects.filter(indicator=OuterRef("pk")))
        .filter(period_type=OuterRef("scorecard_period"))
        .order_by("-period_start", "-period_end")
    )
    indicators = list(
        partnership.indicators.annotate(scorecard_period=period_type).annotate(
            latest_id=Subquery(latest.values("pk")[:1]),
            previous_id=Subquery(latest.values("pk")[1:2]),
        )
    )
    wanted = [i.latest_id for i in indicators] + [i.previous_id for i in indicators]
    found = Observation.objects.select_related("snapshot").in_bulk([pk for pk in wanted if pk])
    policy = partnership.small_number_policy
    notes = _commentary_on([found[i.latest_id] for i in indicators if i.latest_id])
    rows = []
    for indicator in indicators:
        latest_figure = previous_figure = None
        if indicator.latest_id:
            latest_figure = figure_shown(
                found[indicator.latest_id], indicator=indicator, policy=policy, raw=raw
            )
        if indicator.previous_id:
            previous_figure = figure_shown(
                found[indicator.previous_id], indicator=indicator, policy=policy, raw=raw
            )
        trend = (
            trend_between(latest_figure, previous_figure, indicator=indicator)
            if latest_figure and previous_figure
            else None
        )
        note = (
            notes.get((indicator.pk, found[indicator.latest_id].period_start))
            if (indicator.latest_id)
            else None
        )
        rows.append(ScorecardRow(indicator, latest_figure, trend, note))
    return rows


def _commentary_on(observations: list[Observation]) -> dict[tuple, Commentary]:
    """The commentary of each observation's period, by (indicator id, period start)."""
    if not observations:
        return {}
    wanted = {(o.indicator_id, o.period_type, o.period_start) for o in observations}
    return {
        (c.indicator_id, c.period_start): c
        for c in Commentary.objects.filter(
            indicator__in={o.indicator_id for o in observations},
            period_start__in={o.period_start for o in observations},
        )
        if (c.indicator_id, c.period_type, c.period_start) in wanted
    }


def indicator_series(
    indicator: Indicator, *, period_type: str, raw: bool, limit: int = 24
) -> list[Figure]:
    """The current figures of one kind of period, oldest first, the last ``limit``."""
    observations = list(
        _current(indicator.observations.filter(period_type=period_type))
        .select_related("snapshot")
        .order_by("-period_start")[:limit]
    )
    policy = indicator.partnership.small_number_policy
    return [
        figure_shown(o, indicator=indicator, policy=policy, raw=raw) for o in reversed(observations)
    ]


def observation_history(
    indicator: Indicator,
    *,
    period_type: str,
    raw: bool,
    since: date | None = None,
    limit: int | None = None,
) -> list[Figure]:
    """Every figure ever stored for one kind of period (from ``since``), superseded ones
    included, newest first (the first ``limit`` of them)."""
    observations = indicator.observations.filter(period_type=period_type)
    if since is not None:
        observations = observations.filter(period_start__gte=since)
    observations = observations.select_related(
        "snapshot", "superseded_by__snapshot", "recorded_by"
    ).order_by("-period_start", "-computed_at")[:limit]
    policy = indicator.partnership.small_number_policy
    return [figure_shown(o, indicator=indicator, policy=policy, raw=raw) for o in observations]


def publishes_figures(partnership: Partnership) -> bool:
    """Whether the public dashboard has any figure to show."""
    return partnership.indicators.filter(published=True).exists()


def period_types_of(indicator: Indicator) -> list[tuple[str, str]]:
    """The kinds of period this indicator has figures for, as (value, label) choices."""
    stored = set(indicator.observations.order_by().values_list("period_type", flat=True).distinct())
    return [(value, label) for value, label in Observation.PeriodType.choices if value in stored]
