"""The one table of formats credgraph imports and exports: each format's name (the `credgraph
import` / `export` command's and the GraphQL enum's value), its parser and its exporter. The CLI
and GraphQL's `importData` / `exportDocument` both read it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.repositories.nodes import NodeRepository
from importers import case, case_export, csv_templates, ctdl, elm, esco, exports, openbadges
from importers.base import ImportBatch
from importers.credentials.setup import Verifier
from importers.files import SourceFile


@dataclass(frozen=True)
class ParseOptions:
    """What a parser may be told besides its files (each format reads the options it has)."""

    template: str | None = None  # CSV: the template of every file (default: from its name)
    verifier: Verifier | None = None  # learner records: every credential verified with it
    refuse_invalid: bool = False  # learner records: an INVALID credential fails the import
    allowed_hosts: Collection[str] = ()  # CASE: the hosts a package URL may be fetched from


Source = SourceFile | str  # a path, an upload, or (CASE) a package URL
Parser = Callable[[Sequence[Source], ParseOptions], ImportBatch]


@dataclass(frozen=True)
class ImportFormat:
    """One format read by `credgraph import NAME` and `importData(format: GRAPHQL_NAME)`."""

    name: str
    graphql_name: str
    title: str
    parse: Parser


def _files(sources: Sequence[Source]) -> list[SourceFile]:
    """Only the CASE importer fetches URLs; for the others a string is a path."""
    return [Path(s) if isinstance(s, str) else s for s in sources]


IMPORT_FORMATS: dict[str, ImportFormat] = {
    f.name: f
    for f in (
        ImportFormat("esco", "ESCO", "ESCO", lambda s, _: esco.parse(_files(s))),
        ImportFormat(
            "case", "CASE", "CASE", lambda s, o: case.parse(s, allowed_hosts=o.allowed_hosts)
        ),
        ImportFormat("ctdl", "CTDL", "CTDL", lambda s, _: ctdl.parse(_files(s))),
        ImportFormat(
            "openbadges",
            "OPEN_BADGES",
            "Open Badges / CLR",
            lambda s, o: openbadges.parse(_files(s), o.verifier, o.refuse_invalid),
        ),
        ImportFormat(
            "elm", "ELM", "ELM", lambda s, o: elm.parse(_files(s), o.verifier, o.refuse_invalid)
        ),
        ImportFormat("csv", "CSV", "CSV", lambda s, o: csv_templates.parse(_files(s), o.template)),
    )
}

# nodes, the id of the micro-credential or framework, the public base URL (CASE URIs)
Exporter = Callable[[NodeRepository, str, str | None], Awaitable[dict[str, Any]]]


async def _case(nodes: NodeRepository, framework_id: str, public_url: str | None) -> dict[str, Any]:
    return await case_export.framework_case(nodes, framework_id, case_export.Locator(public_url))


async def _ctdl(nodes: NodeRepository, mc_id: str, _public_url: str | None) -> dict[str, Any]:
    return await exports.micro_credential_ctdl(nodes, mc_id)


async def _achievement(nodes: NodeRepository, mc_id: str, _: str | None) -> dict[str, Any]:
    return await exports.micro_credential_achievement(nodes, mc_id)


# the documents `credgraph export NAME` and `exportDocument(format: NAME in capitals)` make
EXPORT_FORMATS: dict[str, Exporter] = {
    "ctdl": _ctdl,  # a micro-credential as CTDL JSON-LD
    "openbadges": _achievement,  # a micro-credential as an Open Badges 3.0 Achievement
    "case": _case,  # a framework as a CASE 1.1 package
}
