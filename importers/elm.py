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
from pathlib import Path
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import ImportBatch, SourceError
from importers.openbadges import LETTER_GRADES, _date, _Record, learner_id, parse_files

ECTS_FRAMEWORK = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?)?$"
)


def _text(value: Any) -> str | None:
    """A language map's English text (else any language), or a plain string."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("en", *sorted(value)):
            item = value.get(key)
            if isinstance(item, list):
                item = item[0] if item else None
            if isinstance(item, str) and item.strip():
                return item.strip()
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _hours(record: _Record, value: Any, where: str) -> float | None:
    """Hours of an ISO 8601 duration of learning time (PT60H); months and days are not hours."""
    if not isinstance(value, str):
        return None
    match = DURATION.match(value)
    if not match:
        raise record.fail(where, "volumeOfLearning", f"{value!r} is not an ISO 8601 duration")
    hours = float(match["h"] or 0) + float(match["mi"] or 0) / 60
    return hours or None


def _grade(claim: dict[str, Any]) -> float | None:
    for proof in _list(claim.get("provenBy")):
        grade = proof.get("grade") if isinstance(proof, dict) else None
        literal = _text(grade.get("noteLiteral")) if isinstance(grade, dict) else _text(grade)
        if literal and literal.upper() in LETTER_GRADES:
            return LETTER_GRADES[literal.upper()]
        try:
            return max(0.0, min(100.0, float(str(literal).rstrip("%"))))
        except ValueError:
            continue
    return None


def _claim(record: _Record, claim: Any, where: str, learner: str, issued: dt.date | None) -> None:
    if not isinstance(claim, dict):
        raise record.fail(where, "hasClaim", "is not an object")
    spec: dict[str, Any] = (
        claim["specifiedBy"] if isinstance(claim.get("specifiedBy"), dict) else claim
    )
    spec_where = f"{where}/specifiedBy" if spec is not claim else where
    item_id = str(record.required(spec, spec_where, "id"))
    name = _text(spec.get("title")) or _text(claim.get("title"))
    if not name:
        raise record.fail(spec_where, "title", "is required")
    credit = spec.get("creditPoint")
    credits = unit = None
    for point in _list(credit):
        framework = point.get("framework") if isinstance(point, dict) else None
        framework_id = framework.get("id") if isinstance(framework, dict) else framework
        if framework_id == ECTS_FRAMEWORK or "ECTS" in str(
            _text((framework or {}).get("prefLabel"))
        ):
            try:
                credits, unit = float(point.get("point")), m.CreditUnit.ECTS
            except (TypeError, ValueError):
                raise record.fail(f"{spec_where}/creditPoint", "point", "is not a number") from None
    eqf = spec.get("eqfLevel")
    eqf_id = str(eqf.get("id", "")) if isinstance(eqf, dict) else ""
    level = f"EQF {eqf_id.rsplit('/', 1)[-1]}" if "/snb/eqf/" in eqf_id else None
    record.add(
        spec_where,
        m.MicroCredential,
        id=item_id,
        name=name[:500],
        description=_text(spec.get("description")) or _text(claim.get("description")),
        credits=credits,
        credit_unit=unit,
        credit_bearing=credits is not None,
        hours=_hours(record, spec.get("volumeOfLearning"), spec_where),
        language=None,
        status=m.Status.PUBLISHED,
        source=m.Source.ELM,
        source_uri=item_id if "://" in item_id else None,
    )
    awarded: dict[str, Any] = claim["awardedBy"] if isinstance(claim.get("awardedBy"), dict) else {}
    for n, body in enumerate(_list(awarded.get("awardingBody"))):
        if isinstance(body, dict) and body.get("id"):
            record.add(
                f"{where}/awardedBy/awardingBody",
                m.Institution,
                id=body["id"],
                name=(_text(body.get("legalName")) or body["id"])[:500],
                source=m.Source.ELM,
            )
            record.batch.link(RelType.OFFERED_BY, item_id, body["id"])
        elif not isinstance(body, dict):
            raise record.fail(f"{where}/awardedBy/awardingBody/{n}", "id", "is required")
    for n, outcome in enumerate(_list(spec.get("learningOutcome"))):
        for skill in _list(outcome.get("relatedESCOSkill") if isinstance(outcome, dict) else None):
            skill_where = f"{spec_where}/learningOutcome/{n}/relatedESCOSkill"
            skill_id = str(record.required(skill, skill_where, "id"))
            record.add(
                skill_where,
                m.Competency,
                id=skill_id,
                name=(_text(skill.get("prefLabel")) or skill_id)[:500],
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
            grade=_grade(claim),
        ),
    )


def parse(paths: list[Path]) -> ImportBatch:
    return parse_files(paths, _credential)


def _credential(record: _Record, data: Any) -> None:
    """One credential file: the pseudonymous holder and a holding per claim."""
    if not isinstance(data, dict) or not isinstance(data.get("credentialSubject"), dict):
        raise record.fail("", "credentialSubject", "is required: not an ELM credential")
    subject = data["credentialSubject"]
    learner = learner_id(subject)
    if learner is None:
        raise record.fail("/credentialSubject", "id", "is required")
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
    for n, claim in enumerate(claims):
        where = "/credentialSubject/hasClaim" + (f"/{n}" if listed else "")
        _claim(record, claim, where, learner, issued)


__all__ = ["SourceError", "parse"]
