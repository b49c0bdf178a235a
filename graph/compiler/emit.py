"""Writes one Cypher statement for a `Read`: every root field a column, every level a `COLLECT`
subquery that orders and limits before it collects, every node a list of its selected values.

The statement's text depends only on the selection's shape: names come from the registry
(`vocabulary`), values are parameters (`$p0`, `$p1`, ... in order of first use), and response
keys never appear in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from graph.compiler import vocabulary as vocab
from graph.compiler.ir import (
    AnyNodeById,
    Constant,
    Edges,
    Far,
    Near,
    NodeById,
    NodeField,
    PageFilter,
    PageOf,
    Property,
    Read,
    Related,
    RelProperty,
    Selection,
    Uncompilable,
    Value,
)
from graph.models import Label
from graph.relations import RelType, out

# The label every node carries, with a unique id (queries/schema/000_entity_id_unique.cypher).
ENTITY = "Entity"
# Suite memberships answer in position order (api/types/learning.py `memberships_from`).
POSITION_ORDERED = frozenset({RelType.IN_SUITE})


@dataclass(frozen=True)
class CompiledRead:
    """A statement ready to run: its text and its parameters."""

    text: LiteralString
    params: dict[str, Any]


@dataclass(frozen=True)
class CompiledPlan:
    """A compiled read: the statement (None when no root field needs the graph) and which
    request value each parameter takes."""

    read: Read
    text: LiteralString | None
    param_refs: tuple[tuple[str, int], ...]

    def bind(self, values: Mapping[int, Any]) -> CompiledRead:
        """The statement with this request's values."""
        assert self.text is not None  # noqa: S101 - callers check `text` first
        return CompiledRead(self.text, {name: values[ref] for name, ref in self.param_refs})


def _literal(text: str) -> LiteralString:
    """The compiler's one place where text becomes a LiteralString: every name in it was checked
    against the registry and every value is a parameter (STYLE.md point 4)."""
    return cast(LiteralString, text)  # type: ignore[redundant-cast] # a no-op at runtime


class _Emitter:
    """State of one compilation: parameter names and fresh variable names."""

    def __init__(self) -> None:
        self.params: dict[int, str] = {}
        self.variables = 0

    def param(self, value: Value) -> str:
        name = self.params.get(value.ref)
        if name is None:
            name = self.params[value.ref] = f"p{len(self.params)}"
        return "$" + name

    def variable(self, prefix: str) -> str:
        self.variables += 1
        return f"{prefix}{self.variables}"

    def projection(self, var: str, selection: Selection) -> str:
        """The node as a list of its selected values; with several possible labels, the label
        first (the one branch its label takes)."""
        if not selection.by_label:
            raise Uncompilable("a selection for no label")
        if len(selection.by_label) == 1:
            label, fields = selection.by_label[0]
            return "[" + ", ".join(self.slots(var, label, fields or ())) + "]"
        branches = []
        for label, fields in selection.by_label:
            name = vocab.label_name(label)
            items = [f"'{name}'", *self.slots(var, label, fields or ())]
            branches.append(f"WHEN {var}:{name} THEN [{', '.join(items)}]")
        return f"CASE {' '.join(branches)} END"

    def slots(self, var: str, label: Label, fields: tuple[NodeField, ...]) -> list[str]:
        found = []
        for field in fields:
            if isinstance(field, Property):
                found.append(_read(var, vocab.node_property(label, field.name)))
            elif isinstance(field, Related):
                found.append(self.related(var, label, field))
        return found

    def related(self, var: str, label: Label, field: Related) -> str:
        hop = field.hop
        near = hop.schema.sources if hop.direction == "out" else hop.schema.targets
        if label not in near:
            raise Uncompilable(f"{hop} does not start at {label}")
        far_labels = _far_labels(field)
        if not far_labels or not set(far_labels) <= hop.far_labels:
            raise Uncompilable(f"{hop} does not reach {far_labels}")
        node, rel = self.variable("n"), self.variable("r")
        kind = vocab.rel_type_name(hop)
        arrow = f"-[{rel}:{kind}]->" if hop.direction == "out" else f"<-[{rel}:{kind}]-"
        ends = "|".join(vocab.label_name(x) for x in far_labels)
        order = f"WITH * ORDER BY {node}.id LIMIT {self.param(field.bound)}"
        if hop.type in POSITION_ORDERED:
            member = node if hop.direction == "in" else var
            order += (
                f" WITH * ORDER BY {rel}.position IS NULL, coalesce({rel}.position, 0),"
                f" {member}.id, {node}.id"
            )
        if isinstance(field.item, Selection):
            item = self.projection(node, field.item)
        else:
            item = self.edge(var, node, rel, field)
        text = f"COLLECT {{ MATCH ({var}){arrow}({node}:{ends}) {order} RETURN {item} }}"
        return f"head({text})" if field.single else text

    def edge(self, near: str, far: str, rel: str, field: Related) -> str:
        assert isinstance(field.item, Edges)  # noqa: S101
        items = []
        for part in field.item.fields:
            if isinstance(part, Far):
                items.append(self.projection(far, part.selection))
            elif isinstance(part, Near):
                items.append(self.projection(near, part.selection))
            elif isinstance(part, RelProperty):
                items.append(_read(rel, vocab.rel_property(field.hop, part.name)))
        return "[" + ", ".join(items) + "]"

    def root(self, field: NodeById | AnyNodeById | PageOf) -> str:
        var = self.variable("n")
        if isinstance(field, NodeById):
            if field.selection.labels != (field.label,):
                raise Uncompilable("a by-id selection for another label")
            match = f"({var}:{vocab.label_name(field.label)} {{id: {self.param(field.id)}}})"
        elif isinstance(field, AnyNodeById):
            match = f"({var}:{ENTITY} {{id: {self.param(field.id)}}})"
        else:
            return self.page(var, field)
        projection = self.projection(var, field.selection)
        return f"head(COLLECT {{ MATCH {match} RETURN {projection} }})"

    def page(self, var: str, field: PageOf) -> str:
        f = field.filter
        label = vocab.label_name(field.label)
        for selection in field.item_selections:
            if selection.labels != (field.label,):
                raise Uncompilable("a page selection for another label")
        items = ", ".join([f"{var}.id", *(self.projection(var, s) for s in field.item_selections)])
        page = (
            f"COLLECT {{ MATCH ({var}:{label}) WHERE {var}.id > {self.param(f.after)} AND "
            f"{self.filters(var, f)} WITH {var} ORDER BY {var}.id LIMIT {self.param(f.limit)}"
            f" RETURN [{items}] }}"
        )
        if not field.counts:
            return f"[{page}, null]"
        # its own variable: the same name in both subqueries made Neo4j 5.26 count unfiltered
        counted = self.variable("n")
        count = f"COUNT {{ MATCH ({counted}:{label}) WHERE {self.filters(counted, f)} }}"
        return f"[{page}, {count}]"

    def filters(self, var: str, f: PageFilter) -> str:
        """The list filters of entities/list_*.cypher, over `var`."""
        q = self.param(f.name_contains)
        source, status = self.param(f.source), self.param(f.status)
        institution = self.param(f.institution_id)
        since = self.param(f.updated_since)
        offered_by = vocab.rel_type_name(out(RelType.OFFERED_BY))
        return (
            f"({q} IS NULL OR toLower({var}.name) CONTAINS {q})"
            f" AND ({source} IS NULL OR {var}.source = {source})"
            f" AND ({status} IS NULL OR {var}.status = {status})"
            f" AND ({since} IS NULL OR {var}.updatedAt >= {since})"
            f" AND ({institution} IS NULL OR EXISTS {{ ({var})-[:{offered_by}]->"
            f"(:{vocab.label_name(Label.INSTITUTION)} {{id: {institution}}}) }})"
        )


def _far_labels(field: Related) -> tuple[Label, ...]:
    if isinstance(field.item, Selection):
        return field.item.labels
    for part in field.item.fields:
        if isinstance(part, Far):
            return part.selection.labels
    return tuple(sorted(field.hop.far_labels))


def _read(var: str, stored: vocab.Stored) -> str:
    expression = f"{var}.`{stored.name}`"
    return f"toString({expression})" if stored.as_text else expression


def compile_read(read: Read) -> CompiledPlan:
    """One statement for the whole read; raises Uncompilable for what it does not cover."""
    emitter = _Emitter()
    columns = [
        f"{emitter.root(root)} AS c{i}"
        for i, root in enumerate(r for r in read.roots if not isinstance(r, Constant))
    ]
    text = _literal("RETURN " + ", ".join(columns)) if columns else None
    refs = tuple((name, ref) for ref, name in emitter.params.items())
    return CompiledPlan(read, text, refs)
