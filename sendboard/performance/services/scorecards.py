"""Named sets of indicators an analyst makes, such as sufficiency or quality assurance."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership
from sendboard.performance.models import Indicator, Scorecard

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def scorecard_save(
    *,
    partnership: Partnership,
    title: str,
    description: str,
    indicators: Iterable[Indicator],
    scorecard: Scorecard | None = None,
    opened_version: int | None = None,
    by: "User | None" = None,
) -> Scorecard:
    """Make a scorecard, or change one. Raises StaleEdit for someone else's newer save."""
    chosen = list(indicators)
    if any(i.partnership_id != partnership.pk for i in chosen):
        raise ValidationError("A scorecard holds only the partnership's own indicators")
    taken = partnership.scorecards.filter(title=title)
    if scorecard is not None:
        taken = taken.exclude(pk=scorecard.pk)
    if taken.exists():
        raise ValidationError({"title": f"There is already a scorecard called {title}"})
    record = scorecard or Scorecard(partnership=partnership)
    record.title, record.description = title, description
    with transaction.atomic():
        save_tracked(
            record,
            by=by,
            opened_version=opened_version if scorecard else None,
            reason="Scorecard changed" if scorecard else "Scorecard made",
        )
        record.indicators.set(chosen)
    return record
