"""What the quiz library and the evaluation-form library share, screen for screen and key for key,
so a trainer who knows one knows the other (and a fix to one reaches both).

:class:`LibraryWindow` is the list: a filter box, the table, New/Edit/Duplicate/Delete/Undo
delete with their shortcuts, deleting with Ctrl+Z to bring back, the file dialogs of importing
and exporting, and the editor opened window-modal. :class:`LibraryEditorWindow` is what the
editors share: buttons showing their shortcut, the status line with Save and Close, and closing
that asks what to do with unsaved changes. Each library keeps what differs: its model and
columns, its words, its core calls and its file format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import _
from trainer_desktop.core.workspace import Workspace

from .operations import OperationRunner
from .programme_print import documents_folder
from .table_model import RowsTableModel, read_only_table


class LibraryModel(RowsTableModel):
    """The records of a library, one a row; each row has an ``id`` and a ``title``."""

    def refresh(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: str | None) -> int | None:
        return next((r for r, each in enumerate(self._rows) if each.id == record_id), None)


@dataclass(frozen=True)
class LibraryTexts:
    """The words that name one library's records, translated when its window is built."""

    title: str  #: the window's title, its heading and the list's accessible name
    new_tip: str
    edit_tip: str
    duplicate_tip: str
    delete_tip: str
    undo_tip: str
    delete_title: str
    delete_question: str  #: with ``{title}``


class LibraryEditorWindow(QDialog):
    """An editor of one record of a library: ``record_id`` None for a new one, created on the
    first save. Subclasses build ``self.title`` (a line edit) and give :meth:`values`,
    :meth:`_state`, :meth:`_reload`, :meth:`_show_error` and their words."""

    #: What the runner announces when a record is saved (``operations.QUIZZES``…).
    CHANGES = ""

    def __init__(self, workspace: Workspace, runner: OperationRunner, record_id: str | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.record_id = record_id
        self._saved: Any = None  # the state last loaded or saved: what "modified" compares to
        self._current = -1

    # -- what each editor gives
    def _service(self) -> Any:
        """The core service with ``create``, ``update`` and ``get``."""
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _state(self) -> Any:
        """What is compared to tell an edit from none (spaces that change nothing ignored)."""
        raise NotImplementedError

    def _reload(self, record: Any) -> None:
        """Show ``record`` as the core stored it, the same row selected."""
        raise NotImplementedError

    def _show_error(self, field: str | None) -> None:
        raise NotImplementedError

    def _unnamed(self) -> str:
        """“New quiz”: the title of a record without one yet."""
        raise NotImplementedError

    # -- building
    def _button(self, text: str, slot: Callable[[], object], keys: str,
                tooltip: str) -> QPushButton:  # fmt: skip
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

    def _build_splitter(self, remove: Callable[[], object],
                        move: Callable[[int], object]) -> QSplitter:  # fmt: skip
        """``self.splitter``: on the left ``self.summary``, ``self.table`` and the Add, Duplicate,
        Remove, Up and Down buttons; on the right ``self.editor``. Del in the list removes,
        Ctrl+Up and Ctrl+Down anywhere on the left move."""
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, remove)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
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
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), left, lambda step=step: move(step))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        return self.splitter

    def _save_row(self, save_tip: str) -> QHBoxLayout:
        """The status line, then Save (Ctrl+S, ``save_tip`` with ``{shortcut}``) and Close."""
        self.status = QLabel()
        self.status.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Close)  # fmt: skip
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(save_tip.format(
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
        return bottom

    # -- saving and closing
    def is_modified(self) -> bool:
        return self._state() != self._saved

    def save(self) -> bool:
        values = self.values()
        service = self._service()
        if self.record_id is None:
            outcome = self.runner.run(self, service.create, changes={self.CHANGES}, **values)
        else:
            outcome = self.runner.run(self, service.update, self.record_id,
                                      changes={self.CHANGES}, **values)  # fmt: skip
        if not outcome.ok:
            self._show_error(outcome.error.field if outcome.error else None)
            return False
        if self.record_id is None:
            self.record_id = outcome.value.id
        self._reload(service.get(self.record_id))  # with what the core gave (keys, spaces)
        self.status.setText(_("Saved."))
        return True

    def reject(self) -> None:
        """Close; unsaved changes are saved, dropped or kept open as the trainer says."""
        if self.is_modified():
            answer = QMessageBox.question(
                self, _("Unsaved changes"),
                _("Save the changes to “{title}” before closing?").format(
                    title=self.title.text().strip() or self._unnamed()),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )  # fmt: skip
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()


class LibraryWindow(QDialog):
    """Every record of one library, to build, edit, copy, delete (Ctrl+Z brings it back),
    import and export. Subclasses give the model, the words, the core calls and the
    import/export buttons."""

    #: What the runner announces when this library's records change (``operations.QUIZZES``…).
    CHANGES = ""

    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.editor: LibraryEditorWindow | None = None
        #: (id, title) of the records deleted here, the last one last: what Ctrl+Z brings back.
        self.deleted: list[tuple[str, str]] = []
        self.folder = documents_folder()
        self.texts = self._texts()
        self.setWindowTitle(self.texts.title)
        self.setModal(False)
        self._build()
        runner.changed.connect(self._on_changed)
        self._following = True
        self.refresh()
        (self.table if self.model.rowCount() else self.new_button).setFocus()
        self.resize(1000, 560)

    # -- what each library gives
    def _texts(self) -> LibraryTexts:
        raise NotImplementedError

    def _make_model(self) -> LibraryModel:
        raise NotImplementedError

    def _file_buttons(self) -> tuple[QPushButton, QPushButton]:
        """The import and export buttons (made with :meth:`_button`)."""
        raise NotImplementedError

    def _rows(self) -> list[Any]:
        """Every record, as the model's rows."""
        raise NotImplementedError

    def _matches(self, query: str, row: Any) -> bool:
        raise NotImplementedError

    def _empty_text(self, query: str, any_at_all: bool) -> str:
        """Why the list is empty: nothing matches ``query``, or nothing yet."""
        raise NotImplementedError

    def _count_text(self, count: int) -> str:
        raise NotImplementedError

    def _service(self) -> Any:
        """The core service with ``delete`` and ``restore``."""
        raise NotImplementedError

    def _duplicate_action(self) -> Callable[[str], Any]:
        """What the runner calls with a record's id to copy it (returns the copy)."""
        raise NotImplementedError

    def _duplicated_text(self, title: str) -> str:
        raise NotImplementedError

    def _make_editor(self, record_id: str | None) -> LibraryEditorWindow:
        raise NotImplementedError

    # -- building
    def _build(self) -> None:
        texts = self.texts
        heading = QLabel(texts.title)
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

        self.model = self._make_model()
        self.table = read_only_table(self.model, texts.title)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title
        for column in range(1, self.model.columnCount()):
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
        self.new_button = self._button(_("New…"), self.new, [key.New], texts.new_tip)
        self.edit_button = self._button(_("Edit…"), self.edit, [], texts.edit_tip)
        self.duplicate_button = self._button(_("Duplicate"), self.duplicate, ["Ctrl+D"],
                                             texts.duplicate_tip)  # fmt: skip
        self.delete_button = self._button(_("Delete…"), self.delete, [], texts.delete_tip)
        self.undo_button = self._button(_("Undo delete"), self.undo_delete, [key.Undo],
                                        texts.undo_tip)  # fmt: skip
        self.import_button, self.export_button = self._file_buttons()
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

    def _button(self, text: str, slot: Callable[[], object], keys: list,
                tooltip: str) -> QPushButton:  # fmt: skip
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
        every = self._rows()
        query = self.filter.text()
        shown = [each for each in every if self._matches(query, each)]
        self.model.refresh(shown)
        if shown:
            found = self.model.row_of(wanted)
            self.table.selectRow(found if found is not None else min(row, len(shown) - 1))
            self.lists.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(self._empty_text(query.strip(), bool(every)))
            self.lists.setCurrentWidget(self.empty_label)
        self.count_label.setText(self._count_text(len(every)) if len(shown) == len(every) else
                                 _("{shown} of {count}").format(shown=len(shown),
                                                                count=len(every)))  # fmt: skip
        self._update()

    def current_id(self) -> str | None:
        current = self.current()
        return current.id if current else None

    def current(self) -> Any:
        """The selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

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
        if self.CHANGES in changed:
            self.refresh()

    def done(self, code: int) -> None:
        if self._following:
            self.runner.changed.disconnect(self._on_changed)
            self._following = False
        super().done(code)

    # -- actions
    def _open_editor(self, record_id: str | None) -> LibraryEditorWindow:
        editor = self._make_editor(record_id)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _code: self._editor_closed(editor))
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop
        return editor

    def _editor_closed(self, editor: LibraryEditorWindow) -> None:
        if self.editor is editor:
            self.editor = None
        if editor.record_id:
            self.refresh(select=editor.record_id)
        self.table.setFocus()

    def new(self) -> LibraryEditorWindow:
        return self._open_editor(None)

    def edit(self) -> LibraryEditorWindow | None:
        record_id = self.current_id()
        return self._open_editor(record_id) if record_id else None

    def _show_new(self, record_id: str) -> None:
        """Select a record just made (a copy, an import, one brought back), filter cleared: it
        may not match it."""
        self.filter.clear()
        self.refresh(select=record_id)

    def duplicate(self) -> None:
        record = self.current()
        if record is None:
            return
        outcome = self.runner.run(self, self._duplicate_action(), record.id,
                                  changes={self.CHANGES})  # fmt: skip
        if outcome.ok:
            self._show_new(outcome.value.id)
            self.status.setText(self._duplicated_text(outcome.value.title))

    def delete(self) -> None:
        record = self.current()
        if record is None:
            return
        answer = QMessageBox.question(
            self, self.texts.delete_title, self.texts.delete_question.format(title=record.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = self.runner.run(self, self._service().delete, record.id,
                                  changes={self.CHANGES})  # fmt: skip
        if outcome.ok:
            self.deleted.append((record.id, record.title))
            self.status.setText(_("“{title}” was deleted (Ctrl+Z brings it back).").format(
                title=record.title))  # fmt: skip
            self._update()

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        record_id, title = self.deleted[-1]
        outcome = self.runner.run(self, self._service().restore, record_id,
                                  changes={self.CHANGES})  # fmt: skip
        if outcome.ok:
            self.deleted.pop()
            self._show_new(record_id)
            self.status.setText(_("“{title}” was restored.").format(title=title))
        self._update()

    # -- files
    def _ask_import_path(self, title: str, filters: str) -> Path | None:
        """The file to import, or None if the trainer cancelled; its folder is offered next."""
        path, _filter = QFileDialog.getOpenFileName(self, title, str(self.folder), filters)
        if not path:
            return None
        self.folder = Path(path).parent
        return Path(path)

    def _ask_export_path(self, title: str, file_name: str, filters: str,
                         suffix: str) -> Path | None:  # fmt: skip
        """Where to export (``suffix`` added to a name without one), or None if cancelled."""
        path, _filter = QFileDialog.getSaveFileName(self, title, str(self.folder / file_name),
                                                    filters)  # fmt: skip
        if not path:
            return None
        out = Path(path if Path(path).suffix else f"{path}{suffix}")
        self.folder = out.parent
        return out
