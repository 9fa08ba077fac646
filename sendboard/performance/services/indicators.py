"""The partnership's own indicators: their catalogue entries and trajectories."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership
from sendboard.performance.models import Indicator, Target

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What the casework engine defines; the partnership decides everything else.
ENGINE_FIELDS = frozenset({"key", "title", "definition", "unit"})
LINKS = ("outcomes", "plan_actions")


def _links(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: fields.pop(name) for name in LINKS if name in fields}


def indicator_create(
    *, partnership: Partnership, by: "User | None" = None, **fields: Any
) -> Indicator:
    links = _links(fields)
    indicator = Indicator(
        partnership=partnership,
        source=Indicator.Source.MANUAL,
        position=partnership.indicators.count(),
        **fields,
    )
    if partnership.indicators.filter(key=indicator.key).exists():
        raise ValidationError({"key": f"Another indicator already has the code {indicator.key}"})
    indicator.full_clean(exclude=["partnership"])
    with transaction.atomic():
        save_tracked(indicator, by=by, opened_version=None, reason="Added to the catalogue")
        for name, chosen in links.items():
            getattr(indicator, name).set(chosen)
    return indicator


def indicator_update(
    *,
    indicator: Indicator,
    opened_version: int | None,
    by: "User | None" = None,
    reason: str = "",
    **fields: Any,
) -> Indicator:
    """Change an indicator's catalogue entry; a casework indicator's definition is the
    engine's. A changed definition raises its version, so figures say which they used.

    Raises ValidationError for a broken rule, StaleEdit for someone else's newer save.
    """
    links = _links(fields)
    if indicator.source == Indicator.Source.CASEWORK and ENGINE_FIELDS & fields.keys():
        raise ValidationError("The casework engine defines this indicator's name and definition")
    if "definition" in fields and fields["definition"] != indicator.definition:
        indicator.definition_version += 1
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean(exclude=["partnership"])
    with transaction.atomic():
        save_tracked(
            indicator, by=by, opened_version=opened_version, reason=reason or "Catalogue changed"
        )
        for name, chosen in links.items():
            getattr(indicator, name).set(chosen)
    return indicator


def trajectory_set(
    *,
    indicator: Indicator,
    steps: Iterable[tuple[date, Decimal]],
    by: "User | None" = None,
    reason: str = "Trajectory changed",
) -> list[Target]:
    """Replace the indicator's trajectory with ``steps``; the old steps stay in history."""
    steps = sorted(steps)
    dates = [due for due, _ in steps]
    if len(set(dates)) != len(dates):
        raise ValidationError("Each step of a trajectory needs its own date")
    with transaction.atomic():
        for old in indicator.targets.all():
            old._history_user = by
            old._change_reason = reason[:100]
            old.delete()
        created = []
        for due, value in steps:
            target = Target(indicator=indicator, due=due, value=value)
            save_tracked(target, by=by, opened_version=None, reason=reason[:100])
            created.append(target)
    return created
