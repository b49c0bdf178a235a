"""Fewest-hours closing sets (skill gaps, decision 9), without I/O.

`covers(chosen)` says which targets a set of offerings covers together (the coverage semantics are
not additive: a roll-up can need children taught by two offerings). Exact by enumerating subsets in
size order up to EXACT_CANDIDATES offerings; beyond, the classic greedy choice by hours per newly
covered target, within a factor H(d) <= 1 + ln d of the optimum, d being the most targets one
offering covers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

EXACT_CANDIDATES = 12


def closing_set(
    targets: frozenset[str],
    hours: Mapping[str, float],
    covers: Callable[[frozenset[str]], frozenset[str]],
) -> tuple[tuple[str, ...], frozenset[str], bool]:
    """(chosen offerings sorted, targets they cannot cover, exact?)."""
    candidates = sorted(hours)
    reachable = covers(frozenset(candidates)) & targets
    uncoverable = targets - reachable
    if not reachable:
        return (), uncoverable, True
    if len(candidates) <= EXACT_CANDIDATES:
        return _fewest_hours(candidates, hours, reachable, covers), uncoverable, True
    chosen_set: frozenset[str] = frozenset()
    covered = covers(chosen_set) & reachable
    while covered != reachable:
        scored = []
        for candidate in candidates:
            if candidate in chosen_set:
                continue
            gain = len((covers(chosen_set | {candidate}) & reachable) - covered)
            if gain:
                scored.append((hours[candidate] / gain, candidate))
        if not scored:
            break
        _, pick = min(scored)
        chosen_set = chosen_set | {pick}
        covered = covers(chosen_set) & reachable
    return tuple(sorted(chosen_set)), uncoverable | (reachable - covered), False


def _fewest_hours(
    candidates: list[str],
    hours: Mapping[str, float],
    reachable: frozenset[str],
    covers: Callable[[frozenset[str]], frozenset[str]],
) -> tuple[str, ...]:
    """The covering subset least by (hours, size, sorted names), every subset considered.

    Subsets come in size order and, within a size, in name order, so a later subset wins only
    with strictly fewer hours: one with as many hours as the best so far is passed over without
    asking `covers` (the costly part), and once the smallest hours of any subset of a size
    exceed the best, no larger subset can win (hours are never negative)."""
    best: tuple[float, int, tuple[str, ...]] | None = None
    ascending = sorted(hours[c] for c in candidates)
    for size in range(1, len(candidates) + 1):
        if best is not None and round(sum(ascending[:size]), 9) > best[0]:
            break
        for combo in itertools.combinations(candidates, size):
            total = round(sum(hours[c] for c in combo), 9)
            if best is not None and total >= best[0]:
                continue
            if reachable <= covers(frozenset(combo)):
                best = (total, size, combo)
    assert best is not None  # noqa: S101 - all candidates together reach `reachable`
    return best[2]
