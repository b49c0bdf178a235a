"""What-if against its definition (decision 12): an assumed record answers exactly as the same
record written into the graph. Random assumptions on the demo graph: each is answered with
`assume`, then written as EARNED edges and answered without, then the demo graph is restored."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.container import Graph
from graph.planning.plans import Objective
from graph.planning.whatif import AddHolding, Assumption
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.pathways import PathwayRepository
from graph.services.articulation import ArticulationService
from graph.services.pathways import PathwayService
from importers.demo import seed_demo

AS_OF = dt.date(2026, 6, 1)
LEARNERS = ["learner-amira", "learner-ben", "learner-chen", "learner-dana"]
ITEMS = [
    "mc-python-intro",
    "mc-sql-basics",
    "mc-data-1",
    "mc-data-2",
    "mc-data-3",
    "mc-cyber-1",
    "mc-cyber-4",
    "mc-ml-intro",
    "nlc-dat101",
    "nlc-dat102",
    "nlc-dat201",
    "nlc-net110",
    "nlc-sec120",
    "nlc-mth120",
    "lsu-cs101",
    "lsu-sta101",
    "prog-nlc-dat",
]
TARGETS = ["prog-lsu-ds", "prog-nlc-dat", "suite-data", "suite-cyber", "lsu-ds300"]
INSTITUTIONS = ["inst-lsu", "inst-nlc"]
OCCUPATIONS = ["occ-data-analyst", "occ-security-analyst"]

WRITE_EDGE = """
MATCH (l:Learner {id: $learner}), (i:Entity {id: $item})
CREATE (l)-[:EARNED {date: $date, grade: $grade}]->(i)
"""
REMOVE_EDGES = "MATCH (:Learner {id: $learner})-[e:EARNED]->(:Entity {id: $item}) DELETE e"


def make_assumption(seed: int) -> tuple[str, Assumption]:
    rnd = random.Random(seed)
    learner = rnd.choice(LEARNERS)
    add = tuple(
        AddHolding(
            item,
            rnd.choice([None, dt.date(2019, 5, 1), dt.date(2025, 1, 10), dt.date(2026, 9, 1)]),
            rnd.choice([None, 60.0, 68.0, 75.0, 95.0]),
        )
        for item in rnd.sample(ITEMS, rnd.randint(0, 3))
    )
    remove = tuple(rnd.sample(ITEMS, rnd.randint(0, 3)))
    return learner, Assumption(add, remove)


async def write(graph: Graph, learner: str, assumption: Assumption) -> None:
    """The assumption made real: removed and re-added items lose their edges, added ones get one."""
    for item in {*assumption.remove, *(h.item_id for h in assumption.add)}:
        await graph.driver.execute_query(REMOVE_EDGES, learner=learner, item=item)
    for h in assumption.add:
        await graph.driver.execute_query(
            WRITE_EDGE, learner=learner, item=h.item_id, date=h.earned_on or AS_OF, grade=h.grade
        )


async def answers(graph: Graph, learner: str, assumption: Assumption | None) -> list[Any]:
    articulation = ArticulationService(graph.nodes, ArticulationRepository(graph.db))
    pathways = PathwayService(graph.nodes, PathwayRepository(graph.db), articulation)
    found: list[Any] = []
    for institution in INSTITUTIONS:
        t = await articulation.transfer_credit(learner, institution, AS_OF, 2, assumption)
        found.append(
            (
                t.decision.total,
                [(a.receiving_id, a.credits, a.holdings) for a in t.decision.awards],
                t.decision.unused_holdings,
                sorted((r.rule_id, r.reason) for r in t.decision.rejections),
            )
        )
    for target in TARGETS:
        p = await pathways.stacking_plan(learner, target, Objective.HOURS, AS_OF, assumption)
        found.append((p.plan.reachable, p.completed, p.plan.steps, p.total_remaining_hours))
        pl = await pathways.prior_learning(learner, target, AS_OF, False, assumption)
        found.append(([c.competency_id for c in pl.covered], pl.exemptions, pl.hours_saved))
    for occupation in OCCUPATIONS:
        g = await pathways.skill_gap(learner, occupation, AS_OF, assumption)
        found.append(([n.competency_id for n in g.held], g.closing_set, g.closing_hours))
    return found


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(seed=st.integers(min_value=0, max_value=10**9))
async def test_assumed_equals_written(empty_graph: Graph, seed: int) -> None:
    learner, assumption = make_assumption(seed)
    await empty_graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    await seed_demo(empty_graph.nodes)
    assumed = await answers(empty_graph, learner, assumption)
    await write(empty_graph, learner, assumption)
    written = await answers(empty_graph, learner, None)
    assert assumed == written, (seed, learner, assumption)
