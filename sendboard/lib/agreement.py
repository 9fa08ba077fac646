"""How far two auditors grading the same plans agree.

Grades are levels 1 to `levels` of an ordinal scale. Quadratic-weighted Cohen's kappa
counts a disagreement by the square of its distance, against the disagreement
expected by chance from each auditor's own spread of grades:

    kappa = 1 - sum(w_ij * O_ij) / sum(w_ij * E_ij),   w_ij = (i - j)^2 / (levels - 1)^2

where O is the table of observed pairs and E = row totals x column totals / n.

Each function takes the pairs of grades, or their table: how many times each pair
was given, which is how a database counts them over years of audits.
"""

from collections import Counter
from collections.abc import Mapping, Sequence

Pair = tuple[int, int]
Pairs = Sequence[Pair] | Mapping[Pair, int]


def _table(pairs: Pairs) -> Mapping[Pair, int]:
    return pairs if isinstance(pairs, Mapping) else Counter(pairs)


def exact(pairs: Pairs) -> float | None:
    """Share of pairs graded the same; None when there are none."""
    table = _table(pairs)
    n = sum(table.values())
    return sum(count for (a, b), count in table.items() if a == b) / n if n else None


def within_one(pairs: Pairs) -> float | None:
    """Share of pairs at most one level apart."""
    table = _table(pairs)
    n = sum(table.values())
    return sum(count for (a, b), count in table.items() if abs(a - b) <= 1) / n if n else None


def quadratic_kappa(pairs: Pairs, *, levels: int) -> float | None:
    """None when there are no pairs, or when chance alone predicts no disagreement
    (both auditors gave every plan one and the same grade): kappa is then undefined."""
    if levels < 2:
        raise ValueError("a scale needs at least 2 levels")
    table = _table(pairs)
    n = sum(table.values())
    if not n:
        return None
    first = [0] * levels
    second = [0] * levels
    observed = 0.0
    for (a, b), count in table.items():
        if not (1 <= a <= levels and 1 <= b <= levels):
            raise ValueError(f"grades ({a}, {b}) are off a scale of {levels}")
        first[a - 1] += count
        second[b - 1] += count
        observed += count * (a - b) ** 2
    expected = (
        sum(first[i] * second[j] * (i - j) ** 2 for i in range(levels) for j in range(levels)) / n
    )
    if expected == 0:
        return None
    # The (levels - 1)^2 of the weights cancels between the two sums.
    return 1 - observed / expected
