"""Reverse articulation (what elsewhere earns an item) and agreement suggestions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from graph.errors import Invalid, NotFound
from graph.models import Label
from graph.planning.coverage import Covered
from graph.relations import RelType, out
from graph.repositories.articulation import ArticulationRepository, EarningRule
from graph.repositories.nodes import NodeRepository
from graph.services.articulation import RULES_PER_ROUND


@dataclass(frozen=True)
class Equivalent:
    """Items elsewhere that earn the asked item: one rule, or a chain of rules ending at it."""

    from_ids: tuple[str, ...]
    from_institution_ids: tuple[str | None, ...]
    rules: tuple[EarningRule, ...]  # first rule first; the last one is FOR the asked item

    @property
    def credits(self) -> float | None:
        """The credits the last rule of the chain gives for the asked item."""
        return self.rules[-1].credits


@dataclass(frozen=True)
class Suggestion:
    """A course another institution could accept for an item: how much of it the item covers."""

    course_id: str
    share: float
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    existing_rules: tuple[str, ...]  # transfer values already FROM the source FOR this course
    explanation: dict[str, Covered]


class EquivalenceService:
    """Reverse articulation (what elsewhere earns an item) and agreement suggestions."""

    def __init__(
        self,
        nodes: NodeRepository,
        repo: ArticulationRepository,
        coverage_of: Callable[[Sequence[str]], Awaitable[dict[str, Covered]]],
    ) -> None:
        self.nodes = nodes
        self.repo = repo
        self.coverage_of = coverage_of

    async def equivalents_of(
        self, item_id: str, institution_id: str | None, max_chain: int = 2
    ) -> tuple[list[Equivalent], bool]:
        """The items elsewhere that earn `item_id`, by one rule or a chain of rules."""
        if not await self.nodes.get_items([item_id]):
            raise NotFound("item", item_id)
        if institution_id is not None and not await self.nodes.get_many(
            Label.INSTITUTION, [institution_id]
        ):
            raise NotFound("Institution", institution_id)
        found: list[Equivalent] = []
        truncated = False
        # Walk backwards: rules FOR the item; then, for a chainable rule with one FROM item,
        # the rules FOR that item (which start a chain A -> B -> item).
        frontier: list[tuple[str, tuple[EarningRule, ...]]] = [(item_id, ())]
        for depth in range(max_chain):
            wanted = sorted({f for f, _ in frontier})
            rules = await self.repo.rules_for(wanted, RULES_PER_ROUND)
            truncated = truncated or len(rules) >= RULES_PER_ROUND
            by_for: dict[str, list[EarningRule]] = defaultdict(list)
            for rule in rules:
                by_for[rule.for_id].append(rule)
            following: list[tuple[str, tuple[EarningRule, ...]]] = []
            for target, after in frontier:
                for rule in by_for.get(target, []):
                    if after and not (after[0].allow_chaining and after[0].from_ids == (target,)):
                        continue
                    chain = (rule, *after)
                    if rule.id in {r.id for r in after}:
                        continue
                    found.append(Equivalent(rule.from_ids, rule.from_institution_ids, chain))
                    if depth + 1 < max_chain and len(rule.from_ids) == 1:
                        following.append((rule.from_ids[0], chain))
            frontier = following
            if not frontier:
                break
        if institution_id is not None:
            found = [e for e in found if institution_id in e.from_institution_ids]
        found.sort(key=lambda e: (len(e.rules), e.from_ids, tuple(r.id for r in e.rules)))
        return found, truncated

    async def articulation_suggestions(
        self, from_id: str, institution_id: str, min_coverage: float, limit: int
    ) -> tuple[list[Suggestion], bool]:
        """Courses of `institution_id` whose competencies `from_id` covers well enough."""
        if not 0 <= min_coverage <= 1:
            raise Invalid(f"minCoverage must be between 0 and 1, got {min_coverage}")
        if not 1 <= limit <= 100:
            raise Invalid(f"limit must be between 1 and 100, got {limit}")
        source = (await self.nodes.get_items([from_id])).get(from_id)
        if source is None:
            raise NotFound("item", from_id)
        if not await self.nodes.get_many(Label.INSTITUTION, [institution_id]):
            raise NotFound("Institution", institution_id)
        taught = await self.nodes.neighbours(out(RelType.TEACHES), [from_id], 1000)
        covered = await self.coverage_of([e.node.id for e in taught[from_id]])
        courses = await self.repo.courses_teaching(sorted(covered), institution_id, 5000)
        existing = await self.repo.rules_from([from_id], RULES_PER_ROUND)
        existing_for: dict[str, list[str]] = defaultdict(list)
        for rule in existing:
            existing_for[rule.for_id].append(rule.id)
        suggestions = []
        for course_id, teaches in courses.items():
            if course_id == from_id or not teaches:
                continue
            matched = tuple(c for c in teaches if c in covered)
            share = len(matched) / len(teaches)
            if share + 1e-9 < min_coverage:
                continue
            suggestions.append(
                Suggestion(
                    course_id=course_id,
                    share=round(share, 6),
                    matched=matched,
                    missing=tuple(c for c in teaches if c not in covered),
                    existing_rules=tuple(sorted(existing_for.get(course_id, []))),
                    explanation={c: covered[c] for c in matched},
                )
            )
        suggestions.sort(key=lambda s: (-s.share, -len(s.matched), s.course_id))
        return suggestions[:limit], len(suggestions) > limit
