"""Type definitions for the @neo4j/graphql peer, generated from credgraph's own model: every label
with its scalar properties, and the relationships the comparison queries follow, named as in
credgraph's schema so that the two servers answer the same documents' worth of data.

`python -m bench.peer.typedefs > bench/peer/typeDefs.graphql`
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing

from pydantic.alias_generators import to_camel

from graph import models as m

SCALARS: dict[object, str] = {
    str: "String",
    float: "Float",
    int: "Int",
    bool: "Boolean",
    dt.date: "Date",
    dt.datetime: "DateTime",
}
# (label, field, relationship type, direction, target label) as credgraph names them
RELATIONSHIPS = [
    ("MicroCredential", "competencies", "TEACHES", "OUT", "Competency"),
    ("MicroCredential", "institution", "OFFERED_BY", "OUT", "Institution"),
    ("MicroCredential", "endorsers", "ENDORSES", "IN", "Employer"),
    ("Course", "institution", "OFFERED_BY", "OUT", "Institution"),
    ("Course", "transferValuesFrom", "FROM", "IN", "TransferValue"),
    ("TransferValue", "for", "FOR", "OUT", "Course"),
    ("TransferValue", "from", "FROM", "OUT", "Course"),
    ("Competency", "frameworks", "IN_FRAMEWORK", "OUT", "Framework"),
]


def _scalar(annotation: object) -> str | None:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _scalar(inner[0]) if len(inner) == 1 else None
    if typing.get_origin(annotation) is typing.Annotated:
        return _scalar(args[0])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "String"
    if typing.get_origin(annotation) is tuple and args and args[0] is str:
        return "[String!]"
    return SCALARS.get(annotation)


def typedefs() -> str:
    lines: list[str] = []
    for label, model in m.MODEL_BY_LABEL.items():
        lines.append(f'type {label.value} @node(labels: ["{label.value}", "Entity"]) {{')
        for name, field in model.model_fields.items():
            if name in model.json_list_fields:
                continue
            kind = "ID!" if name == "id" else _scalar(field.annotation)
            if kind:
                lines.append(f"  {to_camel(name)}: {kind}")
        for owner, field_name, rel, direction, target in RELATIONSHIPS:
            if owner == label.value:
                lines.append(
                    f"  {field_name}: [{target}!]! "
                    f'@relationship(type: "{rel}", direction: {direction})'
                )
        lines.append("}\n")
    return "\n".join(lines)


if __name__ == "__main__":
    print(typedefs())
