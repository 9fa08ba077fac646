"""A workbook uploaded in the browser: kept until its columns are mapped and it is imported."""

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, access_for
from sendboard.plans.models import ImprovementPlan
from sendboard.workbooks.kinds import LAYOUTS
from sendboard.workbooks.models import Kind, WorkbookUpload
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.reading import MAX_BYTES, Table, check_archive, read_table
from sendboard.workbooks.rows import check_columns
from sendboard.workbooks.services.access import require_editor
from sendboard.workbooks.services.mappings import column_mapping_save, columns_for, mapping_for
from sendboard.workbooks.services.plan_tracker import NewPlan, plan_tracker_import
from sendboard.workbooks.services.risk_register import risk_register_import


@transaction.atomic
def workbook_upload(
    *,
    partnership: Partnership,
    kind: str,
    file: UploadedFile,
    plan: ImprovementPlan | None = None,
    new_plan_title: str = "",
    new_plan_kind: str = "",
    leave_unknown_owners_blank: bool = False,
    by: User,
) -> WorkbookUpload:
    """Keep the workbook for mapping; an earlier one this person left unfinished goes."""
    require_editor(by, partnership)
    if kind == Kind.PLAN_TRACKER:
        _check_target(partnership, plan, new_plan_title, by=by)
    if file.size > MAX_BYTES:
        raise ValidationError({"file": f"The workbook must be {MAX_BYTES // 2**20} MB or smaller"})
    content = file.read()
    try:
        check_archive(content, name=file.name)
    except WorkbookInvalid as invalid:
        raise ValidationError({"file": [str(problem) for problem in invalid.problems]}) from None
    WorkbookUpload.objects.filter(partnership=partnership, uploaded_by=by).delete()
    return WorkbookUpload.objects.create(
        partnership=partnership,
        kind=kind,
        file_name=file.name[:200],
        content=content,
        plan=plan,
        new_plan_title=new_plan_title.strip() if plan is None else "",
        new_plan_kind=new_plan_kind if plan is None else "",
        leave_unknown_owners_blank=leave_unknown_owners_blank,
        uploaded_by=by,
    )


def _check_target(
    partnership: Partnership, plan: ImprovementPlan | None, title: str, *, by: User
) -> None:
    if plan is not None:
        if plan.partnership_id != partnership.pk:
            raise ValidationError({"plan": "Choose a plan of this partnership"})
        return
    if not title.strip():
        raise ValidationError({"new_plan_title": "Enter the title of the new plan"})
    if not access_for(by, partnership).can(Capability.MANAGE):
        raise ValidationError(
            {"plan": "Only a partnership manager can start a plan: choose an existing plan"}
        )


def upload_table(
    upload: WorkbookUpload, *, sheet: str = "", header_row: int | None = None
) -> Table:
    """The upload's table: on the sheet and header row asked for, else as last mapped."""
    remembered = mapping_for(upload.partnership, upload.kind)
    return read_table(
        bytes(upload.content),
        name=upload.file_name,
        sheet=sheet,
        preferred_sheet=remembered.sheet_name if remembered else "",
        header_row=header_row,
        known_headers=frozenset(remembered.columns) if remembered else frozenset(),
    )


@transaction.atomic
def upload_columns_map(
    *, upload: WorkbookUpload, table: Table, columns: Mapping[str, str], by: User
) -> WorkbookUpload:
    """Remember the person's mapping for the partnership, and the upload's sheet and row."""
    try:
        check_columns(table, columns, LAYOUTS[upload.kind])
    except WorkbookInvalid as invalid:
        raise ValidationError([problem.message for problem in invalid.problems]) from None
    column_mapping_save(
        partnership=upload.partnership, kind=upload.kind, table=table, columns=columns, by=by
    )
    upload.sheet_name = table.sheet
    upload.header_row = table.header_row
    upload.save(update_fields=["sheet_name", "header_row"])
    return upload


@transaction.atomic
def upload_import(*, upload: WorkbookUpload, dry_run: bool, by: User):
    """Check (a dry run) or import the upload as mapped; once imported it is removed."""
    table = read_table(
        bytes(upload.content),
        name=upload.file_name,
        sheet=upload.sheet_name,
        header_row=upload.header_row,
    )
    layout = LAYOUTS[upload.kind]
    columns = columns_for(table, layout, mapping_for(upload.partnership, upload.kind))
    result = IMPORTERS[upload.kind](upload, table=table, columns=columns, dry_run=dry_run, by=by)
    if not dry_run:
        upload.delete()
    return result


def _plan_tracker(upload: WorkbookUpload, **options):
    return plan_tracker_import(
        partnership=upload.partnership,
        plan=upload.plan,
        new_plan=NewPlan(
            upload.new_plan_title,
            upload.new_plan_kind or ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
        )
        if upload.plan is None
        else None,
        leave_unknown_owners_blank=upload.leave_unknown_owners_blank,
        **options,
    )


def _risk_register(upload: WorkbookUpload, **options):
    return risk_register_import(partnership=upload.partnership, **options)


IMPORTERS = {Kind.PLAN_TRACKER: _plan_tracker, Kind.RISK_REGISTER: _risk_register}
