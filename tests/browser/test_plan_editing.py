import pytest
from playwright.sync_api import expect

from sendboard.plans import services as plans

from . import records
from .helpers import assert_accessible, sign_in, success_banner, visit

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def line(partnership, people):
    """Line 1.1, owned by the member and updated last month, and a second line, 1.2."""
    return records.improvement_plan(partnership, people)


@pytest.fixture
def second(line, people):
    return plans.plan_action_create(
        outcome=line.outcome,
        reference="1.2",
        text="Train SENCOs on the new plan template",
        by=people["editor"].user,
    )


def test_an_owner_updates_a_line_with_evidence_and_a_file(page, line):
    sign_in(page, "member")
    visit(page, line.get_absolute_url())

    page.get_by_role("button", name="Record progress").click()
    page.get_by_role("radio", name="On track").check()
    page.get_by_label("Update (optional)").fill("The second writer started on Monday")
    page.get_by_role("button", name="Save update").click()
    expect(success_banner(page)).to_contain_text("Update recorded for 1.1")

    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("Up to 10 MB")).to_be_visible()
    assert_accessible(page, "The evidence form with a file")
    page.get_by_label("What the evidence shows").fill("Both writers' contracts")
    page.get_by_label("File (optional)").set_input_files(
        {"name": "contracts.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Add evidence").click()

    expect(success_banner(page)).to_contain_text("Evidence added to 1.1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file").click()
    assert download.value.suggested_filename.startswith("contracts")

    page.get_by_role("link", name="Withdraw").click()
    assert_accessible(page, "Withdrawing evidence")
    page.get_by_label("Why is it withdrawn? (optional)").fill("Contracts are confidential")
    page.get_by_role("button", name="Withdraw evidence").click()
    expect(success_banner(page)).to_contain_text("withdrawn from 1.1")
    expect(page.get_by_text("No evidence yet.")).to_be_visible()


def test_an_editor_changes_a_line_and_moves_it_up(page, line, second):
    sign_in(page, "editor")
    visit(page, second.get_absolute_url())

    page.get_by_role("button", name="Change the action").click()
    assert_accessible(page, "Changing a line")
    page.get_by_label("Action", exact=True).fill("Train every SENCO on the new plan template")
    page.get_by_role("button", name="Save changes").click()
    expect(success_banner(page)).to_contain_text("Action 1.2 saved")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Train every SENCO")

    visit(page, line.outcome.area.plan.get_absolute_url())
    assert_accessible(page, "The tracker with its tools")
    page.get_by_role("button", name="Move up action 1.2").click()
    expect(success_banner(page)).to_contain_text("Action 1.2 moved up")
    assert [each.reference for each in line.outcome.plan_actions.all()] == ["1.2", "1.1"]


def test_an_editor_is_told_why_a_line_with_progress_stays_and_links_an_action(
    page, line, second, board, people
):
    meeting = records.board_meeting(board, people["manager"], days_from_today=-7)
    item = records.discussed_item(meeting, people["manager"])
    action = records.action_raised(meeting, item, people["member"], people["manager"])
    sign_in(page, "editor")
    visit(page, line.get_absolute_url())

    page.get_by_role("button", name="Remove the action").click()
    expect(page.get_by_text("cannot be removed")).to_be_visible()
    expect(page.get_by_role("button", name="Remove the action")).to_have_count(0)
    assert_accessible(page, "A removal refused")

    visit(page, second.get_absolute_url())
    page.get_by_role("button", name="Remove the action").click()
    assert_accessible(page, "Confirming a removal")

    visit(page, line.get_absolute_url())
    page.get_by_role("button", name="Link an action or forward plan item").click()
    assert_accessible(page, "Linking an action")
    page.get_by_label("Action from the action log").select_option(str(action.pk))
    page.get_by_role("button", name="Link to this line").click()
    expect(success_banner(page)).to_contain_text("Linked to 1.1")
    page.get_by_role("button", name=f"Unlink action {action.reference}").click()
    expect(page.get_by_text("No meeting actions or forward-plan items")).to_be_visible()
