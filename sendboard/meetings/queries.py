"""Reads about meetings: lists, the meeting page, forward-plan items due, attendance."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from sendboard.governance.models import Group, Partnership, Person
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry, Paper


def meeting_number_suggested(group: Group) -> int:
    """The next number in the group's series of meetings."""
    return (group.meetings.aggregate(last=Max("number"))["last"] or 0) + 1


def meetings_of(partnership: Partnership, *, group: Group | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(group__partnership=partnership).select_related("group")
    return meetings.filter(group=group) if group else meetings


def meetings_upcoming_and_past(
    partnership: Partnership, *, today: datetime.date, group: Group | None = None
) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    meetings = meetings_of(partnership, group=group)
    upcoming = meetings.filter(date__gte=today).order_by("date", "start_time", "group__name")
    past = meetings.filter(date__lt=today).order_by("-date", "group__name")
    return upcoming, past


def meeting_for_page(partnership: Partnership, code) -> Meeting:
    """One meeting with everything its page shows, in a fixed number of queries."""
    from sendboard.actions.models import Action

    items = AgendaItem.objects.select_related(
        "reporting_group", "forward_plan_item__deferred_from__group"
    ).prefetch_related(
        Prefetch("presenters", queryset=Person.objects.select_related("organisation")),
        Prefetch("papers", queryset=Paper.objects.filter(withdrawn_at__isnull=True)),
        Prefetch(
            "entries", queryset=MinuteEntry.objects.select_related("speaker", "escalated_from")
        ),
        Prefetch(
            "raised_actions", queryset=Action.objects.select_related("board").order_by("number")
        ),
    )
    attendance = Attendance.objects.select_related("person__organisation", "deputising_for")
    meetings = Meeting.objects.select_related(
        "group__partnership", "minutes_approved_at__group"
    ).prefetch_related(
        Prefetch("items", queryset=items.order_by("position")),
        Prefetch("attendance", queryset=attendance.order_by("person__name")),
    )
    return get_object_or_404(meetings, group__partnership=partnership, code=code)


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    who: object
    what: str
    reason: str


def agenda_changes(meeting: Meeting, *, limit: int = 30) -> list[Change]:
    """Recent changes to the agenda and minutes, removed items and entries included."""
    item_ids = AgendaItem.history.filter(meeting_id=meeting.pk).values("id")
    items = AgendaItem.history.filter(meeting_id=meeting.pk).select_related("history_user")
    entries = MinuteEntry.history.filter(item_id__in=item_ids).select_related("history_user")
    records = [
        *items.order_by("-history_date")[:limit],
        *entries.order_by("-history_date")[:limit],
    ]
    records.sort(key=lambda record: record.history_date, reverse=True)
    return [
        Change(
            when=record.history_date,
            who=record.history_user,
            what=_described(record),
            reason=record.history_change_reason or record.get_history_type_display(),
        )
        for record in records[:limit]
    ]


def _described(record) -> str:
    if hasattr(record, "title"):
        return f"Item {record.position}, {record.title}"
    return f"{MinuteEntry.Kind(record.kind).label}: {record.text[:80]}"


def meeting_previous(meeting: Meeting) -> Meeting | None:
    """The group's last meeting before this one that was not cancelled."""
    return (
        Meeting.objects.filter(group_id=meeting.group_id, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("group")
        .order_by("-date", "-number")
        .first()
    )


def forward_plan_due(meeting: Meeting) -> QuerySet:
    """Forward-plan items due at this meeting and not yet on its agenda."""
    from sendboard.forwardplan.queries import forward_plan_items_for_meeting

    return (
        forward_plan_items_for_meeting(meeting)
        .exclude(agenda_items__meeting=meeting)
        .select_related("deferred_from__group")
    )


@dataclass
class Thread:
    """An entry of the minutes with the responses given to it, as formal minutes set them out."""

    entry: MinuteEntry
    responses: list[MinuteEntry] = field(default_factory=list)


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
    return [(item, minutes_threaded(list(item.entries.all()))) for item in meeting.items.all()]


@dataclass
class AttendanceSection:
    heading: str
    rows: list[Attendance]


def attendance_sections(meeting: Meeting) -> list[AttendanceSection]:
    """Attendance grouped under the headings of formal minutes, empty headings left out."""
    members = (
        "Board members present" if meeting.group.kind == Group.Kind.BOARD else "Members present"
    )
    kinds = (
        (members, (Attendance.Kind.PRESENT, Attendance.Kind.DEPUTISING)),
        ("External attendees", (Attendance.Kind.EXTERNAL,)),
        ("In attendance", (Attendance.Kind.IN_ATTENDANCE,)),
        ("Apologies", (Attendance.Kind.APOLOGIES,)),
    )
    rows = list(meeting.attendance.all())
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
