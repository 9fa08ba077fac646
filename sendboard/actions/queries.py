"""Reads of the action log: the filtered log, one action, and the review for a meeting."""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from sendboard.actions.models import Action, ActionUpdate
from sendboard.governance.models import Group, Partnership, Person
from sendboard.meetings.models import Meeting
from sendboard.meetings.queries import previous_meeting_before

OVERDUE = "overdue"


@dataclass(frozen=True)
class LogFilters:
    """What the action log is narrowed to; every field is optional."""

    owner_id: int | None = None
    status: str = ""
    group_id: int | None = None
    meeting_id: int | None = None


def action_log(partnership: Partnership, *, filters: LogFilters, today: date) -> QuerySet[Action]:
    """The partnership's actions narrowed by `filters`, newest number first."""
    actions = Action.objects.filter(board__partnership=partnership).order_by("-number", "board_id")
    if filters.owner_id is not None:
        actions = actions.filter(owners=filters.owner_id)
    if filters.group_id is not None:
        actions = actions.filter(group_id=filters.group_id)
    if filters.meeting_id is not None:
        actions = actions.filter(source_meeting_id=filters.meeting_id)
    if filters.status == OVERDUE:
        actions = actions.overdue(today)
    elif filters.status:
        actions = actions.filter(status=filters.status)
    return actions


def for_table(actions: QuerySet[Action], *, today: date) -> QuerySet[Action]:
    """What a row of the log shows: due dates, groups, meetings and owners."""
    return (
        actions.with_due(today)
        .select_related("board", "group", "source_meeting")
        .prefetch_related(Prefetch("owners", queryset=Person.objects.only("pk", "name")))
    )


def page_of_log(
    actions: QuerySet[Action], *, number, per_page: int, today: date
) -> tuple[Page, list[Action]]:
    """One page of `actions`: the page's keys first, then only what a row shows.

    Due dates cost a subquery per action, so they are worked out only for the rows
    shown, not for every action the database sorts to find the page. The few boards
    and groups are read once, not joined to every row, and owners come as names
    (`owner_names`), not as people: a long log is otherwise mostly model instances.
    """
    page = Paginator(actions.values_list("pk", flat=True), per_page).get_page(number)
    rows = list(actions.filter(pk__in=list(page.object_list)).with_due(today).only(*ROW_COLUMNS))
    groups = Group.objects.in_bulk({row.group_id for row in rows} | {row.board_id for row in rows})
    names = {}
    owners = Action.owners.through.objects.filter(action_id__in=[row.pk for row in rows])
    for action_id, name in owners.order_by("person__name").values_list("action_id", "person__name"):
        names.setdefault(action_id, []).append(name)
    for row in rows:
        row.board, row.group = groups[row.board_id], groups[row.group_id]
        row.owner_names = names.get(row.pk, [])
        _for_display(row)
    return page, rows


# What a row of the log shows; `raised_on` and `due_on` also need the source meeting.
ROW_COLUMNS = (
    "code",
    "number",
    "title",
    "board",
    "group",
    "source_meeting",
    "created_at",
    "due_date",
    "due_by_next_meeting",
    "status",
)

STATUS_COLOURS = {
    Action.Status.OPEN: "blue",
    Action.Status.IN_PROGRESS: "light-blue",
    Action.Status.COMPLETE: "green",
    Action.Status.DEFERRED: "yellow",
}


def _for_display(action: Action) -> Action:
    """Set what the log and the action page print: `status_colour` and `due_text`.

    Worked out here, not in a partial: formatting fifty dates through the template
    language costs more than the query that fetched them.
    """
    action.status_colour = STATUS_COLOURS.get(action.status, "grey")
    if action.due_date:
        action.due_text = long_date(action.due_date)
    elif action.due_by_next_meeting and action.next_meeting_on:
        action.due_text = f"By the next meeting on {long_date(action.next_meeting_on)}"
    elif action.due_by_next_meeting:
        action.due_text = "By the next meeting (not yet arranged)"
    else:
        action.due_text = "No due date"
    return action


def action_log_with_latest_update(actions: QuerySet[Action]) -> QuerySet[Action]:
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-written_on", "-created_at"
    )
    return actions.annotate(
        latest_update=Subquery(latest.values("text")[:1]),
        latest_update_on=Subquery(latest.values("written_on")[:1]),
    )


def action_for_page(partnership: Partnership, code, *, today: date) -> Action:
    """One action with everything its page shows, or 404."""
    actions = (
        Action.objects.with_due(today)
        .select_related("board", "group", "source_meeting__group", "source_item")
        .prefetch_related(
            Prefetch("owners", queryset=Person.objects.select_related("organisation")),
            Prefetch("updates", queryset=ActionUpdate.objects.select_related("author")),
        )
    )
    return _for_display(get_object_or_404(actions, board__partnership=partnership, code=code))


@dataclass(frozen=True)
class OverdueAction:
    action: Action
    owners: tuple[Person, ...]
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class ActionLogReview:
    """The "Review of the action log" for one meeting, worked out from the records."""

    meeting: Meeting
    previous_meeting: Meeting | None
    as_at: date
    closed_count: int
    open_not_yet_due_count: int
    overdue: tuple[OverdueAction, ...]

    @property
    def paragraph(self) -> str:
        closed = _count(self.closed_count, "action has", "actions have")
        if self.previous_meeting is not None:
            since = long_date(self.previous_meeting.date)
            first = f"Since the last meeting on {since}, {closed} been closed."
        else:
            first = f"{_capital(closed)} been closed."
        still_open = _count(self.open_not_yet_due_count, "action is", "actions are")
        second = f"{_capital(still_open)} open and not yet due."
        overdue = _count(len(self.overdue), "action is", "actions are")
        if not self.overdue:
            return f"{first} {second} {_capital(overdue)} overdue."
        listed = _and(
            f"{entry.action.reference} ({_person_names(entry.owners)}, "
            f"due {long_date(entry.due_on)})"
            for entry in self.overdue
        )
        return f"{first} {second} {_capital(overdue)} overdue: {listed}."

    @property
    def paragraph_public(self) -> str:
        """The same review as counts in words, for the public summary families read.

        Action numbers and owners mean nothing to a family and would name people or
        their posts in public, so the published summaries only ever give the counts.
        """
        closed = _count_in_words(self.closed_count, "action has", "actions have")
        since = " since the last meeting" if self.previous_meeting is not None else ""
        still_open = _count_in_words(
            self.open_not_yet_due_count, "action that is", "actions that are"
        )
        remain = "remains" if self.open_not_yet_due_count == 1 else "remain"
        overdue = _count_in_words(len(self.overdue), "action is", "actions are")
        return (
            f"{_capital(closed)} been closed{since}. "
            f"{_capital(still_open)} not yet due {remain} open. {_capital(overdue)} overdue."
        )


def action_log_review(
    *, board: Group, meeting: Meeting, today: date | None = None
) -> ActionLogReview:
    """Review the log of `board` for `meeting`: the actions raised by the meeting's group.

    Closed means closed after the group's previous meeting and by this one. Open and
    overdue are as at the meeting, or as at today while the meeting is still ahead,
    so a review printed for a past meeting still says what was true then.
    """
    as_at = meeting.date if today is None else min(today, meeting.date)
    previous = previous_meeting_before(meeting)
    reviewed = (
        Action.objects.filter(board=board.board, group_id=meeting.group_id)
        .exclude(source_meeting__date__gte=meeting.date)
        .with_due()
    )
    closed = Q(closed_on__lte=meeting.date)
    if previous is not None:
        closed &= Q(closed_on__gt=previous.date)
    open_then = Q(closed_on__isnull=True) | Q(closed_on__gt=as_at)
    # Only the overdue actions are named, so only they are fetched; the rest are counted.
    counts = reviewed.aggregate(
        closed=Count("pk", filter=closed),
        open_not_yet_due=Count(
            "pk", filter=open_then & (Q(due_on__isnull=True) | Q(due_on__gte=as_at))
        ),
    )
    overdue = list(
        reviewed.filter(open_then, due_on__lt=as_at)
        .only("number", "due_date", "due_by_next_meeting")
        .order_by("number")
    )
    return ActionLogReview(
        meeting=meeting,
        previous_meeting=previous,
        as_at=as_at,
        closed_count=counts["closed"],
        open_not_yet_due_count=counts["open_not_yet_due"],
        overdue=_overdue_entries(overdue, board=board.board, as_at=as_at),
    )


def _overdue_entries(
    actions: list[Action], *, board: Group, as_at: date
) -> tuple[OverdueAction, ...]:
    # Owners are read once each, however many of the actions they own: prefetching
    # owners action by action costs more than the review itself.
    links = list(
        Action.owners.through.objects.filter(action_id__in=[action.pk for action in actions])
        .order_by("person__name")
        .values_list("action_id", "person_id")
    )
    people = (
        Person.objects.select_related("organisation")
        .only("name", "job_title", "organisation__name")
        .in_bulk({person_id for _action_id, person_id in links})
    )
    owners = {}
    for action_id, person_id in links:
        owners.setdefault(action_id, []).append(people[person_id])
    entries = []
    for action in actions:
        action.board = board
        entries.append(
            OverdueAction(
                action=action,
                owners=tuple(owners.get(action.pk, ())),
                due_on=action.due_on,
                days_overdue=(as_at - action.due_on).days,
            )
        )
    return tuple(entries)


def _count(number: int, singular: str, plural: str) -> str:
    if number == 0:
        return f"no {plural}"
    return f"{number} {singular if number == 1 else plural}"


# The published summaries write small counts as words, as plain English guides advise.
_WORDS = dict(
    enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], start=1)
)


def _count_in_words(number: int, singular: str, plural: str) -> str:
    if number == 0:
        return f"no {plural}"
    return f"{_WORDS.get(number, number)} {singular if number == 1 else plural}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def long_date(day: date) -> str:
    """ "3 June 2025", as the papers write dates."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"


# Read once: `calendar.month_name` formats a date on every lookup.
MONTHS = dict(enumerate(calendar.month_name))


def _and(parts: Iterable[str]) -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _person_names(owners: tuple[Person, ...]) -> str:
    return _and(owner.name for owner in owners) or "no owner"


def action_counts(
    partnership: Partnership, *, today: date, person: Person | None = None
) -> dict[str, int]:
    """Open and overdue actions, for the whole partnership or for one owner."""
    actions = Action.objects.filter(board__partnership=partnership)
    if person is not None:
        actions = actions.filter(owners=person)
    return {
        "open": actions.filter(status__in=Action.OPEN_STATUSES).count(),
        "overdue": actions.overdue(today).count(),
    }
