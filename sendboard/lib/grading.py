"""The overall grade of an audited EHC plan, from its section grades.

A grade is a level of the framework's scale, counted from 1 (the worst, such as
inadequate) up to the number of levels (the best, such as outstanding). The overall
grade is the weighted mean of the graded sections' levels, placed on the scale by
thresholds, then capped by the limiting judgements: "if the provision section is
inadequate, the plan cannot be better than requires improvement".
"""

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise


class FormulaError(ValueError):
    """The framework's formula cannot grade: it names what is wrong."""


class IncompleteGrades(ValueError):
    """A required section has no grade, so no overall grade can be given yet."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(f"No grade yet for {', '.join(missing)}")


@dataclass(frozen=True)
class Section:
    key: str
    weight: float
    # An optional section (a local one, say) may be left ungraded; the others share
    # its weight, so leaving it out neither lifts nor lowers the plan.
    required: bool = True


@dataclass(frozen=True)
class Limit:
    """When `section` is graded at `at_most` or worse, the plan is graded `cap` at best."""

    section: str
    at_most: int
    cap: int


@dataclass(frozen=True)
class Formula:
    levels: int  # 4 or 5
    sections: tuple[Section, ...]
    # The lowest weighted mean that reaches each level from 2 up: len == levels - 1.
    thresholds: tuple[float, ...]
    limits: tuple[Limit, ...] = ()


@dataclass(frozen=True)
class Overall:
    grade: int
    score: float  # the weighted mean, before thresholds and limits
    limited_by: tuple[Limit, ...]  # the limits that lowered the grade


def formula_problems(formula: Formula) -> list[str]:
    """Every reason the formula cannot grade, in words; empty when it can."""
    problems = []
    if formula.levels not in (4, 5):
        problems.append(f"the scale must have 4 or 5 levels, not {formula.levels}")
    keys = [section.key for section in formula.sections]
    if len(set(keys)) != len(keys):
        problems.append("each section may appear only once")
    if any(section.weight < 0 for section in formula.sections):
        problems.append("a weight cannot be negative")
    if not any(section.weight > 0 and section.required for section in formula.sections):
        problems.append("at least one required section must carry weight")
    thresholds = formula.thresholds
    if len(thresholds) != formula.levels - 1:
        problems.append(
            f"give {formula.levels - 1} thresholds, one for each level above the lowest"
        )
    elif any(b <= a for a, b in pairwise(thresholds)):
        problems.append("thresholds must rise from one level to the next")
    elif thresholds and not (thresholds[0] > 1 and thresholds[-1] <= formula.levels):
        problems.append(f"thresholds must lie above 1 and at most {formula.levels}")
    for limit in formula.limits:
        if limit.section not in keys:
            problems.append(f"a limiting judgement names an unknown section {limit.section!r}")
        if not (1 <= limit.at_most <= formula.levels and 1 <= limit.cap <= formula.levels):
            problems.append(f"a limiting judgement on {limit.section!r} is off the scale")
    return problems


def level_of(score: float, thresholds: tuple[float, ...]) -> int:
    """The level a weighted mean reaches: 1 plus the thresholds it meets."""
    return 1 + sum(score >= threshold for threshold in thresholds)


def overall_grade(formula: Formula, grades: Mapping[str, int | None]) -> Overall:
    """Raises IncompleteGrades when a required section is ungraded, ValueError for a
    grade off the scale or a section the framework does not have."""
    known = {section.key for section in formula.sections}
    for key, grade in grades.items():
        if key not in known:
            raise ValueError(f"the framework has no section {key!r}")
        if grade is not None and not 1 <= grade <= formula.levels:
            raise ValueError(f"section {key!r}: grade {grade} is off the scale")
    missing = [s.key for s in formula.sections if s.required and grades.get(s.key) is None]
    if missing:
        raise IncompleteGrades(missing)
    graded = [(s, grades[s.key]) for s in formula.sections if grades.get(s.key) is not None]
    total_weight = sum(section.weight for section, _ in graded)
    if total_weight <= 0:
        raise FormulaError("the graded sections carry no weight")
    score = sum(section.weight * grade for section, grade in graded) / total_weight
    # Rounded so that a mean of exactly a threshold is not lost to float error (2.4999...).
    grade = level_of(round(score, 9), formula.thresholds)
    limited_by = []
    for limit in formula.limits:
        given = grades.get(limit.section)
        if given is not None and given <= limit.at_most and limit.cap < grade:
            limited_by.append(limit)
    capped = min([grade, *(limit.cap for limit in limited_by)])
    return Overall(grade=capped, score=score, limited_by=tuple(limited_by))
