"""The CSV template columns the demo data needed (alignments, teaching levels, design elements,
editions, facilitation, a suite's exact standard and allowed deviations), read without Neo4j."""

from __future__ import annotations

import pytest

from graph import models as m
from graph.relations import RelType
from importers.base import SourceError
from importers.csv_templates import parse
from importers.files import Upload


def _csv(name: str, text: str) -> Upload:
    return Upload(name, text.encode())


def test_alignment_teaching_and_design_columns() -> None:
    batch = parse(
        [
            _csv(
                "competencies.csv",
                "id,name,framework,alignsTo,alignMatch\nc-py,Python,fw,esco-py,CLOSE\n",
            ),
            _csv(
                "micro-credentials.csv",
                "id,name,institution,competencies,teachingLevel,notAssessed,modules,uxElements,"
                "supersedes,facilitatorCompetencies\n"
                "mc-2,Python 2,i,c-py;c-comm,intermediate,c-comm,3,overview;quiz,mc-1,c-teach\n",
            ),
        ],
        source=m.Source.DEMO,
    )
    assert {n.source for n in batch.nodes} == {m.Source.DEMO}
    [aligns] = batch.links[RelType.ALIGNS]
    assert (aligns.from_id, aligns.to_id, aligns.props) == (
        "c-py",
        "esco-py",
        m.Aligns(match=m.AlignmentMatch.CLOSE),
    )
    teaches = {link.to_id: link.props for link in batch.links[RelType.TEACHES]}
    assert teaches == {
        "c-py": m.Teaches(level="intermediate", assessed=True),
        "c-comm": m.Teaches(level="intermediate", assessed=False),
    }
    [mc] = [n for n in batch.nodes if isinstance(n, m.MicroCredential)]
    assert (mc.modules, mc.ux_elements) == (3, ("overview", "quiz"))
    assert [(x.from_id, x.to_id) for x in batch.links[RelType.SUPERSEDES]] == [("mc-2", "mc-1")]
    needs = batch.links[RelType.FACILITATION_NEEDS]
    assert [(x.from_id, x.to_id) for x in needs] == [("mc-2", "c-teach")]


def test_a_suite_standard_with_allowed_deviations() -> None:
    deviations = '"[{""field"": ""weeks"", ""members"": [""mc-3""], ""reason"": ""longer""}]"'
    batch = parse(
        [
            _csv(
                "suites.csv",
                "id,name,institution,hours,weeks,outcomeType,allowedDeviations\n"
                f"s,Suite,i,20,4,PASS_FAIL,{deviations}\n",
            )
        ]
    )
    [suite] = batch.nodes
    assert isinstance(suite, m.Suite)
    assert (suite.hours, suite.weeks, suite.outcome_type) == (20, 4, m.OutcomeType.PASS_FAIL)
    assert suite.allowed_deviations == (
        m.AllowedDeviation(field="weeks", members=("mc-3",), reason="longer"),
    )
    assert suite.source is m.Source.CSV


def test_allowed_deviations_that_are_not_json_name_the_cell() -> None:
    with pytest.raises(SourceError) as raised:
        parse([_csv("suites.csv", "id,name,institution,allowedDeviations\ns,S,i,weeks\n")])
    assert raised.value.message.startswith("suites.csv, line 2, field allowedDeviations")


def test_a_row_short_of_a_cell_is_refused_not_shifted() -> None:
    # the unit was left out: read by position, 45 would still be credits, but `hours` would be
    # lost without a word; any cell left out in the middle would shift the rest
    short = (
        "id,name,institution,credits,creditUnit,hours\nc-1,Stats,i,3,CREDIT_HOUR,45\nc-2,SQL,i,45\n"
    )
    with pytest.raises(SourceError) as raised:
        parse([_csv("courses.csv", short)])
    assert (raised.value.file, raised.value.where) == ("courses.csv", "line 3")
    assert raised.value.field_name == "creditUnit"
    assert "4 of 6 cells" in raised.value.message
