"""One item of an evaluation form being edited: its kind, texts, name, and choices or scale.

:class:`ItemEditor` shows a :class:`~trainer_desktop.core.form_content.FormItem` and gives it back
changed with :meth:`ItemEditor.item`; the core checks it when the form is saved. What the trainer
did not touch comes back exactly as it came in (a text with a non-breaking space a box would turn
into a space, a language nobody looked at, point labels of an XLSForm import), so opening a form
and saving it changes nothing.

Texts are kept per language (a form imported from an XLSForm may speak French, English and Arabic).
One bar of language tabs at the top chooses the language every box shows (the item's text and hint,
the choices, the points of a scale); the form's own language comes first, "Add a translation…"
adds another. Arabic boxes are written right to left.

Each kind keeps its own data while the trainer tries another kind (the choices of a single choice
are still there after a look at a rating scale), so switching back loses nothing.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.form_content import (
    CHOICE_KINDS,
    DISPLAY_KINDS,
    KINDS,
    MAX_CHOICES,
    NAME_PATTERN,
    FormChoice,
    FormItem,
    Texts,
)
from trainer_desktop.core.i18n import N_, _
from trainer_desktop.core.ready_forms import AGREE
from trainer_desktop.core.sessions import SESSION_LANGUAGES

from .evaluation_kiosk import ScaleButton
from .forms import vertical_scroll
from .question_editor import _remove_button, kept

#: The kinds in the order a trainer picks them: the usual ones first, the display-only last.
KIND_NAMES: dict[str, str] = KINDS  # one wording everywhere: the core's
#: What participants do with an item of a kind that has no choices or scale to edit.
KIND_ANSWERS: dict[str, str] = {
    "yesno": N_("Participants answer Yes or No."),
    "integer": N_("Participants type a whole number (e.g. their years of service)."),
    "decimal": N_("Participants type a number; a comma or a point marks the decimals."),
    "text": N_("Participants type a line of text."),
    "longtext": N_("Participants write a few lines (a comment, a suggestion)."),
    "heading": N_("A title that starts a new section of the form. It takes no answer."),
    "note": N_("A text shown to participants (an instruction, a reminder). It takes no answer."),
}
POINTS_MAX = 5


def blank_item(kind: str, name: str, language: str) -> FormItem:
    """A new item of ``kind`` ready to be written in ``language``: a rating scale of 5 points
    labelled from "strongly disagree" to "strongly agree" (when the ready forms have these words
    in ``language``; unlabelled otherwise), two choices waiting for their text, nothing more for
    the other kinds."""
    if kind == "rating":
        labels = tuple({language: t[language]} for t in AGREE) if language in AGREE[0] else ()
        return FormItem(kind, name, {}, points=5, point_labels=labels)
    if kind in CHOICE_KINDS:
        return FormItem(kind, name, {}, choices=(FormChoice("1", {}), FormChoice("2", {})))
    return FormItem(kind, name, {})


def language_name(code: str) -> str:
    return _(SESSION_LANGUAGES[code]) if code in SESSION_LANGUAGES else code


def is_right_to_left(language: str) -> bool:
    return QLocale(language).textDirection() == Qt.LayoutDirection.RightToLeft


def _set_direction(box: QLineEdit | QPlainTextEdit, language: str) -> None:
    """Write ``box`` left to right, or right to left for Arabic: the direction of the text's
    language, whatever the interface's (marked ``content_language`` for the checks of
    tests/ui/test_every_screen.py)."""
    rtl = is_right_to_left(language)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    box.setLayoutDirection(direction)
    box.setProperty("content_language", language)
    if isinstance(box, QPlainTextEdit):
        option = box.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        box.document().setDefaultTextOption(option)


class LanguageText:
    """A text in several languages (``{"fr": ..., "en": ...}``) edited in one box, one language at
    a time. A language whose box was not edited comes back exactly as it came in; an edited one
    comes back trimmed, and left out when it was emptied."""

    def __init__(self, box: QLineEdit | QPlainTextEdit, texts: Texts) -> None:
        self.box = box
        self.values = dict(texts)
        self.language = ""
        self.shown = ""

    def show(self, language: str) -> None:
        self._keep()
        self.language = language
        if isinstance(self.box, QPlainTextEdit):
            self.box.setPlainText(self.values.get(language, ""))
            self.shown = self.box.toPlainText()
        else:
            self.box.setText(self.values.get(language, ""))
            self.box.setCursorPosition(0)  # the beginning of a long text, not its end
            self.shown = self.box.text()
        _set_direction(self.box, language)

    def texts(self) -> Texts:
        self._keep()
        return dict(self.values)

    def is_blank(self) -> bool:
        return not any(t.strip() for t in self.texts().values())

    def _keep(self) -> None:
        if not self.language:
            return
        text = self.box.toPlainText() if isinstance(self.box, QPlainTextEdit) else self.box.text()
        if text == self.shown:
            return
        self.shown = text
        if text.strip():
            self.values[self.language] = text.strip()
        else:
            self.values.pop(self.language, None)


class _EnterLine(QLineEdit):
    """A line that says when Enter is pressed and keeps the key (a dialog's default button must
    not take it)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


# -- choices ----------------------------------------------------------------------------------


def _tool_button(text: str, tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tooltip)
    button.setAccessibleName(tooltip)
    button.setAutoRaise(True)
    return button


class ChoiceRow(QWidget):
    """One choice: its name (what results and XLSForm files record) and its text."""

    def __init__(self, table: ChoiceList, choice: FormChoice | None, name: str) -> None:
        super().__init__()
        self.original = choice
        self.name = QLineEdit(choice.name if choice else name)
        self.name.setFixedWidth(table.name_width)
        self.name.setMaxLength(64)
        self.name.setToolTip(_("What the results and XLSForm files record for this choice: "
                               "no spaces, different for each choice."))  # fmt: skip
        self.shown_name = self.name.text()
        self.label = _EnterLine()
        self.label.setPlaceholderText(_("Choice"))
        self.text = LanguageText(self.label, choice.label if choice else {})
        self.up = _tool_button("\u25b2", _("Move this choice up"))
        self.down = _tool_button("\u25bc", _("Move this choice down"))
        self.remove = _remove_button(_("Remove this choice"))
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(4)
        line.addWidget(self.name)
        line.addWidget(self.label, 1)
        for button in (self.up, self.down, self.remove):
            button.setFixedWidth(table.button_width)
            line.addWidget(button)

    def is_blank(self) -> bool:
        """A row the trainer added and left empty (it is left out)."""
        return self.original is None and self.text.is_blank()

    def choice(self) -> FormChoice:
        original_name = self.original.name if self.original else self.shown_name
        name = kept(self.name.text(), self.shown_name, original_name)
        if name != original_name:
            name = name.strip()
        return FormChoice(name, self.text.texts())


class ChoiceList(QWidget):
    """The choices of a single- or multiple-choice item, in the order participants see them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        metrics = self.fontMetrics()
        self.name_width = max(metrics.horizontalAdvance("very_useful_00") + 12,
                              metrics.horizontalAdvance(_("Identifier")) + 12)  # fmt: skip
        self.button_width = metrics.height() + 10
        self.rows: list[ChoiceRow] = []
        self.language = ""
        header = QHBoxLayout()
        header.setSpacing(4)
        name_header = QLabel(_("Identifier"))
        name_header.setFixedWidth(self.name_width)
        self.text_header = QLabel()
        header.addWidget(name_header)
        header.addWidget(self.text_header, 1)
        header.addSpacing(3 * (self.button_width + 4))
        for label in (name_header, self.text_header):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self.list = QVBoxLayout()
        self.list.setSpacing(2)
        self.add_button = QPushButton(_("Add a choice"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        hint = QLabel(_("Enter after a choice adds the next one. Empty new lines are left out."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(self.list)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    # -- filling and reading
    def set_choices(self, choices: tuple[FormChoice, ...], language: str) -> None:
        for row in list(self.rows):
            self._drop(row)
        self.language = language
        for choice in choices:
            self.add_row(choice)
        self.show_language(language)

    def choices(self) -> tuple[FormChoice, ...]:
        return tuple(row.choice() for row in self.rows if not row.is_blank())

    def show_language(self, language: str) -> None:
        self.language = language
        self.text_header.setText(_("Text in {language}").format(language=language_name(language)))
        for row in self.rows:
            row.text.show(language)

    # -- rows
    def add_row(self, choice: FormChoice | None = None, after: ChoiceRow | None = None,
                focus: bool = False) -> ChoiceRow | None:  # fmt: skip
        if len(self.rows) >= MAX_CHOICES:
            return None
        row = ChoiceRow(self, choice, self._free_name())
        index = self.rows.index(after) + 1 if after in self.rows else len(self.rows)
        self.rows.insert(index, row)
        self.list.insertWidget(index, row)
        row.show()  # at once, not when the event loop next runs: a click may come first
        if self.language:
            row.text.show(self.language)
        row.name.textEdited.connect(self.changed)
        row.label.textEdited.connect(self.changed)
        row.label.entered.connect(lambda r=row: self._enter(r))
        row.up.clicked.connect(lambda _c=False, r=row: self.move_row(r, -1))
        row.down.clicked.connect(lambda _c=False, r=row: self.move_row(r, 1))
        row.remove.clicked.connect(lambda _c=False, r=row: self.remove_row(r))
        self._update()
        if focus:
            row.label.setFocus()
            self.changed.emit()
        return row

    def remove_row(self, row: ChoiceRow) -> None:
        self._drop(row)
        self._update()
        self.changed.emit()

    def move_row(self, row: ChoiceRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self.list.removeWidget(row)
        self.list.insertWidget(target, row)
        self._update()
        self.changed.emit()

    def _enter(self, row: ChoiceRow) -> None:
        """Enter on the last choice adds one; on another, it goes to the next."""
        index = self.rows.index(row)
        if index == len(self.rows) - 1:
            self.add_row(after=row, focus=True)
        else:
            self.rows[index + 1].label.setFocus()

    def _free_name(self) -> str:
        """The smallest number no choice is named after yet (XLSForm files often name choices
        1, 2, 3)."""
        used = {row.name.text().strip() for row in self.rows}
        number = 1
        while str(number) in used:
            number += 1
        return str(number)

    def _drop(self, row: ChoiceRow) -> None:
        self.rows.remove(row)
        self.list.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _update(self) -> None:
        for i, row in enumerate(self.rows):
            row.up.setEnabled(i > 0)
            row.down.setEnabled(i < len(self.rows) - 1)
        self.add_button.setEnabled(len(self.rows) < MAX_CHOICES)


# -- rating scales --------------------------------------------------------------------------------


class PointIcon(ScaleButton):
    """A small picture of one point of a scale, as the kiosk draws it: a face, or the number."""

    SIZE = QSize(44, 36)

    def __init__(self, point: int, points: int) -> None:
        super().__init__(point, points, "", False)
        self.setCheckable(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.unsetCursor()
        self.setFont(QApplication.font())  # not the kiosk's large type
        self.setFixedSize(self.SIZE)

    def show_as(self, points: int, faces: bool) -> None:
        self.points, self.faces = points, faces
        # a face needs room; a number only the height of the label beside it
        self.setFixedHeight(self.SIZE.height() if faces else self.fontMetrics().height() + 8)
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect())
        if self.faces:
            self._paint_face(painter, area.adjusted(-8, -4, 8, 4))  # the kiosk leaves a margin
        else:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#1d2127"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, str(self.point))
        painter.end()


class RatingScale(QWidget):
    """The points of a rating scale (4 or 5), a label at each, and whether faces show them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = FormItem("rating", "", {})
        self._shown_points = 5
        self.points = QComboBox()
        for count in (4, 5):
            self.points.addItem(_("{count} points").format(count=count), count)
        self.points.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.faces = QCheckBox(_("Show as faces (for groups who read little)"))
        self.icons: list[PointIcon] = []
        self.boxes: list[QLineEdit] = []
        self.texts: list[LanguageText] = []
        top = QHBoxLayout()
        top.addWidget(self.points)
        top.addSpacing(16)
        top.addWidget(self.faces)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        for point in range(1, POINTS_MAX + 1):
            icon = PointIcon(point, POINTS_MAX)
            box = QLineEdit()
            box.setPlaceholderText(_("Label of point {point} (optional)").format(point=point))
            box.textEdited.connect(self.changed)
            line = QHBoxLayout()
            line.setSpacing(6)
            line.addWidget(icon)
            line.addWidget(box, 1)
            layout.addLayout(line)
            self.icons.append(icon)
            self.boxes.append(box)
        hint = QLabel(_("Point 1 is the lowest (e.g. “Strongly disagree”), the last the highest."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.points.currentIndexChanged.connect(self._points_changed)
        self.faces.toggled.connect(self._faces_toggled)

    def set_scale(self, item: FormItem, language: str) -> None:
        self._original = item
        for widget in (self.points, self.faces):
            widget.blockSignals(True)
        self.points.setCurrentIndex(max(self.points.findData(item.points), 0))
        self.faces.setChecked(item.faces)
        for widget in (self.points, self.faces):
            widget.blockSignals(False)
        self._shown_points = self.points.currentData()
        self.texts = [LanguageText(box, labels)
                      for box, labels in zip(self.boxes, self._padded(item.point_labels), strict=True)]  # fmt: skip
        self.show_language(language)
        self._show_points()

    def show_language(self, language: str) -> None:
        for text in self.texts:
            text.show(language)

    def scale(self) -> tuple[int, tuple[Texts, ...], bool]:
        """(points, point labels, faces) as the trainer left them."""
        points = kept(self.points.currentData(), self._shown_points, self._original.points)
        labels = [text.texts() for text in self.texts[:points]]
        untouched = self._padded(self._original.point_labels)[:points]
        if points == self._original.points and labels == untouched:
            point_labels = self._original.point_labels
        elif not any(labels):
            point_labels = ()
        else:
            point_labels = tuple(labels)
        return points, point_labels, self.faces.isChecked()

    @staticmethod
    def _padded(labels: tuple[Texts, ...]) -> list[Texts]:
        return [dict(t) for t in labels[:POINTS_MAX]] + [{}] * (POINTS_MAX - len(labels))

    def _points_changed(self) -> None:
        self._show_points()
        self.changed.emit()

    def _faces_toggled(self) -> None:
        self._show_points()
        self.changed.emit()

    def _show_points(self) -> None:
        points = self.points.currentData()
        for point, (icon, box) in enumerate(zip(self.icons, self.boxes, strict=True), start=1):
            icon.show_as(points, self.faces.isChecked())
            icon.setVisible(point <= points)
            box.setVisible(point <= points)


# -- the editor ---------------------------------------------------------------------------------


class ItemEditor(QWidget):
    """Everything about one item of a form. :attr:`changed` is emitted at each edit by the user."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = FormItem("rating", "", {})
        self._shown_name = ""
        self._form_language = "fr"
        self._loading = False
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.kind = QComboBox()
        for key, name in KIND_NAMES.items():
            self.kind.addItem(_(name), key)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.required = QCheckBox(_("Answer required"))
        self.required.setToolTip(_("Participants cannot finish the form without answering it."))
        self.name = QLineEdit()
        self.name.setMaxLength(64)
        self.name.setToolTip(_("The item's identifier in results and XLSForm files: letters, "
                               "digits, _ - and ., starting with a letter."))  # fmt: skip
        self.name_problem = QLabel(_("Start with a letter; use only letters, digits, _ - and ."))
        self.name_problem.setStyleSheet("color: #a4161a;")
        self.name_problem.setWordWrap(True)

        self.languages = QTabBar()
        self.languages.setDocumentMode(True)
        self.languages.setExpanding(False)
        self.add_language = QToolButton()
        self.add_language.setText(_("Add a translation…"))
        self.add_language.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_language)
        menu.triggered.connect(lambda action: self.add_translation(action.data()))
        self.add_language.setMenu(menu)
        language_line = QHBoxLayout()
        language_line.setContentsMargins(0, 0, 0, 0)
        language_line.addWidget(self.languages)
        language_line.addWidget(self.add_language)
        language_line.addStretch(1)

        self.label = QPlainTextEdit()
        self.label.setTabChangesFocus(True)
        self.label.setPlaceholderText(_("The question or statement as participants read it"))
        lines = self.fontMetrics().lineSpacing()
        self.label.setMinimumHeight(lines * 3 + 14)
        self.label.setMaximumHeight(lines * 5 + 14)
        self.hint = QLineEdit()
        self.hint.setPlaceholderText(_("Shown under the item, in smaller type (optional)"))
        self.label_text = LanguageText(self.label, {})
        self.hint_text = LanguageText(self.hint, {})

        self.choices = ChoiceList()
        self.scale = RatingScale()
        self.answer_note = QLabel()
        self.answer_note.setWordWrap(True)
        self.answers_box = QGroupBox(_("Answers"))
        answers_layout = QVBoxLayout(self.answers_box)
        for page in (self.choices, self.scale, self.answer_note):
            answers_layout.addWidget(page)
        self.choices.changed.connect(self._edited)
        self.scale.changed.connect(self._edited)

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.required)
        name_field = QVBoxLayout()  # the problem under the box, taking no room when hidden
        name_field.setSpacing(2)
        name_field.addWidget(self.name)
        name_field.addWidget(self.name_problem)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, buddy, field in ((_("&Kind"), self.kind, top),
                                   (_("&Identifier"), self.name, name_field),
                                   (_("Language"), None, language_line),
                                   (_("&Text"), self.label, self.label),
                                   (_("&Hint"), self.hint, self.hint)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(buddy)  # Alt and the underlined letter reach the box
            form.addRow(label, field)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 8, 0)
        inner_layout.addWidget(self.heading)
        inner_layout.addLayout(form)
        inner_layout.addWidget(self.answers_box)
        inner_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(vertical_scroll(inner))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.required.toggled.connect(self._edited)
        self.name.textEdited.connect(self._name_edited)
        self.label.textChanged.connect(self._edited)
        self.hint.textEdited.connect(self._edited)
        self.languages.currentChanged.connect(self._language_chosen)
        self.set_item(self._original, 1, self._form_language)

    # -- filling and reading
    def set_item(self, item: FormItem, number: int, language: str) -> None:
        """Show ``item``, the ``number``-th of a form written in ``language``."""
        self._loading = True
        try:
            self._original = item
            self._form_language = language
            self.heading.setText(_("Item {number}").format(number=number))
            self.kind.setCurrentIndex(max(self.kind.findData(item.kind), 0))
            self.required.setChecked(item.required)
            self.name.setText(item.name)
            self._shown_name = self.name.text()
            self.label_text = LanguageText(self.label, item.label)
            self.hint_text = LanguageText(self.hint, item.hint)
            choices = item.choices if item.kind in CHOICE_KINDS else ()
            self.choices.set_choices(choices, language)
            scale = item if item.kind == "rating" else FormItem("rating", "", {})
            self.scale.set_scale(scale, language)
            self._set_languages(_languages_of(item, language))
            self._show_kind()
            self._show_name_problem()
        finally:
            self._loading = False

    def item(self) -> FormItem:
        """The item as the trainer left it (unchecked: the core checks it on saving)."""
        original = self._original
        kind = self.kind.currentData()
        same_kind = kind == original.kind
        name = kept(self.name.text(), self._shown_name, original.name)
        if name != original.name:
            name = name.strip()
        if kind in DISPLAY_KINDS:
            required = original.required if same_kind else False
        else:
            required = self.required.isChecked()
        if kind in CHOICE_KINDS:
            choices = self.choices.choices()
        else:
            choices = original.choices if same_kind else ()
        if kind == "rating":
            points, point_labels, faces = self.scale.scale()
        elif same_kind:
            points, point_labels, faces = original.points, original.point_labels, original.faces
        else:
            points, point_labels, faces = 5, (), False
        return replace(original, kind=kind, name=name, label=self.label_text.texts(),
                       hint=self.hint_text.texts(), required=required, choices=choices,
                       points=points, point_labels=point_labels, faces=faces)  # fmt: skip

    # -- languages
    def language(self) -> str:
        """The language the boxes show."""
        return self.languages.tabData(self.languages.currentIndex()) or self._form_language

    def add_translation(self, language: str) -> None:
        """Show a tab for ``language`` (added if it is not there yet) and write in it."""
        codes = self._language_codes()
        if language not in codes:
            self._set_languages([*codes, language], current=self.language())
        self.languages.setCurrentIndex(self._language_codes().index(language))

    def _language_codes(self) -> list[str]:
        return [self.languages.tabData(i) for i in range(self.languages.count())]

    def _set_languages(self, codes: list[str], current: str = "") -> None:
        blocked = self.languages.blockSignals(True)
        while self.languages.count():
            self.languages.removeTab(0)
        for code in codes:
            index = self.languages.addTab(language_name(code))
            self.languages.setTabData(index, code)
            if code == self._form_language:
                self.languages.setTabToolTip(index, _("The form's language"))
        self.languages.setCurrentIndex(codes.index(current) if current in codes else 0)
        self.languages.blockSignals(blocked)
        menu = self.add_language.menu()
        menu.clear()
        for code in SESSION_LANGUAGES:
            if code not in codes:
                menu.addAction(language_name(code)).setData(code)
        self.add_language.setEnabled(not menu.isEmpty())
        self._show_language(self.language())

    def _language_chosen(self) -> None:
        self._show_language(self.language())

    def _show_language(self, language: str) -> None:
        loading, self._loading = self._loading, True  # boxes refilled: no edit of the trainer's
        try:
            for text in (self.label_text, self.hint_text):
                text.show(language)
            self.choices.show_language(language)
            self.scale.show_language(language)
        finally:
            self._loading = loading

    # -- reacting
    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _name_edited(self) -> None:
        self._show_name_problem()
        self._edited()

    def _show_name_problem(self) -> None:
        self.name_problem.setVisible(not NAME_PATTERN.match(self.name.text().strip()))

    def _kind_changed(self) -> None:
        self._show_kind()
        self._edited()

    def _show_kind(self) -> None:
        kind = self.kind.currentData()
        self.required.setVisible(kind not in DISPLAY_KINDS)
        self.choices.setVisible(kind in CHOICE_KINDS)
        self.scale.setVisible(kind == "rating")
        note = KIND_ANSWERS.get(kind, "")
        self.answer_note.setText(_(note) if note else "")
        self.answer_note.setVisible(bool(note))
        self.answers_box.setTitle(_("Participants see") if kind in DISPLAY_KINDS else _("Answers"))


def _languages_of(item: FormItem, form_language: str) -> list[str]:
    """Every language the item has a text in, the form's first."""
    codes = [form_language]
    texts = [item.label, item.hint, *(c.label for c in item.choices), *item.point_labels]
    for each in texts:
        codes += [code for code in each if code not in codes]
    return codes
