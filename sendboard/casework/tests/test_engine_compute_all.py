"""compute_all aggregates several indicators from one scan; every figure must equal
the one computed alone from that indicator's own records (as compute_one,
breakdowns and drill-downs read them)."""

import sys
from pathlib import Path

import pytest

from sendboard.casework.engine import compute_all, compute_one, open_snapshot
from sendboard.casework.tests.builders import OPTION_SETS

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from casework_synth import write_snapshot


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth") / "snapshot"
    write_snapshot(folder, requests=3000)
    return open_snapshot(folder)


@pytest.mark.parametrize("options", OPTION_SETS)
@pytest.mark.parametrize("period", ["2024", "2023", "2024-06", "2024-Q2"])
def test_the_full_set_equals_each_indicator_computed_alone(con, options, period):
    results = compute_all(con, period=period, options=options)
    assert any(code.startswith("waiting_") for code in results)
    for code, result in results.items():
        alone = compute_one(con, code=code, period=period, options=options)
        assert result == alone, code
