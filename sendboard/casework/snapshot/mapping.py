"""A partnership's local names for SEN2 columns and event names, written once.

The same text serves the command's mapping file and the upload page's form::

    [columns]
    date_received = receiveddate          # in any table that has it
    requests.Req Ref = requeststableid    # in the requests table only
    [events]
    EHC panel 1 = panel_1

Names on the left are matched as columns are (case, spaces and underscores ignored);
event names ignoring case and surrounding spaces. A file ending .json may instead
hold ``{"columns": {"*" or table: {their: ours}}, "events": {their: ours}}``.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from sendboard.casework import schema
from sendboard.casework.snapshot.rules import BIRTHDATE, column_key

ANY_TABLE = "*"
_TABLES = {table.name: table for table in schema.ALL_TABLES}


class MappingInvalid(ValueError):
    """The mapping names something the importer does not know; the message says what."""


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> theirs -> ours
    events: dict[str, str] = field(default_factory=dict)  # theirs -> ours

    def column(self, table: str, key: str) -> str:
        """Our name for a column key of ``table`` (the key itself when not mapped)."""
        for scope in (table, ANY_TABLE):
            if key in self.columns.get(scope, {}):
                return self.columns[scope][key]
        return key

    def as_dict(self) -> dict[str, object]:
        return {"columns": self.columns, "events": self.events}

    def as_text(self) -> str:
        lines = ["[columns]"] if self.columns else []
        for table, names in self.columns.items():
            prefix = "" if table == ANY_TABLE else f"{table}."
            lines += [f"{prefix}{theirs} = {ours}" for theirs, ours in names.items()]
        if self.events:
            lines += ["[events]", *(f"{theirs} = {ours}" for theirs, ours in self.events.items())]
        return "\n".join(lines)

    def __bool__(self) -> bool:
        return bool(self.columns or self.events)


def read_mapping(path: Path) -> Mapping:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingInvalid(f"{path.name}: cannot be read as text") from error
    if path.suffix.lower() == ".json":
        try:
            return mapping_from_dict(json.loads(text))
        except (json.JSONDecodeError, AttributeError, TypeError) as error:
            raise MappingInvalid(f"{path.name}: is not a mapping in JSON ({error})") from error
    return parse_mapping(text, name=path.name)


def mapping_from_dict(data: dict) -> Mapping:
    lines = ["[columns]"]
    for table, names in (data.get("columns") or {}).items():
        prefix = "" if table == ANY_TABLE else f"{table}."
        lines += [f"{prefix}{theirs} = {ours}" for theirs, ours in names.items()]
    lines += ["[events]", *(f"{t} = {o}" for t, o in (data.get("events") or {}).items())]
    return parse_mapping("\n".join(lines))


def parse_mapping(text: str, *, name: str = "mapping") -> Mapping:
    """Raises MappingInvalid naming the line of every problem."""
    columns: dict[str, dict[str, str]] = {}
    events: dict[str, str] = {}
    problems: list[str] = []
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            if section not in ("columns", "events"):
                problems.append(f"{name}:{number}: unknown section [{section}]")
            continue
        theirs, equals, ours = (part.strip() for part in line.partition("="))
        if not equals or not theirs or not ours:
            problems.append(f"{name}:{number}: expected 'their name = SEN2 name'")
        elif section == "events":
            problem = _event(events, theirs, ours)
            problems += [f"{name}:{number}: {problem}"] if problem else []
        elif section == "columns":
            problem = _column(columns, theirs, ours)
            problems += [f"{name}:{number}: {problem}"] if problem else []
        else:
            problems.append(f"{name}:{number}: put the line under [columns] or [events]")
    if problems:
        raise MappingInvalid("; ".join(problems))
    return Mapping(columns, events)


def _column(columns: dict[str, dict[str, str]], theirs: str, ours: str) -> str:
    table, dot, column = theirs.rpartition(".")
    table = table.strip().lower() if dot else ANY_TABLE
    if table != ANY_TABLE and table not in _TABLES:
        return f"unknown table {table!r} (expected one of {', '.join(_TABLES)})"
    ours = column_key(ours)
    known = (
        set().union(*(t.columns for t in _TABLES.values())) | {BIRTHDATE}
        if table == ANY_TABLE
        else {*_TABLES[table].columns, *([BIRTHDATE] if table == "person" else [])}
    )
    if ours not in known:
        return f"{ours!r} is not a column the importer reads"
    columns.setdefault(table, {})[column_key(column)] = ours
    return ""


def _event(events: dict[str, str], theirs: str, ours: str) -> str:
    ours = ours.strip().lower()
    if ours not in schema.EVENTS:
        expected = ", ".join(schema.EVENTS)
        return f"{ours!r} is not an event the engine knows (expected one of {expected})"
    events[theirs.strip().lower()] = ours
    return ""
