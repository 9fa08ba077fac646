"""Read each module's file into DuckDB, typed, in one pass over the file.

Each table's cells are stored as ``d_<name>`` and read through the view ``t_<name>``,
which adds ``_row`` (the line the row starts on, header being line 1) and leaves out
rows with every cell empty. Every schema column is typed; beside each date or number
column, ``<column>__raw`` gives the text as given wherever the checks will quote it
(a value that is not a date or number, an implausible year, an unknown code) and is
empty elsewhere.

A file is read once, straight into its table, its rows numbered by their order, and
the texts of its cells are not kept, which keeps a million-request export in memory.
Only a file with a line that is no row (blank, with the wrong number of cells, or not
UTF-8) is read again keeping the refused lines, so each can be named; and only a file
with a cell the checks will quote (or an event the engine does not know) is read again
keeping the texts of such cells.
"""

import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from sendboard.casework import schema
from sendboard.casework.snapshot import lines, rules
from sendboard.casework.snapshot.mapping import Mapping
from sendboard.casework.snapshot.problems import Problem, Problems
from sendboard.casework.snapshot.sources import SHEET_ROW, SourceFile

TABLES = {table.name: table for table in schema.ALL_TABLES}

# Dates as local systems write them: ISO, UK day-first, either with a time, or with
# the month's name as Excel often writes them (15-Jan-2026, 15 Jan 2026). Each form is
# tried only on the cells the forms before it could not read.
# A cell's text: surrounding spaces dropped, and empty read as missing; trimming only
# the cells that need it, as trimming every cell of a large file costs seconds.
MACROS = """
CREATE OR REPLACE MACRO parse_date(s) AS COALESCE(
    TRY_CAST(s AS DATE),
    CAST(TRY_STRPTIME(s, '%d/%m/%Y') AS DATE),
    CAST(TRY_CAST(s AS TIMESTAMP) AS DATE),
    CAST(TRY_STRPTIME(s, '%d/%m/%Y %H:%M:%S') AS DATE),
    CAST(TRY_STRPTIME(s, '%d/%m/%Y %H:%M') AS DATE),
    CAST(TRY_STRPTIME(s, '%d-%m-%Y') AS DATE),
    CAST(TRY_STRPTIME(s, ['%d-%b-%Y', '%d %b %Y', '%d %B %Y']) AS DATE)
);
CREATE OR REPLACE MACRO cell(s) AS
    NULLIF(CASE WHEN s LIKE ' %' OR s LIKE '% ' THEN trim(s) ELSE s END, '');
"""
# Space, tab, carriage return and line feed, as SQL: what a blank line may hold.
_SPACE = "' ' || chr(9) || chr(13) || chr(10)"
# The CSV reader's words for a line with the wrong number of cells.
_CELLS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
# The CSV reader's name for a column whose heading is empty.
_UNNAMED = re.compile(r"column\d+")
# Columns of d_<name>: whether the row has any cell filled in, and (when the texts of
# its cells were not kept) whether it has a cell whose text a check would quote.
_FILLED = "_filled"
_QUOTED = "_quoted"
# Events are stored as one of the engine's names, in a byte; another name beside it.
_EVENTS = f"ENUM({', '.join(repr(event) for event in rules.EVENT_NAMES)})"
_OTHER = "event__other"
# The prefix of a table's view with every row, when ``t_<name>`` leaves some out.
_ALL = "all_"


@dataclass
class Loaded:
    file: SourceFile
    columns: set[str]  # schema columns the file has


def load_table(
    con: duckdb.DuckDBPyConnection,
    file: SourceFile,
    *,
    problems: Problems,
    warnings: list[Problem],
    mapping: Mapping,
) -> Loaded | None:
    """Read `file` as table ``t_<name>``; None (with the problem) when it cannot be read."""
    table = TABLES[file.table]
    unreadable = lines.unreadable(file.path)
    if unreadable:
        problems.add(Problem(file.display, None, "", unreadable))
        return None
    read = _read(con, file, table, mapping)
    if read.given is None:
        problems.add(Problem(file.display, None, "", lines.NOT_CSV))
        return None
    given, lenient = read.given, read.lenient
    for column in read.twice:
        problems.add(Problem(file.display, 1, column, "appears twice in the header"))
    loaded = Loaded(file, set(given) & set(_wanted(table)))
    for name in _unused(table, given):
        warnings.append(
            Problem(
                file.display,
                1,
                name,
                f"is not a column the import reads in the {table.name} table, so it was not"
                " used; if it holds a SEN2 item, map it to the item's name to use it",
            )
        )
    for column in _required_columns(table):
        if column not in loaded.columns:
            problems.add(Problem(file.display, 1, column, "missing required column"))
    rejected = _report_rejects(con, "raw", file, problems) if lenient else []
    if lenient:
        con.execute("DROP TABLE raw")
    _create_view(con, table, file, rejected=rejected, read=read)
    # Read without texts, every event named is one the engine knows.
    if table.name == "events" and "event" in loaded.columns and read.texts:
        _set_aside_unknown_events(con, loaded, warnings)
    return loaded


@dataclass(frozen=True)
class _Read:
    given: dict[str, str] | None  # None when the file cannot be read as CSV
    twice: list[str]  # columns given twice
    lenient: bool  # read keeping refused lines, numbered by the reader's own row ids
    texts: bool  # the text of each quoted cell is kept


def _read(
    con: duckdb.DuckDBPyConnection, file: SourceFile, table: schema.Table, mapping: Mapping
) -> _Read:
    """Make ``d_<name>``: strictly, without the texts of its cells, unless a line is no
    row (then leniently) or a cell does not read as its type (then keeping texts)."""
    target = f"d_{table.name}"
    # The lines are counted while DuckDB reads the file, as it lets go of the GIL.
    with ThreadPoolExecutor(max_workers=1) as pool:
        counted = pool.submit(lines.line_count, file.path)
        try:
            names, source = _sniffed(con, file)
            given, twice = _column_names(names, file, mapping)
            for texts in (False, True):
                sql = _typed_sql(table, file, given, mapping, source=source, texts=texts)
                con.execute(f"CREATE OR REPLACE TABLE {target} AS {sql}")
                quoted = f"count(*) FILTER (WHERE {_QUOTED})" if not texts else "0"
                rows, cells = con.execute(f"SELECT count(*), {quoted} FROM {target}").fetchone()
                # Every line but the header a row: nothing was skipped, blank or refused.
                if counted.result() != 1 + rows:
                    break
                if not cells:
                    return _Read(given, twice, lenient=False, texts=texts)
        except duckdb.Error:
            pass
    # Read again keeping the lines the reader refuses, to name each of them.
    con.execute(f"DROP TABLE IF EXISTS {target}")
    try:
        _read_with_rejects(con, "raw", file)
    except duckdb.Error:
        return _Read(None, [], lenient=True, texts=True)
    given, twice = _column_names(_header_names(con, "SELECT * FROM raw"), file, mapping)
    con.execute(
        f"CREATE OR REPLACE TABLE {target} AS "
        f"{_typed_sql(table, file, given, mapping, source='raw', row=True)}"
    )
    return _Read(given, twice, lenient=True, texts=True)


def keep_only(con: duckdb.DuckDBPyConnection, name: str, columns: list[str]) -> None:
    """Let go of a table's rows, keeping as ``t_<name>`` only `columns` (with none,
    no ``t_<name>`` at all)."""
    if columns:
        con.execute(f"CREATE TABLE k_{name} AS SELECT {', '.join(columns)} FROM t_{name}")
    con.execute(
        f"DROP VIEW IF EXISTS t_{name}; DROP VIEW IF EXISTS {_ALL}{name};"
        f" DROP TABLE IF EXISTS d_{name}; DROP TABLE IF EXISTS skips_{name}"
    )
    if columns:
        con.execute(f"CREATE VIEW t_{name} AS SELECT * FROM k_{name}")
    else:
        con.execute(f"DROP TABLE IF EXISTS k_{name}")


def read_header(con: duckdb.DuckDBPyConnection, file: SourceFile) -> dict[str, str]:
    """The header module's first row by item name ({} when it has none); raises
    duckdb.Error when it cannot be read."""
    _read_with_rejects(con, "raw_header", file)
    result = con.execute("SELECT * FROM raw_header LIMIT 1")
    columns = [description[0] for description in result.description]
    first = result.fetchone()
    con.execute("DROP TABLE raw_header")
    if first is None:
        return {}
    return {
        rules.column_key(name): (value or "").strip()
        for name, value in zip(columns, first, strict=True)
        if name != SHEET_ROW
    }


def kinds(table: schema.Table) -> dict[str, str]:
    """Each column's type, the birth date read from person included."""
    found = dict(table.columns)
    if table.name == "person":
        found[rules.BIRTHDATE] = schema.DATE
        found["birthmonth"] = schema.DATE
    return found


def is_typed(table: schema.Table, column: str) -> bool:
    return kinds(table).get(column) in (schema.DATE, schema.INT)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _sniffed(con: duckdb.DuckDBPyConnection, file: SourceFile) -> tuple[list[str], str]:
    """The file's column names and its CSV reader, with the dialect the reader guesses
    written out, so the file is sniffed once however often it is read."""
    path = _literal(str(file.path))
    found = con.execute(
        "SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, Columns"
        f" FROM sniff_csv({path}, all_varchar = true, header = true, encoding = 'utf-8',"
        " ignore_errors = true)"
    ).fetchone()
    delimiter, quote, escape, new_line, comment, skip, columns = found
    names = [column["name"] for column in columns]
    typed = ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in names)
    dialect = ", ".join(
        f"{option} = {_literal(_sniffed_text(value))}"
        for option, value in (
            ("delim", delimiter),
            ("quote", quote),
            ("escape", escape),
            ("new_line", new_line),
            ("comment", comment),
        )
    )
    return names, (
        f"read_csv({path}, auto_detect = false, {dialect}, skip = {int(skip)}, header = true,"
        f" columns = {{{typed}}}, encoding = 'utf-8', ignore_errors = true)"
    )


def _sniffed_text(value: str) -> str:
    """A dialect setting as the sniffer reports it, as the reader takes it."""
    return "" if value == "(empty)" else value


def _read_with_rejects(
    con: duckdb.DuckDBPyConnection, target: str, file: SourceFile, *, encoding: str = "utf-8"
) -> None:
    """Read `file` as table `target`, keeping each line the reader refuses in
    ``rejects_<target>``."""
    con.execute(f"DROP TABLE IF EXISTS rejects_{target}; DROP TABLE IF EXISTS scans_{target}")
    con.execute(
        f"CREATE OR REPLACE TABLE {target} AS "
        f"SELECT * FROM read_csv({_literal(str(file.path))}, all_varchar = true, header = true,"
        f" encoding = '{encoding}', store_rejects = true, rejects_table = 'rejects_{target}',"
        f" rejects_scan = 'scans_{target}')"
    )
    if (
        encoding == "utf-8"
        and con.execute(
            f"SELECT count(*) FROM rejects_{target} WHERE error_type = 'INVALID ENCODING'"
        ).fetchone()[0]
    ):
        # Many local systems export Windows-1252; Latin-1 reads every byte of it.
        _read_with_rejects(con, target, file, encoding="latin-1")


def _header_names(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    return [name for (name, *_) in con.execute(f"DESCRIBE {relation}").fetchall()]


def _column_names(
    names: Iterable[str], file: SourceFile, mapping: Mapping
) -> tuple[dict[str, str], list[str]]:
    """Each column's SEN2 name (its name normalised, or as the mapping says) to the
    name as written in the file; and the SEN2 names given twice."""
    given: dict[str, str] = {}
    twice: list[str] = []
    for name in names:
        if name == SHEET_ROW or name.endswith(rules.CELL_LINE):
            continue
        key = mapping.column(file.table, rules.column_key(name))
        if key in given:
            twice.append(key)
            continue
        given[key] = name
    return given, twice


def _unused(table: schema.Table, given: dict[str, str]) -> list[str]:
    """The columns given (as written) that are neither read nor known and passed over;
    a column without a heading, which the CSV reader names ``column<position>``, is
    not one of them."""
    wanted = set(_wanted(table))
    return [
        name
        for key, name in given.items()
        if key not in wanted
        and not rules.passed_over(table.name, key)
        and not _UNNAMED.fullmatch(name)
    ]


def _typed_sql(
    table: schema.Table,
    file: SourceFile,
    given: dict[str, str],
    mapping: Mapping,
    *,
    source: str,
    row: bool = False,
    texts: bool = True,
) -> str:
    """The query giving d_<name> from `source`: in three steps, each cell's text, its
    typed value, and the text kept only where a check will quote it; or, without
    `texts`, only whether the row has such a cell (``_quoted``)."""
    cells = [quote_ident(name) for name in given.values()]
    filled = f"coalesce({', '.join(cells)}) IS NOT NULL" if cells else "false"
    first = [f"{filled} AS {_FILLED}"]
    first += [
        f"cell({quote_ident(given[column])}) AS {column}"
        for column in _wanted(table)
        if column in given
    ]
    first += _cell_line_columns(file)
    if file.numbered:
        first.append(f"CAST({quote_ident(SHEET_ROW)} AS BIGINT) AS _row")
    elif row:
        first.append("CAST(rowid AS BIGINT) AS _rowid")
    typed, kept, quoted = [], [], []
    for column in _wanted(table):
        value = _typed(table, column, mapping) if column in given else _missing(table, column)
        typed.append(f"{value} AS {column}")
        if (table.name, column) == ("events", "event") and column in given:
            known = f"TRY_CAST({_event(mapping)} AS {_EVENTS})"
            if texts:
                typed.append(f"CASE WHEN {known} IS NULL THEN {_event(mapping)} END AS {_OTHER}")
            else:
                # Kept for every row, the other names would double the table's size; a
                # row with one only marks the file to be read again keeping them.
                typed.append(f"({known} IS NULL AND event IS NOT NULL) AS {_OTHER}")
                quoted.append(_OTHER)
        if is_typed(table, column):
            typed.append(f"{column if column in given else 'NULL'} AS {column}__text")
            when = _quoted_when(table, column)
            kept.append(f"CASE WHEN {when} THEN {column}__text END AS {column}__raw")
            quoted.append(f"({column}__text IS NOT NULL AND ({when}))")
    if not texts:
        kept = [f"{' OR '.join(quoted) or 'false'} AS {_QUOTED}"]
    passed = [_FILLED, *_passed_columns(file, row=row)]
    dropped = [f"{column}__text" for column in _typed_columns(table)]
    if not texts and _OTHER in quoted:
        dropped.append(_OTHER)
    excluded = f" EXCLUDE ({', '.join(dropped)})" if dropped else ""
    return (
        f"SELECT *{excluded}{''.join(f', {column}' for column in kept)} "
        f"FROM (SELECT {', '.join([*passed, *typed])} FROM (SELECT {', '.join(first)} "
        f"FROM {source}))"
    )


def _typed_columns(table: schema.Table) -> list[str]:
    return [column for column in _wanted(table) if is_typed(table, column)]


def _passed_columns(file: SourceFile, *, row: bool) -> list[str]:
    passed = ["_row"] if file.numbered else (["_rowid"] if row else [])
    if file.cell_lines:
        passed.append(f"COLUMNS('.*{re.escape(rules.CELL_LINE)}$')")
    return passed


def _cell_line_columns(file: SourceFile) -> list[str]:
    """For an XML return, the line of each cell's element, beside its column."""
    if not file.cell_lines:
        return []
    return [f"TRY_CAST(COLUMNS('.*{re.escape(rules.CELL_LINE)}$') AS BIGINT)"]


def _typed(table: schema.Table, column: str, mapping: Mapping) -> str:
    kind = kinds(table).get(column, schema.DATE)
    if kind == schema.DATE:
        return f"parse_date({column})"
    if kind == schema.INT:
        return f"TRY_CAST({column} AS INTEGER)"
    if (table.name, column) in rules.CODES:
        return f"CAST(upper({column}) AS VARCHAR)"
    if (table.name, column) == ("events", "event"):
        return f"TRY_CAST({_event(mapping)} AS {_EVENTS})"
    return f"CAST({column} AS VARCHAR)"


def _event(mapping: Mapping) -> str:
    """An event's name as the engine knows it: lower case, local names mapped, one
    mapping line after another."""
    value = "CAST(lower(event) AS VARCHAR)"
    for theirs, ours in mapping.events.items():
        value = f"CASE WHEN {value} = {_literal(theirs)} THEN {_literal(ours)} ELSE {value} END"
    return value


def _missing(table: schema.Table, column: str) -> str:
    kind = kinds(table).get(column, schema.DATE)
    return f"CAST(NULL AS {kind if kind in (schema.DATE, schema.INT) else schema.TEXT})"


def _quoted_when(table: schema.Table, column: str) -> str:
    """Where a check quotes the text of a date or number column as given."""
    if kinds(table)[column] == schema.DATE:
        return (
            f"{column} IS NULL OR year({column}) "
            f"NOT BETWEEN {rules.EARLIEST_YEAR} AND {rules.LATEST_YEAR}"
        )
    codes = rules.CODES.get((table.name, column))
    if codes:
        return f"{column} IS NULL OR {column} NOT IN ({', '.join(codes)})"
    return f"{column} IS NULL"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create_view(
    con: duckdb.DuckDBPyConnection,
    table: schema.Table,
    file: SourceFile,
    *,
    rejected: list[int],
    read: _Read,
) -> None:
    """``t_<name>``: the rows with any cell filled, numbered by the line they start on."""
    name = table.name
    data = f"d_{name}"
    dropped, join = [_FILLED], ""
    if file.numbered:
        row = "_row"
        dropped.append("_row")
    elif read.lenient:
        row, join = _row_sql(con, f"{data}._rowid", name, file, rejected)
        dropped.append("_rowid")
    else:
        # The strict reader read every line after the header as a row, in order.
        row = f"CAST({data}.rowid AS BIGINT) + 2"
    # Without the texts no cell is quoted: each text would have been left empty.
    texts = (
        ""
        if read.texts
        else "".join(f", CAST(NULL AS VARCHAR) AS {c}__raw" for c in _typed_columns(table))
    )
    if not read.texts:
        dropped.append(_QUOTED)
    if name == "events" and "event" in read.given and read.texts:
        # An event the engine does not know is named beside those it does, to be counted.
        dropped += ["event", _OTHER]
        texts += f", coalesce(CAST({data}.event AS VARCHAR), {data}.{_OTHER}) AS event"
    con.execute(
        f"CREATE OR REPLACE VIEW t_{name} AS SELECT {row} AS _row, "
        f"{data}.* EXCLUDE ({', '.join(dropped)}){texts} FROM {data} {join} WHERE {_FILLED}"
    )


def _row_sql(
    con: duckdb.DuckDBPyConnection, rowid: str, name: str, file: SourceFile, rejected: list[int]
) -> tuple[str, str]:
    """The file line each row starts on (header being line 1), and the join it needs,
    from the row's number among those the lenient reader read."""
    unshifted = f"(CAST({rowid} AS BIGINT) + 2)"
    rows = con.execute(f"SELECT count(*) FROM d_{name}").fetchone()[0]
    # Lines starting no row are looked for only when some line is neither header, row
    # nor refused.
    every_line_read = lines.line_count(file.path) == 1 + rows + len(rejected)
    blank = [] if every_line_read else lines.rowless_lines(file.path)
    skipped = sorted(set(blank) | set(rejected))
    if not skipped:
        return unshifted, ""
    # Lines starting no row (blank, inside a quoted cell, or refused by the CSV reader)
    # push later rows down: the j-th of them (from 0) moves every row whose unshifted
    # line is at least its line minus j down by j + 1 lines in all.
    moved = {line - j: j + 1 for j, line in enumerate(skipped)}
    skips = f"skips_{name}"
    con.register("skip_lines", pa.table({"base": list(moved), "moved": list(moved.values())}))
    con.execute(f"CREATE OR REPLACE TABLE {skips} AS SELECT * FROM skip_lines")
    con.unregister("skip_lines")
    return (
        f"{unshifted} + coalesce({skips}.moved, 0)",
        f"ASOF LEFT JOIN {skips} ON {unshifted} >= {skips}.base",
    )


def _set_aside_unknown_events(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, warnings: list[Problem]
) -> None:
    """Leave out (with a warning and a count) the events the engine does not know: a
    local system records more milestones than the engine reads."""
    known = ", ".join(_literal(event) for event in rules.EVENT_NAMES)
    unknown = con.execute(
        f"SELECT event, count(*), min(_row) FROM t_events WHERE event NOT IN ({known}) "
        "GROUP BY event ORDER BY count(*) DESC, event"
    ).fetchall()
    for event, count, first in unknown:
        warnings.append(
            Problem(
                loaded.file.display,
                None,
                "event",
                f"{count:,} rows with event {event!r} were not used (first on row {first});"
                " map it to an event the engine knows to use them",
            )
        )
    if unknown:
        con.execute(f"ALTER VIEW t_events RENAME TO {_ALL}events")
        con.execute(
            f"CREATE VIEW t_events AS SELECT * FROM {_ALL}events "
            f"WHERE event IS NULL OR event IN ({known})"
        )


def _wanted(table: schema.Table) -> list[str]:
    if table.name == "person":
        # Birth date is read only to become the month; the other personal fields never are.
        return [*table.columns, rules.BIRTHDATE]
    return list(table.columns)


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
        return first_line(message)
    expected, found = counted.groups()
    return f"has {found} cells where the header has {expected}"
