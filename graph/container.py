"""The graph layer assembled around one driver: what an entry point opens once and passes down."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.connection import Neo4jTarget
from graph.cypher import QueryRegistry
from graph.db import Database, open_driver
from graph.errors import Unavailable
from graph.repositories.changes import ChangeRepository
from graph.repositories.nodes import NodeRepository
from graph.repositories.webhooks import WebhookRepository
from graph.settings import Settings
from graph.webhooks import redact_secrets_in_driver_log


@dataclass(frozen=True)
class Graph:
    """The graph layer of one process: the driver, the database and the node repository."""

    driver: neo4j.AsyncDriver
    db: Database
    nodes: NodeRepository

    @property
    def changes(self) -> ChangeRepository:
        """The change log (docs/changes.md)."""
        return ChangeRepository(self.db)

    @property
    def webhooks(self) -> WebhookRepository:
        """Webhook subscribers of the change log."""
        return WebhookRepository(self.db)


@asynccontextmanager
async def open_graph(
    settings: Settings, target: Neo4jTarget, verify: bool = True
) -> AsyncIterator[Graph]:
    """Open the process's one driver, yield the repositories, close the driver on exit."""
    redact_secrets_in_driver_log()
    driver = open_driver(
        target.uri, target.user, target.password.get_secret_value(), settings.neo4j_max_pool_size
    )
    try:
        if verify:
            try:
                await driver.verify_connectivity()
            except (neo4j_errors.ServiceUnavailable, neo4j_errors.AuthError) as error:
                raise Unavailable(f"cannot use Neo4j at {target.uri}: {error}") from None
        db = Database(
            driver, QueryRegistry.load(settings.query_timeout_seconds), settings.neo4j_database
        )
        yield Graph(driver=driver, db=db, nodes=NodeRepository(db))
    finally:
        await driver.close()
