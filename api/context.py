"""The per-request context: repositories, the caller's rights and fresh DataLoaders."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.auth import ANONYMOUS, LEARNER_DATA, Principal, Role
from api.metrics import Metrics
from graph.container import Graph
from graph.errors import Unauthorized
from graph.models import LEARNER_DATA_LABELS, Edge, Label, Node
from graph.relations import Hop
from graph.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Context:
    """The per-request context: graph, settings, caller and the request's DataLoaders."""

    graph: Graph
    settings: Settings
    request_id: str
    principal: Principal = ANONYMOUS
    metrics: Metrics | None = None
    # a websocket's connection_init payload (graphql-transport-ws): may carry the token
    connection_params: dict[str, object] | None = None
    # a websocket's upgrade request's Authorization header, decoded at connection_init
    upgrade_authorization: str = ""
    _node_loaders: dict[Label, DataLoader[str, Node | None]] = field(default_factory=dict)
    _edge_loaders: dict[Hop, DataLoader[str, list[Edge]]] = field(default_factory=dict)
    _any_loader: DataLoader[str, Node | None] | None = None

    @property
    def actor(self) -> str:
        """Who acts, for audit trails."""
        return self.principal.subject

    def _deny(self, what: str) -> Unauthorized:
        log.warning("denied %s to %s", what, self.principal.subject)
        why = f" ({self.principal.token_problem})" if self.principal.token_problem else ""
        return Unauthorized(f"{what} needs a bearer token with the right role{why}")

    def require(self, what: str, *roles: Role) -> None:
        """Admin, or any of `roles`."""
        if not self.principal.has(*roles):
            raise self._deny(what)

    def can_read_learner(self, learner_id: str) -> bool:
        """Whether the caller may read this learner's data (a reader role, or the learner)."""
        p = self.principal
        return p.has(*LEARNER_DATA) or (Role.LEARNER in p.roles and p.learner_id == learner_id)

    def can_read_node(self, label: Label, node_id: str) -> bool:
        """Whether the caller may see that a node of this label and id exists: a learner's
        record and evidence are learner data, everything else is public."""
        if label is Label.LEARNER:
            return self.can_read_learner(node_id)
        return label not in LEARNER_DATA_LABELS or self.principal.has(*LEARNER_DATA)

    def require_learner(self, learner_id: str, what: str) -> None:
        """Advisors, registrars and admins read any learner; a learner only themself."""
        if not self.can_read_learner(learner_id):
            raise self._deny(what)

    def any_node(self) -> DataLoader[str, Node | None]:
        """Batches look-ups by id whatever the label (answers name nodes of several labels)."""
        if self._any_loader is None:

            async def load(ids: list[str]) -> list[Node | None]:
                """The nodes of one batch of ids, any label, in order (None: not found)."""
                found = await self.graph.nodes.get_any(ids)
                return [found.get(id_) for id_ in ids]

            self._any_loader = DataLoader(load_fn=load)
        return self._any_loader

    def nodes(self, label: Label) -> DataLoader[str, Node | None]:
        """Batches look-ups of one label by id within this request."""
        loader = self._node_loaders.get(label)
        if loader is None:

            async def load(ids: list[str]) -> list[Node | None]:
                """The nodes of one label for one batch of ids, in order (None: not found)."""
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
                """The edges over the hop from each id of one batch, in order."""
                found = await self.graph.nodes.neighbours(hop, ids, limit)
                return [found[id_] for id_ in ids]

            loader = self._edge_loaders[hop] = DataLoader(load_fn=load)
        return loader


Info = StrawberryInfo[Context, None]
