"""The analyst's casework pages: snapshots, the full indicator set, drill-downs.

Every page here needs the ANALYSE capability: drill-downs are case-level rows (by
pseudonymous id) and never leave the analyst role.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendboard.casework import queries, services
from sendboard.casework.forms import (
    CaseworkFiguresForm,
    ExportMappingForm,
    ForecastForm,
    SnapshotUploadForm,
)
from sendboard.casework.models import ExportMapping, Snapshot
from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.lib.periods import reporting_periods


def _figures_form(request: HttpRequest, snapshot: Snapshot) -> CaseworkFiguresForm:
    bound = request.GET if "period" in request.GET else None
    return CaseworkFiguresForm(bound, as_at=snapshot.as_at)


@partnership_view(Capability.ANALYSE)
def snapshot_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = SnapshotUploadForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda fields: services.snapshot_upload(**fields, partnership=partnership, by=request.user),
        done=_imported,
    )
    if outcome.saved:
        return redirect("snapshot_detail", partnership=partnership.slug, code=outcome.result.code)
    return render(
        request,
        "casework/snapshot_list.html",
        {
            "partnership": partnership,
            "snapshots": queries.snapshots_of(partnership),
            "form": outcome.form,
        },
    )


def _imported(snapshot: Snapshot) -> str:
    unused = (
        f" {len(snapshot.warnings)} warnings about what was not used are listed with it."
        if snapshot.warnings
        else ""
    )
    return (
        f"Imported the {snapshot}. Check its figures, then add them to the board's figures.{unused}"
    )


@partnership_view(Capability.ANALYSE)
def export_mapping_edit(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    saved = ExportMapping.objects.filter(partnership=partnership).first()
    form = ExportMappingForm(request.POST or None, instance=saved)
    outcome = submit(
        request,
        form,
        lambda fields: services.export_mapping_save(
            partnership=partnership,
            text=fields["text"],
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done="Saved your export's names. Every import from now on reads them.",
        refresh=lambda stale: ExportMappingForm(instance=stale.record),
    )
    if outcome.saved:
        return redirect("snapshot_list", partnership=partnership.slug)
    return render(
        request,
        "casework/export_mapping_form.html",
        {"partnership": partnership, "form": outcome.form},
    )


@partnership_view(Capability.ANALYSE)
def snapshot_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    snapshot = queries.snapshot_in(partnership, code)
    form = _figures_form(request, snapshot)
    forecast_form = ForecastForm(request.GET if "capacity" in request.GET else None)
    period, options = form.chosen_period, form.options
    figures = queries.snapshot_figures(
        snapshot, period=period, options=options, capacity_per_month=forecast_form.chosen()
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
            "results": figures.results,
            "stages": figures.stages,
            "forecast": figures.forecast,
            "forecast_months": figures.forecast_months,
            "query": request.GET.urlencode(),
        },
    )


@partnership_view(Capability.ANALYSE)
def snapshot_indicator(
    request: HttpRequest, partnership: Partnership, code, key: str
) -> HttpResponse:
    snapshot = queries.snapshot_in(partnership, code)
    form = _figures_form(request, snapshot)
    period, options = form.chosen_period, form.options
    figures = queries.indicator_figures(
        snapshot,
        key=key,
        period=period,
        options=options,
        policy=partnership.small_number_policy,
        page=request.GET.get("page"),
    )
    return render(
        request,
        "casework/snapshot_indicator.html",
        {
            "partnership": partnership,
            "snapshot": snapshot,
            "indicator": figures.indicator,
            "result": figures.result,
            "form": form,
            "period": period,
            "choices_in_force": options.describe(),
            "columns": figures.columns,
            "page": figures.page,
            "breakdowns": figures.breakdowns,
        },
    )


@partnership_view(Capability.ANALYSE)
def snapshot_publish_figures(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    snapshot = queries.snapshot_in(partnership, code)
    back = redirect("snapshot_detail", partnership=partnership.slug, code=snapshot.code)
    if request.method != "POST":
        return back

    def added(counts: dict[str, int]) -> HttpResponse:
        # The message counts what the service stored, so it is said once it returns.
        messages.success(
            request,
            f"Added the figures from the {snapshot}: {counts['created']} stored,"
            f" {counts['superseded']} earlier figures superseded (and kept),"
            f" {counts['unchanged']} unchanged, {counts['skipped']} left as a newer snapshot"
            " has them.",
        )
        return redirect("scorecard", partnership=partnership.slug)

    return act(
        request,
        lambda: services.observations_compute_from_snapshot(
            snapshot=snapshot, periods=reporting_periods(as_at=snapshot.as_at), by=request.user
        ),
        to=back,
        then=added,
    )
