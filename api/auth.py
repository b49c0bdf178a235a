"""Who is calling: bearer JWTs (HS256 with a shared secret, or RS256 with a public key) carrying
roles, and what each role may do. The token itself is never logged."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import StrEnum

import jwt

from graph.settings import Settings

log = logging.getLogger(__name__)


class Role(StrEnum):
    """The roles a bearer token may carry."""

    PUBLIC = "public"  # the published catalogue; no token needed
    LEARNER = "learner"  # their own record, plans and feedback
    ADVISOR = "advisor"  # any learner's record and plans
    REGISTRAR = "registrar"  # learners' credit; institutions, courses, programs, transfer data
    IMPORTER = "importer"  # bulk writes of catalogue data
    ADMIN = "admin"  # everything


@dataclass(frozen=True)
class Principal:
    """The caller of a request: subject, roles, own learner id, and why a token was refused."""

    subject: str
    roles: frozenset[Role] = frozenset({Role.PUBLIC})
    learner_id: str | None = None  # the learner a learner-role token speaks for
    token_problem: str | None = None  # why a presented token was not accepted

    def has(self, *roles: Role) -> bool:
        """Whether the caller is an admin or holds any of `roles`."""
        return Role.ADMIN in self.roles or any(r in self.roles for r in roles)


ANONYMOUS = Principal("anonymous")
ADMIN = Principal("admin", frozenset({Role.ADMIN}))

# Who may read any learner's data (a learner may read only their own).
LEARNER_DATA = (Role.ADVISOR, Role.REGISTRAR)
# Who may write catalogue entities; registrars also write the ones they own.
ENTITY_WRITERS = (Role.IMPORTER,)
REGISTRAR_ENTITIES = frozenset({"Institution", "Course", "Program"})


def mint(
    settings: Settings,
    subject: str,
    roles: list[Role],
    learner_id: str | None = None,
    minutes: int = 60,
) -> str:
    """A development token signed with the configured HS256 secret."""
    if settings.jwt_secret is None:
        raise ValueError("CREDGRAPH_JWT_SECRET is not set: no key to sign tokens with")
    now = dt.datetime.now(dt.UTC)
    claims: dict[str, object] = {
        "sub": subject,
        "roles": [r.value for r in roles],
        "iat": now,
        "exp": now + dt.timedelta(minutes=minutes),
    }
    if learner_id:
        claims["learner"] = learner_id
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def principal_from(authorization: str, settings: Settings) -> Principal:
    """The caller of a request, from its Authorization header (anonymous when absent)."""
    scheme, _, token = authorization.partition(" ")
    if not authorization or scheme.lower() != "bearer" or not token.strip():
        return ANONYMOUS
    keys: list[tuple[str, str]] = []
    if settings.jwt_secret is not None and settings.jwt_secret.get_secret_value():
        keys.append((settings.jwt_secret.get_secret_value(), "HS256"))
    if settings.jwt_public_key:
        keys.append((settings.jwt_public_key, "RS256"))
    if not keys:
        return Principal("anonymous", token_problem="this server accepts no tokens (no key set)")  # noqa: S106 - a reason, not a password
    problem = "invalid token"
    for key, algorithm in keys:
        try:
            claims = jwt.decode(
                token.strip(), key, algorithms=[algorithm], options={"require": ["exp", "sub"]}
            )
        except jwt.ExpiredSignatureError:
            problem = "the token has expired"
            break
        except jwt.InvalidTokenError as error:
            problem = f"invalid token ({type(error).__name__})"
            continue
        roles = frozenset(
            Role(r) for r in claims.get("roles", []) if r in Role.__members__.values()
        )
        learner = claims.get("learner")
        return Principal(
            subject=str(claims["sub"]),
            roles=roles | {Role.PUBLIC},
            learner_id=str(learner) if learner else None,
        )
    log.warning("rejected bearer token: %s", problem)  # never the token itself
    return Principal("anonymous", token_problem=problem)
