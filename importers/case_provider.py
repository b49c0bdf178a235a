"""The CASE provider's reads: every framework's package, and its documents, items and
associations by CASE identifier (docs/case-provider.md).

Derived identifiers (uuid5 of credgraph ids) cannot be looked up in the graph, so the provider
builds one index of all packages (importers/case_export.py) per graph write generation and base
URL, and answers from it until the next write: a write anywhere makes the next read rebuild it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from graph.models import Label
from graph.repositories.nodes import NodeFilter, NodeRepository
from importers.case_export import Json, Locator, document_ref, document_view, framework_case

PAGE = 500


@dataclass
class CaseIndex:
    """Every framework as CASE, by identifier."""

    documents: list[Json] = field(default_factory=list)
    packages: dict[str, Json] = field(default_factory=dict)
    items: dict[str, Json] = field(default_factory=dict)
    associations: dict[str, Json] = field(default_factory=dict)


class CaseProvider:
    """Answers the CASE 1.1 reads from an index rebuilt after each write to the graph."""

    def __init__(
        self, nodes: NodeRepository, generation: Callable[[], Awaitable[str | None]]
    ) -> None:
        self.nodes = nodes
        self.generation = generation
        self._key: tuple[str, str | None] | None = None
        self._index = CaseIndex()
        self._lock = asyncio.Lock()

    async def index(self, locator: Locator) -> CaseIndex:
        """The index for the graph as it is now, with URIs under `locator`'s base."""
        key = (await self.generation() or "", locator.base)
        async with self._lock:
            if key != self._key:
                self._index = await self._build(locator)
                self._key = key
            return self._index

    async def _build(self, locator: Locator) -> CaseIndex:
        index = CaseIndex()
        after: str | None = None
        while True:
            page = await self.nodes.page(Label.FRAMEWORK, NodeFilter(), PAGE, after)
            for framework in page.items:
                package = await framework_case(self.nodes, framework.id, locator)
                identifier = package["CFDocument"]["identifier"]
                index.packages[identifier] = package
                index.documents.append(document_view(package, locator))
                ref = document_ref(package)
                for item in package["CFItems"]:
                    index.items.setdefault(item["identifier"], {**item, "CFDocumentURI": ref})
                for association in package["CFAssociations"]:
                    index.associations.setdefault(
                        association["identifier"], {**association, "CFDocumentURI": ref}
                    )
            if not page.has_next or not page.items:
                break
            after = page.items[-1].id
        index.documents.sort(key=lambda d: str(d["identifier"]))
        return index
