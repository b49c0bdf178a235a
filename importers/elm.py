"""European Learning Model (ELM v3) credentials: European Digital Credentials for Learning.

Each claim (`hasClaim`: LearningAchievement, LearningActivity, ...) is a holding of the
credential's subject: the claim's specification (`specifiedBy`: Qualification,
LearningAchievementSpecification, ...) becomes a MicroCredential with its ECTS `creditPoint` and
`volumeOfLearning` hours; its learning outcomes' `relatedESCOSkill` links become TEACHES to the
ESCO skill IRIs the ESCO importer uses (stubs until ESCO is loaded), with the EQF level as the
TEACHES level. The awarding body becomes the Institution (OFFERED_BY). The subject is stored only
as a pseudonym, as for Open Badges: names, birth dates and national ids are never read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import ImportBatch, SourceError
from importers.files import SourceFile
from importers.openbadges import (
    LETTER_GRADES,
    Verifier,
    _date,
    _learner,
    _Record,
    json_type,
    parse_files,
)

ECTS_FRAMEWORK = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?)?$"
)


def _text(record: _Record, obj: Any, where: str, field: str) -> str | None:
    """obj[field] as text: a string, or a language map's English text (else any language's);
    another JSON type is an error, never dropped in silence nor stored as its str()."""
    value = obj.get(field) if isinstance(obj, dict) else None
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    if not isinstance(value, dict):
        raise record.fail(
            where, field, f"must be a string or a language map, not {json_type(value)}"
        )
    for language, item in value.items():
        if not all(isinstance(x, str) for x in (item if isinstance(item, list) else [item])):
            raise record.fail(
                where, field, f"must be a string in language {language!r}, not {json_type(item)}"
            )
    for key in ("en", *sorted(value)):
        item = value.get(key)
        if isinstance(item, list):
            item = item[0] if item else None
        if isinstance(item, str) and item.strip():
            return item.strip()
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _items(value: Any, where: str) -> list[tuple[str, Any]]:
    """(JSON pointer, item) of each item of a value that is one item or a list of them."""
    if isinstance(value, list):
        return [(f"{where}/{n}", item) for n, item in enumerate(value)]
    return [] if value is None else [(where, value)]


def _hours(record: _Record, spec: dict[str, Any], where: str) -> float | None:
    """Hours of an ISO 8601 duration of learning time (PT60H); months and days are not hours."""
    value = record.text(spec, where, "volumeOfLearning")
    if value is None:
        return None
    match = DURATION.match(value)
    if not match:
        raise record.fail(where, "volumeOfLearning", f"{value!r} is not an ISO 8601 duration")
    hours = float(match["h"] or 0) + float(match["mi"] or 0) / 60
    return hours or None


def _grade(record: _Record, claim: dict[str, Any], where: str) -> float | None:
    for at, proof in _items(claim.get("provenBy"), f"{where}/provenBy"):
        grade = proof.get("grade") if isinstance(proof, dict) else None
        if isinstance(grade, dict):
            literal = _text(record, grade, f"{at}/grade", "noteLiteral")
        else:
            literal = _text(record, proof, at, "grade")
        if not literal:
            continue
        if literal.upper() in LETTER_GRADES:
            return LETTER_GRADES[literal.upper()]
        try:
            return max(0.0, min(100.0, float(literal.rstrip("%"))))
        except ValueError:
            continue
    return None


def _claim(
    record: _Record,
    claim: Any,
    where: str,
    learner: str,
    issued: dt.date | None,
    verified: dict[str, Any],
) -> None:
    if not isinstance(claim, dict):
        raise record.fail(where, "hasClaim", "is not an object")
    spec: dict[str, Any] = (
        claim["specifiedBy"] if isinstance(claim.get("specifiedBy"), dict) else claim
    )
    spec_where = f"{where}/specifiedBy" if spec is not claim else where
    item_id = record.required_text(spec, spec_where, "id")
    name = _text(record, spec, spec_where, "title") or _text(record, claim, where, "title")
    if not name:
        raise record.fail(spec_where, "title", "is required")
    credits = unit = None
    for at, point in _items(spec.get("creditPoint"), f"{spec_where}/creditPoint"):
        framework = point.get("framework") if isinstance(point, dict) else None
        # a framework is an object, or only its IRI
        framework_id = framework.get("id") if isinstance(framework, dict) else framework
        label = _text(record, framework, f"{at}/framework", "prefLabel") or ""
        if framework_id == ECTS_FRAMEWORK or "ECTS" in label:
            try:
                credits, unit = float(point.get("point")), m.CreditUnit.ECTS
            except (TypeError, ValueError):
                raise record.fail(at, "point", "is not a number") from None
    eqf_id = record.text(spec.get("eqfLevel"), f"{spec_where}/eqfLevel", "id") or ""
    level = f"EQF {eqf_id.rsplit('/', 1)[-1]}" if "/snb/eqf/" in eqf_id else None
    record.add(
        spec_where,
        m.MicroCredential,
        id=item_id,
        name=name[:500],
        description=_text(record, spec, spec_where, "description")
        or _text(record, claim, where, "description"),
        credits=credits,
        credit_unit=unit,
        credit_bearing=credits is not None,
        hours=_hours(record, spec, spec_where),
        language=None,
        status=m.Status.PUBLISHED,
        source=m.Source.ELM,
        source_uri=item_id if "://" in item_id else None,
    )
    awarded: dict[str, Any] = claim["awardedBy"] if isinstance(claim.get("awardedBy"), dict) else {}
    for at, body in _items(awarded.get("awardingBody"), f"{where}/awardedBy/awardingBody"):
        if not isinstance(body, dict):
            raise record.fail(at, "id", "is required")
        body_id = record.text(body, at, "id")
        if body_id:
            record.add(
                at,
                m.Institution,
                id=body_id,
                name=(_text(record, body, at, "legalName") or body_id)[:500],
                source=m.Source.ELM,
            )
            record.batch.link(RelType.OFFERED_BY, item_id, body_id)
    for at, outcome in _items(spec.get("learningOutcome"), f"{spec_where}/learningOutcome"):
        skills = outcome.get("relatedESCOSkill") if isinstance(outcome, dict) else None
        for skill_where, skill in _items(skills, f"{at}/relatedESCOSkill"):
            skill_id = record.required_text(skill, skill_where, "id")
            record.add(
                skill_where,
                m.Competency,
                id=skill_id,
                name=(_text(record, skill, skill_where, "prefLabel") or skill_id)[:500],
                external=True,
                source=m.Source.ELM,
                source_uri=skill_id,
            )
            record.batch.link(RelType.TEACHES, item_id, skill_id, m.Teaches(level=level))
    date = awarded.get("awardingDate")
    record.batch.link(
        RelType.EARNED,
        learner,
        item_id,
        m.Earned(
            date=_date(record, date, f"{where}/awardedBy", "awardingDate") or issued,
            grade=_grade(record, claim, where),
            **verified,
        ),
    )


def parse(
    paths: Sequence[SourceFile], verifier: Verifier | None = None, refuse_invalid: bool = False
) -> ImportBatch:
    """ELM credential files, each verified when a verifier is given (as Open Badges are)."""
    return parse_files(paths, _credential, verifier, refuse_invalid)


def _credential(record: _Record, data: Any) -> None:
    """One credential file: the pseudonymous holder and a holding per claim."""
    if not isinstance(data, dict) or not isinstance(data.get("credentialSubject"), dict):
        raise record.fail("", "credentialSubject", "is required: not an ELM credential")
    subject = data["credentialSubject"]
    learner = _learner(record, subject, "/credentialSubject")
    record.add(
        "/credentialSubject",
        m.Learner,
        id=learner,
        display_name=f"Learner {learner.removeprefix('learner:')[:8]}",
        source=m.Source.ELM,
    )
    issued = _date(record, data.get("validFrom") or data.get("issuanceDate"), "", "validFrom")
    claims = _list(subject.get("hasClaim"))
    if not claims:
        raise record.fail("/credentialSubject", "hasClaim", "is required")
    listed = isinstance(subject["hasClaim"], list)
    verified = record.verified("", data)
    for n, claim in enumerate(claims):
        where = "/credentialSubject/hasClaim" + (f"/{n}" if listed else "")
        _claim(record, claim, where, learner, issued, verified)


__all__ = ["SourceError", "parse"]
