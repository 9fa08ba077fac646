"""What a board pack holds, read from the records: one `Pack` feeds the page, Word and PDF.

Each section either has its content or says, in its place, why it has none (no earlier
meeting, no active improvement plan...): a pack never leaves a gap unexplained.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from sendboard.actions.models import Action
from sendboard.actions.queries import ActionLogReview, action_log_review, long_date
from sendboard.meetings.models import AgendaItem, Attendance, Meeting
from sendboard.meetings.queries import previous_meeting_before
from sendboard.performance.queries import Figure, ScorecardRow, scorecard
from sendboard.plans.highlight import Highlight, highlight_of, highlight_report_for
from sendboard.plans.models import ImprovementPlan, ReportingPeriod
from sendboard.publishing import queries as publishing
from sendboard.publishing.documents import meeting_when_and_where
from sendboard.risks.queries import RegisterSummary, register_summary


@dataclass(frozen=True)
class Section:
    kind: str  # which part of the pack it is: names its template and its Word writer
    slug: str  # its anchor on the page and in the PDF's contents
    title: str
    gap: str = ""  # why it has nothing to show, said in its place
    report: Highlight | None = None  # a highlight report's section: the report

    def as_record(self) -> dict[str, str]:
        return {"title": self.title, "gap": self.gap}


@dataclass(frozen=True)
class Minutes:
    """The previous meeting's minutes, as formal minutes set them out."""

    meeting: Meeting
    when_and_where: str
    attendance: list[tuple[str, list[Attendance]]]
    items: list[AgendaItem]
    review: ActionLogReview


@dataclass(frozen=True)
class Overdue:
    """An overdue action as the review's table names it."""

    reference: str
    title: str
    owners: str
    due_on: str
    days_overdue: int


@dataclass(frozen=True)
class FigureLine:
    """A scorecard row with where its latest figure came from, worded once for every format."""

    row: ScorecardRow
    source: str


@dataclass(frozen=True)
class PlanReport:
    plan: ImprovementPlan
    report: Highlight | None
    gap: str = ""


@dataclass
class Pack:
    meeting: Meeting
    when_and_where: str
    agenda: list[AgendaItem]
    minutes: Minutes | None
    review: ActionLogReview
    overdue: list[Overdue]
    plans: list[PlanReport]
    risks: RegisterSummary
    figures: list[FigureLine]
    sections: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.meeting.group.name}: board pack for {self.meeting.date:%-d %B %Y}"


# The kinds of section, in the order the pack reads; a highlight report per active plan.
AGENDA, MINUTES, ACTIONS, HIGHLIGHT, RISKS, FIGURES = (
    "agenda",
    "minutes",
    "action-log",
    "highlight-report",
    "risks",
    "figures",
)


def pack_for(meeting: Meeting) -> Pack:
    """Everything the pack for `meeting` holds, as the records stand now."""
    partnership = meeting.group.partnership
    previous = previous_meeting_before(meeting)
    review = action_log_review(board=meeting.group.board, meeting=meeting)
    pack = Pack(
        meeting=meeting,
        when_and_where=meeting_when_and_where(meeting),
        agenda=publishing.meeting_items(meeting),
        minutes=_minutes(previous) if previous else None,
        review=review,
        overdue=_overdue(review),
        plans=plan_reports(partnership, on=meeting.date),
        risks=register_summary(partnership, as_at=meeting.date),
        figures=[
            FigureLine(row, figure_source(row.latest) if row.latest else "")
            for row in scorecard(partnership, raw=False)
        ],
    )
    pack.sections = _sections(pack)
    return pack


def _minutes(meeting: Meeting) -> Minutes:
    return Minutes(
        meeting=meeting,
        when_and_where=meeting_when_and_where(meeting),
        attendance=publishing.attendance_by_kind(meeting),
        items=publishing.meeting_items(meeting),
        review=action_log_review(board=meeting.group.board, meeting=meeting),
    )


def _overdue(review: ActionLogReview) -> list[Overdue]:
    # The review reads only what its paragraph says; the table also gives each title.
    titles = dict(
        Action.objects.filter(pk__in=[entry.action.pk for entry in review.overdue]).values_list(
            "pk", "title"
        )
    )
    return [
        Overdue(
            reference=entry.action.reference,
            title=titles[entry.action.pk],
            owners=", ".join(owner.name for owner in entry.owners) or "No owner",
            due_on=long_date(entry.due_on),
            days_overdue=entry.days_overdue,
        )
        for entry in review.overdue
    ]


def figure_source(figure: Figure) -> str:
    """Where a figure came from: its period, source and definition version."""
    observation = figure.observation
    period = observation.period_label
    if observation.as_at and observation.as_at < observation.period_end:
        period += f", open cases as at {long_date(observation.as_at)}"
    source = (
        f"casework snapshot as at {long_date(observation.snapshot.as_at)}"
        if observation.snapshot
        else "entered by hand"
    )
    return f"{period}. Source: {source}, definition version {observation.definition_version}."


def plan_reports(partnership, *, on: date) -> list[PlanReport]:
    """Each plan active on `on`, with the report of its newest period ended by then.

    With no period ended yet, the open period's figures stand in, marked provisional
    by the report itself; a report nobody has generated yet gives its figures only.
    """
    plans = ImprovementPlan.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), partnership=partnership, starts_on__lte=on
    ).order_by("starts_on", "title")
    found = []
    for plan in plans:
        period = (
            plan.periods.filter(ends_on__lte=on).order_by("-ends_on").first()
            or plan.periods.filter(state=ReportingPeriod.State.OPEN).first()
        )
        if period is None:
            gap = f"{plan.title} has no reporting period yet, so it has no highlight report."
            found.append(PlanReport(plan, None, gap))
            continue
        period.plan = plan
        found.append(PlanReport(plan, highlight_report_for(period) or highlight_of(period)))
    return found


def _sections(pack: Pack) -> list[Section]:
    meeting = pack.meeting
    no_minutes = (
        f"This is the first meeting of {meeting.group.name} in sendboard, "
        "so there are no earlier minutes."
    )
    no_figures = (
        "No indicators yet: an analyst adds them by computing the figures from a casework snapshot."
    )
    return [
        Section(AGENDA, AGENDA, "Agenda", "" if pack.agenda else "Nothing is on the agenda yet."),
        Section(
            MINUTES, MINUTES, "Minutes of the last meeting", "" if pack.minutes else no_minutes
        ),
        Section(ACTIONS, ACTIONS, "Review of the action log"),
        *_highlight_sections(pack.plans),
        Section(RISKS, RISKS, "Risk register summary"),
        Section(FIGURES, FIGURES, "Figures", "" if pack.figures else no_figures),
    ]


def _highlight_sections(plans: list[PlanReport]) -> list[Section]:
    """A section for each active plan's report, as each is a paper of its own."""
    if not plans:
        gap = "The partnership has no improvement plan active at this meeting."
        return [Section(HIGHLIGHT, HIGHLIGHT, "Improvement plan highlight report", gap)]
    return [
        Section(
            HIGHLIGHT,
            f"{HIGHLIGHT}-{number}",
            found.report.title if found.report else f"Highlight report: {found.plan.title}",
            found.gap,
            found.report,
        )
        for number, found in enumerate(plans, start=1)
    ]
