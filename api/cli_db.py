"""`credgraph neo4j|db|seed|changes ...`: the local Neo4j server, the schema and stored data, the
demo data set and the change log's housekeeping."""

from __future__ import annotations

import asyncio
import time

import typer
from rich.console import Console
from rich.table import Table

from api.dev_secret import load_settings
from graph.changes import Origin, origin_var
from graph.connection import Neo4jTarget, local_server, resolve_target
from graph.container import open_graph
from graph.repositories.stored_data import StoredDataRepository
from graph.services.data_check import DataCheck, check_data
from graph.settings import Settings

neo4j_app = typer.Typer(help="The local Neo4j Community server (used when NEO4J_URI is not set).")
db_app = typer.Typer(help="Database schema and stored data.")
seed_app = typer.Typer(help="Load data sets.")
changes_app = typer.Typer(help="The change log (docs/changes.md).")
console = Console(stderr=True)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start the local Neo4j (downloads the jars with Maven once) and wait until Bolt answers."""
    local = local_server(load_settings())
    started = time.monotonic()
    with console.status("starting the local Neo4j (first run downloads ~125 MB of jars)"):
        server = local.start()
    console.print(f"Neo4j ready in {time.monotonic() - started:.1f}s")
    _print_server(server.uri, server.user, str(server.password_file), server.pid)


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j cleanly (SIGTERM)."""
    stopped = local_server(load_settings()).stop()
    console.print("stopped" if stopped else "not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Print the Bolt URI, the user and the password file of the running local Neo4j."""
    server = local_server(load_settings()).status()
    if server is None:
        console.print("not running")
        raise typer.Exit(1)
    _print_server(server.uri, server.user, str(server.password_file), server.pid)


def _print_server(uri: str, user: str, password_file: str, pid: int) -> None:
    table = Table(show_header=False)
    for key, value in (
        ("uri", uri),
        ("user", user),
        ("password file", password_file),
        ("pid", str(pid)),
    ):
        table.add_row(key, value)
    Console().print(table)


async def _migrate(settings: Settings, target: Neo4jTarget) -> list[str]:
    async with open_graph(settings, target) as graph:
        return await graph.db.migrate()


async def seed_demo_graph(settings: Settings, target: Neo4jTarget) -> dict[str, int]:
    """Create the schema, then load the demo graph (idempotent); its counts by label."""
    from importers.demo import seed_demo  # imported here: only the seed command needs the data

    origin_var.set(Origin.of_command("seed"))
    async with open_graph(settings, target) as graph:
        await graph.db.migrate()
        return await seed_demo(graph.nodes)


@db_app.command("migrate")
def db_migrate() -> None:
    """Create every constraint and index (idempotent)."""
    settings = load_settings()
    names = asyncio.run(_migrate(settings, resolve_target(settings)))
    console.print(f"applied {len(names)} schema statements")


async def _check(settings: Settings, target: Neo4jTarget) -> DataCheck:
    async with open_graph(settings, target) as graph:
        return await check_data(StoredDataRepository(graph.db))


@db_app.command("check")
def db_check() -> None:
    """List every stored node and relationship property that does not fit the model (decision
    25): label, id, property, stored type, expected. Exit 1 when there is any, 0 when none."""
    settings = load_settings()
    report = asyncio.run(_check(settings, resolve_target(settings)))
    if report.misfits:
        typer.echo("label\tid\tproperty\tstored\texpected")
    for m in report.misfits:
        typer.echo(f"{m.label}\t{m.id}\t{m.property}\t{m.stored}\t{m.expected}")
    more = " (more odd nodes than listed)" if report.truncated else ""
    console.print(
        f"checked {report.nodes} nodes and {report.relationships} relationships: "
        f"{len(report.misfits)} properties do not fit the model{more}"
    )
    if report.misfits:
        raise typer.Exit(1)


@seed_app.command("demo")
def seed_demo_command() -> None:
    """Load the demo graph (idempotent; see docs/demo.md)."""
    settings = load_settings()
    counts = asyncio.run(seed_demo_graph(settings, resolve_target(settings)))
    console.print(f"demo data: {counts}")


@changes_app.command("compact")
def changes_compact() -> None:
    """Remove change events older than CREDGRAPH_CHANGE_RETENTION_DAYS that every registered
    subscriber has received (run it daily, e.g. from cron)."""
    import datetime as dt

    settings = load_settings()

    async def run() -> int:
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            now = dt.datetime.now(dt.UTC)
            return await graph.changes.compact_older_than(settings.change_retention_days, now)

    removed = asyncio.run(run())
    console.print(f"removed {removed:,} change events")
