"""When the demo's meetings fall: a board on the third Wednesday, subgroups the week before."""

import calendar
import datetime
from dataclasses import dataclass, field

BOARD_WEEKDAY = calendar.WEDNESDAY
PAST_BOARD_MEETINGS = 12
UPCOMING_BOARD_MEETINGS = 2


@dataclass
class Slot:
    """One meeting to build: its group key ("board" or a subgroup key), date and place in series."""

    group: str
    date: datetime.date
    number: int
    index: int  # position among this group's meetings in the year, from 0
    held: bool
    board_month: int = field(default=0)  # which board meeting this slot leads up to


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 + months
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def nth_weekday(month: datetime.date, weekday: int, n: int) -> datetime.date:
    first = month.replace(day=1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def board_dates(today: datetime.date) -> list[datetime.date]:
    """Twelve past board meetings ending before `today`, then the next two."""
    this_month = nth_weekday(today, BOARD_WEEKDAY, 3)
    first_month = add_months(today, -PAST_BOARD_MEETINGS + (1 if this_month < today else 0))
    months = PAST_BOARD_MEETINGS + UPCOMING_BOARD_MEETINGS
    return [nth_weekday(add_months(first_month, k), BOARD_WEEKDAY, 3) for k in range(months)]


def slots(
    today: datetime.date, subgroups: list[dict], *, first_number: int, subgroup_first_number: int
) -> list[Slot]:
    """Every meeting of the year in date order; subgroup meetings only in their months."""
    found = []
    for k, day in enumerate(board_dates(today)):
        found.append(Slot("board", day, first_number + k, k, day < today, k))
    for subgroup in subgroups:
        index = 0
        for k, board_day in enumerate(board_dates(today)):
            if k % subgroup["every_months"]:
                continue
            # The Monday-to-Friday week before the board, on the subgroup's own weekday.
            monday = board_day - datetime.timedelta(days=board_day.weekday() + 7)
            day = monday + datetime.timedelta(days=subgroup["weekday"])
            found.append(
                Slot(subgroup["key"], day, subgroup_first_number + index, index, day < today, k)
            )
            index += 1
    return sorted(found, key=lambda slot: (slot.date, slot.group != "board"))
