"""Typing the answers of paper tests: one row per person, one column per question.

Fast entry, like a spreadsheet: in a single-choice or true/false cell one key (``b``, ``t``,
``v``...) saves the answer and the cursor moves to the next question (after the last question
of a row, to the first of the next person). Numbers and multiple-choice answers open a small
editor: type ``3,5`` or ``ac``, then Enter or Tab. Delete or Backspace clears an answer, the arrow
keys move, Ctrl+Z takes back the last answer typed. Every answer goes through the operation runner
and is committed before the cell shows it; only that person's row is redrawn. An answer the core
refuses (``z`` in a question with four choices, a word in a numeric question) is shown in a
message and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPalette, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.quizzes import PHASES
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_page import CellDelegate
from trainer_desktop.ui.quiz_grid_model import (
    NOT_ANSWERABLE,
    TINT_BRUSHES,
    TINTS,
    AnswerableRole,
    KindRole,
    PaperGrid,
    PaperGridModel,
    QuestionKeyRole,
    load_paper_grid,
    score_text,
)

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Kinds of question answered with one key (saved at once, no Enter needed).
ONE_KEY_KINDS = ("single", "truefalse")
EndEditHint = QAbstractItemDelegate.EndEditHint


class AnswerDelegate(CellDelegate):
    """Cells keep their tint under the cursor (a frame, not a fill); a corrected answer gets a
    small triangle in its corner; the editor is a narrow centred line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing: QPersistentModelIndex | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = index.model()
        look = model.cell_look(index.row(), index.column()) if isinstance(model, PaperGridModel) else None
        if look is None:  # the score: the style draws it
            super().paint(painter, option, index)
            return
        # Answer cells are drawn here from one call to the model: the style would ask the model
        # for eight roles per cell, and scrolling repaints hundreds of cells.
        letters, verdict, corrected, answerable = look
        rect = option.rect
        brushes = TINT_BRUSHES.get(verdict or "")
        if not answerable:
            painter.fillRect(rect, NOT_ANSWERABLE)
        elif brushes:
            painter.fillRect(rect, brushes[0])
        if letters:
            painter.save()
            painter.setFont(option.font)
            painter.setPen(brushes[1].color() if brushes else option.palette.color(QPalette.ColorRole.Text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, letters)
            painter.restore()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()
        if corrected:
            rect = option.rect
            size = max(6, rect.height() // 4)
            corner = QPolygonF([QPointF(rect.right() - size, rect.top() + 1),
                                QPointF(rect.right(), rect.top() + 1),
                                QPointF(rect.right(), rect.top() + 1 + size)])  # fmt: skip
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(option.palette.color(QPalette.ColorRole.Link))
            painter.drawPolygon(corner)
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(40)
        editor.setFrame(False)
        self.editing = QPersistentModelIndex(index)
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        self.editing = None
        super().destroyEditor(editor, index)


class PaperGridView(QTableView):
    """The grid: keys type answers instead of searching the rows."""

    #: (row, column, what was typed, then 1 to move to the next cell, -1 to the previous, 0 to stay)
    answer_typed = Signal(int, int, str, int)
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer_delegate = AnswerDelegate(self)
        self.setItemDelegate(self.answer_delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)  # fmt: skip
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self._typed: tuple[int, int, str] | None = None

    def editor(self) -> QLineEdit | None:
        """The open answer editor, if any."""
        editing = self.answer_delegate.editing
        if editing is None or not editing.isValid():
            return None
        widget = self.indexWidget(QModelIndex(editing))
        return widget if isinstance(widget, QLineEdit) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)  # a key the editor left (an arrow: save and move)
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            event.accept()
            return
        index = self.currentIndex()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                          | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
        if not (plain and index.isValid() and index.data(AnswerableRole)):
            super().keyPressEvent(event)
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.answer_typed.emit(index.row(), index.column(), "", 0)
            event.accept()
            return
        text = event.text()
        if len(text) == 1 and text.isprintable() and not text.isspace():
            if index.data(KindRole) in ONE_KEY_KINDS:
                self.answer_typed.emit(index.row(), index.column(), text, 1)
            else:
                self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space:
            event.accept()  # not an answer, and not worth opening an editor for
            return
        super().keyPressEvent(event)

    def commitData(self, editor: QWidget) -> None:
        # Saved once the editor has closed (see closeEditor): a refusal's message box must not
        # take the focus from an editor that is still open and make it commit a second time.
        editing = self.answer_delegate.editing
        if editing is not None and editing.isValid() and isinstance(editor, QLineEdit):
            self._typed = (editing.row(), editing.column(), editor.text())

    def closeEditor(self, editor: QWidget, hint: EndEditHint) -> None:
        typed, self._typed = self._typed, None
        super().closeEditor(editor, EndEditHint.NoHint)
        if typed is None:
            return
        row, column, text = typed
        step = {EndEditHint.EditNextItem: 1, EndEditHint.SubmitModelCache: 1,
                EndEditHint.EditPreviousItem: -1}.get(hint, 0)  # fmt: skip
        current = self.currentIndex()
        if (current.row(), current.column()) != (row, column):
            step = 0  # the user moved away (an arrow, a click): saved, and the cursor stays there
        shown = self.model().index(row, column).data(Qt.ItemDataRole.EditRole) or ""
        if text.strip() == shown:
            self.step_from(row, column, step)  # nothing changed: just move on
        else:
            self.answer_typed.emit(row, column, text.strip(), step)

    def step_from(self, row: int, column: int, step: int) -> None:
        """Move to the next (or previous) cell a person answers, row after row."""
        if step == 0:
            return
        model = self.model()
        found = model.next_cell(row, column, step)
        if found is not None:
            self.setCurrentIndex(model.index(*found))


@dataclass
class Undo:
    phase: str
    enrolment_id: str
    key: str
    previous: str  # what the cell showed before (typed again to undo)


class QuizGrid(QWidget):
    """The "Enter paper answers" part of the Tests tab: the phase to enter, the grid, a legend
    and the current person's score."""

    #: (phase, people who took it) after an answer was saved here.
    answers_changed = Signal(str, int)

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.phase = "pre"
        self.model = PaperGridModel(self)
        self.undo_stack: list[Undo] = []
        self._build()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.phase_buttons = QButtonGroup(self)
        phases = QHBoxLayout()
        phases.setSpacing(0)
        for phase, label in PHASES.items():
            button = QPushButton(_(label))
            button.setCheckable(True)
            button.setChecked(phase == self.phase)
            button.setProperty("phase", phase)
            button.setAccessibleName(_("Enter the answers of the {phase}").format(phase=_(label).lower()))
            self.phase_buttons.addButton(button)
            phases.addWidget(button)
        self.phase_buttons.setExclusive(True)
        self.phase_buttons.buttonClicked.connect(lambda b: self.set_phase(b.property("phase")))

        self.hint = QLabel(_("Type the letter ticked on the paper: the cursor moves on by itself. "
                             "Numbers and several letters: type, then Enter. "
                             "Del clears · Ctrl+Z undoes"))  # fmt: skip
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.table = PaperGridView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Answers typed from paper"))
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        metrics = self.table.fontMetrics()
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(metrics.height() + 10)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header = self.table.horizontalHeader()
        header.setHighlightSections(True)
        header.setMinimumHeight(2 * metrics.height() + 12)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.answer_typed.connect(self.enter)
        self.table.undo_requested.connect(self.undo)
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._show_current())
        self.model.dataChanged.connect(lambda *_a: self._show_current())
        self.model.modelReset.connect(self._show_current)

        self.current = QLabel()
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The person's score takes the room the legend leaves, on two lines if it must.
        self.current.setWordWrap(True)
        self.current.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        legend = QHBoxLayout()
        legend.setSpacing(12)
        for name, text in (("right", _("Right")), ("partly", _("Partly right")), ("wrong", _("Wrong"))):
            legend.addWidget(_chip(TINTS[name][0].name(), TINTS[name][1].name(), text))
        legend.addWidget(self._corrected_legend())
        self.not_answerable_legend = _chip("#ececec", "#505050", _("not in the version this "
                                                                   "person answered"))  # fmt: skip
        self.not_answerable_legend.setWordWrap(True)
        legend.addWidget(self.not_answerable_legend)
        legend.addWidget(self.current, 1)
        self.legend = QWidget()
        self.legend.setLayout(legend)
        legend.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.addLayout(phases)
        top.addSpacing(12)
        top.addWidget(self.hint, 100)
        top.addStretch(1)  # keeps the phase buttons to their size when the hint is hidden
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)

    def _corrected_legend(self) -> QWidget:
        """A blank cell with the corner mark, then what it means."""
        size = self.fontMetrics().height()
        pixmap = QPixmap(size + 4, size)
        pixmap.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(pixmap)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Link))
        corner = max(6, size // 2)
        right = pixmap.width() - 1
        painter.drawPolygon(QPolygonF([QPointF(right - corner, 1), QPointF(right, 1),
                                       QPointF(right, 1 + corner)]))  # fmt: skip
        painter.end()
        mark = QLabel()
        mark.setPixmap(pixmap)
        text = QLabel(_("corrected after a first entry"))
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(mark)
        row.addWidget(text)
        return widget

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        answer = max(metrics.horizontalAdvance("abcd") + 20, metrics.horizontalAdvance("a–d+") + 16, 48)
        for column in range(self.model.score_column):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, answer)
        if self.model.columnCount():
            header.setSectionResizeMode(self.model.score_column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(self.model.score_column,
                                 metrics.horizontalAdvance("100,25 / 100,5 · 100 %") + 20)  # fmt: skip
        names = self.table.verticalHeader()
        widest = max([metrics.horizontalAdvance(f"40. {r.person.participant.display_name}")
                      for r in self.model.grid.rows] or [0])  # fmt: skip
        names.setFixedWidth(min(max(widest + 24, 180), 320))

    # -- showing --------------------------------------------------------------------------------

    def set_phase(self, phase: str, focus: bool = True) -> None:
        """Enter the answers of ``phase`` (the cursor goes to the grid unless ``focus`` is
        False)."""
        if phase not in PHASES:
            raise ValueError(phase)
        for button in self.phase_buttons.buttons():
            button.setChecked(button.property("phase") == phase)
        if phase != self.phase:
            self.phase = phase
            self.reload()
        if focus and self.table.isVisible():
            self.table.setFocus()

    def reload(self) -> None:
        """Read the phase again from the database, keeping the current cell."""
        current = self.table.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (0, 0)
        quizzes = self.workspace.quizzes
        phase_name = _(PHASES[self.phase]).lower()
        problem = ""
        grid = PaperGrid()
        if self.phase not in quizzes.assignments(self.session_id):
            problem = _("Choose a quiz for the {phase} above.").format(phase=phase_name)
        else:
            try:
                quiz = quizzes.session_quiz(self.session_id, self.phase)
            except NotFoundError as exc:
                problem = exc.message
            else:
                grid = load_paper_grid(quizzes, self.workspace.participants, self.session_id,
                                       self.phase, quiz.content)  # fmt: skip
                if not grid.questions:
                    problem = _("The quiz “{title}” has no questions yet.").format(title=quiz.title)
                elif not grid.rows:
                    problem = _("Enrol participants first (Participants tab).")
        if problem:
            grid = PaperGrid()
        reshaped = ([q.key for q in grid.questions] != [q.key for q in self.model.grid.questions]
                    or len(grid.rows) != self.model.rowCount())  # fmt: skip
        self.model.set_grid(grid)
        if reshaped:
            self._size_columns()
        self.empty_label.setText(problem)
        self.empty_label.setVisible(bool(problem))
        for widget in (self.table, self.legend, self.hint):
            widget.setVisible(not problem)
        keys = {q.key for q in grid.questions}
        self.not_answerable_legend.setVisible(any(r.questions.keys() != keys for r in grid.rows))
        if not problem:
            row = min(max(row, 0), self.model.rowCount() - 1)
            column = min(max(column, 0), self.model.score_column - 1)
            if self.table.currentIndex() != self.model.index(row, column):
                self.table.setCurrentIndex(self.model.index(row, column))
        self._show_current()

    def _show_current(self) -> None:
        """Under the grid: the current person's score."""
        index = self.table.currentIndex()
        rows = self.model.grid.rows
        if not index.isValid() or not 0 <= index.row() < len(rows):
            self.current.setText("")
            return
        row = rows[index.row()]
        name = row.person.participant.display_name
        if row.score is None:
            self.current.setText(_("{name}: no answer yet").format(name=name))
        else:
            self.current.setText(_("{name}: {score}").format(name=name, score=score_text(row.score)))

    # -- actions --------------------------------------------------------------------------------

    def enter(self, row: int, column: int, typed: str, step: int = 0) -> bool:
        """Save what was typed in a cell (through the core), then move by ``step`` cells.
        Returns False when the core refused it (the runner showed why; the cell is unchanged)."""
        index = self.model.index(row, column)
        key = index.data(QuestionKeyRole)
        if not index.isValid() or key is None or not index.data(AnswerableRole):
            return False
        enrolment_id = self.model.grid.rows[row].enrolment_id
        previous = index.data(Qt.ItemDataRole.EditRole) or ""
        outcome = self.runner.run(self, self.workspace.quizzes.enter_paper_answer, enrolment_id,
                                  self.phase, key, typed, changes={operations.QUIZZES})  # fmt: skip
        self.table.setFocus()
        if not outcome.ok:
            self.table.setCurrentIndex(index)
            return False
        self.model.apply_entry(row, key, outcome.value)
        if outcome.value.kind:  # something was recorded
            self.undo_stack.append(Undo(self.phase, enrolment_id, key, previous))
        self.table.step_from(row, column, step)
        self.answers_changed.emit(self.phase, self.model.grid.taken)
        return True

    def undo(self) -> bool:
        """Type back what the last changed cell showed before (a new entry: the undone one stays
        on record)."""
        while self.undo_stack:
            last = self.undo_stack.pop()
            if last.phase != self.phase:
                self.set_phase(last.phase)
            row, column = self.model.row_of(last.enrolment_id), self.model.column_of(last.key)
            if row < 0 or column < 0:
                continue  # that person or question is gone
            self.table.setCurrentIndex(self.model.index(row, column))
            depth = len(self.undo_stack)
            done = self.enter(row, column, last.previous, 0)
            del self.undo_stack[depth:]  # undoing is not itself undone
            return done
        return False


def _chip(background: str, foreground: str, text: str) -> QLabel:
    """A legend entry: the text on the tint it explains."""
    label = QLabel(text)
    label.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                        "border-radius: 3px; padding: 1px 6px; }")  # fmt: skip
    return label


__all__ = ["AnswerDelegate", "PaperGridView", "QuizGrid"]
