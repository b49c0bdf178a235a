"""The `credgraph` command: serve, run the local Neo4j, migrate, seed, print the SDL."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, TextColumn
from rich.table import Table

from api.app import create_app
from api.auth import Role, mint
from api.cli_credentials import credential_app
from api.cli_webhooks import deliver, webhooks_app
from api.middleware import JsonFormatter, query_hash
from api.schema import sdl
from graph.changes import Origin, origin_var
from graph.connection import Neo4jTarget, local_server, resolve_target
from graph.container import open_graph
from graph.errors import GraphError
from graph.services.data_check import DataCheck, check_data
from graph.settings import Settings
from importers.base import ImportBatch

app = typer.Typer(help="credgraph: competencies, credentials and pathways in Neo4j, over GraphQL.")
neo4j_app = typer.Typer(help="The local Neo4j Community server (used when NEO4J_URI is not set).")
db_app = typer.Typer(help="Database schema and stored data.")
seed_app = typer.Typer(help="Load data sets.")
bench_app = typer.Typer(help="Benchmarks: a synthetic province and the questions' latency.")
import_app = typer.Typer(help="Import the field's standard formats (one transaction per import).")
changes_app = typer.Typer(help="The change log (docs/changes.md).")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(db_app, name="db")
app.add_typer(seed_app, name="seed")
app.add_typer(bench_app, name="bench")
app.add_typer(import_app, name="import")
app.add_typer(credential_app, name="credential")
app.add_typer(changes_app, name="changes")
app.add_typer(webhooks_app, name="webhooks")
app.command("deliver")(deliver)
console = Console(stderr=True)


def load_settings() -> Settings:
    return _with_dev_secret(Settings())


def _with_dev_secret(settings: Settings) -> Settings:
    """In development without a JWT key, one secret kept in .credgraph/jwt-secret (mode 0600), so
    that `credgraph token` mints tokens the running dev server accepts."""
    if (
        settings.jwt_secret is not None
        or settings.jwt_public_key
        or settings.environment.value == "production"
    ):
        return settings
    path = settings.home / "jwt-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return settings.model_copy(update={"jwt_secret": SecretStr(path.read_text().strip())})


def _docker_engine() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    probe = subprocess.run([docker, "info"], capture_output=True, check=False, timeout=10)  # noqa: S603
    return probe.returncode == 0


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


async def _seed_demo(settings: Settings, target: Neo4jTarget) -> dict[str, int]:
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
        return await check_data(graph.db)


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
    counts = asyncio.run(_seed_demo(settings, resolve_target(settings)))
    console.print(f"demo data: {counts}")


@bench_app.command("generate")
def bench_generate(
    institutions: int = 50,
    courses: int = 50_000,
    micro: int = 5_000,
    competencies: int = 20_000,
    transfer_values: int = 200_000,
    learners: int = 50_000,
    occupations: int = 300,
    seed: int = 7,
) -> None:
    """Write a seeded synthetic province (batched writes) into the configured Neo4j."""
    from importers.synthetic import Scale, generate

    settings = load_settings()
    scale = Scale(
        institutions, courses, micro, competencies, transfer_values, learners, occupations, seed
    )

    async def run() -> dict[str, float]:
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            return await generate(
                graph.nodes, scale, lambda what, n: console.print(f"  {what}: {n:,} rows")
            )

    figures = asyncio.run(run())
    console.print(f"generated: {figures}")


@bench_app.command("latency")
def bench_latency(samples: int = 200, seed: int = 11) -> None:
    """p50 / p95 / p99 of each core question for random learners (prints a Markdown table)."""
    from bench.latency import markdown, measure

    settings = load_settings()

    async def run() -> str:
        async with open_graph(settings, resolve_target(settings)) as graph:
            rows = await measure(graph, settings, samples, seed, console.print)
            return markdown(rows)

    typer.echo(asyncio.run(run()))


@bench_app.command("import-esco")
def bench_import_esco(
    paths: Annotated[list[Path], typer.Argument(help="ESCO CSV folders, files or download zips")],
    wipe: Annotated[
        bool, typer.Option(help="required: the benchmark empties the database")
    ] = False,
) -> None:
    """The ESCO importer against plain UNWIND batches on the same rows (prints Markdown)."""
    from bench.imports import markdown, measure

    if not wipe:
        raise typer.BadParameter("the benchmark deletes everything in the database: pass --wipe")
    settings = load_settings()

    async def run() -> str:
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            return markdown(await measure(graph, paths, console.print))

    typer.echo(asyncio.run(run()))


def _import(
    kind: str, parse: Callable[[Any], ImportBatch], paths: Sequence[Path | str], dry_run: bool
) -> None:
    """Parse files with `parse`, then apply them in one transaction and print the summary."""
    from importers.base import apply, summary_rows

    settings = load_settings()

    async def run() -> None:
        origin_var.set(Origin.of_command("import"))
        started = time.monotonic()
        with console.status(f"reading {kind} files"):
            batch = parse(paths)
        links = sum(len(v) for v in batch.links.values())
        seconds = time.monotonic() - started
        console.print(f"parsed {len(batch.nodes):,} nodes and {links:,} links in {seconds:.1f}s")
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            columns = (*Progress.get_default_columns(), TextColumn("{task.fields[step]}"))
            with Progress(*columns, console=console) as progress:
                task = progress.add_task(
                    "comparing" if dry_run else "writing (one transaction)",
                    total=len(batch.nodes) + links,
                    step="",
                )

                def advance(what: str, n: int) -> None:
                    progress.update(task, advance=n, step=f"{what}: {n:,}")

                summary = await apply(graph.nodes, batch, dry_run, advance)
                progress.update(task, completed=len(batch.nodes) + links)
        table = Table(title=f"{kind} import", show_header=False)
        for key, value in summary_rows(summary):
            table.add_row(key, value)
        Console().print(table)
        for warning in summary.warnings[:20]:
            console.print(f"[yellow]warning[/yellow] {escape(str(warning))}")
        if len(summary.warnings) > 20:
            console.print(f"... and {len(summary.warnings) - 20} more warnings")

    asyncio.run(run())


@import_app.command("esco")
def import_esco(
    paths: Annotated[list[Path], typer.Argument(help="ESCO CSV folders, files or download zips")],
    dry_run: Annotated[bool, typer.Option(help="compare and report, write nothing")] = False,
) -> None:
    """Import ESCO skills, skill groups, occupations, ISCO groups and their relations."""
    from importers import esco

    _import("ESCO", esco.parse, paths, dry_run)


@import_app.command("case")
def import_case(
    sources: Annotated[
        list[str], typer.Argument(help="CASE package files, or CASE server package URLs")
    ],
    dry_run: Annotated[bool, typer.Option(help="compare and report, write nothing")] = False,
) -> None:
    """Import 1EdTech CASE 1.0 / 1.1 packages (frameworks, items, associations) from files or
    from a CASE server (`https://host/ims/case/v1p1/CFPackages/{id}`, or a CFDocuments URL) on a
    host listed in CREDGRAPH_IMPORT_HOSTS."""
    from importers import case

    hosts = load_settings().import_hosts
    _import("CASE", partial(case.parse, allowed_hosts=hosts), sources, dry_run)


@import_app.command("ctdl")
def import_ctdl(
    paths: Annotated[list[Path], typer.Argument(help="CTDL / CTDL-ASN JSON-LD files")],
    dry_run: Annotated[bool, typer.Option(help="compare and report, write nothing")] = False,
) -> None:
    """Import Credential Engine CTDL JSON-LD: credentials, courses, programs, competency
    frameworks, transfer values and agreements, pathways (also registry envelopes)."""
    from importers import ctdl

    _import("CTDL", ctdl.parse, paths, dry_run)


@import_app.command("openbadges")
def import_openbadges(
    paths: Annotated[list[Path], typer.Argument(help="Open Badges 3.0 / CLR 2.0 JSON files")],
    dry_run: Annotated[bool, typer.Option(help="compare and report, write nothing")] = False,
    refuse_invalid: Annotated[
        bool, typer.Option(help="an INVALID credential fails the import (nothing is written)")
    ] = False,
) -> None:
    """Import learner records: Open Badges 3.0 credentials and CLR 2.0 transcripts (learners are
    stored as pseudonyms), each verified and its state recorded on the holding."""
    from importers import openbadges
    from importers.credentials.setup import verifier_from_settings

    verifier = verifier_from_settings(load_settings())
    parse = partial(openbadges.parse, verifier=verifier, refuse_invalid=refuse_invalid)
    _import("Open Badges / CLR", parse, paths, dry_run)


@import_app.command("elm")
def import_elm(
    paths: Annotated[
        list[Path], typer.Argument(help="European Learning Model JSON-LD credentials")
    ],
    dry_run: Annotated[bool, typer.Option(help="compare and report, write nothing")] = False,
    refuse_invalid: Annotated[
        bool, typer.Option(help="an INVALID credential fails the import (nothing is written)")
    ] = False,
) -> None:
    """Import European Learning Model (EDC) credentials: micro-credentials with ECTS, EQF level and
    ESCO skills, and the (pseudonymous) holder's achievement, verified as Open Badges are."""
    from importers import elm
    from importers.credentials.setup import verifier_from_settings

    verifier = verifier_from_settings(load_settings())
    parse = partial(elm.parse, verifier=verifier, refuse_invalid=refuse_invalid)
    _import("ELM", parse, paths, dry_run)


@import_app.command("csv")
def import_csv(
    paths: Annotated[list[Path], typer.Argument(help="filled-in CSV templates")],
    template: Annotated[
        str | None, typer.Option(help="template of every file (default: from each file name)")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="compare and report, write nothing")] = False,
) -> None:
    """Import filled-in CSV templates (see `credgraph import template`)."""
    from importers import csv_templates

    _import("CSV", lambda files: csv_templates.parse(files, template), paths, dry_run)


@import_app.command("template")
def import_template(
    name: Annotated[str | None, typer.Argument(help="template name")] = None,
    out: Annotated[Path | None, typer.Option(help="file to write (default NAME.csv)")] = None,
    docs: Annotated[
        bool, typer.Option(help="print every template's column docs (Markdown)")
    ] = False,
) -> None:
    """Write a CSV template (header and an example row), or print the column docs."""
    from importers.csv_templates import TEMPLATES, template_csv, template_docs

    if docs:
        typer.echo(template_docs())
        return
    if name not in TEMPLATES:
        raise typer.BadParameter(f"NAME is one of: {', '.join(TEMPLATES)}")
    target = out or Path(f"{name}.csv")
    target.write_text(template_csv(name), encoding="utf-8")
    console.print(f"wrote {target}; columns: docs/csv-templates.md or --docs")


@app.command("export")
def export_command(
    format: Annotated[
        str, typer.Argument(help="ctdl | openbadges (a micro-credential), case (a framework)")
    ],
    node_id: Annotated[str, typer.Argument(help="id of the micro-credential or framework")],
    out: Annotated[
        Path | None, typer.Option(help="file to write (default: standard output)")
    ] = None,
) -> None:
    """Export a micro-credential as CTDL JSON-LD or an Open Badges 3.0 Achievement, or a
    framework as a CASE package."""
    from importers import case_export, exports

    settings = load_settings()
    makers: dict[str, Callable[[Any, str], Awaitable[dict[str, Any]]]] = {
        "ctdl": exports.micro_credential_ctdl,
        "openbadges": exports.micro_credential_achievement,
        "case": partial(
            case_export.framework_case, locator=case_export.Locator(settings.public_url)
        ),
    }
    if format not in makers:
        raise typer.BadParameter(f"FORMAT is one of: {', '.join(makers)}")

    async def run() -> str:
        async with open_graph(settings, resolve_target(settings)) as graph:
            document = await makers[format](graph.nodes, node_id)
        return json.dumps(document, indent=2, ensure_ascii=False)

    try:
        text = asyncio.run(run())
    except GraphError as error:
        console.print(f"[red]{escape(error.message)}[/red]")
        raise typer.Exit(1) from None
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        typer.echo(text)


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
        counts = asyncio.run(_seed_demo(settings, target))
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
    os.environ.update(
        {
            "NEO4J_URI": target.uri,
            "NEO4J_USER": target.user,
            "NEO4J_PASSWORD": target.password.get_secret_value(),
        }
    )
    if settings.jwt_secret is not None:
        os.environ["CREDGRAPH_JWT_SECRET"] = settings.jwt_secret.get_secret_value()
    uvicorn.run(
        "api.app:app_from_environment",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=count,
        log_level="info",
        access_log=False,
    )


def main() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())  # one JSON object per line, with the request id
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    try:
        app()
    except GraphError as error:
        console.print(f"[red]error:[/red] {escape(error.message)}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
