"""The public catalogue (published micro-credentials) and feedback summaries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.errors import Invalid, NotFound
from graph.models import LEARNER_DATA_LABELS, MicroCredential
from graph.planning.feedback import Rating, VersionSummary, overall, summarize
from graph.repositories.catalogue import CatalogueFilter, CatalogueRepository, RatedVersion

__all__ = ["Catalogue", "CatalogueFilter", "CataloguePage", "FeedbackSummary", "MemberFeedback"]


@dataclass(frozen=True)
class CataloguePage:
    """One page of the catalogue: the micro-credentials, their scores, whether more follow."""

    items: tuple[MicroCredential, ...]
    scores: tuple[float | None, ...]
    has_next: bool


@dataclass(frozen=True)
class MemberFeedback:
    """The ratings of one micro-credential, per version and overall."""

    member_id: str
    versions: tuple[VersionSummary, ...]
    count: int
    average: float | None


@dataclass(frozen=True)
class FeedbackSummary:
    """The ratings of a micro-credential, or of a suite's members, and their overall average."""

    id: str
    members: tuple[MemberFeedback, ...]
    count: int
    average: float | None


class Catalogue:
    """The catalogue questions: finding published micro-credentials, summarising feedback."""

    def __init__(self, catalogue: CatalogueRepository) -> None:
        self.catalogue = catalogue

    async def find(
        self, text: str | None, where: CatalogueFilter, first: int, after: str | None
    ) -> CataloguePage:
        """A text search (best first) or a keyset page by id of published micro-credentials."""
        if (
            where.hours_min is not None
            and where.hours_max is not None
            and where.hours_min > where.hours_max
        ):
            raise Invalid(f"hoursMin {where.hours_min:g} is above hoursMax {where.hours_max:g}")
        if text is not None and text.strip():
            if after is not None:
                raise Invalid(
                    "'after' pages the browse order; a text search returns its best matches"
                )
            listed = await self.catalogue.search(text.strip(), where, first + 1)
        else:
            listed = await self.catalogue.browse(where, after, first + 1)
        items = tuple(x.credential for x in listed)
        scores = tuple(x.score for x in listed)
        return CataloguePage(items[:first], scores[:first], len(items) > first)

    async def feedback(self, id_: str) -> FeedbackSummary:
        """Ratings per version (oldest first, with the change) and overall."""
        rated = await self.catalogue.rated_versions(id_)
        if not rated:
            labels = await self.catalogue.labels(id_)
            if labels is None or LEARNER_DATA_LABELS & labels:
                raise NotFound("node", id_)
            if not {"MicroCredential", "Suite"} & labels:
                raise Invalid(f"'{id_}' is neither a micro-credential nor a suite")
        by_member: dict[str, list[RatedVersion]] = defaultdict(list)
        for version in rated:
            by_member[version.member_id].append(version)
        members = []
        all_ratings: dict[str, list[Rating]] = {}
        for member_id, group in by_member.items():
            supersedes = {v.version_id: list(v.supersedes) for v in group}
            versions = {v.version_id: v.version for v in group}
            ratings = {v.version_id: list(v.ratings) for v in group}
            all_ratings.update(ratings)
            count, average = overall(ratings)
            members.append(
                MemberFeedback(
                    member_id, tuple(summarize(supersedes, versions, ratings)), count, average
                )
            )
        count, average = overall(all_ratings)
        return FeedbackSummary(id_, tuple(members), count, average)
