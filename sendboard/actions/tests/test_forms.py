from sendboard.actions.forms import ActionCreateForm, ActionUpdateForm, Due
from sendboard.actions.services import action_create


def test_an_impossible_due_date_gets_one_plain_message(board, people, partnership):
    form = ActionCreateForm(
        {
            "group": board.pk,
            "title": "Share the workshop notes",
            "owners": [people["member"].pk],
            "due": Due.DATE,
            "due_date_0": "31",
            "due_date_1": "2",
            "due_date_2": "2027",
        },
        partnership=partnership,
    )
    assert form.errors["due_date"] == ["The due date must be a real date"]


def test_an_impossible_date_of_update_says_so_in_words(board, people, editor_user):
    action = action_create(
        group=board, title="Share notes", owners=[people["member"]], by=editor_user
    )
    form = ActionUpdateForm(
        {
            "status": "in_progress",
            "text": "Drafted",
            "written_on_0": "32",
            "written_on_1": "13",
            "written_on_2": "2026",
        },
        action=action,
    )
    assert form.errors["written_on"] == ["The date of the update must be a real date"]
