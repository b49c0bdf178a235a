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
from collections.abc import Sequence

from graph import models as m
from importers import csv_builders
from importers.base import UNFORESEEN, ImportBatch
from importers.csv_rows import Column, Template, rows_of, template_for
from importers.files import SourceFile

ID = Column(
    "id",
    "your stable id for this row (letters, digits, `_.:/#-`); re-import updates it",
    required=True,
)
NAME = Column("name", "display name", required=True)
INSTITUTION = Column("institution", "id of the institution that offers it", "inst-lakeshore", True)
UNIT = Column("creditUnit", "CREDIT_HOUR, ECTS, COURSE_CREDIT or INSTRUCTIONAL_HOUR", "CREDIT_HOUR")
COMPETENCIES = Column("competencies", "ids of the competencies it teaches, `;`-separated", "c-sql")
TEACHING = (
    Column("teachingLevel", "level at which it teaches its competencies", "introductory"),
    Column("notAssessed", "ids among `competencies` taught but not assessed, `;`-separated"),
)
DESIGN = (
    Column("modules", "number of modules", "4"),
    Column("outcomesPerModule", "learning outcomes per module", "3"),
    Column("activities", "learning activities", "8"),
    Column("facilitatedSessions", "facilitated (live) sessions", "4"),
    Column("pedagogy", "pedagogical approach", "Bloom's taxonomy"),
    Column("instructionalDesign", "instructional design model", "action mapping"),
    Column("uxElements", "learner experience elements, `;`-separated", "overview;discussion"),
)
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
            csv_builders.institutions,
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
                Column("alignsTo", "ids of competencies (e.g. ESCO) it aligns to, `;`-separated"),
                Column(
                    "alignMatch",
                    "EXACT, CLOSE, BROAD, NARROW or RELATED (default RELATED)",
                    "EXACT",
                ),
            ),
            csv_builders.competencies,
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
                *TEACHING,
                PREREQUISITES,
            ),
            csv_builders.courses,
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
                    "CAPSTONE, LETTER_GRADE, SELF_ASSESSMENT or PASS_FAIL",
                    "PASS_FAIL",
                ),
                Column("assessmentMethods", "`;`-separated", "project;quiz"),
                *DESIGN,
                COMPETENCIES,
                *TEACHING,
                PREREQUISITES,
                Column("suite", "id of the suite it belongs to", "suite-data"),
                Column("suiteCore", "true when core to the suite", "true"),
                Column("suitePosition", "position in a progressive suite (1, 2, ...)", "1"),
                Column("stacksInto", "ids of micro-credentials, programs or suites it stacks into"),
                Column("supersedes", "ids of earlier editions it replaces, `;`-separated"),
                Column(
                    "facilitatorCompetencies",
                    "ids of the competencies its facilitators need, `;`-separated",
                ),
            ),
            csv_builders.micro_credentials,
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
                Column("hours", "exact hours every member takes (instead of a range)", ""),
                Column("weeks", "exact weeks (instead of a range)", ""),
                Column(
                    "outcomeType",
                    "CAPSTONE, LETTER_GRADE, SELF_ASSESSMENT or PASS_FAIL",
                    "PASS_FAIL",
                ),
                Column("assessmentMethods", "the members' assessment, `;`-separated", "project"),
                *DESIGN,
                Column(
                    "allowedDeviations",
                    'a JSON array of {"field", "members", "reason"}: standard elements that may'
                    " differ, for which members (none: any), and why",
                ),
                Column(
                    "requiredEndorsementKinds",
                    "`;`-separated: CO_DESIGNED, HIRING_FACTOR, ON_THE_JOB_TRAINING, RECOGNIZED",
                    "CO_DESIGNED",
                ),
            ),
            csv_builders.suites,
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
            csv_builders.programs,
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
            csv_builders.rules,
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
            csv_builders.agreements,
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
            csv_builders.transfer_values,
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
            csv_builders.holdings,
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
            csv_builders.evidence,
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
        "unknown, and every row has a cell for every column (a row short of one is an error: the",
        "cells after a left-out one would land in the wrong columns). Lists of ids are",
        "`;`-separated. Rows may refer to ids in other files of the same import or already in the",
        "graph.",
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


def parse(
    paths: Sequence[SourceFile], template: str | None = None, source: m.Source = m.Source.CSV
) -> ImportBatch:
    """Filled-in templates into one batch (template from each file name, or `template`); the
    nodes record `source` (the demo data's files: DEMO)."""
    batch = ImportBatch()
    for path in paths:
        chosen = template_for(path, template, TEMPLATES)
        for row in rows_of(path, chosen, source):
            try:
                chosen.build(row, batch)
            except UNFORESEEN as error:
                raise row.fail("-", f"unexpected value ({error})") from None
    return batch
