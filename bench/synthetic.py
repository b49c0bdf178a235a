"""A seeded synthetic province for benchmarks: institutions, courses, micro-credentials, programs
with rule trees, transfer values in agreements, learners with holdings and evidence.

Written in batched transactions of BATCH_ROWS rows each (a bench graph is too big for one
transaction on a 1 GB heap); the same seed always gives the same graph.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from graph import models as m
from graph.relations import RelType
from graph.repositories.nodes import Link, NodeRepository

BATCH_ROWS = 20_000
UNITS = [m.CreditUnit.CREDIT_HOUR] * 5 + [m.CreditUnit.COURSE_CREDIT] * 3 + [m.CreditUnit.ECTS] * 2


@dataclass(frozen=True)
class Scale:
    institutions: int = 50
    courses: int = 50_000
    micro: int = 5_000
    competencies: int = 20_000
    transfer_values: int = 200_000
    learners: int = 50_000
    occupations: int = 300
    seed: int = 7


class _Writer:
    def __init__(self, nodes: NodeRepository, progress: Callable[[str, int], None]) -> None:
        self.nodes = nodes
        self.progress = progress
        self.rows = 0

    async def nodes_(self, what: str, items: list[m.Node]) -> None:
        for start in range(0, len(items), BATCH_ROWS):
            async with self.nodes.writer() as writer:
                await writer.upsert_nodes(items[start : start + BATCH_ROWS])
        self.rows += len(items)
        self.progress(what, len(items))

    async def links(self, rel: RelType, links: list[Link]) -> None:
        for start in range(0, len(links), BATCH_ROWS):
            async with self.nodes.writer() as writer:
                await writer.upsert_links(rel, links[start : start + BATCH_ROWS])
        self.rows += len(links)
        self.progress(rel.value, len(links))


async def generate(
    nodes: NodeRepository, scale: Scale, progress: Callable[[str, int], None]
) -> dict[str, float]:
    """Write the synthetic graph; returns counts and the seconds it took."""
    rnd = random.Random(scale.seed)
    out = _Writer(nodes, progress)
    started = time.perf_counter()
    day = dt.date(2026, 6, 1)

    institutions = []
    for i in range(scale.institutions):
        unit = UNITS[i % len(UNITS)]
        institutions.append(
            m.Institution(
                id=f"inst-{i:03d}",
                name=f"Institution {i}",
                kind=[
                    m.InstitutionKind.COLLEGE,
                    m.InstitutionKind.UNIVERSITY,
                    m.InstitutionKind.PROVIDER,
                ][i % 3],
                credit_unit=unit,
                course_credit_in_credit_hours=3 if unit is m.CreditUnit.COURSE_CREDIT else None,
                max_transfer_credits=rnd.choice([None, 30, 60]),
                source=m.Source.CSV,
            )
        )
    await out.nodes_("Institution", list(institutions))

    comps = [f"k-{i:05d}" for i in range(scale.competencies)]
    await out.nodes_(
        "Competency",
        [m.Competency(id=c, name=f"competency {c}", kind=m.CompetencyKind.SKILL) for c in comps],
    )
    await out.links(
        RelType.BROADER,
        [Link(c, comps[rnd.randrange(i)]) for i, c in enumerate(comps) if i and rnd.random() < 0.3],
    )
    await out.links(
        RelType.ALIGNS,
        [
            Link(c, rnd.choice(comps), m.Aligns(match=rnd.choice(list(m.AlignmentMatch))))
            for c in comps
            if rnd.random() < 0.1
        ],
    )

    courses_at: dict[str, list[str]] = {i.id: [] for i in institutions}
    course_nodes: list[m.Node] = []
    offered: list[Link] = []
    for n in range(scale.courses):
        inst = institutions[n % len(institutions)]
        cid = f"course-{n:06d}"
        courses_at[inst.id].append(cid)
        credits = (
            3.0
            if inst.credit_unit is m.CreditUnit.CREDIT_HOUR
            else (6.0 if inst.credit_unit is m.CreditUnit.ECTS else 1.0)
        )
        course_nodes.append(
            m.Course(
                id=cid,
                name=f"Course {n}",
                code=f"C{n}",
                credits=credits,
                credit_unit=inst.credit_unit,
                hours=rnd.choice([39.0, 42.0, 45.0]),
                cost=rnd.choice([400.0, 600.0, 900.0]),
            )
        )
        offered.append(Link(cid, inst.id))
    micro_nodes: list[m.Node] = []
    for n in range(scale.micro):
        inst = institutions[rnd.randrange(len(institutions))]
        mid = f"micro-{n:05d}"
        micro_nodes.append(
            m.MicroCredential(
                id=mid,
                name=f"Micro-credential {n}",
                hours=rnd.choice([12.0, 20.0, 30.0, 40.0]),
                cost=rnd.choice([150.0, 300.0, 500.0]),
                status=m.Status.PUBLISHED if rnd.random() < 0.9 else m.Status.DRAFT,
            )
        )
        offered.append(Link(mid, inst.id))
    await out.nodes_("Course", course_nodes)
    await out.nodes_("MicroCredential", micro_nodes)
    item_ids = [n.id for n in course_nodes] + [n.id for n in micro_nodes]
    await out.links(
        RelType.TEACHES,
        [Link(i, c) for i in item_ids for c in rnd.sample(comps, rnd.randint(1, 3))],
    )
    requires = []
    for cids in courses_at.values():
        for k, cid in enumerate(cids):
            if k and rnd.random() < 0.2:
                requires.append(Link(cid, cids[rnd.randrange(k)]))  # earlier course: no cycles
    await out.links(RelType.REQUIRES, requires)

    # Two programs per institution: ALL(4 core courses, AT_LEAST 2 of 5 electives with minCredits).
    programs: list[m.Node] = []
    requirements: list[m.Node] = []
    has_req: list[Link] = []
    options: list[Link] = []
    for inst in institutions:
        pool = courses_at[inst.id]
        for p in range(2):
            pid = f"prog-{inst.id}-{p}"
            programs.append(m.Program(id=pid, name=f"Program {pid}", credit_unit=inst.credit_unit))
            offered.append(Link(pid, inst.id))
            chosen = rnd.sample(pool, min(9, len(pool)))
            root, electives = f"req-{pid}", f"req-{pid}-el"
            requirements += [
                m.Requirement(id=root, op=m.RuleOp.ALL),
                m.Requirement(id=electives, op=m.RuleOp.AT_LEAST, count=2),
            ]
            has_req.append(Link(pid, root))
            options += [Link(root, c) for c in chosen[:4]] + [Link(root, electives)]
            options += [Link(electives, c) for c in chosen[4:]]
    await out.nodes_("Program", programs)
    await out.nodes_("Requirement", requirements)
    await out.links(RelType.OFFERED_BY, offered)
    await out.links(RelType.HAS_REQUIREMENT, has_req)
    await out.links(RelType.OPTION, options)

    # Transfer values: from an item of one institution to a course of another, grouped into one
    # agreement per (sending, receiving) pair.
    institution_of = {link.from_id: link.to_id for link in offered}
    agreements: dict[tuple[str, str], str] = {}
    tvs: list[m.Node] = []
    froms: list[Link] = []
    fors: list[Link] = []
    includes: list[Link] = []
    for n in range(scale.transfer_values):
        source = rnd.choice(item_ids)
        sending = institution_of[source]
        receiving = institutions[rnd.randrange(len(institutions))].id
        if receiving == sending:
            continue
        target = rnd.choice(courses_at[receiving])
        tid = f"tv-{n:06d}"
        # Most rules give credit in the receiving unit; one in ten in credit hours (converted).
        tv_unit = (
            next(i.credit_unit for i in institutions if i.id == receiving)
            if n % 10
            else m.CreditUnit.CREDIT_HOUR
        )
        tvs.append(
            m.TransferValue(
                id=tid,
                credits=rnd.choice([1.0, 3.0, 6.0]),
                credit_unit=tv_unit,
                min_grade=rnd.choice([None, None, 60.0, 70.0]),
                max_age_years=rnd.choice([None, None, None, 5, 10]),
                effective_from=rnd.choice([None, dt.date(2018, 9, 1)]),
                effective_to=rnd.choice([None, None, None, dt.date(2023, 8, 31)]),
                allow_chaining=rnd.random() < 0.3,
            )
        )
        froms.append(Link(tid, source))
        if rnd.random() < 0.05:
            froms.append(Link(tid, rnd.choice(courses_at[sending])))  # an AND-group
        fors.append(Link(tid, target))
        key = (sending, receiving)
        if key not in agreements:
            agreements[key] = f"ag-{sending}-{receiving}"
        includes.append(Link(agreements[key], tid))
    await out.nodes_("TransferValue", tvs)
    await out.nodes_(
        "TransferAgreement",
        [
            m.TransferAgreement(
                id=a, kind=m.AgreementKind.COURSE_TO_COURSE, effective_from=dt.date(2018, 1, 1)
            )
            for a in agreements.values()
        ],
    )
    await out.links(RelType.FROM, _unique(froms))
    await out.links(RelType.FOR, fors)
    await out.links(RelType.INCLUDES, includes)
    between = []
    for (sending, receiving), a in agreements.items():
        between += [
            Link(a, sending, m.Between(role=m.PartyRole.SENDING)),
            Link(a, receiving, m.Between(role=m.PartyRole.RECEIVING)),
        ]
    await out.links(RelType.BETWEEN, between)

    learners: list[m.Node] = [
        m.Learner(id=f"learner-{n:05d}", display_name=f"L{n}") for n in range(scale.learners)
    ]
    await out.nodes_("Learner", learners)
    earned = []
    evidence: list[m.Node] = []
    has_evidence: list[Link] = []
    demonstrates: list[Link] = []
    for learner in learners:
        home = institutions[rnd.randrange(len(institutions))].id
        picks = rnd.sample(courses_at[home], min(rnd.randint(2, 6), len(courses_at[home])))
        picks += rnd.sample(item_ids, rnd.randint(0, 2))
        for item in dict.fromkeys(picks):
            earned.append(
                Link(
                    learner.id,
                    item,
                    m.Earned(
                        date=day - dt.timedelta(days=rnd.randint(30, 3650)),
                        grade=float(rnd.randint(50, 100)),
                    ),
                )
            )
        if rnd.random() < 0.2:
            eid = f"ev-{learner.id}"
            evidence.append(
                m.Evidence(
                    id=eid, kind=m.EvidenceKind.WORK_EXPERIENCE, hours=1000, verified_by="office"
                )
            )
            has_evidence.append(Link(learner.id, eid))
            demonstrates += [Link(eid, c) for c in rnd.sample(comps, 3)]
    await out.links(RelType.EARNED, earned)
    await out.nodes_("Evidence", evidence)
    await out.links(RelType.HAS_EVIDENCE, has_evidence)
    await out.links(RelType.DEMONSTRATES, demonstrates)

    occupations: list[m.Node] = [
        m.Occupation(id=f"occ-{n:04d}", name=f"Occupation {n}") for n in range(scale.occupations)
    ]
    await out.nodes_("Occupation", occupations)
    await out.links(
        RelType.NEEDS,
        [
            Link(o.id, c, m.Needs(essential=rnd.random() < 0.6))
            for o in occupations
            for c in rnd.sample(comps, rnd.randint(5, 12))
        ],
    )
    seconds = time.perf_counter() - started
    return {
        "rows": out.rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(out.rows / seconds),
    }


def _unique(links: list[Link]) -> list[Link]:
    return list({(link.from_id, link.to_id): link for link in links}.values())
