"""The plan's figures: the arithmetic the board reads as "92% complete or embedded"."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sendboard.plans.models import Status
from sendboard.plans.rollups import Line, changes, rollup, share

AS_AT = date(2026, 11, 30)


def _line(key=1, status=Status.ON_TRACK, **fields) -> Line:
    defaults = {
        "reference": f"1.{key}",
        "area": "APA1",
        "outcome": "1",
        "due_on": None,
        "updated": True,
        "evidence_count": 1,
    }
    return Line(key=key, status=status, **{**defaults, **fields})


def test_an_empty_plan_has_no_percentages_and_says_why():
    empty = rollup([])
    assert (empty.total, empty.done_share, empty.obstacles_share) == (0, None, None)
    assert empty.sentence() == "There are no actions in this part of the plan yet."


def test_an_all_complete_plan_is_a_hundred_percent_with_no_obstacles():
    done = rollup([_line(1, Status.COMPLETE), _line(2, Status.EMBEDDED)])
    assert (done.done, done.done_share, done.obstacles) == (2, 100, 0)
    assert done.sentence() == (
        "100% of 2 actions complete or embedded. No actions are at risk or off track."
    )


def test_it_counts_the_seed_boards_twelve_lines_as_92_and_8_percent():
    lines = [_line(n, Status.COMPLETE) for n in range(11)] + [_line(11, Status.AT_RISK)]
    figures = rollup(lines)
    assert (figures.done_share, figures.obstacles_share) == (92, 8)
    assert figures.sentence() == (
        "92% of 12 actions complete or embedded, 8% experiencing obstacles (at risk or off track)."
    )


def test_amber_and_red_are_obstacles_and_grey_is_not_started():
    figures = rollup(
        [_line(1, Status.AT_RISK), _line(2, Status.OFF_TRACK), _line(3, Status.NOT_STARTED)]
    )
    assert (figures.obstacles, figures.not_started) == (2, 1)
    assert [row[1] for row in figures.rows()] == [1, 0, 1, 1, 0, 0]


@given(st.lists(st.sampled_from(list(Status)), max_size=60))
def test_the_counts_by_status_add_up_to_the_total(statuses):
    figures = rollup([_line(n, status) for n, status in enumerate(statuses)])
    assert sum(count for _, count, _ in figures.rows()) == figures.total == len(statuses)
    if statuses:
        assert figures.done_share == share(figures.done, len(statuses))


def test_a_period_with_no_updates_lists_every_unfinished_line_as_not_updated():
    lines = [_line(1, updated=False), _line(2, Status.COMPLETE, updated=False)]
    found = changes(lines, {}, as_at=AS_AT)
    assert [line.key for line in found.not_updated] == [1]


def test_it_names_lines_newly_red_and_newly_done_since_the_previous_period():
    previous = {
        1: _line(1, Status.AT_RISK),
        2: _line(2, Status.ON_TRACK),
        3: _line(3, Status.OFF_TRACK),
    }
    now = [_line(1, Status.OFF_TRACK), _line(2, Status.EMBEDDED), _line(3, Status.OFF_TRACK)]
    found = changes(now, previous, as_at=AS_AT)
    assert [line.key for line in found.moved_to_red] == [1]
    assert [line.key for line in found.newly_done] == [2]


def test_a_line_past_its_due_date_with_no_evidence_is_flagged():
    lines = [
        _line(1, due_on=date(2026, 10, 1), evidence_count=0),
        _line(2, due_on=date(2026, 10, 1), evidence_count=2),
        _line(3, Status.COMPLETE, due_on=date(2026, 10, 1), evidence_count=0),
        _line(4, due_on=date(2026, 12, 1), evidence_count=0),
    ]
    found = changes(lines, {}, as_at=AS_AT)
    assert [line.key for line in found.overdue_without_evidence] == [1]
