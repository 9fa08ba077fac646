"""Load each module table into DuckDB (``load.py``) and collect every problem in it.

Each table is read as ``t_<name>`` with a ``_row`` column (the row the user sees,
header being row 1), every schema column typed, and for each date or number column
its text as given in ``<column>__raw`` where a check will quote it. All checks are
set-based SQL: a table's checks of single rows are counted in one pass and its checks
against a parent table in one join, and only a check that finds something is run
again to name its rows, so a million rows cost seconds, not minutes.

Tables are taken one at a time, parents before children: each is read, checked and
handed on (to be written) before the next is read, and then only what later tables'
checks read of it is kept, so memory holds the rows of one table at a time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import duckdb

from sendboard.casework import schema
from sendboard.casework.snapshot import rules
from sendboard.casework.snapshot.load import (
    MACROS,
    TABLES,
    Loaded,
    first_line,
    is_typed,
    keep_only,
    kinds,
    load_table,
    quote_ident,
    read_header,
)
from sendboard.casework.snapshot.mapping import Mapping
from sendboard.casework.snapshot.problems import Problem, Problems
from sendboard.casework.snapshot.sources import Source, SourceFile

# Called with a description as each step of an import begins.
Step = Callable[[str], None]


class TableSink(Protocol):
    """Handed each table as it is read and once it is checked, while its rows are at hand."""

    def read(self, loaded: Loaded, checked: "Checked") -> None: ...

    def checked(self, loaded: Loaded, checked: "Checked") -> None: ...


SEN2_NAMES = tuple(table.name for table in (*schema.SEN2_TABLES, *schema.LOCAL_TABLES))

# Happened-dates that bound the as-at date; due dates and planned moves look ahead.
_AS_AT_COLUMNS = {
    "requests": ("receiveddate", "requestoutcomedate"),
    "assessment": ("assessmentoutcomedate",),
    "namedplan": ("startdate", "ceasedate"),
    "activeplans": ("reviewmeeting", "lastreview", "reviewdraft", "phasetransferfinaldate"),
    "events": ("date",),
    "referrals": ("referraldate", "firstcontactdate", "outcomedate", "dischargedate"),
}


@dataclass
class Checked:
    tables: dict[str, Loaded]
    problems: Problems
    reference_date: date | None = None
    header: dict[str, str] = field(default_factory=dict)
    # What was read but not used, which does not stop the import.
    warnings: list[Problem] = field(default_factory=list)
    mapping: Mapping = field(default_factory=Mapping)
    counts: dict[str, int] = field(default_factory=dict)  # rows read, by table
    latest: date | None = None  # the latest happened-date in the tables read

    @property
    def kind(self) -> str:
        sen2 = any(name in self.tables for name in SEN2_NAMES)
        waiting = schema.REFERRALS.name in self.tables
        return "both" if sen2 and waiting else ("sen2" if sen2 else "waiting-list")

    def count(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        """Note the table's rows and its latest happened-date, while it is at hand."""
        dates = ", ".join(f"max({column})" for column in _AS_AT_COLUMNS.get(name, ()))
        latest = f"greatest({dates})" if dates else "NULL"
        rows, found = con.execute(f"SELECT count(*), {latest} FROM t_{name}").fetchone()
        self.counts[name] = rows
        if found and (self.latest is None or found > self.latest):
            self.latest = found


def check_source(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    *,
    problems: Problems,
    progress: Step,
    mapping: Mapping | None = None,
    sink: TableSink | None = None,
) -> Checked:
    for problem in source.problems:
        problems.add(problem)
    con.execute(MACROS)
    checked = Checked({}, problems, warnings=list(source.warnings), mapping=mapping or Mapping())
    if source.files or not source.problems:  # a source that could not be read says why
        _check_presence(source, problems)
    for name in sorted(source.files, key=lambda name: _ORDER.get(name, len(_ORDER))):
        file = source.files[name]
        progress(f"Reading {file.display}")
        if name == rules.HEADER:
            _read_header(con, file, checked)
            continue
        loaded = load_table(
            con, file, problems=problems, warnings=checked.warnings, mapping=checked.mapping
        )
        if not loaded:
            continue
        if sink:
            sink.read(loaded, checked)
        checked.tables[name] = loaded
        progress(f"Checking {file.display}")
        _check_table(con, TABLES[name], loaded, checked)
        _warn_undecided_dates(con, loaded, checked)
        checked.count(con, name)
        if sink:
            sink.checked(loaded, checked)
        keep_only(con, name, _read_later(name, loaded))
        for parent in _LAST_CHILD.get(name, ()):
            keep_only(con, parent, [])
    return checked


# The header first, then each table after its parent.
_ORDER = {rules.HEADER: -1} | {table.name: index for index, table in enumerate(schema.ALL_TABLES)}


def _read_later(name: str, loaded: Loaded) -> list[str]:
    """The columns of a table that later tables' checks read: the key of a parent, and
    the received date of requests, which the dates of its children are checked against."""
    table = TABLES[name]
    wanted = [table.key] if table.key and name in _PARENTS else []
    if name == "requests":
        wanted.append("receiveddate")
    return [column for column in wanted if column in loaded.columns]


_PARENTS = {table.parent[1] for table in schema.ALL_TABLES if table.parent}


def _last_children() -> dict[str, list[str]]:
    """The parents each table is the last child of, in the order tables are taken."""
    last = {table.parent[1]: table.name for table in schema.ALL_TABLES if table.parent}
    found: dict[str, list[str]] = {}
    for parent, child in last.items():
        found.setdefault(child, []).append(parent)
    return found


_LAST_CHILD = _last_children()


def _warn_undecided_dates(con: duckdb.DuckDBPyConnection, loaded: Loaded, checked: Checked) -> None:
    """A warning, with its count and first row, for each outcome whose rows give a date
    that outcome has none of."""
    for name, column, outcome, codes in rules.UNDECIDED_DATES:
        if name != loaded.file.table or not {column, outcome} <= loaded.columns:
            continue
        allowed = ", ".join(f"'{code}'" for code in codes)
        found = con.execute(
            f"SELECT {outcome}, count(*), min(_row) FROM t_{name} WHERE {column} IS NOT NULL"
            f" AND ({outcome} IS NULL OR {outcome} IN ({allowed})) GROUP BY ALL ORDER BY 3"
        ).fetchall()
        lines = _cell_lines(con, loaded, column, [first for _, _, first in found])
        for code, count, first in found:
            rows = "1 row" if count == 1 else f"{count:,} rows"
            given = f"outcome {code}" if code else "a blank outcome (not yet decided)"
            checked.warnings.append(
                Problem(
                    loaded.file.display,
                    lines.get(first, first),
                    loaded.file.labels.get(column, column),
                    f"{rows} with {given} {'has' if count == 1 else 'have'} a date, which was"
                    " not used: the date is when"
                    f" the family was told of a decision, and {'/'.join(codes)} or a blank"
                    f" {outcome} have none" + ("" if count == 1 else "; this is the first of them"),
                )
            )


def _check_presence(source: Source, problems: Problems) -> None:
    names = set(source.files)
    if not names - {rules.HEADER}:
        problems.add(
            Problem(
                source.name,
                None,
                "",
                "holds none of the module tables (person.csv, requests.csv, ..., or referrals.csv)",
            )
        )
        return
    if names & set(SEN2_NAMES):
        for table in schema.SEN2_TABLES:
            if table.required and table.name not in names:
                problems.add(
                    Problem(
                        source.name,
                        None,
                        "",
                        f"has no {table.name} table ({table.name}.csv or a sheet"
                        f" named {table.name})",
                    )
                )


def _read_header(con: duckdb.DuckDBPyConnection, file: SourceFile, checked: Checked) -> None:
    try:
        header = read_header(con, file)
    except duckdb.Error as error:
        checked.problems.add(
            Problem(file.display, None, "", f"cannot be read: {first_line(error)}")
        )
        return
    if not header:
        return
    checked.header = header
    text = header.get("referencedate")
    if text:
        parsed = con.execute("SELECT parse_date(?)", [text]).fetchone()[0]
        if parsed is None:
            checked.problems.add(
                Problem(file.display, 2, "referencedate", f"{text!r} is not a date")
            )
        checked.reference_date = parsed


def _check_table(
    con: duckdb.DuckDBPyConnection, table: schema.Table, loaded: Loaded, checked: Checked
) -> None:
    checks = _checks(table, loaded, checked)
    found = _any_found(con, table, checks)
    for check in checks:
        if found.get(check.sql, True):
            _report(con, checked.problems, loaded, check)


Message = Callable[[object], str]


@dataclass(frozen=True)
class Check:
    sql: str  # the rows it finds, as (_row, detail)
    column: str
    message: Message
    # For a check of each row on its own, its condition on the row; a table's are all
    # tried in one pass, and only those that find something are run to name the rows.
    where: str = ""
    # For a check of each row against its parent row: the column naming the parent and
    # the parent's table; `where` is then its condition on the row (c) and parent (p),
    # and a table's checks against the same parent are tried in one join.
    parent: tuple[str, str] | None = None
    # For another, a cheaper query that counts whether it can find anything.
    count: str = ""


def _any_found(
    con: duckdb.DuckDBPyConnection, table: schema.Table, checks: list[Check]
) -> dict[str, bool]:
    """Whether each check finds anything, by its SQL; a check not in it must be run."""
    groups: dict[tuple[str, str] | None, list[Check]] = {}
    for check in checks:
        if check.where:
            groups.setdefault(check.parent, []).append(check)
    found = {}
    for parent, group in groups.items():
        counts = ", ".join(f"count(*) FILTER (WHERE {check.where})" for check in group)
        source = f"t_{table.name} c"
        if parent:
            column, name = parent
            source += f" LEFT JOIN t_{name} p ON p.{TABLES[name].key} = c.{column}"
        row = con.execute(f"SELECT {counts} FROM {source}").fetchone()
        found |= {check.sql: bool(count) for check, count in zip(group, row, strict=True)}
    for check in checks:
        if check.count:
            found[check.sql] = bool(con.execute(check.count).fetchone()[0])
    return found


def _local(t: str, where: str, detail: str, column: str, message: Message) -> Check:
    return Check(f"SELECT _row, {detail} AS detail FROM {t} WHERE {where}", column, message, where)


def _checks(table: schema.Table, loaded: Loaded, checked: Checked) -> list[Check]:
    t = f"t_{table.name}"
    has = loaded.columns
    found: list[Check] = []
    for column in _not_blank(table):
        if column in has:
            # The text of a date or number is kept only where it did not read as one.
            where = (
                f"{column} IS NULL AND {column}__raw IS NULL"
                if is_typed(table, column)
                else f"{column} IS NULL"
            )
            found.append(_local(t, where, "NULL", column, lambda _: "is blank"))
    for column, kind in kinds(table).items():
        if column not in has or (table.name, column) in rules.CODES:
            continue
        if kind == schema.DATE:
            found.append(
                _local(
                    t,
                    f"{column}__raw IS NOT NULL AND {column} IS NULL",
                    f"{column}__raw",
                    column,
                    lambda raw: f"{raw!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
                )
            )
            found.append(
                _local(
                    t,
                    f"year({column}) NOT BETWEEN {rules.EARLIEST_YEAR} AND {rules.LATEST_YEAR}",
                    f"{column}__raw",
                    column,
                    lambda raw: f"{raw!r} is not a plausible date",
                )
            )
        elif kind == schema.INT:
            found.append(
                _local(
                    t,
                    f"{column}__raw IS NOT NULL AND {column} IS NULL",
                    f"{column}__raw",
                    column,
                    lambda raw: f"{raw!r} is not a whole number",
                )
            )
    found.extend(_code_checks(table, loaded))
    found.extend(_order_checks(table, loaded))
    found.extend(_cross_checks(table, loaded, checked))
    if table.key and table.key in has:
        found.append(
            Check(
                _duplicate_sql(t, table.key),
                table.key,
                lambda first: f"duplicate id, first given on row {first}",
                count=f"SELECT count({table.key}) - count(DISTINCT {table.key}) FROM {t}",
            )
        )
    if table.parent and table.parent[0] in has:
        column, parent = table.parent
        parent_loaded = checked.tables.get(parent)
        if parent_loaded and TABLES[parent].key in parent_loaded.columns:
            found.append(_orphan_check(t, column, parent))
    return found


def _orphan_check(t: str, column: str, parent: str) -> Check:
    key = TABLES[parent].key
    sql = (
        f"SELECT _row, {column} AS detail FROM {t} c WHERE {column} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM t_{parent} p WHERE p.{key} = c.{column})"
    )
    return Check(
        sql,
        column,
        lambda raw: f"{raw!r} is not in the {parent} table",
        where=f"c.{column} IS NOT NULL AND p.{key} IS NULL",
        parent=(column, parent),
    )


def _not_blank(table: schema.Table) -> list[str]:
    ids = [column for column in (table.key, table.parent and table.parent[0]) if column]
    return list(dict.fromkeys([*ids, *rules.NOT_BLANK.get(table.name, ())]))


def _code_checks(table: schema.Table, loaded: Loaded) -> list[Check]:
    t = f"t_{table.name}"
    found: list[Check] = []
    for (name, column), codes in rules.CODES.items():
        if name != table.name or column not in loaded.columns:
            continue
        expected = ", ".join(codes)
        if table.columns[column] == schema.INT:
            where = (
                f"{column}__raw IS NOT NULL AND ({column} IS NULL OR {column} NOT IN ({expected}))"
            )
            detail = f"{column}__raw"
        else:
            allowed = ", ".join(f"'{code}'" for code in codes)
            where, detail = f"{column} NOT IN ({allowed})", column
        found.append(
            _local(
                t,
                where,
                detail,
                column,
                lambda raw, expected=expected: f"unknown code {raw!r} (expected one of {expected})",
            )
        )
    return found


def _order_checks(table: schema.Table, loaded: Loaded) -> list[Check]:
    t = f"t_{table.name}"
    return [
        _local(
            t,
            f"{later} < {earlier}{f' AND {only}' if only else ''}",
            f"strftime({earlier}, '%Y-%m-%d')",
            later,
            lambda first, earlier=earlier: f"is before {earlier} ({first})",
        )
        for name, later, earlier, only in rules.DATE_ORDER
        if name == table.name and {later, earlier} <= loaded.columns
    ]


def _cross_checks(table: schema.Table, loaded: Loaded, checked: Checked) -> list[Check]:
    """Dates on a child row that fall before the request they belong to."""
    requests = checked.tables.get("requests")
    if not requests or not {"requeststableid", "receiveddate"} <= requests.columns:
        return []
    pairs = {"assessment": "assessmentoutcomedate", "events": "date"}
    column = pairs.get(table.name)
    if not column or not {"requeststableid", column} <= loaded.columns:
        return []
    # A plan issued after another LA's assessment (S) or transferred in (H) may carry
    # a date from before this LA received the request.
    skip = " AND c.assessmentoutcome NOT IN ('S', 'H')" if table.name == "assessment" else ""
    sql = (
        f"SELECT c._row, strftime(r.receiveddate, '%Y-%m-%d') AS detail FROM t_{table.name} c "
        f"JOIN t_requests r USING (requeststableid) WHERE c.{column} < r.receiveddate{skip}"
    )
    return [
        Check(
            sql,
            column,
            lambda received: f"is before the request was received ({received})",
            where=f"c.{column} < p.receiveddate{skip}",
            parent=("requeststableid", "requests"),
        )
    ]


def _duplicate_sql(t: str, key: str) -> str:
    return (
        f"SELECT _row, first AS detail FROM (SELECT _row, {key}, "
        f"min(_row) OVER (PARTITION BY {key}) AS first FROM {t} WHERE {key} IS NOT NULL) "
        f"WHERE _row > first"
    )


def _report(
    con: duckdb.DuckDBPyConnection, problems: Problems, loaded: Loaded, check: Check
) -> None:
    limit = max(problems.room, 1)
    rows = con.execute(
        f"SELECT _row, detail, count(*) OVER () FROM ({check.sql}) ORDER BY _row LIMIT {limit}"
    ).fetchall()
    if not rows:
        return
    field = loaded.file.labels.get(check.column, check.column)
    lines = _cell_lines(con, loaded, check.column, [row for row, _, _ in rows])
    found = [
        Problem(loaded.file.display, lines.get(row, row), field, check.message(detail))
        for row, detail, _ in rows
    ]
    problems.add_counted(found, count=rows[0][2])


def _cell_lines(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, column: str, rows: list[int]
) -> dict[int, int]:
    """For an XML return, the line of the element each problem cell came from, by the
    line of its record's element; empty for other sources, or for a missing cell."""
    if not loaded.file.cell_lines or column not in loaded.columns:
        return {}
    line = quote_ident(f"{column}{rules.CELL_LINE}")
    found = con.execute(
        f"SELECT _row, min({line}) FROM t_{loaded.file.table} "
        f"WHERE _row IN (SELECT unnest(?)) AND {line} IS NOT NULL GROUP BY _row",
        [rows],
    ).fetchall()
    return dict(found)
