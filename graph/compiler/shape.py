"""Turns the one row of a compiled read into the `data` object: response keys in selection
order, each stored value as the model reads it and GraphQL writes it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graph.compiler import vocabulary as vocab
from graph.compiler.ir import (
    AnyNodeById,
    Constant,
    Cursor,
    EdgeNode,
    Edges,
    EndCursor,
    Far,
    HasNextPage,
    Near,
    NodeById,
    PageEdges,
    PageInfo,
    PageNodes,
    PageOf,
    Property,
    Read,
    Related,
    RelProperty,
    Selection,
    TotalCount,
    Typename,
)
from graph.models import Label
from graph.relations import Hop

# What answers a node the compiled read does not answer (learner data): (label, id) -> answer.
Hidden = Callable[[Label, Any], Any]


def _node(selection: Selection, values: Sequence[Any]) -> dict[str, Any]:
    if len(selection.by_label) == 1:
        label, fields = selection.by_label[0]
        slots = iter(values)
    else:
        label = Label(values[0])
        fields = dict(selection.by_label)[label]
        slots = iter(values[1:])
    if fields is None:
        raise ValueError(f"{label} nodes are answered by the api layer")
    answer: dict[str, Any] = {}
    for field in fields:
        if isinstance(field, Property):
            answer[field.key] = vocab.node_property(label, field.name).convert(next(slots))
        elif isinstance(field, Typename):
            answer[field.key] = label.value
        elif isinstance(field, Constant):
            answer[field.key] = field.value
        else:
            answer[field.key] = _related(field, next(slots))
    return answer


def _related(field: Related, raw: Any) -> Any:
    item = field.item
    if field.single:
        return None if raw is None else _item(field.hop, item, raw)
    if isinstance(item, Selection):
        return [_node(item, value) for value in raw]
    return [_edge(field.hop, item, value) for value in raw]


def _item(hop: Hop, item: Selection | Edges, raw: Any) -> Any:
    return _node(item, raw) if isinstance(item, Selection) else _edge(hop, item, raw)


def _edge(hop: Hop, edges: Edges, values: Sequence[Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    slots = iter(values)
    for field in edges.fields:
        if isinstance(field, Far | Near):
            answer[field.key] = _node(field.selection, next(slots))
        elif isinstance(field, RelProperty):
            answer[field.key] = vocab.rel_property(hop, field.name).convert(next(slots))
        else:
            answer[field.key] = field.value
    return answer


def _page(
    field: PageOf, raw: Sequence[Any], first: int, encode_cursor: Callable[[str], str]
) -> dict[str, Any]:
    found, total = raw
    items = found[:first]
    answer: dict[str, Any] = {}
    selections = iter(range(1, len(field.item_selections) + 1))
    for part in field.fields:
        if isinstance(part, PageNodes):
            index = next(selections)
            answer[part.key] = [_node(part.selection, item[index]) for item in items]
        elif isinstance(part, PageEdges):
            indexes = {id(f): next(selections) for f in part.fields if isinstance(f, EdgeNode)}
            answer[part.key] = [_page_edge(part, item, indexes, encode_cursor) for item in items]
        elif isinstance(part, PageInfo):
            info: dict[str, Any] = {}
            for sub in part.fields:
                if isinstance(sub, HasNextPage):
                    info[sub.key] = len(found) > first
                elif isinstance(sub, EndCursor):
                    info[sub.key] = encode_cursor(items[-1][0]) if items else None
                else:
                    info[sub.key] = sub.value
            answer[part.key] = info
        elif isinstance(part, TotalCount):
            answer[part.key] = total
        else:
            answer[part.key] = part.value
    return answer


def _page_edge(
    part: PageEdges,
    item: Sequence[Any],
    indexes: dict[int, int],
    encode_cursor: Callable[[str], str],
) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for sub in part.fields:
        if isinstance(sub, Cursor):
            answer[sub.key] = encode_cursor(item[0])
        elif isinstance(sub, EdgeNode):
            answer[sub.key] = _node(sub.selection, item[indexes[id(sub)]])
        else:
            answer[sub.key] = sub.value
    return answer


def shape_read(
    read: Read,
    row: Sequence[Any],
    values: Mapping[int, Any],
    encode_cursor: Callable[[str], str],
    hidden: Hidden,
) -> dict[str, Any]:
    """The `data` object of `read` from the statement's row (its columns in root order)."""
    data: dict[str, Any] = {}
    columns = iter(row)
    for root in read.roots:
        if isinstance(root, Constant):
            data[root.key] = root.value
            continue
        raw = next(columns)
        if isinstance(root, PageOf):
            data[root.key] = _page(root, raw, int(values[root.filter.limit.ref]) - 1, encode_cursor)
        elif raw is None:
            data[root.key] = None
        elif isinstance(root, AnyNodeById):
            label = Label(raw[0])
            if dict(root.selection.by_label).get(label) is None:
                data[root.key] = hidden(label, values[root.id.ref])
            else:
                data[root.key] = _node(root.selection, raw)
        else:
            assert isinstance(root, NodeById)  # noqa: S101
            data[root.key] = _node(root.selection, raw)
    return data
