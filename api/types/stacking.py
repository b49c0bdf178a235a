"""Answers of the stacking questions: what a credential stacks into, and the pathways employers
endorse; every item carries an explanation path."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.types.explanations import (
    ID,
    Explanation,
    PathStep,
    ids,
    node_field,
)
from api.types.parties import Employer
from graph.services.stacking import EndorsedPathway, StackTarget


@strawberry.type
class StackTargetResult:
    """A target a credential counts toward, and the path there."""

    target_id: strawberry.ID
    hops: int
    path_ids: list[strawberry.ID]
    explanation: Explanation

    target = node_field("target_id")


@strawberry.type
class StacksInto:
    """The answer of stacksInto."""

    id: strawberry.ID
    max_hops: int
    targets: list[StackTargetResult]
    truncated: bool


def stacks_into_from(
    id_: str, max_hops: int, targets: list[StackTarget], truncated: bool
) -> StacksInto:
    """The GraphQL answer of a stacking look-up."""
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


@strawberry.type
class Endorser:
    """An employer endorsing a pathway, of a kind, since a date."""

    employer_id: strawberry.ID
    kind: str | None
    since: dt.date | None

    employer = node_field("employer_id", Employer)


@strawberry.type(
    description="A credential or suite endorsed for the occupation or by the employer."
)
class EndorsedPathwayResult:
    """A credential or suite endorsed for the occupation or by the employer."""

    rank: int
    target_id: strawberry.ID
    endorsers: list[Endorser]
    essential_coverage: float | None
    matched_ids: list[strawberry.ID]
    missing_ids: list[strawberry.ID]
    explanation: Explanation

    target = node_field("target_id")


@strawberry.type
class EndorsedPathways:
    """The answer of endorsedPathways, ranked."""

    occupation_id: strawberry.ID | None
    employer_id: strawberry.ID | None
    pathways: list[EndorsedPathwayResult]
    truncated: bool


def endorsed_from(
    occupation_id: str | None, employer_id: str | None, found: list[EndorsedPathway]
) -> EndorsedPathways:
    """The GraphQL answer of endorsed pathways, ranked from 1."""
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
