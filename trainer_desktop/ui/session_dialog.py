"""Creating, editing and duplicating a training session.

The dialogs are thin: :func:`values_from_form` turns what the widgets hold into the values the
core expects, :func:`form_from_session` does the reverse, and the core validates. A refused input
keeps the dialog open with everything typed, and puts the cursor on the field at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.sessions import (
    SESSION_FIELD_LABELS,
    SESSION_FIELDS,
    SESSION_LANGUAGES,
    TEXT_MAX,
    TITLE_MAX,
    TrainingSession,
)
from trainer_desktop.core.workspace import Workspace

from .forms import CountSpinBox, make_date_edit, read_widget, run_focusing_error, write_widget
from .operations import PROGRAMME, SESSIONS, OperationRunner

NAME_LISTS = ("funders", "facilitators")
DEFAULT_LENGTH_DAYS = 3  # most trainings in the field last three days


# -- plain logic, testable without widgets ------------------------------------------------------


def values_from_form(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The core's values from the widgets' contents: one name per line for funders and
    facilitators, 0 expected participants meaning "not set", text trimmed."""
    values: dict[str, Any] = {}
    for name in SESSION_FIELDS:
        if name not in raw:
            continue
        value = raw[name]
        if name in NAME_LISTS:
            value = [line.strip() for line in str(value or "").splitlines() if line.strip()]
        elif name == "expected_participants":
            value = int(value) if value else None
        elif isinstance(value, str):
            value = value.strip()
        values[name] = value
    return values


def form_from_session(session: TrainingSession) -> dict[str, Any]:
    """What the widgets show for an existing session (the reverse of :func:`values_from_form`)."""
    raw = {name: getattr(session, name) for name in SESSION_FIELDS}
    for name in NAME_LISTS:
        raw[name] = "\n".join(raw[name] or [])
    raw["expected_participants"] = raw["expected_participants"] or 0
    return raw


def next_monday(today: dt.date) -> dt.date:
    """The first Monday after ``today`` (a week later if today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


class _SavingDialog(QDialog):
    """OK runs one core action through the runner; a refusal keeps the dialog open."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, parent: QWidget | None):
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.fields: dict[str, QWidget] = {}
        #: The session created or edited, once OK succeeded.
        self.saved_session_id: str | None = None

    def _save(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any | None:
        outcome = run_focusing_error(
            self.runner, self, self.fields, action, *args, changes={SESSIONS, PROGRAMME}, **kwargs
        )
        return outcome.value if outcome.ok else None

    def _button_box(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons


class SessionDialog(_SavingDialog):
    """All the details of one session; creates it, or edits ``session_id`` if given."""

    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, runner, parent)
        self.session_id = session_id
        self.setWindowTitle(_("Edit session details") if session_id else _("New training session"))
        self._build()
        self._previous_start = dt.date.today()
        if session_id:
            self.set_form(form_from_session(workspace.sessions.get(session_id)))
        else:
            start = dt.date.today()
            self.set_form({"start_date": start, "language": i18n.current().language,
                           "end_date": start + dt.timedelta(days=DEFAULT_LENGTH_DAYS - 1)})
        self.resize(920, 600)

    # -- building
    def _label(self, name: str) -> str:
        return _(SESSION_FIELD_LABELS[name]) + (" *" if name == "title" else "")

    def _line(self, name: str, limit: int = TEXT_MAX, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(limit)
        edit.setPlaceholderText(placeholder)
        self.fields[name] = edit
        return edit

    def _names(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(_("One name per line"))
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        self.fields[name] = edit
        return edit

    def _form(self, parent_layout: QGridLayout | QVBoxLayout, title: str | None) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if title is None:
            parent_layout.addLayout(form)
        else:
            box = QGroupBox(title)
            box.setLayout(form)
            parent_layout.addWidget(box)
        return form

    def _build(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        top = self._form(column, None)
        top.addRow(self._label("title"), self._line("title", TITLE_MAX))
        top.addRow(self._label("theme"), self._line("theme"))

        grid = QGridLayout()
        column.addLayout(grid)
        left, right = QVBoxLayout(), QVBoxLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        where = self._form(left, _("When and where"))
        start, end = make_date_edit(dt.date.today()), make_date_edit(dt.date.today())
        self.fields.update(start_date=start, end_date=end)
        self.length_label = QLabel()
        end_row = QHBoxLayout()
        for edit in (start, end):
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00/00/00000") + 40)
            edit.dateChanged.connect(self._show_length)
        end_row.addWidget(end)
        end_row.addWidget(self.length_label)
        end_row.addStretch(1)
        where.addRow(self._label("start_date"), start)
        where.addRow(self._label("end_date"), end_row)
        start.dateChanged.connect(self._keep_length)
        where.addRow(self._label("venue"), self._line("venue", placeholder=_("e.g. a hotel")))
        for name in ("town", "region", "country"):
            where.addRow(self._label(name), self._line(name))
        language = QComboBox()
        for code, label in SESSION_LANGUAGES.items():
            language.addItem(_(label), code)
        self.fields["language"] = language
        where.addRow(self._label("language"), language)
        left.addStretch(1)

        who = self._form(right, i18n.current().pgettext(
            "session form section: organiser, funders, facilitators", "People"))
        who.addRow(self._label("organiser"), self._line("organiser"))
        who.addRow(self._label("funders"), self._names("funders"))
        who.addRow(self._label("facilitators"), self._names("facilitators"))
        who.addRow(self._label("target_audience"), self._line(
            "target_audience", placeholder=_("e.g. judicial police officers")))
        expected = CountSpinBox()
        expected.setMinimumWidth(expected.fontMetrics().horizontalAdvance(_("Not set")) + 50)
        expected.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fields["expected_participants"] = expected
        who.addRow(self._label("expected_participants"), expected)
        threshold = QSpinBox()
        threshold.setRange(0, 100)
        threshold.setValue(80)
        threshold.setSuffix(" %")
        threshold.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        threshold.setToolTip(_("A participant attended enough (for a certificate) when present or "
                               "late for at least this share of the sign-in periods."))  # fmt: skip
        self.fields["attendance_threshold"] = threshold
        who.addRow(self._label("attendance_threshold"), threshold)
        right.addStretch(1)

        objectives = QPlainTextEdit()
        objectives.setTabChangesFocus(True)
        objectives.setPlaceholderText(_("What participants should know or be able to do after "
                                        "the training"))
        objectives.setMinimumHeight(objectives.fontMetrics().lineSpacing() * 4 + 12)
        self.fields["objectives"] = objectives
        bottom = self._form(column, None)
        bottom.addRow(self._label("objectives"), objectives)

        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        note = QLabel(_("* required"))
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addWidget(self._button_box())

    # -- reading and writing the form
    def set_form(self, raw: Mapping[str, Any]) -> None:
        start_edit = self.fields["start_date"]
        start_edit.blockSignals(True)  # set both dates as given, without _keep_length
        for name, value in raw.items():
            if name in self.fields:
                write_widget(self.fields[name], value)
        start_edit.blockSignals(False)
        self._show_length()
        self._previous_start = self.fields["start_date"].date().toPython()

    def form(self) -> dict[str, Any]:
        return {name: read_widget(widget) for name, widget in self.fields.items()}

    def values(self) -> dict[str, Any]:
        return values_from_form(self.form())

    def _keep_length(self, start: QDate) -> None:
        # Moving the start moves the end too, so the session keeps its length.
        new_start = start.toPython()
        end_edit: QDateEdit = self.fields["end_date"]  # type: ignore[assignment]
        end = end_edit.date().toPython()
        if end >= self._previous_start:
            end_edit.setDate(QDate(end + (new_start - self._previous_start)))
        self._previous_start = new_start

    def _show_length(self) -> None:
        start, end = (self.fields[n].date().toPython() for n in ("start_date", "end_date"))
        days = (end - start).days + 1
        self.length_label.setText(
            ngettext("{n} day", "{n} days", days).format(n=days)
            if days > 0
            else _("before the start date")
        )

    # -- OK
    def accept(self) -> None:
        values = self.values()
        if self.session_id:
            saved = self._save(self.workspace.sessions.update, self.session_id, **values)
            if saved is None:
                return
            self.saved_session_id = self.session_id
        else:
            session = self._save(self.workspace.sessions.create, **values)
            if session is None:
                return
            self.saved_session_id = session.id
        super().accept()


class DuplicateSessionDialog(_SavingDialog):
    """Copies a session and its programme to new dates (last month's training, run again)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(workspace, runner, parent)
        self.session_id = session_id
        self.source = workspace.sessions.get(session_id)
        self.setWindowTitle(_("Duplicate session"))
        intro = QLabel(
            _("A copy of “{title}” with its programme, moved to new dates.").format(
                title=self.source.title
            )
        )
        intro.setWordWrap(True)
        title = QLineEdit(self.source.title)
        title.setMaxLength(TITLE_MAX)
        title.setCursorPosition(0)
        start = make_date_edit(next_monday(today or dt.date.today()))
        start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fields = {"title": title, "start_date": start}
        self.ends = QLabel()
        start.dateChanged.connect(self._show_end)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_(SESSION_FIELD_LABELS["title"]), title)
        form.addRow(_("New start date"), start)
        form.addRow(_("New end date"), self.ends)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._button_box())
        self._show_end(start.date())
        self.resize(560, self.sizeHint().height())

    def _show_end(self, start: QDate) -> None:
        length = self.source.end_date - self.source.start_date
        self.ends.setText(i18n.current().format_date(start.toPython() + length, "full"))

    def accept(self) -> None:
        start = self.fields["start_date"].date().toPython()  # type: ignore[attr-defined]
        title = self.fields["title"].text()  # type: ignore[attr-defined]
        copy = self._save(self.workspace.sessions.duplicate, self.session_id, start, title=title)
        if copy is None:
            return
        self.saved_session_id = copy.id
        super().accept()
