"""Multibase and Multikey: the encodings of public keys and signatures in DIDs and proofs.

A Multikey is `z` + base58btc(multicodec prefix + key bytes): Ed25519 public keys (0xed 0x01,
`z6Mk...`) and compressed P-256 public keys (0x80 0x24, `zDn...`). `did:key` is `did:key:` plus a
Multikey; its one verification method is `did:key:<multikey>#<multikey>`.
"""

from __future__ import annotations

import base64

import base58
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from graph.errors import Invalid

ED25519_PUB = b"\xed\x01"
P256_PUB = b"\x80\x24"

PublicKey = Ed25519PublicKey | ec.EllipticCurvePublicKey


class KeyFormatError(Invalid):
    """A multibase value, Multikey or JWK that is not what it claims to be."""


def decode_multibase(value: str) -> bytes:
    """Bytes of a base58btc (`z`) or base64url (`u`) multibase string."""
    if value.startswith("z"):
        try:
            return base58.b58decode(value[1:])
        except ValueError:
            raise KeyFormatError(f"{value[:16]}... is not base58btc") from None
    if value.startswith("u"):
        try:
            return base64.urlsafe_b64decode(value[1:] + "=" * (-len(value[1:]) % 4))
        except ValueError:
            raise KeyFormatError(f"{value[:16]}... is not base64url") from None
    raise KeyFormatError(f"multibase prefix {value[:1]!r} is not supported (only z and u)")


def encode_base58btc(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def decode_multikey(value: str) -> PublicKey:
    """The public key of a Multikey string (Ed25519 or P-256)."""
    raw = decode_multibase(value)
    if raw.startswith(ED25519_PUB) and len(raw) == 34:
        return Ed25519PublicKey.from_public_bytes(raw[2:])
    if raw.startswith(P256_PUB) and len(raw) == 35:
        try:
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
        except ValueError:
            raise KeyFormatError("not a point on P-256") from None
    raise KeyFormatError(f"{value[:16]}... is not an Ed25519 or P-256 Multikey")


def encode_multikey(key: PublicKey) -> str:
    """The Multikey string of an Ed25519 or P-256 public key."""
    if isinstance(key, Ed25519PublicKey):
        return encode_base58btc(ED25519_PUB + key.public_bytes(Encoding.Raw, PublicFormat.Raw))
    if isinstance(key.curve, ec.SECP256R1):
        point = key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
        return encode_base58btc(P256_PUB + point)
    raise KeyFormatError(f"curve {key.curve.name} is not supported")


def is_multikey(value: str) -> bool:
    """Whether a string decodes as a supported Multikey."""
    try:
        decode_multikey(value)
    except KeyFormatError:
        return False
    return True


def public_key_from_jwk(jwk: dict[str, object]) -> PublicKey:
    """The public key of an OKP/Ed25519 or EC/P-256 JWK."""
    from jwt.algorithms import ECAlgorithm, OKPAlgorithm

    try:
        if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
            okp = OKPAlgorithm.from_jwk(dict(jwk))
            if isinstance(okp, Ed25519PublicKey):
                return okp
        if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
            key = ECAlgorithm.from_jwk(dict(jwk))
            if isinstance(key, ec.EllipticCurvePublicKey):
                return key
    except (ValueError, KeyError, TypeError) as error:
        raise KeyFormatError(f"JWK is not a usable public key: {error}") from None
    raise KeyFormatError("only public Ed25519 (OKP) and P-256 (EC) JWKs are supported")
