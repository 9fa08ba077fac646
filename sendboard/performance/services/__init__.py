"""Writes to the board's figures: the indicator catalogue and observations.

The figures come from elsewhere (casework computes them from a snapshot); they arrive
here as plain values, so the board's figures know nothing of how they were computed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sendboard.core.pagecache import revision_bump
from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership
from sendboard.lib.periods import Period
from sendboard.performance.models import Indicator, Observation

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as its source defines it; the partnership's own settings are not here."""

    key: str
    title: str
    definition: str
    unit: str  # an Indicator.Unit
    polarity: str  # an Indicator.Polarity
    frequency: str = "monthly"  # an Indicator.Frequency, used when the indicator is created
    combines: str = "none"  # an Indicator.Combines
    source_name: str = ""


@dataclass(frozen=True)
class ComputedFigure:
    """One indicator's figure for one period, with the counts and choices behind it."""

    key: str
    period: Period
    as_at: date | None
    numerator: int | None
    denominator: int | None
    value: float | int | None
    excluded: dict[str, int]
    options: dict[str, Any]


class FigureSource(Protocol):
    """The snapshot figures are computed from: what ``Observation.snapshot`` points at.

    A newer source sorts later, by the date its data is as at, then its import time.
    """

    pk: Any
    as_at: date
    imported_at: datetime


def indicator_catalogue_sync(
    *, partnership: Partnership, catalogue: Iterable[IndicatorSpec], by: "User | None" = None
) -> dict[str, int]:
    """Make the partnership's casework indicators match ``catalogue``, in its order.

    A changed definition raises ``definition_version``, so observations say which
    definition they were computed with. Targets, thresholds, polarity and frequency
    are the partnership's to set and are left alone once the indicator exists.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    existing = {found.key: found for found in partnership.indicators.all()}
    with transaction.atomic():
        for position, spec in enumerate(catalogue):
            wanted = {
                "title": spec.title,
                "definition": spec.definition,
                "unit": spec.unit,
                "position": position,
            }
            indicator = existing.get(spec.key)
            if indicator is None:
                indicator = Indicator(
                    partnership=partnership,
                    key=spec.key,
                    polarity=spec.polarity,
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
                if indicator.definition != spec.definition:
                    indicator.definition_version += 1
                    reason = f"Definition changed (version {indicator.definition_version})"
                for name, value in wanted.items():
                    setattr(indicator, name, value)
                counts["updated"] += 1
            save_tracked(indicator, by=by, opened_version=None, reason=reason)
    return counts


def observations_store(
    *,
    partnership: Partnership,
    snapshot: FigureSource,
    figures: Iterable[ComputedFigure],
    by: "User | None" = None,
) -> dict[str, int]:
    """Store figures computed from ``snapshot`` as observations of the partnership's
    indicators of the same keys.

    A figure already stored from an older snapshot (or an older definition) is kept
    and marked superseded by the new one; a figure from a newer snapshot is left as
    it is. Returns counts: created, superseded, unchanged, skipped (a newer snapshot's
    figure stands).
    """
    indicators = {i.key: i for i in partnership.indicators.all()}
    per_period: dict[Period, list[_Computed]] = {}
    for figure in figures:
        per_period.setdefault(figure.period, []).append(_Computed(indicators[figure.key], figure))
    counts = {"created": 0, "superseded": 0, "unchanged": 0, "skipped": 0}
    with transaction.atomic():
        for period, computed in per_period.items():
            _store(period, computed, snapshot=snapshot, counts=counts, by=by)
    return counts


@dataclass(frozen=True)
class _Computed:
    indicator: Indicator
    figure: ComputedFigure


def _value(figure: ComputedFigure) -> Decimal | None:
    return None if figure.value is None else Decimal(str(figure.value))


def _snapshot_order(snapshot: FigureSource | None) -> tuple:
    """Newer snapshots sort later: by the date their data is as at, then import time."""
    if snapshot is None:
        return (date.min, datetime.min.replace(tzinfo=UTC))
    return (snapshot.as_at, snapshot.imported_at)


def _same(current: Observation, computed: _Computed, *, snapshot: FigureSource) -> bool:
    figure = computed.figure
    return (
        current.snapshot_id == snapshot.pk
        and current.definition_version == computed.indicator.definition_version
        and (current.numerator, current.denominator, current.value)
        == (figure.numerator, figure.denominator, _value(figure))
        and current.options == figure.options
        and current.excluded == figure.excluded
    )


def _store(
    period: Period,
    computed: list[_Computed],
    *,
    snapshot: FigureSource,
    counts: dict[str, int],
    by: "User | None",
) -> None:
    """Store one period's figures, superseding older current ones, in three bulk writes."""
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
    _write(
        new,
        replaced,
        by=by,
        created_reason=f"Computed from snapshot {snapshot}",
        superseded_reason=f"Superseded by snapshot {snapshot}",
    )
    counts["created"] += len(new)
    counts["superseded"] += len(replaced)


def _period_key(observation: Observation) -> tuple:
    return (
        observation.indicator_id,
        observation.period_type,
        observation.period_start,
        observation.period_end,
    )


def _write(
    new: list[Observation],
    replaced: list[Observation],
    *,
    by: "User | None",
    created_reason: str,
    superseded_reason: str,
) -> None:
    """Create ``new`` and mark each of ``replaced`` superseded by the new figure for its
    period, in three bulk writes with history."""
    if replaced:
        # The current figure must leave the "one current per period" constraint before
        # its successor exists to point at, so it briefly points at itself.
        Observation.objects.filter(pk__in=[o.pk for o in replaced]).update(superseded_by=F("pk"))
    created = bulk_create_with_history(
        new, Observation, default_user=by, default_change_reason=created_reason
    )
    if replaced:
        successors = {_period_key(o): o for o in created}
        for old in replaced:
            old.superseded_by = successors[_period_key(old)]
        bulk_update_with_history(
            replaced,
            Observation,
            ["superseded_by"],
            default_user=by,
            default_change_reason=superseded_reason,
        )
    if new:
        revision_bump()  # bulk writes send no signals, so cached pages are told here


def _observation(item: _Computed, *, snapshot: FigureSource, computed_at: datetime) -> Observation:
    figure = item.figure
    return Observation(
        indicator=item.indicator,
        period_type=figure.period.kind,
        period_start=figure.period.start,
        period_end=figure.period.end,
        period_label=figure.period.label,
        as_at=figure.as_at,
        numerator=figure.numerator,
        denominator=figure.denominator,
        value=_value(figure),
        excluded=figure.excluded,
        options=figure.options,
        snapshot=snapshot,
        definition_version=item.indicator.definition_version,
        computed_at=computed_at,
        provenance=f"Computed from casework snapshot {snapshot}"[:300],
    )


def indicator_settings_update(
    *,
    indicator: Indicator,
    opened_version: int | None,
    by: "User | None" = None,
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


def figures_record(
    *,
    partnership: Partnership,
    spec: IndicatorSpec,
    figures: Iterable[ComputedFigure],
    provenance: str,
    by: "User | None" = None,
) -> int:
    """Record figures computed elsewhere (not from a casework snapshot) as the
    indicator's observations; creates the indicator from spec if it is missing;
    a changed value for a period supersedes the old one, kept in history; an
    unchanged one is left alone; provenance (e.g. 'Computed from 143 final
    audits on 5 December 2026') is kept with each observation. Returns how many
    observations were written."""
    with transaction.atomic():
        indicator = _indicator_from_spec(partnership, spec, by=by)
        entries = [
            Entry(
                period=f.period,
                value=_value(f),
                numerator=f.numerator,
                denominator=f.denominator,
                as_at=f.as_at,
                excluded=f.excluded,
                options=f.options,
            )
            for f in figures
        ]
        return observations_enter(
            indicator=indicator,
            entries=entries,
            provenance=provenance,
            reason="Recomputed",
            by=by,
        )


def _indicator_from_spec(
    partnership: Partnership, spec: IndicatorSpec, *, by: "User | None"
) -> Indicator:
    return partnership.indicators.filter(key=spec.key).first() or indicator_create_from_spec(
        spec,
        partnership=partnership,
        source=Indicator.Source.COMPUTED,
        position=partnership.indicators.count(),
        by=by,
        reason="Added by the figures' source",
    )


def indicator_create_from_spec(
    spec: IndicatorSpec,
    *,
    partnership: Partnership,
    source: str,
    position: int,
    by: "User | None",
    reason: str,
) -> Indicator:
    """A new indicator of the partnership as its source defines it, then its own to edit."""
    indicator = Indicator(
        partnership=partnership,
        key=spec.key,
        title=spec.title,
        definition=spec.definition,
        unit=spec.unit,
        polarity=spec.polarity,
        frequency=spec.frequency,
        combines=spec.combines,
        source_name=spec.source_name,
        source=source,
        position=position,
    )
    save_tracked(indicator, by=by, opened_version=None, reason=reason)
    return indicator


@dataclass(frozen=True)
class Entry:
    """One figure entered by hand, imported from a file or computed in sendboard."""

    period: Period
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    as_at: date | None = None
    note: str = ""
    excluded: dict[str, int] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    provenance: str = ""  # overrides the batch's provenance, such as a file's row


def _unchanged(current: Observation, entry: Entry, indicator: Indicator) -> bool:
    return (
        current.definition_version == indicator.definition_version
        and (current.numerator, current.denominator, current.value, current.note)
        == (entry.numerator, entry.denominator, entry.value, entry.note)
        and current.options == entry.options
        and current.excluded == entry.excluded
    )


def observations_enter(
    *,
    indicator: Indicator,
    entries: Iterable[Entry],
    provenance: str,
    reason: str = "",
    by: "User | None" = None,
) -> int:
    """Store figures for an indicator, one per period; a changed figure supersedes the
    current one (kept, with who changed it and ``reason``). Returns how many were written.
    """
    entries = list(entries)
    current = {
        (o.period_type, o.period_start, o.period_end): o
        for o in _current_of(indicator, [e.period for e in entries])
    }
    now = timezone.now()
    new: list[Observation] = []
    replaced: list[Observation] = []
    for entry in entries:
        old = current.get((entry.period.kind, entry.period.start, entry.period.end))
        if old is not None:
            if _unchanged(old, entry, indicator):
                continue
            replaced.append(old)
        new.append(
            Observation(
                indicator=indicator,
                period_type=entry.period.kind,
                period_start=entry.period.start,
                period_end=entry.period.end,
                period_label=entry.period.label,
                as_at=entry.as_at,
                numerator=entry.numerator,
                denominator=entry.denominator,
                value=entry.value,
                note=entry.note,
                excluded=entry.excluded,
                options=entry.options,
                definition_version=indicator.definition_version,
                computed_at=now,
                provenance=(entry.provenance or provenance)[:300],
                reason=(reason if old is not None else "")[:300],
                recorded_by=by,
            )
        )
    with transaction.atomic():
        _write(
            new,
            replaced,
            by=by,
            created_reason=(reason or provenance)[:100],
            superseded_reason=f"Corrected: {reason}"[:100] if reason else "Corrected",
        )
    return len(new)


def _current_of(indicator: Indicator, periods: list[Period]) -> list[Observation]:
    if not periods:
        return []
    return list(
        indicator.observations.filter(
            superseded_by__isnull=True,
            period_type__in={p.kind for p in periods},
            period_start__gte=min(p.start for p in periods),
            period_start__lte=max(p.start for p in periods),
        )
    )
