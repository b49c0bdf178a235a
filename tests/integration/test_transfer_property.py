"""transferCredit on small random graphs against a brute-force reference written here.

The reference enumerates every chain of rules and every subset of awards; it shares no code with
graph/planning. Each example is loaded into the real Neo4j and answered by the service.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import models as m
from graph.container import Graph
from graph.relations import RelType
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.nodes import Link
from graph.services.articulation import ArticulationService

AS_OF = dt.date(2026, 6, 1)
RECEIVING = "i0"


@dataclass
class RandomRule:
    id: str
    from_ids: list[str]
    for_id: str
    credits: float
    allow_chaining: bool
    min_grade: float | None
    max_age: int | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class RandomWorld:
    institution_of: dict[str, str]
    rules: list[RandomRule]
    holdings: dict[str, tuple[float | None, dt.date]]  # item -> (grade, date)
    cap: float | None


def make_world(seed: int) -> RandomWorld:
    """Sending items (mostly held), receiving items at i0, and middle items that chains pass."""
    rnd = random.Random(seed)
    sending = [f"s{i}" for i in range(rnd.randint(2, 4))]
    receiving = [f"r{i}" for i in range(rnd.randint(2, 4))]
    middle = [f"m{i}" for i in range(rnd.randint(0, 2))]
    institution_of = {i: rnd.choice(["i1", "i2"]) for i in sending}
    institution_of |= {i: RECEIVING for i in receiving}
    institution_of |= {i: "i1" for i in middle}
    rules = []
    for n in range(rnd.randint(2, 8)):
        if middle and rnd.random() < 0.35:  # the second rule of a chain
            froms, target = [rnd.choice(middle)], rnd.choice(receiving)
        else:
            froms = rnd.sample(sending, rnd.choice([1, 1, 1, 2]))
            target = rnd.choice(receiving * 3 + middle + sending[:1])
        rules.append(
            RandomRule(
                id=f"tv{n}",
                from_ids=froms,
                for_id=target,
                credits=rnd.choice([1.0, 2.0, 3.0, 4.0]),
                allow_chaining=rnd.random() < 0.7,
                min_grade=rnd.choice([None, None, None, 60.0, 80.0]),
                max_age=rnd.choice([None, None, None, 2, 10]),
                start=rnd.choice([None, None, None, dt.date(2020, 1, 1), dt.date(2027, 1, 1)]),
                end=rnd.choice([None, None, None, dt.date(2030, 1, 1), dt.date(2022, 1, 1)]),
            )
        )
    pool = sending + rnd.sample(receiving + middle, rnd.randint(0, 1))
    holdings = {
        item: (
            rnd.choice([None, 55.0, 70.0, 90.0, 90.0]),
            rnd.choice([dt.date(2019, 5, 1), dt.date(2025, 5, 1)]),
        )
        for item in rnd.sample(pool, rnd.randint(1, len(pool)))
    }
    return RandomWorld(institution_of, rules, holdings, rnd.choice([None, None, 3.0, 5.0]))


async def load(graph: Graph, world: RandomWorld) -> None:
    await graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    unit = m.CreditUnit.CREDIT_HOUR
    nodes: list[m.Node] = [
        m.Institution(
            id=i, credit_unit=unit, max_transfer_credits=world.cap if i == RECEIVING else None
        )
        for i in ("i0", "i1", "i2")
    ]
    nodes += [m.Course(id=c, credits=3, credit_unit=unit) for c in world.institution_of]
    nodes += [
        m.TransferValue(
            id=r.id,
            credits=r.credits,
            credit_unit=unit,
            allow_chaining=r.allow_chaining,
            min_grade=r.min_grade,
            max_age_years=r.max_age,
            effective_from=r.start,
            effective_to=r.end,
        )
        for r in world.rules
    ]
    nodes.append(m.Learner(id="learner"))
    async with graph.nodes.writer() as writer:
        await writer.upsert_nodes(nodes)
        await writer.upsert_links(
            RelType.OFFERED_BY, [Link(c, i) for c, i in world.institution_of.items()]
        )
        await writer.upsert_links(
            RelType.FROM, [Link(r.id, f) for r in world.rules for f in r.from_ids]
        )
        await writer.upsert_links(RelType.FOR, [Link(r.id, r.for_id) for r in world.rules])
        await writer.upsert_links(
            RelType.EARNED,
            [
                Link("learner", item, m.Earned(grade=grade, date=date))
                for item, (grade, date) in world.holdings.items()
            ],
        )


# -- the reference --
def _applies(rule: RandomRule, originals: list[str], world: RandomWorld) -> bool:
    if (rule.start and rule.start > AS_OF) or (rule.end and rule.end < AS_OF):
        return False
    for item in originals:
        grade, date = world.holdings[item]
        if rule.min_grade is not None and (grade is None or grade < rule.min_grade):
            return False
        if rule.max_age is not None:
            try:
                limit = date.replace(year=date.year + rule.max_age)
            except ValueError:
                limit = date.replace(year=date.year + rule.max_age, day=28)
            if limit < AS_OF:
                return False
    return True


def reference(world: RandomWorld, max_chain: int) -> tuple[float, bool, tuple[object, ...]]:
    held = {i for i in world.holdings if world.institution_of[i] != RECEIVING}
    earned = set(world.holdings)
    awards = []  # (holdings, receiving, credits)
    for length in range(1, max_chain + 1):
        for chain in itertools.product(world.rules, repeat=length):
            first = chain[0]
            if not set(first.from_ids) <= held:
                continue
            ok = all(
                r.from_ids == [prev.for_id] and r.allow_chaining
                for prev, r in itertools.pairwise(chain)
            )
            # every item before the last is outside the receiving institution; the last is in it
            ok = ok and all(world.institution_of[r.for_id] != RECEIVING for r in chain[:-1])
            ok = ok and world.institution_of[chain[-1].for_id] == RECEIVING
            ok = ok and len({r.for_id for r in chain}) == len(chain)
            ok = ok and chain[-1].for_id not in earned
            ok = ok and all(_applies(r, first.from_ids, world) for r in chain)
            if ok:
                awards.append((frozenset(first.from_ids), chain[-1].for_id, chain[-1].credits))
    best: tuple[object, ...] | None = None
    for size in range(len(awards) + 1):
        for subset in itertools.combinations(awards, size):
            used = [h for a in subset for h in a[0]]
            receiving = [a[1] for a in subset]
            if len(used) != len(set(used)) or len(receiving) != len(set(receiving)):
                continue
            key = (-sum(a[2] for a in subset), len(used), sorted(receiving), sorted(used))
            if best is None or key < best:
                best = key
    assert best is not None
    total = -float(best[0])  # type: ignore[arg-type]
    capped = world.cap is not None and total > world.cap
    return (min(total, world.cap) if capped and world.cap else total), capped, best


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(
    seed=st.integers(min_value=0, max_value=10**9), max_chain=st.integers(min_value=1, max_value=3)
)
async def test_transfer_credit_matches_brute_force(graph: Graph, seed: int, max_chain: int) -> None:
    world = make_world(seed)
    await load(graph, world)
    service = ArticulationService(graph.nodes, ArticulationRepository(graph.db))
    answer = await service.transfer_credit("learner", RECEIVING, AS_OF, max_chain)
    total, capped, best = reference(world, max_chain)
    decision = answer.decision
    assert decision.total == total, (seed, decision)
    assert decision.capped == capped
    chosen_receiving = sorted(a.receiving_id for a in decision.awards)
    chosen_holdings = sorted(h for a in decision.awards for h in a.holdings)
    assert (chosen_receiving, chosen_holdings) == (best[2], best[3]), seed
