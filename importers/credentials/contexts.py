"""The JSON-LD contexts of VC, Open Badges 3.0 and CLR 2.0, bundled: canonicalization never fetches.

`canonize` is RDF Dataset Canonicalization (URDNA2015, the algorithm RDFC-1.0 standardised) through
pyld, in safe mode: a term no context defines is an error, not a silently dropped statement. The
files come from 1EdTech's validator (see `contexts/NOTICE.md`); a context not listed here is an
error naming it, never a network request.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib.resources import files
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]
from pyld.canon import URDNA2015  # type: ignore[import-untyped]

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


# RDFC-1.0 permutes every group of blank nodes that look alike, recursively: 8 blank nodes that
# all know each other took pyld minutes, 7 seconds. Credentials have few and small such groups
# (1EdTech's complete.json: one of 6), so a document is refused once the permutations it may
# need (n! for a group of n, summed over the deep hashes) or its deep hashes pass these bounds,
# as rdf-canonize's maxWorkFactor does in JavaScript.
MAX_PERMUTATIONS = 50_000
MAX_DEEP_HASHES = 2_000


class _BoundedURDNA2015(URDNA2015):  # type: ignore[misc] # pyld ships no types
    """pyld's RDFC-1.0 with a work limit, charged before the work is done."""

    def __init__(self) -> None:
        super().__init__()
        self.deep_hashes = 0
        self.permutations = 0

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        self.deep_hashes += 1
        if self.deep_hashes > MAX_DEEP_HASHES:
            raise ContextError(
                f"cannot be canonicalized within its work limit ({MAX_DEEP_HASHES} deep hashes)"
            )
        return super().hash_n_degree_quads(id_, issuer)

    def create_hash_to_related(self, id_: str, issuer: Any) -> Any:
        related = super().create_hash_to_related(id_, issuer)
        for nodes in related.values():
            if len(nodes) > 1:
                # at most n! permutations of a group of n; factorial grows past any bound fast
                self.permutations += math.factorial(min(len(nodes), 12))
        if self.permutations > MAX_PERMUTATIONS:
            largest = max(len(nodes) for nodes in related.values())
            raise ContextError(
                f"cannot be canonicalized within its work limit: {largest} blank nodes look "
                f"alike, more than {MAX_PERMUTATIONS:,} permutations to try"
            )
        return related


def canonize(document: dict[str, Any]) -> str:
    """The document as canonical N-Quads (RDFC-1.0), or ContextError saying why not (an
    unknown term or context, or more work than the limit above)."""
    options = {"documentLoader": document_loader, "safe": True, "produceGeneralizedRdf": False}
    try:
        dataset = jsonld.to_rdf(document, {"algorithm": "URDNA2015", **options})
        result: str = _BoundedURDNA2015().main(
            dataset, {"algorithm": "URDNA2015", "format": "application/n-quads", **options}
        )
    except jsonld.JsonLdError as error:
        raise ContextError(f"cannot be canonicalized: {_root_cause(error)}") from None
    return result
