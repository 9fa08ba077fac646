"""Small-number suppression (statistical disclosure control), send-rules section 5.

Policies: ``none`` shows counts as they are (as the DfE EHC plan release does);
``dfe`` shows 1 to 5 as ``c`` and suppresses a second cell in a row whose total is
known, so a hidden cell cannot be worked out; ``nhs`` shows 1 to 7 as ``*`` and rounds
the rest to the nearest 5. Percentages always come from the unrounded counts and are
hidden whenever their numerator or denominator is.
"""

from collections.abc import Collection, Mapping
from typing import Literal

Policy = Literal["none", "dfe", "nhs"]
POLICIES: tuple[str, ...] = ("none", "dfe", "nhs")
DEFAULT_POLICY: Policy = "dfe"

Shown = int | str

_MARK = {"dfe": "c", "nhs": "*"}
_THRESHOLD = {"dfe": 5, "nhs": 7}


def _check(policy: str) -> None:
    if policy not in POLICIES:
        raise ValueError(f"unknown disclosure policy {policy!r}; use one of {POLICIES}")


def is_small(count: int, *, policy: Policy) -> bool:
    """True when the policy hides this count itself (zero is never hidden)."""
    _check(policy)
    return policy != "none" and 1 <= count <= _THRESHOLD[policy]


def disclose_count(count: int | None, *, policy: Policy) -> Shown | None:
    """One count as it may be shown, without regard to any other cell."""
    if count is None:
        return None
    if is_small(count, policy=policy):
        return _MARK[policy]
    if policy == "nhs":
        return 5 * ((count + 2) // 5)
    return count


def disclose_row(
    cells: Mapping[str, int],
    *,
    policy: Policy,
    total: int | None = None,
    hidden: Collection[str] = (),
) -> dict[str, Shown]:
    """A row of counts that add up to ``total`` (their sum when not given).

    ``hidden`` names cells hidden for a reason outside the row (a rate would give
    them away); they count as hidden cells of the row. Under ``dfe``, one hidden cell
    could be recovered from the total and the others, so the next smallest non-zero
    cell is hidden too; when the total is itself small every cell is hidden. ``nhs``
    rounding already blurs the total, so it needs no second cell.
    """
    total = sum(cells.values()) if total is None else total
    small = {key for key, count in cells.items() if is_small(count, policy=policy)}
    hidden = small | (set(hidden) if policy != "none" else set())
    if policy == "dfe":
        if is_small(total, policy=policy):
            hidden |= {key for key, count in cells.items() if count}
        elif len(hidden) == 1:
            candidates = sorted(
                (count, key) for key, count in cells.items() if count and key not in hidden
            )
            hidden |= {candidates[0][1]} if candidates else set()
    return {
        key: _MARK[policy] if key in hidden else disclose_count(count, policy=policy)
        for key, count in cells.items()
    }


def disclose_rate(
    numerator: int | None, denominator: int | None, *, policy: Policy
) -> dict[str, Shown | float | None]:
    """Numerator, denominator and percentage (1 dp, from the unrounded counts).

    Under ``dfe`` a hidden numerator or denominator hides its partner too when the
    other part (denominator minus numerator) would give it away.
    """
    if numerator is None or denominator is None:
        return {"numerator": numerator, "denominator": denominator, "percent": None}
    if policy == "dfe":
        row = disclose_row(
            {"numerator": numerator, "rest": denominator - numerator},
            policy=policy,
            total=denominator,
        )
        shown_num: Shown = row["numerator"]
        shown_den = disclose_count(denominator, policy=policy)
    else:
        shown_num = disclose_count(numerator, policy=policy)  # type: ignore[assignment]
        shown_den = disclose_count(denominator, policy=policy)
    hidden = isinstance(shown_num, str) or isinstance(shown_den, str)
    percent = None if hidden or not denominator else _percent(numerator, denominator)
    return {"numerator": shown_num, "denominator": shown_den, "percent": percent}


def _percent(numerator: int, denominator: int) -> float:
    """To 1 dp with halves rounded up, from exact integers (no float drift)."""
    return ((2000 * numerator + denominator) // (2 * denominator)) / 10
