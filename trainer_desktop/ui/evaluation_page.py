"""The Evaluation tab of a session: the evaluation forms it uses, their responses, the results.

At the top, the forms the session uses (title, the day it is given, anonymous or named, responses
in this session) with the ways to fill them in — typed from paper (:mod:`.evaluation_entry`) or on
this laptop (the kiosk, :mod:`.evaluation_kiosk`) — to print a blank one (:mod:`.form_print`), to
change its day, and to add or remove one. Removing a form and changing its day are both undone
(Undo, Ctrl+Z) by using the form again with the day it had. Below, the results of the selected
form (:mod:`.evaluation_results`, made the first time a form is selected). Every change goes
through the operation runner.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
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
    from pathlib import Path

    from trainer_desktop.core.evaluations import EvaluationForm
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.evaluation_entry import EvaluationEntry
    from trainer_desktop.ui.operations import OperationRunner

#: What a screen may change that this tab shows.
SHOWN = {operations.EVALUATIONS, operations.PARTICIPANTS, operations.SESSIONS}
FORM_ID = Qt.ItemDataRole.UserRole
#: Columns of the list of forms.
TITLE, DAY, WHO, RESPONSES = range(4)


def day_text(day: dt.date) -> str:
    text = i18n.current().format_date(day, "EEEE d MMMM")
    return text[:1].upper() + text[1:]


def given_on_text(day: dt.date | None) -> str:
    """The Day column: “Tuesday 8 November”, or “Any day” for a form not tied to a day."""
    return day_text(day) if day is not None else _("Any day")


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
        #: (form id, its day before) of the last removal or change of day made here: Undo uses
        #: the form again with that day, which undoes either.
        self._undo: tuple[str, dt.date | None] | None = None
        self._session_days: list[dt.date] = []
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
        self.forms.setHeaderLabels(
            [_("Form"), _("Day"), _("Who answers"), _("Responses in this session")]
        )
        self.forms.setAccessibleName(_("Evaluation forms of the session"))
        header = self.forms.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (DAY, WHO, RESPONSES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
        self.print_button = QPushButton(_("Print form…"))
        self.print_button.setToolTip(
            _("Make a blank copy of the form to print, for those who answer on paper")
        )
        self.print_button.clicked.connect(self.print_form)

        self.undo_action = QAction(_("Undo"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        self.undo_action.setEnabled(False)
        self.addAction(self.undo_action)
        undo_keys = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

        # The day of the selected form, changed in place: “Any day” or one of the session's days.
        self.day_combo = QComboBox()
        self.day_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.day_combo.setToolTip(
            _("The day this form is given ({shortcut} undoes a change)").format(shortcut=undo_keys)
        )
        self.day_combo.setAccessibleName(_("Day the form is given"))
        self.day_combo.activated.connect(lambda index: self.set_day(self.day_combo.itemData(index)))
        day_label = QLabel(_("&Day"))
        day_label.setBuddy(self.day_combo)
        # Two rows, so that longer translations fit a laptop's screen: the forms of the session,
        # then the ways to answer the one selected.
        forms_row = QHBoxLayout()
        forms_row.addWidget(self.add_button)
        forms_row.addWidget(self.remove_button)
        forms_row.addSpacing(12)
        forms_row.addWidget(day_label)
        forms_row.addWidget(self.day_combo)
        forms_row.addStretch(1)
        answers_row = QHBoxLayout()
        answers_row.addWidget(self.paper_button)
        answers_row.addWidget(self.kiosk_button)
        answers_row.addWidget(self.print_button)
        answers_row.addStretch(1)
        buttons = QVBoxLayout()
        buttons.addLayout(forms_row)
        buttons.addLayout(answers_row)

        self.undo_label = QLabel()
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setToolTip(
            _("{action} ({shortcut})").format(action=_("Put it back as it was"), shortcut=undo_keys)
        )
        self.undo_button.clicked.connect(self.undo)
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
            session = self.workspace.sessions.get(self.session_id)
        except NotFoundError as exc:
            self.forms.blockSignals(False)
            self.empty_label.setText(exc.message)
            self.empty_label.show()
            self.setEnabled(False)
            return
        self._session_days = list(session.days)
        forms = evaluations.session_forms(self.session_id)
        for form in forms:
            count = len(evaluations.responses(form.id, [self.session_id]))
            used = evaluations.session_form(self.session_id, form.id)
            day = used.day if used is not None else None
            row = QTreeWidgetItem([form.title, given_on_text(day),
                                   _("Anonymous") if form.anonymous else _("Named"), str(count)])  # fmt: skip
            row.setData(TITLE, FORM_ID, form.id)
            row.setData(DAY, FORM_ID, day)
            row.setToolTip(TITLE, form_text(form))
            row.setTextAlignment(
                RESPONSES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
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
        return item.data(TITLE, FORM_ID) if item is not None else ""

    def form_day(self) -> dt.date | None:
        """The day of the selected form as shown (None: any day, or no form selected)."""
        item = self.forms.currentItem()
        return item.data(DAY, FORM_ID) if item is not None else None

    def select_form(self, form_id: str) -> None:
        for index in range(self.forms.topLevelItemCount()):
            item = self.forms.topLevelItem(index)
            if item.data(TITLE, FORM_ID) == form_id:
                self.forms.setCurrentItem(item)
                return

    def _selection_changed(self) -> None:
        form_id = self.form_id()
        for button in (self.remove_button, self.paper_button, self.kiosk_button,
                       self.print_button, self.day_combo):  # fmt: skip
            button.setEnabled(bool(form_id))
        self._show_day()
        if form_id:
            made = self.results_view is None
            view = self.show_results_view()  # made for this form: no second computation
            if not made and view.form_id != form_id:
                view.set_form(form_id)
        elif self.results_view is not None:
            self.results_view.hide()
            self.results_hint.show()

    def _show_day(self) -> None:
        """The day box lists “Any day” and the session's days (and the form's own day, should the
        session's dates have moved away from it), showing the selected form's."""
        day = self.form_day()
        days = list(self._session_days)
        if day is not None and day not in days:
            days = sorted([*days, day])
        self.day_combo.clear()  # clear() and addItem() do not emit ``activated``
        self.day_combo.addItem(_("Any day"), None)
        for each in days:
            self.day_combo.addItem(day_text(each), each)
        # findData() does not match dates (they travel as QDate): the index is counted here.
        self.day_combo.setCurrentIndex(days.index(day) + 1 if day is not None else 0)

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
            self._forget_undo()
            self.reload()
            self.select_form(form_id)
        return outcome.ok

    def set_day(self, day: dt.date | None) -> bool:
        """Give the selected form on ``day`` (None: any day); Undo puts the former day back."""
        form_id = self.form_id()
        if not form_id:
            return False
        used = self.workspace.evaluations.session_form(self.session_id, form_id)
        if used is None:  # removed on another screen: choosing a day must not bring it back
            self.reload()
            return False
        before = used.day
        if before == day:
            return True
        title = self.forms.currentItem().text(TITLE)
        outcome = self.runner.run(self, self.workspace.evaluations.use, self.session_id, form_id, day,
                                  changes={operations.EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            self.reload()  # the box shows the stored day again
            return False
        if day is None:
            message = _("“{title}” can now be given any day.").format(title=title)
        else:
            message = _("“{title}” is now given on {day}.").format(title=title, day=day_text(day))
        self._offer_undo(form_id, before, message)
        self.reload()
        return True

    def remove_form(self) -> bool:
        """The session stops using the selected form (its responses stay); Undo brings it back."""
        form_id = self.form_id()
        if not form_id:
            return False
        title = self.forms.currentItem().text(TITLE)
        used = self.workspace.evaluations.session_form(self.session_id, form_id)
        outcome = self.runner.run(self, self.workspace.evaluations.stop_using, self.session_id, form_id,
                                  changes={operations.EVALUATIONS})  # fmt: skip
        if not outcome.ok:
            return False
        self._offer_undo(form_id, used.day if used is not None else None,
                         _("“{title}” was removed from the session (its responses are kept).")
                         .format(title=title))  # fmt: skip
        self.reload()
        return True

    def undo(self) -> bool:
        """Take back the last removal or change of day: the form is used again with its day."""
        last = self._undo
        self._forget_undo()
        if last is None:
            return False
        return self.use_form(*last)

    def _offer_undo(self, form_id: str, day: dt.date | None, message: str) -> None:
        self._undo = (form_id, day)
        self.undo_label.setText(message)
        self.undo_bar.show()
        self.undo_action.setEnabled(True)

    def _forget_undo(self) -> None:
        self._undo = None
        self.undo_bar.hide()
        self.undo_action.setEnabled(False)

    def print_form(self) -> Path | None:
        """A blank copy of the selected form to print (the file the trainer saved, or None)."""
        form_id = self.form_id()
        if not form_id:
            return None
        from .form_print import print_form

        return print_form(self, self.workspace, form_id, self.session_id)

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
