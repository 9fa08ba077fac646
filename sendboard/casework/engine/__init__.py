"""The casework analytics engine: pure functions from a snapshot to indicators.

No Django here: the query layer opens a snapshot with ``open_snapshot`` and stores
what ``compute_all`` returns as observations.
"""

from sendboard.casework.engine.connection import SnapshotError, open_snapshot, snapshot_as_at
from sendboard.casework.engine.indicators import (
    CASE_INDICATORS,
    catalogue,
    compute_all,
    compute_one,
    drill_down,
    waiting_services,
)
from sendboard.casework.engine.options import EngineOptions
from sendboard.casework.engine.periods import PERIOD_KINDS, Period, parse_period
from sendboard.casework.engine.results import Indicator, IndicatorResult

__all__ = [
    "CASE_INDICATORS",
    "PERIOD_KINDS",
    "EngineOptions",
    "Indicator",
    "IndicatorResult",
    "Period",
    "SnapshotError",
    "catalogue",
    "compute_all",
    "compute_one",
    "drill_down",
    "open_snapshot",
    "parse_period",
    "snapshot_as_at",
    "waiting_services",
]
