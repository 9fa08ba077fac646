"""Open a snapshot folder as a DuckDB connection with one view per table.

Optional tables that the folder lacks become empty views of the right shape, so every
query can name every table. The manifest's as-at date is kept in ``snapshot_meta``.
"""

import json
from datetime import date
from pathlib import Path

import duckdb

from sendboard.casework.schema import ALL_TABLES, MANIFEST, MANIFEST_AS_AT, Table

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
    con = duckdb.connect(":memory:")
    if threads is not None:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit is not None:
        con.execute("SET memory_limit = ?", [memory_limit])
    for table in ALL_TABLES:
        con.execute(_view_sql(table, folder / f"{table.name}.parquet"))
    as_at = _manifest_as_at(folder)
    con.execute("CREATE TABLE snapshot_meta (as_at DATE)")
    con.execute("INSERT INTO snapshot_meta VALUES (?)", [as_at])
    return con


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


def _view_sql(table: Table, path: Path) -> str:
    if path.exists():
        columns = ", ".join(
            f"CAST({name} AS {kind}) AS {name}" for name, kind in table.columns.items()
        )
        return f"CREATE VIEW {table.name} AS SELECT {columns} FROM read_parquet({_quote(path)})"
    if table.required:
        raise SnapshotError(f"the snapshot has no {path.name}")
    columns = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in table.columns.items())
    return f"CREATE VIEW {table.name} AS SELECT {columns} WHERE false"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _manifest_as_at(folder: Path) -> date | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    manifest = json.loads(path.read_text())
    for key in _AS_AT_KEYS:
        if manifest.get(key):
            return date.fromisoformat(str(manifest[key])[:10])
    return None
