"""Write a checked source as Parquet plus manifest, all or nothing.

Each table is written as soon as it is checked (``SnapshotWriter.checked``), while its
rows are at hand, unless a problem has been found by then; the rest once every table
is checked (``SnapshotWriter.finish``): the tables the source lacks, the engine's
derived tables, made from the tables as written so opening the snapshot need not
build them, and the manifest.

Files go into a hidden folder beside the final one and the folder is renamed into
place at the end; a reader therefore sees a whole snapshot or none.
"""

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from sendboard.casework import schema
from sendboard.casework.engine import derived, write_derived
from sendboard.casework.snapshot import rules
from sendboard.casework.snapshot.checks import Checked, Step
from sendboard.casework.snapshot.load import TABLES, Loaded
from sendboard.casework.snapshot.pseudonym import pseudonyms

# The table whose key each identifier is (teams is keyed by request but does not own it).
_OWNERS = {
    table.key: table.name
    for table in schema.ALL_TABLES
    if table.key and not (table.parent and table.parent[0] == table.key)
}
# The last table that holds each identifier: its pseudonyms are let go once it is written.
_LAST = {
    column: table.name
    for table in schema.ALL_TABLES
    for column in table.columns
    if column in rules.ID_COLUMNS
}

# Identifiers pseudonymised at a time.
_BATCH = 1 << 18


@dataclass(frozen=True)
class Written:
    folder: Path
    row_counts: dict[str, int]


class SnapshotWriter:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        key: str,
        incoming: Path,
        progress: Step,
        background: Executor,
    ) -> None:
        self.con, self.key, self.incoming, self.progress = con, key, incoming, progress
        # Pseudonyms are computed while a table is checked, and a file hashed while the
        # next table is read: DuckDB, numpy and hashing each let go of the GIL.
        self.background = background
        self.pseudonymised: Future[None] | None = None
        self.counts: dict[str, int] = {}
        self.sums: dict[str, Future[str]] = {}

    def read(self, loaded: Loaded, checked: Checked) -> None:
        """Begin pseudonymising a table's identifiers as soon as it is read, unless a
        problem means nothing will be written."""
        self.pseudonymised = (
            None
            if checked.problems
            else self.background.submit(
                _pseudonymise, self.con.cursor(), loaded, set(checked.tables), key=self.key
            )
        )

    def checked(self, loaded: Loaded, checked: Checked) -> None:
        """Write a checked table, unless a problem means nothing will be written."""
        table = TABLES[loaded.file.table]
        self.progress(f"Writing {table.name}")
        if self.pseudonymised:
            self.pseudonymised.result()
        if checked.problems:
            return
        # Row order matters only for naming rows in problems; writing may go in parallel.
        self.con.execute("SET preserve_insertion_order = false")
        self._write(table, _table_sql(table))
        self.con.execute("SET preserve_insertion_order = true")
        for column, last in _LAST.items():
            if last == table.name:
                self.con.execute(f"DROP TABLE IF EXISTS map_{column}")

    def finish(self, checked: Checked, *, folder: Path, manifest: dict[str, object]) -> Written:
        for table in schema.ALL_TABLES:
            if table.name not in checked.tables:
                self._write(table, _empty_sql(table))
        self.progress("Writing the derived tables")
        stored = write_derived(self.con, self.incoming)
        stored["checksums"] = {
            name: _sha256(self.incoming / derived.file_of(name)) for name in derived.DERIVED
        }
        self.progress("Writing the manifest")
        body = {
            **manifest,
            "row_counts": {table.name: self.counts[table.name] for table in schema.ALL_TABLES},
            "checksums": {
                table.name: self.sums[table.name].result() for table in schema.ALL_TABLES
            },
            "files": {table.name: f"{table.name}.parquet" for table in schema.ALL_TABLES},
            derived.MANIFEST_KEY: stored,
        }
        (self.incoming / schema.MANIFEST).write_text(
            json.dumps(body, indent=2, default=_json_default)
        )
        os.rename(self.incoming, folder)
        return Written(folder, body["row_counts"])

    def _write(self, table: schema.Table, query: str) -> None:
        # Made only when a file is written: a source refused before then leaves no folder.
        self.incoming.mkdir(parents=True, exist_ok=True)
        path = self.incoming / f"{table.name}.parquet"
        target = str(path).replace("'", "''")
        copy = f"COPY ({query}) TO '{target}' ({schema.PARQUET_OPTIONS})"
        self.counts[table.name] = self.con.execute(copy).fetchone()[0]
        self.sums[table.name] = self.background.submit(_sha256, path)


@contextmanager
def snapshot_writer(
    con: duckdb.DuckDBPyConnection, *, key: str, folder: Path, progress: Step
) -> Iterator[SnapshotWriter]:
    """A writer into a hidden folder beside `folder`, removed unless it is finished."""
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    incoming = folder.with_name(f".incoming-{folder.name}")
    missing = [parent for parent in incoming.parents if not parent.exists()]
    try:
        with ThreadPoolExecutor(max_workers=1) as background:
            yield SnapshotWriter(
                con, key=key, incoming=incoming, progress=progress, background=background
            )
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
        if not folder.exists():
            _remove_empty(missing)


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders (innermost first) a writer made that are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def manifest_checksum(folder: Path) -> str:
    return _sha256(folder / schema.MANIFEST)


def _pseudonymise(
    con: duckdb.DuckDBPyConnection, loaded: Loaded, present: set[str], *, key: str
) -> None:
    """One pseudonym per distinct identifier (``map_<column>``), so each is computed once
    however often used: the identifiers of the table that owns them, or of any table
    holding them when their owner is not `present`. Orphans are refused, so the owner's
    identifiers are every one its children use. Identifiers are read in batches, so a
    million of them never sit in Python's memory at once. Closes `con`, a cursor of its
    own."""
    name = loaded.file.table
    try:
        for column in sorted(loaded.columns & set(rules.ID_COLUMNS)):
            owner = _OWNERS.get(column)
            if owner != name and owner in present:
                continue
            con.execute(f"CREATE TABLE IF NOT EXISTS map_{column} (raw VARCHAR, p {schema.ID})")
            # The owner's identifiers are unique (else the table is refused); others repeat.
            query = (
                f"SELECT {column} FROM t_{name} WHERE {column} IS NOT NULL"
                if owner == name
                else f"SELECT DISTINCT {column} FROM t_{name} WHERE {column} IS NOT NULL"
                f" AND {column} NOT IN (SELECT raw FROM map_{column})"
            )
            reader = con.cursor()
            for batch in reader.execute(query).to_arrow_reader(_BATCH):
                raw = batch.column(0)
                found = pa.table({"raw": raw, "p": pseudonyms(raw, key=key, column=column)})
                con.register("found", found)
                con.execute(f"INSERT INTO map_{column} SELECT * FROM found")
                con.unregister("found")
            reader.close()
    finally:
        con.close()


def _table_sql(table: schema.Table) -> str:
    selects, joins = [], []
    for name in table.columns:
        if name in rules.ID_COLUMNS:
            joins.append(f"LEFT JOIN map_{name} ON map_{name}.raw = t.{name}")
            selects.append(f"map_{name}.p AS {name}")
        elif table.name == "person" and name == "birthmonth":
            month = f"COALESCE(t.{rules.BIRTHDATE}, t.birthmonth)"
            selects.append(f"CAST(date_trunc('month', {month}) AS DATE) AS birthmonth")
        else:
            # Read typed already; an event's name, held as an ENUM, is written as text.
            selects.append(f"t.{name}")
    return f"SELECT {', '.join(selects)} FROM t_{table.name} t {' '.join(joins)}"


def _empty_sql(table: schema.Table) -> str:
    selects = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in table.columns.items())
    return f"SELECT {selects} WHERE false"


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
