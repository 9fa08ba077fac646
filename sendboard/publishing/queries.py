"""Reads for publishing: summaries, and meetings gathered whole for minutes and agendas."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from sendboard.actions.models import Action
from sendboard.governance.models import Group, Partnership
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.queries import attendance_sections
from sendboard.publishing.models import PublicSummary


def summaries(partnership: Partnership) -> QuerySet[PublicSummary]:
    return PublicSummary.objects.filter(meeting__group__partnership=partnership).select_related(
        "meeting__group", "published_by"
    )


def published_summaries(partnership: Partnership) -> QuerySet[PublicSummary]:
    return summaries(partnership).filter(status=PublicSummary.Status.PUBLISHED)


def published_minutes(partnership: Partnership) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            group__partnership=partnership, minutes_status=Meeting.MinutesStatus.PUBLISHED
        )
        .select_related("group")
        .order_by("-date")
    )


def board_meetings_without_summary(partnership: Partnership, *, today: date) -> QuerySet[Meeting]:
    """Board meetings up to today that nobody has drafted a summary of yet."""
    return (
        Meeting.objects.filter(
            group__partnership=partnership,
            group__kind=Group.Kind.BOARD,
            summary__isnull=True,
            date__lte=today,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("group")
        .order_by("-date")
    )


def group_has_summary_in_month(meeting: Meeting) -> bool:
    """Whether another meeting of the same group in the same month already has a summary."""
    return (
        PublicSummary.objects.filter(
            meeting__group_id=meeting.group_id,
            meeting__date__year=meeting.date.year,
            meeting__date__month=meeting.date.month,
        )
        .exclude(meeting=meeting)
        .exists()
    )


def summary_for(partnership: Partnership, code) -> PublicSummary:
    return get_object_or_404(
        summaries(partnership).select_related("meeting__group__partnership"), code=code
    )


def published_summary_for(partnership: Partnership, code) -> PublicSummary:
    return get_object_or_404(
        published_summaries(partnership).select_related("meeting__group__partnership"), code=code
    )


def meeting_for(partnership: Partnership, code) -> Meeting:
    return get_object_or_404(
        Meeting.objects.filter(group__partnership=partnership).select_related("group__partnership"),
        code=code,
    )


def published_minutes_for(partnership: Partnership, code) -> Meeting:
    return get_object_or_404(published_minutes(partnership), code=code)


def meeting_items(meeting: Meeting, *, public: bool = False) -> list[AgendaItem]:
    """The agenda in order, each item with its entries, presenters, papers and actions raised.

    `public` leaves out the confidential (Part B) items and entries: what the public
    minutes, a summary and their Word files may hold.
    """
    entries = MinuteEntry.objects.select_related("escalated_from", "speaker").order_by("position")
    actions = Action.objects.select_related("board").prefetch_related("owners").order_by("number")
    items = meeting.items.all()
    if public:
        items = items.filter(confidential=False)
        entries = entries.filter(confidential=False)
    return list(
        items.select_related("reporting_group", "forward_plan_item__deferred_from")
        .prefetch_related(
            Prefetch("entries", queryset=entries),
            "presenters",
            "papers",
            Prefetch("raised_actions", queryset=actions),
        )
        .order_by("position")
    )


def attendance_by_kind(meeting: Meeting) -> list[tuple[str, list[Attendance]]]:
    """Who came, under the headings the meeting's page gives them, apologies last."""
    rows = list(
        meeting.attendance.select_related("person__organisation", "deputising_for").order_by(
            "person__name"
        )
    )
    return [(section.heading, section.rows) for section in attendance_sections(meeting, rows)]


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(group=meeting.group, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")
        .first()
    )
