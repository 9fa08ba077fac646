"""The board's figures: indicators and their observations, period by period."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.governance.models import Partnership, Person
from sendboard.performance import rules

NOT_AVAILABLE = "Not available"


def format_value(value: Decimal | int | None, *, unit: str) -> str:
    if value is None:
        return NOT_AVAILABLE
    if unit == "percent":
        return f"{Decimal(value):.1f}%"
    if unit == "count":
        return f"{int(value):,}"
    if unit == "pounds":
        return f"£{Decimal(value):,.0f}"
    if unit == "score":
        return f"{Decimal(value):,.1f}"
    if unit == "per1000":
        return f"{Decimal(value):,.1f} per 1,000"
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
        SCORE = "score", "Score"
        PER_1000 = "per1000", "Rate per 1,000"
        POUNDS = "pounds", "Pounds (£)"

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
        # Figures another part of sendboard computes, such as EHCP quality audits.
        COMPUTED = "computed", "Computed in sendboard"

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

    class Combines(models.TextChoices):
        """How monthly figures make a year to date or a rolling 12 months."""

        RATIO = "ratio", "Recomputed from numerators and denominators"
        SUM = "sum", "Counts added up"
        NONE = "none", "Not combined: a figure at a point in time"

    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MANUAL)
    source_name = models.CharField(
        "Source",
        max_length=200,
        blank=True,
        help_text="Where the figures come from, for example SEN2 or the NHS trust's waiting list",
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="Who answers for it: writes its commentary and exception notes",
    )
    combines = models.CharField(max_length=5, choices=Combines.choices, default=Combines.NONE)
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Amber within this much of the target; red beyond it",
    )
    published = models.BooleanField(
        default=False, help_text="Shown on the public dashboard, small numbers suppressed"
    )
    plain_english = models.CharField(
        max_length=300,
        blank=True,
        help_text="One line for families under the public chart",
    )
    # Plans sit below the board's figures, so the link is held here.
    outcomes = models.ManyToManyField("plans.Outcome", blank=True, related_name="indicators")
    plan_actions = models.ManyToManyField("plans.PlanAction", blank=True, related_name="indicators")
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

    def rag(self, value: Decimal | float | None, *, target: Decimal | None = None) -> Rag:
        """Green, amber or red for a value: against ``target`` (else the standing
        target) with the tolerance, else by the thresholds; see ``rules.rag``."""
        return Rag(
            rules.rag(
                None if value is None else Decimal(str(value)),
                polarity=self.polarity,
                target=self.target if target is None else target,
                tolerance=self.tolerance,
                green_from=self.green_threshold,
                amber_from=self.amber_threshold,
            )
        )

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
    provenance = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the figure came from: who entered it, which file and row",
    )
    note = models.TextField(blank=True, help_text="Anything a reader needs to know about it")
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why it replaced the figure before it"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
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


class Target(models.Model):
    """One step of a trajectory: the value to reach by a date ("18 weeks by August 2025").

    A period is held to the first step due on or after its end; after the last step,
    to the last step.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    due = models.DateField(help_text="The date it is to be reached by")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "due"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "due"], name="one_target_per_date")
        ]

    def __str__(self) -> str:
        return f"{format_value(self.value, unit=self.indicator.unit)} by {self.due:%-d %B %Y}"


class Benchmark(models.Model):
    """A comparator's figure for a period: England, the region or statistical neighbours."""

    class Series(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        NEIGHBOURS = "neighbours", "Statistical neighbours"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    series = models.CharField(max_length=10, choices=Series.choices)
    period_type = models.CharField(max_length=20, choices=Observation.PeriodType.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=80)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300, help_text="Where it was published")
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "series", "period_type", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "series", "period_type", "period_start", "period_end"],
                name="one_benchmark_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_series_display()}: {self.period_label}"


class Commentary(Tracked):
    """What the owner says about one period's figure: what the data is telling us, and
    the exception note a red figure asks for."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commentary")
    period_type = models.CharField(max_length=20, choices=Observation.PeriodType.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=80)
    telling_us = models.TextField("What the data is telling us", blank=True)
    what_happened = models.TextField(blank=True)
    what_is_being_done = models.TextField(blank=True)
    recovery_expected = models.CharField("When it will recover", max_length=200, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "commentary"
        ordering = ["indicator", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_type", "period_start", "period_end"],
                name="one_commentary_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_label}"

    @property
    def has_exception_note(self) -> bool:
        return bool(self.what_happened and self.what_is_being_done and self.recovery_expected)


class Scorecard(Tracked):
    """A named set of indicators an analyst puts together, such as sufficiency."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="scorecards"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    indicators = models.ManyToManyField(Indicator, related_name="scorecards")
    history = HistoricalRecords(m2m_fields=[indicators])

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="unique_scorecard_title")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "scorecard_detail", kwargs={"partnership": self.partnership.slug, "code": self.code}
        )
