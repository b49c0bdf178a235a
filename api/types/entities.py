"""GraphQL types for every label of DOMAIN.md; relationships load via per-request DataLoaders.

The types are declared by area (api/types/learning.py, parties.py, courses.py) on what
api/types/node.py shares; importing this module declares them all, and it names them together
(in the labels' order) for the schema, with the registries the resolvers read.
"""

from __future__ import annotations

from api.types import courses, learning, parties  # noqa: F401 - importing them declares the types
from api.types.node import DEFAULT_FIRST, GQL_BY_LABEL, HOP_FIELDS, Node, to_gql
from graph.models import Label

# Every concrete type, for the schema (interface members are only reachable through fields), in
# the order of the labels' table (the schema's type order follows it); a label without its type
# (`of_label`) is a KeyError here, when the API is imported.
ENTITY_TYPES: tuple[type[Node], ...] = tuple(GQL_BY_LABEL[label] for label in Label)

__all__ = ["DEFAULT_FIRST", "ENTITY_TYPES", "GQL_BY_LABEL", "HOP_FIELDS", "Node", "to_gql"]
