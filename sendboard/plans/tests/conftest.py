import datetime

import pytest
from django.utils import timezone

from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
    ReportingPeriodFactory,
)


def month_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return first, last


@pytest.fixture
def plan(partnership):
    return ImprovementPlanFactory(partnership=partnership, title="Priority Action Plan")


@pytest.fixture
def outcome(plan):
    area = PriorityAreaFactory(plan=plan, reference="APA1", title="Timely plans")
    return OutcomeFactory(area=area, reference="1", title="Plans on time")


@pytest.fixture
def line(outcome, people):
    """A line owned by the member."""
    return PlanActionFactory(
        outcome=outcome, reference="1.1", text="Recruit plan writers", owners=[people["member"]]
    )


@pytest.fixture
def this_month(plan):
    """The open period: this month, so evidence dated today counts in it."""
    starts_on, ends_on = month_of(timezone.localdate())
    return ReportingPeriodFactory(plan=plan, starts_on=starts_on, ends_on=ends_on)


@pytest.fixture
def last_month(plan):
    """A period before this month's, left open for a test to close."""
    starts_on, ends_on = month_of(timezone.localdate().replace(day=1) - datetime.timedelta(days=1))
    return ReportingPeriodFactory(plan=plan, starts_on=starts_on, ends_on=ends_on)
