"""Opening an uploaded workbook safely and finding its table: the headings and the rows.

An .xlsx is a zip of XML, so a small upload can unpack to gigabytes: the archive's
unpacked size is checked before openpyxl reads anything, and openpyxl streams the
sheet (read-only mode) rather than building it in memory.
"""

import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sendboard.workbooks.cells import normalise
from sendboard.workbooks.problems import Problem, WorkbookInvalid

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 60
HEADING_CELLS = 3  # the first row with this many headings is taken as the header row


@dataclass(frozen=True)
class Table:
    """One sheet's table: its headings by column letter, and the rows under them."""

    sheet: str
    sheets: list[str]
    header_row: int
    headers: dict[str, str]  # column letter: heading, left to right
    rows: list[tuple[int, dict[str, object]]]  # row number, and its cells by column letter


def _refuse(message: str) -> WorkbookInvalid:
    return WorkbookInvalid([Problem(message)])


def check_archive(data: bytes, *, name: str) -> None:
    """Refuse a file too big, not an .xlsx, or one that would unpack too large."""
    if len(data) > MAX_BYTES:
        raise _refuse(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB: the largest workbook accepted is "
            f"{MAX_BYTES // 1024 // 1024} MB"
        )
    not_xlsx = _refuse(
        f"{name} is not an Excel workbook (.xlsx). Save it from Excel as "
        "'Excel Workbook (.xlsx)' and upload it again"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as error:
        raise not_xlsx from error
    if not any(part.filename == "xl/workbook.xml" for part in parts):
        raise not_xlsx
    # zipfile never unpacks a member past the size its directory declares, so the
    # declared sizes bound what openpyxl can unpack, even from an archive that lies.
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise _refuse(
            f"{name} unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB, more than "
            "a tracker needs: remove other sheets or images and upload it again"
        )


def read_table(
    data: bytes,
    *,
    name: str,
    sheet: str = "",
    preferred_sheet: str = "",
    header_row: int | None = None,
    known_headers: frozenset[str] = frozenset(),
) -> Table:
    """The table of `sheet` (else `preferred_sheet` if there, else the first) under
    `header_row` (else found).

    A header row is taken as given; without one, the first row holding at least three
    headings is, so title rows above the table are passed over. `known_headers`
    (normalised) prefer a row whose headings were mapped before.
    """
    check_archive(data, name=name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _refuse(f"{name} could not be read as an Excel workbook: {error}") from error
    try:
        sheets = list(workbook.sheetnames)
        chosen = sheet or (preferred_sheet if preferred_sheet in sheets else sheets[0])
        if chosen not in sheets:
            raise _refuse(f"{name} has no sheet '{chosen}': its sheets are {', '.join(sheets)}")
        rows = _rows(workbook[chosen], sheet=chosen)
    finally:
        workbook.close()
    found = header_row or _header_row(rows, known_headers)
    if found is None:
        raise _refuse(
            f"Sheet '{chosen}' has no row of column headings (a row with at least "
            f"{HEADING_CELLS} headings, such as Ref, Action, Target date)"
        )
    headings = dict(rows).get(found, {})
    headers = {letter: str(value).strip() for letter, value in headings.items()}
    body = [(number, cells) for number, cells in rows if number > found]
    return Table(chosen, sheets, found, headers, body)


def _rows(worksheet, *, sheet: str) -> list[tuple[int, dict[str, object]]]:
    """The sheet's rows that hold anything, each with its number as Excel shows it."""
    rows = []
    for number, values in enumerate(
        worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
    ):
        cells = {
            get_column_letter(index): value
            for index, value in enumerate(values, start=1)
            if value is not None and str(value).strip() != ""
        }
        if not cells:
            continue
        if len(rows) >= MAX_ROWS:
            raise _refuse(
                f"Sheet '{sheet}' has more than {MAX_ROWS:,} rows: split it into smaller "
                "workbooks and import each"
            )
        rows.append((number, cells))
    return rows


def _is_heading(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _header_row(
    rows: list[tuple[int, dict[str, object]]], known_headers: frozenset[str]
) -> int | None:
    candidates = [
        (number, cells)
        for number, cells in rows[:50]
        if sum(_is_heading(value) for value in cells.values()) >= HEADING_CELLS
    ]
    for number, cells in candidates:
        if sum(normalise(value) in known_headers for value in cells.values()) >= HEADING_CELLS:
            return number
    return candidates[0][0] if candidates else None
