"""articulationWorklist on small random graphs against a brute-force reference written here,
walked page by page with random page sizes (decision 15)."""

from __future__ import annotations

import datetime as dt
import random
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
from graph.services.equivalence import EquivalenceService
from graph.services.pathways import PathwayService
from graph.services.worklist import articulation_worklist

AS_OF = dt.date(2026, 6, 1)
HERE = "i0"
WINDOWS = [
    (None, None),
    (dt.date(2020, 1, 1), None),
    (None, dt.date(2022, 1, 1)),
    (dt.date(2027, 1, 1), None),
    (dt.date(2025, 1, 1), dt.date(2026, 6, 1)),
]


@dataclass
class World:
    institution_of: dict[str, str | None]  # item -> offering institution (None: none)
    labels: dict[str, str]  # item -> Course, MicroCredential or Program
    earned: set[tuple[str, str]]  # (learner, item)
    rules: list[tuple[str, list[str], str, tuple[dt.date | None, dt.date | None]]]
    agreements: dict[str, list[tuple[str, tuple[dt.date | None, dt.date | None]]]]  # rule -> ags
    requirement_owner: dict[str, str]  # requirement -> program


def make_world(seed: int) -> World:
    rnd = random.Random(seed)
    items = [f"x{i:02}" for i in range(rnd.randint(3, 12))]
    labels = {i: rnd.choice(["Course", "Course", "MicroCredential", "Program"]) for i in items}
    institution_of: dict[str, str | None] = {
        i: rnd.choice([HERE, "i1", "i2", "i2", None]) for i in items
    }
    learners = [f"l{i}" for i in range(rnd.randint(1, 5))]
    earned = {
        (learner, item)
        for learner in learners
        for item in rnd.sample(items, rnd.randint(0, len(items)))
        if labels[item] != "Program" or rnd.random() < 0.5
    }
    programs = [i for i in items if labels[i] == "Program"]
    requirement_owner = {f"req{k}": p for k, p in enumerate(programs)}
    targets = [i for i in items if labels[i] in ("Course", "Program")] + list(requirement_owner)
    rules = []
    agreements = {}
    for n in range(rnd.randint(0, 10) if targets else 0):
        rule_id = f"tv{n:02}"
        from_ids = rnd.sample(items, rnd.randint(1, 2))
        rules.append((rule_id, from_ids, rnd.choice(targets), rnd.choice(WINDOWS)))
        agreements[rule_id] = [
            (f"ag{n:02}-{k}", rnd.choice(WINDOWS)) for k in range(rnd.choice([0, 0, 1, 2]))
        ]
    return World(institution_of, labels, earned, rules, agreements, requirement_owner)


async def load(graph: Graph, world: World) -> None:
    await graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    model = {"Course": m.Course, "MicroCredential": m.MicroCredential, "Program": m.Program}
    nodes: list[m.Node] = [
        m.Institution(id=i, credit_unit=m.CreditUnit.CREDIT_HOUR)
        for i in (
            HERE,
            "i1",
            "i2",
        )
    ]
    nodes += [model[label](id=item) for item, label in world.labels.items()]
    nodes += [m.Requirement(id=r, op=m.RuleOp.ALL) for r in world.requirement_owner]
    nodes += [m.Learner(id=learner) for learner in sorted({lr for lr, _ in world.earned})]
    nodes += [
        m.TransferValue(id=r, credits=3, effective_from=w[0], effective_to=w[1])
        for r, _, _, w in world.rules
    ]
    nodes += [
        m.TransferAgreement(id=a, effective_from=w[0], effective_to=w[1])
        for ags in world.agreements.values()
        for a, w in ags
    ]
    async with graph.nodes.writer() as writer:
        await writer.upsert_nodes(nodes)
        await writer.upsert_links(
            RelType.OFFERED_BY,
            [Link(item, inst) for item, inst in world.institution_of.items() if inst],
        )
        await writer.upsert_links(
            RelType.HAS_REQUIREMENT, [Link(p, r) for r, p in world.requirement_owner.items()]
        )
        await writer.upsert_links(
            RelType.EARNED, [Link(lr, item, m.Earned()) for lr, item in sorted(world.earned)]
        )
        await writer.upsert_links(
            RelType.FROM, [Link(r, f) for r, froms, _, _ in world.rules for f in froms]
        )
        await writer.upsert_links(RelType.FOR, [Link(r, t) for r, _, t, _ in world.rules])
        await writer.upsert_links(
            RelType.INCLUDES,
            [Link(a, r) for r, ags in world.agreements.items() for a, _ in ags],
        )


def _live(window: tuple[dt.date | None, dt.date | None]) -> bool:
    start, end = window
    return (start is None or start <= AS_OF) and (end is None or end >= AS_OF)


def reference(world: World) -> list[tuple[str, int]]:
    """Every held course or micro-credential of another institution, minus the articulated."""

    def institution(target: str) -> str | None:
        return world.institution_of[world.requirement_owner.get(target, target)]

    holders: dict[str, set[str]] = {}
    for learner, item in world.earned:
        holders.setdefault(item, set()).add(learner)
    entries = []
    for item, learners in holders.items():
        offered = world.institution_of[item]
        if world.labels[item] == "Program" or offered is None or offered == HERE:
            continue
        articulated = any(
            item in froms
            and institution(target) == HERE
            and _live(window)
            and (not world.agreements[r] or any(_live(w) for _, w in world.agreements[r]))
            for r, froms, target, window in world.rules
        )
        if not articulated:
            entries.append((item, len(learners)))
    return sorted(entries, key=lambda e: (-e[1], e[0]))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(seed=st.integers(min_value=0, max_value=10**9), first=st.integers(min_value=1, max_value=4))
async def test_worklist_matches_brute_force(graph: Graph, seed: int, first: int) -> None:
    world = make_world(seed)
    await load(graph, world)
    articulation = ArticulationService(graph.nodes, ArticulationRepository(graph.db))
    pathways = PathwayService(graph.nodes, PathwayRepository(graph.db), articulation)
    equivalence = EquivalenceService(
        graph.nodes, ArticulationRepository(graph.db), pathways.coverage_of_teaching
    )
    walked: list[tuple[str, int]] = []
    after: tuple[int, str] | None = None
    expected = reference(world)
    for _ in range(len(expected) + 2):
        page = await articulation_worklist(equivalence, HERE, AS_OF, first, after, 100)
        walked += [(e.item_id, e.learners_holding) for e in page.entries]
        assert len(page.entries) == first or not page.has_next_page
        if not page.has_next_page:
            break
        last = page.entries[-1]
        after = (last.learners_holding, last.item_id)
    assert walked == expected, seed
