from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.performance import queries
from sendboard.performance.charts import line_chart
from sendboard.performance.forms import IndicatorSettingsForm, PeriodTypeForm
from sendboard.performance.models import Indicator
from sendboard.performance.services import indicator_settings_update


def _get_indicator(partnership: Partnership, code) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("partnership"), partnership=partnership, code=code
    )


def _sees_raw_counts(request: HttpRequest) -> bool:
    """Only the analyst role sees counts before small-number suppression."""
    return request.access.can(Capability.ANALYSE)


@partnership_view(Capability.VIEW)
@cached_for_reader
def scorecard(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    raw = _sees_raw_counts(request)
    return render(
        request,
        "performance/scorecard.html",
        {
            "partnership": partnership,
            "rows": queries.scorecard(partnership, raw=raw),
            "raw": raw,
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def indicator_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    raw = _sees_raw_counts(request)
    form = PeriodTypeForm(request.GET or None, choices=queries.period_types_of(indicator))
    period_type = form.chosen(default=queries.FREQUENCY_PERIOD[indicator.frequency])
    series = queries.indicator_series(indicator, period_type=period_type, raw=raw)
    chart = line_chart(
        [(_short_label(f.observation), f.value, f.value_text) for f in series],
        percent=indicator.unit == Indicator.Unit.PERCENT,
        target=indicator.target,
    )
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "partnership": partnership,
            "indicator": indicator,
            "form": form,
            "period_type_label": dict(form.fields["period_type"].choices).get(period_type),
            "series": series,
            "chart": chart,
            "chart_description": _describe(series, indicator=indicator),
            "scorecard_url": reverse("scorecard", args=[partnership.slug]),
            "history": queries.observation_history(indicator, period_type=period_type, raw=raw),
            "raw": raw,
            "can_edit": request.access.can(Capability.ANALYSE),
        },
    )


@partnership_view(Capability.ANALYSE)
def indicator_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    form = IndicatorSettingsForm(request.POST or None, instance=indicator)
    outcome = submit(
        request,
        form,
        lambda fields: indicator_settings_update(
            indicator=form.instance,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
            **fields,
        ),
        done=f"Saved the target and rating of {indicator.title}.",
    )
    if outcome.saved:
        return redirect(indicator)
    return render(
        request,
        "performance/indicator_edit.html",
        {"partnership": partnership, "indicator": indicator, "form": outcome.form},
    )


def _describe(series: list[queries.Figure], *, indicator: Indicator) -> str:
    if not series:
        return ""
    first, last = series[0], series[-1]
    return (
        f"Line chart of {indicator.title.lower()}, {first.observation.period_label}"
        f" ({first.value_text}) to {last.observation.period_label} ({last.value_text})."
        + (f" Target {indicator.target_text}." if indicator.target is not None else "")
    )


def _short_label(observation) -> str:
    """Axis labels must fit under a point: months as "Jan 2024"."""
    if observation.period_type == observation.PeriodType.MONTH:
        return observation.period_start.strftime("%b %Y")
    return observation.period_label
