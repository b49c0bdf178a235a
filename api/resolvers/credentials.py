"""`verifyCredential`: the verifier of every learner-record import, for one document."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from api.auth import Role
from api.context import Info
from api.types.credentials import CredentialVerification
from importers.credentials.setup import verifier_from_settings


async def verify_credential(info: Info, document: JSON) -> CredentialVerification:
    """Verify a credential (a JSON-LD object, or a compact VC-JWT as a string): proof, issuer
    binding, validity, status and trust, each with pass / fail / unknown and a reason. Any
    signed-in role; look-ups go only to the hosts the operator allowed."""
    info.context.require(
        "verifyCredential", Role.LEARNER, Role.ADVISOR, Role.REGISTRAR, Role.IMPORTER
    )
    verify = verifier_from_settings(info.context.settings)
    report = await run_in_threadpool(verify, document)
    return CredentialVerification.from_domain(report)
