"""The learning loop: themes found in audits, the monthly learning summary for the board
and for training, and each auditor's feedback from moderation. Every figure in the
summary's words is computed here from the records, never typed."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from sendboard.governance.models import Partnership, Person
from sendboard.lib.periods import add_months
from sendboard.quality import queries
from sendboard.quality.models import Audit, Moderation, Theme


@dataclass(frozen=True)
class ThemeTrend:
    theme: str
    counts: list[int]  # one a month, oldest first
    total: int

    @property
    def direction(self) -> str:
        half = len(self.counts) // 2
        earlier, later = sum(self.counts[:half]), sum(self.counts[half:])
        if later < earlier:
            return "Falling"
        return "Rising" if later > earlier else "No change"


def theme_trends(partnership: Partnership, *, until: date, months: int = 6) -> dict:
    since = add_months(until, -(months - 1))
    columns = [add_months(since, n) for n in range(months)]
    rows = (
        Theme.objects.filter(
            partnership=partnership,
            audits__month__gte=since,
            audits__month__lte=until,
            audits__status__in=queries.COUNTED,
        )
        .values("name", "audits__month")
        .annotate(n=Count("audits"))
        .order_by()
    )
    counts: dict[str, dict[date, int]] = {}
    for row in rows:
        counts.setdefault(row["name"], {})[row["audits__month"]] = row["n"]
    trends = [
        ThemeTrend(name, [found.get(m, 0) for m in columns], sum(found.values()))
        for name, found in counts.items()
    ]
    return {"months": columns, "rows": sorted(trends, key=lambda t: (-t.total, t.theme))}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "no"


def _good_share(partnership: Partnership, month: date, good_level: int) -> tuple[int, int]:
    counted = queries.good_counts(queries.graded(partnership).filter(month=month), None, good_level)
    return (counted[0]["good"], counted[0]["total"]) if counted else (0, 0)


def monthly_summary(partnership: Partnership, *, month: date) -> list[str]:
    """The month's learning in sentences, for the board and for training."""
    framework = queries.current_framework(partnership)
    if framework is None:
        return [
            "No quality assurance framework has been imported yet: there is nothing to summarise."
        ]
    progress = queries.month_progress(partnership, months=1, as_at=month)[0]
    good, total = _good_share(partnership, month, framework.good_level)
    before_good, before_total = _good_share(
        partnership, add_months(month, -1), framework.good_level
    )
    sentences = []
    target = f" against a target of {progress.target}" if progress.target else ""
    sentences.append(f"In {month:%B %Y}, {progress.completed} audits were completed{target}.")
    if total:
        change = ""
        if before_total:
            change = f", against {_percent(before_good, before_total)} the month before"
        sentences.append(
            f"{_percent(good, total)} of the {total} plans audited were "
            f"{framework.spec['good_or_better_from'].lower()} or better{change}."
        )
    top = theme_trends(partnership, until=month, months=1)["rows"][:3]
    if top:
        named = "; ".join(f"{t.theme.lower()} ({t.counts[-1]})" for t in top)
        sentences.append(f"The themes found most often: {named}.")
    moderated = Moderation.objects.filter(
        audit__partnership=partnership, audit__month=month, grade__isnull=False
    )
    pairs = list(moderated.values_list("audit__grade", "grade"))
    if pairs:
        same = sum(a == b for a, b in pairs)
        sentences.append(
            f"{len(pairs)} audits were moderated; the moderator gave the same overall grade "
            f"in {same} of them."
        )
    return sentences


@dataclass(frozen=True)
class Feedback:
    audit: Audit
    own: str
    moderator: str
    agreed: str
    note: str
    sections_differing: int


def feedback_for(person: Person) -> list[Feedback]:
    """The auditor's moderated audits: their grade, the moderator's and the agreed one."""
    moderations = (
        Moderation.objects.filter(audit__auditor=person, grade__isnull=False)
        .select_related("audit__framework")
        .order_by("-audit__month")[:100]
    )
    rows = []
    for moderation in moderations:
        audit = moderation.audit
        grades = queries.audit_grades(audit)
        rows.append(
            Feedback(
                audit=audit,
                own=audit.framework.grade_word(audit.grade),
                moderator=audit.framework.grade_word(moderation.grade),
                agreed=audit.framework.grade_word(moderation.agreed_grade),
                note=moderation.agreed_note,
                sections_differing=sum(row.grade != row.second for row in grades if row.second),
            )
        )
    return rows
