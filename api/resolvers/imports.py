"""`importData`: the CLI's importers over GraphQL, for the importer role; `exportDocument`.

The files travel as strings in variables (the document's token limit does not apply to them);
importer and admin tokens may send bodies up to `CREDGRAPH_MAX_IMPORT_BODY_BYTES`. The files are
parsed exactly as `credgraph import` does and written in one transaction: a problem anywhere is an
InvalidInput naming the file, the line or JSON pointer, and the field, and nothing is written.
"""

from __future__ import annotations

from enum import Enum
from pathlib import PurePath
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from api.auth import Role
from api.context import Info
from api.errors import FieldError, Forbidden, InvalidInput, declared_problem
from graph.errors import GraphError
from importers.base import SourceError, apply
from importers.credentials.setup import verifier_from_settings
from importers.files import Upload
from importers.formats import EXPORT_FORMATS, IMPORT_FORMATS, ParseOptions

MAX_WARNINGS = 100


# the values are importers/formats.py's names (a test checks they match)
@strawberry.enum(description="The formats `credgraph import` reads.")
class ImportFormat(Enum):
    ESCO = "esco"
    CASE = "case"
    CTDL = "ctdl"
    OPEN_BADGES = "openbadges"
    ELM = "elm"
    CSV = "csv"


@strawberry.input(description="One file: its name (ESCO and CSV templates read it) and its text.")
class ImportFileInput:
    name: str
    content: str


@strawberry.type(description="What an import did (or, with dryRun, would do).")
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    links: int
    warning_count: int
    warnings: list[str] = strawberry.field(description=f"the first {MAX_WARNINGS} warnings")
    seconds: float
    dry_run: bool
    replayed: bool = strawberry.field(
        description="true when answered from an earlier import under the same idempotency key"
    )


ImportResult = Annotated[ImportSummary | InvalidInput | Forbidden, strawberry.union("ImportResult")]


def _utf8(name: str, content: str) -> bytes:
    """A file's text as UTF-8, or SourceError at its first character that has none (a lone
    surrogate: JSON strings may escape one, "\\ud800", but no text file can hold it)."""
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError as error:
        line = content.count("\n", 0, error.start) + 1
        column = error.start - content.rfind("\n", 0, error.start)
        character = f"U+{ord(content[error.start]):04X}"
        raise SourceError(
            name,
            f"line {line} column {column}",
            "content",
            f"not Unicode text (a lone surrogate, {character}, has no UTF-8 encoding)",
        ) from None


async def import_data(
    info: Info,
    format: ImportFormat,
    files: list[ImportFileInput],
    template: str | None = None,
    dry_run: bool = False,
    idempotency_key: str | None = None,
    refuse_invalid: bool = False,
) -> ImportResult:
    """Import files of one format in one transaction (importer role). A retry with the same
    `idempotencyKey` after an import that committed answers its summary and writes nothing.
    Learner records are verified; with `refuseInvalid` an INVALID credential fails the import."""
    try:
        info.context.require("importData", Role.IMPORTER)
        names = [PurePath(f.name.replace("\\", "/")).name for f in files]
        bad = [n for n in names if not n or n.startswith(".")]
        if not files or bad or len(set(names)) != len(names):
            return InvalidInput(
                message="files need distinct, plain file names",
                fields=[FieldError(field="files", message="at least one, named, names distinct")],
            )
        uploads = [
            Upload(name, _utf8(name, file.content)) for name, file in zip(names, files, strict=True)
        ]
        verifier = verifier_from_settings(info.context.settings)
        options = ParseOptions(template=template, verifier=verifier, refuse_invalid=refuse_invalid)
        chosen = IMPORT_FORMATS[format.value]
        # parsing and verifying are CPU work and (allowed) look-ups: off the event loop
        batch = await run_in_threadpool(chosen.parse, uploads, options)
        key = f"{info.context.principal.subject}:{idempotency_key}" if idempotency_key else None
        summary = await apply(info.context.graph.nodes, batch, dry_run, idempotency_key=key)
    except GraphError as error:
        return declared_problem(error, InvalidInput, Forbidden)
    return ImportSummary(
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        links=summary.links,
        warning_count=len(summary.warnings),
        warnings=list(summary.warnings[:MAX_WARNINGS]),
        seconds=summary.seconds,
        dry_run=summary.dry_run,
        replayed=summary.replayed,
    )


@strawberry.enum(description="The documents credgraph exports.")
class ExportFormat(Enum):
    CTDL = "ctdl"  # a micro-credential as CTDL JSON-LD
    OPEN_BADGES = "openbadges"  # a micro-credential as an Open Badges 3.0 Achievement
    CASE = "case"  # a framework as a CASE 1.1 package


async def export_document(info: Info, format: ExportFormat, id: strawberry.ID) -> JSON:
    """A micro-credential as CTDL JSON-LD or an Open Badges 3.0 Achievement, or a framework as a
    CASE package; importing the document back gives the same nodes and links."""
    exporter = EXPORT_FORMATS[format.value]
    return JSON(await exporter(info.context.graph.nodes, str(id), info.context.settings.public_url))
