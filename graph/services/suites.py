"""Suite design questions: conformance to the suite's standard and shape, facilitator coverage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldProblem, Invalid, NotFound
from graph.models import InSuite, Label, Suite
from graph.planning.suites import (
    Deviation,
    FacilitatorFit,
    Member,
    ShapeViolation,
    deviations,
    facilitator_fits,
    shape_violations,
)
from graph.relations import RelType
from graph.repositories.nodes import Link, NodeRepository
from graph.repositories.suites import Impact, SuiteRepository


@dataclass(frozen=True)
class Conformance:
    """A suite's members against its standard: deviations and breaks of its approach's shape."""

    suite: Suite
    members: tuple[Member, ...]
    deviations: tuple[Deviation, ...]
    shape_violations: tuple[ShapeViolation, ...]


@dataclass(frozen=True)
class FacilitatorCoverage:
    """A micro-credential's needed competencies and how each facilitator fits them."""

    micro_credential_id: str
    needs: tuple[str, ...]
    fits: tuple[FacilitatorFit, ...]
    truncated: bool


class SuiteService:
    """Conformance to a suite's standard and shape, and facilitator coverage."""

    def __init__(self, suites: SuiteRepository) -> None:
        self.suites = suites

    async def conformance(self, suite_id: str) -> Conformance:
        """Every deviation of every member from the suite's standard, and the shape's breaks."""
        standard = await self.suites.standard(suite_id)
        if standard is None:
            raise NotFound("Suite", suite_id)
        suite, members = standard.suite, standard.members
        return Conformance(
            suite=suite,
            members=members,
            deviations=tuple(deviations(suite, members, standard.endorsement_kinds)),
            shape_violations=tuple(shape_violations(suite, members)),
        )

    async def facilitator_coverage(self, micro_credential_id: str) -> FacilitatorCoverage:
        """Facilitators ranked by what they lack of the micro-credential's needs."""
        found = await self.suites.facilitation(micro_credential_id, limit=500)
        if found is None:
            raise NotFound("MicroCredential", micro_credential_id)
        fits = facilitator_fits(found.needs, found.qualifications, found.facilitating)
        return FacilitatorCoverage(
            micro_credential_id, tuple(sorted(found.needs)), tuple(fits), found.truncated
        )


async def impact_of(suites: SuiteRepository, id_: str, limit: int = 1000) -> Impact:
    """What retiring or replacing `id_` (a competency, credential or course) would touch."""
    found = await suites.impact(id_, limit)
    if found is None:
        raise NotFound("node", id_)
    return found


class SuiteEditor:
    """Suite membership: one transaction replaces the whole member list."""

    def __init__(self, nodes: NodeRepository) -> None:
        self.nodes = nodes

    async def set_members(
        self, suite_id: str, members: Sequence[tuple[str, bool | None, int | None]]
    ) -> Suite:
        """Makes these micro-credentials the suite's members, with core flags and positions."""
        suite = (await self.nodes.get_many(Label.SUITE, [suite_id])).get(suite_id)
        if not isinstance(suite, Suite):
            raise NotFound("Suite", suite_id)
        ids = [m[0] for m in members]
        if len(set(ids)) != len(ids):
            raise Invalid(
                "a micro-credential is listed twice", [FieldProblem("members", "duplicate")]
            )
        positions = [m[2] for m in members if m[2] is not None]
        if len(set(positions)) != len(positions):
            raise Invalid(
                "two members share a position", [FieldProblem("members.position", "duplicate")]
            )
        async with self.nodes.writer() as writer:
            await writer.remove_suite_members(suite_id, ids)
            await writer.upsert_links(
                RelType.IN_SUITE,
                [
                    Link(mc, suite_id, InSuite(core=core, position=position))
                    for mc, core, position in members
                ],
            )
        return suite
