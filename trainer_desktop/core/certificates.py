"""Certificate codes: a short code printed on each certificate, checked later against the database.

The code is derived from the enrolment's id (SHA-256, cut to 50 bits, in Crockford's base 32:
digits and capitals without I, L, O, U, which are read wrongly), so every copy of the database —
the trainer's laptop, head office after a merge — prints and checks the same code for the same
person in the same session, without storing anything or keeping a counter that two laptops could
both advance. 50 bits make a clash between two enrolments of one database practically impossible
(about one chance in ten million for 20,000 enrolments).

Someone checking a certificate types the code as they read it: case, spaces, dashes and the
usual confusions (O for 0, I or L for 1) do not matter.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from .errors import ValidationError
from .i18n import _
from .participants import EnrolledPerson, Enrolment, Participant
from .sessions import TrainingSession

if TYPE_CHECKING:
    from .workspace import Workspace

#: Crockford's base 32: no I, L, O, U.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_SALT = b"trainer-desktop certificate/"
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")  # spaces and every kind of dash
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _number(enrolment_id: str) -> int:
    """The 50 bits of an enrolment's code: the first bits of the salted SHA-256 of its id."""
    digest = hashlib.sha256(_SALT + enrolment_id.encode()).digest()
    return int.from_bytes(digest[:7], "big") >> (56 - 5 * LENGTH)


def _digits(enrolment_id: str) -> str:
    """The 10 characters of an enrolment's code, without the dash."""
    number = _number(enrolment_id)
    return "".join(ALPHABET[(number >> (5 * (LENGTH - 1 - i))) & 31] for i in range(LENGTH))


def _formatted(digits: str) -> str:
    return f"{digits[:5]}-{digits[5:]}"


def certificate_code(enrolment_id: str) -> str:
    """The code printed on the certificate of this enrolment: ``"XXXXX-XXXXX"``."""
    return _formatted(_digits(enrolment_id))


def normalise_code(text: str) -> str:
    """The 10 characters of a code as typed (``"abcde fghjk"``, ``"ABCDE-FGHJK"``, O for 0, I or
    L for 1), upper-case, without spaces or dashes; :class:`ValidationError` for text that cannot
    be a certificate code."""
    shown = " ".join(str(text or "").split())
    digits = _SEPARATORS.sub("", shown).upper().translate(_CONFUSED)
    if not digits:
        raise ValidationError(_("Type the code printed on the certificate."), field="code")
    wrong = sorted({ch for ch in digits if ch not in ALPHABET})
    if wrong:
        raise ValidationError(
            _("“{text}” is not a certificate code: codes are made of digits and letters, "
              "never {characters}.").format(text=shown, characters=" ".join(wrong)),
            field="code")  # fmt: skip
    if len(digits) != LENGTH:
        raise ValidationError(
            _("“{text}” is not a certificate code: a code has {length} characters, "
              "like ABCDE-12345 (this one has {count}).").format(
                text=shown, length=LENGTH, count=len(digits)),
            field="code")  # fmt: skip
    return digits


@dataclass(frozen=True)
class Verification:
    """What checking a code tells: whose certificate it is, for which session, and whether the
    person attended enough to deserve it."""

    code: str  # as printed: "XXXXX-XXXXX"
    session: TrainingSession
    person: EnrolledPerson
    eligible: bool
    hours_attended: float
    rate: float | None


def verify_certificate(workspace: Workspace, code: str) -> Verification | None:
    """The live enrolment whose code is ``code`` (as typed), or None when there is none.

    Codes are not stored: every live enrolment's code is worked out and compared (a hash each;
    20,000 enrolments take about a fifth of a second on a slow laptop)."""
    digits = normalise_code(code)
    wanted = 0
    for character in digits:
        wanted = wanted << 5 | ALPHABET.index(character)
    # Compared as numbers over the bare ids (a hash each, no string built, no join): the
    # session and person are read, and checked live, only for the enrolment that matches.
    with workspace.db.read() as tx:
        # Plain rows through the connection: the ORM's own cost would double the time.
        enrolment_ids = tx.connection().execute(
            select(Enrolment.id).where(Enrolment.deleted.is_(False))).scalars().all()  # fmt: skip
        for enrolment_id in (e for e in enrolment_ids if _number(e) == wanted):
            enrolment = tx.get(Enrolment, enrolment_id)
            session = tx.get(TrainingSession, enrolment.session_id)
            participant = tx.get(Participant, enrolment.participant_id)
            if all(r is not None and not r.deleted for r in (session, participant)):
                break
        else:
            return None
    from .reporting import attendance_of  # reporting prints the codes: imported here, not above

    grid = workspace.attendance.grid(session.id)
    _periods, hours, rate = attendance_of(grid, enrolment.id)
    return Verification(code=_formatted(digits), session=session,
                        person=EnrolledPerson(enrolment, participant),
                        eligible=grid.attended_enough(enrolment.id, session.attendance_threshold),
                        hours_attended=hours, rate=rate)  # fmt: skip
