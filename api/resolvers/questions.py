"""The core questions (DOMAIN.md section 3): thin resolvers over graph.services."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.context import Info
from api.types.questions import (
    TransferCredit,
    TransferOptions,
    transfer_credit_from,
    transfer_options_from,
)
from graph.repositories.articulation import ArticulationRepository
from graph.services.articulation import ArticulationService


def _articulation(info: Info) -> ArticulationService:
    graph = info.context.graph
    return ArticulationService(graph.nodes, ArticulationRepository(graph.db))


async def transfer_credit(
    info: Info,
    learner_id: strawberry.ID,
    institution_id: strawberry.ID,
    as_of: dt.date | None = None,
    max_chain: int = 2,
) -> TransferCredit:
    """What credit a learner's holdings earn at an institution (direct and chained articulation)."""
    info.context.require_admin("a learner's transfer credit")
    answer = await _articulation(info).transfer_credit(learner_id, institution_id, as_of, max_chain)
    return transfer_credit_from(answer)


async def transfer_options(
    info: Info, learner_id: strawberry.ID, limit: int = 10, as_of: dt.date | None = None
) -> TransferOptions:
    """Where the learner's credits go: institutions ranked by the credit they accept."""
    info.context.require_admin("a learner's transfer options")
    options, truncated = await _articulation(info).transfer_options(learner_id, limit, as_of)
    return transfer_options_from(options, truncated)
