"""Evaluation mode: the full screen the trainer hands to participants to fill an evaluation form.

An anonymous form opens on a welcome page ("Start", no name asked); a named form on the names
page. Then one item per screen in large type: a rating scale as big buttons (faces for groups
who read little), choices as big toggles, yes/no as two big buttons, a field for a number or a
text. A section heading is shown above the item that follows it (or alone, as a title page); a
note is a page of text. Every answer is committed as it is given; a required item cannot be
skipped (the page says so, no message box). A review page lists the optional items left
unanswered before handing in; a thank-you page then goes back to the start for the next person
(by its button, or by itself when left alone). Leaving needs the trainer's PIN.

The items shown are those of the version the response answers
(``evaluations.content(response.version_id)``), never the live form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QRegularExpression, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.form_content import FormContent, FormItem, text_in
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.ui import operations
from trainer_desktop.ui.kiosk_parts import (
    BASE_PT,
    IDLE_MS,
    TITLE_PT,
    WIDE_SCROLLBAR,
    KioskWindow,
    button_row,
    ensure_pin,
    kiosk_label,
    set_font,
)
from trainer_desktop.ui.quiz_kiosk_pages import (
    PAGE_BOTTOM,
    QUIZ_STYLE,
    ChoiceButton,
    ErrorLabel,
    scroll_area,
)

if TYPE_CHECKING:
    from trainer_desktop.core.evaluations import FormResponse
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

ITEM_PT = 24
NUMBER_PATTERN = r"[+-]?\d{0,12}([.,]\d{0,9})?"
#: An item page waits longer before going back to the start: a slow reader is still there.
ITEM_IDLE_MS = 120_000
ItemRole = 0x0100 + 5
#: Face colours from the saddest point to the happiest.
FACE_COLOURS = ("#f4a99b", "#f7c59f", "#f6e3a1", "#cfe6a8", "#a8d8a8")

EVALUATION_STYLE = QUIZ_STYLE + """
QLabel#section { color: #1f6f43; }
QPlainTextEdit { padding: 8px; border: 2px solid #8a8f98; border-radius: 8px; background: white; }
QPlainTextEdit:focus { border-color: #1f6f43; }
"""


def language() -> str:
    return i18n.current().language


def said(texts: dict[str, str], fallback: str = "") -> str:
    """A text of the form in the interface language (else the form's)."""
    return text_in(texts, language(), fallback)


@dataclass(frozen=True)
class Screen:
    """One screen: a section heading (or None) above an item (or None: a title page)."""

    heading: FormItem | None
    item: FormItem | None


def screens_of(content: FormContent) -> list[Screen]:
    """A heading goes above the item after it; a heading followed by another heading (or at the
    end) is a page of its own."""
    screens: list[Screen] = []
    pending: FormItem | None = None
    for item in content.items:
        if item.kind == "heading":
            if pending is not None:
                screens.append(Screen(pending, None))
            pending = item
        else:
            screens.append(Screen(pending, item))
            pending = None
    if pending is not None:
        screens.append(Screen(pending, None))
    return screens


# --- a point of a rating scale -----------------------------------------------------------------


class ScaleButton(QAbstractButton):
    """A large point of a rating scale: a face (sad to happy) or the number, its label under it."""

    def __init__(self, point: int, points: int, label: str, faces: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.point, self.points, self.label, self.faces = point, points, label, faces
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"{point}: {label}" if label else str(point))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        set_font(self, BASE_PT - 2)

    def sizeHint(self) -> QSize:
        return QSize(180, 250 if self.faces else 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def mood(self) -> float:
        """-1 (saddest) .. +1 (happiest)."""
        return (self.point - 1) / (self.points - 1) * 2 - 1 if self.points > 1 else 0.0

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        checked = self.isChecked()
        painter.setPen(QPen(QColor("#1f6f43" if checked else
                                   "#2b5d9b" if self.hasFocus() else "#8a8f98"), 4 if checked else 2))  # fmt: skip
        painter.setBrush(QColor("#dcefe3" if checked else "white"))
        painter.drawRoundedRect(box, 12, 12)
        label_height = 70
        top = QRectF(box.left(), box.top() + 8, box.width(), box.height() - label_height - 8)
        if self.faces:
            self._paint_face(painter, top)
        else:
            font = painter.font()
            font.setPointSize(TITLE_PT + 10)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#1d2127"))
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, str(self.point))
        font = self.font()
        font.setBold(checked)
        painter.setFont(font)
        painter.setPen(QColor("#1d2127"))
        painter.drawText(QRectF(box.left() + 6, box.bottom() - label_height, box.width() - 12,
                                label_height - 4),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.label)  # fmt: skip
        painter.end()

    def _paint_face(self, painter: QPainter, area: QRectF) -> None:
        size = min(area.width() - 16, area.height() - 8, 150)
        face = QRectF(0, 0, size, size)
        face.moveCenter(area.center())
        colour = FACE_COLOURS[round((self.mood() + 1) / 2 * (len(FACE_COLOURS) - 1))]
        painter.setPen(QPen(QColor("#3a3f46"), max(3, size / 30)))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(face)
        # eyes
        painter.setBrush(QColor("#3a3f46"))
        eye = size * 0.07
        for x in (0.35, 0.65):
            painter.drawEllipse(QPointF(face.left() + size * x, face.top() + size * 0.38), eye, eye)
        # the mouth: a curve bending down (sad) to up (happy)
        mood = self.mood()
        left = QPointF(face.left() + size * 0.28, face.top() + size * (0.70 - 0.04 * mood))
        right = QPointF(face.right() - size * 0.28, left.y())
        control = QPointF(face.center().x(), left.y() + size * 0.24 * mood)
        mouth = QPainterPath(left)
        mouth.quadTo(control, right)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#3a3f46"), max(4, size / 22), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))  # fmt: skip
        painter.drawPath(mouth)


# --- the item page -------------------------------------------------------------------------------


class ItemPage(QWidget):
    """One screen: the section heading, the item in large type, its hint, its answer widgets,
    a message on the page when something is refused, Back / Next. It shows; the kiosk saves."""

    def __init__(self, bottom: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 8, 48, bottom)
        layout.setSpacing(12)
        self.progress = kiosk_label("", BASE_PT - 4)
        self.progress.setObjectName("hint")
        self.section = kiosk_label("", TITLE_PT, bold=True)
        self.section.setObjectName("section")
        self.section.setTextFormat(Qt.TextFormat.PlainText)
        self.text = kiosk_label("", ITEM_PT, bold=True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = kiosk_label("", BASE_PT - 2)
        self.hint.setObjectName("hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.answers = QWidget()
        self.answers_layout = QVBoxLayout(self.answers)
        self.answers_layout.setContentsMargins(0, 8, 0, 0)
        self.answers_layout.setSpacing(12)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        for widget in (self.section, self.text, self.hint, self.answers):
            inner.addWidget(widget)
        inner.addStretch(1)
        self.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll = scroll_area(self.body)
        self.error = ErrorLabel()
        self.back_button = QPushButton(_("Back"))
        self.next_button = QPushButton(_("Next"))
        self.next_button.setObjectName("primary")
        for button in (self.back_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.progress)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.back_button, None, self.next_button))
        # the answer widgets of the item on screen
        self.scale_buttons: list[ScaleButton] = []
        self.choice_buttons: list[ChoiceButton] = []
        self.yes_button: ChoiceButton | None = None
        self.no_button: ChoiceButton | None = None
        self.field: QLineEdit | None = None
        self.long_field: QPlainTextEdit | None = None

    def clear_answers(self) -> None:
        while self.answers_layout.count():
            entry = self.answers_layout.takeAt(0)
            if entry.widget() is not None:
                self._drop(entry.widget())
            elif entry.layout() is not None:
                while entry.layout().count():
                    child = entry.layout().takeAt(0)
                    if child.widget() is not None:
                        self._drop(child.widget())
        self.scale_buttons, self.choice_buttons = [], []
        self.yes_button = self.no_button = self.field = self.long_field = None

    @staticmethod
    def _drop(widget: QWidget) -> None:
        # Gone from the screen at once (not when the event loop deletes it).
        widget.hide()
        widget.setParent(None)
        widget.deleteLater()


# --- the kiosk ---------------------------------------------------------------------------------


class EvaluationKiosk(KioskWindow):
    """An evaluation form filled by one person after another. Open it with
    :func:`open_evaluation_kiosk` (or :meth:`showFullScreen`)."""

    page_bottom = PAGE_BOTTOM

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str, form_id: str,
                 parent: QWidget | None = None, idle_ms: int = IDLE_MS,
                 item_idle_ms: int = ITEM_IDLE_MS) -> None:  # fmt: skip
        form = workspace.evaluations.get(form_id)
        super().__init__(workspace, runner, title=form.title, style=EVALUATION_STYLE,
                         leave_text=_("Leave the evaluation screen"),
                         exit_tip=_("For the trainer: leave the evaluation screen"),
                         idle_ms=idle_ms, parent=parent)  # fmt: skip
        self.session_id = session_id
        self.form_id = form_id
        self.form_title = form.title
        self.form_language = form.language
        self.anonymous = form.anonymous
        self.description = form.description
        self.idle_ms = idle_ms
        self.item_idle_ms = item_idle_ms
        self.person: tuple[str, str] | None = None  # named forms: (enrolment id, name)
        self.response: FormResponse | None = None
        self.content = FormContent()
        self.screens: list[Screen] = []
        self.answers: dict[str, str] = {}
        self.index = 0
        self._build()
        self.find_page.picked.connect(self._pick)
        runner.changed.connect(self._on_changed)
        self.reload()
        self.show_start()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        # the welcome page (anonymous forms, and named ones after the name)
        self.welcome_page, layout = self._page()
        self.welcome_name = kiosk_label("", BASE_PT)
        self.welcome_title = kiosk_label(self.form_title, TITLE_PT, bold=True)
        self.welcome_title.setTextFormat(Qt.TextFormat.PlainText)
        self.welcome_text = kiosk_label(self.description, BASE_PT)
        self.welcome_text.setTextFormat(Qt.TextFormat.PlainText)
        self.welcome_text.setVisible(bool(self.description))
        self.welcome_hint = kiosk_label(
            (_("Your answers are anonymous: your name is not asked.") if self.anonymous else "")
            + ("\n" if self.anonymous else "")
            + _("Touch your answer, then “Next”. You can go back and change an answer until you "
                "submit."), BASE_PT - 2)  # fmt: skip
        self.welcome_hint.setObjectName("hint")
        self.welcome_error = ErrorLabel()
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(16)
        for widget in (self.welcome_name, self.welcome_title, self.welcome_text, self.welcome_hint):
            inner.addWidget(widget)
        inner.addStretch(1)
        self.not_me_button = QPushButton(_("This is not me"))
        self.not_me_button.clicked.connect(self.show_start)
        self.not_me_button.setVisible(not self.anonymous)
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        layout.addWidget(scroll_area(body), 1)
        layout.addWidget(self.welcome_error)
        layout.addLayout(button_row(self.not_me_button, None, self.start_button))

        # already answered (named forms)
        self.done_ok = QPushButton(_("OK"))
        self.done_ok.setObjectName("primary")
        self.done_ok.clicked.connect(self.show_start)
        self.done_page, self.done_label = self._ask_page(self.done_ok, hint=_(
            "The form cannot be filled twice. If something needs correcting, ask the trainer."))  # fmt: skip

        self.item_page = ItemPage(self.page_bottom)
        self.item_page.back_button.clicked.connect(self.go_back)
        self.item_page.next_button.clicked.connect(self.go_next)
        self.item_error = self.item_page.error
        self.next_button, self.back_button = self.item_page.next_button, self.item_page.back_button

        # review
        self.review_page, layout = self._page()
        self.review_title = kiosk_label(_("Before you submit"), TITLE_PT, bold=True)
        self.review_summary = kiosk_label("", BASE_PT)
        self.review_list = QListWidget()
        set_font(self.review_list, BASE_PT)
        self.review_list.verticalScrollBar().setStyleSheet(WIDE_SCROLLBAR)
        self.review_list.setWordWrap(True)
        self.review_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.review_list.itemClicked.connect(self._review_pick)
        self.review_error = ErrorLabel()
        self.review_back = QPushButton(_("Back"))
        self.review_back.clicked.connect(self.go_back)
        self.submit_button = QPushButton(_("Submit"))
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        layout.addWidget(self.review_title)
        layout.addWidget(self.review_summary)
        layout.addWidget(self.review_list)
        layout.addStretch(1)
        layout.addWidget(self.review_error)
        layout.addLayout(button_row(self.review_back, None, self.submit_button))

        # thanks
        self.next_person_button = QPushButton(_("Next person"))
        self.next_person_button.setObjectName("primary")
        self.next_person_button.clicked.connect(self.show_start)
        self.thanks_page, self.thanks_label = self._ask_page(self.next_person_button, hint=_(
            "Your answers are saved. Hand the laptop to the next person."))  # fmt: skip
        self.thanks_label.setObjectName("thanks")

        for page in (self.welcome_page, self.done_page, self.item_page, self.review_page,
                     self.thanks_page):  # fmt: skip
            self.pages.addWidget(page)

    # -- the start ------------------------------------------------------------------------------

    def submitted_by(self) -> set[str]:
        return {r.enrolment_id for r, _a in self.workspace.evaluations.responses(
            self.form_id, [self.session_id]) if r.enrolment_id}  # fmt: skip

    def reload(self) -> None:
        self._stale = False
        if not self.anonymous:
            done = self.submitted_by()
            self.find_page.set_people(
                ((p.enrolment.id, p.participant.display_name, p.enrolment.id in done)
                 for p in self.workspace.participants.enrolled(self.session_id)),
                _("{name}     {tick} done"),
            )  # fmt: skip
        self.banner.setVisible(not self.workspace.settings.has_pin)

    def start_page(self) -> QWidget:
        return self.welcome_page if self.anonymous else self.find_page

    def show_start(self) -> None:
        """Back to the start for the next person (every answer is saved already)."""
        self.idle_timer.stop()
        self.person = None
        self.response = None
        self.answers = {}
        self.content = FormContent()
        self.screens = []
        self.search.clear()
        if self._stale:
            self.reload()
        self.header_label.setText(self.form_title)
        self.exit_button.show()
        if self.anonymous:
            self.welcome_name.hide()
            self.welcome_error.clear()
            self.pages.setCurrentWidget(self.welcome_page)
            self.start_button.setFocus()
        else:
            self.pages.setCurrentWidget(self.find_page)
            self.search.setFocus()

    def _pick(self, enrolment_id: str, name: str, done: bool) -> None:
        if self.pages.currentWidget() is not self.find_page:
            return
        self.person = (enrolment_id, name)
        self.header_label.setText(_("{name} — {title}").format(name=name, title=self.form_title))
        if done:
            self.done_label.setText(_("{name}, you have already filled this form.").format(name=name))
            self._show(self.done_page, self.done_ok)
            return
        self.welcome_name.setText(_("Welcome, {name}.").format(name=name))
        self.welcome_name.show()
        self.welcome_error.clear()
        self._show(self.welcome_page, self.start_button)

    def _show(self, page: QWidget, focus: QWidget | None = None) -> None:
        self.exit_button.show()
        self.pages.setCurrentWidget(page)
        (focus or page).setFocus()
        self._touch()

    def _touch(self) -> None:
        page = self.pages.currentWidget()
        if page is self.item_page:
            self.idle_timer.start(self.item_idle_ms)
        elif page not in (self.start_page(), self.exit_page):
            self.idle_timer.start(self.idle_ms)

    def start(self) -> None:
        """A new response (a named person who stopped half-way goes on with theirs)."""
        if self.pages.currentWidget() is not self.welcome_page:
            return
        evaluations = self.workspace.evaluations
        enrolment_id = self.person[0] if self.person else None
        response = None
        if enrolment_id is not None:
            response = next((r for r, _a in evaluations.responses(self.form_id, [self.session_id],
                                                                   submitted_only=False)
                             if r.enrolment_id == enrolment_id and r.submitted_at is None
                             and r.mode == "kiosk"), None)  # fmt: skip
        if response is None:
            outcome = self.runner.run(self, evaluations.start_response, self.session_id, self.form_id,
                                      "kiosk", enrolment_id, changes={operations.EVALUATIONS})  # fmt: skip
            if not outcome.ok:
                self.welcome_error.setText(outcome.error.message if outcome.error else "")
                return
            response = outcome.value
        self.response = response
        self.content = evaluations.content(response.version_id)
        self.screens = screens_of(self.content)
        self.answers = dict(evaluations.answers(response.id))
        self.show_screen(0)

    # -- one item per screen ----------------------------------------------------------------------

    @property
    def item(self) -> FormItem | None:
        if 0 <= self.index < len(self.screens):
            return self.screens[self.index].item
        return None

    def show_screen(self, index: int) -> None:
        self.index = index
        screen = self.screens[index]
        page = self.item_page
        page.error.clear()
        page.answers.hide()  # the new answer widgets then show with it, at once
        page.clear_answers()
        page.progress.setText(_("Page {number} of {count}").format(number=index + 1,
                                                                   count=len(self.screens)))  # fmt: skip
        page.section.setText(said(screen.heading.label, self.form_language) if screen.heading else "")
        page.section.setVisible(screen.heading is not None)
        item = screen.item
        hint = said(item.hint, self.form_language) if item else ""
        if item is None:  # a section's title page
            hint = hint or said(screen.heading.hint, self.form_language)
        page.text.setText(said(item.label, self.form_language) if item else "")
        page.text.setVisible(item is not None)
        set_font(page.text, ITEM_PT, bold=bool(item and item.answerable))
        if item is not None and item.required:
            hint = (hint + "\n" if hint else "") + _("An answer is required.")
        page.hint.setText(hint)
        page.hint.setVisible(bool(hint))
        focus: QWidget = page.body
        if item is not None and item.answerable:
            focus = self._build_answers(item) or focus
        page.back_button.setEnabled(index > 0)
        page.answers.show()
        page.body.layout().activate()
        self._show(page, focus)
        self._show_answer()

    def _build_answers(self, item: FormItem) -> QWidget | None:
        page = self.item_page
        box = page.answers_layout
        if item.kind == "rating":
            row = QHBoxLayout()
            row.setSpacing(14)
            labels = [said(t, self.form_language) for t in item.point_labels] or [""] * item.points
            for point in range(1, item.points + 1):
                button = ScaleButton(point, item.points, labels[point - 1], item.faces)
                button.clicked.connect(lambda _c=False, p=point: self.choose(str(p)))
                page.scale_buttons.append(button)
                row.addWidget(button)
            box.addLayout(row)
            return None
        if item.kind in ("single", "multiple"):
            for index, choice in enumerate(item.choices):
                button = ChoiceButton()
                button.set_choice(chr(ord("a") + index) if index < 26 else None,
                                  said(choice.label, self.form_language), Qt.TextFormat.PlainText,
                                  item.kind == "multiple")  # fmt: skip
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(lambda _c=False, name=choice.name: self.choose(name))
                page.choice_buttons.append(button)
                box.addWidget(button)
            if item.kind == "multiple":
                box.insertWidget(0, kiosk_label(_("Touch every answer that applies."), BASE_PT - 2))
            return None
        if item.kind == "yesno":
            row = QHBoxLayout()
            row.setSpacing(24)
            for value, text in (("yes", _("Yes")), ("no", _("No"))):
                button = ChoiceButton()
                button.set_choice(None, text, Qt.TextFormat.PlainText, False)
                button.setProperty("truefalse", True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(lambda _c=False, v=value: self.choose(v))
                row.addWidget(button)
                if value == "yes":
                    page.yes_button = button
                else:
                    page.no_button = button
            box.addLayout(row)
            return None
        if item.kind in ("integer", "decimal", "text"):
            field = QLineEdit()
            set_font(field, ITEM_PT)
            if item.kind == "text":
                field.setPlaceholderText(_("Type your answer here"))
                field.setMaxLength(300)
            else:
                field.setPlaceholderText(_("Type a number"))
                field.setValidator(QRegularExpressionValidator(QRegularExpression(NUMBER_PATTERN), field))
                field.setMaximumWidth(420)
            field.setAccessibleName(said(item.label, self.form_language))
            # Enter goes on to the next page (the kiosk's keys: the field lets Enter through).
            field.textEdited.connect(lambda _t: self._touch())
            page.field = field
            box.addWidget(field)
            box.addWidget(self._typing_hint(item.required))
            return field
        if item.kind == "longtext":
            field = QPlainTextEdit()
            set_font(field, BASE_PT)
            field.setPlaceholderText(_("Type your answer here"))
            field.setMinimumHeight(180)
            field.setTabChangesFocus(True)
            field.setAccessibleName(said(item.label, self.form_language))
            field.textChanged.connect(self._touch)
            page.long_field = field
            box.addWidget(field)
            box.addWidget(self._typing_hint(item.required))
            return field
        return None

    @staticmethod
    def _typing_hint(required: bool) -> QWidget:
        hint = kiosk_label(_("Use the keyboard to type, then touch “Next”.") if required else
                           _("Use the keyboard to type, then touch “Next”. You may leave it empty "
                             "if you have nothing to say."), BASE_PT - 4)  # fmt: skip
        hint.setObjectName("hint")
        return hint

    def _show_answer(self) -> None:
        """The saved answer of the item on screen, shown (so going back shows it)."""
        item = self.item
        page = self.item_page
        if item is None:
            return
        value = self.answers.get(item.name, "")
        for button in page.scale_buttons:
            button.setChecked(str(button.point) == value)
        chosen = set(value.split())
        for button, choice in zip(page.choice_buttons, item.choices, strict=False):
            button.setChecked(choice.name in chosen)
        if page.yes_button is not None:
            page.yes_button.setChecked(value == "yes")
            page.no_button.setChecked(value == "no")
        if page.field is not None and page.field.text().strip() != value:
            shown = value.replace(".", ",") if item.kind == "decimal" and language() == "fr" else value
            page.field.setText(shown)
        if page.long_field is not None and page.long_field.toPlainText().strip() != value:
            page.long_field.setPlainText(value)

    def choose(self, value: str) -> None:
        """A point, choice or yes/no touched or typed: saved at once. Several choices: added or
        taken away."""
        item = self.item
        if item is None or self.pages.currentWidget() is not self.item_page:
            return
        if item.kind == "multiple":
            current = self.answers.get(item.name, "").split()
            chosen = [c for c in current if c != value] if value in current else [*current, value]
            value = " ".join(chosen)
        self._save(item, value)
        self._show_answer()

    def _save(self, item: FormItem, value: str) -> bool:
        """Commit one answer (nothing if it did not change); a refusal is said on the page."""
        self._touch()
        try:
            value = item.check_answer(value) if value.strip() else ""
        except UserError as exc:
            self.item_error.setText(exc.message)
            return False
        if value == self.answers.get(item.name, ""):
            self.item_error.clear()
            return True
        outcome = self.runner.run(self, self.workspace.evaluations.answer, self.response.id, item.name,
                                  value, changes={operations.EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            self.item_error.setText(outcome.error.message if outcome.error else "")
            return False
        self.item_error.clear()
        if value:
            self.answers[item.name] = value
        else:
            self.answers.pop(item.name, None)
        return True

    def _save_typed(self) -> bool:
        """Save what is typed in the field of the item on screen."""
        item, page = self.item, self.item_page
        if item is None or self.response is None:
            return True
        if page.field is not None:
            return self._save(item, page.field.text())
        if page.long_field is not None:
            return self._save(item, page.long_field.toPlainText())
        return True

    def go_next(self) -> None:
        if self.pages.currentWidget() is not self.item_page or not self._save_typed():
            return
        item = self.item
        if item is not None and item.required and item.answerable and item.name not in self.answers:
            self.item_error.setText(_("Please answer this question before going on."))
            return
        if self.index + 1 < len(self.screens):
            self.show_screen(self.index + 1)
        else:
            self.show_review()

    def go_back(self) -> None:
        page = self.pages.currentWidget()
        if page is self.review_page and self.screens:
            self.show_screen(len(self.screens) - 1)
        elif page is self.item_page and self.index > 0:
            self._save_typed()
            self.show_screen(self.index - 1)

    # -- review and submit -----------------------------------------------------------------------

    def unanswered(self) -> list[int]:
        """The screens whose item is unanswered."""
        return [i for i, s in enumerate(self.screens)
                if s.item is not None and s.item.answerable and s.item.name not in self.answers]  # fmt: skip

    def show_review(self) -> None:
        self.index = len(self.screens)
        self.review_error.clear()
        self.review_list.clear()
        missing = self.unanswered()
        if missing:
            self.review_summary.setText(ngettext(
                "You left {count} question unanswered. Touch it to answer it, or submit as it is.",
                "You left {count} questions unanswered. Touch one to answer it, or submit as it is.",
                len(missing)).format(count=len(missing)))  # fmt: skip
        else:
            self.review_summary.setText(_("You have answered every question. Touch “Submit” to "
                                          "hand in your answers."))  # fmt: skip
        for index in missing:
            entry = QListWidgetItem(said(self.screens[index].item.label, self.form_language))
            entry.setData(Qt.ItemDataRole.UserRole, index)
            self.review_list.addItem(entry)
        self.review_list.setVisible(bool(missing))
        self._show(self.review_page, self.submit_button)

    def _review_pick(self, entry: QListWidgetItem) -> None:
        if self.pages.currentWidget() is self.review_page:
            self.show_screen(entry.data(Qt.ItemDataRole.UserRole))

    def submit(self) -> None:
        if self.response is None or self.pages.currentWidget() is not self.review_page:
            return
        try:  # said on the page, not in a box: a required item emptied meanwhile
            self.content.check_answers(self.answers)
        except UserError as exc:
            self.review_error.setText(exc.message)
            return
        outcome = self.runner.run(self, self.workspace.evaluations.submit, self.response.id,
                                  changes={operations.EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            self.review_error.setText(outcome.error.message if outcome.error else "")
            return
        name = self.person[1] if self.person else ""
        self.thanks_label.setText(_("Thank you, {name}!").format(name=name) if name
                                  else _("Thank you!"))  # fmt: skip
        self.response = None
        self._stale = True
        self._show(self.thanks_page, self.next_person_button)

    # -- leaving a page alone, changes ------------------------------------------------------------

    def on_idle(self) -> None:
        page = self.pages.currentWidget()
        if page is self.exit_page:
            if self._return_to is not self.start_page():
                self._save_typed_if(self._return_to)
                self.person = None
                self.response = None
                self._return_to = self.start_page()
        elif page is not self.start_page() or self.person is not None:
            if page is self.item_page:
                self._save_typed()
            self.show_start()

    def _save_typed_if(self, page: QWidget | None) -> None:
        if page is self.item_page:
            self._save_typed()

    def _on_changed(self, changes: frozenset, source: object) -> None:
        if changes & {operations.EVALUATIONS, operations.PARTICIPANTS, operations.SETTINGS}:
            self._stale = True
            if self.pages.currentWidget() is self.find_page and source is not self:
                self.reload()

    # -- keyboard ---------------------------------------------------------------------------------

    def page_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        page = self.pages.currentWidget()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if page is self.item_page:
            return self._item_key(event)
        if enter and page is self.welcome_page:
            self.start()
            return True
        if enter and page in (self.done_page, self.thanks_page):
            self.show_start()
            return True
        if key == Qt.Key.Key_Backspace and page is self.review_page:
            self.go_back()
            return True
        return False

    def _item_key(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return True
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
            return True
        if key == Qt.Key.Key_Backspace and self.focusWidget() not in (self.item_page.field,
                                                                      self.item_page.long_field):
            self.go_back()
            return True
        item = self.item
        typed = event.text().casefold()
        if item is None or len(typed) != 1 or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):  # fmt: skip
            return False
        if item.kind == "rating" and typed.isdigit() and 1 <= int(typed) <= item.points:
            self.choose(typed)
            return True
        if item.kind in ("single", "multiple") and typed.isascii() and typed.isalpha():
            index = ord(typed) - ord("a")
            if 0 <= index < len(item.choices):
                self.choose(item.choices[index].name)
                return True
        if item.kind == "yesno":
            if typed in ("y", "o"):  # yes, oui
                self.choose("yes")
                return True
            if typed == "n":
                self.choose("no")
                return True
        return False

    # -- leaving (the PIN page is KioskWindow's) ------------------------------------------------

    def exit_question(self, has_pin: bool) -> str:
        return (_("Trainer: type your PIN to leave the evaluation screen.") if has_pin
                else _("Leave the evaluation screen?"))  # fmt: skip

    def before_exit(self, page: QWidget) -> None:
        self._save_typed_if(page)

    def return_from_exit(self, page: QWidget) -> None:
        if page is self.start_page() or (self.response is None and page is not self.thanks_page
                                         and page is not self.welcome_page):  # fmt: skip
            self.show_start()
        else:
            self._show(page)


# --- opening it ---------------------------------------------------------------------------------


def open_evaluation_kiosk(parent: QWidget, workspace: Workspace, runner: OperationRunner,
                          session_id: str, form_id: str) -> EvaluationKiosk | None:  # fmt: skip
    """Hand the laptop over to fill an evaluation form, full screen. None (after saying why) when
    the form asks nothing, a named form has nobody to name, or the trainer chose no PIN."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, EvaluationKiosk) and widget.isVisible():
            widget.raise_()
            widget.activateWindow()
            return widget  # one evaluation screen at a time
    title = _("Evaluation on this laptop")
    outcome = runner.run(parent, workspace.evaluations.get, form_id)
    if not outcome.ok:
        return None
    form = outcome.value
    if not form.content.answerable:
        QMessageBox.warning(parent, title, _("The form “{title}” has no items yet.")
                            .format(title=form.title))  # fmt: skip
        return None
    if not form.anonymous and not workspace.participants.enrolled(session_id):
        QMessageBox.warning(parent, title, _("Enrol participants first (Participants tab)."))
        return None
    prompt = _("The evaluation screen can only be left with your PIN. Choose a PIN (at least 4 "
               "digits):")  # fmt: skip
    if not ensure_pin(parent, workspace, runner, title=title, prompt=prompt):
        return None
    kiosk = EvaluationKiosk(workspace, runner, session_id, form_id, parent)
    kiosk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    kiosk.showFullScreen()
    return kiosk
