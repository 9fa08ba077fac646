"""Agreement between auditors, against values worked by hand and a reference kappa
written independently here straight from Cohen's weighted-kappa formula."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.lib.agreement import exact, quadratic_kappa, within_one


def _reference_kappa(pairs, levels):
    """Cohen (1968) with quadratic weights, as matrices."""
    observed = np.zeros((levels, levels))
    for a, b in pairs:
        observed[a - 1, b - 1] += 1
    observed /= observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    i, j = np.indices((levels, levels))
    weights = (i - j) ** 2 / (levels - 1) ** 2
    return 1 - (weights * observed).sum() / (weights * expected).sum()


def test_exact_and_within_one_worked_by_hand():
    pairs = [(3, 3), (3, 2), (4, 2), (1, 1)]
    assert exact(pairs) == 0.5
    assert within_one(pairs) == 0.75
    assert exact([]) is None and within_one([]) is None


def test_kappa_worked_by_hand():
    # Pairs (1,1) (2,2) (3,3) (1,2): observed sum of squared gaps = 1.
    # Rater 1 counts [2,1,1], rater 2 [1,2,1], n = 4.
    # Expected = sum r_i c_j (i-j)^2 / n
    #   = (2*2*1 + 2*1*4 + 1*1*1 + 1*1*1 + 1*1*4 + 1*2*1) / 4 = (4+8+1+1+4+2)/4 = 5
    # kappa = 1 - 1/5 = 0.8
    pairs = [(1, 1), (2, 2), (3, 3), (1, 2)]
    assert quadratic_kappa(pairs, levels=4) == pytest.approx(0.8)
    assert _reference_kappa(pairs, 4) == pytest.approx(0.8)


def test_perfect_agreement_is_one_and_reversed_grades_are_minus_one():
    assert quadratic_kappa([(1, 1), (2, 2), (3, 3), (4, 4)], levels=4) == pytest.approx(1)
    assert quadratic_kappa([(1, 4), (4, 1)], levels=4) == pytest.approx(-1)


def test_kappa_is_undefined_when_every_grade_is_the_same():
    assert quadratic_kappa([(3, 3), (3, 3)], levels=4) is None
    assert quadratic_kappa([], levels=4) is None


def test_it_refuses_grades_off_the_scale():
    with pytest.raises(ValueError):
        quadratic_kappa([(5, 1)], levels=4)


grades = st.integers(1, 5)


@given(st.lists(st.tuples(grades, grades), min_size=1, max_size=60))
def test_kappa_matches_the_reference(pairs):
    found = quadratic_kappa(pairs, levels=5)
    if found is None:
        assert len({a for a, _ in pairs}) == 1 and len({b for _, b in pairs}) == 1
    else:
        assert found == pytest.approx(_reference_kappa(pairs, 5))


@given(st.lists(st.tuples(grades, grades), min_size=2, max_size=60))
def test_kappa_is_symmetric_and_at_most_one(pairs):
    forward = quadratic_kappa(pairs, levels=5)
    backward = quadratic_kappa([(b, a) for a, b in pairs], levels=5)
    if forward is not None:
        assert forward == pytest.approx(backward)
        assert forward <= 1 + 1e-9
    assert exact(pairs) <= within_one(pairs)


@given(st.lists(st.tuples(grades, grades), min_size=1, max_size=60))
def test_a_table_of_counts_agrees_with_its_pairs(pairs):
    from collections import Counter

    table = dict(Counter(pairs))
    assert exact(table) == exact(pairs)
    assert within_one(table) == within_one(pairs)
    assert quadratic_kappa(table, levels=5) == quadratic_kappa(pairs, levels=5)
