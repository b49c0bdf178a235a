"""Pathways: stacking plans, prior learning and skill gaps (fetch a subgraph, then decide)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from graph.errors import Invalid, NotFound
from graph.models import CreditUnit, Edge, Label, Needs, RuleOp
from graph.planning.cover import closing_set
from graph.planning.coverage import CoverageIndex, Covered, Source, coverage
from graph.planning.plans import Item, Objective, Plan, Problem, Requirement, solve
from graph.planning.terms import TermPlan, plan_terms
from graph.planning.transfer import Holding, counts_at
from graph.planning.units import NoConversion, convert
from graph.planning.verification import counts
from graph.planning.whatif import Assumption, WhatIf
from graph.relations import RelType, in_, out
from graph.repositories.nodes import NodeRepository
from graph.repositories.pathways import (
    ItemFacts,
    PathwayRepository,
    RuleTree,
)
from graph.services.articulation import ArticulationService, TransferCreditAnswer
from graph.services.whatif import assumed_sources
from graph.stored import fitting

TARGET_LABELS = {Label.MICRO_CREDENTIAL, Label.COURSE, Label.PROGRAM, Label.SUITE}
PLAN_ITEMS = {"MicroCredential", "Course"}


@dataclass(frozen=True)
class PlanAnswer:
    """stackingPlan's answer: the plan toward a target and the facts it was made from."""

    learner_id: str
    target_id: str
    as_of: dt.date
    objective: Objective
    plan: Plan
    completed: tuple[tuple[str, str], ...]  # (item id, EARNED | TRANSFER | EXEMPTION)
    items: dict[str, ItemFacts]
    total_remaining_hours: float | None
    truncated: bool
    # the learner's holdings (their verification explains what counted) and those the
    # verification policy leaves out
    holdings: tuple[Holding, ...] = ()
    not_counted: tuple[Holding, ...] = ()
    assumed: frozenset[str] = frozenset()  # item ids held by assumption (what-if)
    terms: TermPlan | None = None  # with termHours: the steps packed into terms
    institution_id: str | None = None  # the target's offering institution
    transfer: TransferCreditAnswer | None = None  # the transfer credit there, that the plan used


@dataclass(frozen=True)
class PriorLearningAnswer:
    """priorLearning's answer: what already counts toward a target, and why."""

    learner_id: str
    target_id: str
    as_of: dt.date
    include_close: bool
    covered: tuple[Covered, ...]
    missing: tuple[str, ...]
    exemptions: tuple[str, ...]
    hours_saved: float
    remaining: PlanAnswer


@dataclass(frozen=True)
class NeedAnswer:
    """One competency an occupation needs, and how the learner covers it (None: not)."""

    competency_id: str
    essential: bool
    covered: Covered | None


@dataclass(frozen=True)
class SkillGapAnswer:
    """skillGap's answer: needs held and missing, and the fewest-hours closing set."""

    learner_id: str
    occupation_id: str
    as_of: dt.date
    held: tuple[NeedAnswer, ...]
    missing: tuple[NeedAnswer, ...]
    closing_set: tuple[str, ...]
    closing_hours: float
    uncoverable: tuple[str, ...]
    exact: bool
    items: dict[str, ItemFacts]
    assumed: frozenset[str] = frozenset()


@dataclass
class _Facts:
    tree: RuleTree
    items: dict[str, ItemFacts]
    competencies: set[str]
    teachers: dict[str, tuple[str, ...]]


def essential_need(edge: Edge) -> bool:
    """Whether an occupation's need is essential: it decides the gap, so it must fit."""
    props = fitting(edge.props, "essential")
    return isinstance(props, Needs) and props.essential


class PathwayService:
    """The pathway questions: stacking plans, prior learning and skill gaps."""

    def __init__(
        self, nodes: NodeRepository, repo: PathwayRepository, articulation: ArticulationService
    ) -> None:
        self.nodes = nodes
        self.repo = repo
        self.articulation = articulation

    async def coverage_of_teaching(self, competency_ids: Sequence[str]) -> dict[str, Covered]:
        """What an item teaching these competencies covers: EXACT alignments and roll-up."""
        sources = [Source(c, "EARNED", "item", "holder") for c in sorted(set(competency_ids))]
        alignments = await self.repo.alignments(sorted(set(competency_ids)), False)
        reached = set(competency_ids) | {x for al in alignments for x in (al.a, al.b)}
        parents = await self.repo.parents_of(sorted(reached))
        children = await self.repo.children(sorted(parents))
        return coverage(sources, alignments, children)

    async def _check_learner(self, learner_id: str) -> None:
        if not await self.nodes.get_many(Label.LEARNER, [learner_id]):
            raise NotFound("Learner", learner_id)

    async def _sources(
        self, learner_id: str, as_of: dt.date, counted: Collection[str], what_if: WhatIf
    ) -> list[Source]:
        facts = assumed_sources(await self.repo.competency_sources(learner_id), what_if)
        return [
            Source(f.competency_id, f.kind, f.source_id, learner_id)
            for f in facts
            if counts_at(f.date, f.expires, as_of)
            and (f.kind == "EARNED" or f.verified_by)
            and counts(f.verification, counted)
        ]

    async def _coverage(
        self,
        learner_id: str,
        as_of: dt.date,
        include_close: bool,
        questions: set[str],
        counted: Collection[str],
        what_if: WhatIf,
    ) -> dict[str, Covered]:
        sources = await self._sources(learner_id, as_of, counted, what_if)
        held = {s.competency_id for s in sources}
        alignments, children = await asyncio.gather(
            self.repo.alignments(sorted(held), include_close),
            self.repo.children(sorted(questions | held)),
        )
        return coverage(sources, alignments, children, include_close)

    async def _facts(self, target_id: str) -> _Facts:
        tree = await self.repo.rule_tree(target_id)
        if tree is None:
            raise NotFound("target", target_id)
        if tree.target_label not in TARGET_LABELS:
            raise Invalid(
                f"'{target_id}' is a {tree.target_label}; a target is a micro-credential, course, "
                "program or suite"
            )
        if tree.target_label is Label.SUITE and not tree.roots:
            # A suite without a rule tree is completed by all of its members.
            members = await self.nodes.neighbours(in_(RelType.IN_SUITE), [target_id], 1000)
            member_ids = tuple(sorted(e.node.id for e in members[target_id]))
            root = f"{target_id}/members"
            tree = replace(
                tree, roots=(root,), requirements=(Requirement(root, RuleOp.ALL, member_ids),)
            )
        requirement_ids = {r.id for r in tree.requirements}
        options = {o for r in tree.requirements for o in r.options} - requirement_ids
        items = await self.repo.items(sorted(options | {target_id}))
        competencies = {o for o in options if o not in items}
        teachers: dict[str, tuple[str, ...]] = {}
        # Competency options and competency prerequisites can be met by planning a teacher; the
        # teachers' own prerequisites may name further competencies (a few rounds, bounded).
        for _ in range(3):
            wanted = competencies | {
                p for i in items.values() for p in i.requires if p not in items
            }
            new = sorted(wanted - set(teachers))
            if not new:
                break
            found = await self.repo.teachers(new)
            teachers.update({c: found.get(c, ()) for c in new})
            missing_items = {t for ts in found.values() for t in ts} - set(items)
            items.update(await self.repo.items(sorted(missing_items)))
            competencies |= set(new)
        return _Facts(tree, items, competencies, teachers)

    async def stacking_plan(
        self,
        learner_id: str,
        target_id: str,
        objective: Objective,
        as_of: dt.date | None,
        assume: Assumption | None = None,
        term_hours: float | None = None,
    ) -> PlanAnswer:
        """The cheapest (or fastest) plan of items that completes `target_id` for the learner."""
        if term_hours is not None and not term_hours > 0:
            raise Invalid(f"termHours must be greater than 0, got {term_hours:g}")
        day = as_of or dt.date.today()
        _, facts = await asyncio.gather(self._check_learner(learner_id), self._facts(target_id))
        what_if = await self.articulation.what_if(assume, day)
        answer = await self._plan(learner_id, facts, objective, day, assume, what_if)
        if term_hours is None:
            return answer
        return replace(answer, terms=plan_terms(answer.plan.steps, term_hours))

    async def _plan(
        self,
        learner_id: str,
        facts: _Facts,
        objective: Objective,
        day: dt.date,
        assume: Assumption | None,
        what_if: WhatIf,
    ) -> PlanAnswer:
        tree, items = facts.tree, facts.items
        questions = facts.competencies | {c for i in items.values() for c in i.teaches}

        async def transfer() -> TransferCreditAnswer | None:
            if not tree.institution_id:
                return None
            return await self.articulation.transfer_credit(
                learner_id, tree.institution_id, day, 2, assume
            )

        # the target's institution's verification policy (decision 50)
        counted = await self.articulation.counted_for(tree.institution_id)
        # Three independent reads at once: holdings, transfer credit at the target's institution,
        # and coverage (stacking plans never use CLOSE alignments).
        holdings, credited, covered = await asyncio.gather(
            self.articulation.repo.holdings(learner_id),
            transfer(),
            self._coverage(learner_id, day, False, questions, counted, what_if),
        )
        satisfied: dict[str, str] = {}
        held = tuple(row.holding for row in holdings or [])
        not_counted = tuple(
            h
            for h in held
            if not counts(h.verification, counted) and h.item_id not in what_if.replaced
        )
        for row in self.articulation.assumed_holdings(holdings or [], what_if, counted):
            h = row.holding
            if counts_at(h.date, h.expires, day):
                satisfied[h.item_id] = "EARNED"
        satisfied_requirements: set[str] = set()
        truncated = tree.truncated
        if credited is not None:
            truncated = truncated or credited.truncated
            for award in credited.decision.awards:
                if award.receiving_id in {r.id for r in tree.requirements}:
                    satisfied_requirements.add(award.receiving_id)
                satisfied.setdefault(award.receiving_id, "TRANSFER")
        for item in items.values():
            if item.teaches and all(c in covered for c in item.teaches):
                satisfied.setdefault(item.id, "EXEMPTION")
        target_unit = self._target_unit(tree)
        problem = Problem(
            target_id=tree.target_id,
            roots=tree.roots,
            requirements={r.id: r for r in tree.requirements},
            items={i.id: self._item(i, target_unit) for i in items.values()},
            satisfied=satisfied,
            satisfied_requirements=frozenset(satisfied_requirements),
            covered=frozenset(covered),
            candidates=frozenset(
                i.id
                for i in items.values()
                if i.label == "Course" or (i.label == "MicroCredential" and i.status == "PUBLISHED")
            ),
            teachers=facts.teachers,
            objective=objective,
        )
        plan = solve(problem)
        in_tree = {o for r in tree.requirements for o in r.options}
        completed = tuple(
            (item_id, satisfied[item_id])
            for item_id in sorted(in_tree)
            if item_id in satisfied and item_id in items and items[item_id].label in PLAN_ITEMS
        )
        total = round(sum(s.hours or 0.0 for s in plan.steps), 9) if plan.reachable else None
        return PlanAnswer(
            learner_id,
            tree.target_id,
            day,
            objective,
            plan,
            completed,
            items,
            total,
            truncated,
            held,
            not_counted,
            what_if.added_ids,
            institution_id=tree.institution_id,
            transfer=credited,
        )

    @staticmethod
    def _target_unit(tree: RuleTree) -> CreditUnit:
        return tree.target_unit or CreditUnit.CREDIT_HOUR

    @staticmethod
    def _item(item: ItemFacts, target_unit: CreditUnit) -> Item:
        credits = None
        if item.credits is not None:
            try:
                credits = convert(
                    item.credits, item.credit_unit, target_unit, item.course_credit_hours
                )
            except NoConversion:
                credits = 0.0
        return Item(
            id=item.id,
            label=item.label,
            hours=item.hours,
            cost=item.cost,
            credits=credits,
            requires=item.requires,
            teaches=item.teaches,
        )

    async def prior_learning(
        self,
        learner_id: str,
        target_id: str,
        as_of: dt.date | None,
        include_close: bool,
        assume: Assumption | None = None,
    ) -> PriorLearningAnswer:
        """What the learner already holds that counts toward `target_id`, and how."""
        day = as_of or dt.date.today()
        _, facts = await asyncio.gather(self._check_learner(learner_id), self._facts(target_id))
        what_if = await self.articulation.what_if(assume, day)
        tree_items = {o for r in facts.tree.requirements for o in r.options} & set(facts.items)
        if not facts.tree.requirements:
            tree_items = {target_id} & set(facts.items)
        competency_options = {
            o for r in facts.tree.requirements for o in r.options if o in facts.competencies
        }
        questions = competency_options | {c for i in tree_items for c in facts.items[i].teaches}
        counted = await self.articulation.counted_for(facts.tree.institution_id)
        covered, remaining = await asyncio.gather(
            self._coverage(learner_id, day, include_close, questions, counted, what_if),
            self._plan(learner_id, facts, Objective.HOURS, day, assume, what_if),
        )
        # Exempted items already earned or credited by transfer save no hours.
        otherwise = {i for i, how in remaining.completed if how != "EXEMPTION"}
        exemptions = tuple(
            sorted(
                i
                for i in tree_items
                if facts.items[i].label in PLAN_ITEMS
                and facts.items[i].teaches
                and all(c in covered for c in facts.items[i].teaches)
            )
        )
        hours_saved = sum(facts.items[i].hours or 0.0 for i in exemptions if i not in otherwise)
        return PriorLearningAnswer(
            learner_id=learner_id,
            target_id=target_id,
            as_of=day,
            include_close=include_close,
            covered=tuple(covered[c] for c in sorted(questions) if c in covered),
            missing=tuple(sorted(questions - set(covered))),
            exemptions=exemptions,
            hours_saved=round(hours_saved, 9),
            remaining=remaining,
        )

    async def skill_gap(
        self,
        learner_id: str,
        occupation_id: str,
        as_of: dt.date | None,
        assume: Assumption | None = None,
    ) -> SkillGapAnswer:
        """The occupation's needs the learner lacks, and the fewest hours of items closing them."""
        day = as_of or dt.date.today()
        # independent reads at once; an unknown learner is reported before an unknown occupation
        _, occupation, needs_of, recorded = await asyncio.gather(
            self._check_learner(learner_id),
            self.nodes.get_many(Label.OCCUPATION, [occupation_id]),
            self.nodes.neighbours(out(RelType.NEEDS), [occupation_id], 1000),
            self.repo.competency_sources(learner_id),
        )
        if not occupation:
            raise NotFound("Occupation", occupation_id)
        what_if = await self.articulation.what_if(assume, day)
        facts = assumed_sources(recorded, what_if)
        needs = needs_of[occupation_id]
        essential = {e.node.id: essential_need(e) for e in needs}
        questions = set(essential)
        sources = [
            Source(f.competency_id, f.kind, f.source_id, learner_id)
            for f in facts
            if counts_at(f.date, f.expires, day)
            and (f.kind == "EARNED" or f.verified_by)
            and counts(f.verification, self.articulation.counted)
        ]
        held_ids = {s.competency_id for s in sources}
        # the alignments near each need are read now, beside the others; those of the needs
        # found missing are kept below (one statement fewer in a row)
        children, held_alignments, near_each = await asyncio.gather(
            self.repo.children(sorted(questions)),
            self.repo.alignments(sorted(held_ids), False),
            self.repo.alignments_each(sorted(questions), False),
        )
        covered = coverage(sources, held_alignments, children)
        missing_essentials = frozenset(
            c for c, is_essential in essential.items() if is_essential and c not in covered
        )
        # Offerings that could cover a missing essential: teachers of it, of what aligns to it
        # (EXACT, two hops) and of its narrower descendants (roll-up).
        near = set(missing_essentials)
        near |= {x for al in near_each.of(missing_essentials) for x in (al.a, al.b)}
        near |= {k for kids in children.values() for k in kids}
        offerings = await self.repo.items_teaching(sorted(near))
        candidates = {
            i: facts
            for i, facts in sorted(offerings.items())
            if facts.label == "Course" or facts.status == "PUBLISHED"
        }
        everything = held_ids | {c for i in candidates.values() for c in i.teaches}
        index = CoverageIndex(await self.repo.alignments(sorted(everything), False), children)
        wanted = missing_essentials | set(children)
        # covered_ids(held + taught) is the roll-up of the union of their reaches: each reach
        # once, then a set cover's thousands of questions are unions and roll-ups.
        held_reach = index.reach(held_ids)
        item_reach = {i: index.reach(c.teaches) for i, c in candidates.items()}
        useful = {i for i in candidates if index.rolled_up(held_reach | item_reach[i]) & wanted}
        known: dict[frozenset[str], frozenset[str]] = {}

        def covers(chosen: frozenset[str]) -> frozenset[str]:
            """What the learner covers with `chosen` items added (remembered per set)."""
            if chosen not in known:
                reached = set(held_reach)
                for i in chosen:
                    reached |= item_reach[i]
                known[chosen] = index.rolled_up(reached)
            return known[chosen]

        chosen, uncoverable, exact = closing_set(
            missing_essentials, {i: candidates[i].hours or 0.0 for i in useful}, covers
        )
        ordered = sorted(essential)
        return SkillGapAnswer(
            learner_id=learner_id,
            occupation_id=occupation_id,
            as_of=day,
            held=tuple(NeedAnswer(c, essential[c], covered[c]) for c in ordered if c in covered),
            missing=tuple(NeedAnswer(c, essential[c], None) for c in ordered if c not in covered),
            closing_set=chosen,
            closing_hours=round(sum(candidates[i].hours or 0.0 for i in chosen), 9),
            uncoverable=tuple(sorted(uncoverable)),
            exact=exact,
            items=offerings,
            assumed=what_if.added_ids,
        )
