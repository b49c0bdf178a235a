"""priorLearning on small random competency graphs against a reference written here.

The reference computes coverage its own way: the held set, every competency within two allowed
alignment hops of it (breadth-first distances), then roll-up to a fixed point; it shares no code
with graph/planning.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import models as m
from graph.container import Graph
from graph.relations import RelType
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.nodes import Link
from graph.repositories.pathways import PathwayRepository
from graph.services.articulation import ArticulationService
from graph.services.pathways import PathwayService

AS_OF = dt.date(2026, 6, 1)
MATCHES = ["EXACT", "EXACT", "CLOSE", "NARROW", "RELATED"]


@dataclass
class World:
    competencies: list[str]
    broader: list[tuple[str, str]]  # (child, parent)
    aligns: list[tuple[str, str, str]]
    earned_teaches: list[str]  # what the learner's one earned course teaches
    evidence: list[tuple[str, bool]]  # (competency, verified)
    courses: dict[str, list[str]]  # rule-tree courses and what they teach
    competency_options: list[str]
    include_close: bool


def make_world(seed: int) -> World:
    rnd = random.Random(seed)
    comps = [f"k{i}" for i in range(rnd.randint(4, 9))]
    broader = [(c, rnd.choice(comps[:i])) for i, c in enumerate(comps) if i and rnd.random() < 0.5]
    aligns = [
        (a, b, rnd.choice(MATCHES)) for a in comps for b in comps if a < b and rnd.random() < 0.15
    ]
    courses = {f"q{i}": rnd.sample(comps, rnd.randint(1, 3)) for i in range(rnd.randint(1, 3))}
    return World(
        competencies=comps,
        broader=broader,
        aligns=aligns,
        earned_teaches=rnd.sample(comps, rnd.randint(0, 3)),
        evidence=[(c, rnd.random() < 0.7) for c in rnd.sample(comps, rnd.randint(0, 2))],
        courses=courses,
        competency_options=rnd.sample(comps, rnd.randint(0, 2)),
        include_close=rnd.random() < 0.5,
    )


async def load(graph: Graph, world: World) -> None:
    await graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    nodes: list[m.Node] = [m.Competency(id=c) for c in world.competencies]
    nodes += [m.Course(id=q, hours=10) for q in world.courses]
    nodes += [
        m.Course(id="held-course", hours=10),
        m.Program(id="target"),
        m.Requirement(id="rule", op=m.RuleOp.ALL),
        m.Learner(id="learner"),
    ]
    nodes += [
        m.Evidence(id=f"ev{n}", date=dt.date(2024, 1, 1), verified_by="office" if ok else None)
        for n, (_, ok) in enumerate(world.evidence)
    ]
    async with graph.nodes.writer() as writer:
        await writer.upsert_nodes(nodes)
        await writer.upsert_links(RelType.BROADER, [Link(c, p) for c, p in world.broader])
        await writer.upsert_links(
            RelType.ALIGNS,
            [Link(a, b, m.Aligns(match=m.AlignmentMatch(x))) for a, b, x in world.aligns],
        )
        await writer.upsert_links(
            RelType.TEACHES,
            [Link("held-course", c) for c in world.earned_teaches]
            + [Link(q, c) for q, cs in world.courses.items() for c in cs],
        )
        await writer.upsert_links(
            RelType.EARNED, [Link("learner", "held-course", m.Earned(date=dt.date(2024, 1, 1)))]
        )
        await writer.upsert_links(
            RelType.HAS_EVIDENCE, [Link("learner", f"ev{n}") for n in range(len(world.evidence))]
        )
        await writer.upsert_links(
            RelType.DEMONSTRATES, [Link(f"ev{n}", c) for n, (c, _) in enumerate(world.evidence)]
        )
        await writer.upsert_links(RelType.HAS_REQUIREMENT, [Link("target", "rule")])
        await writer.upsert_links(
            RelType.OPTION, [Link("rule", o) for o in [*world.courses, *world.competency_options]]
        )


def reference(world: World) -> tuple[set[str], set[str], set[str]]:
    held = set(world.earned_teaches) | {c for c, ok in world.evidence if ok}
    allowed = {"EXACT", "CLOSE"} if world.include_close else {"EXACT"}
    graph: dict[str, set[str]] = {c: set() for c in world.competencies}
    for a, b, match in world.aligns:
        if match in allowed:
            graph[a].add(b)
            graph[b].add(a)
    distance = dict.fromkeys(held, 0)
    queue = deque(held)
    while queue:
        node = queue.popleft()
        for nxt in graph[node]:
            if nxt not in distance:
                distance[nxt] = distance[node] + 1
                queue.append(nxt)
    covered = {c for c, d in distance.items() if d <= 2}
    children: dict[str, set[str]] = {}
    for child, parent in world.broader:
        children.setdefault(parent, set()).add(child)
    grew = True
    while grew:
        grew = False
        for parent, kids in children.items():
            if parent not in covered and kids <= covered:
                covered.add(parent)
                grew = True
    questions = {c for cs in world.courses.values() for c in cs} | set(world.competency_options)
    exemptions = {q for q, cs in world.courses.items() if cs and set(cs) <= covered}
    return questions & covered, questions - covered, exemptions


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(seed=st.integers(min_value=0, max_value=10**9))
async def test_prior_learning_matches_reference(graph: Graph, seed: int) -> None:
    world = make_world(seed)
    await load(graph, world)
    articulation = ArticulationService(graph.nodes, ArticulationRepository(graph.db))
    service = PathwayService(graph.nodes, PathwayRepository(graph.db), articulation)
    answer = await service.prior_learning("learner", "target", AS_OF, world.include_close)
    covered, missing, exemptions = reference(world)
    assert {c.competency_id for c in answer.covered} == covered, (seed, world)
    assert set(answer.missing) == missing, (seed, world)
    assert set(answer.exemptions) == exemptions, (seed, world)
    for item in answer.covered:  # every explanation's last link touches what it explains
        last = item.path[-1]
        assert item.competency_id in (last.from_id, last.to_id), (seed, item)
