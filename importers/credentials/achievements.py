"""The OB 3.0 Achievement of any item a learner can hold: a micro-credential's full export, or a
course, program or suite described by its name, type, credits and offering institution."""

from __future__ import annotations

from typing import Any

from graph import models as m
from graph.errors import NotFound
from graph.relations import RelType, out
from graph.repositories.nodes import NodeRepository
from importers.exports import iri, micro_credential_achievement

# What each kind of item is called in OB 3.0's AchievementType vocabulary (what credgraph's
# importer reads back as the same kind of item).
ACHIEVEMENT_TYPES = {
    m.Label.COURSE: "Course",
    m.Label.PROGRAM: "Certificate",
    m.Label.SUITE: "Badge",
}
_PROGRAM_TYPES = {"Degree", "Diploma", "AssociateDegree", "BachelorDegree", "MasterDegree",
                  "DoctoralDegree", "Certificate", "MasterCertificate"}  # fmt: skip


def _label(labels: tuple[str, ...]) -> m.Label | None:
    for label in (m.Label.MICRO_CREDENTIAL, m.Label.COURSE, m.Label.PROGRAM, m.Label.SUITE):
        if label.value in labels:
            return label
    return None


def is_achievement(labels: tuple[str, ...]) -> bool:
    """Whether an item with these labels can be issued as an achievement."""
    return _label(labels) is not None


async def item_achievement(
    nodes: NodeRepository, item_id: str, labels: tuple[str, ...]
) -> dict[str, Any]:
    """The Achievement of a held item (without its own `@context`)."""
    label = _label(labels)
    if label is None:
        raise NotFound("Achievement", item_id)
    if label is m.Label.MICRO_CREDENTIAL:
        found = await micro_credential_achievement(nodes, item_id)
        return {k: v for k, v in found.items() if k != "@context"}
    item = (await nodes.get_many(label, [item_id])).get(item_id)
    if item is None:
        raise NotFound(label.value, item_id)
    name = item.name or item_id
    kind = ACHIEVEMENT_TYPES[label]
    credential_type = getattr(item, "credential_type", None)
    if label is m.Label.PROGRAM and credential_type in _PROGRAM_TYPES:
        kind = credential_type
    achievement: dict[str, Any] = {
        "id": iri(item.id),
        "type": ["Achievement"],
        "achievementType": kind,
        "name": name,
        "description": getattr(item, "description", None) or name,
        "criteria": {"narrative": f"Earn {name}."},
    }
    code = getattr(item, "code", None)
    if code:
        achievement["humanCode"] = code
    credits = getattr(item, "credits", None)
    if credits is not None and getattr(item, "credit_unit", None) is m.CreditUnit.CREDIT_HOUR:
        achievement["creditsAvailable"] = credits  # OB 3.0 credits are credit hours
    offered = (await nodes.neighbours(out(RelType.OFFERED_BY), [item.id], 1)).get(item.id, [])
    if offered:
        creator = offered[0].node
        achievement["creator"] = {"id": iri(creator.id), "type": ["Profile"], "name": creator.name}
    return achievement
