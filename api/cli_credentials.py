"""`credgraph credential ...`: verify credential files, show an institution's DID document, issue
(one holding, many, a transcript) and revoke."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from graph.settings import Settings

credential_app = typer.Typer(help="Verifiable credentials: verify, and the issuers' DID documents.")


def _settings() -> Settings:
    return Settings()


def _report_json(report: Any) -> dict[str, Any]:
    found = asdict(report)
    found["checked_on"] = report.checked_on.isoformat()
    found["reason"] = report.reason
    return found


@credential_app.command("verify")
def verify(
    paths: Annotated[list[Path], typer.Argument(help="credential files: JSON-LD, or a VC-JWT")],
) -> None:
    """Verify credentials as the learner-record importers do and print each report as JSON
    (exit 1 when any is not VERIFIED)."""
    from importers.credentials.report import VerificationState
    from importers.credentials.setup import verifier_from_settings

    verify_one = verifier_from_settings(_settings())
    all_verified = True
    for path in paths:
        text = path.read_text("utf-8-sig").strip()
        document: Any = text if text.count(".") == 2 and not text.startswith("{") else None
        if document is None:
            try:
                document = json.loads(text)
            except ValueError as error:
                raise typer.BadParameter(f"{path}: not JSON and not a JWT ({error})") from None
        report = verify_one(document)
        all_verified = all_verified and report.state is VerificationState.VERIFIED
        typer.echo(json.dumps({"file": str(path), **_report_json(report)}, indent=2))
    if not all_verified:
        raise typer.Exit(1)


@credential_app.command("did")
def did_document(
    institution_id: Annotated[str, typer.Argument(help="the issuing institution's id")],
    rotate: Annotated[bool, typer.Option(help="add a new signing key first")] = False,
) -> None:
    """Print an institution's did:web document (its key is made on first use; never printed)."""
    from importers.credentials.setup import issuer_keys_from_settings

    keys = issuer_keys_from_settings(_settings())
    if rotate:
        keys.rotate(institution_id)
    else:
        keys.signing_key(institution_id)
    typer.echo(json.dumps(keys.did_document(institution_id), indent=2))


def _with_service(work: Any) -> Any:
    """Run `work(service)` against the configured Neo4j; an expected failure is printed (each
    wrong entry on its own line) and exits 1."""
    import asyncio

    from api.resolvers.credentials import credential_service
    from graph.changes import Origin, origin_var
    from graph.connection import resolve_target
    from graph.container import open_graph
    from graph.errors import GraphError, Invalid

    settings = _settings()

    async def run() -> Any:
        origin_var.set(Origin.of_command("credential"))
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            return await work(credential_service(graph, settings))

    try:
        return asyncio.run(run())
    except GraphError as error:
        typer.echo(f"error: {error.message}", err=True)
        for problem in error.problems if isinstance(error, Invalid) else []:
            typer.echo(f"  {problem.field}: {problem.message}", err=True)
        raise typer.Exit(1) from None


@credential_app.command("issue")
def issue(
    learner_id: Annotated[str, typer.Argument(help="the learner who EARNED the item")],
    item_id: Annotated[str, typer.Argument(help="a micro-credential the learner holds")],
) -> None:
    """Issue a learner's holding as a signed OpenBadgeCredential and print it (issueCredential)."""
    import datetime as dt

    document = _with_service(
        lambda service: service.issue(learner_id, item_id, dt.datetime.now(dt.UTC))
    )
    typer.echo(json.dumps(document, indent=2))


@credential_app.command("issue-many")
def issue_many(
    holdings: Annotated[
        list[str], typer.Argument(help="LEARNER=ITEM: a learner id and an item id they EARNED")
    ],
) -> None:
    """Issue many holdings in one transaction and print a JSON list (issueCredentials); when any
    cannot be issued, none is and each such entry is named."""
    import datetime as dt

    pairs = []
    for entry in holdings:
        learner_id, equals, item_id = entry.partition("=")
        if not equals or not learner_id or not item_id:
            raise typer.BadParameter(f"{entry!r} is not LEARNER=ITEM")
        pairs.append((learner_id, item_id))
    documents = _with_service(lambda service: service.issue_many(pairs, dt.datetime.now(dt.UTC)))
    typer.echo(json.dumps(documents, indent=2))


@credential_app.command("transcript")
def transcript(
    learner_id: Annotated[str, typer.Argument(help="the learner whose holdings to issue")],
) -> None:
    """Issue a learner's transcript as a signed CLR 2.0 ClrCredential and print it
    (issueTranscript)."""
    import datetime as dt

    document = _with_service(
        lambda service: service.transcript(learner_id, dt.datetime.now(dt.UTC))
    )
    typer.echo(json.dumps(document, indent=2))


@credential_app.command("revoke")
def revoke(
    credential_id: Annotated[str, typer.Argument(help="the id of a credential credgraph issued")],
) -> None:
    """Revoke a credential credgraph issued (its status list bit is set; as revokeCredential)."""
    import datetime as dt
    import getpass

    # the CLI has no token: the operating-system user is who revoked it
    actor = f"cli:{getpass.getuser()}"
    index = _with_service(
        lambda service: service.revoke(credential_id, dt.datetime.now(dt.UTC), actor)
    )
    typer.echo(f"revoked {credential_id} (status list index {index})")
