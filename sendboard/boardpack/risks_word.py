"""The risk register summary in Word: counts by band, both heat maps, the risks to watch.

Each heat map is the register's own SVG drawn as a picture, with a table of the same
counts under it, as on the page: the picture alone would say nothing to a screen reader.
"""

import io

import vl_convert
from docx.document import Document as WordDocument
from docx.shared import Cm

from sendboard.core.word import table_headed
from sendboard.risks.queries import HeatMap, RegisterRow, RegisterSummary

HEAT_MAP_WIDTH = Cm(11)


def add_register_summary(document: WordDocument, summary: RegisterSummary) -> None:
    document.add_paragraph(
        f"As at {summary.as_at:%-d %B %Y}: the {summary.total} open or tolerated "
        f"risk{'' if summary.total == 1 else 's'} of the {summary.partnership.name} risk "
        "register. A score is likelihood (1 to 5) times impact (1 to 5); “now” is the residual "
        "score, with the mitigations in place."
    )
    if not summary.total:
        document.add_paragraph(
            "The register holds no open risks, so there is nothing to count or map."
        )
        return
    document.add_heading("Risks by rating band", level=2)
    table = table_headed(document, ["Band", "Scores", "Risks"])
    for count in summary.by_band:
        _row(table, count.band.label, f"{count.lowest} to {count.highest}", str(count.count))
    document.add_heading("Heat maps", level=2)
    for heat_map in (summary.inherent_map, summary.residual_map):
        _heat_map(document, heat_map)
    for heading, rows, none in (
        ("Escalated to the board", summary.escalated, "No risk is escalated to the board."),
        ("Reviews overdue", summary.overdue, "Every risk's review is in date."),
        ("Highest risks now", summary.top, ""),
    ):
        document.add_heading(heading, level=2)
        _risks(document, rows, none=none)


def _row(table, *cells: str) -> None:
    for cell, text in zip(table.add_row().cells, cells, strict=True):
        cell.text = text


def _heat_map(document: WordDocument, heat_map: HeatMap) -> None:
    document.add_heading(heat_map.title, level=3)
    picture = vl_convert.svg_to_png(heat_map.svg, scale=2)
    document.add_picture(io.BytesIO(picture), width=HEAT_MAP_WIDTH)
    # Word keeps a picture's description as its alternative text.
    document.inline_shapes[-1]._inline.docPr.set(
        "descr", f"{heat_map.title}. The table below gives the same counts."
    )
    rows = heat_map.rows
    table = table_headed(
        document, ["Impact", *(f"Likelihood {h}" for h in heat_map.likelihood_headings)]
    )
    for label, cells in rows:
        _row(table, label, *(f"{cell.count} ({cell.band.label})" for cell in cells))


def _risks(document: WordDocument, rows: list[RegisterRow], *, none: str) -> None:
    if not rows:
        document.add_paragraph(none)
        return
    headings = [
        "Ref",
        "Risk",
        "Owner",
        "Before mitigation",
        "Now (residual)",
        "Trend",
        "Review due",
    ]
    table = table_headed(document, headings)
    for row in rows:
        risk = row.risk
        _row(
            table,
            risk.reference,
            risk.title,
            risk.owner.name,
            f"{risk.inherent_score} {row.inherent_band.label}",
            f"{risk.residual_score} {row.band.label}",
            row.trend,
            f"{risk.review_due_on:%-d %b %Y}" + (" (overdue)" if row.overdue else ""),
        )
