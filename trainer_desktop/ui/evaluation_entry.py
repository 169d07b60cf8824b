"""Typing paper evaluation forms in, one after another, from the keyboard.

The screen shows every item of the form as it is now, in the form's language: rating scales,
single choices and yes/no as radio buttons (the number keys pick, and the cursor moves on to the
next item), multiple choices as check boxes (the number keys tick), numbers and texts as fields.
"Save and next" (Ctrl+Enter) saves the whole response at once through
``evaluations.enter_response`` — all or nothing, so a half-typed form is never saved — then
clears the screen for the next one. Refused input is shown by the operation runner and the
cursor goes to the item at fault.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.form_content import FormItem, text_in
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.ui import operations

if TYPE_CHECKING:
    from trainer_desktop.core.evaluations import EvaluationForm
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: The field name the core gives the person of a named form.
PERSON = "person"
NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


class ItemField(QFrame):
    """One answerable item: its text (with * when required), its hint, and its input."""

    #: The item was answered with a key that means "done, next one" (a number on a scale).
    picked = Signal()

    def __init__(
        self, item: FormItem, number: int, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.language = language
        self.buttons: list[QAbstractButton] = []
        self.group: QButtonGroup | None = None
        self.edit: QLineEdit | QPlainTextEdit | None = None
        self.values: list[str] = []  # the answer each button gives

        label = text_in(item.label, language)
        title = QLabel(f"<b>{number}.</b> {_escape(label)}" + (" <b style='color:#b00020'>*</b>"
                                                                if item.required else ""))  # fmt: skip
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(title)
        hint = text_in(item.hint, language)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            hint_label.setStyleSheet("color: #555555; font-style: italic;")
            layout.addWidget(hint_label)

        kind = item.kind
        if kind in ("rating", "single", "yesno"):
            self.group = QButtonGroup(self)
            self.group.setExclusive(True)
            if kind == "rating":
                options = []
                for point in range(1, item.points + 1):
                    text = (text_in(item.point_labels[point - 1], language)
                            if len(item.point_labels) == item.points else "")  # fmt: skip
                    options.append((f"{point} — {text}" if text else str(point), str(point)))
            elif kind == "single":
                options = [(_numbered(i, text_in(c.label, language)), c.name)
                           for i, c in enumerate(item.choices)]  # fmt: skip
            else:
                options = [(f"1 — {_('Yes')}", "yes"), (f"2 — {_('No')}", "no")]
            row = _choice_layout(len(options), kind == "rating" or kind == "yesno")
            for index, (text, value) in enumerate(options):
                button = QRadioButton(text)
                self.group.addButton(button, index)
                self._add_button(row, index, button, value)
            if isinstance(row, QHBoxLayout):
                row.addStretch(1)
            layout.addLayout(row)
        elif kind == "multiple":
            row = _choice_layout(len(item.choices), False)
            for index, choice in enumerate(item.choices):
                self._add_button(row, index, QCheckBox(_numbered(index, text_in(choice.label, language))),
                                 choice.name)  # fmt: skip
            layout.addLayout(row)
        elif kind == "longtext":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            self.edit = edit
            layout.addWidget(edit)
        else:
            edit = QLineEdit()
            edit.setMaximumWidth(160 if kind in ("integer", "decimal") else 720)
            self.edit = edit
            layout.addWidget(edit)
        focus = self.buttons[0] if self.buttons else self.edit
        if focus is not None:
            focus.setAccessibleName(label)
            title.setBuddy(focus)

    def _add_button(
        self, row: QHBoxLayout | QVBoxLayout, index: int, button: QAbstractButton, value: str
    ) -> None:
        button.setAccessibleName(f"{text_in(self.item.label, self.language)}: {button.text()}")
        button.installEventFilter(self)
        self.buttons.append(button)
        self.values.append(value)
        row.addWidget(button)

    # -- the answer -----------------------------------------------------------------------------

    def value(self) -> str:
        if self.edit is not None:
            text = (
                self.edit.toPlainText()
                if isinstance(self.edit, QPlainTextEdit)
                else self.edit.text()
            )
            return text.strip()
        chosen = [v for b, v in zip(self.buttons, self.values, strict=True) if b.isChecked()]
        return " ".join(chosen)

    def clear(self) -> None:
        if self.edit is not None:
            self.edit.clear()
            return
        if self.group is not None:
            self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        if self.group is not None:
            self.group.setExclusive(True)

    def focus_input(self) -> None:
        target: QWidget | None = self.edit
        if self.buttons:
            target = next((b for b in self.buttons if b.isChecked()), self.buttons[0])
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_input_focus(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and self.isAncestorOf(focused)

    # -- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            return self.handle_key(event)  # type: ignore[arg-type]
        return False

    def handle_key(self, event: QKeyEvent) -> bool:
        """A number picks (and moves on, for one-answer items) or ticks; Delete clears."""
        if not self.buttons or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_0):
            self.clear()
            self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if self.item.kind == "yesno" and event.text():
            letter = event.text().casefold()
            for index, word in enumerate((_("Yes"), _("No"))):
                if word[:1].casefold() == letter:
                    key = getattr(Qt.Key, f"Key_{index + 1}")
        number = NUMBER_KEYS.get(key)
        if number is None or number > len(self.buttons):
            return False
        button = self.buttons[number - 1]
        if self.item.kind == "multiple":
            button.setChecked(not button.isChecked())
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.picked.emit()
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbered(index: int, text: str) -> str:
    return f"{index + 1}. {text}" if index < 9 else text


def _choice_layout(count: int, across: bool) -> QHBoxLayout | QVBoxLayout:
    """Scales and yes/no side by side; lists of choices one under the other."""
    if across and count <= 5:
        row = QHBoxLayout()
        row.setSpacing(28)
        row.setContentsMargins(12, 0, 0, 0)
        return row
    column = QVBoxLayout()
    column.setSpacing(2)
    column.setContentsMargins(12, 0, 0, 0)
    return column


class EvaluationEntry(QDialog):
    """Paper responses to one form of a session, typed one after another."""

    #: Emitted after each saved response with the number saved in this screen.
    saved = Signal(int)

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str, form_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.form_id = form_id
        self.entered = 0
        self.fields: dict[str, ItemField] = {}
        self.form: EvaluationForm = workspace.evaluations.get(form_id)
        self.setWindowTitle(_("Enter paper responses — {title}").format(title=self.form.title))
        self.resize(960, 720)
        self._build()
        self._load_people()
        self.start_next()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        form = self.form
        heading = QLabel(form.title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        help_text = QLabel(_("Type the number of the answer: the cursor moves on to the next item. "
                             "Tab moves on without answering, Delete clears a choice. "
                             "Ctrl+Enter saves the response and starts the next one."))  # fmt: skip
        help_text.setWordWrap(True)
        self.anonymity = QLabel(_("Anonymous form: responses name no one.") if form.anonymous
                                else _("Named form: choose who filled it in."))  # fmt: skip

        self.person = QComboBox()
        self.person.setAccessibleName(_("Participant"))
        self.person.setMinimumContentsLength(30)
        self.person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        person_row = QHBoxLayout()
        person_label = QLabel(_("&Participant") + " <b style='color:#b00020'>*</b>")
        person_label.setBuddy(self.person)
        person_row.addWidget(person_label)
        person_row.addWidget(self.person)
        person_row.addStretch(1)
        self.person_row = QWidget()
        self.person_row.setLayout(person_row)
        person_row.setContentsMargins(0, 0, 0, 0)
        self.person_row.setVisible(not form.anonymous)

        body = QWidget()
        items = QVBoxLayout(body)
        items.setContentsMargins(12, 6, 18, 12)
        items.setSpacing(4)
        number = 0
        for item in form.content.items:
            text = text_in(item.label, form.language)
            if item.kind == "heading":
                label = QLabel(text)
                label.setWordWrap(True)
                font = label.font()
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.15)
                label.setFont(font)
                label.setContentsMargins(0, 12, 0, 2)
                items.addWidget(label)
                continue
            if item.kind == "note":
                label = QLabel(text)
                label.setWordWrap(True)
                label.setStyleSheet("font-style: italic;")
                items.addWidget(label)
                continue
            number += 1
            field = ItemField(item, number, form.language)
            field.picked.connect(lambda f=field: self._next_after(f))
            self.fields[item.name] = field
            items.addWidget(field)
        items.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        self.body = body

        self.counter = QLabel()
        self.save_button = QPushButton(_("Save and next"))
        self.save_button.setToolTip(_("Saves this response and clears the screen for the next one "
                                      "(Ctrl+Enter)"))  # fmt: skip
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_and_next)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_entry)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save_and_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(help_text)
        layout.addWidget(self.anonymity)
        layout.addWidget(self.person_row)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.counter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _load_people(self) -> None:
        """The enrolled people, those whose response is already in marked."""
        self.person.clear()
        self.person.addItem(_("— choose the participant —"), None)
        if self.form.anonymous:
            return
        done = {
            r.enrolment_id
            for r, _a in self.workspace.evaluations.responses(self.form_id, [self.session_id])
        }
        for person in self.workspace.participants.enrolled(self.session_id):
            name = person.participant.display_name
            if person.enrolment.id in done:
                name = _("{name} (response entered)").format(name=name)
            self.person.addItem(name, person.enrolment.id)

    # -- entering -------------------------------------------------------------------------------

    def answers(self) -> dict[str, str]:
        return {name: value for name, field in self.fields.items() if (value := field.value())}

    def enrolment_id(self) -> str | None:
        return None if self.form.anonymous else self.person.currentData()

    def save_and_next(self) -> bool:
        """Save the response on screen (all or nothing), then clear for the next one."""
        outcome = self.runner.run(self, self.workspace.evaluations.enter_response, self.session_id,
                                  self.form_id, self.answers(), mode="paper",
                                  enrolment_id=self.enrolment_id(), changes={operations.EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            name = outcome.error.field if outcome.error is not None else None
            if name == PERSON:
                self.person.setFocus(Qt.FocusReason.OtherFocusReason)
            elif name in self.fields:
                self._focus(self.fields[name])
            return False
        self.entered += 1
        if not self.form.anonymous:
            self._load_people()
        self.start_next()
        self.saved.emit(self.entered)
        return True

    def start_next(self) -> None:
        for field in self.fields.values():
            field.clear()
        self.person.setCurrentIndex(0)
        self.counter.setText(ngettext("{count} response entered", "{count} responses entered",
                                      self.entered).format(count=self.entered))  # fmt: skip
        self.scroll.verticalScrollBar().setValue(0)
        if not self.form.anonymous:
            self.person.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.fields:
            self._focus(next(iter(self.fields.values())))

    def _focus(self, field: ItemField) -> None:
        field.focus_input()
        self.scroll.ensureWidgetVisible(field, 0, 40)

    def _next_after(self, field: ItemField) -> None:
        fields = list(self.fields.values())
        index = fields.index(field)
        if index + 1 < len(fields):
            self._focus(fields[index + 1])
        else:
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.answers():
            return  # Escape must not drop a half-typed response: Close asks
        super().keyPressEvent(event)

    def close_entry(self) -> None:
        self.reject()

    def reject(self) -> None:
        if self.answers():
            answer = QMessageBox.question(
                self, _("Please confirm"),
                _("The response on screen is not saved. Close and drop it?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def open_evaluation_entry(parent: QWidget, workspace: Workspace, runner: OperationRunner, session_id: str,
                          form_id: str) -> EvaluationEntry:  # fmt: skip
    """The entry screen, window-modal (without a nested event loop)."""
    dialog = EvaluationEntry(workspace, runner, session_id, form_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
