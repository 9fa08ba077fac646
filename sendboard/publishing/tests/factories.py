"""Records publishing reads, made with the models directly.

Meetings, actions and forward plan records are built here rather than with those
apps' own factories so these tests depend only on the models, the shared contract.
"""

import datetime
from dataclasses import dataclass

import factory

from sendboard.actions.models import Action
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Group, Organisation, Person
from sendboard.governance.tests.factories import (
    BoardFactory,
    GroupFactory,
    PersonFactory,
    UserFactory,
)
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.publishing.models import PublicSummary


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(BoardFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = datetime.date(2026, 9, 16)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 30)
    location = "Council Chamber, Northshire Town Hall"
    format = Meeting.Format.HYBRID
    status = Meeting.Status.HELD


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")
    kind = AgendaItem.Kind.OTHER


class MinuteEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinuteEntry

    item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = MinuteEntry.Kind.NOTE
    text = "The group noted the update."


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..meeting.group.partnership")
    )
    kind = Attendance.Kind.PRESENT


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    board = factory.SubFactory(BoardFactory)
    group = factory.SelfAttribute("board")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Action {n}")
    due_date = datetime.date(2026, 10, 31)

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)


class ForwardPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForwardPlanItem

    group = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Forward plan item {n}")
    kind = ForwardPlanItem.Kind.REPORT


class PublicSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicSummary

    meeting = factory.SubFactory(MeetingFactory)
    title = "Summary of the September 2026 Board Meeting"
    body = "## Continuous Improvement Group\n\n- More plans were finished on time.\n"
    by = factory.SubFactory(UserFactory, username="summary-author")

    @classmethod
    def _create(cls, model_class, *args, by, **kwargs):
        # Summaries are only ever made by a person through a service, so history names them.
        summary = model_class(*args, **kwargs)
        summary._history_user = by
        summary.save()
        return summary


@dataclass
class BoardMeetingRecords:
    meeting: Meeting
    next_meeting: Meeting
    chair: Person
    officer: Person
    actions: list[Action]


def board_meeting_with_records(board: Group) -> BoardMeetingRecords:
    """A board meeting as a partnership manager would record it, with named people in the text."""
    partnership = board.partnership
    council = Organisation.objects.create(
        partnership=partnership, name="Northshire Council", kind=Organisation.Kind.COUNCIL
    )
    icb = Organisation.objects.create(
        partnership=partnership, name="Northshire Integrated Care Board", kind=Organisation.Kind.ICB
    )
    chair = PersonFactory(
        partnership=partnership,
        name="Morwenna Tregarthen",
        job_title="Independent Chair",
        organisation=None,
    )
    officer = PersonFactory(
        partnership=partnership,
        name="Priya Okonkwo",
        job_title="Head of SEND",
        organisation=council,
    )
    nurse = PersonFactory(
        partnership=partnership,
        name="Declan Fairweather",
        job_title="Designated Clinical Officer",
        organisation=icb,
    )
    improvement = GroupFactory(
        partnership=partnership, name="Continuous Improvement Group", slug="ci", reports_to=board
    )
    performance = GroupFactory(
        partnership=partnership, name="Performance and Impact Group", slug="pi", reports_to=board
    )
    previous = MeetingFactory(group=board, number=9, date=datetime.date(2026, 8, 12))
    meeting = MeetingFactory(group=board, number=10, date=datetime.date(2026, 9, 16))
    following = MeetingFactory(
        group=board, number=11, date=datetime.date(2026, 10, 14), status=Meeting.Status.PLANNED
    )
    AttendanceFactory(meeting=meeting, person=chair)
    AttendanceFactory(meeting=meeting, person=officer)
    AttendanceFactory(meeting=meeting, person=nurse, kind=Attendance.Kind.APOLOGIES)

    AgendaItemFactory(
        meeting=meeting,
        position=1,
        title="Welcome, introductions and apologies",
        kind=AgendaItem.Kind.STANDING,
        standing=AgendaItem.Standing.WELCOME,
        description="Morwenna Tregarthen welcomed everyone.",
    )
    ci_item = AgendaItemFactory(
        meeting=meeting, position=2, title="Update from the CI group", reporting_group=improvement
    )
    MinuteEntryFactory(
        item=ci_item,
        position=1,
        text="Priya Okonkwo reported that more EHCPs are finished within 20 weeks.",
        speaker=officer,
    )
    MinuteEntryFactory(
        item=ci_item,
        position=2,
        kind=MinuteEntry.Kind.CHALLENGE,
        text="The chair asked why panels take so long.",
    )
    MinuteEntryFactory(
        item=ci_item,
        position=3,
        kind=MinuteEntry.Kind.ESCALATION,
        text="Delays in SALT assessments need the ICB to add capacity.",
        escalated_from=improvement,
    )
    pi_item = AgendaItemFactory(
        meeting=meeting,
        position=3,
        title="Performance report",
        reporting_group=performance,
        description="The SEND dashboard shows shorter waits for speech and language therapy.",
    )
    decision_item = AgendaItemFactory(
        meeting=meeting, position=4, title="SEND strategy", purpose=AgendaItem.Purpose.DECISION
    )
    MinuteEntryFactory(
        item=decision_item,
        position=1,
        kind=MinuteEntry.Kind.DECISION,
        text="The board agreed to move the sign-off of the SEND strategy to November.",
    )
    actions = [
        ActionFactory(
            board=board,
            number=1,
            title="Share the panel timings",
            source_meeting=previous,
            status=Action.Status.COMPLETE,
            closed_on=datetime.date(2026, 9, 1),
            due_date=datetime.date(2026, 9, 1),
            owners=[officer],
        ),
        ActionFactory(
            board=board,
            number=2,
            title="Bring the SALT recovery plan",
            source_meeting=meeting,
            source_item=pi_item,
            due_date=datetime.date(2026, 10, 14),
            owners=[nurse],
        ),
    ]
    ForwardPlanItemFactory(
        group=board, title="Deep dive into preparing for adulthood", target_meeting=following
    )
    ForwardPlanItemFactory(
        group=board,
        title="Launch of the neurodevelopmental hub",
        target_month=datetime.date(2026, 10, 1),
    )
    return BoardMeetingRecords(
        meeting=meeting, next_meeting=following, chair=chair, officer=officer, actions=actions
    )
