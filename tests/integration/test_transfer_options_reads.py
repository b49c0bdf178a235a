"""transferOptions reads the institutions its rules end at in the statement of the rules
(decision 115): the same institutions a read of those ids by label gives, the same rules as
without them, and no statement after the rules' for chains of up to two steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.container import Graph
from graph.models import Institution, Label
from graph.repositories.articulation import ArticulationRepository
from graph.services.articulation import ArticulationService
from tests.conftest import make_settings

LEARNERS = ("learner-amira", "learner-ben", "learner-dana")
DAY = dt.date(2026, 6, 1)


async def test_a_held_round_reads_the_institutions_its_rules_end_at(demo_graph: Graph) -> None:
    repo = ArticulationRepository(demo_graph.db)
    seen = 0
    for learner in LEARNERS:
        for after_held in (False, True):
            round_ = await repo.held_round(learner, 200, after_held=after_held)
            without = await (repo.rules_after_held if after_held else repo.rules_from_held)(
                learner, 200
            )
            assert round_.rules == without
            ends = sorted({r.for_institution_id for r in without if r.for_institution_id})
            by_label = await demo_graph.nodes.get_many(Label.INSTITUTION, ends)
            assert round_.receiving == by_label
            assert all(isinstance(node, Institution) for node in round_.receiving.values())
            seen += len(round_.receiving)
    assert seen > 0  # the demo's learners hold items with transfer values


async def test_transfer_options_reads_nothing_after_the_rules(demo_graph: Graph) -> None:
    counted = frozenset(make_settings().counted_verification_states)
    service = ArticulationService(demo_graph.nodes, ArticulationRepository(demo_graph.db), counted)
    read: list[str] = []

    def trace(name: str, _params: Any) -> None:
        read.append(name)

    demo_graph.db.tracers.append(trace)
    try:
        options, _ = await service.transfer_options("learner-amira", 5, DAY)
    finally:
        demo_graph.db.tracers.remove(trace)
    assert options, "learner-amira's credit goes somewhere on the demo graph"
    assert sorted(read) == [
        "questions/learner_holdings",
        "questions/transfer_values_from",
        "questions/transfer_values_from",
    ]
