"""Attendance: sign-in periods, the marks of the grid, and signatures.

A session's days are split into sign-in periods (morning and afternoon by default, a whole day or
custom periods as the trainer sets). For each enrolled person and period there is at most one
**mark** — present, late (with the time), absent, excused — which the trainer edits; its id is
derived from the enrolment and the period, so two laptops marking the same cell make the same
record and merge field by field. A **signature** is what a participant submits: immutable once
written (the kind that a merge never overwrites); signing again makes a new one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, LargeBinary, String, Time, select
from sqlalchemy.orm import Mapped, mapped_column

from . import records
from .clock import HybridClock
from .database import Database
from .errors import NotFoundError, ValidationError
from .i18n import N_, _
from .participants import Enrolment, Participant
from .records import Base, SyncedRecord
from .sessions import TrainingSession

PERIOD_KINDS = {
    "morning": N_("Morning"),
    "afternoon": N_("Afternoon"),
    "day": N_("Whole day"),
    "custom": N_("Custom"),
}
STATUSES = {
    "present": N_("Present"),
    "late": N_("Late"),
    "absent": N_("Absent"),
    "excused": N_("Excused"),
}
#: Statuses that count as attended.
ATTENDED = frozenset({"present", "late"})
DEFAULT_PERIODS = (("morning", dt.time(8, 30), dt.time(12, 30)),
                   ("afternoon", dt.time(14, 0), dt.time(17, 30)))  # fmt: skip
_NAMESPACE = uuid.UUID("0b6f3a52-9d7e-4d1c-8f4e-2a7c5e9b1d33")


class SignInPeriod(SyncedRecord, Base):
    __tablename__ = "sign_in_period"
    __sync_kind__ = "edited"

    session_id: Mapped[str] = mapped_column(ForeignKey(TrainingSession.id), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="custom")
    label: Mapped[str] = mapped_column(String(100), default="")
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)

    def sort_key(self) -> tuple:
        return (self.day, self.start_time, self.end_time, self.id)


class AttendanceMark(SyncedRecord, Base):
    __tablename__ = "attendance_mark"
    __sync_kind__ = "edited"

    enrolment_id: Mapped[str] = mapped_column(ForeignKey(Enrolment.id), index=True)
    period_id: Mapped[str] = mapped_column(ForeignKey(SignInPeriod.id), index=True)
    status: Mapped[str] = mapped_column(String(12))
    arrived_at: Mapped[dt.time | None] = mapped_column(Time, nullable=True)


class Signature(SyncedRecord, Base):
    __tablename__ = "signature"
    __sync_kind__ = "submitted"

    enrolment_id: Mapped[str] = mapped_column(ForeignKey(Enrolment.id), index=True)
    period_id: Mapped[str] = mapped_column(ForeignKey(SignInPeriod.id), index=True)
    strokes: Mapped[bytes] = mapped_column(LargeBinary)
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)


def period_id(session_id: str, day: dt.date, kind: str) -> str:
    """The id of a default period: the same on every laptop that creates it."""
    return str(uuid.uuid5(_NAMESPACE, f"period/{session_id}/{day.isoformat()}/{kind}"))


def mark_id(enrolment_id: str, period_id_: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"mark/{enrolment_id}/{period_id_}"))


@dataclass
class Totals:
    """Counts by status, overall and by sex."""

    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    attended_by_sex: dict[str, int] = field(default_factory=dict)

    @property
    def attended(self) -> int:
        return sum(self.by_status[s] for s in ATTENDED)


@dataclass
class Grid:
    """Everything the attendance grid shows: rows (people), columns (periods), cells (marks)."""

    periods: list[SignInPeriod]
    people: list[Any]  # EnrolledPerson
    marks: dict[tuple[str, str], AttendanceMark]  # (enrolment id, period id) -> mark
    signed: set[tuple[str, str]]  # cells with a signature

    def status(self, enrolment_id_: str, period_id_: str) -> str | None:
        mark = self.marks.get((enrolment_id_, period_id_))
        return mark.status if mark else None

    def period_totals(self, period_id_: str) -> Totals:
        totals = Totals()
        for person in self.people:
            status = self.status(person.enrolment.id, period_id_)
            if status:
                totals.by_status[status] += 1
                if status in ATTENDED:
                    sex = person.participant.sex
                    totals.attended_by_sex[sex] = totals.attended_by_sex.get(sex, 0) + 1
        return totals

    def attended_enough(self, enrolment_id_: str, threshold_percent: int) -> bool:
        """The session's rule (``TrainingSession.attendance_threshold``): present or late for at
        least that share of the periods. Exact: compared in whole numbers, no rounding."""
        if not self.periods:
            return False
        attended = sum(self.status(enrolment_id_, p.id) in ATTENDED for p in self.periods)
        return attended * 100 >= threshold_percent * len(self.periods)

    def rate(self, enrolment_id_: str) -> float:
        """Share of the session's periods this person attended (present or late)."""
        if not self.periods:
            return 0.0
        attended = sum(self.status(enrolment_id_, p.id) in ATTENDED for p in self.periods)
        return attended / len(self.periods)


def check_signature(strokes: bytes) -> None:
    """Refuse bytes that are not a drawn signature, or a blank one (a dot, nothing)."""
    from . import signatures

    try:
        drawn = signatures.decode(strokes)
    except ValueError:
        raise ValidationError(_("This signature cannot be read.")) from None
    if signatures.is_blank(drawn):
        raise ValidationError(_("The signature is empty: please sign in the box."))


class AttendanceService:
    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock

    def periods(self, session_id: str) -> list[SignInPeriod]:
        with self._db.read() as tx:
            rows = tx.scalars(select(SignInPeriod).where(
                SignInPeriod.session_id == session_id, SignInPeriod.deleted.is_(False)))  # fmt: skip
            return sorted(rows, key=SignInPeriod.sort_key)

    def ensure_default_periods(self, session_id: str) -> list[SignInPeriod]:
        """A morning and an afternoon for each day, unless the session has periods already."""
        with self._db.write() as tx:
            session = tx.get(TrainingSession, session_id)
            if session is None or session.deleted:
                raise NotFoundError(_("This session no longer exists."))
            existing = tx.scalars(select(SignInPeriod.id).where(
                SignInPeriod.session_id == session_id, SignInPeriod.deleted.is_(False))).first()  # fmt: skip
            if existing is None:
                stamp = self._clock.tick(tx)
                for day in session.days:
                    for kind, start, end in DEFAULT_PERIODS:
                        record_id = period_id(session_id, day, kind)
                        if tx.get(SignInPeriod, record_id) is None:
                            tx.add(records.create(SignInPeriod, stamp, {
                                "session_id": session_id, "day": day, "kind": kind, "label": "",
                                "start_time": start, "end_time": end}, record_id=record_id))  # fmt: skip
        return self.periods(session_id)

    def add_period(self, session_id: str, day: dt.date, start_time: dt.time, end_time: dt.time,
                   kind: str = "custom", label: str = "") -> SignInPeriod:  # fmt: skip
        """A sign-in period the trainer sets: a whole day, or custom hours with a label."""
        values = self._check_period(day=day, start_time=start_time, end_time=end_time,
                                    kind=kind, label=label)  # fmt: skip
        with self._db.write() as tx:
            session = records.live(tx, TrainingSession, session_id, _("This session no longer exists."))
            self._check_day(session, values["day"])
            period = records.create(SignInPeriod, self._clock.tick(tx),
                                    {**values, "session_id": session_id})  # fmt: skip
            tx.add(period)
        return period

    def update_period(self, period_id_: str, **changes: Any) -> list[str]:
        with self._db.write() as tx:
            period = records.live(tx, SignInPeriod, period_id_, _("This sign-in period no longer exists."))
            merged = {name: changes.get(name, getattr(period, name))
                      for name in ("day", "start_time", "end_time", "kind", "label")}  # fmt: skip
            values = self._check_period(**merged)
            session = records.live(tx, TrainingSession, period.session_id,
                                 _("This session no longer exists."))  # fmt: skip
            self._check_day(session, values["day"])
            return records.update(period, self._clock.tick(tx),
                                  {k: v for k, v in values.items() if k in changes})  # fmt: skip

    def delete_period(self, period_id_: str) -> None:
        """Remove a period (a tombstone; its marks and signatures stay in the database)."""
        with self._db.write() as tx:
            period = records.live(tx, SignInPeriod, period_id_, _("This sign-in period no longer exists."))
            records.tombstone(period, self._clock.tick(tx))

    def restore_period(self, period_id_: str) -> None:
        with self._db.write() as tx:
            period = tx.get(SignInPeriod, period_id_)
            if period is None:
                raise NotFoundError(_("This sign-in period no longer exists."))
            records.restore(period, self._clock.tick(tx))

    @staticmethod
    def _check_period(day: dt.date, start_time: dt.time, end_time: dt.time, kind: str,
                      label: str) -> dict[str, Any]:  # fmt: skip
        if kind not in PERIOD_KINDS:
            raise ValidationError(_("Unknown kind of period: {kind}.").format(kind=kind), field="kind")
        if not isinstance(day, dt.date):
            raise ValidationError(_("The day is missing or not a date."), field="day")
        if not isinstance(start_time, dt.time) or not isinstance(end_time, dt.time):
            raise ValidationError(_("The start and end times are required."), field="start_time")
        if end_time <= start_time:
            raise ValidationError(
                _("The period ends ({end}) before it starts ({start}).").format(
                    end=end_time.strftime("%H:%M"), start=start_time.strftime("%H:%M")),
                field="end_time")  # fmt: skip
        label = " ".join(str(label or "").split())
        if kind == "custom" and not label:
            raise ValidationError(_("A custom period needs a name (e.g. “Evening session”)."),
                                  field="label")  # fmt: skip
        if len(label) > 100:
            raise ValidationError(_("The period's name is too long."), field="label")
        return {"day": day, "start_time": start_time.replace(second=0, microsecond=0),
                "end_time": end_time.replace(second=0, microsecond=0), "kind": kind,
                "label": label}  # fmt: skip

    @staticmethod
    def _check_day(session: TrainingSession, day: dt.date) -> None:
        if not session.start_date <= day <= session.end_date:
            raise ValidationError(
                _("{day} is not one of the session's days.").format(day=day.isoformat()),
                field="day")  # fmt: skip

    def set_mark(self, enrolment_id_: str, period_id_: str, status: str | None,
                 arrived_at: dt.time | None = None) -> None:  # fmt: skip
        """Set a cell of the grid (``None`` clears it)."""
        if status is not None and status not in STATUSES:
            raise ValidationError(_("Unknown attendance status: {status}.").format(status=status))
        if status == "late" and arrived_at is None:
            arrived_at = dt.datetime.now().time().replace(second=0, microsecond=0)
        if status != "late":
            arrived_at = None
        with self._db.write() as tx:
            records.live(tx, Enrolment, enrolment_id_, _("This person is no longer enrolled."))
            records.live(tx, SignInPeriod, period_id_, _("This sign-in period no longer exists."))
            stamp = self._clock.tick(tx)
            record_id = mark_id(enrolment_id_, period_id_)
            mark = tx.get(AttendanceMark, record_id)
            if status is None:
                if mark is not None:
                    records.tombstone(mark, stamp)
                return
            values = {"status": status, "arrived_at": arrived_at}
            if mark is None:
                tx.add(records.create(AttendanceMark, stamp, {"enrolment_id": enrolment_id_,
                       "period_id": period_id_, **values}, record_id=record_id))  # fmt: skip
            else:
                records.restore(mark, stamp)
                records.update(mark, stamp, values)

    def sign_in(self, enrolment_id_: str, period_id_: str, strokes: bytes,
                at: dt.datetime | None = None, late_after: dt.timedelta = dt.timedelta(minutes=15),
                ) -> Signature:  # fmt: skip
        """Record a drawn signature and mark the person present (late past the grace time).
        Committed before it returns: the screen may then say "signed"."""
        check_signature(strokes)
        at = at or dt.datetime.now().replace(microsecond=0)
        with self._db.write() as tx:
            records.live(tx, Enrolment, enrolment_id_, _("This person is no longer enrolled."))
            period = records.live(tx, SignInPeriod, period_id_, _("This sign-in period no longer exists."))
            stamp = self._clock.tick(tx)
            signature = records.create(Signature, stamp, {"enrolment_id": enrolment_id_,
                                       "period_id": period_id_, "strokes": strokes,
                                       "signed_at": at})  # fmt: skip
            tx.add(signature)
            late = at.date() == period.day and at > dt.datetime.combine(period.day, period.start_time) + late_after
            record_id = mark_id(enrolment_id_, period_id_)
            values = {"status": "late" if late else "present",
                      "arrived_at": at.time().replace(second=0) if late else None}  # fmt: skip
            mark = tx.get(AttendanceMark, record_id)
            if mark is None:
                tx.add(records.create(AttendanceMark, stamp, {"enrolment_id": enrolment_id_,
                       "period_id": period_id_, **values}, record_id=record_id))  # fmt: skip
            elif mark.deleted or mark.status not in ATTENDED:
                records.restore(mark, stamp)
                records.update(mark, stamp, values)
        return signature

    def grid(self, session_id: str) -> Grid:
        from .participants import ParticipantService

        people = ParticipantService(self._db, self._clock).enrolled(session_id)
        periods = self.periods(session_id)
        period_ids = [p.id for p in periods]
        with self._db.read() as tx:
            marks = tx.scalars(select(AttendanceMark).join(Enrolment).where(
                Enrolment.session_id == session_id, AttendanceMark.deleted.is_(False)))  # fmt: skip
            by_cell = {(m.enrolment_id, m.period_id): m for m in marks if m.period_id in period_ids}
            signed = {(row[0], row[1]) for row in tx.execute(
                select(Signature.enrolment_id, Signature.period_id).join(Enrolment).where(
                    Enrolment.session_id == session_id, Signature.deleted.is_(False)))}  # fmt: skip
        return Grid(periods, people, by_cell, signed)

    def signatures(self, enrolment_id_: str, period_id_: str) -> list[Signature]:
        """The signatures of a cell, the latest first."""
        with self._db.read() as tx:
            return list(tx.scalars(select(Signature).where(
                Signature.enrolment_id == enrolment_id_, Signature.period_id == period_id_,
                Signature.deleted.is_(False)).order_by(Signature.signed_at.desc(), Signature.id)))  # fmt: skip

    def latest_signatures(self, period_id_: str) -> dict[str, Signature]:
        """The latest signature of each person who signed in ``period_id_``, by enrolment id
        (the one :meth:`signatures` lists first): a signed sheet reads them in one query
        instead of one per row."""
        latest: dict[str, Signature] = {}
        with self._db.read() as tx:
            for signature in tx.scalars(select(Signature).where(
                    Signature.period_id == period_id_, Signature.deleted.is_(False),
            ).order_by(Signature.signed_at.desc(), Signature.id)):  # fmt: skip
                latest.setdefault(signature.enrolment_id, signature)
        return latest


__all__ = ["AttendanceMark", "AttendanceService", "Grid", "Participant", "SignInPeriod", "Signature"]
