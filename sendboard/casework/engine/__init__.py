"""The casework analytics engine: pure functions from a snapshot to indicators.

No Django here: the query layer opens a snapshot with ``open_snapshot`` and stores
what ``compute_all`` returns as observations; the importer stores the tables the
indicators share with each snapshot through ``write_derived``. Periods are
``sendboard.lib.periods``, shared with the board's figures.
"""

from sendboard.casework.engine.breakdowns import DIMENSIONS, breakdown, disclose_breakdown
from sendboard.casework.engine.connection import (
    SnapshotError,
    identifier_text,
    open_snapshot,
    snapshot_as_at,
    write_derived,
)
from sendboard.casework.engine.forecast import Forecast, ForecastMonth, forecast_backlog
from sendboard.casework.engine.indicators import (
    CASE_INDICATORS,
    catalogue,
    compute_all,
    compute_one,
    drill_down,
    waiting_services,
)
from sendboard.casework.engine.options import EngineOptions
from sendboard.casework.engine.results import Indicator, IndicatorResult
from sendboard.casework.engine.stages import STAGES, StageResult, stage_durations

__all__ = [
    "CASE_INDICATORS",
    "DIMENSIONS",
    "STAGES",
    "EngineOptions",
    "Forecast",
    "ForecastMonth",
    "Indicator",
    "IndicatorResult",
    "SnapshotError",
    "StageResult",
    "breakdown",
    "catalogue",
    "compute_all",
    "compute_one",
    "disclose_breakdown",
    "drill_down",
    "forecast_backlog",
    "identifier_text",
    "open_snapshot",
    "snapshot_as_at",
    "stage_durations",
    "waiting_services",
    "write_derived",
]
