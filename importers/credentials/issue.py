"""Issuing: an Open Badges 3.0 OpenBadgeCredential and a CLR 2.0 ClrCredential (VC Data Model 2.0)
signed with eddsa-rdfc-2022, and the issuer's Bitstring Status List credential that says whether
each is revoked."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from graph.errors import Invalid
from importers.credentials.contexts import CLR_V2, OB_V3, VC_V2
from importers.credentials.keys import SigningKey
from importers.credentials.proofs import sign_data_integrity

# The Bitstring Status List minimum (16 KiB of bits): a list this long hides which index is whose.
STATUS_LIST_BITS = 131_072


@dataclass(frozen=True)
class IssuerProfile:
    """Who issues: the institution's DID and name."""

    id: str
    name: str
    url: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The OB 3.0 Profile."""
        profile: dict[str, Any] = {"id": self.id, "type": ["Profile"], "name": self.name}
        if self.url:
            profile["url"] = self.url
        return profile


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_entry(list_url: str, index: int) -> dict[str, Any]:
    """A BitstringStatusListEntry for revocation at `index` of the list at `list_url`."""
    if not 0 <= index < STATUS_LIST_BITS:
        raise Invalid(f"status list index {index} is outside 0..{STATUS_LIST_BITS - 1}")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def issue_credential(
    *,
    achievement: dict[str, Any],
    subject_id: str,
    earned: dt.date,
    issuer: IssuerProfile,
    signing_key: SigningKey,
    status: dict[str, Any],
    now: dt.datetime,
    credential_id: str | None = None,
) -> dict[str, Any]:
    """A signed OpenBadgeCredential: `achievement` (an OB 3.0 Achievement, as exports.py writes it)
    awarded to `subject_id` on `earned`, with a credentialStatus entry."""
    awarded = {
        k: v for k, v in achievement.items() if k != "@context"
    }  # the credential's covers it
    unsigned = {
        "@context": [VC_V2, OB_V3],
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer.as_json(),
        "validFrom": f"{earned.isoformat()}T00:00:00Z",
        "name": awarded.get("name", "Achievement"),
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "achievement": awarded,
        },
        "credentialStatus": status,
    }
    return sign_data_integrity(
        unsigned, signing_key.key, signing_key.verification_method, _timestamp(now)
    )


def issue_transcript(
    *,
    credentials: list[dict[str, Any]],
    achievements: list[dict[str, Any]],
    subject_id: str,
    issuer: IssuerProfile,
    signing_key: SigningKey,
    status: dict[str, Any],
    now: dt.datetime,
    name: str,
    credential_id: str | None = None,
    associations: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """A signed CLR 2.0 ClrCredential about `subject_id`: `credentials` (signed
    OpenBadgeCredentials, each whole with its own proof), `achievements` no credential carries,
    vouched for by this proof alone, and `associations`: (part, whole) achievement ids."""
    subject: dict[str, Any] = {
        "id": subject_id,
        "type": ["ClrSubject"],
        "verifiableCredential": credentials,
    }
    if achievements:
        subject["achievement"] = [
            {k: v for k, v in a.items() if k != "@context"} for a in achievements
        ]
    if associations:
        subject["association"] = [
            {"type": "Association", "associationType": "isPartOf", "sourceId": p, "targetId": w}
            for p, w in associations
        ]
    unsigned = {
        "@context": [VC_V2, CLR_V2, OB_V3],
        "id": credential_id or f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer.as_json(),
        "validFrom": _timestamp(now),
        "name": name,
        "credentialSubject": subject,
        "credentialStatus": status,
    }
    return sign_data_integrity(
        unsigned, signing_key.key, signing_key.verification_method, _timestamp(now)
    )


def encode_status_list(revoked: Collection[int]) -> str:
    """encodedList of a status list with these bits set: multibase base64url of GZIP bits."""
    bits = bytearray(STATUS_LIST_BITS // 8)
    for index in revoked:
        if not 0 <= index < STATUS_LIST_BITS:
            raise Invalid(f"status list index {index} is outside 0..{STATUS_LIST_BITS - 1}")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def status_list_credential(
    *,
    list_url: str,
    revoked: Collection[int],
    issuer: IssuerProfile,
    signing_key: SigningKey,
    now: dt.datetime,
) -> dict[str, Any]:
    """The institution's signed BitstringStatusListCredential (revocation) as of `now`. The issuer
    is its bare DID: the VC context alone does not define the OB `Profile` type."""
    unsigned = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": _timestamp(now),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_status_list(revoked),
        },
    }
    return sign_data_integrity(
        unsigned, signing_key.key, signing_key.verification_method, _timestamp(now)
    )
