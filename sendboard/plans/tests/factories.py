import datetime

import factory

from sendboard.governance.tests.factories import ClerkRecordedFactory, PartnershipFactory
from sendboard.plans import services
from sendboard.plans.models import (
    ImprovementPlan,
    Outcome,
    PlanAction,
    PriorityArea,
    ReportingPeriod,
    Status,
)


class ImprovementPlanFactory(ClerkRecordedFactory):
    class Meta:
        model = ImprovementPlan

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Priority Action Plan {n}")
    kind = ImprovementPlan.Kind.PRIORITY_ACTION_PLAN
    source = "Area SEND inspection"
    starts_on = datetime.date(2026, 1, 1)


class PriorityAreaFactory(ClerkRecordedFactory):
    class Meta:
        model = PriorityArea

    plan = factory.SubFactory(ImprovementPlanFactory)
    reference = factory.Sequence(lambda n: f"APA{n}")
    title = "Timely, high-quality EHC plans"


class OutcomeFactory(ClerkRecordedFactory):
    class Meta:
        model = Outcome

    area = factory.SubFactory(PriorityAreaFactory)
    reference = factory.Sequence(lambda n: str(n))
    title = "Plans are issued within 20 weeks"


class PlanActionFactory(ClerkRecordedFactory):
    class Meta:
        model = PlanAction
        skip_postgeneration_save = True

    outcome = factory.SubFactory(OutcomeFactory)
    reference = factory.Sequence(lambda n: f"1.{n}")
    text = "Recruit two more EHC plan writers"
    status = Status.NOT_STARTED
    due_on = datetime.date(2026, 6, 30)

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)


class ReportingPeriodFactory(ClerkRecordedFactory):
    class Meta:
        model = ReportingPeriod

    plan = factory.SubFactory(ImprovementPlanFactory)
    starts_on = datetime.date(2026, 11, 1)
    ends_on = datetime.date(2026, 11, 30)


def record_progress(line: PlanAction, by, status: Status, *, impact: str = "") -> None:
    """An update through the service, as an owner or editor makes it."""
    services.progress_record(
        plan_action=line,
        status=status,
        impact=impact,
        risks_and_mitigations="",
        opened_version=None,
        by=by,
    )
    line.refresh_from_db()


def close_and_open_next(period: ReportingPeriod, by) -> ReportingPeriod:
    """Close `period`, freezing its lines, and open the one after it."""
    services.period_close(period=period, by=by)
    starts_on = period.ends_on + datetime.timedelta(days=1)
    return services.period_open(
        plan=period.plan,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=40),
        by=by,
    )
