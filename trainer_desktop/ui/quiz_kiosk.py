"""Test mode: the full screen the trainer hands to participants for the pre-test or post-test.

Each person finds their name (as in sign-in mode), reads the instructions and answers one
question per screen in large type: a tap (or the letter of a choice) picks an answer, and every
answer is committed the moment it is given, so a power cut or a participant walking away loses
nothing. Choosing the name again resumes where they stopped. A review page lists what is still
unanswered before they hand in. After handing in they see their score and the right answers only
if the trainer chose so for this test; otherwise no score and no right answer appear anywhere.

The questions shown are those of the version frozen when the attempt started
(``quizzes.version(attempt.version_id)``), never the live quiz: editing the quiz during the test
does not change what a person answers. Leaving needs the trainer's PIN (Esc, the close button,
Alt+F4 and "Exit" all ask for it), and every question (already handed in? submit with questions
unanswered? the PIN) is a page of the kiosk itself, never a small modal box over a full screen.

This module leads a person through the pages and saves; the pages that show questions and
answers are in :mod:`quiz_kiosk_pages`, the names, the PIN and leaving in :mod:`kiosk_parts`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QVBoxLayout, QWidget

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.quiz_content import (
    FALSE_LETTERS,
    TRUE_LETTERS,
    Question,
    QuizContent,
    format_number,
    parse_choices,
    parse_number,
)
from trainer_desktop.core.quizzes import PHASES
from trainer_desktop.ui import operations
from trainer_desktop.ui.kiosk_parts import (
    BASE_PT,
    IDLE_MS,
    TITLE_PT,
    KioskWindow,
    button_row,
    ensure_pin,
    kiosk_label,
)
from trainer_desktop.ui.quiz_kiosk_pages import (
    PAGE_BOTTOM,
    QUIZ_STYLE,
    ErrorLabel,
    QuestionPage,
    ReviewPage,
    ThanksPage,
    scroll_area,
)

if TYPE_CHECKING:
    from trainer_desktop.core.quizzes import QuizAttempt
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Choices may be typed as a, b, c...; true and false as on paper (v/t/o/y, f/n).
TRUE_KEYS = tuple(k for k in TRUE_LETTERS if k.isalpha())
FALSE_KEYS = tuple(k for k in FALSE_LETTERS if k.isalpha())
#: A question page waits longer before going back to the names: a slow reader is still there.
QUESTION_IDLE_MS = 120_000


def resume_index(content: QuizContent, responses: dict[str, str],
                 stopped_at: int | None = None) -> int:  # fmt: skip
    """Where a person coming back starts: where they stopped on this laptop, else the first
    question they have not answered, else the review (``len(questions)``)."""
    if stopped_at is not None and 0 <= stopped_at < len(content.questions):
        return stopped_at
    for index, question in enumerate(content.questions):
        if question.key not in responses:
            return index
    return len(content.questions)


class QuizKiosk(KioskWindow):
    """A session's pre-test or post-test, one person after another. Open it with
    :func:`open_quiz_kiosk` (or :meth:`showFullScreen`).

    A page left alone goes back to the names after ``question_idle_ms`` on a question,
    ``idle_ms`` on any other page (but the names)."""

    page_bottom = PAGE_BOTTOM

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str, phase: str,
                 parent: QWidget | None = None, idle_ms: int = IDLE_MS,
                 question_idle_ms: int = QUESTION_IDLE_MS) -> None:  # fmt: skip
        if phase not in PHASES:
            raise ValueError(phase)
        super().__init__(workspace, runner, title=_(PHASES[phase]), style=QUIZ_STYLE,
                         leave_text=_("Leave the test screen"),
                         exit_tip=_("For the trainer: leave the test screen"), idle_ms=idle_ms,
                         parent=parent)  # fmt: skip
        self.session_id = session_id
        self.phase = phase
        self.idle_ms = idle_ms
        self.question_idle_ms = question_idle_ms
        # The person at the laptop: (enrolment id, name), their attempt, the questions of the
        # version it answers, the answers saved so far, and the question on screen.
        self.person: tuple[str, str] | None = None
        self.attempt: QuizAttempt | None = None
        self.content = QuizContent()
        self.responses: dict[str, str] = {}
        self.index = 0
        self.stopped_at: dict[str, int] = {}  # enrolment id -> question, to resume there
        self.find_header = ""
        self._stale = False
        self._build()
        self.find_page.picked.connect(self._pick)
        runner.changed.connect(self._on_changed)
        self.reload()
        self.show_find()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.done_page = self._build_done()
        self.intro_page = self._build_intro()
        self.question_page = QuestionPage()
        self.review_page = ReviewPage()
        self.unanswered_page = self._build_unanswered()
        self.thanks_page = ThanksPage()
        for page in (self.done_page, self.intro_page, self.question_page, self.review_page,
                     self.unanswered_page, self.thanks_page):  # fmt: skip
            self.pages.addWidget(page)

        question = self.question_page
        question.chosen.connect(self.choose)
        question.touched.connect(self._touch)
        question.number.editingFinished.connect(self._number_finished)
        question.previous_button.clicked.connect(self.go_back)
        question.next_button.clicked.connect(self.go_next)
        # The widgets the steps below (and the tests) use by name.
        self.progress_label, self.question_text = question.progress_label, question.text
        self.question_body, self.question_scroll = question.body, question.scroll
        self.question_error, self.choice_box = question.error, question.choice_box
        self.choice_buttons = question.choice_buttons
        self.true_button, self.false_button = question.true_button, question.false_button
        self.number = question.number
        self.previous_button, self.next_button = question.previous_button, question.next_button

        review = self.review_page
        review.picked.connect(self._review_pick)
        review.touched.connect(self._touch)
        review.back_button.clicked.connect(self.go_back)
        review.submit_button.clicked.connect(self.request_submit)
        self.review_summary, self.review_list = review.summary, review.questions
        self.review_error, self.submit_button = review.error, review.submit_button

        thanks = self.thanks_page
        thanks.touched.connect(self._touch)
        thanks.next_person_button.clicked.connect(self.show_find)
        self.thanks_label, self.score_label = thanks.thanks_label, thanks.score_label
        self.results_box, self.results_scroll = thanks.results_box, thanks.results_scroll
        self.next_person_button = thanks.next_person_button

        # Alt+Left is "back" wherever the focus is (even in the number field).
        back = QShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Left), self)
        back.activated.connect(self.go_back)

    def _build_done(self) -> QWidget:
        self.done_ok = QPushButton(_("OK"))
        self.done_ok.setObjectName("primary")
        self.done_ok.clicked.connect(self.show_find)
        page, self.done_label = self._ask_page(self.done_ok, hint=_(
            "The test cannot be taken twice. If something needs correcting, ask the trainer."))  # fmt: skip
        return page

    def _build_intro(self) -> QWidget:
        page, layout = self._page()
        self.intro_name = kiosk_label("", BASE_PT)
        self.intro_title = kiosk_label("", TITLE_PT, bold=True)
        self.intro_count = kiosk_label("", BASE_PT)
        self.intro_instructions = kiosk_label("", BASE_PT)
        self.intro_instructions.setTextFormat(Qt.TextFormat.PlainText)
        self.intro_resume = kiosk_label("", BASE_PT, bold=True)
        self.intro_hint = kiosk_label(
            _("Touch an answer or type its letter, then touch “Next”. You can go back and change "
              "an answer until you submit."), BASE_PT - 2)  # fmt: skip
        self.intro_hint.setObjectName("hint")
        self.intro_error = ErrorLabel()
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(16)
        for widget in (self.intro_name, self.intro_title, self.intro_count,
                       self.intro_instructions, self.intro_resume, self.intro_hint):  # fmt: skip
            inner.addWidget(widget)
        inner.addStretch(1)
        self.not_me_button = QPushButton(_("This is not me"))
        self.not_me_button.clicked.connect(self.show_find)
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        layout.addWidget(scroll_area(body), 1)
        layout.addWidget(self.intro_error)
        layout.addLayout(button_row(self.not_me_button, None, self.start_button))
        return page

    def _build_unanswered(self) -> QWidget:
        self.answer_them = QPushButton(_("Answer them"))
        self.answer_them.setObjectName("primary")
        self.answer_them.clicked.connect(self._answer_unanswered)
        self.submit_anyway = QPushButton(_("Submit anyway"))
        self.submit_anyway.clicked.connect(self.submit)
        page, self.unanswered_label = self._ask_page(self.answer_them, self.submit_anyway)
        return page

    # -- the list of names ----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the enrolled participants and who has handed this test in (here or on paper)."""
        self._stale = False
        quizzes = self.workspace.quizzes
        done = quizzes.submitted(self.session_id, self.phase)
        try:
            title = quizzes.session_quiz(self.session_id, self.phase).title
        except UserError:  # unassigned meanwhile: the header only loses the title
            title = ""
        phase = _(PHASES[self.phase])
        self.find_header = (_("{phase}: {title}").format(phase=phase, title=title) if title
                            else phase)  # fmt: skip
        self.find_page.set_people(
            ((person.enrolment.id, person.participant.display_name, person.enrolment.id in done)
             for person in self.workspace.participants.enrolled(self.session_id)
             # facilitators and observers do not take the test
             if person.enrolment.role == "participant"),
            _("{name}     {tick} done"),
        )  # fmt: skip
        self.banner.setVisible(not self.workspace.settings.has_pin)
        if self.person is None:
            self.header_label.setText(self.find_header)

    def _pick(self, enrolment_id: str, name: str, done: bool) -> None:
        if self.pages.currentWidget() is not self.find_page:
            return
        self.person = (enrolment_id, name)
        self.header_label.setText(
            _("{name} — {phase}").format(name=name, phase=_(PHASES[self.phase]))
        )
        if done:
            self._show_done()
        else:
            self._show_intro()

    # -- steps -----------------------------------------------------------------------------------

    def _show(self, page: QWidget, focus: QWidget | None = None) -> None:
        self.exit_button.show()  # hidden on the exit page only
        self.pages.setCurrentWidget(page)
        (focus or page).setFocus()
        self._touch()

    def _touch(self) -> None:
        """Somebody is there: restart the wait before the screen returns to the names."""
        page = self.pages.currentWidget()
        if page is self.question_page:
            self.idle_timer.start(self.question_idle_ms)
        elif page not in (self.find_page, self.exit_page):
            self.idle_timer.start(self.idle_ms)

    def show_find(self) -> None:
        """Back to the names for the next person (their answers are all saved already)."""
        self.idle_timer.stop()
        self._forget_person()
        self.content = QuizContent()
        self.responses = {}
        self.search.clear()
        if self._stale:
            self.reload()
        self.header_label.setText(self.find_header)
        self.exit_button.show()
        self.pages.setCurrentWidget(self.find_page)
        self.search.setFocus()

    def _show_done(self) -> None:
        self.done_label.setText(_("{name}, you have already submitted the {phase}.").format(
            name=self.person[1], phase=_(PHASES[self.phase]).lower()))  # fmt: skip
        self._show(self.done_page, self.done_ok)

    def _show_intro(self) -> None:
        """The test's title, instructions and length; for someone coming back, how far they
        got (from the version their attempt answers)."""
        enrolment_id, name = self.person
        self.intro_error.clear()
        quizzes = self.workspace.quizzes
        begun = quizzes.attempt(enrolment_id, self.phase)
        if begun is not None and begun.submitted_at is not None:  # handed in meanwhile
            self._stale = True
            self._show_done()
            return
        answered = 0
        try:
            if begun is not None:  # the questions they started on, even if the quiz changed
                taken = quizzes.version(begun.version_id)
                answered = len(quizzes.responses(begun.id))
            else:
                taken = quizzes.session_quiz(self.session_id, self.phase)
        except UserError as exc:  # unassigned while the kiosk was open
            self.intro_error.setText(exc.message)
            title, instructions, count = "", "", 0
        else:
            title, instructions, count = taken.title, taken.instructions, len(taken.questions)
        if answered:
            self.intro_resume.setText(ngettext(
                "You have already answered {answered} of {count} question. You will continue "
                "where you stopped.",
                "You have already answered {answered} of {count} questions. You will continue "
                "where you stopped.", count).format(answered=answered, count=count))  # fmt: skip
        else:
            self.intro_resume.clear()
        self.start_button.setText(_("Continue") if answered else _("Start"))
        self.intro_name.setText(_("Welcome, {name}.").format(name=name))
        self.intro_title.setText(title)
        self.intro_count.setText(ngettext("{phase}: {count} question", "{phase}: {count} questions",
                                          count).format(phase=_(PHASES[self.phase]), count=count))  # fmt: skip
        self.intro_instructions.setText(instructions)
        self.intro_instructions.setVisible(bool(instructions))
        self.intro_resume.setVisible(bool(answered))
        self._show(self.intro_page, self.start_button)

    def start(self) -> None:
        """Start (or resume) the person's attempt and show where they are."""
        if self.person is None or self.pages.currentWidget() is not self.intro_page:
            return
        enrolment_id = self.person[0]
        outcome = self.runner.run(self, self.workspace.quizzes.start_attempt, enrolment_id,
                                  self.phase, "kiosk", changes={operations.QUIZZES})  # fmt: skip
        if not outcome.ok:
            self.intro_error.setText(outcome.error.message if outcome.error else "")
            return
        attempt = outcome.value
        if attempt.submitted_at is not None:  # handed in meanwhile, or on paper
            self._stale = True
            self._show_done()
            return
        self.attempt = attempt
        self.content = self.workspace.quizzes.version(attempt.version_id).content
        self.responses = dict(self.workspace.quizzes.responses(attempt.id))
        self.index = resume_index(self.content, self.responses, self.stopped_at.get(enrolment_id))
        if self.index >= len(self.content.questions):
            self.show_review()
        else:
            self.show_question(self.index)

    # -- one question per screen ------------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        questions = self.content.questions
        return questions[self.index] if 0 <= self.index < len(questions) else None

    def show_question(self, index: int) -> None:
        self.index = index
        question = self.content.questions[index]
        self.question_page.show_question(question, index, len(self.content.questions))
        self._show_response()
        self._show(self.question_page,
                   self.number if question.kind == "numeric" else self.question_body)  # fmt: skip

    def _show_response(self) -> None:
        """The saved answer of the question on screen, selected (so going back shows it)."""
        question = self.question
        if question is not None:
            self.question_page.show_response(question, self.responses.get(question.key, ""))

    def choose(self, index: int) -> None:
        """A choice touched or typed: one answer replaces the other; with several answers it
        is added or taken away. Saved at once."""
        question = self.question
        if question is None or question.kind == "numeric" or not 0 <= index < len(question.choices):
            return
        current = set(
            parse_choices(self.responses.get(question.key, ""), len(question.choices)) or []
        )
        if question.kind == "multiple":
            chosen = current ^ {index}
        else:
            chosen = {index}
        self._save(question, ",".join(str(i) for i in sorted(chosen)))
        self._show_response()

    def _save(self, question: Question, response: str) -> bool:
        """Commit one answer (nothing if it did not change); the screen keeps what was saved."""
        self._touch()
        if response == self.responses.get(question.key, ""):
            return True
        outcome = self.runner.run(self, self.workspace.quizzes.answer, self.attempt.id,
                                  question.key, response, changes={operations.QUIZZES})  # fmt: skip
        if not outcome.ok:
            self.question_error.setText(outcome.error.message if outcome.error else "")
            return False
        self.question_error.clear()
        if response:
            self.responses[question.key] = response
        else:
            self.responses.pop(question.key, None)
        return True

    def _number_finished(self) -> None:
        if self.pages.currentWidget() is self.question_page:
            self._save_number()

    def _save_number(self) -> bool:
        """Save what is in the number field; False (and a message) if it is not a number."""
        question = self.question
        if question is None or question.kind != "numeric":
            return True
        text = self.number.text().strip()
        number = parse_number(text) if text else None
        if text and number is None:
            self.question_error.setText(_("“{text}” is not a number.").format(text=text))
            return False
        return self._save(question, format_number(number) if number is not None else "")

    def go_next(self) -> None:
        if self.pages.currentWidget() is not self.question_page or not self._save_number():
            return
        if self.index + 1 < len(self.content.questions):
            self.show_question(self.index + 1)
        else:
            self.show_review()

    def go_back(self) -> None:
        page = self.pages.currentWidget()
        if page is self.review_page and self.content.questions:
            self.show_question(len(self.content.questions) - 1)
        elif page is self.question_page and self.index > 0 and self._save_number():
            self.show_question(self.index - 1)

    # -- review and submit --------------------------------------------------------------------

    def unanswered(self) -> list[int]:
        return [i for i, q in enumerate(self.content.questions) if q.key not in self.responses]

    def show_review(self) -> None:
        self.index = len(self.content.questions)
        self.review_page.show_answers(self.content, self.responses)
        self._show(self.review_page, self.submit_button)

    def _review_pick(self, index: int) -> None:
        if self.pages.currentWidget() is self.review_page:
            self.show_question(index)

    def request_submit(self) -> None:
        """Submit, after a question of the kiosk's own if some questions are unanswered."""
        missing = len(self.unanswered())
        if not missing:
            self.submit()
            return
        self.unanswered_label.setText(ngettext(
            "You have not answered {count} question. Submit anyway?",
            "You have not answered {count} questions. Submit anyway?", missing,
        ).format(count=missing))  # fmt: skip
        self._show(self.unanswered_page, self.answer_them)

    def _answer_unanswered(self) -> None:
        missing = self.unanswered()
        if missing:
            self.show_question(missing[0])
        else:
            self.show_review()

    def submit(self) -> None:
        if self.attempt is None or self.pages.currentWidget() not in (
            self.review_page,
            self.unanswered_page,
        ):
            return
        outcome = self.runner.run(self, self.workspace.quizzes.submit, self.attempt.id,
                                  changes={operations.QUIZZES})  # fmt: skip
        if not outcome.ok:
            self.show_review()
            self.review_error.setText(outcome.error.message if outcome.error else "")
            return
        enrolment_id, name = self.person
        self.responses = self.workspace.quizzes.responses(self.attempt.id)  # as stored
        self.stopped_at.pop(enrolment_id, None)
        assigned = self.workspace.quizzes.assignments(self.session_id).get(self.phase)
        self.thanks_page.show_thanks(name, self.content, self.responses,
                                     bool(assigned and assigned.show_results))  # fmt: skip
        self._show(self.thanks_page, self.next_person_button)
        self.attempt = None  # nothing more to answer; the next person starts afresh

    # -- leaving a page alone ------------------------------------------------------------------

    def on_idle(self) -> None:
        page = self.pages.currentWidget()
        if page is self.exit_page:
            # The trainer's PIN page left open: whoever was answering is gone.
            if self._return_to is not self.find_page:
                self._forget_person()
                self._return_to = self.find_page
        elif page is not self.find_page:
            self.show_find()

    def _forget_person(self) -> None:
        """The person at the laptop is gone: keep a number they typed and where they were."""
        if self.person is not None and self.attempt is not None:
            if self.pages.currentWidget() is self.question_page or (
                    self._return_to is self.question_page):  # fmt: skip
                self._save_number()
            self.stopped_at[self.person[0]] = self.index
        self.person = None
        self.attempt = None

    def _on_changed(self, changes: frozenset, source: object) -> None:
        if changes & {operations.QUIZZES, operations.PARTICIPANTS, operations.SETTINGS}:
            # Our own answers change nothing on the names until someone hands in: read them
            # again when the names come back.
            self._stale = True
            if self.pages.currentWidget() is self.find_page and source is not self:
                self.reload()

    # -- keyboard ---------------------------------------------------------------------------------

    def page_key(self, event: QKeyEvent) -> bool:
        # On a question page the letters of the choices, Enter and Backspace; Enter on the
        # intro and "already submitted" pages; Backspace on the review.
        key = event.key()
        page = self.pages.currentWidget()
        if page is self.question_page and self._question_key(event):
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if page is self.intro_page:
                self.start()
                return True
            if page is self.done_page:
                self.show_find()
                return True
        if key == Qt.Key.Key_Backspace and page is self.review_page:
            self.go_back()
            return True
        return False

    def _question_key(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            # A key held down would race through the questions or toggle a choice on and off.
            return True
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
            return True
        if key == Qt.Key.Key_Backspace and self.focusWidget() is not self.number:
            self.go_back()
            return True
        question = self.question
        typed = event.text().casefold()
        if question is None or len(typed) != 1 or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):  # fmt: skip
            return False
        if question.kind == "truefalse":
            if typed in TRUE_KEYS:
                self.choose(0)
                return True
            if typed in FALSE_KEYS:
                self.choose(1)
                return True
        elif question.kind in ("single", "multiple") and typed.isascii() and typed.isalpha():
            index = ord(typed) - ord("a")
            if 0 <= index < len(question.choices):
                self.choose(index)
                return True
        return False

    # -- leaving (the PIN page is KioskWindow's) ------------------------------------------------

    def exit_question(self, has_pin: bool) -> str:
        return (_("Trainer: type your PIN to leave the test screen.") if has_pin
                else _("Leave the test screen?"))  # fmt: skip

    def before_exit(self, page: QWidget) -> None:
        if page is self.question_page:
            self._save_number()  # a number typed, then Esc: keep it

    def return_from_exit(self, page: QWidget) -> None:
        if page is self.find_page or self.person is None:
            self.show_find()
        else:
            self._show(page, self.question_body if page is self.question_page else None)


# --- opening it ---------------------------------------------------------------------------------


def open_quiz_kiosk(parent: QWidget, workspace: Workspace, runner: OperationRunner,
                    session_id: str, phase: str) -> QuizKiosk | None:  # fmt: skip
    """Hand the laptop over for the session's pre-test or post-test, full screen. None (after
    saying why) when there is no quiz to take, nobody to take it, or the trainer chose no PIN."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QuizKiosk) and widget.isVisible():
            widget.raise_()
            widget.activateWindow()
            return widget  # one test screen at a time
    title = _("Test on this laptop")
    outcome = runner.run(parent, workspace.quizzes.session_quiz, session_id, phase)
    if not outcome.ok:
        return None
    quiz = outcome.value
    if not quiz.questions:
        QMessageBox.warning(parent, title, _("The quiz “{title}” has no questions yet.")
                            .format(title=quiz.title))  # fmt: skip
        return None
    if not any(p.enrolment.role == "participant"
               for p in workspace.participants.enrolled(session_id)):  # fmt: skip
        QMessageBox.warning(parent, title, _("Enrol participants first (Participants tab)."))
        return None
    prompt = _("The test screen can only be left with your PIN. Choose a PIN (at least 4 "
               "digits):")  # fmt: skip
    if not ensure_pin(parent, workspace, runner, title=title, prompt=prompt):
        return None
    kiosk = QuizKiosk(workspace, runner, session_id, phase, parent)
    kiosk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    kiosk.showFullScreen()
    return kiosk
