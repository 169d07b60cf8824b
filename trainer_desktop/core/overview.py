"""The coordinator's view across sessions: how many people, women, institutions, regions;
attendance, knowledge gain and satisfaction over every session that fits a filter.

It answers the funder's questions ("how many women trained in Ségou region this year? what
knowledge gain?") on a head-office database of hundreds of sessions and tens of thousands of
enrolments, so it does not build each session's report through the services (each would load
ORM objects, item statistics and the paper grid's history): it reads a few plain rows per
session and scores the quizzes with the same pure functions as :meth:`.QuizService.results`
(:func:`.quiz_scoring.score_attempt`), so the figures are the same.

Who counts:

- **participants** are the live enrolments with role "participant" of live people (facilitators,
  organisers and observers are not trained);
- **people** are participants counted once: a pair the coordinator confirmed as the same person
  (:meth:`.DuplicateService.same_person`) is one person, even across sessions. A person's sex,
  institution and region are those of their latest enrolment in scope (they move and get
  promoted); the region is the person's, else the session's;
- a test **taken** is an attempt with at least one answer (as in the quiz results);
- **satisfaction** is the share of the rating answers, in the submitted responses to the forms a
  session uses, in the top two points of their scale (as :mod:`.form_analysis` counts it).

Text values (institutions, regions, filter choices) are grouped ignoring case, accents and
spacing — trainers type "Ségou", "SEGOU" and "Segou" — and shown in their most frequent spelling.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import records
from .attendance import ATTENDED
from .form_content import FormContent
from .participants import SEXES, Participant
from .progress import Progress, report
from .quiz_content import QuizContent
from .quiz_scoring import score_attempt
from .reporting import Count
from .search import fold
from .sessions import TrainingSession

if TYPE_CHECKING:
    from .workspace import Workspace

#: The session fields a filter can choose, in the order the filter shows them.
FILTER_FIELDS = ("region", "town", "organiser", "funder", "theme")


@dataclass(frozen=True)
class OverviewFilter:
    start: dt.date | None = None  # sessions that end on or after this day
    end: dt.date | None = None  # sessions that start on or before this day
    region: str = ""  # "" = any; compared ignoring case and accents (search.fold)
    town: str = ""
    organiser: str = ""
    funder: str = ""  # one of the session's funders
    theme: str = ""


@dataclass(frozen=True)
class SessionRow:
    """One line per session in scope."""

    session: TrainingSession
    participants: int  # role "participant" enrolments
    by_sex: dict[str, int]
    attendance_rate: float | None
    mean_pre: float | None
    mean_post: float | None
    mean_gain: float | None
    satisfaction: float | None
    responses: int  # submitted evaluation responses


@dataclass(frozen=True)
class PersonRow:
    """One line per participant enrolment in scope (for the workbook)."""

    session_id: str
    enrolment_id: str
    participant: Participant
    rate: float | None
    eligible: bool
    pre: float | None
    post: float | None


@dataclass
class Overview:
    filter: OverviewFilter
    sessions: list[SessionRow]  # by start date, then title
    enrolments: int  # participant enrolments
    people: int  # unique people: confirmed duplicates counted once
    by_sex: dict[str, int]  # unique people by sex (every SEXES key)
    by_institution: list[Count]  # unique people, most first
    by_region: list[Count]  # unique people by the participant's region, else the session's
    attendance_rate: float | None  # attended cells / expected cells over all sessions
    mean_gain: float | None  # over every participant with both tests
    satisfaction: float | None  # share of rating answers in the top two points
    responses: int


# --- filtering ----------------------------------------------------------------------------------


def _key(text: str) -> str:
    """How two spellings of a place or a name are compared: case, accents and spacing ignored."""
    return " ".join(fold(text or "").split())


def _fits(session: TrainingSession, wanted: OverviewFilter) -> bool:
    for name in FILTER_FIELDS:
        value = _key(getattr(wanted, name))
        if not value:
            continue
        if name == "funder":
            if value not in {_key(f) for f in session.funders or []}:
                return False
        elif _key(getattr(session, name)) != value:
            return False
    return True


def _sessions(tx: Session, wanted: OverviewFilter) -> list[TrainingSession]:
    """The live sessions in scope, by start date, then title (accents ignored)."""
    query = select(TrainingSession).where(TrainingSession.deleted.is_(False))
    if wanted.start is not None:
        query = query.where(TrainingSession.end_date >= wanted.start)
    if wanted.end is not None:
        query = query.where(TrainingSession.start_date <= wanted.end)
    sessions = [s for s in tx.scalars(query) if _fits(s, wanted)]
    sessions.sort(key=lambda s: (s.start_date, fold(s.title), s.id))
    return sessions


def _spellings(values: Iterable[str]) -> dict[str, str]:
    """Grouping key -> the most frequent spelling of the non-empty ``values`` (ties: the one with
    more accents, then the first in code-point order, so the choice never depends on the order
    rows were read)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for value in values:
        value = " ".join((value or "").split())
        if value:
            seen[_key(value)][value] += 1
    return {key: min(counts, key=lambda v: (-counts[v], -_accents(v), v)) for key, counts in seen.items()}


def _accents(text: str) -> int:
    """How many letters carry an accent: between two spellings as frequent, "Ségou" is more
    likely the careful one than "SEGOU"."""
    return sum(1 for ch in text if ch != fold(ch) and ch.lower() != fold(ch))


def _counts(values: Iterable[str]) -> list[Count]:
    """People per value, grouped ignoring case and accents: most first, then by name; not stated
    ("") last."""
    values = list(values)
    names = _spellings(values)
    tally = Counter(_key(v) for v in values)
    out = [Count(names[k], n) for k, n in tally.items() if k]
    out.sort(key=lambda c: (-c.count, fold(c.label), c.label))
    if tally.get(""):
        out.append(Count("", tally[""]))
    return out


def filter_choices(workspace: Workspace) -> dict[str, list[str]]:
    """"region", "town", "organiser", "funder", "theme" -> the distinct non-empty values of the
    live sessions (spellings that differ only by case or accents listed once), sorted ignoring
    accents."""
    with workspace.db.read() as tx:
        rows = list(tx.execute(select(TrainingSession.region, TrainingSession.town,
                                      TrainingSession.organiser, TrainingSession.funders,
                                      TrainingSession.theme)
                               .where(TrainingSession.deleted.is_(False))))  # fmt: skip
    columns: dict[str, list[str]] = {name: [] for name in FILTER_FIELDS}
    for region, town, organiser, funders, theme in rows:
        columns["region"].append(region)
        columns["town"].append(town)
        columns["organiser"].append(organiser)
        columns["funder"].extend(funders or [])
        columns["theme"].append(theme)
    return {name: sorted(_spellings(values).values(), key=lambda v: (fold(v), v))
            for name, values in columns.items()}  # fmt: skip


# --- one session's figures, read as plain rows -------------------------------------------------


@dataclass
class _Person:
    enrolment_id: str
    participant_id: str
    sex: str
    institution: str
    region: str
    attended: int = 0
    pre: float | None = None
    post: float | None = None


@dataclass
class _SessionFigures:
    session: TrainingSession
    people: list[_Person]
    periods: int
    responses: int = 0
    rated: int = 0  # rating answers
    top: int = 0  # of which in the top two points

    @property
    def attended_cells(self) -> int:
        return sum(p.attended for p in self.people)

    @property
    def expected_cells(self) -> int:
        return len(self.people) * self.periods


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None  # as the session report averages


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class _Reader:
    """Reads one session after another; parsed quiz versions and form contents are kept across
    sessions (a version never changes: its id is derived from its content), and each version's
    credits are memoised, since the same (question, response) pairs repeat."""

    def __init__(self) -> None:
        self._tx: Session | None = None
        self._versions: dict[str, QuizContent] = {}
        self._memos: dict[str, dict[tuple[str, str], float]] = {}
        self._forms: dict[str, FormContent | None] = {}

    def _rows(self, sql: str, *parameters: Any) -> list[tuple]:
        # The driver's own cursor: a session's hundreds of thousands of answers cost half as
        # much read without SQLAlchemy's row objects.
        assert self._tx is not None
        cursor = self._tx.connection().connection.cursor()
        try:
            return cursor.execute(sql, parameters).fetchall()
        finally:
            cursor.close()

    def session(self, tx: Session, session: TrainingSession) -> _SessionFigures:
        """The figures of one session, read in ``tx``."""
        self._tx = tx
        people = [_Person(*row) for row in self._rows(
            "SELECT e.id, p.id, p.sex, p.institution, p.region FROM enrolment e"
            " JOIN participant p ON p.id = e.participant_id"
            " WHERE e.session_id = ? AND e.role = 'participant' AND e.deleted = 0 AND p.deleted = 0",
            session.id)]  # fmt: skip
        by_enrolment = {p.enrolment_id: p for p in people}
        periods = self._rows("SELECT count(*) FROM sign_in_period WHERE session_id = ? AND deleted = 0",
                             session.id)[0][0]  # fmt: skip
        for enrolment_id, attended in self._rows(
            "SELECT m.enrolment_id, count(*) FROM attendance_mark m"
            " JOIN sign_in_period s ON s.id = m.period_id"
            " WHERE s.session_id = ? AND s.deleted = 0 AND m.deleted = 0"
            f" AND m.status IN ({', '.join(repr(s) for s in sorted(ATTENDED))})"
            " GROUP BY m.enrolment_id", session.id):  # fmt: skip
            if enrolment_id in by_enrolment:
                by_enrolment[enrolment_id].attended = attended
        self._score_tests(session.id, by_enrolment)
        figures = _SessionFigures(session, people, periods)
        self._rate_evaluations(figures)
        return figures

    def _score_tests(self, session_id: str, by_enrolment: dict[str, _Person]) -> None:
        """Each participant's pre-test and post-test percentages, as the quiz results give them."""
        attempts = {row[0]: row[1:] for row in self._rows(
            "SELECT t.id, t.enrolment_id, t.phase, t.version_id FROM quiz_attempt t"
            " JOIN enrolment e ON e.id = t.enrolment_id"
            " WHERE e.session_id = ? AND t.deleted = 0", session_id)}  # fmt: skip
        if not attempts:
            return
        responses = records.latest_values(self._rows(
            "SELECT a.attempt_id, a.question_key, a.response,"
            " CASE WHEN a.stamps = '{}' THEN a.hlc"
            " ELSE coalesce(json_extract(a.stamps, '$.response'), a.hlc) END"
            " FROM quiz_answer a JOIN quiz_attempt t ON t.id = a.attempt_id"
            " JOIN enrolment e ON e.id = t.enrolment_id"
            " WHERE e.session_id = ? AND a.deleted = 0 AND t.deleted = 0", session_id))  # fmt: skip
        for attempt_id, given in responses.items():
            enrolment_id, phase, version_id = attempts[attempt_id]
            person = by_enrolment.get(enrolment_id)
            if person is None or phase not in ("pre", "post"):
                continue
            score = score_attempt(self._version(version_id), given,
                                  self._memos.setdefault(version_id, {}))  # fmt: skip
            setattr(person, phase, score.percent)

    def _version(self, version_id: str) -> QuizContent:
        content = self._versions.get(version_id)
        if content is None:
            (raw,) = self._rows("SELECT questions FROM quiz_version WHERE id = ?", version_id)[0]
            content = self._versions[version_id] = QuizContent.from_json(_json(raw))
        return content

    def _form(self, form_id: str) -> FormContent | None:
        """The form's items as they are now (the evaluation results read responses so)."""
        if form_id not in self._forms:
            rows = self._rows("SELECT items FROM evaluation_form WHERE id = ? AND deleted = 0", form_id)
            self._forms[form_id] = FormContent.from_json(_json(rows[0][0])) if rows else None
        return self._forms[form_id]

    def _rate_evaluations(self, figures: _SessionFigures) -> None:
        """Submitted responses to the forms the session uses, and their rating answers."""
        forms = {form_id: content for (form_id,) in self._rows(
            "SELECT form_id FROM session_form WHERE session_id = ? AND deleted = 0",
            figures.session.id) if (content := self._form(form_id)) is not None}  # fmt: skip
        if not forms:
            return
        responses = {rid: form_id for rid, form_id in self._rows(
            "SELECT r.id, v.form_id FROM form_response r JOIN form_version v ON v.id = r.version_id"
            " WHERE r.session_id = ? AND r.deleted = 0 AND r.submitted_at IS NOT NULL",
            figures.session.id) if form_id in forms}  # fmt: skip
        figures.responses = len(responses)
        answers = records.latest_values(self._rows(
            "SELECT a.response_id, a.item_name, a.value,"
            " CASE WHEN a.stamps = '{}' THEN a.hlc"
            " ELSE coalesce(json_extract(a.stamps, '$.value'), a.hlc) END"
            " FROM form_answer a JOIN form_response r ON r.id = a.response_id"
            " WHERE r.session_id = ? AND a.deleted = 0", figures.session.id))  # fmt: skip
        for response_id, form_id in responses.items():
            given = answers.get(response_id, {})
            for item in forms[form_id].answerable:
                value = given.get(item.name, "")
                if item.kind == "rating" and value.isdigit() and 1 <= int(value) <= item.points:
                    figures.rated += 1
                    figures.top += int(value) >= item.points - 1


def _json(raw: Any) -> Any:
    return json.loads(raw) if isinstance(raw, str | bytes) else raw


def _sex(value: str) -> str:
    return value if value in SEXES else "unstated"  # as the session report counts it


def _session_row(figures: _SessionFigures) -> SessionRow:
    by_sex = dict.fromkeys(SEXES, 0)
    for person in figures.people:
        by_sex[_sex(person.sex)] += 1
    people = figures.people
    return SessionRow(
        session=figures.session,
        participants=len(people),
        by_sex=by_sex,
        attendance_rate=_share(figures.attended_cells, figures.expected_cells),
        mean_pre=_mean([p.pre for p in people if p.pre is not None]),
        mean_post=_mean([p.post for p in people if p.post is not None]),
        mean_gain=_mean([p.post - p.pre for p in people if p.pre is not None and p.post is not None]),
        satisfaction=_share(figures.top, figures.rated),
        responses=figures.responses,
    )  # fmt: skip


# --- the overview --------------------------------------------------------------------------------


@dataclass
class _Totals:
    """Running totals over the sessions read so far (one session's rows are then let go)."""

    enrolments: int = 0
    attended_cells: int = 0
    expected_cells: int = 0
    gains: list[float] = field(default_factory=list)
    rated: int = 0
    top: int = 0
    responses: int = 0
    #: person (root id) -> (sex, institution, region) of their latest enrolment read
    people: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def add(self, figures: _SessionFigures, same_person: dict[str, str]) -> None:
        self.enrolments += len(figures.people)
        self.attended_cells += figures.attended_cells
        self.expected_cells += figures.expected_cells
        self.gains += [p.post - p.pre for p in figures.people if p.pre is not None and p.post is not None]
        self.rated += figures.rated
        self.top += figures.top
        self.responses += figures.responses
        for person in figures.people:
            root = same_person.get(person.participant_id, person.participant_id)
            region = person.region or figures.session.region
            self.people[root] = (person.sex, person.institution, region)


def overview(workspace: Workspace, filter: OverviewFilter = OverviewFilter(),
             progress: Progress | None = None, *,
             on_person: Callable[[TrainingSession, PersonRow], object] | None = None,
             ) -> Overview:  # fmt: skip
    """Every figure of the sessions that fit ``filter``; ``progress`` is told after each session
    (returning False stops with :class:`.errors.Cancelled`).

    ``on_person``, when given, hears ``(session, row)`` for every :class:`PersonRow` — the rows
    :func:`person_rows` yields, in its order — as each session is read, before ``progress``
    hears of that session. The coordinator's workbook so streams its participants in the pass
    that makes the figures, reading and scoring hundreds of sessions once rather than twice.
    Everything is read in one snapshot, so the rows and the figures always agree (in WAL mode a
    long read blocks no writer); an exception ``on_person`` raises stops the pass."""
    same_person = workspace.duplicates.same_person()
    rows: list[SessionRow] = []
    totals = _Totals()
    with workspace.db.read() as tx:
        sessions = _sessions(tx, filter)
        report(progress, 0, len(sessions))
        reader = _Reader()
        for done, session in enumerate(sessions, 1):
            figures = reader.session(tx, session)
            rows.append(_session_row(figures))
            totals.add(figures, same_person)
            if on_person is not None:
                for person in _person_rows(tx, figures):
                    on_person(session, person)
            report(progress, done, len(sessions))
    by_sex = dict.fromkeys(SEXES, 0)
    for sex, _institution, _region in totals.people.values():
        by_sex[_sex(sex)] += 1
    return Overview(
        filter=filter,
        sessions=rows,
        enrolments=totals.enrolments,
        people=len(totals.people),
        by_sex=by_sex,
        by_institution=_counts(institution for _s, institution, _r in totals.people.values()),
        by_region=_counts(region for _s, _i, region in totals.people.values()),
        attendance_rate=_share(totals.attended_cells, totals.expected_cells),
        mean_gain=_mean(totals.gains),
        satisfaction=_share(totals.top, totals.rated),
        responses=totals.responses,
    )  # fmt: skip


def person_rows(workspace: Workspace, filter: OverviewFilter,
                progress: Progress | None = None) -> Iterator[PersonRow]:  # fmt: skip
    """One row per participant enrolment in scope, session by session (in the overview's order),
    each session's people in the attendance grid's order. A generator: a caller that needs only
    the rows never holds them all, and each session is read in its own short transaction. (The
    workbook, which needs the figures too, takes the rows from ``overview(on_person=...)``.)"""
    with workspace.db.read() as tx:
        sessions = _sessions(tx, filter)
    report(progress, 0, len(sessions))
    reader = _Reader()
    for done, session in enumerate(sessions, 1):
        with workspace.db.read() as tx:
            people = list(_person_rows(tx, reader.session(tx, session)))
        yield from people
        report(progress, done, len(sessions))


def _person_rows(tx: Session, figures: _SessionFigures) -> Iterator[PersonRow]:
    """One session's rows, in the attendance grid's order (family name, given names, accents
    ignored); its participants are loaded in ``tx``, a few hundred at a time."""
    session = figures.session
    ids = [p.participant_id for p in figures.people]
    participants: dict[str, Participant] = {}
    for start in range(0, len(ids), 500):
        participants.update((p.id, p) for p in tx.scalars(
            select(Participant).where(Participant.id.in_(ids[start:start + 500]))))  # fmt: skip
    people = sorted(figures.people, key=lambda p: (
        fold(participants[p.participant_id].family_name),
        fold(participants[p.participant_id].given_names), p.participant_id))  # fmt: skip
    for person in people:
        yield PersonRow(
            session_id=session.id,
            enrolment_id=person.enrolment_id,
            participant=participants[person.participant_id],
            rate=person.attended / figures.periods if figures.periods else None,
            # The session's rule, in whole numbers as Grid.attended_enough compares it.
            eligible=bool(figures.periods) and
            person.attended * 100 >= session.attendance_threshold * figures.periods,
            pre=person.pre,
            post=person.post,
        )  # fmt: skip


__all__ = ["Overview", "OverviewFilter", "PersonRow", "SessionRow", "filter_choices", "overview",
           "person_rows"]  # fmt: skip
