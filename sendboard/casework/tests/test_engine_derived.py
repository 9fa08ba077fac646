"""The derived tables the importer stores: opening a snapshot reads them instead of
building them, they hold exactly what building gives, and a snapshot without them
(or with another version's) still opens and gives the same figures."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from sendboard.casework.engine import (
    DIMENSIONS,
    breakdown,
    compute_all,
    derived,
    drill_down,
    forecast_backlog,
    open_snapshot,
    stage_durations,
)
from sendboard.casework.schema import MANIFEST
from sendboard.casework.snapshot import import_snapshot
from sendboard.casework.snapshot.synth import synthesise
from sendboard.casework.tests.builders import OPTION_SETS

PERIODS = ("2025", "2024", "2025-Q3")
ROW_LEVEL = ("ehcp_20w_excl", "not_issue_16w", "open_over_20w", "reviews_overdue",
             "amended_12w", "phase_transfer_on_time")  # fmt: skip


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("derived")
    synthesise(requests=3000, out=root / "export", seed=11)
    result = import_snapshot(source=root / "export", snapshots_dir=root, key="k", code="stored")
    return result.folder


def copy_snapshot(folder: Path, to: Path, *, version: int | None = derived.VERSION) -> Path:
    """A copy of the snapshot, its derived tables recorded as written by ``version``,
    or without them (as an importer wrote it before they were stored) when None."""
    shutil.copytree(folder, to)
    manifest = json.loads((to / MANIFEST).read_text())
    if version is None:
        del manifest[derived.MANIFEST_KEY]
        shutil.rmtree(to / derived.FOLDER)
    else:
        manifest[derived.MANIFEST_KEY]["version"] = version
    (to / MANIFEST).write_text(json.dumps(manifest))
    return to


@pytest.fixture(scope="module")
def older(stored, tmp_path_factory) -> Path:
    return copy_snapshot(stored, tmp_path_factory.mktemp("older") / "older", version=None)


def empty_the_stored(folder: Path, name: str) -> None:
    path = folder / derived.file_of(name)
    emptied = path.with_name("emptied.parquet")
    duckdb.execute(f"COPY (SELECT * FROM '{path}' LIMIT 0) TO '{emptied}' (FORMAT parquet)")
    emptied.replace(path)


def kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    names = "', '".join(derived.DERIVED)
    return dict(
        con.execute(
            f"""
            SELECT table_name, 'table' FROM duckdb_tables() WHERE table_name IN ('{names}')
            UNION ALL
            SELECT view_name, 'view' FROM duckdb_views() WHERE view_name IN ('{names}')
            """
        ).fetchall()
    )


def test_opening_lays_views_over_the_stored_tables_and_builds_none(stored, older):
    assert kinds(open_snapshot(stored)) == dict.fromkeys(derived.DERIVED, "view")
    assert kinds(open_snapshot(older)) == dict.fromkeys(derived.DERIVED, "table")


def test_the_figures_come_from_the_stored_tables(stored, tmp_path):
    tampered = copy_snapshot(stored, tmp_path / "tampered")
    empty_the_stored(tampered, "assessment_x")
    assert compute_all(open_snapshot(stored), period="2025")["ehcp_20w_incl"].denominator
    assert compute_all(open_snapshot(tampered), period="2025")["ehcp_20w_incl"].denominator == 0


def test_stored_tables_of_another_version_are_built_again(stored, tmp_path):
    other = copy_snapshot(stored, tmp_path / "other", version=derived.VERSION + 1)
    empty_the_stored(other, "assessment_x")
    con = open_snapshot(other)
    assert kinds(con) == dict.fromkeys(derived.DERIVED, "table")
    assert compute_all(con, period="2025") == compute_all(open_snapshot(stored), period="2025")


@pytest.mark.parametrize("name", derived.DERIVED)
def test_each_stored_table_holds_exactly_what_opening_builds(stored, older, name):
    built = open_snapshot(older)
    file = f"read_parquet('{stored / derived.file_of(name)}')"
    assert (
        built.execute(f"DESCRIBE {name}").fetchall()
        == built.execute(f"DESCRIBE FROM {file}").fetchall()
    )
    for left, right in ((name, file), (file, name)):
        missing = f"SELECT count(*) FROM (FROM {left} EXCEPT ALL FROM {right})"
        assert built.execute(missing).fetchone()[0] == 0, f"{left} has rows {right} lacks"
    assert built.execute(f"SELECT count(*) FROM {name}").fetchone()[0] > 0


@pytest.mark.parametrize("options", OPTION_SETS)
@pytest.mark.parametrize("period", PERIODS)
def test_every_figure_is_the_same_with_stored_or_built_tables(stored, older, options, period):
    with_them, without = open_snapshot(stored), open_snapshot(older)
    assert compute_all(with_them, period=period, options=options) == compute_all(
        without, period=period, options=options
    )
    for code in ROW_LEVEL:
        assert drill_down(with_them, code=code, period=period, options=options) == drill_down(
            without, code=code, period=period, options=options
        )


def test_breakdowns_stages_and_forecast_are_the_same_with_stored_or_built_tables(stored, older):
    with_them, without = open_snapshot(stored), open_snapshot(older)
    for by in DIMENSIONS:
        assert breakdown(with_them, code="ehcp_20w_incl", by=by, period="2025") == breakdown(
            without, code="ehcp_20w_incl", by=by, period="2025"
        )
    assert stage_durations(with_them, period="2025") == stage_durations(without, period="2025")
    assert forecast_backlog(with_them) == forecast_backlog(without)
