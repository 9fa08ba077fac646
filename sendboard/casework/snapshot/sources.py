"""Find the module tables in a folder, a .zip, a single .csv, an .xlsx workbook or the
SEN2 XML return.

Every table ends up as a CSV file on disk so one reader (DuckDB's) checks them all.
Zip members, workbook sheets and the XML return's modules are copied into a private
temporary folder that is removed afterwards, because they hold names and dates of birth.
"""

import csv
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath

from django.conf import settings

from sendboard.casework.snapshot import lines, sen2xml
from sendboard.casework.snapshot.problems import Problem
from sendboard.casework.snapshot.rules import SHEET_ROW, table_for_name

__all__ = ["SHEET_ROW", "Source", "SourceError", "SourceFile", "open_source"]


@dataclass(frozen=True)
class SourceFile:
    table: str
    path: Path  # a CSV file
    display: str  # how problems name it
    numbered: bool = False  # has a SHEET_ROW column
    labels: dict[str, str] = field(default_factory=dict)  # column -> name problems give it
    cell_lines: bool = False  # has a CELL_LINE column beside each column (an XML return)


@dataclass
class Source:
    name: str
    files: dict[str, SourceFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, file: SourceFile) -> None:
        if file.table in self.files:
            first = self.files[file.table].display
            self.problems.append(
                Problem(file.display, None, "", f"holds the {file.table} table, as does {first}")
            )
            return
        self.files[file.table] = file


class SourceError(ValueError):
    pass


@contextmanager
def open_source(path: Path) -> Iterator[Source]:
    path = Path(path)
    if not path.exists():
        raise SourceError(f"{path} does not exist")
    with tempfile.TemporaryDirectory(prefix="sendboard-source-") as scratch:
        if path.is_dir():
            yield _from_folder(path)
        elif path.suffix.lower() == ".zip":
            yield _from_zip(path, Path(scratch))
        elif path.suffix.lower() in {".xlsx", ".xlsm"}:
            yield _from_workbook(path, Path(scratch))
        elif path.suffix.lower() == ".csv":
            yield _from_files(path.name, [path])
        elif path.suffix.lower() == ".xml":
            yield _from_xml(path, Path(scratch))
        else:
            raise SourceError(f"{path.name}: expected a folder, .zip, .csv, .xlsx or .xml")


def _from_xml(path: Path, scratch: Path) -> Source:
    source = Source(path.name)
    unreadable = lines.unreadable(path)
    if unreadable:
        source.problems.append(Problem(path.name, None, "", unreadable.replace("CSV", "XML")))
        return source
    converted = sen2xml.convert(path, scratch)
    source.problems.extend(converted.problems)
    source.warnings.extend(converted.warnings)
    if not converted.problems:
        for table, csv_path in converted.files.items():
            source.add(SourceFile(table, csv_path, path.name, True, converted.labels, True))
    return source


def _from_folder(folder: Path) -> Source:
    return _from_files(folder.name, sorted(folder.glob("*.csv")) + sorted(folder.glob("*.CSV")))


def _from_files(name: str, paths: list[Path]) -> Source:
    source = Source(name)
    for path in paths:
        table = table_for_name(path.stem)
        if table:
            source.add(SourceFile(table, path, path.name))
    return source


def _too_big(path: Path, limit: int) -> SourceError:
    return SourceError(
        f"{path.name} unpacks to more than {limit / 1024**3:.3g} GB, the most an import "
        "takes (CASEWORK_MAX_UNPACKED_BYTES): send its CSV files in a folder instead"
    )


def _from_zip(path: Path, scratch: Path) -> Source:
    source = Source(path.name)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise SourceError(f"{path.name} is not a readable zip file") from error
    limit = settings.CASEWORK_MAX_UNPACKED_BYTES
    # The sizes an archive declares may lie; what is written is counted too.
    if sum(info.file_size for info in archive.infolist()) > limit:
        raise _too_big(path, limit)
    written = 0
    with archive:
        for number, info in enumerate(archive.infolist()):
            member = PurePosixPath(info.filename)
            if info.is_dir() or member.suffix.lower() != ".csv" or "__MACOSX" in member.parts:
                continue
            table = table_for_name(member.stem)
            if not table:
                continue
            # Members are written under a fresh name, so a crafted path cannot escape.
            target = scratch / f"{number}.csv"
            with archive.open(info) as src, target.open("wb") as out:
                while chunk := src.read(1 << 20):
                    written += len(chunk)
                    if written > limit:
                        raise _too_big(path, limit)
                    out.write(chunk)
            source.add(SourceFile(table, target, info.filename))
    return source


def _from_workbook(path: Path, scratch: Path) -> Source:
    from openpyxl import load_workbook

    source = Source(path.name)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SourceError(f"{path.name} is not a readable workbook: {error}") from error
    try:
        for number, sheet in enumerate(book.worksheets):
            table = table_for_name(sheet.title)
            if table:
                target = scratch / f"{number}.csv"
                _sheet_to_csv(sheet, target)
                source.add(SourceFile(table, target, f"{path.name}[{sheet.title}]", numbered=True))
    finally:
        book.close()
    return source


def _sheet_to_csv(sheet: object, target: Path) -> None:
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        width = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
            cells = [_cell_text(value) for value in values]
            if not any(cells):
                continue
            if not width:
                width = _filled_width(cells)
                writer.writerow([*cells[:width], SHEET_ROW])
                continue
            # Workbooks drop trailing blank cells, or keep stray empty ones past the header.
            cells = cells[: max(width, _filled_width(cells))]
            writer.writerow([*cells, *[""] * (width - len(cells)), number])


def _filled_width(cells: list[str]) -> int:
    return max((index + 1 for index, cell in enumerate(cells) if cell), default=0)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # Excel keeps dates as date-times; a time of midnight is just a date.
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
