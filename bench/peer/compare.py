"""credgraph against @neo4j/graphql 7 on the same Neo4j, same data, equivalent nested reads.

`python -m bench.peer.compare --seconds 15` (a running Neo4j with data: NEO4J_URI or the local
server of CREDGRAPH_HOME, e.g. the province of `credgraph bench generate`) starts both servers as
separate single processes (credgraph: `credgraph serve`, uvicorn; the peer: `node
bench/peer/server.mjs`, Apollo Server standalone), checks that both answer each query with the
same data, then loads each at 1, 8 and 32 connections with autocannon (`bench/peer/load.mjs`) and
prints throughput, p50 / p95 and the ratios as Markdown. `npm ci --prefix bench/peer` first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
MC_CREDGRAPH = """{ microCredentials(first: 50) { nodes { id name
  competencies { competency { id name } } institution { id name }
  endorsements { employer { id name } } } } }"""
MC_PEER = """{ microCredentials(limit: 50, sort: [{ id: ASC }]) { id name
  competencies { id name } institution { id name } endorsers { id name } } }"""
COURSE_CREDGRAPH = """query ($id: ID!) { course(id: $id) { id name
  transferValuesFrom { id credits for { ... on Course { id name } } } } }"""
COURSE_PEER = """query ($id: ID!) { courses(where: { id: { eq: $id } }) { id name
  transferValuesFrom { id credits for { id name } } } }"""


def _normal_mc(data: Any, peer: bool) -> Any:
    items = data["microCredentials"] if peer else data["microCredentials"]["nodes"]
    out = []
    for item in items:
        if peer:
            competencies = sorted(c["id"] for c in item["competencies"])
            institution = [i["id"] for i in item["institution"]]
            endorsers = sorted(e["id"] for e in item["endorsers"])
        else:
            competencies = sorted(c["competency"]["id"] for c in item["competencies"])
            institution = [item["institution"]["id"]] if item["institution"] else []
            endorsers = sorted(e["employer"]["id"] for e in item["endorsements"])
        out.append((item["id"], item["name"], competencies, institution, endorsers))
    return sorted(out)


def _normal_course(data: Any, peer: bool) -> Any:
    course = data["courses"][0] if peer else data["course"]
    values = sorted(
        (tv["id"], tv["credits"], sorted(f["id"] for f in tv["for"] if f))
        for tv in course["transferValuesFrom"]
    )
    return course["id"], course["name"], values


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"a server exited: {process.args!r}")
        try:
            httpx.post(url, json={"query": "{ __typename }"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url}")


def _load(url: str, body: dict[str, Any], connections: int, seconds: float) -> dict[str, float]:
    command = ["node", str(HERE / "load.mjs"), url, json.dumps(body), str(connections)]
    done = subprocess.run(  # noqa: S603 - our own script, node from PATH
        [*command, str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    from api.cli import load_settings
    from bench.servers import serve_env
    from graph.connection import resolve_target
    from graph.container import open_graph

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--connections", default="1,8,32")
    parser.add_argument("--workers", type=int, default=1, help="credgraph worker processes")
    args = parser.parse_args()
    settings = load_settings()
    target = resolve_target(settings)

    async def pick_course() -> str:
        async with open_graph(settings, target) as graph:
            records, _, _ = await graph.driver.execute_query(
                "MATCH (c:Course)<-[:FROM]-(tv:TransferValue)-[:FOR]->(:Course) "
                "WITH c, count(tv) AS n ORDER BY n DESC, c.id LIMIT 1 RETURN c.id AS id"
            )
            return str(records[0]["id"])

    course = asyncio.run(pick_course())
    typedefs = subprocess.run(
        [sys.executable, "-m", "bench.peer.typedefs"], capture_output=True, text=True, check=True
    ).stdout
    (HERE / "typeDefs.graphql").write_text(typedefs)
    env = serve_env(settings, target)
    ours = subprocess.Popen(  # noqa: S603 - our own CLI
        [
            sys.executable,
            "-m",
            "api.cli",
            "serve",
            "--port",
            "8801",
            "--workers",
            str(args.workers),
        ],
        env={**env, "CREDGRAPH_LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peer = subprocess.Popen(  # noqa: S603
        ["node", str(HERE / "server.mjs")],  # noqa: S607 - node from PATH
        env={**env, "PORT": "8802"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    our_url, peer_url = "http://127.0.0.1:8801/graphql", "http://127.0.0.1:8802/"
    rows = []
    try:
        _wait(our_url, ours)
        _wait(peer_url, peer)
        cases = [
            (
                "50 micro-credentials + competencies, institution, endorsers",
                MC_CREDGRAPH,
                MC_PEER,
                {},
                _normal_mc,
            ),
            (
                "a course + transfer values + receiving courses",
                COURSE_CREDGRAPH,
                COURSE_PEER,
                {"id": course},
                _normal_course,
            ),
        ]
        for name, ours_query, peer_query, variables, normal in cases:
            a = httpx.post(our_url, json={"query": ours_query, "variables": variables}).json()
            b = httpx.post(peer_url, json={"query": peer_query, "variables": variables}).json()
            if "errors" in a or "errors" in b:
                raise SystemExit(f"{name}: {a.get('errors')} {b.get('errors')}")
            if normal(a["data"], False) != normal(b["data"], True):
                raise SystemExit(f"{name}: the two servers answer different data")
            for connections in [int(c) for c in args.connections.split(",")]:
                mine = _load(
                    our_url,
                    {"query": ours_query, "variables": variables},
                    connections,
                    args.seconds,
                )
                theirs = _load(
                    peer_url,
                    {"query": peer_query, "variables": variables},
                    connections,
                    args.seconds,
                )
                rows.append((name, connections, mine, theirs))
    finally:
        for process in (ours, peer):
            process.terminate()
            process.wait(timeout=30)
    print(
        "| query | connections | credgraph req/s | @neo4j/graphql req/s | "
        "throughput ratio (goal >= 1.5) | credgraph p50 / p95 ms | peer p50 / p95 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, connections, mine, theirs in rows:
        ratio = mine["rps"] / theirs["rps"] if theirs["rps"] else float("nan")
        print(
            f"| {name} | {connections} | {mine['rps']:.0f} | {theirs['rps']:.0f} | {ratio:.2f}x | "
            f"{mine['p50']:.0f} / {mine['p95']:.0f} | {theirs['p50']:.0f} / {theirs['p95']:.0f} |"
        )
    bad = [r for r in rows if r[2]["non2xx"] or r[2]["errors"] or r[3]["non2xx"] or r[3]["errors"]]
    print(f"\nrequests with errors or non-2xx: {len(bad)} runs")


if __name__ == "__main__":
    main()
