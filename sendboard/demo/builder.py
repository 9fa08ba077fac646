"""Builds the Northshire demo partnership with a year of history ending today.

Meetings, agendas, attendance, minutes, actions, the forward plan and summaries are
written through each app's services, as a person using the site would write them.
The services date history "now", so a receiver on simple_history's
`pre_create_historical_record` re-dates each record to the day it would have
happened (`_Builder.on`), and the change history on every page reads like a year.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from sendboard.actions.models import Action
from sendboard.actions.services import action_create, action_update_add
from sendboard.core.services import save_tracked
from sendboard.demo import content
from sendboard.demo.casework import demo_casework_remove
from sendboard.demo.cast import Cast
from sendboard.demo.performance_story import PerformanceStory
from sendboard.demo.plan import PlanStory, plan_remove
from sendboard.demo.quality_story import QualityStory, quality_remove
from sendboard.demo.risks import RiskStory, risks_remove
from sendboard.demo.schedule import Slot, add_months, slots
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import (
    forward_plan_item_create,
    forward_plan_item_defer,
    forward_plan_item_mark_presented,
    forward_plan_item_schedule,
)
from sendboard.governance.models import Group, Membership, Organisation, Partnership, Person, Role
from sendboard.governance.starting import starter_content
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.services import (
    AttendanceRow,
    agenda_item_add,
    agenda_item_remove,
    agenda_item_update,
    attendance_record,
    meeting_create,
    meeting_mark_held,
    meeting_minutes_approve,
    meeting_minutes_publish,
    minute_entry_add,
)
from sendboard.plans.models import HighlightReport, PlanAction
from sendboard.publishing.models import PublicSummary
from sendboard.publishing.services import summary_draft, summary_publish

BOARD_FIRST_NUMBER = 13
SUBGROUP_FIRST_NUMBER = 7
TEN_AM = datetime.time(10, 0)


@dataclass(frozen=True)
class SignIn:
    username: str
    password: str
    role: str
    person: str  # name and job title, so the table says who the account is


@dataclass
class DemoResult:
    partnership: Partnership
    created: bool
    counts: dict[str, int]


def demo_sign_ins() -> list[SignIn]:
    """The demo's accounts, one per role, with passwords anyone may read."""
    people = {key: (name, title) for key, name, title, _org in content.PEOPLE}
    return [
        SignIn(username, f"demo-{username.split('.')[1]}", role, ", ".join(people[person]))
        for person, username, role in content.SIGN_INS
    ]


ADMINISTRATOR = SignIn(
    "admin", "demo-admin", "administrator", "the back office at /admin/, for whoever runs it"
)


def demo_administrator() -> SignIn:
    """The installation's administrator, as `sendboard createsuperuser` would make one."""
    user, _ = get_user_model().objects.get_or_create(username=ADMINISTRATOR.username)
    user.is_staff = user.is_superuser = True
    user.set_password(ADMINISTRATOR.password)
    user.save()
    return ADMINISTRATOR


def demo_build(*, today: datetime.date | None = None, reset: bool = False) -> DemoResult:
    """Create Northshire unless it exists (or rebuild it with `reset`); always refresh sign-ins."""
    today = today or timezone.localdate()
    with transaction.atomic():
        existing = Partnership.objects.filter(slug=content.PARTNERSHIP["slug"]).first()
        if existing and reset:
            demo_remove(partnership=existing)
            existing = None
        if existing:
            _Builder(today).sign_ins(existing)
            return DemoResult(existing, False, demo_counts(existing))
        partnership = _Builder(today).build()
        return DemoResult(partnership, True, demo_counts(partnership))


def demo_counts(partnership: Partnership) -> dict[str, int]:
    return {
        "groups": partnership.groups.count(),
        "people": partnership.people.count(),
        "meetings": Meeting.objects.filter(group__partnership=partnership).count(),
        "agenda items": AgendaItem.objects.filter(meeting__group__partnership=partnership).count(),
        "minute entries": MinuteEntry.objects.filter(
            item__meeting__group__partnership=partnership
        ).count(),
        "actions": Action.objects.filter(board__partnership=partnership).count(),
        "forward plan items": ForwardPlanItem.objects.filter(
            group__partnership=partnership
        ).count(),
        "public summaries": PublicSummary.objects.filter(
            meeting__group__partnership=partnership
        ).count(),
        "plan actions": PlanAction.objects.filter(
            outcome__area__plan__partnership=partnership
        ).count(),
        "highlight reports": HighlightReport.objects.filter(
            period__plan__partnership=partnership
        ).count(),
        "risks": partnership.risks.count(),
    }


def demo_remove(*, partnership: Partnership) -> None:
    """Delete the partnership, its records, their history and its demo accounts.

    Deletion runs leaves first because meetings, actions and groups protect what
    refers to them. History goes too: SQLite reuses freed ids, and a rebuilt record
    must not inherit a deleted one's history.
    """
    groups = list(Group.objects.filter(partnership=partnership).values_list("pk", flat=True))
    # Found through history as well, so records deleted earlier lose their history too.
    meetings = set(Meeting.history.filter(group_id__in=groups).values_list("id", flat=True))
    items = set(AgendaItem.history.filter(meeting_id__in=meetings).values_list("id", flat=True))
    for model, found in [
        (PublicSummary, {"meeting_id__in": meetings}),
        (Action, {"board_id__in": groups}),
        (ForwardPlanItem, {"group_id__in": groups}),
        (MinuteEntry, {"item_id__in": items}),
        (Attendance, {"meeting_id__in": meetings}),
        (AgendaItem, {"meeting_id__in": meetings}),
        (Meeting, {"group_id__in": groups}),
    ]:
        model.objects.filter(**found).delete()
        model.history.filter(**found).delete()
    groups = Group.objects.filter(pk__in=groups)
    groups.exclude(reports_to=None).delete()
    groups.delete()
    usernames = [username for _person, username, _role in content.SIGN_INS]
    quality_remove(partnership=partnership)
    demo_casework_remove(partnership=partnership)
    risks_remove(partnership=partnership)
    plan_remove(partnership=partnership)
    partnership.delete()
    get_user_model().objects.filter(username__in=usernames, roles__isnull=True).delete()


class _Builder:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.people: dict[str, Person] = {}
        self.groups: dict[str, Group] = {}
        self.users: dict[str, object] = {}
        self.meetings: dict[str, list[Meeting]] = defaultdict(list)
        self.meetings_of: dict[int, list[Meeting]] = defaultdict(list)
        self.actions: list[dict] = []
        self.forward_plan: list[ForwardPlanItem] = []

    # Saving with history -------------------------------------------------

    def at(self, day: datetime.date, time: datetime.time = TEN_AM) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def on(self, day: datetime.date) -> datetime.datetime:
        """Date the history of what is saved next, through the ORM or a service."""
        self.clock = self.at(min(day, self.today))
        return self.clock

    def stamp(self, *, history_instance: Model, **_kwargs) -> None:
        history_instance.history_date = self.clock

    def save(self, record: Model, *, on: datetime.date, reason: str, by: str = "manager") -> None:
        self.on(on)
        author = self.users.get(by) or self.users["manager"]
        save_tracked(record, opened_version=None, reason=reason, by=author)

    # Governance ----------------------------------------------------------

    def build(self) -> Partnership:
        self.on(self.today)
        pre_create_historical_record.connect(self.stamp, weak=False, dispatch_uid="demo-clock")
        try:
            return self.build_all()
        finally:
            pre_create_historical_record.disconnect(dispatch_uid="demo-clock")

    def build_all(self) -> Partnership:
        # The figures' story loads the standard set itself, as the analyst on its first
        # day, so the indicators' history starts then rather than today.
        with starter_content(on=False):
            partnership = Partnership.objects.create(**content.PARTNERSHIP)
        organisations = {
            key: Organisation.objects.create(
                partnership=partnership, name=name, short_name=short, kind=kind
            )
            for key, name, short, kind in content.ORGANISATIONS
        }
        for key, name, title, organisation in content.PEOPLE:
            self.people[key] = Person.objects.create(
                partnership=partnership,
                name=name,
                job_title=title,
                organisation=organisations.get(organisation),
                email=f"{key.replace('_', '.')}@northshire.example",
            )
        self.sign_ins(partnership)
        self.build_groups(partnership)
        cast = Cast(self.today, self.people, self.users, organisations, self.on)
        self.plan_story = PlanStory(cast)
        self.plan_story.build()
        self.risk_story = RiskStory(cast, self.plan_story.plan_actions)
        self.risk_story.build()
        self.quality_story = QualityStory(cast)
        self.quality_story.build()
        PerformanceStory(cast).build()
        self.build_meetings()
        board = self.meetings["board"]
        held = [meeting for meeting in board if meeting.date < self.today]
        self.plan_story.deep_dive(asked_at=held[-1], heard_at=board[len(held)])
        self.build_action_timelines()
        self.build_summaries()
        return partnership

    def sign_ins(self, partnership: Partnership) -> None:
        User = get_user_model()
        for sign_in, (person_key, _username, _role) in zip(
            demo_sign_ins(), content.SIGN_INS, strict=True
        ):
            name = sign_in.person.split(", ")[0]
            first, _, last = name.removeprefix("Dr ").partition(" ")
            user, _ = User.objects.get_or_create(username=sign_in.username)
            user.first_name, user.last_name = first, last
            user.email = f"{sign_in.username}@northshire.example"
            user.set_password(sign_in.password)
            user.save()
            Role.objects.update_or_create(
                user=user, partnership=partnership, defaults={"name": sign_in.role}
            )
            person = self.people.get(person_key) or partnership.people.get(name=name)
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])
            self.users[person_key] = user

    def build_groups(self, partnership: Partnership) -> None:
        started = add_months(self.today, -30)
        board_spec = content.BOARD
        board = Group.objects.create(
            partnership=partnership,
            kind=Group.Kind.BOARD,
            **{key: board_spec[key] for key in ("name", "slug", "action_prefix", "cadence")},
            purpose=board_spec["purpose"],
            terms_of_reference=board_spec["terms_of_reference"],
        )
        self.groups["board"] = board
        for person, role, deputy_for in board_spec["members"]:
            Membership.objects.create(
                group=board,
                person=self.people[person],
                role=role,
                deputy_for=self.people.get(deputy_for),
                started_on=started,
            )
        for spec in content.SUBGROUPS:
            group = Group.objects.create(
                partnership=partnership,
                kind=Group.Kind.SUBGROUP,
                reports_to=board,
                name=spec["name"],
                slug=spec["slug"],
                cadence=spec["cadence"],
                purpose=spec["purpose"],
                terms_of_reference=spec["terms_of_reference"],
            )
            self.groups[spec["key"]] = group
            for person, role in spec["members"]:
                Membership.objects.create(
                    group=group, person=self.people[person], role=role, started_on=started
                )

    # Meetings ------------------------------------------------------------

    def build_meetings(self) -> None:
        year = slots(
            self.today,
            content.SUBGROUPS,
            first_number=BOARD_FIRST_NUMBER,
            subgroup_first_number=SUBGROUP_FIRST_NUMBER,
        )
        for slot in year:
            self.meeting_create(slot)
        board_slots = [slot for slot in year if slot.group == "board"]
        self.forward_plan_build(board_slots)
        next_board = next(slot for slot in board_slots if not slot.held)
        for slot in year:
            meeting = self.meetings[slot.group][slot.index]
            if slot.group == "board":
                if slot.held or slot is next_board:
                    self.board_agenda(meeting, slot)
                if slot.held:
                    self.board_minutes(meeting, slot)
            elif slot.held:
                self.subgroup_meeting(meeting, slot)
            if slot.held:
                self.hold(meeting, slot)

    def meeting_create(self, slot: Slot) -> Meeting:
        group = self.groups[slot.group]
        if slot.group == "board":
            kind = ("hybrid", "in_person", "hybrid", "online")[slot.index % 4]
            start, end = TEN_AM, datetime.time(12, 30)
        else:
            kind = "online"
            start, end = datetime.time(14, 0), datetime.time(15, 30)
        self.on(slot.date - datetime.timedelta(days=42))
        meeting = meeting_create(
            group=group,
            number=slot.number,
            date=slot.date,
            start_time=start,
            end_time=end,
            location=content.LOCATIONS[kind],
            format=kind,
            by=self.users["editor"],
        )
        if slot.group != "board":
            # Young people and parent carers report to the Board, not to each subgroup.
            for item in meeting.items.filter(standing__in=["cyp_voice", "parent_carer"]):
                agenda_item_remove(item=item, by=self.users["editor"])
        self.meetings[slot.group].append(meeting)
        self.meetings_of[group.pk].append(meeting)
        return meeting

    def hold(self, meeting: Meeting, slot: Slot) -> None:
        self.on(slot.date)
        meeting_mark_held(meeting=meeting, by=self.users["editor"])
        self.present_forward_plan(meeting)
        if slot.index == 0:
            return
        previous = self.meetings[slot.group][slot.index - 1]
        meeting_minutes_approve(meeting=previous, approved_at=meeting, by=self.users["manager"])
        if slot.group == "board":
            self.on(slot.date + datetime.timedelta(days=2))
            meeting_minutes_publish(meeting=previous, by=self.users["manager"])
            Meeting.objects.filter(pk=previous.pk).update(minutes_published_at=self.clock)

    def standing_items(self, meeting: Meeting) -> dict[str, AgendaItem]:
        return {item.standing: item for item in meeting.items.exclude(standing="")}

    def entry(
        self, item: AgendaItem, kind: str, text: str, speaker: str | None = None, **fields
    ) -> MinuteEntry:
        self.on(item.meeting.date + datetime.timedelta(days=1))
        return minute_entry_add(
            item=item,
            kind=kind,
            text=text,
            speaker=self.people.get(speaker) if speaker else None,
            by=self.users["editor"],
            **fields,
        )

    def board_agenda(self, meeting: Meeting, slot: Slot) -> None:
        self.on(meeting.date - datetime.timedelta(days=14))
        editor = self.users["editor"]
        standing = self.standing_items(meeting)
        for key, person in (("cyp_voice", "young_adviser"), ("parent_carer", "pcf_chair")):
            agenda_item_update(
                item=standing[key], opened_version=None, by=editor, presenters=[self.people[person]]
            )
        for spec in content.SUBGROUPS:
            if slot.board_month % spec["every_months"]:
                continue
            agenda_item_add(
                meeting=meeting,
                title=f"{spec['name']} report",
                reporting_group=self.groups[spec["key"]],
                purpose=AgendaItem.Purpose.ASSURANCE,
                minutes_allowed=10,
                presenters=[self.people[spec["members"][0][0]]],
                by=editor,
            )
        self.plan_story.agenda(meeting)
        for planned in self.forward_plan:
            if planned.target_meeting_id == meeting.pk and planned.status != "deferred":
                forward_plan_item_schedule(item=planned, meeting=meeting, by=editor)

    def present_forward_plan(self, meeting: Meeting) -> None:
        """Marks the forward-plan items on its agenda presented, as only a held meeting allows."""
        planned_here = {planned.pk: planned for planned in self.forward_plan}
        for item in meeting.items.filter(kind=AgendaItem.Kind.FORWARD_PLAN):
            planned = planned_here[item.forward_plan_item_id]
            # Its copy of the meeting was loaded before the meeting was held.
            planned.refresh_from_db(fields=["target_meeting"])
            forward_plan_item_mark_presented(item=planned, by=self.users["manager"])

    def attendance(
        self, meeting: Meeting, members: list[tuple[str, str]], index: int, *, apologies: int
    ) -> list[str]:
        """Record who came; returns the keys of those who sent apologies."""
        core = [person for person, role in members if role in ("member", "co_chair")]
        absent = {core[(index * apologies + k) % len(core)] for k in range(apologies)}
        deputies = {
            deputy_for: person
            for person, role, deputy_for in content.BOARD["members"]
            if deputy_for
        }
        rows = []
        for person, role in members:
            if role == "deputy":
                continue
            if person in absent:
                kind = Attendance.Kind.APOLOGIES
            elif role == "in_attendance":
                kind = Attendance.Kind.IN_ATTENDANCE
            elif role == "adviser":
                if (index + len(person)) % 3 == 0:
                    continue
                kind = Attendance.Kind.EXTERNAL
            else:
                kind = Attendance.Kind.PRESENT
            rows.append(AttendanceRow(person=self.people[person], kind=kind))
        if meeting.group.kind == Group.Kind.BOARD:
            rows += [
                AttendanceRow(
                    person=self.people[deputies[person]],
                    kind=Attendance.Kind.DEPUTISING,
                    deputising_for=self.people[person],
                )
                for person in sorted(absent & deputies.keys())
            ]
        self.on(meeting.date)
        attendance_record(meeting=meeting, rows=rows, by=self.users["editor"])
        return sorted(absent)

    def board_minutes(self, meeting: Meeting, slot: Slot) -> None:
        members = [(person, role) for person, role, _deputy in content.BOARD["members"]]
        absent = self.attendance(meeting, members, slot.index, apologies=3 + slot.index % 2)
        items = self.standing_items(meeting)
        report_items = {
            item.reporting_group_id: item for item in meeting.items.exclude(reporting_group=None)
        }
        index = slot.index
        names = ", ".join(self.people[key].name for key in absent)
        self.entry(
            items["welcome"],
            "note",
            f"The Chair welcomed members to the meeting. Apologies were received from {names}.",
            "chair",
        )
        minutes = items["minutes_actions"]
        previous = self.meetings["board"][index - 1] if index else None
        if previous:
            self.entry(
                minutes,
                "decision",
                f"The minutes of the meeting on {previous.date:%-d %B %Y} were agreed as an "
                "accurate record.",
                "chair",
            )
        self.entry(minutes, "note", self.action_log_review(meeting.date, previous), "manager")
        cyp = items["cyp_voice"]
        self.entry(cyp, "note", content.CYP_VOICE[index % len(content.CYP_VOICE)], "young_adviser")
        parents = items["parent_carer"]
        self.entry(
            parents, "note", content.PARENT_CARER[index % len(content.PARENT_CARER)], "pcf_chair"
        )
        board_pool = iter(content.BOARD_ACTIONS[index * 3 : index * 3 + 3])
        self.raise_action(meeting, parents if index % 2 else cyp, next(board_pool, None))
        if index % 2 == 0:
            challenge, response = content.CHALLENGES[index % len(content.CHALLENGES)]
            asked = self.entry(parents, "challenge", challenge, "pcf_cochair")
            self.entry(parents, "response", response, "member", responds_to=asked)
        for spec in content.SUBGROUPS:
            item = report_items.get(self.groups[spec["key"]].pk)
            if item is None:
                continue
            reports = content.SUBGROUP_REPORTS[spec["key"]]
            note, escalation = reports[(index // spec["every_months"]) % len(reports)]
            self.entry(item, "note", note, spec["members"][0][0])
            if escalation:
                self.entry(item, "escalation", escalation, escalated_from=self.groups[spec["key"]])
                self.entry(
                    item,
                    "decision",
                    "The Board accepted the escalation and recorded an action to resolve it.",
                    "chair",
                )
            self.raise_action(meeting, item, next(board_pool, None))
        self.plan_story.minute(meeting, self.entry)
        self.risk_story.minute(meeting, self.entry, self.groups["sdg"])
        self.quality_story.minute(meeting, self.entry)
        for item in meeting.items.filter(kind=AgendaItem.Kind.FORWARD_PLAN):
            spec = next(s for s in content.FORWARD_PLAN if s["title"] == item.title)
            self.entry(item, "note", spec["note"], spec["owner"])
            challenge, response = content.CHALLENGES[(index + 3) % len(content.CHALLENGES)]
            asked = self.entry(
                item, "challenge", challenge, "dfe_adviser" if index % 2 else "chair"
            )
            self.entry(item, "response", response, spec["owner"], responds_to=asked)
            self.entry(item, "decision", spec["decision"], "chair")
            self.raise_action(meeting, item, spec["action"])
        for planned in self.forward_plan:
            if planned.deferred_from_id == meeting.pk:
                self.entry(
                    items["minutes_actions"],
                    "decision",
                    f"The Board agreed to defer \u201c{planned.title}\u201d to "
                    f"{planned.target_meeting.date:%B %Y}. {planned.deferral_reason}",
                    "chair",
                )
        self.entry(items["aob"], "note", content.AOB[index % len(content.AOB)], "chair")

    def subgroup_meeting(self, meeting: Meeting, slot: Slot) -> None:
        spec = next(s for s in content.SUBGROUPS if s["key"] == slot.group)
        topics = spec["topics"]
        self.on(meeting.date - datetime.timedelta(days=14))
        discussed = [
            agenda_item_add(
                meeting=meeting,
                title=topics[(slot.index + k) % len(topics)],
                purpose=AgendaItem.Purpose.DISCUSSION,
                by=self.users["editor"],
            )
            for k in range(2)
        ]
        items = self.standing_items(meeting)
        absent = self.attendance(meeting, spec["members"], slot.index, apologies=1)
        chair = spec["members"][0][0]
        apologies = ", ".join(self.people[key].name for key in absent) or "none"
        self.entry(
            items["welcome"], "note", f"The chair welcomed members. Apologies: {apologies}.", chair
        )
        self.entry(
            items["minutes_actions"],
            "decision",
            "The minutes of the last meeting were agreed.",
            chair,
        )
        for k, item in enumerate(discussed):
            self.entry(
                item,
                "note",
                content.SUBGROUP_NOTES[(slot.index + k) % len(content.SUBGROUP_NOTES)],
                chair,
            )
        pool = content.SUBGROUP_ACTIONS[slot.group]
        if slot.index < len(pool):
            self.raise_action(meeting, discussed[0], pool[slot.index])
        self.entry(items["aob"], "note", content.AOB[slot.index % len(content.AOB)], chair)

    # Forward plan --------------------------------------------------------

    def forward_plan_build(self, board_slots: list[Slot]) -> None:
        """Promise each item for the meeting it will be heard at, months before."""
        board = self.meetings["board"]
        past = [slot for slot in board_slots if slot.held]
        upcoming = [slot for slot in board_slots if not slot.held]
        heard = [spec for spec in content.FORWARD_PLAN if "note" in spec]
        later = [spec for spec in content.FORWARD_PLAN if "note" not in spec]
        self.planned_for: dict[int, list[dict]] = defaultdict(list)
        for slot, spec in zip(past, heard, strict=False):
            self.planned_for[slot.index].append(spec)
        self.planned_for[upcoming[0].index] += later[:2]
        self.planned_for[upcoming[1].index] += later[3:4]
        for index, specs in sorted(self.planned_for.items()):
            meeting = board[index]
            for spec in specs:
                self.forward_plan_create(
                    spec, on=meeting.date - datetime.timedelta(days=90), target_meeting=meeting
                )
        last_held, later_meeting = board[past[-1].index], board[upcoming[1].index]
        deferred = self.forward_plan_create(
            later[2], on=last_held.date - datetime.timedelta(days=90), target_meeting=last_held
        )
        self.on(last_held.date - datetime.timedelta(days=7))
        forward_plan_item_defer(
            item=deferred,
            to_meeting=later_meeting,
            reason=content.DEFERRAL_REASON,
            by=self.users["manager"],
        )
        for months, spec in enumerate(later[4:], start=3):
            self.forward_plan_create(
                spec, on=self.today, target_month=add_months(self.today, months)
            )

    def forward_plan_create(self, spec: dict, *, on: datetime.date, **fields) -> ForwardPlanItem:
        self.on(on)
        planned = forward_plan_item_create(
            group=self.groups["board"],
            title=spec["title"],
            kind=spec["kind"],
            owner=self.people[spec["owner"]],
            by=self.users["manager"],
            **fields,
        )
        self.forward_plan.append(planned)
        return planned

    # Actions ---------------------------------------------------------------

    def raise_action(
        self, meeting: Meeting, item: AgendaItem, spec: tuple[str, str] | None
    ) -> None:
        if spec is None:
            return
        title, owner = spec
        self.actions.append(
            {
                "meeting": meeting,
                "item": item,
                "title": title,
                "owner": owner,
                "n": len(self.actions),
            }
        )

    def action_log_review(self, day: datetime.date, previous: Meeting | None) -> str:
        """The paragraph the partnership manager reads out, from the actions planned so far."""
        since = previous.date if previous else day - datetime.timedelta(days=31)
        closed = open_not_due = 0
        overdue = []
        for planned in self.actions:
            timeline = self.timeline(planned)
            closed_on = timeline["closed_on"]
            if closed_on and since <= closed_on < day:
                closed += 1
            elif not closed_on or closed_on >= day:
                due = timeline["due_date"]
                if due and due < day:
                    overdue.append(planned)
                else:
                    open_not_due += 1
        text = (
            f"Review of the action log: {closed} actions were closed since the last meeting and "
            f"{open_not_due} are open and not yet due."
        )
        if overdue:
            owners = sorted({self.people[planned["owner"]].name for planned in overdue})
            text += f" {len(overdue)} are overdue, with {', '.join(owners)}."
        return text

    def timeline(self, planned: dict) -> dict:
        """When the action is due, what happens to it and when: fixed by its age and place."""
        if "timeline" in planned:
            return planned["timeline"]
        raised = planned["meeting"].date
        age = (self.today - raised).days
        n = planned["n"]
        if age > 180:
            cycle = ["complete", "complete", "transferred", "complete", "complete", "deferred"]
            cycle += ["complete", "in_progress"]
        elif age > 90:
            cycle = ["complete", "in_progress", "complete", "open", "complete", "transferred"]
            cycle += ["deferred", "in_progress"]
        elif age > 30:
            cycle = ["in_progress", "complete", "open", "in_progress", "complete"]
        else:
            cycle = ["open", "in_progress", "open", "complete"]
        status = cycle[n % len(cycle)]
        is_open = status in ("open", "in_progress")
        # "By next meeting" only while that meeting is still ahead, or once it is done.
        by_next_meeting = (status == "complete" and n % 5 == 0) or (
            is_open and n % 2 == 0 and self.next_meeting_after(planned["meeting"]) > self.today
        )
        due_date = raised + datetime.timedelta(days=(28, 56, 84, 120)[n % 4])
        if is_open and n % 3 and due_date < self.today:
            # Most open actions have had their date moved on; a third are overdue.
            due_date = self.today + datetime.timedelta(days=(14, 35, 63)[n % 3])
        if by_next_meeting:
            due_date = None
        steps = []
        if status != "open" or age > 30:
            steps.append(
                (
                    raised + datetime.timedelta(days=12),
                    "started",
                    "in_progress" if status != "open" else "open",
                )
            )
        if status == "in_progress" and age > 60:
            steps.append((raised + datetime.timedelta(days=45), "progress", "in_progress"))
        end = raised + datetime.timedelta(days=min(20 + n % 40, max(age - 1, 1)))
        if status in ("complete", "transferred", "deferred"):
            end = max(end, raised + datetime.timedelta(days=14))
            steps.append((min(end, self.today), status, status))
        planned["timeline"] = {
            "status": status,
            "due_date": due_date,
            "by_next_meeting": by_next_meeting,
            "steps": [step for step in steps if step[0] <= self.today],
            "closed_on": min(end, self.today) if status in ("complete", "transferred") else None,
        }
        return planned["timeline"]

    def next_meeting_after(self, meeting: Meeting) -> datetime.date:
        later = [
            other.date for other in self.meetings_of[meeting.group_id] if other.date > meeting.date
        ]
        return min(later, default=self.today)

    def build_action_timelines(self) -> None:
        by_title = {}
        for planned in sorted(self.actions, key=lambda p: (p["meeting"].date, p["n"])):
            timeline = self.timeline(planned)
            owners = [self.people[planned["owner"]]]
            if planned["n"] % 4 == 1 and planned["owner"] != "manager":
                owners.append(self.people["manager"])
            self.on(planned["meeting"].date + datetime.timedelta(days=1))
            action = action_create(
                group=planned["meeting"].group,
                title=planned["title"],
                owners=owners,
                source_meeting=planned["meeting"],
                source_item=planned["item"],
                due_date=timeline["due_date"],
                due_by_next_meeting=timeline["by_next_meeting"],
                by=self.users["editor"],
            )
            for written_on, text_key, status in timeline["steps"]:
                texts = content.UPDATES[text_key]
                where = content.TRANSFER_DESTINATIONS[planned["n"] % 2]
                if text_key == "transferred":
                    text = texts.format(where=where)
                else:
                    text = texts if isinstance(texts, str) else texts[planned["n"] % len(texts)]
                author = planned["owner"] if planned["owner"] in self.users else "manager"
                self.on(written_on)
                action_update_add(
                    action=action,
                    text=text,
                    status=status,
                    written_on=written_on,
                    by=self.users[author],
                    transferred_to=where[0].upper() + where[1:] if status == "transferred" else "",
                    # A deferred action is owed later, not overdue.
                    new_due_date=self.today + datetime.timedelta(days=42)
                    if status == "deferred"
                    else None,
                )
            by_title[action.title] = action
        self.link_forward_plan(by_title)

    def link_forward_plan(self, actions: dict[str, Action]) -> None:
        sources = {
            "Educational psychology workforce plan": "Agree a joint recruitment campaign for "
            "educational psychologists",
            "Occupational therapy waiting times": "Report occupational therapy waits alongside "
            "SALT waits",
        }
        for planned in self.forward_plan:
            source = actions.get(sources.get(planned.title, ""))
            if source:
                planned.source_action = source
                self.save(planned, on=source.source_meeting.date, reason="Linked to its action")

    # Public summary --------------------------------------------------------

    def build_summaries(self) -> None:
        """Drafted from the records once the actions exist, published ten days after."""
        manager = self.users["manager"]
        for meeting in self.meetings["board"]:
            if meeting.status != Meeting.Status.HELD:
                continue
            self.on(meeting.date + datetime.timedelta(days=3))
            summary = summary_draft(meeting=meeting, by=manager)
            published = meeting.date + datetime.timedelta(days=10)
            if published <= self.today:
                self.on(published)
                summary_publish(summary=summary, by=manager, opened_version=None)
                PublicSummary.objects.filter(pk=summary.pk).update(published_at=self.clock)
