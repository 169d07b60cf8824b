"""The paper-entry grid of a session's pre-test or post-test as a Qt table model.

One row per enrolled person (their name is the row header, so it stays in view when forty
questions scroll sideways), one column per question, then the score. A cell shows the answer as
it was written on paper: ``b``, ``ac``, ``t``/``f``, ``3.5``; it is tinted when the answer is
right, partly right or wrong, and marked when it was corrected after a first entry.

:func:`load_paper_grid` reads everything once; after each typed answer the page hands the core's
:class:`~trainer_desktop.core.quizzes.PaperEntry` to :meth:`PaperGridModel.apply_entry`, which
updates that one row (no re-read of the grid: entering an answer stays instant with 40 people ×
40 questions).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.quiz_content import (
    KINDS,
    Question,
    QuizContent,
    letter,
    response_as_letters,
)
from trainer_desktop.core.quiz_scoring import AttemptScore

if TYPE_CHECKING:
    from trainer_desktop.core.participants import EnrolledPerson, ParticipantService
    from trainer_desktop.core.quizzes import PaperEntry, QuizService

#: The question key of an answer column (None in the score column).
QuestionKeyRole = Qt.ItemDataRole.UserRole + 1
#: The enrolment id of a row.
EnrolmentIdRole = Qt.ItemDataRole.UserRole + 2
#: "right", "partly", "wrong" for an answered cell; None otherwise.
CorrectnessRole = Qt.ItemDataRole.UserRole + 3
#: True when the cell's answer was corrected after a first entry.
CorrectedRole = Qt.ItemDataRole.UserRole + 4
#: False when the person's attempt answered an earlier version without this question.
AnswerableRole = Qt.ItemDataRole.UserRole + 5
#: The question's kind ("single", "multiple", "truefalse", "numeric") of an answer column.
KindRole = Qt.ItemDataRole.UserRole + 6

#: Background and text of a cell by correctness (text set with the background so it stays
#: readable under a dark theme).
TINTS = {
    "right": (QColor("#dcefe0"), QColor("#1e4d2b")),
    "partly": (QColor("#fbecc8"), QColor("#5c4400")),
    "wrong": (QColor("#f6d9d6"), QColor("#8c1d18")),
}
NOT_ANSWERABLE = QBrush(QColor("#b8b8b8"), Qt.BrushStyle.BDiagPattern)
# Brushes made once: the view asks every visible cell for them on each paint.
TINT_BRUSHES = {name: (QBrush(background), QBrush(foreground))
                 for name, (background, foreground) in TINTS.items()}  # fmt: skip

_Index = QModelIndex | QPersistentModelIndex
# Made once: combining flags costs more than painting a cell, and the view asks for every cell.
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ANSWER_FLAGS = _CELL_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass
class PaperRow:
    """One person's answers to one phase, as the grid shows them."""

    person: EnrolledPerson
    content: QuizContent  # what this row answers: its attempt's version, else the quiz now
    earlier_version: bool = False  # the attempt answered other questions than the quiz now
    responses: dict[str, str] = field(default_factory=dict)
    score: AttemptScore | None = None  # None while nothing is answered
    earlier: dict[str, list[str]] = field(default_factory=dict)  # key -> responses corrected
    questions: dict[str, Question] = field(init=False, repr=False)  # key -> question, as answered

    @property
    def enrolment_id(self) -> str:
        return self.person.enrolment.id

    _cells: dict[str, tuple[str, str | None]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.questions = self.content.by_key()

    def cell(self, key: str) -> tuple[str, str | None]:
        """(letters shown, right/partly/wrong) of one answer, worked out once: a repaint asks
        every visible cell several times, and scoring a response is not free."""
        cached = self._cells.get(key)
        if cached is None:
            question, response = self.questions[key], self.responses.get(key)
            cached = self._cells[key] = (answer_letters(question, response), correctness(question, response))
        return cached

    def forget(self, key: str) -> None:
        self._cells.pop(key, None)


@dataclass
class PaperGrid:
    """Columns (questions) and rows (people) of one phase."""

    questions: list[Question] = field(default_factory=list)
    rows: list[PaperRow] = field(default_factory=list)

    @property
    def taken(self) -> int:
        """People with at least one answer."""
        return sum(1 for row in self.rows if row.responses)


def load_paper_grid(quizzes: QuizService, participants: ParticipantService, session_id: str,
                    phase: str, content: QuizContent) -> PaperGrid:  # fmt: skip
    """Read one phase of a session for the grid. ``content`` is the session's quiz as it is now;
    a person whose attempt answered an earlier version keeps that version's questions (extra
    ones get columns after the quiz's own)."""
    people = participants.enrolled(session_id)
    attempts = quizzes.phase_attempts(session_id, phase)
    corrected = quizzes.corrected(session_id, phase)
    questions = list(content.questions)
    keys = {q.key for q in questions}
    rows = []
    for person in people:
        attempt = attempts.get(person.enrolment.id)
        if attempt is None:
            rows.append(PaperRow(person, content))
            continue
        answered = attempt.content
        for question in answered.questions:
            if question.key not in keys:
                keys.add(question.key)
                questions.append(question)
        earlier = corrected.get(person.enrolment.id, {})
        rows.append(PaperRow(person, answered,
                             earlier_version=answered != content,
                             responses=dict(attempt.responses), score=attempt.result,
                             earlier=earlier))  # fmt: skip
    return PaperGrid(questions, rows)


def choice_range(question: Question) -> str:
    """“a–d”: the letters a question accepts."""
    return f"{letter(0)}–{letter(max(len(question.choices) - 1, 0))}"


def kind_hint(question: Question) -> str:
    """The second line of a column header: what to type."""
    if question.kind == "truefalse":
        return f"{true_letter()}/{false_letter()}"
    if question.kind == "numeric":
        return "0–9"
    if question.kind == "multiple":
        return f"{choice_range(question)}+"  # + several letters
    return choice_range(question)


def how_to_type(question: Question) -> str:
    """The line of a column tooltip that says what to type."""
    if question.kind == "truefalse":
        return _("Type {t} (true) or {f} (false).").format(t=true_letter(), f=false_letter())
    if question.kind == "numeric":
        return _("Type the number written, then Enter.")
    if question.kind == "multiple":
        return _("Type every letter ticked ({letters}), then Enter.").format(
            letters=choice_range(question))  # fmt: skip
    return _("Type the letter ticked ({letters}).").format(letters=choice_range(question))


def true_letter() -> str:
    return i18n.current().pgettext("paper grid: letter for true", "t")


def false_letter() -> str:
    return i18n.current().pgettext("paper grid: letter for false", "f")


def answer_letters(question: Question, response: str | None) -> str:
    """What a cell shows: ``b``, ``ac``, ``3.5``, and t/f in the interface language."""
    shown = response_as_letters(question, response)
    if question.kind == "truefalse" and shown in ("v", "f"):
        return true_letter() if shown == "v" else false_letter()
    return shown


def correctness(question: Question, response: str | None) -> str | None:
    if not response:
        return None
    credit = question.credit(response)
    if credit >= 1.0 - 1e-9:
        return "right"
    return "partly" if credit > 0 else "wrong"


def score_text(score: AttemptScore | None) -> str:
    """“7.5 / 15 · 50%”."""
    if score is None:
        return ""
    tr = i18n.current()
    return _("{score} / {total} · {percent}").format(
        score=tr.format_number(round(score.score, 2)), total=tr.format_number(round(score.max_score, 2)),
        percent=tr.format_percent(score.percent / 100))  # fmt: skip


def plain_text(question: Question) -> str:
    """The question's words for a tooltip (without the markup of an HTML or Moodle text)."""
    text = question.text
    if question.text_format in ("html", "moodle") or "<" in text:
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"


class PaperGridModel(QAbstractTableModel):
    """People × questions, then the score. The page asks the core for every change and hands
    the result back with :meth:`apply_entry`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid = PaperGrid()

    # -- contents -------------------------------------------------------------------------------

    @property
    def grid(self) -> PaperGrid:
        return self._grid

    def set_grid(self, grid: PaperGrid) -> None:
        """Show ``grid``. Same people and questions: cells are updated in place (the view keeps
        its current cell, editor and scroll position); otherwise the model is reset."""
        same_shape = ([r.enrolment_id for r in grid.rows] == [r.enrolment_id for r in self._grid.rows]
                      and [q.key for q in grid.questions] == [q.key for q in self._grid.questions])  # fmt: skip
        if not same_shape:
            self.beginResetModel()
            self._grid = grid
            self.endResetModel()
            return
        self._grid = grid
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))  # fmt: skip
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(self.rowCount() - 1, 0))

    def apply_entry(self, row: int, key: str, entry: PaperEntry) -> None:
        """What the core returned for one typed answer: that row's cell and score change."""
        target = self._grid.rows[row]
        target.forget(key)
        previous = target.responses.get(key)
        if entry.kind == "correction" and previous is not None:
            target.earlier.setdefault(key, []).append(previous)
        if entry.response:
            target.responses[key] = entry.response
        else:
            target.responses.pop(key, None)
        target.score = entry.score if target.responses else None
        # The cell and the score: repainting a whole row of forty cells costs more than saving.
        column = self.column_of(key)
        self.dataChanged.emit(self.index(row, column), self.index(row, column))
        self.dataChanged.emit(self.index(row, self.score_column), self.index(row, self.score_column))

    def cell_look(self, row: int, column: int) -> tuple[str, str | None, bool, bool] | None:
        """(letters, right/partly/wrong, corrected, answerable) of an answer cell in one call,
        for the delegate's paint; None for the score column."""
        if not 0 <= row < len(self._grid.rows) or not 0 <= column < len(self._grid.questions):
            return None
        target = self._grid.rows[row]
        key = self._grid.questions[column].key
        if key not in target.questions:
            return "", None, False, False
        letters, verdict = target.cell(key)
        return letters, verdict, key in target.earlier, True

    @property
    def score_column(self) -> int:
        return len(self._grid.questions)

    def question_at(self, column: int) -> Question | None:
        questions = self._grid.questions
        return questions[column] if 0 <= column < len(questions) else None

    def column_of(self, key: str) -> int:
        return next((c for c, q in enumerate(self._grid.questions) if q.key == key), -1)

    def row_of(self, enrolment_id: str) -> int:
        return next((r for r, row in enumerate(self._grid.rows) if row.enrolment_id == enrolment_id), -1)

    def answerable(self, row: int, column: int) -> bool:
        question = self.question_at(column)
        return question is not None and 0 <= row < len(self._grid.rows) and (
            question.key in self._grid.rows[row].questions)  # fmt: skip

    def next_cell(self, row: int, column: int, step: int = 1) -> tuple[int, int] | None:
        """The next (``step`` 1) or previous (-1) cell a person answers, reading row after row:
        after a row's last question comes the next person's first. None at either end."""
        width = self.score_column
        position = row * width + column + step
        while 0 <= position < self.rowCount() * width:
            if self.answerable(*divmod(position, width)):
                return divmod(position, width)
            position += step
        return None

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._grid.questions else len(self._grid.questions) + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # Editable opens the view's editor; the page saves what is typed through the core.
        return _ANSWER_FLAGS if self.answerable(index.row(), index.column()) else _CELL_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < self.rowCount():
                return None
            participant = self._grid.rows[section].person.participant
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{section + 1}. {participant.display_name}"
            if role == Qt.ItemDataRole.ToolTipRole:
                details = [d for d in (participant.function, participant.institution) if d]
                return " — ".join([participant.display_name, *details])
            if role == EnrolmentIdRole:
                return self._grid.rows[section].enrolment_id
            return None
        if not 0 <= section < self.columnCount():
            return None
        question = self.question_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if question is None:
                return _("Score")
            return f"{section + 1}\n{kind_hint(question)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if question is None:
                return _("Points earned out of the points of the quiz, and the percentage")
            title = f"{question.title} — " if question.title else ""
            kind = _(KINDS.get(question.kind, question.kind))
            return f"{section + 1}. {title}{plain_text(question)}\n\n{kind}. {how_to_type(question)}"
        if role == QuestionKeyRole and question is not None:
            return question.key
        if role == KindRole and question is not None:
            return question.kind
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._grid.rows):
            return None
        row = self._grid.rows[index.row()]
        if role == EnrolmentIdRole:
            return row.enrolment_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        question = self.question_at(index.column())
        if question is None:
            return self._score_data(row, role)
        if role == QuestionKeyRole:
            return question.key
        if role == KindRole:
            return question.kind
        answerable = question.key in row.questions
        if role == AnswerableRole:
            return answerable
        if not answerable:
            if role == Qt.ItemDataRole.BackgroundRole:
                return NOT_ANSWERABLE
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("This attempt answered an earlier version of the quiz, without this "
                         "question.")  # fmt: skip
            return None
        # The row's own version of the question scores its answer (an earlier version may
        # have had other choices).
        letters, verdict = row.cell(question.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return letters
        if role == CorrectnessRole:
            return verdict
        if role == CorrectedRole:
            return question.key in row.earlier
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            question = row.questions[question.key]
            return self._cell_text(index.column(), row, question, row.responses.get(question.key))
        brushes = TINT_BRUSHES.get(verdict or "")
        if role == Qt.ItemDataRole.BackgroundRole and brushes:
            return brushes[0]
        if role == Qt.ItemDataRole.ForegroundRole and brushes:
            return brushes[1]
        return None

    def _cell_text(self, column: int, row: PaperRow, question: Question, response: str | None) -> str:
        name = row.person.participant.display_name
        if not response:
            text = _("{name}, question {number}: no answer").format(name=name, number=column + 1)
        else:
            verdict = {"right": _("right"), "partly": _("partly right"), "wrong": _("wrong")}[
                correctness(question, response) or "wrong"]  # fmt: skip
            text = _("{name}, question {number}: {answer} ({verdict})").format(
                name=name, number=column + 1, answer=answer_letters(question, response),
                verdict=verdict)  # fmt: skip
        earlier = row.earlier.get(question.key)
        if earlier:
            shown = ", ".join(answer_letters(question, r) or _("no answer") for r in earlier)
            text += "\n" + _("Corrected (entered before: {answers})").format(answers=shown)
        if row.earlier_version:
            text += "\n" + _("This attempt answered an earlier version of the quiz.")
        return text

    def _score_data(self, row: PaperRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return score_text(row.score)
        if role == Qt.ItemDataRole.ToolTipRole and row.score is not None:
            answered = row.score.answered
            total = len(row.content.questions)
            return ngettext("{answered} of {total} question answered",
                                 "{answered} of {total} questions answered", total).format(
                answered=answered, total=total)  # fmt: skip
        return None
