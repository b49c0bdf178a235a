"""The per-request context: repositories, the caller's rights and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.metrics import Metrics
from graph.container import Graph
from graph.errors import Unauthorized
from graph.models import Edge, Label, Node
from graph.relations import Hop
from graph.settings import Settings


@dataclass
class Context:
    graph: Graph
    settings: Settings
    is_admin: bool
    request_id: str
    metrics: Metrics | None = None
    _node_loaders: dict[Label, DataLoader[str, Node | None]] = field(default_factory=dict)
    _edge_loaders: dict[Hop, DataLoader[str, list[Edge]]] = field(default_factory=dict)
    _any_loader: DataLoader[str, Node | None] | None = None

    def any_node(self) -> DataLoader[str, Node | None]:
        """Batches look-ups by id whatever the label (answers name nodes of several labels)."""
        if self._any_loader is None:

            async def load(ids: list[str]) -> list[Node | None]:
                found = await self.graph.nodes.get_any(ids)
                return [found.get(id_) for id_ in ids]

            self._any_loader = DataLoader(load_fn=load)
        return self._any_loader

    def nodes(self, label: Label) -> DataLoader[str, Node | None]:
        """Batches look-ups of one label by id within this request."""
        loader = self._node_loaders.get(label)
        if loader is None:

            async def load(ids: list[str]) -> list[Node | None]:
                found = await self.graph.nodes.get_many(label, ids)
                return [found.get(id_) for id_ in ids]

            loader = self._node_loaders[label] = DataLoader(load_fn=load)
        return loader

    def edges(self, hop: Hop) -> DataLoader[str, list[Edge]]:
        """Batches one relationship hop from many nodes within this request (no N+1)."""
        loader = self._edge_loaders.get(hop)
        if loader is None:
            limit = self.settings.max_page_size

            async def load(ids: list[str]) -> list[list[Edge]]:
                found = await self.graph.nodes.neighbours(hop, ids, limit)
                return [found[id_] for id_ in ids]

            loader = self._edge_loaders[hop] = DataLoader(load_fn=load)
        return loader

    @property
    def actor(self) -> str:
        """Who acts, for audit trails (issue 6 replaces the shared token with named roles)."""
        return "admin" if self.is_admin else "anonymous"

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise Unauthorized(f"{what} needs a valid bearer token (Authorization: Bearer ...)")


Info = StrawberryInfo[Context, None]
