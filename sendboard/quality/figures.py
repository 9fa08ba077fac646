"""The quality figures as the board's figures: observations with provenance, so they
reach the dashboard and the board pack."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.utils import timezone

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, access_for
from sendboard.lib.periods import parse_period
from sendboard.performance.models import Indicator
from sendboard.performance.services import ComputedFigure, IndicatorSpec, figures_record
from sendboard.quality import queries
from sendboard.quality.models import Moderation, Sample

SOURCE = "sendboard EHCP quality assurance audits"
GOOD = IndicatorSpec(
    key="ehcp_quality_good_or_better",
    title="EHC plans audited as good or better",
    definition=(
        "Audits submitted in the month whose final grade (the moderation session's agreed "
        "grade where moderated, else the audit's own computed from the framework) is good "
        "or better, as a share of all audits submitted in the month."
    ),
    unit=Indicator.Unit.PERCENT,
    polarity=Indicator.Polarity.HIGHER,
    combines=Indicator.Combines.RATIO,
    source_name=SOURCE,
)
AGAINST_TARGET = IndicatorSpec(
    key="ehcp_quality_audits_against_target",
    title="EHC plan audits completed against the monthly target",
    definition=(
        "Audits submitted in the month (of its sample or assigned beside it), as a share "
        "of the month's target "
        "(the set % of active plans, or of plans issued in the month)."
    ),
    unit=Indicator.Unit.PERCENT,
    polarity=Indicator.Polarity.HIGHER,
    combines=Indicator.Combines.RATIO,
    source_name=SOURCE,
)
AGREEMENT = IndicatorSpec(
    key="ehcp_quality_moderation_agreement",
    title="Moderation: exact agreement on the overall grade",
    definition=(
        "Moderated audits in the month where the moderator's blind overall grade was the "
        "same as the auditor's, as a share of the audits moderated."
    ),
    unit=Indicator.Unit.PERCENT,
    polarity=Indicator.Polarity.HIGHER,
    combines=Indicator.Combines.RATIO,
    source_name=SOURCE,
)


def _figure(spec: IndicatorSpec, month: date, numerator: int, denominator: int) -> ComputedFigure:
    return ComputedFigure(
        key=spec.key,
        period=parse_period(f"{month:%Y-%m}"),
        as_at=None,
        numerator=numerator,
        denominator=denominator,
        value=round(100 * numerator / denominator, 1) if denominator else None,
        excluded={},
        options={},
    )


def monthly_counts(partnership: Partnership) -> dict[IndicatorSpec, list[tuple[date, int, int]]]:
    """(month, numerator, denominator) of each figure, for every month with audits."""
    framework = queries.current_framework(partnership)
    good_level = framework.good_level if framework else 3
    good = [
        (row["month"], row["good"], row["total"])
        for row in queries.good_counts(queries.graded(partnership), "month", good_level)
    ]
    completed = dict(
        queries.graded(partnership).values_list("month").annotate(n=Count("pk")).order_by()
    )
    targets = [
        (sample.month, completed.get(sample.month, 0), sample.target_count)
        for sample in Sample.objects.filter(partnership=partnership)
    ]
    agreement = (
        Moderation.objects.filter(audit__partnership=partnership, grade__isnull=False)
        .values("audit__month")
        .annotate(n=Count("pk"), same=Count("pk", filter=Q(grade=F("audit__grade"))))
        .order_by()
    )
    return {
        GOOD: sorted(good),
        AGAINST_TARGET: sorted(targets),
        AGREEMENT: sorted((row["audit__month"], row["same"], row["n"]) for row in agreement),
    }


def quality_figures_publish(*, partnership: Partnership, by: User) -> int:
    """Record each month's figures; an unchanged one is left alone. Returns how many
    observations were written."""
    if not access_for(by, partnership).can(Capability.MANAGE):
        raise PermissionDenied("Only managers add figures to the board's figures.")
    today = timezone.localdate()
    written = 0
    for spec, rows in monthly_counts(partnership).items():
        figures = [_figure(spec, month, n, d) for month, n, d in rows if d]
        audits = sum(d for _, _, d in rows)
        written += figures_record(
            partnership=partnership,
            spec=spec,
            figures=figures,
            provenance=f"Computed from {audits:,} records of {SOURCE} on {today:%-d %B %Y}",
            by=by,
        )
    return written
