"""The demo's plan, highlight reports and risk register read as pages, with their figures."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from sendboard.demo.tests.building import FAST_HASHER
from sendboard.meetings.models import Meeting
from sendboard.plans.models import ReportingPeriod
from sendboard.plans.queries import tracker


@pytest.fixture
def member(demo, db) -> Client:
    client = Client()
    with FAST_HASHER:
        assert client.login(username="northshire.member", password="demo-member")
    return client


def test_the_plan_page_shows_the_open_month_and_a_line_shows_its_story(demo, member):
    plan = demo.improvement_plans.get()
    page = member.get(plan.get_absolute_url())
    assert page.status_code == 200
    assert tracker(plan).rollup.sentence() in page.content.decode()
    line = member.get(
        plan.areas.get(reference="APA2")
        .outcomes.get(reference="4")
        .plan_actions.get(reference="4.7")
        .get_absolute_url()
    )
    assert line.status_code == 200
    assert "Deep dive" in line.content.decode()


def test_the_last_highlight_report_reads_with_its_story(demo, member):
    plan = demo.improvement_plans.get()
    period = plan.periods.filter(state=ReportingPeriod.State.CLOSED).latest("ends_on")
    url = reverse(
        "highlight_report",
        kwargs={"partnership": demo.slug, "code": plan.code, "period": period.code},
    )
    page = member.get(url)
    assert page.status_code == 200
    opening = period.highlight_report.introduction.splitlines()[0]
    assert escape(opening) in page.content.decode()


def test_the_risk_register_and_the_last_board_meeting_read(demo, member):
    register = member.get(reverse("risk_list", kwargs={"partnership": demo.slug}))
    assert register.status_code == 200
    assert "closes its waiting list" in register.content.decode()
    meeting = Meeting.objects.filter(
        group__partnership=demo, group__kind="board", status=Meeting.Status.HELD
    ).latest("date")
    page = member.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert "highlight report for" in page.content.decode()
