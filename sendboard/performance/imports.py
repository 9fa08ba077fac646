"""Importing figures from a CSV or Excel file, as councils keep them: checked row by
row, all or nothing.

One row is one figure: which indicator (its code or its name), the period, the figure
or its numerator and denominator, and a note. A "Series" column of England, Region or
Statistical neighbours makes the row a benchmark; blank, it is the partnership's own.
Column headings are matched loosely ("Month", "Actual", "KPI" all work). Every problem
is reported with its row and column, and nothing is saved while any remains.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from openpyxl.utils import get_column_letter

from sendboard.governance.models import Partnership
from sendboard.performance.entry import EntryError, entry_from
from sendboard.performance.models import Benchmark, Indicator, Observation
from sendboard.performance.services import Entry, observations_enter
from sendboard.performance.services.benchmarks import BenchmarkEntry, benchmarks_enter
from sendboard.workbooks.cells import normalise
from sendboard.workbooks.problems import Problem, WorkbookInvalid
from sendboard.workbooks.reading import MAX_BYTES, MAX_ROWS, Table, read_table

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicator code", "code", "kpi", "measure", "indicator name", "key"),
    "period": ("period", "month", "quarter", "year", "reporting period", "period ending", "date"),
    "value": ("value", "figure", "actual", "result", "performance", "rate"),
    "numerator": ("numerator", "num"),
    "denominator": ("denominator", "denom", "out of", "cohort"),
    "note": ("note", "notes", "comment", "comments"),
    "series": ("series", "comparator", "benchmark"),
    "source": ("source", "published by"),
}
REQUIRED = ("indicator", "period")
SERIES = {normalise(label): value for value, label in Benchmark.Series.choices} | {
    "national": Benchmark.Series.ENGLAND,
    "stat neighbours": Benchmark.Series.NEIGHBOURS,
    "sn": Benchmark.Series.NEIGHBOURS,
}
OURS = {"", "ours", "local", "us"}


@dataclass
class Parsed:
    figures: dict[Indicator, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    benchmarks: dict[tuple[Indicator, str, str], list[BenchmarkEntry]] = field(
        default_factory=lambda: defaultdict(list)
    )
    rows: int = 0


@dataclass(frozen=True)
class ImportOutcome:
    rows: int
    written: int
    corrected: int
    benchmarks: int


def read_file(data: bytes, *, name: str) -> Table:
    """A CSV or .xlsx file's table; a CSV's first row is its headings."""
    if name.lower().endswith(".xlsx"):
        return read_table(data, name=name)
    if len(data) > MAX_BYTES:
        raise WorkbookInvalid([Problem(f"{name} is larger than {MAX_BYTES // 2**20} MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    lines = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if not lines:
        raise WorkbookInvalid([Problem(f"{name} is empty")])
    if len(lines) > MAX_ROWS:
        raise WorkbookInvalid([Problem(f"{name} has more than {MAX_ROWS:,} rows: split it")])
    headers = {get_column_letter(i): h.strip() for i, h in enumerate(lines[0], 1) if h.strip()}
    rows = [
        (number, {get_column_letter(i): c for i, c in enumerate(cells, 1) if c.strip()})
        for number, cells in enumerate(lines[1:], start=2)
    ]
    return Table(name, [name], 1, headers, rows)


def _columns(table: Table) -> dict[str, str]:
    """Which column letter holds each field, by its heading."""
    found: dict[str, str] = {}
    for letter, heading in table.headers.items():
        said = normalise(heading)
        for wanted, names in COLUMNS.items():
            if said in names and wanted not in found:
                found[wanted] = letter
    missing = [name for name in REQUIRED if name not in found]
    if "value" not in found and "numerator" not in found:
        missing.append("value (or numerator and denominator)")
    if missing:
        raise WorkbookInvalid(
            [
                Problem(
                    f"No column for {', '.join(missing)}: the headings are "
                    f"{', '.join(table.headers.values())}",
                    sheet=table.sheet,
                    row=table.header_row,
                )
            ]
        )
    return found


def parse(table: Table, *, partnership: Partnership, name: str) -> Parsed:
    """Every row checked; raises WorkbookInvalid listing every problem found."""
    columns = _columns(table)
    indicators = list(partnership.indicators.all())
    by_name = {normalise(i.key): i for i in indicators} | {
        normalise(i.title): i for i in indicators
    }
    problems: list[Problem] = []
    parsed = Parsed()

    def problem(number: int, column: str, message: str) -> None:
        letter = columns.get(column, "")
        problems.append(
            Problem(message, table.sheet, number, letter, table.headers.get(letter, ""))
        )

    for number, cells in table.rows:
        cell = {wanted: cells.get(letter) for wanted, letter in columns.items()}
        indicator = by_name.get(normalise(cell["indicator"]))
        if indicator is None:
            problem(number, "indicator", f"No indicator called {cell['indicator'] or '(blank)'}")
            continue
        series_text = normalise(cell.get("series"))
        series = None if series_text in OURS else SERIES.get(series_text)
        if series_text not in OURS and series is None:
            problem(
                number,
                "series",
                f"{cell['series']!r} is not England, Region or "
                "Statistical neighbours (leave it blank for the partnership's own)",
            )
            continue
        try:
            entry = entry_from(
                indicator,
                period=cell["period"],
                value=cell.get("value"),
                numerator=cell.get("numerator"),
                denominator=cell.get("denominator"),
                note=str(cell.get("note") or ""),
                provenance=f"Imported from {name}, row {number}",
            )
        except EntryError as error:
            problem(number, error.field, error.message)
            continue
        parsed.rows += 1
        if series is None:
            parsed.figures[indicator].append(entry)
        else:
            source = str(cell.get("source") or f"Imported from {name}")
            parsed.benchmarks[(indicator, series, source)].append(
                BenchmarkEntry(period=entry.period, value=entry.value)
            )
    problems += _repeated(parsed)
    if problems:
        raise WorkbookInvalid(problems)
    return parsed


def _repeated(parsed: Parsed) -> list[Problem]:
    problems = []
    for indicator, entries in parsed.figures.items():
        seen: dict[tuple, str] = {}
        for entry in entries:
            key = (entry.period.kind, entry.period.start)
            if key in seen:
                problems.append(
                    Problem(
                        f"{indicator.title}, {entry.period.label} is given twice "
                        f"({seen[key]} and {entry.provenance.rsplit(', ', 1)[-1]})"
                    )
                )
            seen[key] = entry.provenance.rsplit(", ", 1)[-1]
    return problems


def corrections(parsed: Parsed) -> list[str]:
    """The rows that would change a figure already stored: "row 4 (Autism ..., May 2025)"."""
    found = []
    for indicator, entries in parsed.figures.items():
        current = {
            (o.period_type, o.period_start): o
            for o in Observation.objects.filter(indicator=indicator, superseded_by__isnull=True)
        }
        for entry in entries:
            old = current.get((entry.period.kind, entry.period.start))
            if old is not None and (old.value, old.numerator, old.denominator) != (
                entry.value,
                entry.numerator,
                entry.denominator,
            ):
                found.append(
                    f"{entry.provenance.rsplit(', ', 1)[-1]} "
                    f"({indicator.title}, {entry.period.label})"
                )
    return found


def figures_import(
    *,
    partnership: Partnership,
    data: bytes,
    name: str,
    reason: str = "",
    by: "User | None" = None,
    dry_run: bool = False,
) -> ImportOutcome:
    """Import a file's figures, all or nothing. A row that changes a stored figure is a
    correction: ``reason`` says why, and is required when there is one."""
    parsed = parse(read_file(data, name=name), partnership=partnership, name=name)
    changed = corrections(parsed)
    if changed and not reason.strip():
        raise WorkbookInvalid(
            [
                Problem(
                    f"{len(changed)} rows would change figures already stored "
                    f"({'; '.join(changed[:5])}): say why they are being corrected"
                )
            ]
        )
    written = benchmarks = 0
    with transaction.atomic():
        for indicator, entries in parsed.figures.items():
            written += observations_enter(
                indicator=indicator,
                entries=entries,
                provenance=f"Imported from {name}",
                reason=reason.strip(),
                by=by,
            )
        for (indicator, series, source), entries in parsed.benchmarks.items():
            benchmarks += benchmarks_enter(
                indicator=indicator,
                series=series,
                entries=entries,
                source=source,
                by=by,
                reason=reason.strip(),
            )
        if dry_run:
            transaction.set_rollback(True)
    return ImportOutcome(parsed.rows, written, len(changed), benchmarks)
