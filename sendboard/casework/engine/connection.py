"""Open a snapshot folder as a DuckDB connection with one view per table.

Optional tables that the folder lacks become empty views of the right shape, so every
query can name every table. The manifest's as-at date is kept in ``snapshot_meta``.

The joins that many indicators share are made once, as tables, when the snapshot is
opened (``DERIVED``): each indicator then reads one table instead of repeating the
join, which keeps a full set for a million requests well inside two seconds.
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
    # A progress bar on a slow query would land in a command's JSON or CSV output.
    con.execute("SET enable_progress_bar = false")
    # No result depends on row order, and keeping it slows the derived tables down.
    con.execute("SET preserve_insertion_order = false")
    if threads is not None:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit is not None:
        con.execute("SET memory_limit = ?", [memory_limit])
    for table in ALL_TABLES:
        con.execute(_view_sql(table, folder / f"{table.name}.parquet"))
    for name, sql in DERIVED.items():  # in order: later ones read earlier ones
        con.execute(f"CREATE TABLE {name} AS {sql}")
    as_at = _manifest_as_at(folder)
    con.execute("CREATE TABLE snapshot_meta (as_at DATE)")
    con.execute("INSERT INTO snapshot_meta VALUES (?)", [as_at])
    return con


# Independent of any period or as-at date, so they hold for every computation.
DERIVED: dict[str, str] = {
    # One row per assessment with its named plan's dates and its request's received
    # date; H and S plans are dated by the plan's start when they carry no outcome date.
    "assessment_x": """
        SELECT a.assessmenttableid, a.requeststableid, a.assessmentoutcome,
            a.assessmentoutcomedate, a.week20, p.startdate, p.ceasedate, r.receiveddate,
            CASE WHEN a.assessmentoutcome = 'Y' THEN a.assessmentoutcomedate
                 ELSE coalesce(a.assessmentoutcomedate, p.startdate) END AS issued
        FROM assessment AS a
        LEFT JOIN (
            SELECT assessmenttableid, min(startdate) AS startdate, max(ceasedate) AS ceasedate
            FROM namedplan GROUP BY assessmenttableid
        ) AS p USING (assessmenttableid)
        LEFT JOIN (SELECT requeststableid, receiveddate FROM requests) AS r
            USING (requeststableid)
    """,
    # One row per request that has assessments: what they say about its plan.
    "request_plans": """
        SELECT requeststableid,
            min(assessmentoutcomedate) FILTER (WHERE assessmentoutcome IN ('Y', 'N'))
                AS decided,
            bool_or(assessmentoutcome IN ('W', 'H', 'S')) AS closed_undated,
            bool_or(assessmentoutcome = 'Y' AND assessmentoutcomedate IS NULL) AS undated_y,
            min(assessmentoutcomedate) FILTER (WHERE assessmentoutcome IN ('Y', 'S'))
                AS issued,
            min(startdate) AS startdate,
            max(ceasedate) AS ceasedate
        FROM assessment_x GROUP BY requeststableid
    """,
    # Requests decided Y (to assess), with whether their assessment is still open.
    "request_status": """
        SELECT r.requeststableid, r.receiveddate, r.requestoutcomedate, p.decided,
            coalesce(p.closed_undated, false) AS closed_undated,
            coalesce(p.undated_y, false) AS undated_y
        FROM requests AS r LEFT JOIN request_plans AS p USING (requeststableid)
        WHERE r.requestoutcome = 'Y'
    """,
    # Active plans rows with their plan's issue (Y or S), start and cease dates: only
    # the columns the caseload and review indicators read, as copying the others into
    # the table is wasted work.
    "active_base": """
        SELECT ap.activeplanstableid, ap.requeststableid, ap.lastreview, p.issued,
            p.startdate, p.ceasedate
        FROM activeplans AS ap LEFT JOIN request_plans AS p USING (requeststableid)
    """,
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
