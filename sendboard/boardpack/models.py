"""A board pack as it was built and sent: who built it, when, what it held, the files."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from sendboard.meetings.models import Meeting


def pack_path(pack: "BoardPack", filename: str) -> str:
    return f"boardpacks/{pack.meeting.code}/{pack.code.hex[:8]}-{filename}"


class BoardPack(models.Model):
    """One build of a meeting's pack. Built packs are kept, so the board can see what went out.

    The pack's page always shows the records as they stand; a built pack is the files
    as they were at `built_at`, never rebuilt.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="board_packs")
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    built_at = models.DateTimeField(auto_now_add=True)
    # Each section's title and, when it had nothing to show, why: [{"title", "gap"}].
    sections = models.JSONField(default=list)
    word = models.FileField(upload_to=pack_path)
    pdf = models.FileField(upload_to=pack_path)

    class Meta:
        ordering = ["-built_at", "-pk"]

    def __str__(self) -> str:
        return f"Board pack for {self.meeting}, built {self.built_at:%-d %B %Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse(
            "board_pack",
            kwargs={"partnership": self.meeting.group.partnership.slug, "code": self.meeting.code},
        )
