"""Confidential (Part B) business stays with the board: never in anything the public reads."""

import io

import pytest
from django.urls import reverse
from docx import Document

from sendboard.meetings import services as meetings
from sendboard.meetings.models import AgendaItem, Meeting, MinuteEntry
from sendboard.meetings.tests.factories import AgendaItemFactory, MinuteEntryFactory
from sendboard.publishing.documents import minutes_docx
from sendboard.publishing.drafting import draft_body
from sendboard.publishing.tests.factories import board_meeting_with_records

PRIVATE_ITEM = "Placement of a named child"
PRIVATE_TEXT = "The board agreed the high-cost placement for the child discussed."
PRIVATE_NOTE = "The director said the overspend is £2.1m before reserves."


@pytest.fixture
def meeting(board):
    records = board_meeting_with_records(board)
    meeting = records.meeting
    private = AgendaItemFactory(meeting=meeting, position=9, title=PRIVATE_ITEM, confidential=True)
    MinuteEntryFactory(item=private, position=1, kind=MinuteEntry.Kind.DECISION, text=PRIVATE_TEXT)
    public_item = AgendaItem.objects.get(meeting=meeting, position=2)
    MinuteEntryFactory(item=public_item, position=9, text=PRIVATE_NOTE, confidential=True)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.MinutesStatus.PUBLISHED)
    meeting.refresh_from_db()
    return meeting


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_public_minutes_and_their_word_file_leave_part_b_out(client, meeting):
    page = client.get(reverse("public_minutes", args=["northshire", meeting.code])).text
    word = client.get(reverse("public_minutes_docx", args=["northshire", meeting.code]))

    for said in (page, _text(word.content)):
        assert "more EHCPs are finished within 20 weeks" in said
        assert PRIVATE_ITEM not in said and PRIVATE_TEXT not in said and PRIVATE_NOTE not in said


def test_the_summary_is_drafted_without_part_b(meeting):
    body = draft_body(meeting)

    assert PRIVATE_ITEM not in body and PRIVATE_TEXT not in body and PRIVATE_NOTE not in body


def test_the_boards_own_minutes_keep_part_b_marked(meeting, persona):
    internal = _text(minutes_docx(meeting))
    page = persona["member"].get(meeting.get_absolute_url()).content.decode()

    assert f"9. {PRIVATE_ITEM} (confidential, Part B)" in internal and PRIVATE_TEXT in internal
    assert PRIVATE_NOTE in internal
    assert page.count("Confidential (Part B)") == 2 and PRIVATE_TEXT in page


def test_an_item_is_marked_confidential_through_the_service(meeting, manager_user):
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.MinutesStatus.DRAFT)
    item = AgendaItem.objects.get(meeting=meeting, position=3)

    meetings.agenda_item_update(item=item, confidential=True, opened_version=None, by=manager_user)

    item.refresh_from_db()
    assert item.confidential
    assert item.history.first().confidential is True
