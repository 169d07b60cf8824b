"""The Tests tab of a session: its pre-test and post-test, the paper answers, the results.

At the top, one box per phase: which quiz, when (a day, or one of the session's sign-in
periods), whether participants see their score and the right answers after submitting, how many
have taken it, and the ways to give it — on this laptop (kiosk), or on paper (print the quiz and
its answer key). Below, two sub-tabs: the grid where paper answers are typed
(:mod:`.quiz_grid`), and the results. Every change goes through the operation runner.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.quizzes import PHASES, Quiz, SessionQuiz
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_model import period_label
from trainer_desktop.ui.forms import wrapping_check_box
from trainer_desktop.ui.quiz_grid import QuizGrid

if TYPE_CHECKING:
    from trainer_desktop.core.attendance import SignInPeriod
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: What a screen may change that this tab shows.
SHOWN = {operations.QUIZZES, operations.PARTICIPANTS, operations.ATTENDANCE, operations.SESSIONS}
NO_DAY = ""


class SteadyComboBox(QComboBox):
    """A combo the mouse wheel does not change in passing: scrolling the page over it must not
    swap the session's pre-test."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def when_value(day: dt.date | None, period_id: str | None) -> str:
    """The item data of the "when" combo: "", "day:2022-11-08" or "period:<id>"."""
    if period_id:
        return f"period:{period_id}"
    return f"day:{day.isoformat()}" if day else NO_DAY


def day_text(day: dt.date) -> str:
    text = i18n.current().format_date(day, "EEEE d MMMM")
    return text[:1].upper() + text[1:]


class PhaseBox(QGroupBox):
    """The settings and actions of one phase (pre-test or post-test)."""

    def __init__(self, phase: str, parent: QWidget | None = None) -> None:
        super().__init__(_(PHASES[phase]), parent)
        self.phase = phase
        self.taken = 0  # people who took it (shown in the status)
        self.quiz_combo = SteadyComboBox()
        self.quiz_combo.setAccessibleName(_("Quiz of the {phase}").format(phase=_(PHASES[phase]).lower()))
        self.quiz_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.quiz_combo.setMinimumContentsLength(24)
        self.quiz_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.when_combo = SteadyComboBox()
        self.when_combo.setAccessibleName(_("Day of the {phase}").format(phase=_(PHASES[phase]).lower()))
        self.when_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.when_combo.setMinimumContentsLength(18)
        self.when_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.show_results = QCheckBox()
        self.show_results.setToolTip(_("On the laptop (kiosk), each participant sees their score "
                                       "and the right answers once they submit"))  # fmt: skip
        show_results = wrapping_check_box(self.show_results, _(
            "Show score and correct answers to participants after submitting"))  # fmt: skip
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.kiosk_button = QPushButton(_("Start on this laptop (kiosk)…"))
        self.kiosk_button.setToolTip(_("A full screen where participants answer one after "
                                       "another"))  # fmt: skip
        self.print_button = QPushButton(_("Print quiz…"))
        self.print_button.setToolTip(_("The quiz to answer on paper (PDF)"))
        self.key_button = QPushButton(_("Print answer key…"))
        self.key_button.setToolTip(_("The right answers, to correct by hand (PDF)"))

        quiz_label = QLabel(_("Quiz"))
        quiz_label.setBuddy(self.quiz_combo)
        when_label = QLabel(_("When"))
        when_label.setBuddy(self.when_combo)
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.addWidget(quiz_label, 0, 0)
        form.addWidget(self.quiz_combo, 0, 1)
        form.addWidget(when_label, 1, 0)
        form.addWidget(self.when_combo, 1, 1)
        form.addLayout(show_results, 2, 0, 1, 2)
        # On the laptop, then on paper: two rows, so that both tests fit side by side on a
        # laptop's screen in longer languages.
        buttons = QGridLayout()
        buttons.setColumnStretch(2, 1)
        buttons.addWidget(self.kiosk_button, 0, 0, 1, 2)
        buttons.addWidget(self.print_button, 1, 0)
        buttons.addWidget(self.key_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def quiz_id(self) -> str:
        return self.quiz_combo.currentData() or ""

    def when(self) -> tuple[dt.date | None, str | None]:
        """(day, period id) chosen in the "when" combo."""
        value = self.when_combo.currentData() or NO_DAY
        if value.startswith("period:"):
            return None, value.removeprefix("period:")
        if value.startswith("day:"):
            return dt.date.fromisoformat(value.removeprefix("day:")), None
        return None, None

    def show_choices(self, quizzes: list[Quiz], assigned: SessionQuiz | None, assigned_quiz: Quiz | None,
                     days: list[dt.date], periods: list[SignInPeriod]) -> None:  # fmt: skip
        """Fill the combos (without emitting a change) from the database."""
        for combo in (self.quiz_combo, self.when_combo, self.show_results):
            combo.blockSignals(True)
        self.quiz_combo.clear()
        self.quiz_combo.addItem(_("— none —"), "")
        for quiz in quizzes:
            self.quiz_combo.addItem(quiz_text(quiz), quiz.id)
        if assigned is not None and self.quiz_combo.findData(assigned.quiz_id) < 0:
            title = assigned_quiz.title if assigned_quiz else "?"
            self.quiz_combo.addItem(_("{title} (deleted)").format(title=title), assigned.quiz_id)
        self.quiz_combo.setCurrentIndex(max(self.quiz_combo.findData(assigned.quiz_id), 0)
                                        if assigned else 0)  # fmt: skip
        self.when_combo.clear()
        self.when_combo.addItem(_("Day not set"), NO_DAY)
        for day in days:
            self.when_combo.addItem(day_text(day), when_value(day, None))
            for period in (p for p in periods if p.day == day):
                self.when_combo.addItem(_("{day} — {period} ({start}–{end})").format(
                    day=day_text(day), period=period_label(period),
                    start=f"{period.start_time:%H:%M}", end=f"{period.end_time:%H:%M}"),
                    when_value(None, period.id))  # fmt: skip
        if assigned is not None:
            found = self.when_combo.findData(when_value(assigned.day, assigned.period_id))
            self.when_combo.setCurrentIndex(max(found, 0))
        self.show_results.setChecked(bool(assigned and assigned.show_results))
        for combo in (self.quiz_combo, self.when_combo, self.show_results):
            combo.blockSignals(False)
        chosen = assigned is not None
        self.when_combo.setEnabled(chosen)
        self.show_results.setEnabled(chosen)


def quiz_text(quiz: Quiz) -> str:
    """“Droits humains — OPJ (fr, 15 questions)”."""
    count = len(quiz.questions or [])
    questions = ngettext("{n} question", "{n} questions", count).format(n=count)
    return f"{quiz.title} ({quiz.language}, {questions})"


def status_text(quiz: Quiz | None, taken: int, people: int, library: int = 1) -> str:
    """“12 of 20 participants have taken it”."""
    if quiz is None and not library:
        return _("No quiz yet: make or import one with Quizzes… in the menu.")
    if quiz is None:
        return _("No quiz chosen yet.")
    if not people:
        return _("No one is enrolled yet.")
    if not taken:
        return ngettext("No one has taken it yet ({people} participant).",
                        "No one has taken it yet ({people} participants).", people).format(people=people)  # fmt: skip
    return ngettext("{taken} of {people} participant has taken it.",
                    "{taken} of {people} participants have taken it.", people).format(
        taken=taken, people=people)  # fmt: skip


class QuizPage(QWidget):
    """The Tests tab."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.results_view: Any = None
        self._stale = False
        self._people = 0
        self._library = 0  # quizzes in the library
        self._quizzes: dict[str, Quiz | None] = {phase: None for phase in PHASES}
        self._build()
        runner.changed.connect(self._on_changed)
        self.reload()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.boxes: dict[str, PhaseBox] = {}
        top = QHBoxLayout()
        for phase in PHASES:
            box = PhaseBox(phase)
            box.quiz_combo.activated.connect(lambda _i, p=phase: self.choose_quiz(p))
            box.when_combo.activated.connect(lambda _i, p=phase: self.save_settings(p))
            box.show_results.toggled.connect(lambda _c, p=phase: self.save_settings(p))
            box.kiosk_button.clicked.connect(lambda _c=False, p=phase: self.open_kiosk(p))
            box.print_button.clicked.connect(lambda _c=False, p=phase: self.print_quiz(p))
            box.key_button.clicked.connect(lambda _c=False, p=phase: self.print_answer_key(p))
            self.boxes[phase] = box
            top.addWidget(box, 1)

        self.grid = QuizGrid(self.workspace, self.runner, self.session_id)
        self.grid.answers_changed.connect(self._answers_entered)
        self.results_holder = QWidget()
        QVBoxLayout(self.results_holder).setContentsMargins(0, 6, 0, 0)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.grid, _("Enter paper answers"))
        self.views.addTab(self.results_holder, _("Results"))
        self.views.currentChanged.connect(self._view_changed)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.views, 1)

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the session's tests again and show them."""
        self._stale = False
        quizzes = self.workspace.quizzes
        try:
            session = self.workspace.sessions.get(self.session_id)
        except NotFoundError as exc:
            self.empty_label.setText(exc.message)
            self.empty_label.show()
            for widget in (self.views, *self.boxes.values()):
                widget.setEnabled(False)
            return
        self.empty_label.hide()
        library = quizzes.list_quizzes()
        self._library = len(library)
        assignments = quizzes.assignments(self.session_id)
        periods = self.workspace.attendance.periods(self.session_id)
        enrolled = {p.enrolment.id for p in self.workspace.participants.enrolled(self.session_id)}
        self._people = len(enrolled)
        for phase, box in self.boxes.items():
            assigned = assignments.get(phase)
            quiz = None
            if assigned is not None:
                try:
                    quiz = quizzes.session_quiz(self.session_id, phase)
                except NotFoundError:
                    quiz = next((q for q in quizzes.list_quizzes(include_deleted=True)
                                 if q.id == assigned.quiz_id), None)  # fmt: skip
            self._quizzes[phase] = quiz if assigned is not None else None
            box.show_choices(library, assigned, quiz, list(session.days), periods)
        other = next(p for p in PHASES if p != self.grid.phase)
        if self._quizzes[self.grid.phase] is None and self._quizzes[other] is not None:
            self.grid.set_phase(other, focus=False)  # only the other phase has a test
        else:
            self.grid.reload()
        for phase in self.boxes:
            if phase == self.grid.phase:
                taken = self.grid.model.grid.taken  # read with the grid just now
            elif self._quizzes[phase] is not None:  # (people since unenrolled do not count)
                taken = len(enrolled.intersection(quizzes.phase_attempts(self.session_id, phase)))
            else:
                taken = 0
            self._show_status(phase, taken)

    def _show_status(self, phase: str, taken: int) -> None:
        box = self.boxes[phase]
        quiz = self._quizzes[phase]
        box.status.setText(status_text(quiz, taken, self._people, self._library))
        usable = quiz is not None and not quiz.deleted and bool(quiz.questions)
        box.kiosk_button.setEnabled(usable and self._people > 0)
        box.print_button.setEnabled(usable)
        box.key_button.setEnabled(usable)
        box.taken = taken

    def _answers_entered(self, phase: str, taken: int) -> None:
        self._show_status(phase, taken)

    def _on_changed(self, changes: frozenset, source: object) -> None:
        if not changes & SHOWN:
            return
        if source is self.grid and changes <= {operations.QUIZZES}:
            # One answer typed in the grid: it updated its row and our status already.
            return
        # Read again now only if the trainer is looking: while the test runs full screen on
        # the kiosk (another window), each answer there would cost a whole reload here.
        if self.isVisible() and self.window().isActiveWindow():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.window().installEventFilter(self)  # to hear when the window is active again
        if self._stale:
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.WindowActivate and self._stale and self.isVisible()
                and watched is self.window()):  # fmt: skip
            self.reload()
        return False

    def _view_changed(self, index: int) -> None:
        if self.views.widget(index) is self.results_holder:
            self.show_results_view()

    def show_results_view(self) -> QWidget:
        """The Results sub-tab, made the first time it is shown (nothing is computed for a tab
        nobody looks at). It then follows the changes itself: refreshed when visible, else
        when next shown."""
        if self.results_view is None:
            from .quiz_results import QuizResultsView

            self.results_view = QuizResultsView(self.workspace, self.runner, self.session_id,
                                                self.results_holder)  # fmt: skip
            self.results_holder.layout().addWidget(self.results_view)
            self.results_view.show()
        return self.results_view

    # -- actions --------------------------------------------------------------------------------

    def choose_quiz(self, phase: str) -> bool:
        """Use the quiz chosen in the combo as the phase's test ("— none —": no test)."""
        box = self.boxes[phase]
        quiz_id = box.quiz_id()
        current = self._quizzes[phase]
        if quiz_id == (current.id if current else ""):
            return True
        if box.taken and not self._confirm_change(phase, box.taken, quiz_id):
            self.reload()  # back to the quiz they took
            return False
        if not quiz_id:
            outcome = self.runner.run(self, self.workspace.quizzes.unassign, self.session_id, phase,
                                      changes={operations.QUIZZES})  # fmt: skip
        else:
            day, period_id = box.when()
            outcome = self.runner.run(self, self.workspace.quizzes.assign, self.session_id, phase,
                                      quiz_id, day=day, period_id=period_id,
                                      show_results=box.show_results.isChecked(),
                                      changes={operations.QUIZZES})  # fmt: skip
        if not outcome.ok:
            self.reload()
        return outcome.ok

    def _confirm_change(self, phase: str, taken: int, quiz_id: str) -> bool:
        phase_name = _(PHASES[phase]).lower()
        if quiz_id:
            question = ngettext(
                "{taken} participant has already taken the {phase}. Their answers stay with the "
                "quiz they answered; the others will answer the new one. Change the quiz anyway?",
                "{taken} participants have already taken the {phase}. Their answers stay with the "
                "quiz they answered; the others will answer the new one. Change the quiz anyway?",
                taken)  # fmt: skip
        else:
            question = ngettext(
                "{taken} participant has already taken the {phase}. Their answers are kept, but "
                "the session will have no {phase}. Remove it anyway?",
                "{taken} participants have already taken the {phase}. Their answers are kept, but "
                "the session will have no {phase}. Remove it anyway?", taken)  # fmt: skip
        answer = QMessageBox.question(
            self, _("Please confirm"), question.format(taken=taken, phase=phase_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def save_settings(self, phase: str) -> bool:
        """Save the day and the show-results choice of a phase that has a quiz."""
        box = self.boxes[phase]
        quiz = self._quizzes[phase]
        if quiz is None:
            return False
        day, period_id = box.when()
        outcome = self.runner.run(self, self.workspace.quizzes.assign, self.session_id, phase,
                                  quiz.id, day=day, period_id=period_id,
                                  show_results=box.show_results.isChecked(),
                                  changes={operations.QUIZZES})  # fmt: skip
        if not outcome.ok:
            self.reload()
        return outcome.ok

    def open_kiosk(self, phase: str) -> None:
        from .quiz_kiosk import open_quiz_kiosk

        open_quiz_kiosk(self, self.workspace, self.runner, self.session_id, phase)

    def print_quiz(self, phase: str) -> None:
        from .quiz_print import print_quiz

        print_quiz(self, self.workspace, self.session_id, phase)

    def print_answer_key(self, phase: str) -> None:
        from .quiz_print import print_answer_key

        print_answer_key(self, self.workspace, self.session_id, phase)
