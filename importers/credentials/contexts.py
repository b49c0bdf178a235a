"""The JSON-LD contexts of VC, Open Badges 3.0 and CLR 2.0, bundled: canonicalization never fetches.

`canonize` is RDF Dataset Canonicalization (URDNA2015, the algorithm RDFC-1.0 standardised) through
pyld, in safe mode: a term no context defines is an error, not a silently dropped statement. The
files come from 1EdTech's validator (see `contexts/NOTICE.md`); a context not listed here is an
error naming it, never a network request.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]

from graph.errors import Invalid

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
ED25519_2020 = "https://w3id.org/security/suites/ed25519-2020/v1"

CONTEXT_FILES = {
    VC_V1: "2018-credentials-v1.jsonld",
    VC_V2: "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json": "clr-v2p0.json",
    CLR_V2: "clr-v2p0-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld": "ob-v3p0.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-3.0.2.json",
    OB_V3: "ob-v3p0-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
    ED25519_2020: "security-suites-ed25519-2020-v1.jsonld",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
    "https://w3id.org/security/v1": "security-v1.jsonld",
    "https://w3id.org/security/v2": "security-v2.jsonld",
    "https://www.w3.org/ns/odrl.jsonld": "odrl.jsonld",
}


class ContextError(Invalid):
    """A document cannot be canonicalized: an unknown context, or a term no context defines."""


@cache
def _context(url: str) -> Any:
    return json.loads(
        files(__package__).joinpath("contexts", CONTEXT_FILES[url]).read_text("utf-8")
    )


def document_loader(url: str, _options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's loader: bundled contexts only."""
    if url not in CONTEXT_FILES:
        raise jsonld.JsonLdError(
            f"context {url} is not bundled",
            "jsonld.LoadDocumentError",
            code="loading remote context failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": _context(url)}


def _root_cause(error: BaseException) -> str:
    while error.__cause__ is not None:
        error = error.__cause__
    details = getattr(error, "details", None)
    message = str(error).split("\n", 1)[0]
    if isinstance(details, dict) and details.get("term"):
        message += f" (term {details['term']!r})"
    return message


def canonize(document: dict[str, Any]) -> str:
    """The document as canonical N-Quads (RDFC-1.0), or ContextError saying why not."""
    try:
        result: str = jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
                "safe": True,
            },
        )
    except jsonld.JsonLdError as error:
        raise ContextError(f"cannot be canonicalized: {_root_cause(error)}") from None
    return result
