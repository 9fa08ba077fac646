"""What the owner says about a figure: commentary and exception notes."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.performance.models import Commentary, Indicator, Observation

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def commentary_write(
    *,
    indicator: Indicator,
    observation: Observation,
    opened_version: int | None,
    by: "User | None" = None,
    telling_us: str = "",
    what_happened: str = "",
    what_is_being_done: str = "",
    recovery_expected: str = "",
) -> Commentary:
    """Write (or rewrite) the commentary of the period of ``observation``.

    An exception note is all three of what happened, what is being done and when it
    will recover, or none of them. Raises StaleEdit for someone else's newer save.
    """
    exception = [what_happened, what_is_being_done, recovery_expected]
    if any(exception) and not all(exception):
        raise ValidationError(
            "An exception note says what happened, what is being done and when it will "
            "recover: fill in all three, or none"
        )
    commentary, _ = Commentary.objects.get_or_create(
        indicator=indicator,
        period_type=observation.period_type,
        period_start=observation.period_start,
        period_end=observation.period_end,
        defaults={"period_label": observation.period_label, "written_by": by},
    )
    commentary.telling_us = telling_us
    commentary.what_happened = what_happened
    commentary.what_is_being_done = what_is_being_done
    commentary.recovery_expected = recovery_expected
    commentary.written_by = by
    with transaction.atomic():
        save_tracked(commentary, by=by, opened_version=opened_version, reason="Commentary written")
    return commentary
