"""Soak: mixed load at a fixed rate for ten minutes against the API on a local Neo4j.

`python -m bench.soak --seconds 600 --rate 20` starts a local Neo4j (home `.credgraph/soak`),
loads the demo graph, runs `credgraph serve` as a separate process, and sends `--rate` requests
per second on an open-loop schedule (a request leaves on time whether or not earlier ones have
answered): catalogue and nested reads, the core questions for the demo learners, and writes
(feedback with idempotency keys). It prints, per minute, requests, errors, p50 and p95, and the API
process's resident memory at the start and the end.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

REQUESTS = [
    ("catalogue", 5, '{ catalogue(text: "data", first: 10) { hits { node { id name } } } }'),
    (
        "nested",
        5,
        "{ microCredentials(first: 20) { nodes { id name competencies { competency { id } } "
        "institution { id } } } }",
    ),
    (
        "transferCredit",
        3,
        '{ transferCredit(learnerId: "learner-ben", institutionId: "inst-lsu") { totalCredits } }',
    ),
    (
        "stackingPlan",
        3,
        '{ stackingPlan(learnerId: "learner-ben", targetId: "prog-lsu-ds") { exact } }',
    ),
    (
        "priorLearning",
        3,
        '{ priorLearning(learnerId: "learner-dana", targetId: "prog-lsu-ds") { hoursSaved } }',
    ),
    ("write", 1, ""),
]
FEEDBACK = """mutation ($key: String) { addFeedback(input: {microCredentialId: "mc-data-1",
  rating: 4}, idempotencyKey: $key) { __typename } }"""


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def load(
    url: str, token: str, seconds: float, rate: float, seed: int
) -> list[list[tuple[str, float, bool]]]:
    rng = random.Random(seed)
    names = [name for name, weight, _ in REQUESTS for _ in range(weight)]
    by_name = {name: query for name, _, query in REQUESTS}
    minutes: list[list[tuple[str, float, bool]]] = [[] for _ in range(int(seconds // 60) + 1)]
    headers = {"authorization": f"Bearer {token}"}
    started = time.perf_counter()
    limits = httpx.Limits(max_connections=100)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def one(name: str, at: float) -> None:
            if name == "write":
                payload = {"query": FEEDBACK, "variables": {"key": uuid.uuid4().hex}}
            else:
                payload = {"query": by_name[name]}
            began = time.perf_counter()
            try:
                response = await client.post(url, json=payload, headers=headers)
                ok = response.status_code == 200 and not response.json().get("errors")
            except httpx.HTTPError:
                ok = False
            minutes[int(at // 60)].append((name, time.perf_counter() - began, ok))

        tasks = []
        n = 0
        while True:
            at = n / rate
            if at >= seconds:
                break
            delay = started + at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(rng.choice(names), at)))
            n += 1
        await asyncio.gather(*tasks)
    return [m for m in minutes if m]


def main() -> None:
    from api.auth import Role, mint
    from api.dev_secret import load_settings
    from bench.servers import serve_env, start_local
    from graph.container import open_graph
    from importers.demo import seed_demo

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings()
    local, target = start_local(settings, Path(".credgraph/soak").resolve())

    async def seed() -> None:
        async with open_graph(settings, target) as graph:
            await graph.db.migrate()
            await seed_demo(graph.nodes)

    asyncio.run(seed())
    api = subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "api.cli", "serve", "--port", str(args.port)],
        env=serve_env(settings, target),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{args.port}/graphql"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{args.port}/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        token = mint(settings, "soak", [Role.ADMIN])
        asyncio.run(load(url, token, 20, args.rate, args.seed))  # warm-up, not counted
        rss_start = rss_kib(api.pid)
        minutes = asyncio.run(load(url, token, args.seconds, args.rate, args.seed + 1))
        rss_end = rss_kib(api.pid)
    finally:
        api.terminate()
        api.wait(timeout=30)
        local.stop()
    print("| minute | requests | errors | p50 ms | p95 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    errors = 0
    for n, minute in enumerate(minutes, start=1):
        times = [t * 1000 for _, t, _ in minute]
        failed = sum(1 for *_, ok in minute if not ok)
        errors += failed
        print(
            f"| {n} | {len(minute)} | {failed} | {statistics.median(times):.0f} | "
            f"{percentile(times, 0.95):.0f} | {percentile(times, 0.99):.0f} |"
        )
    print(
        f"\nAPI resident memory: {rss_start / 1024:.0f} MiB after warm-up, "
        f"{rss_end / 1024:.0f} MiB at the end ({(rss_end - rss_start) / 1024:+.0f} MiB)"
    )
    print(f"errors: {errors}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
