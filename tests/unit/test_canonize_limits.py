"""RDF canonicalization has a work limit: blank nodes that all look alike make RDFC-1.0 permute
them recursively (8 such nodes took pyld minutes), so such a document is refused at once with
the reason, and every proof check, which canonicalizes first, answers it INVALID."""

from __future__ import annotations

from typing import Any

import pytest

from importers.credentials.contexts import ContextError, canonize


def acquaintances(count: int) -> dict[str, Any]:
    """`count` blank nodes that each know all the others: every one looks like every other."""
    knows = "http://example.org/knows"
    return {
        "@graph": [
            {"@id": f"_:b{i}", knows: [{"@id": f"_:b{j}"} for j in range(count) if j != i]}
            for i in range(count)
        ]
    }


def test_a_few_alike_blank_nodes_are_canonicalized() -> None:
    canonical = canonize(acquaintances(4))
    assert canonical.count("_:c14n") == 4 * 3 * 2  # 12 quads, each naming two canonical nodes


@pytest.mark.parametrize("count", [6, 8, 12, 40])
def test_many_alike_blank_nodes_are_refused_within_the_work_limit(count: int) -> None:
    with pytest.raises(ContextError, match="work limit"):
        canonize(acquaintances(count))


def test_the_limit_names_what_it_found() -> None:
    with pytest.raises(ContextError) as refused:
        canonize(acquaintances(10))
    assert "9 blank nodes look alike" in str(refused.value)
