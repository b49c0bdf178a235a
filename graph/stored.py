"""Stored properties into models: lossless conversions, and what does not fit (DATA_INVALID).

Neo4j holds whatever its writers put there; credgraph writes through its models, other tools may
not (decision 25). Reading converts what converts without loss (a number where the model has a
string: 2 -> "2"; a string that is exactly a number where it has a number: "3" -> 3, "4.5" ->
4.5) and refuses the rest: a boolean only from a boolean, a number never from a boolean, a date
never from a number, an enum only from one of its values. A property that does not fit is read as
absent (None, or the field's default) and noted on the model (`Model.problems`): the GraphQL
layer answers that field as a located DATA_INVALID error, a question refuses to compute with it
(`fitting`), and `credgraph db check` lists it.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from graph.errors import DataInvalid
from graph.models import ID_PATTERN, MODEL_BY_LABEL, CreditUnit, Label, Model, Node, Status

M = TypeVar("M", bound=Model)

# What the pre-check guards, per field: pydantic's lax mode would accept these silently.
_BOOL, _NUMBER, _DATE = "bool", "number", "date"


@dataclass(frozen=True)
class _Field:
    name: str  # the Python attribute
    alias: str  # the stored property
    required: bool
    expected: str  # what fits, in words
    guard: str | None  # _BOOL, _NUMBER, _DATE or None
    placeholder: Any  # a value that validates, for a required field that does not fit


@dataclass(frozen=True)
class _Spec:
    fields: dict[str, _Field]  # by alias
    guarded: tuple[_Field, ...]


_SPECS: dict[type[Model], _Spec] = {}


def _bases(annotation: Any) -> list[Any]:
    """The types an annotation admits, Optional and Annotated unwrapped (None left out)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _bases(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [b for arg in typing.get_args(annotation) for b in _bases(arg)]
    return [] if annotation is type(None) else [annotation]


def _constraints(annotation: Any, metadata: list[Any]) -> list[str]:
    found = list(metadata)
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is typing.Annotated:
            for extra in typing.get_args(arg)[1:]:
                found += extra.metadata if isinstance(extra, FieldInfo) else [extra]
    words = []
    for c in found:
        if isinstance(c, annotated_types.Ge):
            words.append(f">= {c.ge}")
        elif isinstance(c, annotated_types.Le):
            words.append(f"<= {c.le}")
        elif isinstance(c, annotated_types.MinLen) and c.min_length == 1:
            words.append("not empty")
        elif isinstance(c, annotated_types.MaxLen):
            words.append(f"at most {c.max_length} characters")
        elif getattr(c, "pattern", None):
            words.append("IRI characters")
    return words


def _describe(base: Any) -> str:
    if base is bool:
        return "a boolean"
    if base is int:
        return "an integer"
    if base is float:
        return "a number"
    if base is str:
        return "a string"
    if base is dt.datetime:
        return "a date-time"
    if base is dt.date:
        return "a date"
    if isinstance(base, type) and issubclass(base, Enum):
        return "one of " + ", ".join(str(e.value) for e in base)
    if typing.get_origin(base) is tuple:
        inner = " or ".join(_describe(b) for b in _bases(typing.get_args(base)[0]))
        return f"a list, each {inner}"
    if isinstance(base, type) and issubclass(base, BaseModel):
        return f"a JSON object ({base.__name__})"
    return str(base)


def _field(name: str, info: FieldInfo) -> _Field:
    bases = _bases(info.annotation)
    words = " or ".join(_describe(b) for b in bases)
    constraints = _constraints(info.annotation, info.metadata)
    if constraints:
        words += f" ({', '.join(constraints)})"
    guard = None
    if bool in bases:
        guard = _BOOL
    elif int in bases or float in bases:
        guard = _NUMBER
    elif dt.date in bases or dt.datetime in bases:
        guard = _DATE
    placeholder: Any = None
    if info.is_required():
        base = bases[0]
        placeholder = next(iter(base)) if isinstance(base, type) and issubclass(base, Enum) else "x"
    return _Field(name, info.alias or name, info.is_required(), words, guard, placeholder)


def _spec(model: type[Model]) -> _Spec:
    spec = _SPECS.get(model)
    if spec is None:
        fields = {f.alias: f for f in (_field(n, i) for n, i in model.model_fields.items())}
        guarded = tuple(f for f in fields.values() if f.guard)
        spec = _SPECS[model] = _Spec(fields, guarded)
    return spec


def stored_type(value: Any) -> str:
    """A stored value's type in Neo4j's words."""
    for kind, word in (
        (bool, "a Boolean"),
        (int, "an Integer"),
        (float, "a Float"),
        (str, "a String"),
        (list, "a List"),
        (dt.datetime, "a DateTime"),
        (dt.date, "a Date"),
        (dt.time, "a Time"),
    ):
        if isinstance(value, kind):
            return word
    return f"a {type(value).__name__}"


def _unguarded(field: _Field, value: Any) -> bool:
    """Lax validation would take it, but not without loss or guessing."""
    if value is None:
        return False
    if field.guard == _BOOL:
        return not isinstance(value, bool)
    if field.guard == _NUMBER:
        return isinstance(value, bool)
    if field.guard == _DATE:
        return isinstance(value, int | float)
    return False


def _any_unguarded(spec: _Spec, props: Mapping[str, Any]) -> bool:
    """Whether any guarded field holds a value lax validation would take with loss (`_unguarded`
    for each, inlined: every stored read passes here)."""
    for field in spec.guarded:
        value = props.get(field.alias)
        if value is None:
            continue
        guard = field.guard
        if guard is _BOOL:
            if value is not True and value is not False:
                return True
        elif guard is _NUMBER:
            if value is True or value is False:
                return True
        elif isinstance(value, int | float):  # _DATE
            return True
    return False


def _as_text(value: Any) -> Any:
    """A number where a string is expected becomes its text (lossless); anything else stays."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def read(model: type[M], props: Mapping[str, Any], label: str, key: str) -> M:
    """`props` as a `model`: converted where lossless, else the property is absent and noted."""
    spec = _spec(model)
    if not _any_unguarded(spec, props):
        try:  # the usual case, at the usual cost
            return model.model_validate(props)
        except ValidationError:
            pass
    data = dict(props)
    problems: dict[str, DataInvalid] = {}

    def drop(field: _Field) -> None:
        value = props.get(field.alias)
        problems.setdefault(
            field.name,
            DataInvalid(label, key, field.alias, stored_type(value), field.expected),
        )
        if field.required:
            data[field.alias] = field.placeholder
        else:
            data.pop(field.alias, None)

    for field in spec.guarded:
        if _unguarded(field, data.get(field.alias)):
            drop(field)
    # Each round converts numbers to text or drops what fails (a dropped field then validates):
    # a field changes at most twice, so four rounds always end with a model.
    for _ in range(4):
        try:
            result = model.model_validate(data)
            break
        except ValidationError as error:
            converted: set[str] = set()
            for detail in error.errors():
                loc = detail["loc"]
                failed = spec.fields.get(str(loc[0])) if loc else None
                if failed is None:  # a model-wide failure: no property to blame
                    raise DataInvalid(label, key, "(all)", "properties", str(error)) from None
                text = _as_text(detail["input"])
                if detail["type"] == "string_type" and _convert(data, loc, text):
                    converted.add(failed.alias)
                elif failed.alias not in converted:
                    drop(failed)
    else:  # pragma: no cover - see above
        raise DataInvalid(label, key, "(all)", "properties", "properties the model reads")
    if not problems:
        return result
    update = {f.name: None for f in spec.fields.values() if f.required and f.name in problems}
    if "id" in update and isinstance(props.get("id"), str):
        update["id"] = props["id"]  # served as stored: it is how the node is found
    if update:
        result = result.model_copy(update=update)
    # Set once, on read (frozen otherwise); see Model.problems.
    noted = {"problems": tuple(sorted(problems.items()))}
    object.__setattr__(result, "__pydantic_private__", noted)
    return result


def _convert(data: dict[str, Any], loc: tuple[int | str, ...], value: Any) -> bool:
    """Put a converted `value` at `loc` (a property, or an element of a list property)."""
    if isinstance(value, str) and len(loc) == 1:
        data[str(loc[0])] = value
        return True
    stored = data.get(str(loc[0]))
    if isinstance(value, str) and len(loc) == 2 and isinstance(stored, list | tuple):
        items = list(stored)
        items[int(loc[1])] = value
        data[str(loc[0])] = items
        return True
    return False


def read_node(label: Label, props: Mapping[str, Any]) -> Node:
    """A node's stored properties as its model (see `read`)."""
    key = props.get("id")
    if not isinstance(key, str | int) or isinstance(key, bool):
        raise DataInvalid(label.value, "<no id>", "id", stored_type(key), "a string")
    return read(MODEL_BY_LABEL[label], props, label.value, str(key))


def read_rel(model: type[M], props: Mapping[str, Any], rel: str, from_id: str, to_id: str) -> M:
    """A relationship's stored properties as its model (see `read`)."""
    return read(model, props, rel, f"{from_id} -> {to_id}")


def fitting(model: M, *fields: str) -> M:
    """The model, if everything stored fit (or, given `fields`, those attributes); else the first
    problem is raised (a question does not compute with a value it had to leave out)."""
    private = model.__pydantic_private__
    if private:  # None for the usual model: nothing left out
        for name, problem in private["problems"]:
            if not fields or name in fields:
                raise problem
    return model


def read_fitting(model: type[M], props: Mapping[str, Any], label: str, key: str) -> M:
    """`props` (what a question reads of a node or relationship) as a `model`, all of it fitting."""
    return fitting(read(model, {k: v for k, v in props.items() if v is not None}, label, key))


def stored_id(value: Any, label: str) -> str:
    """A stored id as text (an integer converts without loss); none, or another type, does not."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise DataInvalid(label, "<no id>", "id", stored_type(value), "a string")


def stored_ids(values: Iterable[Any], label: str) -> list[str]:
    """Stored ids as text (see `stored_id`)."""
    return [stored_id(v, label) for v in values]


# What the models check of an id, an amount, a unit and a status, for the hot reads that skip a
# model when nothing needs converting (`re` anchors: `$` would also match before a final newline).
_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_ID_MAX = 200
CREDIT_UNITS = {unit.value: unit for unit in CreditUnit}
STATUSES = {status.value: status for status in Status}
_REAL = (int, float)


def plain_id(value: Any) -> bool:
    """An id the model takes as it is (text of the id pattern)."""
    return type(value) is str and len(value) <= _ID_MAX and _ID.fullmatch(value) is not None


def plain_amount(value: Any, most: float | None = None) -> bool:
    """None, or a number (not a boolean) the model takes as a non-negative float, at most `most`."""
    if value is None:
        return True
    if type(value) not in _REAL or not value >= 0:  # NaN is not >= 0
        return False
    return most is None or value <= most


def plain_unit(value: Any) -> bool:
    """None, or the text of a credit unit."""
    return value is None or (type(value) is str and value in CREDIT_UNITS)
