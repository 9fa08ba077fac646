"""A month's audit sample: drawn at random within strata, reproducibly from a seed.

The sample is shared across strata (team, school phase, primary need) in proportion
to their sizes by the largest-remainder method: each stratum gets the whole part of
its quota, and the places left go to the largest fractional parts. The same plans,
seed and size always draw the same sample.
"""

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    plan_id: str
    stratum: tuple[str, ...]


def target_size(percent: float, base: int) -> int:
    """Plans to audit: `percent` of `base`, rounded up so a target is never undershot."""
    if percent < 0 or base < 0:
        raise ValueError("a target and its base cannot be negative")
    # Rounded first so that 5% of 200 is 10, not 11 from 10.000000000000002.
    return math.ceil(round(percent * base / 100, 9))


def allocate(sizes: Mapping[Hashable, int], total: int) -> dict[Hashable, int]:
    """Largest-remainder allocation of `total` across strata of these sizes.

    Ties in the remainders go to the larger stratum, then to the first in sorted order,
    so the allocation never depends on the order the strata arrive in.
    """
    population = sum(sizes.values())
    if total > population:
        raise ValueError(f"cannot sample {total} from {population}")
    if total <= 0 or population == 0:
        return dict.fromkeys(sizes, 0)
    quotas = {key: total * size / population for key, size in sizes.items()}
    shares = {key: math.floor(quota) for key, quota in quotas.items()}
    left = total - sum(shares.values())
    ranked = sorted(sizes, key=lambda key: (-(quotas[key] - shares[key]), -sizes[key], str(key)))
    for key in ranked[:left]:
        shares[key] += 1
    return shares


def draw(plans: Iterable[Plan], *, size: int, seed: int, exclude: Iterable[str] = ()) -> list[str]:
    """`size` plan ids (or every eligible one, if fewer), none of them in `exclude`."""
    excluded = set(exclude)
    strata: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for plan in plans:
        if plan.plan_id not in excluded:
            strata[plan.stratum].append(plan.plan_id)
    eligible = sum(len(ids) for ids in strata.values())
    shares = allocate({key: len(ids) for key, ids in strata.items()}, min(size, eligible))
    rng = random.Random(seed)
    chosen: list[str] = []
    for key in sorted(strata):
        if shares[key]:
            chosen.extend(rng.sample(sorted(strata[key]), shares[key]))
    return chosen
