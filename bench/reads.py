"""One read through the Python driver two ways: `execute_query` (a managed transaction: BEGIN,
RUN, PULL, COMMIT) and an auto-commit statement in a READ session (RUN+PULL), the way the service
reads (decision 30).

`python -m bench.reads --reads 3000 --concurrency 1,8` (a Neo4j with the province: NEO4J_URI or
the local server of CREDGRAPH_HOME) runs the compiled statement of the peer comparison's course
read over rotating course ids and prints reads per second, p50 in ms and the driver's CPU time
per read (this process's CPU time over the reads) as Markdown.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import neo4j
import uvloop

from api.dev_secret import load_settings
from graph.connection import resolve_target

# The compiled statement of bench/peer/compare.py's COURSE_CREDGRAPH (graph/compiler's text).
COURSE = (
    "RETURN head(COLLECT { MATCH (n1:Course {id: $p0}) RETURN [n1.`id`, n1.`name`, COLLECT {"
    " MATCH (n1)<-[r3:FROM]-(n2:TransferValue) WITH * ORDER BY n2.id LIMIT $p1 RETURN [n2.`id`,"
    " n2.`credits`, COLLECT { MATCH (n2)-[r5:FOR]->(n4:Course|Program|Requirement) WITH * ORDER"
    " BY n4.id LIMIT $p1 RETURN CASE WHEN n4:Course THEN ['Course', n4.`id`, n4.`name`] WHEN"
    " n4:Program THEN ['Program'] WHEN n4:Requirement THEN ['Requirement'] END }] }] }) AS c0"
)


async def _load(
    read: Callable[[dict[str, Any]], Awaitable[object]],
    courses: list[str],
    reads: int,
    concurrency: int,
) -> tuple[float, list[float]]:
    """(seconds, latencies) of `reads` reads by `concurrency` readers over the courses in turn."""
    latencies: list[float] = []

    async def reader(start: int) -> None:
        for turn in range(start, reads, concurrency):
            began = time.perf_counter()
            await read({"p0": courses[turn % len(courses)], "p1": 100})
            latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(reader(k) for k in range(concurrency)))
    return time.perf_counter() - began, latencies


async def _run(reads: int, concurrencies: list[int]) -> None:
    settings = load_settings()
    target = resolve_target(settings)
    driver = neo4j.AsyncGraphDatabase.driver(
        target.uri, auth=(target.user, target.password.get_secret_value())
    )
    courses = [
        r["id"]
        for r in (
            await driver.execute_query("MATCH (c:Course) RETURN c.id AS id ORDER BY id LIMIT 5000")
        ).records
    ]

    async def managed(params: dict[str, Any]) -> object:
        found = await driver.execute_query(COURSE, params, routing_=neo4j.RoutingControl.READ)
        return found.records

    async def auto_commit(params: dict[str, Any]) -> object:
        async with driver.session(
            default_access_mode=neo4j.READ_ACCESS, bookmark_manager=None
        ) as session:
            result = await session.run(COURSE, params)
            return [record async for record in result]

    ways: list[tuple[str, Callable[[dict[str, Any]], Awaitable[object]]]] = [
        ("execute_query (managed transaction)", managed),
        ("auto-commit in a READ session", auto_commit),
    ]
    print("| way | concurrency | reads/s | p50 ms | driver CPU ms per read |")
    print("|---|---:|---:|---:|---:|")
    for _round in range(2):  # twice, alternating, so that neither gets the warmer machine
        for name, read in ways:
            for concurrency in concurrencies:
                cpu = time.process_time()
                wall, latencies = await _load(read, courses, reads, concurrency)
                print(
                    f"| {name} | {concurrency} | {reads / wall:.0f} | "
                    f"{statistics.median(latencies) * 1000:.2f} | "
                    f"{(time.process_time() - cpu) / reads * 1000:.2f} |"
                )
    await driver.close()


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reads", type=int, default=3000)
    parser.add_argument("--concurrency", default="1,8")
    args = parser.parse_args()
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    uvloop.run(_run(args.reads, concurrencies))


if __name__ == "__main__":
    main()
