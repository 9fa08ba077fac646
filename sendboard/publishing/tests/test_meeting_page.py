"""A board meeting's page leads to its public summary, or offers to draft it once held."""

from sendboard.publishing.tests.factories import MeetingFactory, PublicSummaryFactory


def test_a_held_board_meeting_offers_editors_to_draft_its_summary(persona, board):
    meeting = MeetingFactory(group=board, date="2026-07-15", status="held")

    for_editor = persona["editor"].get(meeting.get_absolute_url()).content.decode()
    for_member = persona["member"].get(meeting.get_absolute_url()).content.decode()

    assert "Draft the summary" in for_editor and f'value="{meeting.code}"' in for_editor
    assert "Draft the summary" not in for_member
    assert "No summary of this meeting has been drafted yet." in for_member


def test_a_meeting_with_a_summary_links_to_it(persona, board):
    summary = PublicSummaryFactory(meeting=MeetingFactory(group=board, date="2026-07-15"))

    page = persona["member"].get(summary.meeting.get_absolute_url()).content.decode()

    assert f"/summaries/{summary.code}/" in page and "Draft the summary" not in page


def test_a_subgroups_meeting_has_no_summary_section(persona, subgroup):
    meeting = MeetingFactory(group=subgroup, date="2026-07-15", status="held")

    assert (
        "Public summary" not in persona["editor"].get(meeting.get_absolute_url()).content.decode()
    )
