"""Latency of the core questions for random learners: p50 / p95 / p99 per question.

Each question goes through the GraphQL schema in process (resolver, services, Cypher on the real
Neo4j), one request at a time, after a warm-up (page cache, then WARM_UP requests); learners,
institutions and targets are drawn with a fixed seed so runs compare.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from api.auth import ADMIN
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from graph.settings import Settings

QUESTIONS: dict[str, str] = {
    "transferCredit": """query ($learner: ID!, $institution: ID!) {
      transferCredit(learnerId: $learner, institutionId: $institution, asOf: "2026-06-01") {
        totalCredits capped awards { receivingId credits via { transferValue { id } } } } }""",
    "stackingPlan": """query ($learner: ID!, $program: ID!) {
      stackingPlan(learnerId: $learner, targetId: $program, asOf: "2026-06-01") {
        reachable totalRemainingHours remaining { order itemId fillsId } } }""",
    "priorLearning": """query ($learner: ID!, $program: ID!) {
      priorLearning(learnerId: $learner, targetId: $program, asOf: "2026-06-01") {
        hoursSaved covered { competencyId } missingIds exemptionIds } }""",
    "transferOptions": """query ($learner: ID!) {
      transferOptions(learnerId: $learner, asOf: "2026-06-01", limit: 5) {
        options { institutionId totalCredits } } }""",
    "skillGap": """query ($learner: ID!, $occupation: ID!) {
      skillGap(learnerId: $learner, occupationId: $occupation, asOf: "2026-06-01") {
        closingHours closingSetIds uncoverableIds } }""",
}

WARM_UP = 30  # uncounted requests per question first (a fresh JVM compiles as it goes)


@dataclass(frozen=True)
class Row:
    question: str
    runs: int
    p50: float
    p95: float
    p99: float
    errors: int


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(
    graph: Graph, settings: Settings, samples: int, seed: int, progress: Callable[[str], None]
) -> list[Row]:
    rnd = random.Random(seed)
    started = time.perf_counter()
    for name in ("bench/warm_nodes", "bench/warm_relationships"):
        await graph.db.read(name)
    progress(f"page cache warmed in {time.perf_counter() - started:.1f}s")
    counts = {}
    for label in ("learners", "institutions", "occupations"):
        found = await graph.db.read(f"bench/count_{label}")
        counts[label] = int(found[0]["c"])
    schema = build_schema()
    rows = []
    for question, query in QUESTIONS.items():
        timings: list[float] = []
        errors = 0
        for n in range(samples + WARM_UP):  # the first WARM_UP runs warm the JIT and caches
            learner = f"learner-{rnd.randrange(counts['learners']):05d}"
            institution = f"inst-{rnd.randrange(counts['institutions']):03d}"
            variables = {
                "learner": learner,
                "institution": institution,
                "program": f"prog-{institution}-{rnd.randrange(2)}",
                "occupation": f"occ-{rnd.randrange(max(1, counts['occupations'])):04d}",
            }
            used = {k: v for k, v in variables.items() if f"${k}" in query}
            context = Context(graph=graph, settings=settings, request_id="bench", principal=ADMIN)
            started = time.perf_counter()
            result = await schema.execute(query, variable_values=used, context_value=context)
            elapsed = (time.perf_counter() - started) * 1000
            if result.errors:
                errors += 1
            if n >= WARM_UP:
                timings.append(elapsed)
        rows.append(
            Row(
                question,
                len(timings),
                round(statistics.median(timings), 1),
                round(_percentile(timings, 0.95), 1),
                round(_percentile(timings, 0.99), 1),
                errors,
            )
        )
        progress(f"{question}: p95 {rows[-1].p95} ms")
    return rows


def markdown(rows: list[Row]) -> str:
    lines = [
        "| question | runs | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.question} | {r.runs} | {r.p50} | {r.p95} | {r.p99} | {r.errors} |" for r in rows
    ]
    return "\n".join(lines)
