"""The Node interface and what every entity type shares: field values from a model, relationship
fields over a hop through the request's DataLoader, and the label -> GraphQL type table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

import strawberry
from strawberry.types.base import get_object_definition
from strawberry.utils.str_converters import to_camel_case

from api.context import Info
from api.types.enums import Source
from graph import models as m
from graph.relations import Hop

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

DEFAULT_FIRST = 100
T = TypeVar("T")
N = TypeVar("N", bound="Node")
D = TypeVar("D", bound="DataclassInstance")


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def init_fields(gql_type: type) -> tuple[str, ...]:
    """The constructor fields of a GraphQL type (dataclasses.fields per object was costly)."""
    names = _INIT_FIELDS.get(gql_type)
    if names is None:
        names = _INIT_FIELDS[gql_type] = tuple(
            f.name for f in dataclasses.fields(gql_type) if f.init
        )
    return names


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def field_values(model: m.Model, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a GraphQL type from a model. A field whose stored value did not fit is its
    DATA_INVALID error instead: GraphQL answers it as null with that error, located at the field
    (decision 25). The id is served as stored."""
    values = {name: _plain(getattr(model, name)) for name in names}
    for name, problem in model.problems.items():
        if name in values and name != "id":
            values[name] = problem
    return values


def fields_as(source: object, target: type[D], **given: Any) -> D:
    """A `target` dataclass from the fields of `source` with the same names, but for the fields
    `given` (an input's filters as the domain takes them; an answer from a domain record)."""
    copied = {name: getattr(source, name) for name in init_fields(target) if name not in given}
    return target(**copied, **given)


def prop_answer(model: m.Model, name: str) -> Any:
    """One field of a relationship's properties, or its DATA_INVALID error (see `field_values`)."""
    return model.problems.get(name) or getattr(model, name)


async def edges_of(info: Info, hop: Hop, id_: str, first: int) -> list[m.Edge]:
    """The edges over `hop` from `id_`, loaded in the request's batch, capped at `first`."""
    edges = await info.context.edges(hop).load(id_)
    return edges[: max(0, min(first, info.context.settings.max_page_size))]


# (GraphQL type, field) -> the hop it follows, and the field of its result type that holds the
# far node (None: the results are the far nodes). Filled by `of_label` from the `hop_field`s of
# each entity type; the read compiler follows these.
HOP_FIELDS: dict[tuple[str, str], tuple[Hop, str | None]] = {}

# each relationship field's resolver -> (hop, far), until `of_label` names its type and field
_HOP_OF_RESOLVER: dict[object, tuple[Hop, str | None]] = {}


def over_hop(info: Info, hop: Hop, id_: str, first: int, shape: Callable[[list[m.Edge]], T]) -> T:
    """An awaitable of `shape` of the edges over `hop` from `id_`, after the DataLoader's batch,
    which GraphQL awaits (the annotation cannot say "awaitable"). Entity reads that compile
    (decision 28) never come here; this path answers the rest."""

    async def later() -> T:
        """The shaped edges, once the DataLoader's batch has answered."""
        return shape(await edges_of(info, hop, id_, first))

    return cast(T, later())


def far_nodes(edges: list[m.Edge]) -> list[Any]:  # Any: each field narrows it to its node type
    """The far nodes of the edges, as GraphQL objects."""
    return [to_gql(edge.node) for edge in edges]


def first_far_node(edges: list[m.Edge]) -> Any | None:  # each field narrows it
    """The far node of the first edge, as a GraphQL object (None: no edge)."""
    return to_gql(edges[0].node) if edges else None


def wrapped_edges(
    wrapper: type[T], hop: Hop, far: str, near: str | None = None
) -> Callable[[Node, list[m.Edge]], list[T]]:
    """A shape for the edges over `hop` from a node: a `wrapper` object for every edge, with the
    far node in its field `far`, the node asked on in its field `near` (if any), and each other
    field the property of that name of the hop's relationship: the rule the read compiler reads
    such a type by (`Far`, `Near`, `RelProperty`). `far` and `near` are GraphQL field names; a
    name that is no field of `wrapper`, or a field that is no property, fails here, when the
    type is declared."""
    names = {to_camel_case(name): name for name in init_fields(wrapper)}
    for role, field in (("far", far), ("near", near)):
        if field is not None and field not in names:
            raise TypeError(f"{wrapper.__name__} has no field {field!r} (its `{role}`)")
    far_name, near_name = names[far], names.get(near or "")
    props = tuple(n for n in names.values() if n not in (far_name, near_name))
    props_model = hop.schema.props
    strays = [n for n in props if n not in props_model.model_fields]
    if strays:
        raise TypeError(
            f"{wrapper.__name__}: {strays} are not properties of {hop.type} "
            f"({props_model.__name__})"
        )

    def shape(here: Node, edges: list[m.Edge]) -> list[T]:
        """The wrapper objects of the edges from `here`."""
        result = []
        for edge in edges:
            values = {name: prop_answer(edge.props, name) for name in props}
            values[far_name] = to_gql(edge.node)
            if near_name is not None:
                values[near_name] = here
            result.append(wrapper(**values))
        return result

    return shape


# A shape that also needs the hop and the node it starts from (which end of a suite membership
# that node is, and the members' order).
PlacedShape = Callable[[Hop, "Node", list[m.Edge]], Any]


def hop_field(
    hop: Hop,
    shape: Callable[[list[m.Edge]], Any] | None = None,
    *,
    placed: PlacedShape | None = None,
    far: str | None = None,
    wrapper: type[Any] | None = None,
    near: str | None = None,
    first: int = DEFAULT_FIRST,
    paged: bool = False,
    name: str | None = None,
    description: str | None = None,
) -> Any:
    """A relationship field over `hop` from the node it is asked on (the hop said once, for this
    path and the read compiler alike): at most `first` results, or a `first` argument of that
    default where `paged`: `wrapper` objects (`wrapped_edges`; `near` names the field that holds
    the node asked on), or made by `shape(edges)` or `placed(hop, node, edges)`; the far nodes
    when none is given. `far` names the field of its result type that holds the far node (None:
    the results are the far nodes). Only types declared with `of_label` register their
    relationship fields for the read compiler (a field elsewhere is answered field by field)."""
    if (shape, placed, wrapper).count(None) < 2:
        raise TypeError("a relationship field has one shape: `shape`, `placed` or `wrapper`")
    edges_shape = shape or far_nodes
    wrapped: Callable[[Node, list[m.Edge]], list[Any]] | None = None
    if wrapper is not None:
        if not far:
            raise TypeError("a `wrapper` needs `far`, the field that holds the far node")
        wrapped = wrapped_edges(wrapper, hop, far, near)
    elif near is not None:
        raise TypeError("`near` names a field of a `wrapper`; there is none")

    def shaped(here: Node, edges: list[m.Edge]) -> Any:
        """The answer made of the edges from `here`."""
        if wrapped is not None:
            return wrapped(here, edges)
        return edges_shape(edges) if placed is None else placed(hop, here, edges)

    def resolve(root: Node, info: Info) -> Any:
        """At most `first` results from `root`."""
        return over_hop(info, hop, root.id, first, partial(shaped, root))

    def resolve_page(root: Node, info: Info, first: int = first) -> Any:
        """A page of the asked size from `root` (capped at the page size setting)."""
        return over_hop(info, hop, root.id, first, partial(shaped, root))

    resolver = resolve_page if paged else resolve
    _HOP_OF_RESOLVER[resolver] = (hop, far)
    return strawberry.field(resolver=resolver, name=name, description=description)


@strawberry.interface(description="Any node of the graph: every node has a unique id.")
class Node:
    """Any node of the graph: every node has a unique id."""

    id: strawberry.ID
    name: str | None
    source: Source | None
    source_uri: str | None
    updated_at: dt.datetime | None

    @classmethod
    def from_domain(cls, node: m.Node) -> Self:
        """The GraphQL object of a node model (a field that did not fit is its error)."""
        return cls(**field_values(node, init_fields(cls)))


# label -> its GraphQL type, filled by `of_label` where each type is declared
GQL_BY_LABEL: dict[m.Label, type[Node]] = {}


def of_label(label: m.Label) -> Callable[[type[N]], type[N]]:
    """Declares the GraphQL type that answers nodes of `label` (what `to_gql` makes)."""

    def register(gql_type: type[N]) -> type[N]:
        GQL_BY_LABEL[label] = gql_type
        definition = get_object_definition(gql_type, strict=True)
        for field in definition.fields:
            resolver = field.base_resolver
            hop_far = resolver and _HOP_OF_RESOLVER.get(resolver.wrapped_func)
            if hop_far:
                name = field.graphql_name or to_camel_case(field.python_name)
                HOP_FIELDS[(definition.name, name)] = hop_far
        return gql_type

    return register


def to_gql(node: m.Node) -> Node:
    """The GraphQL object of a domain node: the type declared for its label."""
    return GQL_BY_LABEL[node.label].from_domain(node)
