"""Writes to the board's figures: the indicator catalogue and observations."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sendboard.casework import engine
from sendboard.casework.engine import EngineOptions, IndicatorResult, Period
from sendboard.casework.models import Snapshot
from sendboard.core.pagecache import revision_bump
from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership
from sendboard.performance.models import Indicator, Observation

_POLARITY = {
    "higher-is-better": Indicator.Polarity.HIGHER,
    "lower-is-better": Indicator.Polarity.LOWER,
    "neutral": Indicator.Polarity.NEUTRAL,
}


def _unit(found: engine.Indicator) -> str:
    """Medians and means are shown in what they measure (days or weeks)."""
    return found.measure or found.unit


def indicator_catalogue_sync(
    *, partnership: Partnership, services: Iterable[str] = (), by=None
) -> dict[str, int]:
    """Make the partnership's casework indicators match the engine's catalogue.

    A changed definition raises ``definition_version``, so observations say which
    definition they were computed with. Targets, thresholds, polarity and frequency
    are the partnership's to set and are left alone once the indicator exists.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    existing = {found.key: found for found in partnership.indicators.all()}
    with transaction.atomic():
        for position, found in enumerate(engine.catalogue(services=tuple(services))):
            wanted = {
                "title": found.title,
                "definition": found.definition,
                "unit": _unit(found),
                "position": position,
            }
            indicator = existing.get(found.code)
            if indicator is None:
                indicator = Indicator(
                    partnership=partnership,
                    key=found.code,
                    polarity=_POLARITY[found.polarity],
                    source=Indicator.Source.CASEWORK,
                    **wanted,
                )
                reason = "Added from the casework engine"
                counts["created"] += 1
            elif all(getattr(indicator, name) == value for name, value in wanted.items()):
                counts["unchanged"] += 1
                continue
            else:
                reason = "Updated from the casework engine"
                if indicator.definition != found.definition:
                    indicator.definition_version += 1
                    reason = f"Definition changed (version {indicator.definition_version})"
                for name, value in wanted.items():
                    setattr(indicator, name, value)
                counts["updated"] += 1
            save_tracked(indicator, by=by, opened_version=None, reason=reason)
    return counts


@dataclass(frozen=True)
class _Computed:
    indicator: Indicator
    period: Period
    result: IndicatorResult


def _value(result: IndicatorResult) -> Decimal | None:
    return None if result.value is None else Decimal(str(result.value))


def _snapshot_order(snapshot: Snapshot | None) -> tuple:
    """Newer snapshots sort later: by the date their data is as at, then import time."""
    if snapshot is None:
        return (date.min, datetime.min.replace(tzinfo=UTC))
    return (snapshot.as_at, snapshot.imported_at)


def _same(current: Observation, computed: _Computed, *, snapshot: Snapshot) -> bool:
    result = computed.result
    return (
        current.snapshot_id == snapshot.pk
        and current.definition_version == computed.indicator.definition_version
        and (current.numerator, current.denominator, current.value)
        == (result.numerator, result.denominator, _value(result))
        and current.options == result.options
        and current.excluded == result.excluded
    )


def observations_compute_from_snapshot(
    *,
    snapshot: Snapshot,
    periods: Iterable[Period],
    by=None,
    options: EngineOptions | None = None,
    dry_run: bool = False,
    progress: Callable[[Period], None] | None = None,
) -> dict[str, int]:
    """Compute every casework indicator for each period and store the figures.

    A figure already stored from an older snapshot (or an older definition) is kept
    and marked superseded by the new one; a figure from a newer snapshot is left as
    it is. Returns counts: created, superseded, unchanged, skipped (a newer snapshot's
    figure stands).
    """
    if snapshot.partnership is None:
        raise ValueError(f"snapshot {snapshot} belongs to no partnership, so has no indicators")
    if snapshot.status != Snapshot.Status.READY:
        raise ValueError(f"snapshot {snapshot} was withdrawn, so its figures cannot be used")
    # The engine runs before the transaction opens, so the database is not held
    # locked while DuckDB works.
    computed_periods = []
    con = engine.open_snapshot(snapshot.folder)
    try:
        as_at = engine.snapshot_as_at(con)
        services = engine.waiting_services(con)
        for period in periods:
            # Open cases are counted at the period's end, never after the data stops.
            period_as_at = min(period.end, as_at) if as_at else period.end
            results = engine.compute_all(con, period=period, options=options, as_at=period_as_at)
            computed_periods.append((period, results))
            if progress:
                progress(period)
    finally:
        con.close()
    counts = {"created": 0, "superseded": 0, "unchanged": 0, "skipped": 0}
    with transaction.atomic():
        indicator_catalogue_sync(partnership=snapshot.partnership, services=services, by=by)
        indicators = {i.key: i for i in snapshot.partnership.indicators.all()}
        for period, results in computed_periods:
            computed = [
                _Computed(indicators[code], period, result) for code, result in results.items()
            ]
            _store(computed, snapshot=snapshot, counts=counts, by=by)
        if dry_run:
            transaction.set_rollback(True)
    return counts


def _store(computed: list[_Computed], *, snapshot: Snapshot, counts: dict[str, int], by) -> None:
    """Store one period's figures, superseding older current ones, in three bulk writes."""
    if not computed:
        return
    period = computed[0].period
    current = {
        o.indicator_id: o
        for o in Observation.objects.filter(
            indicator__in=[c.indicator for c in computed],
            period_type=period.kind,
            period_start=period.start,
            period_end=period.end,
            superseded_by__isnull=True,
        ).select_related("snapshot")
    }
    now = timezone.now()
    new: list[Observation] = []
    replaced: list[Observation] = []
    for item in computed:
        old = current.get(item.indicator.pk)
        if old is not None:
            if _same(old, item, snapshot=snapshot):
                counts["unchanged"] += 1
                continue
            if _snapshot_order(old.snapshot) > _snapshot_order(snapshot):
                counts["skipped"] += 1
                continue
            replaced.append(old)
        new.append(_observation(item, snapshot=snapshot, computed_at=now))
    if replaced:
        # The current figure must leave the "one current per period" constraint before
        # its successor exists to point at, so it briefly points at itself.
        Observation.objects.filter(pk__in=[o.pk for o in replaced]).update(superseded_by=F("pk"))
    created = bulk_create_with_history(
        new,
        Observation,
        default_user=by,
        default_change_reason=f"Computed from snapshot {snapshot}",
    )
    if replaced:
        successors = {o.indicator_id: o for o in created}
        for old in replaced:
            old.superseded_by = successors[old.indicator_id]
        bulk_update_with_history(
            replaced,
            Observation,
            ["superseded_by"],
            default_user=by,
            default_change_reason=f"Superseded by snapshot {snapshot}",
        )
    if new:
        revision_bump()  # bulk writes send no signals, so cached pages are told here
    counts["created"] += len(new)
    counts["superseded"] += len(replaced)


def _observation(item: _Computed, *, snapshot: Snapshot, computed_at) -> Observation:
    result = item.result
    return Observation(
        indicator=item.indicator,
        period_type=item.period.kind,
        period_start=item.period.start,
        period_end=item.period.end,
        period_label=item.period.label,
        as_at=result.as_at,
        numerator=result.numerator,
        denominator=result.denominator,
        value=_value(result),
        excluded=result.excluded,
        options=result.options,
        snapshot=snapshot,
        definition_version=item.indicator.definition_version,
        computed_at=computed_at,
    )


def indicator_settings_update(
    *,
    indicator: Indicator,
    opened_version: int | None,
    by=None,
    target: Decimal | None,
    green_threshold: Decimal | None,
    amber_threshold: Decimal | None,
    polarity: str,
    frequency: str,
) -> Indicator:
    """Set what the partnership decides about an indicator: its target and RAG.

    Raises ValidationError when green is not the better threshold, and StaleEdit when
    someone saved the indicator after ``opened_version``.
    """
    indicator.target = target
    indicator.green_threshold = green_threshold
    indicator.amber_threshold = amber_threshold
    indicator.polarity = polarity
    indicator.frequency = frequency
    indicator.full_clean()
    with transaction.atomic():
        save_tracked(
            indicator, by=by, opened_version=opened_version, reason="Target or rating changed"
        )
    return indicator
