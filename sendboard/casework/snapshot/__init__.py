"""Import case-level SEN2 and waiting-list data as a pseudonymous Parquet snapshot,
from the SEN2 XML return or CSV/Excel exports of its modules.

Framework-free: the caller passes the pseudonym key, the snapshots folder and who is
importing, so the same code serves the Django service, the command and benchmarks.

    result = import_snapshot(source=Path("export.zip"), snapshots_dir=data_dir / "casework",
                             key=secret, code=str(uuid4()))
    result.folder  # snapshots_dir / code, holding <table>.parquet and manifest.json
    result.warnings  # what was read but not used; problems raise SnapshotInvalid
"""

import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from sendboard.casework import schema
from sendboard.casework.snapshot import rules
from sendboard.casework.snapshot.checks import Checked, check_source
from sendboard.casework.snapshot.mapping import Mapping, MappingInvalid, parse_mapping, read_mapping
from sendboard.casework.snapshot.problems import DEFAULT_CAP, Problem, Problems, SnapshotInvalid
from sendboard.casework.snapshot.pseudonym import (
    METHOD,
    PseudonymKeyMissing,
    key_fingerprint,
    pseudonym,
)
from sendboard.casework.snapshot.sources import SourceError, open_source
from sendboard.casework.snapshot.write import manifest_checksum, snapshot_writer

__all__ = [
    "ImportResult",
    "Mapping",
    "MappingInvalid",
    "Problem",
    "Progress",
    "PseudonymKeyMissing",
    "SnapshotInvalid",
    "SourceError",
    "import_snapshot",
    "parse_mapping",
    "pseudonym",
    "read_mapping",
    "snapshot_folder",
]


# Called as each step begins: its description, steps done so far, steps in all.
Progress = Callable[[str, int, int], None]

# DuckDB's working memory during an import; beyond it tables spill to the private
# scratch folder, so a million-request export needs well under 1 GB in all.
MEMORY_LIMIT = "384MB"

# The header module's items; anything else in a header file is not copied.
_HEADER_ITEMS = ("collection", "year", "referencedate", "lea", "softwarecode")


@dataclass(frozen=True)
class ImportResult:
    code: str
    folder: Path | None  # None after a dry run
    as_at: date | None
    kind: str  # "sen2", "waiting-list" or "both"
    row_counts: dict[str, int]
    sources: dict[str, str]  # table -> file or sheet it came from
    manifest_checksum: str = ""
    warnings: tuple[str, ...] = ()  # what was read but not used; the import went ahead


def snapshot_folder(*, snapshots_dir: Path, code: str) -> Path:
    return Path(snapshots_dir) / str(code)


def import_snapshot(
    *,
    source: Path,
    snapshots_dir: Path,
    key: str,
    code: str,
    as_at: date | None = None,
    imported_by: str = "",
    dry_run: bool = False,
    cap: int = DEFAULT_CAP,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
) -> ImportResult:
    """Check `source` and, unless `dry_run`, write it as snapshot `code`.

    Raises SnapshotInvalid (carrying every problem, up to `cap`) when anything is
    wrong, in which case nothing is written.
    """
    if not dry_run:
        key_fingerprint(key=key)  # refuses an empty key before any work is done
    folder = snapshot_folder(snapshots_dir=snapshots_dir, code=code)
    with (
        tempfile.TemporaryDirectory(prefix="sendboard-import-") as scratch,
        open_source(Path(source)) as found,
        _connect(Path(scratch)) as con,
    ):
        # Each file is read, and each module table checked and written; then the
        # derived tables and the manifest.
        modules = [name for name in found.files if name != rules.HEADER]
        writing = 0 if dry_run else len(modules) + 2
        report = _Steps(progress, total=len(found.files) + len(modules) + writing)
        problems = Problems(cap=cap)
        with ExitStack() as stack:
            writer = (
                None
                if dry_run
                else stack.enter_context(
                    snapshot_writer(con, key=key, folder=folder, progress=report)
                )
            )
            checked = check_source(
                con,
                found,
                problems=problems,
                progress=report,
                mapping=mapping,
                sink=writer,
            )
            if problems:
                raise SnapshotInvalid(problems.kept, total=problems.total)
            as_at, as_at_from = _as_at(checked, as_at)
            if as_at is None:
                message = "holds no dates to take the as-at date from; give the as-at date"
                raise SnapshotInvalid([Problem(found.name, None, "", message)])
            sources = {name: loaded.file.display for name, loaded in checked.tables.items()}
            warnings = tuple(str(warning) for warning in checked.warnings)
            if writer is None:
                return ImportResult(
                    code, None, as_at, checked.kind, checked.counts, sources, warnings=warnings
                )
            manifest = _manifest(
                code,
                found.name,
                checked,
                as_at=as_at,
                as_at_from=as_at_from,
                imported_by=imported_by,
                key=key,
            )
            written = writer.finish(checked, folder=folder, manifest=manifest)
    return ImportResult(
        code,
        written.folder,
        as_at,
        checked.kind,
        written.row_counts,
        sources,
        manifest_checksum(written.folder),
        warnings,
    )


class _Steps:
    def __init__(self, progress: Progress | None, *, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def __call__(self, description: str) -> None:
        if self.progress:
            self.progress(description, self.done, self.total)
        self.done += 1


@contextmanager
def _connect(scratch: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that spills to a private folder, never to the working directory."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET temp_directory = ?", [str(scratch / "spill")])
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        # Keep reading order, so a row number names the row the user sees.
        con.execute("SET preserve_insertion_order = true")
        yield con
    finally:
        con.close()


def _manifest(
    code: str,
    source: str,
    checked: Checked,
    *,
    as_at: date,
    as_at_from: str,
    imported_by: str,
    key: str,
) -> dict[str, object]:
    """What the manifest says of the import, beside what the writer adds."""
    return {
        "code": code,
        "schema_version": schema.SCHEMA_VERSION,
        schema.MANIFEST_AS_AT: as_at,
        "as_at_from": as_at_from,
        "kind": checked.kind,
        "source": source,
        "source_files": {name: loaded.file.display for name, loaded in checked.tables.items()},
        "header": {name: checked.header[name] for name in _HEADER_ITEMS if name in checked.header},
        "mapping": checked.mapping.as_dict(),
        "warnings": [str(warning) for warning in checked.warnings],
        "imported_by": imported_by,
        "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "pseudonym": {"method": METHOD, "key_fingerprint": key_fingerprint(key=key)},
    }


def _as_at(checked: Checked, given: date | None) -> tuple[date | None, str]:
    if given:
        return given, "given"
    if checked.reference_date:
        return checked.reference_date, "header referencedate"
    return checked.latest, "latest date in the data"
