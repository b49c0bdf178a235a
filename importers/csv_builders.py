"""What each CSV template's row becomes: nodes (source CSV) and links (importers/csv_templates.py
pairs each builder with its columns; a node takes those that are fields of its model)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import ImportBatch
from importers.csv_rows import Row


@cache
def _field_columns(model: type[m.Node]) -> frozenset[str]:
    """The columns that are fields of `model`: its aliases (the GraphQL field names)."""
    return frozenset(info.alias or name for name, info in model.model_fields.items())


def _node(row: Row, batch: ImportBatch, model: type[m.Node], **computed: Any) -> str:
    """The row's node: the filled-in cells of every column that is a field of `model` (the
    template is the one list of them), and the `computed` fields; its id."""
    fields = _field_columns(model)
    columns = [c for c in row.values if c in fields and c not in computed]
    node = row.model(model, source=row.source, **row.fields(*columns), **computed)
    batch.nodes.append(node)
    return str(node.id)


def _effort_lists(row: Row) -> dict[str, tuple[str, ...]]:
    return {
        "assessmentMethods": tuple(row.ids("assessmentMethods")),
        "uxElements": tuple(row.ids("uxElements")),
    }


def _deviations(row: Row) -> tuple[Any, ...]:
    """The `allowedDeviations` cell: a JSON array of {field, members, reason} objects."""
    cell = row.get("allowedDeviations")
    if cell is None:
        return ()
    try:
        found = json.loads(cell)
    except ValueError as error:
        raise row.fail("allowedDeviations", f"not a JSON array ({error})") from None
    if not isinstance(found, list):
        raise row.fail("allowedDeviations", "not a JSON array")
    return tuple(row.model(m.AllowedDeviation, **d) if isinstance(d, dict) else d for d in found)


def _links(
    row: Row, batch: ImportBatch, rel: RelType, me: str, column: str, out: bool = True
) -> None:
    for other in row.ids(column):
        batch.link(rel, me, other) if out else batch.link(rel, other, me)


def institutions(row: Row, batch: ImportBatch) -> None:
    """The institutions template's row: its node(s) and links."""
    _node(row, batch, m.Institution)


def competencies(row: Row, batch: ImportBatch) -> None:
    """The competencies template's row: its node(s) and links."""
    me = _node(row, batch, m.Competency)
    framework = row.get("framework") or ""
    if row.get("frameworkName"):
        batch.nodes.append(
            row.model(
                m.Framework,
                id=framework,
                name=row.get("frameworkName"),
                kind=m.FrameworkKind.LOCAL,
                source=row.source,
            )
        )
    batch.link(RelType.IN_FRAMEWORK, me, framework)
    _links(row, batch, RelType.BROADER, me, "broader")
    for target in row.ids("alignsTo"):
        batch.link(RelType.ALIGNS, me, target, row.model(m.Aligns, match=row.get("alignMatch")))


def _teaching(row: Row, batch: ImportBatch, me: str) -> None:
    level, unassessed = row.get("teachingLevel"), set(row.ids("notAssessed"))
    for competency in row.ids("competencies"):
        props = m.Teaches(level=level, assessed=competency not in unassessed)
        batch.link(RelType.TEACHES, me, competency, props)
    _links(row, batch, RelType.REQUIRES, me, "prerequisites")
    _links(row, batch, RelType.OFFERED_BY, me, "institution")


def courses(row: Row, batch: ImportBatch) -> None:
    """The courses template's row: its node(s) and links."""
    me = _node(row, batch, m.Course)
    _teaching(row, batch, me)


def micro_credentials(row: Row, batch: ImportBatch) -> None:
    """The micro credentials template's row: its node(s) and links."""
    me = _node(row, batch, m.MicroCredential, **_effort_lists(row))
    _teaching(row, batch, me)
    _links(row, batch, RelType.SUPERSEDES, me, "supersedes")
    _links(row, batch, RelType.FACILITATION_NEEDS, me, "facilitatorCompetencies")
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
        **_effort_lists(row),
        requiredEndorsementKinds=tuple(row.ids("requiredEndorsementKinds")),
        allowedDeviations=_deviations(row),
    )
    _links(row, batch, RelType.OFFERED_BY, me, "institution")


def programs(row: Row, batch: ImportBatch) -> None:
    """The programs template's row: its node(s) and links."""
    me = _node(row, batch, m.Program)
    _links(row, batch, RelType.OFFERED_BY, me, "institution")


def rules(row: Row, batch: ImportBatch) -> None:
    """The rules template's row: its node(s) and links."""
    me = _node(row, batch, m.Requirement)
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
    me = _node(row, batch, m.TransferAgreement)
    for column, role in (("sending", m.PartyRole.SENDING), ("receiving", m.PartyRole.RECEIVING)):
        for institution in row.ids(column):
            batch.link(RelType.BETWEEN, me, institution, m.Between(role=role))


def transfer_values(row: Row, batch: ImportBatch) -> None:
    """The transfer values template's row: its node(s) and links."""
    me = _node(row, batch, m.TransferValue, minGrade=row.grade("minGrade"))
    if not row.ids("from"):
        raise row.fail("from", "is required")
    _links(row, batch, RelType.FROM, me, "from")
    _links(row, batch, RelType.FOR, me, "for")
    _links(row, batch, RelType.INCLUDES, me, "agreement", out=False)


def _learner(row: Row, batch: ImportBatch) -> str:
    learner = row.get("learner") or ""
    batch.nodes.append(
        row.model(m.Learner, id=learner, displayName=row.get("displayName"), source=row.source)
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
    me = _node(row, batch, m.Evidence)
    batch.link(RelType.HAS_EVIDENCE, learner, me)
    for competency in row.ids("competencies"):
        batch.link(RelType.DEMONSTRATES, me, competency, m.Demonstrates(level=row.get("level")))
