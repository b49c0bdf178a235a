"""Expected errors keep their message; anything else is masked for clients."""

from __future__ import annotations

import pytest
import strawberry
from graphql import GraphQLError

from api.errors import (
    Forbidden,
    InvalidInput,
    NotFoundError,
    _should_mask,
    declared_problem,
    mask_errors,
    problem_from,
)
from graph.errors import Conflict, Invalid, NotFound


def test_domain_errors_keep_their_message() -> None:
    error = GraphQLError("x", original_error=NotFound("Course", "c-1"))
    assert _should_mask(error) is False


def test_unexpected_errors_are_masked() -> None:
    error = GraphQLError("boom", original_error=RuntimeError("MATCH (n) secret"))
    assert _should_mask(error) is True


def test_a_failing_resolver_reaches_the_client_masked() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self) -> int:
            raise RuntimeError("MATCH (n:Secret) RETURN n")

    schema = strawberry.Schema(query=Query, extensions=[mask_errors])
    result = schema.execute_sync("{ broken }")
    assert result.errors is not None
    assert result.errors[0].message == "Internal error (see the server log)"


def test_problems_map_to_typed_results() -> None:
    invalid = problem_from(Invalid("bad", []))
    assert isinstance(invalid, InvalidInput) and invalid.fields == []
    missing = problem_from(NotFound("Course", "c-9"))
    assert isinstance(missing, NotFoundError) and missing.id == "c-9"


def test_a_problem_the_field_declares_is_its_typed_result() -> None:
    missing = declared_problem(NotFound("Course", "c-9"), NotFoundError, Forbidden)
    assert isinstance(missing, NotFoundError) and missing.id == "c-9"


def test_a_problem_the_field_does_not_declare_is_raised_as_it_is() -> None:
    """Its result union could not answer it: it becomes a GraphQL error with its own code."""
    conflict = Conflict("the id exists")
    with pytest.raises(Conflict) as raised:
        declared_problem(conflict, NotFoundError, Forbidden)
    assert raised.value is conflict
