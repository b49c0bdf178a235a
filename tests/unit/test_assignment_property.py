"""The no-double-counting assignment against brute force, on random conflicting awards."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.planning.transfer import Award, choose

award = st.builds(
    lambda holdings, receiving, credits: Award(tuple(sorted(holdings)), receiving, credits, ()),
    st.sets(st.sampled_from("abcde"), min_size=1, max_size=2),
    st.sampled_from(["x", "y", "z", "w"]),
    st.sampled_from([1.0, 2.0, 3.0, 4.5]),
)


def brute_force(awards: list[Award]) -> tuple[float, int, list[str], list[str]]:
    best: tuple[float, int, list[str], list[str]] | None = None
    for size in range(len(awards) + 1):
        for subset in itertools.combinations(awards, size):
            used = [h for a in subset for h in a.holdings]
            received = [a.receiving_id for a in subset]
            if len(set(used)) != len(used) or len(set(received)) != len(received):
                continue
            key = (-sum(a.credits for a in subset), len(used), sorted(received), sorted(used))
            if best is None or key < best:
                best = key
    assert best is not None
    return best


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(award, max_size=9, unique_by=lambda a: (a.holdings, a.receiving_id)))
def test_choose_is_optimal_with_the_contract_tie_breaks(awards: list[Award]) -> None:
    chosen, exact = choose(awards)
    assert exact
    used = sorted(h for a in chosen for h in a.holdings)
    key = (-sum(a.credits for a in chosen), len(used), sorted(a.receiving_id for a in chosen), used)
    assert key == brute_force(awards)
