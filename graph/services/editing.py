"""Create, update and delete entities with validation; each call is one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic.alias_generators import to_camel

from graph.errors import Conflict, FieldProblem, Invalid, NotFound, Unavailable
from graph.models import MODEL_BY_LABEL, Label, Node
from graph.relations import RelType
from graph.repositories.nodes import Link, NodeRepository

Links = Mapping[RelType, Sequence[str]]


def validate(label: Label, values: Mapping[str, Any]) -> Node:
    """A domain model from snake_case values, or Invalid naming every wrong field (camelCase)."""
    try:
        return MODEL_BY_LABEL[label].model_validate(dict(values))
    except ValidationError as error:
        problems = [
            FieldProblem(".".join(to_camel(str(part)) for part in e["loc"]) or "input", e["msg"])
            for e in error.errors()
        ]
        first = problems[0]
        raise Invalid(f"invalid {label.value}: {first.field}: {first.message}", problems) from None


class EntityEditor:
    """Creates, updates and deletes entities with their links."""

    def __init__(self, nodes: NodeRepository) -> None:
        self.nodes = nodes

    async def create(self, label: Label, values: Mapping[str, Any], links: Links) -> Node:
        """Creates a node with its links; a used id is a Conflict."""
        node = validate(label, values)
        if await self.nodes.get_any([node.id]):
            raise Conflict(f"id '{node.id}' is already in use")
        await self._write(node, links)
        return await self._after_write(label, node)

    async def _after_write(self, label: Label, written: Node) -> Node:
        """The node as stored; if Neo4j went away after the commit, the node as written (it is
        saved: answering 'unavailable' would make the client think it was not)."""
        try:
            return await self._reload(label, written.id)
        except Unavailable:
            return written

    async def update(
        self, label: Label, id_: str, changes: Mapping[str, Any], links: Links
    ) -> Node:
        """Updates a node's given fields and links."""
        existing = (await self.nodes.get_many(label, [id_])).get(id_)
        if existing is None:
            raise NotFound(label.value, id_)
        if changes.get("id", id_) != id_:
            raise Invalid(
                "an id cannot be changed", [FieldProblem("id", "must equal the id argument")]
            )
        # A stored value that did not fit was read as absent (decision 25): writing the merged
        # state would drop it unseen, so the update must give that field a value itself.
        unread = [
            p for name, p in existing.problems.items() if name != "id" and name not in changes
        ]
        if unread:
            raise Invalid(
                f"{label.value} '{id_}' has stored values that do not fit the model: give "
                + ", ".join(f"'{p.property}'" for p in unread)
                + " in this update",
                [
                    FieldProblem(p.property, f"stored {p.stored}; expected {p.expected}")
                    for p in unread
                ],
            )
        merged = validate(label, {**existing.model_dump(), **changes})
        await self._write(merged, links)
        return await self._after_write(label, merged)

    async def delete(self, label: Label, id_: str) -> None:
        """Deletes a node with its relationships."""
        async with self.nodes.writer() as writer:
            if await writer.delete_nodes(label, [id_]) == 0:
                raise NotFound(label.value, id_)

    async def _write(self, node: Node, links: Links) -> None:
        async with self.nodes.writer() as writer:
            await writer.upsert_nodes([node])
            for rel, target_ids in links.items():
                rows = [Link(node.id, target) for target in dict.fromkeys(target_ids)]
                await writer.replace_links_from(rel, [node.id], rows)

    async def _reload(self, label: Label, id_: str) -> Node:
        return (await self.nodes.get_many(label, [id_]))[id_]
