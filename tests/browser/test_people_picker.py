"""The people picker: a short page however many people the partnership has, with and
without JavaScript (issue 8: one checkbox per person made an action's edit page 3,400 px
tall with 34 people)."""

import pytest
from django import forms
from playwright.sync_api import expect

from sendboard.actions.forms import ActionEditForm
from sendboard.actions.models import Action
from sendboard.governance.tests.factories import PersonFactory

from . import records
from .helpers import assert_accessible, choose_person, sign_in, success_banner, visit

pytestmark = pytest.mark.browser

# The pilot's partnership: 34 people who might own an action.
PEOPLE = 34


@pytest.fixture
def action(partnership, board, people):
    for number in range(PEOPLE - len(people)):
        PersonFactory(partnership=partnership, name=f"Person {number:02d} Example")
    meeting = records.board_meeting(board, people["manager"], days_from_today=0)
    item = records.discussed_item(meeting, people["manager"])
    return records.action_raised(meeting, item, people["member"], people["manager"])


def _height(page) -> int:
    return round(page.locator("body").bounding_box()["height"])


def _edit_page_height(page, action) -> int:
    visit(page, action.get_absolute_url() + "edit/")
    return _height(page)


def _checkbox_per_person(monkeypatch) -> None:
    """The owners field as it was before the picker: a GOV.UK checkbox for every person."""
    old = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Owners"
    )
    monkeypatch.setitem(ActionEditForm.base_fields, "owners", old)


def _csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def test_with_javascript_the_page_is_short_and_owners_are_typed_added_and_taken_off(
    new_context, action, monkeypatch, record_property
):
    page = new_context().new_page()
    csp_errors = _csp_errors(page)
    sign_in(page, "manager")
    with monkeypatch.context() as patched:
        _checkbox_per_person(patched)
        before = _edit_page_height(page, action)
        expect(page.get_by_role("checkbox")).to_have_count(PEOPLE)
    after = _edit_page_height(page, action)
    record_property("edit page height before, px", before)
    record_property("edit page height with the picker, px", after)
    assert after < before - 1500, (before, after)
    assert after < 2000, after
    owners = page.get_by_role("group", name="Owners")
    expect(owners.get_by_role("checkbox", name="Member Tester")).to_be_checked()
    # The spare list is for pages without JavaScript; here one type-ahead adds anyone.
    expect(owners.get_by_label("Add another owner", exact=True)).to_have_count(0)

    page.get_by_label("Add an owner", exact=True).fill("person 07")
    expect(page.get_by_role("option")).to_have_count(1)
    page.get_by_role("option").first.click()
    expect(owners.get_by_role("checkbox", name="Person 07 Example")).to_be_checked()
    # Said to a screen reader, whose focus stays in the box.
    expect(page.locator("[data-people-picker-status]")).to_contain_text("Person 07 Example")
    # The next box takes the focus, to add the next owner straight away.
    expect(page.get_by_label("Add another owner", exact=True)).to_be_focused()
    page.keyboard.type("Chair")
    page.keyboard.press("Enter")
    expect(owners.get_by_role("checkbox", name="Chair Tester")).to_be_checked()
    owners.get_by_role("checkbox", name="Member Tester").uncheck()
    assert_accessible(page, "The action edit page with the people picker")
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_be_visible()
    names = sorted(owner.name for owner in Action.objects.get().owners.all())
    assert names == ["Chair Tester", "Person 07 Example"]
    assert csp_errors == []


def test_without_javascript_owners_are_picked_from_short_lists(new_context, action):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "manager")
    visit(page, action.get_absolute_url() + "edit/")

    owners = page.get_by_role("group", name="Owners")
    expect(owners.get_by_role("checkbox")).to_have_count(1)
    choose_person(page, "Add an owner", "Person 03 Example")
    choose_person(page, "Add another owner", "Chair Tester")
    owners.get_by_role("checkbox", name="Member Tester").uncheck()
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_be_visible()
    names = sorted(owner.name for owner in Action.objects.get().owners.all())
    assert names == ["Chair Tester", "Person 03 Example"]


def test_without_javascript_no_owner_left_is_an_error_linked_to_the_add_list(new_context, action):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "manager")
    visit(page, action.get_absolute_url() + "edit/")
    page.get_by_role("group", name="Owners").get_by_role("checkbox").uncheck()
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Choose at least one owner").click()
    expect(page.get_by_label("Add an owner", exact=True)).to_be_focused()


def test_the_picker_as_the_server_sends_it_is_accessible(new_context, action):
    """axe needs JavaScript, so the picker's own script is blocked instead: the page is
    the one a browser without JavaScript gets."""
    page = new_context().new_page()
    page.route("**/people-picker.js", lambda route: route.abort())
    sign_in(page, "manager")
    visit(page, action.get_absolute_url() + "edit/")
    expect(page.get_by_label("Add another owner", exact=True)).to_be_visible()
    assert_accessible(page, "The action edit page without the picker's script")
