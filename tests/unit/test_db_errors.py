"""Driver errors become typed graph errors: what the server refuses for load or time is
UNAVAILABLE (try again), never an unexpected INTERNAL fault."""

from __future__ import annotations

import pytest
from neo4j import exceptions as neo4j_errors

from graph.db import _commit_failed, _translate
from graph.errors import Conflict, OutcomeUnknown, Unavailable


def _client_error(code: str) -> neo4j_errors.Neo4jError:
    """The error class the driver makes from a server failure with this code."""
    return neo4j_errors.Neo4jError._basic_hydrate(neo4j_code=code, message="terminated")


@pytest.mark.parametrize(
    "code",
    [
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.TransientError.General.DatabaseUnavailable",
    ],
)
def test_time_limits_and_outages_are_unavailable(code: str) -> None:
    assert isinstance(_translate("entities/get_nodes", _client_error(code)), Unavailable)


def test_a_constraint_is_a_conflict_and_other_errors_stay_faults() -> None:
    error = _client_error("Neo.ClientError.Schema.ConstraintValidationFailed")
    assert isinstance(_translate("entities/upsert_nodes", error), Conflict)
    with pytest.raises(neo4j_errors.Neo4jError):
        _translate("x", _client_error("Neo.ClientError.Statement.SyntaxError"))


def test_a_transaction_too_large_for_the_server_says_so() -> None:
    error = _client_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError")
    translated = _translate("transaction", error)
    assert isinstance(translated, Unavailable)
    assert "more transaction memory" in str(translated) and "nothing was saved" in str(translated)
    limit = _client_error("Neo.TransientError.General.TransactionMemoryLimit")
    assert "smaller parts" in str(_translate("transaction", limit))


def test_a_transient_server_failure_is_unavailable_and_named() -> None:
    error = _client_error("Neo.TransientError.Transaction.DeadlockDetected")
    translated = _translate("transaction", error)
    assert isinstance(translated, Unavailable)
    assert "DeadlockDetected" in str(translated)


def test_a_failure_answered_to_commit_leaves_the_outcome_unknown_and_names_it() -> None:
    # a server shutting down has answered a failure for a commit that was durable
    unavailable = _commit_failed(_client_error("Neo.TransientError.General.DatabaseUnavailable"))
    assert isinstance(unavailable, OutcomeUnknown)
    assert "DatabaseUnavailable" in str(unavailable) and "may or may not" in str(unavailable)
    memory = _commit_failed(_client_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError"))
    assert isinstance(memory, OutcomeUnknown) and "smaller parts" in str(memory)
