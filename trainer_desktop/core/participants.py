"""The participant registry, shared by all sessions, and who is enrolled in which session.

A person is registered once (family name, given names, sex, institution, function or rank,
unit, region, town, phone, e-mail, an optional identity number, consent to the use of their data
and photo) and enrolled in sessions with a role there (participant, facilitator, organiser,
observer).

An enrolment's id is derived from its session and person, so two trainers who enrol the same
registered person in the same session make the same record, and their bundles merge into one.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from . import records
from .clock import HybridClock
from .database import Database
from .errors import NotFoundError, ValidationError
from .i18n import N_, _
from .records import Base, SyncedRecord
from .search import fold
from .sessions import TrainingSession

SEXES = {"woman": N_("Woman"), "man": N_("Man"), "unstated": N_("Not stated")}
ROLES = {
    "participant": N_("Participant"),
    "facilitator": N_("Facilitator"),
    "organiser": N_("Organiser"),
    "observer": N_("Observer"),
}
TEXT_MAX = 300
_ENROLMENT_NAMESPACE = uuid.UUID("6d1f0c1e-3f2a-4c55-9a43-7c0e2b1d5a10")


class Participant(SyncedRecord, Base):
    __tablename__ = "participant"
    __sync_kind__ = "edited"

    family_name: Mapped[str] = mapped_column(String(TEXT_MAX))
    given_names: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    sex: Mapped[str] = mapped_column(String(12), default="unstated")
    institution: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    function: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    unit: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    region: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    town: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    id_number: Mapped[str] = mapped_column(String(100), default="")
    consent_data: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_photo: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def display_name(self) -> str:
        """"TRAORÉ Awa": family name in capitals first, as on attendance sheets."""
        return " ".join(p for p in (self.family_name.upper(), self.given_names) if p)


class Enrolment(SyncedRecord, Base):
    __tablename__ = "enrolment"
    __sync_kind__ = "edited"

    session_id: Mapped[str] = mapped_column(ForeignKey(TrainingSession.id), index=True)
    participant_id: Mapped[str] = mapped_column(ForeignKey(Participant.id), index=True)
    role: Mapped[str] = mapped_column(String(20), default="participant")


def enrolment_id(session_id: str, participant_id: str) -> str:
    return str(uuid.uuid5(_ENROLMENT_NAMESPACE, f"{session_id}/{participant_id}"))


PARTICIPANT_FIELDS = (
    "family_name", "given_names", "sex", "institution", "function", "unit", "region", "town",
    "phone", "email", "id_number", "consent_data", "consent_photo",
)  # fmt: skip

PARTICIPANT_FIELD_LABELS = {
    "family_name": N_("Family name"),
    "given_names": N_("Given names"),
    "sex": N_("Sex"),
    "institution": N_("Institution"),
    "function": N_("Function or rank"),
    "unit": N_("Unit or service"),
    "region": N_("Region"),
    "town": N_("Town"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "id_number": N_("Identity number"),
    "consent_data": N_("Consents to the use of their data"),
    "consent_photo": N_("Consents to the use of their photo"),
}

_DEFAULTS: dict[str, Any] = {**dict.fromkeys(PARTICIPANT_FIELDS, ""), "sex": "unstated",
                             "consent_data": False, "consent_photo": False}  # fmt: skip
_PHONE = re.compile(r"\+?[0-9][0-9 .()/-]{3,30}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def validate_participant(values: dict[str, Any]) -> dict[str, Any]:
    """Clean and check participant fields; :class:`ValidationError` names the field."""
    out = dict(values)
    for name in PARTICIPANT_FIELDS:
        if name in out and name not in ("sex", "consent_data", "consent_photo"):
            out[name] = " ".join(str(out[name] or "").split())
            if len(out[name]) > (50 if name == "phone" else TEXT_MAX):
                raise ValidationError(
                    _("The field “{field}” is too long.").format(
                        field=_(PARTICIPANT_FIELD_LABELS[name])
                    ),
                    field=name,
                )
    if "family_name" in out and not out["family_name"]:
        raise ValidationError(_("The participant needs a family name."), field="family_name")
    if "sex" in out:
        out["sex"] = out["sex"] or "unstated"
        if out["sex"] not in SEXES:
            raise ValidationError(_("Unknown sex: {value}.").format(value=out["sex"]), field="sex")
    if out.get("phone") and not _PHONE.fullmatch(out["phone"]):
        raise ValidationError(
            _("The phone number “{phone}” may only hold digits, spaces and + . - ( ) /.").format(
                phone=out["phone"]
            ),
            field="phone",
        )
    if out.get("email") and not _EMAIL.fullmatch(out["email"]):
        raise ValidationError(
            _("“{email}” is not an e-mail address.").format(email=out["email"]), field="email"
        )
    for name in ("consent_data", "consent_photo"):
        if name in out:
            out[name] = bool(out[name])
    return out


def name_key(family_name: str, given_names: str) -> str:
    """Names compared without accents, case or word order: "Sidibé Awa" == "awa SIDIBE"."""
    return " ".join(sorted(fold(f"{family_name} {given_names}").replace("-", " ").split()))


@dataclass(frozen=True)
class EnrolledPerson:
    enrolment: Enrolment
    participant: Participant


class ParticipantService:
    """Every change to the registry and to enrolments goes through here."""

    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock

    def create(self, **values: Any) -> Participant:
        values = validate_participant({**_DEFAULTS, **values})
        with self._db.write() as tx:
            participant = records.create(Participant, self._clock.tick(tx), values)
            tx.add(participant)
        return participant

    def get(self, participant_id: str) -> Participant:
        with self._db.read() as tx:
            participant = tx.get(Participant, participant_id)
            if participant is None or participant.deleted:
                raise NotFoundError(_("This participant no longer exists."))
            return participant

    def update(self, participant_id: str, **changes: Any) -> list[str]:
        changes = validate_participant(changes)
        with self._db.write() as tx:
            participant = tx.get(Participant, participant_id)
            if participant is None or participant.deleted:
                raise NotFoundError(_("This participant no longer exists."))
            return records.update(participant, self._clock.tick(tx), changes)

    def delete(self, participant_id: str) -> None:
        """Tombstone the person (their attendance stays in past sessions' records)."""
        with self._db.write() as tx:
            participant = tx.get(Participant, participant_id)
            if participant is None or participant.deleted:
                raise NotFoundError(_("This participant no longer exists."))
            records.tombstone(participant, self._clock.tick(tx))

    def search(self, query: str, limit: int = 50) -> list[Participant]:
        """People whose names, phone or institution match every word of ``query``,
        accent- and case-insensitively ("Sidibe" finds "Sidibé")."""
        from .search import matches

        with self._db.read() as tx:
            people = list(tx.scalars(select(Participant).where(Participant.deleted.is_(False))))
        found = [p for p in people if matches(query, p.family_name, p.given_names, p.phone,
                                              p.institution)]  # fmt: skip
        found.sort(key=lambda p: (fold(p.family_name), fold(p.given_names), p.id))
        return found[:limit]

    # -- enrolments
    def enrol(self, session_id: str, participant_id: str, role: str = "participant") -> Enrolment:
        """Enrol a person in a session (or change their role there); the same person enrolled
        twice is one enrolment."""
        with self._db.write() as tx:
            return self._enrol(tx, self._clock.tick(tx), session_id, participant_id, role)

    def create_and_enrol(self, session_id: str, role: str = "participant",
                         **values: Any) -> EnrolledPerson:  # fmt: skip
        """Register a new person and enrol them, in one transaction: never one without the
        other."""
        values = validate_participant({**_DEFAULTS, **values})
        with self._db.write() as tx:
            stamp = self._clock.tick(tx)
            participant = records.create(Participant, stamp, values)
            tx.add(participant)
            enrolment = self._enrol(tx, stamp, session_id, participant.id, role, participant)
        return EnrolledPerson(enrolment, participant)

    def _enrol(self, tx, stamp, session_id: str, participant_id: str, role: str,
               participant: Participant | None = None) -> Enrolment:  # noqa: ANN001  # fmt: skip
        if role not in ROLES:
            raise ValidationError(_("Unknown role: {role}.").format(role=role), field="role")
        session = tx.get(TrainingSession, session_id)
        participant = participant or tx.get(Participant, participant_id)
        if session is None or session.deleted:
            raise NotFoundError(_("This session no longer exists."))
        if participant is None or participant.deleted:
            raise NotFoundError(_("This participant no longer exists."))
        record_id = enrolment_id(session_id, participant_id)
        enrolment = tx.get(Enrolment, record_id)
        if enrolment is None:
            enrolment = records.create(Enrolment, stamp, {"session_id": session_id,
                                       "participant_id": participant_id, "role": role},
                                       record_id=record_id)  # fmt: skip
            tx.add(enrolment)
        else:
            records.restore(enrolment, stamp)
            records.update(enrolment, stamp, {"role": role})
        return enrolment

    def unenrol(self, enrolment_id_: str) -> None:
        """Remove a person from a session (a tombstone; their marks stay attached)."""
        with self._db.write() as tx:
            enrolment = tx.get(Enrolment, enrolment_id_)
            if enrolment is None or enrolment.deleted:
                raise NotFoundError(_("This person is no longer enrolled in the session."))
            records.tombstone(enrolment, self._clock.tick(tx))

    def enrolled(self, session_id: str) -> list[EnrolledPerson]:
        """The live enrolments of a session with their people, sorted by name."""
        with self._db.read() as tx:
            rows = tx.execute(
                select(Enrolment, Participant)
                .join(Participant, Participant.id == Enrolment.participant_id)
                .where(Enrolment.session_id == session_id, Enrolment.deleted.is_(False),
                       Participant.deleted.is_(False))  # fmt: skip
            ).all()
        people = [EnrolledPerson(e, p) for e, p in rows]
        people.sort(key=lambda r: (fold(r.participant.family_name),
                                   fold(r.participant.given_names), r.participant.id))  # fmt: skip
        return people
