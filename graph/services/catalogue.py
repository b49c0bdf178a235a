"""The public catalogue (published micro-credentials) and feedback summaries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.db import Database, Row
from graph.errors import Invalid, NotFound
from graph.models import LEARNER_DATA_LABELS, Feedback, Label, MicroCredential
from graph.planning.feedback import Rating, VersionSummary, overall, summarize
from graph.repositories.nodes import lucene_escape
from graph.stored import read_fitting, read_node, stored_id


def _credential(props: Row) -> MicroCredential:
    """A listed micro-credential: a stored value that does not fit is a located error of its
    field in the answer (graph/stored.py), not a failure of the page."""
    found = read_node(Label.MICRO_CREDENTIAL, props)
    assert isinstance(found, MicroCredential)  # noqa: S101 - read_node reads the label's model
    return found


@dataclass(frozen=True)
class CatalogueFilter:
    institution_id: str | None = None
    suite_id: str | None = None
    hours_min: float | None = None
    hours_max: float | None = None
    delivery_mode: str | None = None
    credit_bearing: bool | None = None
    endorsed_by: str | None = None

    def params(self) -> dict[str, object]:
        return {
            "institutionId": self.institution_id,
            "suiteId": self.suite_id,
            "hoursMin": self.hours_min,
            "hoursMax": self.hours_max,
            "deliveryMode": self.delivery_mode,
            "creditBearing": self.credit_bearing,
            "endorsedBy": self.endorsed_by,
        }


@dataclass(frozen=True)
class CataloguePage:
    items: tuple[MicroCredential, ...]
    scores: tuple[float | None, ...]
    has_next: bool


@dataclass(frozen=True)
class MemberFeedback:
    member_id: str
    versions: tuple[VersionSummary, ...]
    count: int
    average: float | None


@dataclass(frozen=True)
class FeedbackSummary:
    id: str
    members: tuple[MemberFeedback, ...]
    count: int
    average: float | None


def _version(row: Row) -> str | None:
    """A version's stored name (a number converts to its text)."""
    id_ = stored_id(row["versionId"], "MicroCredential")
    props = {"id": id_, "version": row["version"]}
    return read_fitting(MicroCredential, props, "MicroCredential", id_).version


def _ratings(feedback: list[Row]) -> list[Rating]:
    """The ratings given: who gave one and its value decide the averages, so they must fit."""
    ratings = []
    for f in feedback:
        id_ = stored_id(f["id"], "Feedback")
        props = {"id": id_, "from": f["from"], "rating": f["rating"]}
        found = read_fitting(Feedback, props, "Feedback", id_)
        if found.rating is not None:
            source = found.from_.value if found.from_ else None
            ratings.append(Rating(source, found.rating))
    return ratings


class Catalogue:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def find(
        self, text: str | None, where: CatalogueFilter, first: int, after: str | None
    ) -> CataloguePage:
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
            rows = await self.db.read(
                "catalogue/search",
                {**where.params(), "text": lucene_escape(text.strip()), "limit": first + 1},
            )
        else:
            rows = await self.db.read(
                "catalogue/browse", {**where.params(), "after": after or "", "limit": first + 1}
            )
        items = tuple(_credential(r["props"]) for r in rows)
        scores = tuple(r.get("score") for r in rows)
        return CataloguePage(items[:first], scores[:first], len(items) > first)

    async def feedback(self, id_: str) -> FeedbackSummary:
        rows = await self.db.read("questions/feedback", {"id": id_})
        if not rows:
            found = await self.db.read_all("entities/get_any", {"ids": [id_]})
            if not found or LEARNER_DATA_LABELS & set(found[0]["labels"]):
                raise NotFound("node", id_)
            if not {"MicroCredential", "Suite"} & set(found[0]["labels"]):
                raise Invalid(f"'{id_}' is neither a micro-credential nor a suite")
        by_member: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_member[str(row["memberId"])].append(row)
        members = []
        all_ratings: dict[str, list[Rating]] = {}
        for member_id in sorted(by_member):
            group = by_member[member_id]
            supersedes = {str(r["versionId"]): list(r["supersedes"]) for r in group}
            versions = {str(r["versionId"]): _version(r) for r in group}
            ratings = {str(r["versionId"]): _ratings(r["feedback"]) for r in group}
            all_ratings.update(ratings)
            count, average = overall(ratings)
            members.append(
                MemberFeedback(
                    member_id, tuple(summarize(supersedes, versions, ratings)), count, average
                )
            )
        count, average = overall(all_ratings)
        return FeedbackSummary(id_, tuple(members), count, average)
