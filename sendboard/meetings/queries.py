"""Reads about meetings: lists, the meeting page, attendance and the agenda's changes."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Max, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404

from sendboard.governance.models import Group, Partnership, Person
from sendboard.meetings import contributions
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry, Paper


def meeting_number_suggested(group: Group, *, on: datetime.date | None = None) -> int:
    """The number a meeting on `on` takes in the group's series: one after the last
    meeting on or before that day (the next of all, without a day)."""
    before = group.meetings.filter(date__lte=on) if on else group.meetings.all()
    return (before.aggregate(last=Max("number"))["last"] or 0) + 1


def meetings_of(partnership: Partnership, *, group: Group | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(group__partnership=partnership).select_related("group")
    return meetings.filter(group=group) if group else meetings


def meetings_upcoming(
    partnership: Partnership, *, today: datetime.date, limit: int = 5
) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(group__partnership=partnership, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("group__partnership")
        .order_by("date")[:limit]
    )


def meetings_upcoming_and_past(
    partnership: Partnership, *, today: datetime.date, group: Group | None = None
) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    meetings = meetings_of(partnership, group=group)
    upcoming = meetings.filter(date__gte=today).order_by("date", "start_time", "group__name")
    past = meetings.filter(date__lt=today).order_by("-date", "group__name")
    return upcoming, past


def meeting_in(partnership: Partnership, code) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("group__partnership"),
        group__partnership=partnership,
        code=code,
    )


def previous_meeting_before(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(group_id=meeting.group_id, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date")
        .first()
    )


def meeting_for_page(partnership: Partnership, code) -> Meeting:
    """One meeting with everything its page shows, in a fixed number of queries.

    A board meeting brings hundreds of records, so each is read with only the columns
    the page shows, names the page only prints come as annotations, not as people, and
    related records come as plain lists (`item_list`, `attendance_list`, and on each
    item `presenter_list`, `paper_list`, `entry_list`, `action_list`): a related
    manager per item and relation costs more than the rows themselves.
    """
    people = Person.objects.select_related("organisation").only(
        "name", "job_title", "organisation__name"
    )
    items = (
        AgendaItem.objects.select_related("reporting_group")
        .only(
            "code",
            "meeting",
            "position",
            "title",
            "kind",
            "standing",
            "purpose",
            "description",
            "reporting_group__name",
            "forward_plan_item",
            "confidential",
        )
        .prefetch_related(
            Prefetch("presenters", queryset=people, to_attr="presenter_list"),
            Prefetch(
                "papers",
                queryset=Paper.objects.filter(withdrawn_at__isnull=True).only(
                    "code", "item", "title", "file"
                ),
                to_attr="paper_list",
            ),
            Prefetch(
                "entries",
                queryset=MinuteEntry.objects.annotate(
                    speaker_name=F("speaker__name"), escalated_from_name=F("escalated_from__name")
                ).only(
                    "code",
                    "item",
                    "kind",
                    "text",
                    "responds_to",
                    "speaker",
                    "escalated_from",
                    "confidential",
                ),
                to_attr="entry_list",
            ),
            *contributions.item_prefetches(),
        )
    )
    attendance = (
        Attendance.objects.select_related("person__organisation")
        .annotate(deputising_for_name=F("deputising_for__name"))
        .only(
            "meeting",
            "kind",
            "person__name",
            "person__job_title",
            "person__organisation__name",
            "deputising_for",
        )
    )
    meetings = Meeting.objects.select_related("group", "minutes_approved_at").prefetch_related(
        Prefetch("items", queryset=items.order_by("position"), to_attr="item_list"),
        Prefetch(
            "attendance", queryset=attendance.order_by("person__name"), to_attr="attendance_list"
        ),
    )
    return get_object_or_404(meetings, group__partnership=partnership, code=code)


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    who: str
    what: str
    reason: str


def agenda_changes(meeting: Meeting, *, limit: int = 30) -> list[Change]:
    """Recent changes to the agenda and minutes, removed items and entries included.

    Read as values: the history rows carry every column of the record they copy. Each
    table is read in its history's own order, the one `{% change_history %}` shows: newest
    first and, for rows of the same time, last written first.
    """
    item_ids = AgendaItem.history.filter(meeting_id=meeting.pk).values("id")
    columns = ("history_date", "history_change_reason", "history_type", "who_name", "who_username")
    who = {"who_name": _full_name("history_user"), "who_username": F("history_user__username")}
    items = (
        AgendaItem.history.filter(meeting_id=meeting.pk)
        .annotate(**who)
        .values(*columns, "position", "title")[:limit]
    )
    entries = (
        MinuteEntry.history.filter(item_id__in=item_ids)
        .annotate(**who)
        .values(*columns, "kind", "text")[:limit]
    )
    records = [*items, *entries]
    # A stable sort keeps each table's order for rows of the same time.
    records.sort(key=lambda record: record["history_date"], reverse=True)
    return [
        Change(
            when=record["history_date"],
            who=record["who_name"].strip() or record["who_username"] or "",
            what=_described(record),
            reason=record["history_change_reason"] or HISTORY_TYPES[record["history_type"]],
        )
        for record in records[:limit]
    ]


# How simple-history names a change of each type, as `get_history_type_display` does.
HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _full_name(user: str) -> Concat:
    return Concat(f"{user}__first_name", Value(" "), f"{user}__last_name")


def _described(record: dict) -> str:
    if "title" in record:
        return f"Item {record['position']}, {record['title']}"
    return f"{MinuteEntry.Kind(record['kind']).label}: {record['text'][:80]}"


@dataclass
class Thread:
    """An entry of the minutes with the responses given to it, as formal minutes set them out."""

    entry: MinuteEntry
    responses: list[MinuteEntry] = field(default_factory=list)

    @property
    def entries(self) -> list[MinuteEntry]:
        """The entry, then its responses: the order the page prints them in."""
        return [self.entry, *self.responses]


def minutes_threaded(entries: list[MinuteEntry]) -> list[Thread]:
    """Entries in order, each response moved under the challenge it answers."""
    threads: dict[int, Thread] = {}
    ordered = []
    for entry in entries:
        challenge = threads.get(entry.responds_to_id) if entry.responds_to_id else None
        if challenge is not None:
            challenge.responses.append(entry)
        else:
            threads[entry.pk] = Thread(entry)
            ordered.append(threads[entry.pk])
    return ordered


def agenda_with_minutes(meeting: Meeting) -> list[tuple[AgendaItem, list[Thread]]]:
    """Each item of a meeting fetched by `meeting_for_page`, with its minutes threaded."""
    return [(item, minutes_threaded(item.entry_list)) for item in meeting.item_list]


@dataclass
class AttendanceSection:
    heading: str
    rows: list[Attendance]


def attendance_sections(
    meeting: Meeting, rows: list[Attendance] | None = None
) -> list[AttendanceSection]:
    """Attendance grouped under the headings of formal minutes, empty headings left out.

    Deputies are members present, each named with whom they stand for, on the page and
    in every document alike. `rows` defaults to the page's `attendance_list`.
    """
    members = (
        "Board members present" if meeting.group.kind == Group.Kind.BOARD else "Members present"
    )
    kinds = (
        (members, (Attendance.Kind.PRESENT, Attendance.Kind.DEPUTISING)),
        ("External attendees", (Attendance.Kind.EXTERNAL,)),
        ("In attendance", (Attendance.Kind.IN_ATTENDANCE,)),
        ("Apologies", (Attendance.Kind.APOLOGIES,)),
    )
    rows = meeting.attendance_list if rows is None else rows
    sections = [
        AttendanceSection(heading, [row for row in rows if row.kind in wanted])
        for heading, wanted in kinds
    ]
    return [section for section in sections if section.rows]


def people_for_attendance(meeting: Meeting) -> tuple[list[Person], list[Person]]:
    """The group's current members, then everyone else in the partnership."""
    people = list(
        Person.objects.filter(partnership_id=meeting.group.partnership_id)
        .select_related("organisation")
        .order_by("name")
    )
    member_ids = set(
        meeting.group.memberships.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=meeting.date)
        ).values_list("person_id", flat=True)
    )
    recorded = {row.person_id for row in meeting.attendance.all()}
    listed = [person for person in people if person.pk in member_ids | recorded]
    others = [person for person in people if person.pk not in member_ids | recorded]
    return listed, others
