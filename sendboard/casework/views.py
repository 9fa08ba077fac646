"""The analyst's casework pages: snapshots, the full indicator set, drill-downs.

Every page here needs the ANALYSE capability: drill-downs are case-level rows (by
pseudonymous id) and never leave the analyst role.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from govuk_frontend_django.components.pagination import (
    GovUKPagination,
    PaginationItems,
    PaginationNext,
    PaginationPrevious,
)

from sendboard.casework import engine
from sendboard.casework.engine.breakdowns import UNKNOWN
from sendboard.casework.forms import CaseworkFiguresForm, ForecastForm, SnapshotUploadForm
from sendboard.casework.models import Snapshot
from sendboard.casework.services import (
    PseudonymKeyMissing,
    SnapshotInvalid,
    SourceError,
    snapshot_import,
)
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.performance.periods import reporting_periods
from sendboard.performance.services import observations_compute_from_snapshot

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


def _stage_name(stage: str) -> str:
    for prefix, text in (("advice_requested_", "requested"), ("advice_received_", "received")):
        if stage.startswith(prefix):
            agency = stage.removeprefix(prefix)
            return f"Advice from {AGENCY_NAMES.get(agency, agency)} {text}"
    return STAGE_NAMES.get(stage, stage)


def _get_snapshot(partnership: Partnership, code) -> Snapshot:
    return get_object_or_404(
        Snapshot.objects.select_related("imported_by"), partnership=partnership, code=code
    )


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


def _figures_form(request: HttpRequest, snapshot: Snapshot) -> CaseworkFiguresForm:
    bound = request.GET if "period" in request.GET else None
    return CaseworkFiguresForm(bound, as_at=snapshot.as_at)


@partnership_view(Capability.ANALYSE)
def snapshot_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = SnapshotUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            snapshot = _import_upload(form, partnership=partnership, user=request.user)
        except SnapshotInvalid as invalid:
            for problem in invalid.problems:
                form.add_error("file", str(problem))
            if invalid.unreported:
                form.add_error("file", f"And {invalid.unreported} more problems not listed")
            form.add_error(None, "Nothing was imported. Correct the export and upload it again.")
        except (SourceError, PseudonymKeyMissing) as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                f"Imported the {snapshot}. Check its figures, then add them to the"
                " board's figures.",
            )
            return redirect("snapshot_detail", partnership=partnership.slug, code=snapshot.code)
    snapshots = Snapshot.objects.filter(partnership=partnership).select_related("imported_by")
    return render(
        request,
        "casework/snapshot_list.html",
        {"partnership": partnership, "snapshots": snapshots, "form": form},
    )


def _import_upload(form: SnapshotUploadForm, *, partnership: Partnership, user) -> Snapshot:
    """Write the upload to a private temporary file, which is removed afterwards
    because it holds names and dates of birth."""
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory(prefix="sendboard-upload-") as folder:
        path = Path(folder) / Path(upload.name).name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return snapshot_import(
            source=path,
            as_at=form.cleaned_data["as_at"],
            imported_by=user,
            partnership=partnership,
        )


@partnership_view(Capability.ANALYSE)
def snapshot_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    snapshot = _get_snapshot(partnership, code)
    form = _figures_form(request, snapshot)
    forecast_form = ForecastForm(request.GET if "capacity" in request.GET else None)
    period, options = form.chosen_period, form.options
    with _opened(snapshot) as con:
        results = engine.compute_all(con, period=period, options=options)
        titles = {i.code: i.title for i in engine.catalogue(services=engine.waiting_services(con))}
        stages = engine.stage_durations(con, period=period, options=options)
        forecast = engine.forecast_backlog(
            con, as_at=snapshot.as_at, capacity_per_month=forecast_form.chosen(), options=options
        )
    return render(
        request,
        "casework/snapshot_detail.html",
        {
            "partnership": partnership,
            "snapshot": snapshot,
            "form": form,
            "forecast_form": forecast_form,
            "period": period,
            "choices_in_force": options.describe(),
            "results": [(titles[key], result) for key, result in results.items()],
            "stages": [
                (_stage_name(stage.from_stage), _stage_name(stage.to_stage), stage)
                for stage in stages
            ],
            "forecast": forecast,
            "forecast_months": [(date.fromisoformat(f"{m.month}-01"), m) for m in forecast.months],
            "query": request.GET.urlencode(),
        },
    )


@partnership_view(Capability.ANALYSE)
def snapshot_indicator(
    request: HttpRequest, partnership: Partnership, code, key: str
) -> HttpResponse:
    snapshot = _get_snapshot(partnership, code)
    form = _figures_form(request, snapshot)
    period, options = form.chosen_period, form.options
    policy = partnership.small_number_policy
    with _opened(snapshot) as con:
        indicators = {i.code: i for i in engine.catalogue(services=engine.waiting_services(con))}
        if key not in indicators:
            raise Http404(f"No indicator {key}")
        result = engine.compute_one(con, code=key, period=period, options=options)
        rows = engine.drill_down(con, code=key, period=period, options=options)
        breakdowns = (
            []
            if key.startswith("waiting_")
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
    page = Paginator(rows, DRILL_DOWN_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "casework/snapshot_indicator.html",
        {
            "partnership": partnership,
            "snapshot": snapshot,
            "indicator": indicators[key],
            "result": result,
            "form": form,
            "period": period,
            "choices_in_force": options.describe(),
            "columns": [COLUMN_LABELS.get(c, c) for c in rows[0]] if rows else [],
            "page": page,
            "pagination": _pagination(request, page),
            "breakdowns": breakdowns,
        },
    )


# Ages and phases read in their natural order; other groups alphabetically.
GROUP_ORDER = (
    *("Under 5", "5 to 10", "11 to 15", "16 to 19", "20 to 25"),
    *("Early years", "Primary", "Secondary", "Post-16", "Post-19"),
)


def _group_order(group: str) -> tuple[int, str]:
    if group == UNKNOWN:
        return (len(GROUP_ORDER) + 1, group)
    return (GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group)


def _breakdown_rows(shown: dict[str, dict]) -> list[tuple[str, dict, bool]]:
    """(group, figures as shown, whether the policy hid them) per group."""
    return [
        (
            group,
            figures,
            isinstance(figures["numerator"], str) or isinstance(figures["denominator"], str),
        )
        for group, figures in sorted(shown.items(), key=lambda item: _group_order(item[0]))
    ]


def _pagination(request: HttpRequest, page) -> GovUKPagination | None:
    """GOV.UK pagination whose links keep the period and choices in the query string."""
    if page.paginator.num_pages < 2:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    items = [
        PaginationItems(ellipsis=True)
        if number == page.paginator.ELLIPSIS
        else PaginationItems(number=str(number), href=href(number), current=number == page.number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return GovUKPagination(
        items=items,
        previous=PaginationPrevious(href=href(page.previous_page_number())).__dict__
        if page.has_previous()
        else None,
        next=PaginationNext(href=href(page.next_page_number())).__dict__
        if page.has_next()
        else None,
    )


@partnership_view(Capability.ANALYSE)
def snapshot_publish_figures(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    snapshot = _get_snapshot(partnership, code)
    if request.method != "POST":
        return redirect("snapshot_detail", partnership=partnership.slug, code=snapshot.code)
    try:
        counts = observations_compute_from_snapshot(
            snapshot=snapshot, periods=reporting_periods(as_at=snapshot.as_at), by=request.user
        )
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("snapshot_detail", partnership=partnership.slug, code=snapshot.code)
    messages.success(
        request,
        f"Added the figures from the {snapshot}: {counts['created']} stored,"
        f" {counts['superseded']} earlier figures superseded (and kept),"
        f" {counts['unchanged']} unchanged, {counts['skipped']} left as a newer snapshot has them.",
    )
    return redirect("scorecard", partnership=partnership.slug)
