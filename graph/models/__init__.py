"""The domain models: vocabularies, nodes of every label, relationship properties (by area in
graph/models/vocabulary.py, graph/models/nodes.py and graph/models/links.py, each naming what it
exports in its `__all__`); this package exports all of them, so `graph.models.X` is every model."""

from __future__ import annotations

from graph.models import links, nodes, vocabulary
from graph.models.links import *  # noqa: F403
from graph.models.nodes import *  # noqa: F403
from graph.models.vocabulary import *  # noqa: F403

__all__ = [*vocabulary.__all__, *nodes.__all__, *links.__all__]
