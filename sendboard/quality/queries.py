"""Reads for the quality assurance pages: settings, frameworks, audits a reader may see,
a month's progress against the target, the figures and moderation agreement."""

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from sendboard.casework import queries as casework_queries
from sendboard.casework.engine.breakdowns import UNKNOWN
from sendboard.casework.models import Snapshot
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Access, Capability
from sendboard.lib.agreement import exact, quadratic_kappa, within_one
from sendboard.lib.disclosure import disclose_rate, disclose_row
from sendboard.lib.periods import add_months
from sendboard.quality.models import (
    AdviceGrade,
    Audit,
    Framework,
    Moderation,
    PlanTeam,
    QualitySettings,
    Sample,
    SectionGrade,
)

DISAGREEMENTS_SHOWN = 50
NOT_APPLICABLE_WORDS = "Not applicable: no needs identified"
# Audits whose grade counts: submitted on. Their grade is the final one once agreed.
COUNTED = (Audit.Status.SUBMITTED, Audit.Status.MODERATED, Audit.Status.FINAL)
OPEN = (Audit.Status.ASSIGNED, Audit.Status.IN_PROGRESS)


def settings_of(partnership: Partnership) -> QualitySettings:
    """The partnership's settings, or the defaults (unsaved) when it has none."""
    found = QualitySettings.objects.filter(partnership=partnership).first()
    return found or QualitySettings(partnership=partnership)


def is_moderator(access: Access) -> bool:
    """Managers, and the auditors the settings name, moderate."""
    if access.can(Capability.MANAGE):
        return True
    person = access.person
    return (
        access.can(Capability.AUDIT)
        and person is not None
        and QualitySettings.objects.filter(
            partnership=access.partnership, moderators=person
        ).exists()
    )


def current_framework(partnership: Partnership) -> Framework | None:
    return Framework.objects.filter(partnership=partnership).order_by("-created_at", "-pk").first()


def sample_drawn(partnership: Partnership, month: date) -> Sample | None:
    """The month's sample, once it has been drawn."""
    return Sample.objects.filter(partnership=partnership, month=first_of_month(month)).first()


def latest_framework_named(partnership: Partnership, name: str) -> Framework | None:
    """The newest version of a framework, whose number the next version follows."""
    return Framework.objects.filter(partnership=partnership, name=name).order_by("-number").first()


def framework_unchanged(partnership: Partnership, spec: dict) -> Framework | None:
    """The newest version of a checked framework's name, when it is that same framework."""
    latest = latest_framework_named(partnership, spec["name"])
    return latest if latest is not None and latest.spec == spec else None


def frameworks_of(partnership: Partnership) -> QuerySet[Framework]:
    return Framework.objects.filter(partnership=partnership).select_related("created_by")


def framework_in(partnership: Partnership, code) -> Framework:
    return get_object_or_404(Framework, partnership=partnership, code=code)


def latest_snapshot(partnership: Partnership) -> Snapshot | None:
    return (
        Snapshot.objects.filter(partnership=partnership, status=Snapshot.Status.READY)
        .order_by("-as_at", "-imported_at")
        .first()
    )


def audits_for(access: Access) -> QuerySet[Audit]:
    """Managers see every audit; an auditor only those assigned to them."""
    audits = Audit.objects.filter(partnership=access.partnership).select_related(
        "auditor", "framework"
    )
    if access.can(Capability.MANAGE):
        return audits
    person = access.person
    if not access.can(Capability.AUDIT) or person is None:
        return audits.none()
    return audits.filter(auditor=person)


def open_audits_of(access: Access) -> QuerySet[Audit]:
    """The audits the reader is assigned and has still to submit, oldest month first; a
    manager's own only, as the audits list shows everyone's."""
    if access.person is None or not access.can(Capability.AUDIT):
        return Audit.objects.none()
    return (
        Audit.objects.filter(
            partnership=access.partnership,
            auditor=access.person,
            status__in=OPEN,
        )
        .select_related("partnership")
        .order_by("month", "plan_id")
    )


def audit_for(access: Access, code) -> Audit:
    """The audit, for its auditor and managers; 404 for anyone else, who may not know of it."""
    try:
        return audits_for(access).get(code=code)
    except Audit.DoesNotExist as missing:
        raise Http404("No such audit") from missing


def first_of_month(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class MonthProgress:
    month: date
    target: int | None  # None when no sample was drawn
    assigned: int
    completed: int  # submitted, moderated or final
    shortfall: int
    by_auditor: list[tuple[str, int, int]]  # (auditor, assigned, completed) still open

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, round(100 * self.completed / self.target))


def month_progress(
    partnership: Partnership, *, months: int = 12, as_at: date
) -> list[MonthProgress]:
    """Audits completed against the target, month by month, newest first."""
    last = first_of_month(as_at)
    first = add_months(last, -(months - 1))
    samples = {
        s.month: s.target_count
        for s in Sample.objects.filter(partnership=partnership, month__gte=first)
    }
    rows = (
        Audit.objects.filter(partnership=partnership, month__gte=first, month__lte=last)
        .values("month", "auditor__name")
        .annotate(assigned=Count("pk"), completed=Count("pk", filter=Q(status__in=COUNTED)))
    )
    per_month: dict[date, list[tuple[str, int, int]]] = {}
    for row in rows:
        per_month.setdefault(row["month"], []).append(
            (row["auditor__name"], row["assigned"], row["completed"])
        )
    found = []
    for n in range(months):
        month = add_months(last, -n)
        auditors = sorted(per_month.get(month, []))
        completed = sum(c for _, _, c in auditors)
        target = samples.get(month)
        found.append(
            MonthProgress(
                month=month,
                target=target,
                assigned=sum(a for _, a, _ in auditors),
                completed=completed,
                shortfall=max(0, (target or 0) - completed),
                by_auditor=[row for row in auditors if row[1] > row[2]],
            )
        )
    return found


@dataclass(frozen=True)
class Share:
    """How many of the graded audits were good or better, as the policy lets it be shown."""

    label: str
    good: int | str | None
    total: int | str | None
    percent: float | None


def _share(label: str, good: int, total: int, policy: str) -> Share:
    shown = disclose_rate(good, total, policy=policy)
    return Share(label, shown["numerator"], shown["denominator"], shown["percent"])


def graded(partnership: Partnership) -> QuerySet[Audit]:
    return Audit.objects.filter(partnership=partnership, status__in=COUNTED)


def good_counts(audits: QuerySet[Audit], by: str | None, good_level: int) -> list[dict]:
    """Good or better counts the final grade where there is one, else the audit's own."""
    good = Q(final_grade__gte=good_level) | Q(final_grade__isnull=True, grade__gte=good_level)
    grouped = audits.values(by) if by else audits.values("partnership")
    return list(grouped.annotate(total=Count("pk"), good=Count("pk", filter=good)).order_by())


@dataclass(frozen=True)
class MonthFigures:
    month: date
    framework: Framework | None
    overall: Share
    by_stage: list[Share]
    by_team: list[Share]
    trend: list[tuple[date, Share]]  # oldest first
    advice: list[tuple[str, list[tuple[str, int | str]], int | str]]  # agency, grades, n/a


def month_figures(partnership: Partnership, *, month: date, policy: str) -> MonthFigures:
    framework = current_framework(partnership)
    good_level = framework.good_level if framework else 3
    in_month = graded(partnership).filter(month=month)
    overall = good_counts(in_month, None, good_level)
    stages = {row["stage"]: row for row in good_counts(in_month, "stage", good_level)}
    teams = good_counts(in_month, "team", good_level)
    since = add_months(month, -11)
    trend = good_counts(
        graded(partnership).filter(month__gte=since, month__lte=month), "month", good_level
    )
    return MonthFigures(
        month=month,
        framework=framework,
        overall=_share(
            "All audits",
            overall[0]["good"] if overall else 0,
            overall[0]["total"] if overall else 0,
            policy,
        ),
        by_stage=[
            _share(
                label,
                stages.get(key, {}).get("good", 0),
                stages.get(key, {}).get("total", 0),
                policy,
            )
            for key, label in Audit.Stage.choices
        ],
        by_team=[
            _share(row["team"] or "Team not recorded", row["good"], row["total"], policy)
            for row in sorted(teams, key=lambda row: row["team"])
        ],
        trend=[
            (row["month"], _share(f"{row['month']:%b %Y}", row["good"], row["total"], policy))
            for row in sorted(trend, key=lambda row: row["month"])
        ],
        advice=_advice_quality(partnership, month=month, framework=framework, policy=policy),
    )


def _advice_quality(
    partnership: Partnership, *, month: date, framework: Framework | None, policy: str
):
    rows = (
        AdviceGrade.objects.filter(
            audit__partnership=partnership, audit__month=month, audit__status__in=COUNTED
        )
        .values("agency", "grade", "not_applicable")
        .annotate(n=Count("pk"))
        .order_by()
    )
    scale = framework.scale if framework else []
    found = []
    for agency, label in AdviceGrade.Agency.choices:
        mine = [row for row in rows if row["agency"] == agency]
        counts = {row["grade"]: row["n"] for row in mine if not row["not_applicable"]}
        not_applicable = sum(row["n"] for row in mine if row["not_applicable"])
        grades = [(word, counts.get(level, 0)) for level, word in enumerate(scale, start=1)]
        if any(n for _, n in grades) or not_applicable:
            cells = disclose_row(
                {**dict(grades), NOT_APPLICABLE_WORDS: not_applicable}, policy=policy
            )
            shown = [(word, cells[word]) for word, _ in reversed(grades)]
            found.append((label, shown, cells[NOT_APPLICABLE_WORDS]))
    return found


@dataclass(frozen=True)
class Agreement:
    label: str
    pairs: int
    exact: float | None
    within_one: float | None
    kappa: float | None


def _agreement(label: str, counted: list[dict], levels: int) -> Agreement:
    table = {(row["first"], row["second"]): row["n"] for row in counted}
    return Agreement(
        label,
        sum(table.values()),
        exact(table),
        within_one(table),
        quadratic_kappa(table, levels=levels),
    )


@dataclass(frozen=True)
class ModerationReport:
    levels: int
    by_month: list[Agreement]
    by_section: list[Agreement]
    disagreements: list[Moderation]  # the oldest, up to DISAGREEMENTS_SHOWN
    disagreeing: int
    awaiting: int


def _section_pairs(moderations: QuerySet[Moderation]) -> dict[str, list[dict]]:
    """Counts of (auditor's grade, moderator's grade) for each section of the moderated
    audits, paired in the database: the ORM would pair them by a correlated subquery,
    and reading both sides into Python is slow over years of audits."""
    audits, params = moderations.values("audit_id").query.sql_with_params()
    table = connection.ops.quote_name(SectionGrade._meta.db_table)
    sql = f"""
        SELECT a.section, a.grade, b.grade, COUNT(*)
        FROM {table} AS a JOIN {table} AS b
            ON b.audit_id = a.audit_id AND b.section = a.section AND b.moderation = %s
        WHERE a.moderation = %s AND a.grade IS NOT NULL AND b.grade IS NOT NULL
            AND a.audit_id IN ({audits})
        GROUP BY a.section, a.grade, b.grade
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, False, *params])
        rows = cursor.fetchall()
    found: dict[str, list[dict]] = {}
    for section, first, second, n in rows:
        found.setdefault(section, []).append({"first": first, "second": second, "n": n})
    return found


def _awaiting(partnership: Partnership) -> int:
    """Moderations still to grade. The few ungraded are found first, by their index:
    joined from the partnership's audits, the database reads every audit it has."""
    ungraded = list(Moderation.objects.filter(grade__isnull=True).values_list("audit", flat=True))
    return Audit.objects.filter(pk__in=ungraded, partnership=partnership).count()


def moderation_report(partnership: Partnership, *, since: date, until: date) -> ModerationReport:
    """Agreement of the overall grade per month and of each section over the months,
    between the auditor's and the moderator's blind grades."""
    framework = current_framework(partnership)
    levels = len(framework.scale) if framework else 4
    moderations = Moderation.objects.filter(
        audit__partnership=partnership,
        audit__month__gte=since,
        audit__month__lte=until,
        grade__isnull=False,
    )
    overall = (
        moderations.values("audit__month", "audit__grade", "grade")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(agreed_grade__isnull=True)))
        .order_by()
    )
    months: dict[date, list[dict]] = {}
    disagreeing = 0
    for row in overall:
        months.setdefault(row["audit__month"], []).append(
            {"first": row["audit__grade"], "second": row["grade"], "n": row["n"]}
        )
        if row["audit__grade"] != row["grade"]:
            disagreeing += row["open"]
    per_section = _section_pairs(moderations)
    order = [s["key"] for s in framework.sections] if framework else sorted(per_section)
    return ModerationReport(
        levels=levels,
        by_month=[
            _agreement(f"{month:%B %Y}", rows, levels) for month, rows in sorted(months.items())
        ],
        by_section=[
            _agreement(key, per_section[key], levels) for key in order if key in per_section
        ],
        disagreements=list(
            moderations.filter(agreed_grade__isnull=True)
            .exclude(grade=F("audit__grade"))
            .select_related("audit__framework", "moderator", "audit__auditor")
            .order_by("audit__month", "audit__plan_id")[:DISAGREEMENTS_SHOWN]
        ),
        disagreeing=disagreeing,
        awaiting=_awaiting(partnership),
    )


@dataclass(frozen=True)
class GradeRow:
    key: str
    title: str
    weight: float
    grade: str
    evidence: str
    second: str = ""  # the moderator's grade, where there is one


def audit_grades(audit: Audit) -> list[GradeRow]:
    framework = audit.framework
    given = {(row.section, row.moderation): row for row in audit.section_grades.all()}
    rows = []
    for section in framework.sections:
        first = given.get((section["key"], False))
        second = given.get((section["key"], True))
        rows.append(
            GradeRow(
                key=section["key"],
                title=section["title"],
                weight=section["weight"],
                grade=framework.grade_word(first.grade) if first else "",
                evidence=first.evidence if first else "",
                second=framework.grade_word(second.grade) if second else "",
            )
        )
    return rows


def awaits_blind_grades(audit: Audit) -> bool:
    return Moderation.objects.filter(audit=audit, grade__isnull=True).exists()


def moderation_in(partnership: Partnership, code) -> Moderation:
    return get_object_or_404(
        Moderation.objects.select_related("audit__framework", "audit__auditor", "moderator"),
        audit__partnership=partnership,
        code=code,
    )


def moderation_queue(access: Access) -> dict:
    """What a moderator has to do: audits to grade blind (never their own), and
    moderated audits whose grade the session has yet to agree."""
    moderations = Moderation.objects.filter(audit__partnership=access.partnership).select_related(
        "audit__auditor", "audit__framework", "moderator"
    )
    person = access.person
    to_grade = moderations.filter(grade__isnull=True)
    if person is not None:
        to_grade = to_grade.exclude(audit__auditor=person)
    return {
        "to_grade": list(to_grade.order_by("audit__month", "audit__plan_id")[:100]),
        "to_agree": list(
            moderations.filter(grade__isnull=False, agreed_grade__isnull=True).order_by(
                "audit__month", "audit__plan_id"
            )[:100]
        ),
    }


@dataclass(frozen=True)
class Bar:
    label: str
    percent: float | None
    text: str
    y: int
    width: float


def trend_chart(trend: list[tuple[date, Share]]) -> list[Bar]:
    """Horizontal bars of % good or better by month, as the SVG draws them (0 to 100%
    across 400 units); a suppressed month has no bar and says so."""
    return [
        Bar(
            label=share.label,
            percent=share.percent,
            text="suppressed"
            if share.percent is None and share.total
            else ("no audits" if share.percent is None else f"{share.percent:g}%"),
            y=n * 28,
            width=4 * (share.percent or 0),
        )
        for n, (_, share) in enumerate(trend)
    ]


@dataclass(frozen=True)
class PlanTeamRow:
    """A live plan's team as the sample is stratified by it, and where it comes from."""

    plan_id: str
    team: str
    snapshot_team: str  # "" when the snapshot has no team for it
    set_here: bool


def plan_teams(
    partnership: Partnership, snapshot: Snapshot, *, find: str = ""
) -> list[PlanTeamRow]:
    """The snapshot's live plans with their teams: one set in sendboard goes before the
    snapshot's `teams` table; `find` keeps the plans whose id or team contains it."""
    set_teams = dict(
        PlanTeam.objects.filter(partnership=partnership).values_list("plan_id", "team")
    )
    rows = []
    for plan in casework_queries.active_plans_with_strata(snapshot):
        from_snapshot = "" if plan.team == UNKNOWN else plan.team
        team = set_teams.get(plan.plan_id, from_snapshot)
        rows.append(PlanTeamRow(plan.plan_id, team, from_snapshot, plan.plan_id in set_teams))
    wanted = find.strip().lower()
    if wanted:
        rows = [row for row in rows if wanted in row.plan_id.lower() or wanted in row.team.lower()]
    return rows


def plan_team_of(partnership: Partnership, snapshot: Snapshot, plan_id: str) -> PlanTeamRow:
    """One live plan's team; 404 for a plan not live in the snapshot."""
    found = [row for row in plan_teams(partnership, snapshot) if row.plan_id == plan_id]
    if not found:
        raise Http404(f"No live plan {plan_id} in the {snapshot}")
    return found[0]
