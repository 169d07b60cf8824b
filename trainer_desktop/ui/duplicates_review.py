"""Probable duplicates: the same person registered twice (two trainers, two spellings).

The coordinator sees the pairs the core finds, most likely first, the two registrations side by
side under the list, and decides: "Same person" (Enter) or "Different people". Either decision
takes the pair off the list; Ctrl+Z forgets the last decision made here (the pair comes back).
Every decision goes through the operation runner; the list is read again after each one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.duplicates import Candidate
from trainer_desktop.core.i18n import N_, _
from trainer_desktop.core.participants import SEXES, Participant
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.ui.table_model import RowsTableModel, read_only_table

from .operations import PARTICIPANTS, OperationRunner

#: From this score on, a pair is shown as "likely" (same names alone is only "possible":
#: two officers may well share a common name).
LIKELY_SCORE = 0.8

FIRST, SECOND, LIKELIHOOD, REASONS = range(4)
COLUMN_COUNT = 4
HEADERS = {FIRST: N_("Registration 1"), SECOND: N_("Registration 2"),
           LIKELIHOOD: N_("Same person?"), REASONS: N_("Why")}  # fmt: skip
#: What the comparison under the list shows of each registration, in order.
COMPARED_FIELDS = (("display_name", N_("Name")), ("sex", N_("Sex")),
                   ("institution", N_("Institution")), ("function", N_("Function or rank")),
                   ("region", N_("Region")), ("town", N_("Town")), ("phone", N_("Phone")))  # fmt: skip
#: The :class:`Candidate` of a row (any column).
CandidateRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def likelihood_text(score: float) -> str:
    return _("likely") if score >= LIKELY_SCORE else _("possible")


def field_text(person: Participant, field: str) -> str:
    value = getattr(person, field) or ""
    if field == "sex":
        return _(SEXES.get(value, value)) if value else ""
    return value


class DuplicatesModel(RowsTableModel):

    HEADERS = HEADERS
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Candidate] = []

    def refresh(self, candidates: Iterable[Candidate]) -> None:
        self.beginResetModel()
        self._rows = list(candidates)
        self.endResetModel()

    def candidate(self, row: int) -> Candidate:
        return self._rows[row]

    def row_of(self, first_id: str, second_id: str) -> int | None:
        pair = {first_id, second_id}
        return next((r for r, c in enumerate(self._rows) if {c.first.id, c.second.id} == pair),
                    None)  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        candidate = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column in (FIRST, SECOND):
                person = candidate.first if column == FIRST else candidate.second
                return person.display_name
            if column == LIKELIHOOD:
                return likelihood_text(candidate.score)
            if column == REASONS:
                return "; ".join(candidate.reasons)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (FIRST, SECOND):
                person = candidate.first if column == FIRST else candidate.second
                return "\n".join(f"{_(label)}: {field_text(person, name)}"
                                 for name, label in COMPARED_FIELDS if field_text(person, name))  # fmt: skip
            return "\n".join(candidate.reasons)
        if role == Qt.ItemDataRole.FontRole and column == LIKELIHOOD:
            if candidate.score >= LIKELY_SCORE:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == CandidateRole:
            return candidate
        return None

class Comparison(QFrame):
    """The two registrations of the selected pair, field by field; equal values in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(18)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.cells: dict[str, tuple[QLabel, QLabel]] = {}
        for column, text in ((1, _("Registration 1")), (2, _("Registration 2"))):
            title = QLabel(f"<b>{text}</b>")
            grid.addWidget(title, 0, column)
        for row, (name, label) in enumerate(COMPARED_FIELDS, start=1):
            caption = QLabel(_(label))
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            first, second = QLabel(), QLabel()
            for value in (first, second):
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(caption, row, 0)
            grid.addWidget(first, row, 1)
            grid.addWidget(second, row, 2)
            self.cells[name] = (first, second)

    def show_pair(self, candidate: Candidate | None) -> None:
        for name, (first, second) in self.cells.items():
            a = field_text(candidate.first, name) if candidate else ""
            b = field_text(candidate.second, name) if candidate else ""
            same = bool(a) and a.casefold() == b.casefold()
            for label, text in ((first, a), (second, b)):
                label.setText(text or "—")
                font = label.font()
                font.setBold(same)
                label.setFont(font)


class DuplicatesReviewDialog(QDialog):
    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        #: Pairs decided in this dialog, the last one last: what Ctrl+Z forgets.
        self.decided: list[tuple[str, str, bool]] = []
        self.model = DuplicatesModel(self)
        self.setWindowTitle(_("Probable duplicates"))
        intro = QLabel(_("These people may have been registered twice (by two trainers, or with "
                         "two spellings). Compare the two registrations and decide: reports then "
                         "count the same person once. No registration is deleted."))  # fmt: skip
        intro.setWordWrap(True)
        self.table = read_only_table(self.model, _("Probable duplicates"))
        header = self.table.horizontalHeader()
        for column in (FIRST, SECOND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * 26)
        header.setSectionResizeMode(LIKELIHOOD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASONS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.comparison = Comparison()
        self.empty_label = QLabel(_("No probable duplicates"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.same_button = buttons.addButton(_("Same person"),
                                             QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.same_button.setToolTip(_("Both registrations are one person, counted once (Enter)"))
        self.different_button = buttons.addButton(_("Different people"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.different_button.setToolTip(_("Two people who look alike: stop suggesting them"))
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setToolTip(_("Forget the last decision: the pair comes back (Ctrl+Z)"))
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ResetRole)
        for button in (self.same_button, self.different_button, self.undo_button):
            button.setAutoDefault(False)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter in the list: same person
            enter = QShortcut(QKeySequence(key), self.table, lambda: self.decide(True))
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.same_button.clicked.connect(lambda: self.decide(True))
        self.different_button.clicked.connect(lambda: self.decide(False))
        self.undo_button.clicked.connect(self.undo)
        buttons.rejected.connect(self.reject)
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo_key.activated.connect(self.undo)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.comparison)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        runner.changed.connect(self._on_changed)
        self._following = True
        self.refresh()
        self.resize(1040, 560)

    def refresh(self, select: tuple[str, str] | None = None) -> None:
        row = max(self.table.currentIndex().row(), 0)
        self.model.refresh(self.workspace.duplicates.candidates())
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.comparison.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not empty:
            if select is not None:
                row = self.model.row_of(*select) or 0
            self.table.selectRow(min(row, self.model.rowCount() - 1))
            self.table.setFocus()
        self._update()

    def current(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.candidate(rows[0].row()) if rows else None

    def _update(self) -> None:
        candidate = self.current()
        self.same_button.setEnabled(candidate is not None)
        self.different_button.setEnabled(candidate is not None)
        self.undo_button.setEnabled(bool(self.decided))
        self.comparison.show_pair(candidate)

    def decide(self, same: bool) -> None:
        candidate = self.current()
        if candidate is None:
            return
        pair = (candidate.first.id, candidate.second.id)
        outcome = self.runner.run(self, self.workspace.duplicates.decide, *pair, same,
                                  changes={PARTICIPANTS})  # fmt: skip
        if not outcome.ok:
            self.refresh()  # one of them may be gone
            return
        self.decided.append((*pair, same))
        text = (_("“{first}” and “{second}” recorded as the same person.") if same
                else _("“{first}” and “{second}” recorded as different people."))  # fmt: skip
        self.status.setText(text.format(first=candidate.first.display_name,
                                        second=candidate.second.display_name))  # fmt: skip
        self._update()

    def undo(self) -> None:
        if not self.decided:
            return
        first, second, _same = self.decided[-1]
        outcome = self.runner.run(self, self.workspace.duplicates.undo, first, second,
                                  changes={PARTICIPANTS})  # fmt: skip
        self.decided.pop()  # done, or nothing left to undo (decided again elsewhere)
        if outcome.ok:
            self.status.setText(_("Decision undone: the pair is back in the list."))
            self.refresh(select=(first, second))
        self._update()

    def _on_changed(self, changed: frozenset, _source: object) -> None:
        if PARTICIPANTS in changed:
            self.refresh()

    def done(self, code: int) -> None:
        if self._following:
            self.runner.changed.disconnect(self._on_changed)
            self._following = False
        super().done(code)
