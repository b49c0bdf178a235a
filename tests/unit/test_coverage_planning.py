"""Coverage semantics and closing sets on hand-built facts."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.planning.cover import closing_set
from graph.planning.coverage import Alignment, Source, coverage


def held(*ids: str) -> list[Source]:
    return [Source(c, "EARNED", f"item-{c}", "learner") for c in ids]


def test_exact_alignments_spread_two_hops_both_ways() -> None:
    # a -EXACT-> b <-EXACT- c -EXACT-> d: from a, b (1 hop) and c (2 hops); d is 3 hops away.
    alignments = [
        Alignment("a", "b", "EXACT"),
        Alignment("c", "b", "EXACT"),
        Alignment("c", "d", "EXACT"),
    ]
    covered = coverage(held("a"), alignments, {})
    assert set(covered) == {"a", "b", "c"}
    assert [(link.from_id, link.to_id) for link in covered["c"].path[-2:]] == [
        ("a", "b"),
        ("c", "b"),
    ]


def test_close_only_when_asked_and_other_matches_never() -> None:
    alignments = [
        Alignment("a", "b", "CLOSE"),
        Alignment("a", "c", "BROAD"),
        Alignment("a", "d", "RELATED"),
    ]
    assert set(coverage(held("a"), alignments, {})) == {"a"}
    assert set(coverage(held("a"), alignments, {}, include_close=True)) == {"a", "b"}


def test_roll_up_needs_every_child_and_chains_upward() -> None:
    children = {"p": ("x", "y"), "g": ("p", "q")}
    assert "p" not in coverage(held("x"), [], children)
    covered = coverage(held("x", "y", "q"), [], children)
    assert covered["p"].how == "ROLLUP" and covered["g"].how == "ROLLUP"


def test_broader_never_implies_narrower() -> None:
    assert set(coverage(held("p"), [], {"p": ("x", "y")})) == {"p"}


def test_rolled_up_or_aligned_competencies_do_not_spread() -> None:
    # p covered by roll-up; p -EXACT-> z must not make z covered. b aligned from a; b -EXACT-> ...
    # counts as a's second hop, not a fresh start.
    children = {"p": ("x",)}
    covered = coverage(held("x"), [Alignment("p", "z", "EXACT")], children)
    assert "p" in covered and "z" not in covered


def test_closing_set_is_the_fewest_hours_exactly() -> None:
    # Targets t1, t2. o1 covers both (50 h); o2 covers t1 (20 h); o3 covers t2 (20 h):
    # o2 + o3 = 40 h beats o1.
    teaches = {"o1": {"t1", "t2"}, "o2": {"t1"}, "o3": {"t2"}}
    hours = {"o1": 50.0, "o2": 20.0, "o3": 20.0}

    def covers(chosen: frozenset[str]) -> frozenset[str]:
        return frozenset(t for o in chosen for t in teaches[o])

    chosen, uncoverable, exact = closing_set(frozenset({"t1", "t2", "t3"}), hours, covers)
    assert chosen == ("o2", "o3") and uncoverable == frozenset({"t3"}) and exact


def test_closing_set_counts_roll_up_across_offerings() -> None:
    # Target p has children x and y: neither offering alone covers p, both together do.
    def covers(chosen: frozenset[str]) -> frozenset[str]:
        return frozenset(coverage(held(*[c[-1] for c in chosen]), [], {"p": ("x", "y")}))

    chosen, uncoverable, _ = closing_set(frozenset({"p"}), {"ox": 1.0, "oy": 1.0}, covers)
    assert chosen == ("ox", "oy") and not uncoverable


def _every_subset_closing_set(
    targets: frozenset[str],
    hours: dict[str, float],
    covers: Callable[[frozenset[str]], frozenset[str]],
) -> tuple[tuple[str, ...], frozenset[str]]:
    """Every subset of the offerings tried, the least by (hours, size, sorted names) kept."""
    names = sorted(hours)
    reachable = covers(frozenset(names)) & targets
    if not reachable:
        return (), targets
    keys = [
        (round(sum(hours[c] for c in combo), 9), len(combo), combo)
        for size in range(1, len(names) + 1)
        for combo in itertools.combinations(names, size)
        if reachable <= covers(frozenset(combo))
    ]
    return min(keys)[2], targets - reachable


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"o{i}" for i in range(7)]),
        st.tuples(
            st.sets(st.sampled_from(["t1", "t2", "t3", "x", "y"]), max_size=3),
            st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0, 5.0]),
        ),
        max_size=7,
    )
)
def test_closing_set_is_the_least_subset_of_all(
    offerings: dict[str, tuple[set[str], float]],
) -> None:
    # Random offerings (what each teaches, its hours; ties on purpose), target p rolls up x + y.
    def covers(chosen: frozenset[str]) -> frozenset[str]:
        taught = [c for o in chosen for c in offerings[o][0]]
        return frozenset(coverage(held(*taught), [], {"p": ("x", "y")}))

    targets = frozenset({"t1", "t2", "t3", "p"})
    hours = {o: h for o, (_, h) in offerings.items()}
    chosen, uncoverable, exact = closing_set(targets, hours, covers)
    assert exact
    assert (chosen, uncoverable) == _every_subset_closing_set(targets, hours, covers)
