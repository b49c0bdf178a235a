"""Answers of the catalogue questions: the public catalogue and feedback summaries."""

from __future__ import annotations

import strawberry

from api.types.explanations import ID, Explanation
from api.types.learning import MicroCredential
from api.types.node import fields_as
from api.types.pagination import encode_cursor
from graph.services.catalogue import CatalogueFilter, CataloguePage, FeedbackSummary


@strawberry.input(description="Catalogue filters; every one given must hold.")
class CatalogueFilterInput:
    """Catalogue filters; every one given must hold."""

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
        """The filters as the catalogue service takes them."""
        return fields_as(self, CatalogueFilter)


@strawberry.type
class CatalogueHit:
    """A published micro-credential of the catalogue, with its cursor and search score."""

    cursor: str
    score: float | None
    node: MicroCredential


@strawberry.type(description="Published micro-credentials: a text search or a keyset page by id.")
class CatalogueResult:
    """Published micro-credentials: a text search or a keyset page by id."""

    hits: list[CatalogueHit]
    has_next_page: bool
    end_cursor: str | None
    truncated: bool


def catalogue_from(page: CataloguePage) -> CatalogueResult:
    """The GraphQL answer of a catalogue page."""
    hits = [
        CatalogueHit(cursor=encode_cursor(mc.id), score=score, node=MicroCredential.from_domain(mc))
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
    """The ratings of one version and the change from the version before."""

    version_id: strawberry.ID
    version: str | None
    count: int
    average_rating: float | None
    learner_average: float | None
    employer_average: float | None
    change_from_previous: float | None


@strawberry.type
class MemberFeedbackResult:
    """The ratings of one micro-credential, per version and overall."""

    micro_credential_id: strawberry.ID
    count: int
    average_rating: float | None
    versions: list[VersionFeedback]


@strawberry.type(description="Ratings per version (oldest first, with the change) and overall.")
class FeedbackSummaryResult:
    """Ratings per version (oldest first, with the change) and overall."""

    id: strawberry.ID
    count: int
    average_rating: float | None
    members: list[MemberFeedbackResult]
    explanation: Explanation


def feedback_from(summary: FeedbackSummary) -> FeedbackSummaryResult:
    """The GraphQL answer of a feedback summary."""
    members = [
        MemberFeedbackResult(
            micro_credential_id=ID(m.member_id),
            count=m.count,
            average_rating=m.average,
            versions=[
                fields_as(
                    v, VersionFeedback, average_rating=v.average, change_from_previous=v.change
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
