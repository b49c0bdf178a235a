"""Factories for credential tests: did:key issuers and documents they sign."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from importers.credentials.contexts import OB_V3, VC_V2
from importers.credentials.multikey import encode_multikey
from importers.credentials.proofs import sign_data_integrity


@dataclass(frozen=True)
class DidKeyIssuer:
    """An Ed25519 key and its did:key identifier."""

    key: Ed25519PrivateKey
    did: str

    @property
    def method(self) -> str:
        return f"{self.did}#{self.did.removeprefix('did:key:')}"

    def sign(self, document: dict[str, Any]) -> dict[str, Any]:
        return sign_data_integrity(document, self.key, self.method, "2026-01-01T00:00:00Z")


def did_key_issuer() -> DidKeyIssuer:
    key = Ed25519PrivateKey.generate()
    return DidKeyIssuer(key, "did:key:" + encode_multikey(key.public_key()))


def badge(issuer: str, **extra: Any) -> dict[str, Any]:
    """An unsigned OB 3.0 OpenBadgeCredential by `issuer`."""
    return {
        "@context": [VC_V2, OB_V3],
        "id": "urn:uuid:7f1c1a4e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Test Issuer"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:credgraph:mc-teamwork",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works in a team.",
                "criteria": {"narrative": "Team project."},
            },
        },
        **copy.deepcopy(extra),
    }
