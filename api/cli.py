"""The `credgraph` command: serve, the development set-up, tokens, persisted queries, the SDL; the
command groups live in api/cli_*.py and are registered here."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape

from api.app import create_app, serve_environment
from api.auth import Role, mint
from api.cli_credentials import credential_app
from api.cli_db import changes_app, db_app, neo4j_app, seed_app, seed_demo_graph
from api.cli_imports import export_command, import_app
from api.cli_webhooks import deliver, webhooks_app
from api.dev_secret import load_settings
from api.middleware import JsonFormatter, query_hash
from api.schema import sdl
from graph.connection import Neo4jTarget, local_server, resolve_target
from graph.errors import GraphError
from graph.settings import Settings

app = typer.Typer(help="credgraph: competencies, credentials and pathways in Neo4j, over GraphQL.")
# Command groups, one module each (api/cli_*.py); a new group is one import and one line here.
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(db_app, name="db")
app.add_typer(seed_app, name="seed")
app.add_typer(import_app, name="import")
app.add_typer(credential_app, name="credential")
app.add_typer(changes_app, name="changes")
app.add_typer(webhooks_app, name="webhooks")
app.command("deliver")(deliver)
app.command("export")(export_command)
console = Console(stderr=True)


def _docker_engine() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    probe = subprocess.run([docker, "info"], capture_output=True, check=False, timeout=10)  # noqa: S603
    return probe.returncode == 0


@app.command("token")
def token_command(
    role: Annotated[
        list[str], typer.Option(help="role(s): learner advisor registrar importer admin")
    ],
    subject: Annotated[str, typer.Option(help="who the token speaks for")] = "dev",
    learner: Annotated[str | None, typer.Option(help="the learner id, for a learner token")] = None,
    minutes: Annotated[int, typer.Option(help="lifetime")] = 60,
) -> None:
    """Mint a development bearer token (HS256, with the configured or development secret)."""
    settings = load_settings()
    try:
        roles = [Role(r) for r in role]
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(mint(settings, subject, roles, learner, minutes))


@app.command("persist")
def persist_command(
    files: Annotated[list[Path], typer.Argument(help=".graphql files, one operation each")],
    output: Annotated[Path, typer.Option(help="the allow-list to write")] = Path("persisted.json"),
) -> None:
    """Build a persisted-query allow-list {sha256: query} for CREDGRAPH_PERSISTED_QUERIES."""
    allow_list = {}
    for path in files:
        text = path.read_text()
        allow_list[query_hash(text)] = text
    output.write_text(json.dumps(allow_list, indent=2, sort_keys=True) + "\n")
    for digest, text in sorted(allow_list.items()):
        typer.echo(f"{digest}  {text.splitlines()[0][:60] if text else ''}")


@app.command("schema")
def schema_command() -> None:
    """Print the GraphQL SDL."""
    typer.echo(sdl(), nl=False)


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="bind address")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
    workers: Annotated[
        int | None, typer.Option(help="worker processes (default CREDGRAPH_WORKERS, 1)")
    ] = None,
) -> None:
    """Serve GraphQL against NEO4J_URI or the running local Neo4j."""
    settings = load_settings()
    _run(settings, resolve_target(settings), host, port, workers)


@app.command("dev")
def dev() -> None:
    """Everything for a first look: a Neo4j, the schema, the demo data, then GraphQL + GraphiQL."""
    settings = load_settings()
    started_local = False
    if settings.neo4j_uri:
        target = resolve_target(settings)
    elif _docker_engine():
        target = _docker_compose_neo4j()
    else:
        local = local_server(settings)
        started_local = local.status() is None
        with console.status("starting the local Neo4j (first run downloads ~125 MB of jars)"):
            target = resolve_target(settings, start_local=True)
    try:
        counts = asyncio.run(seed_demo_graph(settings, target))
        console.print(f"Neo4j: {target.uri} ({target.origin}); demo data loaded: {counts}")
        token = mint(settings, "dev-admin", [Role.ADMIN], minutes=12 * 60)
        console.print(
            "Writes and learner data need a token; an admin one for development (12 hours):\n"
            f'[bold]{{"Authorization": "Bearer {token}"}}[/bold]\n'
            "Mint others with `credgraph token --role advisor` (roles: learner, advisor, "
            "registrar, importer, admin).",
            soft_wrap=True,  # a token broken over lines cannot be copied
        )
        _run(settings, target, None, None)
    finally:
        if started_local:
            local_server(settings).stop()


def _docker_compose_neo4j() -> Neo4jTarget:
    """With a Docker engine, the compose file's Neo4j (password from NEO4J_PASSWORD)."""
    import os

    password = os.environ.setdefault("NEO4J_PASSWORD", secrets.token_urlsafe(16))
    docker = shutil.which("docker") or "docker"
    subprocess.run([docker, "compose", "up", "-d", "--wait", "neo4j"], check=True)  # noqa: S603
    return Neo4jTarget("bolt://127.0.0.1:7687", "neo4j", SecretStr(password), "docker")


def _run(
    settings: Settings,
    target: Neo4jTarget,
    host: str | None,
    port: int | None,
    workers: int | None = None,
) -> None:
    bind_host, bind_port = host or settings.host, port or settings.port
    count = workers or settings.workers
    console.print(f"GraphQL + GraphiQL at http://{bind_host}:{bind_port}/graphql")
    if count <= 1:
        uvicorn.run(
            create_app(settings, target),
            host=bind_host,
            port=bind_port,
            log_level="info",
            access_log=False,  # RequestMiddleware logs each request, with its id and duration
        )
        return
    # Worker processes build their own app (one driver each) from the environment: hand them
    # the resolved Neo4j and the JWT key this process uses.
    os.environ.update(serve_environment(settings, target))
    uvicorn.run(
        "api.app:app_from_environment",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=count,
        log_level="info",
        access_log=False,
    )


def run_cli(command: typer.Typer) -> None:
    """Run a command line as `credgraph` runs: JSON log lines, a graph error printed, exit 2."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())  # one JSON object per line, with the request id
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    try:
        command()
    except GraphError as error:
        console.print(f"[red]error:[/red] {escape(error.message)}")
        raise SystemExit(2) from None


def main() -> None:
    """Run the `credgraph` command."""
    run_cli(app)


if __name__ == "__main__":
    main()
