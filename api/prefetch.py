"""Relationships loaded ahead of GraphQL.

graphql-core resolves a page's nested relationship fields one object at a time, each an awaited
task even when a DataLoader batches the queries. Before that, the page or node resolver calls
`prefetch` with its selection: every relationship field it asks for (through fragments too, and
level by level down the selection) is loaded with one query per hop and level into the request's
`Context.ready`, and the field resolvers then answer without awaiting (`_hop` in
api/types/entities.py). What prefetch does not reach still goes through the DataLoaders. Learner
data is never prefetched: those fields check the caller first and load for themselves.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable, Sequence

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.context import Info
from api.types.entities import GQL_BY_LABEL, HOP_FIELDS
from graph.relations import Hop

# Levels below the asked nodes; the query depth limit bounds a selection anyway.
MAX_LEVELS = 4

Ref = tuple[str, str]  # (GraphQL type name, node id)


def fields_of(selections: Iterable[Selection]) -> list[SelectedField]:
    """The fields of a selection set, with those of its fragments."""
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        elif isinstance(selection, InlineFragment | FragmentSpread):
            found.extend(fields_of(selection.selections))
    return found


def page_selections(info: Info) -> list[SelectedField]:
    """What a Connection field asks of its nodes: under `nodes` and under `edges { node }`."""
    asked: list[SelectedField] = []
    for connection in fields_of(info.selected_fields):
        for part in fields_of(connection.selections):
            if part.name == "nodes":
                asked.extend(fields_of(part.selections))
            elif part.name == "edges":
                for inner in fields_of(part.selections):
                    if inner.name == "node":
                        asked.extend(fields_of(inner.selections))
    return asked


def node_selections(info: Info) -> list[SelectedField]:
    """What a field returning nodes asks of them."""
    return [f for field in fields_of(info.selected_fields) for f in fields_of(field.selections)]


async def prefetch(info: Info, nodes: Sequence[Ref], asked: Sequence[SelectedField]) -> None:
    context = info.context
    repo = context.graph.nodes
    limit = context.settings.max_page_size
    level: list[tuple[Sequence[Ref], Sequence[SelectedField]]] = [(nodes, asked)]
    for _ in range(MAX_LEVELS):
        wanted: dict[Hop, set[str]] = defaultdict(set)
        follow: list[tuple[Hop, str | None, SelectedField, list[str]]] = []
        for refs, fields in level:
            for field in fields:
                by_hop: dict[tuple[Hop, str | None], list[str]] = defaultdict(list)
                for type_name, id_ in refs:
                    entry = HOP_FIELDS.get((type_name, field.name))
                    if entry is not None:
                        by_hop[entry].append(id_)
                for (hop, far), ids in by_hop.items():
                    wanted[hop].update(ids)
                    follow.append((hop, far, field, ids))
        missing = {
            hop: sorted(ids - context.ready.get(hop, {}).keys()) for hop, ids in wanted.items()
        }
        missing = {hop: ids for hop, ids in missing.items() if ids}
        found = await asyncio.gather(
            *(repo.neighbours(h, ids, limit) for h, ids in missing.items())
        )
        for hop, edges in zip(missing, found, strict=True):
            context.ready.setdefault(hop, {}).update(edges)
        level = []
        for hop, far, field, ids in follow:
            below = fields_of(field.selections)
            if far is not None:
                below = [
                    f for part in below if part.name == far for f in fields_of(part.selections)
                ]
            if not below:
                continue
            refs = [
                (GQL_BY_LABEL[edge.node.label].__name__, edge.node.id)
                for id_ in ids
                for edge in context.ready[hop].get(id_, ())
            ]
            if refs:
                level.append((refs, below))
        if not level:
            return
