"""The evaluation-form library: every form of this laptop, built, edited, copied, deleted (Ctrl+Z
brings it back), imported from and exported to XLSForm workbooks (KoboToolbox, ODK).

:class:`FormLibrary` lists the forms; :class:`FormEditor` edits one (its title, language, whether
it is anonymous, and its items, the selected item on the right in an
:class:`~.item_editor.ItemEditor`). It follows the quiz library (:mod:`.quiz_library`) screen for
screen and key for key, so a trainer who knows one knows the other. Everything is saved through
the runner and checked by the core: a refused item is selected so the trainer sees what the
message is about, and changing a form people already answered asks first (their responses keep
the items they answered). A refused workbook lists every problem with its sheet and row, so it
can be fixed in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.evaluations import TITLE_MAX, EvaluationForm, EvaluationService
from trainer_desktop.core.form_content import MAX_ITEMS, FormItem, text_in
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.search import matches
from trainer_desktop.core.sessions import SESSION_LANGUAGES
from trainer_desktop.core.workspace import Workspace

from .item_editor import KIND_NAMES, ItemEditor, blank_item
from .library_window import LibraryEditorWindow, LibraryModel, LibraryTexts, LibraryWindow
from .operations import EVALUATIONS, OperationRunner
from .quiz_library import language_name, title_from_file_name
from .quiz_print import UNSAFE_IN_FILE_NAMES
from .table_model import RowsTableModel, read_only_table

_Index = QModelIndex | QPersistentModelIndex
XLSFORM_FILTER = N_("Excel workbooks (*.xlsx);;All files (*)")
FIRST_WORDS = 90  # characters of an item shown in the list
NEW_KIND = "rating"  # what a new form starts with: most evaluation items are scales


def who_answers(anonymous: bool) -> str:
    return _("Anonymous") if anonymous else _("Named")


# -- plain functions the runner calls -------------------------------------------------------------


def xlsform_file_name(title: str) -> str:
    """The form's title, without the characters Windows refuses in a file name, ``.xlsx``."""
    name = " ".join(UNSAFE_IN_FILE_NAMES.sub(" ", title).split())[:100].rstrip(". ")
    return f"{name or _('Evaluation form')}.xlsx"


def new_item_name(items: Sequence[FormItem]) -> str:
    """``item4`` for a fourth item, or the next number no item uses (names must differ)."""
    used = {i.name for i in items}
    number = len(items) + 1
    while f"item{number}" in used:
        number += 1
    return f"item{number}"


def copy_name(name: str, items: Sequence[FormItem]) -> str:
    """``utile_2`` for a copy of ``utile`` (``utile_3`` if that is taken): at most 64 characters."""
    used = {i.name for i in items}
    number = 2
    while f"{name[:58]}_{number}" in used:
        number += 1
    return f"{name[:58]}_{number}"


def duplicate_form(evaluations: EvaluationService, form_id: str) -> EvaluationForm:
    """A copy of a form, to adapt into a variant. It is a new form: without the workbook's form
    id and version, so exporting it to Kobo never replaces the original there."""
    form = evaluations.get(form_id)
    suffix = _("{title} (copy)").format(title="")
    title = form.title[: TITLE_MAX - len(suffix)]
    return evaluations.create(_("{title} (copy)").format(title=title), form.language,
                              form.content.items, anonymous=form.anonymous,
                              description=form.description)  # fmt: skip


def import_xlsform_file(evaluations: EvaluationService, read: Any, path: Path) -> EvaluationForm:
    """A new form holding what :func:`~trainer_desktop.core.xlsform.read_xlsform` read from
    ``path`` (a workbook without a ``form_title`` is named after the file)."""
    title = (read.title or title_from_file_name(Path(path)))[:TITLE_MAX]
    return evaluations.create(title, read.language, read.items, anonymous=read.anonymous,
                              form_key=read.form_key, version_label=read.version_label)  # fmt: skip


def export_xlsform_file(evaluations: EvaluationService, form_id: str, path: Path) -> int:
    """Write a form as an XLSForm workbook (all of it or nothing); returns the number of items."""
    from trainer_desktop.core.xlsform import write_xlsform  # openpyxl is read only when needed

    form = evaluations.get(form_id)
    write_xlsform(form, Path(path))
    return len(form.content.items)


# -- the library's list ---------------------------------------------------------------------------

TITLE, LANGUAGE, WHO, ITEMS, RESPONSES = range(5)
FormIdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class FormRow:
    id: str
    title: str
    language: str
    anonymous: bool
    items: int
    responses: int


def form_rows(evaluations: EvaluationService) -> list[FormRow]:
    return [FormRow(form.id, form.title, form.language, form.anonymous, len(form.content.items),
                    evaluations.response_count(form.id))
            for form in evaluations.list_forms()]  # fmt: skip


FORM_HEADERS = {TITLE: N_("Title"), LANGUAGE: N_("Language"), WHO: N_("Who answers"),
                ITEMS: N_("Items"), RESPONSES: N_("Responses")}  # fmt: skip


class FormsModel(LibraryModel):
    HEADERS = FORM_HEADERS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        form = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            responses = str(form.responses) if form.responses else ""
            return {TITLE: form.title, LANGUAGE: language_name(form.language),
                    WHO: who_answers(form.anonymous), ITEMS: str(form.items),
                    RESPONSES: responses}.get(column)  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ITEMS, RESPONSES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHO:
            return (_("Responses hold no name: only how many answered is known.") if form.anonymous
                    else _("Each response names the participant who gave it."))  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole and column == RESPONSES and form.responses:
            return ngettext("{count} response to this form.", "{count} responses to this form.",
                            form.responses).format(count=form.responses)  # fmt: skip
        if role == FormIdRole:
            return form.id
        return None


# -- the editor's list of items -------------------------------------------------------------------

NUMBER, KIND, TEXT, REQUIRED = range(4)

ITEM_HEADERS = {NUMBER: N_("No."), KIND: N_("Kind"), TEXT: N_("Item"), REQUIRED: N_("Required")}


class ItemsModel(RowsTableModel):
    """The items of the form being edited, their texts in the form's language."""

    HEADERS = ITEM_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = "fr"

    def set_items(self, items: Sequence[FormItem], language: str) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.language = language
        self.endResetModel()

    def set_item(self, row: int, item: FormItem) -> None:
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item: FormItem = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(index.row() + 1)
            if column == KIND:
                kind = KIND_NAMES.get(item.kind, item.kind)
                return _(kind)
            if column == TEXT:
                text = " ".join(text_in(item.label, self.language).split()) or _("(no text yet)")
                return text if len(text) <= FIRST_WORDS else text[:FIRST_WORDS - 1] + "…"
            if column == REQUIRED:
                return "✓" if item.required and item.answerable else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return text_in(item.label, self.language)
        if role == Qt.ItemDataRole.ToolTipRole and column == REQUIRED and item.required:
            return _("Must be answered")
        if role == Qt.ItemDataRole.FontRole and item.kind == "heading" and column == TEXT:
            font = QFont()
            font.setBold(True)  # a section starts here
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == REQUIRED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


# -- a refused workbook ---------------------------------------------------------------------------


class ProblemsDialog(QDialog):
    """Every problem of a refused workbook, one a line with its sheet and row, to fix in the
    spreadsheet (or copy and send to whoever made it)."""

    def __init__(self, file_name: str, problems: Sequence[str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.problems = list(problems)
        self.setWindowTitle(_("Cannot import {file}").format(file=file_name))
        intro = QLabel(ngettext(
            "Nothing was imported: {file} has {count} problem. Fix it in the workbook (the sheet "
            "and the row are given), then import it again.",
            "Nothing was imported: {file} has {count} problems. Fix them in the workbook (each "
            "names its sheet and row), then import it again.",
            len(self.problems)).format(file=file_name, count=len(self.problems)))  # fmt: skip
        intro.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(f"• {p}" for p in self.problems))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setAccessibleName(_("Problems"))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = box.addButton(_("Copy the list"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setAutoDefault(False)
        copy.clicked.connect(self.copy)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(box)
        self.resize(640, 360)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problems))


# -- the form editor ------------------------------------------------------------------------------


class FormEditor(LibraryEditorWindow):
    """A new form (``form_id`` None: created on the first save) or an existing one."""

    CHANGES = EVALUATIONS

    def __init__(self, workspace: Workspace, runner: OperationRunner, form_id: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(workspace, runner, form_id, parent)
        #: The items as being edited (the one on the right included, at each keystroke).
        self.items: list[FormItem] = []
        self._showing = False  # an item being put in the item editor is not an edit
        self._build()
        if form_id is None:
            language = i18n.current().language
            self._load(language, "", True, [blank_item(NEW_KIND, new_item_name([]), language)])
        else:
            form = workspace.evaluations.get(form_id)
            self._load(form.language, form.title, form.anonymous, list(form.content.items))
        (self.title if form_id is None else self.table).setFocus()
        self.resize(1240, 680)  # within a 1366×768 screen, its taskbar and title bar

    # -- building
    def _build(self) -> None:
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(_("e.g. End-of-session evaluation"))
        self.language = QComboBox()
        for code, name in SESSION_LANGUAGES.items():
            self.language.addItem(_(name), code)
        language_label = QLabel(_("&Language"))
        language_label.setBuddy(self.language)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addSpacing(12)
        title_row.addWidget(language_label)
        title_row.addWidget(self.language)
        self.anonymous = QRadioButton(_("&Anonymous: responses hold no name"))
        self.named = QRadioButton(_("&Named: each response names the participant"))
        self.who = QButtonGroup(self)
        self.who.addButton(self.anonymous)
        self.who.addButton(self.named)
        who_row = QHBoxLayout()
        who_row.addWidget(self.anonymous)
        who_row.addSpacing(16)
        who_row.addWidget(self.named)
        who_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title_label = QLabel(_("&Title"))
        title_label.setBuddy(self.title)
        form.addRow(title_label, title_row)
        form.addRow(_("Who answers"), who_row)

        self.model = ItemsModel(self)
        self.table = read_only_table(self.model, _("Items"))
        header = self.table.horizontalHeader()
        for column in (NUMBER, KIND, REQUIRED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_item(current.row()))  # fmt: skip
        self.summary = QLabel()
        self.add_button = self._button(_("Add item"), lambda: self.add_item(), "Ctrl+N",
                                       _("Add an item of the same kind after the selected one; "
                                         "the menu offers every kind"))  # fmt: skip
        self.add_menu = QMenu(self.add_button)
        for kind, name in KIND_NAMES.items():
            action = self.add_menu.addAction(_(name))
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_item(k))
        self.add_button.setMenu(self.add_menu)
        self.duplicate_button = self._button(_("Duplicate"), self.duplicate_item, "Ctrl+D",
                                             _("Copy the selected item"))  # fmt: skip
        self.remove_button = self._button(
            _("Remove"), self.remove_item, "", _("Remove the selected item (Del in the list)"))
        self.up_button = self._button(_("Up"), lambda: self.move_item(-1), "Ctrl+Up",
                                      _("Move the item up"))  # fmt: skip
        self.down_button = self._button(_("Down"), lambda: self.move_item(1), "Ctrl+Down",
                                        _("Move the item down"))  # fmt: skip
        self.editor = ItemEditor()
        self.editor.changed.connect(self._item_edited)
        self._build_splitter(self.remove_item, self.move_item)

        bottom = self._save_row(_("Save the form ({shortcut})"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.title.textEdited.connect(self._update_modified)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.who.buttonToggled.connect(lambda *_a: self._update_modified())

    @property
    def form_id(self) -> str | None:
        return self.record_id

    # -- filling and reading
    def _load(self, language: str, title: str, anonymous: bool, items: list[FormItem],
              row: int = 0) -> None:  # fmt: skip
        if self.language.findData(language) < 0:  # a language from elsewhere is kept
            self.language.addItem(language, language)
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self.language.findData(language))
        self.language.blockSignals(False)
        self.title.setText(title)
        self.title.setCursorPosition(0)
        (self.anonymous if anonymous else self.named).setChecked(True)
        self._replace_items(list(items), row)
        self._saved = self._state()  # a new form left as it opened closes without a question
        self._update_modified()

    def form_language(self) -> str:
        return self.language.currentData()

    def values(self) -> dict[str, Any]:
        """What the core's ``create`` and ``update`` take."""
        return {"title": self.title.text(), "language": self.form_language(),
                "anonymous": self.anonymous.isChecked(), "items": list(self.items)}  # fmt: skip

    def _state(self) -> Any:
        values = self.values()
        return (" ".join(values["title"].split()), values["language"], values["anonymous"],
                [i.to_json() for i in values["items"]])  # fmt: skip

    def _unnamed(self) -> str:
        return _("New form")

    def _update_modified(self) -> None:
        self.setWindowModified(self.is_modified())
        name = self.title.text().strip() or _("New form")
        self.setWindowTitle(_("Evaluation form: {title}").format(title=name) + "[*]")
        count = len(self.items)
        self.summary.setText(ngettext("{count} item, {questions} to answer",
                                      "{count} items, {questions} to answer", count).format(
            count=count, questions=sum(1 for i in self.items if i.answerable)))  # fmt: skip
        current = self._current
        self.duplicate_button.setEnabled(current >= 0 and count < MAX_ITEMS)
        self.remove_button.setEnabled(current >= 0)
        self.up_button.setEnabled(current > 0)
        self.down_button.setEnabled(0 <= current < count - 1)
        self.add_button.setEnabled(count < MAX_ITEMS)

    def _language_changed(self) -> None:
        """The list and the item on the right show the texts in the form's new language."""
        self.model.set_items(self.items, self.form_language())
        row, self._current = self._current, -1
        if row >= 0:
            self.select_item(row)
        self._update_modified()

    # -- the items
    def select_item(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, TEXT))
        self.table.selectRow(row)
        if row != self._current:
            self._show_item(row)

    def _show_item(self, row: int) -> None:
        if row == self._current:
            return
        self._current = row
        self.editor.setEnabled(row >= 0)
        if row >= 0:
            self._showing = True
            try:
                self.editor.set_item(self.items[row], row + 1, self.form_language())
            finally:
                self._showing = False
        self._update_modified()

    def _item_edited(self) -> None:
        row = self._current
        if row < 0 or self._showing:
            return
        self.items[row] = self.editor.item()
        self.model.set_item(row, self.items[row])
        self._update_modified()

    def _replace_items(self, items: list[FormItem], select: int) -> None:
        self.items = items
        self.model.set_items(items, self.form_language())
        self._current = -1
        if items:
            self.select_item(max(0, min(select, len(items) - 1)))
        else:
            self._show_item(-1)
        self._update_modified()

    def add_item(self, kind: str | None = None) -> None:
        """A new item of ``kind`` (else of the selected item's kind) after the selected one."""
        if len(self.items) >= MAX_ITEMS:
            return
        current = self.items[self._current] if self._current >= 0 else None
        kind = kind or (current.kind if current else NEW_KIND)
        new = blank_item(kind, new_item_name(self.items), self.form_language())
        row = self._current + 1 if current else len(self.items)
        self._replace_items(self.items[:row] + [new] + self.items[row:], row)
        self._focus_item_editor()
        self.status.setText("")

    def duplicate_item(self) -> None:
        row = self._current
        if row < 0 or len(self.items) >= MAX_ITEMS:
            return
        original = self.items[row]
        copy = replace(original, name=copy_name(original.name, self.items))  # names must differ
        self._replace_items(self.items[:row + 1] + [copy] + self.items[row + 1:], row + 1)
        self.status.setText(_("Item {number} is a copy of item {original}.").format(
            number=row + 2, original=row + 1))  # fmt: skip

    def remove_item(self) -> None:
        row = self._current
        if row < 0:
            return
        self._replace_items(self.items[:row] + self.items[row + 1:], row)
        self.status.setText(_("Item {number} was removed (Close and Discard bring it back until "
                              "you save).").format(number=row + 1))  # fmt: skip
        self.table.setFocus()

    def move_item(self, step: int) -> None:
        row = self._current
        target = row + step
        if row < 0 or not 0 <= target < len(self.items):
            return
        items = list(self.items)
        items[row], items[target] = items[target], items[row]
        self._replace_items(items, target)
        self.table.setFocus()

    def _focus_item_editor(self) -> None:
        """The cursor where the trainer types next: the item editor's text (its first box of
        several lines, else its first line)."""
        if self.editor.focusProxy() is not None:
            self.editor.setFocus()
            return
        for kind in (QPlainTextEdit, QTextEdit, QLineEdit):
            for box in self.editor.findChildren(kind):
                if box.isVisibleTo(self.editor) and box.isEnabled() and not box.isReadOnly():
                    box.setFocus()
                    return

    # -- saving
    def _service(self) -> EvaluationService:
        return self.workspace.evaluations

    def _reload(self, form: EvaluationForm) -> None:
        self._load(form.language, form.title, form.anonymous, list(form.content.items),
                   max(self._current, 0))  # fmt: skip

    def _show_error(self, field: str | None) -> None:
        if field and field.startswith("item:"):
            row = int(field.split(":")[1]) - 1
            if 0 <= row < len(self.items):
                self.select_item(row)
                self._focus_item_editor()
        elif field == "title":
            self.title.setFocus()
        elif field == "language":
            self.language.setFocus()


# -- the library ------------------------------------------------------------------------------


class FormLibrary(LibraryWindow):
    """Every evaluation form of the library, to build, edit, copy, delete, import and export."""

    CHANGES = EVALUATIONS

    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(workspace, runner, parent)
        self.problems_dialog: ProblemsDialog | None = None

    def _texts(self) -> LibraryTexts:
        return LibraryTexts(
            title=_("Evaluation forms"), new_tip=_("A new, empty form"),
            edit_tip=_("Edit the selected form (Enter)"),
            duplicate_tip=_("A copy of the selected form, to adapt"),
            delete_tip=_("Delete the selected form (Del)"),
            undo_tip=_("Bring the last deleted form back"), delete_title=_("Delete form"),
            delete_question=_("Delete the form “{title}”? (Ctrl+Z brings it back.)"))  # fmt: skip

    def _make_model(self) -> FormsModel:
        return FormsModel(self)

    def _file_buttons(self) -> tuple[QPushButton, QPushButton]:
        return (self._button(_("Import XLSForm…"), self.import_xlsform, ["Ctrl+I"],
                             _("A new form from an XLSForm workbook (KoboToolbox, ODK)")),
                self._button(_("Export XLSForm…"), self.export_xlsform, ["Ctrl+E"],
                             _("Save the selected form as an XLSForm workbook, for KoboToolbox "
                               "or another laptop")))  # fmt: skip

    def _rows(self) -> list[FormRow]:
        return form_rows(self.workspace.evaluations)

    def _matches(self, query: str, row: FormRow) -> bool:
        return matches(query, row.title, language_name(row.language), row.language,
                       who_answers(row.anonymous))  # fmt: skip

    def _empty_text(self, query: str, any_at_all: bool) -> str:
        return (_("No form matches “{text}”.").format(text=query) if any_at_all else
                _("No evaluation forms yet. Create one with “New…”, or import a KoboToolbox or "
                  "ODK workbook with “Import XLSForm…”."))  # fmt: skip

    def _count_text(self, count: int) -> str:
        return ngettext("{count} form", "{count} forms", count).format(count=count)

    def _service(self) -> EvaluationService:
        return self.workspace.evaluations

    def _duplicate_action(self) -> Callable[[str], EvaluationForm]:
        return partial(duplicate_form, self.workspace.evaluations)

    def _duplicated_text(self, title: str) -> str:
        return _("“{title}” is a copy: edit it into a variant; responses to the original stay "
                 "with the original.").format(title=title)  # fmt: skip

    def _make_editor(self, record_id: str | None) -> FormEditor:
        return FormEditor(self.workspace, self.runner, record_id, self)

    def import_xlsform(self) -> None:
        from trainer_desktop.core.xlsform import XLSFormError, read_xlsform

        path = self._ask_import_path(_("Import an evaluation form from an XLSForm workbook"),
                                     _(XLSFORM_FILTER))  # fmt: skip
        if path is None:
            return
        try:
            read = read_xlsform(path, language=i18n.current().language)
        except XLSFormError as refused:
            self.show_problems(path.name, refused.problems)
            return
        outcome = self.runner.run(self, import_xlsform_file, self.workspace.evaluations, read,
                                  path, changes={EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            return
        form = outcome.value
        self._show_new(form.id)
        count = len(read.items)
        self.status.setText(ngettext(
            "{count} item imported from {file} into the new form “{title}”.",
            "{count} items imported from {file} into the new form “{title}”.", count).format(
            count=count, file=path.name, title=form.title))  # fmt: skip

    def show_problems(self, file_name: str, problems: Sequence[str]) -> ProblemsDialog:
        dialog = ProblemsDialog(file_name, problems, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "problems_dialog", None))
        self.problems_dialog = dialog
        self.status.setText(_("Nothing was imported from {file}.").format(file=file_name))
        dialog.open()  # window-modal, without a nested event loop
        return dialog

    def export_xlsform(self) -> None:
        form = self.current()
        if form is None:
            return
        out = self._ask_export_path(_("Export the form as an XLSForm workbook"),
                                    xlsform_file_name(form.title), _(XLSFORM_FILTER), ".xlsx")  # fmt: skip
        if out is None:
            return
        outcome = self.runner.run(self, export_xlsform_file, self.workspace.evaluations, form.id,
                                  out)  # fmt: skip
        if outcome.ok:
            count = outcome.value
            self.status.setText(ngettext("{count} item written to {file}.",
                                         "{count} items written to {file}.", count).format(
                count=count, file=out))  # fmt: skip
