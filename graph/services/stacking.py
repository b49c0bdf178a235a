"""Stacking: what a credential stacks into, and the pathways employers endorse."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from graph.errors import Invalid, NotFound
from graph.models import Label
from graph.planning.coverage import Covered
from graph.relations import RelType, out
from graph.repositories.nodes import NodeRepository
from graph.repositories.pathways import EndorsementFact, PathwayRepository, StackEdge
from graph.services.pathways import essential_need


@dataclass(frozen=True)
class StackTarget:
    """A target an item counts toward: hops, the path and the links behind it."""

    target_id: str
    target_label: str | None
    hops: int
    path_ids: tuple[str, ...]  # from the asked item up to the target
    via: tuple[str, ...]  # RULE or STACKS_INTO, one per hop
    links: tuple[tuple[str, str, str], ...]  # the relationships behind it: (from, type, to)


ENDORSEMENT_WEIGHT = {
    "CO_DESIGNED": 4,
    "HIRING_FACTOR": 3,
    "ON_THE_JOB_TRAINING": 2,
    "RECOGNIZED": 1,
}


@dataclass(frozen=True)
class EndorsedPathway:
    """A credential or suite endorsed by employers, with its coverage of an occupation."""

    target_id: str
    target_label: str | None
    endorsements: tuple[tuple[str, str | None, dt.date | None], ...]  # (employer, kind, since)
    weight: int
    coverage: float | None  # share of the occupation's essentials covered (None: no occupation)
    matched: tuple[str, ...]
    missing: tuple[str, ...]


def _links(edge: StackEdge) -> tuple[tuple[str, str, str], ...]:
    """The real relationships of one stacking hop, in their own direction."""
    if edge.via == "STACKS_INTO":
        return ((edge.item_id, "STACKS_INTO", edge.target_id),)
    ids = edge.path_ids  # target, requirement, ..., item
    first = (ids[0], "HAS_REQUIREMENT", ids[1])
    return (first, *((a, "OPTION", b) for a, b in itertools.pairwise(ids[1:])))


class StackingService:
    """What a credential stacks into, and which pathways employers endorse."""

    def __init__(self, nodes: NodeRepository, repo: PathwayRepository) -> None:
        self.nodes = nodes
        self.repo = repo

    async def stacks_into(self, item_id: str, max_hops: int) -> tuple[list[StackTarget], bool]:
        """What an item counts toward within `max_hops`, and whether the search was cut short."""
        if not 1 <= max_hops <= 6:
            raise Invalid(f"maxHops must be between 1 and 6, got {max_hops}")
        if not await self.nodes.get_items([item_id]):
            raise NotFound("item", item_id)
        best: dict[str, StackTarget] = {}
        frontier: dict[str, StackTarget | None] = {item_id: None}
        truncated = False
        for hop in range(1, max_hops + 1):
            edges = await self.repo.stack_targets(sorted(frontier), 2000)
            truncated = truncated or len(edges) >= 2000
            following: dict[str, StackTarget | None] = {}
            # The rule-tree path explains more than the STACKS_INTO shortcut: prefer it.
            ordered_edges = sorted(
                edges, key=lambda e: (e.item_id, e.target_id, e.via != "RULE", len(e.path_ids))
            )
            for edge in ordered_edges:
                before = frontier.get(edge.item_id)
                # path_ids run target ... item; ours run from the asked item upwards.
                segment = tuple(reversed(edge.path_ids))
                path = (*before.path_ids, *segment[1:]) if before else segment
                via = (*before.via, edge.via) if before else (edge.via,)
                if edge.target_id == item_id or edge.target_id in best:
                    continue
                links = (*before.links, *_links(edge)) if before else _links(edge)
                found = StackTarget(edge.target_id, edge.target_label, hop, path, via, links)
                best[edge.target_id] = found
                following[edge.target_id] = found
            frontier = following
            if not frontier:
                break
        ordered = sorted(best.values(), key=lambda t: (t.hops, t.target_id))
        return ordered, truncated

    async def endorsed_pathways(
        self,
        occupation_id: str | None,
        employer_id: str | None,
        coverage_of: Callable[[Sequence[str]], Awaitable[dict[str, Covered]]],
    ) -> list[EndorsedPathway]:
        """Credentials and suites endorsed for an occupation or by an employer, ranked."""
        if occupation_id is None and employer_id is None:
            raise Invalid("give occupationId, employerId or both")
        essentials: set[str] = set()
        if occupation_id is not None:
            if not await self.nodes.get_many(Label.OCCUPATION, [occupation_id]):
                raise NotFound("Occupation", occupation_id)
            needs = await self.nodes.neighbours(out(RelType.NEEDS), [occupation_id], 1000)
            essentials = {e.node.id for e in needs[occupation_id] if essential_need(e)}
        if employer_id is not None and not await self.nodes.get_many(Label.EMPLOYER, [employer_id]):
            raise NotFound("Employer", employer_id)
        facts = await self.repo.endorsements(employer_id, occupation_id, 2000)
        by_target: dict[str, list[EndorsementFact]] = defaultdict(list)
        for fact in facts:
            by_target[fact.target_id].append(fact)
        pathways = []
        for target_id, group in by_target.items():
            teaches = sorted({c for f in group for c in f.teaches})
            covered = await coverage_of(teaches) if essentials else {}
            matched = tuple(sorted(c for c in essentials if c in covered))
            pathways.append(
                EndorsedPathway(
                    target_id=target_id,
                    target_label=group[0].target_label,
                    endorsements=tuple(sorted((f.employer_id, f.kind, f.since) for f in group)),
                    weight=max(ENDORSEMENT_WEIGHT.get(f.kind or "", 0) for f in group),
                    coverage=round(len(matched) / len(essentials), 6) if essentials else None,
                    matched=matched,
                    missing=tuple(sorted(essentials - set(matched))),
                )
            )
        pathways.sort(
            key=lambda p: (-p.weight, -(p.coverage or 0.0), -len(p.endorsements), p.target_id)
        )
        return pathways
