"""The board's risk register: risks, their mitigations, and the history of their scores.

Each risk is scored twice on the 5 x 5 grid: before mitigation (inherent) and as it
stands with mitigations in place (residual, the current score); a target score says
where the owner means to bring it. Every change of score is kept as a dated
`RiskReview`, so the register can show each risk's trend and its score over time.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.governance.models import Partnership, Person
from sendboard.plans.models import PlanAction
from sendboard.risks.scoring import Bands


def _grade(**kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)], **kwargs
    )


def _on_grid(*fields: str, name: str) -> models.CheckConstraint:
    condition = models.Q()
    for field in fields:
        condition &= models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}) | models.Q(
            **{f"{field}__isnull": True}
        )
    return models.CheckConstraint(condition=condition, name=name)


class RiskSettings(models.Model):
    """A partnership's rating bands; a partnership without a row uses the defaults."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="risk_settings"
    )
    low_max = models.PositiveSmallIntegerField(default=4, help_text="Highest score rated Low")
    medium_max = models.PositiveSmallIntegerField(default=9, help_text="Highest score rated Medium")
    high_max = models.PositiveSmallIntegerField(
        default=15, help_text="Highest score rated High; above it is Very high"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "risk settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(low_max__gte=1)
                & models.Q(medium_max__gt=models.F("low_max"))
                & models.Q(high_max__gt=models.F("medium_max"))
                & models.Q(high_max__lt=25),
                name="risk_bands_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Risk bands of {self.partnership}"

    @property
    def bands(self) -> Bands:
        return Bands(low_max=self.low_max, medium_max=self.medium_max, high_max=self.high_max)


class Risk(Tracked):
    class Category(models.TextChoices):
        STATUTORY = "statutory", "Statutory duties and compliance"
        SERVICE = "service", "Service delivery and capacity"
        FINANCIAL = "financial", "Financial"
        WORKFORCE = "workforce", "Workforce"
        SAFEGUARDING = "safeguarding", "Safeguarding and outcomes for children"
        PARTNERSHIP = "partnership", "Partnership working and governance"
        REPUTATION = "reputation", "Reputation and confidence of families"
        DATA = "data", "Data and information"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        TOLERATED = "tolerated", "Tolerated: accepted at its current score"
        CLOSED = "closed", "Closed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    reference = models.CharField(max_length=20, help_text="As the register numbers it, such as R01")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Cause, event and consequence")
    category = models.CharField(max_length=12, choices=Category.choices)
    category_other = models.CharField(
        max_length=100, blank=True, help_text="The category, when it is none of the listed ones"
    )
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="risks")
    likelihood = _grade(help_text="Likelihood before mitigation, 1 to 5")
    impact = _grade(help_text="Impact before mitigation, 1 to 5")
    residual_likelihood = _grade(help_text="Likelihood with mitigations in place, 1 to 5")
    residual_impact = _grade(help_text="Impact with mitigations in place, 1 to 5")
    target_likelihood = _grade(null=True, blank=True)
    target_impact = _grade(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    escalated_to_board = models.BooleanField(default=False)
    escalated_on = models.DateField(null=True, blank=True)
    review_every_months = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    review_due_on = models.DateField()
    last_reviewed_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    plan_actions = models.ManyToManyField(PlanAction, blank=True, related_name="risks")
    history = HistoricalRecords(m2m_fields=[plan_actions])

    class Meta:
        ordering = ["partnership", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_risk_reference"
            ),
            _on_grid(
                "likelihood",
                "impact",
                "residual_likelihood",
                "residual_impact",
                "target_likelihood",
                "target_impact",
                name="risk_scores_on_the_grid",
            ),
            models.CheckConstraint(
                condition=models.Q(target_likelihood__isnull=True, target_impact__isnull=True)
                | models.Q(target_likelihood__isnull=False, target_impact__isnull=False),
                name="risk_target_has_both_parts",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_on__isnull=False),
                name="closed_risk_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "risk_detail", kwargs={"partnership": self.partnership.slug, "code": self.code}
        )

    @property
    def inherent_score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def target_score(self) -> int | None:
        if self.target_likelihood is None or self.target_impact is None:
            return None
        return self.target_likelihood * self.target_impact

    @property
    def category_label(self) -> str:
        if self.category == self.Category.OTHER and self.category_other:
            return self.category_other
        return self.get_category_display()

    @property
    def live(self) -> bool:
        return self.status != self.Status.CLOSED


class Mitigation(models.Model):
    """A control or action that brings the risk down, with who does it and by when."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="mitigations")
    text = models.TextField(max_length=2000)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="risk_mitigations"
    )
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["risk", models.F("done_on").asc(nulls_first=True), "due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class RiskReview(models.Model):
    """A dated record of a risk's scores: when it was added, reviewed or re-scored.

    The rows of one risk are the history of its score, oldest first; the last one
    holds the scores the risk has now.
    """

    class Kind(models.TextChoices):
        ADDED = "added", "Added to the register"
        REVIEWED = "reviewed", "Reviewed"
        RESCORED = "rescored", "Scores changed"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    reviewed_on = models.DateField()
    likelihood = _grade()
    impact = _grade()
    residual_likelihood = _grade()
    residual_impact = _grade()
    note = models.TextField(max_length=5000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "reviewed_on", "written_at", "pk"]
        constraints = [
            _on_grid(
                "likelihood",
                "impact",
                "residual_likelihood",
                "residual_impact",
                name="review_scores_on_the_grid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.reviewed_on:%-d %B %Y}"

    @property
    def inherent_score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact
