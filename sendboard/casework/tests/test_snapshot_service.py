import json
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.casework import schema
from sendboard.casework.models import Snapshot
from sendboard.casework.services import (
    PseudonymKeyMissing,
    SnapshotInvalid,
    snapshot_check,
    snapshot_import,
    snapshot_upload,
)
from sendboard.casework.snapshot.write import manifest_checksum
from sendboard.casework.tests.exports import ROWS, write_export
from sendboard.governance.tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.CASEWORK_PSEUDONYM_KEY = "service-test-key"
    return settings.DATA_DIR


@pytest.fixture
def export(tmp_path):
    return write_export(tmp_path / "export")


def test_an_import_registers_the_snapshot_after_writing_its_files(data_dir, export):
    user = UserFactory(username="analyst")
    partnership = PartnershipFactory()
    snapshot = snapshot_import(source=export, as_at=None, imported_by=user, partnership=partnership)
    snapshot.refresh_from_db()
    assert snapshot.folder == data_dir / "casework" / str(snapshot.code)
    assert snapshot.kind == Snapshot.Kind.BOTH
    assert snapshot.status == Snapshot.Status.READY
    assert snapshot.partnership == partnership
    assert snapshot.imported_by == user
    assert snapshot.source_name == "export"
    assert snapshot.row_counts["requests"] == ROWS["requests"]
    assert snapshot.manifest_checksum == manifest_checksum(snapshot.folder)
    manifest = json.loads((snapshot.folder / schema.MANIFEST).read_text())
    assert manifest["imported_by"] == "analyst"
    assert manifest[schema.MANIFEST_AS_AT] == snapshot.as_at.isoformat()


def test_a_failed_import_leaves_the_data_directory_empty(data_dir, tmp_path):
    export = write_export(
        tmp_path / "export", changes={"requests.csv": {2: {"requestoutcome": "Q"}}}
    )
    with pytest.raises(SnapshotInvalid, match="nothing was imported") as raised:
        snapshot_import(source=export, as_at=None, imported_by=None)
    assert str(raised.value.problems[0]).startswith("requests.csv:2: requestoutcome:")
    assert list(data_dir.iterdir()) == []
    assert not Snapshot.objects.exists()


def test_it_refuses_to_import_without_a_pseudonym_key(data_dir, export, settings):
    settings.CASEWORK_PSEUDONYM_KEY = ""
    with pytest.raises(PseudonymKeyMissing, match="no pseudonym key"):
        snapshot_import(source=export, as_at=None, imported_by=None)
    assert list(data_dir.iterdir()) == []


def test_files_are_removed_when_the_snapshot_cannot_be_registered(data_dir, export, monkeypatch):
    def refuse(**_):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(Snapshot.objects, "create", refuse)
    with pytest.raises(RuntimeError, match="database unavailable"):
        snapshot_import(source=export, as_at=None, imported_by=None)
    assert list((data_dir / "casework").iterdir()) == []


def test_a_check_reports_counts_and_writes_nothing(data_dir, export):
    result = snapshot_check(source=export)
    assert result.row_counts["events"] == ROWS["events"]
    assert list(data_dir.iterdir()) == []


def test_the_admin_shows_snapshots_read_only(admin_client, data_dir, export):
    snapshot = snapshot_import(source=export, as_at=None, imported_by=None)
    listing = admin_client.get("/admin/casework/snapshot/")
    assert listing.status_code == 200
    assert admin_client.get("/admin/casework/snapshot/add/").status_code == 403
    assert admin_client.get(f"/admin/casework/snapshot/{snapshot.pk}/delete/").status_code == 403


def test_an_upload_with_problems_names_each_against_the_file(data_dir, tmp_path):
    export = write_export(
        tmp_path / "export", changes={"requests.csv": {2: {"requestoutcome": "Q"}}}
    )
    archive = Path(shutil.make_archive(str(tmp_path / "northshire-sen2"), "zip", export))
    upload = SimpleUploadedFile(archive.name, archive.read_bytes())

    with pytest.raises(ValidationError, match="Nothing was imported") as raised:
        snapshot_upload(file=upload, as_at=None, partnership=PartnershipFactory(), by=UserFactory())

    problems = raised.value.message_dict
    assert problems["file"][0].startswith("requests.csv:2: requestoutcome:")
    assert problems[NON_FIELD_ERRORS] == [
        "Nothing was imported. Correct the export and upload it again."
    ]
    assert not Snapshot.objects.exists()
