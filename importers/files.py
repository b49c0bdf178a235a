"""The files an importer reads: a path on disk, or an upload given by its name and content."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO, TextIOWrapper
from pathlib import Path, PurePath
from typing import IO, TypeGuard


@dataclass(frozen=True)
class Upload:
    """A file sent by name and content (GraphQL `importData`): read as a file of that name."""

    name: str
    data: bytes

    def __str__(self) -> str:
        # error messages name a source by str(): an upload by the name its sender gave
        return self.name


SourceFile = Path | Upload


def file_name(source: SourceFile) -> str:
    """The last part of a source's name (a path's file name, an upload's name)."""
    return PurePath(source.name).name


def file_stem(source: SourceFile) -> str:
    """A source's file name without its extension."""
    return PurePath(source.name).stem


def is_folder(source: SourceFile) -> TypeGuard[Path]:
    """Whether the source is a folder on disk (an upload never is)."""
    return isinstance(source, Path) and source.is_dir()


def read_text(source: SourceFile, encoding: str) -> str:
    """A source's whole text, newlines as `Path.read_text` gives them (OSError and
    UnicodeDecodeError as reading a file raises them)."""
    with open_text(source, encoding) as handle:
        return handle.read()


def open_text(source: SourceFile, encoding: str, newline: str | None = None) -> IO[str]:
    """A source opened as text, as `Path.open(encoding=..., newline=...)` opens a file."""
    if isinstance(source, Upload):
        return TextIOWrapper(BytesIO(source.data), encoding=encoding, newline=newline)
    return source.open(encoding=encoding, newline=newline)


@contextmanager
def open_binary(source: SourceFile) -> Iterator[IO[bytes]]:
    """A source's bytes as an open binary file."""
    if isinstance(source, Upload):
        yield BytesIO(source.data)
        return
    with source.open("rb") as raw:
        yield raw
