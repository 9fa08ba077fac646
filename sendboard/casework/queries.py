"""Reads for the analyst's casework pages (a snapshot's figures, where the delay sits,
the forecast, one indicator's breakdowns and drill-down) and the engine's catalogue
in the board's terms.

Each read opens the snapshot's files, runs the engine and closes them again, and
gives the page plain values in the words it shows.
"""

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import duckdb
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from sendboard.casework import engine
from sendboard.casework.engine.breakdowns import UNKNOWN
from sendboard.casework.models import Snapshot
from sendboard.governance.models import Partnership
from sendboard.lib.periods import Period
from sendboard.performance.models import Indicator
from sendboard.performance.services import IndicatorSpec

DRILL_DOWN_PAGE_SIZE = 50
BREAKDOWN_LABELS = {
    "primary_need": "Primary need",
    "age_band": "Age",
    "phase": "School phase",
    "team": "Team or locality",
}
STAGE_NAMES = {
    "request": "Request received",
    "decision_to_assess": "Decision to assess",
    "advice_received": "All advice received",
    "panel_1": "First panel",
    "panel_2": "Second panel",
    "draft_issued": "Draft plan issued",
    "final_issued": "Final plan issued",
}
AGENCY_NAMES = {
    "education": "education",
    "health": "health",
    "social_care": "social care",
    "ep": "educational psychology",
}

# The engine's column names, in the words of the page; SEN2 item names stay as they are.
COLUMN_LABELS = {
    "row_id": "Row",
    "requeststableid": "Request (pseudonymous id)",
    "excluded": "Left out because",
    "counted": "In the numerator",
    "measure": "Days or weeks",
}

# Ages and phases read in their natural order; other groups alphabetically.
GROUP_ORDER = (
    *("Under 5", "5 to 10", "11 to 15", "16 to 19", "20 to 25"),
    *("Early years", "Primary", "Secondary", "Post-16", "Post-19"),
)

# A group's figures as the small-number policy lets them be shown, and whether it hid them.
BreakdownRow = tuple[str, dict, bool]


@dataclass(frozen=True)
class SnapshotFigures:
    """Every indicator for a period, the stages between request and plan, and the
    six-month projection."""

    results: list[tuple[str, engine.IndicatorResult]]  # (title, result)
    stages: list[tuple[str, str, engine.StageResult]]  # (from, to, durations)
    forecast: engine.Forecast
    forecast_months: list[tuple[date, engine.ForecastMonth]]  # (first day, month)


@dataclass(frozen=True)
class IndicatorFigures:
    """One indicator for a period: its figure, breakdowns and a page of its cases."""

    indicator: engine.Indicator
    result: engine.IndicatorResult
    breakdowns: list[tuple[str, list[BreakdownRow]]]  # (dimension, its groups)
    columns: list[str]
    page: Page


def snapshot_in(partnership: Partnership, code) -> Snapshot:
    """The partnership's snapshot of that code, or 404."""
    return get_object_or_404(
        Snapshot.objects.select_related("imported_by"), partnership=partnership, code=code
    )


def snapshots_of(partnership: Partnership) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(partnership=partnership).select_related("imported_by")


def snapshot_figures(
    snapshot: Snapshot,
    *,
    period: Period,
    options: engine.EngineOptions,
    capacity_per_month: float | None,
) -> SnapshotFigures:
    with _opened(snapshot) as con:
        results = engine.compute_all(con, period=period, options=options)
        titles = {i.code: i.title for i in engine.catalogue(services=engine.waiting_services(con))}
        stages = engine.stage_durations(con, period=period, options=options)
        forecast = engine.forecast_backlog(
            con, as_at=snapshot.as_at, capacity_per_month=capacity_per_month, options=options
        )
    return SnapshotFigures(
        results=[(titles[key], result) for key, result in results.items()],
        stages=[
            (_stage_name(stage.from_stage), _stage_name(stage.to_stage), stage) for stage in stages
        ],
        forecast=forecast,
        forecast_months=[(date.fromisoformat(f"{m.month}-01"), m) for m in forecast.months],
    )


def indicator_figures(
    snapshot: Snapshot,
    *,
    key: str,
    period: Period,
    options: engine.EngineOptions,
    policy: str,
    page: str | None,
) -> IndicatorFigures:
    """Raises Http404 when the snapshot has no indicator `key`."""
    with _opened(snapshot) as con:
        indicators = {i.code: i for i in engine.catalogue(services=engine.waiting_services(con))}
        if key not in indicators:
            raise Http404(f"No indicator {key}")
        result = engine.compute_one(con, code=key, period=period, options=options)
        # A figure the data cannot give has no cases behind it worth showing.
        unavailable = result.denominator is None and bool(result.reason)
        rows = (
            [] if unavailable else engine.drill_down(con, code=key, period=period, options=options)
        )
        breakdowns = (
            []
            if key.startswith("waiting_") or unavailable
            else [
                (
                    BREAKDOWN_LABELS.get(by, by),
                    _breakdown_rows(
                        engine.disclose_breakdown(
                            engine.breakdown(con, code=key, by=by, period=period, options=options),
                            policy=policy,
                        )
                    ),
                )
                for by in engine.DIMENSIONS
            ]
        )
    return IndicatorFigures(
        indicator=indicators[key],
        result=result,
        breakdowns=breakdowns,
        columns=[COLUMN_LABELS.get(c, c) for c in rows[0]] if rows else [],
        page=Paginator(rows, DRILL_DOWN_PAGE_SIZE).get_page(page),
    )


# The engine's words for which way is better, as the board's indicators say them.
_POLARITY = {
    "higher-is-better": Indicator.Polarity.HIGHER,
    "lower-is-better": Indicator.Polarity.LOWER,
    "neutral": Indicator.Polarity.NEUTRAL,
}


def indicator_catalogue(*, services: Iterable[str] = ()) -> list[IndicatorSpec]:
    """The engine's indicators (with those of each waiting-list service) as the board's.

    Medians and means are shown in what they measure (days or weeks).
    """
    return [
        IndicatorSpec(
            key=found.code,
            title=found.title,
            definition=found.definition,
            unit=found.measure or found.unit,
            polarity=_POLARITY[found.polarity],
        )
        for found in engine.catalogue(services=tuple(services))
    ]


@contextmanager
def _opened(snapshot: Snapshot) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        con = engine.open_snapshot(snapshot.folder)
    except engine.SnapshotError as error:
        raise Http404(f"The files of {snapshot} cannot be read: {error}") from error
    try:
        yield con
    finally:
        con.close()


def _stage_name(stage: str) -> str:
    for prefix, text in (("advice_requested_", "requested"), ("advice_received_", "received")):
        if stage.startswith(prefix):
            agency = stage.removeprefix(prefix)
            return f"Advice from {AGENCY_NAMES.get(agency, agency)} {text}"
    return STAGE_NAMES.get(stage, stage)


def _group_order(group: str) -> tuple[int, str]:
    if group == UNKNOWN:
        return (len(GROUP_ORDER) + 1, group)
    return (GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group)


def _breakdown_rows(shown: dict[str, dict]) -> list[BreakdownRow]:
    return [
        (
            group,
            figures,
            isinstance(figures["numerator"], str) or isinstance(figures["denominator"], str),
        )
        for group, figures in sorted(shown.items(), key=lambda item: _group_order(item[0]))
    ]


def snapshot_named(reference: str) -> Snapshot | None:
    """A snapshot as a person types it on the command line: its code, or "latest" for the
    newest ready one."""
    snapshots = Snapshot.objects.select_related("partnership")
    if reference == "latest":
        return snapshots.filter(status=Snapshot.Status.READY).order_by("-imported_at").first()
    try:
        return snapshots.filter(code=uuid.UUID(reference)).first()
    except ValueError:
        return None


@dataclass(frozen=True)
class PlanStrata:
    """A live plan by its pseudonymous id, with what a quality sample is stratified by."""

    plan_id: str
    team: str
    phase: str
    primary_need: str
    issued: date | None


def active_plans_with_strata(snapshot: Snapshot) -> list[PlanStrata]:
    """The snapshot's live plans as the active-plans indicator counts them, one a request,
    with team (from the optional local teams table), school phase and primary need
    grouped as the indicator breakdowns group them; "Unknown" where the data is silent."""
    with _opened(snapshot) as con:
        scope = engine.indicators.make_scope(
            con, period=snapshot.as_at.isoformat(), as_at=snapshot.as_at
        )
        dims = {
            by: engine.breakdowns._dimension_sql(by, scope)
            for by in ("team", "phase", "primary_need")
        }
        rows = con.execute(
            f"""
            SELECT live.requeststableid,
                coalesce(team.grp, '{UNKNOWN}'), coalesce(phase.grp, '{UNKNOWN}'),
                coalesce(need.grp, '{UNKNOWN}'), min(live.plandate)
            FROM ({engine.reviews.active_plans(scope)}) AS live
            LEFT JOIN ({dims["team"]}) AS team USING (requeststableid)
            LEFT JOIN ({dims["phase"]}) AS phase USING (requeststableid)
            LEFT JOIN ({dims["primary_need"]}) AS need USING (requeststableid)
            WHERE live.excluded IS NULL
            GROUP BY ALL ORDER BY 1
            """
        ).fetchall()
    return [PlanStrata(engine.identifier_text(plan), *strata) for plan, *strata in rows]
