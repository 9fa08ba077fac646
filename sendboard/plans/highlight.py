"""The highlight report: a period's figures as the board reads them, and the draft narrative.

Everything here is computed from the period's lines through `queries.tracker`: as the
lines stand now for an open period (provisional), as they were frozen for a closed one,
so a closed period's report never changes. Only the narrative a person writes around
the figures is stored, in `HighlightReport`.

`highlight_report_for(period)` builds the report in a fixed number of queries whatever
the plan's size: the tracker's, then the period's words, its evidence and the previous
period's lines in one query each.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from sendboard.governance.models import Partnership
from sendboard.plans.models import (
    Evidence,
    HighlightReport,
    ImprovementPlan,
    PeriodLine,
    ReportingPeriod,
    Status,
)
from sendboard.plans.queries import STATUS_COLOURS, Row, Tracker, tracker
from sendboard.plans.rollups import Rollup

# The narrative's sections in the order the report reads, with the heading each has.
SECTIONS = {
    "introduction": "Summary",
    "difference_made": "What difference has been made",
    "concerns": "Off track or at risk",
    "next_steps": "Next steps",
}


@dataclass(frozen=True)
class EvidenceNote:
    written_on: date
    text: str
    link: str


@dataclass(frozen=True)
class Item:
    """A line as the report names it, with the words the period holds for it."""

    code: uuid.UUID  # the plan action's, for a link to its page
    area: str
    reference: str
    text: str
    status: Status
    owner_names: str
    due_on: date | None
    impact: str
    risks_and_mitigations: str
    receiving_team: str
    evidence: tuple[EvidenceNote, ...] = ()
    reasons: tuple[str, ...] = ()  # why a stuck line is stuck

    @property
    def name(self) -> str:
        return f"{self.area} {self.reference}"

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]


@dataclass(frozen=True)
class AreaFigures:
    reference: str
    title: str
    rollup: Rollup


@dataclass(frozen=True)
class Highlight:
    """A period's highlight report: the saved narrative and the parts computed for it."""

    saved: HighlightReport | None  # None: not generated yet, the figures only
    plan: ImprovementPlan
    period: ReportingPeriod
    as_at: date  # the day the figures stand at: the period's end, or today while it is open
    rollup: Rollup
    areas: list[AreaFigures]
    obstacles: list[Item]  # off track first, then at risk
    newly_done: list[Item]
    stuck: list[Item]
    ready_to_transfer: list[Item]  # embedded, not yet with a team
    transferred: list[Item]  # moved to business as usual since the period before

    @property
    def provisional(self) -> bool:
        return self.period.state == ReportingPeriod.State.OPEN

    @property
    def period_name(self) -> str:
        return str(self.period)

    def rollup_rows(self) -> list[tuple[str, Rollup]]:
        """The whole plan's roll-up, then each area's, as the report's table lists them."""
        rows = [("The whole plan", self.rollup)]
        return rows + [(f"{area.reference}: {area.title}", area.rollup) for area in self.areas]

    @property
    def title(self) -> str:
        return f"Highlight report: {self.plan.title}, {self.period}"

    @property
    def source(self) -> str:
        """Where every figure comes from, said once above them and in the Word file."""
        lines = "line" if self.rollup.total == 1 else "lines"
        counted = f"Computed from the {self.rollup.total} {lines} of {self.plan.title}"
        if self.provisional:
            return f"{counted} as they stand on {self.as_at:%-d %B %Y}."
        closed = self.period.closed_at
        return (
            f"{counted} as they stood when {self.period} closed"
            f"{f' on {closed:%-d %B %Y}' if closed else ''}. Later changes do not alter them."
        )

    @property
    def provisional_note(self) -> str:
        if not self.provisional:
            return ""
        return (
            f"Provisional: {self.period} is open for updates, "
            "so these figures may change until it closes."
        )

    def sections(self) -> list[tuple[str, str, str]]:
        """Each narrative section: its field name, heading and text as saved."""
        return [
            (field, heading, getattr(self.saved, field, "") if self.saved else "")
            for field, heading in SECTIONS.items()
        ]


# Beyond this many, a sentence counts the actions and points to the report's list.
NAMED_AT_MOST = 6
STUCK_HEADING = "Stuck actions"
READY_HEADING = "Embedded, ready to move"


def _names(items: Iterable[Item]) -> str:
    return ", ".join(item.name for item in items)


def _named_or_counted(items: list[Item], *, listed_under: str) -> str:
    if len(items) <= NAMED_AT_MOST:
        return _names(items)
    return f'the {len(items)} actions listed under "{listed_under}"'


def draft_narrative(report: Highlight) -> dict[str, str]:
    """The narrative a person starts from: the figures in words, for them to explain."""
    period = report.period
    introduction = [f"{report.plan.title} in {period}: {report.rollup.sentence()}"]
    introduction += [f"{area.reference}: {area.rollup.sentence()}" for area in report.areas]
    if report.newly_done:
        difference = [
            f"{item.name}: {item.impact or 'impact not yet stated'}" for item in report.newly_done
        ]
    else:
        difference = [f"No actions became complete or embedded in {period}."]
    off_track = [item for item in report.obstacles if item.status == Status.OFF_TRACK]
    at_risk = [item for item in report.obstacles if item.status == Status.AT_RISK]
    concerns = []
    if off_track:
        concerns.append(f"Off track: {_names(off_track)}.")
    if at_risk:
        concerns.append(f"At risk: {_names(at_risk)}.")
    if not concerns:
        concerns.append(f"No actions are off track or at risk in {period}.")
    next_steps = []
    if report.stuck:
        stuck = _named_or_counted(report.stuck, listed_under=STUCK_HEADING)
        next_steps.append(f"Follow up the stuck actions: {stuck}.")
    if report.ready_to_transfer:
        ready = _named_or_counted(report.ready_to_transfer, listed_under=READY_HEADING)
        next_steps.append(f"Agree the move to business as usual of {ready}.")
    return {
        "introduction": "\n\n".join(introduction),
        "difference_made": "\n\n".join(difference),
        "concerns": "\n\n".join(concerns),
        "next_steps": "\n\n".join(next_steps),
    }


def _words(period: ReportingPeriod, rows: list[Row]) -> dict[int, tuple[str, str]]:
    """Each line's impact and risks as the period holds them: frozen, or as they stand."""
    if period.state == ReportingPeriod.State.CLOSED:
        kept = PeriodLine.objects.filter(period=period).values_list(
            "plan_action_id", "impact", "risks_and_mitigations"
        )
        return {key: (impact, risks) for key, impact, risks in kept}
    return {row.line.key: (row.action.impact, row.action.risks_and_mitigations) for row in rows}


def _evidence(period: ReportingPeriod, keys: set[int]) -> dict[int, list[EvidenceNote]]:
    """Evidence dated in or before the period; for a closed one, as it stood at closing."""
    if not keys:
        return {}
    found = Evidence.objects.filter(plan_action_id__in=keys, written_on__lte=period.ends_on)
    if period.state == ReportingPeriod.State.CLOSED:
        found = found.filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=period.closed_at),
            added_at__lte=period.closed_at,
        )
    else:
        found = found.filter(withdrawn_at__isnull=True)
    notes: dict[int, list[EvidenceNote]] = {}
    for key, written_on, text, link in found.values_list(
        "plan_action_id", "written_on", "text", "link"
    ):
        notes.setdefault(key, []).append(EvidenceNote(written_on, text, link))
    return notes


def _previous(found: Tracker) -> dict[int, tuple[str, bool]]:
    """Each line's status and whether it had moved, in the period before."""
    if found.previous is None:
        return {}
    kept = PeriodLine.objects.filter(period=found.previous).values_list(
        "plan_action_id", "status", "transferred"
    )
    return {key: (status, transferred) for key, status, transferred in kept}


def _stuck_reasons(found: Tracker, previous: dict[int, tuple[str, bool]]) -> dict[int, list[str]]:
    reasons: dict[int, list[str]] = {}
    for line in found.changes.overdue_without_evidence:
        reasons.setdefault(line.key, []).append("overdue with no evidence")
    for line in found.changes.not_updated:
        reasons.setdefault(line.key, []).append("no update this period")
    for area in found.areas:
        for outcome in area.outcomes:
            for row in outcome.rows:
                was = previous.get(row.line.key)
                if row.line.status == Status.OFF_TRACK and was and was[0] == Status.OFF_TRACK:
                    reasons.setdefault(row.line.key, []).append("off track two periods running")
    return reasons


def _item(row: Row, words: dict, evidence: dict, reasons: dict) -> Item:
    impact, risks = words.get(row.line.key, ("", ""))
    return Item(
        code=row.action.code,
        area=row.line.area,
        reference=row.line.reference,
        text=row.text,
        status=row.line.status,
        owner_names=row.owner_names,
        due_on=row.line.due_on,
        impact=impact,
        risks_and_mitigations=risks,
        receiving_team=row.receiving_team,
        evidence=tuple(evidence.get(row.line.key, ())),
        reasons=tuple(reasons.get(row.line.key, ())),
    )


def compose(found: Tracker, saved: HighlightReport | None) -> Highlight:
    """The report of the tracker's period; three queries beyond the tracker's own."""
    period = found.period
    rows = [
        row
        for area in found.areas
        for outcome in area.outcomes
        for row in [*outcome.rows, *outcome.moved]
    ]
    previous = _previous(found)
    reasons = _stuck_reasons(found, previous)
    evidence = _evidence(period, {line.key for line in found.changes.newly_done})
    words = _words(period, rows)
    items = {row.line.key: _item(row, words, evidence, reasons) for row in rows}
    lines = [row.line for row in rows]
    moved_before = {key for key, (_, transferred) in previous.items() if transferred}
    return Highlight(
        saved=saved,
        plan=found.plan,
        period=period,
        as_at=period.ends_on if found.frozen else timezone.localdate(),
        rollup=found.rollup,
        areas=[AreaFigures(a.area.reference, a.area.title, a.rollup) for a in found.areas],
        obstacles=[
            items[line.key]
            for status in (Status.OFF_TRACK, Status.AT_RISK)
            for line in lines
            if line.status == status
        ],
        newly_done=[items[line.key] for line in found.changes.newly_done],
        stuck=[items[line.key] for line in lines if line.key in reasons],
        ready_to_transfer=[
            items[line.key]
            for line in lines
            if line.status == Status.EMBEDDED and not line.transferred
        ],
        transferred=[
            items[line.key] for line in lines if line.transferred and line.key not in moved_before
        ],
    )


def highlight_of(period: ReportingPeriod, saved: HighlightReport | None = None) -> Highlight:
    """The period's report, generated or not: the figures, with the narrative if saved."""
    return compose(tracker(period.plan, period), saved)


def highlight_report_for(period: ReportingPeriod) -> Highlight | None:
    """The period's generated report with its figures; None if nobody has generated it."""
    saved = HighlightReport.objects.filter(period=period).first()
    if saved is None:
        return None
    saved.period = period
    return highlight_of(period, saved)


def latest_highlight_report(
    owner: ImprovementPlan | Partnership, *, before: date
) -> Highlight | None:
    """The newest report whose period ended on or before `before`, such as a meeting's date.

    `owner` is a plan, or a partnership for the newest report of any of its plans.
    """
    reports = HighlightReport.objects.filter(period__ends_on__lte=before).select_related(
        "period__plan__partnership"
    )
    if isinstance(owner, ImprovementPlan):
        reports = reports.filter(period__plan=owner)
    else:
        reports = reports.filter(period__plan__partnership=owner)
    saved = reports.order_by("-period__ends_on", "-generated_at").first()
    if saved is None:
        return None
    return highlight_of(saved.period, saved)
