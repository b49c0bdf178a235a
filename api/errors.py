"""The one place where domain errors become GraphQL shapes."""

from __future__ import annotations

import logging
import time
from typing import Any, TypeVar, overload

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

from graph.errors import Conflict, DataInvalid, GraphError, Invalid, NotFound, Unauthorized
from graph.services.governance import IllegalTransition as WorkflowError

log = logging.getLogger(__name__)


@strawberry.type
class FieldError:
    """One input field that is wrong, and why."""

    field: str
    message: str


@strawberry.interface
class Problem:
    """An expected failure of a mutation: a message."""

    message: str


@strawberry.type(
    description="The input is wrong; `fields` says which field and why. Nothing was written."
)
class InvalidInput(Problem):
    """The input is wrong; `fields` names each wrong field."""

    fields: list[FieldError]


@strawberry.type(description="An id named in the input does not exist.")
class NotFoundError(Problem):
    """A node the mutation names does not exist."""

    id: str


@strawberry.type(description="The write conflicts with existing data (e.g. an id in use).")
class ConflictError(Problem):
    """The mutation conflicts with what the graph holds (e.g. the id exists)."""

    pass


@strawberry.type(description="The caller is not allowed to do this. Nothing was written.")
class Forbidden(Problem):
    """The caller's token does not allow the mutation."""

    pass


@strawberry.type(description="The workflow does not allow this status change. Nothing was written.")
class IllegalTransition(Problem):
    """A workflow move the publication workflow does not allow from the current status."""

    current: str
    requested: str
    allowed: list[str]


ProblemResult = InvalidInput | NotFoundError | ConflictError | Forbidden | IllegalTransition


def problem_from(error: GraphError) -> ProblemResult:
    """Typed result for an expected failure of a mutation."""
    if isinstance(error, WorkflowError):
        return IllegalTransition(
            message=error.message,
            current=error.current.value,
            requested=error.target.value,
            allowed=[s.value for s in error.allowed],
        )
    if isinstance(error, Invalid):
        fields = [FieldError(field=p.field, message=p.message) for p in error.problems]
        return InvalidInput(message=error.message, fields=fields)
    if isinstance(error, NotFound):
        return NotFoundError(message=error.message, id=error.id)
    if isinstance(error, Conflict):
        return ConflictError(message=error.message)
    if isinstance(error, Unauthorized):
        return Forbidden(message=error.message)
    raise error


A = TypeVar("A", bound=Problem)
B = TypeVar("B", bound=Problem)
C = TypeVar("C", bound=Problem)
D = TypeVar("D", bound=Problem)


@overload
def declared_problem(error: GraphError, a: type[A], /) -> A: ...
@overload
def declared_problem(error: GraphError, a: type[A], b: type[B], /) -> A | B: ...
@overload
def declared_problem(error: GraphError, a: type[A], b: type[B], c: type[C], /) -> A | B | C: ...
@overload
def declared_problem(
    error: GraphError, a: type[A], b: type[B], c: type[C], d: type[D], /
) -> A | B | C | D: ...
def declared_problem(error: GraphError, /, *kinds: type[Problem]) -> Problem:
    """The typed result of an expected failure, when the field's result union declares its kind
    (`kinds`); a failure of another kind is raised as it is, and answered as a GraphQL error
    with its own code (a result the union does not hold could not be answered)."""
    problem = problem_from(error)
    if isinstance(problem, kinds):
        return problem
    raise error


def _original(error: GraphQLError) -> BaseException | None:
    return error.original_error


def _should_mask(error: GraphQLError) -> bool:
    """Expected errors keep their message; anything else is masked for the client (and logged)."""
    original = _original(error)
    # Domain errors and GraphQL's own request errors (e.g. variable coercion) speak to the client.
    if original is None or isinstance(original, GraphError | GraphQLError):
        return False
    log.error("unexpected error in %s", error.path, exc_info=original)
    return True


MASKED_MESSAGE = "Internal error (see the server log)"


def mask_errors() -> MaskErrors:
    """The extension masking unexpected errors (logged with their traceback)."""
    return MaskErrors(should_mask_error=_should_mask, error_message=MASKED_MESSAGE)


def error_code(error: GraphQLError) -> str:
    """The code a client sees: the domain error's own, INTERNAL for a masked fault, else
    BAD_REQUEST (syntax, validation, limits, variable coercion: the request is wrong)."""
    original = error.original_error
    if isinstance(original, GraphError):
        return original.code
    if error.message == MASKED_MESSAGE or not isinstance(original, GraphQLError | None):
        return "INTERNAL"  # a fault of ours, masked for the client
    return "BAD_REQUEST"


def stamp(error: GraphQLError, request_id: str | None) -> str:
    """Puts `extensions.code` and `extensions.requestId` on an error; returns the code."""
    code = error_code(error)
    error.extensions = {**(error.extensions or {}), "code": code}
    original = error.original_error
    if isinstance(original, DataInvalid):
        error.extensions.update(label=original.label, id=original.id, property=original.property)
    if request_id:
        error.extensions["requestId"] = request_id
    return code


class ErrorCodes(SchemaExtension):
    """Every error carries `extensions.code` (NOT_FOUND, INVALID, UNAUTHORIZED, UNAVAILABLE,
    DATA_INVALID, BAD_REQUEST, INTERNAL) and `extensions.requestId`; a DATA_INVALID error also
    names the stored value's `label`, `id` and `property`. Operations and errors are counted.
    Listed before MaskErrors, so it sees errors after masking."""

    def on_operation(self):  # type: ignore[no-untyped-def] # strawberry's hook is a generator
        """Stamps every error of the result with its code and the request id."""
        started = time.perf_counter()
        yield
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        metrics = getattr(context, "metrics", None)
        result = self.execution_context.result
        for error in (result.errors if result else None) or []:
            code = stamp(error, request_id)
            if metrics is not None:
                metrics.errors.labels(code).inc()
        elapsed = time.perf_counter() - started
        errors = (result.errors if result else None) or []
        operation_done(context, self.execution_context.operation_name, elapsed, errors)


def operation_done(context: Any, name: str | None, elapsed: float, errors: list[Any]) -> None:
    """Counts an answered operation and logs its one line (also for the compiled fast path)."""
    operation = name or "anonymous"
    metrics = getattr(context, "metrics", None)
    if metrics is not None:
        metrics.operations.labels(operation).observe(elapsed)
    log.info(
        "graphql operation",
        extra={
            "request_id": getattr(context, "request_id", None) or "-",
            "operation": operation,
            "duration_ms": round(elapsed * 1000, 1),
            "status": "error" if errors else "ok",
        },
    )
