"""The demo's typed words state no figure: a figure in its minutes comes from its records."""

import re

import pytest

from sendboard.demo import content

# Numbers that are rules or names, not figures: the 20-week limit, ages, years, Post-16,
# and section 75 of the NHS Act 2006.
NOT_FIGURES = re.compile(
    r"\b20[- ]weeks?\b|\b(?:age|aged|from age|at) 1[0-9]( to 25)?\b|1[0-9]\+|Post-16"
    r"|\b20[0-9]{2}\b|section 75"
)
FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\b\d{2,}(?:,\d{3})*\b")


def _words(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [word for item in value.values() for word in _words(item)]
    if isinstance(value, list | tuple):
        return [word for item in value for word in _words(item)]
    return []


SAID = [
    text
    for name in (
        "SUBGROUP_REPORTS",
        "CYP_VOICE",
        "PARENT_CARER",
        "CHALLENGES",
        "FORWARD_PLAN",
        "BOARD_ACTIONS",
        "SUBGROUP_ACTIONS",
        "UPDATES",
        "SUBGROUP_NOTES",
        "AOB",
    )
    for text in _words(getattr(content, name))
]


@pytest.mark.parametrize("text", SAID)
def test_no_typed_minute_states_a_figure(text):
    assert not FIGURE.search(NOT_FIGURES.sub("", text)), text
