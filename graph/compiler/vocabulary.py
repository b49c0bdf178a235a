"""The compiler's vocabulary: labels, relationship types and property names, each checked
against the model registry (graph.models, graph.relations), never taken from a document; and
how each stored value becomes its answer (the model's coercion, then GraphQL's serialization)."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import TypeAdapter
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticUndefined

from graph.compiler.ir import Misfit, Uncompilable
from graph.models import MODEL_BY_LABEL, Label, Model
from graph.relations import Hop

# A name goes into the statement only if it also has this shape (belt and braces).
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_DATETIME: TypeAdapter[dt.datetime] = TypeAdapter(dt.datetime)
_DATE: TypeAdapter[dt.date] = TypeAdapter(dt.date)

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class Stored:
    """A property the compiler may read: its checked name, how its value becomes the answer,
    and whether the statement reads it as text (datetimes, as the repositories do)."""

    name: str
    convert: Convert
    as_text: bool = False


def checked_name(name: str) -> str:
    """A registry name fit for the statement text (labels, types, properties)."""
    if not _NAME.match(name):
        raise Uncompilable(f"not a plain name: {name!r}")
    return name


def label_name(label: Label) -> str:
    """A label's name, from the Label enum only."""
    return checked_name(Label(label).value)


def rel_type_name(hop: Hop) -> str:
    """A relationship type's name, from the RelType enum only."""
    return checked_name(hop.schema.type.value)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# Every reading takes only a value of the model's own type (None: the property is absent);
# anything else is a Misfit, answered by the resolver path as decision 25 says.


def _text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    raise Misfit(value)


def _boolean(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    raise Misfit(value)


def _member_of(kind: type[Enum]) -> Convert:
    names = frozenset(str(m.value) for m in kind)

    def read(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value in names):
            return value
        raise Misfit(value)

    return read


def _to_float(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise Misfit(value)


def _to_int(value: Any) -> Any:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise Misfit(value)


def _to_iso(adapter: TypeAdapter[dt.datetime] | TypeAdapter[dt.date]) -> Convert:
    """A converter to the ISO text of what `adapter` reads (a date or a date-time)."""

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return adapter.validate_python(value).isoformat()
        except ValueError as error:
            raise Misfit(value) from error

    return convert


_to_datetime = _to_iso(_DATETIME)
_to_date = _to_iso(_DATE)


def _texts(item: Convert) -> Convert:
    def read(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, list):
            raise Misfit(value)
        return [item(_plain(v)) for v in value]

    return read


def _base(annotation: Any) -> Any:
    """`X | None` -> X, `Annotated[X, ...]` -> X."""
    if get_origin(annotation) is Annotated:
        return _base(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _base(args[0])
    return annotation


def _converter(annotation: Any) -> tuple[Convert, bool]:
    kind = _base(annotation)
    if kind is str:
        return _text, False
    if kind is bool:
        return _boolean, False
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _member_of(kind), False
    if kind is float:
        return _to_float, False
    if kind is int:
        return _to_int, False
    if kind is dt.datetime:
        return _to_datetime, True
    if kind is dt.date:
        return _to_date, False
    if get_origin(kind) is tuple:
        item = _base(get_args(kind)[0])
        if item is str:
            return _texts(_text), False
        if isinstance(item, type) and issubclass(item, Enum):
            return _texts(_member_of(item)), False
    raise Uncompilable(f"no compiled reading for {annotation!r}")


def _with_default(convert: Convert, default: Any) -> Convert:
    """A missing property answers the model's default, as the model would; a missing required
    one is a Misfit (the resolver path answers it DATA_INVALID, decision 25)."""
    if default is None:
        return convert
    if default is PydanticUndefined:

        def required(value: Any) -> Any:
            if value is None:
                raise Misfit(value)
            return convert(value)

        return required
    answer = convert(_plain(default) if not isinstance(default, tuple) else list(default))

    def read(value: Any) -> Any:
        return answer if value is None else convert(value)

    return read


@cache
def _stored(model: type[Model], name: str) -> Stored:
    for attribute, info in model.model_fields.items():
        alias = info.alias or to_camel(attribute)
        if alias == name:
            convert, as_text = _converter(info.annotation)
            return Stored(checked_name(alias), _with_default(convert, info.default), as_text)
    raise Uncompilable(f"{model.__name__} has no property {name!r}")


def node_property(label: Label, name: str) -> Stored:
    """A property of nodes of `label`, checked against the label's model."""
    return _stored(MODEL_BY_LABEL[Label(label)], name)


def rel_property(hop: Hop, name: str) -> Stored:
    """A property of relationships of `hop`'s type, checked against its properties model."""
    return _stored(hop.schema.props, name)
