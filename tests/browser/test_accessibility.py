"""An axe-core pass on each kind of page: no serious or critical WCAG 2.2 A/AA violation.

Each page is checked as the person who sees the most of it: the manager for working
pages (with every editing tool showing), the action owner for "My actions", a
signed-out visitor for the public pages.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sendboard.actions.models import Action
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.meetings.models import Meeting
from sendboard.plans.models import PlanAction
from sendboard.publishing.models import PublicSummary

from . import records
from .helpers import assert_accessible, axe_violations, error_summary, sign_in, visit

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class EveryPage:
    """Records for every page kind: a held board meeting with everything, and the next one."""

    meeting: Meeting
    next_meeting: Meeting
    action: Action
    planned: ForwardPlanItem
    summary: PublicSummary
    draft_summary: PublicSummary
    line: PlanAction


@pytest.fixture
def records_for_every_page(board, people) -> EveryPage:
    manager = people["manager"]
    records.subgroup(board)
    meeting = records.held_board_meeting(board, people)
    records.published_minutes(meeting, manager)  # agreed at a meeting yesterday
    next_meeting = records.board_meeting(board, manager, days_from_today=21)
    action = records.action_with_update(meeting.raised_actions.get(), manager)
    planned = records.planned_report(next_meeting, people["editor"], manager)
    return EveryPage(
        meeting=meeting,
        next_meeting=next_meeting,
        action=action,
        planned=planned,
        summary=records.published_summary(meeting, manager),
        draft_summary=records.draft_summary(next_meeting, manager),
        line=records.improvement_plan(board.partnership, people),
    )


def _url(name: str, *args) -> str:
    return reverse(name, args=["northshire", *args])


# Page kind -> where it is. Each group is checked in one signed-in browser, one subtest a page.
MANAGER_PAGES = {
    "partnership home": lambda r: _url("partnership_home"),
    "group list": lambda r: _url("group_list"),
    "group page": lambda r: _url("group_detail", "board"),
    "people": lambda r: _url("person_list"),
    "person form": lambda r: _url("person_create"),
    "meetings list": lambda r: _url("meeting_list"),
    "meeting page with agenda and minutes": lambda r: r.meeting.get_absolute_url(),
    "meeting page with a draft agenda": lambda r: r.next_meeting.get_absolute_url(),
    "meeting create form": lambda r: _url("meeting_create"),
    "meeting edit form": lambda r: _url("meeting_edit", r.next_meeting.code),
    "agenda item form": lambda r: _url("agenda_item_create", r.next_meeting.code),
    "agenda item removal confirmation": lambda r: _url(
        "agenda_item_remove", r.next_meeting.items.first().code
    ),
    "paper upload form": lambda r: _url("paper_upload", r.next_meeting.items.first().code),
    "attendance form": lambda r: _url("attendance_edit", r.next_meeting.code),
    "minutes entry form": lambda r: _url("minute_entry_create", r.next_meeting.items.first().code),
    "action log": lambda r: _url("action_list"),
    "action page": lambda r: r.action.get_absolute_url(),
    "action edit form": lambda r: _url("action_edit", r.action.code),
    "forward plan": lambda r: _url("forward_plan"),
    "forward plan item page": lambda r: r.planned.get_absolute_url(),
    "forward plan item form": lambda r: _url("forward_plan_item_create"),
    "forward plan item edit form": lambda r: _url("forward_plan_item_edit", r.planned.code),
    "forward plan item deferral form": lambda r: _url("forward_plan_item_defer", r.planned.code),
    "summaries list": lambda r: _url("summary_list"),
    "summary page": lambda r: _url("summary_detail", r.draft_summary.code),
    "summary edit": lambda r: _url("summary_edit", r.draft_summary.code),
    "summary redraft confirmation": lambda r: _url("summary_redraft", r.draft_summary.code),
    "improvement plans": lambda r: _url("plan_list"),
    "plan tracker, open period": lambda r: _plan(r).get_absolute_url(),
    "plan tracker, closed period": lambda r: (
        f"{_plan(r).get_absolute_url()}?period={_plan(r).periods.last().code}"
    ),
    "plan period form": lambda r: _url("period_open", _plan(r).code),
    "plan start form": lambda r: _url("plan_create"),
    "plan priority area form": lambda r: _url("priority_area_create", _plan(r).code),
    "plan outcome form": lambda r: _url("outcome_create", r.line.outcome.area.code),
    "plan line form": lambda r: _url("plan_action_create", r.line.outcome.code),
    "plan line page": lambda r: r.line.get_absolute_url(),
    "plan line transfer form": lambda r: _url("plan_action_transfer", r.line.code),
}
OWNER_PAGES = {
    "my actions": lambda r: _url("my_actions"),
    "action update form": lambda r: _url("action_update_add", r.action.code),
    "plan line progress form": lambda r: _url("progress_record", r.line.code),
    "plan line evidence form": lambda r: _url("evidence_add", r.line.code),
}
PUBLIC_PAGES = {
    "sign-in": lambda r: reverse("login"),
    "public home": lambda r: _url("public_home"),
    "public summary": lambda r: r.summary.get_absolute_url(),
    "public minutes": lambda r: _url("public_minutes", r.meeting.code),
    "accessibility statement": lambda r: reverse("accessibility"),
}


def _plan(found: EveryPage):
    return found.line.outcome.area.plan


def check_pages(page, subtests, pages: dict, found: EveryPage) -> None:
    for kind, where in pages.items():
        with subtests.test(msg=kind):
            visit(page, where(found))
            assert_accessible(page, kind)


def test_the_working_pages_have_no_serious_accessibility_problem(
    page, subtests, records_for_every_page
):
    sign_in(page, "manager")

    check_pages(page, subtests, MANAGER_PAGES, records_for_every_page)


def test_the_pages_of_an_action_owner_have_no_serious_accessibility_problem(
    page, subtests, records_for_every_page
):
    sign_in(page, "member")

    check_pages(page, subtests, OWNER_PAGES, records_for_every_page)


def test_the_public_pages_have_no_serious_accessibility_problem(
    page, subtests, records_for_every_page
):
    check_pages(page, subtests, PUBLIC_PAGES, records_for_every_page)


def test_the_action_form_showing_errors_has_no_serious_accessibility_problem(page, people):
    sign_in(page, "manager")
    visit(page, _url("action_create"))
    page.get_by_role("button", name="Save").click()
    expect(error_summary(page)).to_be_visible()

    assert_accessible(page, "action form with errors")


def test_the_action_log_with_several_pages_has_no_serious_accessibility_problem(
    page, board, people
):
    manager = people["manager"]
    meeting = records.board_meeting(board, manager, days_from_today=-7)
    item = records.discussed_item(meeting, manager)
    for number in range(1, 53):
        records.action_raised(meeting, item, people["member"], manager, title=f"Action {number}")
    sign_in(page, "manager")
    visit(page, f"{_url('action_list')}?page=2")
    expect(page.get_by_role("navigation", name="Pages of results")).to_be_visible()

    assert_accessible(page, "action log, page 2 of 2")


def test_the_page_refusing_a_role_has_no_serious_accessibility_problem(page, people):
    sign_in(page, "viewer")
    visit(page, _url("meeting_create"), status=403)

    assert_accessible(page, "page refusing a role")


def test_the_page_not_found_has_no_serious_accessibility_problem(page, people):
    sign_in(page, "manager")
    visit(page, "/northshire/no-such-page/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    assert_accessible(page, "page not found")


def test_the_accessibility_check_itself_finds_a_serious_problem(page):
    page.set_content(
        '<html lang="en"><title>Broken</title><main><img src="chart.png">'
        "<button></button></main></html>"
    )

    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "button-name"} <= found
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, "a broken page")
