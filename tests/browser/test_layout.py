import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sendboard.performance.tests.factories import IndicatorFactory, ObservationFactory

from . import records
from .helpers import sign_in, visit

pytestmark = pytest.mark.browser


def test_the_meeting_buttons_line_up_whether_they_are_links_or_forms(page, board, people):
    meeting = records.board_meeting(board, people["manager"], days_from_today=-1)
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())

    buttons = page.locator(".govuk-button-group").first.locator(".govuk-button")
    tops = {
        name: box["y"] for name, box in ((b.inner_text(), b.bounding_box()) for b in buttons.all())
    }

    assert set(tops) == {"Change the meeting details", "Mark as held", "Cancel the meeting"}
    assert len(set(tops.values())) == 1, tops


@pytest.fixture
def wide_tables(board, people):
    """A held meeting with an action, a forward-plan item, a published summary and a
    figure: each list has rows."""
    meeting = records.held_board_meeting(board, people)
    records.planned_report(
        records.board_meeting(board, people["manager"]), people["chair"], people["manager"]
    )
    records.published_summary(meeting, people["manager"])
    meeting.indicator = ObservationFactory(
        indicator=IndicatorFactory(partnership=board.partnership)
    ).indicator
    return meeting


@pytest.mark.parametrize(
    ("name", "tables"),
    [
        ("action_list", ["Action log"]),
        ("meeting_list", ["Upcoming meetings", "Past meetings"]),
        ("forward_plan", None),
        ("group_list", ["Groups of Northshire SEND Partnership"]),
        ("person_list", ["People of Northshire SEND Partnership"]),
        ("indicator_detail", ["Figures by period"]),
        ("summary_list", ["Summaries"]),
        ("group_detail", ["Members of SEND Partnership Board"]),
        (
            "attendance_edit",
            ["Members of SEND Partnership Board and people already recorded"],
        ),
    ],
)
def test_a_phone_scrolls_the_wide_tables_not_the_page(
    page, wide_tables, partnership, board, name, tables
):
    of = {
        "group_detail": [board.slug],
        "attendance_edit": [wide_tables.code],
        "indicator_detail": [wide_tables.indicator.code],
    }.get(name, [])
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "manager")
    visit(page, reverse(name, args=[partnership.slug, *of]))

    page_width = page.evaluate("document.documentElement.scrollWidth")
    scrollers = page.locator(".sb-table-scroll")

    assert page_width <= 375
    assert scrollers.count() >= 1
    for scroller in scrollers.all():
        # Someone using a keyboard can reach the region to scroll it, and hears its name.
        assert scroller.get_attribute("role") == "region"
        assert scroller.get_attribute("tabindex") == "0"
        assert scroller.get_attribute("aria-label")
        assert scroller.locator("table").count() == 1
    if tables:
        for label in tables:
            assert page.get_by_role("region", name=label).count() == 1


def test_a_phone_scrolls_the_meetings_own_tables_not_the_page(page, wide_tables):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "manager")
    visit(page, wide_tables.get_absolute_url())

    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_menu_fits_on_one_line_with_sign_out_in_the_header(new_context, people):
    page = new_context(viewport={"width": 960, "height": 800}).new_page()
    sign_in(page, "manager")

    menu = page.get_by_role("navigation", name="Menu")
    tops = {item.inner_text(): item.bounding_box()["y"] for item in menu.get_by_role("link").all()}
    account = page.get_by_role("banner")

    assert len(set(tops.values())) == 1, tops
    assert menu.get_by_role("button", name="Sign out").count() == 0
    expect(account.get_by_text("Manager Tester", exact=True)).to_be_visible()
    expect(account.get_by_role("button", name="Sign out")).to_be_visible()


def test_signing_out_from_the_header_needs_no_javascript(new_context, people):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "manager")

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()


def test_on_a_phone_the_menu_folds_behind_a_menu_button(page, people):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "manager")
    menu = page.get_by_role("button", name="Menu")
    action_log = page.get_by_role("link", name="Action log", exact=True)

    expect(menu).to_be_visible()
    expect(action_log).to_be_hidden()
    menu.click()
    expect(action_log).to_be_visible()


def test_on_a_desktop_the_menu_is_open_with_no_menu_button(page, people):
    sign_in(page, "manager")

    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("link", name="Action log", exact=True)).to_be_visible()
