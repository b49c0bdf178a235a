"""`credgraph db check` against a real Neo4j: the demo graph fits; data planted with raw Cypher (as
another tool would write it) is listed by label, id, property, stored type and expected."""

from __future__ import annotations

import neo4j
from typer.testing import CliRunner

from api.cli import app
from graph.connection import Neo4jTarget
from graph.container import Graph
from graph.repositories.stored_data import StoredDataRepository
from graph.services.data_check import Misfit, check_data

PLANT = [
    # converts without loss: not listed
    "CREATE (:Entity:Course {id: 'zz-coercible', name: 'Coercible', level: 2, code: 101})",
    # does not fit
    "CREATE (:Entity:Course {id: 'zz-bad', name: 'Bad', credits: 'three', hours: true})",
    # fits, but lacks the :Entity label every node carries (decision 1)
    "CREATE (:Course {id: 'zz-no-entity', name: 'No entity'})",
    # an id that is not a string
    "CREATE (:Entity:Competency {id: 42, name: 'Answer'})",
    "MATCH (:Course {id: 'lsu-cs101'})-[t:TEACHES]->(:Competency {id: 'c-python'}) "
    "SET t.level = 3, t.assessed = 'yes'",
    "MATCH (:MicroCredential {id: 'mc-data-2'})-[r:IN_SUITE]->(s:Suite) "
    "SET r.position = 'first', r.core = 1",
    "MATCH (l:Learner)-[e:EARNED]->(i) WITH e, l, i ORDER BY l.id, i.id LIMIT 1 SET e.grade = 'A'",
]


async def planted_earned(graph: Graph) -> str:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (l:Learner)-[:EARNED]->(i) RETURN l.id + ' -> ' + i.id AS key "
        "ORDER BY l.id, i.id LIMIT 1"
    )
    return str(records[0]["key"])


async def suite_of_mc_data_2(graph: Graph) -> str:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (:MicroCredential {id: 'mc-data-2'})-[:IN_SUITE]->(s:Suite) RETURN s.id AS id"
    )
    return str(records[0]["id"])


async def test_the_demo_fits_and_planted_misfits_are_listed(demo_graph: Graph) -> None:
    stored = StoredDataRepository(demo_graph.db)
    clean = await check_data(stored, page_size=7)  # several pages of each kind
    assert clean.misfits == [] and clean.nodes > 50 and clean.relationships > 50
    earned, suite = await planted_earned(demo_graph), await suite_of_mc_data_2(demo_graph)
    for statement in PLANT:
        await demo_graph.driver.execute_query(statement)
    report = await check_data(stored, page_size=7)
    assert report.nodes == clean.nodes + 4
    assert [(m.label, m.id, m.property, m.stored) for m in report.misfits] == [
        ("Competency", "42", "id", "an Integer"),
        ("Course", "zz-bad", "credits", "a String"),
        ("Course", "zz-bad", "hours", "a Boolean"),
        ("Course", "zz-no-entity", "(labels)", "no :Entity label"),
        ("EARNED", earned, "grade", "a String"),
        ("IN_SUITE", f"mc-data-2 -> {suite}", "core", "an Integer"),
        ("IN_SUITE", f"mc-data-2 -> {suite}", "position", "a String"),
        ("TEACHES", "lsu-cs101 -> c-python", "assessed", "a String"),
    ]
    by_property = {(m.id, m.property): m for m in report.misfits}
    assert by_property[("zz-bad", "credits")] == Misfit(
        "Course", "zz-bad", "credits", "a String", "a number (>= 0)"
    )
    assert by_property[("lsu-cs101 -> c-python", "assessed")].expected == "a boolean"


def test_the_command_lists_misfits_and_exits_1_then_0(neo4j_target: Neo4jTarget) -> None:
    env = {
        "NEO4J_URI": neo4j_target.uri,
        "NEO4J_USER": neo4j_target.user,
        "NEO4J_PASSWORD": neo4j_target.password.get_secret_value(),
    }
    auth = (neo4j_target.user, neo4j_target.password.get_secret_value())
    with neo4j.GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        driver.execute_query(
            "CREATE (c:Entity:Course {id: 'c-1', name: 'Fine', level: 2})"
            "-[:TEACHES {level: 3, assessed: 'yes'}]->(:Entity:Competency {id: 'k-1'})"
        )
        driver.execute_query("CREATE (:Entity:Course {id: 'c-2', credits: 'three'})")
        runner = CliRunner()
        bad = runner.invoke(app, ["db", "check"], env=env)
        assert bad.exit_code == 1, bad.output
        lines = bad.stdout.splitlines()
        assert lines[0] == "label\tid\tproperty\tstored\texpected"
        assert lines[1:] == [
            "Course\tc-2\tcredits\ta String\ta number (>= 0)",
            "TEACHES\tc-1 -> k-1\tassessed\ta String\ta boolean",
        ]
        driver.execute_query(
            "MATCH (c:Course {id: 'c-2'}) SET c.credits = 3 "
            "WITH c MATCH ()-[t:TEACHES]->() SET t.assessed = true"
        )
        good = runner.invoke(app, ["db", "check"], env=env)
        assert good.exit_code == 0, good.output
        assert good.stdout == ""
        driver.execute_query("MATCH (n) DETACH DELETE n")
