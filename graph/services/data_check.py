"""`credgraph db check`: every stored node and relationship property that does not fit the model.

The check reads exactly as the API does (graph/stored.py, decision 25), so what it lists is what
the API answers as DATA_INVALID; it adds what only a writer outside credgraph can leave behind: a
node of a model label without the :Entity label (decision 1) or without a string id, which the
API's look-ups by id never reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.errors import DataInvalid
from graph.models import Label
from graph.relations import REL_SCHEMAS
from graph.repositories.nodes import domain_label
from graph.repositories.stored_data import StoredDataRepository, StoredNode
from graph.stored import read_node, read_rel, stored_type

PAGE_SIZE = 1000
ODD_NODES_LIMIT = 10_000


@dataclass(frozen=True)
class Misfit:
    """One stored property that does not fit: where, what is stored, what fits."""

    label: str  # a node label or a relationship type
    id: str  # a node id, or 'from-id -> to-id'
    property: str
    stored: str  # the stored value's type, e.g. "a String"
    expected: str

    @classmethod
    def of(cls, problem: DataInvalid) -> Misfit:
        """The misfit a stored value's DATA_INVALID error describes."""
        return cls(problem.label, problem.id, problem.property, problem.stored, problem.expected)


@dataclass
class DataCheck:
    """What `check_data` read and what did not fit, in a stable order."""

    nodes: int = 0
    relationships: int = 0
    misfits: list[Misfit] = field(default_factory=list)
    truncated: bool = False  # more odd nodes than ODD_NODES_LIMIT


def _node_misfits(node: StoredNode) -> list[Misfit]:
    label = domain_label(node.labels)
    if label is None:
        return []
    props = node.props
    key = props.get("id")
    readable = isinstance(key, str | int) and not isinstance(key, bool)
    name = str(key) if readable else "<no id>"
    found = []
    if not isinstance(key, str):
        found.append(Misfit(label.value, name, "id", stored_type(key), "a string"))
    if not node.entity:
        found.append(
            Misfit(label.value, name, "(labels)", "no :Entity label", "the label Entity as well")
        )
    if not readable:
        return found
    try:
        model = read_node(label, props)
    except DataInvalid as problem:  # nothing of it could be read
        return [*found, Misfit.of(problem)]
    return found + [Misfit.of(p) for p in model.problems.values()]


def _misfits(nodes: Iterable[StoredNode]) -> list[Misfit]:
    return [misfit for node in nodes for misfit in _node_misfits(node)]


async def check_data(stored: StoredDataRepository, page_size: int = PAGE_SIZE) -> DataCheck:
    """Read every node and every relationship with properties; list what does not fit."""
    report = DataCheck()
    after = ""
    while True:
        nodes = await stored.nodes(after, page_size)
        report.nodes += len(nodes)
        report.misfits += _misfits(nodes)
        if len(nodes) < page_size:
            break
        after = nodes[-1].props["id"]
    odd = await stored.odd_nodes([label.value for label in Label], ODD_NODES_LIMIT)
    report.nodes += len(odd)
    report.truncated = len(odd) >= ODD_NODES_LIMIT
    report.misfits += _misfits(odd)
    for rel, schema in REL_SCHEMAS.items():
        if not schema.props.model_fields:
            continue  # nothing stored on it is read
        after = ""
        while True:
            rels = await stored.relationships(rel, after, page_size)
            report.relationships += len(rels)
            for stored_rel in rels:
                ends = (str(stored_rel.from_id), str(stored_rel.to_id))
                try:
                    model = read_rel(schema.props, stored_rel.props, rel.value, *ends)
                except DataInvalid as problem:
                    report.misfits.append(Misfit.of(problem))
                    continue
                report.misfits += [Misfit.of(p) for p in model.problems.values()]
            if len(rels) < page_size:
                break
            after = rels[-1].key
    report.misfits.sort(key=lambda m: (m.label, m.id, m.property))
    return report
