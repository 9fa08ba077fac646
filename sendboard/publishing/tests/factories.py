"""Records publishing reads: a summary, and a board meeting recorded in full.

Meetings, actions and forward plan records come from those apps' own factories; the
meeting here is a held one, as only held meetings get a public summary.
"""

import datetime
from dataclasses import dataclass

import factory

from sendboard.actions.models import Action
from sendboard.actions.tests.factories import ActionFactory
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.governance.models import Group, Organisation, Person
from sendboard.governance.tests.factories import GroupFactory, PersonFactory, UserFactory
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.tests import factories as meetings
from sendboard.meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MinuteEntryFactory,
)
from sendboard.publishing.models import PublicSummary


class MeetingFactory(meetings.MeetingFactory):
    date = datetime.date(2026, 9, 16)
    end_time = datetime.time(12, 30)
    location = "Council Chamber, Northshire Town Hall"
    format = Meeting.Format.HYBRID
    status = Meeting.Status.HELD


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
        group=board,
        title="Deep dive into preparing for adulthood",
        target_meeting=following,
        target_month=None,
    )
    ForwardPlanItemFactory(
        group=board,
        title="Launch of the neurodevelopmental hub",
        target_month=datetime.date(2026, 10, 1),
    )
    return BoardMeetingRecords(
        meeting=meeting, next_meeting=following, chair=chair, officer=officer, actions=actions
    )
