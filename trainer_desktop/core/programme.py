"""A session's programme: time slots, day by day.

Each item has a day within the session, a start and end time, a title, an objective, a speaker
and a kind (opening ceremony, presentation, group work, break, meal, closing). Items of a day are
ordered by start time. Moving an item up or down swaps it with its neighbour *and* their time
slots: the pair keeps the span it had (and the gap between them), each item keeps its duration.
So the trainer who swaps "group work" and "presentation" gets a programme that still reads in time
order. Overlapping items are allowed (parallel workshops) once the trainer confirms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, Time, select
from sqlalchemy.orm import Mapped, mapped_column

from . import records
from .clock import HybridClock
from .database import Database
from .errors import NeedsConfirmation, NotFoundError, ValidationError
from .i18n import N_, _, current
from .records import Base, SyncedRecord
from .sessions import TrainingSession

#: Kinds of programme item (stored code -> label, translated when shown).
ITEM_KINDS = {
    "opening": N_("Opening ceremony"),
    "presentation": N_("Presentation"),
    "group_work": N_("Group work"),
    "break": N_("Break"),
    "meal": N_("Meal"),
    "closing": N_("Closing"),
}

TITLE_MAX = 300
TEXT_MAX = 300
LONG_TEXT_MAX = 5000


class ProgrammeItem(SyncedRecord, Base):
    __tablename__ = "programme_item"
    __sync_kind__ = "edited"

    session_id: Mapped[str] = mapped_column(ForeignKey(TrainingSession.id), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    objective: Mapped[str] = mapped_column(Text, default="")
    speaker: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    kind: Mapped[str] = mapped_column(String(20), default="presentation")

    @property
    def duration(self) -> dt.timedelta:
        return _minutes(self.end_time) - _minutes(self.start_time)

    def sort_key(self) -> tuple:
        return (self.day, self.start_time, self.end_time, self.title, self.id)


ITEM_FIELDS = ("day", "start_time", "end_time", "title", "objective", "speaker", "kind")


def _minutes(t: dt.time) -> dt.timedelta:
    return dt.timedelta(hours=t.hour, minutes=t.minute, seconds=t.second)


def _time(delta: dt.timedelta) -> dt.time:
    seconds = int(delta.total_seconds())
    return dt.time(seconds // 3600, (seconds % 3600) // 60, seconds % 60)


def _swap_slots(
    first: tuple[dt.time, dt.time], second: tuple[dt.time, dt.time]
) -> tuple[tuple[dt.time, dt.time], tuple[dt.time, dt.time]]:
    """New slots when ``second`` moves before ``first``: the pair keeps its span, each item its
    duration; returns (new slot of first, new slot of second)."""
    (a_start, a_end), (b_start, b_end) = first, second
    span_end = max(_minutes(a_end), _minutes(b_end))
    new_second = (a_start, _time(_minutes(a_start) + _minutes(b_end) - _minutes(b_start)))
    new_first = (_time(span_end - (_minutes(a_end) - _minutes(a_start))), _time(span_end))
    return new_first, new_second


def validate_item(values: dict[str, Any], session: TrainingSession) -> dict[str, Any]:
    out = dict(values)
    for name in ("title", "speaker"):
        if name in out:
            out[name] = " ".join(str(out[name] or "").split())
    if "objective" in out:
        out["objective"] = str(out["objective"] or "").strip()
    if "title" in out and not out["title"]:
        raise ValidationError(_("The programme item needs a title."), field="title")
    if len(out.get("title", "")) > TITLE_MAX or len(out.get("speaker", "")) > TEXT_MAX:
        raise ValidationError(_("The title or speaker is too long."), field="title")
    if len(out.get("objective", "")) > LONG_TEXT_MAX:
        raise ValidationError(_("The objective is too long."), field="objective")
    if "kind" in out and out["kind"] not in ITEM_KINDS:
        raise ValidationError(
                _("Unknown kind of item: {kind}.").format(kind=out["kind"]), field="kind"
            )
    if "day" in out:
        day = out["day"]
        if not isinstance(day, dt.date):
            raise ValidationError(_("The day is missing or not a date."), field="day")
        if not session.start_date <= day <= session.end_date:
            tr = current()
            raise ValidationError(
                _("{day} is not one of the session's days ({start} to {end}).").format(
                    day=tr.format_date(day),
                    start=tr.format_date(session.start_date),
                    end=tr.format_date(session.end_date),
                ),
                field="day",
            )
    for name in ("start_time", "end_time"):
        if name in out and not isinstance(out[name], dt.time):
            raise ValidationError(_("The start and end times are required."), field=name)
        if name in out:
            out[name] = out[name].replace(microsecond=0, tzinfo=None)
    return out


def check_times(start: dt.time, end: dt.time) -> None:
    if end <= start:
        raise ValidationError(
            _("The item ends ({end}) before it starts ({start}).").format(
                end=end.strftime("%H:%M"), start=start.strftime("%H:%M")
            ),
            field="end_time",
        )


class ProgrammeService:
    """Every change to a programme goes through here, so the stamps are right."""

    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock

    def items(self, session_id: str) -> list[ProgrammeItem]:
        """The live items of a session, in programme order (day, then start time)."""
        with self._db.read() as tx:
            rows = list(
                tx.scalars(
                    select(ProgrammeItem).where(
                        ProgrammeItem.session_id == session_id, ProgrammeItem.deleted.is_(False)
                    )
                )
            )
        return sorted(rows, key=ProgrammeItem.sort_key)

    def _live_session(self, tx, session_id: str) -> TrainingSession:  # noqa: ANN001
        session = tx.get(TrainingSession, session_id)
        if session is None or session.deleted:
            raise NotFoundError(_("This session no longer exists."))
        return session

    def _live_item(self, tx, item_id: str) -> ProgrammeItem:  # noqa: ANN001
        item = tx.get(ProgrammeItem, item_id)
        if item is None or item.deleted:
            raise NotFoundError(_("This programme item no longer exists."))
        return item

    def _overlaps(
        self, tx, session_id: str, day: dt.date, start: dt.time, end: dt.time, skip: str | None
    ) -> list[ProgrammeItem]:  # noqa: ANN001
        rows = tx.scalars(
            select(ProgrammeItem).where(
                ProgrammeItem.session_id == session_id,
                ProgrammeItem.day == day,
                ProgrammeItem.deleted.is_(False),
            )
        )
        return [r for r in rows if r.id != skip and r.start_time < end and start < r.end_time]

    def _confirm_overlap(self, overlapping: list[ProgrammeItem], confirmed: bool) -> None:
        if overlapping and not confirmed:
            other = min(overlapping, key=ProgrammeItem.sort_key)
            raise NeedsConfirmation(
                _(
                    "This item overlaps “{title}” ({start}–{end}). Keep both at the same time "
                    "(parallel workshops)?"
                ).format(
                    title=other.title,
                    start=other.start_time.strftime("%H:%M"),
                    end=other.end_time.strftime("%H:%M"),
                )
            )

    def add(self, session_id: str, *, confirmed: bool = False, **values: Any) -> ProgrammeItem:
        """Add an item; raises :class:`NeedsConfirmation` if it overlaps another and not
        ``confirmed``."""
        with self._db.write() as tx:
            session = self._live_session(tx, session_id)
            values = validate_item({"objective": "", "speaker": "", "kind": "presentation",
                                    **values}, session)  # fmt: skip
            for name in ("day", "start_time", "end_time", "title"):
                if name not in values:
                    raise ValidationError(
                        _("The programme item needs a title.")
                        if name == "title"
                        else _("The day, start and end times are required."),
                        field=name,
                    )
            check_times(values["start_time"], values["end_time"])
            self._confirm_overlap(
                self._overlaps(
                    tx, session_id, values["day"], values["start_time"], values["end_time"], None
                ),
                confirmed,
            )
            stamp = self._clock.tick(tx)
            item = records.create(ProgrammeItem, stamp, {**values, "session_id": session_id})
            tx.add(item)
        return item

    def update(self, item_id: str, *, confirmed: bool = False, **changes: Any) -> list[str]:
        with self._db.write() as tx:
            item = self._live_item(tx, item_id)
            session = self._live_session(tx, item.session_id)
            changes = validate_item(changes, session)
            day = changes.get("day", item.day)
            start = changes.get("start_time", item.start_time)
            end = changes.get("end_time", item.end_time)
            check_times(start, end)
            if (day, start, end) != (item.day, item.start_time, item.end_time):
                self._confirm_overlap(
                    self._overlaps(tx, item.session_id, day, start, end, item.id), confirmed
                )
            stamp = self._clock.tick(tx)
            return records.update(item, stamp, changes)

    def delete(self, item_id: str) -> None:
        with self._db.write() as tx:
            item = self._live_item(tx, item_id)
            records.tombstone(item, self._clock.tick(tx))

    def restore(self, item_id: str) -> None:
        with self._db.write() as tx:
            item = tx.get(ProgrammeItem, item_id)
            if item is None:
                raise NotFoundError(_("This programme item no longer exists."))
            self._live_session(tx, item.session_id)
            records.restore(item, self._clock.tick(tx))

    def move(self, item_id: str, offset: int) -> bool:
        """Move an item ``offset`` places (-1 up, +1 down) within its day, swapping time slots
        with each neighbour it passes. Returns False if it is already first/last."""
        if offset == 0:
            return False
        with self._db.write() as tx:
            return self._move(tx, self._live_item(tx, item_id), offset)

    def _day_items(self, tx, session_id: str, day: dt.date) -> list[ProgrammeItem]:  # noqa: ANN001
        """The live items of one day, in programme order."""
        return sorted(
            tx.scalars(
                select(ProgrammeItem).where(
                    ProgrammeItem.session_id == session_id,
                    ProgrammeItem.day == day,
                    ProgrammeItem.deleted.is_(False),
                )
            ),
            key=ProgrammeItem.sort_key,
        )

    def _move(self, tx, item: ProgrammeItem, offset: int) -> bool:  # noqa: ANN001
        day_items = self._day_items(tx, item.session_id, item.day)
        index = next(i for i, r in enumerate(day_items) if r.id == item.id)
        target = index + offset
        if not 0 <= target < len(day_items):
            return False
        step = 1 if offset > 0 else -1
        times = {r.id: (r.start_time, r.end_time) for r in day_items}
        for i in range(index, target, step):
            first, second = day_items[min(i, i + step)], day_items[max(i, i + step)]
            times[first.id], times[second.id] = _swap_slots(times[first.id], times[second.id])
            day_items[i], day_items[i + step] = day_items[i + step], day_items[i]
        if all(times[r.id] == (r.start_time, r.end_time) for r in day_items):
            return False  # parallel items in the same slot: their order is by title
        stamp = self._clock.tick(tx)
        for r in day_items:
            start, end = times[r.id]
            records.update(r, stamp, {"start_time": start, "end_time": end})
        tx.flush()
        return True

    def reorder(self, session_id: str, day: dt.date, ordered_ids: list[str]) -> None:
        """Put the day's items in ``ordered_ids`` order (drag and drop), in one transaction."""
        with self._db.write() as tx:
            self._live_session(tx, session_id)
            current = self._day_items(tx, session_id, day)
            if sorted(i.id for i in current) != sorted(ordered_ids):
                raise ValidationError(_("The programme changed meanwhile; reload and try again."))
            by_id = {i.id: i for i in current}
            for position, item_id in enumerate(ordered_ids):
                here = [i.id for i in self._day_items(tx, session_id, day)].index(item_id)
                if here != position:
                    self._move(tx, by_id[item_id], position - here)
