"""The quiz library: every pre/post test of this laptop, built, edited, copied for a parallel
post-test, deleted (Ctrl+Z brings it back), imported from and exported to Moodle's GIFT files.

:class:`QuizLibrary` lists the quizzes; :class:`QuizEditor` edits one (its title, language,
instructions and questions, the selected question on the right in a
:class:`~.question_editor.QuestionEditor`). Everything is saved through the runner and checked
by the core: a refused question is selected so the trainer sees what the message is about, and
changing the questions of a quiz somebody already answered asks first (their attempts keep the
questions they answered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.files import atomic_file
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.quiz_content import KINDS, MAX_QUESTIONS, Question
from trainer_desktop.core.quizzes import TITLE_MAX, Quiz, QuizService
from trainer_desktop.core.search import matches
from trainer_desktop.core.sessions import SESSION_LANGUAGES
from trainer_desktop.core.workspace import Workspace

from .operations import QUIZZES, OperationRunner
from .programme_print import documents_folder
from .question_editor import QuestionEditor, plain_text
from .table_model import RowsTableModel, read_only_table

_Index = QModelIndex | QPersistentModelIndex
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
GIFT_FILTER = N_("GIFT files (*.gift *.txt);;All files (*)")
FIRST_WORDS = 90  # characters of a question shown in the list


def language_name(code: str) -> str:
    return _(SESSION_LANGUAGES[code]) if code in SESSION_LANGUAGES else code


def points_text(points: float) -> str:
    return i18n.current().format_number(round(points, 2))


def points_label(points: float) -> str:
    """“1 point”, “16.5 points”."""
    count = int(points) if float(points).is_integer() else 2  # a fraction reads as plural
    return ngettext("{points} point", "{points} points", count).format(points=points_text(points))


# -- GIFT files (plain functions the runner calls) ----------------------------------------------


def title_from_file_name(path: Path) -> str:
    """“torture_opcat_fr.gift” → “torture opcat fr”: a title to change afterwards."""
    return " ".join(path.stem.replace("_", " ").split())[:TITLE_MAX] or path.name


def import_gift_file(quizzes: QuizService, path: Path, language: str) -> Quiz:
    """A new quiz holding the questions of a GIFT file; nothing is created if the file is refused
    (:class:`~trainer_desktop.core.gift.GiftError` names the line)."""
    from trainer_desktop.core import gift  # read only when importing

    read = gift.read_gift_file(Path(path))
    return quizzes.create(title_from_file_name(Path(path)), language, "", read.questions)


def export_gift_file(quizzes: QuizService, quiz_id: str, path: Path) -> int:
    """Write a quiz as a GIFT file (all of it or nothing: a cut leaves the old file); returns
    the number of questions written."""
    from trainer_desktop.core import gift

    quiz = quizzes.get(quiz_id)
    questions = quiz.content.questions
    text = gift.write_gift(questions, title=quiz.title)
    with atomic_file(Path(path)) as out:
        out.write(text.encode("utf-8"))
    return len(questions)


def gift_file_name(title: str) -> str:
    """The quiz's title, without the characters Windows refuses in a file name, ``.gift``."""
    name = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", title).split())[:100].rstrip(". ")
    return f"{name or _('Quiz')}.gift"


# -- the library's list -------------------------------------------------------------------------

TITLE, LANGUAGE, QUESTIONS, POINTS, ATTEMPTS = range(5)
QuizIdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class QuizRow:
    id: str
    title: str
    language: str
    questions: int
    points: float
    attempts: int


def quiz_rows(quizzes: QuizService) -> list[QuizRow]:
    rows = []
    for quiz in quizzes.list_quizzes():
        content = quiz.content
        rows.append(QuizRow(quiz.id, quiz.title, quiz.language, len(content.questions),
                            content.max_score, quizzes.attempt_count(quiz.id)))  # fmt: skip
    return rows


QUIZ_HEADERS = {TITLE: N_("Title"), LANGUAGE: N_("Language"), QUESTIONS: N_("Questions"),
                POINTS: N_("Points"), ATTEMPTS: N_("Attempts")}  # fmt: skip


class QuizzesModel(RowsTableModel):
    HEADERS = QUIZ_HEADERS

    def refresh(self, rows: Sequence[QuizRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def quiz(self, row: int) -> QuizRow:
        return self._rows[row]

    def row_of(self, quiz_id: str | None) -> int | None:
        return next((r for r, q in enumerate(self._rows) if q.id == quiz_id), None)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        quiz = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {TITLE: quiz.title, LANGUAGE: language_name(quiz.language),
                    QUESTIONS: str(quiz.questions), POINTS: points_text(quiz.points),
                    ATTEMPTS: str(quiz.attempts) if quiz.attempts else ""}.get(column)  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (QUESTIONS, POINTS, ATTEMPTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == ATTEMPTS and quiz.attempts:
            return ngettext("{count} person answered this quiz.",
                            "{count} people answered this quiz.", quiz.attempts).format(
                count=quiz.attempts)  # fmt: skip
        if role == QuizIdRole:
            return quiz.id
        return None


# -- the editor's list of questions ---------------------------------------------------------------

NUMBER, KIND, TEXT, QUESTION_POINTS = range(4)


QUESTION_HEADERS = {NUMBER: N_("No."), KIND: N_("Kind"), TEXT: N_("Question"),
                    QUESTION_POINTS: N_("Points")}  # fmt: skip


class QuestionsModel(RowsTableModel):
    HEADERS = QUESTION_HEADERS

    def set_questions(self, questions: Sequence[Question]) -> None:
        self.beginResetModel()
        self._rows = list(questions)
        self.endResetModel()

    def set_question(self, row: int, question: Question) -> None:
        self._rows[row] = question
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        question: Question = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(index.row() + 1)
            if column == KIND:
                return _(KINDS.get(question.kind, question.kind))
            if column == TEXT:
                text = plain_text(question) or _("(no text yet)")
                return text if len(text) <= FIRST_WORDS else text[:FIRST_WORDS - 1] + "…"
            if column == QUESTION_POINTS:
                return points_text(question.points)
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            text = plain_text(question)
            return f"{question.title}\n{text}" if question.title else text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, QUESTION_POINTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# -- the quiz editor ------------------------------------------------------------------------------


class QuizEditor(QDialog):
    """A new quiz (``quiz_id`` None: created on the first save) or an existing one."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, quiz_id: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.quiz_id = quiz_id
        #: The questions as being edited (the one on the right included, at each keystroke).
        self.questions: list[Question] = []
        self._saved: Any = None
        self._current = -1
        self._shown_instructions = ("", "")  # (as the box shows them, as stored)
        self._build()
        if quiz_id is None:
            self._load(i18n.current().language, "", "", [Question("single", "")])
        else:
            quiz = workspace.quizzes.get(quiz_id)
            self._load(quiz.language, quiz.title, quiz.instructions, list(quiz.content.questions))
        (self.title if quiz_id is None else self.table).setFocus()
        self.resize(1240, 680)  # within a 1366×768 screen, its taskbar and title bar

    # -- building
    def _build(self) -> None:
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(_("e.g. Human rights and police custody – pre-test"))
        self.language = QComboBox()
        for code, name in SESSION_LANGUAGES.items():
            self.language.addItem(_(name), code)
        self.instructions = QPlainTextEdit()
        self.instructions.setTabChangesFocus(True)
        self.instructions.setPlaceholderText(_("Read to or by the participants before they start "
                                               "(optional)"))  # fmt: skip
        self.instructions.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        language_label = QLabel(_("&Language"))
        language_label.setBuddy(self.language)
        title_row.addSpacing(12)
        title_row.addWidget(language_label)
        title_row.addWidget(self.language)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title_label = QLabel(_("&Title"))
        title_label.setBuddy(self.title)
        form.addRow(title_label, title_row)
        form.addRow(_("&Instructions"), self.instructions)

        self.model = QuestionsModel(self)
        self.table = read_only_table(self.model, _("Questions"))
        header = self.table.horizontalHeader()
        for column in (NUMBER, KIND, QUESTION_POINTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_question(current.row()))  # fmt: skip
        self.summary = QLabel()
        self.add_button = self._button(_("Add"), self.add_question, "Ctrl+N",
                                       _("Add a question after the selected one"))  # fmt: skip
        self.duplicate_button = self._button(_("Duplicate"), self.duplicate_question, "Ctrl+D",
                                             _("Copy the selected question"))  # fmt: skip
        self.remove_button = self._button(_("Remove"), self.remove_question, "",
                                          _("Remove the selected question"))  # fmt: skip
        self.up_button = self._button(_("Up"), lambda: self.move_question(-1), "Ctrl+Up",
                                      _("Move the question up"))  # fmt: skip
        self.down_button = self._button(_("Down"), lambda: self.move_question(1), "Ctrl+Down",
                                        _("Move the question down"))  # fmt: skip
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                               self.remove_question)  # fmt: skip
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_button.setToolTip(_("Remove the selected question (Del in the list)"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        for keys, slot in (("Ctrl+Up", lambda: self.move_question(-1)),
                           ("Ctrl+Down", lambda: self.move_question(1))):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), left, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.editor = QuestionEditor()
        self.editor.changed.connect(self._question_edited)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self.status = QLabel()
        self.status.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Close)  # fmt: skip
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(_("Save the quiz ({shortcut})").format(
            shortcut=QKeySequence(QKeySequence.StandardKey.Save).toString(
                QKeySequence.SequenceFormat.NativeText)))  # fmt: skip
        self.save_button.clicked.connect(self.save)
        self.close_button = box.button(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(box)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.title.textEdited.connect(self._update_modified)
        self.language.currentIndexChanged.connect(self._update_modified)
        self.instructions.textChanged.connect(self._update_modified)

    def _button(self, text: str, slot, keys: str, tooltip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        if keys:
            shortcut = QKeySequence(keys)
            button.setToolTip(_("{action} ({shortcut})").format(
                action=tooltip,
                shortcut=shortcut.toString(QKeySequence.SequenceFormat.NativeText)))  # fmt: skip
            if keys not in ("Ctrl+Up", "Ctrl+Down"):  # those belong to the list (see _build)
                QShortcut(shortcut, self, slot)
        else:
            button.setToolTip(tooltip)
        return button

    # -- filling and reading
    def _load(self, language: str, title: str, instructions: str,
              questions: list[Question], row: int = 0) -> None:  # fmt: skip
        if self.language.findData(language) < 0:  # a language from elsewhere is kept
            self.language.addItem(language, language)
        self.language.setCurrentIndex(self.language.findData(language))
        self.title.setText(title)
        self.title.setCursorPosition(0)
        self.instructions.setPlainText(instructions)
        self._shown_instructions = (self.instructions.toPlainText(), instructions)
        self.questions = list(questions)
        self.model.set_questions(self.questions)
        self._current = -1
        if self.questions:
            self.select_question(min(row, len(self.questions) - 1))
        else:
            self._show_question(-1)
        self._saved = self._state()  # a new quiz left as it opened closes without a question
        self._update_modified()

    def values(self) -> dict[str, Any]:
        """What the core's ``create`` and ``update`` take."""
        instructions = self.instructions.toPlainText()
        if instructions == self._shown_instructions[0]:
            instructions = self._shown_instructions[1]  # untouched: exactly as stored
        return {"title": self.title.text(), "language": self.language.currentData(),
                "instructions": instructions, "questions": list(self.questions)}  # fmt: skip

    def _state(self) -> Any:
        values = self.values()
        return (" ".join(values["title"].split()), values["language"],
                values["instructions"].strip(), [q.to_json() for q in values["questions"]])  # fmt: skip

    def is_modified(self) -> bool:
        return self._state() != self._saved

    def _update_modified(self) -> None:
        modified = self.is_modified()
        self.setWindowModified(modified)
        name = self.title.text().strip() or _("New quiz")
        self.setWindowTitle(_("Quiz: {title}").format(title=name) + "[*]")
        self.summary.setText(_("{questions}, {points}").format(
            questions=ngettext("{count} question", "{count} questions", len(self.questions))
            .format(count=len(self.questions)),
            points=points_label(sum(q.points for q in self.questions))))  # fmt: skip
        current = self._current
        self.duplicate_button.setEnabled(current >= 0)
        self.remove_button.setEnabled(current >= 0)
        self.up_button.setEnabled(current > 0)
        self.down_button.setEnabled(0 <= current < len(self.questions) - 1)
        self.add_button.setEnabled(len(self.questions) < MAX_QUESTIONS)

    # -- the questions
    def select_question(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, TEXT))
        self.table.selectRow(row)
        if row != self._current:
            self._show_question(row)

    def _show_question(self, row: int) -> None:
        if row == self._current:
            return
        self._current = row
        self.editor.setEnabled(row >= 0)
        if row >= 0:
            self.editor.set_question(self.questions[row], row + 1)
        self._update_modified()

    def _question_edited(self) -> None:
        row = self._current
        if row < 0:
            return
        self.questions[row] = self.editor.question()
        self.model.set_question(row, self.questions[row])
        self._update_modified()

    def _replace_questions(self, questions: list[Question], select: int) -> None:
        self.questions = questions
        self.model.set_questions(questions)
        self._current = -1
        if questions:
            self.select_question(max(0, min(select, len(questions) - 1)))
        else:
            self._show_question(-1)
        self._update_modified()

    def add_question(self) -> None:
        if len(self.questions) >= MAX_QUESTIONS:
            return
        current = self.questions[self._current] if self._current >= 0 else None
        # Trainers write runs of one kind; the category keeps a Moodle export in one place.
        new = Question(current.kind, "", category=current.category) if current else Question(
            "single", "")  # fmt: skip
        row = self._current + 1 if current else len(self.questions)
        self._replace_questions(self.questions[:row] + [new] + self.questions[row:], row)
        self.editor.text.setFocus()
        self.status.setText("")

    def duplicate_question(self) -> None:
        row = self._current
        if row < 0 or len(self.questions) >= MAX_QUESTIONS:
            return
        copy = replace(self.questions[row], key="")  # a new question: answers are not shared
        self._replace_questions(self.questions[:row + 1] + [copy] + self.questions[row + 1:],
                                row + 1)  # fmt: skip
        self.status.setText(_("Question {number} is a copy of question {original}.").format(
            number=row + 2, original=row + 1))  # fmt: skip

    def remove_question(self) -> None:
        row = self._current
        if row < 0:
            return
        self._replace_questions(self.questions[:row] + self.questions[row + 1:], row)
        self.status.setText(_("Question {number} was removed (Close and Discard bring it back "
                              "until you save).").format(number=row + 1))  # fmt: skip
        self.table.setFocus()

    def move_question(self, step: int) -> None:
        row = self._current
        target = row + step
        if row < 0 or not 0 <= target < len(self.questions):
            return
        questions = list(self.questions)
        questions[row], questions[target] = questions[target], questions[row]
        self._replace_questions(questions, target)
        self.table.setFocus()

    # -- saving and closing
    def save(self) -> bool:
        values = self.values()
        quizzes = self.workspace.quizzes
        if self.quiz_id is None:
            outcome = self.runner.run(self, quizzes.create, changes={QUIZZES}, **values)
        else:
            outcome = self.runner.run(self, quizzes.update, self.quiz_id, changes={QUIZZES},
                                      **values)  # fmt: skip
        if not outcome.ok:
            self._show_error(outcome.error.field if outcome.error else None)
            return False
        if self.quiz_id is None:
            self.quiz_id = outcome.value.id
        quiz = self.workspace.quizzes.get(self.quiz_id)  # with the keys the core gave
        self._load(quiz.language, quiz.title, quiz.instructions, list(quiz.content.questions),
                   max(self._current, 0))  # fmt: skip
        self.status.setText(_("Saved."))
        return True

    def _show_error(self, field: str | None) -> None:
        if field and field.startswith("question:"):
            row = int(field.split(":")[1]) - 1
            if 0 <= row < len(self.questions):
                self.select_question(row)
                self.editor.text.setFocus()
        elif field == "title":
            self.title.setFocus()
        elif field == "language":
            self.language.setFocus()

    def reject(self) -> None:
        """Close; unsaved changes are saved, dropped or kept open as the trainer says."""
        if self.is_modified():
            answer = QMessageBox.question(
                self, _("Unsaved changes"),
                _("Save the changes to “{title}” before closing?").format(
                    title=self.title.text().strip() or _("New quiz")),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )  # fmt: skip
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()


# -- the library ------------------------------------------------------------------------------


class QuizLibrary(QDialog):
    """Every quiz of the library, to build, edit, copy, delete, import and export."""

    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.editor: QuizEditor | None = None
        #: (id, title) of the quizzes deleted here, the last one last: what Ctrl+Z brings back.
        self.deleted: list[tuple[str, str]] = []
        self.folder = documents_folder()
        self.setWindowTitle(_("Quizzes"))
        self.setModal(False)
        self._build()
        runner.changed.connect(self._on_changed)
        self._following = True
        self.refresh()
        (self.table if self.model.rowCount() else self.new_button).setFocus()
        self.resize(1000, 560)

    def _build(self) -> None:
        heading = QLabel(_("Quizzes"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.count_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter by title or language"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(300)
        self.filter.textChanged.connect(lambda _text: self.refresh())
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(8)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.filter)

        self.model = QuizzesModel(self)
        self.table = read_only_table(self.model, _("Quizzes"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (LANGUAGE, QUESTIONS, POINTS, ATTEMPTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.lists = QStackedWidget()
        self.lists.addWidget(self.table)
        self.lists.addWidget(self.empty_label)

        key = QKeySequence.StandardKey
        self.new_button = self._button(_("New…"), self.new, [key.New], _("A new, empty quiz"))
        self.edit_button = self._button(_("Edit…"), self.edit, [], _("Edit the selected quiz "
                                                                     "(Enter)"))  # fmt: skip
        self.duplicate_button = self._button(
            _("Duplicate"), self.duplicate, ["Ctrl+D"],
            _("A copy of the selected quiz, to edit into a parallel post-test"))  # fmt: skip
        self.delete_button = self._button(_("Delete…"), self.delete, [], _("Delete the selected "
                                                                           "quiz (Del)"))  # fmt: skip
        self.undo_button = self._button(_("Undo delete"), self.undo_delete, [key.Undo],
                                        _("Bring the last deleted quiz back"))  # fmt: skip
        self.import_button = self._button(_("Import GIFT…"), self.import_gift, ["Ctrl+I"],
                                          _("A new quiz from a Moodle GIFT file"))  # fmt: skip
        self.export_button = self._button(_("Export GIFT…"), self.export_gift, ["Ctrl+E"],
                                          _("Save the selected quiz as a GIFT file, for Moodle "
                                            "or another laptop"))  # fmt: skip
        for keys, slot in (([Qt.Key.Key_Return, Qt.Key.Key_Enter], self.edit),
                           ([key.Delete], self.delete)):  # fmt: skip
            for each in keys:
                shortcut = QShortcut(QKeySequence(each), self.table, slot)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        side = QVBoxLayout()
        for button in (self.new_button, self.edit_button, self.duplicate_button,
                       self.delete_button, self.undo_button):  # fmt: skip
            side.addWidget(button)
        side.addSpacing(16)
        side.addWidget(self.import_button)
        side.addWidget(self.export_button)
        side.addStretch(1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        box.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(box)
        body = QHBoxLayout()
        body.addWidget(self.lists, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    def _button(self, text: str, slot, keys: list, tooltip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        for each in keys:
            QShortcut(QKeySequence(each), self, slot)
        if keys:
            shortcut = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            tooltip = _("{action} ({shortcut})").format(action=tooltip, shortcut=shortcut)
        button.setToolTip(tooltip)
        return button

    # -- state
    def refresh(self, select: str | None = None) -> None:
        wanted = select or self.current_id()
        row = max(self.table.currentIndex().row(), 0)
        every = quiz_rows(self.workspace.quizzes)
        query = self.filter.text()
        shown = [q for q in every if matches(query, q.title, language_name(q.language), q.language)]
        self.model.refresh(shown)
        if shown:
            found = self.model.row_of(wanted)
            self.table.selectRow(found if found is not None else min(row, len(shown) - 1))
            self.lists.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(
                _("No quiz matches “{text}”.").format(text=query.strip()) if every else
                _("No quizzes yet. Create one with “New…”, or import a GIFT file from Moodle "
                  "with “Import GIFT…”."))  # fmt: skip
            self.lists.setCurrentWidget(self.empty_label)
        self.count_label.setText(ngettext("{count} quiz", "{count} quizzes", len(every)).format(
            count=len(every)) if len(shown) == len(every) else
            _("{shown} of {count}").format(shown=len(shown), count=len(every)))  # fmt: skip
        self._update()

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.quiz(rows[0].row()).id if rows else None

    def current(self) -> QuizRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.quiz(rows[0].row()) if rows else None

    def _update(self) -> None:
        selected = self.current_id() is not None
        for button in (self.edit_button, self.duplicate_button, self.delete_button,
                       self.export_button):  # fmt: skip
            button.setEnabled(selected)
        self.undo_button.setEnabled(bool(self.deleted))
        if self.deleted:
            self.undo_button.setToolTip(_("Bring “{title}” back (Ctrl+Z)").format(
                title=self.deleted[-1][1]))  # fmt: skip

    def _on_changed(self, changed: frozenset, _source: object) -> None:
        if QUIZZES in changed:
            self.refresh()

    def done(self, code: int) -> None:
        if self._following:
            self.runner.changed.disconnect(self._on_changed)
            self._following = False
        super().done(code)

    # -- actions
    def _open_editor(self, quiz_id: str | None) -> QuizEditor:
        editor = QuizEditor(self.workspace, self.runner, quiz_id, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _code: self._editor_closed(editor))
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop
        return editor

    def _editor_closed(self, editor: QuizEditor) -> None:
        if self.editor is editor:
            self.editor = None
        if editor.quiz_id:
            self.refresh(select=editor.quiz_id)
        self.table.setFocus()

    def new(self) -> QuizEditor:
        return self._open_editor(None)

    def edit(self) -> QuizEditor | None:
        quiz_id = self.current_id()
        return self._open_editor(quiz_id) if quiz_id else None

    def duplicate(self) -> None:
        quiz = self.current()
        if quiz is None:
            return
        outcome = self.runner.run(self, self.workspace.quizzes.duplicate, quiz.id,
                                  changes={QUIZZES})  # fmt: skip
        if outcome.ok:
            self.filter.clear()  # the copy may not match the filter
            self.refresh(select=outcome.value.id)
            self.status.setText(_("“{title}” is a copy with new questions of its own: edit it "
                                  "into a parallel post-test.").format(title=outcome.value.title))  # fmt: skip

    def delete(self) -> None:
        quiz = self.current()
        if quiz is None:
            return
        answer = QMessageBox.question(
            self, _("Delete quiz"),
            _("Delete the quiz “{title}”? (Ctrl+Z brings it back.)").format(title=quiz.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = self.runner.run(self, self.workspace.quizzes.delete, quiz.id, changes={QUIZZES})
        if outcome.ok:
            self.deleted.append((quiz.id, quiz.title))
            self.status.setText(_("“{title}” was deleted (Ctrl+Z brings it back).").format(
                title=quiz.title))  # fmt: skip
            self._update()

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        quiz_id, title = self.deleted[-1]
        outcome = self.runner.run(self, self.workspace.quizzes.restore, quiz_id, changes={QUIZZES})
        if outcome.ok:
            self.deleted.pop()
            self.filter.clear()
            self.refresh(select=quiz_id)
            self.status.setText(_("“{title}” was restored.").format(title=title))
        self._update()

    def import_gift(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import questions from a GIFT file"), str(self.folder), _(GIFT_FILTER))
        if not path:
            return
        self.folder = Path(path).parent
        outcome = self.runner.run(self, import_gift_file, self.workspace.quizzes, Path(path),
                                  i18n.current().language, changes={QUIZZES})  # fmt: skip
        if not outcome.ok:
            return
        quiz = outcome.value
        self.filter.clear()
        self.refresh(select=quiz.id)
        count = len(quiz.content.questions)
        self.status.setText(ngettext(
            "{count} question imported from {file} into the new quiz “{title}” (Edit… to change "
            "its title).",
            "{count} questions imported from {file} into the new quiz “{title}” (Edit… to "
            "change its title).", count).format(count=count, file=Path(path).name,
                                                  title=quiz.title))  # fmt: skip

    def export_gift(self) -> None:
        quiz = self.current()
        if quiz is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the quiz as a GIFT file"), str(self.folder / gift_file_name(quiz.title)),
            _(GIFT_FILTER))  # fmt: skip
        if not path:
            return
        out = Path(path if Path(path).suffix else f"{path}.gift")
        self.folder = out.parent
        outcome = self.runner.run(self, export_gift_file, self.workspace.quizzes, quiz.id, out)
        if outcome.ok:
            self.status.setText(ngettext("{count} question written to {file}.",
                                         "{count} questions written to {file}.",
                                         outcome.value).format(count=outcome.value, file=out))  # fmt: skip
