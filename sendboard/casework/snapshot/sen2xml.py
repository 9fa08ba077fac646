"""Read the SEN2 return as councils' systems write it for the DfE: one XML file.

The file is streamed (one person at a time is held, so a 200 MB return needs little
memory) into one CSV per module in a private folder, each row carrying the line its
element starts on; the CSV checks then apply unchanged, so an XML return is refused or
accepted exactly as the same data as CSV would be.

Readings chosen where ../shared/sen2-xml.md marks the structure unconfirmed:

- the root element may have any name (``Message`` is likely), and a ``Persons``
  wrapper may be missing; namespaces are ignored and element names matched without
  regard to case, with the known misspellings ``WPB`` and ``PlanWPB`` accepted;
- the return carries no table identifiers, so each person, request, assessment, named
  plan and active plan gets a number in the file's order (``P1``, ``R1``...) and the
  nesting gives its parent; ``...TableID`` elements, if a system adds them, are read
  as nothing more;
- ``Week20`` written ``true``/``false`` (xs:boolean) is read as 1/0;
- ``GenderCurrent`` (2023 returns) is read as sex 1 = M and 2 = F, other codes blank;
  ``Res`` and ``WBP`` are read on placements, where the return has put them since
  2024, and passed over on active plans (2023), as the engine does not use them;
- the designated officers (``DMO``, ``DCO``, ``DSCO``) and personal items (names,
  UPN, ULN, postcode) are recognised and never read;
- any other element is reported as a warning with its count, never silently dropped.

Entity declarations, DTDs that declare entities and external references are refused
(defusedxml), so a crafted file cannot expand or fetch anything.
"""

import csv
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from sendboard.casework import schema
from sendboard.casework.snapshot.problems import Problem
from sendboard.casework.snapshot.rules import (
    BIRTHDATE,
    CELL_LINE,
    HEADER,
    PASSED_OVER,
    SHEET_ROW,
    passed_over,
)

# The collections (census years) whose layout this reader knows.
YEARS = range(2023, 2027)


@dataclass(frozen=True)
class Record:
    table: str
    parent: str | None  # the record element it sits in
    prefix: str = ""  # of the numbers given to its rows, when it is keyed


RECORDS = {
    "person": Record("person", None, "P"),
    "requests": Record("requests", "person", "R"),
    "assessment": Record("assessment", "requests", "A"),
    "namedplan": Record("namedplan", "assessment", "N"),
    "plandetail": Record("plandetail", "namedplan"),
    "activeplans": Record("activeplans", "requests", "AP"),
    "placementdetail": Record("placement", "activeplans"),
    "senneed": Record("senneed", "activeplans"),
}
_TABLES = {table.name: table for table in schema.SEN2_TABLES}
CONTAINERS = {"message", "header", "collectiondetails", "source", "persons"}
HEADER_ITEMS = {"collection", "year", "referencedate", "lea", "softwarecode"}
_ALIASES = {"wpb": "wbp", "planwpb": "planwbp"}
_GENDER = {"1": "M", "2": "F"}
# A 0/1 flag some systems write as xs:boolean.
_FLAGS = {"true": "1", "false": "0"}


def _items(table: str) -> set[str]:
    found = set(_TABLES[table].columns) - {_TABLES[table].key}
    parent = _TABLES[table].parent
    found -= {parent[0]} if parent else set()
    return found | ({BIRTHDATE} if table == "person" else set())


ITEMS = {table: _items(table) for table in _TABLES}


def columns_of(table: str) -> list[str]:
    """The CSV columns written for ``table``: its identifiers, its items, the line of
    its record's element and of each item's."""
    spec = _TABLES[table]
    ids = [spec.key] if spec.key else []
    if spec.parent and spec.parent[0] not in ids:
        ids.append(spec.parent[0])
    items = sorted(ITEMS[table])
    return [*ids, *items, SHEET_ROW, *(f"{item}{CELL_LINE}" for item in items)]


@dataclass
class Converted:
    files: dict[str, Path]  # table (or "header") -> CSV written
    labels: dict[str, str]  # column -> element name as the file first wrote it
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Open:
    name: str
    kind: str  # container, record, item, header, skip
    record: dict[str, str] | None = None
    text: list[str] = field(default_factory=list)
    written: str = ""  # the name as the file writes it
    line: int = 0  # where it starts


class _Reader:
    """The parser's target: keeps the open elements and writes each record as it ends."""

    def __init__(self, display: str, writers: dict[str, csv.DictWriter]) -> None:
        self.display = display
        self.writers = writers
        self.parser: DefusedXMLParser | None = None
        self.stack: list[_Open] = []
        self.records: list[tuple[str, dict[str, str]]] = []  # (element, row) open
        self.numbers = dict.fromkeys(RECORDS, 0)
        self.header: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.unknown: dict[tuple[str, str], list[int]] = {}  # (element, inside) -> [count, line]
        self.skipping = 0

    def line(self) -> int:
        return self.parser.parser.CurrentLineNumber  # type: ignore[union-attr]

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.skipping:
            self.skipping += 1
            return
        written = tag.rsplit("}", 1)[-1]
        name = _ALIASES.get(written.lower(), written.lower())
        opened = self._open(name, written)
        opened.written, opened.line = written, self.line()
        self.stack.append(opened)

    def _open(self, name: str, written: str) -> _Open:
        top = self.stack[-1] if self.stack else None
        record = self.records[-1] if self.records else None
        inside_record = top is not None and top.kind == "record"
        spec = RECORDS.get(name)
        if spec and spec.parent == (record[0] if record else None):
            at_top = record is None and (top is None or top.kind == "container")
            if at_top or inside_record:
                return self._open_record(name, spec)
        if inside_record and record:
            table = RECORDS[record[0]].table
            if name in ITEMS[table] or (table == "person" and name == "gendercurrent"):
                self.labels.setdefault(name, written)
                return _Open(name, "item")
            if passed_over(table, name):
                return self._skip(name)
        if record is None and (top is None or top.kind == "container"):
            if name in CONTAINERS or top is None:
                return _Open(name, "container")
            if name in HEADER_ITEMS | PASSED_OVER[HEADER]:
                return _Open(name, "header")
        if name in PASSED_OVER["*"]:
            return self._skip(name)
        inside = top.written if top else "the file"
        counted = self.unknown.setdefault((written, inside), [0, self.line()])
        counted[0] += 1
        return self._skip(name)

    def _skip(self, name: str) -> _Open:
        self.skipping = 1
        return _Open(name, "skip")

    def _open_record(self, name: str, spec: Record) -> _Open:
        row: dict[str, str] = {SHEET_ROW: str(self.line())}
        table = _TABLES[spec.table]
        if spec.prefix:
            self.numbers[name] += 1
            row[table.key] = f"{spec.prefix}{self.numbers[name]}"  # type: ignore[index]
        if self.records and table.parent:
            parent_row = self.records[-1][1]
            row[table.parent[0]] = parent_row[_TABLES[RECORDS[self.records[-1][0]].table].key]
        self.records.append((name, row))
        return _Open(name, "record", record=row)

    def data(self, text: str) -> None:
        if not self.skipping and self.stack and self.stack[-1].kind in ("item", "header"):
            self.stack[-1].text.append(text)

    def end(self, tag: str) -> None:
        if self.skipping > 1:
            self.skipping -= 1
            return
        self.skipping = 0
        closed = self.stack.pop()
        value = "".join(closed.text).strip()
        if closed.kind == "item":
            self._set(closed.name, value)
            self.records[-1][1][f"{closed.name}{CELL_LINE}"] = str(closed.line)
        elif closed.kind == "header" and closed.name in HEADER_ITEMS:
            self.header[closed.name] = value
        elif closed.kind == "record":
            name, row = self.records.pop()
            self.writers[RECORDS[name].table].writerow(row)

    def _set(self, name: str, value: str) -> None:
        row = self.records[-1][1]
        if name == "gendercurrent":
            row.setdefault("sex", _GENDER.get(value, ""))
            row.setdefault(f"sex{CELL_LINE}", str(self.line()))
        elif name == "week20":
            row[name] = _FLAGS.get(value.lower(), value)
        else:
            row[name] = value

    def close(self) -> None:
        return None

    def warnings(self) -> Iterator[Problem]:
        for (element, inside), (count, line) in sorted(
            self.unknown.items(), key=lambda item: item[1][1]
        ):
            times = "once" if count == 1 else f"{count:,} times"
            yield Problem(
                self.display,
                line,
                element,
                f"is not an element the SEN2 return has inside {inside}; not used ({times})",
            )


def convert(path: Path, folder: Path) -> Converted:
    """Write the return's modules as CSV files in ``folder``; never raises for a bad file."""
    display = Path(path).name
    files = {table: folder / f"xml-{table}.csv" for table in _TABLES}
    with ExitStack() as stack:
        outs: dict[str, IO[str]] = {
            table: stack.enter_context(target.open("w", newline="", encoding="utf-8"))
            for table, target in files.items()
        }
        writers = {
            table: csv.DictWriter(out, fieldnames=columns_of(table), extrasaction="ignore")
            for table, out in outs.items()
        }
        for writer in writers.values():
            writer.writeheader()
        reader = _Reader(display, writers)
        problem = _parse(path, reader)
    converted = Converted(files, reader.labels)
    if problem:
        converted.problems.append(problem)
        return converted
    converted.warnings.extend(reader.warnings())
    year = reader.header.get("year", "")
    if year and not (year.isdigit() and int(year) in YEARS):
        converted.warnings.append(
            Problem(
                display,
                None,
                "Year",
                f"collection {year!r} is not one whose layout sendboard knows"
                f" ({YEARS.start} to {YEARS.stop - 1}); read with the elements of those years",
            )
        )
    if reader.header:
        converted.files[HEADER] = _write_header(folder, reader.header)
    return converted


def _parse(path: Path, reader: _Reader) -> Problem | None:
    display = Path(path).name
    parser = DefusedXMLParser(target=reader, forbid_dtd=False)
    reader.parser = parser
    try:
        with Path(path).open("rb") as source:
            while chunk := source.read(1 << 20):
                parser.feed(chunk)
        parser.close()
    except DefusedXmlException:
        return Problem(
            display,
            reader.line(),
            "",
            "declares entities or refers to outside files, which are refused for safety;"
            " export the return again without them",
        )
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        reason = str(error).split(":", 1)[0]
        return Problem(display, line, "", f"is not well-formed XML ({reason})")
    return None


def _write_header(folder: Path, header: dict[str, str]) -> Path:
    target = folder / "xml-header.csv"
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=sorted(HEADER_ITEMS))
        writer.writeheader()
        writer.writerow(header)
    return target
