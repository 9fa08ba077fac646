"""The grade formula and limiting judgements, with values worked by hand."""

import pytest

from sendboard.lib.grading import (
    Formula,
    IncompleteGrades,
    Limit,
    Section,
    formula_problems,
    level_of,
    overall_grade,
)

# 4 levels: 1 inadequate, 2 requires improvement, 3 good, 4 outstanding.
FOUR = Formula(
    levels=4,
    sections=(
        Section("A", 1),
        Section("B", 2),
        Section("F", 3),
        Section("L1", 1, required=False),
    ),
    thresholds=(1.5, 2.5, 3.5),
    limits=(Limit(section="F", at_most=1, cap=2),),
)


def test_it_takes_the_weighted_mean_of_the_sections():
    # (1*4 + 2*3 + 3*3) / 6 = 19/6 = 3.1667: good
    result = overall_grade(FOUR, {"A": 4, "B": 3, "F": 3})
    assert result.score == pytest.approx(19 / 6)
    assert result.grade == 3
    assert result.limited_by == ()


def test_a_mean_exactly_on_a_threshold_reaches_that_level():
    formula = Formula(
        levels=4, sections=(Section("A", 1), Section("B", 1)), thresholds=(1.5, 2.5, 3.5)
    )
    assert overall_grade(formula, {"A": 2, "B": 3}).grade == 3  # 2.5 exactly: good
    assert overall_grade(formula, {"A": 1, "B": 2}).grade == 2  # 1.5 exactly
    assert overall_grade(formula, {"A": 1, "B": 1}).grade == 1


def test_a_limiting_judgement_caps_the_grade():
    # (4 + 8 + 3) / 6 = 2.5 would be good, but provision (F) inadequate caps it at 2.
    result = overall_grade(FOUR, {"A": 4, "B": 4, "F": 1})
    assert result.score == pytest.approx(2.5)
    assert result.grade == 2
    assert result.limited_by == (Limit(section="F", at_most=1, cap=2),)


def test_a_limit_that_would_not_lower_the_grade_is_not_named():
    # (1 + 2 + 3) / 6 = 1: already inadequate, below the cap of 2.
    result = overall_grade(FOUR, {"A": 1, "B": 1, "F": 1})
    assert result.grade == 1
    assert result.limited_by == ()


def test_an_ungraded_optional_section_gives_its_weight_to_the_others():
    with_local = overall_grade(FOUR, {"A": 4, "B": 3, "F": 3, "L1": 1})
    without = overall_grade(FOUR, {"A": 4, "B": 3, "F": 3, "L1": None})
    assert with_local.score == pytest.approx(20 / 7)  # (4 + 6 + 9 + 1) / 7
    assert without.score == pytest.approx(19 / 6)


def test_a_missing_required_section_gives_no_grade():
    with pytest.raises(IncompleteGrades) as refused:
        overall_grade(FOUR, {"A": 4, "F": 3})
    assert refused.value.missing == ["B"]


def test_a_section_of_weight_zero_is_graded_but_not_counted():
    formula = Formula(
        levels=5,
        sections=(Section("A", 0), Section("B", 1)),
        thresholds=(1.5, 2.5, 3.5, 4.5),
    )
    assert overall_grade(formula, {"A": 1, "B": 5}).grade == 5


def test_a_single_section_carrying_all_the_weight_decides_alone():
    formula = Formula(
        levels=4, sections=(Section("A", 1e-9), Section("F", 1e9)), thresholds=(1.5, 2.5, 3.5)
    )
    assert overall_grade(formula, {"A": 4, "F": 1}).grade == 1


def test_it_refuses_grades_off_the_scale_and_unknown_sections():
    with pytest.raises(ValueError, match="off the scale"):
        overall_grade(FOUR, {"A": 5, "B": 3, "F": 3})
    with pytest.raises(ValueError, match="no section 'Z'"):
        overall_grade(FOUR, {"A": 4, "B": 3, "F": 3, "Z": 2})


def test_level_of_counts_the_thresholds_met():
    assert [level_of(s, (1.5, 2.5, 3.5)) for s in (1, 1.49, 1.5, 3.49, 3.5, 4)] == [
        1,
        1,
        2,
        3,
        4,
        4,
    ]


@pytest.mark.parametrize(
    ("formula", "problem"),
    [
        (Formula(levels=3, sections=(Section("A", 1),), thresholds=(1.5, 2.5)), "4 or 5 levels"),
        (
            Formula(levels=4, sections=(Section("A", 0),), thresholds=(1.5, 2.5, 3.5)),
            "carry weight",
        ),
        (Formula(levels=4, sections=(Section("A", -1),), thresholds=(1.5, 2.5, 3.5)), "negative"),
        (
            Formula(levels=4, sections=(Section("A", 1),), thresholds=(1.5, 2.5)),
            "give 3 thresholds",
        ),
        (Formula(levels=4, sections=(Section("A", 1),), thresholds=(2.5, 1.5, 3.5)), "must rise"),
        (Formula(levels=4, sections=(Section("A", 1),), thresholds=(1.5, 2.5, 4.5)), "at most 4"),
        (
            Formula(
                levels=4,
                sections=(Section("A", 1),),
                thresholds=(1.5, 2.5, 3.5),
                limits=(Limit("F", 1, 2),),
            ),
            "unknown section 'F'",
        ),
    ],
)
def test_it_names_what_is_wrong_with_a_formula(formula, problem):
    assert any(problem in found for found in formula_problems(formula))


def test_a_sound_formula_has_no_problems():
    assert formula_problems(FOUR) == []
