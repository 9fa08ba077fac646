"""England, region and statistical neighbours: the figures the board compares with."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.lib.periods import Period
from sendboard.performance.models import Benchmark, Indicator

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class BenchmarkEntry:
    period: Period
    value: Decimal | str
    label: str = ""  # the period as the publisher names it, when not the usual label


def benchmarks_enter(
    *,
    indicator: Indicator,
    series: str,
    entries: Iterable[BenchmarkEntry],
    source: str,
    by: "User | None" = None,
    reason: str = "",
) -> int:
    """Store a comparator's figures; a changed one is corrected in place, its earlier
    value kept in the history with who and why. Returns how many were written."""
    entries = list(entries)
    existing = {
        (b.period_type, b.period_start, b.period_end): b
        for b in indicator.benchmarks.filter(series=series)
    }
    written = 0
    with transaction.atomic():
        for entry in entries:
            value = Decimal(str(entry.value))
            period = entry.period
            found = existing.get((period.kind, period.start, period.end))
            if found is not None and (found.value, found.source) == (value, source):
                continue
            record = found or Benchmark(
                indicator=indicator,
                series=series,
                period_type=period.kind,
                period_start=period.start,
                period_end=period.end,
            )
            record.period_label = entry.label or period.label
            record.value = value
            record.source = source
            save_tracked(
                record,
                by=by,
                opened_version=None,
                reason=(reason or ("Corrected" if found else "Entered"))[:100],
            )
            written += 1
    return written
