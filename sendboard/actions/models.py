"""The board's action log: numbered actions, their owners and dated updates."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.governance.models import Group, Person
from sendboard.meetings.models import AgendaItem, Meeting


class ActionQuerySet(models.QuerySet):
    """Due dates and overdue are worked out from the records, never stored.

    An action "by the next meeting" falls due on the date of the raising group's
    first meeting after the one that raised it, so moving or adding a meeting moves
    the due date with it.
    """

    def with_due(self, today: date | None = None) -> "ActionQuerySet":
        """Annotate `due_on` and, given `today`, whether the action is `overdue` on it."""
        next_meeting = (
            Meeting.objects.filter(
                group=models.OuterRef("group"), date__gt=models.OuterRef("raised_on")
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("date")
            .values("date")[:1]
        )
        found = self.annotate(
            raised_on=Coalesce("source_meeting__date", TruncDate("created_at")),
            next_meeting_on=models.Case(
                models.When(due_by_next_meeting=True, then=models.Subquery(next_meeting)),
                output_field=models.DateField(),
            ),
            due_on=Coalesce("due_date", "next_meeting_on", output_field=models.DateField()),
        )
        if today is None:
            return found
        return found.annotate(
            overdue=models.Case(
                models.When(
                    status__in=Action.OUTSTANDING_STATUSES,
                    due_on__lt=today,
                    then=models.Value(True),
                ),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def overdue(self, today: date) -> "ActionQuerySet":
        return self.with_due(today).filter(overdue=True)

    def not_overdue(self, today: date) -> "ActionQuerySet":
        return self.with_due(today).filter(overdue=False)


class Action(Tracked):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        DEFERRED = "deferred", "Deferred"
        TRANSFERRED = "transferred", "Transferred"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
    # A deferred action is still owed, just later, so it can still fall overdue.
    OUTSTANDING_STATUSES = (*OPEN_STATUSES, Status.DEFERRED)

    board = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The board whose log numbers this action",
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="raised_actions",
        help_text="The group where the action was raised",
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, max_length=5000)
    owners = models.ManyToManyField(Person, related_name="actions")
    source_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="raised_actions"
    )
    source_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="raised_actions"
    )
    due_date = models.DateField(null=True, blank=True)
    due_by_next_meeting = models.BooleanField(
        default=False, help_text="Due by the next meeting of the group that raised it"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    transferred_to = models.CharField(
        max_length=200, blank=True, help_text="Where a transferred action now lives"
    )
    history = HistoricalRecords(m2m_fields=[owners])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["board", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["board", "number"], name="unique_action_number"),
            models.CheckConstraint(
                condition=~models.Q(due_by_next_meeting=True, due_date__isnull=False),
                name="one_kind_of_due",
            ),
        ]
        indexes = [models.Index(fields=["board", "status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "action_detail",
            kwargs={"partnership": self.board.partnership.slug, "code": self.code},
        )

    @property
    def reference(self) -> str:
        prefix = self.board.action_prefix
        return f"{prefix}-{self.number}" if prefix else str(self.number)


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField()
    text = models.TextField(max_length=5000)
    status = models.CharField(
        max_length=12, choices=Action.Status.choices, help_text="The status after this update"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.action.reference} on {self.written_on}"
