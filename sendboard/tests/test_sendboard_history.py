import datetime

from django.template import Context, Template

from sendboard.actions.services import action_create, action_edit, action_update_add
from sendboard.core.templatetags.sendboard_history import change_history
from sendboard.meetings.services import meeting_create


def _changes(record) -> list[str]:
    return [
        f"{change['field']}: {change['old']} to {change['new']}"
        for entry in change_history(record)["entries"]
        for change in entry["changes"]
    ]


def test_history_names_a_status_by_its_label(board, people, editor_user):
    action = action_create(
        group=board, title="Share notes", owners=[people["member"]], by=editor_user
    )
    action_update_add(
        action=action,
        text="Drafted",
        status="in_progress",
        written_on=datetime.date(2026, 3, 2),
        by=editor_user,
    )
    assert "status: Open to In progress" in _changes(action)


def test_history_names_owners_and_meetings_not_their_ids(board, people, editor_user):
    action = action_create(
        group=board, title="Share notes", owners=[people["member"]], by=editor_user
    )
    action_edit(
        action=action,
        title="Share notes",
        description="",
        owners=[people["member"], people["chair"]],
        due_date=None,
        due_by_next_meeting=True,
        opened_version=action.version,
        by=editor_user,
    )
    changes = _changes(action)
    assert "owners: Member Tester to Chair Tester, Member Tester" in changes
    assert "due by next meeting: No to Yes" in changes
    meeting = meeting_create(group=board, date=datetime.date(2026, 3, 11), by=editor_user)
    meeting.minutes_approved_at = meeting_create(
        group=board, date=datetime.date(2026, 4, 8), by=editor_user
    )
    meeting.save()
    assert any(change.endswith(f"to {meeting.minutes_approved_at}") for change in _changes(meeting))


def _edit_description(action, description: str, by) -> None:
    action_edit(
        action=action,
        title=action.title,
        description=description,
        owners=list(action.owners.all()),
        due_date=None,
        due_by_next_meeting=False,
        opened_version=action.version,
        by=by,
    )


def test_history_says_a_long_text_changed_without_repeating_it(board, people, editor_user):
    action = action_create(
        group=board, title="Share notes", owners=[people["member"]], by=editor_user
    )
    _edit_description(action, " ".join(["Share the notes."] * 30), editor_user)
    _edit_description(action, " ".join(["Share the notes with families."] * 40), editor_user)

    changed, added = [
        change
        for entry in change_history(action)["entries"]
        for change in entry["changes"]
        if change["field"] == "description"
    ]

    assert changed["summary"] == "changed, from 509 to 1,239 characters"
    assert added["summary"] == "added, 509 characters"
    page = Template("{% load sendboard_history %}{% change_history action %}").render(
        Context({"action": action})
    )
    assert "Description changed, from 509 to 1,239 characters" in page
    assert "Share the notes" not in page


def test_history_shows_a_short_text_in_full(board, people, editor_user):
    action = action_create(
        group=board, title="Share notes", owners=[people["member"]], by=editor_user
    )
    _edit_description(action, "Share them by Friday.", editor_user)

    assert "description:  to Share them by Friday." in _changes(action)
