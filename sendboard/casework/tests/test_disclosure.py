"""sendboard.lib.disclosure: small-number policies (send-rules section 5, example 16)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendboard.lib.disclosure import disclose_count, disclose_rate, disclose_row


def test_under_the_nhs_policy_6_is_hidden_and_13_rounds_to_15():
    assert disclose_count(6, policy="nhs") == "*"
    assert disclose_count(13, policy="nhs") == 15


def test_under_no_policy_6_and_13_are_shown_as_they_are():
    assert disclose_count(6, policy="none") == 6
    assert disclose_count(13, policy="none") == 13


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "c"), (5, "c"), (6, 6)])
def test_under_the_dfe_policy_1_to_5_are_shown_as_c(count, shown):
    assert disclose_count(count, policy="dfe") == shown


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (7, "*"), (8, 10), (12, 10), (22, 20)])
def test_under_the_nhs_policy_counts_over_7_round_to_the_nearest_5(count, shown):
    assert disclose_count(count, policy="nhs") == shown


def test_an_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="unknown disclosure policy"):
        disclose_count(3, policy="loose")  # type: ignore[arg-type]


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it_under_dfe():
    row = disclose_row({"ASD": 40, "SEMH": 3, "SLCN": 9, "MLD": 0}, policy="dfe")
    assert row == {"ASD": 40, "SEMH": "c", "SLCN": "c", "MLD": 0}


def test_two_hidden_cells_need_no_further_suppression_under_dfe():
    row = disclose_row({"a": 40, "b": 3, "c": 2}, policy="dfe")
    assert row == {"a": 40, "b": "c", "c": "c"}


def test_a_small_total_hides_every_non_zero_cell():
    assert disclose_row({"a": 4, "b": 0}, policy="dfe", total=4) == {"a": "c", "b": 0}


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 60), min_size=2))
def test_no_hidden_dfe_cell_can_be_worked_out_from_the_total(cells):
    row = disclose_row(cells, policy="dfe")
    hidden = [key for key, shown in row.items() if shown == "c"]
    assert len(hidden) != 1 or sum(cells.values()) <= 5


def test_a_rate_is_hidden_with_its_small_numerator_but_computed_from_raw_counts():
    assert disclose_rate(3, 200, policy="dfe") == {
        "numerator": "c",
        "denominator": 200,
        "percent": None,
    }
    assert disclose_rate(13, 21, policy="nhs") == {
        "numerator": 15,
        "denominator": 20,
        "percent": 61.9,
    }
    assert disclose_rate(5, 8, policy="none")["percent"] == 62.5


def test_a_rate_whose_complement_is_small_is_hidden_under_dfe():
    assert disclose_rate(197, 200, policy="dfe")["numerator"] == "c"
    assert disclose_rate(197, 200, policy="dfe")["percent"] is None


def test_a_rate_with_a_small_denominator_is_hidden():
    assert disclose_rate(6, 7, policy="nhs")["percent"] is None


def test_a_cell_hidden_for_another_reason_takes_the_next_smallest_with_it_under_dfe():
    row = disclose_row({"a": 40, "b": 10, "c": 20}, policy="dfe", hidden={"b"})
    assert row == {"a": 40, "b": "c", "c": "c"}
