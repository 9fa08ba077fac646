import datetime

import pytest

from sendboard.actions.models import Action
from sendboard.actions.queries import action_log_review
from sendboard.actions.tests.factories import ActionFactory
from sendboard.governance.tests.factories import OrganisationFactory, PersonFactory
from sendboard.meetings.models import Meeting
from sendboard.meetings.tests.factories import MeetingFactory

D = datetime.date


def _with_due(action: Action, today: datetime.date | None = None) -> Action:
    return Action.objects.with_due(today).get(pk=action.pk)


def test_an_open_action_past_its_due_date_is_overdue(board):
    late = ActionFactory(board=board, due_date=D(2025, 5, 1))
    done = ActionFactory(
        board=board, due_date=D(2025, 5, 1), status=Action.Status.COMPLETE, closed_on=D(2025, 5, 2)
    )
    deferred = ActionFactory(board=board, due_date=D(2025, 5, 1), status=Action.Status.DEFERRED)
    later = ActionFactory(board=board, due_date=D(2025, 6, 1))
    undated = ActionFactory(board=board)

    overdue = set(Action.objects.overdue(D(2025, 5, 20)))

    assert overdue == {late, deferred}
    assert set(Action.objects.not_overdue(D(2025, 5, 20))) == {done, later, undated}
    assert _with_due(late, D(2025, 5, 20)).overdue
    assert not _with_due(late, D(2025, 5, 1)).overdue
    assert not _with_due(done, D(2025, 5, 20)).overdue


def test_by_next_meeting_falls_due_at_the_groups_next_meeting(board, june, july):
    action = ActionFactory(board=board, source_meeting=june, due_by_next_meeting=True)

    found = _with_due(action)

    assert found.next_meeting_on == found.due_on == july.date
    assert _with_due(action, july.date + datetime.timedelta(days=1)).overdue
    assert not _with_due(action, july.date).overdue


def test_by_next_meeting_skips_cancelled_meetings_and_other_groups(board, subgroup, june, july):
    july.status = Meeting.Status.CANCELLED
    july.save()
    MeetingFactory(group=subgroup, number=1, date=D(2025, 6, 20))
    september = MeetingFactory(group=board, number=3, date=D(2025, 9, 9))
    action = ActionFactory(board=board, source_meeting=june, due_by_next_meeting=True)

    assert _with_due(action).due_on == september.date


def test_by_next_meeting_has_no_date_until_the_meeting_is_arranged(board, june):
    action = ActionFactory(board=board, source_meeting=june, due_by_next_meeting=True)

    found = _with_due(action)

    assert found.due_on is None
    assert not Action.objects.overdue(D(2030, 1, 1)).exists()


@pytest.fixture
def cerys(partnership):
    council = OrganisationFactory(partnership=partnership, name="Northshire Council")
    return PersonFactory(
        partnership=partnership, name="Cerys Thomas", job_title="Head of SEND", organisation=council
    )


def test_the_review_counts_closed_open_and_overdue_actions(board, june, july, cerys):
    for closed_on in (D(2025, 6, 20), D(2025, 7, 1)):
        ActionFactory(board=board, status=Action.Status.COMPLETE, closed_on=closed_on)
    ActionFactory(board=board, status=Action.Status.COMPLETE, closed_on=D(2025, 5, 1))
    ActionFactory(board=board, due_date=D(2025, 8, 1))
    ActionFactory(board=board)
    ActionFactory(board=board, due_date=D(2025, 9, 1))
    late = ActionFactory(board=board, number=41, due_date=D(2025, 5, 1), owners=[cerys])
    ActionFactory(board=board, source_meeting=july, due_date=D(2025, 1, 1))

    review = action_log_review(board=board, meeting=july, today=D(2025, 7, 1))

    assert review.closed_count == 2
    assert review.open_not_yet_due_count == 3
    assert [entry.action for entry in review.overdue] == [late]
    assert review.overdue[0].days_overdue == 61
    assert review.overdue[0].owners == (cerys,)
    assert review.paragraph == (
        "Since the last meeting on 3 June 2025, 2 actions have been closed. "
        "3 actions are open and not yet due. "
        "1 action is overdue: SPB-41 (Cerys Thomas, due 1 May 2025)."
    )


def test_the_review_uses_the_singular_and_says_when_none_are_overdue(board, june, july):
    ActionFactory(board=board, status=Action.Status.COMPLETE, closed_on=D(2025, 6, 4))
    ActionFactory(board=board, due_date=D(2025, 8, 1))

    review = action_log_review(board=board, meeting=july, today=D(2025, 7, 1))

    assert review.paragraph == (
        "Since the last meeting on 3 June 2025, 1 action has been closed. "
        "1 action is open and not yet due. No actions are overdue."
    )


def test_the_review_lists_several_overdue_actions_and_says_when_none_closed(
    board, june, july, cerys, people
):
    ActionFactory(board=board, number=7, due_date=D(2025, 6, 1), owners=[cerys])
    ActionFactory(board=board, number=9, due_date=D(2025, 6, 2), owners=[cerys, people["chair"]])

    review = action_log_review(board=board, meeting=july, today=D(2025, 7, 1))

    assert review.paragraph == (
        "Since the last meeting on 3 June 2025, no actions have been closed. "
        "No actions are open and not yet due. 2 actions are overdue: "
        "SPB-7 (Cerys Thomas, due 1 June 2025) and "
        "SPB-9 (Cerys Thomas and Chair Tester, due 2 June 2025)."
    )


def test_the_public_review_gives_counts_in_words_without_references_or_owners(
    board, june, july, cerys
):
    ActionFactory(board=board, number=7, due_date=D(2025, 6, 1), owners=[cerys])
    ActionFactory(board=board, number=8, due_date=D(2025, 6, 2), owners=[cerys])
    ActionFactory(board=board, due_date=D(2025, 8, 1))

    review = action_log_review(board=board, meeting=july, today=D(2025, 7, 1))

    assert review.paragraph_public == (
        "No actions have been closed since the last meeting. "
        "One action that is not yet due remains open. Two actions are overdue."
    )


def test_the_review_counts_by_next_meeting_actions_as_due_at_that_meeting(board, june, july):
    ActionFactory(board=board, source_meeting=june, due_by_next_meeting=True)
    august = MeetingFactory(group=board, number=3, date=D(2025, 8, 12))

    at_july = action_log_review(board=board, meeting=july, today=D(2025, 7, 1))
    at_august = action_log_review(board=board, meeting=august, today=D(2025, 8, 1))

    assert (at_july.open_not_yet_due_count, len(at_july.overdue)) == (1, 0)
    assert (at_august.open_not_yet_due_count, len(at_august.overdue)) == (0, 1)


def test_the_review_of_a_past_meeting_says_what_was_true_then(board, june, july):
    ActionFactory(board=board, status=Action.Status.COMPLETE, closed_on=D(2025, 7, 20))

    review = action_log_review(board=board, meeting=july, today=D(2025, 12, 1))

    assert review.as_at == july.date
    assert (review.closed_count, review.open_not_yet_due_count) == (0, 1)


def test_the_first_meeting_has_no_last_meeting_to_mention(board, june):
    review = action_log_review(board=board, meeting=june, today=D(2025, 6, 1))

    assert review.paragraph == (
        "No actions have been closed. No actions are open and not yet due. No actions are overdue."
    )


def test_the_review_leaves_out_other_groups_actions(board, subgroup, june, july):
    ActionFactory(board=board, group=subgroup, due_date=D(2025, 5, 1))

    review = action_log_review(board=board, meeting=july, today=D(2025, 7, 1))

    assert review.overdue == ()
