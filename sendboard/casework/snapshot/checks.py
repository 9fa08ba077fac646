"""Load each module table into DuckDB and collect every problem in it.

Each table becomes ``t_<name>`` with a ``_row`` column (the row the user sees, header
being row 1), every schema column typed, and for each date or number column its text
as given in ``<column>__raw``, so a check can name the value it could not read. All
checks are set-based SQL, so a million rows cost seconds, not minutes.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pyarrow as pa

from sendboard.casework import schema
from sendboard.casework.snapshot import lines, rules
from sendboard.casework.snapshot.mapping import Mapping
from sendboard.casework.snapshot.problems import Problem, Problems
from sendboard.casework.snapshot.sources import SHEET_ROW, Source, SourceFile

# Called with a description as each step of an import begins.
Step = Callable[[str], None]
TABLES = {table.name: table for table in schema.ALL_TABLES}
SEN2_NAMES = tuple(table.name for table in (*schema.SEN2_TABLES, *schema.LOCAL_TABLES))

# Dates as local systems write them: ISO, UK day-first, or either with a time.
_PARSE_DATE = """
CREATE OR REPLACE MACRO parse_date(s) AS COALESCE(
    TRY_CAST(s AS DATE),
    CAST(TRY_STRPTIME(s, '%d/%m/%Y') AS DATE),
    CAST(TRY_CAST(s AS TIMESTAMP) AS DATE),
    CAST(TRY_STRPTIME(s, '%d/%m/%Y %H:%M:%S') AS DATE),
    CAST(TRY_STRPTIME(s, '%d/%m/%Y %H:%M') AS DATE),
    CAST(TRY_STRPTIME(s, '%d-%m-%Y') AS DATE)
)
"""
# Space, tab, carriage return and line feed, as SQL: what a blank line may hold.
_SPACE = "' ' || chr(9) || chr(13) || chr(10)"
# The CSV reader's words for a line with the wrong number of cells.
_CELLS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")

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
class Loaded:
    file: SourceFile
    columns: set[str]  # schema columns the file has


@dataclass
class Checked:
    tables: dict[str, Loaded]
    problems: Problems
    reference_date: date | None = None
    header: dict[str, str] = field(default_factory=dict)
    # What was read but not used, which does not stop the import.
    warnings: list[Problem] = field(default_factory=list)
    mapping: Mapping = field(default_factory=Mapping)

    @property
    def kind(self) -> str:
        sen2 = any(name in self.tables for name in SEN2_NAMES)
        waiting = schema.REFERRALS.name in self.tables
        return "both" if sen2 and waiting else ("sen2" if sen2 else "waiting-list")

    def latest_date(self, con: duckdb.DuckDBPyConnection) -> date | None:
        parts = [
            f"SELECT max({column}) AS d FROM t_{name}"
            for name, columns in _AS_AT_COLUMNS.items()
            if name in self.tables
            for column in columns
        ]
        if not parts:
            return None
        return con.execute(f"SELECT max(d) FROM ({' UNION ALL '.join(parts)})").fetchone()[0]


def check_source(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    *,
    problems: Problems,
    progress: Step,
    mapping: Mapping | None = None,
) -> Checked:
    for problem in source.problems:
        problems.add(problem)
    con.execute(_PARSE_DATE)
    checked = Checked({}, problems, warnings=list(source.warnings), mapping=mapping or Mapping())
    if source.files or not source.problems:  # a source that could not be read says why
        _check_presence(source, problems)
    for name, file in source.files.items():
        progress(f"Reading {file.display}")
        if name == rules.HEADER:
            _read_header(con, file, checked)
            continue
        loaded = _load(con, file, checked)
        if loaded:
            checked.tables[name] = loaded
    for name, loaded in checked.tables.items():
        progress(f"Checking {loaded.file.display}")
        _check_table(con, TABLES[name], loaded, checked)
    return checked


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


def _read_csv(
    con: duckdb.DuckDBPyConnection, target: str, file: SourceFile, *, encoding: str = "utf-8"
) -> None:
    path = str(file.path).replace("'", "''")
    con.execute(f"DROP TABLE IF EXISTS rejects_{target}; DROP TABLE IF EXISTS scans_{target}")
    con.execute(
        f"""
        CREATE OR REPLACE TABLE {target} AS SELECT * FROM read_csv('{path}',
            all_varchar = true, header = true, encoding = '{encoding}', store_rejects = true,
            rejects_table = 'rejects_{target}', rejects_scan = 'scans_{target}')
        """
    )
    if (
        encoding == "utf-8"
        and con.execute(
            f"SELECT count(*) FROM rejects_{target} WHERE error_type = 'INVALID ENCODING'"
        ).fetchone()[0]
    ):
        # Many local systems export Windows-1252; Latin-1 reads every byte of it.
        _read_csv(con, target, file, encoding="latin-1")


def _load(con: duckdb.DuckDBPyConnection, file: SourceFile, checked: Checked) -> Loaded | None:
    problems = checked.problems
    table = TABLES[file.table]
    raw = f"raw_{table.name}"
    unreadable = lines.unreadable(file.path)
    if unreadable:
        problems.add(Problem(file.display, None, "", unreadable))
        return None
    try:
        _read_csv(con, raw, file)
    except duckdb.Error:
        problems.add(Problem(file.display, None, "", lines.NOT_CSV))
        return None
    given = _column_names(con, raw, file, problems, checked.mapping)
    loaded = Loaded(file, set(given) & set(_wanted(table)))
    _report_missing_columns(table, loaded, problems)
    rejected = _report_rejects(con, raw, file, problems)
    row, join = _row_sql(con, raw, file, rejected)
    selects = [f"{row} AS _row"]
    for column in _wanted(table):
        text = f"NULLIF(trim({_quote_ident(given[column])}), '')" if column in given else "NULL"
        selects.extend(_typed(table, column, text))
    selects.extend(_cell_line_columns(con, raw, file))
    # A row with every cell empty (",,,," as spreadsheets save) is skipped like a blank
    # line; the reader leaves an empty cell NULL, so this costs no trimming.
    cells = [_quote_ident(name) for name in given.values()]
    filled = f"WHERE coalesce({', '.join(cells)}) IS NOT NULL" if cells else ""
    con.execute(
        f"CREATE OR REPLACE TABLE t_{table.name} AS SELECT {', '.join(selects)} "
        f"FROM {raw} {join} {filled}"
    )
    con.execute(f"DROP TABLE {raw}; DROP TABLE IF EXISTS skips")
    if table.name == "events" and "event" in loaded.columns:
        _set_aside_unknown_events(con, loaded, checked)
    return loaded


def _set_aside_unknown_events(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, checked: Checked
) -> None:
    """Map local event names, then drop (with a warning and a count) those the engine
    does not know: a local system records more milestones than the engine reads."""
    for theirs, ours in checked.mapping.events.items():
        con.execute("UPDATE t_events SET event = ? WHERE event = ?", [ours, theirs])
    known = ", ".join(f"'{event}'" for event in rules.EVENT_NAMES)
    unknown = con.execute(
        f"SELECT event, count(*), min(_row) FROM t_events WHERE event NOT IN ({known}) "
        "GROUP BY event ORDER BY count(*) DESC, event"
    ).fetchall()
    for event, count, first in unknown:
        checked.warnings.append(
            Problem(
                loaded.file.display,
                None,
                "event",
                f"{count:,} rows with event {event!r} were not used (first on row {first});"
                " map it to an event the engine knows to use them",
            )
        )
    if unknown:
        con.execute(f"DELETE FROM t_events WHERE event NOT IN ({known})")


def _cell_line_columns(con: duckdb.DuckDBPyConnection, raw: str, file: SourceFile) -> list[str]:
    if not file.cell_lines:
        return []
    names = con.execute(f"SELECT column_name FROM (DESCRIBE {raw})").fetchall()
    return [
        f"TRY_CAST({_quote_ident(name)} AS BIGINT) AS {_quote_ident(name)}"
        for (name,) in names
        if name.endswith(rules.CELL_LINE)
    ]


def _row_sql(
    con: duckdb.DuckDBPyConnection, raw: str, file: SourceFile, rejected: list[int]
) -> tuple[str, str]:
    """The file line each row starts on (header being line 1), and the join it needs."""
    if file.numbered:
        return f"CAST({_quote_ident(SHEET_ROW)} AS BIGINT)", ""
    unshifted = f"CAST({raw}.rowid AS BIGINT) + 2"
    rows = con.execute(f"SELECT count(*) FROM {raw}").fetchone()[0]
    # Blank lines are looked for only when some line is neither header, row nor refused.
    every_line_read = lines.line_count(file.path) == 1 + rows + len(rejected)
    blank = [] if every_line_read else lines.blank_lines(file.path)
    skipped = sorted(set(blank) | set(rejected))
    if not skipped:
        return unshifted, ""
    # Lines holding no row (blank, or refused by the CSV reader) push later rows down:
    # the j-th of them (from 0) moves every row whose unshifted line is at least its
    # line minus j down by j + 1 lines in all.
    moved = {line - j: j + 1 for j, line in enumerate(skipped)}
    con.register("skip_lines", pa.table({"base": list(moved), "moved": list(moved.values())}))
    con.execute("CREATE OR REPLACE TEMP TABLE skips AS SELECT * FROM skip_lines")
    con.unregister("skip_lines")
    return (
        f"{unshifted} + coalesce(skips.moved, 0)",
        f"ASOF LEFT JOIN skips ON {unshifted} >= skips.base",
    )


def _wanted(table: schema.Table) -> list[str]:
    if table.name == "person":
        # Birth date is read only to become the month; the other personal fields never are.
        return [*table.columns, rules.BIRTHDATE]
    return list(table.columns)


def _typed(table: schema.Table, column: str, text: str) -> list[str]:
    kind = table.columns.get(column, schema.DATE)
    if kind == schema.DATE:
        return [f"{text} AS {column}__raw", f"parse_date({text}) AS {column}"]
    if kind == schema.INT:
        return [f"{text} AS {column}__raw", f"TRY_CAST({text} AS INTEGER) AS {column}"]
    if (table.name, column) in rules.CODES:
        return [f"CAST(upper({text}) AS VARCHAR) AS {column}"]
    if (table.name, column) == ("events", "event"):
        return [f"CAST(lower({text}) AS VARCHAR) AS {column}"]
    return [f"CAST({text} AS VARCHAR) AS {column}"]


def _column_names(
    con: duckdb.DuckDBPyConnection,
    raw: str,
    file: SourceFile,
    problems: Problems,
    mapping: Mapping,
) -> dict[str, str]:
    """Map each column's SEN2 name (its name normalised, or as the mapping says) to the
    name as written in the file."""
    given: dict[str, str] = {}
    for (name,) in con.execute(f"SELECT column_name FROM (DESCRIBE {raw})").fetchall():
        if name == SHEET_ROW or name.endswith(rules.CELL_LINE):
            continue
        key = mapping.column(file.table, rules.column_key(name))
        if key in given:
            problems.add(Problem(file.display, 1, key, "appears twice in the header"))
            continue
        given[key] = name
    return given


def _report_missing_columns(table: schema.Table, loaded: Loaded, problems: Problems) -> None:
    for column in _required_columns(table):
        if column not in loaded.columns:
            problems.add(Problem(loaded.file.display, 1, column, "missing required column"))


def _required_columns(table: schema.Table) -> list[str]:
    columns = [table.key] if table.key else []
    if table.parent and table.parent[0] not in columns:
        columns.append(table.parent[0])
    return columns + list(rules.REQUIRED_COLUMNS.get(table.name, ()))


def _report_rejects(
    con: duckdb.DuckDBPyConnection, raw: str, file: SourceFile, problems: Problems
) -> list[int]:
    """One problem per line the CSV reader could not split into the header's columns;
    returns the lines it skipped, lines of nothing but spaces among them unreported."""
    found = con.execute(
        "SELECT line, arg_min(error_message, column_idx), "
        f"bool_and(trim(csv_line, {_SPACE}) = '') FROM rejects_{raw} GROUP BY line ORDER BY line"
    ).fetchall()
    for line, message, blank in found:
        if not blank:
            # A workbook sheet was copied without its blank rows, so its CSV line is not the row.
            row = None if file.numbered else line
            problems.add(Problem(file.display, row, "", _cells_message(message)))
    return [] if file.numbered else [line for line, _, _ in found]


def _cells_message(message: str) -> str:
    counted = _CELLS.search(message)
    if not counted:
        return _first_line(message)
    expected, found = counted.groups()
    return f"has {found} cells where the header has {expected}"


def _read_header(con: duckdb.DuckDBPyConnection, file: SourceFile, checked: Checked) -> None:
    try:
        _read_csv(con, "raw_header", file)
    except duckdb.Error as error:
        checked.problems.add(
            Problem(file.display, None, "", f"cannot be read: {_first_line(error)}")
        )
        return
    result = con.execute("SELECT * FROM raw_header LIMIT 1")
    columns = [description[0] for description in result.description]
    first = result.fetchone()
    if first is None:
        return
    checked.header = {
        rules.column_key(name): (value or "").strip()
        for name, value in zip(columns, first, strict=True)
        if name != SHEET_ROW
    }
    text = checked.header.get("referencedate")
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
    for sql, column, message in _checks(table, loaded, checked):
        _report(con, checked.problems, loaded, sql=sql, column=column, message=message)


Message = Callable[[object], str]
Check = tuple[str, str, Message]


def _checks(table: schema.Table, loaded: Loaded, checked: Checked) -> list[Check]:
    t = f"t_{table.name}"
    has = loaded.columns
    found: list[Check] = []
    for column in _not_blank(table):
        if column in has:
            value = f"{column}__raw" if _is_typed(table, column) else column
            found.append(
                (
                    f"SELECT _row, NULL AS detail FROM {t} WHERE {value} IS NULL",
                    column,
                    lambda _: "is blank",
                )
            )
    for column, kind in _kinds(table).items():
        if column not in has or (table.name, column) in rules.CODES:
            continue
        if kind == schema.DATE:
            found.append(
                (
                    f"SELECT _row, {column}__raw AS detail FROM {t} "
                    f"WHERE {column}__raw IS NOT NULL AND {column} IS NULL",
                    column,
                    lambda raw: f"{raw!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
                )
            )
            found.append(
                (
                    f"SELECT _row, {column}__raw AS detail FROM {t} WHERE year({column}) "
                    f"NOT BETWEEN {rules.EARLIEST_YEAR} AND {rules.LATEST_YEAR}",
                    column,
                    lambda raw: f"{raw!r} is not a plausible date",
                )
            )
        elif kind == schema.INT:
            found.append(
                (
                    f"SELECT _row, {column}__raw AS detail FROM {t} "
                    f"WHERE {column}__raw IS NOT NULL AND {column} IS NULL",
                    column,
                    lambda raw: f"{raw!r} is not a whole number",
                )
            )
    found.extend(_code_checks(table, loaded))
    found.extend(_order_checks(table, loaded))
    found.extend(_cross_checks(table, loaded, checked))
    if table.key and table.key in has:
        found.append(
            (
                _duplicate_sql(t, table.key),
                table.key,
                lambda first: f"duplicate id, first given on row {first}",
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
    return sql, column, lambda raw: f"{raw!r} is not in the {parent} table"


def _not_blank(table: schema.Table) -> list[str]:
    ids = [column for column in (table.key, table.parent and table.parent[0]) if column]
    return list(dict.fromkeys([*ids, *rules.NOT_BLANK.get(table.name, ())]))


def _kinds(table: schema.Table) -> dict[str, str]:
    kinds = dict(table.columns)
    if table.name == "person":
        kinds[rules.BIRTHDATE] = schema.DATE
        kinds["birthmonth"] = schema.DATE
    return kinds


def _is_typed(table: schema.Table, column: str) -> bool:
    return _kinds(table).get(column) in (schema.DATE, schema.INT)


def _code_checks(table: schema.Table, loaded: Loaded) -> list[Check]:
    t = f"t_{table.name}"
    found: list[Check] = []
    for (name, column), codes in rules.CODES.items():
        if name != table.name or column not in loaded.columns:
            continue
        expected = ", ".join(codes)
        if table.columns[column] == schema.INT:
            allowed = ", ".join(codes)
            sql = (
                f"SELECT _row, {column}__raw AS detail FROM {t} WHERE {column}__raw IS NOT NULL "
                f"AND ({column} IS NULL OR {column} NOT IN ({allowed}))"
            )
        else:
            allowed = ", ".join(f"'{code}'" for code in codes)
            sql = f"SELECT _row, {column} AS detail FROM {t} WHERE {column} NOT IN ({allowed})"
        found.append(
            (
                sql,
                column,
                lambda raw, expected=expected: f"unknown code {raw!r} (expected one of {expected})",
            )
        )
    return found


def _order_checks(table: schema.Table, loaded: Loaded) -> list[Check]:
    t = f"t_{table.name}"
    return [
        (
            f"SELECT _row, strftime({earlier}, '%Y-%m-%d') AS detail "
            f"FROM {t} WHERE {later} < {earlier}{f' AND {only}' if only else ''}",
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
    return [(sql, column, lambda received: f"is before the request was received ({received})")]


def _duplicate_sql(t: str, key: str) -> str:
    return (
        f"SELECT _row, first AS detail FROM (SELECT _row, {key}, "
        f"min(_row) OVER (PARTITION BY {key}) AS first FROM {t} WHERE {key} IS NOT NULL) "
        f"WHERE _row > first"
    )


def _report(
    con: duckdb.DuckDBPyConnection,
    problems: Problems,
    loaded: Loaded,
    *,
    sql: str,
    column: str,
    message: Message,
) -> None:
    limit = max(problems.room, 1)
    rows = con.execute(
        f"SELECT _row, detail, count(*) OVER () FROM ({sql}) ORDER BY _row LIMIT {limit}"
    ).fetchall()
    if not rows:
        return
    field = loaded.file.labels.get(column, column)
    lines = _cell_lines(con, loaded, column, [row for row, _, _ in rows])
    found = [
        Problem(loaded.file.display, lines.get(row, row), field, message(detail))
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
    line = _quote_ident(f"{column}{rules.CELL_LINE}")
    found = con.execute(
        f"SELECT _row, min({line}) FROM t_{loaded.file.table} "
        f"WHERE _row IN (SELECT unnest(?)) AND {line} IS NOT NULL GROUP BY _row",
        [rows],
    ).fetchall()
    return dict(found)


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
