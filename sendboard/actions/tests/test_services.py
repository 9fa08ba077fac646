import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from sendboard.actions import services
from sendboard.actions.models import Action
from sendboard.core.services import StaleEdit
from sendboard.governance.tests.factories import BoardFactory, PartnershipFactory, PersonFactory
from sendboard.meetings.tests.factories import AgendaItemFactory, MeetingFactory

DAY = datetime.date(2025, 6, 10)


def _raise(group, owners, by, **fields):
    return services.action_create(
        group=group, title="Circulate the SEF draft", owners=owners, by=by, **fields
    )


def test_it_numbers_actions_one_after_another_on_a_board(board, people, editor_user):
    first = _raise(board, [people["member"]], editor_user)
    second = _raise(board, [people["member"]], editor_user)

    assert (first.number, second.number) == (1, 2)
    assert second.reference == "SPB-2"


def test_a_subgroup_action_is_numbered_in_its_boards_log(board, subgroup, people, editor_user):
    _raise(board, [people["member"]], editor_user)
    action = _raise(subgroup, [people["member"]], editor_user)

    assert action.board == board
    assert action.group == subgroup
    assert action.number == 2


def test_each_board_keeps_its_own_sequence(board, people, editor_user):
    other = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    other_board = BoardFactory(partnership=other, action_prefix="SSB")
    owner = PersonFactory(partnership=other)
    _raise(board, [people["member"]], editor_user)
    _raise(board, [people["member"]], editor_user)

    assert _raise(other_board, [owner], editor_user).number == 1


def test_it_takes_the_next_number_when_another_editor_took_it_first(
    board, people, editor_user, monkeypatch
):
    _raise(board, [people["member"]], editor_user)
    real = services.next_action_number
    handed_out = iter([1])  # the number a racing editor has just saved

    monkeypatch.setattr(
        services, "next_action_number", lambda found: next(handed_out, None) or real(found)
    )
    action = _raise(board, [people["member"]], editor_user)

    assert action.number == 2
    assert list(Action.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_it_needs_at_least_one_owner(board, editor_user):
    with pytest.raises(ValidationError, match="Choose at least one owner") as error:
        _raise(board, [], editor_user)

    assert "owners" in error.value.message_dict
    assert not Action.objects.exists()


def test_it_refuses_a_due_date_and_by_next_meeting_together(board, people, editor_user):
    with pytest.raises(ValidationError, match="Choose a due date or by the next meeting, not both"):
        _raise(board, [people["member"]], editor_user, due_date=DAY, due_by_next_meeting=True)


def test_it_refuses_owners_from_another_partnership(board, editor_user):
    stranger = PersonFactory(partnership=PartnershipFactory(slug="elsewhere", name="Elsewhere"))

    with pytest.raises(ValidationError, match="Choose owners from this partnership"):
        _raise(board, [stranger], editor_user)


def test_it_takes_the_meeting_from_the_agenda_item(board, people, editor_user):
    item = AgendaItemFactory(meeting=MeetingFactory(group=board))

    action = _raise(board, [people["member"]], editor_user, source_item=item)

    assert action.source_meeting == item.meeting


def test_it_refuses_a_meeting_of_another_group(board, subgroup, people, editor_user):
    with pytest.raises(ValidationError, match="Choose a meeting of the group that raised it"):
        _raise(
            subgroup, [people["member"]], editor_user, source_meeting=MeetingFactory(group=board)
        )


def test_naming_the_owners_is_its_own_step_in_the_history(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    reasons = list(
        action.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )

    assert reasons == ["Raised", "Owners named"]


def test_it_records_who_raised_the_action(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    assert action.history.first().history_user == editor_user


def test_completing_an_action_closes_it_on_the_date_of_the_update(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    services.action_update_add(
        action=action,
        text="SEF shared",
        status=Action.Status.COMPLETE,
        written_on=DAY,
        by=editor_user,
    )

    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE
    assert action.closed_on == DAY
    assert action.updates.get().text == "SEF shared"


def test_an_update_dated_in_the_future_is_refused(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    with pytest.raises(ValidationError, match="must be today or in the past") as error:
        services.action_update_add(
            action=action,
            text="Will be done",
            status=Action.Status.COMPLETE,
            written_on=timezone.localdate() + datetime.timedelta(days=1),
            by=editor_user,
        )

    assert error.value.message_dict["written_on"] == [
        "The date of the update must be today or in the past"
    ]
    action.refresh_from_db()
    assert (action.status, action.closed_on) == (Action.Status.OPEN, None)


def test_reopening_an_action_clears_its_closing_date(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)
    services.action_close(action=action, text="Done", closed_on=DAY, by=editor_user)

    services.action_reopen(
        action=action, text="Not finished after all", reopened_on=DAY, by=editor_user
    )

    action.refresh_from_db()
    assert (action.status, action.closed_on) == (Action.Status.OPEN, None)
    assert action.updates.count() == 2


def test_a_transfer_says_where_the_action_went(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    with pytest.raises(ValidationError, match="where the action has been transferred to") as error:
        services.action_update_add(
            action=action,
            text="Moved",
            status=Action.Status.TRANSFERRED,
            written_on=DAY,
            by=editor_user,
        )
    assert "transferred_to" in error.value.message_dict

    services.action_update_add(
        action=action,
        text="Moved",
        status=Action.Status.TRANSFERRED,
        written_on=DAY,
        transferred_to="Preparation for Adulthood Subgroup",
        by=editor_user,
    )
    action.refresh_from_db()
    assert action.transferred_to == "Preparation for Adulthood Subgroup"
    assert action.closed_on == DAY


def test_a_deferral_needs_a_new_due_date_or_a_reason(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user, due_by_next_meeting=True)

    with pytest.raises(ValidationError, match="Enter a new due date or the reason for deferring"):
        services.action_update_add(
            action=action, text=" ", status=Action.Status.DEFERRED, written_on=DAY, by=editor_user
        )

    new_due = datetime.date(2025, 9, 30)
    services.action_update_add(
        action=action,
        text="",
        status=Action.Status.DEFERRED,
        written_on=DAY,
        new_due_date=new_due,
        by=editor_user,
    )
    action.refresh_from_db()
    assert (action.due_date, action.due_by_next_meeting) == (new_due, False)
    assert action.closed_on is None


def test_an_update_needs_text(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    with pytest.raises(ValidationError, match="Enter the update"):
        services.action_update_add(
            action=action, text="", status=Action.Status.IN_PROGRESS, written_on=DAY, by=editor_user
        )


def test_a_member_who_does_not_own_the_action_is_refused_by_the_service(board, people, editor_user):
    action = _raise(board, [people["chair"]], editor_user)

    with pytest.raises(PermissionDenied, match="Only editors and the action's owners"):
        services.action_update_add(
            action=action,
            text="Done, I think",
            status=Action.Status.COMPLETE,
            written_on=DAY,
            by=people["member"].user,
        )
    action.refresh_from_db()
    assert (action.status, action.updates.count()) == (Action.Status.OPEN, 0)


def test_an_owner_without_the_editor_role_updates_their_own_action(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    services.action_close(action=action, text="SEF shared", closed_on=DAY, by=people["member"].user)

    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE
    assert action.updates.get().author == people["member"].user


def test_it_refuses_a_stale_edit(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)
    opened = action.version
    fields = {
        "description": "",
        "owners": [people["member"]],
        "due_date": None,
        "due_by_next_meeting": False,
    }
    services.action_edit(
        action=Action.objects.get(pk=action.pk),
        title="First editor's words",
        opened_version=opened,
        by=people["manager"].user,
        **fields,
    )

    with pytest.raises(StaleEdit, match="changed by Manager Tester after you opened it"):
        services.action_edit(
            action=action,
            title="Second editor's words",
            opened_version=opened,
            by=editor_user,
            **fields,
        )

    action.refresh_from_db()
    assert action.title == "First editor's words"


def test_an_edit_changes_the_owners(board, people, editor_user):
    action = _raise(board, [people["member"]], editor_user)

    services.action_edit(
        action=action,
        title=action.title,
        description="",
        owners=[people["chair"], people["viewer"]],
        due_date=DAY,
        due_by_next_meeting=False,
        opened_version=action.version,
        by=editor_user,
    )

    assert set(action.owners.all()) == {people["chair"], people["viewer"]}
    assert Action.objects.get(pk=action.pk).due_date == DAY


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a server that locks rows")
@pytest.mark.django_db(transaction=True)
def test_editors_raising_actions_at_once_never_share_a_number(board, people, editor_user):
    def raise_some() -> None:
        try:
            for _ in range(5):
                _raise(board, [people["member"]], editor_user)
        finally:
            connection.close()

    workers = [threading.Thread(target=raise_some) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    numbers = sorted(Action.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 21))
