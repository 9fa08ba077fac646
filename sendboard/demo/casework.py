"""Invented case-level EHC data for the demo, imported as the analyst would import it."""

import datetime
import shutil
import tempfile
from pathlib import Path

from sendboard.casework.models import Snapshot, snapshots_dir
from sendboard.casework.services import observations_compute_from_snapshot, snapshot_import
from sendboard.casework.snapshot import snapshot_folder
from sendboard.casework.snapshot.synth import synthesise
from sendboard.governance.models import Partnership
from sendboard.lib.periods import reporting_periods
from sendboard.performance.models import Indicator, Observation
from sendboard.performance.services import indicator_settings_update
from sendboard.performance.services.standard import england_figures_load

DEMO_REQUESTS = 3000
# Northshire's own choices (target, green from, amber from), as its analyst set them;
# the 20-week target sits above England's 46% in 2024, on the way to the law's 100%.
DEMO_TARGETS: dict[str, tuple[int, int, int]] = {
    "ehcp_20w_incl": (60, 60, 45),
    "ehcp_20w_excl": (60, 60, 45),
    "decisions_6w": (95, 90, 80),
    "not_issue_16w": (90, 90, 70),
    "days_to_issue_median": (140, 140, 182),
    "open_over_20w": (40, 40, 80),
    "reviews_overdue": (100, 100, 200),
    "review_decisions_4w": (80, 80, 60),
    "amended_12w": (90, 90, 70),
    "waiting_salt_seen_within_standard": (80, 80, 60),
    "waiting_asd_seen_within_standard": (50, 50, 25),
}


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
    _set_targets(partnership=partnership, by=by)
    england_figures_load(partnership=partnership, by=by)
    return snapshot


def _set_targets(*, partnership: Partnership, by) -> None:
    indicators = Indicator.objects.filter(partnership=partnership, key__in=DEMO_TARGETS)
    for indicator in indicators:
        target, green, amber = DEMO_TARGETS[indicator.key]
        indicator_settings_update(
            indicator=indicator,
            opened_version=indicator.version,
            by=by,
            target=target,
            green_threshold=green,
            amber_threshold=amber,
            polarity=indicator.polarity,
            frequency=indicator.frequency,
        )


def demo_casework_remove(*, partnership: Partnership) -> None:
    # Figures computed from a snapshot protect it; they go with it.
    Observation.objects.filter(snapshot__partnership=partnership).delete()
    for snapshot in Snapshot.objects.filter(partnership=partnership):
        shutil.rmtree(snapshot_folder(snapshots_dir=snapshots_dir(), code=str(snapshot.code)), True)
        snapshot.delete()
