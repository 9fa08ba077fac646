"""Northshire's Priority Action Plan and its first year, lived a month at a time.

Each month a reporting period opens on the first, owners update their lines through
the month, and the period closes on its last day; the month that holds today stays
open. The Board reviews the period closed before each meeting, and its minute quotes
the tracker's own figures, read back from the records once they are written.
"""

import datetime
from collections.abc import Callable, Iterable

from django.contrib.auth.models import User

from sendboard.demo import plan_content as words
from sendboard.demo.cast import Cast
from sendboard.demo.highlights import highlight_write
from sendboard.demo.schedule import add_months
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import forward_plan_item_schedule
from sendboard.governance.models import Partnership
from sendboard.meetings.models import AgendaItem, Meeting, MinuteEntry
from sendboard.meetings.services import agenda_item_add
from sendboard.plans.models import (
    Evidence,
    HighlightReport,
    ImprovementPlan,
    Outcome,
    PeriodLine,
    PlanAction,
    PriorityArea,
    ProgressUpdate,
    ReportingPeriod,
    Status,
)
from sendboard.plans.queries import tracker
from sendboard.plans.rollups import Line
from sendboard.plans.services import (
    deep_dive_request,
    evidence_add,
    outcome_create,
    period_close,
    period_open,
    plan_action_create,
    plan_action_transfer,
    plan_create,
    priority_area_create,
    progress_record,
)

AGENDA_TITLE = "Priority Action Plan: highlight report and tracker"
STATUSES = {
    "n": Status.NOT_STARTED,
    "g": Status.ON_TRACK,
    "a": Status.AT_RISK,
    "r": Status.OFF_TRACK,
    "c": Status.COMPLETE,
    "e": Status.EMBEDDED,
}
# Demo accounts whose owners write their own updates; others' are written for them.
AUTHORS = ("member", "analyst", "auditor", "manager", "editor")
PRESENTERS = ("education", "icb_send")  # chair and co-chair of the Continuous Improvement Group


def plan_months(today: datetime.date) -> list[datetime.date]:
    """The first day of each month of the plan's first year, and of the month still open."""
    return [add_months(today, k - words.MONTHS + 1) for k in range(words.MONTHS)]


def last_day(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


class PlanStory:
    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.months = plan_months(cast.today)
        self.manager = cast.users["manager"]
        self.lines: dict[str, tuple[PlanAction, words.PlanLine]] = {}
        for specs in words.LINES.values():
            for spec in specs:
                if len(spec.path) != words.MONTHS:
                    raise ValueError(f"Line {spec.reference}'s path needs {words.MONTHS} months")

    @property
    def plan_actions(self) -> dict[str, PlanAction]:
        return {reference: line for reference, (line, _spec) in self.lines.items()}

    # The plan and its year --------------------------------------------------

    def build(self) -> ImprovementPlan:
        start = self.months[0]
        inspected = start - datetime.timedelta(days=47)
        self.cast.on(inspected + datetime.timedelta(days=30))
        self.plan = plan_create(
            partnership=self.cast.people["manager"].partnership,
            title=words.PLAN["title"],
            kind=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
            starts_on=start,
            ends_on=last_day(add_months(start, 17)),
            source=words.PLAN["source"],
            source_date=inspected,
            by=self.manager,
        )
        for reference, title, outcomes in words.AREAS:
            self.area_build(reference, title, outcomes)
        for index, month in enumerate(self.months):
            self.month_live(index, month)
        return self.plan

    def area_build(self, reference: str, title: str, outcomes: list[tuple[str, str]]) -> None:
        area = priority_area_create(
            plan=self.plan,
            reference=reference,
            title=title,
            kind=PriorityArea.Kind.PRIORITY_ACTION,
            by=self.manager,
        )
        for outcome_reference, outcome_title in outcomes:
            outcome = outcome_create(
                area=area, reference=outcome_reference, title=outcome_title, by=self.manager
            )
            for spec in words.LINES[outcome_reference]:
                line = plan_action_create(
                    outcome=outcome,
                    reference=spec.reference,
                    text=spec.text,
                    owners=[self.cast.people[key] for key in spec.owners],
                    lead_organisation=self.cast.organisations[spec.lead],
                    workstream=spec.workstream,
                    starts_on=self.months[spec.starts],
                    due_on=last_day(add_months(self.months[0], spec.due)),
                    success_measures=spec.measure,
                    by=self.cast.users["editor"],
                )
                self.lines[spec.reference] = (line, spec)

    def month_live(self, index: int, month: datetime.date) -> None:
        self.cast.on(month)
        period = period_open(
            plan=self.plan, starts_on=month, ends_on=last_day(month), by=self.manager
        )
        for n, (line, spec) in enumerate(self.lines.values()):
            step, before = spec.path[index], spec.path[:index].replace(".", "")[-1:]
            # A finished line that stays finished needs no word from its owner.
            if step == "." or (step in "ce" and step == before):
                continue
            day = min(month + datetime.timedelta(days=2 + n % 20), self.cast.today)
            if step == "t":
                self.cast.on(day)
                plan_action_transfer(
                    plan_action=line,
                    receiving_team=words.RECEIVING_TEAMS[spec.reference],
                    transferred_on=day,
                    by=self.manager,
                )
            else:
                self.update(line, spec, step, day, n)
        if index < len(self.months) - 1:
            moment = self.cast.on(last_day(month))
            period_close(period=period, by=self.manager)
            ReportingPeriod.objects.filter(pk=period.pk).update(closed_at=moment)
            highlight_write(cast=self.cast, period=period, story=words.STORY[index])

    def author(self, spec: words.PlanLine) -> User:
        owner = next((key for key in spec.owners if key in AUTHORS), "editor")
        return self.cast.users[owner]

    def update(
        self, line: PlanAction, spec: words.PlanLine, step: str, day: datetime.date, n: int
    ) -> None:
        status = STATUSES[step]
        cause = words.TROUBLE[words.CAUSES[spec.reference.split(".")[0]]]
        if step in "ar":
            note, risks = cause["ar".index(step)], cause[2]
        else:
            said = words.NOTES[step]
            note = said[n % len(said)] if isinstance(said, list) else said
            note, risks = note.format(measure=spec.measure.lower()), ""
        by = self.author(spec)
        moment = self.cast.on(day)
        written = progress_record(
            plan_action=line,
            status=status,
            note=note,
            impact=spec.impact if step in "ce" else "",
            risks_and_mitigations=risks,
            opened_version=None,
            by=by,
        )
        ProgressUpdate.objects.filter(pk=written.pk).update(written_at=moment)
        if step in words.EVIDENCE:
            evidence = evidence_add(
                plan_action=line,
                written_on=day,
                text=words.EVIDENCE[step].format(measure=spec.measure.lower()),
                by=by,
            )
            Evidence.objects.filter(pk=evidence.pk).update(added_at=moment)

    # What the Board hears ---------------------------------------------------

    def agenda(self, meeting: Meeting) -> AgendaItem:
        return agenda_item_add(
            meeting=meeting,
            title=AGENDA_TITLE,
            purpose=AgendaItem.Purpose.ASSURANCE,
            presenters=[self.cast.people[key] for key in PRESENTERS],
            minutes_allowed=20,
            by=self.cast.users["editor"],
        )

    def minute(self, meeting: Meeting, entry: Callable[..., MinuteEntry]) -> None:
        """Minute the Board's review at `meeting` through the builder's `entry`."""
        item = meeting.items.get(title=AGENDA_TITLE)
        period = self.reviewed_at(meeting)
        presenter = self.cast.people[PRESENTERS[0]].name
        if period is None:
            first = self.plan.periods.order_by("starts_on").first()
            entry(
                item,
                "note",
                f"{presenter} presented the {self.plan.title}, written after the "
                f"{self.plan.source} reported in {self.plan.source_date:%B %Y}. Its first "
                f"reporting period closes on {first.ends_on:%-d %B %Y}.",
                PRESENTERS[0],
            )
            return
        entry(item, "note", self.position(period, presenter), PRESENTERS[0])
        red = list(period.lines.filter(status=Status.OFF_TRACK).order_by("plan_action_id"))
        if not red:
            return
        asker, challenge, answerer, response = words.CHALLENGES[
            period.starts_on.month % len(words.CHALLENGES)
        ]
        challenge = challenge.format(references=_references(red))
        asked = entry(item, "challenge", challenge, asker)
        entry(item, "response", response, answerer, responds_to=asked)
        stuck = self.stuck_for(period)
        if stuck and self.last_held(meeting):
            line, _spec = self.lines[words.DEEP_DIVE]
            entry(
                item,
                "decision",
                f"Line {line.reference} has been off track for {stuck} reporting periods "
                "running. The Board asked for a deep dive into it at its next meeting.",
                "chair",
            )

    def reviewed_at(self, meeting: Meeting) -> ReportingPeriod | None:
        """The period the Board reviews at `meeting`: the last one closed before it."""
        return (
            self.plan.periods.filter(state=ReportingPeriod.State.CLOSED, ends_on__lt=meeting.date)
            .order_by("-ends_on")
            .first()
        )

    def position(self, period: ReportingPeriod, presenter: str) -> str:
        seen = tracker(self.plan, period)
        areas = " ".join(f"{area.area.reference}: {area.rollup.sentence()}" for area in seen.areas)
        text = (
            f"{presenter} presented the highlight report for {period}. Across the plan: "
            f"{seen.rollup.sentence()} {areas}"
        )
        if seen.previous is not None:
            done, red = seen.changes.newly_done, seen.changes.moved_to_red
            text += f" Since {seen.previous}, {len(done)} became complete or embedded"
            if red:
                text += f" and {len(red)} moved to off track ({_references(red)})"
            text += "."
        return text

    def last_held(self, meeting: Meeting) -> bool:
        """Whether `meeting` is the last the Board holds before today: it asks for the deep dive."""
        later = meeting.group.meetings.filter(date__gt=meeting.date, date__lt=self.cast.today)
        return not later.exists()

    def stuck_for(self, period: ReportingPeriod) -> int:
        """How many periods up to `period` the deep-dive line has been off track, running."""
        line, _spec = self.lines[words.DEEP_DIVE]
        kept = (
            PeriodLine.objects.filter(
                plan_action=line,
                period__state=ReportingPeriod.State.CLOSED,
                period__ends_on__lte=period.ends_on,
            )
            .order_by("-period__ends_on")
            .values_list("status", flat=True)
        )
        running = 0
        for status in kept:
            if status != Status.OFF_TRACK:
                break
            running += 1
        return running

    def deep_dive(self, asked_at: Meeting, heard_at: Meeting) -> ForwardPlanItem:
        """The deep dive the Board asked for, on the agenda of its next meeting."""
        line, _spec = self.lines[words.DEEP_DIVE]
        self.cast.on(asked_at.date)
        item = deep_dive_request(plan_action=line, by=self.manager)
        forward_plan_item_schedule(item=item, meeting=heard_at, by=self.cast.users["editor"])
        return item


def _references(lines: Iterable[PeriodLine | Line]) -> str:
    return ", ".join(line.reference for line in lines)


def plan_remove(*, partnership: Partnership) -> None:
    """Delete the partnership's plans and their history, leaves first.

    Updates protect their periods, so they go before the plans cascade; history goes
    too, found through history so nothing a rebuilt record might inherit is left.
    """
    plans = set(
        ImprovementPlan.history.filter(partnership_id=partnership.pk).values_list("id", flat=True)
    )
    areas = set(PriorityArea.history.filter(plan_id__in=plans).values_list("id", flat=True))
    outcomes = set(Outcome.history.filter(area_id__in=areas).values_list("id", flat=True))
    lines = set(PlanAction.history.filter(outcome_id__in=outcomes).values_list("id", flat=True))
    periods = set(ReportingPeriod.history.filter(plan_id__in=plans).values_list("id", flat=True))
    ProgressUpdate.objects.filter(plan_action_id__in=lines).delete()
    for model, found in [
        (Evidence, {"plan_action_id__in": lines}),
        (PlanAction, {"id__in": lines}),
        (HighlightReport, {"period_id__in": periods}),
        (ReportingPeriod, {"id__in": periods}),
        (Outcome, {"id__in": outcomes}),
        (PriorityArea, {"id__in": areas}),
        (ImprovementPlan, {"id__in": plans}),
    ]:
        model.objects.filter(**found).delete()
        model.history.filter(**found).delete()
