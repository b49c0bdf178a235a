"""The HTTP fast path of known documents (decisions 28 and 31): a POST of a query document that
has already been parsed, validated and answered (through its compiled plan, or field by field
without an error) is answered again without strawberry's request pipeline: the JSON body, the
known document, the plan's one statement or graphql-core's execution, orjson out.

Everything else (a new document, GET, multipart, batches, a mutation, an answer with errors) goes
through strawberry unchanged, with the body replayed: errors are always worded, coded and masked
by strawberry's extensions.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any, TypeGuard, cast

import orjson
from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    get_operation_ast,
)
from starlette.types import Message, Receive, Scope, Send
from strawberry.execution import optimized_is_awaitable

from api.compiled import PlanCache, compiled_data
from api.context import Context
from api.errors import operation_done
from api.middleware import read_body, replaying

log = logging.getLogger(__name__)
# strawberry's own test (it knows its resolvers' results), typed as graphql-core declares it
_IS_AWAITABLE = cast("Callable[[Any], TypeGuard[Awaitable[Any]]]", optimized_is_awaitable)
KNOWN_DOCUMENTS = 256


@dataclass(frozen=True)
class KnownDocument:
    """A query document that passed the token limit and validation, with its fragments by name."""

    document: DocumentNode
    fragments: dict[str, FragmentDefinitionNode]


class KnownDocuments:
    """Query documents (by text) that have been answered without an error: validation depends on
    the document alone, so their verdict stands for every later request."""

    def __init__(self, size: int = KNOWN_DOCUMENTS) -> None:
        self.size = size
        self._documents: OrderedDict[str, KnownDocument] = OrderedDict()

    def remember(self, query: str, document: DocumentNode) -> None:
        """Records a query document that was valid and answered."""
        if query in self._documents:
            return
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._documents[query] = KnownDocument(document, fragments)
        if len(self._documents) > self.size:
            self._documents.popitem(last=False)

    def get(self, query: str) -> KnownDocument | None:
        """The known document of this text, or None."""
        return self._documents.get(query)


async def _gone() -> Message:
    return {"type": "http.disconnect"}


def _is_json_post(scope: Scope) -> bool:
    if scope["method"] != "POST":
        return False
    for name, value in scope["headers"]:
        if name == b"content-type":
            return bool(value.split(b";", 1)[0].strip().lower() == b"application/json")
    return False


def _known_request(
    body: bytes, known: KnownDocuments
) -> tuple[KnownDocument, OperationDefinitionNode, str, str | None, dict[str, Any]] | None:
    """The request's known document, operation, text, operation name and variables, or None."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(payload, dict):
        return None
    query = payload.get("query")
    name = payload.get("operationName")
    variables = payload.get("variables")
    if not isinstance(query, str) or not (name is None or isinstance(name, str)):
        return None
    if variables is None:
        variables = {}
    elif not isinstance(variables, dict):
        return None
    found = known.get(query)
    if found is None:
        return None
    operation = get_operation_ast(found.document, name)
    if operation is None:
        return None
    return found, operation, query, name, variables


class CompiledFastPath:
    """Answers POSTed known documents through their plans, or by graphql-core's execution where
    no plan answers; hands everything else to `app`."""

    def __init__(
        self,
        schema: GraphQLSchema,
        plans: PlanCache,
        known: KnownDocuments,
        context_of: Callable[[Scope], Context],
        executor_class: type[Any] | None = None,
    ) -> None:
        self.schema = schema
        self.plans = plans
        self.known = known
        self.context_of = context_of
        self.executor_class = executor_class

    async def _resolved_data(
        self,
        found: KnownDocument,
        name: str | None,
        variables: dict[str, Any],
        context: Context,
    ) -> dict[str, Any] | None:
        """The operation's `data` resolved field by field, as strawberry would execute it (the
        schema's resolvers, strawberry's execution context; no extension resolves fields), or
        None when it has errors: strawberry then answers again, with its error handling."""
        result = execute(
            self.schema,
            found.document,
            variable_values=variables,
            operation_name=name,
            context_value=context,
            executor_class=self.executor_class,
            is_awaitable=_IS_AWAITABLE,
        )
        if isawaitable(result):
            result = await result
        if not isinstance(result, ExecutionResult) or result.errors or result.data is None:
            return None
        return result.data

    async def __call__(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        app: Callable[[Scope, Receive, Send], Awaitable[None]],
    ) -> None:
        """Serves the request, here when it can, else through `app` with the body replayed."""
        if not _is_json_post(scope):
            await app(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:  # the client left, or the body went over the limit: as before
            await app(scope, _gone, send)
            return
        request = _known_request(body, self.known)
        if request is not None:
            started = time.perf_counter()
            found, operation, query, name, variables = request
            context = self.context_of(scope)
            data = await compiled_data(
                self.schema, self.plans, query, operation, found.fragments, variables, context
            )
            if data is None and operation.operation is OperationType.QUERY:
                data = await self._resolved_data(found, name, variables, context)
            if data is not None:
                log.debug("answered by the fast path")
                operation_done(context, name, time.perf_counter() - started, [])
                answer = orjson.dumps({"data": data})
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-length", str(len(answer)).encode()),
                            (b"content-type", b"application/json"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": answer})
                return
        await app(scope, replaying(body), send)
