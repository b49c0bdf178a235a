"""Stacking plans (DOMAIN.md rule and plan semantics, decisions 7 and 11), without I/O.

The solver lists the ways each requirement can be satisfied (sets of items to take), keeps only
the minimal ones, closes each with the unsatisfied prerequisites (branching where a competency
can be taught by several items), rejects closures with a prerequisite cycle, and returns the
best closure by (objective, number of items, sorted ids), in an order where every item follows
its prerequisites.

Exact while a requirement has at most MAX_CHILDREN_EXACT options and its alternatives combine
into at most ALTERNATIVES_LIMIT sets; beyond, the cheapest options and ways are kept (a beam) and
the plan says `exact: false` (limits measured by `python -m bench.planner`; docs/questions.md).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from graph.models import RuleOp

ALTERNATIVES_LIMIT = 400
MAX_CHILDREN_EXACT = 10


class Objective(StrEnum):
    """What a plan minimises: hours, cost or the number of credentials."""

    HOURS = "HOURS"
    COST = "COST"
    CREDENTIALS = "CREDENTIALS"


@dataclass(frozen=True)
class Item:
    """An item a plan may take: its label, hours, cost and prerequisites."""

    id: str
    label: str  # MicroCredential, Course or Program
    hours: float | None = None
    cost: float | None = None
    credits: float | None = None  # already in the target's credit unit
    requires: tuple[str, ...] = ()  # item or competency ids
    teaches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirement:
    """A requirement of the rule tree: its operator, options and count."""

    id: str
    op: RuleOp
    options: tuple[str, ...]
    count: int | None = None
    min_credits: float | None = None


@dataclass(frozen=True)
class Problem:
    """What to plan: the target's rule tree, the items, what is satisfied, the objective."""

    target_id: str
    roots: tuple[str, ...]  # root requirements (ALL of them); empty: the target has no rule tree
    requirements: Mapping[str, Requirement]
    items: Mapping[str, Item]
    satisfied: Mapping[str, str]  # item id -> EARNED, TRANSFER or EXEMPTION
    satisfied_requirements: frozenset[str]  # credited as a block
    covered: frozenset[str]  # covered competencies
    candidates: frozenset[str]  # items that may be planned
    teachers: Mapping[str, tuple[str, ...]]  # competency -> items that teach it
    objective: Objective = Objective.HOURS


@dataclass(frozen=True)
class Step:
    """One item of a plan, what it fills and which steps need it."""

    order: int
    item_id: str
    hours: float | None
    fills: str | None
    prerequisite_of: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """A plan: satisfied or reachable, its steps in order and its objective value."""

    satisfied: bool
    reachable: bool
    steps: tuple[Step, ...]
    objective_value: float | None
    exact: bool
    unreachable: tuple[str, ...]
    cycles: tuple[tuple[str, ...], ...]


@dataclass
class _State:
    exact: bool = True
    unreachable: set[str] = field(default_factory=set)
    cycles: set[tuple[str, ...]] = field(default_factory=set)


Alternative = frozenset[str]


def _minimal(alternatives: list[Alternative]) -> list[Alternative]:
    """Drop supersets: with non-negative costs a superset is never a better plan."""
    unique = sorted(set(alternatives), key=lambda a: (len(a), sorted(a)))
    kept: list[Alternative] = []
    for alt in unique:
        if not any(k <= alt for k in kept):
            kept.append(alt)
    return kept


class Solver:
    """Finds the cheapest set of items satisfying a rule tree, then orders it."""

    def __init__(self, problem: Problem) -> None:
        self.p = problem
        self.state = _State()
        self._ways: dict[str, list[Alternative]] = {}
        # Decision 7: the target itself is never a step, not even as a teacher of a competency
        # its own rule (or a prerequisite) asks for; a target without rules is added by solve().
        self.candidates = problem.candidates - {problem.target_id}

    def value(self, item_id: str) -> float:
        """What taking one item costs under the objective."""
        item = self.p.items.get(item_id)
        if self.p.objective is Objective.CREDENTIALS:
            return 1.0
        if item is None:
            return 0.0
        amount = item.hours if self.p.objective is Objective.HOURS else item.cost
        return float(amount or 0.0)

    def cost(self, items: frozenset[str]) -> float:
        """What taking a set of items costs under the objective."""
        return sum(self.value(i) for i in items)

    # -- what can satisfy an option --------------------------------------------------------------
    def option_ways(self, option: str) -> list[Alternative]:
        """The sets of items that satisfy one option (with its prerequisites)."""
        if option in self.p.requirements:
            if option in self.p.satisfied_requirements:
                return [frozenset()]
            return self.requirement_ways(option)
        if option in self.p.items:
            if option in self.p.satisfied:
                return [frozenset()]
            if option in self.candidates:
                return [frozenset({option})]
            self.state.unreachable.add(option)
            return []
        # a competency
        if option in self.p.covered:
            return [frozenset()]
        teachers = [t for t in self.p.teachers.get(option, ()) if t in self.candidates]
        if not teachers:
            self.state.unreachable.add(option)
        return [frozenset({t}) for t in sorted(teachers)]

    def _credits(self, options: tuple[str, ...]) -> float:
        return sum(
            (self.p.items[o].credits or 0.0)
            for o in options
            if o in self.p.items and self.p.items[o].label == "Course"
        )

    def requirement_ways(self, requirement_id: str) -> list[Alternative]:
        """The sets of items that satisfy one requirement."""
        if requirement_id in self._ways:
            return self._ways[requirement_id]
        self._ways[requirement_id] = []  # a cycle in the rule tree satisfies nothing
        rule = self.p.requirements[requirement_id]
        children = sorted(set(rule.options))
        child_ways = {c: self.option_ways(c) for c in children}
        feasible = [c for c in children if child_ways[c]]
        free = [c for c in feasible if frozenset() in child_ways[c]]
        if rule.op is RuleOp.ALL:
            need = len(children)
        elif rule.op is RuleOp.ANY:
            need = 1
        else:
            need = rule.count or 0
        subsets: list[tuple[str, ...]]
        if rule.op is RuleOp.ALL:
            subsets = [tuple(children)] if len(feasible) == len(children) else []
        elif len(feasible) <= MAX_CHILDREN_EXACT:
            subsets = [
                s
                for size in range(max(need, 0), len(feasible) + 1)
                for s in itertools.combinations(feasible, size)
            ]
        else:
            self.state.exact = False
            ranked = sorted(feasible, key=lambda c: (min(self.cost(w) for w in child_ways[c]), c))
            subsets = [tuple(ranked[: max(need, 0) + k]) for k in range(len(ranked) - need + 1)]
        eligible = []
        for subset in subsets:
            # Options already satisfied count whether chosen or not (credits and counts).
            chosen = tuple(sorted(set(subset) | set(free)))
            if len(chosen) < need:
                continue
            if rule.min_credits is not None and self._credits(chosen) < rule.min_credits - 1e-9:
                continue
            eligible.append(chosen)
        combinations = sum(math.prod(len(child_ways[c]) for c in chosen) for chosen in eligible)
        cheapest_first = {
            c: sorted(child_ways[c], key=lambda w: (self.cost(w), len(w), sorted(w)))
            for c in feasible
        }
        found: list[Alternative] = []
        for chosen in eligible:
            ways_of = [cheapest_first[c] for c in chosen]
            if combinations > ALTERNATIVES_LIMIT:
                # Beam: only each option's cheapest ways, so the product stays near the limit.
                self.state.exact = False
                keep = max(
                    1, int(ALTERNATIVES_LIMIT ** (1 / max(1, len(chosen))) / len(eligible) ** 0.5)
                )
                ways_of = [w[:keep] for w in ways_of]
            found += [frozenset().union(*combo) for combo in itertools.product(*ways_of)]
        ways = _minimal(found)
        if len(ways) > ALTERNATIVES_LIMIT:
            self.state.exact = False
            ways = sorted(ways, key=lambda a: (self.cost(a), len(a), sorted(a)))[
                :ALTERNATIVES_LIMIT
            ]
        if not ways:
            self.state.unreachable.add(requirement_id)
        self._ways[requirement_id] = ways
        return ways

    # -- prerequisites ---------------------------------------------------------------------------
    def closures(self, chosen: Alternative) -> list[tuple[frozenset[str], dict[str, set[str]]]]:
        """Every way to add the unsatisfied prerequisites; with the planned REQUIRES edges."""
        results: list[tuple[frozenset[str], dict[str, set[str]]]] = []

        def expand(planned: frozenset[str], edges: dict[str, set[str]], todo: list[str]) -> None:
            if len(results) > ALTERNATIVES_LIMIT:
                self.state.exact = False
                return
            if not todo:
                results.append((planned, edges))
                return
            item_id, rest = todo[0], todo[1:]
            branches: list[list[tuple[str, str]]] = [[]]  # (prerequisite item, dependant) choices
            item = self.p.items.get(item_id)
            for prereq in sorted(set(item.requires if item else ())):
                if prereq in self.p.items:
                    if prereq in self.p.satisfied:
                        continue
                    if prereq not in self.candidates:
                        self.state.unreachable.add(prereq)
                        return
                    options = [prereq]
                elif prereq in self.p.covered:
                    continue
                else:
                    options = sorted(
                        t for t in self.p.teachers.get(prereq, ()) if t in self.candidates
                    )
                    if not options:
                        self.state.unreachable.add(prereq)
                        return
                branches = [[*b, (o, item_id)] for b in branches for o in options]
            for branch in branches:
                new_edges = {k: set(v) for k, v in edges.items()}
                added = []
                for prereq_item, dependant in branch:
                    new_edges.setdefault(prereq_item, set()).add(dependant)
                    if prereq_item not in planned and prereq_item not in added:
                        added.append(prereq_item)
                expand(planned | frozenset(added), new_edges, rest + added)

        expand(chosen, {}, sorted(chosen))
        return results

    # -- the plan --------------------------------------------------------------------------------
    def solve(self) -> Plan:
        """The plan of the problem."""
        p = self.p
        if p.roots:
            if p.target_id in p.satisfied:
                return Plan(True, True, (), 0.0, True, (), ())
            per_root: list[list[Alternative]] = [
                self.requirement_ways(r) if r not in p.satisfied_requirements else [frozenset()]
                for r in p.roots
            ]
            alternatives = _minimal([frozenset().union(*c) for c in itertools.product(*per_root)])
        elif p.target_id in p.satisfied:
            alternatives = [frozenset()]
        elif p.target_id in p.items:
            alternatives = [frozenset({p.target_id})]  # decision 11: the item itself is planned
        else:
            alternatives = []
        best: tuple[tuple[float, int, list[str]], frozenset[str], dict[str, set[str]]] | None = None
        for alternative in alternatives:
            for planned, edges in self.closures(alternative):
                cycle = _find_cycle(planned, edges)
                if cycle:
                    self.state.cycles.add(cycle)
                    continue
                key = (round(self.cost(planned), 9), len(planned), sorted(planned))
                if best is None or key < best[0]:
                    best = (key, planned, edges)
        if best is None:
            unreachable = tuple(sorted(self.state.unreachable))
            return Plan(
                False,
                False,
                (),
                None,
                self.state.exact,
                unreachable,
                tuple(sorted(self.state.cycles)),
            )
        _, planned, edges = best
        steps = self._order(planned, edges)
        return Plan(
            satisfied=not planned,
            reachable=True,
            steps=steps,
            objective_value=round(self.cost(planned), 9),
            exact=self.state.exact,
            unreachable=(),
            cycles=tuple(sorted(self.state.cycles)),
        )

    def _order(self, planned: frozenset[str], edges: dict[str, set[str]]) -> tuple[Step, ...]:
        indegree = {i: 0 for i in planned}
        for prereq, dependants in edges.items():
            for dependant in dependants:
                if prereq in planned and dependant in planned:
                    indegree[dependant] += 1
        ready = [i for i, d in indegree.items() if d == 0]
        heapq.heapify(ready)
        ordered: list[str] = []
        while ready:
            current = heapq.heappop(ready)
            ordered.append(current)
            for dependant in sorted(edges.get(current, ())):
                if dependant in indegree:
                    indegree[dependant] -= 1
                    if indegree[dependant] == 0:
                        heapq.heappush(ready, dependant)
        fills = self._fills()
        return tuple(
            Step(
                order=n,
                item_id=item_id,
                hours=self.p.items[item_id].hours if item_id in self.p.items else None,
                fills=fills.get(item_id),
                prerequisite_of=tuple(sorted(d for d in edges.get(item_id, ()) if d in planned)),
            )
            for n, item_id in enumerate(ordered, start=1)
        )

    def _fills(self) -> dict[str, str]:
        """Innermost requirement each item counts toward (directly, or by teaching a Competency
        option); smallest id among equally deep ones (decision 11)."""
        depth: dict[str, int] = {}
        frontier = [(r, 0) for r in self.p.roots]
        while frontier:
            rid, d = frontier.pop()
            if rid in depth and depth[rid] >= d:
                continue
            depth[rid] = d
            rule = self.p.requirements.get(rid)
            if rule is None:
                continue
            frontier += [(o, d + 1) for o in rule.options if o in self.p.requirements and d < 50]
        best: dict[str, tuple[int, str]] = {}
        for rid, d in depth.items():
            rule = self.p.requirements.get(rid)
            if rule is None:
                continue
            for option in rule.options:
                items = (
                    [option] if option in self.p.items else list(self.p.teachers.get(option, ()))
                )
                for item_id in items:
                    key = (-d, rid)
                    if item_id not in best or key < best[item_id]:
                        best[item_id] = key
        return {item_id: key[1] for item_id, key in best.items()}


def _find_cycle(planned: frozenset[str], edges: dict[str, set[str]]) -> tuple[str, ...] | None:
    """A REQUIRES cycle among planned items (as a rotation starting at its smallest id), or None."""
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> tuple[str, ...] | None:
        colour[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in planned:
                continue
            if colour.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                start = cycle.index(min(cycle))
                return tuple(cycle[start:] + cycle[:start])
            if colour.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        colour[node] = 2
        return None

    for node in sorted(planned):
        if colour.get(node) is None:
            found = visit(node)
            if found:
                return found
    return None


def solve(problem: Problem) -> Plan:
    """The plan of a problem."""
    return Solver(problem).solve()
