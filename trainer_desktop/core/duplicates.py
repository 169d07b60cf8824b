"""The same person registered twice (by two trainers, or with two spellings): find, decide, count once.

After bundles are merged, the coordinator gets a list of probable duplicates — names compared
without accents, case or word order, plus phone, institution and region — and confirms or
rejects each. The decision is itself a synchronised record (its id derived from the pair), so
every copy of the database agrees, and reports count a confirmed pair as one person. A decision
can be undone (a tombstone: the pair is a candidate again).

Finding candidates compares people within blocks (same sorted name words, same family name, same
phone), never every pair: a registry of 20,000 people stays fast.
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from . import records
from .clock import HybridClock
from .database import Database
from .errors import NotFoundError
from .i18n import N_, _
from .participants import Participant, name_key
from .records import Base, SyncedRecord
from .search import fold

DECISIONS = {"same": N_("Same person"), "different": N_("Different people")}
_NAMESPACE = uuid.UUID("a3c9e7b1-52d4-4f0e-9b6a-1e8d7c2f4a90")
#: Given names this similar (difflib ratio), with the same family name, make a candidate.
SIMILAR_GIVEN_NAMES = 0.8


class ParticipantMatch(SyncedRecord, Base):
    __tablename__ = "participant_match"
    __sync_kind__ = "edited"

    first_id: Mapped[str] = mapped_column(ForeignKey(Participant.id), index=True)
    second_id: Mapped[str] = mapped_column(ForeignKey(Participant.id), index=True)
    decision: Mapped[str] = mapped_column(String(12))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def match_id(a: str, b: str) -> str:
    first, second = _pair(a, b)
    return str(uuid.uuid5(_NAMESPACE, f"{first}/{second}"))


def _phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-8:] if len(digits) >= 8 else ""  # the local number, without country code


@dataclass(frozen=True)
class Candidate:
    first: Participant
    second: Participant
    #: Why they look alike (translated), strongest first.
    reasons: tuple[str, ...]
    score: float


def _compare(a: Participant, b: Participant) -> Candidate | None:
    reasons: list[str] = []
    score = 0.0
    if name_key(a.family_name, a.given_names) == name_key(b.family_name, b.given_names):
        score += 0.7
        reasons.append(_("same names (ignoring accents, case and order)"))
    elif fold(a.family_name) == fold(b.family_name):
        ratio = difflib.SequenceMatcher(None, fold(a.given_names), fold(b.given_names)).ratio()
        if ratio >= SIMILAR_GIVEN_NAMES:
            score += 0.6  # a typo in a given name: worth the coordinator's look on its own
            reasons.append(_("same family name, similar given names"))
        else:  # "Awa" and "Aoua": only with more in common (a phone) is it a candidate
            score += 0.2
            reasons.append(_("same family name"))
    phone_a, phone_b = _phone_key(a.phone), _phone_key(b.phone)
    if phone_a and phone_a == phone_b:
        score += 0.5
        reasons.append(_("same phone number"))
    for field, label in (("institution", _("same institution")), ("region", _("same region"))):
        value = fold(getattr(a, field))
        if value and value == fold(getattr(b, field)):
            score += 0.1
            reasons.append(label)
    if score < 0.6:
        return None
    first, second = (a, b) if a.id < b.id else (b, a)
    return Candidate(first, second, tuple(reasons), round(score, 2))


class DuplicateService:
    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock

    def _decided(self, tx) -> dict[tuple[str, str], str]:  # noqa: ANN001
        rows = tx.scalars(select(ParticipantMatch).where(ParticipantMatch.deleted.is_(False)))
        return {(m.first_id, m.second_id): m.decision for m in rows}

    def candidates(self) -> list[Candidate]:
        """Probable duplicates not decided yet, the most likely first."""
        with self._db.read() as tx:
            people = list(tx.scalars(select(Participant).where(Participant.deleted.is_(False))))
            decided = self._decided(tx)
        blocks: dict[str, list[Participant]] = defaultdict(list)
        for person in people:
            blocks["n:" + name_key(person.family_name, person.given_names)].append(person)
            blocks["f:" + fold(person.family_name)].append(person)
            phone = _phone_key(person.phone)
            if phone:
                blocks["p:" + phone].append(person)
        seen: set[tuple[str, str]] = set()
        found: list[Candidate] = []
        for block in blocks.values():
            for i, a in enumerate(block):
                for b in block[i + 1 :]:
                    pair = _pair(a.id, b.id)
                    if pair in seen or pair in decided:
                        continue
                    seen.add(pair)
                    candidate = _compare(a, b)
                    if candidate:
                        found.append(candidate)
        found.sort(key=lambda c: (-c.score, fold(c.first.family_name), c.first.id, c.second.id))
        return found

    def decide(self, a: str, b: str, same: bool) -> None:
        """Record the coordinator's decision about two people (it travels in bundles)."""
        first, second = _pair(a, b)
        decision = "same" if same else "different"
        with self._db.write() as tx:
            for person_id in (first, second):
                person = tx.get(Participant, person_id)
                if person is None or person.deleted:
                    raise NotFoundError(_("This participant no longer exists."))
            stamp = self._clock.tick(tx)
            record_id = match_id(first, second)
            match = tx.get(ParticipantMatch, record_id)
            if match is None:
                tx.add(records.create(ParticipantMatch, stamp, {"first_id": first,
                       "second_id": second, "decision": decision}, record_id=record_id))  # fmt: skip
            else:
                records.restore(match, stamp)
                records.update(match, stamp, {"decision": decision})

    def undo(self, a: str, b: str) -> None:
        """Forget the decision: the pair becomes a candidate again."""
        with self._db.write() as tx:
            match = tx.get(ParticipantMatch, match_id(a, b))
            if match is None or match.deleted:
                raise NotFoundError(_("No decision was recorded for these two people."))
            records.tombstone(match, self._clock.tick(tx))

    def same_person(self) -> dict[str, str]:
        """Each participant id -> the id that represents their person (confirmed pairs joined,
        transitively): reports count people, not registrations."""
        with self._db.read() as tx:
            ids = list(tx.scalars(select(Participant.id)))
            decided = self._decided(tx)
        parent = {i: i for i in ids}

        def root(i: str) -> str:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for (first, second), decision in decided.items():
            if decision == "same" and first in parent and second in parent:
                a, b = root(first), root(second)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return {i: root(i) for i in ids}

    def count_people(self, participant_ids: list[str]) -> int:
        representative = self.same_person()
        return len({representative.get(i, i) for i in participant_ids})
