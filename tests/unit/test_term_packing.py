"""Term packing (decision 14): hand-worked cases, and brute force over every assignment."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.planning.terms import EXACT_STEPS, pack_terms


def _numbers(plan_terms: Sequence[Sequence[str]], steps: Sequence[str]) -> tuple[int, ...]:
    where = {s: k + 1 for k, members in enumerate(plan_terms) for s in members}
    return tuple(where[s] for s in steps)


def brute_force(
    steps: Sequence[str],
    hours: Mapping[str, float | None],
    prerequisite_of: Mapping[str, Sequence[str]],
    term_hours: float,
) -> tuple[int, ...]:
    """Every assignment of steps to terms 1..n: the fewest terms, then the smallest numbers."""
    n = len(steps)
    best: tuple[int, tuple[int, ...]] | None = None
    for numbers in itertools.product(range(1, n + 1), repeat=n):
        used = set(numbers)
        if used != set(range(1, max(numbers) + 1)):
            continue  # an empty term never helps
        term_of = dict(zip(steps, numbers, strict=True))
        pairs = [(s, d) for s in steps for d in prerequisite_of.get(s, ())]
        if any(term_of[s] >= term_of[d] for s, d in pairs):
            continue
        ok = True
        for t in used:
            members = [s for s in steps if term_of[s] == t]
            total = sum(hours.get(s) or 0.0 for s in members)
            if len(members) > 1 and total > term_hours + 1e-9:
                ok = False
                break
        if not ok:
            continue
        key = (max(numbers), numbers)
        if best is None or key < best:
            best = key
    assert best is not None
    return best[1]


def test_hand_worked_chain_and_fill() -> None:
    # a (10) -> b (10) needs a; c (5), d (8), e (30, longer than a term of 20).
    # Fewest terms: e alone is one term; a before b. Three terms at least (e, a, b apart? no:
    # a and b must be apart, e alone): terms {a, c}, {b, d}, {e} = 3; the smallest numbers in
    # step order a, b, c, d, e: a=1, b=2, c=1, d=2 (b 10 + d 8 = 18), e=3.
    steps = ["a", "b", "c", "d", "e"]
    hours = {"a": 10.0, "b": 10.0, "c": 5.0, "d": 8.0, "e": 30.0}
    plan = pack_terms(steps, hours, {"a": ["b"]}, 20)
    assert plan.exact
    assert [t.step_ids for t in plan.terms] == [("a", "c"), ("b", "d"), ("e",)]
    assert [t.hours for t in plan.terms] == [15.0, 18.0, 30.0]
    assert [t.overloaded for t in plan.terms] == [False, False, True]
    assert [t.number for t in plan.terms] == [1, 2, 3]


def test_lexicographic_tie_break_looks_past_the_first_term() -> None:
    # x (6), y (6), z (4), w (4); term 10: two terms either way. {x, z}, {y, w} gives numbers
    # (1, 2, 1, 2); {x, w}, {y, z} gives (1, 2, 2, 1): the first is smaller.
    plan = pack_terms(["x", "y", "z", "w"], {"x": 6, "y": 6, "z": 4, "w": 4}, {}, 10)
    assert [t.step_ids for t in plan.terms] == [("x", "z"), ("y", "w")]


def test_unknown_hours_count_zero_and_term_hours_must_be_positive() -> None:
    plan = pack_terms(["a", "b"], {"a": None, "b": 3.0}, {}, 3)
    assert [t.step_ids for t in plan.terms] == [("a", "b")]
    with pytest.raises(ValueError, match="positive"):
        pack_terms(["a"], {"a": 1.0}, {}, 0)


def test_beyond_the_exact_limit_first_fit_says_so() -> None:
    steps = [f"s{i:02}" for i in range(EXACT_STEPS + 1)]
    plan = pack_terms(steps, dict.fromkeys(steps, 5.0), {"s00": ["s01"]}, 10)
    assert not plan.exact
    numbers = _numbers([t.step_ids for t in plan.terms], steps)
    assert numbers[0] < numbers[1]
    assert all(t.hours <= 10 for t in plan.terms)


@st.composite
def _instances(
    draw: st.DrawFn,
) -> tuple[list[str], dict[str, float | None], dict[str, list[str]], float]:
    n = draw(st.integers(1, 6))
    steps = [f"s{i}" for i in range(n)]
    hours: dict[str, float | None] = {
        s: draw(st.one_of(st.none(), st.sampled_from([0.0, 2.0, 3.0, 5.0, 7.0, 12.0])))
        for s in steps
    }
    prerequisite_of: dict[str, list[str]] = {}
    for i, j in itertools.combinations(range(n), 2):  # only earlier -> later: a plan's order
        if draw(st.booleans()) and draw(st.booleans()):
            prerequisite_of.setdefault(steps[i], []).append(steps[j])
    term_hours = draw(st.sampled_from([4.0, 7.0, 10.0]))
    return steps, hours, prerequisite_of, term_hours


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_instances())
def test_exact_packing_equals_brute_force(
    instance: tuple[list[str], dict[str, float | None], dict[str, list[str]], float],
) -> None:
    steps, hours, prerequisite_of, term_hours = instance
    plan = pack_terms(steps, hours, prerequisite_of, term_hours)
    assert plan.exact
    found = _numbers([t.step_ids for t in plan.terms], steps)
    assert found == brute_force(steps, hours, prerequisite_of, term_hours)
    for term in plan.terms:
        assert term.overloaded == any((hours[s] or 0.0) > term_hours for s in term.step_ids)
        assert term.overloaded == (term.hours > term_hours)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(_instances())
def test_first_fit_is_a_valid_packing(
    instance: tuple[list[str], dict[str, float | None], dict[str, list[str]], float],
) -> None:
    from graph.planning import terms

    steps, hours, prerequisite_of, term_hours = instance
    weight = [hours[s] or 0.0 for s in steps]
    index = {s: i for i, s in enumerate(steps)}
    before = [0] * len(steps)
    for s, dependants in prerequisite_of.items():
        for d in dependants:
            before[index[d]] |= 1 << index[s]
    packed = terms._first_fit(len(steps), weight, before, term_hours)
    where = {i: k for k, members in enumerate(packed) for i in members}
    assert sorted(where) == list(range(len(steps)))
    for s, dependants in prerequisite_of.items():
        assert all(where[index[s]] < where[index[d]] for d in dependants)
    for members in packed:
        assert len(members) == 1 or sum(weight[i] for i in members) <= term_hours
