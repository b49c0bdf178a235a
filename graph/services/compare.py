"""Comparing targets side by side (DOMAIN.md decision 13): plan or skill-gap figures per target."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import Invalid, NotFound
from graph.models import CreditUnit, Label
from graph.planning.plans import Objective
from graph.planning.whatif import Assumption
from graph.services.pathways import PathwayService, PlanAnswer, SkillGapAnswer

MAX_TARGETS = 10


@dataclass(frozen=True)
class CompareRow:
    """One target's figures: a plan's (credentials, courses, suites) or a skill gap's."""

    target_id: str
    target_label: str
    reachable: bool
    institution_id: str | None
    credit_transferred: float | None
    credit_unit: CreditUnit | None
    completed_count: int | None
    remaining_items: int | None
    remaining_hours: float | None
    remaining_cost: float | None
    closing_hours: float | None
    plan: PlanAnswer | None = None
    gap: SkillGapAnswer | None = None


def plan_row(target_label: str, answer: PlanAnswer) -> CompareRow:
    """A credential's row: stackingPlan figures, transfer credit at its institution."""
    plan = answer.plan
    reachable = plan.reachable
    transfer = answer.transfer
    return CompareRow(
        target_id=answer.target_id,
        target_label=target_label,
        reachable=reachable,
        institution_id=answer.institution_id,
        credit_transferred=transfer.decision.total if transfer else None,
        credit_unit=transfer.institution.credit_unit if transfer else None,
        completed_count=len(answer.completed),
        remaining_items=len(plan.steps) if reachable else None,
        remaining_hours=answer.total_remaining_hours if reachable else None,
        remaining_cost=(
            round(sum(answer.items[s.item_id].cost or 0.0 for s in plan.steps), 9)
            if reachable
            else None
        ),
        closing_hours=None,
        plan=answer,
    )


def gap_row(answer: SkillGapAnswer) -> CompareRow:
    """An occupation's row: skillGap figures; reachable when no essential is uncoverable."""
    reachable = not answer.uncoverable
    return CompareRow(
        target_id=answer.occupation_id,
        target_label=Label.OCCUPATION.value,
        reachable=reachable,
        institution_id=None,
        credit_transferred=None,
        credit_unit=None,
        completed_count=None,
        remaining_items=len(answer.closing_set) if reachable else None,
        remaining_hours=None,
        remaining_cost=None,
        closing_hours=answer.closing_hours if reachable else None,
        gap=answer,
    )


async def compare_targets(
    pathways: PathwayService,
    learner_id: str,
    target_ids: Sequence[str],
    as_of: dt.date | None,
    objective: Objective,
    assume: Assumption | None,
) -> list[CompareRow]:
    """One row per target, in the order given (1 to 10 distinct ids)."""
    if not 1 <= len(target_ids) <= MAX_TARGETS:
        raise Invalid(f"targetIds must name 1 to {MAX_TARGETS} targets, got {len(target_ids)}")
    repeated = sorted({t for t in target_ids if target_ids.count(t) > 1})
    if repeated:
        raise Invalid(f"targetIds must be distinct: {', '.join(repeated)} repeated")
    day = as_of or dt.date.today()
    found = await pathways.nodes.get_items(list(target_ids))
    for target_id in target_ids:
        if target_id not in found:
            raise NotFound("target", target_id)

    async def row(target_id: str) -> CompareRow:
        """The row of one target: a plan, or a skill gap for an occupation."""
        label = found[target_id].label.value
        if label == Label.OCCUPATION.value:
            return gap_row(await pathways.skill_gap(learner_id, target_id, day, assume))
        answer = await pathways.stacking_plan(learner_id, target_id, objective, day, assume)
        return plan_row(label, answer)

    return list(await asyncio.gather(*(row(t) for t in target_ids)))
