"""Evaluation forms: the library, the forms a session uses, responses and their answers.

Records (all synchronised), on the pattern of the quizzes (see :mod:`.quizzes`):

- :class:`EvaluationForm` (edited): a library form — title, language, whether it is anonymous,
  and its items (one JSON list, see :mod:`.form_content`), with the XLSForm id and version it was
  imported with.
- :class:`FormVersion` (submitted): the items frozen when the first response answers them; its id
  is derived from the content. A response is always read against what it answered.
- :class:`SessionForm` (edited): a form a session uses (the end-of-session form, the daily mood
  check...). One per session and form.
- :class:`FormResponse` (edited): one filled-in form. It names the person only when the form is
  named; an anonymous form's response holds no link to anyone (only how many answered is known).
- :class:`FormAnswer` (submitted): one answer as given, never changed; a correction after the
  response was submitted is a new answer (kind ``"correction"``) and the latest counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from . import records
from .clock import HybridClock
from .database import Database
from .errors import NeedsConfirmation, NotFoundError, ValidationError
from .form_analysis import ItemAnalysis, analyse, sex_item
from .form_content import FormContent, FormItem, check_items
from .i18n import _, ngettext
from .participants import Enrolment, Participant
from .records import Base, SyncedRecord
from .search import fold
from .sessions import TrainingSession

MODES = ("kiosk", "paper", "trainer")
TITLE_MAX = 200
_NAMESPACE = uuid.UUID("8a3c1f52-6d0e-4c9b-b1a7-3e5f2d9c0b64")


class EvaluationForm(SyncedRecord, Base):
    __tablename__ = "evaluation_form"
    __sync_kind__ = "edited"

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    language: Mapped[str] = mapped_column(String(10), default="fr")
    description: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)
    form_key: Mapped[str] = mapped_column(String(64), default="")  # XLSForm's form_id
    version_label: Mapped[str] = mapped_column(String(64), default="")  # XLSForm's version

    @property
    def content(self) -> FormContent:
        return FormContent.from_json(self.items)

    @classmethod
    def __validate__(cls, values: dict[str, Any]) -> None:
        """A form from a bundle must hold items this version can read (see ``merge``)."""
        FormContent.from_json(values["items"])


class FormVersion(SyncedRecord, Base):
    __tablename__ = "form_version"
    __sync_kind__ = "submitted"

    form_id: Mapped[str] = mapped_column(ForeignKey(EvaluationForm.id), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)

    @property
    def content(self) -> FormContent:
        return FormContent.from_json(self.items)

    @classmethod
    def __validate__(cls, values: dict[str, Any]) -> None:
        FormContent.from_json(values["items"])


class SessionForm(SyncedRecord, Base):
    __tablename__ = "session_form"
    __sync_kind__ = "edited"

    session_id: Mapped[str] = mapped_column(ForeignKey(TrainingSession.id), index=True)
    form_id: Mapped[str] = mapped_column(ForeignKey(EvaluationForm.id), index=True)
    day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class FormResponse(SyncedRecord, Base):
    __tablename__ = "form_response"
    __sync_kind__ = "edited"

    session_id: Mapped[str] = mapped_column(ForeignKey(TrainingSession.id), index=True)
    version_id: Mapped[str] = mapped_column(ForeignKey(FormVersion.id), index=True)
    enrolment_id: Mapped[str | None] = mapped_column(ForeignKey(Enrolment.id), nullable=True, index=True)
    mode: Mapped[str] = mapped_column(String(10), default="kiosk")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class FormAnswer(SyncedRecord, Base):
    __tablename__ = "form_answer"
    __sync_kind__ = "submitted"

    response_id: Mapped[str] = mapped_column(ForeignKey(FormResponse.id), index=True)
    item_name: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(12), default="answer")
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)


def session_form_id(session_id: str, form_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"session-form/{session_id}/{form_id}"))


def version_id(form_id: str, title: str, anonymous: bool, items: list[Any]) -> str:
    canonical = json.dumps([title, anonymous, items], sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))  # fmt: skip
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return str(uuid.uuid5(_NAMESPACE, f"version/{form_id}/{digest}"))


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class FormResults:
    """A form's results over one session or several."""

    responses: int
    items: list[ItemAnalysis]
    per_session: dict[str, int] = field(default_factory=dict)  # session id -> responses
    #: sex -> the same figures for that group, when the form is named or asks the sex.
    by_sex: dict[str, list[ItemAnalysis]] = field(default_factory=dict)


class EvaluationService:
    """Every change to evaluation forms and responses goes through here."""

    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock
        self._contents: dict[str, FormContent] = {}  # version id -> its parsed items

    # --- the library ---------------------------------------------------------------------------

    def list_forms(self) -> list[EvaluationForm]:
        with self._db.read() as tx:
            forms = list(tx.scalars(select(EvaluationForm).where(EvaluationForm.deleted.is_(False))))
        return sorted(forms, key=lambda f: (fold(f.title), f.id))

    def get(self, form_id: str) -> EvaluationForm:
        with self._db.read() as tx:
            return records.live(tx, EvaluationForm, form_id, _("This form no longer exists."))

    def create(self, title: str, language: str = "fr", items: Sequence[FormItem] = (), *,
               anonymous: bool = True, description: str = "", form_key: str = "",
               version_label: str = "", record_id: str | None = None) -> EvaluationForm:  # fmt: skip
        values = self._check(title=title, language=language, items=items, anonymous=anonymous,
                             description=description, form_key=form_key, version_label=version_label)  # fmt: skip
        with self._db.write() as tx:
            form = records.create(EvaluationForm, self._clock.tick(tx), values, record_id=record_id)
            tx.add(form)
        return form

    def update(self, form_id: str, *, confirmed: bool = False, **changes: Any) -> list[str]:
        """Change a form. Changing the items (or anonymity) of a form people already answered
        needs ``confirmed``: their responses keep the version they answered."""
        values = self._check(**changes)
        with self._db.write() as tx:
            form = records.live(tx, EvaluationForm, form_id, _("This form no longer exists."))
            touches = any(k in values and values[k] != getattr(form, k) for k in ("items", "anonymous"))
            if touches and not confirmed:
                answered = self._responses_to(tx, form_id)
                if answered:
                    raise NeedsConfirmation(ngettext(
                        "{count} response already answered this form. It keeps the items it "
                        "answered; new responses will use the changed form. Save the changes?",
                        "{count} responses already answered this form. They keep the items they "
                        "answered; new responses will use the changed form. Save the changes?",
                        answered).format(count=answered))  # fmt: skip
            return records.update(form, self._clock.tick(tx), values)

    def delete(self, form_id: str) -> None:
        with self._db.write() as tx:
            form = records.live(tx, EvaluationForm, form_id, _("This form no longer exists."))
            used = tx.scalar(select(func.count(SessionForm.session_id.distinct()))
                             .join(TrainingSession, TrainingSession.id == SessionForm.session_id)
                             .where(SessionForm.form_id == form_id, SessionForm.deleted.is_(False),
                                    TrainingSession.deleted.is_(False)))  # fmt: skip
            if used:
                raise ValidationError(ngettext(
                    "This form is used by {count} session: remove it there first.",
                    "This form is used by {count} sessions: remove it there first.", used).format(count=used))  # fmt: skip
            records.tombstone(form, self._clock.tick(tx))

    def restore(self, form_id: str) -> None:
        with self._db.write() as tx:
            form = tx.get(EvaluationForm, form_id)
            if form is None:
                raise NotFoundError(_("This form no longer exists."))
            records.restore(form, self._clock.tick(tx))

    def response_count(self, form_id: str) -> int:
        with self._db.read() as tx:
            return self._responses_to(tx, form_id)

    @staticmethod
    def _responses_to(tx: Session, form_id: str) -> int:
        return tx.scalar(select(func.count()).select_from(FormResponse)
                         .join(FormVersion, FormVersion.id == FormResponse.version_id)
                         .where(FormVersion.form_id == form_id, FormResponse.deleted.is_(False))) or 0  # fmt: skip

    @staticmethod
    def _check(**values: Any) -> dict[str, Any]:
        allowed = {"title", "language", "items", "anonymous", "description", "form_key", "version_label"}
        unknown = set(values) - allowed
        if unknown:
            raise TypeError(f"EvaluationForm has no field(s) {sorted(unknown)}")
        out: dict[str, Any] = {}
        if "title" in values:
            title = " ".join(str(values["title"]).split())
            if not title:
                raise ValidationError(_("The form needs a title."), field="title")
            if len(title) > TITLE_MAX:
                raise ValidationError(_("The title is too long (at most {count} characters).")
                                      .format(count=TITLE_MAX), field="title")  # fmt: skip
            out["title"] = title
        if "language" in values:
            language = str(values["language"]).strip()
            if not language or len(language) > 10:
                raise ValidationError(_("Choose the language of the form."), field="language")
            out["language"] = language
        for name in ("description", "form_key", "version_label"):
            if name in values:
                out[name] = str(values[name]).strip()[: 64 if name != "description" else 4000]
        if "anonymous" in values:
            out["anonymous"] = bool(values["anonymous"])
        if "items" in values:
            out["items"] = check_items(list(values["items"])).to_json()
        return out

    # --- the forms of a session ----------------------------------------------------------------

    def use(self, session_id: str, form_id: str, day: dt.date | None = None) -> SessionForm:
        with self._db.write() as tx:
            session = records.live(tx, TrainingSession, session_id, _("This session no longer exists."))
            records.live(tx, EvaluationForm, form_id, _("This form no longer exists."))
            if day is not None and not session.start_date <= day <= session.end_date:
                raise ValidationError(_("The day must be within the session's dates."), field="day")
            record_id = session_form_id(session_id, form_id)
            stamp = self._clock.tick(tx)
            values = {"session_id": session_id, "form_id": form_id, "day": day}
            existing = tx.get(SessionForm, record_id)
            if existing is None:
                existing = records.create(SessionForm, stamp, values, record_id=record_id)
                tx.add(existing)
            else:
                records.update(existing, stamp, values)
                records.restore(existing, stamp)
        return existing

    def stop_using(self, session_id: str, form_id: str) -> None:
        with self._db.write() as tx:
            existing = tx.get(SessionForm, session_form_id(session_id, form_id))
            if existing is not None:
                records.tombstone(existing, self._clock.tick(tx))

    def session_form(self, session_id: str, form_id: str) -> SessionForm | None:
        """How a session uses a form (its day), or None when it does not."""
        with self._db.read() as tx:
            used = tx.get(SessionForm, session_form_id(session_id, form_id))
            return used if used is not None and not used.deleted else None

    def session_forms(self, session_id: str) -> list[EvaluationForm]:
        with self._db.read() as tx:
            forms = list(tx.scalars(select(EvaluationForm).join(SessionForm, SessionForm.form_id == EvaluationForm.id)
                                    .where(SessionForm.session_id == session_id, SessionForm.deleted.is_(False),
                                           EvaluationForm.deleted.is_(False))))  # fmt: skip
        return sorted(forms, key=lambda f: (fold(f.title), f.id))

    # --- responses -------------------------------------------------------------------------------

    def start_response(self, session_id: str, form_id: str, mode: str = "kiosk",
                       enrolment_id: str | None = None) -> FormResponse:  # fmt: skip
        """A new response to ``form_id`` in a session (the form as it is now, frozen). A named
        form needs the person; an anonymous one never takes it."""
        with self._db.write() as tx:
            return self._start(tx, session_id, form_id, mode, enrolment_id)

    def _start(self, tx: Session, session_id: str, form_id: str, mode: str,
               enrolment_id: str | None) -> FormResponse:  # fmt: skip
        if mode not in MODES:
            raise ValueError(mode)
        records.live(tx, TrainingSession, session_id, _("This session no longer exists."))
        form = records.live(tx, EvaluationForm, form_id, _("This form no longer exists."))
        if not form.items:
            raise ValidationError(_("The form “{title}” has no items yet.").format(title=form.title))
        if form.anonymous:
            enrolment_id = None  # an anonymous response never names anyone
        else:
            if enrolment_id is None:
                raise ValidationError(_("This form is named: choose the person who answers."), field="person")
            enrolment = records.live(tx, Enrolment, enrolment_id, _("This person is no longer enrolled in the session."))
            if enrolment.session_id != session_id:
                raise ValidationError(_("This person is not enrolled in this session."), field="person")
        stamp = self._clock.tick(tx)
        vid = version_id(form.id, form.title, form.anonymous, form.items)
        if tx.get(FormVersion, vid) is None:
            tx.add(records.create(FormVersion, stamp, {"form_id": form.id, "title": form.title,
                                                       "anonymous": form.anonymous, "items": form.items},
                                  record_id=vid))  # fmt: skip
        response = records.create(FormResponse, stamp, {
            "session_id": session_id, "version_id": vid, "enrolment_id": enrolment_id, "mode": mode,
            "started_at": _now(), "submitted_at": None})  # fmt: skip
        tx.add(response)
        tx.flush()
        return response

    def content(self, version_id_: str) -> FormContent:
        with self._db.read() as tx:
            return self._content(tx, version_id_)

    def _content(self, tx: Session, version_id_: str) -> FormContent:
        content = self._contents.get(version_id_)
        if content is None:
            version = tx.get(FormVersion, version_id_)
            if version is None:
                raise NotFoundError(_("This version of the form is missing."))
            content = self._contents[version_id_] = version.content
        return content

    def answer(self, response_id: str, item_name: str, value: str) -> FormAnswer | None:
        """Record one answer as given (committed at once); after submitting it is a correction.
        A required item may be left empty until the response is submitted."""
        with self._db.write() as tx:
            response = records.live(tx, FormResponse, response_id, _("This response no longer exists."))
            return self._answer(tx, response, item_name, value, None)

    def _answer(self, tx: Session, response: FormResponse, item_name: str, value: str,
                current: str | None | bool) -> FormAnswer | None:  # fmt: skip
        item = self._content(tx, response.version_id).by_name().get(item_name)
        if item is None or not item.answerable:
            raise NotFoundError(_("This item is not in the version of the form this response answers."))
        if value.strip():
            value = item.check_answer(value)
        else:
            value = ""
        if current is None:
            current = self._answers(tx, [response.id]).get(response.id, {}).get(item_name)
        if current == value or (current in (None, False) and value == ""):
            return None
        kind = "correction" if response.submitted_at is not None else "answer"
        answer = records.create(FormAnswer, self._clock.tick(tx), {
            "response_id": response.id, "item_name": item_name, "value": value, "kind": kind,
            "answered_at": _now()})  # fmt: skip
        tx.add(answer)
        return answer

    def submit(self, response_id: str) -> FormResponse:
        """Hand the response in; every required item must be answered (the message names the
        first one that is not)."""
        with self._db.write() as tx:
            response = records.live(tx, FormResponse, response_id, _("This response no longer exists."))
            given = self._answers(tx, [response.id]).get(response.id, {})
            self._content(tx, response.version_id).check_answers(given)
            if response.submitted_at is None:
                records.update(response, self._clock.tick(tx), {"submitted_at": _now()})
            return response

    def enter_response(self, session_id: str, form_id: str, answers: dict[str, str],
                       mode: str = "paper", enrolment_id: str | None = None) -> FormResponse:  # fmt: skip
        """A whole response at once (a paper form typed in, or the trainer's entry), checked
        first: all or nothing."""
        with self._db.write() as tx:
            response = self._start(tx, session_id, form_id, mode, enrolment_id)
            checked = self._content(tx, response.version_id).check_answers(answers)
            for name, value in checked.items():
                self._answer(tx, response, name, value, False)
            records.update(response, self._clock.tick(tx), {"submitted_at": _now()})
            return response

    def delete_response(self, response_id: str) -> None:
        with self._db.write() as tx:
            response = records.live(tx, FormResponse, response_id, _("This response no longer exists."))
            records.tombstone(response, self._clock.tick(tx))

    def answers(self, response_id: str) -> dict[str, str]:
        with self._db.read() as tx:
            return self._answers(tx, [response_id]).get(response_id, {})

    def history(self, response_id: str) -> list[FormAnswer]:
        with self._db.read() as tx:
            rows = list(tx.scalars(select(FormAnswer).where(FormAnswer.response_id == response_id)))
        return sorted(rows, key=lambda a: records.field_stamp(a, "value"))

    @staticmethod
    def _answers(tx: Session, response_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """Per response, per item, the latest answer given (by clock stamp)."""
        ids = list(response_ids)
        rows: list = []
        for start in range(0, len(ids), 500):
            rows += tx.execute(select(FormAnswer.response_id, FormAnswer.item_name, FormAnswer.value,
                                      records.made_at(FormAnswer, "value"))
                               .where(FormAnswer.response_id.in_(ids[start:start + 500]),
                                      FormAnswer.deleted.is_(False)))  # fmt: skip
        return records.latest_values(rows)

    def responses(self, form_id: str, session_ids: Sequence[str] | None = None,
                  submitted_only: bool = True) -> list[tuple[FormResponse, dict[str, str]]]:  # fmt: skip
        """The responses to a form (in some sessions, or all), each with its answers."""
        with self._db.read() as tx:
            query = (select(FormResponse).join(FormVersion, FormVersion.id == FormResponse.version_id)
                     .join(TrainingSession, TrainingSession.id == FormResponse.session_id)
                     .where(FormVersion.form_id == form_id, FormResponse.deleted.is_(False),
                            TrainingSession.deleted.is_(False)))  # fmt: skip
            if session_ids is not None:
                query = query.where(FormResponse.session_id.in_(list(session_ids)))
            if submitted_only:
                query = query.where(FormResponse.submitted_at.is_not(None))
            rows = list(tx.scalars(query))
            # In the order they were begun: the clock stamp of their start breaks ties within a
            # second (ids are random), so free texts are listed the same way every time.
            rows.sort(key=lambda r: (r.started_at, records.field_stamp(r, "started_at")))
            answers = self._answers(tx, [r.id for r in rows])
        return [(r, answers.get(r.id, {})) for r in rows]

    def results(self, form_id: str, session_ids: Sequence[str] | None = None) -> FormResults:
        """The form's figures over its submitted responses (one session, several, or all), read
        against the form's items as they are now (items are matched by name), with the same by
        sex when the form is named or asks the sex."""
        content = self.get(form_id).content
        rows = self.responses(form_id, session_ids)
        per_session: dict[str, int] = defaultdict(int)
        for response, _answers in rows:
            per_session[response.session_id] += 1
        by_sex: dict[str, list[dict[str, str]]] = defaultdict(list)
        asked = sex_item(content)
        named = [r for r, _a in rows if r.enrolment_id]
        sexes: dict[str, str] = {}
        if named:
            with self._db.read() as tx:
                sexes = dict(tx.execute(select(Enrolment.id, Participant.sex)
                                        .join(Participant, Participant.id == Enrolment.participant_id)
                                        .where(Enrolment.id.in_([r.enrolment_id for r in named]))).all())  # fmt: skip
        for response, given in rows:
            if response.enrolment_id in sexes:
                by_sex[sexes[response.enrolment_id]].append(given)
            elif asked is not None and given.get(asked.name):
                by_sex[given[asked.name]].append(given)
        return FormResults(
            responses=len(rows), items=analyse(content, [a for _r, a in rows]),
            per_session=dict(per_session),
            by_sex={sex: analyse(content, group) for sex, group in by_sex.items()})  # fmt: skip


__all__ = ["EvaluationForm", "EvaluationService", "FormAnswer", "FormResponse", "FormResults",
           "FormVersion", "SessionForm"]  # fmt: skip
