"""The write cost of the change log (docs/changes.md), in one run on one Neo4j.

`python -m bench.changelog` (a local Neo4j under .credgraph/bench-changelog, or NEO4J_URI)
measures, with the log and without it (this script turns the append off in its own process;
the product has no such switch):

- the p50 and p95 of `createCompetency` through the GraphQL schema, one mutation at a time;
- the rows per second of an import-sized write: Competency nodes and their BROADER links,
  batched in one transaction as importers write.

It prints a Markdown table. Figures only: no assertion on time anywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from api.auth import ADMIN
from api.context import Context
from api.schema import build_schema
from bench.imports import wipe
from graph.connection import Neo4jTarget
from graph.container import Graph, open_graph
from graph.db import Transaction
from graph.models import Competency
from graph.relations import RelType
from graph.repositories.nodes import Link
from graph.settings import Settings

CREATE = """mutation ($id: ID!) { createCompetency(input: {id: $id, name: "bench"}) {
  __typename } }"""


@contextmanager
def without_log() -> Iterator[None]:
    """Writes in this block append no change events (bench only)."""
    original = Transaction.append_changes

    async def nothing(self: Transaction) -> None:
        self.changes.clear()

    Transaction.append_changes = nothing  # type: ignore[method-assign]
    try:
        yield
    finally:
        Transaction.append_changes = original  # type: ignore[method-assign]


async def mutation_times(graph: Graph, settings: Settings, n: int, tag: str) -> list[float]:
    schema = build_schema(settings)
    times: list[float] = []
    for i in range(n):
        context = Context(graph=graph, settings=settings, principal=ADMIN, request_id="bench")
        began = time.perf_counter()
        result = await schema.execute(
            CREATE, variable_values={"id": f"bench-{tag}-{i}"}, context_value=context
        )
        times.append(time.perf_counter() - began)
        assert result.errors is None, result.errors  # noqa: S101 - a bench that failed is no figure
    return times


async def import_rate(graph: Graph, rows: int, tag: str) -> float:
    nodes = [Competency(id=f"imp-{tag}-{i}", name=f"skill {i}") for i in range(rows)]
    links = [Link(f"imp-{tag}-{i}", f"imp-{tag}-{i // 10}") for i in range(1, rows)]
    began = time.perf_counter()
    async with graph.nodes.writer() as writer:
        await writer.upsert_nodes(nodes)
        await writer.upsert_links(RelType.BROADER, links)
    return (rows + len(links)) / (time.perf_counter() - began)


@asynccontextmanager
async def opened(settings: Settings, target: Neo4jTarget) -> AsyncIterator[Graph]:
    async with open_graph(settings, target) as graph:
        await wipe(graph)
        await graph.db.migrate()
        yield graph


async def measure(settings: Settings, target: Neo4jTarget, n: int, rows: int, rounds: int) -> str:
    # Rounds alternate which mode goes first (the JVM and the page cache keep warming during a
    # run: whichever went first looked slower); the figures pool every round.
    times: dict[bool, list[float]] = {False: [], True: []}
    rates: dict[bool, list[float]] = {False: [], True: []}
    async with opened(settings, target) as graph:
        await mutation_times(graph, settings, 20, "warm")  # plans and pool, not measured
        await import_rate(graph, min(rows, 5000), "warm")
        for round_ in range(rounds):
            order = (False, True) if round_ % 2 == 0 else (True, False)
            for log in order:
                tag = f"{'on' if log else 'off'}-{round_}"
                if log:
                    times[log] += await mutation_times(graph, settings, n, tag)
                    rates[log].append(await import_rate(graph, rows, tag))
                else:
                    with without_log():
                        times[log] += await mutation_times(graph, settings, n, tag)
                        rates[log].append(await import_rate(graph, rows, tag))
            await wipe(graph)  # each round on a small graph: a wipe is one transaction too
    figures: dict[str, tuple[float, float, float]] = {}
    for name, log in (("without the log", False), ("with the log", True)):
        p50 = statistics.median(times[log]) * 1000
        p95 = statistics.quantiles(times[log], n=20)[-1] * 1000
        figures[name] = (p50, p95, statistics.median(rates[log]))
    lines = [
        f"{rounds} rounds of {n} mutations, one at a time, and an import of {rows:,} nodes and"
        f" {rows - 1:,} links (rows/s: the median round)",
        "",
        "| | mutation p50 ms | mutation p95 ms | import rows/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, (p50, p95, rate) in figures.items():
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {rate:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    from api.dev_secret import load_settings
    from bench.servers import configured_or_local

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutations", type=int, default=300)
    # an importer's transaction (bench/README.md); 50,000 in one transaction can exceed a small
    # server's transaction memory
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    settings = load_settings()
    with configured_or_local(settings, Path(".credgraph/bench-changelog").resolve()) as target:
        print(asyncio.run(measure(settings, target, args.mutations, args.rows, args.rounds)))


if __name__ == "__main__":
    main()
