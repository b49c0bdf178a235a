"""Answers of the pathway questions: stacking plans (with terms), prior learning and skill gaps;
every item carries an explanation path."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.types.credentials import HoldingNotCounted, holdings_not_counted, verification_notes
from api.types.enums import PlanObjective
from api.types.explanations import (
    ASSUMED_TEXT,
    ID,
    Explanation,
    PathStep,
    assumed_holdings_field,
    ids,
    node_field,
    nodes_field,
    not_counted_field,
)
from api.types.learning import Competency, Requirement
from graph.planning.coverage import Covered
from graph.planning.transfer import Holding
from graph.services.pathways import PlanAnswer, PriorLearningAnswer, SkillGapAnswer


@strawberry.enum(description="How a rule-tree item is already satisfied.")
class CompletionKind(Enum):
    """How a rule-tree item is already satisfied."""

    EARNED = "EARNED"
    TRANSFER = "TRANSFER"
    EXEMPTION = "EXEMPTION"


@strawberry.type
class CompletedItem:
    """An item of the target's rule the learner has already satisfied, and how."""

    item_id: strawberry.ID
    how: CompletionKind
    explanation: Explanation

    item = node_field("item_id")


@strawberry.type(description="One item to take, after every prerequisite it has in the plan.")
class PlanStep:
    """One item to take, after every prerequisite it has in the plan."""

    order: int
    item_id: strawberry.ID
    hours: float | None
    fills_id: strawberry.ID | None
    prerequisite_of_ids: list[strawberry.ID]
    explanation: Explanation

    item = node_field("item_id")
    fills = node_field(
        "fills_id",
        Requirement,
        description="The innermost requirement it counts toward (null: a prerequisite).",
    )
    prerequisite_of = nodes_field(
        "prerequisite_of_ids", description="The planned steps that directly need it."
    )


@strawberry.type(
    description="Remaining steps grouped into one term (decision 14): prerequisites sit earlier."
)
class Term:
    """One term of a term plan."""

    number: int
    hours: float
    steps: list[PlanStep]
    overloaded: bool = strawberry.field(
        description="One step longer than termHours, alone in its term."
    )


@strawberry.type
class StackingPlan:
    """The answer of stackingPlan: what is done, what is left in order, and in terms."""

    learner_id: strawberry.ID
    target_id: strawberry.ID
    as_of: dt.date
    optimize_for: PlanObjective
    satisfied: bool
    reachable: bool
    exact: bool
    truncated: bool
    completed: list[CompletedItem]
    remaining: list[PlanStep]
    total_remaining_hours: float | None
    objective_value: float | None
    unreachable_ids: list[strawberry.ID]
    prerequisite_cycles: list[list[strawberry.ID]]
    not_counted: list[HoldingNotCounted] = not_counted_field()
    terms: list[Term] | None = strawberry.field(
        description="With termHours: the remaining steps in terms (null without termHours)."
    )
    terms_exact: bool | None = strawberry.field(
        description="Whether the terms are provably the fewest (exact up to 12 steps)."
    )
    assumed_holding_ids: list[strawberry.ID] = assumed_holdings_field()
    explanation: Explanation

    unreachable = nodes_field(
        "unreachable_ids",
        description="Options and prerequisites that cannot be met (when unreachable).",
    )


_HOW_TEXT = {
    "EARNED": "earned by the learner",
    "TRANSFER": "credited by transfer at the target's institution",
    "EXEMPTION": "exempted: prior learning covers every competency it teaches",
}


def _completed(answer: PlanAnswer, item_id: str, how: str) -> CompletedItem:
    text = f"{item_id}: {_HOW_TEXT[how]}"
    if how == "EARNED":
        path = [PathStep(from_id=ID(answer.learner_id), relationship="EARNED", to_id=ID(item_id))]
        text += verification_notes(answer.holdings, [item_id])
    elif how == "EXEMPTION":
        item = answer.items.get(item_id)
        teaches = item.teaches if item else ()
        path = [PathStep(from_id=ID(item_id), relationship="TEACHES", to_id=ID(c)) for c in teaches]
    else:
        path = [
            PathStep(
                from_id=ID(answer.learner_id), relationship="TRANSFER_CREDIT", to_id=ID(item_id)
            )
        ]
    if how == "EARNED" and item_id in answer.assumed:
        text = f"{item_id}: {ASSUMED_TEXT}"
    return CompletedItem(
        item_id=ID(item_id),
        how=CompletionKind(how),
        explanation=Explanation(text=text, path=path),
    )


def stacking_plan_from(answer: PlanAnswer) -> StackingPlan:
    """The GraphQL answer of a plan, each step with its explanation path."""
    plan = answer.plan
    steps = []
    for step in plan.steps:
        path = (
            [PathStep(from_id=ID(step.fills), relationship="OPTION", to_id=ID(step.item_id))]
            if step.fills
            else []
        )
        path += [
            PathStep(from_id=ID(dependant), relationship="REQUIRES", to_id=ID(step.item_id))
            for dependant in step.prerequisite_of
        ]
        why = f"counts toward {step.fills}" if step.fills else "a prerequisite"
        if step.prerequisite_of:
            why += f"; needed by {', '.join(step.prerequisite_of)}"
        steps.append(
            PlanStep(
                order=step.order,
                item_id=ID(step.item_id),
                hours=step.hours,
                fills_id=ID(step.fills) if step.fills else None,
                prerequisite_of_ids=ids(step.prerequisite_of),
                explanation=Explanation(text=why, path=path),
            )
        )
    if plan.satisfied:
        text = "the target's rule is already satisfied"
    elif not plan.reachable:
        text = "the target cannot be reached: " + ", ".join(plan.unreachable)
    else:
        text = (
            f"{len(plan.steps)} step(s), {answer.total_remaining_hours:g} hours; "
            f"minimal {answer.objective.value.lower()}" + ("" if plan.exact else " (heuristic)")
        )
    by_id = {s.item_id: s for s in steps}
    terms = None
    if answer.terms is not None:
        terms = [
            Term(
                number=t.number,
                hours=t.hours,
                steps=[by_id[ID(i)] for i in t.step_ids],
                overloaded=t.overloaded,
            )
            for t in answer.terms.terms
        ]
    return StackingPlan(
        learner_id=ID(answer.learner_id),
        target_id=ID(answer.target_id),
        as_of=answer.as_of,
        optimize_for=answer.objective,
        satisfied=plan.satisfied,
        reachable=plan.reachable,
        exact=plan.exact,
        truncated=answer.truncated,
        completed=[_completed(answer, i, how) for i, how in answer.completed],
        remaining=steps,
        total_remaining_hours=answer.total_remaining_hours,
        objective_value=plan.objective_value,
        unreachable_ids=ids(plan.unreachable),
        prerequisite_cycles=[ids(c) for c in plan.cycles],
        not_counted=holdings_not_counted(answer.not_counted),
        terms=terms,
        terms_exact=answer.terms.exact if answer.terms is not None else None,
        assumed_holding_ids=ids(sorted(answer.assumed)),
        explanation=Explanation(text=text, path=[]),
    )


def _explain(
    covered: Covered, holdings: tuple[Holding, ...] = (), assumed: frozenset[str] = frozenset()
) -> Explanation:
    how = {
        "HELD": "held",
        "ALIGNED": "aligned with a held competency",
        "ROLLUP": "every narrower competency is covered",
    }[covered.how]
    held = [s for s in covered.sources if s in assumed]
    if held:
        how += f"; {', '.join(held)} {ASSUMED_TEXT}"
    notes = verification_notes(holdings, covered.sources)
    return Explanation(
        text=f"{covered.competency_id}: {how} (from {', '.join(covered.sources)}){notes}",
        path=[
            PathStep(from_id=ID(s.from_id), relationship=s.rel, to_id=ID(s.to_id))
            for s in covered.path
        ],
    )


@strawberry.type
class CoveredCompetency:
    """A competency of the target that prior learning covers, and how."""

    competency_id: strawberry.ID
    how: str
    explanation: Explanation

    competency = node_field("competency_id", Competency)


@strawberry.type
class PriorLearning:
    """The answer of priorLearning: coverage, exemptions, hours saved and the plan left."""

    learner_id: strawberry.ID
    target_id: strawberry.ID
    as_of: dt.date
    include_close: bool
    covered: list[CoveredCompetency]
    missing_ids: list[strawberry.ID]
    exemption_ids: list[strawberry.ID]
    hours_saved: float
    remaining: StackingPlan
    truncated: bool
    not_counted: list[HoldingNotCounted] = not_counted_field()
    assumed_holding_ids: list[strawberry.ID] = assumed_holdings_field()

    missing = nodes_field(
        "missing_ids",
        Competency,
        description="Competencies of the target that prior learning does not cover.",
    )
    exemptions = nodes_field(
        "exemption_ids",
        description="Items of the target's rule whose competencies are all covered.",
    )


def prior_learning_from(answer: PriorLearningAnswer) -> PriorLearning:
    """The GraphQL answer of a prior-learning question."""
    return PriorLearning(
        learner_id=ID(answer.learner_id),
        target_id=ID(answer.target_id),
        as_of=answer.as_of,
        include_close=answer.include_close,
        covered=[
            CoveredCompetency(
                competency_id=ID(c.competency_id),
                how=c.how,
                explanation=_explain(c, answer.remaining.holdings, answer.remaining.assumed),
            )
            for c in answer.covered
        ],
        missing_ids=ids(answer.missing),
        exemption_ids=ids(answer.exemptions),
        hours_saved=answer.hours_saved,
        remaining=stacking_plan_from(answer.remaining),
        truncated=answer.remaining.truncated,
        not_counted=holdings_not_counted(answer.remaining.not_counted),
        assumed_holding_ids=ids(sorted(answer.remaining.assumed)),
    )


@strawberry.type
class NeededCompetencyStatus:
    """A competency an occupation needs, and how the learner covers it (if held)."""

    competency_id: strawberry.ID
    essential: bool
    explanation: Explanation | None

    competency = node_field("competency_id", Competency)


@strawberry.type
class SkillGap:
    """The answer of skillGap: needs held and missing, and the fewest hours to close the gap."""

    learner_id: strawberry.ID
    occupation_id: strawberry.ID
    as_of: dt.date
    held: list[NeededCompetencyStatus]
    missing: list[NeededCompetencyStatus]
    closing_set_ids: list[strawberry.ID]
    closing_hours: float
    uncoverable_ids: list[strawberry.ID]
    exact: bool
    truncated: bool
    assumed_holding_ids: list[strawberry.ID] = assumed_holdings_field()
    explanation: Explanation

    closing_set = nodes_field(
        "closing_set_ids",
        description="The fewest-hours set of offerings covering the missing essentials.",
    )
    uncoverable = nodes_field(
        "uncoverable_ids", Competency, description="Missing essentials that no offering covers."
    )


def skill_gap_from(answer: SkillGapAnswer) -> SkillGap:
    """The GraphQL answer of a skill gap."""
    return SkillGap(
        learner_id=ID(answer.learner_id),
        occupation_id=ID(answer.occupation_id),
        as_of=answer.as_of,
        held=[
            NeededCompetencyStatus(
                competency_id=ID(n.competency_id),
                essential=n.essential,
                explanation=_explain(n.covered, assumed=answer.assumed) if n.covered else None,
            )
            for n in answer.held
        ],
        missing=[
            NeededCompetencyStatus(
                competency_id=ID(n.competency_id), essential=n.essential, explanation=None
            )
            for n in answer.missing
        ],
        closing_set_ids=ids(answer.closing_set),
        closing_hours=answer.closing_hours,
        uncoverable_ids=ids(answer.uncoverable),
        exact=answer.exact,
        truncated=False,
        assumed_holding_ids=ids(sorted(answer.assumed)),
        explanation=Explanation(
            text=(
                f"{len(answer.held)} of {len(answer.held) + len(answer.missing)} needed "
                f"competencies held; {len(answer.closing_set)} offering(s), "
                f"{answer.closing_hours:g} hours close the essential gap"
            ),
            path=[],
        ),
    )
