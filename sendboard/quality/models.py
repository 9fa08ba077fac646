"""EHC plan quality assurance: frameworks, monthly samples, audits and their moderation.

A plan is named only by its pseudonymous id from the casework snapshot
(`requeststableid`); sendboard never holds the child's name here.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.actions.models import Action
from sendboard.casework.models import Snapshot
from sendboard.core.models import Tracked
from sendboard.governance.models import Partnership, Person
from sendboard.lib.grading import Formula, Limit, Section
from sendboard.workbooks.models import Upload


class Framework(models.Model):
    """One version of a partnership's quality assurance framework, never changed once
    saved: a change makes the next version, and each audit keeps the one it used."""

    code = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="quality_frameworks"
    )
    name = models.CharField(max_length=200)
    number = models.PositiveIntegerField(verbose_name="version")
    # The framework as its file gives it (quality/framework_file.py reads and checks it).
    spec = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["partnership", "name", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name", "number"], name="unique_framework_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, version {self.number}"

    @property
    def scale(self) -> list[str]:
        """The grade words, worst first: level n is scale[n - 1]."""
        return self.spec["scale"]

    @property
    def good_level(self) -> int:
        return self.scale.index(self.spec["good_or_better_from"]) + 1

    @property
    def sections(self) -> list[dict]:
        return self.spec["sections"]

    def formula(self) -> Formula:
        level = {word: n for n, word in enumerate(self.scale, start=1)}
        return Formula(
            levels=len(self.scale),
            sections=tuple(
                Section(s["key"], float(s["weight"]), s.get("required", True))
                for s in self.sections
            ),
            thresholds=tuple(float(self.spec["thresholds"][word]) for word in self.scale[1:]),
            limits=tuple(
                Limit(limit["section"], level[limit["at_most"]], level[limit["cap"]])
                for limit in self.spec.get("limits", [])
            ),
        )

    def grade_word(self, level: int | None) -> str:
        return "" if level is None else self.scale[level - 1]


class QualitySettings(models.Model):
    """A partnership's audit target and rules; a partnership without a row uses the defaults."""

    class Base(models.TextChoices):
        ACTIVE = "active", "Active plans at the latest snapshot"
        ISSUED = "issued", "Plans issued in the month"

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="quality_settings"
    )
    target_percent = models.DecimalField(max_digits=5, decimal_places=2, default=5)
    target_base = models.CharField(max_length=8, choices=Base.choices, default=Base.ACTIVE)
    lookback_months = models.PositiveSmallIntegerField(
        default=12, help_text="A plan audited in this many months before is not sampled again"
    )
    moderation_percent = models.DecimalField(max_digits=5, decimal_places=2, default=10)
    moderators = models.ManyToManyField(
        Person, blank=True, related_name="+", help_text="Auditors who may moderate"
    )
    # The columns of an imported audit tool's export, as mapped once: normalised
    # heading: field (quality/importing.py).
    import_columns = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords(m2m_fields=[moderators])

    class Meta:
        verbose_name_plural = "quality settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_percent__gt=0, target_percent__lte=100)
                & models.Q(moderation_percent__gte=0, moderation_percent__lte=100),
                name="quality_percents_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"Quality assurance settings of {self.partnership}"


class AuditUpload(Upload):
    """An audit tool's export waiting for its import: nothing in it is an audit before."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")


class PlanTeam(models.Model):
    """The team that holds a plan, for snapshots without a local `teams` table."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan_id = models.CharField(max_length=64)
    team = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "plan_id"], name="unique_plan_team")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.team}"


class Sample(models.Model):
    """A month's draw: what it was drawn from, how many, and the seed that repeats it."""

    code = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month sampled")
    # Empty for a month whose target was recorded rather than drawn here: audits kept
    # elsewhere before sendboard, imported with their month's target.
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_percent = models.DecimalField(max_digits=5, decimal_places=2)
    target_base = models.CharField(max_length=8, choices=QualitySettings.Base.choices)
    base_count = models.PositiveIntegerField(help_text="Plans the target is a share of")
    target_count = models.PositiveIntegerField()
    eligible_count = models.PositiveIntegerField(help_text="Plans not audited recently")
    seed = models.BigIntegerField(null=True, blank=True)
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "month"], name="one_sample_a_month")
        ]

    def __str__(self) -> str:
        return f"Sample for {self.month:%B %Y}"


class Theme(models.Model):
    """A learning theme tagged on audits, such as "outcomes not specific"."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_theme")]

    def __str__(self) -> str:
        return self.name


class Audit(Tracked):
    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft plan"
        FINAL = "final", "Final plan"
        REVIEW = "review", "After annual review"

    class Kind(models.TextChoices):
        EDUCATION = "education", "Single-agency: education"
        HEALTH = "health", "Single-agency: health"
        SOCIAL_CARE = "social_care", "Single-agency: social care"
        MULTI = "multi", "Multi-agency"

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "Assigned"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        MODERATED = "moderated", "Moderated"
        FINAL = "final", "Final"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="audits")
    sample = models.ForeignKey(
        Sample, on_delete=models.PROTECT, null=True, blank=True, related_name="audits"
    )
    plan_id = models.CharField(max_length=64, help_text="The plan's pseudonymous id")
    month = models.DateField(help_text="The first day of the month the audit counts in")
    team = models.CharField(max_length=100, blank=True)
    phase = models.CharField(max_length=40, blank=True)
    primary_need = models.CharField(max_length=40, blank=True)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.FINAL)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.EDUCATION)
    auditor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    # Computed from the section grades by the framework's formula, never typed.
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    limited_by = models.CharField(max_length=200, blank=True)
    # The grade the audit ends with: its own, or the moderation session's agreed grade.
    final_grade = models.PositiveSmallIntegerField(null=True, blank=True)
    strengths = models.TextField(blank=True)
    improvements = models.TextField(blank=True, verbose_name="areas for improvement")
    themes = models.ManyToManyField(Theme, blank=True, related_name="audits")
    submitted_on = models.DateField(null=True, blank=True)
    imported = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["-month", "plan_id"]
        indexes = [
            models.Index(fields=["partnership", "month"]),
            models.Index(fields=["partnership", "plan_id"]),
        ]

    def __str__(self) -> str:
        return f"Audit of plan {self.plan_id[:12]} ({self.get_stage_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse(
            "quality_audit", kwargs={"partnership": self.partnership.slug, "code": self.code}
        )

    @property
    def current_grade(self) -> int | None:
        """The agreed grade once moderation has settled it, else the audit's own."""
        return self.final_grade or self.grade


class SectionGrade(models.Model):
    """One section's grade and evidence, by the auditor or, blind, by the moderator."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="section_grades")
    moderation = models.BooleanField(default=False)
    section = models.CharField(max_length=20)
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "moderation", "section"], name="one_grade_a_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.grade}"


class AdviceGrade(models.Model):
    class Agency(models.TextChoices):
        EDUCATION = "education", "Education"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        EP = "ep", "Educational psychology"
        OTHER = "other", "Other"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="advice_grades")
    agency = models.CharField(max_length=12, choices=Agency.choices)
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    # No needs in this area, so no advice was due: not the same as inadequate advice.
    not_applicable = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audit", "agency"], name="one_grade_an_advice"),
            models.CheckConstraint(
                condition=~models.Q(not_applicable=True, grade__isnull=False),
                name="advice_not_applicable_has_no_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_display()}: {self.grade}"


class CaseAction(models.Model):
    """An action for improvement of the audited plan, for a team to take."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="case_actions")
    text = models.CharField(max_length=500)
    team = models.CharField(max_length=100)
    due_on = models.DateField(null=True, blank=True)
    raised_as = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.text


class Moderation(Tracked):
    """A second, blind grading of a submitted audit, and what the session agreed."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="moderation")
    # Whoever moderates it first, once they have graded it: any moderator but its auditor.
    moderator = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    graded_on = models.DateField(null=True, blank=True)
    agreed_grade = models.PositiveSmallIntegerField(null=True, blank=True)
    agreed_note = models.TextField(blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        # Finds the few waiting for a moderator's grades among years of moderations.
        indexes = [models.Index(fields=["grade"])]

    def __str__(self) -> str:
        return f"Moderation of {self.audit}"
