"""Training sessions: create, edit, duplicate, delete (tombstone), restore, list.

A session is one training event: a title and theme, dates, a place, who organises and funds it,
who facilitates it, for whom, and in which language. Its programme lives in :mod:`.programme`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Date, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from . import records
from .clock import HybridClock
from .database import Database
from .errors import NeedsConfirmation, NotFoundError, ValidationError
from .i18n import N_, _, ngettext
from .records import Base, SyncedRecord

#: Working languages a session can be held in (code -> name, translated when shown).
SESSION_LANGUAGES = {"fr": N_("French"), "en": N_("English"), "ar": N_("Arabic")}

TITLE_MAX = 300
TEXT_MAX = 300
LONG_TEXT_MAX = 10_000
MAX_SESSION_DAYS = 366


class TrainingSession(SyncedRecord, Base):
    __tablename__ = "training_session"
    __sync_kind__ = "edited"

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    theme: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    town: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    region: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    country: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    organiser: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    funders: Mapped[list[str]] = mapped_column(JSON, default=list)
    facilitators: Mapped[list[str]] = mapped_column(JSON, default=list)
    target_audience: Mapped[str] = mapped_column(String(TEXT_MAX), default="")
    expected_participants: Mapped[int | None] = mapped_column(Integer, nullable=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    objectives: Mapped[str] = mapped_column(Text, default="")
    #: "Attended enough" (for certificates): at least this share of the sign-in periods, in %.
    attendance_threshold: Mapped[int] = mapped_column(Integer, default=80, server_default="80")

    @property
    def days(self) -> list[dt.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=i) for i in range(max(count, 0))]


#: Fields a user edits, in form order.
SESSION_FIELDS = (
    "title", "theme", "start_date", "end_date", "venue", "town", "region", "country",
    "organiser", "funders", "facilitators", "target_audience", "expected_participants",
    "language", "objectives", "attendance_threshold",
)  # fmt: skip


def _clean_list(value: Any, label: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace(";", "\n").splitlines()
    if not isinstance(value, list | tuple):
        raise ValidationError(_("{field}: expected a list of names.").format(field=label))
    items = [str(v).strip() for v in value]
    return [v for v in items if v]


def validate_session(values: dict[str, Any]) -> dict[str, Any]:
    """Clean and check session fields; raises :class:`ValidationError` naming the field."""
    out = dict(values)
    for name in ("title", "theme", "venue", "town", "region", "country", "organiser",
                 "target_audience", "objectives"):  # fmt: skip
        if name in out:
            out[name] = " ".join(str(out[name] or "").split()) if name != "objectives" else str(
                out[name] or ""
            ).strip()
    if "title" in out and not out["title"]:
        raise ValidationError(_("The session needs a title."), field="title")
    for name, limit in (("title", TITLE_MAX), ("objectives", LONG_TEXT_MAX)):
        if name in out and len(out[name]) > limit:
            raise ValidationError(
                _("The {field} is too long ({n} characters at most).").format(
                    field=_(SESSION_FIELD_LABELS[name]).lower(), n=limit
                ),
                field=name,
            )
    for name in ("theme", "venue", "town", "region", "country", "organiser", "target_audience"):
        if name in out and len(out[name]) > TEXT_MAX:
            raise ValidationError(
                _("The {field} is too long ({n} characters at most).").format(
                    field=_(SESSION_FIELD_LABELS[name]).lower(), n=TEXT_MAX
                ),
                field=name,
            )
    for name in ("funders", "facilitators"):
        if name in out:
            out[name] = _clean_list(out[name], _(SESSION_FIELD_LABELS[name]))
    for name in ("start_date", "end_date"):
        if name in out and not isinstance(out[name], dt.date):
            raise ValidationError(
                _("The {field} is missing or not a date.").format(
                    field=_(SESSION_FIELD_LABELS[name]).lower()
                ),
                field=name,
            )
    if "expected_participants" in out:
        n = out["expected_participants"]
        if n in ("", None):
            out["expected_participants"] = None
        else:
            try:
                n = int(n)
            except (TypeError, ValueError):
                n = -1
            if n < 0 or n > 100_000:
                raise ValidationError(
                    _("The expected number of participants must be a whole number from 0."),
                    field="expected_participants",
                )
            out["expected_participants"] = n
    if "attendance_threshold" in out:
        threshold = out["attendance_threshold"]
        if isinstance(threshold, bool) or not isinstance(threshold, int) or not 0 <= threshold <= 100:
            raise ValidationError(
                _("The attendance rule must be a percentage from 0 to 100."),
                field="attendance_threshold",
            )
    if "language" in out and out["language"] not in SESSION_LANGUAGES:
        raise ValidationError(
            _("Unknown working language: {code}.").format(code=out["language"]), field="language"
        )
    return out


def check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(
            _("The session ends ({end}) before it starts ({start}).").format(
                end=end.isoformat(), start=start.isoformat()
            ),
            field="end_date",
        )
    if (end - start).days >= MAX_SESSION_DAYS:
        raise ValidationError(
            _("A session cannot last more than {n} days.").format(n=MAX_SESSION_DAYS),
            field="end_date",
        )


SESSION_FIELD_LABELS = {
    "title": N_("Title"),
    "theme": N_("Theme"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "venue": N_("Venue"),
    "town": N_("Town"),
    "region": N_("Region"),
    "country": N_("Country"),
    "organiser": N_("Organiser"),
    "funders": N_("Funders and partners"),
    "facilitators": N_("Facilitators"),
    "target_audience": N_("Target audience"),
    "expected_participants": N_("Expected participants"),
    "language": N_("Working language"),
    "objectives": N_("Objectives"),
    "attendance_threshold": N_("Attended enough"),
}


@dataclass(frozen=True)
class SessionSummary:
    """One row of the sessions list."""

    id: str
    title: str
    theme: str
    start_date: dt.date
    end_date: dt.date
    town: str
    region: str
    organiser: str
    programme_items: int


class SessionService:
    """Every change to training sessions goes through here, so the stamps are right."""

    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock

    def create(self, **values: Any) -> TrainingSession:
        values = validate_session(values)
        missing = [n for n in ("title", "start_date", "end_date") if n not in values]
        if missing:
            raise ValidationError(
                _("The {field} is missing or not a date.").format(
                    field=_(SESSION_FIELD_LABELS[missing[0]]).lower()
                )
                if missing[0] != "title"
                else _("The session needs a title."),
                field=missing[0],
            )
        check_dates(values["start_date"], values["end_date"])
        defaults = {
            "theme": "", "venue": "", "town": "", "region": "", "country": "", "organiser": "",
            "funders": [], "facilitators": [], "target_audience": "", "expected_participants": None,
            "language": "fr", "objectives": "", "attendance_threshold": 80,
        }  # fmt: skip
        with self._db.write() as tx:
            stamp = self._clock.tick(tx)
            session = records.create(TrainingSession, stamp, {**defaults, **values})
            tx.add(session)
        return session

    def get(self, session_id: str) -> TrainingSession:
        with self._db.read() as tx:
            session = tx.get(TrainingSession, session_id)
            if session is None or session.deleted:
                raise NotFoundError(_("This session no longer exists."))
            return session

    def list(self, search: str = "") -> list[SessionSummary]:
        """Live sessions, most recent first, optionally filtered by words in title/theme/place."""
        from .programme import ProgrammeItem  # the programme builds on sessions, not the reverse
        from sqlalchemy import func

        count = (
            select(func.count(ProgrammeItem.id))
            .where(ProgrammeItem.session_id == TrainingSession.id, ProgrammeItem.deleted.is_(False))
            .scalar_subquery()
        )
        query = (
            select(TrainingSession, count)
            .where(TrainingSession.deleted.is_(False))
            .order_by(TrainingSession.start_date.desc(), TrainingSession.title, TrainingSession.id)
        )
        with self._db.read() as tx:
            rows = tx.execute(query).all()
        summaries = [
            SessionSummary(
                s.id, s.title, s.theme, s.start_date, s.end_date, s.town, s.region, s.organiser, n
            )
            for s, n in rows
        ]
        if search.strip():
            from .search import matches

            summaries = [
                s
                for s in summaries
                if matches(search, s.title, s.theme, s.town, s.region, s.organiser)
            ]
        return summaries

    def update(
        self, session_id: str, *, shift_programme: bool = True, confirmed: bool = False,
        **changes: Any,
    ) -> list[str]:  # fmt: skip
        """Edit fields; returns the names of those that changed.

        When the start date moves and ``shift_programme`` is true, the programme moves with it
        (same days relative to the start), so a rescheduled session keeps its programme. When the
        new dates leave programme items outside the session, the trainer confirms first
        (:class:`NeedsConfirmation`) and those items are then deleted.
        """
        from .programme import ProgrammeItem

        changes = validate_session(changes)
        with self._db.write() as tx:
            session = tx.get(TrainingSession, session_id)
            if session is None or session.deleted:
                raise NotFoundError(_("This session no longer exists."))
            start = changes.get("start_date", session.start_date)
            end = changes.get("end_date", session.end_date)
            check_dates(start, end)
            delta = (start - session.start_date) if shift_programme else dt.timedelta(0)
            items = list(tx.scalars(
                select(ProgrammeItem).where(
                    ProgrammeItem.session_id == session_id, ProgrammeItem.deleted.is_(False)
                )
            ))  # fmt: skip
            outside = [i for i in items if not start <= i.day + delta <= end]
            if outside and not confirmed:
                raise NeedsConfirmation(
                    ngettext(
                        "{n} programme item falls outside the new dates and will be deleted. "
                        "Change the dates anyway?",
                        "{n} programme items fall outside the new dates and will be deleted. "
                        "Change the dates anyway?",
                        len(outside),
                    ).format(n=len(outside))
                )
            stamp = self._clock.tick(tx)
            changed = records.update(session, stamp, changes)
            for item in items:
                if item in outside:
                    records.tombstone(item, stamp)
                elif delta:
                    records.update(item, stamp, {"day": item.day + delta})
        return changed

    def delete(self, session_id: str) -> None:
        """Tombstone the session and its programme (undo with :meth:`restore`)."""
        from .programme import ProgrammeItem

        with self._db.write() as tx:
            session = tx.get(TrainingSession, session_id)
            if session is None or session.deleted:
                raise NotFoundError(_("This session no longer exists."))
            stamp = self._clock.tick(tx)
            records.tombstone(session, stamp)
            for item in tx.scalars(
                select(ProgrammeItem).where(ProgrammeItem.session_id == session_id)
            ):
                records.tombstone(item, stamp)

    def restore(self, session_id: str) -> None:
        """Undo :meth:`delete`: the session and the items deleted with it come back."""
        from .programme import ProgrammeItem

        with self._db.write() as tx:
            session = tx.get(TrainingSession, session_id)
            if session is None:
                raise NotFoundError(_("This session no longer exists."))
            if not session.deleted:
                return
            deleted_with = records.field_stamp(session, "deleted")
            stamp = self._clock.tick(tx)
            records.restore(session, stamp)
            for item in tx.scalars(
                select(ProgrammeItem).where(ProgrammeItem.session_id == session_id)
            ):
                if item.deleted and records.field_stamp(item, "deleted") == deleted_with:
                    records.restore(item, stamp)

    def duplicate(
        self, session_id: str, start_date: dt.date, title: str | None = None
    ) -> TrainingSession:
        """A copy of the session and its programme, moved to ``start_date`` (same length)."""
        from .programme import ProgrammeItem

        with self._db.write() as tx:
            source = tx.get(TrainingSession, session_id)
            if source is None or source.deleted:
                raise NotFoundError(_("This session no longer exists."))
            delta = start_date - source.start_date
            values = {name: getattr(source, name) for name in SESSION_FIELDS}
            values["funders"] = list(values["funders"])
            values["facilitators"] = list(values["facilitators"])
            values["start_date"] = start_date
            values["end_date"] = source.end_date + delta
            if title is not None:
                values["title"] = title
            values = validate_session(values)
            check_dates(values["start_date"], values["end_date"])
            stamp = self._clock.tick(tx)
            copy = records.create(TrainingSession, stamp, values)
            tx.add(copy)
            items = tx.scalars(
                select(ProgrammeItem).where(
                    ProgrammeItem.session_id == session_id, ProgrammeItem.deleted.is_(False)
                )
            )
            for item in items:
                item_values = {n: getattr(item, n) for n in records.data_columns(ProgrammeItem)}
                item_values.update(session_id=copy.id, day=item.day + delta)
                tx.add(records.create(ProgrammeItem, stamp, item_values))
        return copy
