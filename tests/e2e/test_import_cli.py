"""`credgraph import` on bad files: a located error, exit 2, no traceback, nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import ROOT, graph_counts

OCCUPATIONS = "conceptUri,preferredLabel\nhttp://data.europa.eu/esco/occupation/o,developer\n"
SKILLS_HEADER = "conceptUri,preferredLabel,inScheme,description\n"
SKILL = (
    "http://data.europa.eu/esco/skill/{0},skill {0},"
    "http://data.europa.eu/esco/concept-scheme/skills,a skill\n"
)
FIXTURES = ROOT / "tests" / "fixtures"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"


def _run(kind: str, path: Path, target: Neo4jTarget) -> tuple[int, str]:
    """Exit code and output (one line, however the console wrapped it) of `credgraph import`."""
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
        "COLUMNS": "400",
    }
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "import", kind, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def _esco_folder(folder: Path, skills: bytes) -> Path:
    folder.mkdir()
    (folder / "occupations_en.csv").write_text(OCCUPATIONS)
    (folder / "skills_en.csv").write_bytes(skills)
    return folder


def _esco_zip(folder: Path, skills: bytes) -> Path:
    archive = folder / "esco.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("v1.2.0/occupations_en.csv", OCCUPATIONS)
        out.writestr("v1.2.0/skills_en.csv", skills)
    return archive


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def _badge(folder: Path) -> Path:
    """An Open Badges credential whose achievement name is an object, not a string."""
    data = json.loads((FIXTURES / "obv3" / "ob30" / "simple.json").read_text())
    data["credentialSubject"]["achievement"]["name"] = {"x": [1, 2]}
    path = folder / "badge.json"
    path.write_text(json.dumps(data))
    return path


# the last skill cut inside its quoted inScheme, as a download that stopped half-way
CUT = SKILLS_HEADER + SKILL.format(1) + 'http://data.europa.eu/esco/skill/2,skill 2,"http://data'
CASES: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    # kind, the files made in a folder, what the error says
    "esco binary CSV": (
        "esco",
        lambda d: _esco_folder(d / "esco", BINARY),
        "/esco/skills_en.csv, byte 0, field -: not UTF-8 text",
    ),
    "esco binary zip member": (
        "esco",
        lambda d: _esco_zip(d, SKILLS_HEADER.encode() + BINARY),
        "error: esco.zip:v1.2.0/skills_en.csv, byte 47, field -: not UTF-8 text",
    ),
    "esco CSV cut inside a quoted field": (
        "esco",
        lambda d: _esco_folder(d / "esco", CUT.encode()),
        "/esco/skills_en.csv, line 3, field -: malformed CSV: unexpected end of data",
    ),
    "csv header that looks like console markup": (
        "csv",
        lambda d: _write(d / "courses.csv", "id,name,institution,[/x]\nc1,S,i1,2\n"),
        "/courses.csv, line 1 (header), field [/x]: unknown column for courses",
    ),
    "openbadges name of the wrong type": (
        "openbadges",
        _badge,
        "/badge.json, JSON pointer /credentialSubject/achievement, field name: "
        "must be a string, not an object",
    ),
}


@pytest.mark.parametrize("case", CASES)
async def test_a_bad_file_is_refused_with_where_it_is(
    empty_graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path, case: str
) -> None:
    kind, make, expected = CASES[case]
    code, output = _run(kind, make(tmp_path), neo4j_target)
    assert code == 2, output
    assert "Traceback" not in output and expected in output, output
    assert output.startswith("error: ")
    assert await graph_counts(empty_graph) == (0, 0)
