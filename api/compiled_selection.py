"""Builds the compiler's IR (graph/compiler/ir.py) from a validated GraphQL operation over the
entity root fields; anything else raises Uncompilable and the operation runs as before.

Fields are collected as graphql-core collects them (fragments named and inline, type conditions,
`@skip`/`@include`), once per concrete type a node may have. Request values (ids, `first`,
`after`, filters) are not read here: each becomes a `Value` with a recipe that reads it from a
request's variables, so one plan serves every request of the same document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.execution.values import VariableValues, get_argument_values

from api.resolvers.entities import entity_roots
from api.types.entities import DEFAULT_FIRST, HOP_FIELDS
from api.types.pagination import decode_cursor
from graph.compiler import ir
from graph.compiler.ir import Uncompilable
from graph.errors import GraphError
from graph.models import LEARNER_DATA_LABELS, Label
from graph.relations import Hop
from graph.repositories.nodes import NodeFilter

ENTITY_ROOTS = entity_roots()
_LABELS = {label.value: label for label in Label}
P = TypeVar("P")
_PAGE_INFO_FIELDS: dict[str, Callable[[str], ir.HasNextPage | ir.EndCursor]] = {
    "hasNextPage": ir.HasNextPage,
    "endCursor": ir.EndCursor,
}
# A request value from a request's variables and the page cap; may raise NotThisWay.
Recipe = Callable[[VariableValues, int], tuple[Any, ...]]


def _object_type(definition: GraphQLField) -> GraphQLObjectType:
    """The object type a field answers (a page, its edges, its pageInfo)."""
    named = get_named_type(definition.type)
    assert isinstance(named, GraphQLObjectType)  # noqa: S101
    return named


class NotThisWay(Exception):
    """This request's values would answer an error (a `first` out of range, a foreign cursor),
    or learner data it may read: today's path answers it, with its errors."""


@dataclass
class Recipes:
    """How each request value of a plan is read: recipes and the values each one fills."""

    steps: list[tuple[tuple[int, ...], Recipe]] = field(default_factory=list)
    count: int = 0
    constants: dict[Any, ir.Value] = field(default_factory=dict)

    def add(self, size: int, recipe: Recipe) -> tuple[ir.Value, ...]:
        """`size` new values, all filled by `recipe`."""
        refs = tuple(range(self.count, self.count + size))
        self.count += size
        self.steps.append((refs, recipe))
        return tuple(ir.Value(ref) for ref in refs)

    def fixed_bound(self, first: int) -> ir.Value:
        """The bound of a list without `first`: its default, under the page cap (one parameter
        for every use of it)."""
        found = self.constants.get(first)
        if found is None:
            (found,) = self.add(1, lambda _v, cap: (max(0, min(first, cap)),))
            self.constants[first] = found
        return found

    def values(self, variables: VariableValues, cap: int) -> dict[int, Any]:
        """This request's values, by ref."""
        values: dict[int, Any] = {}
        for refs, recipe in self.steps:
            values.update(zip(refs, recipe(variables, cap), strict=True))
        return values


def _arguments(definition: GraphQLField, node: FieldNode, variables: VariableValues) -> Any:
    return get_argument_values(definition, node, variables)


def _bound(definition: GraphQLField, node: FieldNode, single: bool) -> Recipe:
    """The nested-list bound: `first` (or the field's default) clamped to [0, page cap]."""
    default = 1 if single else DEFAULT_FIRST

    def recipe(variables: VariableValues, cap: int) -> tuple[Any, ...]:
        first = _arguments(definition, node, variables).get("first", default)
        return (max(0, min(int(first), cap)),)

    return recipe


def _page_values(definition: GraphQLField, node: FieldNode) -> Recipe:
    """after, name, source, status, institution, updated since, limit: as the list resolver
    reads them."""

    def recipe(variables: VariableValues, cap: int) -> tuple[Any, ...]:
        args = _arguments(definition, node, variables)
        first = int(args.get("first", 20))
        if not 0 <= first <= cap:
            raise NotThisWay("'first' out of range")
        try:
            after = decode_cursor(args.get("after"))
        except GraphError:
            raise NotThisWay("not a cursor") from None
        given = args.get("filter") or {}  # graphql-core's coercion: a dict by GraphQL names
        params = NodeFilter(
            name_contains=given.get("nameContains"),
            source=given.get("source"),
            status=given.get("status"),
            institution_id=given.get("institutionId"),
            updated_since=given.get("updatedSince"),
        ).params()
        return (
            after or "",
            params["q"],
            params["source"],
            params["status"],
            params["institutionId"],
            params["updatedSince"],
            first + 1,
        )

    return recipe


def _id_value(definition: GraphQLField, node: FieldNode) -> Recipe:
    def recipe(variables: VariableValues, cap: int) -> tuple[Any, ...]:
        return (str(_arguments(definition, node, variables)["id"]),)

    return recipe


def directive_variables(
    operation: OperationDefinitionNode, fragments: Iterable[FragmentDefinitionNode]
) -> tuple[str, ...]:
    """Names of the variables `@skip`/`@include` read: their values are part of a plan's key."""
    names: set[str] = set()

    def visit(selection_set: SelectionSetNode | None) -> None:
        for selection in selection_set.selections if selection_set else ():
            for directive in selection.directives or ():
                for argument in directive.arguments or ():
                    if isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)
            if isinstance(selection, FieldNode | InlineFragmentNode):
                visit(selection.selection_set)

    visit(operation.selection_set)
    for fragment in fragments:
        visit(fragment.selection_set)
    return tuple(sorted(names))


class SelectionBuilder:
    """Builds one operation's IR, collecting fields for given directive-variable values."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: VariableValues,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.recipes = Recipes()

    # -- collecting fields ------------------------------------------------------------------
    def _included(self, directives: Sequence[DirectiveNode] | None) -> bool:
        for directive in directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                raise Uncompilable(f"directive @{name}")
            arguments = directive.arguments or ()
            if len(arguments) != 1:
                raise Uncompilable(f"@{name} with {len(arguments)} arguments")
            value = arguments[0].value
            if isinstance(value, VariableNode):
                flag = self.variables.coerced.get(value.name.value)
            elif isinstance(value, BooleanValueNode):
                flag = value.value
            else:
                raise Uncompilable("a directive argument of another kind")
            if bool(flag) is (name == "skip"):
                return False
        return True

    def _applies(self, condition: str | None, runtime: GraphQLObjectType) -> bool:
        if condition is None or condition == runtime.name:
            return True
        named = self.schema.get_type(condition)
        return isinstance(named, GraphQLInterfaceType) and self.schema.is_sub_type(named, runtime)

    def collect(
        self, runtime: GraphQLObjectType, nodes: Sequence[FieldNode | OperationDefinitionNode]
    ) -> dict[str, list[FieldNode]]:
        """Response key -> its field nodes, in GraphQL's collection order."""
        fields: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()

        def visit(selection_set: SelectionSetNode) -> None:
            for selection in selection_set.selections:
                if not self._included(selection.directives):
                    continue
                if isinstance(selection, FieldNode):
                    key = (selection.alias or selection.name).value
                    fields.setdefault(key, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    condition = selection.type_condition
                    if self._applies(condition.name.value if condition else None, runtime):
                        visit(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if name in visited or fragment is None:
                        continue
                    visited.add(name)
                    if fragment.variable_definitions:
                        raise Uncompilable("fragment arguments")
                    if self._applies(fragment.type_condition.name.value, runtime):
                        visit(fragment.selection_set)

        for node in nodes:
            if node.selection_set is not None:
                visit(node.selection_set)
        return fields

    # -- the IR -----------------------------------------------------------------------------
    def read(self, operation: OperationDefinitionNode) -> ir.Read:
        """The operation's root fields; Uncompilable unless every one is an entity read."""
        query = self.schema.query_type
        assert query is not None  # noqa: S101
        roots: list[ir.RootField] = []
        for key, nodes in self.collect(query, [operation]).items():
            name = nodes[0].name.value
            if name == "__typename":
                roots.append(ir.Constant(key, query.name))
                continue
            definition = query.fields.get(name)
            if definition is None:  # introspection (__schema, __type)
                raise Uncompilable(f"root field {name}")
            if name == "node":
                (ref,) = self.recipes.add(1, _id_value(definition, nodes[0]))
                selection = self.selection(definition, nodes, set(Label), hide=LEARNER_DATA_LABELS)
                roots.append(ir.AnyNodeById(key, ref, selection))
                continue
            if name not in ENTITY_ROOTS:
                raise Uncompilable(f"root field {name}")
            label, is_page = ENTITY_ROOTS[name]
            if label in LEARNER_DATA_LABELS:
                raise Uncompilable("learner data")
            if is_page:
                roots.append(self.page(key, label, definition, nodes))
            else:
                (ref,) = self.recipes.add(1, _id_value(definition, nodes[0]))
                selection = self.selection(definition, nodes, {label})
                roots.append(ir.NodeById(key, label, ref, selection))
        return ir.Read(tuple(roots))

    def page(
        self, key: str, label: Label, definition: GraphQLField, nodes: list[FieldNode]
    ) -> ir.PageOf:
        """The IR of a keyset page field (a per-label list root)."""
        values = self.recipes.add(7, _page_values(definition, nodes[0]))
        connection = _object_type(definition)

        def part(
            name: str, sub_key: str, sub_nodes: list[FieldNode]
        ) -> ir.TotalCount | ir.PageNodes | ir.PageEdges | ir.PageInfo | None:
            sub = connection.fields.get(name)
            if name == "totalCount":
                return ir.TotalCount(sub_key)
            if name == "nodes" and sub is not None:
                return ir.PageNodes(sub_key, self.selection(sub, sub_nodes, {label}))
            if name == "edges" and sub is not None:
                return self.page_edges(sub_key, sub, sub_nodes, label)
            if name == "pageInfo" and sub is not None:
                return self.page_info(sub_key, sub, sub_nodes)
            return None

        fields: tuple[ir.PageField, ...] = self.parts(connection, nodes, "page", part)
        return ir.PageOf(key, label, ir.PageFilter(*values), fields)

    def page_edges(
        self, key: str, definition: GraphQLField, nodes: list[FieldNode], label: Label
    ) -> ir.PageEdges:
        """The IR of a page's `edges` (cursor and node)."""
        edge_type = _object_type(definition)

        def part(
            name: str, sub_key: str, sub_nodes: list[FieldNode]
        ) -> ir.Cursor | ir.EdgeNode | None:
            if name == "cursor":
                return ir.Cursor(sub_key)
            if name == "node":
                selection = self.selection(edge_type.fields[name], sub_nodes, {label})
                return ir.EdgeNode(sub_key, selection)
            return None

        return ir.PageEdges(key, self.parts(edge_type, nodes, "edge", part))

    def page_info(self, key: str, definition: GraphQLField, nodes: list[FieldNode]) -> ir.PageInfo:
        """The IR of a page's `pageInfo`."""

        def part(
            name: str, sub_key: str, sub_nodes: list[FieldNode]
        ) -> ir.HasNextPage | ir.EndCursor | None:
            made = _PAGE_INFO_FIELDS.get(name)
            return made(sub_key) if made is not None else None

        return ir.PageInfo(key, self.parts(_object_type(definition), nodes, "pageInfo", part))

    def parts(
        self,
        object_type: GraphQLObjectType,
        nodes: list[FieldNode],
        what: str,
        part: Callable[[str, str, list[FieldNode]], P | None],
    ) -> tuple[P | ir.Constant, ...]:
        """The IR of the fields selected on one of a page's object types: `__typename`, or what
        `part(name, key, nodes)` makes of a field (None: a field the compiler does not read)."""
        fields: list[P | ir.Constant] = []
        for sub_key, sub_nodes in self.collect(object_type, nodes).items():
            name = sub_nodes[0].name.value
            made: P | ir.Constant | None = (
                ir.Constant(sub_key, object_type.name)
                if name == "__typename"
                else part(name, sub_key, sub_nodes)
            )
            if made is None:
                raise Uncompilable(f"{what} field {name}")
            fields.append(made)
        return tuple(fields)

    def _runtime_labels(self, named: GraphQLNamedType, allowed: set[Label]) -> list[Label]:
        if isinstance(named, GraphQLObjectType):
            names = [named.name]
        elif isinstance(named, GraphQLInterfaceType):
            names = [t.name for t in self.schema.get_possible_types(named)]
        else:
            raise Uncompilable(f"type {named.name}")
        labels = [_LABELS[n] for n in names if n in _LABELS]
        if len(labels) != len(names):
            raise Uncompilable(f"type {named.name} is not an entity")
        return sorted(label for label in labels if label in allowed)

    def selection(
        self,
        definition: GraphQLField,
        nodes: list[FieldNode],
        allowed: set[Label],
        hide: frozenset[Label] = frozenset(),
    ) -> ir.Selection:
        """What `nodes` ask of a node of the field's type, for each label it may have."""
        named = get_named_type(definition.type)
        by_label: list[tuple[Label, tuple[ir.NodeField, ...] | None]] = []
        for label in self._runtime_labels(named, allowed):
            if label in hide:
                by_label.append((label, None))
                continue
            runtime = self.schema.get_type(label.value)
            assert isinstance(runtime, GraphQLObjectType)  # noqa: S101
            by_label.append((label, self.node_fields(runtime, label, nodes)))
        if not by_label:
            raise Uncompilable("a node of no possible label")
        return ir.Selection(tuple(by_label))

    def node_fields(
        self, runtime: GraphQLObjectType, label: Label, nodes: list[FieldNode]
    ) -> tuple[ir.NodeField, ...]:
        """The IR of the fields selected on a node of one runtime type."""
        fields: list[ir.NodeField] = []
        for key, sub_nodes in self.collect(runtime, nodes).items():
            name = sub_nodes[0].name.value
            if name == "__typename":
                fields.append(ir.Typename(key))
                continue
            definition = runtime.fields.get(name)
            if definition is None:
                raise Uncompilable(f"{runtime.name}.{name}")
            hop_far = HOP_FIELDS.get((runtime.name, name))
            if hop_far is not None:
                fields.append(self.related(key, definition, sub_nodes, label, *hop_far))
            elif definition.args or not _is_scalar(definition):
                raise Uncompilable(f"{runtime.name}.{name}")
            else:
                fields.append(ir.Property(key, name))
        return tuple(fields)

    def related(
        self,
        key: str,
        definition: GraphQLField,
        nodes: list[FieldNode],
        near: Label,
        hop: Hop,
        far: str | None,
    ) -> ir.Related:
        """The IR of a relationship field whose results are the far nodes."""
        single = not is_list_type(get_nullable_type(definition.type))
        (bound,) = (
            self.recipes.add(1, _bound(definition, nodes[0], single))
            if "first" in definition.args
            else (self.recipes.fixed_bound(1 if single else DEFAULT_FIRST),)
        )
        if far is None:
            item: ir.Selection | ir.Edges = self.selection(definition, nodes, set(hop.far_labels))
        else:
            item = self.edges(definition, nodes, near, hop, far)
        return ir.Related(key, hop, bound, single, item)

    def edges(
        self, definition: GraphQLField, nodes: list[FieldNode], near: Label, hop: Hop, far: str
    ) -> ir.Edges:
        """The IR of a relationship field whose results wrap far nodes with link properties."""
        wrapper = get_named_type(definition.type)
        assert isinstance(wrapper, GraphQLObjectType)  # noqa: S101
        fields: list[ir.EdgeField] = []
        for key, sub_nodes in self.collect(wrapper, nodes).items():
            name = sub_nodes[0].name.value
            if name == "__typename":
                fields.append(ir.Constant(key, wrapper.name))
                continue
            sub = wrapper.fields[name]
            if name == far:
                selection = self.selection(sub, sub_nodes, set(hop.far_labels))
                fields.append(ir.Far(key, selection))
            elif not _is_scalar(sub):
                fields.append(ir.Near(key, self.selection(sub, sub_nodes, {near})))
            else:
                fields.append(ir.RelProperty(key, name))
        return ir.Edges(tuple(fields))


def _is_scalar(definition: GraphQLField) -> bool:
    named = get_named_type(definition.type)
    return not isinstance(named, GraphQLObjectType | GraphQLInterfaceType) and not hasattr(
        named, "types"
    )
