"""Term plans (DOMAIN.md decision 14): a plan's steps packed into the fewest terms, without I/O.

A step that is a prerequisite of another sits in an earlier term; the hours of a term sum to at
most `term_hours`; a step longer than that takes a term of its own (overloaded); unknown hours
count 0. Among the packings with the fewest terms, the one whose term numbers, read in the order
of the steps, are lexicographically smallest. Exact (a search over sets of placed steps) up to
EXACT_STEPS steps; beyond, first-fit term by term in step order, reported as not exact.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from graph.planning.plans import Step

EXACT_STEPS = 12
_EPS = 1e-9


@dataclass(frozen=True)
class Term:
    """One term: its number (from 1), its hours and its step ids in step order."""

    number: int
    hours: float
    step_ids: tuple[str, ...]
    overloaded: bool


@dataclass(frozen=True)
class TermPlan:
    """The terms of a plan and whether they are provably the fewest (decision 14)."""

    terms: tuple[Term, ...]
    exact: bool


def pack_terms(
    step_ids: Sequence[str],
    hours: Mapping[str, float | None],
    prerequisite_of: Mapping[str, Sequence[str]],
    term_hours: float,
) -> TermPlan:
    """Pack the steps (in plan order) into terms of at most `term_hours` hours."""
    if term_hours <= 0:
        raise ValueError("term_hours must be positive")
    n = len(step_ids)
    index = {s: i for i, s in enumerate(step_ids)}
    weight = [max(hours.get(s) or 0.0, 0.0) for s in step_ids]
    # before[i]: the bit mask of the steps that must sit in a term earlier than step i
    before = [0] * n
    for s in step_ids:
        for dependant in prerequisite_of.get(s, ()):
            if dependant in index and dependant != s:
                before[index[dependant]] |= 1 << index[s]
    if n <= EXACT_STEPS:
        terms = _exact(n, weight, before, term_hours)
        exact = True
    else:
        terms = _first_fit(n, weight, before, term_hours)
        exact = False
    return TermPlan(
        tuple(
            Term(
                number=k + 1,
                hours=round(sum(weight[i] for i in members), 9),
                step_ids=tuple(step_ids[i] for i in members),
                overloaded=any(weight[i] > term_hours + _EPS for i in members),
            )
            for k, members in enumerate(terms)
        ),
        exact,
    )


def _maximal_terms(
    n: int, weight: Sequence[float], before: Sequence[int], term_hours: float, placed: int
) -> list[int]:
    """Every set of available steps that fits one term and cannot take one more available step.

    A best packing only needs maximal sets: moving an available step into an earlier term where
    it fits never delays anything and puts an earlier-listed step into an earlier term or the same.
    """
    available = [i for i in range(n) if not placed >> i & 1 and before[i] & ~placed == 0]
    found: list[int] = []
    cap = term_hours + _EPS

    # suffix[k]: the hours of available[k:], the most a term could still add
    suffix = [0.0] * (len(available) + 1)
    for k in range(len(available) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + weight[available[k]]

    def grow(k: int, members: int, total: float, lightest_left_out: float) -> None:
        # maximal: no step left out fits beside the members; hopeless when even every step
        # still to come would not push a left-out step over the limit
        if total + suffix[k] + lightest_left_out <= cap:
            return
        if k == len(available):
            if members:
                found.append(members)
            return
        i = available[k]
        with_i = total + weight[i]
        if members == 0 or with_i <= cap:  # alone, any step fits
            grow(k + 1, members | 1 << i, with_i, lightest_left_out)
        grow(k + 1, members, total, min(lightest_left_out, weight[i]))

    grow(0, 0, 0.0, math.inf)
    return found


def _exact(
    n: int, weight: Sequence[float], before: Sequence[int], term_hours: float
) -> list[list[int]]:
    """The fewest terms, then the lexicographically smallest term numbers in step order."""
    full = (1 << n) - 1

    @cache
    def best(placed: int) -> tuple[int, tuple[int, ...], int]:
        """(terms left, the term offsets of every step, 0 for placed ones; the next term)."""
        if placed == full:
            return 0, (0,) * n, 0
        after = {
            members: best(placed | members)
            for members in _maximal_terms(n, weight, before, term_hours, placed)
        }
        fewest = min(left for left, _, _ in after.values())
        found: tuple[int, tuple[int, ...], int] | None = None
        for members, (left, offsets, _) in after.items():
            if left != fewest:
                continue
            vector = tuple(
                1 if members >> i & 1 else (offsets[i] + 1 if offsets[i] else 0) for i in range(n)
            )
            if found is None or vector < found[1]:
                found = (left + 1, vector, members)
        assert found is not None  # noqa: S101 - an unplaced step is always available
        return found

    terms: list[list[int]] = []
    placed = 0
    while placed != full:
        members = best(placed)[2]
        terms.append([i for i in range(n) if members >> i & 1])
        placed |= members
    return terms


def _first_fit(
    n: int, weight: Sequence[float], before: Sequence[int], term_hours: float
) -> list[list[int]]:
    """Term by term, each available step in step order that still fits (the heuristic)."""
    terms: list[list[int]] = []
    placed = 0
    while placed != (1 << n) - 1:
        members: list[int] = []
        total = 0.0
        for i in range(n):
            if placed >> i & 1 or before[i] & ~placed:
                continue
            if weight[i] > term_hours + _EPS:
                if not members:
                    members.append(i)
                    break
                continue
            if total + weight[i] <= term_hours + _EPS:
                members.append(i)
                total += weight[i]
        if not members:  # a prerequisite cycle: cannot happen for a plan's ordered steps
            members = [i for i in range(n) if not placed >> i & 1]
        terms.append(members)
        for i in members:
            placed |= 1 << i
    return terms


def plan_terms(steps: Sequence[Step], term_hours: float) -> TermPlan:
    """A plan's ordered steps packed into terms (decision 14)."""
    return pack_terms(
        [s.item_id for s in steps],
        {s.item_id: s.hours for s in steps},
        {s.item_id: s.prerequisite_of for s in steps},
        term_hours,
    )
