"""1EdTech CASE packages (1.0 and 1.1; a package or an array of packages per file).

CFDocument -> Framework; CFItems -> Competency in it; CFAssociations: `isChildOf` -> BROADER (items
whose parent is the document itself are top level), `exactMatchOf` -> ALIGNS EXACT, `isPeerOf` ->
ALIGNS CLOSE, `isRelatedTo` -> ALIGNS RELATED, `precedes` -> REQUIRES (the later item requires the
earlier), `replacedBy`, `ext:*` and any other type -> ALIGNS RELATED keeping the raw type. Ends
outside the package become `external` stub competencies. Lenient on CASE 1.0 extras and the pre-1.0
draft (URIs as plain strings); strict on missing required fields, reported by JSON pointer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import UNFORESEEN, ImportBatch, SourceError, checked, fetch
from importers.files import SourceFile, read_text

MATCHES = {
    "exactMatchOf": m.AlignmentMatch.EXACT,
    "isPeerOf": m.AlignmentMatch.CLOSE,
    "isRelatedTo": m.AlignmentMatch.RELATED,
}


class _Package:
    def __init__(self, file: str, pointer: str, data: Any) -> None:
        self.file = file
        self.pointer = pointer
        self.data = data

    def fail(self, where: str, field: str, message: str) -> SourceError:
        return SourceError(self.file, f"JSON pointer {self.pointer}{where}", field, message)

    def required(self, obj: Any, where: str, field: str) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(where, field, "is required (this is not an object)")
        value = obj.get(field)
        if value is None or value == "":
            raise self.fail(where, field, "is required")
        if isinstance(value, list | bool) or (isinstance(value, dict) and "uri" not in value):
            raise self.fail(where, field, f"has the wrong type ({type(value).__name__})")
        return value


def _ref(value: Any) -> tuple[str | None, str | None, str | None]:
    """(identifier, uri, title) of a LinkURI object, or of a pre-1.0 plain URI string; values of
    other types count as absent."""

    def text(key: str) -> str | None:
        found = value.get(key)
        return str(found) if isinstance(found, str | int) and not isinstance(found, bool) else None

    if isinstance(value, dict):
        return text("identifier"), text("uri"), text("title")
    if isinstance(value, str):
        return None, value, None
    return None, None, None


def _model(package: _Package, where: str, model: type[m.Node], **values: Any) -> m.Node:
    return checked(model, lambda field, message: package.fail(where, field, message), **values)


def _load(source: SourceFile | str, allowed_hosts: Collection[str]) -> list[_Package]:
    path = str(source)
    try:
        if isinstance(source, str) and source.startswith(("http://", "https://")):
            text = fetch(package_url(source), allowed_hosts)
        else:
            text = read_text(Path(source) if isinstance(source, str) else source, "utf-8")
        data = json.loads(text)
    except OSError as error:
        raise SourceError(path, "file", "-", error.strerror or str(error)) from None
    except UnicodeDecodeError as error:
        raise SourceError(path, f"byte {error.start}", "-", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise SourceError(
            path,
            f"line {error.lineno} column {error.colno}",
            "-",
            f"invalid JSON: {error.msg}",
        ) from None
    if isinstance(data, list):
        return [_Package(path, f"/{i}", item) for i, item in enumerate(data)]
    return [_Package(path, "", data)]


def _package(package: _Package, batch: ImportBatch) -> None:
    data = package.data
    if not isinstance(data, dict) or "CFDocument" not in data:
        raise package.fail("", "CFDocument", "is required: not a CASE package")
    doc = data["CFDocument"]
    doc_id = str(package.required(doc, "/CFDocument", "identifier"))
    title = str(package.required(doc, "/CFDocument", "title"))
    batch.nodes.append(
        _model(
            package,
            "/CFDocument",
            m.Framework,
            id=doc_id,
            name=title[:500],
            kind=m.FrameworkKind.CASE,
            publisher=doc.get("publisher") or doc.get("creator"),
            version=doc.get("version"),
            license=_ref(doc.get("licenseURI"))[2],
            description=doc.get("description"),
            source=m.Source.CASE,
            source_uri=doc.get("uri"),
        )
    )
    by_uri: dict[str, str] = {}
    if isinstance(doc.get("uri"), str):
        by_uri[doc["uri"]] = doc_id
    items = data.get("CFItems") or []
    known = {doc_id}
    for n, item in enumerate(items):
        where = f"/CFItems/{n}"
        item_id = str(package.required(item, where, "identifier"))
        statement = str(package.required(item, where, "fullStatement"))
        code = item.get("humanCodingScheme")
        name = item.get("abbreviatedStatement") or statement
        batch.nodes.append(
            _model(
                package,
                where,
                m.Competency,
                id=item_id,
                name=name[:500],
                description=statement,
                code=code,
                kind=m.CompetencyKind.OTHER,
                source=m.Source.CASE,
                source_uri=item.get("uri"),
            )
        )
        batch.link(RelType.IN_FRAMEWORK, item_id, doc_id)
        known.add(item_id)
        if isinstance(item.get("uri"), str):
            by_uri[item["uri"]] = item_id
    for n, association in enumerate(data.get("CFAssociations") or []):
        where = f"/CFAssociations/{n}"
        kind = str(package.required(association, where, "associationType"))
        ends = []
        for end in ("originNodeURI", "destinationNodeURI"):
            identifier, uri, end_title = _ref(package.required(association, where, end))
            node_id = identifier or (by_uri.get(uri) if uri else None) or uri
            if not node_id:
                raise package.fail(f"{where}/{end}", "identifier", "is required")
            if node_id not in known:
                # an end outside this package: a stub the graph can point at
                batch.nodes.append(
                    _model(
                        package,
                        f"{where}/{end}",
                        m.Competency,
                        id=node_id,
                        name=(end_title or node_id)[:500],
                        external=True,
                        source=m.Source.CASE,
                        source_uri=uri,
                    )
                )
                known.add(node_id)
            ends.append(node_id)
        origin, destination = ends
        if kind == "isChildOf":
            if destination != doc_id:
                batch.link(RelType.BROADER, origin, destination)
        elif kind == "precedes":
            batch.link(RelType.REQUIRES, destination, origin)
        elif origin != doc_id and destination != doc_id:
            match = MATCHES.get(kind, m.AlignmentMatch.RELATED)
            raw = None if kind in MATCHES else kind
            batch.link(RelType.ALIGNS, origin, destination, m.Aligns(match=match, raw_type=raw))


def package_url(url: str) -> str:
    """A CASE server's package URL for a document URL (`.../CFDocuments/{id}`), else the URL."""
    match = re.match(r"^(.*/ims/case/v1p[01])/CFDocuments/([^/?#]+)$", url)
    return f"{match[1]}/CFPackages/{match[2]}" if match else url


def parse(paths: Sequence[SourceFile | str], allowed_hosts: Collection[str] = ()) -> ImportBatch:
    """Packages from files or from CASE server URLs (`/ims/case/v1p0|v1p1/CFPackages/{id}`) on
    the hosts allowed (none by default: a URL is then refused, never fetched)."""
    batch = ImportBatch()
    for path in paths:
        for package in _load(path, allowed_hosts):
            try:
                _package(package, batch)
            except UNFORESEEN as error:
                # a shape no check above foresaw: still a located error, never a crash
                raise package.fail("", "-", f"unexpected structure ({error})") from None
    return batch
