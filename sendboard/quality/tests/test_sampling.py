"""The monthly sample: target met, strata in proportion, no repeats, reproducible."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.lib.sampling import Plan, allocate, draw, target_size


def _plans(counts: dict[tuple[str, ...], int]) -> list[Plan]:
    return [
        Plan(f"{'-'.join(stratum)}-{n}", stratum)
        for stratum, count in counts.items()
        for n in range(count)
    ]


def test_the_target_rounds_up():
    assert target_size(5, 200) == 10  # exactly, not 11 from float error
    assert target_size(5, 201) == 11  # 10.05
    assert target_size(5, 0) == 0


def test_largest_remainders_worked_by_hand():
    # 10 of 100 over 47 / 33 / 20: quotas 4.7, 3.3, 2.0 -> 4, 3, 2 then the 1 left to .7
    assert allocate({"a": 47, "b": 33, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    # 5 of 9 over 3 / 3 / 3: quotas 1.667 each -> 1, 1, 1; two left go to a and b by name
    assert allocate({"c": 3, "b": 3, "a": 3}, 5) == {"a": 2, "b": 2, "c": 1}


def test_it_refuses_a_sample_bigger_than_the_population():
    with pytest.raises(ValueError):
        allocate({"a": 2}, 3)


def test_the_sample_meets_the_target_in_proportion_to_the_strata():
    plans = _plans(
        {
            ("North", "Primary", "ASD"): 60,
            ("South", "Secondary", "SEMH"): 30,
            ("West", "Post-16", "SLCN"): 10,
        }
    )
    chosen = draw(plans, size=10, seed=7)
    assert len(chosen) == len(set(chosen)) == 10
    assert Counter(plan_id.split("-")[0] for plan_id in chosen) == {
        "North": 6,
        "South": 3,
        "West": 1,
    }


def test_the_same_seed_draws_the_same_sample_and_another_seed_another():
    plans = _plans({("North",): 500, ("South",): 500})
    assert draw(plans, size=50, seed=2026) == draw(list(reversed(plans)), size=50, seed=2026)
    assert draw(plans, size=50, seed=2026) != draw(plans, size=50, seed=2027)


def test_it_never_picks_a_plan_audited_recently():
    plans = _plans({("North",): 10})
    recent = {f"North-{n}" for n in range(7)}
    chosen = draw(plans, size=5, seed=1, exclude=recent)
    assert sorted(chosen) == ["North-7", "North-8", "North-9"]  # all that is left


@given(
    sizes=st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 50), max_size=8),
    share=st.floats(0, 1),
)
def test_allocation_adds_up_and_stays_within_a_quota_of_one(sizes, share):
    population = sum(sizes.values())
    total = int(population * share)
    shares = allocate(sizes, total)
    assert sum(shares.values()) == total
    for key, size in sizes.items():
        quota = total * size / population if population else 0
        assert abs(shares[key] - quota) < 1
        assert 0 <= shares[key] <= size
