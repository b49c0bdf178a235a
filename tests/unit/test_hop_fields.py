"""Every relationship field registered for prefetching follows the hop it registered: given that
hop's edges as prefetched, it answers at once (no awaitable), and given only other hops' edges,
it falls back to loading (an awaitable)."""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from typing import Any

import pytest

from api.schema import build_schema
from api.types.entities import HOP_FIELDS
from tests.conftest import make_settings

SCHEMA = build_schema()


def _call(key: tuple[str, str], ready: dict[Any, dict[str, list[Any]]]) -> Any:
    field = SCHEMA.get_field_for_type(field_name=key[1], type_name=key[0])
    assert field is not None and field.base_resolver is not None, key
    info = SimpleNamespace(context=SimpleNamespace(ready=ready, settings=make_settings()))
    here = SimpleNamespace(id="x")
    resolve: Any = field.base_resolver.wrapped_func
    return resolve(here, info)


def test_the_registry_names_real_fields() -> None:
    assert len(HOP_FIELDS) > 30
    for type_name, field_name in HOP_FIELDS:
        assert SCHEMA.get_field_for_type(field_name=field_name, type_name=type_name), field_name


@pytest.mark.parametrize("key", sorted(HOP_FIELDS))
def test_a_registered_field_answers_at_once_from_its_own_hop(key: tuple[str, str]) -> None:
    hop, _ = HOP_FIELDS[key]
    answer = _call(key, {hop: {"x": []}})
    assert not inspect.isawaitable(answer)
    assert answer in ([], None)
    other: dict[Any, dict[str, list[Any]]] = {
        h: {"x": []} for h, _ in HOP_FIELDS.values() if h != hop
    }
    pending: Any = _call(key, other)
    assert inspect.iscoroutine(pending)
    pending.close()  # never awaited: no database here
