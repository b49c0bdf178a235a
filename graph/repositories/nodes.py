"""Entity reads (by id, neighbours, keyset pages, full-text) and batched transactional writes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from graph.changes import Change, ChangeKind, link_changes, node_changes, removed_links
from graph.db import Database, Row, Transaction
from graph.errors import FieldProblem, Invalid
from graph.models import LEARNER_DATA_LABELS, Edge, Label, Model, Node, NoProps, Page
from graph.relations import REL_SCHEMAS, Hop, RelType
from graph.stored import read_node, read_rel

BATCH_SIZE = 5000
_LABELS = {label.value: label for label in Label}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


LIST_QUERIES = {label: f"entities/list_{_snake(label.value)}" for label in Label}
COUNT_QUERIES = {label: f"entities/count_{_snake(label.value)}" for label in Label}
# One file per relationship type: MERGE on a literal type (a dynamic one plans 20x slower).
UPSERT_RELS_QUERIES = {rel: f"entities/upsert_rels_{rel.value.lower()}" for rel in RelType}


def domain_label(labels: Iterable[str]) -> Label | None:
    """The domain label among a node's labels (None: none)."""
    for name in labels:
        if name in _LABELS:
            return _LABELS[name]
    return None


@dataclass(frozen=True)
class NodeFilter:
    """Filters every list accepts; a filter that does not apply to a label matches nothing."""

    name_contains: str | None = None
    source: str | None = None
    status: str | None = None
    institution_id: str | None = None
    # nodes created or changed at or after this time (a time without a zone is UTC)
    updated_since: dt.datetime | None = None

    def params(self) -> dict[str, Any]:
        """The filter as the list statements' parameters."""
        since = self.updated_since
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)  # a zoned DateTime never equals a local one
        return {
            "q": self.name_contains.lower() if self.name_contains else None,
            "source": self.source,
            "status": self.status,
            "institutionId": self.institution_id,
            "updatedSince": since,
        }


@dataclass(frozen=True)
class Link:
    """A relationship to write: from one existing node to another, with optional properties."""

    from_id: str
    to_id: str
    props: Model | None = None


@dataclass
class WriteCounts:
    """What a write did: nodes created and written, links, per label."""

    created: int = 0
    written: int = 0
    links: int = 0
    by_label: dict[str, int] = field(default_factory=dict)


def _batches(rows: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


class GraphWriter:
    """Batched writes inside one transaction: everything commits, or nothing does."""

    def __init__(self, tx: Transaction, now: dt.datetime) -> None:
        self.tx = tx
        self.now = now
        self.counts = WriteCounts()

    async def recalled(self, key: str) -> tuple[str, str] | None:
        """(operation, result JSON) of a write made earlier under this idempotency key."""
        rows = await self.tx.run("entities/idempotency_get", {"key": key})
        return (str(rows[0]["operation"]), str(rows[0]["result"])) if rows else None

    async def remember(self, key: str, operation: str, result: str) -> None:
        """Store this write's result under its key; it commits (or not) with the write."""
        await self.tx.run(
            "entities/idempotency_put",
            {"key": key, "operation": operation, "result": result, "now": self.now},
        )

    async def upsert_nodes(self, nodes: Sequence[Node]) -> None:
        """Creates or updates the nodes (MERGE on id), by label, in batches."""
        by_label: dict[Label, list[Node]] = {}
        for node in nodes:
            by_label.setdefault(node.label, []).append(node)
        for label, group in by_label.items():
            ids = [n.id for n in group]
            conflicts = await self.tx.run(
                "entities/find_label_conflicts", {"ids": ids, "label": label.value}
            )
            if conflicts:
                raise Invalid(
                    f"id already used by another kind of node: {conflicts[0]['id']} "
                    f"is a {', '.join(conflicts[0]['labels'])}, not a {label.value}",
                    [
                        FieldProblem("id", f"'{c['id']}' is already a {c['labels']}")
                        for c in conflicts
                    ],
                )
            for batch in _batches(group):
                rows = [{"id": n.id, "props": n.to_props()} for n in batch]
                result = await self.tx.run(
                    "entities/upsert_nodes", {"label": label.value, "rows": rows, "now": self.now}
                )
                self.tx.note(node_changes(label.value, result[0]["changes"]))
                self.counts.created += int(result[0]["created"])
                self.counts.written += int(result[0]["written"])
            self.counts.by_label[label.value] = self.counts.by_label.get(label.value, 0) + len(
                group
            )

    async def upsert_links(self, rel: RelType, links: Sequence[Link]) -> None:
        """Creates or updates the relationships of one type, in batches."""
        schema = REL_SCHEMAS[rel]
        sources = sorted(label.value for label in schema.sources)
        targets = sorted(label.value for label in schema.targets)
        for batch in _batches(links):
            rows = [
                {
                    "from": link.from_id,
                    "to": link.to_id,
                    "props": (link.props or NoProps()).to_props(),
                }
                for link in batch
            ]
            result = await self.tx.run(
                UPSERT_RELS_QUERIES[rel], {"sources": sources, "targets": targets, "rows": rows}
            )
            if int(result[0]["written"]) < len(rows):
                await self._explain_missing_ends(rel, sources, targets, rows)
            self.tx.note(link_changes(rel.value, result[0]["changes"]))
            self.counts.links += len(rows)

    async def _explain_missing_ends(
        self, rel: RelType, sources: list[str], targets: list[str], rows: list[Row]
    ) -> None:
        missing = await self.tx.run(
            "entities/missing_rel_ends",
            {
                "sources": sources,
                "targets": targets,
                "rows": [{"from": r["from"], "to": r["to"]} for r in rows],
            },
        )
        problems = []
        for row in missing:
            if not row["fromOk"]:
                problems.append(FieldProblem("from", f"no {' or '.join(sources)} '{row['from']}'"))
            if not row["toOk"]:
                problems.append(FieldProblem("to", f"no {' or '.join(targets)} '{row['to']}'"))
        detail = problems[0].message if problems else "duplicate rows"
        raise Invalid(f"{rel.value} link refers to a missing node: {detail}", problems)

    async def replace_links_from(
        self, rel: RelType, ids: Sequence[str], links: Sequence[Link]
    ) -> None:
        """Make `links` the complete set of out-going `rel` relationships of these nodes."""
        keep = [[link.from_id, link.to_id] for link in links]
        rows = await self.tx.run(
            "entities/delete_rels_from", {"ids": list(ids), "type": rel.value, "keep": keep}
        )
        self.tx.note(removed_links(rel.value, rows[0]["removed"]))
        await self.upsert_links(rel, links)

    async def delete_nodes(self, label: Label, ids: Sequence[str]) -> int:
        """Deletes the nodes of one label with their relationships; how many were deleted."""
        rows = await self.tx.run("entities/delete_nodes", {"ids": list(ids), "label": label.value})
        self.tx.note(Change(ChangeKind.DELETED, label.value, str(id_)) for id_ in rows[0]["ids"])
        return int(rows[0]["deleted"])

    async def remove_suite_members(self, suite_id: str, keep: Sequence[str]) -> None:
        """Remove a suite's members but `keep` (before its new list of members is written)."""
        rows = await self.tx.run("suites/remove_members", {"suiteId": suite_id, "keep": list(keep)})
        removed = [
            {"label": Label.MICRO_CREDENTIAL.value, "from": mc, "to": suite_id}
            for mc in rows[0]["removed"]
        ]
        self.tx.note(removed_links(RelType.IN_SUITE.value, removed))

    async def copy_version_links(self, old_id: str, new_id: str) -> None:
        """A new version takes the old one's design relationships and SUPERSEDES it."""
        rows = await self.tx.run("versions/copy_relationships", {"oldId": old_id, "newId": new_id})
        for link in rows[0]["links"] if rows else ():
            self.tx.note(
                [
                    Change(
                        ChangeKind.RELATIONSHIP_ADDED,
                        Label.MICRO_CREDENTIAL.value,
                        new_id,
                        relationship=str(link["type"]),
                        target_id=str(link["to"]),
                    )
                ]
            )


class NodeRepository:
    """Reads and writes of any entity, keyed by id, always in batches."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get_many(self, label: Label, ids: Sequence[str]) -> dict[str, Node]:
        """The nodes of one label with these ids, by id."""
        rows = await self.db.read_all(
            "entities/get_nodes", {"ids": list(ids), "label": label.value}
        )
        nodes = (read_node(label, row["props"]) for row in rows)
        return {node.id: node for node in nodes}

    async def get_any(self, ids: Sequence[str]) -> dict[str, Node]:
        """The nodes with these ids, whatever their label, by id."""
        rows = await self.db.read_all("entities/get_any", {"ids": list(ids)})
        found: dict[str, Node] = {}
        for row in rows:
            label = domain_label(row["labels"])
            if label is not None:
                node = read_node(label, row["props"])
                found[node.id] = node
        return found

    async def get_items(self, ids: Sequence[str]) -> dict[str, Node]:
        """Like get_any, without learner data: the nodes a catalogue question may be about."""
        found = await self.get_any(ids)
        return {k: v for k, v in found.items() if v.label not in LEARNER_DATA_LABELS}

    async def neighbours(self, hop: Hop, ids: Sequence[str], limit: int) -> dict[str, list[Edge]]:
        """For each id, its neighbours over `hop` (ordered by id), at most `limit` each."""
        name = "entities/neighbours_out" if hop.direction == "out" else "entities/neighbours_in"
        rows = await self.db.read(name, {"ids": list(ids), "type": hop.type.value, "limit": limit})
        result: dict[str, list[Edge]] = {id_: [] for id_ in ids}
        props_model = hop.schema.props
        for row in rows[0]["edges"] if rows else ():
            label = domain_label(row["labels"])
            if label is None or label not in hop.far_labels:
                continue
            node = read_node(label, row["props"])
            ends = (row["id"], node.id) if hop.direction == "out" else (node.id, row["id"])
            edge = Edge(node=node, props=read_rel(props_model, row["rel"], hop.type.value, *ends))
            result[row["id"]].append(edge)
        return result

    async def page(
        self, label: Label, node_filter: NodeFilter, first: int, after: str | None
    ) -> Page:
        """One keyset page of a label's nodes matching the filter."""
        params = {**node_filter.params(), "after": after or "", "limit": first + 1}
        rows = await self.db.read(LIST_QUERIES[label], params)
        nodes = tuple(read_node(label, props) for props in rows[0]["page"])
        return Page(items=nodes[:first], has_next=len(nodes) > first)

    async def count(self, label: Label, node_filter: NodeFilter) -> int:
        """How many nodes of the label match the filter."""
        rows = await self.db.read(COUNT_QUERIES[label], node_filter.params())
        return int(rows[0]["total"])

    async def search(self, text: str, limit: int) -> list[tuple[Node, float]]:
        """Full-text search hits with their scores, best first."""
        rows = await self.db.read("search/fulltext", {"text": lucene_escape(text), "limit": limit})
        hits: list[tuple[Node, float]] = []
        for row in rows:
            label = domain_label(row["labels"])
            if label is not None:
                hits.append((read_node(label, row["props"]), float(row["score"])))
        return hits

    @asynccontextmanager
    async def writer(self) -> AsyncIterator[GraphWriter]:
        """A batched writer in one transaction (atomic: an error anywhere writes nothing)."""
        async with self.db.transaction() as tx:
            yield GraphWriter(tx, dt.datetime.now(dt.UTC))


_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def lucene_escape(text: str) -> str:
    """Full-text input is data, not Lucene syntax: escape every operator character."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)
