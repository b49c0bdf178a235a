"""What each CSV template's row becomes: nodes (source CSV) and links (importers/csv_templates.py
pairs each builder with its columns)."""

from __future__ import annotations

from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import ImportBatch
from importers.csv_rows import Row


def _node(row: Row, batch: ImportBatch, model: type[m.Node], *columns: str, **extra: Any) -> str:
    node = row.model(model, source=m.Source.CSV, **row.fields(*columns), **extra)
    batch.nodes.append(node)
    return str(node.id)


def _links(
    row: Row, batch: ImportBatch, rel: RelType, me: str, column: str, out: bool = True
) -> None:
    for other in row.ids(column):
        batch.link(rel, me, other) if out else batch.link(rel, other, me)


def institutions(row: Row, batch: ImportBatch) -> None:
    """The institutions template's row: its node(s) and links."""
    _node(
        row,
        batch,
        m.Institution,
        "id",
        "name",
        "kind",
        "jurisdiction",
        "creditUnit",
        "maxTransferCredits",
        "courseCreditInCreditHours",
    )


def competencies(row: Row, batch: ImportBatch) -> None:
    """The competencies template's row: its node(s) and links."""
    me = _node(row, batch, m.Competency, "id", "name", "code", "description", "kind")
    framework = row.get("framework") or ""
    if row.get("frameworkName"):
        batch.nodes.append(
            row.model(
                m.Framework,
                id=framework,
                name=row.get("frameworkName"),
                kind=m.FrameworkKind.LOCAL,
                source=m.Source.CSV,
            )
        )
    batch.link(RelType.IN_FRAMEWORK, me, framework)
    _links(row, batch, RelType.BROADER, me, "broader")


def _teaching(row: Row, batch: ImportBatch, me: str) -> None:
    for competency in row.ids("competencies"):
        batch.link(RelType.TEACHES, me, competency, m.Teaches(assessed=True))
    _links(row, batch, RelType.REQUIRES, me, "prerequisites")
    _links(row, batch, RelType.OFFERED_BY, me, "institution")


def courses(row: Row, batch: ImportBatch) -> None:
    """The courses template's row: its node(s) and links."""
    me = _node(
        row,
        batch,
        m.Course,
        "id",
        "name",
        "code",
        "description",
        "credits",
        "creditUnit",
        "level",
        "hours",
        "cost",
    )
    _teaching(row, batch, me)


def micro_credentials(row: Row, batch: ImportBatch) -> None:
    """The micro credentials template's row: its node(s) and links."""
    me = _node(
        row,
        batch,
        m.MicroCredential,
        "id",
        "name",
        "description",
        "version",
        "status",
        "hours",
        "weeks",
        "credits",
        "creditUnit",
        "creditBearing",
        "cost",
        "language",
        "deliveryMode",
        "outcomeType",
        assessmentMethods=tuple(row.ids("assessmentMethods")),
    )
    _teaching(row, batch, me)
    for suite in row.ids("suite"):
        position = row.get("suitePosition")
        props = row.model(m.InSuite, core=row.get("suiteCore"), position=position)
        batch.link(RelType.IN_SUITE, me, suite, props)
    _links(row, batch, RelType.STACKS_INTO, me, "stacksInto")


def suites(row: Row, batch: ImportBatch) -> None:
    """The suites template's row: its node(s) and links."""
    me = _node(
        row,
        batch,
        m.Suite,
        "id",
        "name",
        "description",
        "audience",
        "subjectArea",
        "approach",
        "hoursMin",
        "hoursMax",
        "weeksMin",
        "weeksMax",
        requiredEndorsementKinds=tuple(row.ids("requiredEndorsementKinds")),
    )
    _links(row, batch, RelType.OFFERED_BY, me, "institution")


def programs(row: Row, batch: ImportBatch) -> None:
    """The programs template's row: its node(s) and links."""
    me = _node(
        row,
        batch,
        m.Program,
        "id",
        "name",
        "description",
        "credentialType",
        "requiredCredits",
        "creditUnit",
        "residencyMinCredits",
    )
    _links(row, batch, RelType.OFFERED_BY, me, "institution")


def rules(row: Row, batch: ImportBatch) -> None:
    """The rules template's row: its node(s) and links."""
    me = _node(row, batch, m.Requirement, "id", "name", "op", "count", "minCredits")
    if row.get("parent") and row.get("owner"):
        raise row.fail("parent", "a rule has an owner or a parent, not both")
    if row.get("owner"):
        batch.link(RelType.HAS_REQUIREMENT, row.get("owner") or "", me)
    elif row.get("parent"):
        batch.link(RelType.OPTION, row.get("parent") or "", me)
    else:
        raise row.fail("owner", "is required when there is no parent")
    _links(row, batch, RelType.OPTION, me, "options")


def agreements(row: Row, batch: ImportBatch) -> None:
    """The agreements template's row: its node(s) and links."""
    me = _node(
        row,
        batch,
        m.TransferAgreement,
        "id",
        "name",
        "kind",
        "signed",
        "effectiveFrom",
        "effectiveTo",
    )
    for column, role in (("sending", m.PartyRole.SENDING), ("receiving", m.PartyRole.RECEIVING)):
        for institution in row.ids(column):
            batch.link(RelType.BETWEEN, me, institution, m.Between(role=role))


def transfer_values(row: Row, batch: ImportBatch) -> None:
    """The transfer values template's row: its node(s) and links."""
    me = _node(
        row,
        batch,
        m.TransferValue,
        "id",
        "name",
        "credits",
        "creditUnit",
        "effectiveFrom",
        "effectiveTo",
        "maxAgeYears",
        "allowChaining",
        "conditions",
        "approvedBy",
        "evidence",
        minGrade=row.grade("minGrade"),
    )
    if not row.ids("from"):
        raise row.fail("from", "is required")
    _links(row, batch, RelType.FROM, me, "from")
    _links(row, batch, RelType.FOR, me, "for")
    _links(row, batch, RelType.INCLUDES, me, "agreement", out=False)


def _learner(row: Row, batch: ImportBatch) -> str:
    learner = row.get("learner") or ""
    batch.nodes.append(
        row.model(m.Learner, id=learner, displayName=row.get("displayName"), source=m.Source.CSV)
    )
    if row.get("displayName") is None:
        batch.stubs.add(learner)  # named in passing: never blanks a known learner's name
    return learner


def holdings(row: Row, batch: ImportBatch) -> None:
    """The holdings template's row: its node(s) and links."""
    learner = _learner(row, batch)
    props = row.model(
        m.Earned, date=row.get("date"), grade=row.grade("grade"), expires=row.get("expires")
    )
    batch.link(RelType.EARNED, learner, row.get("item") or "", props)


def evidence(row: Row, batch: ImportBatch) -> None:
    """The evidence template's row: its node(s) and links."""
    learner = _learner(row, batch)
    me = _node(
        row,
        batch,
        m.Evidence,
        "id",
        "name",
        "kind",
        "description",
        "hours",
        "date",
        "expires",
        "verifiedBy",
    )
    batch.link(RelType.HAS_EVIDENCE, learner, me)
    for competency in row.ids("competencies"):
        batch.link(RelType.DEMONSTRATES, me, competency, m.Demonstrates(level=row.get("level")))
