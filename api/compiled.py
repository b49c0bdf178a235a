"""Compiled reads (decision 28): an operation made only of entity reads runs as one Cypher
statement and is answered without graphql-core's field-by-field resolution.

After parsing and validation, the `CompiledReads` extension looks up the operation's plan (built
once per document, operation name and `@skip`/`@include` variable values), runs its one
statement, and sets the result, so strawberry skips execution. Anything the compiler does not
cover, and any request whose values would answer an error or learner data the caller may read,
takes today's path unchanged; so do all operations when `compiled_reads` is off.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
)
from graphql.execution.values import VariableValues, get_variable_values
from strawberry.extensions import SchemaExtension

from api.compiled_selection import NotThisWay, Recipes, SelectionBuilder, directive_variables
from api.context import Context
from api.types.pagination import encode_cursor
from graph.compiler import CompiledPlan, Misfit, Uncompilable, compile_read, shape_read
from graph.errors import GraphError
from graph.models import Label

log = logging.getLogger(__name__)
PLAN_CACHE_SIZE = 512


@dataclass(frozen=True)
class Plan:
    """A compiled operation and how to read its request values."""

    compiled: CompiledPlan
    recipes: Recipes


class PlanCache:
    """Plans by (document, operation name, `@skip`/`@include` variable values), least recently
    used first out; None remembers that the operation is not compiled."""

    def __init__(self, size: int = PLAN_CACHE_SIZE) -> None:
        self.size = size
        self._plans: OrderedDict[tuple[Any, ...], Plan | None] = OrderedDict()
        self._flags: dict[tuple[str, str | None], tuple[str, ...]] = {}

    def plan(
        self,
        schema: GraphQLSchema,
        query: str,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDefinitionNode],
        variables: VariableValues,
    ) -> Plan | None:
        """The operation's plan (built on first use), or None when it is not compiled."""
        name = operation.name.value if operation.name else None
        flags = self._flags.get((query, name))
        if flags is None:
            flags = self._flags[(query, name)] = directive_variables(operation, fragments.values())
            if len(self._flags) > self.size:
                self._flags.clear()
        key = (query, name, tuple(repr(variables.coerced.get(f)) for f in flags))
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan: Plan | None
        try:
            builder = SelectionBuilder(schema, fragments, variables)
            plan = Plan(compile_read(builder.read(operation)), builder.recipes)
        except Uncompilable as why:
            log.debug("not compiled: %s", why)
            plan = None
        self._plans[key] = plan
        if len(self._plans) > self.size:
            self._plans.popitem(last=False)
        return plan


def _hidden(context: Context) -> Any:
    def answer(label: Label, node_id: Any) -> None:
        if context.can_read_node(label, str(node_id)):
            raise NotThisWay("learner data the caller may read")
        return None  # as an unknown id answers (decision 27)

    return answer


async def compiled_data(
    schema: GraphQLSchema,
    plans: PlanCache,
    query: str | None,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    raw_variables: dict[str, Any],
    context: Context,
) -> dict[str, Any] | None:
    """The operation's `data` through its compiled plan, or None for today's path."""
    if query is None or operation.operation is not OperationType.QUERY:
        return None
    variables = get_variable_values(schema, operation.variable_definitions or (), raw_variables)
    if not isinstance(variables, VariableValues):
        return None  # graphql-core reports the variables' errors
    try:
        plan = plans.plan(schema, query, operation, fragments, variables)
        if plan is None:
            return None
        values = plan.recipes.values(variables, context.settings.max_page_size)
        row: list[Any] = []
        if plan.compiled.text is not None:
            statement = plan.compiled.bind(values)
            rows = await context.graph.db.read_compiled(statement.text, statement.params)
            row = list(rows[0].values())
        return shape_read(plan.compiled.read, row, values, encode_cursor, _hidden(context))
    except (NotThisWay, GraphError, Misfit):
        return None  # today's path answers it, with its own errors (or conversions)
    except Exception:
        # a fault of the compiled path must not cost the client an answer: logged, then the
        # operation resolves field by field (the differential tests keep this path unused)
        log.exception("compiled read failed; answering field by field")
        return None


class KnownDocumentsPort(Protocol):
    """Where the extension records documents it answered (api/compiled_http.py keeps them)."""

    def remember(self, query: str, document: DocumentNode) -> None:
        """Records a document that was valid and compiled."""


class CompiledReads(SchemaExtension):
    """Answers covered query operations with one statement before execution starts."""

    def __init__(self, *, plans: PlanCache, known: KnownDocumentsPort | None = None) -> None:
        self.plans = plans
        self.known = known

    async def on_execute(self) -> AsyncIterator[None]:
        """Sets the result ahead of graphql-core's execution (strawberry then skips it)."""
        run = self.execution_context
        document = run.graphql_document
        if not run.result and document is not None and isinstance(run.context, Context):
            operation = get_operation_ast(document, run.operation_name)
            if operation is not None:
                fragments = {
                    d.name.value: d
                    for d in document.definitions
                    if isinstance(d, FragmentDefinitionNode)
                }
                data = await compiled_data(
                    run.schema._schema,
                    self.plans,
                    run.query,
                    operation,
                    fragments,
                    run.variables or {},
                    run.context,
                )
                if data is not None:
                    run.result = ExecutionResult(data=data)
                    if self.known is not None and run.query is not None:
                        self.known.remember(run.query, document)
        yield
        # a query answered field by field without an error: later requests of it may skip
        # strawberry's pipeline too (api/compiled_http.py; validation depends on the document)
        result = run.result
        if (
            self.known is not None
            and run.query is not None
            and document is not None
            and isinstance(result, ExecutionResult)
            and not result.errors
            and (operation := get_operation_ast(document, run.operation_name)) is not None
            and operation.operation is OperationType.QUERY
        ):
            self.known.remember(run.query, document)
