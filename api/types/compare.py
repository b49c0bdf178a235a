"""The answer of compareTargets (DOMAIN.md decision 13): one row of figures per target."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.types.enums import CreditUnit, PlanObjective
from api.types.explanations import ASSUMED_TEXT, Explanation, assumed_holdings_field, node_field
from api.types.learning import Institution
from api.types.node import fields_as
from graph.planning.plans import Objective
from graph.services.compare import CompareRow


@strawberry.type(description="One target's figures: a plan's, or an occupation's skill gap.")
class CompareTargetRow:
    """One row of compareTargets."""

    target_id: strawberry.ID
    reachable: bool
    institution_id: strawberry.ID | None = strawberry.field(
        description="The target's offering institution, where its plan and credit are counted."
    )
    credit_transferred: float | None = strawberry.field(
        description="transferCredit's total at the target's institution, in its unit."
    )
    credit_unit: CreditUnit | None
    completed_count: int | None
    remaining_items: int | None = strawberry.field(
        description="Steps of the plan, or offerings of an occupation's closing set."
    )
    remaining_hours: float | None
    remaining_cost: float | None = strawberry.field(description="Unknown costs count 0.")
    closing_hours: float | None
    explanation: Explanation

    target = node_field("target_id")
    institution = node_field("institution_id", Institution)


@strawberry.type
class CompareTargets:
    """The answer of compareTargets: rows in the order of targetIds."""

    learner_id: strawberry.ID
    as_of: dt.date
    optimize_for: PlanObjective
    rows: list[CompareTargetRow]
    assumed_holding_ids: list[strawberry.ID] = assumed_holdings_field()


def _assumed(row: CompareRow) -> frozenset[str]:
    if row.plan is not None:
        return row.plan.assumed
    return row.gap.assumed if row.gap is not None else frozenset()


def _text(row: CompareRow) -> str:
    if row.gap is not None:
        gap = row.gap
        if not row.reachable:
            return f"{row.target_id}: essentials no offering covers: {', '.join(gap.uncoverable)}"
        return (
            f"{row.target_id}: {len(gap.missing)} needed competencies missing; "
            f"{len(gap.closing_set)} offering(s), {gap.closing_hours:g} hours close the gap"
        )
    if not row.reachable:
        return f"{row.target_id}: cannot be reached"
    text = (
        f"{row.target_id}: {row.completed_count} item(s) completed, {row.remaining_items} "
        f"left ({row.remaining_hours:g} hours, cost {row.remaining_cost:g})"
    )
    if row.credit_transferred:
        unit = row.credit_unit.value if row.credit_unit else "credits"
        text += f"; {row.credit_transferred:g} {unit} by transfer at {row.institution_id}"
    return text


def compare_from(
    learner_id: str, as_of: dt.date, objective: Objective, rows: list[CompareRow]
) -> CompareTargets:
    """The GraphQL answer of the compared rows."""
    assumed_of = {r.target_id: sorted(_assumed(r)) for r in rows}
    assumed = sorted({i for r in rows for i in _assumed(r)})
    return CompareTargets(
        learner_id=strawberry.ID(learner_id),
        as_of=as_of,
        optimize_for=objective,
        rows=[
            fields_as(
                r,
                CompareTargetRow,
                institution_id=strawberry.ID(r.institution_id) if r.institution_id else None,
                explanation=Explanation(
                    text=_text(r)
                    + (
                        f" (with {', '.join(assumed_of[r.target_id])} {ASSUMED_TEXT})"
                        if assumed_of[r.target_id]
                        else ""
                    ),
                    path=[],
                ),
            )
            for r in rows
        ],
        assumed_holding_ids=[strawberry.ID(i) for i in assumed],
    )
