"""Answer types of the core questions: every answer item carries an explanation path."""

from __future__ import annotations

import datetime as dt
import itertools
from enum import Enum

import strawberry

from api.context import Info
from api.types.credentials import HoldingNotCounted, holdings_not_counted, verification_notes
from api.types.entities import (
    Competency,
    Course,
    Employer,
    Facilitator,
    Institution,
    MicroCredential,
    Node,
    Requirement,
    Suite,
    TransferAgreement,
    TransferValue,
    to_gql,
)
from api.types.pagination import encode_cursor
from graph.models import CreditUnit
from graph.planning.coverage import Covered
from graph.planning.plans import Objective
from graph.planning.transfer import Award, Holding
from graph.services.articulation import Equivalent, Suggestion, TransferCreditAnswer, TransferOption
from graph.services.catalogue import CatalogueFilter, CataloguePage, FeedbackSummary
from graph.services.pathways import PlanAnswer, PriorLearningAnswer, SkillGapAnswer
from graph.services.stacking import EndorsedPathway, StackTarget
from graph.services.suites import Conformance, FacilitatorCoverage, Impact

ID = strawberry.ID


def ids(values: list[str] | tuple[str, ...]) -> list[strawberry.ID]:
    return [ID(v) for v in values]


@strawberry.type(
    description="One relationship of an explanation path: (from)-[relationship]->(to)."
)
class PathStep:
    from_id: strawberry.ID
    relationship: str
    to_id: strawberry.ID


@strawberry.type(
    description="Why an answer item holds: a sentence and the path of the graph behind it."
)
class Explanation:
    text: str
    path: list[PathStep]


async def _node(info: Info, id_: str) -> Node | None:
    found = await info.context.any_node().load(id_)
    return to_gql(found) if found is not None else None


async def node_of(info: Info, id_: str) -> Node | None:
    """The node with this id, loaded through the request's DataLoader."""
    return await _node(info, id_)


async def _nodes(info: Info, ids: list[str]) -> list[Node]:
    found = [await _node(info, id_) for id_ in ids]
    return [n for n in found if n is not None]


@strawberry.type(description="One rule of an award's chain.")
class TransferStep:
    from_ids: strawberry.Private[list[str]]
    transfer_value_id: strawberry.Private[str]
    agreement_id: strawberry.Private[str | None]
    from_institution_id: strawberry.Private[str | None]
    to_institution_id: strawberry.Private[str | None]

    @strawberry.field(name="from", description="What the rule needs (several items: all of them).")
    async def from_(self, info: Info) -> list[Node]:
        return await _nodes(info, self.from_ids)

    @strawberry.field
    async def transfer_value(self, info: Info) -> TransferValue | None:
        return await _node(info, self.transfer_value_id)  # type: ignore[return-value]

    @strawberry.field(description="The effective agreement that includes the rule (null: none).")
    async def agreement(self, info: Info) -> TransferAgreement | None:
        if self.agreement_id is None:
            return None
        return await _node(info, self.agreement_id)  # type: ignore[return-value]

    @strawberry.field
    async def from_institution(self, info: Info) -> Institution | None:
        if self.from_institution_id is None:
            return None
        return await _node(info, self.from_institution_id)  # type: ignore[return-value]

    @strawberry.field
    async def to_institution(self, info: Info) -> Institution | None:
        if self.to_institution_id is None:
            return None
        return await _node(info, self.to_institution_id)  # type: ignore[return-value]


@strawberry.type
class TransferAward:
    receiving_id: strawberry.ID
    credits: float
    holding_ids: list[strawberry.ID]
    via: list[TransferStep]
    conditions_pending: list[str]
    explanation: Explanation

    @strawberry.field(description="The course, program or requirement credited.")
    async def receiving(self, info: Info) -> Node | None:
        return await _node(info, self.receiving_id)

    @strawberry.field(description="The learner's holdings that fund this award.")
    async def holdings(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.holding_ids))


@strawberry.type
class RuleNotApplied:
    transfer_value_id: strawberry.ID
    reason: str


@strawberry.type
class TransferCredit:
    learner_id: strawberry.ID
    institution_id: strawberry.ID
    as_of: dt.date
    max_chain: int
    total_credits: float
    uncapped_credits: float
    credit_unit: CreditUnit | None
    capped: bool
    exact: bool
    truncated: bool
    awards: list[TransferAward]
    unused_holding_ids: list[strawberry.ID]
    not_applied: list[RuleNotApplied]
    not_counted: list[HoldingNotCounted] = strawberry.field(
        description="Holdings the verification policy leaves out (REVOKED, INVALID by default)."
    )
    assumed_holding_ids: list[strawberry.ID] = strawberry.field(
        description="Items held by assumption (what-if) in this answer; nothing was written."
    )
    explanation: Explanation

    @strawberry.field
    async def institution(self, info: Info) -> Institution | None:
        return await _node(info, self.institution_id)  # type: ignore[return-value]

    @strawberry.field(
        description="Holdings that fund no award (the receiving institution's own excluded)."
    )
    async def unused_holdings(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.unused_holding_ids))


def _award(answer: TransferCreditAnswer, award: Award) -> TransferAward:
    institutions = {h.holding.item_id: h.holding.institution_id for h in answer.holdings}
    steps = []
    path = []
    previous_institution = institutions.get(award.holdings[0]) if award.holdings else None
    for step in award.steps:
        rule = step.rule
        sending = step.agreement.sending_id if step.agreement else None
        steps.append(
            TransferStep(
                from_ids=list(rule.from_ids),
                transfer_value_id=rule.id,
                agreement_id=step.agreement.id if step.agreement else None,
                from_institution_id=sending or previous_institution,
                to_institution_id=rule.for_institution_id,
            )
        )
        path += [
            PathStep(from_id=ID(rule.id), relationship="FROM", to_id=ID(f)) for f in rule.from_ids
        ]
        path.append(PathStep(from_id=ID(rule.id), relationship="FOR", to_id=ID(rule.for_id)))
        if step.agreement:
            path.append(
                PathStep(from_id=ID(step.agreement.id), relationship="INCLUDES", to_id=ID(rule.id))
            )
        previous_institution = rule.for_institution_id
    chain = " -> ".join([" + ".join(award.holdings), *(s.rule.for_id for s in award.steps)])
    unit = answer.institution.credit_unit
    text = (
        f"{chain}: {award.credits:g} {unit.value if unit else 'credits'} "
        f"by {', '.join(s.rule.id for s in award.steps)}"
    )
    # holdings imported without a credential keep the text they always had
    text += verification_notes((h.holding for h in answer.holdings), award.holdings)
    assumed = [i for i in award.holdings if i in answer.assumed]
    if assumed:
        text += "; " + "; ".join(f"{i} {ASSUMED_TEXT}" for i in assumed)
    return TransferAward(
        receiving_id=ID(award.receiving_id),
        credits=award.credits,
        holding_ids=ids(award.holdings),
        via=steps,
        conditions_pending=list(award.conditions_pending),
        explanation=Explanation(text=text, path=path),
    )


def transfer_credit_from(answer: TransferCreditAnswer) -> TransferCredit:
    decision = answer.decision
    unit = answer.institution.credit_unit
    unit_name = unit.value if unit else "credits"
    summary = f"{decision.uncapped_total:g} {unit_name} from {len(decision.awards)} award(s)"
    if decision.capped:
        summary += f", capped at {decision.total:g} by the institution's maxTransferCredits"
    return TransferCredit(
        learner_id=ID(answer.learner_id),
        institution_id=ID(answer.institution.id),
        as_of=answer.as_of,
        max_chain=answer.max_chain,
        total_credits=decision.total,
        uncapped_credits=decision.uncapped_total,
        credit_unit=unit,
        capped=decision.capped,
        exact=decision.exact,
        truncated=answer.truncated,
        awards=[_award(answer, a) for a in decision.awards],
        unused_holding_ids=ids(decision.unused_holdings),
        not_applied=[
            RuleNotApplied(transfer_value_id=ID(r.rule_id), reason=r.reason)
            for r in decision.rejections
        ],
        not_counted=holdings_not_counted(h.holding for h in answer.not_counted),
        assumed_holding_ids=ids(sorted(answer.assumed)),
        explanation=Explanation(text=summary, path=[]),
    )


def _transfer_in_full(root: TransferDestination) -> TransferCredit:
    # decided with every reachable rule only here: ranking needs only the rules that can reach
    # the institution (the same awards and total), and most answers ask no more
    return transfer_credit_from(root.option.full())


@strawberry.type(description="One institution where the learner's holdings earn credit.")
class TransferDestination:
    institution_id: strawberry.ID
    total_credits: float
    credit_unit: CreditUnit | None
    credit_hours: float | None
    share_of_holdings: float
    holdings_accepted: int
    capped: bool
    transfer: TransferCredit = strawberry.field(resolver=_transfer_in_full)
    explanation: Explanation
    option: strawberry.Private[TransferOption]

    @strawberry.field
    async def institution(self, info: Info) -> Institution | None:
        return await _node(info, self.institution_id)  # type: ignore[return-value]


@strawberry.type
class TransferOptions:
    options: list[TransferDestination]
    truncated: bool


def transfer_options_from(options: list[TransferOption], truncated: bool) -> TransferOptions:
    destinations = []
    for o in options:
        answer, decision = o.answer, o.answer.decision
        unit = answer.institution.credit_unit
        destinations.append(
            TransferDestination(
                institution_id=ID(answer.institution.id),
                total_credits=decision.total,
                credit_unit=unit,
                credit_hours=o.credit_hours,
                share_of_holdings=round(o.share_of_holdings, 6),
                holdings_accepted=len({h for a in decision.awards for h in a.holdings}),
                capped=decision.capped,
                explanation=Explanation(
                    text=(
                        f"{answer.institution.id} accepts {len(decision.awards)} award(s) worth "
                        f"{decision.total:g} {unit.value if unit else 'credits'}"
                    ),
                    path=[
                        step
                        for award in decision.awards
                        for step in _award(answer, award).explanation.path
                    ],
                ),
                option=o,
            )
        )
    return TransferOptions(options=destinations, truncated=truncated)


# -- plans, prior learning, skill gaps ------------------------------------------------------------
PlanObjective = strawberry.enum(Objective, name="PlanObjective")
ASSUMED_TEXT = "assumed held (what-if), not recorded"


@strawberry.enum(description="How a rule-tree item is already satisfied.")
class CompletionKind(Enum):
    EARNED = "EARNED"
    TRANSFER = "TRANSFER"
    EXEMPTION = "EXEMPTION"


@strawberry.type
class CompletedItem:
    item_id: strawberry.ID
    how: CompletionKind
    explanation: Explanation

    @strawberry.field
    async def item(self, info: Info) -> Node | None:
        return await _node(info, self.item_id)


@strawberry.type(description="One item to take, after every prerequisite it has in the plan.")
class PlanStep:
    order: int
    item_id: strawberry.ID
    hours: float | None
    fills_id: strawberry.ID | None
    prerequisite_of_ids: list[strawberry.ID]
    explanation: Explanation

    @strawberry.field
    async def item(self, info: Info) -> Node | None:
        return await _node(info, self.item_id)

    @strawberry.field(
        description="The innermost requirement it counts toward (null: a prerequisite)."
    )
    async def fills(self, info: Info) -> Requirement | None:
        if self.fills_id is None:
            return None
        return await _node(info, self.fills_id)  # type: ignore[return-value]

    @strawberry.field(description="The planned steps that directly need it.")
    async def prerequisite_of(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.prerequisite_of_ids))


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
    learner_id: strawberry.ID
    target_id: strawberry.ID
    as_of: dt.date
    optimize_for: PlanObjective  # type: ignore[valid-type]
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
    not_counted: list[HoldingNotCounted] = strawberry.field(
        description="Holdings the verification policy leaves out (REVOKED, INVALID by default)."
    )
    terms: list[Term] | None = strawberry.field(
        description="With termHours: the remaining steps in terms (null without termHours)."
    )
    terms_exact: bool | None = strawberry.field(
        description="Whether the terms are provably the fewest (exact up to 12 steps)."
    )
    assumed_holding_ids: list[strawberry.ID] = strawberry.field(
        description="Items held by assumption (what-if) in this answer; nothing was written."
    )
    explanation: Explanation

    @strawberry.field(
        description="Options and prerequisites that cannot be met (when unreachable)."
    )
    async def unreachable(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.unreachable_ids))


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
    competency_id: strawberry.ID
    how: str
    explanation: Explanation

    @strawberry.field
    async def competency(self, info: Info) -> Competency | None:
        return await _node(info, self.competency_id)  # type: ignore[return-value]


@strawberry.type
class PriorLearning:
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
    not_counted: list[HoldingNotCounted] = strawberry.field(
        description="Holdings the verification policy leaves out (REVOKED, INVALID by default)."
    )
    assumed_holding_ids: list[strawberry.ID] = strawberry.field(
        description="Items held by assumption (what-if) in this answer; nothing was written."
    )

    @strawberry.field(description="Competencies of the target that prior learning does not cover.")
    async def missing(self, info: Info) -> list[Competency]:
        return await _nodes(info, list(self.missing_ids))  # type: ignore[return-value]

    @strawberry.field(description="Items of the target's rule whose competencies are all covered.")
    async def exemptions(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.exemption_ids))


def prior_learning_from(answer: PriorLearningAnswer) -> PriorLearning:
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
    competency_id: strawberry.ID
    essential: bool
    explanation: Explanation | None

    @strawberry.field
    async def competency(self, info: Info) -> Competency | None:
        return await _node(info, self.competency_id)  # type: ignore[return-value]


@strawberry.type
class SkillGap:
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
    assumed_holding_ids: list[strawberry.ID] = strawberry.field(
        description="Items held by assumption (what-if) in this answer; nothing was written."
    )
    explanation: Explanation

    @strawberry.field(
        description="The fewest-hours set of offerings covering the missing essentials."
    )
    async def closing_set(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.closing_set_ids))

    @strawberry.field(description="Missing essentials that no offering covers.")
    async def uncoverable(self, info: Info) -> list[Competency]:
        return await _nodes(info, list(self.uncoverable_ids))  # type: ignore[return-value]


def skill_gap_from(answer: SkillGapAnswer) -> SkillGap:
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


# -- stacking targets, equivalents, suggestions, endorsed pathways ------------------------------
@strawberry.type
class StackTargetResult:
    target_id: strawberry.ID
    hops: int
    path_ids: list[strawberry.ID]
    explanation: Explanation

    @strawberry.field
    async def target(self, info: Info) -> Node | None:
        return await _node(info, self.target_id)


@strawberry.type
class StacksInto:
    id: strawberry.ID
    max_hops: int
    targets: list[StackTargetResult]
    truncated: bool


def stacks_into_from(
    id_: str, max_hops: int, targets: list[StackTarget], truncated: bool
) -> StacksInto:
    results = []
    for t in targets:
        path = [PathStep(from_id=ID(a), relationship=rel, to_id=ID(b)) for a, rel, b in t.links]
        results.append(
            StackTargetResult(
                target_id=ID(t.target_id),
                hops=t.hops,
                path_ids=ids(t.path_ids),
                explanation=Explanation(text=" -> ".join(t.path_ids), path=path),
            )
        )
    return StacksInto(id=ID(id_), max_hops=max_hops, targets=results, truncated=truncated)


@strawberry.type(description="Items elsewhere that earn the asked item, by one rule or a chain.")
class EquivalentResult:
    from_ids: list[strawberry.ID]
    from_institution_ids: list[strawberry.ID | None]
    transfer_value_ids: list[strawberry.ID]
    credits: float | None
    chained: bool
    explanation: Explanation

    @strawberry.field(name="from")
    async def from_(self, info: Info) -> list[Node]:
        return await _nodes(info, list(self.from_ids))

    @strawberry.field
    async def transfer_values(self, info: Info) -> list[TransferValue]:
        return await _nodes(info, list(self.transfer_value_ids))  # type: ignore[return-value]


@strawberry.type
class Equivalents:
    id: strawberry.ID
    institution_id: strawberry.ID | None
    equivalents: list[EquivalentResult]
    truncated: bool


def equivalents_from(
    id_: str, institution_id: str | None, found: list[Equivalent], truncated: bool
) -> Equivalents:
    results = []
    for e in found:
        chain = [*e.from_ids, *(r.for_id for r in e.rules)]
        path = [
            PathStep(from_id=ID(r.id), relationship=rel, to_id=ID(x))
            for r in e.rules
            for rel, x in [*(("FROM", f) for f in r.from_ids), ("FOR", r.for_id)]
        ]
        results.append(
            EquivalentResult(
                from_ids=ids(e.from_ids),
                from_institution_ids=[ID(i) if i else None for i in e.from_institution_ids],
                transfer_value_ids=ids(tuple(r.id for r in e.rules)),
                credits=e.credits,
                chained=len(e.rules) > 1,
                explanation=Explanation(text=" -> ".join(chain), path=path),
            )
        )
    return Equivalents(
        id=ID(id_),
        institution_id=ID(institution_id) if institution_id else None,
        equivalents=results,
        truncated=truncated,
    )


@strawberry.type(description="A receiving course and how much of it the source covers.")
class ArticulationSuggestion:
    course_id: strawberry.ID
    coverage: float
    matched_ids: list[strawberry.ID]
    missing_ids: list[strawberry.ID]
    existing_transfer_value_ids: list[strawberry.ID]
    explanation: Explanation

    @strawberry.field
    async def course(self, info: Info) -> Course | None:
        return await _node(info, self.course_id)  # type: ignore[return-value]

    @strawberry.field
    async def matched(self, info: Info) -> list[Competency]:
        return await _nodes(info, list(self.matched_ids))  # type: ignore[return-value]

    @strawberry.field
    async def missing(self, info: Info) -> list[Competency]:
        return await _nodes(info, list(self.missing_ids))  # type: ignore[return-value]


@strawberry.type
class ArticulationSuggestions:
    from_id: strawberry.ID
    institution_id: strawberry.ID
    min_coverage: float
    suggestions: list[ArticulationSuggestion]
    truncated: bool


def suggestions_from(
    from_id: str, institution_id: str, min_coverage: float, found: list[Suggestion], truncated: bool
) -> ArticulationSuggestions:
    return ArticulationSuggestions(
        from_id=ID(from_id),
        institution_id=ID(institution_id),
        min_coverage=min_coverage,
        suggestions=[
            ArticulationSuggestion(
                course_id=ID(s.course_id),
                coverage=s.share,
                matched_ids=ids(s.matched),
                missing_ids=ids(s.missing),
                existing_transfer_value_ids=ids(s.existing_rules),
                explanation=Explanation(
                    text=f"{from_id} covers {len(s.matched)} of {len(s.matched) + len(s.missing)} "
                    f"competencies of {s.course_id}",
                    path=[
                        PathStep(
                            from_id=ID(link.from_id), relationship=link.rel, to_id=ID(link.to_id)
                        )
                        for c in s.matched
                        for link in s.explanation[c].path
                    ],
                ),
            )
            for s in found
        ],
        truncated=truncated,
    )


@strawberry.type
class Endorser:
    employer_id: strawberry.ID
    kind: str | None
    since: dt.date | None

    @strawberry.field
    async def employer(self, info: Info) -> Employer | None:
        return await _node(info, self.employer_id)  # type: ignore[return-value]


@strawberry.type(
    description="A credential or suite endorsed for the occupation or by the employer."
)
class EndorsedPathwayResult:
    rank: int
    target_id: strawberry.ID
    endorsers: list[Endorser]
    essential_coverage: float | None
    matched_ids: list[strawberry.ID]
    missing_ids: list[strawberry.ID]
    explanation: Explanation

    @strawberry.field
    async def target(self, info: Info) -> Node | None:
        return await _node(info, self.target_id)


@strawberry.type
class EndorsedPathways:
    occupation_id: strawberry.ID | None
    employer_id: strawberry.ID | None
    pathways: list[EndorsedPathwayResult]
    truncated: bool


def endorsed_from(
    occupation_id: str | None, employer_id: str | None, found: list[EndorsedPathway]
) -> EndorsedPathways:
    results = []
    for rank, p in enumerate(found, start=1):
        kinds = ", ".join(f"{e} {k}" for e, k, _ in p.endorsements)
        text = f"endorsed by {kinds}"
        if p.coverage is not None:
            text += f"; covers {len(p.matched)} of {len(p.matched) + len(p.missing)} essentials"
        results.append(
            EndorsedPathwayResult(
                rank=rank,
                target_id=ID(p.target_id),
                endorsers=[
                    Endorser(employer_id=ID(e), kind=k, since=s) for e, k, s in p.endorsements
                ],
                essential_coverage=p.coverage,
                matched_ids=ids(p.matched),
                missing_ids=ids(p.missing),
                explanation=Explanation(
                    text=text,
                    path=[
                        PathStep(from_id=ID(e), relationship="ENDORSES", to_id=ID(p.target_id))
                        for e, _, _ in p.endorsements
                    ],
                ),
            )
        )
    return EndorsedPathways(
        occupation_id=ID(occupation_id) if occupation_id else None,
        employer_id=ID(employer_id) if employer_id else None,
        pathways=results,
        truncated=False,
    )


# -- suites ---------------------------------------------------------------------------------------
@strawberry.type(description="One element where a member differs from its suite's standard.")
class SuiteDeviation:
    item_id: strawberry.ID
    field: str
    expected: str
    actual: str
    allowed: bool
    reason: str | None
    explanation: Explanation

    @strawberry.field
    async def item(self, info: Info) -> Node | None:
        return await _node(info, self.item_id)


@strawberry.type(description="Where the members' prerequisites break the suite's approach.")
class ShapeViolationResult:
    code: str
    message: str
    item_ids: list[strawberry.ID]
    explanation: Explanation


@strawberry.type
class SuiteConformance:
    suite_id: strawberry.ID
    approach: str | None
    member_ids: list[strawberry.ID]
    conforms: bool
    deviations: list[SuiteDeviation]
    shape_violations: list[ShapeViolationResult]
    truncated: bool

    @strawberry.field
    async def suite(self, info: Info) -> Suite | None:
        return await _node(info, self.suite_id)  # type: ignore[return-value]


def conformance_from(answer: Conformance) -> SuiteConformance:
    suite_id = answer.suite.id
    deviations = [
        SuiteDeviation(
            item_id=ID(d.item_id),
            field=d.field,
            expected=d.expected,
            actual=d.actual,
            allowed=d.allowed,
            reason=d.reason,
            explanation=Explanation(
                text=f"{d.item_id}.{d.field} is {d.actual}; the suite's standard says {d.expected}"
                + (
                    f" (allowed: {d.reason})"
                    if d.allowed and d.reason
                    else " (allowed)"
                    if d.allowed
                    else ""
                ),
                path=[PathStep(from_id=ID(d.item_id), relationship="IN_SUITE", to_id=ID(suite_id))],
            ),
        )
        for d in answer.deviations
    ]
    violations = [
        ShapeViolationResult(
            code=v.code,
            message=v.message,
            item_ids=ids(v.item_ids),
            explanation=Explanation(
                text=v.message,
                path=[
                    PathStep(from_id=ID(a), relationship="REQUIRES", to_id=ID(b))
                    for a, b in itertools.pairwise(v.item_ids)
                ]
                if "REQUIRES" in v.code
                else [],
            ),
        )
        for v in answer.shape_violations
    ]
    return SuiteConformance(
        suite_id=ID(suite_id),
        approach=answer.suite.approach.value if answer.suite.approach else None,
        member_ids=ids(tuple(m.credential.id for m in answer.members)),
        conforms=not violations and all(d.allowed for d in answer.deviations),
        deviations=deviations,
        shape_violations=violations,
        truncated=False,
    )


@strawberry.type
class FacilitatorFitResult:
    facilitator_id: strawberry.ID
    qualified: bool
    facilitates: bool
    missing_ids: list[strawberry.ID]
    explanation: Explanation

    @strawberry.field
    async def facilitator(self, info: Info) -> Facilitator | None:
        return await _node(info, self.facilitator_id)  # type: ignore[return-value]

    @strawberry.field(description="Competencies to train in (the training plan).")
    async def missing(self, info: Info) -> list[Competency]:
        return await _nodes(info, list(self.missing_ids))  # type: ignore[return-value]


@strawberry.type
class FacilitatorCoverageResult:
    micro_credential_id: strawberry.ID
    need_ids: list[strawberry.ID]
    qualified: list[FacilitatorFitResult]
    others: list[FacilitatorFitResult]
    truncated: bool


def facilitator_coverage_from(answer: FacilitatorCoverage) -> FacilitatorCoverageResult:
    fits = [
        FacilitatorFitResult(
            facilitator_id=ID(f.facilitator_id),
            qualified=not f.missing,
            facilitates=f.facilitates,
            missing_ids=ids(f.missing),
            explanation=Explanation(
                text=(
                    f"{f.facilitator_id} is qualified in every needed competency"
                    if not f.missing
                    else f"{f.facilitator_id} needs training in {', '.join(f.missing)}"
                ),
                path=[
                    PathStep(
                        from_id=ID(answer.micro_credential_id),
                        relationship="FACILITATION_NEEDS",
                        to_id=ID(c),
                    )
                    for c in f.missing
                ],
            ),
        )
        for f in answer.fits
    ]
    return FacilitatorCoverageResult(
        micro_credential_id=ID(answer.micro_credential_id),
        need_ids=ids(answer.needs),
        qualified=[f for f in fits if f.qualified],
        others=[f for f in fits if not f.qualified],
        truncated=answer.truncated,
    )


@strawberry.type(description="What retiring or replacing a node would touch.")
class ImpactResult:
    id: strawberry.ID
    label: str | None
    required_by: list[strawberry.ID]
    taught_by: list[strawberry.ID]
    facilitation_needed_by: list[strawberry.ID]
    requirements: list[strawberry.ID]
    rule_owners: list[strawberry.ID]
    transfer_values: list[strawberry.ID]
    suites: list[strawberry.ID]
    stacks_into: list[strawberry.ID]
    occupations: list[strawberry.ID]
    superseded_by: list[strawberry.ID]
    aligned_with: list[strawberry.ID]
    learner_count: int
    learner_ids: list[strawberry.ID] = strawberry.field(
        description="Learners holding it or with a plan through it (needs the bearer token)."
    )
    truncated: bool
    explanation: Explanation

    @strawberry.field(description="Every affected credential, course, program or suite, as nodes.")
    async def credentials(self, info: Info) -> list[Node]:
        wanted = {
            *self.required_by,
            *self.taught_by,
            *self.rule_owners,
            *self.suites,
            *self.stacks_into,
        }
        return await _nodes(info, sorted(wanted))


def impact_from(impact: Impact, show_learners: bool) -> ImpactResult:
    t = impact.touched
    counts = ", ".join(f"{len(v)} {k}" for k, v in t.items() if v) or "nothing"
    return ImpactResult(
        id=ID(impact.id),
        label=impact.label,
        required_by=ids(t["requiredBy"]),
        taught_by=ids(t["taughtBy"]),
        facilitation_needed_by=ids(t["facilitationNeededBy"]),
        requirements=ids(t["requirements"]),
        rule_owners=ids(t["ruleOwners"]),
        transfer_values=ids(t["transferValues"]),
        suites=ids(t["suites"]),
        stacks_into=ids(t["stacksInto"]),
        occupations=ids(t["occupations"]),
        superseded_by=ids(t["supersededBy"]),
        aligned_with=ids(t["alignedWith"]),
        learner_count=len(impact.learners),
        learner_ids=ids(impact.learners) if show_learners else [],
        truncated=impact.truncated,
        explanation=Explanation(
            text=f"{impact.id} touches {counts}; {len(impact.learners)} learner(s)",
            path=[],
        ),
    )


# -- catalogue and feedback -----------------------------------------------------------------------
@strawberry.input(description="Catalogue filters; every one given must hold.")
class CatalogueFilterInput:
    institution_id: strawberry.ID | None = None
    suite_id: strawberry.ID | None = None
    hours_min: float | None = None
    hours_max: float | None = None
    delivery_mode: str | None = None
    credit_bearing: bool | None = None
    endorsed_by: strawberry.ID | None = strawberry.field(
        default=None, description="An employer id: endorsed directly or through a suite."
    )

    def to_domain(self) -> CatalogueFilter:
        return CatalogueFilter(
            institution_id=self.institution_id,
            suite_id=self.suite_id,
            hours_min=self.hours_min,
            hours_max=self.hours_max,
            delivery_mode=self.delivery_mode,
            credit_bearing=self.credit_bearing,
            endorsed_by=self.endorsed_by,
        )


@strawberry.type
class CatalogueHit:
    cursor: str
    score: float | None
    node: MicroCredential


@strawberry.type(description="Published micro-credentials: a text search or a keyset page by id.")
class CatalogueResult:
    hits: list[CatalogueHit]
    has_next_page: bool
    end_cursor: str | None
    truncated: bool


def catalogue_from(page: CataloguePage) -> CatalogueResult:
    hits = [
        CatalogueHit(cursor=encode_cursor(mc.id), score=score, node=to_gql(mc))  # type: ignore[arg-type]
        for mc, score in zip(page.items, page.scores, strict=True)
    ]
    return CatalogueResult(
        hits=hits,
        has_next_page=page.has_next,
        end_cursor=hits[-1].cursor if hits else None,
        truncated=page.has_next,
    )


@strawberry.type
class VersionFeedback:
    version_id: strawberry.ID
    version: str | None
    count: int
    average_rating: float | None
    learner_average: float | None
    employer_average: float | None
    change_from_previous: float | None


@strawberry.type
class MemberFeedbackResult:
    micro_credential_id: strawberry.ID
    count: int
    average_rating: float | None
    versions: list[VersionFeedback]


@strawberry.type(description="Ratings per version (oldest first, with the change) and overall.")
class FeedbackSummaryResult:
    id: strawberry.ID
    count: int
    average_rating: float | None
    members: list[MemberFeedbackResult]
    explanation: Explanation


def feedback_from(summary: FeedbackSummary) -> FeedbackSummaryResult:
    members = [
        MemberFeedbackResult(
            micro_credential_id=ID(m.member_id),
            count=m.count,
            average_rating=m.average,
            versions=[
                VersionFeedback(
                    version_id=ID(v.version_id),
                    version=v.version,
                    count=v.count,
                    average_rating=v.average,
                    learner_average=v.learner_average,
                    employer_average=v.employer_average,
                    change_from_previous=v.change,
                )
                for v in m.versions
            ],
        )
        for m in summary.members
    ]
    average = "no ratings" if summary.average is None else f"average {summary.average:g}"
    return FeedbackSummaryResult(
        id=ID(summary.id),
        count=summary.count,
        average_rating=summary.average,
        members=members,
        explanation=Explanation(text=f"{summary.count} rating(s), {average}", path=[]),
    )
