"""Every plain field of an entity's GraphQL type and of its mutation input names a field of the
node's model: a misspelt or model-less field would fail every read of that label at run time
(`from_domain`), or be dropped without a word by a mutation (models ignore unknown values)."""

from __future__ import annotations

import dataclasses

import pytest

from api.resolvers.mutations import EDITABLE
from api.types.entities import ENTITY_TYPES
from api.types.inputs import LINK_FIELDS
from api.types.node import GQL_BY_LABEL, init_fields
from graph.models import MODEL_BY_LABEL, Label


def test_every_label_has_its_entity_type() -> None:
    assert {GQL_BY_LABEL[label] for label in Label} <= set(ENTITY_TYPES)


@pytest.mark.parametrize("label", list(Label), ids=lambda label: label.value)
def test_graphql_type_fields_are_model_fields(label: Label) -> None:
    model_fields = set(MODEL_BY_LABEL[label].model_fields)
    assert set(init_fields(GQL_BY_LABEL[label])) - model_fields == set()


@pytest.mark.parametrize("label", list(EDITABLE), ids=lambda label: label.value)
def test_input_fields_are_model_fields_or_links(label: Label) -> None:
    known = set(MODEL_BY_LABEL[label].model_fields) | set(LINK_FIELDS)
    fields = {f.name for f in dataclasses.fields(EDITABLE[label])}
    assert fields - known == set()
