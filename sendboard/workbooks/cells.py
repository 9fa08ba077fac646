"""What a spreadsheet cell says, read as the words councils type into their trackers.

Dates come as real dates, "31/03/2025", "31 March 2025" or "March 2025"; statuses as
RAG words, letters or colour names ("Green", "G", "Amber", "Blue", "Complete"). Each
reader returns the value or raises `CellError` with the message a person can act on.
"""

import calendar
import re
import string
from datetime import date, datetime

from sendboard.plans.models import Status


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message says why."""


_PUNCTUATION = str.maketrans({mark: " " for mark in string.punctuation})
# Cells written by an export that start like a formula carry a quote mark (see exports).
_FORMULA_STARTS = ("=", "+", "-", "@")


def normalise(header: object) -> str:
    """A header as compared with a remembered one: case, spaces and punctuation ignored."""
    return " ".join(str(header or "").lower().translate(_PUNCTUATION).split())


def text(value: object) -> str:
    """The cell as text, trimmed; a whole number typed as a number reads without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    found = str(value).strip()
    if found[:1] == "'" and found[1:2] in _FORMULA_STARTS:
        return found[1:]
    return found


_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})$")
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}


def parse_date(value: object, *, month_end: bool = False) -> date | None:
    """A date from a real date cell or typed text; a month alone is its first or last day.

    "March 2025" as a target date means by the end of March; as a start date, from
    its first day: `month_end` says which the column means.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    typed = text(value)
    if not typed:
        return None
    try:
        return _typed_date(typed.lower(), month_end=month_end)
    except ValueError as error:
        raise CellError(f"'{typed}' is not a date") from error


def _typed_date(typed: str, *, month_end: bool) -> date:
    if found := _NUMERIC.match(typed):
        day, month, year = (int(part) for part in found.groups())
        return date(year + 2000 if year < 100 else year, month, day)
    if found := _ISO.match(typed):
        return date(*(int(part) for part in found.groups()))
    if (found := _WORDS.match(typed)) and found.group(2) in _MONTHS:
        year, month = int(found.group(3)), _MONTHS[found.group(2)]
        if found.group(1):
            return date(year, month, int(found.group(1)))
        return date(year, month, calendar.monthrange(year, month)[1] if month_end else 1)
    raise ValueError(typed)


_STATUS_WORDS = {
    Status.NOT_STARTED: ("not started", "grey", "gray", "n", "ns", "not yet started", "white"),
    Status.ON_TRACK: ("on track", "green", "g", "on target", "in progress"),
    Status.AT_RISK: ("at risk", "amber", "a", "orange", "yellow", "some slippage"),
    Status.OFF_TRACK: ("off track", "red", "r", "delayed", "significant slippage"),
    Status.COMPLETE: ("complete", "completed", "blue", "b", "done", "achieved"),
    Status.EMBEDDED: ("embedded", "purple", "business as usual", "bau"),
}
STATUS_BY_WORD = {word: status for status, words in _STATUS_WORDS.items() for word in words}


def parse_status(value: object) -> Status | None:
    """A plan line's status from its RAG word, letter or colour; blank says nothing."""
    typed = text(value)
    if not typed:
        return None
    found = STATUS_BY_WORD.get(normalise(typed))
    if found is None:
        raise CellError(
            f"'{typed}' is not a status: use Not started, On track, At risk, Off track, "
            "Complete or Embedded, or Grey, Green, Amber, Red, Blue"
        )
    return found


def parse_grade(value: object) -> int | None:
    """A likelihood or impact on the 5 x 5 grid, typed as 1 to 5."""
    typed = text(value)
    if not typed:
        return None
    try:
        grade = int(float(typed))
    except ValueError as error:
        raise CellError(f"'{typed}' is not a number from 1 to 5") from error
    if grade != float(typed) or not 1 <= grade <= 5:
        raise CellError(f"'{typed}' is not a number from 1 to 5")
    return grade


_PEOPLE_SEPARATORS = re.compile(r"\s*(?:[;,/\n]|\band\b|&)\s*")


def names(value: object) -> list[str]:
    """The people a cell names: "Jo Bloggs; Sam Patel", "Jo Bloggs and Sam Patel"."""
    return [name for name in _PEOPLE_SEPARATORS.split(text(value)) if name]


_YES = {"yes", "y", "true", "1", "escalated", "x"}
_NO = {"no", "n", "false", "0", "not escalated"}


def parse_yes_no(value: object) -> bool | None:
    typed = text(value)
    if not typed:
        return None
    if normalise(typed) in _YES:
        return True
    if normalise(typed) in _NO:
        return False
    raise CellError(f"'{typed}' is not Yes or No")


def lines_of(value: object) -> list[str]:
    """The items of a cell holding one a line, bullets and numbering left off."""
    return [
        item
        for line in text(value).splitlines()
        if (item := re.sub(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", "", line).strip())
    ]
