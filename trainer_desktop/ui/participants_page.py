"""Who is enrolled in a session: a quick-add bar for walk-ins typed with the keyboard alone,
suggestions of people already registered (so nobody is registered twice), and the table of the
enrolled with edit, remove (with undo), import from Excel and counts by sex.

Every change goes through the operation runner with ``PARTICIPANTS``; the page reloads whenever
the runner says participants or sessions changed, whoever changed them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import _
from trainer_desktop.core.participants import PARTICIPANT_FIELD_LABELS, EnrolledPerson
from trainer_desktop.ui import operations
from trainer_desktop.ui.forms import run_focusing_error
from trainer_desktop.ui.participant_dialog import (
    ParticipantDialog,
    SexComboBox,
    completer,
    create_and_enrol,
    participant_values,
)
from trainer_desktop.ui.participants_model import (
    FUNCTION,
    INSTITUTION,
    NAME,
    PHONE,
    ROLE,
    SEX,
    UNIT,
    EnrolledTableModel,
    count_text,
    filter_people,
    suggestion_text,
)
from trainer_desktop.ui.table_model import RowsTableView

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: The quick-add bar's fields, in Tab order.
BAR_FIELDS = ("family_name", "given_names", "sex", "institution", "function", "phone")
MAX_SUGGESTIONS = 6
#: Names, ranks and phones are read whole (fitted on reload); the unit, often long, takes the rest.
FITTED_COLUMNS = (NAME, SEX, INSTITUTION, FUNCTION, PHONE, ROLE)
COLUMN_PADDING = 18
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ParticipantsPage(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.participant_dialog: ParticipantDialog | None = None
        self._everyone: list[EnrolledPerson] = []
        self._removed: list[tuple[str, str, str]] = []  # (participant id, role, name) for Ctrl+Z

        self.model = EnrolledTableModel(self)
        self._make_bar()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter the list: name, unit, phone…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(_("Filter the enrolled people"))
        self.filter.textChanged.connect(lambda _text: self._show())
        self.table = self._make_table()
        self.count = QLabel()
        self.notice = QLabel()
        self.notice.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._make_actions()
        self._lay_out()
        runner.changed.connect(self._on_changed)
        self.reload()

    # -- building -------------------------------------------------------------------------------

    def _make_bar(self) -> None:
        self.bar: dict[str, QWidget] = {}
        placeholders = {
            "family_name": _("e.g. Traoré"),
            "given_names": _("e.g. Awa"),
            "institution": _("e.g. Police nationale"),
            "function": _("e.g. Inspecteur"),
            "phone": _("e.g. 76 12 34 56"),
        }
        for name in BAR_FIELDS:
            widget: QWidget = SexComboBox() if name == "sex" else QLineEdit()
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(placeholders[name])
            widget.setAccessibleName(_(PARTICIPANT_FIELD_LABELS[name]))
            widget.installEventFilter(self)
            self.bar[name] = widget
        self.family_name: QLineEdit = self.bar["family_name"]  # type: ignore[assignment]
        self.family_name.textChanged.connect(lambda _text: self._suggest())
        self.bar["given_names"].textChanged.connect(lambda _text: self._suggest())
        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Add this person to the session (Enter)"))
        self.add_button.clicked.connect(self.quick_add)

        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(_("People already registered"))
        self.suggestions.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cursor stays in the bar
        self.suggestions.itemClicked.connect(lambda item: self.enrol_suggestion(item))
        self.suggestions_hint = QLabel(
            _(
                "Already registered? Press ↓ then Enter (or click) to enrol them instead of adding "
                "a new person."
            )
        )
        self.suggestions_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.suggestions_hint.setWordWrap(True)
        self.suggestions_box = QFrame()
        box = QVBoxLayout(self.suggestions_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.suggestions_hint)
        box.addWidget(self.suggestions)
        self.suggestions_box.hide()

    def _make_table(self) -> RowsTableView:
        table = RowsTableView()
        table.setModel(self.model)
        table.setAccessibleName(_("People enrolled in the session"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        for column in FITTED_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.edit_person())
        table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_actions())
        return table

    def _action(self, text: str, slot: Any, *keys: str, on: QWidget | None = None) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        # Keys of actions on the table work only there, so the bar keeps its Enter and Del.
        action.setShortcutContext(
            Qt.ShortcutContext.WidgetShortcut
            if on
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if shortcut:
            action.setToolTip(
                _("{action} ({shortcut})").format(action=text.rstrip("…"), shortcut=shortcut)
            )
        action.triggered.connect(lambda _checked=False: slot())
        (on or self).addAction(action)
        return action

    def _make_actions(self) -> None:
        self.edit_action = self._action(_("Edit…"), self.edit_person, "Return", "Enter",
                                        on=self.table)  # fmt: skip
        self.edit_action.setToolTip(_("{action} ({shortcut})").format(
            action=_("Edit"), shortcut=_("Enter or double-click")))  # fmt: skip
        self.remove_action = self._action(_("Remove from session"), self.remove_person, "Del",
                                          on=self.table)  # fmt: skip
        self.undo_action = self._action(_("Undo remove"), self.undo_remove, "Ctrl+Z")
        self.new_action = self._action(_("New with all details…"), self.new_person, "Ins")
        self.import_action = self._action(_("Import from Excel…"), self.import_from_excel)
        self.find_action = self._action(_("Filter"), self.filter.setFocus, "Ctrl+F")
        self.bar_action = self._action(_("Quick add"), self._focus_bar, "Ctrl+N")

    def _lay_out(self) -> None:
        bar = QGridLayout()
        bar.setHorizontalSpacing(6)
        bar.setVerticalSpacing(2)
        stretches = {"family_name": 3, "given_names": 3, "sex": 0, "institution": 3,
                     "function": 3, "phone": 2}  # fmt: skip
        for column, name in enumerate(BAR_FIELDS):
            label = QLabel(_(PARTICIPANT_FIELD_LABELS[name]))
            label.setBuddy(self.bar[name])
            bar.addWidget(label, 0, column)
            bar.addWidget(self.bar[name], 1, column)
            bar.setColumnStretch(column, stretches[name])
        bar.addWidget(self.add_button, 1, len(BAR_FIELDS))
        title = QLabel(_("Add a person: type, Tab to the next field, Enter to add"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.filter, 2)
        for action in (self.edit_action, self.remove_action, self.undo_action, self.new_action):
            buttons.addWidget(self._button(action))
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.import_action))
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addStretch(1)
        footer.addWidget(self.notice)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.suggestions_box)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(30)
        return button

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the session's enrolled people again, keeping the selection."""
        keep = self.current_person()
        self._everyone = self.workspace.participants.enrolled(self.session_id)
        self.count.setText(count_text(self._everyone))
        self._show(keep.enrolment.id if keep else None)
        self._fit_columns()
        self._fill_completers()
        self._suggest()

    def _show(self, select_id: str | None = None) -> None:
        keep_row = self._row()
        if select_id is None:
            current = self.current_person()
            select_id = current.enrolment.id if current else None
        self.model.set_people(filter_people(self._everyone, self.filter.text()))
        row = self.model.row_of(select_id) if select_id else -1
        self._select_row(row if row >= 0 else min(max(keep_row, 0), self.model.rowCount() - 1))

    def _select_row(self, row: int) -> None:
        if row >= 0:
            index = self.model.index(row, NAME)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self._update_actions()

    def select_enrolment(self, enrolment_id: str) -> None:
        if self.model.row_of(enrolment_id) < 0:
            self.filter.clear()
        self._select_row(self.model.row_of(enrolment_id))

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in FITTED_COLUMNS:
            wanted = max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column))
            header.resizeSection(column, wanted + COLUMN_PADDING)

    def _fill_completers(self) -> None:
        # Institutions and ranks already typed in this session, so the next one is two letters.
        for name in ("institution", "function"):
            words = [getattr(p.participant, name) for p in self._everyone]
            self.bar[name].setCompleter(completer(words, self.bar[name]))  # type: ignore[attr-defined]

    def _update_actions(self) -> None:
        has_row = self._row() >= 0
        self.edit_action.setEnabled(has_row)
        self.remove_action.setEnabled(has_row)
        self.undo_action.setEnabled(bool(self._removed))

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if operations.PARTICIPANTS in changes or operations.SESSIONS in changes:
            self.reload()

    def _row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current_person(self) -> EnrolledPerson | None:
        return self.model.person_at(self._row())

    # -- quick add and suggestions --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if self.suggestions.currentRow() >= 0 and self._has_suggestions():
                    self.enrol_suggestion(self.suggestions.currentItem())
                else:
                    self.quick_add()
                return True
            if watched in (self.family_name, self.bar["given_names"]) and self._has_suggestions():
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    step = 1 if key == Qt.Key.Key_Down else -1
                    row = self.suggestions.currentRow() + step
                    self.suggestions.setCurrentRow(max(-1, min(row, self.suggestions.count() - 1)))
                    return True
                if key == Qt.Key.Key_Escape and self.suggestions.currentRow() >= 0:
                    self.suggestions.setCurrentRow(-1)
                    return True
        return super().eventFilter(watched, event)

    def _has_suggestions(self) -> bool:
        return self.suggestions_box.isVisibleTo(self) and self.suggestions.count() > 0

    def _suggest(self) -> None:
        query = f"{self.family_name.text()} {self.bar['given_names'].text()}".strip()  # type: ignore[attr-defined]
        self.suggestions.clear()
        self.suggestions.setCurrentRow(-1)
        found = self.workspace.participants.search(query, MAX_SUGGESTIONS) if query else []
        enrolled = {p.participant.id for p in self._everyone}
        for person in found:
            item = QListWidgetItem(suggestion_text(person, person.id in enrolled))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.suggestions.addItem(item)
        self.suggestions.setCurrentRow(-1)
        rows = min(self.suggestions.count(), MAX_SUGGESTIONS)
        self.suggestions.setFixedHeight(rows * (self.suggestions.sizeHintForRow(0) + 1) + 6
                                        if rows else 0)  # fmt: skip
        self.suggestions_box.setVisible(bool(found))

    def suggestion_ids(self) -> list[str]:
        return [self.suggestions.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.suggestions.count())]  # fmt: skip

    def _clear_bar(self) -> None:
        for widget in self.bar.values():
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData("unstated"))
            else:
                widget.clear()  # type: ignore[attr-defined]
        self._focus_bar()

    def _focus_bar(self) -> None:
        self.family_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def bar_values(self) -> dict[str, Any]:
        raw = {
            name: w.currentData() if isinstance(w, QComboBox) else w.text()  # type: ignore[attr-defined]
            for name, w in self.bar.items()
        }
        return participant_values(raw)

    def quick_add(self) -> None:
        outcome = run_focusing_error(
            self.runner, self, self.bar, create_and_enrol, self.workspace, self.session_id,
            self.bar_values(), changes={operations.PARTICIPANTS},
        )  # fmt: skip
        if not outcome.ok:
            return
        self.notice.setText(_("Added {name}.").format(name=outcome.value.participant.display_name))
        self.select_enrolment(outcome.value.enrolment.id)
        self._clear_bar()

    def enrol_suggestion(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        participant_id = item.data(Qt.ItemDataRole.UserRole)
        existing = next((p for p in self._everyone if p.participant.id == participant_id), None)
        if existing is not None:  # already here: show them rather than change their role
            self.notice.setText(_("{name} is already enrolled.").format(
                name=existing.participant.display_name))  # fmt: skip
            self.select_enrolment(existing.enrolment.id)
            self._clear_bar()
            return
        outcome = self.runner.run(
            self, self.workspace.participants.enrol, self.session_id, participant_id,
            changes={operations.PARTICIPANTS},
        )  # fmt: skip
        if outcome.ok:
            person = next(p for p in self._everyone if p.participant.id == participant_id)
            self.notice.setText(_("Enrolled {name}.").format(name=person.participant.display_name))
            self.select_enrolment(outcome.value.id)
            self._clear_bar()

    # -- table actions --------------------------------------------------------------------------

    def _open_dialog(self, dialog: ParticipantDialog) -> None:
        self.notice.clear()
        dialog.saved.connect(self.select_enrolment)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._dialog_closed)
        self.participant_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.participant_dialog = None
        self.table.setFocus()

    def _known(self) -> dict[str, list[str]]:
        names = ("institution", "function", "unit", "region", "town")
        return {n: [getattr(p.participant, n) for p in self._everyone] for n in names}

    def edit_person(self) -> None:
        person = self.current_person()
        if person is not None:
            self._open_dialog(ParticipantDialog(self.workspace, self.runner, self.session_id,
                                                person=person, known=self._known(), parent=self))  # fmt: skip

    def new_person(self) -> None:
        self._open_dialog(ParticipantDialog(self.workspace, self.runner, self.session_id,
                                            known=self._known(), parent=self))  # fmt: skip

    def remove_person(self) -> None:
        person = self.current_person()
        if person is None:
            return
        name = person.participant.display_name
        question = _("Remove {name} from this session?\n\nThey stay in the registry.").format(
            name=name
        )
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        if QMessageBox.question(self, _("Remove from session"), question, yes | no, no) != yes:
            return
        outcome = self.runner.run(
            self, self.workspace.participants.unenrol, person.enrolment.id,
            changes={operations.PARTICIPANTS},
        )  # fmt: skip
        if not outcome.ok:
            return
        self._removed.append((person.participant.id, person.enrolment.role, name))
        undo = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.notice.setText(_("Removed {name}. {shortcut} brings them back.").format(
            name=name, shortcut=undo))  # fmt: skip
        self._update_actions()

    def undo_remove(self) -> None:
        if not self._removed:
            return
        participant_id, role, name = self._removed.pop()
        outcome = self.runner.run(
            self, self.workspace.participants.enrol, self.session_id, participant_id, role,
            changes={operations.PARTICIPANTS},
        )  # fmt: skip
        self.notice.setText(_("{name} is back in the session.").format(name=name)
                            if outcome.ok else "")  # fmt: skip
        if outcome.ok:
            self.select_enrolment(outcome.value.id)
        self._update_actions()

    def import_from_excel(self) -> None:
        from .participant_import_dialog import open_participant_import

        open_participant_import(self, self.workspace, self.runner, self.session_id)
