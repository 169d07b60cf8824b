"""Pre/post knowledge tests: the quiz library, a session's two tests, attempts and answers.

Records (all synchronised):

- :class:`Quiz` (edited): a library quiz — title, language, instructions and its questions (one
  JSON list, see :mod:`.quiz_content`). Reusable across sessions.
- :class:`QuizVersion` (submitted): the questions frozen when the first attempt answers them. Its
  id is derived from the content, so two laptops freezing the same questions make one record.
  Editing a quiz never touches its versions: an attempt is always scored against what it answered.
- :class:`SessionQuiz` (edited): the quiz a session uses as its pre-test or post-test, with its
  day and sign-in period, and whether a participant sees their score after submitting. One per
  session and phase (the id is derived from both).
- :class:`QuizAttempt` (edited): one person's pre-test or post-test (one per enrolment and phase,
  the id derived from both, so the kiosk and the paper grid on two laptops meet in one attempt).
- :class:`QuizAnswer` (submitted): one answer as given. Never changed: answering again, or a
  trainer correcting a paper entry, adds a new answer, and the latest (by clock stamp) counts, so
  every correction stays on record with who made it and when.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from . import records
from .attendance import SignInPeriod
from .clock import HybridClock
from .database import Database
from .errors import NeedsConfirmation, NotFoundError, ValidationError
from .i18n import N_, _, ngettext
from .participants import Enrolment, EnrolledPerson, Participant
from .quiz_content import Question, QuizContent, check_questions, response_from_letters
from .quiz_scoring import (AttemptScore, ItemStatistics, Summary, item_statistics,
                           normalised_gain, score_attempt, summarize)  # fmt: skip
from .records import Base, SyncedRecord
from .search import fold
from .sessions import TrainingSession

PHASES = {"pre": N_("Pre-test"), "post": N_("Post-test")}
MODES = ("kiosk", "paper")
ANSWER_KINDS = ("answer", "correction")
TITLE_MAX = 200
_NAMESPACE = uuid.UUID("5d0c8f0e-3b61-4b8a-9f4e-6a0f1c2d7e19")


class Quiz(SyncedRecord, Base):
    __tablename__ = "quiz"
    __sync_kind__ = "edited"

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    language: Mapped[str] = mapped_column(String(10), default="fr")
    instructions: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list[Any]] = mapped_column(JSON, default=list)

    @property
    def content(self) -> QuizContent:
        return QuizContent.from_json(self.questions)

    @classmethod
    def __validate__(cls, values: dict[str, Any]) -> None:
        """A quiz from a bundle must hold questions this version can read (see ``merge``)."""
        QuizContent.from_json(values["questions"])


class QuizVersion(SyncedRecord, Base):
    __tablename__ = "quiz_version"
    __sync_kind__ = "submitted"

    quiz_id: Mapped[str] = mapped_column(ForeignKey(Quiz.id), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    instructions: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list[Any]] = mapped_column(JSON, default=list)

    @property
    def content(self) -> QuizContent:
        return QuizContent.from_json(self.questions)

    @classmethod
    def __validate__(cls, values: dict[str, Any]) -> None:
        """A version from a bundle must hold questions this version can score."""
        QuizContent.from_json(values["questions"])


class SessionQuiz(SyncedRecord, Base):
    __tablename__ = "session_quiz"
    __sync_kind__ = "edited"

    session_id: Mapped[str] = mapped_column(ForeignKey(TrainingSession.id), index=True)
    phase: Mapped[str] = mapped_column(String(4))
    quiz_id: Mapped[str] = mapped_column(ForeignKey(Quiz.id), index=True)
    day: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    period_id: Mapped[str | None] = mapped_column(ForeignKey(SignInPeriod.id), nullable=True)
    show_results: Mapped[bool] = mapped_column(Boolean, default=False)


class QuizAttempt(SyncedRecord, Base):
    __tablename__ = "quiz_attempt"
    __sync_kind__ = "edited"

    enrolment_id: Mapped[str] = mapped_column(ForeignKey(Enrolment.id), index=True)
    phase: Mapped[str] = mapped_column(String(4))
    version_id: Mapped[str] = mapped_column(ForeignKey(QuizVersion.id), index=True)
    mode: Mapped[str] = mapped_column(String(10), default="kiosk")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class QuizAnswer(SyncedRecord, Base):
    __tablename__ = "quiz_answer"
    __sync_kind__ = "submitted"

    attempt_id: Mapped[str] = mapped_column(ForeignKey(QuizAttempt.id), index=True)
    question_key: Mapped[str] = mapped_column(String(40))
    response: Mapped[str] = mapped_column(String(400), default="")
    kind: Mapped[str] = mapped_column(String(12), default="answer")
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime)


def session_quiz_id(session_id: str, phase: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"session-quiz/{session_id}/{phase}"))


def attempt_id(enrolment_id: str, phase: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"attempt/{enrolment_id}/{phase}"))


def version_id(quiz_id: str, title: str, instructions: str, questions: list[Any]) -> str:
    canonical = json.dumps([title, instructions, questions], sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))  # fmt: skip
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    return str(uuid.uuid5(_NAMESPACE, f"version/{quiz_id}/{digest}"))


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptInfo:
    """The fields of a :class:`QuizAttempt` that results need, read as a plain row."""

    id: str
    enrolment_id: str
    phase: str
    version_id: str
    mode: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None


@dataclass
class PhaseAttempt:
    """One person's attempt at one phase, scored against the version it answered."""

    attempt: AttemptInfo
    version: QuizVersion
    content: QuizContent
    responses: dict[str, str]
    result: AttemptScore

    @property
    def percent(self) -> float:
        return self.result.percent


@dataclass
class ParticipantResult:
    person: EnrolledPerson
    pre: PhaseAttempt | None
    post: PhaseAttempt | None

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return self.post.percent - self.pre.percent

    @property
    def normalised_gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return normalised_gain(self.pre.percent, self.post.percent)


@dataclass
class QuestionRow:
    """One question of the pre-test beside its counterpart in the post-test."""

    number: int
    question: Question
    pre: ItemStatistics | None
    post: ItemStatistics | None


@dataclass
class SessionResults:
    participants: list[ParticipantResult]
    pre: Summary
    post: Summary
    questions: list[QuestionRow]
    by_sex: dict[str, dict[str, int]] = field(default_factory=dict)  # sex -> pre/post/both counts

    @property
    def complete(self) -> list[ParticipantResult]:
        return [p for p in self.participants if p.pre and p.post]

    @property
    def only_pre(self) -> list[ParticipantResult]:
        return [p for p in self.participants if p.pre and not p.post]

    @property
    def only_post(self) -> list[ParticipantResult]:
        return [p for p in self.participants if p.post and not p.pre]

    @property
    def gain(self) -> Summary:
        return summarize(p.gain for p in self.complete if p.gain is not None)

    @property
    def normalised_gain(self) -> Summary:
        return summarize(g for p in self.complete if (g := p.normalised_gain) is not None)


# --- the service ------------------------------------------------------------------------------------


@dataclass
class PaperEntry:
    """What the grid shows after one typed answer."""

    response: str
    score: AttemptScore
    kind: str


class QuizService:
    """Every change to quizzes, session tests, attempts and answers goes through here."""

    def __init__(self, db: Database, clock: HybridClock) -> None:
        self._db = db
        self._clock = clock
        self._contents: dict[str, QuizContent] = {}  # version id -> its parsed questions

    # --- the library ---------------------------------------------------------------------------

    def list_quizzes(self, include_deleted: bool = False) -> list[Quiz]:
        with self._db.read() as tx:
            query = select(Quiz)
            if not include_deleted:
                query = query.where(Quiz.deleted.is_(False))
            quizzes = list(tx.scalars(query))
        return sorted(quizzes, key=lambda q: (fold(q.title), q.id))

    def get(self, quiz_id: str) -> Quiz:
        with self._db.read() as tx:
            return records.live(tx, Quiz, quiz_id, _("This quiz no longer exists."))

    def create(self, title: str, language: str = "fr", instructions: str = "",
               questions: Sequence[Question] = ()) -> Quiz:  # fmt: skip
        values = self._check(title=title, language=language, instructions=instructions,
                             questions=questions)  # fmt: skip
        with self._db.write() as tx:
            quiz = records.create(Quiz, self._clock.tick(tx), values)
            tx.add(quiz)
        return quiz

    def update(self, quiz_id: str, *, confirmed: bool = False, **changes: Any) -> list[str]:
        """Change a quiz. Changing the questions of a quiz somebody already answered needs
        ``confirmed``: their attempts keep the version they answered."""
        values = self._check(**changes)
        with self._db.write() as tx:
            quiz = records.live(tx, Quiz, quiz_id, _("This quiz no longer exists."))
            if "questions" in values and values["questions"] != quiz.questions and not confirmed:
                answered = self._attempts_of(tx, quiz_id)
                if answered:
                    raise NeedsConfirmation(ngettext(
                        "{count} attempt already answered this quiz. It keeps the questions it "
                        "answered and its score; new attempts will use the changed questions. "
                        "Save the changes?",
                        "{count} attempts already answered this quiz. They keep the questions "
                        "they answered and their scores; new attempts will use the changed "
                        "questions. Save the changes?", answered).format(count=answered))  # fmt: skip
            return records.update(quiz, self._clock.tick(tx), values)

    def delete(self, quiz_id: str) -> None:
        with self._db.write() as tx:
            quiz = records.live(tx, Quiz, quiz_id, _("This quiz no longer exists."))
            used = tx.scalar(select(func.count(SessionQuiz.session_id.distinct()))
                             .join(TrainingSession, TrainingSession.id == SessionQuiz.session_id)
                             .where(SessionQuiz.quiz_id == quiz_id, SessionQuiz.deleted.is_(False),
                                    TrainingSession.deleted.is_(False)))  # fmt: skip
            if used:
                raise ValidationError(ngettext(
                    "This quiz is the pre-test or post-test of {count} session: choose another "
                    "quiz there first.",
                    "This quiz is the pre-test or post-test of {count} sessions: choose another "
                    "quiz there first.", used).format(count=used))  # fmt: skip
            records.tombstone(quiz, self._clock.tick(tx))

    def restore(self, quiz_id: str) -> None:
        with self._db.write() as tx:
            quiz = tx.get(Quiz, quiz_id)
            if quiz is None:
                raise NotFoundError(_("This quiz no longer exists."))
            records.restore(quiz, self._clock.tick(tx))

    def duplicate(self, quiz_id: str, title: str | None = None) -> Quiz:
        """A copy to edit into a parallel post-test (new question keys)."""
        quiz = self.get(quiz_id)
        content = quiz.content
        from dataclasses import replace

        copy = [replace(q, key="") for q in content.questions]
        return self.create(title or _("{title} (copy)").format(title=quiz.title),
                           quiz.language, quiz.instructions, copy)  # fmt: skip

    def attempt_count(self, quiz_id: str) -> int:
        with self._db.read() as tx:
            return self._attempts_of(tx, quiz_id)

    @staticmethod
    def _attempts_of(tx: Session, quiz_id: str) -> int:
        return tx.scalar(select(func.count()).select_from(QuizAttempt)
                         .join(QuizVersion, QuizVersion.id == QuizAttempt.version_id)
                         .where(QuizVersion.quiz_id == quiz_id, QuizAttempt.deleted.is_(False))) or 0  # fmt: skip

    @staticmethod
    def _check(**values: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        unknown = set(values) - {"title", "language", "instructions", "questions"}
        if unknown:
            raise TypeError(f"Quiz has no field(s) {sorted(unknown)}")
        if "title" in values:
            title = " ".join(str(values["title"]).split())
            if not title:
                raise ValidationError(_("The quiz needs a title."), field="title")
            if len(title) > TITLE_MAX:
                raise ValidationError(_("The title is too long (at most {count} characters).")
                                      .format(count=TITLE_MAX), field="title")  # fmt: skip
            out["title"] = title
        if "language" in values:
            language = str(values["language"]).strip()
            if not language or len(language) > 10:
                raise ValidationError(_("Choose the language of the quiz."), field="language")
            out["language"] = language
        if "instructions" in values:
            out["instructions"] = str(values["instructions"]).strip()
        if "questions" in values:
            out["questions"] = check_questions(list(values["questions"])).to_json()
        return out

    # --- a session's two tests -----------------------------------------------------------------

    def assign(self, session_id: str, phase: str, quiz_id: str, *, day: dt.date | None = None,
               period_id: str | None = None, show_results: bool = False) -> SessionQuiz:  # fmt: skip
        """Use ``quiz_id`` as the session's pre-test or post-test."""
        if phase not in PHASES:
            raise ValueError(phase)
        with self._db.write() as tx:
            session = records.live(tx, TrainingSession, session_id, _("This session no longer exists."))
            records.live(tx, Quiz, quiz_id, _("This quiz no longer exists."))
            if day is not None and not session.start_date <= day <= session.end_date:
                raise ValidationError(_("The day of the test must be within the session's dates."),
                                      field="day")  # fmt: skip
            if period_id is not None:
                period = records.live(tx, SignInPeriod, period_id, _("This sign-in period no longer exists."))
                if period.session_id != session_id:
                    raise ValidationError(_("This period belongs to another session."), field="period")
                day = period.day
            values = {"session_id": session_id, "phase": phase, "quiz_id": quiz_id, "day": day,
                      "period_id": period_id, "show_results": bool(show_results)}  # fmt: skip
            record_id = session_quiz_id(session_id, phase)
            stamp = self._clock.tick(tx)
            existing = tx.get(SessionQuiz, record_id)
            if existing is None:
                existing = records.create(SessionQuiz, stamp, values, record_id=record_id)
                tx.add(existing)
            else:
                records.update(existing, stamp, values)
                records.restore(existing, stamp)
        return existing

    def unassign(self, session_id: str, phase: str) -> None:
        with self._db.write() as tx:
            existing = tx.get(SessionQuiz, session_quiz_id(session_id, phase))
            if existing is not None:
                records.tombstone(existing, self._clock.tick(tx))

    def assignments(self, session_id: str) -> dict[str, SessionQuiz]:
        """phase -> the session's test for that phase (only the phases that have one)."""
        with self._db.read() as tx:
            rows = tx.scalars(select(SessionQuiz).where(
                SessionQuiz.session_id == session_id, SessionQuiz.deleted.is_(False)))  # fmt: skip
            return {row.phase: row for row in rows}

    def session_quiz(self, session_id: str, phase: str) -> Quiz:
        """The quiz a session uses for ``phase``, or :class:`NotFoundError` saying to choose one."""
        with self._db.read() as tx:
            assigned = tx.get(SessionQuiz, session_quiz_id(session_id, phase))
            if assigned is None or assigned.deleted:
                raise NotFoundError(_("No quiz is chosen for the {phase} of this session.")
                                    .format(phase=_(PHASES[phase]).lower()))  # fmt: skip
            return records.live(tx, Quiz, assigned.quiz_id, _("This quiz no longer exists."))

    # --- attempts and answers -------------------------------------------------------------------

    def start_attempt(self, enrolment_id: str, phase: str, mode: str = "kiosk") -> QuizAttempt:
        """The person's attempt at ``phase`` (made on first use, with the session's quiz as it is
        now frozen into a version; an existing attempt keeps its version)."""
        with self._db.write() as tx:
            return self._attempt(tx, enrolment_id, phase, mode)

    def _attempt(self, tx: Session, enrolment_id: str, phase: str, mode: str) -> QuizAttempt:
        if phase not in PHASES or mode not in MODES:
            raise ValueError((phase, mode))
        record_id = attempt_id(enrolment_id, phase)
        attempt = tx.get(QuizAttempt, record_id)
        if attempt is not None and not attempt.deleted:
            return attempt
        enrolment = records.live(tx, Enrolment, enrolment_id,
                               _("This person is no longer enrolled in the session."))  # fmt: skip
        assigned = tx.get(SessionQuiz, session_quiz_id(enrolment.session_id, phase))
        if assigned is None or assigned.deleted:
            raise NotFoundError(_("No quiz is chosen for the {phase} of this session.")
                                .format(phase=_(PHASES[phase]).lower()))  # fmt: skip
        quiz = records.live(tx, Quiz, assigned.quiz_id, _("This quiz no longer exists."))
        if not quiz.questions:
            raise ValidationError(_("The quiz “{title}” has no questions yet.").format(title=quiz.title))
        stamp = self._clock.tick(tx)
        vid = version_id(quiz.id, quiz.title, quiz.instructions, quiz.questions)
        if tx.get(QuizVersion, vid) is None:
            tx.add(records.create(QuizVersion, stamp, {
                "quiz_id": quiz.id, "title": quiz.title, "instructions": quiz.instructions,
                "questions": quiz.questions}, record_id=vid))  # fmt: skip
        values = {"enrolment_id": enrolment_id, "phase": phase, "version_id": vid, "mode": mode,
                  "started_at": _now(), "submitted_at": None}  # fmt: skip
        if attempt is None:
            attempt = records.create(QuizAttempt, stamp, values, record_id=record_id)
            tx.add(attempt)
        else:  # deleted earlier: starting again is a new attempt on today's quiz
            records.update(attempt, stamp, values)
            records.restore(attempt, stamp)
        tx.flush()
        return attempt

    def attempt(self, enrolment_id: str, phase: str) -> QuizAttempt | None:
        """The person's live attempt at ``phase``, if they started one (read only)."""
        with self._db.read() as tx:
            attempt = tx.get(QuizAttempt, attempt_id(enrolment_id, phase))
            return attempt if attempt is not None and not attempt.deleted else None

    def submitted(self, session_id: str, phase: str) -> set[str]:
        """Enrolment ids of the people who submitted ``phase`` (on the kiosk or on paper)."""
        with self._db.read() as tx:
            return set(tx.scalars(
                select(QuizAttempt.enrolment_id).join(Enrolment, Enrolment.id == QuizAttempt.enrolment_id)
                .where(Enrolment.session_id == session_id, QuizAttempt.phase == phase,
                       QuizAttempt.deleted.is_(False), QuizAttempt.submitted_at.is_not(None))))  # fmt: skip

    def version(self, version_id_: str) -> QuizVersion:
        with self._db.read() as tx:
            version = tx.get(QuizVersion, version_id_)
            if version is None:
                raise NotFoundError(_("This version of the quiz is missing."))
            return version

    def answer(self, attempt_id_: str, question_key: str, response: str) -> QuizAnswer | None:
        """Record an answer as given (committed at once). An answer to a submitted attempt, or
        one that replaces an answer, is recorded as a correction."""
        with self._db.write() as tx:
            return self._answer(tx, attempt_id_, question_key, response)

    def _answer(self, tx: Session, attempt_id_: str, question_key: str, response: str) -> QuizAnswer | None:
        attempt = records.live(tx, QuizAttempt, attempt_id_, _("This attempt no longer exists."))
        question = self._question(tx, attempt, question_key)
        current = self._responses(tx, [attempt.id]).get(attempt.id, {}).get(question_key)
        return self._record_answer(tx, attempt, question, response, current)

    def _record_answer(self, tx: Session, attempt: QuizAttempt, question: Question, response: str,
                       current: str | None) -> QuizAnswer | None:  # fmt: skip
        _check_response(question, response)
        if current == response or (current is None and response == ""):
            return None  # nothing to record
        # Changing an answer while taking the test is answering; anything after submitting (on
        # paper: once the cell was entered) is a correction, kept on record beside the original.
        submitted = attempt.submitted_at is not None
        correction = submitted and (current is not None or attempt.mode != "paper")
        kind = "correction" if correction else "answer"
        answer = records.create(QuizAnswer, self._clock.tick(tx), {
            "attempt_id": attempt.id, "question_key": question.key, "response": response,
            "kind": kind, "answered_at": _now()})  # fmt: skip
        tx.add(answer)
        return answer

    def _content(self, tx: Session, version_id_: str) -> QuizContent:
        """The questions of a version, parsed once: a version never changes (its id is derived
        from its content), so the parsed form can be kept."""
        content = self._contents.get(version_id_)
        if content is None:
            version = tx.get(QuizVersion, version_id_)
            if version is None:
                raise NotFoundError(_("This version of the quiz is missing."))
            content = self._contents[version_id_] = version.content
        return content

    def _question(self, tx: Session, attempt: QuizAttempt, question_key: str) -> Question:
        question = self._content(tx, attempt.version_id).by_key().get(question_key)
        if question is None:
            raise NotFoundError(_("This question is not in the version of the quiz this attempt answers."))
        return question

    def submit(self, attempt_id_: str) -> QuizAttempt:
        with self._db.write() as tx:
            attempt = records.live(tx, QuizAttempt, attempt_id_, _("This attempt no longer exists."))
            if attempt.submitted_at is None:
                records.update(attempt, self._clock.tick(tx), {"submitted_at": _now()})
            return attempt

    def delete_attempt(self, attempt_id_: str) -> None:
        """Remove an attempt (a tombstone: its answers stay on record)."""
        with self._db.write() as tx:
            attempt = records.live(tx, QuizAttempt, attempt_id_, _("This attempt no longer exists."))
            records.tombstone(attempt, self._clock.tick(tx))

    def responses(self, attempt_id_: str) -> dict[str, str]:
        """question key -> the response that counts (the latest given)."""
        with self._db.read() as tx:
            return self._responses(tx, [attempt_id_]).get(attempt_id_, {})

    def history(self, attempt_id_: str) -> list[QuizAnswer]:
        """Every answer given in an attempt, oldest first (answers and corrections)."""
        with self._db.read() as tx:
            rows = list(tx.scalars(select(QuizAnswer).where(QuizAnswer.attempt_id == attempt_id_)))
        return sorted(rows, key=lambda a: records.field_stamp(a, "response"))

    @staticmethod
    def _responses(tx: Session, attempt_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """Per attempt, per question, the latest live answer. Read as plain rows: a session of a
        thousand people holds tens of thousands of answers."""
        ids = list(attempt_ids)
        rows: list = []
        for start in range(0, len(ids), 500):
            rows += tx.execute(select(QuizAnswer.attempt_id, QuizAnswer.question_key, QuizAnswer.response,
                                      records.made_at(QuizAnswer, "response"))
                               .where(QuizAnswer.attempt_id.in_(ids[start:start + 500]),
                                      QuizAnswer.deleted.is_(False)))  # fmt: skip
        return records.latest_values(rows)

    @staticmethod
    def _session_responses(tx: Session, session_id: str, phase: str) -> dict[str, dict[str, str]]:
        """:meth:`_responses` for every attempt at one phase of a session, in one plain query
        (the results of a thousand people read tens of thousands of answers)."""
        rows = tx.connection().exec_driver_sql(
            "SELECT a.attempt_id, a.question_key, a.response,"
            " CASE WHEN a.stamps = '{}' THEN a.hlc"
            " ELSE coalesce(json_extract(a.stamps, '$.response'), a.hlc) END"
            " FROM quiz_answer a JOIN quiz_attempt t ON t.id = a.attempt_id"
            " JOIN enrolment e ON e.id = t.enrolment_id"
            " WHERE e.session_id = ? AND t.phase = ? AND a.deleted = 0 AND t.deleted = 0",
            (session_id, phase))  # fmt: skip
        return records.latest_values(rows)

    def corrected(self, session_id: str, phase: str) -> dict[str, dict[str, list[str]]]:
        """enrolment id -> question key -> the responses that corrections replaced, oldest
        first: what the paper grid marks as corrected, read in one query for the session."""
        rows = self._db_rows(
            "SELECT t.enrolment_id, a.question_key, a.response, a.kind,"
            " CASE WHEN a.stamps = '{}' THEN a.hlc"
            " ELSE coalesce(json_extract(a.stamps, '$.response'), a.hlc) END AS made"
            " FROM quiz_answer a JOIN quiz_attempt t ON t.id = a.attempt_id"
            " JOIN enrolment e ON e.id = t.enrolment_id"
            " WHERE e.session_id = ? AND t.phase = ? AND a.deleted = 0 AND t.deleted = 0"
            " ORDER BY made", (session_id, phase))  # fmt: skip
        previous: dict[tuple[str, str], str] = {}
        out: dict[str, dict[str, list[str]]] = {}
        for enrolment, key, response, kind, _made in rows:
            if kind == "correction" and (enrolment, key) in previous:
                out.setdefault(enrolment, {}).setdefault(key, []).append(previous[(enrolment, key)])
            previous[(enrolment, key)] = response
        return out

    def _db_rows(self, sql: str, parameters: tuple) -> list[tuple]:
        with self._db.read() as tx:
            return list(tx.connection().exec_driver_sql(sql, parameters))

    def enter_paper_answer(self, enrolment_id: str, phase: str, question_key: str,
                           typed: str) -> PaperEntry:  # fmt: skip
        """One cell of the paper grid: what was typed (``b``, ``v``, ``3,5``...) becomes the
        person's answer, in one transaction; returns the attempt's new score."""
        with self._db.write() as tx:
            attempt = self._attempt(tx, enrolment_id, phase, "paper")
            content = self._content(tx, attempt.version_id)
            question = self._question(tx, attempt, question_key)
            response = response_from_letters(question, typed)
            responses = self._responses(tx, [attempt.id]).get(attempt.id, {})
            answer = self._record_answer(tx, attempt, question, response, responses.get(question_key))
            if response:
                responses[question_key] = response
            else:
                responses.pop(question_key, None)
            if attempt.submitted_at is None:
                records.update(attempt, self._clock.tick(tx), {"submitted_at": _now()})
            return PaperEntry(response, score_attempt(content, responses),
                              answer.kind if answer is not None else "")  # fmt: skip

    # --- results ---------------------------------------------------------------------------------

    def phase_attempts(self, session_id: str, phase: str) -> dict[str, PhaseAttempt]:
        """enrolment id -> the live attempt at ``phase`` that has at least one answer, of the
        people still enrolled (an attempt of someone unenrolled stays on record, uncounted)."""
        with self._db.read() as tx:
            attempts = [AttemptInfo(*row) for row in tx.execute(
                select(QuizAttempt.id, QuizAttempt.enrolment_id, QuizAttempt.phase,
                       QuizAttempt.version_id, QuizAttempt.mode, QuizAttempt.started_at,
                       QuizAttempt.submitted_at)
                .join(Enrolment, Enrolment.id == QuizAttempt.enrolment_id)
                .join(Participant, Participant.id == Enrolment.participant_id)
                .where(Enrolment.session_id == session_id, QuizAttempt.phase == phase,
                       QuizAttempt.deleted.is_(False), Enrolment.deleted.is_(False),
                       Participant.deleted.is_(False)))]  # fmt: skip
            responses = self._session_responses(tx, session_id, phase)
            version_ids = {a.version_id for a in attempts}
            versions = {v.id: v for v in tx.scalars(select(QuizVersion).where(QuizVersion.id.in_(version_ids)))}
        contents = {vid: v.content for vid, v in versions.items()}  # parsed once per version
        # (question key, response) -> credit: they repeat. One memo per version: a corrected
        # right answer keeps its key, and must not take the old version's credit.
        memos: dict[str, dict[tuple[str, str], float]] = {}
        out = {}
        for attempt in attempts:
            given = responses.get(attempt.id, {})
            if not given:
                continue  # opened on the kiosk and left: not a test taken
            content = contents[attempt.version_id]
            score = score_attempt(content, given, memos.setdefault(attempt.version_id, {}))
            out[attempt.enrolment_id] = PhaseAttempt(attempt, versions[attempt.version_id], content,
                                                     given, score)  # fmt: skip
        return out

    def results(self, session_id: str, people: list[EnrolledPerson] | None = None) -> SessionResults:
        """Scores, gains and item statistics of a session's pre-test and post-test."""
        if people is None:
            from .participants import ParticipantService

            people = ParticipantService(self._db, self._clock).enrolled(session_id)
        # Every figure is over ``people`` only (a report passes the participants, not the
        # facilitators who tried the test), so the class means agree with the rows.
        ids = {p.enrolment.id for p in people}
        pre = {k: a for k, a in self.phase_attempts(session_id, "pre").items() if k in ids}
        post = {k: a for k, a in self.phase_attempts(session_id, "post").items() if k in ids}
        rows = [ParticipantResult(p, pre.get(p.enrolment.id), post.get(p.enrolment.id)) for p in people]
        by_sex: dict[str, dict[str, int]] = {}
        for row in rows:
            counts = by_sex.setdefault(row.person.participant.sex, {"pre": 0, "post": 0, "both": 0})
            counts["pre"] += row.pre is not None
            counts["post"] += row.post is not None
            counts["both"] += row.pre is not None and row.post is not None
        stats = {}
        for phase, attempts in (("pre", pre), ("post", post)):
            stats[phase] = item_statistics([
                (a.content, a.responses, a.result) for a in attempts.values()])  # fmt: skip
        return SessionResults(
            participants=[r for r in rows if r.pre or r.post] + [r for r in rows if not (r.pre or r.post)],
            pre=summarize(a.percent for a in pre.values()),
            post=summarize(a.percent for a in post.values()),
            questions=_question_rows(pre, post, stats, self._reference(session_id)),
            by_sex=by_sex)  # fmt: skip

    def _reference(self, session_id: str) -> dict[str, QuizContent]:
        """The current questions of the session's two quizzes (to list questions nobody answered)."""
        out = {}
        with self._db.read() as tx:
            for phase in PHASES:
                assigned = tx.get(SessionQuiz, session_quiz_id(session_id, phase))
                if assigned is not None and not assigned.deleted:
                    quiz = tx.get(Quiz, assigned.quiz_id)
                    if quiz is not None:
                        out[phase] = quiz.content
        return out


def _check_response(question: Question, response: str) -> None:
    """Refuse a stored response that does not fit the question (a bug or a forged call)."""
    if response == "":
        return
    from .quiz_content import parse_choices, parse_number

    if question.kind == "numeric":
        ok = parse_number(response) is not None
    else:
        chosen = parse_choices(response, len(question.choices))
        ok = chosen is not None and (question.kind == "multiple" or len(chosen) == 1)
    if not ok:
        raise ValidationError(_("This answer does not fit the question."))


def _question_rows(pre: dict[str, PhaseAttempt], post: dict[str, PhaseAttempt],
                   stats: dict[str, dict[str, ItemStatistics]],
                   reference: dict[str, QuizContent]) -> list[QuestionRow]:  # fmt: skip
    """The pre-test's questions, each beside the same question in the post-test (same key: the
    same quiz) or the one in the same place (a parallel quiz)."""

    def questions_of(phase: str, attempts: dict[str, PhaseAttempt]) -> list[Question]:
        # The latest version answered, else the quiz as it is now.
        if attempts:
            latest = max(attempts.values(), key=lambda a: a.attempt.started_at)
            return list(latest.content.questions)
        return list(reference[phase].questions) if phase in reference else []

    pre_questions = questions_of("pre", pre)
    post_questions = questions_of("post", post)
    post_keys = {q.key for q in post_questions}
    same_quiz = bool(pre_questions) and all(q.key in post_keys for q in pre_questions)
    rows = []
    for index, question in enumerate(pre_questions or post_questions):
        if not pre_questions:
            rows.append(QuestionRow(index + 1, question, None, stats["post"].get(question.key)))
            continue
        if same_quiz:
            counterpart = question.key
        else:
            counterpart = post_questions[index].key if index < len(post_questions) else None
        rows.append(QuestionRow(index + 1, question, stats["pre"].get(question.key),
                                stats["post"].get(counterpart) if counterpart else None))  # fmt: skip
    return rows


__all__ = ["Quiz", "QuizAnswer", "QuizAttempt", "QuizService", "QuizVersion", "SessionQuiz",
           "SessionResults", "Participant"]  # fmt: skip
