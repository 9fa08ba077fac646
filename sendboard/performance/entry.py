"""Reading one figure as a person types it, in a form or in a row of a file.

The same rules for both: a rate is recomputed from its numerator and denominator
(a typed figure that disagrees is refused, not stored); a count has no share of
anything; a blank is not zero.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sendboard.lib.periods import Period, parse_period
from sendboard.performance.models import Indicator
from sendboard.performance.services import Entry

SCALES = {Indicator.Unit.PERCENT: 100, Indicator.Unit.PER_1000: 1000}
_MONTH_WORDS = re.compile(r"^([A-Za-z]{3,9})[\s\-/]+(\d{2}|\d{4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class EntryError(ValueError):
    field: str  # "period", "value", "numerator", "denominator"
    message: str

    def __str__(self) -> str:
        return self.message


def read_period(cell: object) -> Period:
    """A period from a label (2024-05, 2024-Q2, FY2024-25), a month in words ("May 2024",
    "Apr-24") or a date cell (the month it falls in)."""
    if isinstance(cell, datetime | date):
        day = cell.date() if isinstance(cell, datetime) else cell
        return parse_period(f"{day:%Y-%m}")
    text = str(cell or "").strip()
    if not text:
        raise EntryError("period", "Enter the period, such as 2025-05, May 2025 or 2025-Q2")
    if match := _MONTH_WORDS.match(text):
        month = _MONTHS.get(match[1].lower())
        year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
        if month:
            return parse_period(f"{year}-{month:02d}")
    try:
        return parse_period(text)
    except ValueError as error:
        raise EntryError("period", str(error)) from error


def read_number(cell: object, *, field: str, whole: bool = False) -> Decimal | None:
    """A number as typed: "1,234", "45.9%", "£1,200"; blank is None, never zero."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    text = str(cell).strip().replace(",", "").removeprefix("£").removesuffix("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise EntryError(field, f"{cell!r} is not a number") from error
    if not number.is_finite():
        raise EntryError(field, f"{cell!r} is not a number")
    if whole and (number != number.to_integral_value() or number < 0):
        raise EntryError(field, f"{cell!r} is not a whole number of 0 or more")
    return number


def entry_from(
    indicator: Indicator,
    *,
    period: object,
    value: object = None,
    numerator: object = None,
    denominator: object = None,
    note: str = "",
    provenance: str = "",
) -> Entry:
    """One figure for ``indicator``, checked; raises EntryError naming the field."""
    found_period = read_period(period)
    found_value = read_number(value, field="value")
    top = read_number(numerator, field="numerator", whole=True)
    bottom = read_number(denominator, field="denominator", whole=True)
    if (top is None) != (bottom is None):
        missing = "denominator" if bottom is None else "numerator"
        raise EntryError(missing, f"Enter the {missing} too, or neither")
    if top is not None and bottom is not None:
        found_value = _recomputed(indicator, found_value, int(top), int(bottom))
    if found_value is None:
        raise EntryError("value", "Enter the figure, or its numerator and denominator")
    if indicator.unit == Indicator.Unit.PERCENT and not 0 <= found_value <= 100:
        raise EntryError("value", f"{found_value}% is not a percentage between 0 and 100")
    return Entry(
        period=found_period,
        value=found_value.quantize(Decimal("0.01")),
        numerator=None if top is None else int(top),
        denominator=None if bottom is None else int(bottom),
        note=note.strip(),
        provenance=provenance,
    )


def _recomputed(indicator: Indicator, typed: Decimal | None, top: int, bottom: int) -> Decimal:
    if bottom == 0:
        raise EntryError("denominator", "The denominator is 0: nothing to take a share of")
    if indicator.unit == Indicator.Unit.PERCENT and top > bottom:
        raise EntryError("numerator", f"The numerator ({top}) is more than the denominator")
    scale = SCALES.get(indicator.unit)
    if scale is None:
        raise EntryError(
            "numerator",
            f"{indicator.get_unit_display()} is not a rate: give the figure, not a numerator",
        )
    computed = (Decimal(scale) * top / bottom).quantize(Decimal("0.1"))
    if typed is not None and abs(typed - computed) > Decimal("0.05"):
        raise EntryError(
            "value", f"{typed} does not match {top} of {bottom} ({computed}): check them"
        )
    return computed
