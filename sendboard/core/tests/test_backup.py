"""A backup brought back into an empty installation holds every record and file it had.

Each run uses the engine the suite runs on: SQLite, or PostgreSQL when DATABASE_URL names
it (two scratch databases are made beside the test database and dropped after).
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SENDBOARD = Path(sys.executable).with_name("sendboard")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")

RECORDS = """
from pathlib import Path
from django.conf import settings
from django.contrib.auth.models import User
from sendboard.governance.models import Partnership
User.objects.create_user("hannah", password="a-password-of-some-length")
Partnership.objects.create(name="Northshire SEND Partnership", slug="northshire")
papers = Path(settings.MEDIA_ROOT) / "papers" / "2026"
papers.mkdir(parents=True)
(papers / "report.pdf").write_bytes(b"%PDF-1.7 a paper" * 100)
snapshot = Path(settings.DATA_DIR) / "casework" / "0c2b"
snapshot.mkdir(parents=True)
(snapshot / "requests.parquet").write_bytes(bytes(range(256)) * 40)
"""


def _sendboard(environment: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SENDBOARD, *args], env=environment, cwd=ROOT, capture_output=True, text=True, check=check
    )


@pytest.fixture
def installations(tmp_path):
    """Two installations' environments: one to back up, and an empty one to restore into."""
    base = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    base.update({"SECRET_KEY": "backup-test-secret", "CASEWORK_PSEUDONYM_KEY": "backup-test"})
    names = [f"sendboard_backup_{uuid.uuid4().hex[:8]}_{n}" for n in (1, 2)]
    if ON_POSTGRES:
        import psycopg

        admin = os.environ["DATABASE_URL"]
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names:
                connection.execute(f'CREATE DATABASE "{name}"')
    environments = []
    for n, name in enumerate(names):
        environment = {**base, "SENDBOARD_DATA_DIR": str(tmp_path / f"data{n}")}
        if ON_POSTGRES:
            environment["DATABASE_URL"] = admin.rsplit("/", 1)[0] + f"/{name}"
        else:
            environment.pop("DATABASE_URL", None)
        environments.append(environment)
    yield environments
    if ON_POSTGRES:
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _records(environment: dict) -> list:
    dumped = _sendboard(environment, "dumpdata", "--exclude", "sessions", "--indent", "0").stdout
    return sorted(json.loads(dumped), key=lambda row: (row["model"], str(row["pk"])))


def _files(data_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(data_dir)): path.read_bytes()
        for path in data_dir.rglob("*")
        if path.is_file() and not path.name.startswith("sendboard.sqlite3")
    }


def test_a_restore_checks_the_backup_then_brings_back_every_record_and_file(
    installations, tmp_path
):
    original, empty = installations
    _sendboard(original, "migrate", "--no-input")
    _sendboard(original, "shell", "-c", RECORDS)
    said = _sendboard(original, "backup", str(tmp_path / "backup")).stdout
    assert "2 files" in said
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert "files/media/papers/2026/report.pdf" in manifest["files"]
    _sendboard(empty, "migrate", "--no-input")

    damaged = tmp_path / "damaged"
    shutil.copytree(tmp_path / "backup", damaged)
    (damaged / "files" / "media" / "papers" / "2026" / "report.pdf").write_bytes(b"changed")
    refused = _sendboard(empty, "restore", str(damaged), check=False)
    assert refused.returncode != 0
    assert "files/media/papers/2026/report.pdf does not match its checksum" in refused.stderr
    assert not (tmp_path / "data1" / "media").exists()

    _sendboard(empty, "restore", str(tmp_path / "backup"))
    assert _records(empty) == _records(original)
    assert any(row["model"] == "governance.partnership" for row in _records(empty))
    assert _files(tmp_path / "data1") == _files(tmp_path / "data0")

    again = _sendboard(empty, "restore", str(tmp_path / "backup"), check=False)
    assert again.returncode != 0
    assert "already has accounts: restore into an empty one" in again.stderr
