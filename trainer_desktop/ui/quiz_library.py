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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
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

from .library_window import LibraryEditorWindow, LibraryModel, LibraryTexts, LibraryWindow
from .operations import QUIZZES, OperationRunner
from .question_editor import QuestionEditor, plain_text
from .quiz_print import UNSAFE_IN_FILE_NAMES
from .table_model import RowsTableModel, read_only_table

_Index = QModelIndex | QPersistentModelIndex
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
    name = " ".join(UNSAFE_IN_FILE_NAMES.sub(" ", title).split())[:100].rstrip(". ")
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


class QuizzesModel(LibraryModel):
    HEADERS = QUIZ_HEADERS

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


class QuizEditor(LibraryEditorWindow):
    """A new quiz (``quiz_id`` None: created on the first save) or an existing one."""

    CHANGES = QUIZZES

    def __init__(self, workspace: Workspace, runner: OperationRunner, quiz_id: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(workspace, runner, quiz_id, parent)
        #: The questions as being edited (the one on the right included, at each keystroke).
        self.questions: list[Question] = []
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
        self.remove_button.setToolTip(_("Remove the selected question (Del in the list)"))
        self.editor = QuestionEditor()
        self.editor.changed.connect(self._question_edited)
        self._build_splitter(self.remove_question, self.move_question)

        bottom = self._save_row(_("Save the quiz ({shortcut})"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.title.textEdited.connect(self._update_modified)
        self.language.currentIndexChanged.connect(self._update_modified)
        self.instructions.textChanged.connect(self._update_modified)

    @property
    def quiz_id(self) -> str | None:
        return self.record_id

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

    def _unnamed(self) -> str:
        return _("New quiz")

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

    # -- saving
    def _service(self) -> QuizService:
        return self.workspace.quizzes

    def _reload(self, quiz: Quiz) -> None:
        self._load(quiz.language, quiz.title, quiz.instructions, list(quiz.content.questions),
                   max(self._current, 0))  # fmt: skip

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


# -- the library ------------------------------------------------------------------------------


class QuizLibrary(LibraryWindow):
    """Every quiz of the library, to build, edit, copy, delete, import and export."""

    CHANGES = QUIZZES

    def _texts(self) -> LibraryTexts:
        return LibraryTexts(
            title=_("Quizzes"), new_tip=_("A new, empty quiz"),
            edit_tip=_("Edit the selected quiz (Enter)"),
            duplicate_tip=_("A copy of the selected quiz, to edit into a parallel post-test"),
            delete_tip=_("Delete the selected quiz (Del)"),
            undo_tip=_("Bring the last deleted quiz back"), delete_title=_("Delete quiz"),
            delete_question=_("Delete the quiz “{title}”? (Ctrl+Z brings it back.)"))  # fmt: skip

    def _make_model(self) -> QuizzesModel:
        return QuizzesModel(self)

    def _file_buttons(self) -> tuple[QPushButton, QPushButton]:
        return (self._button(_("Import GIFT…"), self.import_gift, ["Ctrl+I"],
                             _("A new quiz from a Moodle GIFT file")),
                self._button(_("Export GIFT…"), self.export_gift, ["Ctrl+E"],
                             _("Save the selected quiz as a GIFT file, for Moodle or another "
                               "laptop")))  # fmt: skip

    def _rows(self) -> list[QuizRow]:
        return quiz_rows(self.workspace.quizzes)

    def _matches(self, query: str, row: QuizRow) -> bool:
        return matches(query, row.title, language_name(row.language), row.language)

    def _empty_text(self, query: str, any_at_all: bool) -> str:
        return (_("No quiz matches “{text}”.").format(text=query) if any_at_all else
                _("No quizzes yet. Create one with “New…”, or import a GIFT file from Moodle "
                  "with “Import GIFT…”."))  # fmt: skip

    def _count_text(self, count: int) -> str:
        return ngettext("{count} quiz", "{count} quizzes", count).format(count=count)

    def _service(self) -> QuizService:
        return self.workspace.quizzes

    def _duplicate_action(self) -> Callable[[str], Quiz]:
        return self.workspace.quizzes.duplicate

    def _duplicated_text(self, title: str) -> str:
        return _("“{title}” is a copy with new questions of its own: edit it into a parallel "
                 "post-test.").format(title=title)  # fmt: skip

    def _make_editor(self, record_id: str | None) -> QuizEditor:
        return QuizEditor(self.workspace, self.runner, record_id, self)

    def import_gift(self) -> None:
        path = self._ask_import_path(_("Import questions from a GIFT file"), _(GIFT_FILTER))
        if path is None:
            return
        outcome = self.runner.run(self, import_gift_file, self.workspace.quizzes, path,
                                  i18n.current().language, changes={QUIZZES})  # fmt: skip
        if not outcome.ok:
            return
        quiz = outcome.value
        self._show_new(quiz.id)
        count = len(quiz.content.questions)
        self.status.setText(ngettext(
            "{count} question imported from {file} into the new quiz “{title}” (Edit… to change "
            "its title).",
            "{count} questions imported from {file} into the new quiz “{title}” (Edit… to "
            "change its title).", count).format(count=count, file=path.name,
                                                  title=quiz.title))  # fmt: skip

    def export_gift(self) -> None:
        quiz = self.current()
        if quiz is None:
            return
        out = self._ask_export_path(_("Export the quiz as a GIFT file"),
                                    gift_file_name(quiz.title), _(GIFT_FILTER), ".gift")  # fmt: skip
        if out is None:
            return
        outcome = self.runner.run(self, export_gift_file, self.workspace.quizzes, quiz.id, out)
        if outcome.ok:
            self.status.setText(ngettext("{count} question written to {file}.",
                                         "{count} questions written to {file}.",
                                         outcome.value).format(count=outcome.value, file=out))  # fmt: skip
