"""Compiled reads against field-by-field resolution, in process: the peer comparison's two nested
workloads through the GraphQL schema (no HTTP, no response cache) on the running Neo4j.

`python -m bench.compiled --seconds 10 --concurrency 1,8` (NEO4J_URI or the local server of
CREDGRAPH_HOME, with data: the demo graph or a generated province) prints requests per second and
p50 / p95 in milliseconds for each path as Markdown.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from typing import Any

import strawberry

from api.auth import ANONYMOUS
from api.context import Context
from api.schema import build_schema
from bench.peer.compare import COURSE_CREDGRAPH, MC_CREDGRAPH
from graph.container import Graph
from graph.settings import Settings


async def _load(
    schema: strawberry.Schema,
    graph: Graph,
    settings: Settings,
    bodies: list[tuple[str, dict[str, Any]]],
    concurrency: int,
    seconds: float,
) -> tuple[float, float, float]:
    """(requests per second, p50 ms, p95 ms) of `concurrency` callers for `seconds`."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def caller(start: int) -> None:
        turn = start
        while time.perf_counter() < deadline:
            query, variables = bodies[turn % len(bodies)]
            turn += concurrency
            context = Context(
                graph=graph, settings=settings, request_id="bench", principal=ANONYMOUS
            )
            began = time.perf_counter()
            result = await schema.execute(query, variable_values=variables, context_value=context)
            latencies.append(time.perf_counter() - began)
            if result.errors:
                raise SystemExit(f"errors: {result.errors}")

    began = time.perf_counter()
    await asyncio.gather(*(caller(i) for i in range(concurrency)))
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return len(latencies) / elapsed, statistics.median(ordered) * 1000, p95 * 1000


async def _main(args: argparse.Namespace) -> None:
    from api.dev_secret import load_settings
    from graph.connection import resolve_target
    from graph.container import open_graph

    settings = load_settings()
    async with open_graph(settings, resolve_target(settings)) as graph:
        records, _, _ = await graph.driver.execute_query(
            "MATCH (c:Course)<-[:FROM]-(:TransferValue) RETURN DISTINCT c.id AS id LIMIT 2000"
        )
        courses = [str(r["id"]) for r in records]
        random.Random(args.seed).shuffle(courses)
        workloads: dict[str, list[tuple[str, dict[str, Any]]]] = {
            "50 micro-credentials + competencies, institution, endorsers": [(MC_CREDGRAPH, {})],
            f"a course + transfer values + receiving courses ({len(courses)} in turn)": [
                (COURSE_CREDGRAPH, {"id": c}) for c in courses
            ],
        }
        schemas = {
            "field by field": build_schema(settings.model_copy(update={"compiled_reads": False})),
            "compiled": build_schema(settings.model_copy(update={"compiled_reads": True})),
        }
        for name, bodies in workloads.items():  # both paths answer the same first
            for query, variables in bodies[:20]:
                answers = [
                    await schema.execute(
                        query,
                        variable_values=variables,
                        context_value=Context(graph=graph, settings=settings, request_id="b"),
                    )
                    for schema in schemas.values()
                ]
                if answers[0].data != answers[1].data or answers[0].errors or answers[1].errors:
                    raise SystemExit(f"{name}: the two paths answer differently")
        print("| workload | callers | path | req/s | p50 ms | p95 ms |")
        print("|---|---|---|---|---|---|")
        for name, bodies in workloads.items():
            for concurrency in (int(c) for c in args.concurrency.split(",")):
                for path, schema in schemas.items():
                    await _load(schema, graph, settings, bodies, concurrency, args.warmup)
                    rate, p50, p95 = await _load(
                        schema, graph, settings, bodies, concurrency, args.seconds
                    )
                    print(
                        f"| {name} | {concurrency} | {path} | {rate:.0f} | {p50:.1f} | {p95:.1f} |"
                    )


def main() -> None:
    """Parses the arguments and prints the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--seed", type=int, default=7)
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
