"""The ESCO parser on synthetic files: columns by header, located errors, and the corpus counts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from graph import models as m
from graph.relations import RelType
from importers import esco
from importers.base import SourceError
from importers.esco import parse

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "esco"

SKILLS = (
    "skillType,conceptUri,preferredLabel,description,conceptType\n"  # columns in another order
    'knowledge,http://data.europa.eu/esco/skill/a,Haskell,"functional\nprogramming",KnowledgeSkillCompetence\n'
    "skill/competence,http://data.europa.eu/esco/skill/b,debug software,,KnowledgeSkillCompetence\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_columns_by_header_and_multiline_fields(tmp_path: Path) -> None:
    write(tmp_path, "skills_en.csv", SKILLS)
    write(
        tmp_path,
        "occupationSkillRelations.csv",
        "skillUri,relationType,occupationUri,skillType\n"
        "http://data.europa.eu/esco/skill/a,essential,http://data.europa.eu/esco/occupation/x,knowledge\n",
    )
    batch = parse([tmp_path])
    skills = {n.id: n for n in batch.nodes if isinstance(n, m.Competency)}
    haskell = skills["http://data.europa.eu/esco/skill/a"]
    assert (haskell.name, haskell.kind, haskell.description) == (
        "Haskell",
        m.CompetencyKind.KNOWLEDGE,
        "functional\nprogramming",
    )
    assert skills["http://data.europa.eu/esco/skill/b"].kind is m.CompetencyKind.SKILL
    [need] = batch.links[RelType.NEEDS]
    assert (need.from_id, need.to_id) == (
        "http://data.europa.eu/esco/occupation/x",
        "http://data.europa.eu/esco/skill/a",
    )
    assert isinstance(need.props, m.Needs) and need.props.essential


@pytest.mark.parametrize(
    ("name", "text", "where", "field"),
    [
        ("skills_en.csv", "conceptUri,label\nhttp://x/a,A\n", "line 1 (header)", "preferredLabel"),
        ("skills_en.csv", "conceptUri,preferredLabel\nhttp://x/a,A\n,B\n", "line 3", "conceptUri"),
        ("skills_en.csv", "conceptUri,preferredLabel\nnot an id,A\n", "line 2", "id"),
        (
            "occupationSkillRelations.csv",
            "occupationUri,relationType,skillUri\nhttp://x/o,sometimes,http://x/s\n",
            "line 2",
            "relationType",
        ),
        # a file cut inside a quoted field: the row it starts on, never a shortened last row
        (
            "skills_en.csv",
            "conceptUri,preferredLabel,inScheme,description\nhttp://x/a,A,http://s,a\n"
            'http://x/b,B,"http://data',
            "line 3",
            "-",
        ),
        (
            "skills_en.csv",
            'conceptUri,preferredLabel,description\nhttp://x/a,"A\n\nB,C',
            "line 2",
            "-",
        ),
        # a row with fewer cells than the header names its first missing column
        (
            "skills_en.csv",
            "conceptUri,preferredLabel,inScheme,description\nhttp://x/a,A,http://s,a\nhttp://x/b,B\n",
            "line 3",
            "inScheme",
        ),
        ("skills_en.csv", "conceptUri,preferredLabel\nhttp://x/a,A,extra\n", "line 2", "-"),
        ("skills_en.csv", 'conceptUri,"preferredLabel\n', "line 1 (header)", "-"),
    ],
)
def test_errors_name_file_line_and_field(
    tmp_path: Path, name: str, text: str, where: str, field: str
) -> None:
    write(tmp_path, name, text)
    with pytest.raises(SourceError) as caught:
        parse([tmp_path])
    error = caught.value
    assert error.file.endswith(name) and (error.where, error.field_name) == (where, field)
    assert name in error.message and where in error.message


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "subset").is_dir(), reason="../shared/corpus is absent")
def test_the_corpus_subset_has_the_manifest_counts() -> None:
    # MANIFEST.tsv: 950 skills, 263 skill groups, 69 occupations, 13 ISCO groups, 1,724 + 81
    # broader relations, 4,445 occupation-skill and 418 skill-skill relations.
    batch = parse([CORPUS / "subset"])
    labels = [type(n).__name__ for n in batch.nodes]
    assert (labels.count("Competency"), labels.count("Occupation")) == (950 + 263, 69 + 13)
    assert len(batch.links[RelType.BROADER]) == 1724 + 81
    assert len(batch.links[RelType.NEEDS]) == 4445
    assert len(batch.links[RelType.ALIGNS]) == 418


def test_v1_2_relation_file_names_and_extra_columns(tmp_path: Path) -> None:
    """ESCO v1.2 names relation files per language and adds label columns."""
    write(tmp_path, "skills_en.csv", SKILLS)
    write(
        tmp_path,
        "occupationSkillRelations_en.csv",
        "occupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel\n"
        "http://data.europa.eu/esco/occupation/x,developer,optional,knowledge,"
        "http://data.europa.eu/esco/skill/a,Haskell\n",
    )
    write(
        tmp_path,
        "broaderRelationsSkillPillar_en.csv",
        "conceptType,conceptUri,conceptLabel,broaderType,broaderUri,broaderLabel\n"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/a,Haskell,"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/b,debug software\n",
    )
    batch = parse([tmp_path])
    [need] = batch.links[RelType.NEEDS]
    assert isinstance(need.props, m.Needs) and not need.props.essential
    [broader] = batch.links[RelType.BROADER]
    assert broader.to_id == "http://data.europa.eu/esco/skill/b"


BINARY = b"conceptUri,preferredLabel\nhttp://x/a,A\n\x89PNG\r\n\x1a\n\x00\xff\xfe"


@pytest.mark.parametrize("chunk", [esco.CHUNK_BYTES, 19, 1])
def test_a_binary_file_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # in 19-byte chunks the two bytes of "é" (37, 38) fall into two chunks
    monkeypatch.setattr(esco, "CHUNK_BYTES", chunk)
    (tmp_path / "skills_en.csv").write_bytes(BINARY.replace(b",A", ",é".encode()))
    with pytest.raises(SourceError) as caught:
        parse([tmp_path])
    # the first byte that is not UTF-8: 0x89, after the 40 bytes of the two text lines
    assert (caught.value.where, caught.value.field_name) == ("byte 40", "-")
    assert caught.value.message.startswith(f"{tmp_path / 'skills_en.csv'}, byte 40, field -: ")


def test_a_binary_zip_member_is_a_located_error(tmp_path: Path) -> None:
    archive = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("occupations_en.csv", "conceptUri,preferredLabel\nhttp://x/o,O\n")
        out.writestr("v1.2.0/skills_en.csv", b"\xef\xbb\xbf" + BINARY)  # after a BOM
    with pytest.raises(SourceError) as caught:
        parse([archive])
    assert caught.value.file == f"{archive.name}:v1.2.0/skills_en.csv"
    assert caught.value.where == "byte 42"
