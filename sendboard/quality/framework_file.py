"""A quality assurance framework as a JSON file: read, checked, and every problem named.

    {"name": "...", "scale": ["Inadequate", "Requires improvement", "Good", "Outstanding"],
     "good_or_better_from": "Good",
     "thresholds": {"Requires improvement": 1.5, "Good": 2.5, "Outstanding": 3.5},
     "sections": [{"key": "A", "title": "...", "weight": 1, "required": true,
                   "criteria": [{"text": "...", "descriptors": {"Good": "..."}}]}],
     "limits": [{"section": "F", "at_most": "Inadequate", "cap": "Requires improvement"}]}

The scale is written worst first. Sections are the statutory EHC plan sections A to K
and any local ones (a key of your own, such as "L1").
"""

import json
from pathlib import Path

from sendboard.lib.grading import Formula, Limit, Section, formula_problems

STATUTORY_SECTIONS = tuple("ABCDEFGHIJK")
SHIPPED = Path(__file__).parent / "frameworks"
MAX_BYTES = 1_000_000


class FrameworkFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_sections(spec: dict, scale: list[str], problems: list[str]) -> list[Section]:
    sections = spec.get("sections")
    if not isinstance(sections, list) or not sections:
        problems.append("sections: list the sections, each with a key, title and weight")
        return []
    found = []
    for n, section in enumerate(sections, start=1):
        where = f"sections[{n}]"
        if not isinstance(section, dict):
            problems.append(f"{where}: must be an object with a key, title and weight")
            continue
        if not _text(section.get("key")):
            problems.append(f"{where}.key: give the section's letter or local key")
        if not _text(section.get("title")):
            problems.append(f"{where}.title: give the section's title")
        if not _number(section.get("weight")):
            problems.append(f"{where}.weight: must be a number, such as 1 or 2.5")
        for m, criterion in enumerate(section.get("criteria", []), start=1):
            if not isinstance(criterion, dict) or not _text(criterion.get("text")):
                problems.append(f"{where}.criteria[{m}].text: give the criterion")
                continue
            unknown = set(criterion.get("descriptors", {})) - set(scale)
            if unknown:
                problems.append(
                    f"{where}.criteria[{m}].descriptors: {', '.join(sorted(unknown))} "
                    "is not a grade of the scale"
                )
        if _text(section.get("key")) and _number(section.get("weight")):
            found.append(
                Section(section["key"], float(section["weight"]), section.get("required", True))
            )
    return found


def _check_limits(spec: dict, scale: list[str], problems: list[str]) -> list[Limit]:
    found = []
    for n, limit in enumerate(spec.get("limits", []), start=1):
        words = [limit.get(part) for part in ("at_most", "cap")] if isinstance(limit, dict) else []
        if len(words) != 2 or any(word not in scale for word in words):
            problems.append(
                f"limits[{n}]: give the section, at_most and cap, each a grade of the scale"
            )
            continue
        levels = [scale.index(word) + 1 for word in words]
        found.append(Limit(str(limit.get("section")), levels[0], levels[1]))
    return found


def check_spec(spec: object) -> dict:
    """The framework, or FrameworkFileError listing every problem with where it is."""
    if not isinstance(spec, dict):
        raise FrameworkFileError(["the file must hold one JSON object"])
    problems: list[str] = []
    if not _text(spec.get("name")):
        problems.append("name: give the framework's name")
    scale = spec.get("scale")
    if not isinstance(scale, list) or not all(_text(word) for word in scale):
        problems.append("scale: list the grades, worst first, as words")
        raise FrameworkFileError(problems)
    if len(scale) not in (4, 5):
        problems.append(f"scale: give 4 or 5 grades, not {len(scale)}")
    if spec.get("good_or_better_from") not in scale:
        problems.append("good_or_better_from: name the grade of the scale that counts as good")
    thresholds = spec.get("thresholds")
    if not isinstance(thresholds, dict) or any(
        not _number(thresholds.get(word)) for word in scale[1:]
    ):
        problems.append(
            "thresholds: give the lowest weighted mean for each grade above the worst: "
            + ", ".join(scale[1:])
        )
        thresholds = {}
    sections = _check_sections(spec, scale, problems)
    limits = _check_limits(spec, scale, problems)
    if thresholds and sections and len(scale) in (4, 5):
        formula = Formula(
            levels=len(scale),
            sections=tuple(sections),
            thresholds=tuple(float(thresholds[word]) for word in scale[1:]),
            limits=tuple(limits),
        )
        problems.extend(f"formula: {problem}" for problem in formula_problems(formula))
    if problems:
        raise FrameworkFileError(problems)
    return spec


def read_framework(data: bytes) -> dict:
    """The framework in a file's bytes; every problem is named by where it is, not by
    the file's name, which the caller knows."""
    if len(data) > MAX_BYTES:
        raise FrameworkFileError([f"the file is larger than {MAX_BYTES:,} bytes"])
    try:
        spec = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FrameworkFileError(["the file is not UTF-8 text"]) from error
    except json.JSONDecodeError as error:
        raise FrameworkFileError(
            [f"line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from error
    return check_spec(spec)


def shipped_framework() -> dict:
    """The framework the demo uses, shipped with the app."""
    return read_framework((SHIPPED / "northshire.json").read_bytes())
