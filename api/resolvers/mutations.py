"""Create / update / delete mutations for the main entities, made from one pattern per label.

Each returns the entity or a typed problem (InvalidInput naming the field, NotFoundError,
ConflictError, Forbidden); a problem means nothing was written (one transaction per call).
"""

import dataclasses
import datetime as dt
import hashlib
import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from strawberry import UNSET
from strawberry.tools import create_type

from api.auth import ENTITY_WRITERS, REGISTRAR_ENTITIES, Role
from api.context import Info
from api.errors import (
    ConflictError,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    NotFoundError,
    declared_problem,
    problem_from,
)
from api.resolvers import credentials, webhooks
from api.resolvers.imports import import_data
from api.types import inputs, learning, parties
from api.types.entities import GQL_BY_LABEL, to_gql
from graph.errors import Conflict, GraphError
from graph.models import Label, Status
from graph.relations import RelType
from graph.services.editing import EntityEditor
from graph.services.governance import Governance
from graph.services.suites import SuiteEditor

EDITABLE: dict[Label, type] = {
    Label.INSTITUTION: inputs.InstitutionInput,
    Label.FRAMEWORK: inputs.FrameworkInput,
    Label.COMPETENCY: inputs.CompetencyInput,
    Label.MICRO_CREDENTIAL: inputs.MicroCredentialInput,
    Label.COURSE: inputs.CourseInput,
    Label.PROGRAM: inputs.ProgramInput,
    Label.SUITE: inputs.SuiteInput,
    Label.EMPLOYER: inputs.EmployerInput,
    Label.OCCUPATION: inputs.OccupationInput,
}


@strawberry.type(description="The entity was deleted, with its relationships.")
class Deleted:
    """The entity was deleted, with its relationships."""

    id: strawberry.ID


DeleteResult = Annotated[Deleted | NotFoundError | Forbidden, strawberry.union("DeleteResult")]


def _split(input_: Any) -> tuple[dict[str, Any], dict[RelType, list[str]]]:
    """Input fields to (model values, relationship target lists); omitted fields are left out."""
    values: dict[str, Any] = {}
    links: dict[RelType, list[str]] = {}
    for field in dataclasses.fields(input_):
        value = getattr(input_, field.name)
        if value is UNSET:
            continue
        if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
            value = [dataclasses.asdict(v) for v in value]  # nested inputs, e.g. allowed deviations
        if field.name in inputs.LINK_FIELDS:
            rel, single = inputs.LINK_FIELDS[field.name]
            links[rel] = ([value] if value else []) if single else list(value or [])
        else:
            values[field.name] = value
    return values, links


def _mutations(label: Label, input_type: type) -> list[Any]:
    gql_type = GQL_BY_LABEL[label]
    # Importers write the catalogue; registrars also write institutions, courses and programs.
    writers = (
        (*ENTITY_WRITERS, Role.REGISTRAR) if label.value in REGISTRAR_ENTITIES else ENTITY_WRITERS
    )
    result_type = Annotated[
        gql_type | InvalidInput | NotFoundError | ConflictError | Forbidden,  # type: ignore[valid-type]
        strawberry.union(f"{label.value}Result"),
    ]

    async def create(info: Info, input: input_type) -> result_type:  # type: ignore[valid-type]
        try:
            info.context.require(f"create{label.value}", *writers)
            values, links = _split(input)
            node = await EntityEditor(info.context.graph.nodes).create(label, values, links)
        except GraphError as error:
            return problem_from(error)
        return to_gql(node)

    async def update(info: Info, id: strawberry.ID, input: input_type) -> result_type:  # type: ignore[valid-type]
        try:
            info.context.require(f"update{label.value}", *writers)
            values, links = _split(input)
            node = await EntityEditor(info.context.graph.nodes).update(label, id, values, links)
        except GraphError as error:
            return problem_from(error)
        return to_gql(node)

    async def delete(info: Info, id: strawberry.ID) -> DeleteResult:
        try:
            info.context.require(f"delete{label.value}", *writers)
            await EntityEditor(info.context.graph.nodes).delete(label, id)
        except GraphError as error:
            return declared_problem(error, NotFoundError, Forbidden)
        return Deleted(id=id)

    fields: list[Any] = []
    resolvers: list[tuple[str, Callable[..., Awaitable[Any]]]] = [
        (f"create{label.value}", create),
        (f"update{label.value}", update),
        (f"delete{label.value}", delete),
    ]
    for name, resolver in resolvers:
        field = strawberry.mutation(resolver=resolver, name=name)
        field.python_name = name
        fields.append(field)
    return fields


WorkflowResult = Annotated[
    learning.MicroCredential
    | InvalidInput
    | NotFoundError
    | ConflictError
    | Forbidden
    | IllegalTransition,
    strawberry.union("WorkflowResult"),
]


async def transition_status(
    info: Info, id: strawberry.ID, to: Status, note: str | None = None
) -> WorkflowResult:
    """Move a version along DRAFT -> IN_REVIEW -> APPROVED -> PUBLISHED -> RETIRED (audited)."""
    try:
        info.context.require("transitionStatus")  # admins only: publication is governance
        governance = Governance(info.context.graph.nodes)
        node = await governance.transition(id, to, info.context.actor, note)
    except GraphError as error:
        return problem_from(error)
    return learning.MicroCredential.from_domain(node)


async def create_version(
    info: Info,
    id: strawberry.ID,
    new_id: strawberry.ID,
    input: inputs.MicroCredentialInput | None = None,
) -> WorkflowResult:
    """A new DRAFT version that SUPERSEDES `id`, with its design links; earned records stay."""
    try:
        info.context.require("createVersion")
        values, _ = _split(input) if input is not None else ({}, {})
        governance = Governance(info.context.graph.nodes)
        node = await governance.new_version(id, new_id, values, info.context.actor)
    except GraphError as error:
        return problem_from(error)
    return learning.MicroCredential.from_domain(node)


FeedbackResult = Annotated[
    parties.Feedback | InvalidInput | NotFoundError | Forbidden,
    strawberry.union("FeedbackResult"),
]


async def add_feedback(
    info: Info, input: inputs.FeedbackInput, idempotency_key: str | None = None
) -> FeedbackResult:
    """Record a learner's or employer's rating of one version. A retry with the same
    `idempotencyKey` answers the feedback recorded the first time instead of adding another."""
    try:
        info.context.require("addFeedback", Role.LEARNER, Role.IMPORTER)
        if idempotency_key:
            scoped = f"{info.context.principal.subject}:{idempotency_key}".encode()
            feedback_id = f"fb-{hashlib.sha256(scoped).hexdigest()[:16]}"
            earlier = await info.context.graph.nodes.get_many(Label.FEEDBACK, [feedback_id])
            if feedback_id in earlier:
                return parties.Feedback.from_domain(earlier[feedback_id])
        else:
            feedback_id = f"fb-{uuid.uuid4().hex[:16]}"
        values = {
            "id": feedback_id,
            "name": f"feedback on {input.micro_credential_id}",
            "from_": input.from_,
            "rating": input.rating,
            "comment": input.comment,
            "date": input.date or dt.date.today(),
        }
        links = {RelType.ABOUT: [input.micro_credential_id]}
        node = await EntityEditor(info.context.graph.nodes).create(Label.FEEDBACK, values, links)
    except Conflict as error:
        if idempotency_key:  # a concurrent retry under the same key won the race: same answer
            earlier = await info.context.graph.nodes.get_many(Label.FEEDBACK, [feedback_id])
            if feedback_id in earlier:
                return parties.Feedback.from_domain(earlier[feedback_id])
        return declared_problem(error, InvalidInput, NotFoundError, Forbidden)
    except GraphError as error:
        return declared_problem(error, InvalidInput, NotFoundError, Forbidden)
    return parties.Feedback.from_domain(node)


SuiteResult = Annotated[
    learning.Suite | InvalidInput | NotFoundError | Forbidden,
    strawberry.union("SuiteMembersResult"),
]


async def set_suite_members(
    info: Info, suite_id: strawberry.ID, members: list[inputs.SuiteMemberInput]
) -> SuiteResult:
    """Make these micro-credentials the suite's members (core flag and position on IN_SUITE)."""
    try:
        info.context.require("setSuiteMembers", *ENTITY_WRITERS)
        rows = [(m.micro_credential_id, m.core, m.position) for m in members]
        suite = await SuiteEditor(info.context.graph.nodes).set_members(suite_id, rows)
    except GraphError as error:
        return declared_problem(error, InvalidInput, NotFoundError, Forbidden)
    return learning.Suite.from_domain(suite)


def mutation_type() -> type:
    """The Mutation root: create, update and delete per editable label, then the others."""
    fields = [f for label, input_type in EDITABLE.items() for f in _mutations(label, input_type)]
    workflow: list[tuple[str, Callable[..., Awaitable[Any]]]] = [
        ("transitionStatus", transition_status),
        ("createVersion", create_version),
        ("addFeedback", add_feedback),
        ("setSuiteMembers", set_suite_members),
        ("importData", import_data),
        ("issueCredential", credentials.issue_credential),
        ("issueCredentials", credentials.issue_credentials),
        ("issueTranscript", credentials.issue_transcript),
        ("revokeCredential", credentials.revoke_credential),
        ("setVerificationPolicy", credentials.set_verification_policy),
        ("registerWebhook", webhooks.register_webhook),
        ("removeWebhook", webhooks.remove_webhook),
        ("redeliverWebhook", webhooks.redeliver_webhook),
        ("pauseWebhook", webhooks.pause_webhook),
    ]
    for name, resolver in workflow:
        field = strawberry.mutation(resolver=resolver, name=name)
        field.python_name = name
        fields.append(field)
    return create_type("Mutation", fields)
