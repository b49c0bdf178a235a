"""The demo graph: a small, hand-written, Ontario-flavoured story (docs/demo.md tells it).

Loaded by `credgraph seed demo` in one transaction; MERGE on ids makes it idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from graph import models as m
from graph.models import AlignmentMatch as Match
from graph.models import EndorsementKind as Endorse
from graph.relations import RelType as R
from graph.repositories.nodes import Link, NodeRepository

D = dt.date
SRC = m.Source.DEMO


class DemoGraph:
    """Collects nodes and links while the story is written, then writes them all at once."""

    def __init__(self) -> None:
        self.nodes: list[m.Node] = []
        self.links: dict[R, list[Link]] = defaultdict(list)

    def add(self, *nodes: m.Node) -> None:
        self.nodes.extend(nodes)

    def link(self, rel: R, from_id: str, to_id: str, props: m.Model | None = None) -> None:
        self.links[rel].append(Link(from_id, to_id, props))


def build() -> DemoGraph:
    g = DemoGraph()

    # -- institutions: three credit units --
    g.add(
        m.Institution(
            id="inst-nlc",
            name="Northern Lakes College",
            kind=m.InstitutionKind.COLLEGE,
            jurisdiction="CA-ON",
            credit_unit=m.CreditUnit.COURSE_CREDIT,
            course_credit_in_credit_hours=3,
            source=SRC,
        ),
        m.Institution(
            id="inst-lsu",
            name="Lakeshore University",
            kind=m.InstitutionKind.UNIVERSITY,
            jurisdiction="CA-ON",
            credit_unit=m.CreditUnit.CREDIT_HOUR,
            max_transfer_credits=12,
            source=SRC,
        ),
        m.Institution(
            id="inst-ontrain",
            name="OnTrain Online",
            kind=m.InstitutionKind.PROVIDER,
            jurisdiction="CA-ON",
            credit_unit=m.CreditUnit.INSTRUCTIONAL_HOUR,
            source=SRC,
        ),
    )

    # -- frameworks and competencies --
    g.add(
        m.Framework(
            id="fw-odsf",
            name="Ontario Digital Skills Framework (demo)",
            kind=m.FrameworkKind.LOCAL,
            publisher="Ontario Colleges Digital Council",
            version="1.0",
            license="CC-BY-4.0",
            source=SRC,
        ),
        m.Framework(
            id="fw-esco",
            name="ESCO skills (demo extract)",
            kind=m.FrameworkKind.ESCO,
            publisher="European Commission",
            version="1.1.1",
            license="CC-BY-4.0",
            source=SRC,
        ),
    )
    local = [  # id, name, kind, broader
        ("c-data", "Data literacy", m.CompetencyKind.COMPETENCE, None),
        ("c-python", "Python programming", m.CompetencyKind.SKILL, None),
        ("c-sql", "Querying relational databases with SQL", m.CompetencyKind.SKILL, "c-data"),
        ("c-cleaning", "Cleaning and preparing data", m.CompetencyKind.SKILL, "c-data"),
        ("c-viz", "Visualising data", m.CompetencyKind.SKILL, "c-data"),
        ("c-stats", "Descriptive statistics", m.CompetencyKind.KNOWLEDGE, None),
        ("c-ml", "Machine learning fundamentals", m.CompetencyKind.KNOWLEDGE, None),
        ("c-cyber", "Cybersecurity fundamentals", m.CompetencyKind.KNOWLEDGE, None),
        ("c-network", "Network fundamentals", m.CompetencyKind.KNOWLEDGE, "c-cyber"),
        ("c-threats", "Threat assessment", m.CompetencyKind.SKILL, "c-cyber"),
        ("c-incident", "Incident response", m.CompetencyKind.SKILL, "c-cyber"),
        ("c-cloud", "Cloud computing fundamentals", m.CompetencyKind.KNOWLEDGE, None),
        ("c-pm", "Project management", m.CompetencyKind.COMPETENCE, None),
        ("c-planning", "Project planning and scheduling", m.CompetencyKind.SKILL, "c-pm"),
        ("c-risk", "Project risk management", m.CompetencyKind.SKILL, "c-pm"),
        ("c-agile", "Agile delivery", m.CompetencyKind.SKILL, None),
        ("c-comm", "Professional communication", m.CompetencyKind.SKILL, None),
        ("c-teaching", "Facilitating adult learning", m.CompetencyKind.SKILL, None),
    ]
    for id_, name, kind, broader in local:
        g.add(m.Competency(id=id_, name=name, kind=kind, code=id_.upper(), source=SRC))
        g.link(R.IN_FRAMEWORK, id_, "fw-odsf")
        if broader:
            g.link(R.BROADER, id_, broader)
    esco = [  # id, name, code, aligned local competency, match
        ("esco-python", "Python (computer programming)", "S1.3.1", "c-python", Match.EXACT),
        ("esco-sql", "SQL", "S1.3.2", "c-sql", Match.EXACT),
        ("esco-stats", "statistics", "K0542", "c-stats", Match.EXACT),
        ("esco-ml", "machine learning", "S5.6.3", "c-ml", Match.CLOSE),
        ("esco-ict-sec", "ICT security legislation and standards", "K0612", "c-cyber", Match.CLOSE),
        ("esco-pm", "project management", "S4.2.1", "c-pm", Match.EXACT),
        ("esco-agile", "agile project management", "S4.2.2", "c-agile", Match.RELATED),
        ("esco-datamining", "data mining", "S5.6.1", "c-cleaning", Match.NARROW),
    ]
    for id_, name, code, aligned, match in esco:
        g.add(m.Competency(id=id_, name=name, code=code, kind=m.CompetencyKind.SKILL, source=SRC))
        g.link(R.IN_FRAMEWORK, id_, "fw-esco")
        g.link(R.ALIGNS, aligned, id_, m.Aligns(match=match))
    # An ESCO concept two EXACT hops from c-python (c-python -> esco-python -> this one).
    g.add(
        m.Competency(
            id="esco-scripting",
            name="scripting programming",
            code="S1.3.0",
            kind=m.CompetencyKind.SKILL,
            source=SRC,
        )
    )
    g.link(R.IN_FRAMEWORK, "esco-scripting", "fw-esco")
    g.link(R.ALIGNS, "esco-python", "esco-scripting", m.Aligns(match=Match.EXACT))

    # -- micro-credentials --
    data_std: dict[str, Any] = dict(
        weeks=6,
        modules=4,
        outcomes_per_module=3,
        activities=8,
        facilitated_sessions=4,
        outcome_type=m.OutcomeType.CAPSTONE,
        pedagogy="Bloom's taxonomy",
        instructional_design="action mapping",
        ux_elements=("overview", "discussion", "exploration"),
        language="en",
        delivery_mode="ONLINE",
        credit_bearing=True,
        status=m.Status.PUBLISHED,
        version="2",
    )
    mcs = [
        # Suite "Data Analytics Pathway" (PROGRESSIVE, Northern Lakes College)
        m.MicroCredential(
            id="mc-data-1",
            name="Data Foundations",
            hours=35,
            cost=450,
            assessment_methods=("project", "quiz"),
            **data_std,
        ),
        m.MicroCredential(
            id="mc-data-2",
            name="Data Wrangling with SQL and Python",
            hours=40,
            cost=450,
            # deliberate deviation: a proctored exam is not in the suite's standard
            assessment_methods=("project", "proctored exam"),
            **data_std,
        ),
        m.MicroCredential(
            id="mc-data-3",
            name="Applied Analytics Capstone",
            hours=38,
            cost=500,
            assessment_methods=("project",),
            **{**data_std, "weeks": 8},
        ),
        m.MicroCredential(
            id="mc-data-1-v1",
            name="Data Foundations (2022 edition)",
            hours=30,
            cost=400,
            weeks=5,
            status=m.Status.RETIRED,
            version="1",
            source=SRC,
        ),
        # Suite "Cybersecurity Essentials" (MODULAR, OnTrain Online)
        *[
            m.MicroCredential(
                id=f"mc-cyber-{i}",
                name=name,
                hours=20,
                weeks=4,
                modules=3,
                outcome_type=m.OutcomeType.PASS_FAIL,
                pedagogy="scenario-based learning",
                assessment_methods=("simulation",),
                ux_elements=("overview", "exploration"),
                status=m.Status.PUBLISHED,
                cost=250,
                delivery_mode="ONLINE",
                language="en",
                credit_bearing=False,
                version="1",
                source=SRC,
            )
            for i, name in enumerate(
                [
                    "Network Basics for Defenders",
                    "Threat Assessment",
                    "Incident Response",
                    "Security in the Cloud",
                ],
                start=1,
            )
        ],
        # Suite "Project Leadership" (HYBRID, Lakeshore University)
        m.MicroCredential(
            id="mc-pm-1",
            name="Project Planning Essentials",
            hours=24,
            weeks=4,
            cost=600,
            status=m.Status.PUBLISHED,
            credit_bearing=True,
            credits=1,
            credit_unit=m.CreditUnit.CREDIT_HOUR,
            outcome_type=m.OutcomeType.LETTER_GRADE,
            assessment_methods=("case study",),
            source=SRC,
        ),
        m.MicroCredential(
            id="mc-pm-2",
            name="Managing Project Risk",
            hours=24,
            weeks=4,
            cost=600,
            status=m.Status.PUBLISHED,
            credit_bearing=True,
            credits=1,
            credit_unit=m.CreditUnit.CREDIT_HOUR,
            outcome_type=m.OutcomeType.LETTER_GRADE,
            assessment_methods=("case study",),
            source=SRC,
        ),
        m.MicroCredential(
            id="mc-pm-agile",
            name="Agile Teams in Practice",
            hours=18,
            weeks=3,
            cost=450,
            status=m.Status.PUBLISHED,
            outcome_type=m.OutcomeType.PASS_FAIL,
            assessment_methods=("case study",),
            source=SRC,
        ),
        m.MicroCredential(
            id="mc-pm-comm",
            name="Communicating with Stakeholders",
            hours=12,
            weeks=2,
            cost=300,
            status=m.Status.PUBLISHED,
            outcome_type=m.OutcomeType.SELF_ASSESSMENT,
            assessment_methods=("reflection",),
            source=SRC,
        ),
        # Stand-alone offerings of OnTrain Online
        m.MicroCredential(
            id="mc-python-intro",
            name="Introduction to Python",
            hours=30,
            weeks=5,
            cost=300,
            status=m.Status.PUBLISHED,
            outcome_type=m.OutcomeType.PASS_FAIL,
            delivery_mode="ONLINE",
            language="en",
            version="3",
            source=SRC,
        ),
        m.MicroCredential(
            id="mc-sql-basics",
            name="SQL Basics",
            hours=20,
            weeks=3,
            cost=200,
            status=m.Status.PUBLISHED,
            outcome_type=m.OutcomeType.LETTER_GRADE,
            delivery_mode="ONLINE",
            language="en",
            version="1",
            source=SRC,
        ),
        m.MicroCredential(
            id="mc-ml-intro",
            name="Machine Learning Primer",
            hours=25,
            weeks=4,
            cost=350,
            status=m.Status.PUBLISHED,
            outcome_type=m.OutcomeType.CAPSTONE,
            delivery_mode="ONLINE",
            language="en",
            version="1",
            source=SRC,
        ),
        m.MicroCredential(
            id="mc-excel",
            name="Spreadsheets for Analysis",
            hours=10,
            weeks=2,
            cost=120,
            status=m.Status.DRAFT,
            delivery_mode="ONLINE",
            language="en",
            source=SRC,
        ),
    ]
    g.add(*(mc.model_copy(update={"source": SRC}) for mc in mcs))
    offered = {
        "inst-nlc": ["mc-data-1", "mc-data-2", "mc-data-3", "mc-data-1-v1"],
        "inst-ontrain": [
            "mc-cyber-1",
            "mc-cyber-2",
            "mc-cyber-3",
            "mc-cyber-4",
            "mc-python-intro",
            "mc-sql-basics",
            "mc-ml-intro",
            "mc-excel",
        ],
        "inst-lsu": ["mc-pm-1", "mc-pm-2", "mc-pm-agile", "mc-pm-comm"],
    }
    teaches = {
        "mc-data-1": ["c-data", "c-stats", "c-viz"],
        "mc-data-2": ["c-sql", "c-cleaning", "c-python"],
        "mc-data-3": ["c-viz", "c-ml", "c-comm"],
        "mc-data-1-v1": ["c-data", "c-stats"],
        "mc-cyber-1": ["c-network"],
        "mc-cyber-2": ["c-threats"],
        "mc-cyber-3": ["c-incident"],
        "mc-cyber-4": ["c-cloud", "c-cyber"],
        "mc-pm-1": ["c-planning"],
        "mc-pm-2": ["c-risk"],
        "mc-pm-agile": ["c-agile"],
        "mc-pm-comm": ["c-comm"],
        "mc-python-intro": ["c-python"],
        "mc-sql-basics": ["c-sql"],
        "mc-ml-intro": ["c-ml", "esco-ml"],
        "mc-excel": ["c-viz"],
    }
    requires = {
        "mc-data-2": ["mc-data-1"],
        "mc-data-3": ["mc-data-2", "mc-data-1"],  # the extra edge to an earlier member is allowed
        "mc-pm-2": ["mc-pm-1"],
        "mc-pm-agile": ["mc-pm-1"],
        "mc-ml-intro": ["c-python"],  # a competency prerequisite
    }

    # -- courses (Northern Lakes: course credits; Lakeshore: credit hours) --
    courses = [  # id, code, name, credits, hours, cost, level
        ("nlc-dat101", "DAT101", "Introduction to Data Analytics", 1, 45, 420, "1"),
        ("nlc-dat102", "DAT102", "Databases and SQL", 1, 45, 420, "1"),
        ("nlc-dat201", "DAT201", "Statistics for Analysts", 1, 45, 420, "2"),
        ("nlc-dat202", "DAT202", "Data Visualisation", 1, 45, 420, "2"),
        ("nlc-bus110", "BUS110", "Business Fundamentals", 1, 45, 380, "1"),
        ("nlc-com101", "COM101", "Workplace Communication", 1, 42, 380, "1"),
        ("nlc-mth120", "MTH120", "Applied Mathematics", 1, 42, 380, "1"),
        ("nlc-net110", "NET110", "Networking I", 1, 45, 420, "1"),
        ("nlc-sec120", "SEC120", "Security Foundations", 1, 45, 420, "1"),
        ("nlc-cld130", "CLD130", "Cloud Platforms", 1, 45, 420, "1"),
        ("lsu-cs101", "CS 101", "Programming for Data Science", 3, 39, 900, "100"),
        ("lsu-cs110", "CS 110", "Computing Foundations", 3, 39, 900, "100"),
        ("lsu-sta101", "STA 101", "Introductory Statistics", 3, 39, 900, "100"),
        ("lsu-sta201", "STA 201", "Statistical Inference", 3, 39, 900, "200"),
        ("lsu-cs220", "CS 220", "Data Management", 3, 39, 900, "200"),
        ("lsu-cs230", "CS 230", "Networks and Security", 3, 39, 900, "200"),
        ("lsu-cs240", "CS 240", "Data Visualisation and Communication", 3, 39, 900, "200"),
        ("lsu-ds300", "DS 300", "Machine Learning", 3, 39, 900, "300"),
        ("lsu-mgt210", "MGT 210", "Organisational Management", 3, 39, 900, "200"),
        ("lsu-com150", "COM 150", "Professional Writing", 3, 39, 900, "100"),
    ]
    for id_, code, name, credits, hours, cost, level in courses:
        unit = m.CreditUnit.COURSE_CREDIT if id_.startswith("nlc") else m.CreditUnit.CREDIT_HOUR
        g.add(
            m.Course(
                id=id_,
                code=code,
                name=name,
                credits=credits,
                credit_unit=unit,
                hours=hours,
                cost=cost,
                level=level,
                source=SRC,
            )
        )
        g.link(R.OFFERED_BY, id_, "inst-nlc" if id_.startswith("nlc") else "inst-lsu")
    teaches.update(
        {
            "nlc-dat101": ["c-data", "c-python"],
            "nlc-dat102": ["c-sql"],
            "nlc-dat201": ["c-stats"],
            "nlc-dat202": ["c-viz"],
            "nlc-bus110": ["c-pm"],
            "nlc-com101": ["c-comm"],
            "nlc-mth120": ["c-stats"],
            "nlc-net110": ["c-network"],
            "nlc-sec120": ["c-threats", "c-cyber"],
            "nlc-cld130": ["c-cloud"],
            "lsu-cs101": ["c-python", "c-data"],
            "lsu-cs110": ["c-python"],
            "lsu-sta101": ["c-stats"],
            "lsu-sta201": ["c-stats"],
            "lsu-cs220": ["c-sql", "c-cleaning"],
            "lsu-cs230": ["c-network", "c-threats"],
            "lsu-cs240": ["c-viz", "c-comm"],
            "lsu-ds300": ["c-ml"],
            "lsu-mgt210": ["c-pm"],
            "lsu-com150": ["c-comm"],
        }
    )
    requires.update(
        {
            "nlc-dat201": ["nlc-dat101"],
            "nlc-dat202": ["nlc-dat101"],
            "lsu-sta201": ["lsu-sta101"],
            "lsu-cs220": ["lsu-cs101"],
            "lsu-ds300": ["lsu-sta201", "lsu-cs101"],
            "lsu-cs230": ["lsu-cs110"],
        }
    )
    for owner, ids in offered.items():
        for id_ in ids:
            g.link(R.OFFERED_BY, id_, owner)
    for id_, comps in teaches.items():
        for comp in comps:
            g.link(
                R.TEACHES,
                id_,
                comp,
                m.Teaches(
                    level="intermediate" if "2" in id_ else "introductory",
                    assessed=comp != "c-comm",
                ),
            )
    for id_, prereqs in requires.items():
        for prereq in prereqs:
            g.link(R.REQUIRES, id_, prereq)

    # -- programs and rule trees --
    g.add(
        m.Program(
            id="prog-nlc-dat",
            name="Data Analytics Certificate",
            credential_type="Ontario College Certificate",
            required_credits=6,
            credit_unit=m.CreditUnit.COURSE_CREDIT,
            residency_min_credits=2,
            source=SRC,
        ),
        m.Program(
            id="prog-lsu-ds",
            name="Certificate in Data Science",
            credential_type="University Certificate",
            required_credits=15,
            credit_unit=m.CreditUnit.CREDIT_HOUR,
            residency_min_credits=6,
            source=SRC,
        ),
    )
    g.link(R.OFFERED_BY, "prog-nlc-dat", "inst-nlc")
    g.link(R.OFFERED_BY, "prog-lsu-ds", "inst-lsu")
    rules = [  # id, op, count, minCredits, options
        # Northern Lakes: DAT101 and DAT102, one of DAT201 / DAT202 / the capstone micro-credential,
        # and two of three breadth courses.
        (
            "req-nlc-dat",
            m.RuleOp.ALL,
            None,
            None,
            ["nlc-dat101", "nlc-dat102", "req-nlc-dat-core", "req-nlc-dat-breadth"],
        ),
        ("req-nlc-dat-core", m.RuleOp.ANY, None, None, ["nlc-dat201", "nlc-dat202", "mc-data-3"]),
        (
            "req-nlc-dat-breadth",
            m.RuleOp.AT_LEAST,
            2,
            None,
            ["nlc-bus110", "nlc-com101", "nlc-mth120"],
        ),
        # Lakeshore: CS 101 and STA 201, two electives worth at least 6 credit hours, and machine
        # learning shown either by DS 300 or by the competency itself.
        (
            "req-lsu-ds",
            m.RuleOp.ALL,
            None,
            None,
            ["lsu-cs101", "lsu-sta201", "req-lsu-ds-electives", "req-lsu-ds-ml"],
        ),
        ("req-lsu-ds-electives", m.RuleOp.AT_LEAST, 2, 6, ["lsu-cs220", "lsu-cs230", "lsu-cs240"]),
        ("req-lsu-ds-ml", m.RuleOp.ANY, None, None, ["lsu-ds300", "c-ml"]),
        # The data suite's completion rule: all three members.
        ("req-suite-data", m.RuleOp.ALL, None, None, ["mc-data-1", "mc-data-2", "mc-data-3"]),
        # The project suite: both core members and one elective.
        ("req-suite-pm", m.RuleOp.ALL, None, None, ["mc-pm-1", "mc-pm-2", "req-suite-pm-elective"]),
        ("req-suite-pm-elective", m.RuleOp.ANY, None, None, ["mc-pm-agile", "mc-pm-comm"]),
    ]
    for id_, op, count, min_credits, options in rules:
        g.add(
            m.Requirement(
                id=id_,
                name=id_.removeprefix("req-").replace("-", " "),
                op=op,
                count=count,
                min_credits=min_credits,
                source=SRC,
            )
        )
        for option in options:
            g.link(R.OPTION, id_, option)
    for owner, root in (
        ("prog-nlc-dat", "req-nlc-dat"),
        ("prog-lsu-ds", "req-lsu-ds"),
        ("suite-data", "req-suite-data"),
        ("suite-pm", "req-suite-pm"),
    ):
        g.link(R.HAS_REQUIREMENT, owner, root)
    for member, target in (
        ("mc-data-1", "suite-data"),
        ("mc-data-2", "suite-data"),
        ("mc-data-3", "suite-data"),
        ("mc-data-3", "prog-nlc-dat"),
        ("mc-pm-1", "suite-pm"),
        ("mc-pm-2", "suite-pm"),
        ("mc-pm-agile", "suite-pm"),
        ("mc-pm-comm", "suite-pm"),
    ):
        g.link(R.STACKS_INTO, member, target)

    # -- suites with their standards --
    g.add(
        m.Suite(
            id="suite-data",
            name="Data Analytics Pathway",
            approach=m.Approach.PROGRESSIVE,
            audience="career changers and junior analysts",
            subject_area="data analytics",
            hours_min=30,
            hours_max=40,
            weeks=6,
            modules=4,
            outcomes_per_module=3,
            activities=8,
            facilitated_sessions=4,
            outcome_type=m.OutcomeType.CAPSTONE,
            pedagogy="Bloom's taxonomy",
            instructional_design="action mapping",
            assessment_methods=("project", "quiz"),
            ux_elements=("overview", "discussion", "exploration"),
            required_endorsement_kinds=(Endorse.CO_DESIGNED,),
            allowed_deviations=(
                m.AllowedDeviation(
                    field="weeks",
                    members=("mc-data-3",),
                    reason="the capstone project needs two more weeks",
                ),
            ),
            source=SRC,
        ),
        m.Suite(
            id="suite-cyber",
            name="Cybersecurity Essentials",
            approach=m.Approach.MODULAR,
            audience="IT staff in small organisations",
            subject_area="cybersecurity",
            hours=20,
            weeks=4,
            modules=3,
            outcome_type=m.OutcomeType.PASS_FAIL,
            pedagogy="scenario-based learning",
            assessment_methods=("simulation",),
            ux_elements=("overview", "exploration"),
            required_endorsement_kinds=(Endorse.RECOGNIZED,),
            source=SRC,
        ),
        m.Suite(
            id="suite-pm",
            name="Project Leadership",
            approach=m.Approach.HYBRID,
            audience="new team leads",
            subject_area="project management",
            hours_min=12,
            hours_max=24,
            assessment_methods=("case study", "reflection"),
            source=SRC,
        ),
    )
    for suite, owner in (
        ("suite-data", "inst-nlc"),
        ("suite-cyber", "inst-ontrain"),
        ("suite-pm", "inst-lsu"),
    ):
        g.link(R.OFFERED_BY, suite, owner)
    for member, suite, core, position in (
        ("mc-data-1", "suite-data", True, 1),
        ("mc-data-2", "suite-data", True, 2),
        ("mc-data-3", "suite-data", True, 3),
        ("mc-cyber-1", "suite-cyber", None, None),
        ("mc-cyber-2", "suite-cyber", None, None),
        ("mc-cyber-3", "suite-cyber", None, None),
        ("mc-cyber-4", "suite-cyber", None, None),
        ("mc-pm-1", "suite-pm", True, 1),
        ("mc-pm-2", "suite-pm", True, 2),
        ("mc-pm-agile", "suite-pm", False, None),
        ("mc-pm-comm", "suite-pm", False, None),
    ):
        g.link(R.IN_SUITE, member, suite, m.InSuite(core=core, position=position))
    g.link(R.SUPERSEDES, "mc-data-1", "mc-data-1-v1")

    # -- transfer agreements and values --
    g.add(
        m.TransferAgreement(
            id="ag-ontrain-nlc",
            name="OnTrain Online to Northern Lakes College",
            kind=m.AgreementKind.COURSE_TO_COURSE,
            signed=D(2023, 6, 1),
            effective_from=D(2023, 9, 1),
            source=SRC,
        ),
        m.TransferAgreement(
            id="ag-nlc-lsu",
            name="Northern Lakes College to Lakeshore University",
            kind=m.AgreementKind.COURSE_TO_COURSE,
            signed=D(2020, 3, 15),
            effective_from=D(2020, 9, 1),
            effective_to=D(2030, 8, 31),
            source=SRC,
        ),
        m.TransferAgreement(
            id="ag-nlc-lsu-block",
            name="Data Analytics Certificate block transfer",
            kind=m.AgreementKind.BLOCK,
            signed=D(2024, 1, 10),
            effective_from=D(2024, 1, 10),
            source=SRC,
        ),
    )
    for agreement, sending, receiving in (
        ("ag-ontrain-nlc", "inst-ontrain", "inst-nlc"),
        ("ag-nlc-lsu", "inst-nlc", "inst-lsu"),
        ("ag-nlc-lsu-block", "inst-nlc", "inst-lsu"),
    ):
        g.link(R.BETWEEN, agreement, sending, m.Between(role=m.PartyRole.SENDING))
        g.link(R.BETWEEN, agreement, receiving, m.Between(role=m.PartyRole.RECEIVING))
    values: list[tuple[str, str | None, list[str], str, float, m.CreditUnit, dict[str, Any]]] = [
        # id, agreement, from ids, for id, credits, unit, extra
        (
            "tv-python-dat101",
            "ag-ontrain-nlc",
            ["mc-python-intro"],
            "nlc-dat101",
            1,
            m.CreditUnit.COURSE_CREDIT,
            {},
        ),
        (
            "tv-sql-dat102",
            "ag-ontrain-nlc",
            ["mc-sql-basics"],
            "nlc-dat102",
            1,
            m.CreditUnit.COURSE_CREDIT,
            {"min_grade": 70},
        ),
        (
            "tv-dat101-cs101",
            "ag-nlc-lsu",
            ["nlc-dat101"],
            "lsu-cs101",
            3,
            m.CreditUnit.CREDIT_HOUR,
            {"allow_chaining": True},
        ),
        (
            "tv-dat102-cs220",
            "ag-nlc-lsu",
            ["nlc-dat102"],
            "lsu-cs220",
            3,
            m.CreditUnit.CREDIT_HOUR,
            {"allow_chaining": True, "min_grade": 65},
        ),
        (
            "tv-dat201-sta201",
            "ag-nlc-lsu",
            ["nlc-dat201"],
            "lsu-sta201",
            3,
            m.CreditUnit.CREDIT_HOUR,
            {"min_grade": 65, "max_age_years": 5},
        ),
        (
            "tv-mth120-sta101",
            "ag-nlc-lsu",
            ["nlc-mth120"],
            "lsu-sta101",
            1,
            m.CreditUnit.COURSE_CREDIT,
            {},
        ),
        (
            "tv-bus110-mgt210",
            "ag-nlc-lsu",
            ["nlc-bus110"],
            "lsu-mgt210",
            3,
            m.CreditUnit.CREDIT_HOUR,
            {"effective_to": D(2022, 6, 30), "conditions": "expired when MGT 210 was redesigned"},
        ),
        (
            "tv-net-sec-cs230",
            "ag-nlc-lsu",
            ["nlc-net110", "nlc-sec120"],
            "lsu-cs230",
            3,
            m.CreditUnit.CREDIT_HOUR,
            {},
        ),
        (
            "tv-cert-block",
            "ag-nlc-lsu-block",
            ["prog-nlc-dat"],
            "req-lsu-ds-electives",
            6,
            m.CreditUnit.CREDIT_HOUR,
            {"conditions": "certificate completed with a 70% average"},
        ),
        (
            "tv-cyber-net110",
            None,
            ["mc-cyber-1"],
            "nlc-net110",
            1,
            m.CreditUnit.COURSE_CREDIT,
            {"effective_from": D(2027, 1, 1), "conditions": "approved, takes effect January 2027"},
        ),
    ]
    for tv_id, tv_agreement, from_ids, for_id, tv_credits, unit, extra in values:
        g.add(
            m.TransferValue(
                id=tv_id,
                name=tv_id.removeprefix("tv-"),
                credits=tv_credits,
                credit_unit=unit,
                approved_by="registrar",
                source=SRC,
                **extra,
            )
        )
        if tv_agreement:
            g.link(R.INCLUDES, tv_agreement, tv_id)
        for from_id in from_ids:
            g.link(R.FROM, tv_id, from_id)
        g.link(R.FOR, tv_id, for_id)

    # -- employers and occupations --
    g.add(
        m.Employer(
            id="emp-northwind",
            name="Northwind Analytics",
            sector="professional services",
            source=SRC,
        ),
        m.Employer(
            id="emp-lakeside", name="Lakeside Health Network", sector="health care", source=SRC
        ),
        m.Occupation(
            id="occ-data-analyst", name="data analyst", code="2511.4", sector="ICT", source=SRC
        ),
        m.Occupation(
            id="occ-security-analyst",
            name="ICT security analyst",
            code="2529.1",
            sector="ICT",
            source=SRC,
        ),
        m.Occupation(
            id="occ-project-coordinator",
            name="project coordinator",
            code="3343.2",
            sector="business",
            source=SRC,
        ),
    )
    for employer, target, endorsement, since in (
        ("emp-northwind", "suite-data", Endorse.CO_DESIGNED, D(2023, 2, 1)),
        ("emp-northwind", "mc-data-3", Endorse.HIRING_FACTOR, D(2024, 1, 15)),
        ("emp-lakeside", "suite-cyber", Endorse.RECOGNIZED, D(2024, 5, 1)),
        ("emp-lakeside", "mc-cyber-3", Endorse.ON_THE_JOB_TRAINING, D(2024, 5, 1)),
        ("emp-lakeside", "mc-pm-1", Endorse.RECOGNIZED, D(2025, 3, 1)),
    ):
        g.link(R.ENDORSES, employer, target, m.Endorses(kind=endorsement, since=since))
    for employer, occupation in (
        ("emp-northwind", "occ-data-analyst"),
        ("emp-northwind", "occ-project-coordinator"),
        ("emp-lakeside", "occ-security-analyst"),
        ("emp-lakeside", "occ-data-analyst"),
    ):
        g.link(R.HIRES_FOR, employer, occupation)
    needs = {
        "occ-data-analyst": [
            ("c-sql", True),
            ("c-cleaning", True),
            ("c-stats", True),
            ("c-viz", True),
            ("esco-python", True),
            ("c-ml", False),
            ("c-comm", False),
        ],
        "occ-security-analyst": [
            ("c-network", True),
            ("c-threats", True),
            ("c-incident", True),
            ("esco-ict-sec", True),
            ("c-cloud", False),
        ],
        "occ-project-coordinator": [
            ("c-planning", True),
            ("c-risk", True),
            ("c-comm", True),
            ("esco-agile", False),
        ],
    }
    for occupation, needed in needs.items():
        for comp, essential in needed:
            g.link(R.NEEDS, occupation, comp, m.Needs(essential=essential))

    # -- learners, holdings and prior learning --
    g.add(
        m.Learner(id="learner-amira", display_name="Amira (demo)", source=SRC),
        m.Learner(id="learner-ben", display_name="Ben (demo)", source=SRC),
        m.Learner(id="learner-chen", display_name="Chen (demo)", source=SRC),
        m.Learner(id="learner-dana", display_name="Dana (demo)", source=SRC),
    )
    earned = [  # learner, item, date, grade, expires
        ("learner-amira", "mc-python-intro", D(2024, 5, 10), 88, None),
        ("learner-amira", "mc-sql-basics", D(2024, 8, 2), 65, None),  # below tv-sql-dat102's 70
        ("learner-ben", "nlc-dat101", D(2021, 12, 15), 78, None),
        ("learner-ben", "nlc-dat102", D(2022, 4, 20), 81, None),
        ("learner-ben", "nlc-dat201", D(2019, 4, 25), 90, None),  # older than the 5-year limit
        ("learner-ben", "nlc-bus110", D(2021, 12, 15), 85, None),  # its rule expired in 2022
        ("learner-ben", "nlc-net110", D(2022, 4, 20), 74, None),
        ("learner-ben", "nlc-sec120", D(2022, 4, 20), 69, None),
        ("learner-ben", "nlc-mth120", D(2022, 4, 20), 80, None),  # its rule's unit cannot convert
        ("learner-chen", "mc-data-1", D(2025, 2, 28), 92, None),
        ("learner-chen", "mc-data-2", D(2025, 6, 13), 84, None),
        ("learner-chen", "mc-cyber-1", D(2023, 3, 1), None, D(2025, 3, 1)),  # expired
    ]
    for learner, item, date, grade, expires in earned:
        g.link(R.EARNED, learner, item, m.Earned(date=date, grade=grade, expires=expires))
    g.add(
        m.Evidence(
            id="ev-amira-work",
            name="Two years as a reporting clerk",
            kind=m.EvidenceKind.WORK_EXPERIENCE,
            hours=3000,
            date=D(2023, 12, 31),
            verified_by="inst-nlc PLAR office",
            source=SRC,
        ),
        m.Evidence(
            id="ev-chen-portfolio",
            name="Dashboard portfolio",
            kind=m.EvidenceKind.PORTFOLIO,
            hours=120,
            date=D(2025, 9, 1),
            source=SRC,
        ),  # not verified yet: does not count
        m.Evidence(
            id="ev-dana-cert",
            name="CompTIA Security+ (demo)",
            kind=m.EvidenceKind.INDUSTRY_CERT,
            date=D(2024, 11, 4),
            expires=D(2027, 11, 4),
            verified_by="OnTrain assessor",
            source=SRC,
        ),
        m.Evidence(
            id="ev-dana-military",
            name="Signals technician service",
            kind=m.EvidenceKind.MILITARY,
            hours=4000,
            date=D(2022, 6, 30),
            verified_by="CAF transcript",
            source=SRC,
        ),
    )
    for learner, evidence in (
        ("learner-amira", "ev-amira-work"),
        ("learner-chen", "ev-chen-portfolio"),
        ("learner-dana", "ev-dana-cert"),
        ("learner-dana", "ev-dana-military"),
    ):
        g.link(R.HAS_EVIDENCE, learner, evidence)
    for evidence, comp, level in (
        ("ev-amira-work", "c-cleaning", "proficient"),
        ("ev-amira-work", "c-viz", "intermediate"),
        ("ev-chen-portfolio", "c-viz", "advanced"),
        ("ev-dana-cert", "c-threats", "proficient"),
        ("ev-dana-cert", "c-incident", "intermediate"),
        ("ev-dana-military", "c-network", "advanced"),
    ):
        g.link(R.DEMONSTRATES, evidence, comp, m.Demonstrates(level=level))

    # -- facilitators and feedback --
    g.add(
        m.Facilitator(id="fac-priya", name="Priya S.", source=SRC),
        m.Facilitator(id="fac-marc", name="Marc L.", source=SRC),
        m.Facilitator(id="fac-olu", name="Olu A.", source=SRC),
    )
    for facilitator, comps in (
        ("fac-priya", ["c-data", "c-stats", "c-viz", "c-teaching"]),
        ("fac-marc", ["c-sql", "c-python", "c-cleaning"]),
        ("fac-olu", ["c-network", "c-threats", "c-teaching"]),
    ):
        for comp in comps:
            g.link(R.QUALIFIED_IN, facilitator, comp)
    for facilitator, mc in (
        ("fac-priya", "mc-data-1"),
        ("fac-marc", "mc-data-2"),
        ("fac-olu", "mc-cyber-1"),
    ):
        g.link(R.FACILITATES, facilitator, mc)
    for mc, comps in (
        ("mc-data-1", ["c-data", "c-stats", "c-teaching"]),
        ("mc-data-2", ["c-sql", "c-python", "c-teaching"]),
        ("mc-cyber-1", ["c-network", "c-teaching"]),
    ):
        for comp in comps:
            g.link(R.FACILITATION_NEEDS, mc, comp)
    feedback = [  # id, about, from, rating, comment, date
        ("fb-1", "mc-data-1", m.FeedbackFrom.LEARNER, 5, "Clear and practical.", D(2025, 3, 5)),
        (
            "fb-2",
            "mc-data-1",
            m.FeedbackFrom.LEARNER,
            4,
            "More practice data sets, please.",
            D(2025, 3, 9),
        ),
        (
            "fb-3",
            "mc-data-1-v1",
            m.FeedbackFrom.LEARNER,
            3,
            "Too short for the content.",
            D(2022, 11, 2),
        ),
        (
            "fb-4",
            "mc-data-3",
            m.FeedbackFrom.EMPLOYER,
            5,
            "Capstone graduates onboard fast.",
            D(2025, 9, 30),
        ),
        (
            "fb-5",
            "mc-cyber-1",
            m.FeedbackFrom.EMPLOYER,
            4,
            "Good labs; add cloud networking.",
            D(2024, 10, 1),
        ),
    ]
    for id_, about, from_, rating, comment, date in feedback:
        g.add(
            m.Feedback(
                id=id_,
                name=f"feedback on {about}",
                from_=from_,
                rating=rating,
                comment=comment,
                date=date,
                source=SRC,
            )
        )
        g.link(R.ABOUT, id_, about)
    return g


async def seed_demo(nodes: NodeRepository) -> dict[str, int]:
    """Write the demo graph in one transaction; returns node counts by label and the link count."""
    demo = build()
    async with nodes.writer() as writer:
        await writer.upsert_nodes(demo.nodes)
        for rel, links in demo.links.items():
            await writer.upsert_links(rel, links)
    counts = dict(writer.counts.by_label)
    counts["links"] = writer.counts.links
    return counts
