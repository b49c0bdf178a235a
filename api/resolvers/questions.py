"""The core questions (DOMAIN.md section 3): thin resolvers over graph.services."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.auth import LEARNER_DATA
from api.context import Info
from api.types.articulation import (
    ArticulationSuggestions,
    Equivalents,
    TransferCredit,
    TransferOptions,
    equivalents_from,
    suggestions_from,
    transfer_credit_from,
    transfer_options_from,
)
from api.types.catalogue import (
    CatalogueFilterInput,
    CatalogueResult,
    FeedbackSummaryResult,
    catalogue_from,
    feedback_from,
)
from api.types.enums import PlanObjective
from api.types.pagination import decode_cursor
from api.types.pathways import (
    PriorLearning,
    SkillGap,
    StackingPlan,
    prior_learning_from,
    skill_gap_from,
    stacking_plan_from,
)
from api.types.stacking import EndorsedPathways, StacksInto, endorsed_from, stacks_into_from
from api.types.suites import (
    FacilitatorCoverageResult,
    ImpactResult,
    SuiteConformance,
    conformance_from,
    facilitator_coverage_from,
    impact_from,
)
from api.types.whatif import AssumeInput, assumption
from graph.errors import Invalid, NotFound
from graph.models import Label
from graph.planning.plans import Objective
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.catalogue import CatalogueRepository
from graph.repositories.pathways import PathwayRepository
from graph.repositories.suites import SuiteRepository
from graph.services.articulation import ArticulationService
from graph.services.catalogue import Catalogue
from graph.services.equivalence import EquivalenceService
from graph.services.pathways import PathwayService
from graph.services.stacking import StackingService
from graph.services.suites import SuiteService, impact_of


def _articulation(info: Info) -> ArticulationService:
    graph = info.context.graph
    counted = frozenset(info.context.settings.counted_verification_states)
    return ArticulationService(graph.nodes, ArticulationRepository(graph.db), counted)


async def transfer_credit(
    info: Info,
    learner_id: strawberry.ID,
    institution_id: strawberry.ID,
    as_of: dt.date | None = None,
    max_chain: int = 2,
    assume: AssumeInput | None = None,
) -> TransferCredit:
    """What credit a learner's holdings earn at an institution (direct and chained articulation)."""
    info.context.require_learner(learner_id, "a learner's transfer credit")
    answer = await _articulation(info).transfer_credit(
        learner_id, institution_id, as_of, max_chain, assumption(assume)
    )
    return transfer_credit_from(answer)


async def transfer_options(
    info: Info, learner_id: strawberry.ID, limit: int = 10, as_of: dt.date | None = None
) -> TransferOptions:
    """Where the learner's credits go: institutions ranked by the credit they accept."""
    info.context.require_learner(learner_id, "a learner's transfer options")
    options, truncated = await _articulation(info).transfer_options(learner_id, limit, as_of)
    return transfer_options_from(options, truncated)


def pathways_of(info: Info) -> PathwayService:
    """The pathway questions over this request's graph."""
    graph = info.context.graph
    return PathwayService(graph.nodes, PathwayRepository(graph.db), _articulation(info))


async def stacking_plan(
    info: Info,
    learner_id: strawberry.ID,
    target_id: strawberry.ID,
    optimize_for: PlanObjective = Objective.HOURS,
    as_of: dt.date | None = None,
    assume: AssumeInput | None = None,
    term_hours: float | None = None,
) -> StackingPlan:
    """What is left to reach a target, minimal for the objective, in prerequisite order."""
    info.context.require_learner(learner_id, "a learner's plan")
    answer = await pathways_of(info).stacking_plan(
        learner_id, target_id, optimize_for, as_of, assumption(assume), term_hours
    )
    return stacking_plan_from(answer)


async def prior_learning(
    info: Info,
    learner_id: strawberry.ID,
    target_id: strawberry.ID,
    as_of: dt.date | None = None,
    include_close: bool = False,
    assume: AssumeInput | None = None,
) -> PriorLearning:
    """What the learner's holdings and evidence already cover of a target, with explanations."""
    info.context.require_learner(learner_id, "a learner's prior learning")
    answer = await pathways_of(info).prior_learning(
        learner_id, target_id, as_of, include_close, assumption(assume)
    )
    return prior_learning_from(answer)


async def skill_gap(
    info: Info,
    learner_id: strawberry.ID,
    occupation_id: strawberry.ID,
    as_of: dt.date | None = None,
    assume: AssumeInput | None = None,
) -> SkillGap:
    """What an occupation needs that the learner lacks, and the fewest hours that close the gap."""
    info.context.require_learner(learner_id, "a learner's skill gap")
    answer = await pathways_of(info).skill_gap(learner_id, occupation_id, as_of, assumption(assume))
    return skill_gap_from(answer)


def equivalence_of(info: Info) -> EquivalenceService:
    """The equivalence questions over this request's graph."""
    graph = info.context.graph
    return EquivalenceService(
        graph.nodes, ArticulationRepository(graph.db), pathways_of(info).coverage_of_teaching
    )


async def stacks_into(info: Info, id: strawberry.ID, max_hops: int = 4) -> StacksInto:
    """Targets this credential counts toward (rule trees and STACKS_INTO), with the path."""
    graph = info.context.graph
    targets, truncated = await StackingService(
        graph.nodes, PathwayRepository(graph.db)
    ).stacks_into(id, max_hops)
    return stacks_into_from(id, max_hops, targets, truncated)


async def equivalents_of(
    info: Info, id: strawberry.ID, institution_id: strawberry.ID | None = None
) -> Equivalents:
    """Reverse look-up: what elsewhere earns this item (direct rules and chains)."""
    found, truncated = await equivalence_of(info).equivalents_of(id, institution_id)
    return equivalents_from(id, institution_id, found, truncated)


async def articulation_suggestions(
    info: Info,
    from_id: strawberry.ID,
    institution_id: strawberry.ID,
    min_coverage: float = 0.7,
    limit: int = 10,
) -> ArticulationSuggestions:
    """Receiving courses ranked by the share of their competencies the source covers."""
    found, truncated = await equivalence_of(info).articulation_suggestions(
        from_id, institution_id, min_coverage, limit
    )
    return suggestions_from(from_id, institution_id, min_coverage, found, truncated)


async def endorsed_pathways(
    info: Info, occupation_id: strawberry.ID | None = None, employer_id: strawberry.ID | None = None
) -> EndorsedPathways:
    """Credentials and suites endorsed for an occupation or by an employer, ranked."""
    graph = info.context.graph
    found = await StackingService(graph.nodes, PathwayRepository(graph.db)).endorsed_pathways(
        occupation_id, employer_id, pathways_of(info).coverage_of_teaching
    )
    return endorsed_from(occupation_id, employer_id, found)


def suites_of(info: Info) -> SuiteService:
    """The suite questions over this request's graph."""
    return SuiteService(SuiteRepository(info.context.graph.db))


async def suite_conformance(info: Info, suite_id: strawberry.ID) -> SuiteConformance:
    """Every deviation of every member from the suite's standard, and the approach's shape check."""
    answer = await suites_of(info).conformance(suite_id)
    return conformance_from(answer)


async def facilitator_coverage(
    info: Info, micro_credential_id: strawberry.ID
) -> FacilitatorCoverageResult:
    """Facilitators qualified in every needed competency; for the others, what to train in."""
    answer = await suites_of(info).facilitator_coverage(micro_credential_id)
    return facilitator_coverage_from(answer)


async def impact_of_(info: Info, id: strawberry.ID) -> ImpactResult:
    """What retiring or replacing a competency, credential or course would touch."""
    impact = await impact_of(SuiteRepository(info.context.graph.db), id)
    label = next((x for x in Label if x.value == impact.label), None)
    if label is not None and not info.context.can_read_node(label, impact.id):
        raise NotFound("node", id)  # as for an unknown id: learner ids are not to be found out
    return impact_from(impact, show_learners=info.context.principal.has(*LEARNER_DATA))


def catalogue_of(info: Info) -> Catalogue:
    """The catalogue questions over this request's graph."""
    return Catalogue(CatalogueRepository(info.context.graph.db))


async def catalogue(
    info: Info,
    text: str | None = None,
    filter: CatalogueFilterInput | None = None,
    first: int = 20,
    after: str | None = None,
) -> CatalogueResult:
    """The public catalogue: PUBLISHED micro-credentials, by text (best first) or by id pages."""
    cap = info.context.settings.max_page_size
    if not 1 <= first <= cap:
        raise Invalid(f"'first' must be between 1 and {cap}, got {first}")
    where = (filter or CatalogueFilterInput()).to_domain()
    page = await catalogue_of(info).find(text, where, first, decode_cursor(after))
    return catalogue_from(page)


async def feedback_summary(info: Info, id: strawberry.ID) -> FeedbackSummaryResult:
    """Learner and employer ratings of a micro-credential's versions, or of a suite's members."""
    return feedback_from(await catalogue_of(info).feedback(id))
