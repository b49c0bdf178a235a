"""One error hierarchy for the domain: every expected failure is a GraphError."""

from __future__ import annotations


class GraphError(Exception):
    """Root of every error credgraph raises on purpose."""

    code = "ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(GraphError):
    """A node the request names does not exist."""

    code = "NOT_FOUND"

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"{kind} '{id}' does not exist")
        self.kind = kind
        self.id = id


class Conflict(GraphError):
    """The request conflicts with what the graph holds."""

    code = "CONFLICT"


class FieldProblem:
    """One wrong field of an input: where (dotted path) and what."""

    __slots__ = ("field", "message")

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message

    def __repr__(self) -> str:
        return f"FieldProblem({self.field!r}, {self.message!r})"


class Invalid(GraphError):
    """The input is wrong; each problem names the field."""

    code = "INVALID"

    def __init__(self, message: str, problems: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class DataInvalid(GraphError):
    """A value stored in Neo4j (written by another tool) that does not fit the model."""

    code = "DATA_INVALID"

    def __init__(self, label: str, id: str, property: str, stored: str, expected: str) -> None:
        super().__init__(
            f"{label} '{id}': the stored property '{property}' ({stored}) does not fit the model: "
            f"expected {expected}"
        )
        self.label = label  # a node label, or a relationship type
        self.id = id  # a node id, or 'from-id -> to-id' for a relationship
        self.property = property
        self.stored = stored  # the stored value's type, e.g. "a String"
        self.expected = expected


class Unauthorized(GraphError):
    """The caller may not do or read this."""

    code = "UNAUTHORIZED"


class Unavailable(GraphError):
    """Neo4j cannot be reached or timed out."""

    code = "UNAVAILABLE"


class OutcomeUnknown(Unavailable):
    """Neo4j went away while a write was committing: it may or may not have been written.
    Retry with the same id or idempotency key; the retry settles it."""

    code = "OUTCOME_UNKNOWN"


class LocalNeo4jError(GraphError):
    """The local Neo4j server could not be provisioned or started."""

    code = "LOCAL_NEO4J"
