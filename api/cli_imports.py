"""`credgraph import ...` and `credgraph export`: the field's standard formats and the CSV
templates in (one transaction per import), micro-credentials and frameworks out."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, TextColumn
from rich.table import Table

from api.dev_secret import load_settings
from graph.changes import Origin, origin_var
from graph.connection import resolve_target
from graph.container import open_graph
from graph.errors import GraphError

if TYPE_CHECKING:
    from importers.formats import ParseOptions

# `--dry-run` of every import command
DryRun = Annotated[bool, typer.Option(help="compare and report, write nothing")]

import_app = typer.Typer(help="Import the field's standard formats (one transaction per import).")
console = Console(stderr=True)


def _import(
    format_name: str,
    paths: Sequence[Path | str],
    dry_run: bool,
    options: ParseOptions | None = None,
) -> None:
    """Parse files as the format `format_name` of importers/formats.py reads them, then apply
    them in one transaction and print the summary."""
    from importers.base import apply, summary_rows
    from importers.formats import IMPORT_FORMATS, ParseOptions

    chosen = IMPORT_FORMATS[format_name]
    kind = chosen.title
    settings = load_settings()

    async def run() -> None:
        origin_var.set(Origin.of_command("import"))
        started = time.monotonic()
        with console.status(f"reading {kind} files"):
            batch = chosen.parse(paths, options or ParseOptions())
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
    dry_run: DryRun = False,
) -> None:
    """Import ESCO skills, skill groups, occupations, ISCO groups and their relations."""
    _import("esco", paths, dry_run)


@import_app.command("case")
def import_case(
    sources: Annotated[
        list[str], typer.Argument(help="CASE package files, or CASE server package URLs")
    ],
    dry_run: DryRun = False,
) -> None:
    """Import 1EdTech CASE 1.0 / 1.1 packages (frameworks, items, associations) from files or
    from a CASE server (`https://host/ims/case/v1p1/CFPackages/{id}`, or a CFDocuments URL) on a
    host listed in CREDGRAPH_IMPORT_HOSTS."""
    from importers.formats import ParseOptions

    hosts = load_settings().import_hosts
    _import("case", sources, dry_run, ParseOptions(allowed_hosts=hosts))


@import_app.command("ctdl")
def import_ctdl(
    paths: Annotated[list[Path], typer.Argument(help="CTDL / CTDL-ASN JSON-LD files")],
    dry_run: DryRun = False,
) -> None:
    """Import Credential Engine CTDL JSON-LD: credentials, courses, programs, competency
    frameworks, transfer values and agreements, pathways (also registry envelopes)."""
    _import("ctdl", paths, dry_run)


@import_app.command("openbadges")
def import_openbadges(
    paths: Annotated[list[Path], typer.Argument(help="Open Badges 3.0 / CLR 2.0 JSON files")],
    dry_run: DryRun = False,
    refuse_invalid: Annotated[
        bool, typer.Option(help="an INVALID credential fails the import (nothing is written)")
    ] = False,
) -> None:
    """Import learner records: Open Badges 3.0 credentials and CLR 2.0 transcripts (learners are
    stored as pseudonyms), each verified and its state recorded on the holding."""
    from importers.credentials.setup import verifier_from_settings
    from importers.formats import ParseOptions

    verifier = verifier_from_settings(load_settings())
    options = ParseOptions(verifier=verifier, refuse_invalid=refuse_invalid)
    _import("openbadges", paths, dry_run, options)


@import_app.command("elm")
def import_elm(
    paths: Annotated[
        list[Path], typer.Argument(help="European Learning Model JSON-LD credentials")
    ],
    dry_run: DryRun = False,
    refuse_invalid: Annotated[
        bool, typer.Option(help="an INVALID credential fails the import (nothing is written)")
    ] = False,
) -> None:
    """Import European Learning Model (EDC) credentials: micro-credentials with ECTS, EQF level and
    ESCO skills, and the (pseudonymous) holder's achievement, verified as Open Badges are."""
    from importers.credentials.setup import verifier_from_settings
    from importers.formats import ParseOptions

    verifier = verifier_from_settings(load_settings())
    _import("elm", paths, dry_run, ParseOptions(verifier=verifier, refuse_invalid=refuse_invalid))


@import_app.command("csv")
def import_csv(
    paths: Annotated[list[Path], typer.Argument(help="filled-in CSV templates")],
    template: Annotated[
        str | None, typer.Option(help="template of every file (default: from each file name)")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Import filled-in CSV templates (see `credgraph import template`)."""
    from importers.formats import ParseOptions

    _import("csv", paths, dry_run, ParseOptions(template=template))


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
    from importers.formats import EXPORT_FORMATS

    settings = load_settings()
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"FORMAT is one of: {', '.join(EXPORT_FORMATS)}")

    async def run() -> str:
        async with open_graph(settings, resolve_target(settings)) as graph:
            document = await EXPORT_FORMATS[format](graph.nodes, node_id, settings.public_url)
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
