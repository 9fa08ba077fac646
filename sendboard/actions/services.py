"""Writes to the action log. Each function is one transaction and keeps history."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from sendboard.actions.models import Action, ActionUpdate
from sendboard.core.services import save_tracked
from sendboard.governance.models import Group, Person
from sendboard.governance.permissions import access_for, may_change_owned
from sendboard.meetings.models import AgendaItem, Meeting

# Two editors can raise actions on the same board in the same instant; the
# unique (board, number) constraint turns the loser's save into an IntegrityError
# and a fresh attempt takes the next number.
NUMBER_ATTEMPTS = 5


def next_action_number(board: Group) -> int:
    return (Action.objects.filter(board=board).aggregate(top=Max("number"))["top"] or 0) + 1


def action_create(
    *,
    group: Group,
    title: str,
    description: str = "",
    owners: Iterable[Person],
    source_meeting: Meeting | None = None,
    source_item: AgendaItem | None = None,
    due_date: date | None = None,
    due_by_next_meeting: bool = False,
    by: User,
) -> Action:
    """Raise an action in `group`, numbered next in its board's log."""
    owners = list(owners)
    if source_item is not None and source_meeting is None:
        source_meeting = source_item.meeting
    _validate(
        group=group,
        title=title,
        owners=owners,
        due_date=due_date,
        due_by_next_meeting=due_by_next_meeting,
    )
    if source_meeting is not None and source_meeting.group_id != group.pk:
        raise ValidationError({"source_meeting": "Choose a meeting of the group that raised it"})
    if source_item is not None and source_item.meeting_id != source_meeting.pk:
        raise ValidationError({"source_item": "Choose an item from the meeting that raised it"})
    board = group.board
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                # Serialises creates on one board where the database can lock rows.
                Group.objects.select_for_update().filter(pk=board.pk).exists()
                action = Action(
                    board=board,
                    group=group,
                    number=next_action_number(board),
                    title=title.strip(),
                    description=description.strip(),
                    source_meeting=source_meeting,
                    source_item=source_item,
                    due_date=due_date,
                    due_by_next_meeting=due_by_next_meeting,
                )
                save_tracked(action, by=by, opened_version=None, reason="Raised")
                # Setting owners records its own history row; it says what it did.
                action._change_reason = "Owners named"
                action.owners.set(owners)
                return action
        except IntegrityError:
            if attempt == NUMBER_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def action_edit(
    *,
    action: Action,
    title: str,
    description: str,
    owners: Iterable[Person],
    due_date: date | None,
    due_by_next_meeting: bool,
    opened_version: int | None,
    by: User,
) -> Action:
    """Change what an action says; refused with `StaleEdit` if someone saved it meanwhile."""
    owners = list(owners)
    _validate(
        group=action.group,
        title=title,
        owners=owners,
        due_date=due_date,
        due_by_next_meeting=due_by_next_meeting,
    )
    action.title = title.strip()
    action.description = description.strip()
    action.due_date = due_date
    action.due_by_next_meeting = due_by_next_meeting
    save_tracked(action, by=by, opened_version=opened_version, reason="Edited")
    if {owner.pk for owner in owners} != set(action.owners.values_list("pk", flat=True)):
        action._change_reason = "Owners changed"
        action.owners.set(owners)
    return action


@transaction.atomic
def action_update_add(
    *,
    action: Action,
    text: str,
    status: str,
    written_on: date,
    by: User,
    transferred_to: str = "",
    new_due_date: date | None = None,
) -> ActionUpdate:
    """Record a dated update and the status it leaves the action in.

    Complete and transferred close the action on the update's date; any other
    status reopens it. A deferral needs a new due date or a reason. Editors update
    any action; an owner updates their own.
    """
    if not may_change_owned(access_for(by, action.board.partnership), action.owners.all()):
        raise PermissionDenied("Only editors and the action's owners can update it.")
    text = text.strip()
    transferred_to = transferred_to.strip()
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose a status"})
    if written_on > timezone.localdate():
        # An update says what has happened; a future date would also close the action early.
        raise ValidationError({"written_on": "The date of the update must be today or in the past"})
    if status == Action.Status.TRANSFERRED and not transferred_to:
        raise ValidationError({"transferred_to": "Enter where the action has been transferred to"})
    if status == Action.Status.DEFERRED and not (text or new_due_date):
        raise ValidationError({"text": "Enter a new due date or the reason for deferring"})
    if not text and status != Action.Status.DEFERRED:
        raise ValidationError({"text": "Enter the update"})
    update = ActionUpdate.objects.create(
        action=action, text=text, status=status, written_on=written_on, author=by
    )
    action.status = status
    if status in (Action.Status.COMPLETE, Action.Status.TRANSFERRED):
        action.closed_on = written_on
    else:
        action.closed_on = None
    action.transferred_to = transferred_to if status == Action.Status.TRANSFERRED else ""
    if new_due_date is not None:
        action.due_date = new_due_date
        action.due_by_next_meeting = False
    # No check of the version the author opened: an update is added to the action's dated
    # log and overwrites no one's text, and the action's status is what its latest update
    # says.
    save_tracked(
        action, by=by, opened_version=None, reason=f"Update: {action.get_status_display()}"
    )
    return update


def action_close(*, action: Action, text: str, closed_on: date, by: User) -> ActionUpdate:
    return action_update_add(
        action=action, text=text, status=Action.Status.COMPLETE, written_on=closed_on, by=by
    )


def action_reopen(*, action: Action, text: str, reopened_on: date, by: User) -> ActionUpdate:
    return action_update_add(
        action=action, text=text, status=Action.Status.OPEN, written_on=reopened_on, by=by
    )


def _validate(
    *,
    group: Group,
    title: str,
    owners: list[Person],
    due_date: date | None,
    due_by_next_meeting: bool,
) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the action"
    if not owners:
        errors["owners"] = "Choose at least one owner"
    elif any(owner.partnership_id != group.partnership_id for owner in owners):
        errors["owners"] = "Choose owners from this partnership"
    if due_date is not None and due_by_next_meeting:
        errors["due_date"] = "Choose a due date or by the next meeting, not both"
    if errors:
        raise ValidationError(errors)
