"""CTDL links: alignments, transfer values and agreements, pathways' rule trees and precedence
(see importers/ctdl.py for the mapping in short)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.ctdl_document import ALIGNMENTS, ITEM_LABELS, CtdlDocument, label_of, node_name
from importers.exports import URN
from importers.jsonld import ASN, CE, number, refs, stable_id, text


def proxy_labels(doc: CtdlDocument) -> None:
    for component, item in doc.proxies.items():
        if item in doc.labels:
            doc.labels[component] = doc.labels[item]


def _alignment_target(doc: CtdlDocument, alignment_ref: str) -> str | None:
    """The competency an alignment object points at; a stub when it is outside the document."""
    alignment = doc.nodes.get(alignment_ref)
    if alignment is None:  # a bare reference to a competency
        return doc.target(alignment_ref)
    if label_of(alignment) is m.Label.COMPETENCY:
        return doc.target(alignment_ref)
    targets = refs(alignment, CE + "targetNode")
    name = text(alignment, CE + "targetNodeName")
    framework = text(alignment, CE + "frameworkName") or next(
        iter(refs(alignment, CE + "framework")), None
    )
    if targets:
        target = doc.target(targets[0])
    elif name:
        target = stable_id("ctdl-competency", framework, name)
    else:
        return None
    if target not in doc.known and name:
        doc.stub(
            alignment_ref,
            id=target,
            name=name[:500],
            description=text(alignment, CE + "targetNodeDescription"),
            code=text(alignment, CE + "codedNotation"),
            source_uri=targets[0] if targets and not targets[0].startswith(URN) else None,
        )
    return target


def map_links(doc: CtdlDocument) -> None:
    link = doc.batch.link
    for raw, node in doc.nodes.items():
        label = doc.labels.get(raw)
        if label is None or raw in doc.proxies:
            continue
        me = doc.ids[raw]
        if label in ITEM_LABELS:
            owners = refs(node, CE + "offeredBy") or refs(node, CE + "ownedBy")
            for owner in owners:
                link(RelType.OFFERED_BY, me, doc.target(owner))
            taught = refs(node, CE + "teaches")
            if taught and label is m.Label.PROGRAM:
                doc.warn(f"{me}: a program's `teaches` is not stored (only items teach)")
            elif label is not m.Label.PROGRAM:
                for alignment in taught:
                    target = _alignment_target(doc, alignment)
                    if target:
                        link(RelType.TEACHES, me, target, m.Teaches())
            for key in (CE + "precedes", CE + "preceeds"):
                for later in refs(node, key):
                    if key.endswith("preceeds"):
                        doc.warn(f"{me}: `preceeds` read as `precedes`")
                    if doc.labels.get(later) in ITEM_LABELS - {m.Label.PROGRAM}:
                        link(RelType.REQUIRES, doc.target(later), me)
            for earlier in refs(node, CE + "precededBy"):
                if doc.labels.get(earlier) in ITEM_LABELS - {m.Label.PROGRAM}:
                    link(RelType.REQUIRES, me, doc.target(earlier))
        if label is m.Label.PROGRAM:
            _program_rules(doc, raw, node)
        elif label is m.Label.COMPETENCY:
            _competency_links(doc, raw, node)
        elif label is m.Label.FRAMEWORK:
            for child in refs(node, ASN + "hasTopChild"):
                link(RelType.IN_FRAMEWORK, doc.target(child), me)
        elif label is m.Label.TRANSFER_VALUE:
            for source in refs(node, CE + "transferValueFrom"):
                if doc.labels.get(source, m.Label.COURSE) in ITEM_LABELS:
                    link(RelType.FROM, me, doc.target(source))
                else:
                    doc.warn(f"{me}: transferValueFrom {source} is not a course or credential")
            for goal in refs(node, CE + "transferValueFor"):
                link(RelType.FOR, me, doc.target(goal))
        elif label is m.Label.TRANSFER_AGREEMENT:
            for profile in refs(node, CE + "hasTransferValueProfile"):
                link(RelType.INCLUDES, me, doc.target(profile))
            for key, role in (
                (CE + "sendingOrganization", m.PartyRole.SENDING),
                (CE + "receivingOrganization", m.PartyRole.RECEIVING),
            ):
                for org in refs(node, key):
                    link(RelType.BETWEEN, me, doc.target(org), m.Between(role=role))
        elif label is m.Label.REQUIREMENT:
            pass  # rule components are written when a pathway reaches them


def _competency_links(doc: CtdlDocument, raw: str, node: dict[str, Any]) -> None:
    me = doc.ids[raw]
    for key in (ASN + "isPartOf", ASN + "isTopChildOf"):
        for framework in refs(node, key):
            if doc.labels.get(framework, m.Label.FRAMEWORK) is m.Label.FRAMEWORK:
                doc.batch.link(RelType.IN_FRAMEWORK, me, doc.target(framework))
    for parent in refs(node, ASN + "isChildOf"):
        if doc.labels.get(parent) is m.Label.COMPETENCY:
            doc.batch.link(RelType.BROADER, me, doc.target(parent))
    for child in refs(node, ASN + "hasChild"):
        if doc.labels.get(child) is m.Label.COMPETENCY:
            doc.batch.link(RelType.BROADER, doc.target(child), me)
    for key, match in ALIGNMENTS.items():
        for other in refs(node, ASN + key):
            target = doc.target(other)
            if other not in doc.nodes:
                doc.stub(raw, id=target, name=target[:500], source_uri=other)
            doc.batch.link(RelType.ALIGNS, me, target, m.Aligns(match=match, raw_type=key))


def _program_rules(doc: CtdlDocument, raw: str, node: dict[str, Any]) -> None:
    """A pathway needs its destination component; a program with parts needs all of them."""
    me = doc.ids[raw]
    destinations = refs(node, CE + "hasDestinationComponent")
    if destinations:
        goal = _component_rule(doc, destinations[0], set())
        options = [goal] if goal else []
    else:
        options = [
            doc.target(p) for p in refs(node, CE + "hasPart") if doc.labels.get(p) in ITEM_LABELS
        ]
    if options:
        rule = f"{me}#rule"
        _requirement(doc, rule, node_name(node), m.RuleOp.ALL, None, list(options))
        doc.batch.link(RelType.HAS_REQUIREMENT, me, rule)


def _component_rule(doc: CtdlDocument, raw: str, path: set[str]) -> str | None:
    """What stands for a pathway component in a rule: the item itself (a credential's own
    conditions become its rule tree), or a Requirement built from its conditions or children."""
    if raw in path:
        doc.warn(f"{doc.target(raw)}: components form a cycle; the repeated condition is left out")
        return None
    node = doc.nodes.get(raw)
    if node is None:
        return doc.target(raw)  # a component outside the document: linked if the graph has it
    label = doc.labels.get(raw)
    me = doc.target(raw)
    conditions = refs(node, CE + "hasCondition")
    rules = [
        _condition_rule(doc, c, f"{me}#condition-{n}", path | {raw})
        for n, c in enumerate(conditions)
    ]
    kept = [r for r in rules if r]
    if label in {m.Label.MICRO_CREDENTIAL, m.Label.COURSE}:
        if kept and label is m.Label.MICRO_CREDENTIAL and me not in doc.ruled:
            doc.ruled.add(me)
            rule = kept[0] if len(kept) == 1 else f"{me}#rule"
            if len(kept) > 1:
                _requirement(doc, rule, node_name(node), m.RuleOp.ALL, None, list(kept))
            doc.batch.link(RelType.HAS_REQUIREMENT, me, rule)
        elif kept and label is m.Label.COURSE:
            doc.warn(f"{me}: conditions on a course component are not stored")
        return me
    if not conditions:
        children = refs(node, ASN + "hasChild") + refs(node, CE + "hasChild")
        kept = [r for r in (_component_rule(doc, c, path | {raw}) for c in children) if r]
    if not kept:
        doc.warn(f"{me}: a component with no condition and no child is left out")
        return None
    if len(kept) == 1 and conditions:
        return kept[0]
    rule = f"{me}#rule"
    _requirement(doc, rule, node_name(node), m.RuleOp.ALL, None, list(kept))
    return rule


def _condition_rule(doc: CtdlDocument, raw: str, rule_id: str, path: set[str]) -> str | None:
    node = doc.nodes.get(raw, {})
    options = [_component_rule(doc, t, path) for t in refs(node, CE + "targetComponent")]
    options += [
        _condition_rule(doc, c, f"{rule_id}.{n}", path)
        for n, c in enumerate(refs(node, CE + "hasCondition"))
    ]
    kept = [o for o in options if o]
    if not kept:
        return None
    required = number(node, CE + "requiredNumber")
    if required is None and text(node, CE + "leftOperand") == "reqNum":
        required = number(node, CE + "rightOperand")  # the draft pathway examples' spelling
    operator = (text(node, CE + "logicalOperator", CE + "logicalOperand") or "").lower()
    if required is not None and 1 <= required < len(kept):
        op, count = (m.RuleOp.ANY, None) if required == 1 else (m.RuleOp.AT_LEAST, int(required))
    elif required is None and operator.endswith("or"):
        op, count = m.RuleOp.ANY, None
    else:
        op, count = m.RuleOp.ALL, None
    name = text(node, CE + "name", CE + "description")
    _requirement(doc, rule_id, name, op, count, kept)
    return rule_id


def _requirement(
    doc: CtdlDocument,
    rule_id: str,
    name: str | None,
    op: m.RuleOp,
    count: int | None,
    options: Sequence[str | None],
) -> None:
    doc.batch.nodes.append(
        m.Requirement(
            id=rule_id, name=(name or None) and name[:500], op=op, count=count, source=m.Source.CTDL
        )
    )
    for option in options:
        if option:
            doc.batch.link(RelType.OPTION, rule_id, option)
