"""One question of a quiz being edited: its kind, text, points, explanation and answers.

:class:`QuestionEditor` shows a :class:`~trainer_desktop.core.quiz_content.Question` and gives
it back changed with :meth:`QuestionEditor.question`; the core checks it when the quiz is saved.
What the trainer did not touch comes back exactly as it came in (its key, which answers refer to;
its category and text format from a GIFT file; Moodle's 33.33333 % weights; non-breaking spaces
a text box would turn into spaces), so opening a quiz and saving it changes nothing.

The answers depend on the kind: a table of choices (letters a, b, c as on paper) where the right
one is a radio button (single choice), a tick (all-or-nothing multiple choice) or a weight in
percent (multiple choice with partial credit, or a single choice imported with partial weights);
True or False; or accepted numbers with a tolerance. Each kind keeps its own answers while the
trainer tries another kind, so switching back loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocumentFragment, QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import _
from trainer_desktop.core.quiz_content import (
    KINDS,
    MAX_CHOICES,
    Choice,
    NumericAnswer,
    Question,
    format_number,
    letter,
    parse_number,
)

from .forms import ui_locale, vertical_scroll

NEW_CHOICES = 4  # rows ready for a new question: most field quizzes offer three or four answers
_PARTIAL = re.compile(r"[+-]?[\d.,\s\u00a0\u202f]*([eE][+-]?\d*)?")


def kept(current: Any, shown: Any, original: Any) -> Any:
    """``original`` while a widget still shows what it was given (``shown``), else ``current``."""
    return original if current == shown else current


def plain_text(question: Question) -> str:
    """The question's text as a line of words (HTML tags removed), for lists and titles."""
    text = question.text
    if question.text_format == "html":
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(text.split())


class NumberBox(QDoubleSpinBox):
    """A number typed as people write it (``3.5`` or ``3,5``), shown without trailing zeros.

    A value set with :meth:`set_number` comes back exactly from :meth:`number` until the user
    changes it. The mouse wheel only turns it once it has the focus (scrolling the editor past it
    must not change a weight)."""

    def __init__(self, decimals: int, minimum: float, maximum: float, step: float = 1.0,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._decimal_point = ui_locale().decimalPoint() or "."
        self._exact: tuple[float, float] | None = None
        self.setDecimals(decimals)
        self.setRange(minimum, maximum)
        self.setSingleStep(step)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_number(self, value: float) -> None:
        blocked = self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(blocked)
        self._exact = (value, self.value())

    def number(self) -> float:
        if self._exact is not None and self.value() == self._exact[1]:
            return self._exact[0]
        return self.value()

    def textFromValue(self, value: float) -> str:
        return format_number(round(value, self.decimals())).replace(".", self._decimal_point)

    def _bare(self, text: str) -> str:
        """``text`` without the prefix (``± ``) and suffix (`` %``), typed or not."""
        text = text.strip()
        prefix, suffix = self.prefix().strip(), self.suffix().strip()
        if prefix and text.startswith(prefix):
            text = text[len(prefix):]
        if suffix and text.endswith(suffix):
            text = text[:-len(suffix)]
        return text.strip()

    def valueFromText(self, text: str) -> float:
        number = parse_number(self._bare(text))
        return self.value() if number is None else number

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        bare = self._bare(text)
        number = parse_number(bare)
        if number is not None and self.minimum() <= number <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.fullmatch(bare):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _weight_box() -> NumberBox:
    box = NumberBox(5, -100.0, 100.0, 10.0)
    box.setSuffix(" %")
    box.setToolTip(_("Share of the question's points this answer earns (negative: it takes "
                     "points away)."))  # fmt: skip
    return box


def _remove_button(tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setText("\u2715")  # a cross: the tooltip says what it does
    button.setToolTip(tooltip)
    button.setAccessibleName(tooltip)
    button.setAutoRaise(True)
    return button


class _Row(QWidget):
    """One line of an answer table, its columns aligned with the header by fixed widths."""

    def __init__(self) -> None:
        super().__init__()
        self.line = QHBoxLayout(self)
        self.line.setContentsMargins(0, 0, 0, 0)


# -- choices ----------------------------------------------------------------------------------


class ChoiceRow(_Row):
    """One choice: its letter, text, whether it is right (or its weight) and its feedback."""

    def __init__(self, table: ChoiceTable, choice: Choice | None) -> None:
        super().__init__()
        self.original = choice or Choice("")
        self.weight = self.original.weight
        self.letter = QLabel()
        self.letter.setFixedWidth(table.letter_width)
        self.letter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.text = QLineEdit(self.original.text)
        self.text.setCursorPosition(0)  # the beginning of a long answer, not its end
        self.text.setPlaceholderText(_("Answer"))
        self.radio = QRadioButton()
        self.radio.setToolTip(_("The right answer"))
        self.check = QCheckBox()
        self.check.setToolTip(_("A right answer"))
        self.weight_box = _weight_box()
        self.weight_box.set_number(self.weight)
        self.right = QWidget()  # whichever of the three the mode shows, in one column
        self.right.setFixedWidth(table.right_width)
        inside = QHBoxLayout(self.right)
        inside.setContentsMargins(0, 0, 0, 0)
        for widget in (self.radio, self.check):
            inside.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
        inside.addWidget(self.weight_box)
        self.feedback = QLineEdit(self.original.feedback)
        self.feedback.setCursorPosition(0)
        self.feedback.setPlaceholderText(_("Feedback if chosen (optional)"))
        self.remove = _remove_button(_("Remove this answer"))
        self.remove.setFixedWidth(table.remove_width)
        self.shown = (self.text.text(), self.feedback.text())
        self.line.addWidget(self.letter)
        self.line.addWidget(self.text, 3)
        self.line.addWidget(self.right)
        self.line.addWidget(self.feedback, 2)
        self.line.addWidget(self.remove)

    def is_blank(self) -> bool:
        return not self.text.text().strip() and not self.feedback.text().strip() and not self.weight

    def choice(self) -> Choice:
        text = kept(self.text.text(), self.shown[0], self.original.text)
        feedback = kept(self.feedback.text(), self.shown[1], self.original.feedback)
        return Choice(text, self.weight, feedback)


class ChoiceTable(QWidget):
    """The choices of a single- or multiple-choice question."""

    changed = Signal()
    RADIO, TICK, WEIGHTS = "radio", "tick", "weights"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        metrics = self.fontMetrics()
        self.letter_width = metrics.horizontalAdvance("W)") + 6
        self.right_width = max(metrics.horizontalAdvance("-33.33333 %") + 36,
                               metrics.horizontalAdvance(_("Weight")) + 16,
                               metrics.horizontalAdvance(_("Right")) + 16)  # fmt: skip
        self.remove_width = metrics.height() + 12
        self.rows: list[ChoiceRow] = []
        self.mode = self.RADIO
        self._kind = "single"
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)

        header = _Row()
        header.line.addSpacing(self.letter_width)
        self.text_header = QLabel(_("Answer"))
        self.right_header = QLabel(_("Right"))
        self.right_header.setFixedWidth(self.right_width)
        self.right_header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header.line.addWidget(self.text_header, 3)
        header.line.addWidget(self.right_header)
        header.line.addWidget(QLabel(_("Feedback")), 2)
        header.line.addSpacing(self.remove_width)
        for label in header.findChildren(QLabel):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self.list = QVBoxLayout()
        self.list.setSpacing(2)
        self.add_button = QPushButton(_("Add an answer"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.all_or_nothing = QCheckBox(_("All or nothing"))
        self.all_or_nothing.setToolTip(_("The points only for exactly the right answers, none "
                                         "for a partly right set."))  # fmt: skip
        self.all_or_nothing.toggled.connect(self._all_or_nothing_toggled)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.all_or_nothing)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addLayout(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    # -- filling and reading
    def set_choices(self, choices: tuple[Choice, ...], kind: str, all_or_nothing: bool) -> None:
        for row in list(self.rows):
            self._drop(row)
        for choice in choices or [None] * NEW_CHOICES:
            self.add_row(choice)
        blocked = self.all_or_nothing.blockSignals(True)
        self.all_or_nothing.setChecked(all_or_nothing)
        self.all_or_nothing.blockSignals(blocked)
        self.set_kind(kind)

    def choices(self) -> tuple[Choice, ...]:
        """The choices, without the rows left blank."""
        return tuple(row.choice() for row in self.rows if not row.is_blank())

    def set_kind(self, kind: str, normalise: bool = False) -> None:
        """Show the answers as ``kind`` scores them (see the module's docstring). With
        ``normalise`` (the trainer chose another kind) the weights are made to fit it; without,
        they are shown as they are."""
        self._kind = kind
        self.all_or_nothing.setVisible(kind == "multiple")
        if kind == "multiple":
            if normalise:
                self._spread_right()
            self._set_mode(self.TICK if self.all_or_nothing.isChecked() else self.WEIGHTS)
            return
        if normalise and any(row.weight > 0 for row in self.rows):
            best = max(self.rows, key=lambda row: row.weight)
            for row in self.rows:
                row.weight = 100.0 if row is best else min(row.weight, 0.0)
        partial = any(row.weight not in (0.0, 100.0) for row in self.rows)
        self._set_mode(self.WEIGHTS if partial else self.RADIO)  # partial: Moodle's weights

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.right_header.setText(_("Weight") if mode == self.WEIGHTS else _("Right"))
        for row in self.rows:
            self._show_mode(row)
        self.hint.setText({
            self.RADIO: _("Choose the right answer. Empty lines are left out."),
            self.TICK: _("Tick every right answer: the points are given only for exactly these."),
            self.WEIGHTS: _("Each answer chosen earns its weight in percent of the points: the "
                            "right ones add up to 100 %; a wrong one may take points away "
                            "(e.g. −50 %)."),
        }[mode])  # fmt: skip

    def _show_mode(self, row: ChoiceRow) -> None:
        for widget in (row.radio, row.check, row.weight_box):
            widget.blockSignals(True)
        row.radio.setVisible(self.mode == self.RADIO)
        row.check.setVisible(self.mode == self.TICK)
        row.weight_box.setVisible(self.mode == self.WEIGHTS)
        self.group.setExclusive(False)  # so no radio at all may be checked
        row.radio.setChecked(row.weight > 0)
        self.group.setExclusive(True)
        row.check.setChecked(row.weight > 0)
        if row.weight_box.number() != row.weight:
            row.weight_box.set_number(row.weight)
        for widget in (row.radio, row.check, row.weight_box):
            widget.blockSignals(False)

    # -- rows
    def add_row(self, choice: Choice | None = None, focus: bool = False) -> ChoiceRow | None:
        if len(self.rows) >= MAX_CHOICES:
            return None
        row = ChoiceRow(self, choice)
        self.rows.append(row)
        self.group.addButton(row.radio)
        self.list.addWidget(row)
        row.show()  # at once, not when the event loop next runs: a click may come first
        row.text.textEdited.connect(self.changed)
        row.feedback.textEdited.connect(self.changed)
        row.radio.toggled.connect(lambda on, r=row: self._radio_toggled(r, on))
        row.check.toggled.connect(lambda _on: self._ticks_changed())
        row.weight_box.valueChanged.connect(lambda _v, r=row: self._weight_edited(r))
        row.remove.clicked.connect(lambda _c=False, r=row: self.remove_row(r))
        self._show_mode(row)
        self._renumber()
        if focus:
            row.text.setFocus()
            self.changed.emit()
        return row

    def remove_row(self, row: ChoiceRow) -> None:
        self._drop(row)
        self._renumber()
        self.changed.emit()

    def _drop(self, row: ChoiceRow) -> None:
        self.rows.remove(row)
        self.group.removeButton(row.radio)
        self.list.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _renumber(self) -> None:
        for i, row in enumerate(self.rows):
            row.letter.setText(f"{letter(i)})")
        self.add_button.setEnabled(len(self.rows) < MAX_CHOICES)

    # -- marking the right ones
    def _radio_toggled(self, row: ChoiceRow, on: bool) -> None:
        if on:
            for each in self.rows:
                each.weight = 100.0 if each is row else min(each.weight, 0.0)
            self.changed.emit()

    def _ticks_changed(self) -> None:
        for row in self.rows:
            if row.check.isChecked() != (row.weight > 0):
                row.weight = 1.0 if row.check.isChecked() else 0.0
        self._spread_right()
        self.changed.emit()

    def _spread_right(self) -> None:
        """The right ones share 100 % (what GIFT writes for them); wrong ones keep a penalty."""
        right = [row for row in self.rows if row.weight > 0]
        if right and abs(sum(row.weight for row in right) - 100) > 0.1:
            for row in right:
                row.weight = 100.0 / len(right)

    def _weight_edited(self, row: ChoiceRow) -> None:
        row.weight = row.weight_box.number()
        self.changed.emit()

    def _all_or_nothing_toggled(self) -> None:
        self.set_kind(self._kind, normalise=True)
        self.changed.emit()


# -- true or false ------------------------------------------------------------------------------


class TrueFalseAnswers(QWidget):
    """Which of True and False is right, and what each one answering it reads afterwards."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.true = QRadioButton(_("True"))
        self.false = QRadioButton(_("False"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.true)
        self.group.addButton(self.false)
        self.group.buttonToggled.connect(lambda _b, on: on and self.changed.emit())
        self.feedback_true = QLineEdit()
        self.feedback_false = QLineEdit()
        for edit in (self.feedback_true, self.feedback_false):
            edit.setPlaceholderText(_("Optional"))
            edit.textEdited.connect(self.changed)
        radios = QHBoxLayout()
        radios.addWidget(self.true)
        radios.addSpacing(24)
        radios.addWidget(self.false)
        radios.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("The statement is"), radios)
        form.addRow(_("Feedback for “True”"), self.feedback_true)
        form.addRow(_("Feedback for “False”"), self.feedback_false)
        self._original: tuple[Choice, Choice] = (Choice("true"), Choice("false"))
        self._shown = ("", "")

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        if len(choices) == 2:
            self._original = (choices[0], choices[1])
        else:
            self._original = (Choice("true"), Choice("false"))
        true, false = self._original
        self.group.setExclusive(False)
        self.true.setChecked(true.right and true.weight >= false.weight)
        self.false.setChecked(false.right and false.weight > true.weight)
        self.group.setExclusive(True)
        self.feedback_true.setText(true.feedback)
        self.feedback_false.setText(false.feedback)
        self.feedback_true.setCursorPosition(0)
        self.feedback_false.setCursorPosition(0)
        self._shown = (self.feedback_true.text(), self.feedback_false.text())

    def choices(self) -> tuple[Choice, ...]:
        true, false = self._original
        feedback_true = kept(self.feedback_true.text(), self._shown[0], true.feedback)
        feedback_false = kept(self.feedback_false.text(), self._shown[1], false.feedback)
        return (Choice(true.text or "true", 100.0 if self.true.isChecked() else 0.0, feedback_true),
                Choice(false.text or "false", 100.0 if self.false.isChecked() else 0.0,
                       feedback_false))  # fmt: skip


# -- numbers ------------------------------------------------------------------------------------


class NumericRow(_Row):
    def __init__(self, table: NumericAnswers, answer: NumericAnswer | None) -> None:
        super().__init__()
        self.original = answer or NumericAnswer(0.0)
        self.value = NumberBox(6, -1e12, 1e12)
        self.value.set_number(self.original.value)
        self.value.setToolTip(_("The accepted number"))
        self.tolerance = NumberBox(6, 0.0, 1e12)
        self.tolerance.setPrefix("± ")
        self.tolerance.set_number(self.original.tolerance)
        self.tolerance.setToolTip(_("How far from the number an answer may be and still count "
                                    "(0: exactly)."))  # fmt: skip
        self.weight = _weight_box()
        self.weight.set_number(self.original.weight)
        self.feedback = QLineEdit(self.original.feedback)
        self.feedback.setCursorPosition(0)
        self.feedback.setPlaceholderText(_("Feedback (optional)"))
        self.remove = _remove_button(_("Remove this accepted number"))
        self.remove.setFixedWidth(table.remove_width)
        self.shown_feedback = self.feedback.text()
        for widget, width in ((self.value, table.number_width),
                              (self.tolerance, table.number_width),
                              (self.weight, table.weight_width)):  # fmt: skip
            widget.setFixedWidth(width)
            self.line.addWidget(widget)
        self.line.addWidget(self.feedback, 1)
        self.line.addWidget(self.remove)

    def answer(self) -> NumericAnswer:
        return NumericAnswer(self.value.number(), self.tolerance.number(), self.weight.number(),
                             kept(self.feedback.text(), self.shown_feedback,
                                  self.original.feedback))  # fmt: skip


class NumericAnswers(QWidget):
    """The numbers a numeric question accepts, each with a tolerance and a weight."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        metrics = self.fontMetrics()
        self.number_width = metrics.horizontalAdvance("± 000000.000000") + 36
        self.weight_width = metrics.horizontalAdvance("-33.33333 %") + 36
        self.remove_width = metrics.height() + 12
        self.rows: list[NumericRow] = []
        header = _Row()
        for text, width in ((_("Number"), self.number_width),
                            (_("Tolerance"), self.number_width),
                            (_("Weight"), self.weight_width)):  # fmt: skip
            label = QLabel(text)
            label.setFixedWidth(width)
            header.line.addWidget(label)
        header.line.addWidget(QLabel(_("Feedback")), 1)
        header.line.addSpacing(self.remove_width)
        for label in header.findChildren(QLabel):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self.list = QVBoxLayout()
        self.list.setSpacing(2)
        self.add_button = QPushButton(_("Add an accepted number"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        hint = QLabel(_("An answer within the tolerance of a number earns that number's weight "
                        "(100 % = full marks). Commas and points are both read as decimal "
                        "marks."))  # fmt: skip
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addLayout(self.list)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addStretch(1)

    def set_answers(self, answers: tuple[NumericAnswer, ...]) -> None:
        for row in list(self.rows):
            self._drop(row)
        for answer in answers or [None]:
            self.add_row(answer)

    def answers(self) -> tuple[NumericAnswer, ...]:
        return tuple(row.answer() for row in self.rows)

    def add_row(self, answer: NumericAnswer | None = None, focus: bool = False) -> NumericRow:
        row = NumericRow(self, answer)
        self.rows.append(row)
        self.list.addWidget(row)
        row.show()
        for box in (row.value, row.tolerance, row.weight):
            box.valueChanged.connect(self.changed)
        row.feedback.textEdited.connect(self.changed)
        row.remove.clicked.connect(lambda _c=False, r=row: self.remove_row(r))
        self._update()
        if focus:
            row.value.setFocus()
            row.value.selectAll()
            self.changed.emit()
        return row

    def remove_row(self, row: NumericRow) -> None:
        self._drop(row)
        self._update()
        self.changed.emit()

    def _drop(self, row: NumericRow) -> None:
        self.rows.remove(row)
        self.list.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _update(self) -> None:
        for row in self.rows:
            row.remove.setEnabled(len(self.rows) > 1)


# -- the editor ---------------------------------------------------------------------------------


class QuestionEditor(QWidget):
    """Everything about one question. :attr:`changed` is emitted at each edit by the user."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = Question("single", "")
        self._shown: dict[str, Any] = {}
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.kind = QComboBox()
        for key, name in KINDS.items():
            self.kind.addItem(_(name), key)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.points = NumberBox(2, 0.0, 1000.0, 0.5)
        self.points.setMinimum(0.01)
        self.points.setToolTip(_("Points this question is worth"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("Optional, e.g. “Definition of torture”"))
        self.title.setMaxLength(200)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("The question as participants read it"))
        lines = self.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(lines * 3 + 14)
        self.text.setMaximumHeight(lines * 5 + 14)  # the answers need the room more
        self.format_note = QLabel()
        self.format_note.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)

        self.choices = ChoiceTable()
        self.true_false = TrueFalseAnswers()
        self.numeric = NumericAnswers()
        #: The answers of the kind chosen (the others hidden, each only as tall as it needs).
        self.answers: QWidget = self.choices
        self.answers_box = QGroupBox(_("Answers"))
        answers_layout = QVBoxLayout(self.answers_box)
        for page in (self.choices, self.true_false, self.numeric):
            answers_layout.addWidget(page)
            page.changed.connect(self._edited)

        self.explanation = QPlainTextEdit()
        self.explanation.setTabChangesFocus(True)
        self.explanation.setPlaceholderText(_("Shown after correction: why the right answer is "
                                              "right (optional)"))  # fmt: skip
        self.explanation.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addStretch(1)
        points_label = QLabel(_("&Points"))
        points_label.setBuddy(self.points)
        top.addWidget(points_label)
        top.addWidget(self.points)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kind_label = QLabel(_("&Kind"))
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, top)
        form.addRow(_("&Question"), self.text)
        form.addRow("", self.format_note)
        form.addRow("", self.preview)
        form.addRow(_("Short &title"), self.title)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        inner_layout.addWidget(self.heading)
        inner_layout.addLayout(form)
        inner_layout.addWidget(self.answers_box)
        explanation_label = QLabel(_("&Explanation (shown after correction)"))
        explanation_label.setBuddy(self.explanation)
        inner_layout.addWidget(explanation_label)
        inner_layout.addWidget(self.explanation)
        inner_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(vertical_scroll(inner))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.points.valueChanged.connect(self._edited)
        self.text.textChanged.connect(self._text_edited)
        self.title.textEdited.connect(self._edited)
        self.explanation.textChanged.connect(self._edited)
        self._loading = False
        self.set_question(self._original)

    # -- filling and reading
    def set_question(self, question: Question, number: int = 1) -> None:
        self._loading = True
        try:
            self._original = question
            self.heading.setText(_("Question {number}").format(number=number))
            self.kind.setCurrentIndex(max(self.kind.findData(question.kind), 0))
            self.points.set_number(question.points)
            self.title.setText(question.title)
            self.title.setCursorPosition(0)
            self.text.setPlainText(question.text)
            self.explanation.setPlainText(question.explanation)
            choices = question.choices if question.kind in ("single", "multiple") else ()
            self.choices.set_choices(choices, question.kind, question.all_or_nothing)
            self.true_false.set_choices(question.choices if question.kind == "truefalse" else ())
            self.numeric.set_answers(question.numeric)
            self._shown = {"text": self.text.toPlainText(), "title": self.title.text(),
                           "explanation": self.explanation.toPlainText()}  # fmt: skip
            self._show_kind()
            self._show_format()
        finally:
            self._loading = False

    def question(self) -> Question:
        """The question as the trainer left it (unchecked: the core checks it on saving)."""
        kind = self.kind.currentData()
        values: dict[str, Any] = {
            name: kept(widget_text, self._shown[name], getattr(self._original, name))
            for name, widget_text in (("text", self.text.toPlainText()),
                                      ("title", self.title.text()),
                                      ("explanation", self.explanation.toPlainText()))
        }  # fmt: skip
        if values["title"] != self._original.title:
            values["title"] = values["title"].strip()
        choices: tuple[Choice, ...] = ()
        numeric: tuple[NumericAnswer, ...] = ()
        if kind == "truefalse":
            choices = self.true_false.choices()
        elif kind == "numeric":
            numeric = self.numeric.answers()
        else:
            choices = self.choices.choices()
        all_or_nothing = kind == "multiple" and self.choices.all_or_nothing.isChecked()
        return replace(self._original, kind=kind, points=self.points.number(), choices=choices,
                       numeric=numeric, all_or_nothing=all_or_nothing, **values)  # fmt: skip

    # -- reacting
    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _text_edited(self) -> None:
        self._show_format()
        self._edited()

    def _kind_changed(self) -> None:
        self._show_kind(normalise=not self._loading)
        self._edited()

    def _show_kind(self, normalise: bool = False) -> None:
        kind = self.kind.currentData()
        page = {"truefalse": self.true_false, "numeric": self.numeric}.get(kind, self.choices)
        if page is self.choices:
            self.choices.set_kind(kind, normalise)
        self.answers = page
        for each in (self.choices, self.true_false, self.numeric):
            each.setVisible(each is page)

    def _show_format(self) -> None:
        text_format = self._original.text_format
        if text_format == "html":
            self.format_note.setText(_("This text is written in HTML; this is how it looks:"))
            self.preview.setHtml(self.text.toPlainText())
        elif text_format == "markdown":
            self.format_note.setText(_("This text is written in Markdown; this is how it looks:"))
            self.preview.setMarkdown(self.text.toPlainText())
        shown = text_format in ("html", "markdown")
        self.format_note.setVisible(shown)
        self.preview.setVisible(shown)
