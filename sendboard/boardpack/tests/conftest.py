"""A board meeting with everything its pack gathers: the last meeting's minutes, an
overdue action, an improvement plan with a reporting period, and a figure."""

import datetime

import pytest

from sendboard.actions.tests.factories import ActionFactory
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MinuteEntryFactory,
)
from sendboard.performance.tests.factories import IndicatorFactory, ObservationFactory
from sendboard.plans.models import Status
from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
    ReportingPeriodFactory,
)
from sendboard.risks.tests.factories import add_risk

LAST_DECISION = "The board agreed to review EHC plan timeliness every month."
OVERDUE_ACTION = "Report on the speech and language therapy waiting list"
RISK = "ND pathway provider closes its waiting list for assessment"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def last_meeting(board, people) -> Meeting:
    meeting = MeetingFactory(
        group=board, number=7, date=datetime.date(2026, 1, 14), status=Meeting.Status.HELD
    )
    AttendanceFactory(meeting=meeting, person=people["chair"], kind=Attendance.Kind.PRESENT)
    item = AgendaItemFactory(meeting=meeting, position=1, title="EHC plan timeliness")
    MinuteEntryFactory(item=item, kind=MinuteEntry.Kind.DECISION, text=LAST_DECISION)
    ActionFactory(
        board=board,
        number=12,
        title=OVERDUE_ACTION,
        source_meeting=meeting,
        source_item=item,
        due_date=datetime.date(2026, 2, 1),
        owners=[people["editor"]],
    )
    return meeting


@pytest.fixture
def meeting(board, last_meeting) -> Meeting:
    meeting = MeetingFactory(
        group=board, number=8, date=datetime.date(2026, 2, 11), location="Council Chamber"
    )
    AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Minutes and actions of the last meeting",
        kind=AgendaItem.Kind.STANDING,
        standing=AgendaItem.Standing.MINUTES_AND_ACTIONS,
    )
    AgendaItemFactory(meeting=meeting, position=2, title="Deep dive: autism assessment waits")
    return meeting


@pytest.fixture
def plan(partnership, people):
    plan = ImprovementPlanFactory(partnership=partnership, title="Priority Action Plan")
    area = PriorityAreaFactory(plan=plan, reference="APA1", title="Timely plans")
    outcome = OutcomeFactory(area=area, reference="1", title="Plans on time")
    PlanActionFactory(
        outcome=outcome,
        reference="1.1",
        text="Recruit plan writers",
        status=Status.OFF_TRACK,
        owners=[people["member"]],
    )
    ReportingPeriodFactory(
        plan=plan, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 1, 31)
    )
    return plan


@pytest.fixture
def indicator(partnership):
    indicator = IndicatorFactory(
        partnership=partnership,
        title="EHC plans issued within 20 weeks",
        definition="Plans issued in the period within 20 weeks of the request.",
    )
    ObservationFactory(indicator=indicator)
    return indicator


@pytest.fixture
def risk(partnership, people):
    return add_risk(
        partnership, owner=people["editor"], by=people["manager"].user, escalated_to_board=True
    )


@pytest.fixture
def full_meeting(meeting, plan, indicator, risk) -> Meeting:
    return meeting
