"""Test mode used as participants and the trainer would: find a name, start, answer by touch and
by keyboard, go back, submit; then what the database holds and what the screen shows (and never
shows: no score or right answer unless the trainer chose so). Leaving needs the PIN."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QListWidget, QPushButton, QWidget

from trainer_desktop.core.quiz_content import (
    Choice,
    NumericAnswer,
    Question,
    QuizContent,
    true_false,
)
from trainer_desktop.ui import operations
from trainer_desktop.ui.quiz_kiosk import QuizKiosk, open_quiz_kiosk, resume_index
from trainer_desktop.ui.quiz_kiosk_pages import display_number, response_text, right_answer_text

pytestmark = pytest.mark.usefixtures("boxes")

LEFT = Qt.MouseButton.LeftButton
PIN = "2468"
PEOPLE = [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man"), ("Diarra", "Fatoumata", "woman")]
EXPLANATION = "Article 76 of the code of criminal procedure."
QUESTIONS = [
    Question(kind="single", key="custody", text="Ordinary police custody lasts at most:",
             choices=(Choice("24 hours", 0), Choice("48 hours", 100), Choice("72 hours", 0)),
             explanation=EXPLANATION),
    Question(kind="multiple", key="torture", text="Which elements define torture?",
             choices=(Choice("severe pain or suffering", 50), Choice("visible marks", -100),
                      Choice("inflicted intentionally", 50))),
    true_false("An order from a superior justifies torture.", False, key="order"),
    Question(kind="numeric", key="half", text="Half of seven is:", numeric=(NumericAnswer(3.5),)),
]  # fmt: skip
#: What only a participant shown their results may read.
REVEALING = ("Your score", "Right answer", "✓ Right", "✗ Wrong", "Partly right", EXPLANATION, "%")


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(
        title="Atelier OPJ droits de l'homme", start_date=dt.date(2022, 11, 8),
        end_date=dt.date(2022, 11, 10), town="Sévaré",
    )  # fmt: skip
    for family, given, sex in PEOPLE:
        workspace.participants.create_and_enrol(session.id, family_name=family, given_names=given,
                                                sex=sex)  # fmt: skip
    workspace.participants.create_and_enrol(session.id, role="facilitator", family_name="Sidibé",
                                            given_names="Aminata", sex="woman")  # fmt: skip
    return session


@pytest.fixture
def quiz(workspace, session):
    quiz = workspace.quizzes.create("Use of force — knowledge test", "en",
                                    "Answer alone, without documents.", QUESTIONS)  # fmt: skip
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    return quiz


@pytest.fixture
def open_kiosk(qtbot, workspace, runner, session, quiz):
    def factory(pin: str | None = PIN, show_results: bool = False, idle_ms: int | None = None,
                question_idle_ms: int | None = None) -> QuizKiosk:  # fmt: skip
        if pin:
            workspace.settings.set_pin(pin)
        if show_results:
            workspace.quizzes.assign(session.id, "pre", quiz.id, show_results=True)
        extra = {}
        if idle_ms:  # a minute in the app; a question page waits as long unless told
            extra = {"idle_ms": idle_ms, "question_idle_ms": question_idle_ms or idle_ms}
        kiosk = QuizKiosk(workspace, runner, session.id, "pre", **extra)
        qtbot.addWidget(kiosk)
        kiosk.resize(1366, 768)
        with qtbot.waitActive(kiosk):  # as the full screen is: shortcuts (Alt+Left) need it
            kiosk.show()
            kiosk.activateWindow()
        return kiosk

    yield factory
    allow_closing()


def allow_closing() -> None:
    # Let pytest-qt close what is left: the kiosks refuse, so allow it.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QuizKiosk):
            widget._may_close = True
            widget.close()


def enrolment_of(workspace, session, family: str):
    return next(p.enrolment for p in workspace.participants.enrolled(session.id)
                if p.participant.family_name == family)  # fmt: skip


def attempt_of(workspace, session, family: str):
    return workspace.quizzes.start_attempt(enrolment_of(workspace, session, family).id, "pre")


def all_text(widget: QWidget) -> str:
    """Every text in the widget tree, shown or not."""
    parts = [w.text() for kind in (QLabel, QPushButton) for w in widget.findChildren(kind)]
    for names in widget.findChildren(QListWidget):
        parts += [names.item(r).text() for r in range(names.count())]
    return "\n".join(parts)


def key(qtbot, kiosk: QuizKiosk, k, text: str = "") -> None:
    """A key typed where the keyboard focus is, as on the laptop."""
    target = kiosk.focusWidget() or kiosk
    if text:
        qtbot.keyClicks(target, text)
    else:
        qtbot.keyClick(target, k)


def begin(qtbot, kiosk: QuizKiosk, name: str) -> None:
    qtbot.keyClicks(kiosk.search, name)
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.intro_page
    qtbot.mouseClick(kiosk.start_button, LEFT)


def choice(kiosk: QuizKiosk, index: int) -> QPushButton:
    return kiosk.choice_buttons[index]


def test_a_participant_answers_four_kinds_of_question_by_touch_and_submits(
    qtbot, workspace, runner, session, open_kiosk
):
    kiosk = open_kiosk()
    assert kiosk.pages.currentWidget() is kiosk.find_page
    assert kiosk.focusWidget() is kiosk.search
    # Only participants are listed (not the facilitator).
    assert kiosk.visible_names() == ["DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]
    qtbot.keyClicks(kiosk.search, "traore")  # no accent
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.intro_page
    assert kiosk.intro_title.text() == "Use of force — knowledge test"
    assert kiosk.intro_count.text() == "Pre-test: 4 questions"
    assert kiosk.intro_instructions.text() == "Answer alone, without documents."
    assert workspace.quizzes.phase_attempts(session.id, "pre") == {}  # nothing started yet
    with qtbot.waitSignal(runner.changed) as changed:
        qtbot.mouseClick(kiosk.start_button, LEFT)
    assert operations.QUIZZES in changed.args[0]
    attempt = attempt_of(workspace, session, "Traoré")
    assert attempt.mode == "kiosk" and attempt.submitted_at is None

    # 1. Single choice: one touch saves it at once.
    assert kiosk.pages.currentWidget() is kiosk.question_page
    assert kiosk.progress_label.text() == "Question 1 of 4"
    assert kiosk.question_text.text() == "Ordinary police custody lasts at most:"
    assert [b.badge.text() for b in kiosk.choice_buttons] == ["a", "b", "c"]
    qtbot.mouseClick(choice(kiosk, 0), LEFT)
    assert workspace.quizzes.responses(attempt.id) == {"custody": "0"}
    qtbot.mouseClick(choice(kiosk, 1), LEFT)  # one answer replaces the other
    assert [b.isChecked() for b in kiosk.choice_buttons] == [False, True, False]
    assert workspace.quizzes.responses(attempt.id) == {"custody": "1"}
    qtbot.mouseClick(kiosk.next_button, LEFT)

    # 2. Multiple choice: each touch adds or takes away.
    assert kiosk.progress_label.text() == "Question 2 of 4"
    assert [b.isChecked() for b in kiosk.choice_buttons] == [False, False, False]
    for index in (0, 1, 2, 1):
        qtbot.mouseClick(choice(kiosk, index), LEFT)
    assert [b.isChecked() for b in kiosk.choice_buttons] == [True, False, True]
    assert workspace.quizzes.responses(attempt.id)["torture"] == "0,2"
    qtbot.mouseClick(kiosk.next_button, LEFT)

    # 3. True / false.
    assert kiosk.true_button.isVisible() and not kiosk.choice_box.isVisible()
    assert kiosk.true_button.text_label.text() == "True"
    qtbot.mouseClick(kiosk.false_button, LEFT)
    assert workspace.quizzes.responses(attempt.id)["order"] == "1"
    qtbot.mouseClick(kiosk.next_button, LEFT)

    # 4. A number, with a decimal comma.
    assert kiosk.number.isVisible() and kiosk.focusWidget() is kiosk.number
    qtbot.keyClicks(kiosk.number, "3,5")
    qtbot.mouseClick(kiosk.next_button, LEFT)
    assert workspace.quizzes.responses(attempt.id)["half"] == "3.5"

    # Review: everything answered; back, change the first answer, come back.
    assert kiosk.pages.currentWidget() is kiosk.review_page
    assert kiosk.review_summary.text() == "You have answered 4 of 4 questions."
    assert all("✓ answered" in kiosk.review_list.item(r).text() for r in range(4))
    item = kiosk.review_list.item(0)
    qtbot.mouseClick(kiosk.review_list.viewport(), LEFT,
                     pos=kiosk.review_list.visualItemRect(item).center())  # fmt: skip
    assert kiosk.progress_label.text() == "Question 1 of 4"
    assert [b.isChecked() for b in kiosk.choice_buttons] == [False, True, False]  # as left
    qtbot.mouseClick(choice(kiosk, 2), LEFT)
    assert workspace.quizzes.responses(attempt.id)["custody"] == "2"  # the latest counts
    given = [(a.question_key, a.response) for a in workspace.quizzes.history(attempt.id)
             if a.question_key == "custody"]  # fmt: skip
    assert given == [("custody", "0"), ("custody", "1"), ("custody", "2")]  # all on record
    for _question in range(4):
        qtbot.mouseClick(kiosk.next_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.review_page
    qtbot.mouseClick(kiosk.submit_button, LEFT)  # nothing unanswered: no question asked

    attempt = attempt_of(workspace, session, "Traoré")
    assert attempt.submitted_at is not None
    assert kiosk.pages.currentWidget() is kiosk.thanks_page
    assert kiosk.thanks_label.text() == "Thank you, TRAORÉ Awa!"
    assert not kiosk.score_label.isVisible() and not kiosk.results_scroll.isVisible()
    text = all_text(kiosk)
    for revealing in REVEALING:
        assert revealing not in text
    qtbot.mouseClick(kiosk.next_person_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.find_page
    row = kiosk.visible_names().index("TRAORÉ Awa")
    assert "✓ done" in kiosk.names.item(row).text()


def test_the_keyboard_alone_will_do(qtbot, workspace, session, open_kiosk):
    kiosk = open_kiosk()
    qtbot.keyClicks(kiosk.search, "moussa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    key(qtbot, kiosk, Qt.Key.Key_Return)  # Enter starts
    attempt = attempt_of(workspace, session, "Keïta")
    assert kiosk.progress_label.text() == "Question 1 of 4"
    key(qtbot, kiosk, None, "c")
    key(qtbot, kiosk, None, "z")  # not a choice: nothing
    assert workspace.quizzes.responses(attempt.id) == {"custody": "2"}
    key(qtbot, kiosk, Qt.Key.Key_Return)
    key(qtbot, kiosk, None, "ac")
    assert [b.isChecked() for b in kiosk.choice_buttons] == [True, False, True]
    key(qtbot, kiosk, Qt.Key.Key_Return)
    key(qtbot, kiosk, None, "v")  # vrai
    assert workspace.quizzes.responses(attempt.id)["order"] == "0"
    key(qtbot, kiosk, None, "f")
    assert workspace.quizzes.responses(attempt.id)["order"] == "1"
    key(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.focusWidget() is kiosk.number
    key(qtbot, kiosk, None, "x3.5")  # the letter is refused by the field
    assert kiosk.number.text() == "3.5"
    key(qtbot, kiosk, Qt.Key.Key_Backspace)  # in the number field, Backspace erases
    assert kiosk.number.text() == "3." and kiosk.progress_label.text() == "Question 4 of 4"
    key(qtbot, kiosk, None, "5")
    key(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.review_page
    assert workspace.quizzes.responses(attempt.id) == {
        "custody": "2", "torture": "0,2", "order": "1", "half": "3.5"}  # fmt: skip
    # Alt+Left from the review, Backspace on a choice page: back.
    qtbot.keyClick(kiosk.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert kiosk.progress_label.text() == "Question 4 of 4"
    assert kiosk.number.text() == "3.5"  # the saved answer is shown again
    qtbot.keyClick(kiosk.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert kiosk.progress_label.text() == "Question 3 of 4"
    assert kiosk.false_button.isChecked() and not kiosk.true_button.isChecked()
    key(qtbot, kiosk, Qt.Key.Key_Backspace)
    assert kiosk.progress_label.text() == "Question 2 of 4"
    key(qtbot, kiosk, None, "b")  # change of mind: add b, then take it away again
    key(qtbot, kiosk, None, "b")
    assert workspace.quizzes.responses(attempt.id)["torture"] == "0,2"
    assert [a.response for a in workspace.quizzes.history(attempt.id)
            if a.question_key == "torture"] == ["0", "0,2", "0,1,2", "0,2"]  # fmt: skip


def test_a_key_held_down_does_not_race_through_the_questions(qtbot, workspace, session, open_kiosk):
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")
    held = [QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier, text, True)
            for k, text in ((Qt.Key.Key_Return, "\r"), (Qt.Key.Key_B, "b"))]  # fmt: skip
    key(qtbot, kiosk, None, "b")
    for event in held:
        QApplication.sendEvent(kiosk.focusWidget(), event)
    assert kiosk.progress_label.text() == "Question 1 of 4"
    assert workspace.quizzes.responses(attempt_of(workspace, session, "Traoré").id) == {
        "custody": "1"
    }


def test_a_number_that_is_not_one_stays_on_the_page(qtbot, workspace, session, open_kiosk):
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")
    for _question in range(3):
        qtbot.mouseClick(kiosk.next_button, LEFT)  # skipping is allowed
    qtbot.keyClicks(kiosk.number, "-")
    qtbot.mouseClick(kiosk.next_button, LEFT)
    assert kiosk.progress_label.text() == "Question 4 of 4"
    assert (
        kiosk.question_error.text() == "“-” is not a number." and kiosk.question_error.isVisible()
    )
    assert workspace.quizzes.responses(attempt_of(workspace, session, "Traoré").id) == {}
    kiosk.number.clear()
    qtbot.keyClicks(kiosk.number, "-2")
    qtbot.mouseClick(kiosk.next_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.review_page
    assert workspace.quizzes.responses(attempt_of(workspace, session, "Traoré").id) == {
        "half": "-2"
    }


def test_unanswered_questions_are_asked_about_on_a_kiosk_page(qtbot, workspace, session,
                                                               open_kiosk, boxes):  # fmt: skip
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")
    qtbot.mouseClick(choice(kiosk, 1), LEFT)
    for _question in range(4):
        qtbot.mouseClick(kiosk.next_button, LEFT)
    assert kiosk.review_summary.text() == "You have answered 1 of 4 questions."
    assert "not answered" in kiosk.review_list.item(1).text()
    qtbot.mouseClick(kiosk.submit_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.unanswered_page
    assert kiosk.unanswered_label.text() == "You have not answered 3 questions. Submit anyway?"
    assert boxes.questions == []  # no message box over the full screen
    qtbot.mouseClick(kiosk.answer_them, LEFT)
    assert kiosk.progress_label.text() == "Question 2 of 4"  # the first unanswered one
    attempt = attempt_of(workspace, session, "Traoré")
    assert attempt.submitted_at is None
    kiosk.go_next()
    kiosk.go_next()
    kiosk.go_next()
    qtbot.mouseClick(kiosk.submit_button, LEFT)
    qtbot.mouseClick(kiosk.submit_anyway, LEFT)
    assert attempt_of(workspace, session, "Traoré").submitted_at is not None
    assert kiosk.pages.currentWidget() is kiosk.thanks_page


def test_with_results_shown_the_score_and_right_answers_appear(qtbot, workspace, session,
                                                               open_kiosk):  # fmt: skip
    kiosk = open_kiosk(show_results=True)
    begin(qtbot, kiosk, "awa")
    qtbot.mouseClick(choice(kiosk, 0), LEFT)  # wrong
    kiosk.go_next()
    qtbot.mouseClick(choice(kiosk, 0), LEFT)  # half the points
    kiosk.go_next()
    qtbot.mouseClick(kiosk.false_button, LEFT)  # right
    kiosk.go_next()
    qtbot.keyClicks(kiosk.number, "3,5")  # right
    kiosk.go_next()
    qtbot.mouseClick(kiosk.submit_button, LEFT)
    assert kiosk.score_label.isVisible()
    assert kiosk.score_label.text() == "Your score: 2.5 of 4 points (62%)"
    results = all_text(kiosk.results_box)
    assert "✗ Wrong" in results and "Partly right" in results and "✓ Right" in results
    assert "b) 48 hours" in results and EXPLANATION in results  # the right answer, explained
    assert "Your answer:" in results and "a) 24 hours" in results
    # The next person's screen holds nothing of this person's results.
    qtbot.mouseClick(kiosk.next_person_button, LEFT)
    begin(qtbot, kiosk, "moussa")
    for _question in range(4):
        kiosk.go_next()
    kiosk.request_submit()
    kiosk.submit()
    assert "a) 24 hours" not in all_text(kiosk.results_box)
    assert kiosk.score_label.text() == "Your score: 0 of 4 points (0%)"


def test_results_off_never_show_a_score_or_right_answer_on_any_page(qtbot, workspace, session,
                                                                    open_kiosk):  # fmt: skip
    kiosk = open_kiosk()
    seen = [all_text(kiosk)]
    begin(qtbot, kiosk, "awa")
    for index in range(3):
        seen.append(all_text(kiosk))
        (kiosk.false_button if index == 2 else choice(kiosk, 1)).click()
        seen.append(all_text(kiosk))
        kiosk.go_next()
    kiosk.number.setText("3,5")
    kiosk.go_next()
    seen.append(all_text(kiosk))
    kiosk.request_submit()
    seen.append(all_text(kiosk))
    for text in seen:
        for revealing in REVEALING:
            assert revealing not in text
    assert "Thank you, TRAORÉ Awa!" in seen[-1]


def test_leaving_needs_the_pin_and_cancel_returns_to_the_question(qtbot, workspace, session,
                                                                  open_kiosk):  # fmt: skip
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")
    kiosk.go_next()
    qtbot.mouseClick(choice(kiosk, 2), LEFT)
    key(qtbot, kiosk, Qt.Key.Key_Escape)
    assert kiosk.pages.currentWidget() is kiosk.exit_page and kiosk.pin.isVisible()
    assert kiosk.exit_title.text() == "Trainer: type your PIN to leave the test screen."
    qtbot.keyClicks(kiosk.pin, "1111")
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert kiosk.pin_error.text() == "Wrong PIN" and kiosk.isVisible()
    qtbot.mouseClick(kiosk.stay_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.question_page
    assert kiosk.progress_label.text() == "Question 2 of 4"
    assert [b.isChecked() for b in kiosk.choice_buttons] == [False, False, True]
    # The window's close button (and Alt+F4) ask too; the keypad types the right PIN.
    assert kiosk.close() is False
    assert kiosk.isVisible() and kiosk.pages.currentWidget() is kiosk.exit_page
    for digit in PIN:
        qtbot.mouseClick(next(b for b in kiosk.keypad.findChildren(QPushButton)
                              if b.text() == digit), LEFT)  # fmt: skip
    with qtbot.waitSignal(kiosk.left):
        qtbot.mouseClick(kiosk.leave_button, LEFT)
    assert not kiosk.isVisible()
    # What was answered is saved; the attempt is not submitted.
    attempt = attempt_of(workspace, session, "Traoré")
    assert workspace.quizzes.responses(attempt.id) == {"torture": "2"}
    assert attempt.submitted_at is None


def test_without_a_pin_leaving_only_asks_and_a_banner_warns(qtbot, open_kiosk):
    kiosk = open_kiosk(pin=None)
    assert kiosk.banner.isVisible() and "No PIN set" in kiosk.banner.text()
    qtbot.mouseClick(kiosk.exit_button, LEFT)
    assert kiosk.exit_title.text() == "Leave the test screen?" and not kiosk.pin.isVisible()
    qtbot.mouseClick(kiosk.stay_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.find_page
    qtbot.mouseClick(kiosk.exit_button, LEFT)
    qtbot.mouseClick(kiosk.leave_button, LEFT)
    assert not kiosk.isVisible()


def test_a_participant_who_walks_away_resumes_where_they_stopped(qtbot, workspace, session,
                                                                 open_kiosk):  # fmt: skip
    kiosk = open_kiosk(idle_ms=200)  # a minute in the app
    begin(qtbot, kiosk, "awa")
    qtbot.mouseClick(choice(kiosk, 1), LEFT)
    kiosk.go_next()
    kiosk.go_next()  # question 2 skipped
    qtbot.mouseClick(kiosk.true_button, LEFT)
    kiosk.go_next()
    qtbot.keyClicks(kiosk.number, "3")  # typed, not yet confirmed: kept all the same
    kiosk.go_back()
    assert kiosk.progress_label.text() == "Question 3 of 4"
    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.find_page, timeout=3000)
    assert kiosk.person is None and kiosk.search.text() == ""
    attempt = attempt_of(workspace, session, "Traoré")
    assert workspace.quizzes.responses(attempt.id) == {"custody": "1", "order": "0", "half": "3"}
    assert "done" not in kiosk.names.item(kiosk.visible_names().index("TRAORÉ Awa")).text()

    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.intro_resume.text() == (
        "You have already answered 3 of 4 questions. You will continue where you stopped."
    )
    assert kiosk.start_button.text() == "Continue"
    qtbot.mouseClick(kiosk.start_button, LEFT)
    assert kiosk.progress_label.text() == "Question 3 of 4"  # where they were
    assert kiosk.true_button.isChecked()
    kiosk.go_back()
    assert [b.isChecked() for b in kiosk.choice_buttons] == [False, False, False]

    # On another screen (or after a restart) they come back to the first unanswered question.
    allow_closing()
    other = open_kiosk()
    begin(qtbot, other, "awa")
    assert other.progress_label.text() == "Question 2 of 4"


def test_the_thanks_page_returns_to_the_names_by_itself(qtbot, open_kiosk):
    kiosk = open_kiosk(idle_ms=200)
    begin(qtbot, kiosk, "awa")
    for _question in range(4):
        kiosk.go_next()
    kiosk.request_submit()
    qtbot.mouseClick(kiosk.submit_anyway, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.thanks_page
    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.find_page, timeout=3000)


def test_a_question_page_waits_twice_as_long_as_the_other_pages(qtbot, open_kiosk):
    """A slow reader is not sent back to the names: two minutes on a question, one elsewhere."""
    kiosk = open_kiosk()
    assert not kiosk.idle_timer.isActive()  # the names wait for the next person
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.idle_timer.isActive() and kiosk.idle_timer.interval() == 60_000  # the intro
    qtbot.mouseClick(kiosk.start_button, LEFT)
    assert kiosk.idle_timer.isActive() and kiosk.idle_timer.interval() == 120_000
    qtbot.mouseClick(choice(kiosk, 1), LEFT)
    assert kiosk.idle_timer.interval() == 120_000
    for _question in range(4):
        kiosk.go_next()
    assert kiosk.pages.currentWidget() is kiosk.review_page
    assert kiosk.idle_timer.isActive() and kiosk.idle_timer.interval() == 60_000
    kiosk.go_back()
    assert kiosk.idle_timer.interval() == 120_000


def test_the_waits_are_set_apart(qtbot, open_kiosk):
    kiosk = open_kiosk(idle_ms=100, question_idle_ms=60_000)
    begin(qtbot, kiosk, "awa")
    qtbot.wait(400)  # four times the wait of the other pages
    assert kiosk.pages.currentWidget() is kiosk.question_page and kiosk.person is not None
    for _question in range(4):
        kiosk.go_next()
    assert kiosk.pages.currentWidget() is kiosk.review_page
    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.find_page, timeout=3000)


def test_the_names_show_who_handed_in_at_once(qtbot, workspace, runner, session, open_kiosk):
    # Moussa handed in a blank sheet on paper: he took the test all the same.
    moussa = enrolment_of(workspace, session, "Keïta")
    workspace.quizzes.submit(workspace.quizzes.start_attempt(moussa.id, "pre", "paper").id)
    kiosk = open_kiosk()

    def done() -> list[str]:
        return [kiosk.names.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(kiosk.names.count()) if "✓ done" in kiosk.names.item(r).text()]  # fmt: skip

    assert done() == ["KEÏTA Moussa"]
    # Awa's paper test is typed in on the trainer's screen while the names are shown.
    trainer = QWidget()
    qtbot.addWidget(trainer)
    awa = attempt_of(workspace, session, "Traoré")
    runner.run(trainer, workspace.quizzes.submit, awa.id, changes={operations.QUIZZES})
    assert done() == ["KEÏTA Moussa", "TRAORÉ Awa"]
    # Diarra's, while her name was already picked: the kiosk says so before she starts.
    qtbot.keyClicks(kiosk.search, "diarra")
    kiosk.find_page.pick_current()
    assert kiosk.pages.currentWidget() is kiosk.intro_page
    kiosk.show_find()
    diarra = attempt_of(workspace, session, "Diarra")
    workspace.quizzes.submit(diarra.id)  # on another laptop: no signal reaches this one
    qtbot.keyClicks(kiosk.search, "diarra")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.done_page
    qtbot.mouseClick(kiosk.done_ok, LEFT)
    assert done() == ["DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]


def test_an_attempt_opened_without_answers_starts_on_its_own_questions(
    qtbot, workspace, session, quiz, open_kiosk
):
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")  # started, then left before answering anything
    kiosk.show_find()
    changed = [Question(kind="single", key="new", text="A new question",
                        choices=(Choice("yes", 100), Choice("no", 0)))]  # fmt: skip
    workspace.quizzes.update(quiz.id, confirmed=True, questions=changed)
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.intro_count.text() == "Pre-test: 4 questions"  # what she will answer
    assert not kiosk.intro_resume.isVisible() and kiosk.start_button.text() == "Start"
    qtbot.mouseClick(kiosk.start_button, LEFT)
    assert kiosk.question_text.text() == "Ordinary police custody lasts at most:"


def test_someone_who_submitted_cannot_take_the_test_again(qtbot, workspace, session, open_kiosk):
    awa = attempt_of(workspace, session, "Traoré")
    workspace.quizzes.answer(awa.id, "custody", "1")
    workspace.quizzes.submit(awa.id)
    # Diarra's test was typed in from paper.
    workspace.quizzes.enter_paper_answer(enrolment_of(workspace, session, "Diarra").id, "pre",
                                         "order", "f")  # fmt: skip
    kiosk = open_kiosk()
    done = [n for n in kiosk.visible_names()
            if "✓ done" in kiosk.names.item(kiosk.visible_names().index(n)).text()]  # fmt: skip
    assert done == ["DIARRA Fatoumata", "TRAORÉ Awa"]
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.done_page
    assert kiosk.done_label.text() == "TRAORÉ Awa, you have already submitted the pre-test."
    qtbot.mouseClick(kiosk.done_ok, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.find_page
    # Submitted elsewhere while this screen still showed the name as free: refused at Start.
    moussa = enrolment_of(workspace, session, "Keïta")
    qtbot.keyClicks(kiosk.search, "moussa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    workspace.quizzes.submit(workspace.quizzes.start_attempt(moussa.id, "pre", "paper").id)
    qtbot.mouseClick(kiosk.start_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.done_page
    assert workspace.quizzes.responses(attempt_of(workspace, session, "Keïta").id) == {}


def test_the_questions_are_those_of_the_version_the_attempt_answers(qtbot, workspace, session,
                                                                    quiz, open_kiosk):  # fmt: skip
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")
    qtbot.mouseClick(choice(kiosk, 1), LEFT)
    changed = [Question(kind="single", key="new", text="A new question",
                        choices=(Choice("yes", 100), Choice("no", 0)))]  # fmt: skip
    workspace.quizzes.update(quiz.id, confirmed=True, questions=changed)
    kiosk.go_next()
    assert kiosk.question_text.text() == "Which elements define torture?"
    assert kiosk.progress_label.text() == "Question 2 of 4"
    # The next person gets the quiz as it is now.
    kiosk.show_find()
    begin(qtbot, kiosk, "moussa")
    assert kiosk.question_text.text() == "A new question"


def test_html_questions_are_rich_text_and_others_keep_their_angle_brackets(
    qtbot, workspace, session, quiz, open_kiosk
):
    questions = [
        Question(kind="single", key="html", text="<p>Custody lasts <b>at most</b>:</p>",
                 text_format="html", choices=(Choice("<i>48</i> h", 100), Choice("72 h", 0))),
        Question(kind="single", key="plain", text="Is a delay <48 h> lawful?",
                 choices=(Choice("<yes>", 100), Choice("no", 0))),
    ]  # fmt: skip
    workspace.quizzes.update(quiz.id, questions=questions)
    kiosk = open_kiosk()
    begin(qtbot, kiosk, "awa")
    assert kiosk.question_text.textFormat() == Qt.TextFormat.RichText
    assert choice(kiosk, 0).text_label.textFormat() == Qt.TextFormat.RichText
    assert choice(kiosk, 0).accessibleName() == "a) 48 h"
    kiosk.go_next()
    assert kiosk.question_text.textFormat() == Qt.TextFormat.PlainText
    assert kiosk.question_text.text() == "Is a delay <48 h> lawful?"
    assert choice(kiosk, 0).text_label.textFormat() == Qt.TextFormat.PlainText
    assert choice(kiosk, 0).text_label.text() == "<yes>"


def test_every_page_fits_a_small_laptop_screen(qtbot, open_kiosk):
    """At 1366×768 the buttons are not cut and the answers of a usual question need no
    scrolling."""
    kiosk = open_kiosk(show_results=True)
    begin(qtbot, kiosk, "awa")
    for _question in range(4):
        qtbot.wait(10)
        body = kiosk.question_body
        assert body.height() <= kiosk.question_scroll.viewport().height()
        for button in (kiosk.previous_button, kiosk.next_button):
            assert kiosk.rect().contains(button.mapTo(kiosk, button.rect().bottomRight()))
        kiosk.go_next()
    kiosk.request_submit()
    kiosk.submit()
    qtbot.wait(10)
    assert kiosk.rect().contains(kiosk.next_person_button.mapTo(
        kiosk, kiosk.next_person_button.rect().bottomRight()))  # fmt: skip


# --- opening it from the Tests tab ------------------------------------------------------------


def test_open_quiz_kiosk_asks_for_a_pin_first_and_opens_full_screen(
    qtbot, workspace, runner, session, quiz, monkeypatch, boxes
):
    parent = QWidget()
    qtbot.addWidget(parent)
    pins = iter([("2468", True), ("1357", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: next(pins))
    assert open_quiz_kiosk(parent, workspace, runner, session.id, "pre") is None
    assert boxes.warnings == ["The two PINs differ; nothing was set."]
    assert not workspace.settings.has_pin
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: ("", False))  # the trainer cancels
    assert open_quiz_kiosk(parent, workspace, runner, session.id, "pre") is None
    pins = iter([("2468", True), ("2468", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: next(pins))
    try:
        kiosk = open_quiz_kiosk(parent, workspace, runner, session.id, "pre")
        assert isinstance(kiosk, QuizKiosk) and kiosk.isFullScreen()
        assert workspace.settings.check_pin("2468")
        assert kiosk.phase == "pre" and kiosk.session_id == session.id
        # One test screen at a time; a PIN is set now, so nothing is asked.
        monkeypatch.setattr(QInputDialog, "getText", lambda *a: pytest.fail("asked again"))
        assert open_quiz_kiosk(parent, workspace, runner, session.id, "pre") is kiosk
    finally:
        allow_closing()


def test_open_quiz_kiosk_refuses_without_a_quiz_or_participants(
    qtbot, workspace, runner, session, quiz, boxes
):
    parent = QWidget()
    qtbot.addWidget(parent)
    workspace.settings.set_pin(PIN)
    assert open_quiz_kiosk(parent, workspace, runner, session.id, "post") is None
    assert boxes.warnings == ["No quiz is chosen for the post-test of this session."]
    empty = workspace.sessions.create(title="Empty", start_date=dt.date(2022, 12, 1),
                                      end_date=dt.date(2022, 12, 1))  # fmt: skip
    workspace.quizzes.assign(empty.id, "pre", quiz.id)
    assert open_quiz_kiosk(parent, workspace, runner, empty.id, "pre") is None
    assert boxes.warnings[-1] == "Enrol participants first (Participants tab)."
    assert not any(isinstance(w, QuizKiosk) and w.isVisible()
                   for w in QApplication.topLevelWidgets())  # fmt: skip


# --- what the screens say, without widgets ----------------------------------------------------


def test_resume_index_prefers_where_they_stopped_then_the_first_unanswered():
    content = QuizContent(tuple(QUESTIONS))
    assert resume_index(content, {}) == 0
    assert resume_index(content, {"custody": "1", "order": "0"}) == 1
    assert resume_index(content, {"custody": "1", "order": "0"}, stopped_at=3) == 3
    assert resume_index(content, {"custody": "1", "order": "0"}, stopped_at=4) == 1  # the review
    done = {"custody": "1", "torture": "0", "order": "0", "half": "3.5"}
    assert resume_index(content, done) == 4


def test_answers_are_read_as_a_person_reads_them():
    single, multiple, truefalse, numeric = QUESTIONS
    assert response_text(single, "1") == "b) 48 hours"
    assert (
        response_text(multiple, "0,2") == "a) severe pain or suffering\nc) inflicted intentionally"
    )
    assert response_text(truefalse, "1") == "False"
    assert right_answer_text(truefalse) == "False"
    assert right_answer_text(numeric) == "3.5"
    tolerant = Question(kind="numeric", text="?", numeric=(NumericAnswer(12.5, 0.5),))
    assert right_answer_text(tolerant) == "12.5 ± 0.5"
    rich = Question(kind="single", text="<p>?</p>", text_format="html",
                    choices=(Choice("<b>yes</b>", 100), Choice("no", 0)))  # fmt: skip
    assert response_text(rich, "0") == "a) <b>yes</b>"


def test_numbers_use_the_interface_decimal_mark():
    from trainer_desktop.core import i18n

    assert display_number("3.5") == "3.5"
    i18n.set_language("fr")
    assert display_number("3.5") == "3,5"
