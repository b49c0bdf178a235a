"""JSON and JSON-LD reading shared by the CTDL, Open Badges / CLR and ELM importers.

`load_json` reads a file or raises `SourceError` with its line and column. `flatten` normalises a
CTDL document of any shape (compact with prefixes, bare terms, or already expanded; one object,
an `@graph`, an array, or registry envelopes) with pyld into a flat `{id: node}` index of full-IRI
keys. Contexts never come from the network: the CTDL context URLs resolve to `CTDL_CONTEXT` below.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]

from importers.base import SourceError
from importers.files import SourceFile, read_text

CE = "https://purl.org/ctdl/terms/"
ASN = "https://purl.org/ctdlasn/terms/"
ASN_CORE = "http://purl.org/asn/schema/core/"
SCHEMA = "https://schema.org/"
QDATA = "https://credreg.net/qdata/terms/"

# The published context (credreg.net) is not reachable offline, so credgraph keeps its own: the
# same prefixes, and the language maps of the text terms it reads, as compact, bare and full-IRI
# keys (registry files use all three). Bare terms fall back to the CTDL vocabulary.
_LANGUAGE_TERMS = {
    "ceterms": (
        "name description alternateName keyword targetNodeName targetNodeDescription "
        "frameworkName conceptTerm statementText comment"
    ),
    "ceasn": "name description competencyText competencyLabel comment conceptTerm",
}
_PREFIXES = {
    "ceterms": CE,
    "ceasn": ASN,
    "asn": ASN_CORE,
    "schema": SCHEMA,
    "qdata": QDATA,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "ceds": "http://desmsolutions.org/TermList/",
    "navy": "https://navy.mil/terms/",
}


# Properties whose plain-string values are references (typed `@id` in the published context too),
# so that compact values like "res:ce-1" expand with the document's own prefixes.
_REFERENCE_TERMS = {
    "ceterms": (
        "ownedBy offeredBy teaches transferValueFrom transferValueFor hasTransferValueProfile "
        "sendingOrganization receivingOrganization hasDestinationComponent targetComponent "
        "hasChild isChildOf hasPart isPartOf precedes preceeds precededBy proxyFor targetNode "
        "framework hasCondition creditValue transferValue"
    ),
    "ceasn": (
        "isPartOf isChildOf hasChild hasTopChild isTopChildOf exactAlignment majorAlignment "
        "minorAlignment broadAlignment narrowAlignment"
    ),
}


def _ctdl_context() -> dict[str, Any]:
    context: dict[str, Any] = {"@vocab": CE, "id": "@id", "type": "@type", **_PREFIXES}
    for prefix, terms in _REFERENCE_TERMS.items():
        for term in terms.split():
            iri = _PREFIXES[prefix] + term
            definition = {"@id": iri, "@type": "@id"}
            context[f"{prefix}:{term}"] = definition
            if prefix == "ceterms":
                context[term] = definition
    for prefix, terms in _LANGUAGE_TERMS.items():
        for term in terms.split():
            iri = _PREFIXES[prefix] + term
            definition = {"@id": iri, "@container": "@language"}
            context[f"{prefix}:{term}"] = definition
            context[iri] = definition
            if prefix == "ceterms":
                context[term] = definition
    return {"@context": context}


CTDL_CONTEXT = _ctdl_context()
KNOWN_CONTEXTS = {
    f"{scheme}://credreg.net/{name}/schema/context/json"
    for scheme in ("http", "https")
    for name in ("ctdl", "ctdlasn")
}


def load_json(path: SourceFile) -> Any:
    try:
        return json.loads(read_text(path, "utf-8-sig"))
    except OSError as error:
        raise SourceError(str(path), "file", "-", error.strerror or str(error)) from None
    except UnicodeDecodeError as error:
        raise SourceError(str(path), f"byte {error.start}", "-", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise SourceError(
            str(path),
            f"line {error.lineno} column {error.colno}",
            "-",
            f"invalid JSON: {error.msg}",
        ) from None


def _loader(url: str, _options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url in KNOWN_CONTEXTS:
        return {"contextUrl": None, "documentUrl": url, "document": CTDL_CONTEXT}
    raise jsonld.JsonLdError(f"context {url} is not vendored", "loading remote context failed")


def _local_contexts(value: Any, file: str, warnings: list[str]) -> Any:
    """The document's @context with unknown remote contexts replaced by the CTDL one (warned)."""
    entries = value if isinstance(value, list) else [value]
    kept: list[Any] = []
    for entry in entries:
        if isinstance(entry, str) and entry not in KNOWN_CONTEXTS:
            warnings.append(f"{file}: unknown context {entry}, read as the CTDL context")
            kept.append(CTDL_CONTEXT["@context"])
        else:
            kept.append(entry)
    return kept


def unwrap_envelopes(data: Any, file: str) -> Iterator[tuple[str, Any]]:
    """(JSON pointer, document) for each registry envelope's resource, or the data itself."""
    items = data.get("envelopes") if isinstance(data, dict) and "envelopes" in data else None
    listed = isinstance(data, list) and data and isinstance(data[0], dict)
    if items is None and listed and "envelope_type" in data[0]:
        items = data
    if items is None:
        if isinstance(data, dict) and "envelope_type" in data:
            items, base = [data], ""
        else:
            yield "", data
            return
    else:
        base = "/envelopes" if isinstance(data, dict) else ""
    for n, envelope in enumerate(items):
        where = f"{base}/{n}" if base or len(items) > 1 or isinstance(data, list) else ""
        if not isinstance(envelope, dict):
            raise SourceError(file, f"JSON pointer {where}", "envelope", "is not an object")
        if isinstance(envelope.get("decoded_resource"), dict):
            yield f"{where}/decoded_resource", envelope["decoded_resource"]
            continue
        yield f"{where}/resource", _jwt_payload(envelope.get("resource"), file, f"{where}/resource")


def _jwt_payload(token: Any, file: str, where: str) -> Any:
    """The payload of a registry envelope's JWT-encoded resource (read, not verified)."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise SourceError(file, f"JSON pointer {where}", "resource", "is not a JWT")
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        return json.loads(raw)
    except (ValueError, json.JSONDecodeError):
        raise SourceError(
            file, f"JSON pointer {where}", "resource", "JWT payload is not JSON"
        ) from None


def flatten(document: Any, file: str, where: str, warnings: list[str]) -> dict[str, dict[str, Any]]:
    """Every node object of a JSON-LD document by @id (blank nodes as `_:bN`), full-IRI keys."""
    if isinstance(document, list) and not any(
        isinstance(d, dict) and "@context" in d for d in document
    ):
        document = {"@graph": document}
    if isinstance(document, dict) and "@context" not in document:
        # registry graph exports often leave the context out; their terms are CTDL's
        document = {"@context": CTDL_CONTEXT["@context"], **document}
    elif isinstance(document, dict):
        document = {**document, "@context": _local_contexts(document["@context"], file, warnings)}
    elif isinstance(document, list):
        document = [
            {**d, "@context": _local_contexts(d["@context"], file, warnings)}
            if isinstance(d, dict) and "@context" in d
            else d
            for d in document
        ]
    try:
        flat = jsonld.flatten(document, None, {"documentLoader": _loader})
    except jsonld.JsonLdError as error:
        cause: BaseException = error
        while cause.__cause__ is not None:  # pyld wraps the real reason
            cause = cause.__cause__
        message = str(cause).split("\n", 1)[0]
        raise SourceError(file, f"JSON pointer {where or '/'}", "@context", message) from None
    found: dict[str, dict[str, Any]] = {}

    def take(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            take(node.get("@graph", []))  # a named graph (`@id` beside `@graph`) holds the data
            if "@id" in node and set(node) - {"@id", "@graph"}:
                found.setdefault(node["@id"], {}).update(node)

    take(flat.get("@graph", []) if isinstance(flat, dict) else flat)
    return found


def values(node: dict[str, Any], key: str) -> list[Any]:
    found = node.get(key)
    return found if isinstance(found, list) else [] if found is None else [found]


def text(node: dict[str, Any], *keys: str) -> str | None:
    """The first text value of the first key that has one, English first."""
    for key in keys:
        items = [v for v in values(node, key) if isinstance(v, dict) and "@value" in v]
        if items:
            english = [v for v in items if str(v.get("@language", "en")).lower().startswith("en")]
            value = (english or items)[0]["@value"]
            if value is not None and str(value).strip():
                return str(value).strip()
    return None


def number(node: dict[str, Any], *keys: str) -> float | None:
    for key in keys:
        for v in values(node, key):
            raw: Any = v.get("@value") if isinstance(v, dict) else v
            try:
                return float(raw)
            except (TypeError, ValueError):
                continue
    return None


def refs(node: dict[str, Any], key: str) -> list[str]:
    """Ids a property points at, whether written as references or as plain IRI strings."""
    out: list[str] = []
    for v in values(node, key):
        if isinstance(v, dict) and "@id" in v:
            out.append(v["@id"])
        elif isinstance(v, dict) and isinstance(v.get("@value"), str) and ":" in v["@value"]:
            out.append(v["@value"].strip())
    return out


def types(node: dict[str, Any]) -> list[str]:
    return [t.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in values(node, "@type")]


def stable_id(prefix: str, *parts: str | None) -> str:
    digest = hashlib.sha1("\x1f".join(p or "" for p in parts).encode()).hexdigest()[:20]  # noqa: S324
    return f"{prefix}:{digest}"
