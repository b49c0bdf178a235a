"""DOMAIN.md section 4: comparing targets and the registrar's worklist (thin resolvers)."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.auth import LEARNER_DATA
from api.context import Info
from api.resolvers.questions import equivalence_of, pathways_of
from api.types.compare import CompareTargets, compare_from
from api.types.enums import PlanObjective
from api.types.whatif import AssumeInput, assumption
from api.types.worklist import ArticulationWorklist, decode_worklist_cursor, worklist_from
from graph.planning.plans import Objective
from graph.services.compare import compare_targets as compare
from graph.services.worklist import articulation_worklist as worklist


async def compare_targets(
    info: Info,
    learner_id: strawberry.ID,
    target_ids: list[strawberry.ID],
    as_of: dt.date | None = None,
    optimize_for: PlanObjective = Objective.HOURS,
    assume: AssumeInput | None = None,
) -> CompareTargets:
    """Up to 10 programs, suites, micro-credentials, courses or occupations side by side."""
    info.context.require_learner(learner_id, "a learner's comparison of targets")
    day = as_of or dt.date.today()
    rows = await compare(
        pathways_of(info),
        learner_id,
        [str(t) for t in target_ids],
        day,
        optimize_for,
        assumption(assume),
    )
    return compare_from(learner_id, day, optimize_for, rows)


async def articulation_worklist(
    info: Info,
    institution_id: strawberry.ID,
    as_of: dt.date | None = None,
    first: int = 20,
    after: str | None = None,
) -> ArticulationWorklist:
    """Held items of other institutions with no effective transfer value here, most held first."""
    info.context.require("the articulation worklist (learner holdings)", *LEARNER_DATA)
    page = await worklist(
        equivalence_of(info),
        institution_id,
        as_of,
        first,
        decode_worklist_cursor(after),
        info.context.settings.max_page_size,
    )
    return worklist_from(page)
