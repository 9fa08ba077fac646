import pytest
from playwright.sync_api import expect

from sendboard.meetings.models import MinuteEntry

from . import records
from .helpers import sign_in, success_banner, visit

pytestmark = pytest.mark.browser

CHALLENGE = "The chair asked why fewer plans were finished within 20 weeks."
RESPONSE = "Educational psychology advice was late; two locum psychologists start next month."
DECISION = "The board agreed to review timeliness every month until it reaches 60 per cent."


@pytest.fixture
def item(board, people):
    meeting = records.board_meeting(board, people["manager"], days_from_today=0)
    return records.discussed_item(meeting, people["manager"])


def add_to_minutes(page, item, kind: str, text: str, **choices) -> None:
    page.get_by_role("link", name=f"Add to the minutes of item {item.position}").click()
    page.get_by_role("radio", name=kind, exact=True).check()
    page.get_by_label("Minutes", exact=True).fill(text)
    for label, option in choices.items():
        page.get_by_label(label).select_option(label=option)
    page.get_by_role("button", name="Add to the minutes").click()
    expect(success_banner(page)).to_contain_text("Minutes added")


def test_the_manager_minutes_a_challenge_its_response_and_a_decision(page, item):
    sign_in(page, "manager")
    visit(page, item.meeting.get_absolute_url())

    add_to_minutes(page, item, "Challenge", CHALLENGE, **{"Who spoke (optional)": "Chair Tester"})
    add_to_minutes(
        page,
        item,
        "Response",
        RESPONSE,
        **{"The challenge it responds to": f"Challenge: {CHALLENGE[:60]}"},
    )
    add_to_minutes(page, item, "Decision", DECISION)

    section = page.get_by_role("region", name=item.title)
    expect(section.locator(".sb-minute-entry")).to_contain_text(
        [f"Challenge: {CHALLENGE}", f"Response: {RESPONSE}", f"Decision: {DECISION}"]
    )
    response = MinuteEntry.objects.get(kind=MinuteEntry.Kind.RESPONSE)
    assert response.responds_to.text == CHALLENGE
