"""What the bench scripts share: a local Neo4j of a given home, the environment that points a
`credgraph serve` process at a Neo4j, and the API served in a thread of this process."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import SecretStr
from starlette.applications import Starlette

from graph.connection import Neo4jTarget, local_server, resolve_target
from graph.neo4j_local import LocalNeo4j
from graph.settings import Settings


def start_local(settings: Settings, home: Path) -> tuple[LocalNeo4j, Neo4jTarget]:
    """The local Neo4j of `home` (a CREDGRAPH_HOME), started; heap and page cache from settings."""
    local = local_server(settings.model_copy(update={"home": home}))
    server = local.start()
    return local, Neo4jTarget(server.uri, server.user, SecretStr(server.password()), "local")


@contextmanager
def configured_or_local(settings: Settings, home: Path) -> Iterator[Neo4jTarget]:
    """The configured Neo4j (NEO4J_URI), else the local one of `home`, started for the block
    and stopped after it (a configured server is never stopped)."""
    if settings.neo4j_uri is not None:
        yield resolve_target(settings)
        return
    local, target = start_local(settings, home)
    try:
        yield target
    finally:
        local.stop()  # the server this run started


def serve_env(settings: Settings, target: Neo4jTarget) -> dict[str, str]:
    """This process's environment, with the Neo4j and the JWT key a `credgraph serve` child uses."""
    from api.app import serve_environment

    return {**os.environ, **serve_environment(settings, target)}


@contextmanager
def api_thread(app: Starlette, port: int) -> Iterator[str]:
    """The app under uvicorn in a thread of this process; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
