"""The pages of the test mode that show questions and answers (see :mod:`quiz_kiosk`, which
leads one person after another through them and saves every answer).

- :class:`QuestionPage`: one question per screen in large type, its answers as large buttons
  (:class:`ChoiceButton`), two side by side for true or false, a field for a number.
- :class:`ReviewPage`: every question, answered or not, before handing in.
- :class:`ThanksPage`: the thanks after handing in, with the score, the right answers and their
  explanations only if the trainer chose to show results.

And what these pages say about questions and answers, without widgets (:func:`response_text`,
:func:`right_answer_text`, :func:`display_number`). The pages show; they save nothing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QRegularExpressionValidator, QTextDocumentFragment
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.quiz_content import (
    Question,
    QuizContent,
    format_number,
    letter,
    parse_choices,
    parse_number,
)
from trainer_desktop.core.quiz_scoring import score_attempt
from trainer_desktop.ui.forms import vertical_scroll
from trainer_desktop.ui.kiosk_parts import (
    BASE_PT,
    STYLE,
    TICK,
    TITLE_PT,
    WIDE_SCROLLBAR,
    button_row,
    kiosk_label,
    page_layout,
    set_font,
)

QuestionRole = Qt.ItemDataRole.UserRole + 3
QUESTION_PT = 24
CHOICE_PT = 20
BADGE = 46  # pixels
CROSS = "\u2717"
NUMBER_PATTERN = r"[+-]?\d{0,12}([.,]\d{0,9})?"
#: The test mode's pages leave more room for questions at the bottom than sign-in mode.
PAGE_BOTTOM = 28

QUIZ_STYLE = (
    STYLE
    + """
QPushButton#choice { text-align: left; padding: 0; min-height: 64px; min-width: 0;
                     background: white; border: 2px solid #8a8f98; border-radius: 10px; }
QPushButton#choice[truefalse="true"] { min-height: 100px; }
QPushButton#choice:checked { background: #dcefe3; border: 3px solid #1f6f43; }
QPushButton#choice:focus { border-color: #2b5d9b; }
QPushButton#choice:checked:focus { border-color: #1f6f43; }
QLabel#badge { border: 2px solid #5b616b; background: white; color: #1d2127; font-weight: bold; }
QLabel#badge[on="true"] { background: #1f6f43; border-color: #1f6f43; color: white; }
QLabel#mark { color: #1f6f43; font-weight: bold; }
QLabel#hint { color: #4a5058; }
QLabel#right { color: #1f6f43; font-weight: bold; }
QLabel#wrong { color: #a4161a; font-weight: bold; }
QLabel#partly { color: #8a5a00; font-weight: bold; }
QLabel#explanation { color: #30353c; font-style: italic; }
QFrame#result { border-bottom: 1px solid #d5d8dd; }
QProgressBar { border: none; background: #e4e6ea; border-radius: 5px; max-height: 10px; }
QProgressBar::chunk { background: #1f6f43; border-radius: 5px; }
QScrollArea { border: none; background: transparent; }
QScrollArea > QWidget > QWidget { background: transparent; }
"""
)


# --- what the screens say about questions and answers (no widgets) ----------------------------


def text_format(question: Question) -> Qt.TextFormat:
    """Questions written in HTML are shown as rich text; every other one as typed, so a ``<``
    in "less than 48 h" is not taken for a tag."""
    return Qt.TextFormat.RichText if question.text_format == "html" else Qt.TextFormat.PlainText


def choice_text(question: Question, index: int) -> str:
    """What a choice says (true/false in the interface language)."""
    if question.kind == "truefalse":
        return _("True") if index == 0 else _("False")
    return question.choices[index].text


def response_text(question: Question, response: str) -> str:
    """A response as a person reads it ("b) The prosecutor", "True", "3,5"), in the question's
    text format (HTML for HTML questions)."""
    rich = question.text_format == "html"
    if question.kind == "numeric":
        number = parse_number(response)
        text = display_number(format_number(number)) if number is not None else response
        return html.escape(text) if rich else text
    chosen = parse_choices(response, len(question.choices)) or []
    lines = []
    for index in chosen:
        text = choice_text(question, index)
        if question.kind == "truefalse":
            lines.append(html.escape(text) if rich else text)
        else:
            lines.append(f"{letter(index)}) {text}")
    return ("<br>" if rich else "\n").join(lines)


def right_answer_text(question: Question) -> str:
    """The answer that earns full marks, as :func:`response_text` shows it (with the tolerance
    of a numeric answer)."""
    if question.kind == "numeric":
        best = max(question.numeric, key=lambda a: a.weight)
        text = display_number(format_number(best.value))
        if best.tolerance:
            text += " \u00b1 " + display_number(format_number(best.tolerance))
        return html.escape(text) if question.text_format == "html" else text
    return response_text(question, question.right_response())


def display_number(stored: str) -> str:
    """A stored number ("3.5") with the interface's decimal mark ("3,5" in French)."""
    from babel.numbers import get_decimal_symbol

    symbol = get_decimal_symbol(i18n.current().locale)
    return stored.replace(".", symbol) if symbol in ".," else stored


def strip_tags(text: str) -> str:
    """The text of an HTML fragment."""
    return QTextDocumentFragment.fromHtml(text).toPlainText()


# --- widgets ----------------------------------------------------------------------------------


class ChoiceButton(QPushButton):
    """A large answer button whose text wraps: a letter badge (round for one answer, square for
    several), the choice, and a tick when chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choice")
        self.setCheckable(True)
        self.badge = QLabel()
        self.badge.setObjectName("badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(BADGE, BADGE)
        keep = self.badge.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # true/false: the text stays centred
        self.badge.setSizePolicy(keep)
        set_font(self.badge, CHOICE_PT, bold=True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        set_font(self.text_label, CHOICE_PT)
        self.mark = QLabel(TICK)
        self.mark.setObjectName("mark")
        set_font(self.mark, CHOICE_PT + 4, bold=True)
        self.mark.setFixedWidth(BADGE)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.badge, self.text_label, self.mark):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(18)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignVCenter)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def set_choice(self, key: str | None, text: str, fmt: Qt.TextFormat, multiple: bool) -> None:
        """``key`` is the letter in the badge (None: no badge, the text centred)."""
        self.badge.setVisible(key is not None)
        self.badge.setText(key or "")
        # A square badge for "tick all that apply", a round one for "one answer".
        radius = 6 if multiple else BADGE // 2
        self.badge.setStyleSheet(f"border-radius: {radius}px;")
        self.text_label.setTextFormat(fmt)
        self.text_label.setText(text)
        across = Qt.AlignmentFlag.AlignLeading if key else Qt.AlignmentFlag.AlignHCenter
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | across)
        spoken = text if fmt == Qt.TextFormat.PlainText else strip_tags(text)
        self.setAccessibleName(f"{key}) {spoken}" if key else spoken)
        self.updateGeometry()

    def _show_state(self, checked: bool) -> None:
        self.mark.setText(TICK if checked else "")
        self.badge.setProperty("on", checked)
        self.badge.style().unpolish(self.badge)
        self.badge.style().polish(self.badge)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(64, self.layout().totalHeightForWidth(width))


class ErrorLabel(QLabel):
    """A refusal in red, taking no room while there is none."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("error")
        self.setWordWrap(True)
        set_font(self, BASE_PT - 2)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def scroll_area(content: QWidget) -> QScrollArea:
    """``content`` scrolled up and down only, with a scroll bar for a finger."""
    area = vertical_scroll(content)
    area.verticalScrollBar().setStyleSheet(WIDE_SCROLLBAR)
    return area


# --- the pages ----------------------------------------------------------------------------------


class QuestionPage(QWidget):
    """One question: "Question 2 of 10" and a progress bar, the text, the answers, Back and
    Next. The kiosk connects the buttons and saves what is chosen."""

    #: A choice touched (its index; true is 0 and false 1).
    chosen = Signal(int)
    #: A number typed or the page scrolled: somebody is there.
    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, PAGE_BOTTOM)
        self.progress_label = kiosk_label("", BASE_PT, bold=True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(360)
        top = QHBoxLayout()
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignVCenter)

        # Holds the keyboard focus on a question page (no answer looks highlighted), so letters,
        # Enter and Backspace reach the kiosk.
        self.body = QWidget()
        self.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 12, 0)
        body.setSpacing(14)
        self.text = kiosk_label("", QUESTION_PT)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hint = kiosk_label("", BASE_PT - 3)
        self.hint.setObjectName("hint")
        self.choice_box = QWidget()
        self.choice_layout = QVBoxLayout(self.choice_box)
        self.choice_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_layout.setSpacing(10)
        self.choice_buttons: list[ChoiceButton] = []
        self.truefalse_box = QWidget()
        truefalse = QHBoxLayout(self.truefalse_box)
        truefalse.setContentsMargins(0, 0, 0, 0)
        truefalse.setSpacing(24)
        self.true_button = ChoiceButton()
        self.false_button = ChoiceButton()
        for index, button in enumerate((self.true_button, self.false_button)):
            button.clicked.connect(lambda _checked=False, i=index: self.chosen.emit(i))
            button.setProperty("truefalse", True)
            set_font(button.text_label, TITLE_PT - 2)
            truefalse.addWidget(button, 1)
        self.number = QLineEdit()
        self.number.setValidator(
            QRegularExpressionValidator(QRegularExpression(NUMBER_PATTERN), self.number)
        )
        self.number.setPlaceholderText(_("Your answer"))
        self.number.setAccessibleName(_("Your answer (a number)"))
        self.number.setMaximumWidth(420)
        set_font(self.number, TITLE_PT)
        self.number.textEdited.connect(lambda _text: self.touched.emit())
        body.addWidget(self.text)
        body.addWidget(self.hint)
        body.addWidget(self.choice_box)
        body.addWidget(self.truefalse_box)
        body.addWidget(self.number)
        body.addStretch(1)
        self.scroll = scroll_area(self.body)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.touched.emit())

        self.error = ErrorLabel()
        self.previous_button = QPushButton(_("Back"))
        self.next_button = QPushButton(_("Next"))
        self.next_button.setObjectName("primary")
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.previous_button, None, self.next_button))

    def show_question(self, question: Question, index: int, count: int) -> None:
        """Question ``index`` (from 0) of ``count``, no answer chosen yet."""
        self.progress_label.setText(_("Question {number} of {count}").format(number=index + 1,
                                                                             count=count))  # fmt: skip
        self.progress.setRange(0, count)
        self.progress.setValue(index + 1)
        self.text.setTextFormat(text_format(question))
        self.text.setText(question.text)
        self.error.clear()
        kind = question.kind
        self.choice_box.setVisible(kind in ("single", "multiple"))
        self.truefalse_box.setVisible(kind == "truefalse")
        self.number.setVisible(kind == "numeric")
        self.hint.setText({
            "single": _("Choose one answer."),
            "multiple": _("Choose one or more answers."),
            "truefalse": _("True or false?"),
            "numeric": _("Type a number."),
        }.get(kind, ""))  # fmt: skip
        if kind in ("single", "multiple"):
            self._set_choices(question)
        elif kind == "truefalse":
            fmt = Qt.TextFormat.PlainText
            self.true_button.set_choice(None, choice_text(question, 0), fmt, False)
            self.false_button.set_choice(None, choice_text(question, 1), fmt, False)
        self.previous_button.setEnabled(index > 0)
        self.scroll.verticalScrollBar().setValue(0)

    def _set_choices(self, question: Question) -> None:
        while len(self.choice_buttons) < len(question.choices):
            button = ChoiceButton()
            index = len(self.choice_buttons)
            button.clicked.connect(lambda _checked=False, i=index: self.chosen.emit(i))
            self.choice_layout.addWidget(button)
            self.choice_buttons.append(button)
        fmt = text_format(question)
        for index, button in enumerate(self.choice_buttons):
            shown = index < len(question.choices)
            button.setVisible(shown)
            if shown:
                button.set_choice(letter(index), question.choices[index].text, fmt,
                                  question.kind == "multiple")  # fmt: skip

    def show_response(self, question: Question, response: str) -> None:
        """``response`` (as saved) selected, or typed in the number field."""
        if question.kind == "numeric":
            number = parse_number(response)
            self.number.setText(display_number(format_number(number)) if number is not None else "")
            return
        chosen = set(parse_choices(response, len(question.choices)) or []) if response else set()
        buttons = ((self.true_button, self.false_button) if question.kind == "truefalse"
                   else self.choice_buttons)  # fmt: skip
        for index, button in enumerate(buttons):
            button.setChecked(index in chosen)


class ReviewPage(QWidget):
    """Before handing in: how many questions are answered and every question, one line each;
    touching one shows it again. Back and "Submit my answers"."""

    #: A question touched (its index).
    picked = Signal(int)
    #: The list scrolled: somebody is there.
    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, PAGE_BOTTOM)
        self.title = kiosk_label(_("Check your answers"), TITLE_PT, bold=True)
        self.summary = kiosk_label("", BASE_PT)
        self.questions = QListWidget()
        self.questions.setAccessibleName(_("Questions"))
        self.questions.setWordWrap(True)
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions.verticalScrollBar().setStyleSheet(WIDE_SCROLLBAR)
        set_font(self.questions, BASE_PT)
        self.questions.itemClicked.connect(self._pick)
        self.questions.itemActivated.connect(self._pick)
        self.questions.verticalScrollBar().valueChanged.connect(lambda _v: self.touched.emit())
        hint = kiosk_label(_("Touch a question to see it again."), BASE_PT - 3)
        hint.setObjectName("hint")
        self.error = ErrorLabel()
        self.back_button = QPushButton(_("Back"))
        self.submit_button = QPushButton(_("Submit my answers"))
        self.submit_button.setObjectName("primary")
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.questions, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.back_button, None, self.submit_button))

    def show_answers(self, content: QuizContent, responses: dict[str, str]) -> None:
        count = len(content.questions)
        answered = sum(1 for q in content.questions if q.key in responses)
        self.summary.setText(ngettext(
            "You have answered {answered} of {count} question.",
            "You have answered {answered} of {count} questions.", count,
        ).format(answered=answered, count=count))  # fmt: skip
        self.questions.clear()
        for number, question in enumerate(content.questions, start=1):
            text = (strip_tags(question.text) if question.text_format == "html"
                    else question.text)  # fmt: skip
            text = " ".join(text.split())
            if len(text) > 60:  # one line each: the list is for finding, the page for reading
                text = text[:58].rstrip() + "…"
            state = (_("{tick} answered").format(tick=TICK) if question.key in responses
                     else _("not answered"))  # fmt: skip
            item = QListWidgetItem(_("{number}. {state} — {question}").format(
                number=number, state=state, question=text))  # fmt: skip
            item.setData(QuestionRole, number - 1)
            if question.key not in responses:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.questions.addItem(item)
        self.error.clear()

    def _pick(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(QuestionRole))


class ThanksPage(QWidget):
    """After handing in: the thanks in the middle of the screen; or, if the trainer chose to show
    results, the thanks, the score and each question (right or wrong, the answer given, the right
    answer and the explanation) at the top. "Next person" at the bottom."""

    #: The results scrolled: somebody is there.
    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, PAGE_BOTTOM)
        self.thanks_label = kiosk_label("", TITLE_PT + 2, bold=True)
        self.thanks_label.setObjectName("thanks")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_label = kiosk_label(_("Your answers are saved."), BASE_PT)
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score_label = kiosk_label("", TITLE_PT, bold=True)
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results_box = QWidget()
        self.results_layout = QVBoxLayout(self.results_box)
        self.results_layout.setContentsMargins(0, 0, 12, 0)
        self.results_layout.setSpacing(0)
        self.results_scroll = scroll_area(self.results_box)
        self.results_scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.touched.emit())
        self.next_person_button = QPushButton(_("Next person"))
        self.next_person_button.setObjectName("primary")
        self.tick = kiosk_label(TICK, 80, bold=True)
        self.tick.setObjectName("thanks")
        self.tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Without results the thanks stand in the middle of the screen; with them, at the top.
        self.top, self.bottom = QWidget(), QWidget()
        layout.addWidget(self.top, 1)
        layout.addWidget(self.tick)
        layout.addWidget(self.thanks_label)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.score_label)
        layout.addWidget(self.results_scroll, 1)
        layout.addWidget(self.bottom, 1)
        layout.addLayout(button_row(None, self.next_person_button, None))

    def show_thanks(self, name: str, content: QuizContent, responses: dict[str, str],
                    with_results: bool) -> None:  # fmt: skip
        self.thanks_label.setText(_("Thank you, {name}!").format(name=name))
        while self.results_layout.count():
            widget = self.results_layout.takeAt(0).widget()
            if widget is not None:
                # Out of the tree now (not at the next event loop turn): the next person's
                # thanks must not hold this person's answers.
                widget.setParent(None)
                widget.deleteLater()
        self.score_label.setVisible(with_results)
        set_font(self.thanks_label, TITLE_PT if with_results else TITLE_PT + 2, bold=True)
        self.results_scroll.setVisible(with_results)
        for widget in (self.top, self.bottom, self.tick):
            widget.setVisible(not with_results)
        self.score_label.clear()
        if with_results:
            score = score_attempt(content, responses)
            self.score_label.setText(ngettext(
                "Your score: {score} of {total} point ({percent})",
                "Your score: {score} of {total} points ({percent})", round(score.max_score),
            ).format(score=display_number(format_number(round(score.score, 2))),
                     total=display_number(format_number(score.max_score)),
                     percent=i18n.current().format_percent(score.percent / 100)))  # fmt: skip
            for number, question in enumerate(content.questions, start=1):
                self.results_layout.addWidget(
                    result_row(number, question, responses.get(question.key, ""))
                )
            self.results_layout.addStretch(1)
            self.results_scroll.verticalScrollBar().setValue(0)


def result_row(number: int, question: Question, response: str) -> QWidget:
    """One question after submitting: its number beside the question, right or wrong, the
    answer given, the right answer and the explanation."""
    row = QFrame()
    row.setObjectName("result")
    grid = QGridLayout(row)
    grid.setContentsMargins(0, 12, 0, 12)
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(6)
    grid.setColumnStretch(2, 1)
    fmt = text_format(question)

    def text(value: str, points: int = BASE_PT - 2, name: str = "") -> QLabel:
        label = kiosk_label("", points)
        label.setTextFormat(fmt)  # the question's own format, so "<" stays
        label.setText(value)
        if name:
            label.setObjectName(name)
        return label

    grid.addWidget(kiosk_label(f"{number}.", BASE_PT), 0, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(text(question.text, BASE_PT), 0, 1, 1, 2)
    credit = question.credit(response) if response else 0.0
    if not response:
        verdict, name = f"{CROSS} " + _("Not answered"), "wrong"
    elif question.is_correct(response):
        verdict, name = f"{TICK} " + _("Right"), "right"
    elif credit > 0:
        verdict, name = "\u25d1 " + _("Partly right"), "partly"
    else:
        verdict, name = f"{CROSS} " + _("Wrong"), "wrong"
    mark = kiosk_label(verdict, BASE_PT - 2, bold=True)
    mark.setObjectName(name)
    grid.addWidget(mark, 1, 1, 1, 2)
    lines = []
    if response:
        lines.append((_("Your answer:"), text(response_text(question, response))))
    if not question.is_correct(response):
        lines.append((_("Right answer:"), text(right_answer_text(question), name="right")))
    captions = (_("Your answer:"), _("Right answer:"))  # one column on every row
    width = max(QFontMetrics(mark.font()).horizontalAdvance(c) for c in captions)
    for caption, value in lines:
        label = kiosk_label(caption, BASE_PT - 2)
        label.setObjectName("hint")
        label.setWordWrap(False)
        label.setMinimumWidth(width)
        grid.addWidget(label, grid.rowCount(), 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, grid.rowCount() - 1, 2)
    if question.explanation:
        grid.addWidget(text(question.explanation, BASE_PT - 3, "explanation"),
                       grid.rowCount(), 1, 1, 2)  # fmt: skip
    return row
