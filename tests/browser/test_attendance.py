import pytest
from playwright.sync_api import expect

from sendboard.governance.tests.factories import OrganisationFactory, PersonFactory
from sendboard.meetings.models import Attendance

from . import records
from .helpers import assert_accessible, error_summary, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(board, people):
    return records.board_meeting(board, people["manager"], days_from_today=0)


def test_the_manager_records_who_was_present_who_sent_apologies_and_who_deputised(
    page, meeting, people
):
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())
    page.get_by_role("button", name="Record attendance").click()

    page.get_by_label("How Chair Tester attended").select_option(label="Present")
    page.get_by_label("How Member Tester attended").select_option(label="Apologies")
    page.get_by_label("Another person, row 1").select_option(label=people["editor"].described)
    page.get_by_label("How they attended, row 1").select_option(label="Deputising")
    page.get_by_label("Whom they deputised for, row 1").select_option(label="Member Tester")
    page.get_by_role("button", name="Save attendance").click()

    expect(success_banner(page)).to_contain_text("Attendance saved")
    expect(page.get_by_text("(deputising for Member Tester)")).to_be_visible()
    recorded = {row.person.name: row.kind for row in meeting.attendance.select_related("person")}
    assert recorded == {
        "Chair Tester": Attendance.Kind.PRESENT,
        "Member Tester": Attendance.Kind.APOLOGIES,
        "Editor Tester": Attendance.Kind.DEPUTISING,
    }


def test_deputising_without_saying_for_whom_is_shown_in_the_error_summary(page, meeting):
    sign_in(page, "manager")
    visit(page, f"{meeting.get_absolute_url()}attendance/")
    page.get_by_label("How Chair Tester attended").select_option(label="Deputising")
    page.get_by_role("button", name="Save attendance").click()

    summary = error_summary(page)
    expect(summary).to_contain_text("Choose whom Chair Tester was deputising for")
    assert_accessible(page, "attendance form with errors")
    summary.get_by_role("link", name="Choose whom Chair Tester was deputising for").click()
    expect(page.get_by_label("Whom Chair Tester deputised for")).to_be_focused()


def test_the_attendance_page_fits_the_window_when_people_have_long_titles(
    page, meeting, partnership
):
    trust = OrganisationFactory(
        partnership=partnership,
        name="Eastvale and Northshire Hospitals NHS Foundation Trust",
    )
    PersonFactory(
        partnership=partnership,
        name="Ben Hartley",
        job_title="Deputy Divisional Director, Children's Services",
        organisation=trust,
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in(page, "manager")
    visit(page, f"{meeting.get_absolute_url()}attendance/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
