"""Improvement plans: priority areas, outcomes, plan actions and their status by period.

A plan (a Priority Action Plan after an inspection, a Written Statement of Action...)
has priority areas (APA1, AFI2), each with outcomes, each with the plan actions that
deliver it. Owners keep each line's status, evidence and impact. The board sees the
plan a reporting period at a time; closing a period freezes every line's status in a
`PeriodLine`, so a past period reads as the board saw it, whatever changes later.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.actions.models import Action
from sendboard.core.models import Tracked
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Organisation, Partnership, Person


class Status(models.TextChoices):
    """A plan line's status, each shown with its RAG word as well as its colour."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    EMBEDDED = "embedded", "Embedded"


class ImprovementPlan(Tracked):
    class Kind(models.TextChoices):
        PRIORITY_ACTION_PLAN = "pap", "Priority Action Plan"
        WRITTEN_STATEMENT = "wsoa", "Written Statement of Action"
        PROGRAMME = "programme", "Improvement programme"
        SAFETY_VALVE = "safety_valve", "Safety Valve plan"
        DELIVERING_BETTER_VALUE = "dbv", "Delivering Better Value plan"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="improvement_plans"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    source = models.CharField(
        max_length=200, blank=True, help_text="What the plan answers, such as an inspection"
    )
    source_date = models.DateField(null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="plan_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "plan_detail", kwargs={"partnership": self.partnership.slug, "code": self.code}
        )


class PriorityArea(Tracked):
    class Kind(models.TextChoices):
        PRIORITY_ACTION = "apa", "Area of priority action"
        IMPROVEMENT = "afi", "Area for improvement"
        OTHER = "other", "Priority"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="areas")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, such as APA1")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.PRIORITY_ACTION)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="unique_area_reference")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"


class Outcome(Tracked):
    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="outcomes")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, such as 1")
    title = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "position", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["area", "reference"], name="unique_outcome_reference")
        ]

    def __str__(self) -> str:
        return f"Outcome {self.reference}: {self.title}"


class PlanActionQuerySet(models.QuerySet):
    def with_evidence_count(self, *, until: date) -> "PlanActionQuerySet":
        """Annotate `evidence_count`: the evidence dated on or before `until`, still standing."""
        standing = models.Q(evidence__written_on__lte=until, evidence__withdrawn_at__isnull=True)
        return self.annotate(evidence_count=models.Count("evidence", filter=standing))


class PlanAction(Tracked):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="plan_actions")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, such as 1.3")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    owners = models.ManyToManyField(Person, blank=True, related_name="plan_actions")
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    workstream = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    success_measures = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    impact = models.TextField(
        blank=True, help_text="The so what: what has changed for children and families"
    )
    risks_and_mitigations = models.TextField(blank=True)
    meeting_actions = models.ManyToManyField(Action, blank=True, related_name="plan_actions")
    forward_plan_items = models.ManyToManyField(
        ForwardPlanItem, blank=True, related_name="plan_actions"
    )
    # Business as usual: a finished line handed to a team leaves the active tracker.
    transferred_on = models.DateField(null=True, blank=True)
    receiving_team = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[owners])

    objects = PlanActionQuerySet.as_manager()

    class Meta:
        ordering = ["outcome", "position", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "reference"], name="unique_plan_action_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(transferred_on__isnull=True) | ~models.Q(receiving_team=""),
                name="transfer_names_the_receiving_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        plan = self.outcome.area.plan
        return reverse(
            "plan_action_detail", kwargs={"partnership": plan.partnership.slug, "code": self.code}
        )


class Evidence(models.Model):
    """A dated piece of evidence of progress on a plan line: text, a link or a file."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan_action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="evidence")
    written_on = models.DateField()
    text = models.TextField(max_length=5000)
    link = models.URLField(blank=True)
    file = models.FileField(upload_to="plans/evidence/%Y/%m/", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-added_at"]

    def __str__(self) -> str:
        return f"Evidence of {self.written_on:%-d %B %Y}"


class ProgressUpdate(models.Model):
    """An owner's update of a line in a period: the status it leaves and what they said."""

    plan_action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey("ReportingPeriod", on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(max_length=12, choices=Status.choices)
    note = models.TextField(max_length=5000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_at"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.written_at:%-d %B %Y}"


class ReportingPeriod(Tracked):
    class State(models.TextChoices):
        OPEN = "open", "Open for updates"
        CLOSED = "closed", "Closed: seen by the board"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="periods")
    starts_on = models.DateField()
    ends_on = models.DateField()
    state = models.CharField(max_length=6, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "starts_on"], name="unique_period_start"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="period_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(state="open"),
                name="one_open_period_per_plan",
            ),
        ]

    def __str__(self) -> str:
        if (
            self.starts_on.replace(day=1) == self.starts_on
            and self.starts_on.month == self.ends_on.month
        ):
            return f"{self.starts_on:%B %Y}"
        return f"{self.starts_on:%-d %B %Y} to {self.ends_on:%-d %B %Y}"


class PeriodLine(models.Model):
    """A plan line as it stood when its period closed: what the board saw, kept for good."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="lines")
    plan_action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="+")
    # The words as the board read them, so a later rename does not rewrite the period.
    area_reference = models.CharField(max_length=20)
    area_title = models.CharField(max_length=300)
    outcome_reference = models.CharField(max_length=20)
    outcome_title = models.CharField(max_length=500)
    reference = models.CharField(max_length=20)
    text = models.TextField()
    owner_names = models.TextField(blank=True)
    receiving_team = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    due_on = models.DateField(null=True, blank=True)
    updated = models.BooleanField(help_text="Whether the line was updated during the period")
    evidence_count = models.PositiveIntegerField()
    impact = models.TextField(blank=True)
    risks_and_mitigations = models.TextField(blank=True)
    transferred = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "plan_action"], name="unique_period_line")
        ]

    def __str__(self) -> str:
        return f"{self.plan_action} in {self.period}"


class HighlightReport(Tracked):
    """A period's highlight report: the narrative a person writes around the figures.

    The figures themselves (roll-ups, lines off track, newly complete, stuck, moving to
    business as usual) are never stored here: `plans.highlight` computes them from the
    period's lines, frozen once the period closes. `drafted` keeps the narrative as it
    was last generated, so generating again refreshes only the text nobody has edited.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready for the board"

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.CASCADE, related_name="highlight_report"
    )
    introduction = models.TextField(
        blank=True, help_text="The narrative and context the figures need"
    )
    difference_made = models.TextField(
        blank=True, help_text="What difference has been made for children and families"
    )
    concerns = models.TextField(blank=True, help_text="What is off track or at risk, and why")
    next_steps = models.TextField(blank=True)
    state = models.CharField(max_length=5, choices=State.choices, default=State.DRAFT)
    drafted = models.JSONField(default=dict, editable=False)
    generated_at = models.DateTimeField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Highlight report for {self.period}"

    def get_absolute_url(self) -> str:
        plan = self.period.plan
        return reverse(
            "highlight_report",
            kwargs={
                "partnership": plan.partnership.slug,
                "code": plan.code,
                "period": self.period.code,
            },
        )
