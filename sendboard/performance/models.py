"""The board's figures: indicators and their observations, period by period."""

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.governance.models import Partnership

NOT_AVAILABLE = "Not available"


def format_value(value: Decimal | int | None, *, unit: str) -> str:
    if value is None:
        return NOT_AVAILABLE
    if unit == "percent":
        return f"{Decimal(value):.1f}%"
    if unit == "count":
        return f"{int(value):,}"
    return f"{Decimal(value):,.1f} {unit}"


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    NOT_RATED = "grey", "Not rated"

    @property
    def colour(self) -> str:
        """The GOV.UK tag colour; amber is GOV.UK's orange."""
        return "orange" if self == Rag.AMBER else self.value


class Indicator(Tracked):
    class Unit(models.TextChoices):
        PERCENT = "percent", "Per cent"
        COUNT = "count", "Count"
        DAYS = "days", "Days"
        WEEKS = "weeks", "Weeks"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        # Caseloads and request numbers give context; neither direction is better.
        NEUTRAL = "neutral", "Neither higher nor lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    class Source(models.TextChoices):
        CASEWORK = "casework", "Casework snapshot"
        MANUAL = "manual", "Entered by hand"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    key = models.SlugField(
        max_length=80, help_text="The engine's name for it, for example ehcp_20w_excl"
    )
    title = models.CharField(max_length=200)
    definition = models.TextField()
    unit = models.CharField(max_length=8, choices=Unit.choices)
    polarity = models.CharField(max_length=8, choices=Polarity.choices)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    green_threshold = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Green at or better than this (at or above when higher is better)",
    )
    amber_threshold = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Amber at or better than this; red beyond it",
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    definition_version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one whenever the definition changes"
    )
    position = models.PositiveIntegerField(default=0, help_text="Order on the scorecard")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="unique_indicator_key"),
            # Green must be the better threshold, whichever way is better.
            models.CheckConstraint(
                condition=Q(green_threshold__isnull=True)
                | Q(amber_threshold__isnull=True)
                | Q(polarity="neutral")
                | Q(polarity="higher", green_threshold__gte=F("amber_threshold"))
                | Q(polarity="lower", green_threshold__lte=F("amber_threshold")),
                name="green_threshold_better_than_amber",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "indicator_detail",
            kwargs={"partnership": self.partnership.slug, "code": self.code},
        )

    @property
    def target_text(self) -> str:
        return "None set" if self.target is None else format_value(self.target, unit=self.unit)

    def rag(self, value: Decimal | float | None) -> Rag:
        """Green, amber or red for a value, by the thresholds and which way is better.

        Not rated when there is no value, no threshold, or no better direction.
        """
        if value is None or self.polarity == self.Polarity.NEUTRAL:
            return Rag.NOT_RATED
        value = Decimal(str(value))
        for threshold, rating in (
            (self.green_threshold, Rag.GREEN),
            (self.amber_threshold, Rag.AMBER),
        ):
            if threshold is None:
                continue
            if self.polarity == self.Polarity.HIGHER and value >= threshold:
                return rating
            if self.polarity == self.Polarity.LOWER and value <= threshold:
                return rating
        if self.green_threshold is None and self.amber_threshold is None:
            return Rag.NOT_RATED
        return Rag.RED

    def is_better(self, newer: Decimal, older: Decimal) -> bool | None:
        """Whether a change is an improvement; None when neither way is better or no change."""
        if newer == older or self.polarity == self.Polarity.NEUTRAL:
            return None
        return (newer > older) == (self.polarity == self.Polarity.HIGHER)


class Observation(models.Model):
    """One figure for one period, and where it came from.

    A newer snapshot's figure for the same period replaces this one as current, but
    this row is kept (``superseded_by`` points at its successor) so the board can see
    what it was told before.
    """

    class PeriodType(models.TextChoices):
        MONTH = "month", "Month"
        QUARTER = "quarter", "Quarter"
        CALENDAR_YEAR = "calendar-year", "Calendar year"
        FINANCIAL_YEAR = "financial-year", "Financial year"
        YEAR_TO_DATE = "year-to-date", "Year to date"
        ROLLING_12_MONTHS = "rolling-12-months", "Rolling 12 months"
        AS_AT = "as-at", "As at a date"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period_type = models.CharField(max_length=20, choices=PeriodType.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=80)
    as_at = models.DateField(
        null=True, blank=True, help_text="The date counts of open cases were taken at"
    )
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    excluded = models.JSONField(
        default=dict, blank=True, help_text="Cases left out, by the reason they were left out"
    )
    options = models.JSONField(
        default=dict, blank=True, help_text="The configurable choices it was computed with"
    )
    snapshot = models.ForeignKey(
        "casework.Snapshot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        help_text="The casework snapshot it was computed from; empty when entered by hand",
    )
    definition_version = models.PositiveIntegerField()
    computed_at = models.DateTimeField()
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_type", "-period_start", "-computed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_type", "period_start", "period_end"],
                condition=Q(superseded_by__isnull=True),
                name="one_current_observation_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="period_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_type", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_label}"
