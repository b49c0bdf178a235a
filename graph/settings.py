"""Settings, read from the environment once at an entry point and passed down."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.models import VerificationState
from graph.planning.verification import DEFAULT_COUNTED

NEO4J_VERSION = "5.26.30"


def _default_corpus_dir() -> Path | None:
    candidate = Path.cwd().parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None


class Environment(StrEnum):
    """Where the service runs: development, test or production."""

    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every knob of credgraph. Neo4j connection settings use the conventional NEO4J_* names."""

    model_config = SettingsConfigDict(env_prefix="CREDGRAPH_", extra="ignore", frozen=True)

    environment: Environment = Environment.DEVELOPMENT

    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_URI", "CREDGRAPH_NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_USER", "NEO4J_USERNAME", "CREDGRAPH_NEO4J_USER"),
    )
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_PASSWORD", "CREDGRAPH_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "CREDGRAPH_NEO4J_DATABASE")
    )
    neo4j_max_pool_size: int = 50
    # Server-side limit for every Cypher query the service runs (seconds).
    query_timeout_seconds: float = 10.0
    # Limit for one explicit write transaction (a whole import can be large).
    write_timeout_seconds: float = 300.0

    # Local Neo4j started from Maven Central jars when no NEO4J_URI is given.
    home: Path = Field(default_factory=lambda: Path.cwd() / ".credgraph")
    cache_dir: Path = Field(default_factory=lambda: Path.home() / ".cache" / "credgraph")
    neo4j_version: str = NEO4J_VERSION
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"

    host: str = "127.0.0.1"
    # API worker processes (`credgraph serve`): each has its own driver; 2 suits a 2-core host.
    workers: int = 1
    port: int = 8000
    # Bearer JWTs: an HS256 shared secret and/or an RS256 public key (PEM). Development
    # generates a secret when none is set; production refuses to start without a key.
    jwt_secret: SecretStr | None = None
    jwt_public_key: str | None = None
    graphiql: bool = True
    max_query_depth: int = 10
    max_page_size: int = 100
    # Abuse limits, checked before any resolver runs (and so before Neo4j is touched).
    max_aliases: int = 30
    max_tokens: int = 3000
    max_cost: int = 50_000
    max_body_bytes: int = 100_000
    # Importer and admin tokens may send larger bodies (importData carries whole files).
    max_import_body_bytes: int = 50_000_000
    # Introspection: on unless set; production turns it off unless asked for.
    introspection: bool | None = None
    cors_origins: tuple[str, ...] = ()
    # A JSON allow-list {sha256: query}: when set, only those operations run (`credgraph persist`).
    persisted_queries: Path | None = None
    # Answers to anonymous queries (public catalogue data), kept per worker and served while the
    # graph's write generation is unchanged: memory budget in MB, 0 turns the cache off.
    response_cache_mb: int = Field(default=64, ge=0)
    # Entity reads compiled into one Cypher statement per operation (decision 28); off: every
    # operation resolves field by field.
    compiled_reads: bool = True

    corpus_dir: Path | None = Field(default_factory=_default_corpus_dir)

    # The CASE provider (docs/case-provider.md): the base URL its URIs point at (e.g.
    # https://credgraph.example.org); unset: the base of each request.
    public_url: str | None = None
    # Hosts `credgraph import case URL` may fetch from (host or host:port); none: it never fetches.
    import_hosts: tuple[str, ...] = ()
    # The change log (docs/changes.md): compaction (`credgraph changes compact`) removes events
    # older than this many days that every registered subscriber has received; 0 keeps all.
    change_retention_days: int = Field(default=30, ge=0)
    # How often a `changes` subscription looks for new events (seconds).
    change_poll_seconds: float = Field(default=0.5, gt=0)

    # Webhooks on the change log (docs/changes.md, Webhooks). Delivery runs in the service
    # process when on (and always in `credgraph deliver`).
    webhooks: bool = False
    # Hosts webhook URLs may point at (host or host:port); none: no webhook can be registered.
    webhook_hosts: tuple[str, ...] = ()
    # The CloudEvents `source` of deliveries; unset: CREDGRAPH_PUBLIC_URL, else urn:credgraph.
    webhook_source: str | None = None
    # A subscriber is delivered by the process holding its lease, renewed every third of it;
    # another process takes over this long after the holder stopped renewing.
    webhook_lease_seconds: float = Field(default=10.0, gt=0)
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    # Back-off between failed attempts: base * 2^(attempt-1), at most the max; after
    # max_attempts failures in a row the subscriber is dead-lettered.
    webhook_retry_base_seconds: float = Field(default=1.0, gt=0)
    webhook_retry_max_seconds: float = Field(default=300.0, gt=0)
    webhook_max_attempts: int = Field(default=10, ge=1)

    # Verifiable credentials (docs/credentials.md). Issuer signing keys: one 0700 folder per
    # institution of 0600 PEM files, under this directory (default: <home>/issuer-keys); for
    # production, point it at a mounted secret.
    issuer_keys_dir: Path | None = None
    # The host (and port) in the institutions' DIDs: did:web:<domain>:issuers:<institution id>.
    credential_domain: str = "localhost:8000"
    # Issuers (DIDs or URLs) whose credentials are trusted; unset: every issuer is accepted.
    trusted_issuers: tuple[str, ...] | None = None
    # Hosts the verifier may fetch DID documents and status lists from; none: it never fetches.
    credential_hosts: tuple[str, ...] = ()
    # A folder whose index.json maps URLs to files there: look-ups answered offline.
    credential_files: Path | None = None
    resolver_timeout_seconds: float = 5.0
    # Which verification states count for transfer credit (a holding never checked counts).
    counted_verification_states: tuple[VerificationState, ...] = tuple(sorted(DEFAULT_COUNTED))

    @field_validator("jwt_secret", "neo4j_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _production_needs_secrets(self) -> Settings:
        if self.environment is Environment.PRODUCTION:
            if self.jwt_secret is None and not self.jwt_public_key:
                raise ValueError("CREDGRAPH_JWT_SECRET or CREDGRAPH_JWT_PUBLIC_KEY must be set")
            if self.neo4j_uri is None:
                raise ValueError("NEO4J_URI must be set in production")
        return self

    @field_validator("public_url")
    @classmethod
    def _base_without_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") or None if value else None

    @property
    def introspection_enabled(self) -> bool:
        """Whether GraphQL introspection is on (the setting, else off only in production)."""
        if self.introspection is not None:
            return self.introspection
        return self.environment is not Environment.PRODUCTION

    @property
    def issuer_keys_path(self) -> Path:
        """Where institutions' credential signing keys are kept."""
        return self.issuer_keys_dir or self.home / "issuer-keys"

    @property
    def local_neo4j_home(self) -> Path:
        """Where the local Neo4j server keeps its data and configuration."""
        return self.home / "neo4j"
