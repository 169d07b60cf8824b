"""The figures of one session, as the session report and the workbook show them (issue 7).

:func:`session_report` composes what the services already compute — the attendance grid, the
pre/post test results, the evaluation forms' analysis — into the funder's figures: who came (by
sex and institution), how much they attended (per period, per person, overall), who attended
enough for a certificate, the knowledge gain, and the share satisfied. Nothing here renders:
the PDF and the workbook (``trainer_desktop.reports``) print these figures in the document's
language; a figure that cannot be worked out (no periods, no test, no form) is None, never zero.

Counts are over the people enrolled with the role *participant*; facilitators, organisers and
observers are listed apart (``others``) and counted nowhere.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attendance import ATTENDED, Grid, SignInPeriod
from .certificates import certificate_code
from .participants import SEXES, EnrolledPerson
from .programme import ProgrammeItem
from .search import fold
from .sessions import TrainingSession

if TYPE_CHECKING:  # loaded with the services on first use (see workspace.py)
    from .evaluations import EvaluationForm, FormResults
    from .form_analysis import ItemAnalysis
    from .quizzes import SessionResults
    from .workspace import Workspace

#: The role whose people the figures count.
PARTICIPANT = "participant"


@dataclass(frozen=True)
class Count:
    label: str  # the value as stored ("" = not stated; the renderer shows "Not stated")
    count: int


@dataclass(frozen=True)
class PeriodLine:
    """One sign-in period: how many participants were expected, and what became of them."""

    period: SignInPeriod
    hours: float  # planned length of the period, in hours
    expected: int  # people enrolled as participants
    present: int
    late: int
    absent: int
    excused: int
    unmarked: int  # nobody marked them: neither present nor known absent

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True)
class PersonLine:
    """One participant's line: attendance, tests, and the code their certificate carries."""

    person: EnrolledPerson
    periods_attended: int
    hours_attended: float  # the planned hours of the periods attended (present or late)
    rate: float | None  # periods attended / periods; None when the session has no periods
    eligible: bool  # attended enough under the session's attendance_threshold
    pre: float | None  # pre-test score in percent; None if not taken
    post: float | None
    gain: float | None  # post - pre in percentage points, when both were taken
    certificate_code: str


@dataclass(frozen=True)
class EvaluationSection:
    form: EvaluationForm
    results: FormResults  # over this session's submitted responses only


@dataclass
class SessionReport:
    session: TrainingSession
    programme: list[ProgrammeItem]  # live items in programme order
    participants: list[PersonLine]  # role "participant", in the attendance grid's order
    others: list[EnrolledPerson]  # the other roles (facilitator, organiser, observer)
    by_sex: dict[str, int]  # participants: every key of participants.SEXES, 0 allowed
    by_institution: list[Count]  # participants: most first, then by name; "" last
    periods: list[PeriodLine]  # in time order
    planned_hours: float  # sum of PeriodLine.hours
    attendance_rate: float | None  # attended cells / (participants × periods)
    eligible: int  # participants with PersonLine.eligible
    quiz: SessionResults | None  # None when the session has no pre- or post-test
    mean_pre: float | None  # mean pre score (percent) of those who took it
    mean_post: float | None
    mean_gain: float | None  # mean of PersonLine.gain over those who took both
    evaluations: list[EvaluationSection]  # the forms the session uses
    satisfaction: float | None  # share of rating answers in the top two points; None if none


def period_hours(period: SignInPeriod) -> float:
    """The planned length of a period in hours (end - start; a period never crosses midnight)."""
    start = dt.datetime.combine(period.day, period.start_time)
    return (dt.datetime.combine(period.day, period.end_time) - start).total_seconds() / 3600


def attendance_of(grid: Grid, enrolment_id: str) -> tuple[int, float, float | None]:
    """A person's periods attended (present or late), their planned hours, and the share of the
    session's periods attended (None when the session has no periods)."""
    attended = [p for p in grid.periods if grid.status(enrolment_id, p.id) in ATTENDED]
    rate = grid.rate(enrolment_id) if grid.periods else None
    return len(attended), sum(period_hours(p) for p in attended), rate


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def _by_sex(people: list[EnrolledPerson]) -> dict[str, int]:
    counts = dict.fromkeys(SEXES, 0)
    for person in people:
        sex = person.participant.sex
        counts[sex if sex in SEXES else "unstated"] += 1
    return counts


def _by_institution(people: list[EnrolledPerson]) -> list[Count]:
    """Institutions, the most represented first, then by name (accents and case ignored: one
    line for "Gendarmerie" and "gendarmerie", labelled with its most frequent spelling); the
    people who gave none last."""
    groups: dict[str, dict[str, int]] = {}  # folded name -> spelling -> people
    for person in people:
        name = person.participant.institution.strip()
        spellings = groups.setdefault(fold(name), {})
        spellings[name] = spellings.get(name, 0) + 1
    counts = [Count(min(spellings, key=lambda s: (-spellings[s], s)), sum(spellings.values()))
              for spellings in groups.values()]  # fmt: skip
    return sorted(counts, key=lambda c: (c.label == "", -c.count, fold(c.label), c.label))


def _period_line(grid: Grid, period: SignInPeriod, people: list[EnrolledPerson]) -> PeriodLine:
    statuses = [grid.status(p.enrolment.id, period.id) for p in people]
    counts = {status: statuses.count(status) for status in ("present", "late", "absent", "excused")}
    return PeriodLine(period=period, hours=period_hours(period), expected=len(people), **counts,
                      unmarked=len(people) - sum(counts.values()))  # fmt: skip


def _satisfaction(sections: list[EvaluationSection]) -> float | None:
    """Share of all the rating answers of the session's forms in the top two points of their
    scale (4 and 5 of 5, 3 and 4 of 4): every answer weighs the same, whichever item."""
    top = answered = 0
    for section in sections:
        for analysis in section.results.items:
            if analysis.item.kind == "rating":
                top += _top_two(analysis)
                answered += sum(analysis.counts.values())
    return top / answered if answered else None


def _top_two(analysis: ItemAnalysis) -> int:
    points = analysis.item.points
    return analysis.counts.get(str(points), 0) + analysis.counts.get(str(points - 1), 0)


def session_report(workspace: Workspace, session_id: str) -> SessionReport:
    """Every figure of the session's report; :class:`NotFoundError` if the session was deleted."""
    session = workspace.sessions.get(session_id)
    grid = workspace.attendance.grid(session_id)  # reads the live enrolments, in name order
    participants = [p for p in grid.people if p.enrolment.role == PARTICIPANT]
    others = [p for p in grid.people if p.enrolment.role != PARTICIPANT]

    quiz = workspace.quizzes.results(session_id, people=participants)
    if not workspace.quizzes.assignments(session_id) and not (quiz.pre.count or quiz.post.count):
        quiz = None  # no test chosen and none taken (a test unassigned after it was taken stays)
    scores = {r.person.enrolment.id: r for r in quiz.participants} if quiz else {}

    lines = []
    for person in participants:
        periods_attended, hours, rate = attendance_of(grid, person.enrolment.id)
        result = scores.get(person.enrolment.id)
        pre = result.pre.percent if result and result.pre else None
        post = result.post.percent if result and result.post else None
        lines.append(PersonLine(
            person=person, periods_attended=periods_attended, hours_attended=hours, rate=rate,
            eligible=grid.attended_enough(person.enrolment.id, session.attendance_threshold),
            pre=pre, post=post, gain=post - pre if pre is not None and post is not None else None,
            certificate_code=certificate_code(person.enrolment.id)))  # fmt: skip

    periods = [_period_line(grid, period, participants) for period in grid.periods]
    cells = len(participants) * len(periods)
    evaluations = [EvaluationSection(form, workspace.evaluations.results(form.id, [session_id]))
                   for form in workspace.evaluations.session_forms(session_id)]  # fmt: skip
    return SessionReport(
        session=session,
        programme=workspace.programme.items(session_id),
        participants=lines,
        others=others,
        by_sex=_by_sex(participants),
        by_institution=_by_institution(participants),
        periods=periods,
        planned_hours=sum(p.hours for p in periods),
        attendance_rate=sum(p.attended for p in periods) / cells if cells else None,
        eligible=sum(line.eligible for line in lines),
        quiz=quiz,
        mean_pre=_mean(line.pre for line in lines),
        mean_post=_mean(line.post for line in lines),
        mean_gain=_mean(line.gain for line in lines),
        evaluations=evaluations,
        satisfaction=_satisfaction(evaluations))  # fmt: skip
