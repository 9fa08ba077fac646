"""Reads of improvement plans: the list, a plan's tracker for a period, a line's page.

The tracker is built in a fixed number of queries whatever the plan's size: the
areas, outcomes, lines and owners come in one prefetch, and a period's frozen lines,
its updates and the previous period's lines in one query each.
"""

import functools
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sendboard.governance.models import Partnership
from sendboard.plans.models import (
    Evidence,
    ImprovementPlan,
    Outcome,
    PeriodLine,
    PlanAction,
    PriorityArea,
    ProgressUpdate,
    ReportingPeriod,
    Status,
)
from sendboard.plans.rollups import Changes, Line, Rollup, changes, rollup

# GOV.UK tag colours; the tag always carries the status's word as well.
STATUS_COLOURS = {
    Status.NOT_STARTED: "grey",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "orange",  # amber is GOV.UK's orange
    Status.OFF_TRACK: "red",
    Status.COMPLETE: "blue",
    Status.EMBEDDED: "purple",
}


def plans_of(partnership: Partnership) -> QuerySet[ImprovementPlan]:
    """The partnership's plans, newest first, each with its number of lines."""
    return ImprovementPlan.objects.filter(partnership=partnership).annotate(
        line_count=Count("areas__outcomes__plan_actions", distinct=True),
        open_periods=Count("periods", filter=Q(periods__state="open"), distinct=True),
    )


def _code(code) -> uuid.UUID:
    """A code from a URL or a query string; anything not a UUID finds nothing."""
    if isinstance(code, uuid.UUID):
        return code
    try:
        return uuid.UUID(str(code))
    except ValueError as error:
        raise Http404("No such record") from error


def plan_in(partnership: Partnership, code) -> ImprovementPlan:
    return get_object_or_404(
        ImprovementPlan.objects.select_related("partnership"),
        partnership=partnership,
        code=_code(code),
    )


def period_in(plan: ImprovementPlan, code) -> ReportingPeriod:
    return get_object_or_404(
        ReportingPeriod.objects.select_related("plan"), plan=plan, code=_code(code)
    )


def area_in(partnership: Partnership, code) -> PriorityArea:
    return get_object_or_404(
        PriorityArea.objects.select_related("plan__partnership"),
        plan__partnership=partnership,
        code=_code(code),
    )


def outcome_in(partnership: Partnership, code) -> Outcome:
    return get_object_or_404(
        Outcome.objects.select_related("area__plan__partnership"),
        area__plan__partnership=partnership,
        code=_code(code),
    )


def plan_action_in(partnership: Partnership, code) -> PlanAction:
    """A line with what its page shows: owners, links, standing evidence, updates."""
    actions = PlanAction.objects.select_related(
        "outcome__area__plan__partnership", "lead_organisation"
    ).prefetch_related(
        "owners__organisation",
        "meeting_actions__board",
        "forward_plan_items",
        Prefetch(
            "evidence",
            queryset=Evidence.objects.filter(withdrawn_at__isnull=True).select_related("added_by"),
            to_attr="standing_evidence",
        ),
        Prefetch(
            "updates",
            queryset=ProgressUpdate.objects.select_related("period", "written_by"),
            to_attr="all_updates",
        ),
    )
    return get_object_or_404(
        actions, outcome__area__plan__partnership=partnership, code=_code(code)
    )


@dataclass(frozen=True)
class Row:
    """A line of the tracker: the figures and words the period holds, and the plan action."""

    line: Line
    action: PlanAction
    text: str
    owner_names: str
    receiving_team: str

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.line.status]


@dataclass(frozen=True)
class Heading:
    """An area or outcome as the period names it, and the code of the record it names."""

    reference: str
    title: str
    code: uuid.UUID


@dataclass(frozen=True)
class OutcomeRows:
    outcome: Heading
    rows: list[Row]  # the lines still on the active tracker
    moved: list[Row]  # moved to business as usual: listed apart, still counted
    rollup: Rollup


@dataclass(frozen=True)
class AreaRows:
    area: Heading
    outcomes: list[OutcomeRows]
    rollup: Rollup


@dataclass(frozen=True)
class Tracker:
    plan: ImprovementPlan
    period: ReportingPeriod | None  # None: no period has been opened, the plan as it stands
    previous: ReportingPeriod | None
    periods: list[ReportingPeriod]
    areas: list[AreaRows]
    rollup: Rollup
    changes: Changes

    @property
    def frozen(self) -> bool:
        return self.period is not None and self.period.state == ReportingPeriod.State.CLOSED


def _structure(plan: ImprovementPlan, *, until: date | None) -> list[PriorityArea]:
    # Counting evidence drops the model's ordering from the query: it is asked for again.
    actions = PlanAction.objects.order_by("position", "reference")
    if until is not None:
        actions = actions.with_evidence_count(until=until)
    return list(
        plan.areas.prefetch_related(
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.prefetch_related(
                    Prefetch("plan_actions", queryset=actions)
                ),
            )
        )
    )


def _line(action: PlanAction, area: PriorityArea, outcome: Outcome, **figures) -> Line:
    return Line(
        key=action.pk,
        reference=action.reference,
        area=area.reference,
        outcome=outcome.reference,
        **figures,
    )


def _frozen_lines(period: ReportingPeriod) -> dict[int, PeriodLine]:
    return {line.plan_action_id: line for line in PeriodLine.objects.filter(period=period)}


FROZEN_FIGURES = ("status", "due_on", "updated", "evidence_count", "transferred")


def _frozen(kept: PeriodLine) -> dict:
    """A line's figures as its period froze them."""
    return {
        "status": Status(kept.status),
        "due_on": kept.due_on,
        "updated": kept.updated,
        "evidence_count": kept.evidence_count,
        "transferred": kept.transferred,
    }


def _frozen_words(kept: PeriodLine) -> dict:
    return {
        "text": kept.text,
        "owner_names": kept.owner_names,
        "receiving_team": kept.receiving_team,
    }


def _owner_names(plan: ImprovementPlan) -> dict[int, str]:
    """Each line's owners as the tracker names them, in one query: no person is built."""
    owners = PlanAction.owners.through.objects.filter(planaction__outcome__area__plan=plan)
    names: dict[int, list[str]] = {}
    for line, name in owners.order_by("person__name").values_list("planaction_id", "person__name"):
        names.setdefault(line, []).append(name)
    return {line: ", ".join(found) for line, found in names.items()}


def _standing_words(action: PlanAction, owner_names: dict[int, str]) -> dict:
    return {
        "text": action.text,
        "owner_names": owner_names.get(action.pk, ""),
        "receiving_team": action.receiving_team,
    }


def _standing(action: PlanAction, *, updated: set[int]) -> dict:
    """A line's figures as it stands now; `evidence_count` is annotated by `_structure`."""
    return {
        "status": Status(action.status),
        "due_on": action.due_on,
        "updated": action.pk in updated,
        "evidence_count": action.evidence_count,
        "transferred": action.transferred_on is not None,
    }


def _kept_line(kept: PeriodLine, **figures) -> Line:
    return Line(
        key=kept.plan_action_id,
        reference=kept.reference,
        area=kept.area_reference,
        outcome=kept.outcome_reference,
        **figures,
    )


def _previous_lines(period: ReportingPeriod | None) -> dict[int, Line]:
    if period is None:
        return {}
    return _closed_lines(period.pk, period.closed_at)


@functools.lru_cache(maxsize=64)
def _closed_lines(period_id: int, closed_at: datetime) -> dict[int, Line]:
    """A closed period's lines, which never change: read once per process and kept.

    The time it closed is part of the key, so a period's id reused after a deletion
    can never be served another period's lines.
    """
    lines = PeriodLine.objects.filter(period_id=period_id).only(
        "plan_action_id", "reference", "area_reference", "outcome_reference", *FROZEN_FIGURES
    )
    return {kept.plan_action_id: _kept_line(kept, **_frozen(kept)) for kept in lines}


def tracker(plan: ImprovementPlan, period: ReportingPeriod | None = None) -> Tracker:
    """The plan a period at a time: the open period's lines as they stand, a closed one's frozen.

    Without a period, the open period is read, or the plan as it stands if none is open.
    """
    periods = list(plan.periods.order_by("-starts_on"))
    if period is None:
        period = next((p for p in periods if p.state == ReportingPeriod.State.OPEN), None)
    closed = period is not None and period.state == ReportingPeriod.State.CLOSED
    previous = next(
        (
            p
            for p in periods
            if p.state == ReportingPeriod.State.CLOSED
            and (period is None or p.starts_on < period.starts_on)
        ),
        None,
    )
    today = timezone.localdate()
    if closed:
        frozen = _frozen_lines(period)
        updated: set[int] = set()
        until = None
    else:
        frozen = {}
        updated = set(period.updates.values_list("plan_action_id", flat=True)) if period else set()
        until = period.ends_on if period else today

    owner_names = {} if closed else _owner_names(plan)
    areas, every_line = [], []
    for area in _structure(plan, until=until):
        outcomes, area_lines = [], []
        area_heading = Heading(area.reference, area.title, area.code)
        for outcome in area.outcomes.all():
            rows = []
            outcome_heading = Heading(outcome.reference, outcome.title, outcome.code)
            for action in outcome.plan_actions.all():
                if closed:
                    kept = frozen.get(action.pk)
                    if kept is None:  # added after the period closed
                        continue
                    figures, words = _frozen(kept), _frozen_words(kept)
                    area_heading = Heading(kept.area_reference, kept.area_title, area.code)
                    outcome_heading = Heading(
                        kept.outcome_reference, kept.outcome_title, outcome.code
                    )
                    line = _kept_line(kept, **figures)
                else:
                    figures = _standing(action, updated=updated)
                    words = _standing_words(action, owner_names)
                    line = _line(action, area, outcome, **figures)
                rows.append(Row(line=line, action=action, **words))
            lines = [row.line for row in rows]
            outcomes.append(
                OutcomeRows(
                    outcome=outcome_heading,
                    rows=[row for row in rows if not row.line.transferred],
                    moved=[row for row in rows if row.line.transferred],
                    rollup=rollup(lines),
                )
            )
            area_lines += lines
        areas.append(AreaRows(area=area_heading, outcomes=outcomes, rollup=rollup(area_lines)))
        every_line += area_lines

    as_at = period.ends_on if closed else today
    return Tracker(
        plan=plan,
        period=period,
        previous=previous,
        periods=periods,
        areas=areas,
        rollup=rollup(every_line),
        changes=changes(every_line, _previous_lines(previous), as_at=as_at),
    )


def evidence_in(partnership: Partnership, code) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("plan_action__outcome__area__plan__partnership"),
        plan_action__outcome__area__plan__partnership=partnership,
        code=_code(code),
    )


def plan_named(partnership_slug: str, title_or_code: str = "") -> ImprovementPlan | None:
    """A plan as a person types it on the command line: its title or code; else the newest."""
    plans = ImprovementPlan.objects.filter(partnership__slug=partnership_slug).select_related(
        "partnership"
    )
    if title_or_code:
        try:
            plans = plans.filter(code=uuid.UUID(title_or_code))
        except ValueError:
            plans = plans.filter(title=title_or_code)
    return plans.first()
