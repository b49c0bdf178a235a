"""The relationship catalogue: every relationship type of DOMAIN.md, with its ends and properties.

Cypher never takes a relationship type or label from input: queries receive them as parameters
drawn from these enums (a whitelist), and writes check both ends' labels.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from graph.models import (
    Aligns,
    Between,
    Demonstrates,
    Earned,
    Endorses,
    InSuite,
    Label,
    Model,
    Needs,
    NoProps,
    Teaches,
)

L = Label


class RelType(StrEnum):
    """The relationship types of DOMAIN.md."""

    IN_FRAMEWORK = "IN_FRAMEWORK"
    BROADER = "BROADER"
    ALIGNS = "ALIGNS"
    TEACHES = "TEACHES"
    OFFERED_BY = "OFFERED_BY"
    REQUIRES = "REQUIRES"
    IN_SUITE = "IN_SUITE"
    HAS_REQUIREMENT = "HAS_REQUIREMENT"
    OPTION = "OPTION"
    STACKS_INTO = "STACKS_INTO"
    FROM = "FROM"
    FOR = "FOR"
    INCLUDES = "INCLUDES"
    BETWEEN = "BETWEEN"
    ENDORSES = "ENDORSES"
    HIRES_FOR = "HIRES_FOR"
    NEEDS = "NEEDS"
    EARNED = "EARNED"
    HAS_EVIDENCE = "HAS_EVIDENCE"
    DEMONSTRATES = "DEMONSTRATES"
    QUALIFIED_IN = "QUALIFIED_IN"
    FACILITATION_NEEDS = "FACILITATION_NEEDS"
    FACILITATES = "FACILITATES"
    ABOUT = "ABOUT"
    SUPERSEDES = "SUPERSEDES"


@dataclass(frozen=True)
class RelSchema:
    """Which labels a relationship type joins, and the model of its properties."""

    type: RelType
    sources: frozenset[Label]
    targets: frozenset[Label]
    props: builtins.type[Model]


def _schema(
    type_: RelType, sources: set[Label], targets: set[Label], props: type[Model] = NoProps
) -> RelSchema:
    return RelSchema(type_, frozenset(sources), frozenset(targets), props)


ITEMS = {L.MICRO_CREDENTIAL, L.COURSE, L.PROGRAM}
REL_SCHEMAS: dict[RelType, RelSchema] = {
    s.type: s
    for s in (
        _schema(RelType.IN_FRAMEWORK, {L.COMPETENCY}, {L.FRAMEWORK}),
        # BROADER builds both ESCO pillars: the competency and the occupation hierarchy.
        _schema(RelType.BROADER, {L.COMPETENCY, L.OCCUPATION}, {L.COMPETENCY, L.OCCUPATION}),
        _schema(RelType.ALIGNS, {L.COMPETENCY}, {L.COMPETENCY}, Aligns),
        _schema(RelType.TEACHES, {L.MICRO_CREDENTIAL, L.COURSE}, {L.COMPETENCY}, Teaches),
        _schema(
            RelType.OFFERED_BY, {L.MICRO_CREDENTIAL, L.COURSE, L.PROGRAM, L.SUITE}, {L.INSTITUTION}
        ),
        # Competencies may require competencies too (CASE `precedes`).
        _schema(
            RelType.REQUIRES,
            {L.MICRO_CREDENTIAL, L.COURSE, L.COMPETENCY},
            {L.MICRO_CREDENTIAL, L.COURSE, L.COMPETENCY},
        ),
        _schema(RelType.IN_SUITE, {L.MICRO_CREDENTIAL}, {L.SUITE}, InSuite),
        _schema(RelType.HAS_REQUIREMENT, {L.PROGRAM, L.MICRO_CREDENTIAL, L.SUITE}, {L.REQUIREMENT}),
        _schema(
            RelType.OPTION,
            {L.REQUIREMENT},
            {L.MICRO_CREDENTIAL, L.COURSE, L.REQUIREMENT, L.COMPETENCY},
        ),
        _schema(
            RelType.STACKS_INTO, {L.MICRO_CREDENTIAL}, {L.MICRO_CREDENTIAL, L.PROGRAM, L.SUITE}
        ),
        _schema(RelType.FROM, {L.TRANSFER_VALUE}, ITEMS),
        _schema(RelType.FOR, {L.TRANSFER_VALUE}, {L.COURSE, L.PROGRAM, L.REQUIREMENT}),
        _schema(RelType.INCLUDES, {L.TRANSFER_AGREEMENT}, {L.TRANSFER_VALUE}),
        _schema(RelType.BETWEEN, {L.TRANSFER_AGREEMENT}, {L.INSTITUTION}, Between),
        _schema(RelType.ENDORSES, {L.EMPLOYER}, {L.MICRO_CREDENTIAL, L.SUITE}, Endorses),
        _schema(RelType.HIRES_FOR, {L.EMPLOYER}, {L.OCCUPATION}),
        _schema(RelType.NEEDS, {L.OCCUPATION}, {L.COMPETENCY}, Needs),
        _schema(RelType.EARNED, {L.LEARNER}, ITEMS, Earned),
        _schema(RelType.HAS_EVIDENCE, {L.LEARNER}, {L.EVIDENCE}),
        _schema(RelType.DEMONSTRATES, {L.EVIDENCE}, {L.COMPETENCY}, Demonstrates),
        _schema(RelType.QUALIFIED_IN, {L.FACILITATOR}, {L.COMPETENCY}),
        _schema(RelType.FACILITATION_NEEDS, {L.MICRO_CREDENTIAL}, {L.COMPETENCY}),
        _schema(RelType.FACILITATES, {L.FACILITATOR}, {L.MICRO_CREDENTIAL}),
        _schema(RelType.ABOUT, {L.FEEDBACK}, {L.MICRO_CREDENTIAL}),
        _schema(RelType.SUPERSEDES, {L.MICRO_CREDENTIAL}, {L.MICRO_CREDENTIAL}),
    )
}

Direction = Literal["out", "in"]


@dataclass(frozen=True)
class Hop:
    """One step over a relationship type in a direction: the unit a DataLoader batches."""

    type: RelType
    direction: Direction

    @property
    def schema(self) -> RelSchema:
        """What the hop's relationship type connects, and its properties' model."""
        return REL_SCHEMAS[self.type]

    @property
    def far_labels(self) -> frozenset[Label]:
        """Labels allowed at the far end of this hop."""
        return self.schema.targets if self.direction == "out" else self.schema.sources


def out(type_: RelType) -> Hop:
    """The hop over `type_` from its source to its target."""
    return Hop(type_, "out")


def in_(type_: RelType) -> Hop:
    """The hop over `type_` from its target back to its source."""
    return Hop(type_, "in")
