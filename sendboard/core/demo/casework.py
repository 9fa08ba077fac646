"""Invented case-level EHC data for the demo, imported as the analyst would import it."""

import datetime
import shutil
import tempfile
from pathlib import Path

from sendboard.casework.models import Snapshot, snapshots_dir
from sendboard.casework.services import snapshot_import
from sendboard.casework.snapshot import snapshot_folder
from sendboard.casework.snapshot.synth import synthesise
from sendboard.governance.models import Partnership
from sendboard.performance.periods import reporting_periods
from sendboard.performance.services import observations_compute_from_snapshot

DEMO_REQUESTS = 3000


def demo_casework_load(
    *, partnership: Partnership, by, today: datetime.date, requests: int = DEMO_REQUESTS
) -> Snapshot:
    """Synthesise a SEN2-shaped export as at `today`, import it as the analyst would,
    and put its figures into the board's indicators, so the demo's figures come from it.
    """
    with tempfile.TemporaryDirectory(prefix="sendboard-demo-") as scratch:
        export = Path(scratch) / "export"
        synthesise(requests=requests, out=export, as_at=today)
        snapshot = snapshot_import(
            source=export, as_at=today, imported_by=by, partnership=partnership
        )
    observations_compute_from_snapshot(
        snapshot=snapshot, periods=reporting_periods(as_at=today), by=by
    )
    return snapshot


def demo_casework_remove(*, partnership: Partnership) -> None:
    for snapshot in Snapshot.objects.filter(partnership=partnership):
        shutil.rmtree(snapshot_folder(snapshots_dir=snapshots_dir(), code=str(snapshot.code)), True)
        snapshot.delete()
