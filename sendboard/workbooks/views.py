"""Excel round trip pages: upload, map the columns, check, import; and the downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendboard.core.submit import submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.plans import queries as plan_queries
from sendboard.workbooks import exports, services
from sendboard.workbooks.forms import (
    ColumnsForm,
    PlanTrackerUploadForm,
    RiskRegisterUploadForm,
    TablePickerForm,
)
from sendboard.workbooks.kinds import LAYOUTS
from sendboard.workbooks.models import Kind, WorkbookUpload
from sendboard.workbooks.problems import Problem, WorkbookInvalid

UPLOAD_PAGES = {
    Kind.PLAN_TRACKER: "plan_tracker_upload",
    Kind.RISK_REGISTER: "risk_register_upload",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload_for(request: HttpRequest, partnership: Partnership, code) -> WorkbookUpload:
    """The person's own upload: nobody else sees a workbook before it is imported."""
    try:
        return WorkbookUpload.objects.select_related("plan").get(
            partnership=partnership, code=code, uploaded_by=request.user
        )
    except WorkbookUpload.DoesNotExist as error:
        raise Http404("No such upload: it may have been imported already") from error


def _columns_url(upload: WorkbookUpload) -> str:
    return reverse(
        "workbook_columns", kwargs={"partnership": upload.partnership.slug, "code": upload.code}
    )


@partnership_view(Capability.VIEW)
def workbook_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "workbooks/home.html",
        {
            "partnership": partnership,
            "plans": plan_queries.plans_of(partnership),
            "may_import": request.access.can(Capability.EDIT),
            "risk_count": partnership.risks.count(),
        },
    )


def _upload_page(request: HttpRequest, partnership: Partnership, form, *, kind: Kind, title: str):
    """Take the workbook, then go on to say which field each of its columns holds."""
    outcome = submit(
        request,
        form,
        lambda fields: services.workbook_upload(
            partnership=partnership, kind=kind, **fields, by=request.user
        ),
        done=lambda upload: f"{upload.file_name} uploaded: check which field each column holds",
    )
    if outcome.saved:
        return redirect(_columns_url(outcome.result))
    return render(
        request, "workbooks/upload.html", {"partnership": partnership, "form": form, "title": title}
    )


@partnership_view(Capability.EDIT)
def plan_tracker_upload(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = PlanTrackerUploadForm(
        request.POST or None, request.FILES or None, partnership=partnership
    )
    return _upload_page(
        request, partnership, form, kind=Kind.PLAN_TRACKER, title="Import a plan tracker"
    )


@partnership_view(Capability.EDIT)
def risk_register_upload(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    form = RiskRegisterUploadForm(request.POST or None, request.FILES or None)
    return _upload_page(
        request, partnership, form, kind=Kind.RISK_REGISTER, title="Import a risk register"
    )


@partnership_view(Capability.EDIT)
def workbook_columns(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    upload = _upload_for(request, partnership, code)
    source = request.POST if request.method == "POST" else request.GET
    try:
        table = services.upload_table(
            upload, sheet=source.get("sheet", ""), header_row=_row_number(source)
        )
    except WorkbookInvalid as invalid:
        return _unreadable(request, upload, invalid)
    layout = LAYOUTS[upload.kind]
    remembered = services.mapping_for(partnership, upload.kind)
    form = ColumnsForm(
        request.POST or None,
        table=table,
        layout=layout,
        columns=services.columns_for(table, layout, remembered),
    )
    outcome = submit(
        request,
        form,
        lambda fields: services.upload_columns_map(
            upload=upload, table=table, columns=form.columns(), by=request.user
        ),
        done="Columns remembered for next time: check the rows below",
    )
    if outcome.saved:
        return redirect("workbook_check", partnership=partnership.slug, code=upload.code)
    return render(
        request,
        "workbooks/columns.html",
        {
            "partnership": partnership,
            "upload": upload,
            "table": table,
            "picker": TablePickerForm(table=table),
            "form": form,
            "remembered": remembered,
            "layout": layout,
        },
    )


def _row_number(source) -> int | None:
    typed = source.get("header_row", "")
    return int(typed) if typed.isdigit() and int(typed) > 0 else None


def _unreadable(request, upload: WorkbookUpload, invalid: WorkbookInvalid) -> HttpResponse:
    return render(
        request,
        "workbooks/check.html",
        {
            "partnership": upload.partnership,
            "upload": upload,
            "problems": invalid.problems,
            "columns_url": _columns_url(upload),
            "upload_url": reverse(UPLOAD_PAGES[upload.kind], args=[upload.partnership.slug]),
        },
    )


@partnership_view(Capability.EDIT)
def workbook_check(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    upload = _upload_for(request, partnership, code)
    dry_run = request.method != "POST"
    try:
        result = services.upload_import(upload=upload, dry_run=dry_run, by=request.user)
    except WorkbookInvalid as invalid:
        return _unreadable(request, upload, invalid)
    except ValidationError as error:
        problems = [Problem(message) for message in error.messages]
        return _unreadable(request, upload, WorkbookInvalid(problems))
    if not dry_run:
        messages.success(request, f"Imported into {result}")
        return redirect(result.url)
    return render(
        request,
        "workbooks/check.html",
        {
            "partnership": partnership,
            "upload": upload,
            "result": result,
            "columns_url": _columns_url(upload),
        },
    )


@partnership_view(Capability.VIEW)
def plan_tracker_download(request: HttpRequest, partnership: Partnership, code) -> HttpResponse:
    plan = plan_queries.plan_in(partnership, code)
    response = HttpResponse(exports.plan_tracker_workbook(plan), content_type=XLSX)
    name = f"{partnership.slug}-plan-tracker-{plan.starts_on:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@partnership_view(Capability.VIEW)
def risk_register_download(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    response = HttpResponse(exports.risk_register_workbook(partnership), content_type=XLSX)
    name = f"{partnership.slug}-risk-register-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
