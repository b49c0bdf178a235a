"""Depth, alias and estimated-cost limits, checked at validation (before any resolver or Cypher).

Each named fragment is measured once and its measure reused wherever it is spread, so the work is
linear in the document's size even when fragments spread each other exponentially many times (a
1 KB document of 19 fragments, each spreading the next twice, expands to 2^19 fields).

Depth counts the fields that have selections along the deepest path (introspection fields aside),
as strawberry's QueryDepthLimiter did. Aliases are counted as expanded, over every operation.
A field costs 1 plus its selections times its multiplicity: `first` when the field takes it (the
page cap when `first` is a variable), NESTED_LIST for any other list, and 1 for the items of a
page (`nodes`, `edges`, `hits`), whose size the page's `first` already counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension
from strawberry.extensions.validation_cache import _get_validate_cache

NESTED_LIST = 10
PAGE_ITEMS = {"nodes", "edges", "hits"}
# graphql-core compares every pair of fields that share a response name in a selection set (the
# overlapping-fields rule): 600 copies of one field took it 2 s. Interfaces and unions repeat a
# field once per type condition, so the bound leaves room for every entity type.
MAX_REPEATS = 32


@dataclass(frozen=True)
class Measure:
    """What a selection set adds up to once every fragment in it is expanded."""

    depth: int
    aliases: int
    cost: int
    names: Counter[str]  # response names at this level, fragments and inline fragments merged


_NOTHING = Measure(0, 0, 0, Counter())


@dataclass
class DocumentMeasurer:
    """Measures selection sets of one document, each named fragment once (memoised by name)."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    page_cap: int
    visits: int = 0  # selections looked at: linear in the document, whatever it expands to
    most_repeated: tuple[int, str] = (0, "")  # (times, response name) in one selection set
    _memo: dict[str, Measure] = field(default_factory=dict)
    _open: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: DocumentNode, schema: GraphQLSchema, page_cap: int) -> DocumentMeasurer:
        """A measurer for `document`'s fragments."""
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        return cls(schema=schema, fragments=fragments, page_cap=page_cap)

    def operation(self, operation: OperationDefinitionNode) -> Measure:
        """The measure of one operation (nothing for a root type the schema lacks)."""
        root = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }[operation.operation]
        if root is None:
            return _NOTHING
        return self.selections(operation.selection_set, root)

    def selections(self, selection_set: SelectionSetNode, parent: Any) -> Measure:
        """Depth is the deepest selection's; aliases and cost add up."""
        depth = aliases = cost = 0
        names: Counter[str] = Counter()
        for selection in selection_set.selections:
            self.visits += 1
            if isinstance(selection, FieldNode):
                inner = self._field(selection, parent)
                names[(selection.alias or selection.name).value] += 1
            elif isinstance(selection, InlineFragmentNode):
                kind = parent
                if selection.type_condition is not None:
                    kind = self.schema.get_type(selection.type_condition.name.value)
                inner = self.selections(selection.selection_set, kind)
            elif isinstance(selection, FragmentSpreadNode):
                inner = self._fragment(selection.name.value)
            else:  # pragma: no cover - graphql-core knows no other selection
                continue
            depth = max(depth, inner.depth)
            aliases += inner.aliases
            cost += inner.cost
            if not isinstance(selection, FieldNode):
                names.update(inner.names)
        if names:
            name, times = names.most_common(1)[0]
            self.most_repeated = max(self.most_repeated, (times, name))
        return Measure(depth, aliases, cost, names)

    def _fragment(self, name: str) -> Measure:
        known = self._memo.get(name)
        if known is not None:
            return known
        fragment = self.fragments.get(name)
        if fragment is None or name in self._open:
            return _NOTHING  # unknown or cyclic: graphql-core's own rules report those
        self._open.add(name)
        kind = self.schema.get_type(fragment.type_condition.name.value)
        measure = self.selections(fragment.selection_set, kind)
        self._open.discard(name)
        self._memo[name] = measure
        return measure

    def _field(self, node: FieldNode, parent: Any) -> Measure:
        alias = 1 if node.alias is not None else 0
        definition = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        inner = _NOTHING
        if node.selection_set is not None:
            kind: GraphQLNamedType | None = None
            if definition is not None:
                kind = get_named_type(definition.type)
            inner = self.selections(node.selection_set, kind)
        introspection = node.name.value.startswith("__")
        depth = 0 if introspection or node.selection_set is None else 1 + inner.depth
        aliases = alias + inner.aliases
        if definition is None:
            return Measure(depth, aliases, 1, _NOTHING.names)
        cost = 1 + self._multiplicity(node, definition) * inner.cost
        return Measure(depth, aliases, cost, _NOTHING.names)

    def _multiplicity(self, node: FieldNode, definition: Any) -> int:
        first = next((a for a in node.arguments or () if a.name.value == "first"), None)
        if "first" in definition.args:
            if first is None:
                default = definition.args["first"].default_value
                return max(1, default if isinstance(default, int) else self.page_cap)
            if isinstance(first.value, IntValueNode):
                return max(1, int(first.value.value))
            return self.page_cap  # a variable: assume the worst it may be
        if is_list_type(get_nullable_type(definition.type)) and node.name.value not in PAGE_ITEMS:
            return NESTED_LIST
        return 1


@dataclass(frozen=True)
class Limits:
    """The bounds a document must keep before graphql-core's own validation looks at it."""

    max_depth: int
    max_aliases: int
    max_cost: int
    page_cap: int

    def errors(self, document: DocumentNode, schema: GraphQLSchema) -> list[GraphQLError]:
        """Every limit the document breaks (none: it may go on to the full validation)."""
        measurer = DocumentMeasurer.of(document, schema, self.page_cap)
        errors: list[GraphQLError] = []
        aliases = 0
        for definition in document.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            measure = measurer.operation(definition)
            aliases += measure.aliases
            name = definition.name.value if definition.name else "anonymous"
            if measure.depth > self.max_depth:
                errors.append(
                    GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {self.max_depth}", definition
                    )
                )
            if measure.cost > self.max_cost:
                errors.append(
                    GraphQLError(
                        f"query cost {measure.cost} is above the limit {self.max_cost}: "
                        "ask for smaller pages or fewer nested lists",
                        definition,
                    )
                )
        if aliases > self.max_aliases:
            errors.append(GraphQLError(f"{aliases} aliases found. Allowed: {self.max_aliases}"))
        times, name = measurer.most_repeated
        if times > MAX_REPEATS:
            errors.append(
                GraphQLError(
                    f"'{name}' is selected {times} times in one selection set "
                    f"(fragments included); at most {MAX_REPEATS}"
                )
            )
        return errors


def limited_validation(limits: Limits, cache_size: int) -> type[SchemaExtension]:
    """A validation step that checks the limits first and runs graphql-core's rules (cached per
    document, as strawberry's ValidationCache does) only on a document within them: some of
    those rules are quadratic in the fields a selection set repeats."""
    validate = _get_validate_cache(cache_size)

    @lru_cache(maxsize=cache_size)
    def limit_errors(schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
        return limits.errors(document, schema)

    class LimitedValidation(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            document = context.graphql_document
            if document is not None:
                schema = context.schema._schema
                refused = limit_errors(schema, document)
                context.pre_execution_errors = list(refused) or validate(
                    schema, document, context.validation_rules
                )
            yield

    return LimitedValidation
