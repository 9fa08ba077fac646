"""Writes for casework: importing a snapshot and registering it, and storing the
indicators the engine computes from it as the board's figures."""

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendboard.casework import engine
from sendboard.casework.models import ExportMapping, Snapshot, snapshots_dir
from sendboard.casework.queries import indicator_catalogue
from sendboard.casework.snapshot import (
    ImportResult,
    Mapping,
    MappingInvalid,
    Problem,
    Progress,
    PseudonymKeyMissing,
    SnapshotInvalid,
    SourceError,
    import_snapshot,
    parse_mapping,
)
from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, access_for
from sendboard.lib.periods import Period
from sendboard.performance.services import (
    ComputedFigure,
    indicator_catalogue_sync,
    observations_store,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "Mapping",
    "MappingInvalid",
    "Problem",
    "PseudonymKeyMissing",
    "SnapshotInvalid",
    "SourceError",
    "export_mapping_of",
    "export_mapping_save",
    "observations_compute_from_snapshot",
    "snapshot_check",
    "snapshot_import",
    "snapshot_upload",
]


# How an observation's left-out reasons say why its figure is empty.
NOT_COMPUTED = "figure empty: "


def snapshot_import(
    *,
    source: Path,
    as_at: date | None,
    imported_by: "User | None",
    partnership: Partnership | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
) -> Snapshot:
    """Check `source`, write it as a pseudonymous snapshot and register it.

    ``mapping`` gives local column and event names; without one, the partnership's
    saved names are used. The snapshot and its manifest keep the names used.

    Raises SnapshotInvalid with every problem found (nothing is written then), or
    PseudonymKeyMissing when no key is configured.
    """
    code = uuid.uuid4()
    if mapping is None:
        mapping = export_mapping_of(partnership)
    result = import_snapshot(
        source=Path(source),
        snapshots_dir=snapshots_dir(),
        key=settings.CASEWORK_PSEUDONYM_KEY,
        code=str(code),
        as_at=as_at,
        imported_by=_username(imported_by),
        progress=progress,
        mapping=mapping,
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
                warnings=list(result.warnings),
                mapping=mapping.as_dict(),
            )
    except BaseException:
        # Files without a register entry would be invisible and never cleaned up.
        shutil.rmtree(result.folder, ignore_errors=True)  # type: ignore[arg-type]
        raise


def snapshot_check(
    *, source: Path, progress: Progress | None = None, mapping: Mapping | None = None
) -> ImportResult:
    """Check `source` as an import would, writing nothing; raises SnapshotInvalid."""
    return import_snapshot(
        source=Path(source),
        snapshots_dir=snapshots_dir(),
        key=settings.CASEWORK_PSEUDONYM_KEY,
        code="dry-run",
        dry_run=True,
        progress=progress,
        mapping=mapping,
    )


def _username(user: "User | None") -> str:
    return user.get_username() if user is not None else ""


def snapshot_upload(
    *,
    file: UploadedFile,
    as_at: date | None,
    partnership: Partnership,
    by: "User",
) -> Snapshot:
    """Import an export uploaded on the casework page, as ``snapshot_import`` does.

    The upload is written to a private temporary file, removed afterwards because it
    holds names and dates of birth. Raises ValidationError naming every problem as
    ``file:row: field: message`` against the file, so the page lists them.
    """
    with tempfile.TemporaryDirectory(prefix="sendboard-upload-") as folder:
        path = Path(folder) / Path(file.name).name
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        try:
            return snapshot_import(
                source=path, as_at=as_at, imported_by=by, partnership=partnership
            )
        except SnapshotInvalid as invalid:
            problems = [str(problem) for problem in invalid.problems]
            if invalid.unreported:
                problems.append(f"And {invalid.unreported} more problems not listed")
            raise ValidationError(
                {
                    "file": problems,
                    NON_FIELD_ERRORS: [
                        "Nothing was imported. Correct the export and upload it again."
                    ],
                }
            ) from invalid
        except (SourceError, PseudonymKeyMissing) as error:
            raise ValidationError({"file": str(error)}) from error


def export_mapping_of(partnership: Partnership | None) -> Mapping:
    """The partnership's saved local names (none saved, or no partnership: none)."""
    saved = ExportMapping.objects.filter(partnership=partnership).first() if partnership else None
    return parse_mapping(saved.text) if saved else Mapping()


@transaction.atomic
def export_mapping_save(
    *, partnership: Partnership, text: str, opened_version: int | None, by: "User | None"
) -> ExportMapping:
    """Keep the partnership's local names for every later import.

    Raises ValidationError naming each line the importer cannot use. ``by`` is None
    only from the command line, run by whoever runs the server.
    """
    if by is not None and not access_for(by, partnership).can(Capability.ANALYSE):
        raise PermissionDenied("Only analysts and the manager can set the export's names.")
    try:
        mapping = parse_mapping(text)
    except MappingInvalid as error:
        raise ValidationError({"text": str(error).split("; ")}) from error
    saved, _ = ExportMapping.objects.get_or_create(partnership=partnership)
    saved.text = mapping.as_text()
    save_tracked(saved, opened_version=opened_version, reason="Local export names changed", by=by)
    return saved


def observations_compute_from_snapshot(
    *,
    snapshot: Snapshot,
    periods: Iterable[Period],
    by: "User | None" = None,
    dry_run: bool = False,
    progress: Callable[[Period], None] | None = None,
) -> dict[str, int]:
    """Compute every casework indicator for each period and store the figures.

    The partnership's indicators are brought in line with the engine's catalogue
    first. Returns the counts of ``observations_store``. Raises ValidationError when
    the snapshot cannot be used: it belongs to no partnership, was withdrawn, or its
    files cannot be read.
    """
    if snapshot.partnership is None:
        raise ValidationError(
            f"snapshot {snapshot} belongs to no partnership, so has no indicators"
        )
    if snapshot.status != Snapshot.Status.READY:
        raise ValidationError(f"snapshot {snapshot} was withdrawn, so its figures cannot be used")
    # The engine runs before the transaction opens, so the database is not held
    # locked while DuckDB works.
    try:
        con = engine.open_snapshot(snapshot.folder)
    except engine.SnapshotError as error:
        raise ValidationError(str(error)) from error
    figures: list[ComputedFigure] = []
    try:
        as_at = engine.snapshot_as_at(con)
        services = engine.waiting_services(con)
        for period in periods:
            # Open cases are counted at the period's end, never after the data stops.
            period_as_at = min(period.end, as_at) if as_at else period.end
            results = engine.compute_all(con, period=period, as_at=period_as_at)
            figures.extend(_figure(result, period=period) for result in results.values())
            if progress:
                progress(period)
    finally:
        con.close()
    with transaction.atomic():
        indicator_catalogue_sync(
            partnership=snapshot.partnership,
            catalogue=indicator_catalogue(services=services),
            by=by,
        )
        counts = observations_store(
            partnership=snapshot.partnership, snapshot=snapshot, figures=figures, by=by
        )
        if dry_run:
            transaction.set_rollback(True)
    return counts


def _figure(result: engine.IndicatorResult, *, period: Period) -> ComputedFigure:
    # An observation keeps why its figure is empty among the reasons cases were left
    # out, with no cases against it, as it has no field of its own for that.
    reason = {f"{NOT_COMPUTED}{result.reason}": 0} if result.reason else {}
    return ComputedFigure(
        key=result.code,
        period=period,
        as_at=result.as_at,
        numerator=result.numerator,
        denominator=result.denominator,
        value=result.value,
        excluded={**result.excluded, **reason},
        options=result.options,
    )
