"""What publishing shows on a board meeting's page: its public summary, or the way to draft it."""

from sendboard.meetings.contributions import Contribution, Place, contribute
from sendboard.meetings.models import Meeting
from sendboard.publishing.models import PublicSummary


def _summary(meeting: Meeting) -> dict:
    found = PublicSummary.objects.filter(meeting=meeting).only("code", "title", "status")
    return {"public_summary": found.first()}


def register() -> None:
    contribute(
        Contribution(
            place=Place.AFTER_AGENDA,
            template="publishing/_meeting_summary.html",
            page_context=_summary,
        )
    )
