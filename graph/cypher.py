"""The Cypher registry: every statement lives in a `.cypher` file of the `queries` package.

Files are read once, from the installed package (never from the working directory), into
`neo4j.Query` objects named by their path: `queries/entities/get_nodes.cypher` is
`entities/get_nodes`. The cast to LiteralString happens here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

import neo4j

PACKAGE = "queries"


@dataclass(frozen=True)
class CypherFile:
    """One statement of queries/: its name, text, and its documented parameters and returns."""

    name: str
    text: str
    params: str
    returns: str


def _walk(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found += _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".cypher"):
            found.append((prefix + entry.name.removesuffix(".cypher"), entry))
    return found


def _literal(text: str) -> LiteralString:
    """The one place file text becomes a LiteralString: it comes from our package, never input."""
    return cast(LiteralString, text)  # type: ignore[redundant-cast] # a no-op at runtime


def _header(name: str, text: str, key: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(f"// {key}:"):
            return stripped.split(":", 1)[1].strip()
    raise ValueError(f"queries/{name}.cypher: the header lacks a '// {key}:' line")


class QueryRegistry:
    """All Cypher statements, by name."""

    def __init__(self, files: dict[str, CypherFile], timeout: float | None) -> None:
        self._files = files
        self.timeout = timeout
        self._queries = {
            name: neo4j.Query(_literal(f.text), metadata={"query": name}, timeout=timeout)
            for name, f in files.items()
        }

    @classmethod
    def load(cls, timeout: float | None = None) -> QueryRegistry:
        """Every statement under queries/, by name (a timeout applies to each, when given)."""
        files: dict[str, CypherFile] = {}
        for name, entry in _walk(resources.files(PACKAGE), ""):
            text = entry.read_text(encoding="utf-8")
            files[name] = CypherFile(
                name=name,
                text=text,
                params=_header(name, text, "params"),
                returns=_header(name, text, "returns"),
            )
        return cls(files, timeout)

    def __getitem__(self, name: str) -> neo4j.Query:
        try:
            return self._queries[name]
        except KeyError:
            raise KeyError(f"no Cypher file queries/{name}.cypher") from None

    def text(self, name: str) -> LiteralString:
        """The statement text, for explicit transactions (which take text, not Query objects)."""
        return _literal(self._files[name].text)

    def names(self) -> list[str]:
        """The names of every statement, sorted."""
        return sorted(self._files)

    def file(self, name: str) -> CypherFile:
        """The statement of this name."""
        return self._files[name]

    def schema_statements(self) -> list[str]:
        """Schema statements (constraints and indexes) in file-name order."""
        return [n for n in self.names() if n.startswith("schema/")]
