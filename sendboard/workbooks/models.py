"""What the Excel round trip keeps: each partnership's column mappings, and uploads
waiting for their columns to be mapped and the import confirmed."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendboard.governance.models import Partnership


class Kind(models.TextChoices):
    PLAN_TRACKER = "plan_tracker", "Plan tracker"
    RISK_REGISTER = "risk_register", "Risk register"


class ColumnMapping(models.Model):
    """How a partnership's workbooks of one kind are laid out, offered again next time."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="column_mappings"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    sheet_name = models.CharField(max_length=100, blank=True)
    header_row = models.PositiveIntegerField(null=True, blank=True)
    # Each heading as normalised (case, spaces and punctuation ignored): the field it holds.
    columns = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind"], name="one_mapping_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} columns of {self.partnership}"


class Upload(models.Model):
    """A file uploaded in the browser, kept while its columns are mapped and its rows
    checked, and removed once imported: nothing in it is a record before that."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class WorkbookUpload(Upload):
    """A workbook of plan lines or risks waiting for its import to be confirmed."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="workbook_uploads"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The plan it goes into; none for a new plan (titled below) or a risk register.
    plan = models.ForeignKey(
        "plans.ImprovementPlan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    new_plan_title = models.CharField(max_length=200, blank=True)
    new_plan_kind = models.CharField(max_length=12, blank=True)
    leave_unknown_owners_blank = models.BooleanField(default=False)
    # The sheet and header row the person chose when mapping the columns.
    sheet_name = models.CharField(max_length=100, blank=True)
    header_row = models.PositiveIntegerField(null=True, blank=True)
