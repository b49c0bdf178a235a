"""A contributor's habits work: plain `pip install -e .` and `pip install .` into fresh virtualenvs
give a `credgraph` that runs from any directory (issue 14, item 12: a namespace package broke the
editable install's resource loading)."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("editable", [True, False], ids=["pip install -e .", "pip install ."])
def test_a_fresh_install_runs_from_another_directory(tmp_path: Path, editable: bool) -> None:
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    target = ["-e", str(ROOT)] if editable else [str(ROOT)]
    subprocess.run([*install, *target], check=True, cwd=tmp_path, timeout=1800)
    credgraph = str(environment / "bin" / "credgraph")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    schema = subprocess.run(
        [credgraph, "schema"], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert schema.returncode == 0, schema.stderr[-2000:]
    assert schema.stdout == (ROOT / "api" / "schema.graphql").read_text()
    migrate = subprocess.run(
        [credgraph, "db", "migrate", "--help"], cwd=elsewhere, capture_output=True, text=True
    )
    assert migrate.returncode == 0 and "constraint" in migrate.stdout, migrate.stderr[-2000:]
    # the queries are read from the installed package, not from the working directory
    count_queries = (
        "from graph.cypher import QueryRegistry; print(len(QueryRegistry.load()._files))"
    )
    count = subprocess.run(
        [str(python), "-c", count_queries], cwd=elsewhere, capture_output=True, text=True
    )
    assert count.returncode == 0, count.stderr[-2000:]
    assert int(count.stdout) == len(list((ROOT / "queries").rglob("*.cypher")))
    # the JSON-LD contexts credentials are canonicalized with ship as package data
    load_contexts = (
        "from importers.credentials.contexts import CONTEXT_FILES, document_loader\n"
        "loaded = [url for url in CONTEXT_FILES if document_loader(url)['document']]\n"
        "print(len(loaded), len(CONTEXT_FILES))"
    )
    contexts = subprocess.run(
        [str(python), "-c", load_contexts], cwd=elsewhere, capture_output=True, text=True
    )
    assert contexts.returncode == 0, contexts.stderr[-2000:]
    loaded, listed = contexts.stdout.split()
    assert loaded == listed and int(listed) > 10
