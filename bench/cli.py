"""`credgraph-bench` (or `python -m bench`): write a synthetic province, measure the questions'
latency, and compare the ESCO importer with plain batches."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.cli import run_cli
from api.dev_secret import load_settings
from bench.synthetic import Scale
from graph.connection import resolve_target
from graph.container import open_graph

app = typer.Typer(help="Benchmarks: a synthetic province and the questions' latency.")
console = Console(stderr=True)


@app.command("generate")
def bench_generate(
    institutions: int = Scale.institutions,
    courses: int = Scale.courses,
    micro: int = Scale.micro,
    competencies: int = Scale.competencies,
    transfer_values: int = Scale.transfer_values,
    learners: int = Scale.learners,
    occupations: int = Scale.occupations,
    seed: int = Scale.seed,
) -> None:
    """Write a seeded synthetic province (batched writes) into the configured Neo4j."""
    from bench.synthetic import generate

    settings = load_settings()
    scale = Scale(
        institutions=institutions,
        courses=courses,
        micro=micro,
        competencies=competencies,
        transfer_values=transfer_values,
        learners=learners,
        occupations=occupations,
        seed=seed,
    )

    async def run() -> dict[str, float]:
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            return await generate(
                graph.nodes, scale, lambda what, n: console.print(f"  {what}: {n:,} rows")
            )

    figures = asyncio.run(run())
    console.print(f"generated: {figures}")


@app.command("latency")
def bench_latency(samples: int = 200, seed: int = 11) -> None:
    """p50 / p95 / p99 of each core question for random learners (prints a Markdown table)."""
    from bench.latency import markdown, measure

    settings = load_settings()

    async def run() -> str:
        async with open_graph(settings, resolve_target(settings)) as graph:
            rows = await measure(graph, settings, samples, seed, console.print)
            return markdown(rows)

    typer.echo(asyncio.run(run()))


@app.command("import-esco")
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


def main() -> None:
    """Run the `credgraph-bench` command (logging and errors as `credgraph` prints them)."""
    run_cli(app)
