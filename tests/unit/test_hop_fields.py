"""Every relationship field registered in HOP_FIELDS (which the read compiler follows) loads
the hop it registered: its resolver asks the request's loader of exactly that hop."""

from __future__ import annotations

import asyncio
import inspect
import re
from types import SimpleNamespace
from typing import Any

import pytest

from api.schema import build_schema
from api.types.entities import HOP_FIELDS
from api.types.learning import Endorsement, TaughtCompetency
from api.types.node import wrapped_edges
from api.types.parties import Holding
from graph.relations import Hop, RelType, in_, out
from tests.conftest import make_settings

SCHEMA = build_schema()


class _Loader:
    def __init__(self, asked: list[Any], hop: Any) -> None:
        self.asked, self.hop = asked, hop

    async def load(self, _id: str) -> list[Any]:
        self.asked.append(self.hop)
        return []


def _hops_asked(key: tuple[str, str]) -> list[Any]:
    field = SCHEMA.get_field_for_type(field_name=key[1], type_name=key[0])
    assert field is not None and field.base_resolver is not None, key
    asked: list[Any] = []
    context = SimpleNamespace(
        edges=lambda hop: _Loader(asked, hop), settings=make_settings(), can_read=lambda *_: True
    )
    info = SimpleNamespace(context=context)
    here = SimpleNamespace(id="x")
    resolve: Any = field.base_resolver.wrapped_func
    answer = resolve(here, info)
    assert inspect.isawaitable(answer), key
    asyncio.run(_await(answer))
    return asked


async def _await(answer: Any) -> Any:
    return await answer


def test_the_registry_names_real_fields() -> None:
    assert len(HOP_FIELDS) > 30
    for type_name, field_name in HOP_FIELDS:
        assert SCHEMA.get_field_for_type(field_name=field_name, type_name=type_name), field_name


@pytest.mark.parametrize("key", sorted(HOP_FIELDS))
def test_a_registered_field_loads_its_own_hop(key: tuple[str, str]) -> None:
    hop, _ = HOP_FIELDS[key]
    assert _hops_asked(key) == [hop]


@pytest.mark.parametrize(
    ("wrapper", "hop", "far", "near", "names"),
    [
        (TaughtCompetency, out(RelType.TEACHES), "competenc", None, "no field 'competenc'"),
        (Endorsement, in_(RelType.ENDORSES), "employer", "targt", "no field 'targt'"),
        (Holding, out(RelType.TEACHES), "item", None, "['date', 'grade', 'expires']"),
    ],
)
def test_a_wrapper_that_does_not_fit_its_hop_fails_when_declared(
    wrapper: type, hop: Hop, far: str, near: str | None, names: str
) -> None:
    with pytest.raises(TypeError, match=re.escape(names)):
        wrapped_edges(wrapper, hop, far, near)
