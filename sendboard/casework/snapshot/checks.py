"""Load each module table into DuckDB and collect every problem in it.

Each table becomes ``t_<name>`` with a ``_row`` column (the row the user sees, header
being row 1), every schema column typed, and for each date or number column its text
as given in ``<column>__raw``, so a check can name the value it could not read. All
checks are set-based SQL, so a million rows cost seconds, not minutes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import duckdb

from sendboard.casework import schema
from sendboard.casework.snapshot import rules
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
    rejected_lines: list[int] = field(default_factory=list)

    def line(self, row: int) -> int:
        """Move a row number past any lines the CSV reader had to skip."""
        for rejected in self.rejected_lines:
            if rejected <= row:
                row += 1
        return row


@dataclass
class Checked:
    tables: dict[str, Loaded]
    problems: Problems
    reference_date: date | None = None
    header: dict[str, str] = field(default_factory=dict)

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
    con: duckdb.DuckDBPyConnection, source: Source, *, problems: Problems, progress: Step
) -> Checked:
    for problem in source.problems:
        problems.add(problem)
    con.execute(_PARSE_DATE)
    checked = Checked({}, problems)
    _check_presence(source, problems)
    for name, file in source.files.items():
        progress(f"Reading {file.display}")
        if name == rules.HEADER:
            _read_header(con, file, checked)
            continue
        loaded = _load(con, file, problems)
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


def _load(con: duckdb.DuckDBPyConnection, file: SourceFile, problems: Problems) -> Loaded | None:
    table = TABLES[file.table]
    raw = f"raw_{table.name}"
    try:
        _read_csv(con, raw, file)
    except duckdb.Error as error:
        problems.add(
            Problem(file.display, None, "", f"cannot be read as CSV: {_first_line(error)}")
        )
        return None
    given = _column_names(con, raw, file, problems)
    loaded = Loaded(file, set(given) & set(_wanted(table)))
    _report_missing_columns(table, loaded, problems)
    loaded.rejected_lines = _report_rejects(con, raw, file, problems)
    row = (
        f"CAST({_quote_ident(SHEET_ROW)} AS BIGINT)"
        if file.numbered
        else "CAST(rowid AS BIGINT) + 2"
    )
    selects = [f"{row} AS _row"]
    for column in _wanted(table):
        text = f"NULLIF(trim({_quote_ident(given[column])}), '')" if column in given else "NULL"
        selects.extend(_typed(table, column, text))
    con.execute(f"CREATE OR REPLACE TABLE t_{table.name} AS SELECT {', '.join(selects)} FROM {raw}")
    con.execute(f"DROP TABLE {raw}")
    return loaded


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
    con: duckdb.DuckDBPyConnection, raw: str, file: SourceFile, problems: Problems
) -> dict[str, str]:
    """Map each lower-case column name to the name as written in the file."""
    given: dict[str, str] = {}
    for (name,) in con.execute(f"SELECT column_name FROM (DESCRIBE {raw})").fetchall():
        if name == SHEET_ROW:
            continue
        key = name.strip().lstrip("\ufeff").lower()
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
    """One problem per line the CSV reader could not split into the header's columns."""
    lines = con.execute(
        f"SELECT line, arg_min(error_message, column_idx) FROM rejects_{raw} "
        "GROUP BY line ORDER BY line"
    ).fetchall()
    for line, message in lines:
        # A workbook sheet was copied without its blank rows, so its CSV line is not the row.
        row = None if file.numbered else line
        problems.add(Problem(file.display, row, "", _first_line(message)))
    return [] if file.numbered else [line for line, _ in lines]


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
        name.strip().lower(): (value or "").strip()
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
    if table.name == "events" and "event" in loaded.columns:
        allowed = ", ".join(f"'{event}'" for event in rules.EVENT_NAMES)
        found.append(
            (
                f"SELECT _row, event AS detail FROM {t} WHERE event NOT IN ({allowed})",
                "event",
                lambda raw: (
                    f"unknown event {raw!r} (expected one of {', '.join(rules.EVENT_NAMES)})"
                ),
            )
        )
    return found


def _order_checks(table: schema.Table, loaded: Loaded) -> list[Check]:
    t = f"t_{table.name}"
    return [
        (
            f"SELECT _row, strftime({earlier}, '%Y-%m-%d') AS detail "
            f"FROM {t} WHERE {later} < {earlier}",
            later,
            lambda first, earlier=earlier: f"is before {earlier} ({first})",
        )
        for name, later, earlier in rules.DATE_ORDER
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
    found = [
        Problem(loaded.file.display, loaded.line(row), column, message(detail))
        for row, detail, _ in rows
    ]
    problems.add_counted(found, count=rows[0][2])


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
