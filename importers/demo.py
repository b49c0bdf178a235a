"""The demo graph: a small, hand-written, Ontario-flavoured story (docs/demo.md tells it).

Most of the story is data: filled-in CSV templates under importers/demo_data/ (one file per
template, docs/csv-templates.md), read by the CSV importer with source DEMO, so the demo doubles as
a test of the templates. What the templates do not cover (frameworks' publishers, employers and
occupations, facilitators, feedback) is written below. Loaded by `credgraph seed demo` in one
transaction; MERGE on ids makes it idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from graph import models as m
from graph.models import EndorsementKind as Endorse
from graph.relations import RelType as R
from graph.repositories.nodes import Link, NodeRepository
from importers import csv_templates

D = dt.date
SRC = m.Source.DEMO
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
# the templates' files, in the order a reader would follow (links are resolved when written)
DEMO_FILES = (
    "institutions",
    "competencies",
    "courses",
    "micro-credentials",
    "suites",
    "programs",
    "rules",
    "agreements",
    "transfer-values",
    "holdings",
    "evidence",
)


def _outside_templates() -> tuple[list[m.Node], list[tuple[R, str, str, m.Model | None]]]:
    """The nodes and links no CSV template expresses."""
    nodes: list[m.Node] = [
        m.Framework(
            id="fw-odsf",
            name="Ontario Digital Skills Framework (demo)",
            kind=m.FrameworkKind.LOCAL,
            publisher="Ontario Colleges Digital Council",
            version="1.0",
            license="CC-BY-4.0",
        ),
        m.Framework(
            id="fw-esco",
            name="ESCO skills (demo extract)",
            kind=m.FrameworkKind.ESCO,
            publisher="European Commission",
            version="1.1.1",
            license="CC-BY-4.0",
        ),
        m.Employer(id="emp-northwind", name="Northwind Analytics", sector="professional services"),
        m.Employer(id="emp-lakeside", name="Lakeside Health Network", sector="health care"),
        m.Occupation(id="occ-data-analyst", name="data analyst", code="2511.4", sector="ICT"),
        m.Occupation(
            id="occ-security-analyst", name="ICT security analyst", code="2529.1", sector="ICT"
        ),
        m.Occupation(
            id="occ-project-coordinator",
            name="project coordinator",
            code="3343.2",
            sector="business",
        ),
        m.Facilitator(id="fac-priya", name="Priya S."),
        m.Facilitator(id="fac-marc", name="Marc L."),
        m.Facilitator(id="fac-olu", name="Olu A."),
    ]
    links: list[tuple[R, str, str, m.Model | None]] = []
    for employer, target, endorsement, since in (
        ("emp-northwind", "suite-data", Endorse.CO_DESIGNED, D(2023, 2, 1)),
        ("emp-northwind", "mc-data-3", Endorse.HIRING_FACTOR, D(2024, 1, 15)),
        ("emp-lakeside", "suite-cyber", Endorse.RECOGNIZED, D(2024, 5, 1)),
        ("emp-lakeside", "mc-cyber-3", Endorse.ON_THE_JOB_TRAINING, D(2024, 5, 1)),
        ("emp-lakeside", "mc-pm-1", Endorse.RECOGNIZED, D(2025, 3, 1)),
    ):
        links.append((R.ENDORSES, employer, target, m.Endorses(kind=endorsement, since=since)))
    for employer, occupation in (
        ("emp-northwind", "occ-data-analyst"),
        ("emp-northwind", "occ-project-coordinator"),
        ("emp-lakeside", "occ-security-analyst"),
        ("emp-lakeside", "occ-data-analyst"),
    ):
        links.append((R.HIRES_FOR, employer, occupation, None))
    needs = {  # occupation: (essential competencies, other competencies)
        "occ-data-analyst": (
            ["c-sql", "c-cleaning", "c-stats", "c-viz", "esco-python"],
            ["c-ml", "c-comm"],
        ),
        "occ-security-analyst": (
            ["c-network", "c-threats", "c-incident", "esco-ict-sec"],
            ["c-cloud"],
        ),
        "occ-project-coordinator": (["c-planning", "c-risk", "c-comm"], ["esco-agile"]),
    }
    for occupation, (essential, other) in needs.items():
        for competencies, is_essential in ((essential, True), (other, False)):
            for competency in competencies:
                links.append((R.NEEDS, occupation, competency, m.Needs(essential=is_essential)))
    for facilitator, competencies, micro_credential in (
        ("fac-priya", ["c-data", "c-stats", "c-viz", "c-teaching"], "mc-data-1"),
        ("fac-marc", ["c-sql", "c-python", "c-cleaning"], "mc-data-2"),
        ("fac-olu", ["c-network", "c-threats", "c-teaching"], "mc-cyber-1"),
    ):
        links += [(R.QUALIFIED_IN, facilitator, c, None) for c in competencies]
        links.append((R.FACILITATES, facilitator, micro_credential, None))
    FB = m.FeedbackFrom  # noqa: N806 - an enum's short name in a table
    for id_, about, from_, rating, comment, date in (
        ("fb-1", "mc-data-1", FB.LEARNER, 5, "Clear and practical.", D(2025, 3, 5)),
        ("fb-2", "mc-data-1", FB.LEARNER, 4, "More practice data sets, please.", D(2025, 3, 9)),
        ("fb-3", "mc-data-1-v1", FB.LEARNER, 3, "Too short for the content.", D(2022, 11, 2)),
        ("fb-4", "mc-data-3", FB.EMPLOYER, 5, "Capstone graduates onboard fast.", D(2025, 9, 30)),
        ("fb-5", "mc-cyber-1", FB.EMPLOYER, 4, "Good labs; add cloud networking.", D(2024, 10, 1)),
    ):
        nodes.append(
            m.Feedback(
                id=id_,
                name=f"feedback on {about}",
                from_=from_,
                rating=rating,
                comment=comment,
                date=date,
            )
        )
        links.append((R.ABOUT, id_, about, None))
    return [n.model_copy(update={"source": SRC}) for n in nodes], links


def build() -> tuple[list[m.Node], dict[R, list[Link]]]:
    """The demo's nodes (one per id) and links (each once): its CSV files, then the rest."""
    batch = csv_templates.parse([DEMO_DATA / f"{name}.csv" for name in DEMO_FILES], source=SRC)
    extra_nodes, extra_links = _outside_templates()
    nodes = {node.id: node for node in (*batch.nodes, *extra_nodes)}  # evidence rows repeat
    links: dict[R, list[Link]] = defaultdict(list)
    for rel, rows in batch.links.items():
        for row in rows:
            if row not in links[rel]:
                links[rel].append(row)
    for rel, from_id, to_id, props in extra_links:
        links[rel].append(Link(from_id, to_id, props))
    return list(nodes.values()), links


async def seed_demo(nodes: NodeRepository) -> dict[str, int]:
    """Write the demo graph in one transaction; returns node counts by label and the link count."""
    demo_nodes, demo_links = build()
    async with nodes.writer() as writer:
        await writer.upsert_nodes(demo_nodes)
        for rel, links in demo_links.items():
            await writer.upsert_links(rel, links)
    counts = dict(writer.counts.by_label)
    counts["links"] = writer.counts.links
    return counts
