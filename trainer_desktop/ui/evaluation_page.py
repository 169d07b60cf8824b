"""The Evaluation tab of a session: the evaluation forms it uses, their responses, the results.

At the top, the forms the session uses (title, anonymous or named, responses in this session)
with the ways to fill them in — typed from paper (:mod:`.evaluation_entry`) or on this laptop
(the kiosk, :mod:`.evaluation_kiosk`) — and to add or remove one. Below, the results of the
selected form (:mod:`.evaluation_results`, made the first time a form is selected). Every
change goes through the operation runner.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.ui import operations

if TYPE_CHECKING:
    from trainer_desktop.core.evaluations import EvaluationForm
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.evaluation_entry import EvaluationEntry
    from trainer_desktop.ui.operations import OperationRunner

#: What a screen may change that this tab shows.
SHOWN = {operations.EVALUATIONS, operations.PARTICIPANTS, operations.SESSIONS}
FORM_ID = Qt.ItemDataRole.UserRole


def day_text(day: dt.date) -> str:
    text = i18n.current().format_date(day, "EEEE d MMMM")
    return text[:1].upper() + text[1:]


def form_text(form: EvaluationForm) -> str:
    """“Évaluation de fin d'atelier (fr, 12 items)”."""
    count = sum(1 for item in form.content.items if item.answerable)
    items = ngettext("{n} question", "{n} questions", count).format(n=count)
    return f"{form.title} ({form.language}, {items})"


class AddFormDialog(QDialog):
    """Choose a library form (and, optionally, its day) for the session."""

    def __init__(
        self, forms: list[EvaluationForm], days: list[dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add an evaluation form"))
        self.form_combo = QComboBox()
        self.form_combo.setMinimumContentsLength(40)
        self.form_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for form in forms:
            anonymous = _("anonymous") if form.anonymous else _("named")
            self.form_combo.addItem(f"{form_text(form)} — {anonymous}", form.id)
        self.day_combo = QComboBox()
        self.day_combo.addItem(_("Any day"), None)
        for day in days:
            self.day_combo.addItem(day_text(day), day)
        layout = QFormLayout()
        layout.addRow(_("&Form"), self.form_combo)
        layout.addRow(_("&Day"), self.day_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(buttons)

    def form_id(self) -> str:
        return self.form_combo.currentData() or ""

    def day(self) -> dt.date | None:
        return self.day_combo.currentData()


class EvaluationPage(QWidget):
    """The Evaluation tab."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.results_view: Any = None
        self.entry: EvaluationEntry | None = None
        self._stale = False
        self._removed: str | None = None  # the form just removed (for Undo)
        self._days: dict[str, dt.date | None] = {}  # days chosen here, so Undo keeps them
        self._build()
        runner.changed.connect(self._on_changed)
        self.reload()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.forms = QTreeWidget()
        self.forms.setRootIsDecorated(False)
        self.forms.setUniformRowHeights(True)
        self.forms.setAlternatingRowColors(True)
        self.forms.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.forms.setHeaderLabels([_("Form"), _("Who answers"), _("Responses in this session")])
        self.forms.setAccessibleName(_("Evaluation forms of the session"))
        header = self.forms.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.forms.itemSelectionChanged.connect(self._selection_changed)
        self.forms.itemActivated.connect(lambda *_a: self.enter_paper())

        self.add_button = QPushButton(_("Add a form…"))
        self.add_button.setToolTip(_("Use a form of the library in this session"))
        self.add_button.clicked.connect(self.add_form)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(
            _("This session no longer uses the form (its responses are kept)")
        )
        self.remove_button.clicked.connect(self.remove_form)
        self.paper_button = QPushButton(_("Enter paper responses…"))
        self.paper_button.setToolTip(_("Type the filled-in paper forms, one after another"))
        self.paper_button.clicked.connect(self.enter_paper)
        self.kiosk_button = QPushButton(_("Start on this laptop (kiosk)…"))
        self.kiosk_button.setToolTip(_("A full screen where participants answer one after another"))
        self.kiosk_button.clicked.connect(self.open_kiosk)
        buttons = QHBoxLayout()
        buttons.addWidget(self.paper_button)
        buttons.addWidget(self.kiosk_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)

        self.undo_label = QLabel()
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.clicked.connect(self.undo_remove)
        undo_row = QHBoxLayout()
        undo_row.setContentsMargins(0, 0, 0, 0)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo_row)
        self.undo_bar.hide()

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.forms, 1)
        top_layout.addWidget(self.empty_label)
        top_layout.addWidget(self.undo_bar)
        top_layout.addLayout(buttons)

        self.results_box = QGroupBox(_("Results"))
        QVBoxLayout(self.results_box)
        self.results_hint = QLabel(_("Choose a form above to see its results."))
        self.results_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results_box.layout().addWidget(self.results_hint)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.results_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([220, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the session's forms again and show them, keeping the selection."""
        self._stale = False
        evaluations = self.workspace.evaluations
        selected = self.form_id()
        self.forms.blockSignals(True)
        self.forms.clear()
        try:
            self.workspace.sessions.get(self.session_id)
        except NotFoundError as exc:
            self.forms.blockSignals(False)
            self.empty_label.setText(exc.message)
            self.empty_label.show()
            self.setEnabled(False)
            return
        forms = evaluations.session_forms(self.session_id)
        for form in forms:
            count = len(evaluations.responses(form.id, [self.session_id]))
            row = QTreeWidgetItem([form.title, _("Anonymous") if form.anonymous else _("Named"),
                                   str(count)])  # fmt: skip
            row.setData(0, FORM_ID, form.id)
            row.setToolTip(0, form_text(form))
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.forms.addTopLevelItem(row)
            if form.id == selected:
                row.setSelected(True)
                self.forms.setCurrentItem(row)
        if self.forms.currentItem() is None and self.forms.topLevelItemCount():
            self.forms.setCurrentItem(self.forms.topLevelItem(0))
        self.forms.blockSignals(False)
        if forms:
            self.empty_label.hide()
        else:
            self.empty_label.setText(_("This session uses no evaluation form yet: add one with "
                                       "“Add a form…”."))  # fmt: skip
            self.empty_label.show()
        self._selection_changed()

    def form_id(self) -> str:
        item = self.forms.currentItem()
        return item.data(0, FORM_ID) if item is not None else ""

    def select_form(self, form_id: str) -> None:
        for index in range(self.forms.topLevelItemCount()):
            item = self.forms.topLevelItem(index)
            if item.data(0, FORM_ID) == form_id:
                self.forms.setCurrentItem(item)
                return

    def _selection_changed(self) -> None:
        form_id = self.form_id()
        for button in (self.remove_button, self.paper_button, self.kiosk_button):
            button.setEnabled(bool(form_id))
        if form_id:
            made = self.results_view is None
            view = self.show_results_view()  # made for this form: no second computation
            if not made and view.form_id != form_id:
                view.set_form(form_id)
        elif self.results_view is not None:
            self.results_view.hide()
            self.results_hint.show()

    def show_results_view(self) -> QWidget:
        """The results of the selected form, made the first time a form is selected (nothing is
        computed before). It then follows the changes itself."""
        if self.results_view is None:
            from .evaluation_results import EvaluationResultsView

            self.results_view = EvaluationResultsView(self.workspace, self.runner, self.session_id,
                                                      self.form_id(), self.results_box)  # fmt: skip
            self.results_box.layout().addWidget(self.results_view)
        self.results_hint.hide()
        self.results_view.show()
        return self.results_view

    def _on_changed(self, changes: frozenset, source: object) -> None:
        if not changes & SHOWN:
            return
        # Read again now only if the trainer is looking (not while the kiosk runs full screen).
        if self.isVisible() and self.window().isActiveWindow():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.window().installEventFilter(self)
        if self._stale:
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.WindowActivate and self._stale and self.isVisible()
                and watched is self.window()):  # fmt: skip
            self.reload()
        return False

    # -- actions --------------------------------------------------------------------------------

    def add_form(self) -> AddFormDialog | None:
        """Choose a library form for the session (window-modal; added when accepted)."""
        used = {f.id for f in self.workspace.evaluations.session_forms(self.session_id)}
        forms = [f for f in self.workspace.evaluations.list_forms() if f.id not in used]
        if not forms:
            QMessageBox.information(self, _("Add an evaluation form"),
                                    _("There is no other form in the library: make or import one "
                                      "first.") if used else
                                    _("There is no evaluation form yet: make or import one first."))  # fmt: skip
            return None
        try:
            days = list(self.workspace.sessions.get(self.session_id).days)
        except NotFoundError:
            days = []
        dialog = AddFormDialog(forms, days, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.use_form(dialog.form_id(), dialog.day()))
        dialog.open()
        return dialog

    def use_form(self, form_id: str, day: dt.date | None = None) -> bool:
        outcome = self.runner.run(self, self.workspace.evaluations.use, self.session_id, form_id, day,
                                  changes={operations.EVALUATIONS})  # fmt: skip
        if outcome.ok:
            self._days[form_id] = day
            self.undo_bar.hide()
            self.reload()
            self.select_form(form_id)
        return outcome.ok

    def remove_form(self) -> bool:
        """The session stops using the selected form (its responses stay); Undo brings it back."""
        form_id = self.form_id()
        if not form_id:
            return False
        title = self.forms.currentItem().text(0)
        outcome = self.runner.run(self, self.workspace.evaluations.stop_using, self.session_id, form_id,
                                  changes={operations.EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            return False
        self._removed = form_id
        self.undo_label.setText(_("“{title}” was removed from the session (its responses are kept).")
                                .format(title=title))  # fmt: skip
        self.undo_bar.show()
        self.reload()
        return True

    def undo_remove(self) -> bool:
        form_id, self._removed = self._removed, None
        self.undo_bar.hide()
        if not form_id:
            return False
        return self.use_form(form_id, self._days.get(form_id))

    def enter_paper(self) -> EvaluationEntry | None:
        form_id = self.form_id()
        if not form_id:
            return None
        from .evaluation_entry import open_evaluation_entry

        try:
            self.entry = open_evaluation_entry(
                self, self.workspace, self.runner, self.session_id, form_id
            )
        except NotFoundError as exc:
            QMessageBox.warning(self, _("Cannot open"), exc.message)
            self.reload()
            return None
        return self.entry

    def open_kiosk(self) -> None:
        form_id = self.form_id()
        if not form_id:
            return
        from .evaluation_kiosk import open_evaluation_kiosk

        open_evaluation_kiosk(self, self.workspace, self.runner, self.session_id, form_id)
