import pytest
from playwright.sync_api import expect

from . import records
from .helpers import error_summary, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def action(board, people):
    meeting = records.board_meeting(board, people["manager"], days_from_today=-7)
    item = records.discussed_item(meeting, people["manager"])
    return records.action_raised(meeting, item, people["member"], people["manager"])


def test_a_stale_edit_is_refused_with_the_error_summary(new_context, action):
    manager = new_context().new_page()
    editor = new_context().new_page()
    sign_in(manager, "manager")
    sign_in(editor, "editor")
    edit_url = f"{action.get_absolute_url()}edit/"
    visit(manager, edit_url)
    visit(editor, edit_url)

    manager.get_by_label("Action", exact=True).fill("Publish the annual review recovery plan")
    manager.get_by_role("button", name="Save").click()
    expect(success_banner(manager)).to_contain_text(f"Action {action.reference} saved")

    editor.get_by_label("Action", exact=True).fill("Share the recovery plan with schools")
    editor.get_by_role("button", name="Save").click()

    summary = error_summary(editor)
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("was changed by Manager Tester after you opened it")
    expect(editor.get_by_label("Action", exact=True)).to_have_value(
        "Publish the annual review recovery plan"
    )
    action.refresh_from_db()
    assert action.title == "Publish the annual review recovery plan"
