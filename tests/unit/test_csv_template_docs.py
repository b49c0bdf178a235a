"""docs/csv-templates.md is generated from the templates' columns: the committed file is current
(no Neo4j needed, so a contributor's first `pytest tests/unit` sees a stale one)."""

from __future__ import annotations

from pathlib import Path

from importers.csv_templates import template_docs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "csv-templates.md"


def test_generated_docs_are_committed() -> None:
    assert DOCS.read_text() == template_docs() + "\n", "run: credgraph import template --docs"
