"""Reads for the catalogue questions: published micro-credentials, and ratings by version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.db import Database, Row
from graph.models import Feedback, Label, MicroCredential
from graph.planning.feedback import Rating
from graph.repositories.nodes import lucene_escape
from graph.stored import read_fitting, read_node, stored_id


@dataclass(frozen=True)
class CatalogueFilter:
    """Catalogue filters; every one given must hold."""

    institution_id: str | None = None
    suite_id: str | None = None
    hours_min: float | None = None
    hours_max: float | None = None
    delivery_mode: str | None = None
    credit_bearing: bool | None = None
    endorsed_by: str | None = None

    def params(self) -> dict[str, object]:
        """The filters as the catalogue statements' parameters."""
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
class Listed:
    """A micro-credential of the catalogue, with its search score (None when browsing)."""

    credential: MicroCredential
    score: float | None


@dataclass(frozen=True)
class RatedVersion:
    """One version of a micro-credential (a member, or the item asked about) and its ratings."""

    member_id: str
    version_id: str
    version: str | None
    supersedes: tuple[str, ...]
    ratings: tuple[Rating, ...]


def _listed(row: Row) -> Listed:
    """A listed micro-credential: a stored value that does not fit is a located error of its
    field in the answer (graph/stored.py), not a failure of the page."""
    found = read_node(Label.MICRO_CREDENTIAL, row["props"])
    assert isinstance(found, MicroCredential)  # noqa: S101 - read_node reads the label's model
    return Listed(found, row.get("score"))


def _version(row: Row) -> str | None:
    """A version's stored name (a number converts to its text)."""
    id_ = stored_id(row["versionId"], "MicroCredential")
    props = {"id": id_, "version": row["version"]}
    return read_fitting(MicroCredential, props, "MicroCredential", id_).version


def _ratings(feedback: list[Row]) -> tuple[Rating, ...]:
    """The ratings given: who gave one and its value decide the averages, so they must fit."""
    ratings = []
    for f in feedback:
        id_ = stored_id(f["id"], "Feedback")
        props = {"id": id_, "from": f["from"], "rating": f["rating"]}
        found = read_fitting(Feedback, props, "Feedback", id_)
        if found.rating is not None:
            source = found.from_.value if found.from_ else None
            ratings.append(Rating(source, found.rating))
    return tuple(ratings)


class CatalogueRepository:
    """The statements of the catalogue questions, read into models."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def search(self, text: str, where: CatalogueFilter, limit: int) -> list[Listed]:
        """Up to `limit` published micro-credentials matching `text`, best first."""
        rows = await self.db.read(
            "catalogue/search", {**where.params(), "text": lucene_escape(text), "limit": limit}
        )
        return [_listed(r) for r in rows]

    async def browse(self, where: CatalogueFilter, after: str | None, limit: int) -> list[Listed]:
        """Up to `limit` published micro-credentials after the id `after`, by id."""
        rows = await self.db.read(
            "catalogue/browse", {**where.params(), "after": after or "", "limit": limit}
        )
        return [_listed(r) for r in rows]

    async def rated_versions(self, id_: str) -> list[RatedVersion]:
        """Every version of a micro-credential, or of a suite's members, with its ratings: by
        member id, then as stored."""
        rows = await self.db.read("questions/feedback", {"id": id_})
        by_member: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_member[str(row["memberId"])].append(row)
        rated = []
        for member_id in sorted(by_member):
            group = by_member[member_id]
            versions = [_version(r) for r in group]
            ratings = [_ratings(r["feedback"]) for r in group]
            rated += [
                RatedVersion(member_id, str(r["versionId"]), version, tuple(r["supersedes"]), given)
                for r, version, given in zip(group, versions, ratings, strict=True)
            ]
        return rated

    async def labels(self, id_: str) -> frozenset[str] | None:
        """The labels of the node with this id (None: no such node)."""
        found = await self.db.read_all("entities/get_any", {"ids": [id_]})
        return frozenset(found[0]["labels"]) if found else None
