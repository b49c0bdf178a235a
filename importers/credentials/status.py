"""Credential status: Bitstring Status List (and its StatusList2021 predecessor) and 1EdTech's
revocation list. A status that is set answers FAIL; a list that cannot be had, or whose own proof
does not verify, answers UNKNOWN — never PASS."""

from __future__ import annotations

import base64
import gzip
import io
import zlib
from collections.abc import Callable
from typing import Any

from importers.credentials.multikey import KeyFormatError, decode_multibase
from importers.credentials.report import Check, CheckName, Outcome
from importers.credentials.resolver import ResolutionError, Resolver

BITSTRING_ENTRIES = ("BitstringStatusListEntry", "StatusList2021Entry")
REVOCATION_LIST = "1EdTechRevocationList"
MAX_LIST_BYTES = 16 * 1024 * 1024

# Verifies a status list credential's proof and issuer; None when it does, else the reason.
ListProofCheck = Callable[[dict[str, Any]], str | None]


class _Unknown(Exception):
    pass


def _entries(credential: dict[str, Any]) -> list[Any]:
    found = credential.get("credentialStatus")
    return [] if found is None else found if isinstance(found, list) else [found]


def decode_bitstring(encoded: str) -> bytes:
    """The bits of an encodedList: multibase base64url (or bare base64url, StatusList2021) GZIP."""
    try:
        packed = decode_multibase(encoded) if encoded.startswith("u") else b""
    except KeyFormatError:
        packed = b""
    if not packed:
        try:
            packed = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except ValueError:
            raise _Unknown("encodedList is not base64url") from None
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(packed)) as unzipped:
            bits = unzipped.read(MAX_LIST_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        raise _Unknown("encodedList is not GZIP data") from None
    if len(bits) > MAX_LIST_BYTES:
        raise _Unknown("encodedList is larger than a status list may be")
    return bits


def bit_is_set(bits: bytes, index: int) -> bool:
    """Bit `index` of a status list, the first bit being the high bit of the first byte."""
    if index < 0 or index // 8 >= len(bits):
        raise _Unknown(f"statusListIndex {index} is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _bitstring(entry: dict[str, Any], resolver: Resolver, list_proof: ListProofCheck) -> str | None:
    purpose = entry.get("statusPurpose", "revocation")
    url = entry.get("statusListCredential")
    try:
        index = int(str(entry.get("statusListIndex")))
    except ValueError:
        raise _Unknown("statusListIndex is not an integer") from None
    if not isinstance(url, str):
        raise _Unknown("the entry has no statusListCredential")
    listed = resolver.get_json(url)
    if not isinstance(listed, dict):
        raise _Unknown(f"{url} is not a status list credential")
    problem = list_proof(listed)
    if problem is not None:
        raise _Unknown(f"the status list {url} is not verified: {problem}")
    subject = listed.get("credentialSubject")
    if not isinstance(subject, dict) or not isinstance(subject.get("encodedList"), str):
        raise _Unknown(f"{url} has no credentialSubject.encodedList")
    if subject.get("statusPurpose", purpose) != purpose:
        raise _Unknown(f"{url} is a {subject.get('statusPurpose')} list, not a {purpose} list")
    if not bit_is_set(decode_bitstring(subject["encodedList"]), index):
        return None
    if purpose == "revocation":
        return f"revoked: bit {index} of {url} is set"
    if purpose == "suspension":
        return f"suspended: bit {index} of {url} is set"
    raise _Unknown(f"status {purpose!r} is set at bit {index} of {url}")


def _revocation_list(
    credential: dict[str, Any], entry: dict[str, Any], resolver: Resolver
) -> str | None:
    url = entry.get("id")
    if not isinstance(url, str):
        raise _Unknown("the 1EdTechRevocationList entry has no id")
    listed = resolver.get_json(url)
    if not isinstance(listed, dict):
        raise _Unknown(f"{url} is not a revocation list")
    # the specification names it revokedCredentials; 1EdTech's validator reads revokedCredential
    items = listed.get("revokedCredentials", listed.get("revokedCredential", []))
    for item in items if isinstance(items, list) else []:
        listed_here = isinstance(item, dict) and item.get("id") == credential.get("id")
        if listed_here and item.get("revoked", True) is not False:
            reason = item.get("revocationReason")
            return f"revoked in {url}" + (f": {reason}" if reason else "")
    return None


def check_status(
    credential: dict[str, Any], resolver: Resolver, list_proof: ListProofCheck
) -> Check:
    """The status check of a credential: FAIL if revoked or suspended, UNKNOWN if not knowable."""
    entries = _entries(credential)
    if not entries:
        return Check(CheckName.STATUS, Outcome.PASS, "the credential declares no status")
    unknown: list[str] = []
    for entry in entries:
        kind = entry.get("type") if isinstance(entry, dict) else None
        try:
            if kind in BITSTRING_ENTRIES and isinstance(entry, dict):
                set_reason = _bitstring(entry, resolver, list_proof)
            elif kind == REVOCATION_LIST and isinstance(entry, dict):
                set_reason = _revocation_list(credential, entry, resolver)
            else:
                raise _Unknown(f"status type {kind!r} is not supported")
        except ResolutionError as error:
            unknown.append(f"status list not available: {error.message}")
            continue
        except _Unknown as error:
            unknown.append(str(error))
            continue
        if set_reason is not None:
            return Check(CheckName.STATUS, Outcome.FAIL, set_reason)
    if unknown:
        return Check(CheckName.STATUS, Outcome.UNKNOWN, "; ".join(unknown))
    return Check(CheckName.STATUS, Outcome.PASS, "not revoked or suspended")
