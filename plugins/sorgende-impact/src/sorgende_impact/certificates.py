"""Certificates of volunteering (Ehrenamtsnachweis): a helper's hours in a period by
category and organisation, confirmed by a coordinator, with a verification code.

The code is an HMAC (SHA-256) of the certificate's contents under the platform's secret
(``[plugins.impact] secret`` or ``SORGENDE_IMPACT_SECRET``), so it cannot be made up or
moved to other contents: :func:`verify` finds the certificate by its code and computes
the code afresh from what it says. Who may sign is the policy's: a person acting with
the community's coordinator role (the backbone organisation's coordinators). The
recognition rules of the platform (``sorgende_recognition_rules``, e.g. the
Ehrenamtskarte plugin's) mark in the certificate what the helper is eligible for.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from base64 import b32encode
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from sorgende.domain.actors import ActorKind, CommunityRole
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.principals import Acting
from sorgende.domain.recognition import HelperRecord
from sorgende.errors import ConfigError, InvalidValue, NotFound, PermissionDenied
from sorgende.records import Erasure, RecordKind
from sorgende_impact.texts import day_label, number, t

COUNTED = (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)


@attrs.frozen
class Line:
    category: str
    organisation: str
    minutes: int


@attrs.frozen
class CertificateRecord:
    """What the platform keeps of an issued certificate (to verify it)."""

    community_id: uuid.UUID
    code: str
    helper_id: uuid.UUID
    start: date
    end: date
    lines: tuple[Line, ...]
    total_minutes: int
    signed_by: uuid.UUID
    issued: date
    notes: tuple[str, ...] = ()


#: a certificate is the helper's: erased with them (and no longer verifiable)
CERTIFICATE: RecordKind[CertificateRecord] = RecordKind(
    name="impact.certificate",
    cls=CertificateRecord,
    key="code",
    indexes=("issued",),
    persons=("helper_id",),
    mentions=("signed_by",),
    erasure=Erasure.DELETE,
    version=None,
    order="issued",
    after=("actor",),
)


@attrs.frozen
class Certificate:
    record: CertificateRecord
    community_name: str
    helper_name: str
    signer_name: str

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.record.lines

    @property
    def total_minutes(self) -> int:
        return self.record.total_minutes

    @property
    def notes(self) -> tuple[str, ...]:
        return self.record.notes

    @property
    def issued(self) -> date:
        return self.record.issued

    def period(self, language: str) -> str:
        return f"{day_label(self.record.start, language)} – {day_label(self.record.end, language)}"


def secret(platform: Any) -> bytes:
    value = platform.settings.plugin("impact").get("secret")
    if not value or len(str(value)) < 16:
        raise ConfigError(
            "[plugins.impact] secret (or SORGENDE_IMPACT_SECRET)",
            "certificates need a secret of at least 16 characters",
        )
    return str(value).encode()


def _canonical(r: CertificateRecord) -> bytes:
    lines = ";".join(f"{x.category}|{x.organisation}|{x.minutes}" for x in r.lines)
    return "\n".join(
        (
            str(r.community_id),
            str(r.helper_id),
            r.start.isoformat(),
            r.end.isoformat(),
            lines,
            str(r.total_minutes),
            str(r.signed_by),
            r.issued.isoformat(),
            "|".join(r.notes),
        )
    ).encode()


def _code(key: bytes, r: CertificateRecord) -> str:
    digest = hmac.new(key, _canonical(r), hashlib.sha256).digest()
    text = b32encode(digest[:10]).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def normalise(code: str) -> str:
    text = "".join(c for c in code.upper() if c.isalnum())
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def issue(
    platform: Any,
    community_id: uuid.UUID,
    helper_id: uuid.UUID,
    start: date,
    end: date,
    *,
    by: uuid.UUID,
    language: str = "de",
) -> Certificate:
    """Issue the certificate of ``helper_id``'s confirmed help from ``start`` to ``end``
    (both included, the community's local days), signed by the coordinator ``by``."""
    if end < start:
        raise InvalidValue("end", "the period ends before it starts")
    key = secret(platform)
    with platform.open_for_writing(community_id) as uow:
        community = uow.community.get()
        zone = ZoneInfo(community.time_zone)
        signer = uow.actors.find(by)
        if signer is None:
            raise NotFound("actor", by)
        orgs = [a for a in uow.actors.list() if a.kind is not ActorKind.PERSON]
        if not Acting.of(signer, orgs).has(CommunityRole.COORDINATOR):
            raise PermissionDenied(
                signer, "sign a certificate", "only the community's coordinators sign"
            )
        helper = uow.actors.find(helper_id)
        if helper is None or helper.kind is not ActorKind.PERSON or helper.erased:
            raise NotFound("actor", helper_id)
        names = {o.id: o.name for o in orgs}
        categories = {c.code: c.name(language) for c in uow.categories.list()}
        counted = [
            e for e in uow.exchanges.list(helper_id=helper_id, states=COUNTED) if e.minutes > 0
        ]
        by_line: dict[tuple[str, str], int] = defaultdict(int)
        for e in counted:
            if start <= e.scheduled.astimezone(zone).date() <= end:
                org = names.get(e.organisation_id, "") if e.organisation_id else ""
                by_line[(categories.get(e.category, e.category), org or community.name)] += (
                    e.minutes
                )
        lines = tuple(Line(c, o, m) for (c, o), m in sorted(by_line.items()))
        at = datetime.combine(end + timedelta(days=1), time(), zone)
        record = HelperRecord(
            actor_id=helper_id,
            exchanges_confirmed=len([e for e in counted if e.scheduled < at]),
            minutes_given=sum(e.minutes for e in counted if e.scheduled < at),
            minutes_last_year=sum(
                e.minutes for e in counted if at - timedelta(days=365) <= e.scheduled < at
            ),
            first_help=min((e.scheduled for e in counted), default=None),
            at=at,
            birth_year=helper.birth_year,
        )
        notes = tuple(
            rule.titles.get(language) or rule.titles.get("en") or rule.code
            for rule in platform.recognition_rules
            if rule.applies(record)
        )
        draft = CertificateRecord(
            community_id,
            "",
            helper_id,
            start,
            end,
            lines,
            sum(x.minutes for x in lines),
            by,
            platform.clock().astimezone(zone).date(),
            notes,
        )
        stored = attrs.evolve(draft, code=_code(key, draft))
        uow.of(CERTIFICATE).add(stored)
        uow.commit()
    return Certificate(stored, community.name, helper.name, signer.name)


@attrs.frozen
class Verdict:
    valid: bool
    certificate: Certificate | None

    def text(self, language: str) -> str:
        c = self.certificate
        if not self.valid or c is None:
            return t("cert.invalid", language)
        return t(
            "cert.valid",
            language,
            name=c.helper_name,
            period=c.period(language),
            hours=number(c.total_minutes / 60, language, 1),
            signer=c.signer_name,
        )


def verify(platform: Any, community_id: uuid.UUID, code: str) -> Verdict:
    """Whether ``code`` is the code of a certificate issued here, unchanged since."""
    wanted = normalise(code)
    with platform.read(community_id) as uow:
        found = uow.of(CERTIFICATE).find(wanted)
        if found is None:
            return Verdict(False, None)
        expected = _code(secret(platform), attrs.evolve(found, code=""))
        if not hmac.compare_digest(expected, found.code):
            return Verdict(False, None)
        helper = uow.actors.find(found.helper_id)
        signer = uow.actors.find(found.signed_by)
        community = uow.community.get().name
    return Verdict(
        True,
        Certificate(
            found, community, helper.name if helper else "—", signer.name if signer else "—"
        ),
    )
