"""importers/formats.py is the one table of formats: the GraphQL enums and the CLI read it, and a
parser reads an upload (name and bytes) exactly as it reads a file of that name."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli_imports import import_app
from api.resolvers.imports import ExportFormat, ImportFormat
from importers.base import SourceError
from importers.files import Upload
from importers.formats import EXPORT_FORMATS, IMPORT_FORMATS, ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_graphql_import_enum_is_the_table() -> None:
    assert {(f.name, f.value) for f in ImportFormat} == {
        (f.graphql_name, f.name) for f in IMPORT_FORMATS.values()
    }


def test_every_format_has_its_import_command() -> None:
    # each command is written by hand (its own arguments and help); this keeps the set the table's
    commands = {c.name for c in import_app.registered_commands} - {"template"}
    assert commands == set(IMPORT_FORMATS)


def test_graphql_export_enum_is_the_table() -> None:
    assert {f.value for f in ExportFormat} == set(EXPORT_FORMATS)


@pytest.mark.parametrize(
    ("format_name", "fixture"),
    [
        ("case", FIXTURES / "case" / "synthetic-case-1.1.json"),
        ("ctdl", FIXTURES / "ctdl" / "synthetic-pathway.json"),
    ],
)
def test_an_upload_parses_as_its_file_does(format_name: str, fixture: Path) -> None:
    parse = IMPORT_FORMATS[format_name].parse
    from_file = parse([fixture], ParseOptions())
    from_upload = parse([Upload(fixture.name, fixture.read_bytes())], ParseOptions())
    assert from_upload.nodes == from_file.nodes
    assert from_upload.links == from_file.links


def test_an_upload_error_names_the_upload() -> None:
    upload = Upload("courses-broken.csv", b'id,name\n"unclosed,x\n')
    with pytest.raises(SourceError) as raised:
        IMPORT_FORMATS["csv"].parse([upload], ParseOptions())
    assert raised.value.message.startswith("courses-broken.csv")
