"""One resolver for all a verifier looks up: DID documents, controller documents, status lists.

`did:key` is answered locally. Everything else (did:web, https controller documents, status list
credentials, 1EdTech revocation lists) comes, in this order, from files given by the operator
(offline use and tests), an in-memory cache, a disk cache no older than `max_age`, or the network —
only for hosts the operator allowed, with a timeout and a size limit. Nothing else is fetched.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from graph.errors import GraphError
from importers.base import RedirectGuard
from importers.credentials.multikey import (
    KeyFormatError,
    PublicKey,
    decode_multikey,
    is_multikey,
    public_key_from_jwk,
)

MAX_BYTES = 5 * 1024 * 1024
INDEX_FILE = "index.json"


class _AllowedRedirects(RedirectGuard):
    """Follows a redirect only to an https URL of an allowed host."""

    def refusal(self, req: urllib.request.Request, newurl: str) -> Exception | None:
        target = urllib.parse.urlsplit(newurl)
        if target.scheme == "https" and (target.hostname or "").lower() in self.allowed_hosts:
            return None
        return ResolutionError(f"{req.full_url} redirects to {newurl}, not an allowed host")


class ResolutionError(GraphError):
    """A DID, key or list could not be had: not offered, not allowed, unreachable or malformed."""

    code = "UNRESOLVED"


class DisownedKey(ResolutionError):
    """The controller's document was found and does not list the key as an assertion method."""


class KeySource(StrEnum):
    """How a verification method's key was found: how much it says about who controls it."""

    DID_KEY = "did:key"  # the key is the identifier
    DOCUMENT = "document"  # listed in its controller's resolved DID / controller document
    METHOD_ID = "method id"  # read from a Multikey fragment of an unresolved id: not bound


@dataclass(frozen=True)
class VerificationMethod:
    """A public key with the identifier that controls it."""

    id: str
    controller: str
    key: PublicKey
    source: KeySource


def did_web_url(did: str) -> str:
    """The https URL of a did:web DID's document."""
    parts = did.removeprefix("did:web:").split("#", 1)[0].split(":")
    if not parts or not parts[0]:
        raise ResolutionError(f"{did} is not a did:web DID")
    host = urllib.parse.unquote(parts[0])
    path = "/".join(urllib.parse.unquote(p) for p in parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def did_key_method(vm_id: str) -> VerificationMethod:
    """The verification method of a did:key DID (with or without its fragment)."""
    did, _, fragment = vm_id.partition("#")
    multikey = did.removeprefix("did:key:")
    if fragment and fragment != multikey:
        raise ResolutionError(f"{vm_id}: a did:key method's fragment must be its key")
    try:
        key = decode_multikey(multikey)
    except KeyFormatError as error:
        raise ResolutionError(f"{vm_id}: {error.message}") from None
    return VerificationMethod(f"{did}#{multikey}", did, key, KeySource.DID_KEY)


def _listed(document: Mapping[str, Any], relation: str) -> list[Any]:
    found = document.get(relation, [])
    return found if isinstance(found, list) else [found]


def _absolute(base: str, ref: str) -> str:
    return base + ref if ref.startswith("#") else ref


def method_from_document(document: Mapping[str, Any], vm_id: str) -> VerificationMethod:
    """The assertion method `vm_id` of a resolved DID or controller document."""
    base = str(document.get("id", vm_id.split("#", 1)[0]))
    embedded = [m for m in _listed(document, "verificationMethod") if isinstance(m, dict)]
    asserting = _listed(document, "assertionMethod")
    for entry in asserting:
        if isinstance(entry, dict):
            embedded.append(entry)
    ids = {_absolute(base, e if isinstance(e, str) else str(e.get("id"))) for e in asserting}
    if vm_id not in ids:
        raise DisownedKey(f"{vm_id} is not an assertion method of {base}")
    for method in embedded:
        if _absolute(base, str(method.get("id"))) != vm_id:
            continue
        controller = str(method.get("controller", base))
        try:
            if isinstance(method.get("publicKeyMultibase"), str):
                key = decode_multikey(method["publicKeyMultibase"])
            elif isinstance(method.get("publicKeyJwk"), dict):
                key = public_key_from_jwk(method["publicKeyJwk"])
            else:
                raise ResolutionError(f"{vm_id} has neither publicKeyMultibase nor publicKeyJwk")
        except KeyFormatError as error:
            raise ResolutionError(f"{vm_id}: {error.message}") from None
        return VerificationMethod(vm_id, controller, key, KeySource.DOCUMENT)
    raise DisownedKey(f"{vm_id} is not described in {base}")


class Resolver:
    """Look-ups answered from files, caches, or allowed hosts only (see the module docstring)."""

    def __init__(
        self,
        files: Mapping[str, Path] | None = None,
        *,
        allowed_hosts: Iterable[str] = (),
        timeout: float = 5.0,
        cache_dir: Path | None = None,
        max_age: float = 3600.0,
    ) -> None:
        self._files = dict(files or {})
        self._allowed = frozenset(h.lower() for h in allowed_hosts)
        self._timeout = timeout
        self._cache_dir = cache_dir
        self._max_age = max_age
        self._memory: dict[str, Any] = {}

    @classmethod
    def from_directory(cls, directory: Path, **options: Any) -> Resolver:
        """Files named by the directory's index.json, a JSON object {url: file name}."""
        index = json.loads((directory / INDEX_FILE).read_text("utf-8"))
        if not isinstance(index, dict):
            raise ResolutionError(f"{directory / INDEX_FILE} is not a JSON object")
        return cls({str(u): directory / str(f) for u, f in index.items()}, **options)

    def offline(self) -> bool:
        """Whether no network look-up can happen."""
        return not self._allowed

    def get_json(self, url: str) -> Any:
        """The JSON document at a URL, from the sources in order, or ResolutionError."""
        if url in self._memory:
            return self._memory[url]
        if url in self._files:
            try:
                found = json.loads(self._files[url].read_text("utf-8"))
            except (OSError, ValueError) as error:
                raise ResolutionError(f"{url}: file {self._files[url]}: {error}") from None
        else:
            found = self._cached(url)
            if found is None:
                found = self._download(url)
        self._memory[url] = found
        return found

    def _cache_path(self, url: str) -> Path | None:
        if self._cache_dir is None:
            return None
        return self._cache_dir / (hashlib.sha256(url.encode()).hexdigest() + ".json")

    def _cached(self, url: str) -> Any:
        path = self._cache_path(url)
        if path is None or not path.is_file():
            return None
        if time.time() - path.stat().st_mtime > self._max_age:
            return None
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def _download(self, url: str) -> Any:
        parsed = urllib.parse.urlsplit(url)
        host = (parsed.hostname or "").lower()
        if parsed.scheme != "https" or host not in self._allowed:
            raise ResolutionError(
                f"{url} is not in the offline files and its host is not an allowed one"
            )
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        opener = urllib.request.build_opener(_AllowedRedirects(self._allowed))
        try:
            with opener.open(request, timeout=self._timeout) as response:
                body: bytes = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as error:
            error.close()
            raise ResolutionError(f"{url}: HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise ResolutionError(f"{url}: {getattr(error, 'reason', error)}") from None
        if len(body) > MAX_BYTES:
            raise ResolutionError(f"{url}: larger than {MAX_BYTES} bytes")
        try:
            found = json.loads(body)
        except ValueError:
            raise ResolutionError(f"{url}: not JSON") from None
        path = self._cache_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        return found

    def did_document(self, did: str) -> dict[str, Any]:
        """A did:web DID's document, checked to be that DID's."""
        document = self.get_json(did_web_url(did))
        if not isinstance(document, dict) or document.get("id") != did:
            raise ResolutionError(f"the document at {did_web_url(did)} is not {did}'s")
        return document

    def verification_method(self, vm_id: str) -> VerificationMethod:
        """The key of a verification method: did:key locally, else its controller's document;
        failing that, a Multikey fragment of the id itself (marked as not bound)."""
        if vm_id.startswith("did:key:"):
            return did_key_method(vm_id)
        base, _, fragment = vm_id.partition("#")
        try:
            if base.startswith("did:web:"):
                document: Any = self.did_document(base)
            elif base.startswith(("https://", "http://")):
                document = self.get_json(base)
            else:
                raise ResolutionError(f"{vm_id}: the DID method is not supported")
        except ResolutionError:
            if fragment and is_multikey(fragment):
                key = decode_multikey(fragment)
                return VerificationMethod(vm_id, base, key, KeySource.METHOD_ID)
            raise
        if not isinstance(document, dict):
            raise ResolutionError(f"{base} is not a JSON object")
        # a document that was found and does not list the method disowns it: no fallback
        return method_from_document(document, vm_id)
