"""Answers of the suite questions: a suite's conformance, facilitator coverage and the impact of
retiring a node; every item carries an explanation path."""

from __future__ import annotations

import itertools

import strawberry
from strawberry.utils.str_converters import to_snake_case

from api.context import Info
from api.types.entities import Node
from api.types.explanations import (
    ID,
    Explanation,
    PathStep,
    ids,
    node_field,
    nodes_field,
    nodes_of,
)
from api.types.learning import Competency, Suite
from api.types.node import fields_as
from api.types.parties import Facilitator
from graph.repositories.suites import Impact
from graph.services.suites import Conformance, FacilitatorCoverage


@strawberry.type(description="One element where a member differs from its suite's standard.")
class SuiteDeviation:
    """One element where a member differs from its suite's standard."""

    item_id: strawberry.ID
    field: str
    expected: str
    actual: str
    allowed: bool
    reason: str | None
    explanation: Explanation

    item = node_field("item_id")


@strawberry.type(description="Where the members' prerequisites break the suite's approach.")
class ShapeViolationResult:
    """Where the members' prerequisites break the suite's approach."""

    code: str
    message: str
    item_ids: list[strawberry.ID]
    explanation: Explanation


@strawberry.type
class SuiteConformance:
    """The answer of suiteConformance."""

    suite_id: strawberry.ID
    approach: str | None
    member_ids: list[strawberry.ID]
    conforms: bool
    deviations: list[SuiteDeviation]
    shape_violations: list[ShapeViolationResult]
    truncated: bool

    suite = node_field("suite_id", Suite)


def conformance_from(answer: Conformance) -> SuiteConformance:
    """The GraphQL answer of a conformance check."""
    suite_id = answer.suite.id
    deviations = [
        fields_as(
            d,
            SuiteDeviation,
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
    """How one facilitator fits a micro-credential's needs."""

    facilitator_id: strawberry.ID
    qualified: bool
    facilitates: bool
    missing_ids: list[strawberry.ID]
    explanation: Explanation

    facilitator = node_field("facilitator_id", Facilitator)
    missing = nodes_field(
        "missing_ids", Competency, description="Competencies to train in (the training plan)."
    )


@strawberry.type
class FacilitatorCoverageResult:
    """The answer of facilitatorCoverage: the qualified first, then the others."""

    micro_credential_id: strawberry.ID
    need_ids: list[strawberry.ID]
    qualified: list[FacilitatorFitResult]
    others: list[FacilitatorFitResult]
    truncated: bool


def facilitator_coverage_from(answer: FacilitatorCoverage) -> FacilitatorCoverageResult:
    """The GraphQL answer of facilitator coverage."""
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
    """What retiring or replacing a node would touch."""

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
        """Every affected credential, course, program or suite, as nodes."""
        wanted = {
            *self.required_by,
            *self.taught_by,
            *self.rule_owners,
            *self.suites,
            *self.stacks_into,
        }
        return await nodes_of(info, sorted(wanted))


def impact_from(impact: Impact, show_learners: bool) -> ImpactResult:
    """The GraphQL answer of an impact look-up (learner ids only for those who may read them)."""
    t = impact.touched
    counts = ", ".join(f"{len(v)} {k}" for k, v in t.items() if v) or "nothing"
    return ImpactResult(
        id=ID(impact.id),
        label=impact.label,
        # one id list per list the repository reads (IMPACT_LISTS), its name in snake case
        **{to_snake_case(name): ids(found) for name, found in t.items()},
        learner_count=len(impact.learners),
        learner_ids=ids(impact.learners) if show_learners else [],
        truncated=impact.truncated,
        explanation=Explanation(
            text=f"{impact.id} touches {counts}; {len(impact.learners)} learner(s)",
            path=[],
        ),
    )
