"""An estimated-cost limit, checked at validation (before any resolver, so before Neo4j).

A field costs 1 plus its selections times its multiplicity: `first` when the field takes it (the
page cap when `first` is a variable), NESTED_LIST for any other list, and 1 for the items of a
page (`nodes`, `edges`, `hits`), whose size the page's `first` already counted.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

NESTED_LIST = 10
PAGE_ITEMS = {"nodes", "edges", "hits"}


def cost_limit_rule(max_cost: int, page_cap: int) -> type[ValidationRule]:
    class CostLimit(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            schema = self.context.schema
            root = {
                OperationType.QUERY: schema.query_type,
                OperationType.MUTATION: schema.mutation_type,
                OperationType.SUBSCRIPTION: schema.subscription_type,
            }[node.operation]
            if root is None:
                return
            cost = self._cost(node.selection_set, root, frozenset())
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        f"query cost {cost} is above the limit {max_cost}: "
                        "ask for smaller pages or fewer nested lists",
                        node,
                    )
                )

        def _cost(
            self, selections: SelectionSetNode, parent: Any, fragments: frozenset[str]
        ) -> int:
            total = 0
            for selection in selections.selections:
                if isinstance(selection, FieldNode):
                    total += self._field(selection, parent, fragments)
                elif isinstance(selection, InlineFragmentNode):
                    kind = parent
                    if selection.type_condition is not None:
                        kind = self.context.schema.get_type(selection.type_condition.name.value)
                    total += self._cost(selection.selection_set, kind, fragments)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.context.get_fragment(name)
                    if fragment is None or name in fragments:
                        continue  # unknown or cyclic: other rules report those
                    kind = self.context.schema.get_type(fragment.type_condition.name.value)
                    total += self._cost(fragment.selection_set, kind, fragments | {name})
            return total

        def _field(self, node: FieldNode, parent: Any, fragments: frozenset[str]) -> int:
            if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
                return 1
            definition = parent.fields.get(node.name.value)
            if definition is None:
                return 1
            multiplicity = 1
            first = next((a for a in node.arguments or () if a.name.value == "first"), None)
            if "first" in definition.args:
                if first is None:
                    default = definition.args["first"].default_value
                    multiplicity = default if isinstance(default, int) else page_cap
                elif isinstance(first.value, IntValueNode):
                    multiplicity = int(first.value.value)
                else:
                    multiplicity = page_cap  # a variable: assume the worst it may be
            elif (
                is_list_type(get_nullable_type(definition.type))
                and node.name.value not in PAGE_ITEMS
            ):
                multiplicity = NESTED_LIST
            inner = 0
            if node.selection_set is not None:
                inner = self._cost(node.selection_set, get_named_type(definition.type), fragments)
            return 1 + max(1, multiplicity) * inner

    return CostLimit
