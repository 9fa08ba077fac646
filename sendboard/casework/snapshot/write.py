"""Write a checked source as Parquet plus manifest, all or nothing.

Beside the tables go the engine's derived tables, made from the tables as written,
so opening the snapshot need not build them.

Files go into a hidden folder beside the final one and the folder is renamed into
place at the end; a reader therefore sees a whole snapshot or none.
"""

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from sendboard.casework import schema
from sendboard.casework.engine import derived, write_derived
from sendboard.casework.snapshot import rules
from sendboard.casework.snapshot.checks import Checked, Step
from sendboard.casework.snapshot.pseudonym import pseudonyms

# The table whose key each identifier is (teams is keyed by request but does not own it).
_OWNERS = {
    table.key: table.name
    for table in schema.ALL_TABLES
    if table.key and not (table.parent and table.parent[0] == table.key)
}


# Identifiers pseudonymised at a time.
_BATCH = 1 << 18


@dataclass(frozen=True)
class Written:
    folder: Path
    row_counts: dict[str, int]


def write_snapshot(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    *,
    key: str,
    folder: Path,
    manifest: dict[str, object],
    progress: Step,
) -> Written:
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    incoming = folder.with_name(f".incoming-{folder.name}")
    incoming.mkdir(parents=True)
    try:
        # Row order mattered only for naming rows in problems; writing may go in parallel.
        con.execute("SET preserve_insertion_order = false")
        progress("Pseudonymising identifiers")
        _build_maps(con, checked, key=key)
        counts, sums = {}, {}
        for table in schema.ALL_TABLES:
            progress(f"Writing {table.name}")
            path = incoming / f"{table.name}.parquet"
            counts[table.name] = _write_table(con, table, checked, path)
            if table.name in checked.tables:
                # Written, its rows need no more memory, so later tables spill less.
                con.execute(f"DROP TABLE d_{table.name}")
            sums[table.name] = _sha256(path)
        progress("Writing the derived tables")
        stored = write_derived(con, incoming)
        stored["checksums"] = {
            name: _sha256(incoming / derived.file_of(name)) for name in derived.DERIVED
        }
        progress("Writing the manifest")
        body = {
            **manifest,
            "row_counts": counts,
            "checksums": sums,
            "files": {table.name: f"{table.name}.parquet" for table in schema.ALL_TABLES},
            derived.MANIFEST_KEY: stored,
        }
        (incoming / schema.MANIFEST).write_text(json.dumps(body, indent=2, default=_json_default))
        os.rename(incoming, folder)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return Written(folder, counts)


def manifest_checksum(folder: Path) -> str:
    return _sha256(folder / schema.MANIFEST)


def _build_maps(con: duckdb.DuckDBPyConnection, checked: Checked, *, key: str) -> None:
    """One pseudonym per distinct identifier, so each is computed once however often used.

    Orphans were refused, so the table an identifier belongs to holds every value used
    anywhere; only without that table are the other tables searched. Identifiers are
    read in batches, so a million of them never sit in Python's memory at once.
    """
    for column in rules.ID_COLUMNS:
        owner = _OWNERS.get(column)
        names = (
            [owner]
            if owner in checked.tables
            else [name for name, loaded in checked.tables.items() if column in loaded.columns]
        )
        body = " UNION ".join(f"SELECT {column} AS raw FROM t_{name}" for name in names)
        con.execute(f"CREATE OR REPLACE TABLE map_{column} (raw VARCHAR, p VARCHAR)")
        reader = con.cursor()
        # The owner's identifiers are unique (duplicates were refused); others may repeat.
        distinct = "" if owner in checked.tables else "DISTINCT "
        batches = reader.execute(
            f"SELECT {distinct}raw FROM ({body or 'SELECT CAST(NULL AS VARCHAR) AS raw'}) "
            "WHERE raw IS NOT NULL"
        ).to_arrow_reader(_BATCH)
        for batch in batches:
            raw = batch.column(0)
            found = pa.table({"raw": raw, "p": pseudonyms(raw, key=key, column=column)})
            con.register("found", found)
            con.execute(f"INSERT INTO map_{column} SELECT * FROM found")
            con.unregister("found")
        reader.close()


def _write_table(
    con: duckdb.DuckDBPyConnection, table: schema.Table, checked: Checked, path: Path
) -> int:
    loaded = checked.tables.get(table.name)
    if loaded is None:
        selects = ", ".join(
            f"CAST(NULL AS {kind}) AS {name}" for name, kind in table.columns.items()
        )
        query = f"SELECT {selects} WHERE false"
    else:
        selects, joins = [], []
        for name, kind in table.columns.items():
            if name in rules.ID_COLUMNS:
                joins.append(f"LEFT JOIN map_{name} ON map_{name}.raw = t.{name}")
                selects.append(f"map_{name}.p AS {name}")
            elif table.name == "person" and name == "birthmonth":
                month = f"COALESCE(t.{rules.BIRTHDATE}, t.birthmonth)"
                selects.append(f"CAST(date_trunc('month', {month}) AS DATE) AS birthmonth")
            else:
                selects.append(f"CAST(t.{name} AS {kind}) AS {name}")
        query = f"SELECT {', '.join(selects)} FROM t_{table.name} t {' '.join(joins)}"
    target = str(path).replace("'", "''")
    return con.execute(f"COPY ({query}) TO '{target}' ({schema.PARQUET_OPTIONS})").fetchone()[0]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to the manifest")
