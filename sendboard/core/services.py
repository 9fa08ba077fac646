"""Write-side helpers shared by every capability's services."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class StaleEdit(Exception):
    """Someone else saved the record after this editor opened it."""

    def __init__(self, record: models.Model, *, opened_version: int) -> None:
        self.record = record
        self.opened_version = opened_version
        who = (
            getattr(record.history.first(), "history_user", None)
            if hasattr(record, "history")
            else None
        )
        by = f" by {who.get_full_name() or who.username}" if who else ""
        super().__init__(
            f"This was changed{by} after you opened it, so your changes were not saved. "
            "Check the latest version below and make your changes again."
        )


def check_lengths(record: models.Model) -> None:
    """Refuse text longer than its field allows, whoever sends it: a form, a command, an import.

    A form says so before it gets here; this stops what no form checked, such as a
    10 MB minute entry posted around the form, before every reader is sent it.
    """
    too_long = {
        field.name: f"{str(field.verbose_name).capitalize()} must be "
        f"{field.max_length:,} characters or fewer"
        for field in record._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.max_length
        and len(getattr(record, field.attname) or "") > field.max_length
    }
    if too_long:
        raise ValidationError(too_long)


def _attribute(record: models.Model, *, by: "User | None", reason: str) -> None:
    if by is not None:
        record._history_user = by  # who django-simple-history names for this change
    record._change_reason = reason


def save_tracked(
    record: models.Model,
    *,
    opened_version: int | None,
    reason: str = "",
    by: "User | None" = None,
) -> None:
    """Save `record` if nobody else has saved it since `opened_version`, then bump its version.

    The check and the bump are one conditional UPDATE, so two editors racing cannot
    both pass it. A record with no version (a paper, a line of attendance) is saved
    with its history attributed, as it has nothing to check.
    """
    check_lengths(record)
    _attribute(record, by=by, reason=reason)
    model = type(record)
    if record.pk is None or not hasattr(record, "version"):
        record.save()
        return
    if opened_version is not None:
        bumped = model.objects.filter(pk=record.pk, version=opened_version).update(
            version=models.F("version") + 1
        )
        if not bumped:
            raise StaleEdit(model.objects.get(pk=record.pk), opened_version=opened_version)
        record.version = opened_version + 1
    else:
        record.version += 1
    record.save()


def delete_tracked(record: models.Model, *, reason: str = "", by: "User | None" = None) -> None:
    """Delete `record`, leaving a history row that says who removed it and why."""
    _attribute(record, by=by, reason=reason)
    record.delete()
