"""Open a snapshot folder as a DuckDB connection with one view per table.

Optional tables that the folder lacks become empty views of the right shape, so every
query can name every table. Identifiers are read as the snapshot stores them: UUIDs,
or their hex text in snapshots of schema version 1 and in the engine's test folders.
The manifest's as-at date is kept in ``snapshot_meta``. The tables many indicators
share (``derived.DERIVED``) are views over the files the importer stored with the
snapshot (``write_derived``), else built on opening.
"""

import json
from datetime import date
from pathlib import Path
from uuid import UUID

import duckdb

from sendboard.casework.engine import derived
from sendboard.casework.schema import (
    ALL_TABLES,
    ID,
    MANIFEST,
    MANIFEST_AS_AT,
    PARQUET_OPTIONS,
    Table,
)

# Earlier drafts of the manifest spelled the as-at date differently.
_AS_AT_KEYS = (MANIFEST_AS_AT, "as_at_date", "asat", "referencedate", "reference_date")


class SnapshotError(ValueError):
    pass


def open_snapshot(
    folder: Path | str, *, threads: int | None = None, memory_limit: str | None = None
) -> duckdb.DuckDBPyConnection:
    folder = Path(folder)
    if not folder.is_dir():
        raise SnapshotError(f"{folder} is not a snapshot folder")
    manifest = _manifest(folder)
    con = duckdb.connect(":memory:")
    # A progress bar on a slow query would land in a command's JSON or CSV output.
    con.execute("SET enable_progress_bar = false")
    # No result depends on row order, and keeping it slows building derived tables down.
    con.execute("SET preserve_insertion_order = false")
    if threads is not None:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit is not None:
        con.execute(f"SET memory_limit = {_quote(memory_limit)}")
    _table_views(con, folder)
    stored = derived.stored_in(folder, manifest)
    for name, sql in derived.DERIVED.items():  # in order: later ones read earlier ones
        if stored:
            con.execute(_parquet_view(name, folder / derived.file_of(name)))
        else:
            con.execute(f"CREATE TABLE {name} AS {sql}")
    # A literal, as binding any parameter makes DuckDB import pandas (a third of a second).
    as_at = _manifest_as_at(manifest)
    literal = _quote(as_at.isoformat()) if as_at else "NULL"
    con.execute(f"CREATE TABLE snapshot_meta AS SELECT CAST({literal} AS DATE) AS as_at")
    return con


def write_derived(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, object]:
    """Store the derived tables of the snapshot in ``folder`` beside its tables, for
    ``open_snapshot`` to read instead of building; the manifest's entry for them.

    They are made from the files as written, so they hold what opening would build.
    Views named after the snapshot's tables are left in ``con``.
    """
    _table_views(con, folder)
    (folder / derived.FOLDER).mkdir(exist_ok=True)
    rows = {}
    for name, sql in derived.DERIVED.items():
        path = folder / derived.file_of(name)
        copy = f"COPY ({sql}) TO {_quote(path)} ({PARQUET_OPTIONS})"
        rows[name] = con.execute(copy).fetchone()[0]
        con.execute(_parquet_view(name, path))  # later ones read earlier ones
    return {
        "version": derived.VERSION,
        "files": {name: derived.file_of(name) for name in derived.DERIVED},
        "row_counts": rows,
    }


def snapshot_as_at(con: duckdb.DuckDBPyConnection) -> date | None:
    """The manifest's as-at date, else the latest date the case data holds."""
    row = con.execute("SELECT as_at FROM snapshot_meta").fetchone()
    if row and row[0] is not None:
        return row[0]
    return con.execute(
        """
        SELECT max(d) FROM (
            SELECT max(receiveddate) AS d FROM requests
            UNION ALL SELECT max(requestoutcomedate) FROM requests
            UNION ALL SELECT max(assessmentoutcomedate) FROM assessment
        )
        """
    ).fetchone()[0]


def identifier_text(value: object) -> object:
    """An identifier as people see it, 32 hex digits; any other value as it is."""
    return value.hex if isinstance(value, UUID) else value


def _table_views(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    identifier = _identifier_type(con, folder)
    for table in ALL_TABLES:
        kinds = {name: identifier if kind == ID else kind for name, kind in table.columns.items()}
        con.execute(_view_sql(table, kinds, folder / f"{table.name}.parquet"))


def _identifier_type(con: duckdb.DuckDBPyConnection, folder: Path) -> str:
    """The type the snapshot stores identifiers as, read from its person table."""
    path = folder / f"{ALL_TABLES[0].name}.parquet"
    if not path.exists():
        return ID
    key = ALL_TABLES[0].key
    return con.execute(f"DESCRIBE SELECT {key} FROM read_parquet({_quote(path)})").fetchone()[1]


def _view_sql(table: Table, kinds: dict[str, str], path: Path) -> str:
    if path.exists():
        columns = ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in kinds.items())
        return f"CREATE VIEW {table.name} AS SELECT {columns} FROM read_parquet({_quote(path)})"
    if table.required:
        raise SnapshotError(f"the snapshot has no {path.name}")
    columns = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in kinds.items())
    return f"CREATE VIEW {table.name} AS SELECT {columns} WHERE false"


def _parquet_view(name: str, path: Path) -> str:
    return f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_quote(path)})"


def _quote(text: Path | str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _manifest(folder: Path) -> dict[str, object]:
    path = folder / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {}


def _manifest_as_at(manifest: dict[str, object]) -> date | None:
    for key in _AS_AT_KEYS:
        if manifest.get(key):
            return date.fromisoformat(str(manifest[key])[:10])
    return None
