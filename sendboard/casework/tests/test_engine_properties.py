"""Invariants over random case data (hypothesis)."""

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.casework.engine import compute_all, drill_down, open_snapshot
from sendboard.casework.tests.builders import SnapshotBuilder

BASE = date(2023, 6, 1)

cases = st.lists(
    st.tuples(
        st.integers(0, 700),  # received, days after BASE
        st.one_of(st.none(), st.integers(-20, 500)),  # issued, days after received
        st.sampled_from(["Y", "Y", "Y", "N", "A", "W", "H", "S"]),
        st.sampled_from([0, 0, 1, None]),
        st.booleans(),  # request date missing
    ),
    max_size=40,
)


def _build(rows, *, shuffle_seed: int | None = None) -> SnapshotBuilder:
    builder = SnapshotBuilder()
    for received, offset, outcome, week20, missing in rows:
        received_day = BASE + timedelta(days=received)
        issued = None if offset is None else (received_day + timedelta(days=offset)).isoformat()
        rid = builder.request(
            received=None if missing else received_day.isoformat(),
            told=(received_day + timedelta(days=30)).isoformat(),
        )
        builder.assessment(request=rid, outcome=outcome, date_=issued, week20=week20)
        builder.active(request=rid)
    if shuffle_seed is not None:
        for table_rows in builder.rows.values():
            random.Random(shuffle_seed).shuffle(table_rows)
    return builder


def _compute(builder: SnapshotBuilder, period: str = "2024", *, store_derived: bool = True):
    with tempfile.TemporaryDirectory() as folder:
        written = builder.write(Path(folder), as_at="2025-01-16", store_derived=store_derived)
        con = open_snapshot(written)
        return compute_all(con, period=period), drill_down(con, code="ehcp_20w_incl", period=period)


fast = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(cases)
def test_the_three_bands_add_up_to_the_denominator(rows):
    results, _ = _compute(_build(rows))
    bands = sum(
        results[code].numerator
        for code in ("ehcp_20w_incl", "ehcp_band_20_52", "ehcp_band_over_52")
    )
    assert bands == results["ehcp_20w_incl"].denominator


@fast
@given(cases)
def test_excluding_exceptions_never_counts_more_than_including_them(rows):
    results, _ = _compute(_build(rows))
    incl, excl = results["ehcp_20w_incl"], results["ehcp_20w_excl"]
    assert excl.numerator <= incl.numerator
    assert excl.denominator <= incl.denominator
    assert incl.denominator - excl.denominator == excl.excluded.get(
        "20-week exception applies (week20 = 1)", 0
    )


@fast
@given(cases)
def test_every_plan_issued_in_the_period_is_counted_once_or_left_out_once(rows):
    results, drilled = _compute(_build(rows))
    incl = results["ehcp_20w_incl"]
    assert len({row["row_id"] for row in drilled}) == len(drilled)
    assert incl.denominator + sum(incl.excluded.values()) == len(drilled)


@fast
@given(cases)
def test_timeliness_matches_a_plain_reading_of_the_rules(rows):
    results, _ = _compute(_build(rows))
    within = total = 0
    for received, offset, outcome, _week20, missing in rows:
        if outcome != "Y" or offset is None or missing or offset < 0:
            continue
        issued = BASE + timedelta(days=received + offset)
        if issued.year == 2024:
            total += 1
            within += offset <= 140
    incl = results["ehcp_20w_incl"]
    assert (incl.numerator, incl.denominator) == (within, total)


@fast
@given(cases, st.integers(0, 1000))
def test_results_do_not_depend_on_row_order(rows, seed):
    first, _ = _compute(_build(rows))
    shuffled, _ = _compute(_build(rows, shuffle_seed=seed))
    assert {k: v.as_dict() for k, v in first.items()} == {
        k: v.as_dict() for k, v in shuffled.items()
    }


@fast
@given(cases)
def test_stored_derived_tables_give_the_figures_building_them_gives(rows):
    builder = _build(rows)
    assert _compute(builder) == _compute(builder, store_derived=False)
