"""Items promised for future meetings: deep dives, reports, updates, presentations."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.governance.models import Group, Person
from sendboard.meetings.models import Meeting


class ForwardPlanItem(Tracked):
    class Kind(models.TextChoices):
        DEEP_DIVE = "deep_dive", "Deep dive"
        REPORT = "report", "Report"
        UPDATE = "update", "Update"
        PRESENTATION = "presentation", "Presentation"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ON_AGENDA = "on_agenda", "On agenda"
        PRESENTED = "presented", "Presented"
        DEFERRED = "deferred", "Deferred"

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="forward_plan")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.REPORT)
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="forward_plan_items"
    )
    target_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="forward_plan_items"
    )
    target_month = models.DateField(
        null=True,
        blank=True,
        help_text="First day of the month it is planned for, when no meeting is set",
    )
    source_action = models.ForeignKey(
        "actions.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forward_plan_items",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    deferred_from = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deferred_forward_plan_items",
        help_text="The meeting it was first due at, when it has been deferred",
    )
    deferral_reason = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target_month", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "forward_plan_item",
            kwargs={"partnership": self.group.partnership.slug, "code": self.code},
        )

    @property
    def deferral_note(self) -> str:
        """How the next agenda says the item was put back: "Deferred from 3 June 2025: reason"."""
        if self.deferred_from is None and not self.deferral_reason:
            return ""
        note = "Deferred"
        if self.deferred_from is not None:
            note += f" from {self.deferred_from.date:%-d %B %Y}"
        return f"{note}: {self.deferral_reason}" if self.deferral_reason else note
