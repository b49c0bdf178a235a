"""Proofs: Data Integrity `eddsa-rdfc-2022`, `Ed25519Signature2020`, and VC-JWT (EdDSA, ES256).

Both Data Integrity suites sign sha256(canonical proof options) + sha256(canonical document), the
proof options being the proof without `proofValue` under the document's `@context`; they differ
in the proof's type and how it names the suite. Signing and checking are the same hash, so what
`sign_data_integrity` makes, `data_integrity_hash` checks.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from graph.errors import Invalid
from importers.credentials.contexts import canonize
from importers.credentials.multikey import KeyFormatError, PublicKey, decode_multibase
from importers.credentials.multikey import encode_base58btc as encode_multibase

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
ED25519_2020 = "Ed25519Signature2020"
DATA_INTEGRITY = "DataIntegrityProof"
JWT_ALGORITHMS = ("EdDSA", "ES256")


class ProofError(Invalid):
    """A proof that is malformed, of an unsupported suite, or whose signature does not match."""


def suite_of(proof: dict[str, Any]) -> str:
    """The suite a proof names: its cryptosuite for a DataIntegrityProof, else its type."""
    if proof.get("type") == DATA_INTEGRITY:
        return str(proof.get("cryptosuite"))
    return str(proof.get("type"))


def data_integrity_hash(document: dict[str, Any], proof: dict[str, Any]) -> bytes:
    """What an eddsa-rdfc-2022 or Ed25519Signature2020 proof signs, for this document."""
    suite = suite_of(proof)
    if suite not in (EDDSA_RDFC_2022, ED25519_2020):
        raise ProofError(f"proof suite {suite!r} is not supported")
    if "@context" not in document:
        raise ProofError("the document has no @context")
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = document["@context"]
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return (
        hashlib.sha256(canonize(options).encode()).digest()
        + hashlib.sha256(canonize(unsecured).encode()).digest()
    )


def verify_data_integrity(document: dict[str, Any], proof: dict[str, Any], key: PublicKey) -> None:
    """Nothing if the proof's signature is the key's over the document, else ProofError why not."""
    if not isinstance(key, Ed25519PublicKey):
        raise ProofError(f"{suite_of(proof)} needs an Ed25519 key")
    value = proof.get("proofValue")
    if not isinstance(value, str):
        raise ProofError("the proof has no proofValue")
    try:
        signature = decode_multibase(value)
    except KeyFormatError as error:
        raise ProofError(f"proofValue: {error.message}") from None
    if not value.startswith("z") or len(signature) != 64:
        raise ProofError("proofValue is not a base58btc Ed25519 signature")
    digest = data_integrity_hash(document, proof)
    try:
        key.verify(signature, digest)
    except InvalidSignature:
        raise ProofError("the signature does not match the document") from None


def sign_data_integrity(
    document: dict[str, Any], key: Ed25519PrivateKey, verification_method: str, created: str
) -> dict[str, Any]:
    """The document with an eddsa-rdfc-2022 DataIntegrityProof by `key` added."""
    proof: dict[str, Any] = {
        "type": DATA_INTEGRITY,
        "cryptosuite": EDDSA_RDFC_2022,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof["proofValue"] = encode_multibase(key.sign(data_integrity_hash(unsecured, proof)))
    return {**unsecured, "proof": proof}


@dataclass(frozen=True)
class JwtParts:
    """A compact JWS read without verifying it."""

    header: dict[str, Any]
    payload: dict[str, Any]


def _segment(token: str, n: int) -> dict[str, Any]:
    part = token.split(".")[n]
    try:
        value = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except ValueError:
        raise ProofError(f"JWT segment {n + 1} is not base64url JSON") from None
    if not isinstance(value, dict):
        raise ProofError(f"JWT segment {n + 1} is not a JSON object")
    return value


def read_jwt(token: str) -> JwtParts:
    """Header and payload of a compact JWS (not verified)."""
    if token.count(".") != 2:
        raise ProofError("not a compact JWS (three dot-separated parts)")
    return JwtParts(_segment(token, 0), _segment(token, 1))


def verify_jwt(token: str, key: PublicKey) -> None:
    """Nothing if the JWS is signed by the key with EdDSA or ES256, else ProofError why not."""
    algorithm = read_jwt(token).header.get("alg")
    if algorithm not in JWT_ALGORITHMS:
        raise ProofError(f"JWT algorithm {algorithm!r} is not supported (EdDSA, ES256)")
    try:
        jwt.api_jws.decode_complete(token, key, algorithms=[str(algorithm)])
    except jwt.InvalidSignatureError:
        raise ProofError("the JWT signature does not match") from None
    except jwt.PyJWTError as error:
        raise ProofError(f"the JWT is not valid: {error}") from None
