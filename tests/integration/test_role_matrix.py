"""The role matrix: every learner-data field and every mutation under every kind of caller.

Tokens go through the real header parsing (`principal_from`); the expected table below is the
specification (README, "Auth"), written here independently of api/auth.py.
"""

from __future__ import annotations

import datetime as dt

import jwt
import pytest
import strawberry

from api.auth import Role, mint, principal_from
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import make_settings

SETTINGS = make_settings()
SECRET = SETTINGS.jwt_secret.get_secret_value() if SETTINGS.jwt_secret else ""


def _expired() -> str:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    return jwt.encode({"sub": "x", "roles": ["admin"], "exp": past}, SECRET, algorithm="HS256")


CALLERS: dict[str, str] = {
    "anonymous": "",
    "learner-ben": "Bearer " + mint(SETTINGS, "ben", [Role.LEARNER], learner_id="learner-ben"),
    "other-learner": "Bearer "
    + mint(SETTINGS, "amira", [Role.LEARNER], learner_id="learner-amira"),
    "advisor": "Bearer " + mint(SETTINGS, "ada", [Role.ADVISOR]),
    "registrar": "Bearer " + mint(SETTINGS, "reg", [Role.REGISTRAR]),
    "importer": "Bearer " + mint(SETTINGS, "bot", [Role.IMPORTER]),
    "admin": "Bearer " + mint(SETTINGS, "root", [Role.ADMIN]),
    "expired-admin": "Bearer " + _expired(),
    "forged-admin": "Bearer "
    + jwt.encode(
        {"sub": "x", "roles": ["admin"], "exp": 9999999999},
        "a-wrong-secret-that-is-long-enough-for-hs256",
        algorithm="HS256",
    ),
}

BEN = '"learner-ben"'
LEARNER_FIELDS: dict[str, str] = {
    "learner": f"{{ learner(id: {BEN}) {{ displayName }} }}",
    "learner.earned": f"{{ learner(id: {BEN}) {{ earned {{ grade }} }} }}",
    "learners": "{ learners(first: 1) { nodes { id } } }",
    "evidenceItems": "{ evidenceItems(first: 1) { nodes { id } } }",
    "transferCredit": (
        f'{{ transferCredit(learnerId: {BEN}, institutionId: "inst-lsu") {{ totalCredits }} }}'
    ),
    "transferOptions": f"{{ transferOptions(learnerId: {BEN}) {{ truncated }} }}",
    "stackingPlan": (
        f'{{ stackingPlan(learnerId: {BEN}, targetId: "prog-lsu-ds") {{ reachable }} }}'
    ),
    "priorLearning": (
        f'{{ priorLearning(learnerId: {BEN}, targetId: "prog-lsu-ds") {{ hoursSaved }} }}'
    ),
    "skillGap": f'{{ skillGap(learnerId: {BEN}, occupationId: "occ-data-analyst") {{ exact }} }}',
    "articulationWorklist": '{ articulationWorklist(institutionId: "inst-lsu") { asOf } }',
    "compareTargets": (
        f'{{ compareTargets(learnerId: {BEN}, targetIds: ["prog-lsu-ds"]) {{ learnerId }} }}'
    ),
}
ANY_LEARNER = {"advisor", "registrar", "admin"}
OWN_RECORD = {
    "learner",
    "learner.earned",
    "transferCredit",
    "transferOptions",
    "stackingPlan",
    "priorLearning",
    "skillGap",
    "compareTargets",
}


def learner_field_allowed(field: str, caller: str) -> bool:
    return caller in ANY_LEARNER or (caller == "learner-ben" and field in OWN_RECORD)


ENTITIES = [
    "Institution",
    "Framework",
    "Competency",
    "MicroCredential",
    "Course",
    "Program",
    "Suite",
    "Employer",
    "Occupation",
]
REGISTRAR_OWNS = {"Institution", "Course", "Program"}
MUTATIONS: dict[str, tuple[str, set[str]]] = {}
for entity in ENTITIES:
    writers = {"importer", "admin"} | ({"registrar"} if entity in REGISTRAR_OWNS else set())
    MUTATIONS[f"create{entity}"] = (
        f"mutation {{ create{entity}(input: {{}}) {{ __typename }} }}",
        writers,
    )
    MUTATIONS[f"update{entity}"] = (
        f'mutation {{ update{entity}(id: "nope", input: {{}}) {{ __typename }} }}',
        writers,
    )
    MUTATIONS[f"delete{entity}"] = (
        f'mutation {{ delete{entity}(id: "nope") {{ __typename }} }}',
        writers,
    )
MUTATIONS["transitionStatus"] = (
    'mutation { transitionStatus(id: "nope", to: IN_REVIEW) { __typename } }',
    {"admin"},
)
MUTATIONS["createVersion"] = (
    'mutation { createVersion(id: "nope", newId: "nope-2") { __typename } }',
    {"admin"},
)
MUTATIONS["addFeedback"] = (
    'mutation { addFeedback(input: {microCredentialId: "nope", rating: 3}) { __typename } }',
    {"learner-ben", "other-learner", "importer", "admin"},
)
MUTATIONS["setSuiteMembers"] = (
    'mutation { setSuiteMembers(suiteId: "nope", members: []) { __typename } }',
    {"importer", "admin"},
)
MUTATIONS["issueCredential"] = (
    'mutation { issueCredential(learnerId: "nope", itemId: "nope") { __typename } }',
    {"registrar", "admin"},
)
MUTATIONS["issueCredentials"] = (
    'mutation { issueCredentials(holdings: [{learnerId: "nope", itemId: "nope"}]) { __typename } }',
    {"registrar", "admin"},
)
MUTATIONS["issueTranscript"] = (
    'mutation { issueTranscript(learnerId: "nope") { __typename } }',
    {"registrar", "admin"},
)
MUTATIONS["setVerificationPolicy"] = (
    'mutation { setVerificationPolicy(institutionId: "nope", countedStates: [VERIFIED]) '
    "{ __typename } }",
    {"admin"},
)
MUTATIONS["revokeCredential"] = (
    'mutation { revokeCredential(id: "nope") { __typename } }',
    {"registrar", "admin"},
)
MUTATIONS["registerWebhook"] = (
    'mutation { registerWebhook(url: "https://nope.example/h") { __typename } }',
    {"admin"},
)
for webhook_mutation in ("removeWebhook", "redeliverWebhook", "pauseWebhook"):
    MUTATIONS[webhook_mutation] = (
        f'mutation {{ {webhook_mutation}(id: "nope") {{ __typename }} }}',
        {"admin"},
    )
MUTATIONS["importData"] = (
    'mutation { importData(format: CSV, files: [{name: "x.csv", content: "id"}], dryRun: true) '
    "{ __typename } }",
    {"importer", "admin"},
)


def test_every_mutation_of_the_schema_is_in_the_matrix(schema: strawberry.Schema) -> None:
    mutation = schema._schema.mutation_type
    assert mutation is not None and set(mutation.fields) == set(MUTATIONS)


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema(SETTINGS)


def context(graph: Graph, caller: str) -> Context:
    return Context(
        graph=graph,
        settings=SETTINGS,
        request_id="matrix",
        principal=principal_from(CALLERS[caller], SETTINGS),
    )


async def test_learner_data_under_every_role(schema: strawberry.Schema, demo_graph: Graph) -> None:
    wrong = []
    for field, query in LEARNER_FIELDS.items():
        for caller in CALLERS:
            result = await schema.execute(query, context_value=context(demo_graph, caller))
            codes = [(e.extensions or {}).get("code") for e in result.errors or []]
            denied = codes[:1] == ["UNAUTHORIZED"]
            if result.errors and not denied:
                wrong.append(f"{field} as {caller}: unexpected {result.errors[0].message}")
            elif denied == learner_field_allowed(field, caller):
                wrong.append(f"{field} as {caller}: {'denied' if denied else 'allowed'}")
    assert wrong == []


async def test_every_mutation_under_every_role(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    wrong = []
    for name, (mutation, allowed) in MUTATIONS.items():
        for caller in CALLERS:
            result = await schema.execute(mutation, context_value=context(demo_graph, caller))
            assert result.errors is None, (name, caller, result.errors)
            assert result.data is not None
            forbidden = result.data[name]["__typename"] == "Forbidden"
            if forbidden == (caller in allowed):
                wrong.append(f"{name} as {caller}: {'forbidden' if forbidden else 'allowed'}")
    assert wrong == []


def test_rejected_tokens_say_why_and_are_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    expired = principal_from(CALLERS["expired-admin"], SETTINGS)
    forged = principal_from(CALLERS["forged-admin"], SETTINGS)
    assert (expired.roles, expired.token_problem) == (
        frozenset({Role.PUBLIC}),
        "the token has expired",
    )
    assert forged.token_problem is not None and "InvalidSignatureError" in forged.token_problem
    for header in (CALLERS["expired-admin"], CALLERS["forged-admin"]):
        assert header.split()[1] not in caplog.text
    assert principal_from("Basic abc", SETTINGS).subject == "anonymous"
    ben = principal_from(CALLERS["learner-ben"], SETTINGS)
    assert (ben.subject, ben.learner_id, Role.LEARNER in ben.roles) == ("ben", "learner-ben", True)
