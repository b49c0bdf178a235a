"""CSV templates an institution can fill in without any standard.

One template per kind of data; `credgraph import template NAME` writes the header and an example
row, `credgraph import csv FILE...` reads filled-in files (the template is the file name's start,
e.g. `courses-2026.csv`, or `--template`). Columns are read by header; a cell listing several ids
separates them with `;`. Column names are the GraphQL field names, so errors name them as such.
The column docs below are the single source: docs/csv-templates.md is generated from them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from graph import models as m
from graph.relations import RelType
from importers.base import UNFORESEEN, ImportBatch, SourceError
from importers.files import SourceFile, file_stem, open_text
from importers.openbadges import LETTER_GRADES


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    example: str = ""
    required: bool = False


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str | None:
        value = (self.values.get(column) or "").strip()
        return value or None

    def ids(self, column: str) -> list[str]:
        return [v.strip() for v in (self.get(column) or "").split(";") if v.strip()]

    def fail(self, column: str, message: str) -> SourceError:
        return SourceError(self.file, f"line {self.line}", column, message)

    def fields(self, *columns: str) -> dict[str, str]:
        """The non-empty cells of these columns, keyed by column (= model alias)."""
        return {c: v for c in columns if (v := self.get(c)) is not None}

    def model(self, model: type[BaseModel], **values: Any) -> Any:
        try:
            return model.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as error:
            first = error.errors()[0]
            column = str(first["loc"][0]) if first["loc"] else "-"
            raise self.fail(column, first["msg"]) from None

    def grade(self, column: str) -> float | None:
        value = self.get(column)
        if value is None:
            return None
        if value.upper() in LETTER_GRADES:
            return LETTER_GRADES[value.upper()]
        try:
            grade = float(value.rstrip("%"))
        except ValueError:
            raise self.fail(
                column, f"{value!r} is neither a percentage nor a letter grade"
            ) from None
        if not 0 <= grade <= 100:
            raise self.fail(column, f"{value} is not between 0 and 100")
        return grade


Build = Callable[[Row, ImportBatch], None]


@dataclass(frozen=True)
class Template:
    name: str
    doc: str
    columns: tuple[Column, ...]
    build: Build

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _node(row: Row, batch: ImportBatch, model: type[m.Node], *columns: str, **extra: Any) -> str:
    node = row.model(model, source=m.Source.CSV, **row.fields(*columns), **extra)
    batch.nodes.append(node)
    return str(node.id)


def _links(
    row: Row, batch: ImportBatch, rel: RelType, me: str, column: str, out: bool = True
) -> None:
    for other in row.ids(column):
        batch.link(rel, me, other) if out else batch.link(rel, other, me)


def _institutions(row: Row, batch: ImportBatch) -> None:
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


def _competencies(row: Row, batch: ImportBatch) -> None:
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


def _courses(row: Row, batch: ImportBatch) -> None:
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


def _micro_credentials(row: Row, batch: ImportBatch) -> None:
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


def _suites(row: Row, batch: ImportBatch) -> None:
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


def _programs(row: Row, batch: ImportBatch) -> None:
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


def _rules(row: Row, batch: ImportBatch) -> None:
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


def _agreements(row: Row, batch: ImportBatch) -> None:
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


def _transfer_values(row: Row, batch: ImportBatch) -> None:
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


def _holdings(row: Row, batch: ImportBatch) -> None:
    learner = _learner(row, batch)
    props = row.model(
        m.Earned, date=row.get("date"), grade=row.grade("grade"), expires=row.get("expires")
    )
    batch.link(RelType.EARNED, learner, row.get("item") or "", props)


def _evidence(row: Row, batch: ImportBatch) -> None:
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


ID = Column(
    "id",
    "your stable id for this row (letters, digits, `_.:/#-`); re-import updates it",
    required=True,
)
NAME = Column("name", "display name", required=True)
INSTITUTION = Column("institution", "id of the institution that offers it", "inst-lakeshore", True)
UNIT = Column("creditUnit", "CREDIT_HOUR, ECTS, COURSE_CREDIT or INSTRUCTIONAL_HOUR", "CREDIT_HOUR")
COMPETENCIES = Column("competencies", "ids of the competencies it teaches, `;`-separated", "c-sql")
PREREQUISITES = Column("prerequisites", "ids of the items it requires first, `;`-separated")
DESCRIPTION = Column("description", "free text")

TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template(
            "institutions",
            "Colleges, universities and providers, with their credit unit.",
            (
                Column("id", ID.doc, "inst-lakeshore", True),
                Column("name", NAME.doc, "Lakeshore College", True),
                Column(
                    "kind", "COLLEGE, UNIVERSITY, PROVIDER, EMPLOYER_TRAINING or OTHER", "COLLEGE"
                ),
                Column("jurisdiction", "province or country", "ON"),
                UNIT,
                Column("maxTransferCredits", "cap on transfer credit a learner may receive", "30"),
                Column(
                    "courseCreditInCreditHours", "for COURSE_CREDIT: credit hours per course credit"
                ),
            ),
            _institutions,
        ),
        Template(
            "competencies",
            "Local learning outcomes, in a framework of your own or one already loaded.",
            (
                Column("id", ID.doc, "c-sql", True),
                Column("name", NAME.doc, "Write SQL queries", True),
                Column("framework", "id of the framework it belongs to", "fw-lakeshore", True),
                Column(
                    "frameworkName",
                    "creates that framework (kind LOCAL) under this name",
                    "Lakeshore outcomes",
                ),
                Column("code", "outcome code", "DB-1"),
                DESCRIPTION,
                Column("kind", "KNOWLEDGE, SKILL, COMPETENCE or OTHER", "SKILL"),
                Column("broader", "ids of broader competencies, `;`-separated"),
            ),
            _competencies,
        ),
        Template(
            "courses",
            "Formal courses, what they teach and what they require.",
            (
                Column("id", ID.doc, "lk-cs101", True),
                Column("name", NAME.doc, "Introduction to Programming", True),
                INSTITUTION,
                Column("code", "the course code", "CS 101"),
                DESCRIPTION,
                Column("credits", "credit value, in creditUnit", "3"),
                UNIT,
                Column("level", "course level (e.g. 100, upper division)", "100"),
                Column("hours", "instructional hours", "45"),
                Column("cost", "tuition, in the institution's currency", "650"),
                COMPETENCIES,
                PREREQUISITES,
            ),
            _courses,
        ),
        Template(
            "micro-credentials",
            "Micro-credentials with their effort, credit, suite membership and stacking.",
            (
                Column("id", ID.doc, "mc-sql-basics", True),
                Column("name", NAME.doc, "SQL Basics", True),
                INSTITUTION,
                DESCRIPTION,
                Column("version", "version label", "1.0"),
                Column(
                    "status", "DRAFT, IN_REVIEW, PUBLISHED, RETIRED (default DRAFT)", "PUBLISHED"
                ),
                Column("hours", "learner effort in hours", "20"),
                Column("weeks", "duration in weeks", "4"),
                Column("credits", "credit value when credit bearing", "1"),
                UNIT,
                Column("creditBearing", "true or false", "true"),
                Column("cost", "fee", "150"),
                Column("language", "language code", "en"),
                Column("deliveryMode", "online, in person, hybrid", "online"),
                Column(
                    "outcomeType",
                    "PASS_FAIL, LETTER_GRADE, PERCENTAGE, COMPETENCY_BASED",
                    "PASS_FAIL",
                ),
                Column("assessmentMethods", "`;`-separated", "project;quiz"),
                COMPETENCIES,
                PREREQUISITES,
                Column("suite", "id of the suite it belongs to", "suite-data"),
                Column("suiteCore", "true when core to the suite", "true"),
                Column("suitePosition", "position in a progressive suite (1, 2, ...)", "1"),
                Column("stacksInto", "ids of micro-credentials, programs or suites it stacks into"),
            ),
            _micro_credentials,
        ),
        Template(
            "suites",
            "Suites of micro-credentials and the standards their members must meet.",
            (
                Column("id", ID.doc, "suite-data", True),
                Column("name", NAME.doc, "Data Analytics Suite", True),
                INSTITUTION,
                DESCRIPTION,
                Column("audience", "who it is for", "career changers"),
                Column("subjectArea", "subject area", "data"),
                Column("approach", "PROGRESSIVE, MODULAR or HYBRID", "PROGRESSIVE"),
                Column("hoursMin", "least hours a member may take", "15"),
                Column("hoursMax", "most hours a member may take", "40"),
                Column("weeksMin", "least weeks", "2"),
                Column("weeksMax", "most weeks", "8"),
                Column(
                    "requiredEndorsementKinds",
                    "`;`-separated: CO_DESIGNED, HIRING_FACTOR, ON_THE_JOB_TRAINING, RECOGNIZED",
                    "CO_DESIGNED",
                ),
            ),
            _suites,
        ),
        Template(
            "programs",
            "Programs (diplomas, degrees, certificates); their rules go in the rules template.",
            (
                Column("id", ID.doc, "lk-cs-diploma", True),
                Column("name", NAME.doc, "Computer Systems Diploma", True),
                INSTITUTION,
                DESCRIPTION,
                Column("credentialType", "diploma, degree, certificate, ...", "diploma"),
                Column("requiredCredits", "credits needed, in creditUnit", "60"),
                UNIT,
                Column("residencyMinCredits", "credits that must be taken here", "15"),
            ),
            _programs,
        ),
        Template(
            "rules",
            "Completion rule trees: one row per rule; a top rule names its owner, an inner rule "
            "its parent.",
            (
                Column("id", ID.doc, "lk-cs-core", True),
                Column("name", "what the rule is", "Core courses"),
                Column(
                    "owner",
                    "program, micro-credential or suite the top rule belongs to",
                    "lk-cs-diploma",
                ),
                Column("parent", "id of the rule this one is an option of (instead of owner)"),
                Column("op", "ALL, ANY or AT_LEAST", "ALL", True),
                Column("count", "for AT_LEAST: how many options", ""),
                Column("minCredits", "credits the chosen options must sum to", ""),
                Column(
                    "options",
                    "ids of items, competencies or rules, `;`-separated",
                    "lk-cs101;mc-sql-basics",
                ),
            ),
            _rules,
        ),
        Template(
            "agreements",
            "Transfer agreements between two institutions.",
            (
                Column("id", ID.doc, "agr-nl-lk", True),
                Column("name", "agreement title", "Northern Lakes to Lakeshore"),
                Column("kind", "COURSE_TO_COURSE, BLOCK or ADVANCED_STANDING", "COURSE_TO_COURSE"),
                Column("sending", "id of the sending institution", "inst-northern", True),
                Column("receiving", "id of the receiving institution", "inst-lakeshore", True),
                Column("signed", "date signed (YYYY-MM-DD)", "2024-05-01"),
                Column("effectiveFrom", "first day in force", "2024-09-01"),
                Column("effectiveTo", "last day in force", ""),
            ),
            _agreements,
        ),
        Template(
            "transfer-values",
            "Articulation rules: what a learner must hold (from) and what it earns here (for).",
            (
                Column("id", ID.doc, "tv-nl-cs101", True),
                Column("name", "label", ""),
                Column(
                    "from",
                    "ids the learner must hold, `;`-separated (all of them)",
                    "mc-sql-basics",
                    True,
                ),
                Column("for", "id of the course, program or rule it earns", "lk-cs101"),
                Column("credits", "credit granted, in creditUnit", "3"),
                UNIT,
                Column("minGrade", "least grade: a percentage or a letter (A+ .. F)", "C"),
                Column("effectiveFrom", "first day the rule applies", "2024-09-01"),
                Column("effectiveTo", "last day the rule applies", ""),
                Column("maxAgeYears", "how old the holding may be, in years", "10"),
                Column("allowChaining", "true when a further rule may build on it", "false"),
                Column("conditions", "free text", ""),
                Column("approvedBy", "who approved it", "registrar"),
                Column("evidence", "what the decision rests on", ""),
                Column("agreement", "id of the agreement that includes it", "agr-nl-lk"),
            ),
            _transfer_values,
        ),
        Template(
            "holdings",
            "What learners earned: one row per learner and item.",
            (
                Column(
                    "learner",
                    "pseudonymous learner id (never a name or email)",
                    "learner-0042",
                    True,
                ),
                Column("displayName", "pseudonymous display name", "Learner 42"),
                Column(
                    "item",
                    "id of the micro-credential, course or program earned",
                    "mc-sql-basics",
                    True,
                ),
                Column("date", "date earned (YYYY-MM-DD)", "2025-04-30"),
                Column("grade", "a percentage or a letter (A+ .. F)", "B+"),
                Column("expires", "date it lapses, if it does", ""),
            ),
            _holdings,
        ),
        Template(
            "evidence",
            "Prior learning evidence and the competencies it demonstrates.",
            (
                Column("id", ID.doc, "ev-0042-1", True),
                Column("learner", "pseudonymous learner id", "learner-0042", True),
                Column("displayName", "pseudonymous display name", ""),
                Column("name", "short title", "Two years as a data clerk"),
                Column(
                    "kind",
                    "WORK_EXPERIENCE, PORTFOLIO, CHALLENGE_EXAM, MILITARY, INDUSTRY_CERT, "
                    "COURSE_ELSEWHERE or OTHER",
                    "WORK_EXPERIENCE",
                ),
                DESCRIPTION,
                Column("hours", "hours of learning it stands for", "120"),
                Column("date", "date of the evidence", "2024-06-30"),
                Column("expires", "date it lapses", ""),
                Column(
                    "verifiedBy",
                    "who verified it (unverified evidence does not count)",
                    "advisor-7",
                ),
                Column("competencies", "ids demonstrated, `;`-separated", "c-sql", True),
                Column("level", "level demonstrated", "intermediate"),
            ),
            _evidence,
        ),
    )
}


def template_csv(name: str) -> str:
    template = TEMPLATES[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in template.columns])
    writer.writerow([c.example for c in template.columns])
    return out.getvalue()


def template_docs() -> str:
    """docs/csv-templates.md: every template's columns."""
    lines = [
        "# CSV templates",
        "",
        "Generated by `credgraph import template --docs` from `importers/csv_templates.py`.",
        "`credgraph import template NAME` writes `NAME.csv` with the header and an example row;",
        "`credgraph import csv FILE...` loads filled-in files in one transaction (the template is",
        "the start of the file name, or `--template NAME`). Columns are matched by header, in any",
        "order; unknown columns are an error (a typo would otherwise drop data); empty cells mean",
        "unknown. Lists of ids are `;`-separated. Rows may refer to ids in other files of the same",
        "import or already in the graph.",
        "",
    ]
    for template in TEMPLATES.values():
        lines += [
            f"## {template.name}",
            "",
            template.doc,
            "",
            "| column | required | meaning | example |",
        ]
        lines.append("|---|---|---|---|")
        for c in template.columns:
            lines.append(f"| `{c.name}` | {'yes' if c.required else ''} | {c.doc} | {c.example} |")
        lines.append("")
    return "\n".join(lines)


def _template_for(path: SourceFile, forced: str | None) -> Template:
    if forced:
        if forced not in TEMPLATES:
            raise SourceError(str(path), "file", "template", f"unknown template {forced!r}")
        return TEMPLATES[forced]
    stem = file_stem(path).lower()
    for name in sorted(TEMPLATES, key=len, reverse=True):
        if stem.startswith(name):
            return TEMPLATES[name]
    raise SourceError(
        str(path), "file name", "template", f"starts with none of: {', '.join(TEMPLATES)}"
    )


def _rows(path: SourceFile, template: Template) -> Iterator[Row]:
    try:
        handle = open_text(path, "utf-8-sig", newline="")
    except OSError as error:
        raise SourceError(str(path), "file", "-", error.strerror or "cannot be read") from None
    with handle:
        reader = csv.DictReader(handle, strict=True)
        try:
            header = reader.fieldnames or []
            known = {c.name for c in template.columns}
            for number, column in enumerate(header, start=1):
                if column not in known:
                    # a blank header cell is named by its position, so the error still says where
                    named = column if column.strip() else f"column {number} (no name)"
                    raise SourceError(
                        str(path), "line 1 (header)", named, f"unknown column for {template.name}"
                    )
            for column in template.required:
                if column not in header:
                    raise SourceError(str(path), "line 1 (header)", column, "column is missing")
            while True:
                starts = reader.line_num + 1  # a quoted cell may run to the end of the file
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    raise SourceError(
                        str(path), f"line {starts}", "-", f"malformed CSV: {error}"
                    ) from None
                if None in values:
                    raise SourceError(
                        str(path), f"line {reader.line_num}", "-", "more cells than columns"
                    )
                row = Row(str(path), reader.line_num, values)
                for column in template.required:
                    if row.get(column) is None:
                        raise row.fail(column, "is empty")
                yield row
        except (csv.Error, UnicodeDecodeError) as error:
            raise SourceError(
                str(path), f"line {reader.line_num}", "-", f"malformed CSV: {error}"
            ) from None


def parse(paths: Sequence[SourceFile], template: str | None = None) -> ImportBatch:
    batch = ImportBatch()
    for path in paths:
        chosen = _template_for(path, template)
        for row in _rows(path, chosen):
            try:
                chosen.build(row, batch)
            except UNFORESEEN as error:
                raise row.fail("-", f"unexpected value ({error})") from None
    return batch
