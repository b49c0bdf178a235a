"""What every importer shares: a parsed batch, located errors, and one atomic, idempotent apply.

A parser turns files into an `ImportBatch` (nodes, links, warnings) or raises `SourceError`
naming the file, the line (or JSON pointer) and the field. `apply` then compares the batch with
the graph (created / updated / unchanged), writes only what changed plus the links (MERGE), all in
one transaction: an error anywhere writes nothing, and importing the same files again is a no-op.
"""

from __future__ import annotations

import csv
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from graph.errors import FieldProblem, Invalid
from graph.models import Label, Node
from graph.relations import REL_SCHEMAS, RelType
from graph.repositories.nodes import Link, NodeRepository

LOOKUP_BATCH = 5000


class SourceError(Invalid):
    """A problem in an input file, with where it is."""

    def __init__(self, file: str, where: str, field_name: str, message: str) -> None:
        super().__init__(
            f"{file}, {where}, field {field_name}: {message}",
            [FieldProblem(field_name, f"{file} {where}: {message}")],
        )
        self.file = file
        self.where = where
        self.field_name = field_name


MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024
# What a parser can raise on a shape no check of its foresaw; each turns it into a located
# SourceError for the document at hand, so bad input is never a crash.
UNFORESEEN = (TypeError, ValueError, AttributeError, KeyError, IndexError)


def csv_records(reader: csv.DictReader[str], file: str) -> Iterator[dict[str, str]]:
    """The rows of a strict `csv.DictReader`; a malformed row, or one with more or fewer cells
    than the header has columns, is a SourceError naming `file` and the line (and, for a short
    row, its first missing column: a cell left out shifts every later one, so it is refused)."""
    while True:
        starts = reader.line_num + 1  # a quoted cell may run to the end of the file
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceError(file, f"line {starts}", "-", f"malformed CSV: {error}") from None
        if None in values:
            raise SourceError(file, f"line {reader.line_num}", "-", "more cells than columns")
        header = reader.fieldnames or []
        missing = [(i, column) for i, column in enumerate(header) if values[column] is None]
        if missing:
            index, column = missing[0]
            raise SourceError(
                file,
                f"line {reader.line_num}",
                column or f"column {index + 1} (unnamed)",  # a header may end in a comma
                f"is missing: the row has {len(header) - len(missing)} of {len(header)} cells",
            )
        yield values


def _host_allowed(url: str, allowed_hosts: Collection[str]) -> bool:
    """Whether the URL's host (or host:port) is one the operator allowed."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    allowed = {h.lower() for h in allowed_hosts}
    return bool(host) and (host in allowed or f"{host}:{parts.port}" in allowed)


class RedirectGuard(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only when the subclass's `refusal` (its rule for `allowed_hosts`) has
    nothing against it."""

    def __init__(self, allowed_hosts: Collection[str]) -> None:
        self.allowed_hosts = allowed_hosts

    def refusal(self, req: urllib.request.Request, newurl: str) -> Exception | None:
        """Why the redirect from `req` to `newurl` is not followed (raised), None to follow it."""
        raise NotImplementedError

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,  # the 3xx response (IO[bytes]); None when a test calls the handler directly
        code: int,
        msg: str,
        headers: Any,  # an email Message (http.client.HTTPMessage from urllib)
        newurl: str,
    ) -> urllib.request.Request | None:
        refused = self.refusal(req, newurl)
        if refused is not None:
            if fp is not None:
                fp.close()  # the 3xx response's socket: nothing more is read from it
            raise refused
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _AllowedRedirects(RedirectGuard):
    """Follows a redirect only to a host the operator allowed (else the answer is the 3xx)."""

    def refusal(self, req: urllib.request.Request, newurl: str) -> Exception | None:
        if _host_allowed(newurl, self.allowed_hosts):
            return None
        return SourceError(newurl, "URL", "host", "a redirect to a host not allowed")


def fetch(url: str, allowed_hosts: Collection[str], timeout: float = 60.0) -> str:
    """The text at an http(s) URL (a CASE server's package, say) on a host the operator allowed
    (CREDGRAPH_IMPORT_HOSTS), or SourceError saying why not."""
    if not url.startswith(("http://", "https://")):
        raise SourceError(url, "URL", "scheme", "only http and https are fetched")
    if not _host_allowed(url, allowed_hosts):
        raise SourceError(
            url, "URL", "host", "not an allowed host (add it to CREDGRAPH_IMPORT_HOSTS)"
        )
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    opener = urllib.request.build_opener(_AllowedRedirects(allowed_hosts))
    try:
        with opener.open(request, timeout=timeout) as response:
            body: bytes = response.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as error:
        error.close()  # it holds the response's socket
        raise SourceError(url, f"HTTP {error.code}", "-", str(error.reason)) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SourceError(url, "URL", "-", f"cannot be fetched: {reason}") from None
    if len(body) > MAX_DOWNLOAD_BYTES:
        raise SourceError(url, "body", "-", f"larger than {MAX_DOWNLOAD_BYTES} bytes")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(url, f"byte {error.start}", "-", "not UTF-8 text") from None


M = TypeVar("M", bound=BaseModel)


def checked(model: type[M], fail: Callable[[str, str], SourceError], **values: Any) -> M:
    """`model(**values)`, or the SourceError `fail(field, message)` makes for its first
    problem, the field named as in the source (camelCase)."""
    try:
        return model(**values)
    except ValidationError as error:
        first = error.errors()[0]
        field_name = to_camel(str(first["loc"][0])) if first["loc"] else "-"
        raise fail(field_name, first["msg"]) from None


@dataclass
class ImportBatch:
    nodes: list[Node] = field(default_factory=list)
    links: dict[RelType, list[Link]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[str] = field(default_factory=list)
    # ids of nodes only named in passing (e.g. a learner in a holdings row): created when new,
    # never overwriting what the graph or the batch already holds
    stubs: set[str] = field(default_factory=set)

    def link(self, rel: RelType, from_id: str, to_id: str, props: object = None) -> None:
        self.links[rel].append(Link(from_id, to_id, props))  # type: ignore[arg-type]


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    links: int
    warnings: tuple[str, ...]
    seconds: float
    dry_run: bool
    replayed: bool = False  # answered from an earlier import under the same idempotency key


def _is_stub(node: Node) -> bool:
    """A placeholder for a node outside the imported data (e.g. a CASE association end)."""
    return bool(getattr(node, "external", False))


def _same(old: Node, new: Node) -> bool:
    exclude = {"updated_at"}
    return old.model_dump(exclude=exclude) == new.model_dump(exclude=exclude)


async def apply(
    nodes: NodeRepository,
    batch: ImportBatch,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
    idempotency_key: str | None = None,
) -> ImportSummary:
    """Write the batch in one transaction. With an idempotency key, a retry of an import that
    committed answers the first summary (`replayed`) and writes nothing."""
    started = time.perf_counter()
    report = progress or (lambda _what, _n: None)
    unique: dict[str, Node] = {}
    for node in batch.nodes:
        if (_is_stub(node) or node.id in batch.stubs) and node.id in unique:
            continue  # a stub never hides the real node
        unique[node.id] = node  # otherwise a later row of the same id wins
    ids = list(unique)
    existing: dict[str, Node] = {}
    for start in range(0, len(ids), LOOKUP_BATCH):
        existing.update(await nodes.get_any(ids[start : start + LOOKUP_BATCH]))
    stubs = [i for i, n in unique.items() if (_is_stub(n) or i in batch.stubs) and i in existing]
    for id_ in stubs:
        del unique[id_]  # nor does it overwrite one the graph already has
    changed = [n for n in unique.values() if n.id not in existing or not _same(existing[n.id], n)]
    created = sum(1 for n in changed if n.id not in existing)
    report("compared", len(ids))
    warnings = list(batch.warnings)
    labels = {i: n.label for i, n in existing.items()} | {i: n.label for i, n in unique.items()}
    links = await _known_links(nodes, batch.links, labels, warnings)
    link_count = sum(len(v) for v in links.values())
    summary = ImportSummary(
        created=created,
        updated=len(changed) - created,
        unchanged=len(unique) - len(changed) + len(stubs),  # known stubs are left as they are
        links=link_count,
        warnings=tuple(warnings),
        seconds=0.0,
        dry_run=dry_run,
    )
    if not dry_run:
        async with nodes.writer() as writer:
            if idempotency_key is not None:
                earlier = await writer.recalled(idempotency_key)
                if earlier is not None:  # a retry of a write that committed: answer, do not redo
                    stored = json.loads(earlier[1])
                    stored["warnings"] = tuple(stored["warnings"])
                    return ImportSummary(**stored, replayed=True)
            await writer.upsert_nodes(changed)
            report("nodes", len(changed))
            for rel, rows in links.items():
                await writer.upsert_links(rel, rows)
                report(rel.value, len(rows))
            summary = replace(summary, seconds=round(time.perf_counter() - started, 2))
            if idempotency_key is not None:
                result = {k: v for k, v in asdict(summary).items() if k != "replayed"}
                await writer.remember(idempotency_key, "import", json.dumps(result))
    return replace(summary, seconds=round(time.perf_counter() - started, 2))


async def _known_links(
    nodes: NodeRepository,
    links: dict[RelType, list[Link]],
    known: dict[str, Label],
    warnings: list[str],
) -> dict[RelType, list[Link]]:
    """Links whose two ends exist (in the batch or the graph) with labels the relationship joins;
    the others become warnings."""
    wanted = {x for rows in links.values() for link in rows for x in (link.from_id, link.to_id)}
    unknown = sorted(wanted - set(known))
    for start in range(0, len(unknown), LOOKUP_BATCH):
        found = await nodes.get_any(unknown[start : start + LOOKUP_BATCH])
        known.update({i: n.label for i, n in found.items()})
    kept: dict[RelType, list[Link]] = {}
    for rel, rows in links.items():
        schema = REL_SCHEMAS[rel]
        good: list[Link] = []
        seen: set[tuple[str, str]] = set()
        for link in rows:
            if link.from_id not in known or link.to_id not in known:
                missing = link.from_id if link.from_id not in known else link.to_id
                warnings.append(f"{rel.value} {link.from_id} -> {link.to_id}: no node {missing}")
                continue
            if known[link.from_id] not in schema.sources or known[link.to_id] not in schema.targets:
                warnings.append(
                    f"{rel.value} {link.from_id} -> {link.to_id}: cannot join a "
                    f"{known[link.from_id].value} to a {known[link.to_id].value}"
                )
                continue
            if (link.from_id, link.to_id) not in seen:
                seen.add((link.from_id, link.to_id))
                good.append(link)
        kept[rel] = good
    return kept


def summary_rows(summary: ImportSummary) -> Sequence[tuple[str, str]]:
    return (
        ("created", str(summary.created)),
        ("updated", str(summary.updated)),
        ("unchanged", str(summary.unchanged)),
        ("links", str(summary.links)),
        ("warnings", str(len(summary.warnings))),
        ("seconds", f"{summary.seconds:g}"),
        ("dry run", "yes" if summary.dry_run else "no"),
    )
