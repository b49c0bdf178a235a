"""Where the Neo4j is: NEO4J_URI when set, else the project's local server (started on request)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from graph.errors import Unavailable
from graph.neo4j_local import LocalNeo4j
from graph.settings import Settings


@dataclass(frozen=True)
class Neo4jTarget:
    """Where to reach Neo4j: its bolt URI, user and password, and where that came from."""

    uri: str
    user: str
    password: SecretStr
    origin: str  # "NEO4J_URI", "local" or "docker"


def local_server(settings: Settings) -> LocalNeo4j:
    return LocalNeo4j(
        home=settings.local_neo4j_home,
        cache_dir=settings.cache_dir,
        version=settings.neo4j_version,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
    )


def resolve_target(settings: Settings, start_local: bool = False) -> Neo4jTarget:
    """NEO4J_URI first; otherwise the local server of this project (started if asked)."""
    if settings.neo4j_uri:
        if settings.neo4j_password is None:
            raise Unavailable("NEO4J_URI is set but NEO4J_PASSWORD is not")
        return Neo4jTarget(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, "NEO4J_URI"
        )
    local = local_server(settings)
    server = local.start() if start_local else local.status()
    if server is None:
        raise Unavailable(
            "no NEO4J_URI is set and the local Neo4j is not running: "
            "run `credgraph neo4j start` (or `make run`)"
        )
    return Neo4jTarget(server.uri, server.user, SecretStr(server.password()), "local")
