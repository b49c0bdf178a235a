"""Open Badges 3.0 and CLR 2.0 learner records (also the OB 3.0 pre-release contexts).

An OpenBadgeCredential / AchievementCredential is one holding: the learner EARNED the achievement
(a MicroCredential, or a Course / Program by `achievementType`), on `awardedDate`, `validFrom` or
`issuanceDate`, until `validUntil` / `expirationDate`, with a grade from its LetterGrade or Percent
result. A ClrCredential holds many such credentials for one learner. Issuers and achievement
creators become institutions (OFFERED_BY); alignments become TEACHES to competencies (a CASE item
by its identifier, anything else by its URL; stubs marked `external` when not in the graph yet).
EndorsementCredentials are reported and not stored: their issuers are not known to be employers.

Personal data: the learner is stored only as a pseudonym: the id is `learner:` and a SHA-256 of
the subject's identifier (DID, or the identity object's type and value), the display name
"Learner" and its first 8 hex digits. Names, emails and addresses of the subject are never read.
Given a verifier (the CLI and importData always give one), every credential is verified
(importers/credentials, docs/credentials.md) and each holding records the state, the day, the
reason and the issuer; a CLR's signature vouches for its nested credentials, and an enclosing
credential that is INVALID, REVOKED or EXPIRED makes its nested ones so. With `refuse_invalid`, an
INVALID credential is an error and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import UNFORESEEN, ImportBatch, SourceError, checked
from importers.credentials.report import VerificationReport, VerificationState
from importers.exports import URN, from_iri
from importers.files import SourceFile
from importers.jsonld import load_json

# Letter grades as percentages: the lower bound of each band of the Ontario college scale (the
# learner is known to have at least this much), so minGrade comparisons never over-credit.
LETTER_GRADES = {
    "A+": 90.0,
    "A": 85.0,
    "A-": 80.0,
    "B+": 77.0,
    "B": 73.0,
    "B-": 70.0,
    "C+": 67.0,
    "C": 63.0,
    "C-": 60.0,
    "D+": 57.0,
    "D": 53.0,
    "D-": 50.0,
    "F": 0.0,
}
COURSE_TYPES = {"course"}
PROGRAM_TYPES = {
    "degree",
    "diploma",
    "associatedegree",
    "bachelordegree",
    "masterdegree",
    "doctoraldegree",
    "certificate",
    "generaleducationdevelopment",
    "apprenticeshipcertificate",
    "journeymancertificate",
    "mastercertificate",
    "secondaryschooldiploma",
}
CREDENTIAL_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
Verifier = Callable[[Any], VerificationReport]
_SEVERITY = {
    VerificationState.VERIFIED: 0,
    VerificationState.UNVERIFIED: 1,
    VerificationState.EXPIRED: 2,
    VerificationState.REVOKED: 3,
    VerificationState.INVALID: 4,
}


def json_type(value: Any) -> str:
    """A value's JSON type, as an error message names it."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    return "an array" if isinstance(value, list) else type(value).__name__


def _types(obj: Any) -> set[str]:
    value = obj.get("type") if isinstance(obj, dict) else None
    return {value} if isinstance(value, str) else {t for t in value or [] if isinstance(t, str)}


class _Record:
    def __init__(
        self,
        file: str,
        batch: ImportBatch,
        verifier: Verifier | None = None,
        refuse_invalid: bool = False,
    ) -> None:
        self.file = file
        self.batch = batch
        self.verifier = verifier
        self.refuse_invalid = refuse_invalid
        self._reports: dict[int, VerificationReport] = {}

    def _report(self, verifier: Verifier, document: Any) -> VerificationReport:
        """Each document is verified once (a CLR encloses all its nested credentials)."""
        if id(document) not in self._reports:
            self._reports[id(document)] = verifier(document)
        return self._reports[id(document)]

    def verified(self, where: str, document: Any, *enclosing: Any) -> dict[str, Any]:
        """The Earned fields of a holding that `document` (inside `enclosing` ones) vouches for."""
        verifier = self.verifier
        if verifier is None:
            return {}
        report = self._report(verifier, document)
        for outer in (self._report(verifier, d) for d in enclosing):
            worse = _SEVERITY[outer.state] >= 2 and _SEVERITY[outer.state] > _SEVERITY[report.state]
            covered = outer.state is VerificationState.VERIFIED
            if worse or (covered and report.state is VerificationState.UNVERIFIED):
                report = outer
        if report.state is VerificationState.INVALID and self.refuse_invalid:
            raise self.fail(where, "proof", f"INVALID credential: {report.reason}")
        if report.state is not VerificationState.VERIFIED:
            self.batch.warnings.append(
                f"{self.file}: {where or '/'}: {report.state}: {report.reason}"
            )
        return {
            "verification": report.state,
            "verified_on": report.checked_on,
            "verification_reason": report.reason,
            "verified_issuer": report.issuer,
        }

    def fail(self, where: str, field: str, message: str) -> SourceError:
        return SourceError(self.file, f"JSON pointer {where or '/'}", field, message)

    def required(self, obj: Any, where: str, field: str) -> Any:
        if not isinstance(obj, dict) or obj.get(field) in (None, "", []):
            raise self.fail(where, field, "is required")
        return obj[field]

    def text(self, obj: Any, where: str, field: str) -> str | None:
        """obj[field], a string or None; another JSON type is an error, never its str() (which
        would store a Python repr such as "{'x': [1, 2]}")."""
        value = obj.get(field) if isinstance(obj, dict) else None
        if value is not None and not isinstance(value, str):
            raise self.fail(where, field, f"must be a string, not {json_type(value)}")
        return value

    def required_text(self, obj: Any, where: str, field: str) -> str:
        """obj[field], a string that is not empty."""
        value = self.text(obj, where, field)
        if not value:
            raise self.fail(where, field, "is required")
        return value

    def add(self, where: str, model: type[m.Node], **fields: Any) -> m.Node:
        node = checked(model, lambda field, message: self.fail(where, field, message), **fields)
        self.batch.nodes.append(node)
        return node


def learner_id(subject: dict[str, Any]) -> str | None:
    """The pseudonymous learner id for a credential subject (no personal data kept)."""
    key: str | None = subject.get("id") if isinstance(subject.get("id"), str) else None
    if key is None:
        for identity in subject.get("identifier") or []:
            if isinstance(identity, dict) and identity.get("identityHash"):
                key = f"{identity.get('identityType', '')}:{identity['identityHash']}"
                break
    if key is None:
        return None
    return "learner:" + hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]


def _learner(record: _Record, subject: dict[str, Any], where: str) -> str:
    """The learner id of a subject whose id and identity objects hold strings, as they must."""
    record.text(subject, where, "id")
    identities = subject.get("identifier")
    for n, identity in enumerate(identities if isinstance(identities, list) else []):
        for field in ("identityType", "identityHash"):
            record.text(identity, f"{where}/identifier/{n}", field)
    learner = learner_id(subject)
    if learner is None:
        raise record.fail(where, "id", "the subject has neither an id nor an identifier")
    return learner


def _date(record: _Record, value: Any, where: str, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise record.fail(where, field, f"must be a string, not {json_type(value)}")
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise record.fail(where, field, f"{value!r} is not an ISO 8601 date") from None


def _first_date(record: _Record, *candidates: tuple[dict[str, Any], str, str]) -> dt.date | None:
    """The date in the first (object, pointer, field) that has one."""
    for obj, where, field in candidates:
        if obj.get(field) not in (None, ""):
            return _date(record, obj[field], where, field)
    return None


def _grade(record: _Record, subject: dict[str, Any], at: str) -> float | None:
    """The grade of a LetterGrade or Percent result, as a percentage."""
    achievement = subject["achievement"]
    kinds: dict[str | None, str] = {}
    for n, described in enumerate(achievement.get("resultDescription") or []):
        if isinstance(described, dict):
            where = f"{at}/achievement/resultDescription/{n}"
            kinds[record.text(described, where, "id")] = (
                record.text(described, where, "resultType") or ""
            )
    for n, result in enumerate(subject.get("result") or []):
        where = f"{at}/result/{n}"
        value = record.text(result, where, "value")
        if not value:
            continue
        kind = kinds.get(record.text(result, where, "resultDescription"), "").lower()
        value = value.strip()
        if kind == "lettergrade" or (not kind and value.upper() in LETTER_GRADES):
            if value.upper() not in LETTER_GRADES:
                record.batch.warnings.append(
                    f"{record.file}: result {n}: letter grade {value!r} not in the table; no grade"
                )
                return None
            return LETTER_GRADES[value.upper()]
        if kind == "percent":
            try:
                return max(0.0, min(100.0, float(value.rstrip("%"))))
            except ValueError:
                return None
    return None


def _item_model(achievement_type: str | None) -> type[m.Node]:
    kind = (achievement_type or "").lower().replace("ext:", "")
    if kind in COURSE_TYPES:
        return m.Course
    if kind in PROGRAM_TYPES:
        return m.Program
    return m.MicroCredential


def _profile(record: _Record, profile: Any, where: str) -> str | None:
    if isinstance(profile, str):
        return from_iri(profile)
    if not isinstance(profile, dict) or not profile.get("id"):
        return None
    profile_id = from_iri(record.required_text(profile, where, "id"))
    name = record.text(profile, where, "name")
    record.add(where, m.Institution, id=profile_id, name=name, source=m.Source.OBV3)
    return profile_id


def _achievement(record: _Record, achievement: Any, where: str, source: m.Source) -> str:
    achievement_id = from_iri(record.required_text(achievement, where, "id"))
    name = record.required_text(achievement, where, "name")
    achievement_type = record.text(achievement, where, "achievementType")
    model = _item_model(achievement_type)
    credits = achievement.get("creditsAvailable")
    fields: dict[str, Any] = {
        "id": achievement_id,
        "name": name[:500],
        "description": record.text(achievement, where, "description"),
        "source": source,
        "source_uri": achievement_id if "://" in achievement_id else None,
    }
    if model is m.MicroCredential:
        fields |= {
            "credits": credits,
            "credit_unit": m.CreditUnit.CREDIT_HOUR if credits is not None else None,
            "credit_bearing": credits is not None,
            "status": m.Status.PUBLISHED,
        }
    elif model is m.Course:
        fields |= {"credits": credits, "credit_unit": m.CreditUnit.CREDIT_HOUR, "code": None}
        fields["code"] = record.text(achievement, where, "humanCode")
    else:
        fields |= {"credential_type": achievement_type}
    record.add(where, model, **fields)
    creator = _profile(record, achievement.get("creator"), f"{where}/creator")
    if creator:
        record.batch.link(RelType.OFFERED_BY, achievement_id, creator)
    if model is m.Program:
        if achievement.get("alignment"):
            record.batch.warnings.append(
                f"{record.file}: {where}: a program's alignments are not stored (only items teach)"
            )
        return achievement_id
    for n, alignment in enumerate(achievement.get("alignment") or []):
        target = _alignment(record, alignment, f"{where}/alignment/{n}", source)
        if target:
            record.batch.link(RelType.TEACHES, achievement_id, target, m.Teaches())
    return achievement_id


def _alignment(record: _Record, alignment: Any, where: str, source: m.Source) -> str | None:
    if not isinstance(alignment, dict):
        raise record.fail(where, "alignment", "is not an object")
    url = record.required_text(alignment, where, "targetUrl")
    kind = record.text(alignment, where, "targetType") or ""
    if kind.startswith("CFRubric"):
        return None  # rubric levels are assessment detail, not competencies
    code = record.text(alignment, where, "targetCode")
    # CASE items are stored under their identifier (see the CASE importer), others under the URL
    target = code if kind == "CFItem" and code else from_iri(url)
    record.add(
        where,
        m.Competency,
        id=target,
        name=(record.text(alignment, where, "targetName") or target)[:500],
        description=record.text(alignment, where, "targetDescription"),
        code=code if kind != "CFItem" else None,
        external=True,
        source=source,
        source_uri=None if url.startswith(URN) else url,
    )
    return target


Found = tuple[str, dict[str, Any], tuple[dict[str, Any], ...]]


def _credentials(
    data: Any, where: str, enclosing: tuple[dict[str, Any], ...] = ()
) -> Iterator[Found]:
    """Every achievement or endorsement credential in a file (a CLR's nested ones included),
    with the credentials that enclose it (outermost first)."""
    if isinstance(data, list):
        for n, item in enumerate(data):
            yield from _credentials(item, f"{where}/{n}", enclosing)
        return
    if not isinstance(data, dict):
        return
    kinds = _types(data)
    if "ClrCredential" in kinds:
        subject = data.get("credentialSubject") or {}
        for n, nested in enumerate(subject.get("verifiableCredential") or []):
            at = f"{where}/credentialSubject/verifiableCredential/{n}"
            yield from _credentials(nested, at, (*enclosing, data))
    elif kinds & (CREDENTIAL_TYPES | {"EndorsementCredential"}):
        yield where, data, enclosing


def _holding(
    record: _Record,
    where: str,
    credential: dict[str, Any],
    source: m.Source,
    enclosing: tuple[dict[str, Any], ...] = (),
) -> None:
    kinds = _types(credential)
    subject = record.required(credential, where, "credentialSubject")
    at = f"{where}/credentialSubject"
    if "EndorsementCredential" in kinds:
        # DOMAIN's ENDORSES comes from an Employer; a credential's issuer is not known to be one
        record.batch.warnings.append(f"{record.file}: {where or '/'}: endorsement not stored")
        return
    achievement = record.required(subject, at, "achievement")
    item = _achievement(record, achievement, f"{at}/achievement", source)
    issuer = _profile(record, credential.get("issuer"), f"{where}/issuer")
    if issuer and not isinstance(achievement.get("creator"), dict):
        record.batch.link(RelType.OFFERED_BY, item, issuer)
    learner = _learner(record, subject, at)
    record.add(
        at,
        m.Learner,
        id=learner,
        display_name=f"Learner {learner.removeprefix('learner:')[:8]}",
        source=source,
    )
    earned = _first_date(
        record,
        (subject, at, "awardedDate"),
        (credential, where, "awardedDate"),
        (credential, where, "validFrom"),
        (credential, where, "issuanceDate"),
    )
    expires = _first_date(
        record, (credential, where, "validUntil"), (credential, where, "expirationDate")
    )
    record.batch.link(
        RelType.EARNED,
        learner,
        item,
        m.Earned(
            date=earned,
            expires=expires,
            grade=_grade(record, subject, at),
            **record.verified(where, credential, *enclosing),
        ),
    )


def parse_files(
    paths: Sequence[SourceFile],
    read: Callable[[_Record, Any], None],
    verifier: Verifier | None = None,
    refuse_invalid: bool = False,
) -> ImportBatch:
    """Each JSON file read by `read` into one batch; unforeseen shapes are located errors."""
    batch = ImportBatch()
    for path in paths:
        data = load_json(path)
        record = _Record(str(path), batch, verifier, refuse_invalid)
        try:
            read(record, data)
        except UNFORESEEN as error:
            raise record.fail("", "-", f"unexpected structure ({error})") from None
    return batch


def parse(
    paths: Sequence[SourceFile], verifier: Verifier | None = None, refuse_invalid: bool = False
) -> ImportBatch:
    """Open Badges 3.0 / CLR 2.0 files, each credential verified when a verifier is given."""
    return parse_files(paths, _record, verifier, refuse_invalid)


def _record(record: _Record, data: Any) -> None:
    """One file: a bare Achievement definition, or credentials (a CLR's nested ones too)."""
    source = m.Source.CLR if "ClrCredential" in _types(data) else m.Source.OBV3
    if "Achievement" in _types(data):  # catalogue only
        _achievement(record, data, "", source)
        return
    found = list(_credentials(data, ""))
    if not found:
        raise record.fail(
            "",
            "type",
            "no Achievement, OpenBadgeCredential, AchievementCredential or ClrCredential",
        )
    for where, credential, enclosing in found:
        _holding(record, where, credential, source, enclosing)
    if source is m.Source.CLR:  # achievements listed without a credential of their own
        listed = (data.get("credentialSubject") or {}).get("achievement") or []
        for n, achievement in enumerate(listed):
            _achievement(record, achievement, f"/credentialSubject/achievement/{n}", source)
