"""Plan trackers and risk registers as .xlsx workbooks that import back to the same records.

The header row uses the headings the importer maps by default, statuses are words
(their colour only repeats them), and a cell that Excel would run as a formula is
written as the action log's CSV writes it.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sendboard.governance.models import Partnership
from sendboard.lib.spreadsheets import safe_cells
from sendboard.plans.models import ImprovementPlan, PlanAction, Status
from sendboard.risks.queries import bands_for
from sendboard.risks.scoring import Band
from sendboard.workbooks.services.lines import standing_evidence

HEADER_ROW = 3  # under the title and a blank row, as councils' own trackers are laid out


@dataclass(frozen=True)
class Column:
    heading: str
    width: int


# Light fills that keep black text readable; the cell always holds the status's word.
STATUS_FILLS = {
    Status.NOT_STARTED: "D9D9D9",
    Status.ON_TRACK: "C6EFCE",
    Status.AT_RISK: "FFE699",
    Status.OFF_TRACK: "FFC7CE",
    Status.COMPLETE: "BDD7EE",
    Status.EMBEDDED: "D9C3E9",
}

PLAN_COLUMNS = (
    Column("Priority area", 12),
    Column("Priority area title", 30),
    Column("Outcome", 10),
    Column("Outcome title", 30),
    Column("Ref", 8),
    Column("Action", 50),
    Column("Lead officer", 24),
    Column("Lead organisation", 20),
    Column("Workstream", 18),
    Column("Start date", 12),
    Column("Target date", 12),
    Column("Status", 12),
    Column("Impact", 40),
    Column("Evidence", 40),
    Column("Success measures", 40),
    Column("Risks and mitigations", 40),
)


def plan_tracker_workbook(plan: ImprovementPlan) -> bytes:
    lines = (
        PlanAction.objects.filter(outcome__area__plan=plan)
        .select_related("outcome__area", "lead_organisation")
        .prefetch_related("owners", "evidence")
        .order_by(
            "outcome__area__position",
            "outcome__area__reference",
            "outcome__position",
            "outcome__reference",
            "position",
            "reference",
        )
    )
    rows = (
        (
            [
                line.outcome.area.reference,
                line.outcome.area.title,
                line.outcome.reference,
                line.outcome.title,
                line.reference,
                line.text,
                "; ".join(owner.name for owner in line.owners.all()),
                line.lead_organisation.name if line.lead_organisation else "",
                line.workstream,
                line.starts_on,
                line.due_on,
                line.get_status_display(),
                line.impact,
                standing_evidence(line),
                line.success_measures,
                line.risks_and_mitigations,
            ],
            STATUS_FILLS[line.status],
        )
        for line in lines
    )
    return _workbook(
        sheet="Tracker",
        title=f"{plan.title}: plan tracker",
        columns=PLAN_COLUMNS,
        rows=rows,
        fill_heading="Status",
    )


# The residual rating's fill, beside its word.
BAND_FILLS = {
    Band.LOW: "C6EFCE",
    Band.MEDIUM: "FFE699",
    Band.HIGH: "F8CBAD",
    Band.VERY_HIGH: "FFC7CE",
}

RISK_COLUMNS = (
    Column("Risk ID", 9),
    Column("Risk", 30),
    Column("Risk description", 45),
    Column("Category", 22),
    Column("Risk owner", 22),
    Column("L", 5),
    Column("I", 5),
    Column("Score", 7),
    Column("Residual L", 10),
    Column("Residual I", 10),
    Column("Residual score", 10),
    Column("Rating", 11),
    Column("Target L", 9),
    Column("Target I", 9),
    Column("Mitigations", 45),
    Column("Review date", 12),
    Column("Status", 12),
    Column("Why it was closed", 30),
    Column("Escalated to the board", 12),
)


def risk_register_workbook(partnership: Partnership) -> bytes:
    bands = bands_for(partnership)
    risks = partnership.risks.select_related("owner").prefetch_related("mitigations")
    rows = (
        (
            [
                risk.reference,
                risk.title,
                risk.description,
                risk.category_label,
                risk.owner.name,
                risk.likelihood,
                risk.impact,
                risk.inherent_score,
                risk.residual_likelihood,
                risk.residual_impact,
                risk.residual_score,
                bands.band_for(risk.residual_score).label,
                risk.target_likelihood,
                risk.target_impact,
                "\n".join(mitigation.text for mitigation in risk.mitigations.all()),
                risk.review_due_on,
                risk.get_status_display().split(":")[0],
                risk.closure_reason,
                "Yes" if risk.escalated_to_board else "No",
            ],
            BAND_FILLS[bands.band_for(risk.residual_score)],
        )
        for risk in risks.order_by("reference")
    )
    return _workbook(
        sheet="Risk register",
        title=f"{partnership.name}: risk register",
        columns=RISK_COLUMNS,
        rows=rows,
        fill_heading="Rating",
    )


def _workbook(
    *,
    sheet: str,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[tuple[list, str]],
    fill_heading: str,
) -> bytes:
    """One sheet: a title, the header row frozen above the rows, each row's status filled.

    Each row comes with the fill of its `fill_heading` cell, which holds the word too.
    """
    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet
    worksheet.cell(row=1, column=1, value=f"{title}, exported {timezone.localdate():%-d %B %Y}")
    worksheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for index, column in enumerate(columns, start=1):
        cell = worksheet.cell(row=HEADER_ROW, column=index, value=column.heading)
        cell.font = Font(bold=True)
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    filled = [column.heading for column in columns].index(fill_heading) + 1
    for number, (values, fill) in enumerate(rows, start=HEADER_ROW + 1):
        for index, value in enumerate(_cells(values), start=1):
            cell = worksheet.cell(row=number, column=index, value=value)
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
        worksheet.cell(row=number, column=filled).fill = PatternFill("solid", fgColor=fill)
    worksheet.freeze_panes = worksheet.cell(row=HEADER_ROW + 1, column=1)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _cells(values: list) -> list:
    """Text made safe from running as a formula; dates and numbers left as they are."""
    texts = [index for index, value in enumerate(values) if isinstance(value, str)]
    safe = safe_cells([values[index] for index in texts])
    found = list(values)
    for index, value in zip(texts, safe, strict=True):
        found[index] = value or None
    return found
