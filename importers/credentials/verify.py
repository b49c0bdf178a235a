"""`verify_credential`: proof, issuer binding, validity, status and trust of one credential.

A credential is a JSON-LD object with Data Integrity proofs (`eddsa-rdfc-2022`,
`Ed25519Signature2020`) or a compact VC-JWT (EdDSA, ES256; the payload is the credential, or its
`vc` claim for VC-JWT 1.1). Keys come from the resolver; nothing is fetched that it does not allow.
Bad input never raises: it is a failed check with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from importers.credentials.contexts import ContextError
from importers.credentials.proofs import (
    ProofError,
    read_jwt,
    suite_of,
    verify_data_integrity,
    verify_jwt,
)
from importers.credentials.report import (
    Check,
    CheckName,
    Outcome,
    VerificationReport,
    state_of,
)
from importers.credentials.resolver import (
    DisownedKey,
    KeySource,
    ResolutionError,
    Resolver,
    VerificationMethod,
)
from importers.credentials.status import check_status

# Shapes no check foresaw (a list where an object belongs, say): a failed check, never a crash.
MALFORMED = (TypeError, ValueError, AttributeError, KeyError, IndexError)
_WORST = {Outcome.FAIL: 2, Outcome.UNKNOWN: 1, Outcome.PASS: 0}


def issuer_id(credential: dict[str, Any]) -> str | None:
    """The issuer's id, whether `issuer` is a string or a Profile object."""
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _worst(checks: list[Check], name: CheckName, passed: str) -> Check:
    if not checks:
        return Check(name, Outcome.PASS, passed)
    worst = max(checks, key=lambda c: _WORST[c.outcome])
    return worst if worst.outcome is not Outcome.PASS else Check(name, Outcome.PASS, passed)


def _binding(method: VerificationMethod, issuer: str | None) -> Check:
    if method.source is KeySource.METHOD_ID:
        return Check(
            CheckName.ISSUER,
            Outcome.UNKNOWN,
            f"the key was read from the method id {method.id}; {method.controller} could not be "
            "resolved, so it is not shown that the issuer controls it",
        )
    if issuer is None:
        return Check(CheckName.ISSUER, Outcome.FAIL, "the credential names no issuer")
    if method.controller != issuer:
        return Check(
            CheckName.ISSUER,
            Outcome.FAIL,
            f"the key {method.id} is controlled by {method.controller}, not by the issuer {issuer}",
        )
    return Check(CheckName.ISSUER, Outcome.PASS, f"the key {method.id} is the issuer's")


def _one_proof(
    credential: dict[str, Any], proof: Any, resolver: Resolver
) -> tuple[Check, Check, str | None]:
    if not isinstance(proof, dict):
        fail = Check(CheckName.PROOF, Outcome.FAIL, "a proof is not an object")
        return fail, Check(CheckName.ISSUER, Outcome.UNKNOWN, "no usable proof"), None
    suite = suite_of(proof)
    no_binding = Check(CheckName.ISSUER, Outcome.UNKNOWN, "the proof was not checked")
    if proof.get("proofPurpose") != "assertionMethod":
        reason = f"proofPurpose is {proof.get('proofPurpose')!r}, not 'assertionMethod'"
        return Check(CheckName.PROOF, Outcome.FAIL, reason), no_binding, suite
    vm_id = proof.get("verificationMethod")
    if not isinstance(vm_id, str):
        reason = "the proof names no verificationMethod"
        return Check(CheckName.PROOF, Outcome.FAIL, reason), no_binding, suite
    try:
        method = resolver.verification_method(vm_id)
    except DisownedKey as error:
        return Check(CheckName.PROOF, Outcome.FAIL, error.message), no_binding, suite
    except ResolutionError as error:
        reason = f"the key {vm_id} cannot be resolved: {error.message}"
        return Check(CheckName.PROOF, Outcome.UNKNOWN, reason), no_binding, suite
    try:
        verify_data_integrity(credential, proof, method.key)
    except (ProofError, ContextError) as error:
        return Check(CheckName.PROOF, Outcome.FAIL, error.message), no_binding, suite
    reason = f"{suite} signature by {vm_id} verifies"
    return (
        Check(CheckName.PROOF, Outcome.PASS, reason),
        _binding(method, issuer_id(credential)),
        suite,
    )


def _linked_data(credential: dict[str, Any], resolver: Resolver) -> tuple[Check, Check, str | None]:
    proofs = credential.get("proof")
    if proofs is None:
        unsigned = Check(CheckName.PROOF, Outcome.UNKNOWN, "the credential has no proof")
        return unsigned, Check(CheckName.ISSUER, Outcome.UNKNOWN, "no proof to bind"), None
    results = [
        _one_proof(credential, p, resolver)
        for p in (proofs if isinstance(proofs, list) else [proofs])
    ]
    if not results:
        empty = Check(CheckName.PROOF, Outcome.FAIL, "the proof list is empty")
        return empty, Check(CheckName.ISSUER, Outcome.UNKNOWN, "no proof to bind"), None
    proof = _worst([r[0] for r in results], CheckName.PROOF, results[0][0].reason)
    binding = _worst([r[1] for r in results], CheckName.ISSUER, results[0][1].reason)
    return proof, binding, ", ".join(sorted({r[2] for r in results if r[2]}))


def _jwt(token: str, resolver: Resolver) -> tuple[dict[str, Any], Check, Check, str | None]:
    parts = read_jwt(token)
    claims = parts.payload
    credential = claims["vc"] if isinstance(claims.get("vc"), dict) else claims
    if credential is not claims:  # VC-JWT 1.1: registered claims stand for credential properties
        credential = dict(credential)
        if "nbf" in claims and "issuanceDate" not in credential:
            credential["issuanceDate"] = _from_epoch(claims["nbf"])
        if "exp" in claims and "expirationDate" not in credential:
            credential["expirationDate"] = _from_epoch(claims["exp"])
        if "jti" in claims and "id" not in credential:
            credential["id"] = claims["jti"]
        if "iss" in claims and issuer_id(credential) is None:
            credential["issuer"] = claims["iss"]
    suite = f"VC-JWT {parts.header.get('alg')}"
    issuer = issuer_id(credential)
    no_binding = Check(CheckName.ISSUER, Outcome.UNKNOWN, "the proof was not checked")
    kid = parts.header.get("kid")
    if isinstance(kid, str) and kid.startswith("#"):
        kid = f"{claims.get('iss', issuer)}{kid}"
    if not isinstance(kid, str):
        kid = issuer if issuer and issuer.startswith("did:key:") else None
    if kid is None:
        reason = "the JWT header has no kid and the issuer is not a did:key"
        return credential, Check(CheckName.PROOF, Outcome.UNKNOWN, reason), no_binding, suite
    try:
        method = resolver.verification_method(kid)
    except DisownedKey as error:
        return credential, Check(CheckName.PROOF, Outcome.FAIL, error.message), no_binding, suite
    except ResolutionError as error:
        reason = f"the key {kid} cannot be resolved: {error.message}"
        return credential, Check(CheckName.PROOF, Outcome.UNKNOWN, reason), no_binding, suite
    try:
        verify_jwt(token, method.key)
    except ProofError as error:
        return credential, Check(CheckName.PROOF, Outcome.FAIL, error.message), no_binding, suite
    binding = _binding(method, issuer)
    if "iss" in claims and claims["iss"] != issuer:
        reason = f"the JWT iss {claims['iss']} is not the credential's issuer {issuer}"
        binding = Check(CheckName.ISSUER, Outcome.FAIL, reason)
    proof = Check(CheckName.PROOF, Outcome.PASS, f"{suite} signature by {kid} verifies")
    return credential, proof, binding, suite


def _from_epoch(value: Any) -> str:
    return dt.datetime.fromtimestamp(int(value), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(value: Any, field: str) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"{field} is not a date-time string")
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{field} {value!r} is not a date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def check_validity(credential: dict[str, Any], today: dt.date | dt.datetime) -> tuple[Check, bool]:
    """The validity check, and whether a failure is an expiry (rather than not yet valid)."""
    name = CheckName.VALIDITY
    start_field = "validFrom" if "validFrom" in credential else "issuanceDate"
    end_field = "validUntil" if "validUntil" in credential else "expirationDate"
    try:
        start = _moment(credential[start_field], start_field) if start_field in credential else None
        end = _moment(credential[end_field], end_field) if end_field in credential else None
    except ValueError as error:
        return Check(name, Outcome.FAIL, str(error)), False

    def before(a: dt.datetime, b: dt.date | dt.datetime) -> bool:
        if isinstance(b, dt.datetime):
            return a < (b if b.tzinfo else b.replace(tzinfo=dt.UTC))
        return a.date() < b

    def after(a: dt.datetime, b: dt.date | dt.datetime) -> bool:
        if isinstance(b, dt.datetime):
            return a > (b if b.tzinfo else b.replace(tzinfo=dt.UTC))
        return a.date() > b

    if end is not None and before(end, today):
        return Check(name, Outcome.FAIL, f"expired: {end_field} {credential[end_field]}"), True
    if start is not None and after(start, today):
        return Check(
            name, Outcome.FAIL, f"not yet valid: {start_field} {credential[start_field]}"
        ), False
    span = ", ".join(f"{f} {credential.get(f, '-')}" for f in (start_field, end_field))
    return Check(name, Outcome.PASS, f"valid on {today.isoformat()} ({span})"), False


def check_trust(issuer: str | None, trusted_issuers: Collection[str] | None) -> Check:
    """Whether the issuer is on the operator's list (no list: every issuer is accepted)."""
    if trusted_issuers is None:
        return Check(CheckName.TRUST, Outcome.PASS, "no trusted-issuer list is configured")
    if issuer is not None and issuer in trusted_issuers:
        return Check(CheckName.TRUST, Outcome.PASS, f"{issuer} is a trusted issuer")
    return Check(CheckName.TRUST, Outcome.FAIL, f"{issuer} is not a trusted issuer")


def _list_proof(resolver: Resolver, credential_issuer: str | None) -> Any:
    def check(listed: dict[str, Any]) -> str | None:
        proof, binding, _suite = _linked_data(listed, resolver)
        for found in (proof, binding):
            if found.outcome is not Outcome.PASS:
                return f"{found.name}: {found.reason}"
        if issuer_id(listed) != credential_issuer:
            return f"it is issued by {issuer_id(listed)}, not by {credential_issuer}"
        return None

    return check


def verify_credential(
    document: dict[str, Any] | str,
    resolver: Resolver,
    trusted_issuers: Collection[str] | None,
    today: dt.date | dt.datetime,
) -> VerificationReport:
    """Every check of one credential (a JSON-LD object or a compact VC-JWT), and its state."""
    checked_on = today.date() if isinstance(today, dt.datetime) else today
    credential: dict[str, Any] = {}
    suite: str | None = None
    try:
        if isinstance(document, str):
            credential, proof, binding, suite = _jwt(document.strip(), resolver)
        elif isinstance(document, dict):
            credential = document
            proof, binding, suite = _linked_data(credential, resolver)
        else:
            raise ValueError("a credential is a JSON object or a compact JWT")
    except (ProofError, *MALFORMED) as error:
        reason = error.message if isinstance(error, ProofError) else f"malformed: {error}"
        proof = Check(CheckName.PROOF, Outcome.FAIL, reason)
        binding = Check(CheckName.ISSUER, Outcome.UNKNOWN, "the proof was not checked")
    issuer = issuer_id(credential) if isinstance(credential, dict) else None
    try:
        validity, expired = check_validity(credential, today)
    except MALFORMED as error:
        validity, expired = Check(CheckName.VALIDITY, Outcome.FAIL, f"malformed: {error}"), False
    if proof.outcome is Outcome.FAIL:
        status = Check(CheckName.STATUS, Outcome.UNKNOWN, "not checked: the proof failed")
    else:
        try:
            status = check_status(credential, resolver, _list_proof(resolver, issuer))
        except MALFORMED as error:
            status = Check(CheckName.STATUS, Outcome.UNKNOWN, f"malformed: {error}")
    checks = (proof, binding, validity, status, check_trust(issuer, trusted_issuers))
    credential_id = credential.get("id") if isinstance(credential, dict) else None
    return VerificationReport(
        state=state_of(checks, expired),
        checks=checks,
        checked_on=checked_on,
        credential_id=credential_id if isinstance(credential_id, str) else None,
        issuer=issuer,
        suite=suite,
    )
