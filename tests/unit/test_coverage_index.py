"""CoverageIndex (the set-cover's fast check) against coverage() on random graphs: the same
covered set for every hierarchy, alignment graph, match filter and set of holdings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.planning.coverage import Alignment, CoverageIndex, Source, coverage

IDS = [f"k{i}" for i in range(12)]
ids = st.sampled_from(IDS)
alignment = st.builds(Alignment, ids, ids, st.sampled_from(["EXACT", "CLOSE", "BROAD", "RELATED"]))
hierarchy = st.dictionaries(ids, st.lists(ids, max_size=4), max_size=6)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(alignment, max_size=20),
    hierarchy,
    st.lists(st.sets(ids, max_size=5), min_size=1, max_size=4),
    st.booleans(),
)
def test_the_index_covers_what_coverage_covers(
    alignments: list[Alignment],
    children: dict[str, list[str]],
    helds: list[set[str]],
    include_close: bool,
) -> None:
    # One index asked several times, as a set cover asks it: what it remembers of earlier
    # questions must not change a later answer.
    index = CoverageIndex(alignments, children, include_close)
    for held in helds:
        sources = [Source(c, "EARNED", f"item-{c}", "learner") for c in held]
        expected = set(coverage(sources, alignments, children, include_close))
        assert index.covered_ids(held) == expected
    # The set cover's way: the roll-up of the union of reaches is the coverage of the union.
    union = set().union(*helds)
    reached = frozenset().union(*(index.reach(held) for held in helds))
    sources = [Source(c, "EARNED", f"item-{c}", "learner") for c in union]
    assert index.rolled_up(reached) == set(coverage(sources, alignments, children, include_close))


def test_by_hand_two_hops_and_a_roll_up() -> None:
    # a -EXACT- b -EXACT- c -EXACT- d; p's children are c and x; g's child is p
    index = CoverageIndex(
        [Alignment("a", "b", "EXACT"), Alignment("c", "b", "EXACT"), Alignment("c", "d", "EXACT")],
        {"p": ["c", "x"], "g": ["p"]},
    )
    assert index.covered_ids({"a"}) == {"a", "b", "c"}
    assert index.covered_ids({"a", "x"}) == {"a", "b", "c", "x", "p", "g"}
