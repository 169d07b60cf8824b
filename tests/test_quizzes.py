"""Quizzes in the core: scoring, class figures, gains and item statistics against figures worked
out by hand; versions, corrections, paper entry and bad input."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer_desktop.core.errors import NeedsConfirmation, NotFoundError, ValidationError
from trainer_desktop.core.export_json import export_records
from trainer_desktop.core.quiz_content import (Choice, NumericAnswer, Question, QuizContent,
                                               check_questions, response_as_letters,
                                               response_from_letters, true_false)  # fmt: skip
from trainer_desktop.core.quiz_scoring import correlation, normalised_gain, score_attempt, summarize
from trainer_desktop.core.quizzes import QuizAnswer, attempt_id

SINGLE = Question("single", "Qui contrôle la garde à vue ?", key="q1",
                  choices=(Choice("Le procureur", 100), Choice("Le maire"), Choice("Personne")))  # fmt: skip
MULTIPLE = Question("multiple", "Droits de la personne gardée à vue", key="q2", points=2,
                    choices=(Choice("Avocat", 50), Choice("Médecin", 50), Choice("Silence", -100)))  # fmt: skip
TRUE_FALSE = true_false("L'interdiction de la torture est absolue.", True, key="q3")
NUMERIC = Question("numeric", "Durée maximale (heures) ?", key="q4", numeric=(NumericAnswer(10, 1),))
QUESTIONS = [SINGLE, MULTIPLE, TRUE_FALSE, NUMERIC]  # 5 points in all

# Hand-worked answers (points in brackets):
PRE = {
    "Traoré": {"q1": "0", "q2": "0,1", "q3": "0", "q4": "10.5"},  # 1 + 2 + 1 + 1 = 5 -> 100 %
    "Diarra": {"q1": "1", "q2": "0", "q3": "0", "q4": "12"},  # 0 + 1 + 1 + 0 = 2 -> 40 %
    "Keïta": {"q1": "0", "q2": "0,2", "q3": "1", "q4": "9"},  # 1 + 0 (50-100, kept at 0) + 0 + 1 -> 40 %
    "Sidibé": {"q3": "1"},  # 0 -> 0 %
}
POST = {
    "Traoré": {"q1": "0", "q2": "0,1", "q3": "0", "q4": "10"},  # 100 %
    "Diarra": {"q1": "0", "q2": "1,0", "q3": "0", "q4": "10"},  # 100 %
    "Keïta": {"q1": "0", "q2": "0", "q3": "0"},  # 1 + 1 + 1 = 3 -> 60 %
    "Coulibaly": {"q1": "0"},  # 1 -> 20 %
}


def test_each_kind_scores_as_worked_out_by_hand():
    assert SINGLE.score("0") == 1 and SINGLE.score("1") == 0 and SINGLE.score("") == 0
    assert MULTIPLE.score("0") == 1  # half of 2 points
    assert MULTIPLE.score("0,1") == 2
    assert MULTIPLE.score("0,1,2") == 0  # 50 + 50 - 100
    assert MULTIPLE.score("2") == 0  # never below zero
    all_or_nothing = Question("multiple", "?", choices=MULTIPLE.choices, all_or_nothing=True, points=2)
    assert all_or_nothing.score("0") == 0 and all_or_nothing.score("0,1") == 2
    assert TRUE_FALSE.score("0") == 1 and TRUE_FALSE.score("1") == 0
    assert NUMERIC.score("11") == 1 and NUMERIC.score("9,0") == 1 and NUMERIC.score("11.01") == 0
    assert NUMERIC.score("onze") == 0
    weighted = Question("numeric", "?", numeric=(NumericAnswer(3.14, 0.01), NumericAnswer(3, 0.2, 50)))
    assert weighted.score("3.141") == 1 and weighted.score("3.1") == 0.5
    assert SINGLE.score("7") == 0 and MULTIPLE.score("0,0") == 0  # out of range, repeated: nothing


def test_paper_letters_become_responses_and_back():
    assert response_from_letters(SINGLE, " B ") == "1"
    assert response_from_letters(MULTIPLE, "ca") == "0,2"
    assert response_from_letters(MULTIPLE, "a, b") == "0,1"
    assert response_from_letters(TRUE_FALSE, "v") == "0" and response_from_letters(TRUE_FALSE, "F") == "1"
    assert response_from_letters(TRUE_FALSE, "t") == "0"
    assert response_from_letters(NUMERIC, "10,5") == "10.5"
    assert response_from_letters(SINGLE, "") == ""
    assert response_as_letters(MULTIPLE, "0,2") == "ac"
    assert response_as_letters(TRUE_FALSE, "1") == "f"
    with pytest.raises(ValidationError, match="not a choice"):
        response_from_letters(SINGLE, "d")
    with pytest.raises(ValidationError, match="one letter"):
        response_from_letters(SINGLE, "ab")
    with pytest.raises(ValidationError, match="not a number"):
        response_from_letters(NUMERIC, "dix")
    with pytest.raises(ValidationError, match="t \\(true\\) or f \\(false\\)"):
        response_from_letters(TRUE_FALSE, "x")


@pytest.mark.parametrize(("question", "problem"), [
    (Question("single", "?", choices=(Choice("a"), Choice("b"))), "no choice is marked right"),
    (Question("multiple", "?", choices=(Choice("a", 50), Choice("b", 30))), "add up to 80, not 100"),
    (Question("single", "?", choices=(Choice("a", 100),)), "at least two choices"),
    (Question("numeric", "?"), "no accepted number"),
    (Question("single", " ", choices=(Choice("a", 100), Choice("b"))), "no text"),
    (Question("single", "?", points=0, choices=(Choice("a", 100), Choice("b"))), "points"),
    (Question("single", "?", choices=(Choice("a", 100), Choice("b", 150))), "from -100 to 100"),
    (Question("essay", "?"), "unknown kind"),
])  # fmt: skip
def test_a_question_a_trainer_cannot_score_is_refused_with_its_number(question, problem):
    with pytest.raises(ValidationError, match=problem) as refused:
        check_questions([SINGLE, question])
    assert refused.value.message.startswith("Question 2:")
    assert refused.value.field == "question:2"


def test_the_class_figures_gains_and_item_statistics_match_the_hand_computed_ones(workspace):
    session, people = _session(workspace, ["Traoré", "Diarra", "Keïta", "Sidibé", "Coulibaly", "Sangaré"])
    _take(workspace, people, "pre", PRE)
    _take(workspace, people, "post", POST)

    results = workspace.quizzes.results(session.id)

    assert (results.pre.count, results.pre.mean, results.pre.median) == (4, 45, 40)
    assert (results.pre.minimum, results.pre.maximum) == (0, 100)
    assert (results.post.count, results.post.mean, results.post.median) == (4, 70, 80)
    rows = {r.person.participant.family_name: r for r in results.participants}
    assert rows["Diarra"].gain == pytest.approx(60) and rows["Diarra"].normalised_gain == pytest.approx(1)
    assert rows["Keïta"].gain == pytest.approx(20) and rows["Keïta"].normalised_gain == pytest.approx(1 / 3)
    assert rows["Traoré"].gain == 0 and rows["Traoré"].normalised_gain is None  # nothing left to learn
    # the mean gain is over the three who took both; (0 + 60 + 20) / 3
    assert results.gain.mean == pytest.approx(80 / 3)
    assert results.normalised_gain.mean == pytest.approx((1 + 1 / 3) / 2)
    # only one of the two: shown apart, never dropped; nobody who took nothing is lost either
    assert [r.person.participant.family_name for r in results.only_pre] == ["Sidibé"]
    assert [r.person.participant.family_name for r in results.only_post] == ["Coulibaly"]
    assert results.participants[-1].person.participant.family_name == "Sangaré"
    assert len(results.participants) == 6
    assert results.by_sex["woman"] == {"pre": 2, "post": 2, "both": 1}
    assert results.by_sex["man"] == {"pre": 2, "post": 2, "both": 2}

    q1, q2, q3, q4 = results.questions
    assert q1.pre.facility == 50 and q1.pre.percent_correct == 50  # Traoré and Keïta
    # Discrimination of q1 before: item scores (1, 0, 1, 0) against the rest of the test
    # (4, 2, 1, 0): means 0.5 and 1.75; Sxy = 1.5, Sxx = 1, Syy = 8.75.
    assert q1.pre.discrimination == pytest.approx(100 * 1.5 / math.sqrt(8.75))
    assert q2.pre.facility == pytest.approx(100 * (1 + 0.5 + 0 + 0) / 4)  # credits 1, ½, 0, 0
    assert q2.pre.percent_correct == 25
    assert q3.pre.percent_correct == 50 and q3.post.percent_correct == 75  # Coulibaly left it
    assert q4.post.percent_correct == 50 and q4.post.answered == 2
    assert q1.post.percent_correct == 100 and q1.post.discrimination is None  # everybody right


def test_small_statistics_helpers():
    assert summarize([]).mean is None
    assert summarize([10, 20, 90]).median == 20
    assert normalised_gain(40, 70) == pytest.approx(0.5)
    assert normalised_gain(100, 100) is None
    assert correlation([1, 2, 3], [2, 4, 6]) == pytest.approx(1)
    assert correlation([1, 1, 1], [2, 4, 6]) is None


@given(st.lists(st.sampled_from(["", "0", "1", "2", "0,1", "0,2", "1,2", "0,1,2"]), min_size=4, max_size=4))
def test_a_score_is_never_below_zero_nor_above_the_points(responses):
    content = QuizContent(tuple(QUESTIONS))
    result = score_attempt(content, dict(zip(["q1", "q2", "q3", "q4"], responses, strict=True)))
    assert 0 <= result.score <= content.max_score == 5
    assert all(0 <= c <= 1 for c in result.credits.values())


def test_a_quiz_changed_after_attempts_keeps_the_version_they_answered(workspace):
    session, people = _session(workspace, ["Traoré", "Diarra"])
    quiz_id = workspace.quizzes.assignments(session.id)["pre"].quiz_id
    traore = people["Traoré"]
    first = workspace.quizzes.start_attempt(traore.enrolment.id, "pre")
    workspace.quizzes.answer(first.id, "q1", "0")

    changed = [SINGLE, Question("single", "Nouvelle question", key="q9",
                                choices=(Choice("oui", 100), Choice("non")))]  # fmt: skip
    with pytest.raises(NeedsConfirmation, match="1 attempt already answered"):
        workspace.quizzes.update(quiz_id, questions=changed)
    assert len(workspace.quizzes.get(quiz_id).questions) == 4  # nothing changed yet
    workspace.quizzes.update(quiz_id, questions=changed, confirmed=True)

    old = workspace.quizzes.version(first.version_id).content
    assert [q.key for q in old.questions] == ["q1", "q2", "q3", "q4"]
    second = workspace.quizzes.start_attempt(people["Diarra"].enrolment.id, "pre")
    assert second.version_id != first.version_id
    assert [q.key for q in workspace.quizzes.version(second.version_id).content.questions] == ["q1", "q9"]
    # scored against what each answered: 1 of 5 points, 1 of 2
    scored = workspace.quizzes.phase_attempts(session.id, "pre")
    assert scored[traore.enrolment.id].result.max_score == 5
    with pytest.raises(NotFoundError):  # the old attempt cannot answer a question it never had
        workspace.quizzes.answer(first.id, "q9", "0")


def test_a_right_answer_changed_after_attempts_scores_each_attempt_on_its_own_version(workspace):
    session, people = _session(workspace, ["Traoré", "Diarra"])
    quiz_id = workspace.quizzes.assignments(session.id)["pre"].quiz_id
    first = workspace.quizzes.start_attempt(people["Traoré"].enrolment.id, "pre")
    workspace.quizzes.answer(first.id, "q1", "0")  # "Le procureur": right in the first version
    # The trainer finds the key was wrong: same question, same key, the right answer is now "Le maire".
    fixed = Question("single", SINGLE.text, key="q1",
                     choices=(Choice("Le procureur"), Choice("Le maire", 100), Choice("Personne")))  # fmt: skip
    workspace.quizzes.update(quiz_id, questions=[fixed, *QUESTIONS[1:]], confirmed=True)
    second = workspace.quizzes.start_attempt(people["Diarra"].enrolment.id, "pre")
    workspace.quizzes.answer(second.id, "q1", "0")  # the same response, now wrong
    scored = workspace.quizzes.phase_attempts(session.id, "pre")
    assert scored[people["Traoré"].enrolment.id].result.credits["q1"] == 1
    assert scored[people["Diarra"].enrolment.id].result.credits["q1"] == 0


def test_the_same_questions_frozen_twice_are_one_version(workspace):
    session, people = _session(workspace, ["Traoré", "Diarra"])
    a = workspace.quizzes.start_attempt(people["Traoré"].enrolment.id, "pre")
    b = workspace.quizzes.start_attempt(people["Diarra"].enrolment.id, "pre")
    assert a.version_id == b.version_id
    assert a.id == attempt_id(people["Traoré"].enrolment.id, "pre")
    assert workspace.quizzes.start_attempt(people["Traoré"].enrolment.id, "pre").id == a.id


def test_a_correction_is_recorded_beside_the_original_answer(workspace):
    session, people = _session(workspace, ["Traoré"])
    enrolment = people["Traoré"].enrolment
    attempt = workspace.quizzes.start_attempt(enrolment.id, "pre")
    workspace.quizzes.answer(attempt.id, "q1", "1")
    workspace.quizzes.answer(attempt.id, "q1", "2")  # changed while taking it: still answering
    assert workspace.quizzes.answer(attempt.id, "q1", "2") is None  # the same again: nothing new
    workspace.quizzes.submit(attempt.id)
    workspace.quizzes.answer(attempt.id, "q1", "0")  # the trainer corrects it afterwards

    history = workspace.quizzes.history(attempt.id)
    assert [(a.response, a.kind) for a in history] == [("1", "answer"), ("2", "answer"), ("0", "correction")]
    assert workspace.quizzes.responses(attempt.id) == {"q1": "0"}


def test_paper_entry_scores_as_it_goes_and_records_corrections(workspace):
    session, people = _session(workspace, ["Traoré"])
    enrolment = people["Traoré"].enrolment
    entry = workspace.quizzes.enter_paper_answer(enrolment.id, "post", "q1", "a")
    assert (entry.response, entry.score.score, entry.kind) == ("0", 1, "answer")
    entry = workspace.quizzes.enter_paper_answer(enrolment.id, "post", "q2", "ab")
    assert entry.score.score == 3
    entry = workspace.quizzes.enter_paper_answer(enrolment.id, "post", "q1", "b")
    assert (entry.score.score, entry.kind) == (2, "correction")
    entry = workspace.quizzes.enter_paper_answer(enrolment.id, "post", "q2", "")
    assert entry.score.score == 0 and entry.score.answered == 1  # only the wrong "b" is left
    attempt = workspace.quizzes.start_attempt(enrolment.id, "post")
    assert attempt.mode == "paper" and attempt.submitted_at is not None


def test_bad_paper_input_changes_nothing(workspace):
    session, people = _session(workspace, ["Traoré"])
    enrolment = people["Traoré"].enrolment
    workspace.quizzes.enter_paper_answer(enrolment.id, "pre", "q4", "10")
    before = export_records(workspace.db)
    with pytest.raises(ValidationError, match="not a number"):
        workspace.quizzes.enter_paper_answer(enrolment.id, "pre", "q4", "dix heures")
    with pytest.raises(ValidationError):
        workspace.quizzes.enter_paper_answer(enrolment.id, "pre", "q1", "z")
    assert export_records(workspace.db)["tables"] == before["tables"]


def test_a_test_needs_a_quiz_chosen_for_its_phase(workspace):
    session, people = _session(workspace, ["Traoré"])
    workspace.quizzes.unassign(session.id, "post")
    with pytest.raises(NotFoundError, match="No quiz is chosen for the post-test"):
        workspace.quizzes.start_attempt(people["Traoré"].enrolment.id, "post")


def test_a_quiz_in_use_cannot_be_deleted_and_a_free_one_can_be_restored(workspace):
    session, _people = _session(workspace, ["Traoré"])
    quiz_id = workspace.quizzes.assignments(session.id)["pre"].quiz_id
    with pytest.raises(ValidationError, match="pre-test or post-test of 1 session"):
        workspace.quizzes.delete(quiz_id)
    spare = workspace.quizzes.duplicate(quiz_id)
    assert spare.title.endswith("(copy)")
    assert {q["key"] for q in spare.questions}.isdisjoint({"q1", "q2", "q3", "q4"})
    workspace.quizzes.delete(spare.id)
    assert spare.id not in {q.id for q in workspace.quizzes.list_quizzes()}
    workspace.quizzes.restore(spare.id)
    assert spare.id in {q.id for q in workspace.quizzes.list_quizzes()}


def test_a_test_day_outside_the_session_is_refused(workspace):
    session, _people = _session(workspace, ["Traoré"])
    quiz_id = workspace.quizzes.assignments(session.id)["pre"].quiz_id
    with pytest.raises(ValidationError, match="within the session's dates"):
        workspace.quizzes.assign(session.id, "pre", quiz_id, day=dt.date(2030, 1, 1))
    periods = workspace.attendance.ensure_default_periods(session.id)
    assigned = workspace.quizzes.assign(session.id, "post", quiz_id, period_id=periods[-1].id)
    assert assigned.day == periods[-1].day


def test_every_quiz_record_is_in_the_json_export(workspace):
    session, people = _session(workspace, ["Traoré"])
    workspace.quizzes.enter_paper_answer(people["Traoré"].enrolment.id, "pre", "q1", "a")
    tables = export_records(workspace.db)["tables"]
    for table in ("quiz", "quiz_version", "session_quiz", "quiz_attempt", "quiz_answer"):
        assert tables[table], table
    [answer] = tables["quiz_answer"]
    assert answer["response"] == "0" and answer["question_key"] == "q1"


def test_answers_are_immutable_records():
    assert QuizAnswer.__sync_kind__ == "submitted"


# --- helpers -------------------------------------------------------------------------------------

FEMALE = {"Diarra", "Sidibé", "Coulibaly"}


def _session(workspace, names):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 6))  # fmt: skip
    people = {name: workspace.participants.create_and_enrol(
        session.id, family_name=name, given_names="A", sex="woman" if name in FEMALE else "man")
        for name in names}  # fmt: skip
    quiz = workspace.quizzes.create("Garde à vue", "fr", "Cochez la bonne réponse.", QUESTIONS)
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    workspace.quizzes.assign(session.id, "post", quiz.id)
    return session, people


def _take(workspace, people, phase, answers):
    for name, responses in answers.items():
        attempt = workspace.quizzes.start_attempt(people[name].enrolment.id, phase)
        for key, response in responses.items():
            workspace.quizzes.answer(attempt.id, key, response)
        workspace.quizzes.submit(attempt.id)


def test_who_started_and_who_submitted(workspace):
    session, people = _session(workspace, ["Traoré", "Diarra"])
    traore, diarra = people["Traoré"].enrolment.id, people["Diarra"].enrolment.id
    assert workspace.quizzes.attempt(traore, "pre") is None
    attempt = workspace.quizzes.start_attempt(traore, "pre")
    workspace.quizzes.enter_paper_answer(diarra, "pre", "q1", "a")
    assert workspace.quizzes.attempt(traore, "pre").id == attempt.id
    assert workspace.quizzes.submitted(session.id, "pre") == {diarra}  # paper counts as handed in
    workspace.quizzes.submit(attempt.id)
    assert workspace.quizzes.submitted(session.id, "pre") == {traore, diarra}
    assert workspace.quizzes.submitted(session.id, "post") == set()


def test_the_corrected_cells_of_a_phase_are_read_at_once(workspace):
    session, people = _session(workspace, ["Traoré", "Diarra"])
    traore, diarra = people["Traoré"].enrolment.id, people["Diarra"].enrolment.id
    for typed in ("a", "b", "c"):
        workspace.quizzes.enter_paper_answer(traore, "pre", "q1", typed)
    workspace.quizzes.enter_paper_answer(traore, "pre", "q2", "ab")
    workspace.quizzes.enter_paper_answer(diarra, "pre", "q1", "a")
    assert workspace.quizzes.corrected(session.id, "pre") == {traore: {"q1": ["0", "1"]}}
    assert workspace.quizzes.corrected(session.id, "post") == {}
