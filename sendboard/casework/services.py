"""Writes for casework: importing a snapshot and registering it."""

import shutil
import uuid
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from sendboard.casework.models import Snapshot, snapshots_dir
from sendboard.casework.snapshot import (
    ImportResult,
    Problem,
    Progress,
    PseudonymKeyMissing,
    SnapshotInvalid,
    SourceError,
    import_snapshot,
)
from sendboard.governance.models import Partnership

__all__ = [
    "Problem",
    "PseudonymKeyMissing",
    "SnapshotInvalid",
    "SourceError",
    "snapshot_check",
    "snapshot_import",
]


def snapshot_import(
    *,
    source: Path,
    as_at: date | None,
    imported_by: AbstractBaseUser | None,
    partnership: Partnership | None = None,
    progress: Progress | None = None,
) -> Snapshot:
    """Check `source`, write it as a pseudonymous snapshot and register it.

    Raises SnapshotInvalid with every problem found (nothing is written then), or
    PseudonymKeyMissing when no key is configured.
    """
    code = uuid.uuid4()
    result = import_snapshot(
        source=Path(source),
        snapshots_dir=snapshots_dir(),
        key=settings.CASEWORK_PSEUDONYM_KEY,
        code=str(code),
        as_at=as_at,
        imported_by=_username(imported_by),
        progress=progress,
    )
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                code=code,
                partnership=partnership,
                as_at=result.as_at,
                kind=result.kind,
                row_counts=result.row_counts,
                manifest_checksum=result.manifest_checksum,
                imported_by=imported_by,
                imported_at=timezone.now(),
                source_name=Path(source).name[:255],
            )
    except BaseException:
        # Files without a register entry would be invisible and never cleaned up.
        shutil.rmtree(result.folder, ignore_errors=True)  # type: ignore[arg-type]
        raise


def snapshot_check(*, source: Path, progress: Progress | None = None) -> ImportResult:
    """Check `source` as an import would, writing nothing; raises SnapshotInvalid."""
    return import_snapshot(
        source=Path(source),
        snapshots_dir=snapshots_dir(),
        key=settings.CASEWORK_PSEUDONYM_KEY,
        code="dry-run",
        dry_run=True,
        progress=progress,
    )


def _username(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None else ""
