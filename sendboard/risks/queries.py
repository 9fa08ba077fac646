"""Reads of the risk register: the filtered register, its summary for the board, heat maps."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from sendboard.governance.models import Partnership
from sendboard.plans.models import PlanAction
from sendboard.risks.charts import score_history_svg
from sendboard.risks.heatmap import HeatCell, heat_map_svg
from sendboard.risks.models import Mitigation, Risk, RiskReview, RiskSettings
from sendboard.risks.scoring import (
    DEFAULT_BANDS,
    IMPACT_WORDS,
    LIKELIHOOD_WORDS,
    SCALE,
    Band,
    Bands,
)

TOP_RISKS = 5


def risk_in(partnership: Partnership, code) -> Risk:
    """A risk with what its page shows: owner, mitigations and their owners, plan lines."""
    risks = Risk.objects.select_related("partnership", "owner__organisation").prefetch_related(
        Prefetch("mitigations", queryset=Mitigation.objects.select_related("owner")),
        Prefetch(
            "plan_actions",
            queryset=PlanAction.objects.select_related("outcome__area__plan"),
        ),
    )
    return get_object_or_404(risks, partnership=partnership, code=code)


def mitigation_in(partnership: Partnership, code) -> Mitigation:
    return get_object_or_404(
        Mitigation.objects.select_related("risk__partnership", "risk__owner", "owner"),
        risk__partnership=partnership,
        code=code,
    )


def bands_for(partnership: Partnership) -> Bands:
    saved = RiskSettings.objects.filter(partnership=partnership).first()
    return saved.bands if saved else DEFAULT_BANDS


@dataclass(frozen=True)
class RegisterRow:
    """A risk as the register shows it on a day: its band, trend and whether review is late."""

    risk: Risk
    band: Band
    inherent_band: Band
    target_band: Band | None
    previous_score: int | None
    overdue: bool

    @property
    def trend(self) -> str:
        """The residual score against the one recorded before it: the register's arrow, in words."""
        if self.previous_score is None:
            return "New"
        if self.risk.residual_score > self.previous_score:
            return "Rising"
        if self.risk.residual_score < self.previous_score:
            return "Falling"
        return "No change"


def _rows(risks: QuerySet[Risk], bands: Bands, *, as_at: date) -> list[RegisterRow]:
    rows = []
    for risk in risks:
        history = risk.reviews.all()
        previous = history[len(history) - 2].residual_score if len(history) > 1 else None
        target = risk.target_score
        rows.append(
            RegisterRow(
                risk=risk,
                band=bands.band_for(risk.residual_score),
                inherent_band=bands.band_for(risk.inherent_score),
                target_band=bands.band_for(target) if target else None,
                previous_score=previous,
                overdue=risk.live and risk.review_due_on < as_at,
            )
        )
    return rows


def _risks(partnership: Partnership) -> QuerySet[Risk]:
    return (
        Risk.objects.filter(partnership=partnership)
        .select_related("owner", "partnership")
        .prefetch_related(
            Prefetch("reviews", queryset=RiskReview.objects.order_by(*RiskReview._meta.ordering))
        )
    )


def register(
    partnership: Partnership,
    *,
    as_at: date,
    status: str = "live",
    category: str = "",
    escalated: bool | None = None,
    overdue: bool | None = None,
    band: str = "",
) -> list[RegisterRow]:
    """The register, filtered. `status` "live" means every risk not closed; "" means all."""
    risks = _risks(partnership)
    if status == "live":
        risks = risks.exclude(status=Risk.Status.CLOSED)
    elif status:
        risks = risks.filter(status=status)
    if category:
        risks = risks.filter(category=category)
    if escalated is not None:
        risks = risks.filter(escalated_to_board=escalated)
    if overdue is not None:
        late = risks.exclude(status=Risk.Status.CLOSED).filter(review_due_on__lt=as_at)
        risks = late if overdue else risks.exclude(pk__in=late.values("pk"))
    rows = _rows(risks, bands_for(partnership), as_at=as_at)
    if band:
        rows = [row for row in rows if row.band == band]
    return sorted(rows, key=lambda row: (-row.risk.residual_score, row.risk.reference))


def risk_row(risk: Risk, *, as_at: date) -> RegisterRow:
    return _rows(
        _risks(risk.partnership).filter(pk=risk.pk), bands_for(risk.partnership), as_at=as_at
    )[0]


@dataclass(frozen=True)
class HeatMap:
    title: str
    cells: tuple[HeatCell, ...]

    @property
    def svg(self) -> str:
        return heat_map_svg(self.cells, title=self.title)

    @property
    def likelihood_headings(self) -> list[str]:
        return [f"{grade}: {LIKELIHOOD_WORDS[grade]}" for grade in SCALE]

    @property
    def rows(self) -> list[tuple[str, list[HeatCell]]]:
        """The cells as the table beside the picture lays them out: impact 5 at the top."""
        by_place = {(cell.likelihood, cell.impact): cell for cell in self.cells}
        return [
            (f"{imp}: {IMPACT_WORDS[imp]}", [by_place[(lik, imp)] for lik in SCALE])
            for imp in reversed(SCALE)
        ]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


def heat_map(risks: list[Risk], bands: Bands, *, residual: bool, title: str) -> HeatMap:
    """Count `risks` in each cell of the grid, by their residual or inherent scores."""
    places = Counter(
        (risk.residual_likelihood, risk.residual_impact)
        if residual
        else (risk.likelihood, risk.impact)
        for risk in risks
    )
    cells = tuple(
        HeatCell(lik, imp, places[(lik, imp)], bands.band_for(lik * imp))
        for lik in SCALE
        for imp in SCALE
    )
    return HeatMap(title=title, cells=cells)


def heat_maps(risks: list[Risk], bands: Bands) -> tuple[HeatMap, HeatMap]:
    """Before and after mitigation, for the same risks."""
    count = f"{len(risks)} open {'risk' if len(risks) == 1 else 'risks'}"
    return (
        heat_map(risks, bands, residual=False, title=f"Before mitigation (inherent): {count}"),
        heat_map(risks, bands, residual=True, title=f"After mitigation (residual): {count}"),
    )


@dataclass(frozen=True)
class BandCount:
    band: Band
    lowest: int
    highest: int
    count: int


@dataclass(frozen=True)
class RegisterSummary:
    """The register as the board reads it on `as_at`: every risk not closed."""

    partnership: Partnership
    as_at: date
    bands: Bands
    rows: list[RegisterRow]
    by_band: list[BandCount]
    escalated: list[RegisterRow]
    overdue: list[RegisterRow]
    top: list[RegisterRow]
    inherent_map: HeatMap
    residual_map: HeatMap

    @property
    def total(self) -> int:
        return len(self.rows)


def register_summary(partnership: Partnership, *, as_at: date) -> RegisterSummary:
    """Counts by residual band, the escalated risks, overdue reviews, the top risks."""
    bands = bands_for(partnership)
    rows = register(partnership, as_at=as_at)
    counts = Counter(row.band for row in rows)
    inherent, residual = heat_maps([row.risk for row in rows], bands)
    return RegisterSummary(
        partnership=partnership,
        as_at=as_at,
        bands=bands,
        rows=rows,
        by_band=[
            BandCount(band, lowest, highest, counts[band])
            for band, lowest, highest in reversed(bands.ranges())
        ],
        escalated=[row for row in rows if row.risk.escalated_to_board],
        overdue=[row for row in rows if row.overdue],
        top=rows[:TOP_RISKS],
        inherent_map=inherent,
        residual_map=residual,
    )


def score_history(risk: Risk) -> list[RiskReview]:
    return list(risk.reviews.select_related("reviewed_by").order_by(*RiskReview._meta.ordering))


def score_history_chart(risk: Risk, history: list[RiskReview]) -> str:
    """The history as a line chart, once there is more than one score to join; else ""."""
    if len(history) < 2:
        return ""
    points = tuple((row.reviewed_on, row.inherent_score, row.residual_score) for row in history)
    return score_history_svg(points, title=f"Scores of {risk.reference} over time")
