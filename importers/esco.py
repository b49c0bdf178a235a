"""ESCO classification CSVs (v1.1.x, v1.2.x) from folders or the official download zips.

Columns are read by header, never by position; multi-line fields are CSV-quoted and read as such.
Skills and skill groups become Competency nodes in the `esco` framework, occupations and ISCO groups
Occupation nodes; both pillars' broader relations become BROADER, occupation-skill relations NEEDS
{essential}, and skill-skill relations ALIGNS RELATED with the ESCO relation type kept as `rawType`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from graph import models as m
from graph.relations import RelType
from importers.base import ImportBatch, SourceError, checked, csv_records
from importers.files import SourceFile, file_name, is_folder, open_binary

FRAMEWORK_ID = "esco"
CHUNK_BYTES = 1 << 20
REQUIRED = {
    "skills_en.csv": ("conceptUri", "preferredLabel"),
    "skillGroups_en.csv": ("conceptUri", "preferredLabel"),
    "occupations_en.csv": ("conceptUri", "preferredLabel"),
    "ISCOGroups_en.csv": ("conceptUri", "preferredLabel"),
    "broaderRelationsSkillPillar.csv": ("conceptUri", "broaderUri"),
    "broaderRelationsOccPillar.csv": ("conceptUri", "broaderUri"),
    "occupationSkillRelations.csv": ("occupationUri", "relationType", "skillUri"),
    "skillSkillRelations.csv": ("originalSkillUri", "relationType", "relatedSkillUri"),
}
SKILL_KINDS = {
    "knowledge": m.CompetencyKind.KNOWLEDGE,
    "skill/competence": m.CompetencyKind.SKILL,
    "skill": m.CompetencyKind.SKILL,
    "competence": m.CompetencyKind.COMPETENCE,
}


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]

    def get(self, column: str, required: bool = False) -> str | None:
        value = (self.values.get(column) or "").strip()
        if required and not value:
            raise SourceError(self.file, f"line {self.line}", column, "is empty")
        return value or None


# v1.2 names the relation files per language too (occupationSkillRelations_en.csv).
_LANGUAGE_SUFFIX = re.compile(r"^(.+?)_[a-z]{2}\.csv$")


def canonical(name: str) -> str | None:
    """The file name this importer knows a CSV by (v1.1 and v1.2 spellings), or None."""
    if name in REQUIRED:
        return name
    plain = _LANGUAGE_SUFFIX.match(name)
    if plain and f"{plain[1]}.csv" in REQUIRED:
        return f"{plain[1]}.csv"
    return None


def _sources(paths: Sequence[SourceFile]) -> dict[str, tuple[SourceFile, str | None]]:
    """Where each known file is: a path or an upload, or (zip, member)."""
    found: dict[str, tuple[SourceFile, str | None]] = {}
    for path in paths:
        if is_folder(path):
            for file in sorted(path.iterdir()):
                if file.is_file() and (name := canonical(file.name)):
                    found[name] = (file, None)
        elif zipfile.is_zipfile(_zip_input(path)):
            with zipfile.ZipFile(_zip_input(path)) as archive:
                for member in archive.namelist():
                    if name := canonical(member.rsplit("/", 1)[-1]):
                        found[name] = (path, member)
        elif name := canonical(file_name(path)):
            found[name] = (path, None)
        else:
            raise SourceError(
                str(path), "file", "path", "is neither an ESCO CSV, a folder nor a zip"
            )
    return found


def _zip_input(source: SourceFile) -> Path | IO[bytes]:
    """What `zipfile` reads: a path as it is, an upload's bytes."""
    return source if isinstance(source, Path) else io.BytesIO(source.data)


@contextmanager
def _binary(where: tuple[SourceFile, str | None]) -> Iterator[IO[bytes]]:
    """The bytes of a CSV file or of a zip member."""
    path, member = where
    if member is None:
        with open_binary(path) as raw:
            yield raw
    else:
        with zipfile.ZipFile(_zip_input(path)) as archive, archive.open(member) as raw:
            yield raw


def _check_utf8(label: str, where: tuple[SourceFile, str | None]) -> None:
    """SourceError naming the first byte that is not UTF-8, read before parsing so that a binary
    file is refused by its byte offset, as the JSON importers do, and never fails half-read."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    read = 0
    try:
        with _binary(where) as raw:
            while True:
                chunk = raw.read(CHUNK_BYTES)
                read += len(chunk)
                decoder.decode(chunk, final=not chunk)
                if not chunk:
                    break
    except OSError as error:
        raise SourceError(label, "file", "-", error.strerror or str(error)) from None
    except UnicodeDecodeError as error:
        # error.object is the undecoded tail: bytes held over from the chunk before, and this one
        start = read - len(error.object) + error.start
        raise SourceError(label, f"byte {start}", "-", "not UTF-8 text") from None


def _rows(name: str, where: tuple[SourceFile, str | None]) -> Iterator[Row]:
    """The rows of one CSV by its header; a malformed file or row is an error naming its line."""
    path, member = where
    label = f"{file_name(path)}:{member}" if member else str(path)
    _check_utf8(label, where)
    with _binary(where) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
        # strict: a file cut inside a quoted field is an error, not a shortened last row
        reader = csv.DictReader(handle, strict=True)
        try:
            header = reader.fieldnames or []
        except csv.Error as error:
            raise SourceError(label, "line 1 (header)", "-", f"malformed CSV: {error}") from None
        for column in REQUIRED[name]:
            if column not in header:
                raise SourceError(label, "line 1 (header)", column, "column is missing")
        for values in csv_records(reader, label):
            yield Row(label, reader.line_num, values)


def _checked(row: Row, model: type[m.Node], **values: Any) -> m.Node:
    """A model from a row, or SourceError naming the row and the field that is wrong."""
    return checked(
        model,
        lambda field, message: SourceError(row.file, f"line {row.line}", field, message),
        **values,
    )


def _concept(row: Row, model: type[m.Node], **more: Any) -> m.Node:
    """The node of an ESCO concept's row (a skill or an occupation): its URI is its id."""
    uri = row.get("conceptUri", required=True) or ""
    return _checked(
        row,
        model,
        id=uri,
        name=(row.get("preferredLabel", required=True) or "")[:500],
        description=row.get("description") or row.get("definition"),
        code=row.get("code"),
        **more,
        source=m.Source.ESCO,
        source_uri=uri,
    )


def parse(paths: Sequence[SourceFile]) -> ImportBatch:
    found = _sources(paths)
    if not found:
        raise SourceError(", ".join(map(str, paths)), "-", "-", "no ESCO CSV file found")
    batch = ImportBatch()
    batch.nodes.append(
        m.Framework(
            id=FRAMEWORK_ID,
            name="ESCO (European Skills, Competences, Qualifications and Occupations)",
            kind=m.FrameworkKind.ESCO,
            publisher="European Commission",
            license="CC-BY-4.0 (ESCO reuse policy)",
            source=m.Source.ESCO,
        )
    )
    for name in ("skills_en.csv", "skillGroups_en.csv"):
        if name in found:
            for row in _rows(name, found[name]):
                kind = SKILL_KINDS.get((row.get("skillType") or "").lower(), m.CompetencyKind.OTHER)
                skill = _concept(row, m.Competency, kind=kind)
                batch.nodes.append(skill)
                batch.link(RelType.IN_FRAMEWORK, skill.id, FRAMEWORK_ID)
    for name in ("occupations_en.csv", "ISCOGroups_en.csv"):
        if name in found:
            for row in _rows(name, found[name]):
                batch.nodes.append(_concept(row, m.Occupation))
    for name in ("broaderRelationsSkillPillar.csv", "broaderRelationsOccPillar.csv"):
        if name in found:
            for row in _rows(name, found[name]):
                batch.link(
                    RelType.BROADER,
                    row.get("conceptUri", required=True) or "",
                    row.get("broaderUri", required=True) or "",
                )
    if "occupationSkillRelations.csv" in found:
        for row in _rows("occupationSkillRelations.csv", found["occupationSkillRelations.csv"]):
            relation = (row.get("relationType", required=True) or "").lower()
            if relation not in {"essential", "optional"}:
                raise SourceError(
                    row.file, f"line {row.line}", "relationType", f"unknown value {relation!r}"
                )
            batch.link(
                RelType.NEEDS,
                row.get("occupationUri", required=True) or "",
                row.get("skillUri", required=True) or "",
                m.Needs(essential=relation == "essential"),
            )
    if "skillSkillRelations.csv" in found:
        for row in _rows("skillSkillRelations.csv", found["skillSkillRelations.csv"]):
            batch.link(
                RelType.ALIGNS,
                row.get("originalSkillUri", required=True) or "",
                row.get("relatedSkillUri", required=True) or "",
                m.Aligns(match=m.AlignmentMatch.RELATED, raw_type=row.get("relationType")),
            )
    return batch
