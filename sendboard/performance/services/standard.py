"""Start a partnership from the standard SEND set, with England's published figures."""

from typing import TYPE_CHECKING

from django.db import transaction

from sendboard.governance.models import Partnership
from sendboard.governance.starting import starter_content_wanted
from sendboard.lib.periods import parse_period
from sendboard.performance.catalogue import ENGLAND, STANDARD_SET
from sendboard.performance.models import Benchmark, Indicator
from sendboard.performance.services import indicator_create_from_spec
from sendboard.performance.services.benchmarks import BenchmarkEntry, benchmarks_enter

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def standard_set_load(*, partnership: Partnership, by: "User | None" = None) -> dict[str, int]:
    """Add the standard set's indicators the partnership does not have yet (each is
    then the partnership's to edit), and England's figures for those that exist."""
    existing = set(partnership.indicators.values_list("key", flat=True))
    position = partnership.indicators.count()
    created = 0
    with transaction.atomic():
        for spec in STANDARD_SET:
            if spec.key in existing:
                continue
            indicator_create_from_spec(
                spec,
                partnership=partnership,
                source=Indicator.Source.MANUAL,
                position=position + created,
                by=by,
                reason="From the standard SEND set",
            )
            created += 1
        england = england_figures_load(partnership=partnership, by=by)
    return {"created": created, "unchanged": len(STANDARD_SET) - created, "england": england}


def england_figures_load(*, partnership: Partnership, by: "User | None" = None) -> int:
    """England's published figures (send-rules.md section 3) for the partnership's
    indicators of those keys. Returns how many were written."""
    indicators = {i.key: i for i in partnership.indicators.filter(key__in={f.key for f in ENGLAND})}
    written = 0
    for key, indicator in indicators.items():
        entries = []
        for figure in ENGLAND:
            if figure.key != key:
                continue
            period = parse_period(figure.period)
            entries.append(
                BenchmarkEntry(
                    period=period,
                    value=figure.value,
                    label=figure.label or period.label,
                )
            )
        written += benchmarks_enter(
            indicator=indicator,
            series=Benchmark.Series.ENGLAND,
            entries=entries,
            source="DfE published figures for England",
            by=by,
        )
    return written


def partnership_started(sender, *, instance: Partnership, created: bool, raw: bool, **kwargs):
    """A new partnership starts from the standard set (connected in the app's ready()).

    It runs in the transaction that saves the partnership, so the back office's form
    and the demo make both or neither. Fixtures (``raw``) bring their own indicators.
    """
    if created and not raw and starter_content_wanted():
        standard_set_load(partnership=instance)
