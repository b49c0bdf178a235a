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
        best: tuple[float, int, list[str]] | None = None
        for size in range(1, len(candidates) + 1):
            for combo in itertools.combinations(candidates, size):
                chosen = frozenset(combo)
                if reachable <= covers(chosen):
                    key = (round(sum(hours[c] for c in combo), 9), size, sorted(combo))
                    if best is None or key < best:
                        best = key
        assert best is not None  # noqa: S101 - all candidates together reach `reachable`
        return tuple(best[2]), uncoverable, True
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
