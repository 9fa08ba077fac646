"""The board's rules for a figure: its target in a trajectory, its RAG, its direction
of travel, and a year to date or rolling 12 months made from monthly figures.

Plain functions over plain values, so each can be checked with figures worked by hand.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendboard.lib.periods import add_months

HIGHER, LOWER, NEUTRAL = "higher", "lower", "neutral"
GREEN, AMBER, RED, NOT_RATED = "green", "amber", "red", "grey"


def target_for(
    period_end: date, steps: Sequence[tuple[date, Decimal]], *, standing: Decimal | None
) -> Decimal | None:
    """The trajectory's value a period is held to: the first step due on or after the
    period's end, else the last step once all are past; the standing target without steps."""
    if not steps:
        return standing
    ordered = sorted(steps)
    for due, value in ordered:
        if due >= period_end:
            return value
    return ordered[-1][1]


def _at_or_better(value: Decimal, mark: Decimal, polarity: str) -> bool:
    return value >= mark if polarity == HIGHER else value <= mark


def rag(
    value: Decimal | None,
    *,
    polarity: str,
    target: Decimal | None = None,
    tolerance: Decimal | None = None,
    green_from: Decimal | None = None,
    amber_from: Decimal | None = None,
) -> str:
    """Green, amber or red, by the first rule the indicator has:

    1. a target with a tolerance: green at or better than the target, amber within the
       tolerance of it, red beyond;
    2. fixed thresholds: green from ``green_from``, amber from ``amber_from``, red beyond;
    3. a target alone: green at or better than it, red otherwise.

    Not rated without a value, without any rule, or when neither direction is better.
    """
    if value is None or polarity == NEUTRAL:
        return NOT_RATED
    if target is not None and tolerance:
        if _at_or_better(value, target, polarity):
            return GREEN
        edge = target - tolerance if polarity == HIGHER else target + tolerance
        return AMBER if _at_or_better(value, edge, polarity) else RED
    if green_from is not None or amber_from is not None:
        if green_from is not None and _at_or_better(value, green_from, polarity):
            return GREEN
        if amber_from is not None and _at_or_better(value, amber_from, polarity):
            return AMBER
        return RED
    if target is not None:
        return GREEN if _at_or_better(value, target, polarity) else RED
    return NOT_RATED


@dataclass(frozen=True)
class Direction:
    change: Decimal | None  # newer minus older; None when either is missing
    judgement: str  # "better", "worse", "no change", or "" (missing, or neither is better)

    @property
    def arrow(self) -> str:
        if self.change is None or self.change == 0:
            return "No change" if self.change == 0 else "Not available"
        return "Up" if self.change > 0 else "Down"


def direction(newer: Decimal | None, older: Decimal | None, *, polarity: str) -> Direction:
    """How a figure moved since an earlier one, and whether that is better."""
    if newer is None or older is None:
        return Direction(None, "")
    change = newer - older
    if change == 0:
        return Direction(change, "no change")
    if polarity == NEUTRAL:
        return Direction(change, "")
    return Direction(change, "better" if (change > 0) == (polarity == HIGHER) else "worse")


@dataclass(frozen=True)
class Month:
    start: date
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class Combined:
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    months: int  # how many months it is made of
    missing: tuple[date, ...]  # months with no figure: the result is not shown


def combine(months: Iterable[Month], *, how: str, scale: int, wanted: Sequence[date]) -> Combined:
    """A year to date or rolling 12 months from the ``wanted`` months' figures.

    Rates are recomputed from the summed numerators and denominators, never averaged;
    counts are added up. ``scale`` makes a rate a percentage (100) or per 1,000. A
    missing month (or a rate without its counts) leaves the whole period not available
    rather than quietly shorter.
    """
    found = {m.start: m for m in months}
    missing = tuple(
        start
        for start in wanted
        if start not in found
        or (how == "ratio" and (found[start].numerator is None or not found[start].denominator))
        or (how == "sum" and found[start].value is None)
    )
    if how not in ("ratio", "sum") or missing or not wanted:
        return Combined(None, None, None, len(wanted), missing)
    chosen = [found[start] for start in wanted]
    if how == "sum":
        total = sum((m.value for m in chosen), Decimal(0))
        return Combined(total, None, None, len(wanted), ())
    numerator = sum(m.numerator for m in chosen)
    denominator = sum(m.denominator for m in chosen)
    value = (Decimal(scale) * numerator / denominator).quantize(Decimal("0.1"))
    return Combined(value, numerator, denominator, len(wanted), ())


def months_back(last: date, count: int) -> list[date]:
    """The first days of ``count`` months ending with ``last``'s month, oldest first."""
    first = date(last.year, last.month, 1)
    return [add_months(first, -back) for back in range(count - 1, -1, -1)]


def year_to_date_months(last: date, *, financial: bool) -> list[date]:
    """The months from the start of the (calendar or April-to-March) year to ``last``."""
    first_month = 4 if financial else 1
    year = last.year if last.month >= first_month else last.year - 1
    count = (last.year - year) * 12 + last.month - first_month + 1
    return months_back(last, count)
