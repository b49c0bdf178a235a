"""CSV template rows: the column and template types, and reading a filled-in file by its header
(errors name the file, the line and the column)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from graph import models as m
from importers.base import ImportBatch, SourceError, csv_records
from importers.files import SourceFile, file_stem, open_text
from importers.openbadges import LETTER_GRADES


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    example: str = ""
    required: bool = False


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    values: dict[str, str]
    source: m.Source = m.Source.CSV  # what its nodes record as their source (the demo: DEMO)

    def get(self, column: str) -> str | None:
        value = (self.values.get(column) or "").strip()
        return value or None

    def ids(self, column: str) -> list[str]:
        return [v.strip() for v in (self.get(column) or "").split(";") if v.strip()]

    def fail(self, column: str, message: str) -> SourceError:
        return SourceError(self.file, f"line {self.line}", column, message)

    def fields(self, *columns: str) -> dict[str, str]:
        """The non-empty cells of these columns, keyed by column (= model alias)."""
        return {c: v for c in columns if (v := self.get(c)) is not None}

    def model(self, model: type[BaseModel], **values: Any) -> Any:
        try:
            return model.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as error:
            first = error.errors()[0]
            column = str(first["loc"][0]) if first["loc"] else "-"
            raise self.fail(column, first["msg"]) from None

    def grade(self, column: str) -> float | None:
        value = self.get(column)
        if value is None:
            return None
        if value.upper() in LETTER_GRADES:
            return LETTER_GRADES[value.upper()]
        try:
            grade = float(value.rstrip("%"))
        except ValueError:
            raise self.fail(
                column, f"{value!r} is neither a percentage nor a letter grade"
            ) from None
        if not 0 <= grade <= 100:
            raise self.fail(column, f"{value} is not between 0 and 100")
        return grade


Build = Callable[[Row, ImportBatch], None]


@dataclass(frozen=True)
class Template:
    name: str
    doc: str
    columns: tuple[Column, ...]
    build: Build

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def template_for(path: SourceFile, forced: str | None, templates: dict[str, Template]) -> Template:
    """The template of a file: `forced`, else the one its name starts with."""
    if forced:
        if forced not in templates:
            raise SourceError(str(path), "file", "template", f"unknown template {forced!r}")
        return templates[forced]
    stem = file_stem(path).lower()
    for name in sorted(templates, key=len, reverse=True):
        if stem.startswith(name):
            return templates[name]
    raise SourceError(
        str(path), "file name", "template", f"starts with none of: {', '.join(templates)}"
    )


def rows_of(path: SourceFile, template: Template, source: m.Source = m.Source.CSV) -> Iterator[Row]:
    """The rows of a filled-in template, checked against its header; errors name the line."""
    try:
        handle = open_text(path, "utf-8-sig", newline="")
    except OSError as error:
        raise SourceError(str(path), "file", "-", error.strerror or "cannot be read") from None
    with handle:
        reader = csv.DictReader(handle, strict=True)
        try:
            header = reader.fieldnames or []
            known = {c.name for c in template.columns}
            for number, column in enumerate(header, start=1):
                if column not in known:
                    # a blank header cell is named by its position, so the error still says where
                    named = column if column.strip() else f"column {number} (no name)"
                    raise SourceError(
                        str(path), "line 1 (header)", named, f"unknown column for {template.name}"
                    )
            for column in template.required:
                if column not in header:
                    raise SourceError(str(path), "line 1 (header)", column, "column is missing")
            for values in csv_records(reader, str(path)):
                row = Row(str(path), reader.line_num, values, source)
                for column in template.required:
                    if row.get(column) is None:
                        raise row.fail(column, "is empty")
                yield row
        except (csv.Error, UnicodeDecodeError) as error:
            raise SourceError(
                str(path), f"line {reader.line_num}", "-", f"malformed CSV: {error}"
            ) from None
