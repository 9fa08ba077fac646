"""What the partnership publishes: the plain-English summary of each board meeting."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sendboard.core.models import Tracked
from sendboard.meetings.models import Meeting


class PublicSummary(Tracked):
    """ "Summary of the <Month YYYY> Board Meeting", drafted from the records, edited, published.

    `body` is plain text with a small, safe markup: lines starting "## " are headings
    and lines starting "- " are bullet points, so an editor needs no HTML.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="summary")
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20_000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date"]
        verbose_name_plural = "public summaries"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "summary_public",
            kwargs={"partnership": self.meeting.group.partnership.slug, "code": self.code},
        )
