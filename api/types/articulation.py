"""Answers of the articulation questions: transfer credit and options, equivalents of an item,
articulation suggestions; every item carries an explanation path."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.types.courses import Course
from api.types.credentials import HoldingNotCounted, holdings_not_counted, verification_notes
from api.types.enums import CreditUnit
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
from api.types.learning import Competency, Institution
from api.types.parties import TransferAgreement, TransferValue
from graph.planning.transfer import Award
from graph.services.articulation import TransferCreditAnswer, TransferOption
from graph.services.equivalence import Equivalent, Suggestion


@strawberry.type(description="One rule of an award's chain.")
class TransferStep:
    """One transfer value of an award's chain, with the agreement and institutions around it."""

    from_ids: strawberry.Private[list[str]]
    transfer_value_id: strawberry.Private[str]
    agreement_id: strawberry.Private[str | None]
    from_institution_id: strawberry.Private[str | None]
    to_institution_id: strawberry.Private[str | None]

    from_ = nodes_field(
        "from_ids", description="What the rule needs (several items: all of them).", name="from"
    )
    transfer_value = node_field("transfer_value_id", TransferValue)
    agreement = node_field(
        "agreement_id",
        TransferAgreement,
        description="The effective agreement that includes the rule (null: none).",
    )
    from_institution = node_field("from_institution_id", Institution)
    to_institution = node_field("to_institution_id", Institution)


@strawberry.type
class TransferAward:
    """Credit for one receiving item, funded by some holdings through a chain of rules."""

    receiving_id: strawberry.ID
    credits: float
    holding_ids: list[strawberry.ID]
    via: list[TransferStep]
    conditions_pending: list[str]
    explanation: Explanation

    receiving = node_field(
        "receiving_id", description="The course, program or requirement credited."
    )
    holdings = nodes_field(
        "holding_ids", description="The learner's holdings that fund this award."
    )


@strawberry.type
class RuleNotApplied:
    """A transfer value that could not apply, and why."""

    transfer_value_id: strawberry.ID
    reason: str


@strawberry.type
class TransferCredit:
    """The answer of transferCredit: the awards, the total (capped or not), what went unused."""

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
    not_counted: list[HoldingNotCounted] = not_counted_field()
    assumed_holding_ids: list[strawberry.ID] = assumed_holdings_field()
    explanation: Explanation

    institution = node_field("institution_id", Institution)
    unused_holdings = nodes_field(
        "unused_holding_ids",
        description="Holdings that fund no award (the receiving institution's own excluded).",
    )


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
    """The GraphQL answer of a transfer credit decision."""
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


def _destination_explanation(root: TransferDestination) -> Explanation:
    # built when asked: its path words every award's steps, which a ranking rarely selects
    answer, decision = root.option.answer, root.option.answer.decision
    unit = answer.institution.credit_unit
    return Explanation(
        text=(
            f"{answer.institution.id} accepts {len(decision.awards)} award(s) worth "
            f"{decision.total:g} {unit.value if unit else 'credits'}"
        ),
        path=[step for award in decision.awards for step in _award(answer, award).explanation.path],
    )


@strawberry.type(description="One institution where the learner's holdings earn credit.")
class TransferDestination:
    """One institution ranked by transferOptions, with its full transfer answer on demand."""

    institution_id: strawberry.ID
    total_credits: float
    credit_unit: CreditUnit | None
    credit_hours: float | None
    share_of_holdings: float
    holdings_accepted: int
    capped: bool
    transfer: TransferCredit = strawberry.field(resolver=_transfer_in_full)
    explanation: Explanation = strawberry.field(resolver=_destination_explanation)
    option: strawberry.Private[TransferOption]

    institution = node_field("institution_id", Institution)


@strawberry.type
class TransferOptions:
    """The answer of transferOptions: institutions ranked by the credit they accept."""

    options: list[TransferDestination]
    truncated: bool


def transfer_options_from(options: list[TransferOption], truncated: bool) -> TransferOptions:
    """The GraphQL answer of ranked transfer options."""
    destinations = []
    for o in options:
        answer, decision = o.answer, o.answer.decision
        destinations.append(
            TransferDestination(
                institution_id=ID(answer.institution.id),
                total_credits=decision.total,
                credit_unit=answer.institution.credit_unit,
                credit_hours=o.credit_hours,
                share_of_holdings=round(o.share_of_holdings, 6),
                holdings_accepted=len({h for a in decision.awards for h in a.holdings}),
                capped=decision.capped,
                option=o,
            )
        )
    return TransferOptions(options=destinations, truncated=truncated)


@strawberry.type(description="Items elsewhere that earn the asked item, by one rule or a chain.")
class EquivalentResult:
    """Items elsewhere that earn the asked item, by one rule or a chain."""

    from_ids: list[strawberry.ID]
    from_institution_ids: list[strawberry.ID | None]
    transfer_value_ids: list[strawberry.ID]
    credits: float | None
    chained: bool
    explanation: Explanation

    from_ = nodes_field("from_ids", name="from")
    transfer_values = nodes_field("transfer_value_ids", TransferValue)


@strawberry.type
class Equivalents:
    """The answer of equivalentsOf."""

    id: strawberry.ID
    institution_id: strawberry.ID | None
    equivalents: list[EquivalentResult]
    truncated: bool


def equivalents_from(
    id_: str, institution_id: str | None, found: list[Equivalent], truncated: bool
) -> Equivalents:
    """The GraphQL answer of an equivalents look-up."""
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
    """A receiving course and how much of it the source covers."""

    course_id: strawberry.ID
    coverage: float
    matched_ids: list[strawberry.ID]
    missing_ids: list[strawberry.ID]
    existing_transfer_value_ids: list[strawberry.ID]
    explanation: Explanation

    course = node_field("course_id", Course)
    matched = nodes_field("matched_ids", Competency)
    missing = nodes_field("missing_ids", Competency)


@strawberry.type
class ArticulationSuggestions:
    """The answer of articulationSuggestions: courses ranked by coverage."""

    from_id: strawberry.ID
    institution_id: strawberry.ID
    min_coverage: float
    suggestions: list[ArticulationSuggestion]
    truncated: bool


def suggestions_from(
    from_id: str, institution_id: str, min_coverage: float, found: list[Suggestion], truncated: bool
) -> ArticulationSuggestions:
    """The GraphQL answer of articulation suggestions, each with its alignment path."""
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
