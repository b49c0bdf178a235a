"""Competency coverage (DOMAIN.md coverage semantics, decision 8), without I/O.

A learner *holds* a competency taught by an earned, unexpired item or demonstrated by verified,
unexpired evidence. Held competencies spread along EXACT alignments (and CLOSE ones when asked)
in both directions, at most two hops; a competency whose every narrower child is covered is
covered too (roll-up), but what is covered only by alignment or roll-up spreads no further.
Every covered competency comes with the path that explains it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MAX_ALIGNMENT_HOPS = 2


@dataclass(frozen=True)
class Link:
    """One relationship of an explanation: (from_id)-[rel]->(to_id)."""

    from_id: str
    rel: str
    to_id: str


@dataclass(frozen=True)
class Source:
    """Why a competency is held: an earned item teaching it, or evidence demonstrating it."""

    competency_id: str
    kind: str  # "EARNED" or "EVIDENCE"
    source_id: str  # the item or the evidence
    learner_id: str

    def path(self) -> tuple[Link, ...]:
        """The links from the learner to the competency through this source."""
        if self.kind == "EARNED":
            return (
                Link(self.learner_id, "EARNED", self.source_id),
                Link(self.source_id, "TEACHES", self.competency_id),
            )
        return (
            Link(self.learner_id, "HAS_EVIDENCE", self.source_id),
            Link(self.source_id, "DEMONSTRATES", self.competency_id),
        )


@dataclass(frozen=True)
class Alignment:
    """One crosswalk link between two competencies, and how closely they match."""

    a: str  # ALIGNS from
    b: str  # ALIGNS to
    match: str


@dataclass(frozen=True)
class Covered:
    """A covered competency: how, the path behind it and the sources at its root."""

    competency_id: str
    how: str  # HELD, ALIGNED or ROLLUP
    path: tuple[Link, ...]
    sources: tuple[str, ...]  # the items or evidence at the root of the explanation


def coverage(
    sources: Iterable[Source],
    alignments: Iterable[Alignment],
    children: Mapping[str, Sequence[str]],
    include_close: bool = False,
) -> dict[str, Covered]:
    """Every covered competency that can be decided from the given facts, with its explanation.

    `children[p]` lists every competency whose BROADER points at p.
    """
    covered: dict[str, Covered] = {}
    for source in sorted(sources, key=lambda s: (s.competency_id, s.kind, s.source_id)):
        if source.competency_id not in covered:
            covered[source.competency_id] = Covered(
                source.competency_id, "HELD", source.path(), (source.source_id,)
            )
    matches = {"EXACT", "CLOSE"} if include_close else {"EXACT"}
    neighbours: dict[str, list[tuple[str, Link]]] = {}
    for al in alignments:
        if al.match not in matches:
            continue
        link = Link(al.a, f"ALIGNS {al.match}", al.b)
        neighbours.setdefault(al.a, []).append((al.b, link))
        neighbours.setdefault(al.b, []).append((al.a, link))  # both directions
    held = sorted(covered)
    # Breadth first from every held competency at once: the first reach is the shortest path,
    # and sorted orders make it deterministic.
    queue: deque[tuple[str, int]] = deque((c, 0) for c in held)
    while queue:
        current, hops = queue.popleft()
        if hops == MAX_ALIGNMENT_HOPS:
            continue
        for other, link in sorted(neighbours.get(current, []), key=lambda n: (n[0], n[1].rel)):
            if other in covered:
                continue
            origin = covered[current]
            covered[other] = Covered(other, "ALIGNED", (*origin.path, link), origin.sources)
            queue.append((other, hops + 1))
    _roll_up(covered, children)
    return covered


def _roll_up(covered: dict[str, Covered], children: Mapping[str, Sequence[str]]) -> None:
    changed = True
    while changed:  # to a fixed point: a rolled-up child can complete its own parent
        changed = False
        for parent in sorted(children):
            kids = sorted(set(children[parent]))
            if parent in covered or not kids or any(k not in covered for k in kids):
                continue
            path = tuple(Link(k, "BROADER", parent) for k in kids)
            sources = tuple(sorted({s for k in kids for s in covered[k].sources}))
            covered[parent] = Covered(parent, "ROLLUP", path, sources)
            changed = True


class CoverageIndex:
    """The alignments and hierarchy of one question, indexed once, for the many "what would
    these holdings cover?" checks of a set cover: the keys of `coverage()`, without explanations.

    The same set: breadth first gives every competency its least hop count, so the covered set
    is everything within MAX_ALIGNMENT_HOPS of a held one, closed under roll-up (a test checks
    it against `coverage()` on random graphs)."""

    def __init__(
        self,
        alignments: Iterable[Alignment],
        children: Mapping[str, Sequence[str]],
        include_close: bool = False,
    ) -> None:
        matches = {"EXACT", "CLOSE"} if include_close else {"EXACT"}
        self._neighbours: dict[str, set[str]] = {}
        for al in alignments:
            if al.match in matches:
                self._neighbours.setdefault(al.a, set()).add(al.b)
                self._neighbours.setdefault(al.b, set()).add(al.a)
        self._children = {p: frozenset(kids) for p, kids in children.items() if kids}
        self._balls: dict[str, frozenset[str]] = {}

    def _ball(self, start: str) -> frozenset[str]:
        """What alignments reach from one competency within MAX_ALIGNMENT_HOPS (itself too)."""
        found = self._balls.get(start)
        if found is None:
            covered = {start}
            frontier = [start]
            for _ in range(MAX_ALIGNMENT_HOPS):
                reached = []
                for current in frontier:
                    for other in self._neighbours.get(current, ()):
                        if other not in covered:
                            covered.add(other)
                            reached.append(other)
                frontier = reached
            found = self._balls[start] = frozenset(covered)
        return found

    def covered_ids(self, held: Iterable[str]) -> frozenset[str]:
        """The competencies `held` covers: within MAX_ALIGNMENT_HOPS of one of them (the union of
        each one's reach, remembered: a set cover asks about the same competencies thousands of
        times), closed under roll-up."""
        return self.rolled_up(self.reach(held))

    def reach(self, held: Iterable[str]) -> frozenset[str]:
        """What alignments reach from `held` (before roll-up): the union of each one's reach, so
        the reach of a union of sets is the union of their reaches."""
        covered: set[str] = set()
        for start in held:
            covered |= self._ball(start)
        return frozenset(covered)

    def rolled_up(self, reached: Iterable[str]) -> frozenset[str]:
        """`reached` (a `reach`, or a union of them) closed under roll-up: `covered_ids`."""
        covered = set(reached)
        changed = True
        while changed:  # roll-up to a fixed point, as in _roll_up
            changed = False
            for parent, kids in self._children.items():
                if parent not in covered and kids <= covered:
                    covered.add(parent)
                    changed = True
        return frozenset(covered)
