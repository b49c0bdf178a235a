"""The core questions at two graph sizes: p50 / p95 per question, the ratio, and a plot.

`python -m bench.growth --small .credgraph/bench-small --large .credgraph/bench` runs the latency
bench (`bench/latency.py`, in process) against the local Neo4j of each home in turn (started and
stopped here; generate them first with `python -m bench generate`, see bench/README.md), prints
the Markdown table with the p95 ratio (goal <= 2 for ten times the data) and writes
`bench/growth.png`: p50 and p95 by question at both sizes.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bench.latency import Row, measure

HERE = Path(__file__).resolve().parent


async def _at(home: Path, samples: int, seed: int) -> tuple[int, list[Row]]:
    from api.dev_secret import load_settings
    from bench.servers import start_local
    from graph.container import open_graph

    # a CREDGRAPH_HOME of `python -m bench generate`; heap and page cache from the environment
    settings = load_settings()
    local, target = start_local(settings, home)
    try:
        async with open_graph(settings, target) as graph:
            records, _, _ = await graph.driver.execute_query(
                "MATCH (n) RETURN count(n) + count { ()-[]->() } AS rows"
            )
            rows = int(records[0]["rows"])
            return rows, await measure(graph, settings, samples, seed, lambda _: None)
    finally:
        local.stop()


def plot(small: tuple[int, list[Row]], large: tuple[int, list[Row]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    questions = [r.question for r in small[1]]
    x = range(len(questions))
    width = 0.2
    figure, axes = plt.subplots(figsize=(9, 4.5))
    series = [
        (small, "p50", -1.5),
        (small, "p95", -0.5),
        (large, "p50", 0.5),
        (large, "p95", 1.5),
    ]
    for (rows, results), stat, offset in series:
        values = [getattr(r, stat) for r in results]
        axes.bar([i + offset * width for i in x], values, width, label=f"{stat}, {rows:,} rows")
    axes.set_xticks(list(x), questions)
    axes.set_ylabel("ms")
    axes.set_title("credgraph core questions: latency by graph size")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=Path, default=Path(".credgraph/bench-small"))
    parser.add_argument("--large", type=Path, default=Path(".credgraph/bench"))
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--png", type=Path, default=HERE / "growth.png")
    args = parser.parse_args()
    small = asyncio.run(_at(args.small.resolve(), args.samples, args.seed))
    large = asyncio.run(_at(args.large.resolve(), args.samples, args.seed))
    print(
        f"| question | p50 / p95 ms at {small[0]:,} rows | p50 / p95 ms at {large[0]:,} rows "
        "| p95 ratio (goal <= 2) |"
    )
    print("|---|---:|---:|---:|")
    for a, b in zip(small[1], large[1], strict=True):
        print(f"| {a.question} | {a.p50} / {a.p95} | {b.p50} / {b.p95} | {b.p95 / a.p95:.2f} |")
    plot(small, large, args.png)
    print(f"\nplot: {args.png}")


if __name__ == "__main__":
    main()
