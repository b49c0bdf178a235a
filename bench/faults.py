"""Neo4j stopped under a load of reads and writes: fast typed failures, /readyz 503, recovery by
itself, and no write lost or doubled.

`python -m bench.faults` starts its own local Neo4j (home `.credgraph/faults`), serves the API,
and runs `--writers` clients creating competencies (unique ids) and `--readers` clients reading
pages, all the time. After `--before` seconds it stops Neo4j (SIGTERM), after `--outage` more it
starts it again, and the load runs `--after` seconds more. Then:

- every write the API acknowledged (a Competency came back) must be in the graph;
- every write refused with a typed UNAVAILABLE error must be absent;
- every write answered OUTCOME_UNKNOWN (Neo4j went away during its commit), and any other
  non-acknowledged one, is retried with the same id: a ConflictError then means it had committed
  (the client's retry is safe because creates are keyed by id);
- no request may take longer than the driver's bounds (connection 5 s + retries 5 s + margin).

It prints the figures as Markdown. The test suite runs a short version (tests/e2e).
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

WRITE = """mutation ($id: ID!) { createCompetency(input: {id: $id, name: "fault test"}) {
  __typename ... on Competency { id } } }"""
READ = "{ competencies(first: 5) { nodes { id name } } }"
SLOW_LIMIT_SECONDS = 15.0


@dataclass
class Report:
    acked: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # typed UNAVAILABLE: known not written
    unknown: list[str] = field(default_factory=list)  # outcome not known to the client
    reads: Counter[str] = field(default_factory=Counter)
    writes: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    outage_seconds: float = 0.0
    stop_seconds: float = 0.0
    readyz_503_after: float | None = None
    recovered_after: float | None = None
    lost: list[str] = field(default_factory=list)
    phantom: list[str] = field(default_factory=list)
    retried_committed: int = 0
    retried_written: int = 0

    def markdown(self) -> str:
        rows = [
            ("writes acknowledged", len(self.acked)),
            ("writes refused with UNAVAILABLE (known not written)", len(self.refused)),
            ("writes with an unknown outcome (retried by id)", len(self.unknown)),
            ("  of which had committed (ConflictError on retry)", self.retried_committed),
            ("  of which the retry wrote", self.retried_written),
            ("acknowledged writes missing afterwards (lost)", len(self.lost)),
            ("refused writes present afterwards (phantom)", len(self.phantom)),
            ("read outcomes", dict(self.reads)),
            ("write outcomes", dict(self.writes)),
            ("slowest request (s)", round(self.slowest, 2)),
            ("Neo4j graceful stop took (s)", self.stop_seconds),
            ("Neo4j down in all (s)", round(self.outage_seconds, 1)),
            ("/readyz 503 after the stop returned (s)", self.readyz_503_after),
            ("/readyz 200 after restart (s)", self.recovered_after),
        ]
        lines = ["| figure | value |", "|---|---|"]
        lines += [f"| {name} | {value} |" for name, value in rows]
        return "\n".join(lines)


def _outcome(response: httpx.Response) -> str:
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    body = response.json()
    errors = body.get("errors") or []
    if errors:
        return str((errors[0].get("extensions") or {}).get("code", "error"))
    return "ok"


async def scenario(
    base_url: str,
    token: str,
    stop: Callable[[], object],
    start: Callable[[], object],
    writers: int = 4,
    readers: int = 4,
    before: float = 3.0,
    outage: float = 6.0,
    after: float = 6.0,
) -> Report:
    report = Report()
    headers = {"authorization": f"Bearer {token}"}
    done = asyncio.Event()
    url = f"{base_url}/graphql"

    run = uuid.uuid4().hex[:8]  # ids unique to this run: the database may hold earlier ones

    async def writer(n: int, client: httpx.AsyncClient) -> None:
        count = 0
        while not done.is_set():
            node_id = f"fault-{run}-{n}-{count}"
            count += 1
            began = time.perf_counter()
            try:
                response = await client.post(
                    url, json={"query": WRITE, "variables": {"id": node_id}}, headers=headers
                )
                outcome = _outcome(response)
            except httpx.HTTPError as error:
                outcome = type(error).__name__
            report.slowest = max(report.slowest, time.perf_counter() - began)
            report.writes[outcome] += 1
            if outcome == "ok":
                report.acked.append(node_id)
            elif outcome == "UNAVAILABLE":
                report.refused.append(node_id)
            else:
                report.unknown.append(node_id)
            if outcome != "ok":
                await asyncio.sleep(0.2)

    async def reader(client: httpx.AsyncClient) -> None:
        while not done.is_set():
            began = time.perf_counter()
            try:
                outcome = _outcome(await client.post(url, json={"query": READ}))
            except httpx.HTTPError as error:
                outcome = type(error).__name__
            report.slowest = max(report.slowest, time.perf_counter() - began)
            report.reads[outcome] += 1
            if outcome != "ok":
                await asyncio.sleep(0.2)

    async def readyz_until(status: int, since: float) -> float:
        async with httpx.AsyncClient(timeout=5) as probe:
            while True:
                try:
                    if (await probe.get(f"{base_url}/readyz")).status_code == status:
                        return round(time.perf_counter() - since, 1)
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.2)

    async with httpx.AsyncClient(timeout=60) as client:
        tasks = [asyncio.create_task(writer(n, client)) for n in range(writers)]
        tasks += [asyncio.create_task(reader(client)) for _ in range(readers)]
        await asyncio.sleep(before)
        stopped_at = time.perf_counter()
        await asyncio.to_thread(stop)
        report.stop_seconds = round(time.perf_counter() - stopped_at, 1)
        report.readyz_503_after = await readyz_until(503, time.perf_counter())
        await asyncio.sleep(max(0.0, outage - (time.perf_counter() - stopped_at)))
        await asyncio.to_thread(start)
        report.outage_seconds = time.perf_counter() - stopped_at
        restarted_at = time.perf_counter()
        report.recovered_after = await readyz_until(200, restarted_at)
        await asyncio.sleep(after)
        done.set()
        await asyncio.gather(*tasks)
        report.lost = [i for i in report.acked if not await _exists(client, url, i)]
        report.phantom = [i for i in report.refused if await _exists(client, url, i)]
        for node_id in report.unknown:
            response = await client.post(
                url, json={"query": WRITE, "variables": {"id": node_id}}, headers=headers
            )
            kind = response.json()["data"]["createCompetency"]["__typename"]
            report.retried_committed += kind == "ConflictError"
            report.retried_written += kind == "Competency"
    return report


async def _exists(client: httpx.AsyncClient, url: str, node_id: str) -> bool:
    query = "query ($id: ID!) { competency(id: $id) { id } }"
    response = await client.post(url, json={"query": query, "variables": {"id": node_id}})
    return response.json()["data"]["competency"] is not None


def main() -> None:
    from api.app import create_app
    from api.auth import Role, mint
    from api.dev_secret import load_settings
    from bench.servers import api_thread, start_local

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--before", type=float, default=10)
    parser.add_argument("--outage", type=float, default=15)
    parser.add_argument("--after", type=float, default=15)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    settings = load_settings()
    local, target = start_local(settings, Path(".credgraph/faults").resolve())
    token = mint(settings, "faults", [Role.ADMIN])
    try:
        with api_thread(create_app(settings, target), args.port) as base_url:
            report = asyncio.run(
                scenario(
                    base_url,
                    token,
                    local.stop,
                    local.start,
                    args.writers,
                    args.readers,
                    args.before,
                    args.outage,
                    args.after,
                )
            )
    finally:
        local.stop()
    print(report.markdown())
    if report.lost or report.phantom or report.slowest > SLOW_LIMIT_SECONDS:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
