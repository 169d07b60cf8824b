"""The figures of one session's report (core.reporting), each checked against a value worked out
by hand from a small session built through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from trainer_desktop.core.certificates import certificate_code
from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.form_content import FormItem
from trainer_desktop.core.quiz_content import true_false
from trainer_desktop.core.reporting import Count, session_report

DAY1, DAY2 = dt.date(2024, 3, 4), dt.date(2024, 3, 5)
# Four true/false questions, 1 point each: every right answer ("0") is worth 25 %.
QUESTIONS = [true_false(f"Affirmation {n}", True, key=f"q{n}") for n in range(1, 5)]

# name -> (sex, institution)
PEOPLE = {
    "Traoré": ("woman", "Police nationale"),
    "Diarra": ("woman", "Gendarmerie"),
    "Keïta": ("woman", "Police nationale"),
    "Coulibaly": ("man", "Police nationale"),
    "Sangaré": ("man", "Gendarmerie"),
}
# The default periods: day 1 morning (8:30-12:30, 4 h), afternoon (14:00-17:30, 3.5 h), the same
# on day 2: 15 planned hours. Marks per period (None = nobody marked the cell):
MARKS = {
    "Traoré": ("present", "present", "present", "present"),  # 4 periods, 15 h, 100 %
    "Diarra": ("present", "late", "present", "absent"),  # 3, 4 + 3.5 + 4 = 11.5 h, 75 %
    "Keïta": ("late", "excused", "present", None),  # 2, 4 + 4 = 8 h, 50 %
    "Coulibaly": ("present", "present", "absent", "present"),  # 3, 4 + 3.5 + 3.5 = 11 h, 75 %
    "Sangaré": ("absent", None, None, None),  # 0, 0 h, 0 %
}
# Right answers out of 4 (the others answered wrong); missing = not taken.
PRE = {"Traoré": 2, "Diarra": 1, "Keïta": 3, "Sangaré": 0}  # 50, 25, 75, 0 %
POST = {"Traoré": 4, "Diarra": 3, "Coulibaly": 2, "Sangaré": 1}  # 100, 75, 50, 25 %

END_OF_SESSION = [
    FormItem("rating", "objectives", {"fr": "Objectifs atteints"}, points=5),
    FormItem("rating", "trainers", {"fr": "Formateurs"}, points=4),
    FormItem("text", "comment", {"fr": "Commentaire"}),
]
MOOD = [FormItem("rating", "mood", {"fr": "Humeur"}, points=5)]


def _session(workspace, **values):
    return workspace.sessions.create(**{"title": "Atelier OPJ", "start_date": DAY1, "end_date": DAY2,
                                        **values})  # fmt: skip


def _take(workspace, enrolment_id: str, phase: str, right: int) -> None:
    attempt = workspace.quizzes.start_attempt(enrolment_id, phase)
    for n, question in enumerate(QUESTIONS):
        workspace.quizzes.answer(attempt.id, question.key, "0" if n < right else "1")
    workspace.quizzes.submit(attempt.id)


def _mark_all(workspace, enrolment_id: str, periods, statuses) -> None:
    for period, status in zip(periods, statuses, strict=True):
        if status:
            workspace.attendance.set_mark(enrolment_id, period.id, status, dt.time(9, 0))


@pytest.fixture
def built(workspace):
    """The hand-worked session: 5 participants, a facilitator who signs in and takes the tests
    (counted nowhere), and a participant unenrolled after attending and taking the pre-test
    (counted nowhere either)."""
    session = _session(workspace, attendance_threshold=75)
    periods = workspace.attendance.ensure_default_periods(session.id)
    workspace.programme.add(session.id, day=DAY1, start_time=dt.time(9), end_time=dt.time(10),
                            title="Ouverture")  # fmt: skip
    people = {name: workspace.participants.create_and_enrol(
        session.id, family_name=name, given_names="A", sex=sex, institution=institution)
        for name, (sex, institution) in PEOPLE.items()}  # fmt: skip
    trainer = workspace.participants.create_and_enrol(session.id, "facilitator", family_name="Dembélé",
                                                      sex="man", institution="ONG Droits")  # fmt: skip
    gone = workspace.participants.create_and_enrol(session.id, family_name="Konaté", sex="woman",
                                                   institution="Douanes")  # fmt: skip
    quiz = workspace.quizzes.create("Garde à vue", "fr", "", QUESTIONS)
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    workspace.quizzes.assign(session.id, "post", quiz.id)

    for name, statuses in MARKS.items():
        _mark_all(workspace, people[name].enrolment.id, periods, statuses)
    for person in (trainer, gone):
        _mark_all(workspace, person.enrolment.id, periods, ["present"] * 4)
    for phase, scores in (("pre", PRE), ("post", POST)):
        for name, right in scores.items():
            _take(workspace, people[name].enrolment.id, phase, right)
    _take(workspace, gone.enrolment.id, "pre", 4)
    workspace.participants.unenrol(gone.enrolment.id)

    form = workspace.evaluations.create("Fin de session", "fr", END_OF_SESSION)
    mood = workspace.evaluations.create("Humeur du jour", "fr", MOOD)
    for used in (form, mood):
        workspace.evaluations.use(session.id, used.id)
    for answers in ({"objectives": "5", "trainers": "4"}, {"objectives": "4", "trainers": "2"},
                    {"objectives": "2", "comment": "Trop court"}):  # fmt: skip
        workspace.evaluations.enter_response(session.id, form.id, answers)
    workspace.evaluations.enter_response(session.id, mood.id, {"mood": "3"})
    # Neither counts: a response begun and never handed in, and one in another session.
    started = workspace.evaluations.start_response(session.id, form.id)
    workspace.evaluations.answer(started.id, "objectives", "1")
    other = _session(workspace, title="Autre atelier")
    workspace.evaluations.use(other.id, form.id)
    workspace.evaluations.enter_response(other.id, form.id, {"objectives": "1", "trainers": "1"})
    return session, people, trainer


def test_who_came_by_sex_and_institution(workspace, built):
    session, people, trainer = built
    report = session_report(workspace, session.id)

    assert report.session.id == session.id
    assert [p.title for p in report.programme] == ["Ouverture"]
    # grid order: by family name, accents ignored
    assert [line.person.participant.family_name for line in report.participants] == [
        "Coulibaly", "Diarra", "Keïta", "Sangaré", "Traoré"]  # fmt: skip
    assert [p.enrolment.id for p in report.others] == [trainer.enrolment.id]
    assert report.by_sex == {"woman": 3, "man": 2, "unstated": 0}  # Konaté (unenrolled) is not counted
    assert report.by_institution == [Count("Police nationale", 3), Count("Gendarmerie", 2)]
    codes = {line.certificate_code for line in report.participants}
    assert codes == {certificate_code(p.enrolment.id) for p in people.values()}


def test_attendance_per_period_per_person_and_overall(workspace, built):
    session, _people, _trainer = built
    report = session_report(workspace, session.id)

    assert [p.hours for p in report.periods] == [4, 3.5, 4, 3.5]
    assert report.planned_hours == 15
    assert [p.period.day for p in report.periods] == [DAY1, DAY1, DAY2, DAY2]
    # (expected, present, late, absent, excused, unmarked), participants only: the facilitator's
    # and the unenrolled person's "present" are not there
    assert [(p.expected, p.present, p.late, p.absent, p.excused, p.unmarked) for p in report.periods] == [
        (5, 3, 1, 1, 0, 0),  # Traoré Diarra Coulibaly present; Keïta late; Sangaré absent
        (5, 2, 1, 0, 1, 1),  # Traoré Coulibaly; Diarra late; Keïta excused; Sangaré unmarked
        (5, 3, 0, 1, 0, 1),  # Traoré Diarra Keïta; Coulibaly absent; Sangaré unmarked
        (5, 2, 0, 1, 0, 2),  # Traoré Coulibaly; Diarra absent; Keïta and Sangaré unmarked
    ]  # fmt: skip
    assert [p.attended for p in report.periods] == [4, 3, 3, 2]
    assert [p.rate for p in report.periods] == pytest.approx([0.8, 0.6, 0.6, 0.4])

    lines = {line.person.participant.family_name: line for line in report.participants}
    figures = {name: (line.periods_attended, line.hours_attended, line.rate, line.eligible)
               for name, line in lines.items()}  # fmt: skip
    # eligible at 75 %: 3 periods of 4 is exactly 75 % and is enough
    assert figures == {
        "Traoré": (4, 15.0, 1.0, True),
        "Diarra": (3, 11.5, 0.75, True),
        "Keïta": (2, 8.0, 0.5, False),
        "Coulibaly": (3, 11.0, 0.75, True),
        "Sangaré": (0, 0.0, 0.0, False),
    }
    assert report.eligible == 3
    # attended cells (4 + 3 + 3 + 2 = 12) over 5 participants × 4 periods
    assert report.attendance_rate == pytest.approx(12 / 20)


def test_test_scores_and_gains(workspace, built):
    session, _people, _trainer = built
    report = session_report(workspace, session.id)

    lines = {line.person.participant.family_name: line for line in report.participants}
    assert {name: (line.pre, line.post, line.gain) for name, line in lines.items()} == {
        "Traoré": (50, 100, 50),
        "Diarra": (25, 75, 50),
        "Keïta": (75, None, None),
        "Coulibaly": (None, 50, None),
        "Sangaré": (0, 25, 25),
    }
    assert report.mean_pre == pytest.approx((50 + 25 + 75 + 0) / 4)  # 37.5: not Konaté's 100
    assert report.mean_post == pytest.approx((100 + 75 + 50 + 25) / 4)  # 62.5
    assert report.mean_gain == pytest.approx((50 + 50 + 25) / 3)  # over the 3 who took both
    assert report.quiz is not None
    assert len(report.quiz.participants) == 5  # the participants' rows, nobody else's
    # the class figures leave out the facilitator's attempt and the one of the person unenrolled since
    assert (report.quiz.pre.count, report.quiz.pre.mean) == (4, pytest.approx(37.5))


def test_evaluations_and_satisfaction(workspace, built):
    session, _people, _trainer = built
    report = session_report(workspace, session.id)

    assert [s.form.title for s in report.evaluations] == ["Fin de session", "Humeur du jour"]
    assert [s.results.responses for s in report.evaluations] == [3, 1]  # submitted, this session
    # top two points over every rating answer of the session's forms:
    # objectives 5, 4, 2 (of 5) -> 2; trainers 4, 2 (of 4: 3 and 4 are the top) -> 1; mood 3 -> 0
    assert report.satisfaction == pytest.approx(3 / 6)


def test_a_session_with_nothing_yet_gives_none_not_zero(workspace):
    session = _session(workspace)
    workspace.participants.create_and_enrol(session.id, family_name="Traoré", sex="woman")
    report = session_report(workspace, session.id)

    assert (report.periods, report.planned_hours, report.attendance_rate) == ([], 0, None)
    line = report.participants[0]
    assert (line.periods_attended, line.hours_attended, line.rate, line.eligible) == (0, 0, None, False)
    assert (line.pre, line.post, line.gain) == (None, None, None)
    assert (report.quiz, report.mean_pre, report.mean_post, report.mean_gain) == (None, None, None, None)
    assert (report.evaluations, report.satisfaction, report.eligible) == ([], None, 0)
    assert report.by_sex == {"woman": 1, "man": 0, "unstated": 0}


def test_periods_without_participants_a_test_nobody_took_and_a_form_without_ratings(workspace):
    session = _session(workspace)
    workspace.attendance.ensure_default_periods(session.id)
    quiz = workspace.quizzes.create("Garde à vue", "fr", "", QUESTIONS)
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    form = workspace.evaluations.create("Commentaires", "fr", [FormItem("text", "comment", {"fr": "?"})])
    workspace.evaluations.use(session.id, form.id)
    workspace.evaluations.enter_response(session.id, form.id, {"comment": "Bien"})
    report = session_report(workspace, session.id)

    assert report.participants == [] and report.by_institution == []
    assert [p.rate for p in report.periods] == [None] * 4 and report.attendance_rate is None
    assert report.quiz is not None and report.quiz.pre.count == 0  # chosen, not yet taken
    assert report.mean_pre is None and report.mean_gain is None
    assert report.evaluations[0].results.responses == 1 and report.satisfaction is None


def test_institutions_most_first_spellings_grouped_and_not_stated_last(workspace):
    session = _session(workspace)
    for n, institution in enumerate(["Gendarmerie", "Gendarmerie", "gendarmerie", "Police", "Police",
                                     "", "", "", "Élèves", "Armée"]):  # fmt: skip
        workspace.participants.create_and_enrol(session.id, family_name=f"P{n}", institution=institution)
    report = session_report(workspace, session.id)

    assert report.by_institution == [
        Count("Gendarmerie", 3), Count("Police", 2), Count("Armée", 1), Count("Élèves", 1),
        Count("", 3),  # not stated: last, however many
    ]  # fmt: skip
    assert report.by_sex == {"woman": 0, "man": 0, "unstated": 10}


def test_a_deleted_session_is_not_reported(workspace):
    session = _session(workspace)
    workspace.sessions.delete(session.id)
    with pytest.raises(NotFoundError):
        session_report(workspace, session.id)
