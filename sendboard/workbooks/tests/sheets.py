"""Workbooks shaped like the ones councils keep, built with openpyxl for the tests.

A title row or two above the header, local column names, merged cells, blank rows,
dates typed as text and RAG as words or letters.
"""

import io
from datetime import date

from openpyxl import Workbook

TRACKER_HEADINGS = [
    "Priority",
    "Outcome",
    "Ref",
    "Action",
    "Lead",
    "Lead Officer",
    "Workstream",
    "Start date",
    "Target date",
    "RAG",
    "Progress update",
    "Impact",
    "Evidence",
    "Success measure",
]


def tracker_row(**cells) -> list:
    """A row of the tracker by heading, such as tracker_row(Ref="1.1", Action="...")."""
    named = {heading.replace(" ", "_").lower(): heading for heading in TRACKER_HEADINGS}
    found = {named[key]: value for key, value in cells.items()}
    return [found.get(heading) for heading in TRACKER_HEADINGS]


def workbook(
    rows: list[list],
    *,
    headings: list[str] = TRACKER_HEADINGS,
    sheet: str = "Tracker",
    titles: tuple[str, ...] = ("Northshire SEND Priority Action Plan", "Updated March 2025"),
    merge_title: bool = True,
) -> bytes:
    """The .xlsx bytes: `titles` rows, a blank row, the header row, then `rows`."""
    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet
    for title in titles:
        worksheet.append([title])
    if titles and merge_title:
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    worksheet.append([])
    worksheet.append(headings)
    for row in rows:
        worksheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def council_tracker() -> bytes:
    """Two areas, the second's rows grouped under a merged priority cell, text dates."""
    return workbook(
        [
            tracker_row(
                priority="APA1: Timely, high-quality EHC plans",
                outcome="1: Plans are issued within 20 weeks",
                ref="1.1",
                action="Recruit two more EHC plan writers",
                lead="Northshire Council",
                lead_officer="Manager Tester",
                workstream="Statutory assessment",
                start_date="01/04/2025",
                target_date="March 2026",
                rag="G",
                impact="",
                success_measure="20-week timeliness above 60%",
            ),
            tracker_row(
                ref="1.2",
                action="Weekly panel for draft plans",
                lead_officer="Editor Tester; member tester",
                start_date=date(2025, 4, 1),
                target_date="31 March 2026",
                rag="Amber",
            ),
            [],
            tracker_row(
                priority="APA2 - Joint commissioning",
                outcome="1: Therapy waits fall",
                ref="2.1",
                action="Commission more speech and language therapy",
                lead="ICB",
                lead_officer="Member Tester",
                target_date="30/09/2025",
                rag="Blue",
                impact="Waits fell from 40 to 18 weeks",
                evidence="Waiting list report, September 2025",
            ),
        ]
    )


REGISTER_HEADINGS = [
    "Risk ID",
    "Risk description",
    "Category",
    "Risk owner",
    "L",
    "I",
    "Score",
    "Residual L",
    "Residual I",
    "Mitigations",
    "Review date",
    "Status",
]


def council_register() -> bytes:
    """A register as councils keep it: descriptions, no titles, scores typed beside L and I."""
    return workbook(
        [
            [
                "R01",
                "Demand for EHC needs assessments outstrips capacity, so plans are late",
                "Statutory",
                "Manager Tester",
                4,
                5,
                20,
                3,
                4,
                "Recruit two plan writers\n- Weekly panel",
                "30/06/2026",
                "Open",
            ],
            [
                "R02",
                "High needs block overspend",
                "Financial",
                "editor tester",
                "3",
                "4",
                "12",
                2,
                4,
                "",
                "September 2026",
                "Tolerated",
            ],
        ],
        headings=REGISTER_HEADINGS,
        sheet="Risk register",
        titles=("Northshire SEND Partnership risk register",),
    )
