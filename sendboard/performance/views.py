from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view, public_view
from sendboard.performance import exports, queries
from sendboard.performance.dashboard import period_target, tiles
from sendboard.performance.forms import (
    BenchmarkForm,
    CommentaryForm,
    FigureForm,
    ImportForm,
    IndicatorForm,
    PeriodTypeForm,
    ScorecardForm,
    TrajectoryForm,
)
from sendboard.performance.imports import figures_import
from sendboard.performance.indicator_page import indicator_page, indicator_pages
from sendboard.performance.models import (
    Commentary,
    Indicator,
    Observation,
    Rag,
    Scorecard,
    format_value,
)
from sendboard.performance.services import observations_enter
from sendboard.performance.services.benchmarks import BenchmarkEntry, benchmarks_enter
from sendboard.performance.services.commentary import commentary_write
from sendboard.performance.services.indicators import (
    indicator_create,
    indicator_update,
    trajectory_set,
)
from sendboard.performance.services.scorecards import scorecard_save
from sendboard.performance.services.standard import standard_set_load
from sendboard.plans.models import Outcome
from sendboard.workbooks.problems import WorkbookInvalid

# The figures stored for the periods charted, newest first; a period corrected again and
# again would otherwise grow the page without bound.
HISTORY_ROWS = 60


def _get_indicator(partnership: Partnership, code) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("partnership", "owner__user"),
        partnership=partnership,
        code=code,
    )


def _sees_raw_counts(request: HttpRequest) -> bool:
    """Only the analyst role sees counts before small-number suppression."""
    return request.access.can(Capability.ANALYSE)


def _may_comment(request: HttpRequest, indicator: Indicator) -> bool:
    """The indicator's owner writes its commentary; analysts may too."""
    owner = indicator.owner
    return request.access.can(Capability.ANALYSE) or (
        owner is not None and owner.user_id is not None and owner.user_id == request.user.pk
    )


def _form_page(
    request: HttpRequest,
    template: str,
    form,
    *,
    partnership: Partnership,
    heading: str,
    indicator: Indicator | None = None,
    back: tuple[str, str] | None = None,
    **extra,
) -> HttpResponse:
    if back is None and indicator is not None:
        back = (indicator.get_absolute_url(), indicator.title)
    return render(
        request,
        template,
        {
            "partnership": partnership,
            "indicator": indicator,
            "form": form,
            "heading": heading,
            "caption": indicator.title if indicator else "Figures",
            "back_url": back[0] if back else "",
            "back_text": back[1] if back else "",
            **extra,
        },
    )


def _tiles_page(request, partnership, indicators, *, title: str, lead: str, extra=None):
    raw = _sees_raw_counts(request)
    found = tiles(indicators, raw=raw)
    return render(
        request,
        "performance/dashboard.html",
        {
            "partnership": partnership,
            "title": title,
            "lead": lead,
            "tiles": found,
            "exceptions": [t for t in found if t.exception_needed],
            "raw": raw,
            "can_analyse": request.access.can(Capability.ANALYSE),
            **(extra or {}),
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def scorecard(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The dashboard: every indicator, the named scorecards and each plan outcome's."""
    return _tiles_page(
        request,
        partnership,
        partnership.indicators.all(),
        title="Figures",
        lead="Every figure the board watches: the latest, its rating against the target, "
        "how it moved, and where it came from.",
        extra={
            "dashboard": True,
            "scorecards": partnership.scorecards.all(),
            "outcomes": Outcome.objects.filter(
                area__plan__partnership=partnership, indicators__isnull=False
            )
            .distinct()
            .select_related("area__plan"),
        },
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def scorecard_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    card = get_object_or_404(Scorecard, partnership=partnership, code=code)
    return _tiles_page(
        request,
        partnership,
        card.indicators.all(),
        title=card.title,
        lead=card.description,
        extra={"scorecard": card},
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def outcome_dashboard(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    outcome = get_object_or_404(
        Outcome.objects.select_related("area__plan"), area__plan__partnership=partnership, code=code
    )
    return _tiles_page(
        request,
        partnership,
        partnership.indicators.filter(outcomes=outcome),
        title=str(outcome),
        lead=f"The figures that evidence this outcome of {outcome.area.plan}.",
        extra={"outcome": outcome},
    )


@require_POST
@partnership_view(Capability.ANALYSE)
def standard_set(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return act(
        request,
        lambda: standard_set_load(partnership=partnership, by=request.user),
        to=redirect("scorecard", partnership=partnership.slug),
        done="Added the standard SEND set and England's published figures.",
    )


def _scorecard_form(request, partnership, card: Scorecard | None):
    initial = (
        {"title": card.title, "description": card.description, "indicators": card.indicators.all()}
        if card
        else None
    )
    form = ScorecardForm(request.POST or None, partnership=partnership, initial=initial)
    if card and not form.is_bound:
        form.initial["opened_version"] = card.version
    outcome = submit(
        request,
        form,
        lambda fields: scorecard_save(
            partnership=partnership,
            scorecard=card,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
            **fields,
        ),
        done=lambda saved: f"Saved the scorecard {saved.title}.",
    )
    if outcome.saved:
        return redirect(outcome.result)
    back = card.get_absolute_url() if card else reverse("scorecard", args=[partnership.slug])
    return _form_page(
        request,
        "performance/scorecard_form.html",
        outcome.form,
        partnership=partnership,
        heading="Change the scorecard" if card else "Make a scorecard",
        back=(back, card.title if card else "All figures"),
    )


@partnership_view(Capability.ANALYSE)
def scorecard_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return _scorecard_form(request, partnership, None)


@partnership_view(Capability.ANALYSE)
def scorecard_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    card = get_object_or_404(Scorecard, partnership=partnership, code=code)
    return _scorecard_form(request, partnership, card)


@partnership_view(Capability.VIEW)
@cached_for_reader
def indicator_detail(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    raw = _sees_raw_counts(request)
    form = PeriodTypeForm(request.GET or None, choices=queries.period_types_of(indicator))
    period_type = form.chosen(default=queries.FREQUENCY_PERIOD[indicator.frequency])
    page = indicator_page(indicator, period_type=period_type, raw=raw)
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "partnership": partnership,
            "indicator": indicator,
            "form": form,
            "period_type_label": dict(form.fields["period_type"].choices).get(period_type),
            "page": page,
            "latest": page.rows[0] if page.rows else None,
            "targets": [
                f"{format_value(value, unit=indicator.unit)} by {due:%-d %B %Y}"
                for due, value in page.steps
            ],
            "scorecard_url": reverse("scorecard", args=[partnership.slug]),
            "history": queries.observation_history(
                indicator,
                period_type=period_type,
                raw=raw,
                since=page.rows[-1].point.start if page.rows else None,
                limit=HISTORY_ROWS,
            ),
            "history_rows": HISTORY_ROWS,
            "raw": raw,
            "can_edit": request.access.can(Capability.ANALYSE),
            "can_comment": _may_comment(request, indicator),
        },
    )


@partnership_view(Capability.ANALYSE)
def indicator_create_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = IndicatorForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: indicator_create(partnership=partnership, by=request.user, **fields),
        done=lambda made: f"Added {made.title} to the catalogue.",
    )
    if outcome.saved:
        return redirect(outcome.result)
    return _form_page(
        request,
        "performance/indicator_edit.html",
        outcome.form,
        partnership=partnership,
        heading="Add an indicator",
        back=(reverse("scorecard", args=[partnership.slug]), "All figures"),
    )


@partnership_view(Capability.ANALYSE)
def indicator_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    form = IndicatorForm(request.POST or None, instance=indicator, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: indicator_update(
            indicator=_get_indicator(partnership, code),
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
            **fields,
        ),
        done=f"Saved {indicator.title}.",
    )
    if outcome.saved:
        return redirect(indicator)
    return _form_page(
        request,
        "performance/indicator_edit.html",
        outcome.form,
        partnership=partnership,
        indicator=indicator,
        heading="Change the indicator",
    )


@partnership_view(Capability.ANALYSE)
def figure_enter(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    form = FigureForm(request.POST or None, indicator=indicator)

    def enter(fields) -> int:
        entry = fields["entry"]
        stored = indicator.observations.filter(
            superseded_by__isnull=True,
            period_type=entry.period.kind,
            period_start=entry.period.start,
            period_end=entry.period.end,
        ).exists()
        if stored and not fields["reason"].strip():
            raise ValidationError(
                {"reason": f"{entry.period.label} has a figure already: say why it is corrected"}
            )
        return observations_enter(
            indicator=indicator,
            entries=[entry],
            provenance=f"Entered by {request.user.get_full_name() or request.user.username}",
            reason=fields["reason"].strip(),
            by=request.user,
        )

    outcome = submit(request, form, enter, done=f"Saved the figure for {indicator.title}.")
    if outcome.saved:
        return redirect(indicator)
    return _form_page(
        request,
        "performance/figure_form.html",
        outcome.form,
        partnership=partnership,
        indicator=indicator,
        heading="Enter or correct a figure",
    )


@partnership_view(Capability.ANALYSE)
def figures_import_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = figures_import(
                partnership=partnership,
                data=upload.read(),
                name=upload.name,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except WorkbookInvalid as invalid:
            problems = [problem.in_file(upload.name) for problem in invalid.problems]
        else:
            messages.success(
                request,
                f"Imported {upload.name}: {result.rows} rows read, {result.written} figures "
                f"saved ({result.corrected} corrected), {result.benchmarks} benchmarks saved.",
            )
            return redirect("scorecard", partnership=partnership.slug)
    return _form_page(
        request,
        "performance/import.html",
        form,
        partnership=partnership,
        heading="Import figures",
        back=(reverse("scorecard", args=[partnership.slug]), "All figures"),
        problems=problems,
        multipart=True,
        button="Import",
    )


@partnership_view(Capability.ANALYSE)
def trajectory_edit(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    initial = {
        "steps": "\n".join(
            f"{t.due:%-d %B %Y}: {t.value.normalize():f}" for t in indicator.targets.all()
        )
    }
    form = TrajectoryForm(request.POST or None, initial=initial)
    outcome = submit(
        request,
        form,
        lambda fields: trajectory_set(indicator=indicator, by=request.user, **fields),
        done=f"Saved the trajectory of {indicator.title}.",
    )
    if outcome.saved:
        return redirect(indicator)
    return _form_page(
        request,
        "performance/trajectory_form.html",
        outcome.form,
        partnership=partnership,
        indicator=indicator,
        heading="Set the trajectory",
    )


@partnership_view(Capability.ANALYSE)
def benchmark_enter(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    form = BenchmarkForm(request.POST or None, indicator=indicator)
    outcome = submit(
        request,
        form,
        lambda fields: benchmarks_enter(
            indicator=indicator,
            series=fields["series"],
            entries=[BenchmarkEntry(period=fields["entry"].period, value=fields["entry"].value)],
            source=fields["source"],
            by=request.user,
        ),
        done=f"Saved the benchmark for {indicator.title}.",
    )
    if outcome.saved:
        return redirect(indicator)
    return _form_page(
        request,
        "performance/benchmark_form.html",
        outcome.form,
        partnership=partnership,
        indicator=indicator,
        heading="Add a benchmark",
    )


@partnership_view(Capability.VIEW)
def commentary_edit(request: HttpRequest, partnership: Partnership, code, figure) -> HttpResponse:
    indicator = _get_indicator(partnership, code)
    if not _may_comment(request, indicator):
        raise PermissionDenied("Only the indicator's owner or an analyst writes its commentary.")
    observation = get_object_or_404(
        Observation, indicator=indicator, code=figure, superseded_by__isnull=True
    )
    found = Commentary.objects.filter(
        indicator=indicator,
        period_type=observation.period_type,
        period_start=observation.period_start,
        period_end=observation.period_end,
    ).first()
    target = period_target(indicator, observation.period_end)
    red = indicator.rag(observation.value, target=target) == Rag.RED
    form = CommentaryForm(request.POST or None, instance=found, exception=red)
    outcome = submit(
        request,
        form,
        lambda fields: commentary_write(
            indicator=indicator,
            observation=observation,
            opened_version=form.cleaned_data["opened_version"] if found else None,
            by=request.user,
            **fields,
        ),
        done=f"Saved the commentary on {indicator.title}, {observation.period_label}.",
    )
    if outcome.saved:
        return redirect(indicator)
    return _form_page(
        request,
        "performance/commentary_form.html",
        outcome.form,
        partnership=partnership,
        indicator=indicator,
        heading="Exception note and commentary" if red else "Commentary",
        observation=observation,
        red=red,
    )


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.as_xlsx,
    ),
    "json": ("application/json", exports.as_json),
}


@partnership_view(Capability.VIEW)
def figures_export(request: HttpRequest, partnership: Partnership, fmt: str) -> HttpResponse:
    """Every current figure of a scorecard (``?scorecard=``) or of all indicators."""
    indicators = partnership.indicators.all()
    name = "figures"
    if card_code := request.GET.get("scorecard"):
        card = get_object_or_404(Scorecard, partnership=partnership, code=card_code)
        indicators, name = card.indicators.all(), f"scorecard-{card.code}"
    content_type, write = EXPORTS[fmt]
    response = HttpResponse(
        write(exports.export_rows(indicators, raw=_sees_raw_counts(request))),
        content_type=content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-{name}.{fmt}"'
    return response


@public_view
@cached_for_reader
def public_dashboard(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The figures the partnership publishes, small numbers suppressed whoever reads."""
    found = tiles(partnership.indicators.filter(published=True), raw=False, sparklines=False)
    pages = indicator_pages(
        [(t.indicator, queries.FREQUENCY_PERIOD[t.indicator.frequency]) for t in found],
        raw=False,
        combining=False,
    )
    return render(
        request,
        "performance/public_dashboard.html",
        {
            "partnership": partnership,
            "entries": [(tile, pages[tile.indicator.pk]) for tile in found],
        },
    )
