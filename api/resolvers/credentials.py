"""`verifyCredential` (the verifier of every learner-record import, for one document),
`issueCredential`, `issueCredentials`, `issueTranscript` and `revokeCredential`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.scalars import JSON

from api.auth import Role
from api.context import Info
from api.errors import ConflictError, Forbidden, InvalidInput, NotFoundError, declared_problem
from api.types.credentials import CredentialVerification, VerificationPolicy
from graph.container import Graph
from graph.errors import GraphError
from graph.models import VerificationState
from graph.repositories.credentials import CredentialRepository
from graph.services.verification_policy import VerificationPolicyService
from graph.settings import Settings
from importers.credentials.service import CredentialService
from importers.credentials.setup import issuer_keys_from_settings, verifier_from_settings


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


def credential_service(graph: Graph, settings: Settings) -> CredentialService:
    """Issuing over this graph with the configured keys and domain."""
    return CredentialService(
        graph.nodes,
        CredentialRepository(graph.db),
        issuer_keys_from_settings(settings),
        settings.credential_domain,
    )


@strawberry.type(
    description="A signed credential credgraph issued: an Open Badges 3.0 OpenBadgeCredential, "
    "or a CLR 2.0 ClrCredential (a transcript)."
)
class IssuedCredential:
    """A credential just issued: its id and its signed document."""

    id: str
    document: JSON


@strawberry.type(description="Signed credentials issued together, in the order asked.")
class IssuedCredentials:
    """The credentials issued by one call, in the order asked."""

    credentials: list[IssuedCredential]


@strawberry.input(description="A learner's EARNED holding of an item.")
class HoldingInput:
    """A learner's holding of an item to issue."""

    learner_id: strawberry.ID
    item_id: strawberry.ID


@strawberry.type(description="A credential credgraph issued, now revoked.")
class RevokedCredential:
    """A revoked credential and its index in the status list."""

    id: str
    status_index: int


IssueResult = Annotated[
    IssuedCredential | InvalidInput | NotFoundError | ConflictError | Forbidden,
    strawberry.union("IssueCredentialResult"),
]
IssueManyResult = Annotated[
    IssuedCredentials | InvalidInput | NotFoundError | ConflictError | Forbidden,
    strawberry.union("IssueCredentialsResult"),
]
TranscriptResult = Annotated[
    IssuedCredential | InvalidInput | NotFoundError | ConflictError | Forbidden,
    strawberry.union("IssueTranscriptResult"),
]
RevokeResult = Annotated[
    RevokedCredential | NotFoundError | Forbidden, strawberry.union("RevokeCredentialResult")
]


async def issue_credential(
    info: Info, learner_id: strawberry.ID, item_id: strawberry.ID
) -> IssueResult:
    """Issue the learner's holding of an item as a signed OpenBadgeCredential
    (eddsa-rdfc-2022, Bitstring Status List entry), recorded in the graph (registrar)."""
    try:
        info.context.require("issueCredential", Role.REGISTRAR)
        service = credential_service(info.context.graph, info.context.settings)
        document = await service.issue(str(learner_id), str(item_id), dt.datetime.now(dt.UTC))
    except GraphError as error:
        return declared_problem(error, InvalidInput, NotFoundError, ConflictError, Forbidden)
    return _issued(document)


def _issued(document: dict[str, object]) -> IssuedCredential:
    return IssuedCredential(id=str(document["id"]), document=JSON(document))


async def issue_credentials(info: Info, holdings: list[HoldingInput]) -> IssueManyResult:
    """Issue many holdings at once, recorded in one transaction: when an entry is not an EARNED
    holding that can be issued, nothing is, and `fields` names each such entry (registrar)."""
    try:
        info.context.require("issueCredentials", Role.REGISTRAR)
        service = credential_service(info.context.graph, info.context.settings)
        pairs = [(str(h.learner_id), str(h.item_id)) for h in holdings]
        documents = await service.issue_many(pairs, dt.datetime.now(dt.UTC))
    except GraphError as error:
        return declared_problem(error, InvalidInput, NotFoundError, ConflictError, Forbidden)
    return IssuedCredentials(credentials=[_issued(d) for d in documents])


async def issue_transcript(info: Info, learner_id: strawberry.ID) -> TranscriptResult:
    """Issue the learner's transcript: a signed CLR 2.0 ClrCredential of their holdings, each
    offered by an institution as its own signed credential inside (registrar)."""
    try:
        info.context.require("issueTranscript", Role.REGISTRAR)
        service = credential_service(info.context.graph, info.context.settings)
        document = await service.transcript(str(learner_id), dt.datetime.now(dt.UTC))
    except GraphError as error:
        return declared_problem(error, InvalidInput, NotFoundError, ConflictError, Forbidden)
    return _issued(document)


async def revoke_credential(info: Info, id: str) -> RevokeResult:
    """Revoke a credential credgraph issued: its bit in the institution's status list is set
    (registrar)."""
    try:
        info.context.require("revokeCredential", Role.REGISTRAR)
        service = credential_service(info.context.graph, info.context.settings)
        index = await service.revoke(id, dt.datetime.now(dt.UTC), info.context.actor)
    except GraphError as error:
        return declared_problem(error, NotFoundError, Forbidden)
    return RevokedCredential(id=id, status_index=index)


PolicyResult = Annotated[
    VerificationPolicy | NotFoundError | Forbidden,
    strawberry.union("SetVerificationPolicyResult"),
]


async def set_verification_policy(
    info: Info,
    institution_id: strawberry.ID,
    counted_states: list[VerificationState] | None,
) -> PolicyResult:
    """Which verification states count for transfer credit and prior learning at this
    institution, overriding CREDGRAPH_COUNTED_VERIFICATION_STATES; null goes back to the setting
    (admin)."""
    try:
        info.context.require("setVerificationPolicy")  # admins only: it decides who gets credit
        service = VerificationPolicyService(
            CredentialRepository(info.context.graph.db),
            info.context.settings.counted_verification_states,
        )
        policy = await service.set(str(institution_id), counted_states)
    except GraphError as error:
        return declared_problem(error, NotFoundError, Forbidden)
    return VerificationPolicy(
        institution_id=strawberry.ID(policy.institution_id),
        counted_states=list(policy.counted),
        own=policy.own,
    )
