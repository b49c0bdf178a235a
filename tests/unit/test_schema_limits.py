"""Introspection follows the settings; every error carries a code and the request id."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from api.schema import build_schema
from tests.conftest import make_settings

INTROSPECT = "{ __schema { queryType { name } } }"


@dataclass
class FakeContext:
    request_id: str = "req-42"
    metrics: object = None


def test_introspection_is_off_in_production_unless_asked() -> None:
    production = make_settings(
        environment="production", neo4j_uri="bolt://db:7687", neo4j_password=SecretStr("x")
    )
    result = build_schema(production).execute_sync(INTROSPECT, context_value=FakeContext())
    assert result.errors and "introspection" in result.errors[0].message.lower()
    opened = production.model_copy(update={"introspection": True})
    assert build_schema(opened).execute_sync(INTROSPECT, context_value=FakeContext()).errors is None
    development = build_schema(make_settings())
    assert development.execute_sync(INTROSPECT, context_value=FakeContext()).errors is None


def test_errors_carry_a_code_and_the_request_id() -> None:
    result = build_schema(make_settings()).execute_sync("{ nope }", context_value=FakeContext())
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_REQUEST", "requestId": "req-42"}


def test_list_fields_have_english_plurals() -> None:
    from api.schema import sdl

    text = sdl()
    for plural in ("competencies", "microCredentials", "evidenceItems", "feedbackItems"):
        assert f"  {plural}(filter:" in text
    assert "competencys" not in text
