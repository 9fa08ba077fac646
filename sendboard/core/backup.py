"""A backup of an installation: its database and its data directory, with checksums.

A backup is a folder: `database.sqlite3` (SQLite's online backup, safe while people
work) or `database.pgdump` (pg_dump's custom format), `files/` (papers, evidence,
casework snapshots: everything in the data directory but the database and the
gathered static files), and `manifest.json`, which names every file with its size and
SHA-256. A restore checks every checksum before it writes anything, and writes only
into an empty installation, so it never mixes two installations' records.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
FILES = "files"
# Not part of an installation's records: rebuilt by collectstatic, or the database itself.
SKIPPED = {"static", "sendboard.sqlite3", "sendboard.sqlite3-wal", "sendboard.sqlite3-shm"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    engine: str
    files: int
    total_bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database, so no password is on a command line."""
    database = settings.DATABASES["default"]
    given = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    return {**os.environ, **{key: value for key, value in given.items() if value}}


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, env=_pg_environment(), check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _data_files(data_dir: Path, *, leave_out: Path) -> list[Path]:
    found = []
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        if relative.parts[0] in SKIPPED or path.is_dir() or leave_out in path.parents:
            continue
        found.append(relative)
    return found


def backup(destination: Path) -> Summary:
    """Write the database and the data directory's files into `destination`, a new folder."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: give a new folder for the backup")
    destination.mkdir(parents=True, exist_ok=True)
    written = [_backup_database(destination)]
    data_dir = Path(settings.DATA_DIR)
    for relative in _data_files(data_dir, leave_out=destination.resolve()):
        target = Path(FILES) / relative
        (destination / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir / relative, destination / target)
        written.append(target)
    files = {
        str(path): {
            "bytes": (destination / path).stat().st_size,
            "sha256": _sha256(destination / path),
        }
        for path in written
    }
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": connection.vendor,
        "database": str(written[0]),
        "files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return Summary(
        engine=connection.vendor,
        files=len(written) - 1,
        total_bytes=sum(entry["bytes"] for entry in files.values()),
    )


def _backup_database(destination: Path) -> Path:
    if _is_sqlite():
        connection.ensure_connection()
        copy = sqlite3.connect(destination / SQLITE_FILE)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return Path(SQLITE_FILE)
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={destination / PG_FILE}"])
    return Path(PG_FILE)


def _checked_manifest(source: Path) -> dict:
    """The backup's manifest, once every file it names is there with its checksum."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{source} has no {MANIFEST}: it is not a sendboard backup") from error
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if path.stat().st_size != expected["bytes"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def _installation_is_empty() -> bool:
    from django.contrib.auth import get_user_model

    if "auth_user" not in connection.introspection.table_names():
        return True
    return not get_user_model().objects.exists()


def restore(source: Path) -> Summary:
    """Bring a backup back into this installation, which must be empty (at most migrated)."""
    manifest = _checked_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database and this installation uses "
            f"{connection.vendor}: set DATABASE_URL to match"
        )
    if not _installation_is_empty():
        raise BackupError("This installation already has accounts: restore into an empty one")
    data_dir = Path(settings.DATA_DIR)
    files = [Path(name) for name in manifest["files"] if name != manifest["database"]]
    for name in files:
        target = data_dir / name.relative_to(FILES)
        if target.exists():
            raise BackupError(f"{target} already exists: restore into an empty data directory")
    _restore_database(source / manifest["database"])
    for name in files:
        target = data_dir / name.relative_to(FILES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
    return Summary(
        engine=manifest["engine"],
        files=len(files),
        total_bytes=sum(entry["bytes"] for entry in manifest["files"].values()),
    )


def _restore_database(dump: Path) -> None:
    if _is_sqlite():
        connection.ensure_connection()
        saved = sqlite3.connect(dump)
        try:
            saved.backup(connection.connection)
        finally:
            saved.close()
        return
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            _pg_environment()["PGDATABASE"],
            str(dump),
        ]
    )
