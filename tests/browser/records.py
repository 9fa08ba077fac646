"""Starting states for the journeys, made through the apps' own services.

Each journey drives the browser only for the step it is about; what came before is
built here, the way the application itself would have built it.
"""

import datetime

from django.utils import timezone

from sendboard.actions.models import Action
from sendboard.actions.services import action_create, action_update_add
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import forward_plan_item_create
from sendboard.governance.models import Group, Partnership, Person
from sendboard.governance.tests.factories import GroupFactory
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.services import (
    AttendanceRow,
    agenda_item_add,
    attendance_record,
    meeting_create,
    meeting_minutes_approve,
    meeting_minutes_publish,
    minute_entry_add,
)
from sendboard.plans import services as plans
from sendboard.plans.models import ImprovementPlan, PlanAction, Status
from sendboard.publishing.models import PublicSummary
from sendboard.publishing.services import summary_draft, summary_publish

DECISION = "The board agreed to review timeliness monthly until it reaches 60 per cent."


def today() -> datetime.date:
    return timezone.localdate()


def board_meeting(board: Group, by: Person, *, days_from_today: int = 14) -> Meeting:
    """A board meeting with its standing items, as "Create a meeting" makes it."""
    return meeting_create(
        group=board,
        date=today() + datetime.timedelta(days=days_from_today),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        location="Council Chamber, Northshire Town Hall",
        by=by.user,
    )


def subgroup(board: Group, name: str = "Performance and Impact Subgroup") -> Group:
    return GroupFactory(
        partnership=board.partnership, reports_to=board, name=name, slug="performance-and-impact"
    )


def planned_report(meeting: Meeting, owner: Person, by: Person) -> ForwardPlanItem:
    return forward_plan_item_create(
        group=meeting.group,
        title="Deep dive: speech and language therapy waiting times",
        kind=ForwardPlanItem.Kind.DEEP_DIVE,
        owner=owner,
        target_meeting=meeting,
        by=by.user,
    )


def discussed_item(meeting: Meeting, by: Person) -> AgendaItem:
    return agenda_item_add(
        meeting=meeting,
        title="Timeliness of education, health and care plans",
        purpose=AgendaItem.Purpose.DISCUSSION,
        by=by.user,
    )


def action_raised(
    meeting: Meeting, item: AgendaItem, owner: Person, by: Person, *, title: str | None = None
) -> Action:
    return action_create(
        group=meeting.group,
        title=title or "Share the plan for clearing the backlog of annual reviews",
        owners=[owner],
        source_meeting=meeting,
        source_item=item,
        due_date=today() + datetime.timedelta(days=30),
        by=by.user,
    )


def held_board_meeting(board: Group, people: dict[str, Person]) -> Meeting:
    """A board meeting last week with attendance, minutes of every kind and an action."""
    manager = people["manager"]
    meeting = board_meeting(board, manager, days_from_today=-7)
    item = discussed_item(meeting, manager)
    attendance_record(
        meeting=meeting,
        rows=[
            AttendanceRow(person=people["chair"], kind=Attendance.Kind.PRESENT),
            AttendanceRow(person=people["member"], kind=Attendance.Kind.APOLOGIES),
            AttendanceRow(
                person=people["editor"],
                kind=Attendance.Kind.DEPUTISING,
                deputising_for=people["member"],
            ),
        ],
        by=manager.user,
    )
    challenge = minute_entry_add(
        item=item,
        kind=MinuteEntry.Kind.CHALLENGE,
        text="The chair asked why fewer plans were finished within 20 weeks this quarter.",
        speaker=people["chair"],
        by=manager.user,
    )
    minute_entry_add(
        item=item,
        kind=MinuteEntry.Kind.RESPONSE,
        text="Educational psychology advice was late; two locum psychologists start in May.",
        responds_to=challenge,
        by=manager.user,
    )
    minute_entry_add(
        item=item,
        kind=MinuteEntry.Kind.DECISION,
        text=DECISION,
        by=manager.user,
    )
    action_raised(meeting, item, people["member"], manager)
    return meeting


def published_minutes(meeting: Meeting, by: Person) -> Meeting:
    """Minutes agreed as accurate at the group's meeting yesterday, then published."""
    agreed_at = board_meeting(meeting.group, by, days_from_today=-1)
    meeting_minutes_approve(meeting=meeting, approved_at=agreed_at, by=by.user)
    return meeting_minutes_publish(meeting=meeting, by=by.user)


def published_summary(meeting: Meeting, by: Person) -> PublicSummary:
    summary = summary_draft(meeting=meeting, by=by.user)
    return summary_publish(summary=summary, by=by.user, opened_version=summary.version)


def action_with_update(action: Action, by: Person) -> Action:
    action_update_add(
        action=action,
        text="Draft plan shared with the subgroup for comment.",
        status=Action.Status.IN_PROGRESS,
        written_on=today(),
        by=by.user,
    )
    return action


def draft_summary(meeting: Meeting, by: Person) -> PublicSummary:
    return summary_draft(meeting=meeting, by=by.user)


def improvement_plan(partnership: Partnership, people: dict[str, Person]) -> PlanAction:
    """A plan with one line owned by the member, a closed month behind it and one open."""
    manager, editor = people["manager"].user, people["editor"].user
    plan = plans.plan_create(
        partnership=partnership,
        title="Priority Action Plan",
        kind=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
        source="Area SEND inspection",
        starts_on=today() - datetime.timedelta(days=120),
        by=manager,
    )
    area = plans.priority_area_create(
        plan=plan, reference="APA1", title="Timely EHC plans", kind="apa", by=editor
    )
    outcome = plans.outcome_create(area=area, reference="1", title="Plans on time", by=editor)
    line = plans.plan_action_create(
        outcome=outcome,
        reference="1.1",
        text="Recruit two more EHC plan writers",
        owners=[people["member"]],
        due_on=today() + datetime.timedelta(days=60),
        by=editor,
    )
    first_of_month = today().replace(day=1)
    last_month = plans.period_open(
        plan=plan,
        starts_on=(first_of_month - datetime.timedelta(days=1)).replace(day=1),
        ends_on=first_of_month - datetime.timedelta(days=1),
        by=manager,
    )
    plans.progress_record(
        plan_action=line,
        status=Status.AT_RISK,
        note="One writer starts next month",
        impact="",
        risks_and_mitigations="Agency writers cover the gap",
        opened_version=None,
        by=editor,
    )
    plans.period_close(period=last_month, by=manager)
    plans.period_open(
        plan=plan,
        starts_on=first_of_month,
        ends_on=first_of_month + datetime.timedelta(days=27),
        by=manager,
    )
    line.refresh_from_db()
    return line
