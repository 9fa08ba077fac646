"""A period's highlight report: the page, its Word file, generating it and editing its narrative."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import act, submit
from sendboard.core.word import DOCX_TYPE
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import HighlightReportForm
from sendboard.plans.highlight import Highlight, highlight_report_for
from sendboard.plans.models import HighlightReport, ReportingPeriod
from sendboard.plans.word import highlight_report_docx


def _period(partnership: Partnership, code, period) -> ReportingPeriod:
    plan = queries.plan_in(partnership, code)
    found = queries.period_in(plan, period)
    found.plan = plan  # with its partnership, for the report's links
    return found


def _generated(period: ReportingPeriod) -> Highlight:
    report = highlight_report_for(period)
    if report is None:
        raise Http404("No highlight report has been generated for this period")
    return report


@partnership_view(Capability.VIEW)
@cached_for_reader
def highlight_report(request: HttpRequest, partnership: Partnership, code, period) -> HttpResponse:
    reporting = _period(partnership, code, period)
    report = highlight_report_for(reporting)
    ready = report is not None and report.saved.state == HighlightReport.State.READY
    return render(
        request,
        "plans/highlight_report.html",
        {
            "partnership": partnership,
            "plan": reporting.plan,
            "period": reporting,
            "period_code": str(reporting.code),
            "report": report,
            "state_colour": "green" if ready else "grey",
            "may_edit": request.access.can(Capability.EDIT),
        },
    )


@partnership_view(Capability.VIEW)
def highlight_report_word(
    request: HttpRequest, partnership: Partnership, code, period
) -> HttpResponse:
    report = _generated(_period(partnership, code, period))
    name = slugify(f"highlight report {report.plan.title} {report.period}")
    return HttpResponse(
        highlight_report_docx(report),
        content_type=DOCX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.docx"'},
    )


@require_POST
@partnership_view(Capability.EDIT)
def highlight_report_generate(
    request: HttpRequest, partnership: Partnership, code, period
) -> HttpResponse:
    reporting = _period(partnership, code, period)
    page = redirect("highlight_report", partnership.slug, code, period)
    return act(
        request,
        lambda: services.highlight_report_generate(period=reporting, by=request.user),
        to=page,
        done=f"Highlight report for {reporting} generated from its figures: "
        "sections you have written are kept as they are",
    )


@partnership_view(Capability.EDIT)
def highlight_report_edit(
    request: HttpRequest, partnership: Partnership, code, period
) -> HttpResponse:
    reporting = _period(partnership, code, period)
    report = HighlightReport.objects.filter(period=reporting).first()
    if report is None:
        raise Http404("No highlight report has been generated for this period")
    report.period = reporting
    form = HighlightReportForm(request.POST or None, instance=report)
    outcome = submit(
        request,
        form,
        lambda fields: services.highlight_report_edit(
            report=report,
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=f"Highlight report for {reporting} saved",
        refresh=lambda stale: HighlightReportForm(
            instance=HighlightReport.objects.get(pk=report.pk)
        ),
    )
    if outcome.saved:
        return redirect("highlight_report", partnership.slug, code, period)
    return render(
        request,
        "plans/highlight_edit.html",
        {"partnership": partnership, "saved": report, "form": outcome.form},
    )
