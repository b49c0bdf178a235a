"""The two entry points: `credgraph` (the product) and `python -m bench` (the benchmarks), and
what may import what between them."""

from __future__ import annotations

import ast
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app as credgraph
from bench.cli import app as bench

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_no_product_module_imports_bench() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("api", "graph", "importers")
        for path in (ROOT / package).rglob("*.py")
        if any(m == "bench" or m.startswith("bench.") for m in _imported_modules(path))
    ]
    assert offenders == []


def test_the_app_does_not_import_the_cli() -> None:
    app_imports = _imported_modules(ROOT / "api" / "app.py")
    assert not {m for m in app_imports if m == "api.cli" or m.startswith("api.cli_")}


def test_benchmark_commands_live_in_bench_not_in_credgraph() -> None:
    runner = CliRunner()
    bench_help = runner.invoke(bench, ["--help"])
    assert bench_help.exit_code == 0
    for command in ("generate", "latency", "import-esco"):
        assert command in bench_help.output
    assert runner.invoke(credgraph, ["bench", "--help"]).exit_code != 0


def test_credgraph_keeps_its_command_groups() -> None:
    runner = CliRunner()
    for group in ("neo4j", "db", "seed", "import", "credential", "changes"):
        assert runner.invoke(credgraph, [group, "--help"]).exit_code == 0, group
    for command in ("export", "token", "persist", "schema", "serve", "dev"):
        assert runner.invoke(credgraph, [command, "--help"]).exit_code == 0, command
