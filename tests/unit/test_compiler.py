"""The read compiler without a database: golden statements, vocabulary from the registry only,
and what it refuses."""

from __future__ import annotations

import pytest

from graph.compiler import Uncompilable, compile_read, ir, shape_read
from graph.models import Label
from graph.relations import RelType, in_, out

V = ir.Value


def _mc(fields: tuple[ir.NodeField, ...]) -> ir.Selection:
    return ir.Selection(((Label.MICRO_CREDENTIAL, fields),))


def test_a_micro_credential_with_its_competencies_and_institution() -> None:
    competency = ir.Selection(((Label.COMPETENCY, (ir.Property("id", "id"),)),))
    institution = ir.Selection(((Label.INSTITUTION, (ir.Property("name", "name"),)),))
    selection = _mc(
        (
            ir.Property("name", "name"),
            ir.Property("hours", "hours"),
            ir.Related(
                "competencies",
                out(RelType.TEACHES),
                V(1),
                False,
                ir.Edges((ir.Far("competency", competency), ir.RelProperty("level", "level"))),
            ),
            ir.Related("institution", out(RelType.OFFERED_BY), V(2), True, institution),
        )
    )
    plan = compile_read(ir.Read((ir.NodeById("mc", Label.MICRO_CREDENTIAL, V(0), selection),)))
    assert plan.text == (
        "RETURN head(COLLECT { MATCH (n1:MicroCredential {id: $p0}) RETURN [n1.`name`, "
        "n1.`hours`, COLLECT { MATCH (n1)-[r3:TEACHES]->(n2:Competency) WITH * ORDER BY n2.id "
        "LIMIT $p1 RETURN [[n2.`id`], r3.`level`] }, head(COLLECT { MATCH (n1)-[r5:OFFERED_BY]->"
        "(n4:Institution) WITH * ORDER BY n4.id LIMIT $p2 RETURN [n4.`name`] })] }) AS c0"
    )
    assert plan.bind({0: "mc-1", 1: 100, 2: 1}).params == {"p0": "mc-1", "p1": 100, "p2": 1}
    row = [["Data", 40, [[["c-sql"], "ADVANCED"]], None]]
    data = shape_read(plan.read, row, {}, str, lambda *_: None)
    assert data == {
        "mc": {
            "name": "Data",
            "hours": 40.0,
            "competencies": [{"competency": {"id": "c-sql"}, "level": "ADVANCED"}],
            "institution": None,
        }
    }


def test_a_page_with_its_count_and_an_interface_list() -> None:
    prerequisites = ir.Selection(
        tuple(
            (label, (ir.Typename("t"), ir.Property("id", "id")))
            for label in sorted(out(RelType.REQUIRES).far_labels)
        )
    )
    selection = _mc((ir.Related("pre", out(RelType.REQUIRES), V(7), False, prerequisites),))
    page = ir.PageOf(
        "page",
        Label.MICRO_CREDENTIAL,
        ir.PageFilter(V(1), V(2), V(3), V(4), V(5), V(8), V(6)),
        (ir.TotalCount("n"), ir.PageNodes("nodes", selection), ir.PageInfo("info", ())),
    )
    plan = compile_read(ir.Read((ir.Constant("__typename", "Query"), page)))
    assert plan.text == (
        "RETURN [COLLECT { MATCH (n1:MicroCredential) WHERE n1.id > $p1 AND ($p2 IS NULL OR "
        "toLower(n1.name) CONTAINS $p2) AND ($p3 IS NULL OR n1.source = $p3) AND ($p4 IS NULL OR "
        "n1.status = $p4) AND ($p6 IS NULL OR n1.updatedAt >= $p6) AND ($p5 IS NULL OR EXISTS { "
        "(n1)-[:OFFERED_BY]->(:Institution {id: $p5}) }) WITH n1 ORDER BY n1.id LIMIT $p7 "
        "RETURN [n1.id, [COLLECT { MATCH (n1)-"
        "[r3:REQUIRES]->(n2:Competency|Course|MicroCredential) WITH * ORDER BY n2.id LIMIT $p0 "
        "RETURN CASE WHEN n2:Competency THEN ['Competency', n2.`id`] WHEN n2:Course THEN "
        "['Course', n2.`id`] WHEN n2:MicroCredential THEN ['MicroCredential', n2.`id`] END }]] }, "
        "COUNT { MATCH (n4:MicroCredential) WHERE ($p2 IS NULL OR toLower(n4.name) CONTAINS $p2) "
        "AND ($p3 IS NULL OR n4.source = $p3) AND ($p4 IS NULL OR n4.status = $p4) AND ($p6 IS "
        "NULL OR n4.updatedAt >= $p6) AND ($p5 IS NULL OR EXISTS { (n4)-[:OFFERED_BY]->"
        "(:Institution {id: $p5}) }) }] AS c0"
    )
    row = [[[["mc-1", [[["Course", "c-1"]]]], ["mc-2", [[]]]], 7]]
    data = shape_read(plan.read, row, {6: 2}, str, lambda *_: None)
    assert data == {
        "__typename": "Query",
        "page": {"n": 7, "nodes": [{"pre": [{"t": "Course", "id": "c-1"}]}], "info": {}},
    }


def test_memberships_are_ordered_by_position_after_the_bound() -> None:
    suite = ir.Selection(((Label.SUITE, (ir.Property("id", "id"),)),))
    edges = ir.Edges((ir.Far("suite", suite), ir.RelProperty("position", "position")))
    selection = _mc((ir.Related("suites", out(RelType.IN_SUITE), V(1), False, edges),))
    plan = compile_read(ir.Read((ir.NodeById("mc", Label.MICRO_CREDENTIAL, V(0), selection),)))
    assert plan.text is not None
    assert (
        "WITH * ORDER BY n2.id LIMIT $p1 WITH * ORDER BY r3.position IS NULL, "
        "coalesce(r3.position, 0), n1.id, n2.id RETURN" in plan.text
    )


@pytest.mark.parametrize(
    "field",
    [
        ir.Property("x", "name}) MATCH (n) DETACH DELETE n //"),
        ir.Property("x", "statusHistory"),  # JSON lists are answered field by field
        ir.Property("x", "noSuchProperty"),
    ],
)
def test_names_outside_the_registry_are_refused(field: ir.NodeField) -> None:
    read = ir.Read((ir.NodeById("mc", Label.MICRO_CREDENTIAL, V(0), _mc((field,))),))
    with pytest.raises(Uncompilable):
        compile_read(read)


def test_a_hop_from_the_wrong_label_or_to_the_wrong_label_is_refused() -> None:
    institution = ir.Selection(((Label.INSTITUTION, ()),))
    wrong_start = _mc((ir.Related("x", out(RelType.HIRES_FOR), V(1), False, institution),))
    wrong_end = _mc((ir.Related("x", in_(RelType.ENDORSES), V(1), False, institution),))
    for selection in (wrong_start, wrong_end):
        with pytest.raises(Uncompilable):
            compile_read(ir.Read((ir.NodeById("mc", Label.MICRO_CREDENTIAL, V(0), selection),)))


def test_missing_properties_answer_the_model_default() -> None:
    fields = (
        ir.Property("status", "status"),
        ir.Property("methods", "assessmentMethods"),
        ir.Property("bearing", "creditBearing"),
        ir.Property("updated", "updatedAt"),
    )
    plan = compile_read(ir.Read((ir.NodeById("mc", Label.MICRO_CREDENTIAL, V(0), _mc(fields)),)))
    assert plan.text is not None and "toString(n1.`updatedAt`)" in plan.text
    data = shape_read(
        plan.read, [[None, None, None, "2026-01-02T03:04:05.123456789Z"]], {}, str, print
    )
    assert data["mc"] == {
        "status": "DRAFT",
        "methods": [],
        "bearing": False,
        "updated": "2026-01-02T03:04:05.123456+00:00",
    }
