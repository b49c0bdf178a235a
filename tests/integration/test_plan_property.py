"""stackingPlan on small random rule trees against a brute-force reference written here.

The reference tries every subset of items to take: the rule must hold on earned + taken, every taken
item's prerequisites must be earned or taken, and the taken items must be orderable (no cycle). The
best subset by (hours, number of items, sorted ids) must be the service's plan.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import models as m
from graph.container import Graph
from graph.planning.plans import Objective
from graph.relations import RelType
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.nodes import Link
from graph.repositories.pathways import PathwayRepository
from graph.services.articulation import ArticulationService
from graph.services.pathways import PathwayService

AS_OF = dt.date(2026, 6, 1)


@dataclass
class Rule:
    id: str
    op: str
    count: int | None
    min_credits: float | None
    options: list[str]


@dataclass
class World:
    hours: dict[str, int]
    credits: dict[str, int]
    requires: dict[str, list[str]]
    rules: list[Rule]
    earned: set[str] = field(default_factory=set)


def make_world(seed: int) -> World:
    rnd = random.Random(seed)
    items = [f"x{i}" for i in range(rnd.randint(3, 7))]
    hours = {i: rnd.randint(1, 9) for i in items}
    credits = {i: rnd.randint(1, 3) for i in items}
    requires = {i: [p for p in items if p != i and rnd.random() < 0.18] for i in items}

    def rule(rid: str, pool: list[str]) -> Rule:
        op = rnd.choice(["ALL", "ANY", "AT_LEAST"])
        options = rnd.sample(pool, rnd.randint(1, min(4, len(pool))))
        count = rnd.randint(1, len(options)) if op == "AT_LEAST" else None
        min_credits = rnd.choice([None, None, float(rnd.randint(2, 6))])
        return Rule(rid, op, count, min_credits, options)

    root = rule("r0", items)
    rules = [root]
    if rnd.random() < 0.6:
        nested = rule("r1", items)
        rules.append(nested)
        root.options.append("r1")
    earned = set(rnd.sample(items, rnd.randint(0, 2)))
    return World(hours, credits, requires, rules, earned)


async def load(graph: Graph, world: World) -> None:
    await graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    unit = m.CreditUnit.CREDIT_HOUR
    nodes: list[m.Node] = [
        m.Institution(id="inst", credit_unit=unit),
        m.Program(id="target", credit_unit=unit),
        m.Learner(id="learner"),
    ]
    nodes += [
        m.Course(id=i, hours=h, credits=world.credits[i], credit_unit=unit)
        for i, h in world.hours.items()
    ]
    nodes += [
        m.Requirement(id=r.id, op=m.RuleOp(r.op), count=r.count, min_credits=r.min_credits)
        for r in world.rules
    ]
    async with graph.nodes.writer() as writer:
        await writer.upsert_nodes(nodes)
        await writer.upsert_links(
            RelType.OFFERED_BY, [Link(i, "inst") for i in [*world.hours, "target"]]
        )
        await writer.upsert_links(RelType.HAS_REQUIREMENT, [Link("target", "r0")])
        await writer.upsert_links(
            RelType.OPTION, [Link(r.id, o) for r in world.rules for o in r.options]
        )
        await writer.upsert_links(
            RelType.REQUIRES, [Link(i, p) for i, ps in world.requires.items() for p in ps]
        )
        await writer.upsert_links(
            RelType.EARNED,
            [Link("learner", i, m.Earned(date=dt.date(2024, 1, 1))) for i in world.earned],
        )


# -- the reference --
def _holds(rule_id: str, have: set[str], world: World) -> bool:
    rule = next(r for r in world.rules if r.id == rule_id)
    met = [o for o in rule.options if (o in have if o.startswith("x") else _holds(o, have, world))]
    need = {"ALL": len(rule.options), "ANY": 1}.get(rule.op, rule.count or 0)
    credits = sum(world.credits[o] for o in met if o.startswith("x"))
    return len(met) >= need and (rule.min_credits is None or credits >= rule.min_credits)


def _acyclic(taken: set[str], world: World) -> bool:
    remaining = set(taken)
    while remaining:
        free = [i for i in remaining if not set(world.requires[i]) & remaining]
        if not free:
            return False
        remaining -= set(free)
    return True


def reference(world: World) -> tuple[int, int, list[str]] | None:
    candidates = sorted(set(world.hours) - world.earned)
    best: tuple[int, int, list[str]] | None = None
    for size in range(len(candidates) + 1):
        for taken_tuple in itertools.combinations(candidates, size):
            taken = set(taken_tuple)
            have = world.earned | taken
            if not _holds("r0", have, world):
                continue
            if any(p not in have for i in taken for p in world.requires[i]):
                continue
            if not _acyclic(taken, world):
                continue
            key = (sum(world.hours[i] for i in taken), len(taken), sorted(taken))
            if best is None or key < best:
                best = key
    return best


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(seed=st.integers(min_value=0, max_value=10**9))
async def test_stacking_plan_matches_brute_force(graph: Graph, seed: int) -> None:
    world = make_world(seed)
    await load(graph, world)
    articulation = ArticulationService(graph.nodes, ArticulationRepository(graph.db))
    service = PathwayService(graph.nodes, PathwayRepository(graph.db), articulation)
    answer = await service.stacking_plan("learner", "target", Objective.HOURS, AS_OF)
    expected = reference(world)
    plan = answer.plan
    if expected is None:
        assert plan.reachable is False, (seed, plan)
        return
    assert plan.reachable, (seed, world)
    planned = [s.item_id for s in plan.steps]
    assert (plan.objective_value, len(planned), sorted(planned)) == expected, (seed, world)
    position = {item: n for n, item in enumerate(planned)}
    for item in planned:  # each step comes after its planned prerequisites
        assert all(position[p] < position[item] for p in world.requires[item] if p in position)
