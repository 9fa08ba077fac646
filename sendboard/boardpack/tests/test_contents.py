import datetime

import pytest

from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.queries import NoSuchMeeting, meeting_named
from sendboard.meetings.tests.factories import MeetingFactory
from sendboard.plans.models import ReportingPeriod
from sendboard.plans.tests.factories import ImprovementPlanFactory, ReportingPeriodFactory


def _section(pack, title_start: str):
    return next(section for section in pack.sections if section.title.startswith(title_start))


def test_a_first_meeting_says_there_are_no_earlier_minutes(board):
    meeting = MeetingFactory(group=board, number=1)

    gap = _section(pack_for(meeting), "Minutes").gap

    assert gap == (
        "This is the first meeting of SEND Partnership Board in sendboard, "
        "so there are no earlier minutes."
    )


def test_the_newest_period_ended_by_the_meeting_is_reported_not_a_later_one(meeting, plan):
    ReportingPeriodFactory(
        plan=plan,
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 2, 28),
        state=ReportingPeriod.State.CLOSED,
    )
    report = _section(pack_for(meeting), "Highlight report").report

    assert str(report.period) == "January 2026"
    assert report.provisional


def test_with_no_period_ended_the_open_one_stands_in_marked_provisional(board, plan):
    meeting = MeetingFactory(group=board, number=20, date=datetime.date(2026, 1, 20))

    report = _section(pack_for(meeting), "Highlight report").report

    assert str(report.period) == "January 2026"
    assert report.provisional


def test_a_plan_without_a_period_says_so_in_its_place(meeting, partnership):
    ImprovementPlanFactory(partnership=partnership, title="Written Statement of Action")

    section = _section(pack_for(meeting), "Highlight report")

    assert section.title == "Highlight report: Written Statement of Action"
    assert section.gap == (
        "Written Statement of Action has no reporting period yet, so it has no highlight report."
    )


def test_a_plan_ended_before_the_meeting_is_left_out(meeting, partnership):
    ImprovementPlanFactory(
        partnership=partnership,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )

    section = _section(pack_for(meeting), "Improvement plan")

    assert section.gap == "The partnership has no improvement plan active at this meeting."


@pytest.mark.parametrize(
    "reference", ["northshire/8", "/northshire/8/", "northshire/board/8", "{code}"]
)
def test_a_meeting_is_named_by_its_number_or_its_code(meeting, reference):
    assert meeting_named(reference.format(code=meeting.code)) == meeting


def test_a_subgroup_meeting_is_not_taken_for_the_boards(subgroup, meeting):
    MeetingFactory(group=subgroup, number=5)

    with pytest.raises(NoSuchMeeting):
        meeting_named("northshire/5")
