import datetime
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from sendboard.actions.queries import action_log_review
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.meetings.models import AgendaItem, Attendance, MinuteEntry
from sendboard.meetings.tests.factories import AgendaItemFactory, MinuteEntryFactory
from sendboard.publishing.documents import agenda_docx, minutes_docx, summary_docx
from sendboard.publishing.tests.factories import (
    MeetingFactory,
    PublicSummaryFactory,
    board_meeting_with_records,
)


def _open(content: bytes):
    return Document(io.BytesIO(content))


def _paragraphs(document, style: str | None = None) -> list[str]:
    return [p.text for p in document.paragraphs if style is None or p.style.name == style]


@pytest.fixture
def records(board):
    return board_meeting_with_records(board)


def test_the_minutes_name_the_meeting_its_attendance_and_entries(records):
    document = _open(minutes_docx(records.meeting))
    text = _paragraphs(document)

    assert document.core_properties.title == "SEND Partnership Board: minutes"
    assert _paragraphs(document, "Heading 1") == ["SEND Partnership Board: minutes"]
    assert (
        "Meeting 10: Wednesday 16 September 2026, 10.00am to 12.30pm. "
        "Council Chamber, Northshire Town Hall, Hybrid." in text
    )
    assert _paragraphs(document, "Heading 2") == ["Board members present", "Apologies", "Minutes"]
    assert "Priya Okonkwo, Head of SEND, Northshire Council" in _paragraphs(document, "List Bullet")
    assert (
        "Declan Fairweather, Designated Clinical Officer, Northshire Integrated Care Board" in text
    )
    assert "2. Update from the CI group" in _paragraphs(document, "Heading 3")
    assert "Challenge: The chair asked why panels take so long." in text
    assert "The SEND dashboard shows shorter waits for speech and language therapy." in text
    assert (
        "Escalation from Continuous Improvement Group: "
        "Delays in SALT assessments need the ICB to add capacity." in text
    )
    assert (
        "Decision: The board agreed to move the sign-off of the SEND strategy to November." in text
    )
    assert (
        "Action SPB-2: Bring the SALT recovery plan (owner: Declan Fairweather; by 14 October 2026)"
        in text
    )


def test_the_minutes_mark_who_deputised_for_whom(records):
    Attendance.objects.create(
        meeting=records.meeting,
        person=records.chair.partnership.people.create(
            name="Ola Deputy", job_title="Assistant Director"
        ),
        kind=Attendance.Kind.DEPUTISING,
        deputising_for=records.officer,
    )

    text = _paragraphs(_open(minutes_docx(records.meeting)))

    assert "Ola Deputy, Assistant Director, deputising for Priya Okonkwo" in text


def test_the_minutes_say_who_spoke_to_each_entry(records):
    item = records.meeting.items.get(position=2)
    MinuteEntryFactory(
        item=item,
        position=4,
        kind=MinuteEntry.Kind.CHALLENGE,
        text="Families still wait too long for assessments.",
        speaker=records.chair,
    )

    text = _paragraphs(_open(minutes_docx(records.meeting)))

    assert "Challenge (Morwenna Tregarthen): Families still wait too long for assessments." in text
    assert (
        "Priya Okonkwo: Priya Okonkwo reported that more EHCPs are finished within 20 weeks."
        in text
    )
    assert "Challenge: The chair asked why panels take so long." in text


def test_the_minutes_review_the_action_log_under_the_last_meetings_minutes_and_actions(
    records, board
):
    AgendaItemFactory(
        meeting=records.meeting,
        position=5,
        title="Minutes and actions of the last meeting",
        kind=AgendaItem.Kind.STANDING,
        standing=AgendaItem.Standing.MINUTES_AND_ACTIONS,
    )
    review = action_log_review(board=board, meeting=records.meeting).paragraph

    text = _paragraphs(_open(minutes_docx(records.meeting)))

    heading = text.index("5. Minutes and actions of the last meeting")
    assert text[heading + 1] == f"Review of the action log: {review}"


def test_documents_are_in_british_english(records):
    document = _open(agenda_docx(records.meeting))
    defaults = document.styles.element.find(qn("w:docDefaults"))

    assert document.core_properties.language == "en-GB"
    assert {lang.get(qn("w:val")) for lang in defaults.iter(qn("w:lang"))} == {"en-GB"}


def test_the_agenda_lists_items_in_a_table_with_a_repeating_header(records):
    item = AgendaItem.objects.get(meeting=records.meeting, position=4)
    item.presenters.add(records.officer)
    item.minutes_allowed = 20
    item.save()

    document = _open(agenda_docx(records.meeting))
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]

    assert document.core_properties.title == "SEND Partnership Board: agenda"
    assert rows[0] == ["Item", "Title", "Purpose", "Presented by", "Time"]
    assert rows[4] == [
        "4",
        "SEND strategy",
        "For decision",
        "Priya Okonkwo, Head of SEND, Northshire Council",
        "20 minutes",
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_agenda_says_an_item_was_deferred_from_an_earlier_meeting(records, board):
    earlier = MeetingFactory(group=board, number=99, date=datetime.date(2026, 7, 15))
    planned = ForwardPlanItemFactory(
        group=board,
        title="Early years inclusion funding",
        deferred_from=earlier,
        deferral_reason="The figures are not yet validated.",
        status=ForwardPlanItem.Status.DEFERRED,
    )
    AgendaItemFactory(
        meeting=records.meeting,
        position=9,
        title=planned.title,
        kind=AgendaItem.Kind.FORWARD_PLAN,
        forward_plan_item=planned,
    )

    (table,) = _open(agenda_docx(records.meeting)).tables
    titles = [row.cells[1].text for row in table.rows]

    assert (
        "Early years inclusion funding\n"
        "Deferred from 15 July 2026: The figures are not yet validated." in titles
    )


def test_the_summary_uses_word_headings_and_bullet_lists(board):
    summary = PublicSummaryFactory(
        meeting__group=board,
        body="Opening words.\n\n## Decisions\n\n- The board agreed the plan.\n- It met again.\n",
    )

    document = _open(summary_docx(summary))

    assert document.core_properties.title == summary.title
    assert _paragraphs(document, "Heading 1") == [summary.title]
    assert _paragraphs(document, "Heading 2") == ["Decisions"]
    assert _paragraphs(document, "List Bullet") == ["The board agreed the plan.", "It met again."]
    assert "Opening words." in _paragraphs(document, "Normal")


def test_a_deputy_is_a_member_present_in_word_as_on_the_page(records, people, persona):
    from sendboard.meetings.models import Attendance

    Attendance.objects.create(
        meeting=records.meeting,
        person=people["editor"],
        kind=Attendance.Kind.DEPUTISING,
        deputising_for=people["chair"],
    )
    document = _open(minutes_docx(records.meeting))
    page = persona["viewer"].get(records.meeting.get_absolute_url()).content.decode()

    assert "Deputising" not in _paragraphs(document, "Heading 2")
    assert any(
        line.startswith("Editor Tester") and line.endswith("deputising for Chair Tester")
        for line in _paragraphs(document, "List Bullet")
    )
    assert "Board members present" in page and "(deputising for Chair Tester)" in page
