"""Meetings of a group: agenda, papers, attendance and minutes."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.governance.models import Group, Person


class Meeting(Tracked):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(help_text="Its number in the group's series")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    minutes_status = models.CharField(
        max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_approved",
        help_text="The meeting at which these minutes were agreed as accurate",
    )
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "group__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="unique_meeting_number")
        ]
        indexes = [models.Index(fields=["group", "date"])]

    def __str__(self) -> str:
        return f"{self.group.name}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "meeting_detail",
            kwargs={"partnership": self.group.partnership.slug, "code": self.code},
        )

    @property
    def has_happened(self) -> bool:
        """Whether its day has come: only then can it be held and its minutes agreed."""
        return self.date <= timezone.localdate()


class AgendaItem(Tracked):
    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        FORWARD_PLAN = "forward_plan", "From the forward plan"
        OTHER = "other", "Other item"

    class Standing(models.TextChoices):
        WELCOME = "welcome", "Welcome, introductions and apologies"
        MINUTES_AND_ACTIONS = "minutes_actions", "Minutes and actions of the last meeting"
        CYP_VOICE = "cyp_voice", "Children and young people's voice"
        PARENT_CARER = "parent_carer", "Parent carer update"
        ANY_OTHER_BUSINESS = "aob", "Any other business"

    class Purpose(models.TextChoices):
        INFORMATION = "information", "For information"
        DISCUSSION = "discussion", "For discussion"
        DECISION = "decision", "For decision"
        ASSURANCE = "assurance", "For assurance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.OTHER)
    standing = models.CharField(max_length=16, choices=Standing.choices, blank=True)
    forward_plan_item = models.ForeignKey(
        "forwardplan.ForwardPlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    reporting_group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_items",
        help_text="The subgroup reporting under this item, if any",
    )
    presenters = models.ManyToManyField(Person, blank=True, related_name="presented_items")
    purpose = models.CharField(max_length=12, choices=Purpose.choices, blank=True)
    minutes_allowed = models.PositiveIntegerField(null=True, blank=True)
    description = models.TextField(blank=True, max_length=5000)
    # Part B: taken in private. Never in the public minutes, a summary or their Word files.
    confidential = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[presenters])

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.code}"


def paper_path(paper: "Paper", filename: str) -> str:
    return f"papers/{paper.item.meeting.code}/{uuid.uuid4().hex[:8]}-{filename}"


class Paper(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=paper_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def file_kind(self) -> str:
        """PDF, DOCX, ...: readers choose whether to open it on a phone."""
        return PurePath(self.file.name).suffix.lstrip(".").upper()

    @property
    def file_size(self) -> int | None:
        """Bytes on disk, or None when the file has gone missing from storage."""
        try:
            return self.file.size
        except OSError:
            return None


class Attendance(models.Model):
    class Kind(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        DEPUTISING = "deputising", "Deputising"
        EXTERNAL = "external", "External attendee"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    deputising_for = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="deputised_by"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance"),
            models.CheckConstraint(
                condition=models.Q(kind="deputising", deputising_for__isnull=False)
                | ~models.Q(kind="deputising"),
                name="deputy_names_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


class MinuteEntry(Tracked):
    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        CHALLENGE = "challenge", "Challenge"
        RESPONSE = "response", "Response"
        DECISION = "decision", "Decision"
        RECOMMENDATION = "recommendation", "Recommendation"
        ESCALATION = "escalation", "Escalation from a subgroup"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(max_length=10_000)
    confidential = models.BooleanField(default=False)  # as an item's: never published
    speaker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="minute_entries"
    )
    responds_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )
    escalated_from = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="escalations"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position"]
        verbose_name_plural = "minute entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
