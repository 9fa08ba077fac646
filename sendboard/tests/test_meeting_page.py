import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendboard.actions.services import action_create
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.tests.factories import PersonFactory
from sendboard.meetings import queries, services
from sendboard.meetings.models import Attendance, MinuteEntry
from sendboard.meetings.services import AttendanceRow
from sendboard.meetings.tests.factories import MeetingFactory, MinuteEntryFactory


@pytest.fixture
def busy_meeting(meeting, manager_user, partnership, people, subgroup):
    """12 items, 40 minute entries, 30 attendees, 10 papers, actions and forward-plan items."""
    for number in range(7):
        services.agenda_item_add(
            meeting=meeting,
            title=f"Subgroup report {number}",
            presenters=[people["editor"], people["analyst"]],
            reporting_group=subgroup,
            by=manager_user,
        )
    items = list(meeting.items.order_by("position"))
    for index in range(40):
        item = items[index % 12]
        challenge = item.entries.filter(kind=MinuteEntry.Kind.CHALLENGE).first()
        kind = ("challenge", "response", "note", "escalation")[index % 4]
        services.minute_entry_add(
            item=item,
            kind=kind if kind != "response" or challenge else "note",
            text=f"Entry {index}",
            speaker=people["chair"],
            responds_to=challenge if kind == "response" else None,
            escalated_from=subgroup if kind == "escalation" else None,
            by=manager_user,
        )
    attendees = [PersonFactory(partnership=partnership) for _ in range(29)]
    rows = [AttendanceRow(person, Attendance.Kind.PRESENT) for person in attendees[:25]]
    rows += [AttendanceRow(person, Attendance.Kind.APOLOGIES) for person in attendees[25:]]
    rows.append(AttendanceRow(people["editor"], Attendance.Kind.DEPUTISING, attendees[-1]))
    services.attendance_record(meeting=meeting, rows=rows, by=manager_user)
    for index in range(10):
        services.paper_upload(
            item=items[index],
            title=f"Paper {index}",
            file=SimpleUploadedFile(f"paper{index}.pdf", b"%PDF-1.4"),
            by=manager_user,
        )
    for index in range(6):
        action_create(
            group=meeting.group,
            title=f"Action {index}",
            owners=[people["editor"]],
            source_item=items[index],
            by=manager_user,
        )
    earlier = MeetingFactory(
        group=meeting.group, number=99, date=meeting.date - datetime.timedelta(days=28)
    )
    for index in range(4):
        ForwardPlanItem.objects.create(
            group=meeting.group,
            title=f"Planned {index}",
            owner=people["editor"],
            target_meeting=meeting,
            deferred_from=earlier,
        )
    return meeting


def test_the_meeting_page_reads_a_busy_meeting_in_a_bounded_number_of_queries(
    persona, busy_meeting, without_page_cache, django_assert_max_num_queries
):
    client = persona["manager"]
    # The meeting's own reads, and one each for the board pack and the public summary.
    with django_assert_max_num_queries(21):
        response = client.get(busy_meeting.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("sb-minute-entry--") == 40


def test_the_meeting_list_reads_in_a_bounded_number_of_queries(
    persona, board, without_page_cache, django_assert_max_num_queries
):
    for number in range(1, 60):
        MeetingFactory(group=board, number=number + 10)
    client = persona["viewer"]
    with django_assert_max_num_queries(12):
        response = client.get("/northshire/meetings/")
    assert response.status_code == 200


def test_responses_are_threaded_under_their_challenge():
    challenge = MinuteEntryFactory.build(pk=1, kind="challenge")
    note = MinuteEntryFactory.build(pk=2, kind="note")
    response = MinuteEntryFactory.build(pk=3, kind="response", responds_to=challenge)
    orphan = MinuteEntryFactory.build(pk=4, kind="response", responds_to_id=99)
    threads = queries.minutes_threaded([challenge, note, response, orphan])
    assert [(t.entry.pk, [r.pk for r in t.responses]) for t in threads] == [
        (1, [3]),
        (2, []),
        (4, []),
    ]


def test_the_next_number_follows_the_highest_in_the_series(board):
    MeetingFactory(group=board, number=41)
    assert queries.meeting_number_suggested(board) == 42


def test_the_agenda_changes_say_once_that_an_item_was_added_then_who_presents_it(
    board, people, manager_user
):
    meeting = services.meeting_create(group=board, date=datetime.date(2026, 3, 11), by=manager_user)
    item = services.agenda_item_add(
        meeting=meeting, title="Sufficiency plan", presenters=[people["member"]], by=manager_user
    )
    services.agenda_item_update(
        item=item,
        opened_version=item.version,
        title="SEND sufficiency plan",
        presenters=[people["member"]],
        by=manager_user,
    )

    reasons = [change.reason for change in queries.agenda_changes(meeting)][:4]

    assert reasons == ["Item changed", "Presenters named", "Reordered", "Added to the agenda"]


def test_an_item_links_to_raise_an_action_and_lists_those_raised(persona, meeting, people):
    item = meeting.items.get(position=2)
    action_create(
        group=meeting.group,
        title="Share the SEND survey results",
        owners=[people["editor"]],
        source_item=item,
        by=people["manager"].user,
    )
    page = persona["editor"].get(meeting.get_absolute_url()).content.decode()
    assert (
        f"{reverse('action_create', args=[meeting.group.partnership.slug])}?item={item.code}"
        in page
    )
    assert "Share the SEND survey results" in page
