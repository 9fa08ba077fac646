"""A stored casework snapshot: the register entry for a folder of Parquet files.

The rows themselves live outside the database (see ``sendboard.casework.schema``);
this record says whose they are, what date they describe and who brought them in.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked


class Snapshot(models.Model):
    class Kind(models.TextChoices):
        SEN2 = "sen2", "SEN2 case data"
        WAITING_LIST = "waiting-list", "Health waiting lists"
        BOTH = "both", "SEN2 case data and waiting lists"

    class Status(models.TextChoices):
        READY = "ready", "Ready"
        WITHDRAWN = "withdrawn", "Withdrawn"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        "governance.Partnership",
        on_delete=models.PROTECT,  # the files outlive a careless delete otherwise
        related_name="snapshots",
        null=True,
        blank=True,
    )
    as_at = models.DateField(help_text="The date the case data describes.")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    row_counts = models.JSONField(default=dict)
    manifest_checksum = models.CharField(max_length=64, help_text="SHA-256 of manifest.json.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="casework_snapshots",
        null=True,
        blank=True,
    )
    imported_at = models.DateTimeField()
    source_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.READY)
    warnings = models.JSONField(
        default=list, blank=True, help_text="What the import read but did not use, and why."
    )
    mapping = models.JSONField(
        default=dict, blank=True, help_text="The local column and event names it was read with."
    )

    class Meta:
        ordering = ["-as_at", "-imported_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["sen2", "waiting-list", "both"]),
                name="casework_snapshot_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["ready", "withdrawn"]),
                name="casework_snapshot_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} as at {self.as_at.day} {self.as_at:%B %Y}"

    @property
    def folder(self) -> Path:
        """Where the Parquet files and manifest are; read at call time so tests can move it."""
        return snapshots_dir() / str(self.code)


class ExportMapping(Tracked):
    """A partnership's local names for its export's columns and events, kept once and
    used for every import (the text format is ``snapshot.mapping``'s)."""

    partnership = models.OneToOneField(
        "governance.Partnership", on_delete=models.CASCADE, related_name="casework_mapping"
    )
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Local export names of {self.partnership}"


def snapshots_dir() -> Path:
    return Path(settings.DATA_DIR) / "casework"
