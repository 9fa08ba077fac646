import datetime

import pytest
from django.core.exceptions import ValidationError

from sendboard.actions.tests.factories import ActionFactory
from sendboard.governance.models import Person
from sendboard.governance.tests.factories import GroupFactory
from sendboard.publishing.markup import Block, parse
from sendboard.publishing.models import PublicSummary
from sendboard.publishing.services import summary_draft
from sendboard.publishing.tests.factories import (
    MeetingFactory,
    PublicSummaryFactory,
    board_meeting_with_records,
)


@pytest.fixture
def records(board):
    board.partnership.contact_email = "send.partnership@northshire.example"
    board.partnership.local_offer_url = "https://localoffer.northshire.example"
    board.partnership.save()
    return board_meeting_with_records(board)


@pytest.fixture
def drafted(records, people):
    return summary_draft(meeting=records.meeting, by=people["editor"].user)


def _section(summary: PublicSummary, heading: str) -> list[Block]:
    blocks = parse(summary.body)
    start = blocks.index(Block("heading", heading)) + 1
    following = [i for i, block in enumerate(blocks[start:], start) if block.kind == "heading"]
    return blocks[start : following[0] if following else None]


def test_it_drafts_a_summary_named_after_the_month_of_the_meeting(drafted, people):
    assert drafted.title == "Summary of the September 2026 Board Meeting"
    assert drafted.status == PublicSummary.Status.DRAFT
    assert drafted.history.get().history_user == people["editor"].user


def test_a_second_board_meeting_in_the_same_month_is_summarised_under_its_day(board, people):
    PublicSummaryFactory(meeting=MeetingFactory(group=board, date=datetime.date(2026, 12, 2)))
    extra = MeetingFactory(group=board, number=2, date=datetime.date(2026, 12, 16))

    drafted = summary_draft(meeting=extra, by=people["editor"].user)

    assert drafted.title == "Summary of the 16 December 2026 Board Meeting"


def test_another_groups_summary_in_the_same_month_does_not_change_the_title(board, people):
    other_board = GroupFactory(partnership=board.partnership, name="Other board", slug="other")
    PublicSummaryFactory(meeting=MeetingFactory(group=other_board, date=datetime.date(2026, 12, 2)))

    drafted = summary_draft(
        meeting=MeetingFactory(group=board, date=datetime.date(2026, 12, 16)),
        by=people["editor"].user,
    )

    assert drafted.title == "Summary of the December 2026 Board Meeting"


def test_each_reporting_subgroup_has_a_section_of_what_it_reported(drafted):
    assert _section(drafted, "Continuous Improvement Group") == [
        Block(
            "bullets",
            items=[
                "The Head of SEND reported that more education, health and care plans (EHCPs) "
                "are finished within 20 weeks."
            ],
        )
    ]


def test_a_subgroup_item_without_entries_reports_its_description(drafted):
    (bullets,) = _section(drafted, "Performance and Impact Group")

    assert bullets.items == [
        "The SEND dashboard shows shorter waits for speech and language therapy."
    ]


def test_it_spells_out_each_acronym_once(drafted):
    assert drafted.body.count("special educational needs and disabilities (SEND)") == 1
    assert drafted.body.count("(EHCPs)") == 1


def test_challenges_and_standing_items_stay_out_of_the_summary(drafted):
    assert "panels take so long" not in drafted.body
    assert "welcomed everyone" not in drafted.body


def test_decisions_and_escalations_have_their_own_sections(drafted):
    assert _section(drafted, "Decisions")[0].items == [
        "The board agreed to move the sign-off of the SEND strategy to November."
    ]
    assert _section(drafted, "Issues raised with the board")[0].items == [
        "From the Continuous Improvement Group: Delays in speech and language therapy (SALT) "
        "assessments need the Integrated Care Board (ICB) to add capacity."
    ]


def test_the_review_of_the_action_log_gives_families_counts_without_references_or_owners(
    records, board, people
):
    ActionFactory(
        board=board,
        number=40,
        due_date=datetime.date(2026, 9, 2),
        owners=[records.officer],
    )

    drafted = summary_draft(meeting=records.meeting, by=people["editor"].user)

    assert _section(drafted, "Review of the action log") == [
        Block(
            "paragraph",
            "One action has been closed since the last meeting. "
            "No actions that are not yet due remain open. One action is overdue.",
        )
    ]


def test_the_month_ahead_comes_from_the_forward_plan(drafted):
    (planned,) = _section(drafted, "What's planned for the month ahead")

    assert "Deep dive into preparing for adulthood" in planned.items
    assert "Launch of the neurodevelopmental hub" in planned.items


def test_it_ends_with_next_steps_and_how_to_get_in_touch(drafted):
    (steps,) = _section(drafted, "Next steps")
    (contact,) = _section(drafted, "Get in touch")

    assert "The next board meeting is on 14 October 2026." in steps.text
    assert "send.partnership@northshire.example" in contact.text
    assert "https://localoffer.northshire.example" in contact.text


def test_the_public_text_names_nobody(drafted, records):
    for name in Person.objects.values_list("name", flat=True):
        assert name.lower() not in drafted.body.lower()
        for part in name.split():
            if part not in ("Tester",):
                assert part not in drafted.body, part


def test_it_drafts_only_for_a_board_meeting(board, people):
    subgroup = GroupFactory(partnership=board.partnership, reports_to=board)

    with pytest.raises(ValidationError, match="Only a board meeting has a public summary"):
        summary_draft(meeting=MeetingFactory(group=subgroup), by=people["editor"].user)


def test_it_refuses_a_second_summary_of_the_same_meeting(board, people):
    existing = PublicSummaryFactory(meeting=MeetingFactory(group=board))

    with pytest.raises(ValidationError, match="This meeting already has a summary"):
        summary_draft(meeting=existing.meeting, by=people["editor"].user)
