"""Issuer keys: an Ed25519 key per issuing institution, kept outside the graph, shown as did:web.

Keys live in a directory of the credgraph home (or one a setting names, for production): one PKCS#8
PEM file per key, mode 0600, in a 0700 folder per institution, numbered in order of creation. The
newest key signs; rotation adds a key and keeps the old ones in the DID document, so credentials
signed before stay verifiable. Private keys are never logged or shown.
"""

from __future__ import annotations

import hmac
import os
import re
import urllib.parse
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from graph.errors import Invalid
from importers.credentials.multikey import encode_multikey

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_SALT_FILE = "subject-salt"


@dataclass(frozen=True)
class SigningKey:
    """The key an institution signs with now, and the verification method that names it."""

    key: Ed25519PrivateKey
    verification_method: str

    def __repr__(self) -> str:  # never show the private key
        return f"SigningKey({self.verification_method!r})"


def did_web(domain: str, institution_id: str) -> str:
    """The did:web DID of an institution: did:web:<domain, port escaped>:issuers:<id>."""
    return f"did:web:{urllib.parse.quote(domain, safe='')}:issuers:{institution_id}"


class IssuerKeys:
    """The institutions' signing keys in one directory, and their DID documents."""

    def __init__(self, directory: Path, domain: str) -> None:
        self._directory = directory
        self._domain = domain

    def _folder(self, institution_id: str) -> Path:
        if not _SAFE_ID.fullmatch(institution_id):
            raise Invalid(f"institution id {institution_id!r} cannot name an issuer key")
        return self._directory / institution_id

    def did(self, institution_id: str) -> str:
        """The institution's DID."""
        self._folder(institution_id)
        return did_web(self._domain, institution_id)

    def _paths(self, institution_id: str) -> list[Path]:
        folder = self._folder(institution_id)
        found = [p for p in folder.glob("*.pem") if p.stem.isdigit()] if folder.is_dir() else []
        return sorted(found, key=lambda p: int(p.stem))

    def _load(self, path: Path) -> Ed25519PrivateKey:
        key = load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise Invalid(f"{path} is not an Ed25519 private key")
        return key

    def _method(self, institution_id: str, key: Ed25519PrivateKey) -> str:
        return f"{self.did(institution_id)}#{encode_multikey(key.public_key())}"

    def rotate(self, institution_id: str) -> str:
        """A new signing key for the institution (the old ones stay published); its method id."""
        folder = self._folder(institution_id)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        paths = self._paths(institution_id)
        number = int(paths[-1].stem) + 1 if paths else 1
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        descriptor = os.open(folder / f"{number}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
        return self._method(institution_id, key)

    def signing_key(self, institution_id: str) -> SigningKey:
        """The institution's newest key, generated on first use."""
        if not self._paths(institution_id):
            self.rotate(institution_id)
        key = self._load(self._paths(institution_id)[-1])
        return SigningKey(key, self._method(institution_id, key))

    def did_document(self, institution_id: str) -> dict[str, Any]:
        """The did:web document: every key the institution has had, as a Multikey method."""
        did = self.did(institution_id)
        methods = []
        for path in self._paths(institution_id):
            multikey = encode_multikey(self._load(path).public_key())
            methods.append(
                {
                    "id": f"{did}#{multikey}",
                    "type": "Multikey",
                    "controller": did,
                    "publicKeyMultibase": multikey,
                }
            )
        return {
            "@context": DID_CONTEXTS,
            "id": did,
            "verificationMethod": methods,
            "assertionMethod": [m["id"] for m in methods],
        }

    def subject_id(self, learner_id: str) -> str:
        """A learner's pseudonymous credentialSubject id: a keyed hash, the same on every issue."""
        path = self._directory / _SALT_FILE
        if not path.is_file():
            self._directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(os.urandom(32))
        digest = hmac.new(path.read_bytes(), learner_id.encode(), sha256).hexdigest()
        return f"urn:credgraph:subject:{digest[:32]}"
