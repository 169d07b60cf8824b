"""Add or edit one registered person and their role in this session; delete them from the registry.

The dialog is thin: :func:`participant_values` turns what the widgets hold into the core's
keyword arguments, :func:`changed_values` keeps only what an edit changed, and the save goes
through the operation runner. Refused input keeps the dialog open with the cursor in the field
the core named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import _
from trainer_desktop.core.participants import (
    PARTICIPANT_FIELD_LABELS,
    PARTICIPANT_FIELDS,
    ROLES,
    SEXES,
    TEXT_MAX,
    EnrolledPerson,
    Participant,
)
from trainer_desktop.ui import operations
from trainer_desktop.ui.forms import run_focusing_error

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: A letter typed on the sex field chooses: French trainers say F/H, English W/M.
SEX_KEYS = {"f": "woman", "w": "woman", "h": "man", "m": "man", "n": "unstated"}
_BOOLEAN_FIELDS = ("consent_data", "consent_photo")


def participant_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments for ``participants.create``/``update`` from what the widgets hold
    (texts trimmed and inner spaces collapsed; consents as booleans; unknown names dropped)."""
    values: dict[str, Any] = {}
    for name in PARTICIPANT_FIELDS:
        if name not in raw:
            continue
        if name in _BOOLEAN_FIELDS:
            values[name] = bool(raw[name])
        elif name == "sex":
            values[name] = raw[name] or "unstated"
        else:
            values[name] = " ".join(str(raw[name] or "").split())
    return values


def changed_values(participant: Participant, values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the values that differ from ``participant``."""
    return {name: v for name, v in values.items() if getattr(participant, name) != v}


def create_and_enrol(
    workspace: Workspace, session_id: str, values: Mapping[str, Any], role: str = "participant"
) -> EnrolledPerson:
    """Register a new person and enrol them in the session (one transaction, in the core)."""
    return workspace.participants.create_and_enrol(session_id, role, **values)


class SexComboBox(QComboBox):
    """Woman / Man / Not stated; typing F, W, H, M or N chooses, whatever the language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, label in SEXES.items():
            self.addItem(_(label), code)
        self.setCurrentIndex(self.findData("unstated"))
        self.setToolTip(_("Type F or W for a woman, H or M for a man"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        code = SEX_KEYS.get(event.text().casefold())
        if code is not None and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self.setCurrentIndex(self.findData(code))
            event.accept()
            return
        super().keyPressEvent(event)


def completer(words: Iterable[str], parent: QWidget) -> QCompleter:
    """Completion of words already used (institutions, ranks), case- and contains-insensitive."""
    unique = sorted({w for w in words if w}, key=str.casefold)
    found = QCompleter(unique, parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    return found


class ParticipantDialog(QDialog):
    """Opened with :meth:`open`; emits :attr:`saved` with the enrolment id, or :attr:`deleted`
    with the participant id when the person was deleted from the registry."""

    saved = Signal(str)
    deleted = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str,
        *,
        person: EnrolledPerson | None = None,
        known: Mapping[str, Iterable[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.person = person
        self.setWindowTitle(_("Edit participant") if person else _("New participant"))
        self.setMinimumWidth(760)
        self.fields: dict[str, QWidget] = {}
        for name in PARTICIPANT_FIELDS:
            if name == "sex":
                widget: QWidget = SexComboBox()
            elif name in _BOOLEAN_FIELDS:
                widget = QCheckBox(_(PARTICIPANT_FIELD_LABELS[name]))
            else:
                widget = QLineEdit()
                widget.setMaxLength(50 if name == "phone" else TEXT_MAX)
                if known and known.get(name):
                    widget.setCompleter(completer(known[name], widget))
            widget.setAccessibleName(_(PARTICIPANT_FIELD_LABELS[name]))
            self.fields[name] = widget
        self.role = QComboBox()
        for code, label in ROLES.items():
            self.role.addItem(_(label), code)
        self.role.setAccessibleName(_("Role in this session"))
        self.fields["role"] = self.role
        self.fields["phone"].setPlaceholderText(_("e.g. +223 76 12 34 56"))
        self._build()
        if person is not None:
            self._fill(person)
        family = self.fields["family_name"]
        family.setFocus()
        family.selectAll()

    def _build(self) -> None:
        left, right = QFormLayout(), QFormLayout()
        for form, names in (
            (left, ("family_name", "given_names", "sex", "phone", "email", "id_number")),
            (right, ("institution", "function", "unit", "region", "town")),
        ):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                form.addRow(_(PARTICIPANT_FIELD_LABELS[name]), self.fields[name])
        right.addRow(_("Role in this session"), self.role)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.delete_button = QPushButton(_("Delete from registry…"))
        self.delete_button.setToolTip(
            _("Delete this person from the registry of all sessions (their past attendance stays)")
        )
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_from_registry)
        self.delete_button.setVisible(self.person is not None)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addSpacing(8)
        layout.addWidget(self.fields["consent_data"])
        layout.addWidget(self.fields["consent_photo"])
        layout.addSpacing(8)
        layout.addLayout(bottom)

    def _fill(self, person: EnrolledPerson) -> None:
        p = person.participant
        for name in PARTICIPANT_FIELDS:
            widget = self.fields[name]
            value = getattr(p, name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            else:
                widget.setText(value or "")
                widget.setCursorPosition(0)
        self.role.setCurrentIndex(max(self.role.findData(person.enrolment.role), 0))

    # -- saving ---------------------------------------------------------------------------------

    def raw(self) -> dict[str, Any]:
        """What each widget holds, by field name."""
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            else:
                out[name] = widget.text()
        return out

    def values(self) -> dict[str, Any]:
        return participant_values(self.raw())

    def _save_edit(self, changes: dict[str, Any], role: str) -> EnrolledPerson:
        assert self.person is not None
        people = self.workspace.participants
        if changes:
            people.update(self.person.participant.id, **changes)
        enrolment = self.person.enrolment
        if role != enrolment.role:
            enrolment = people.enrol(self.session_id, self.person.participant.id, role)
        return EnrolledPerson(enrolment, people.get(self.person.participant.id))

    def accept(self) -> None:
        values, role = self.values(), self.role.currentData()
        if self.person is None:
            outcome = run_focusing_error(
                self.runner, self, self.fields, create_and_enrol, self.workspace,
                self.session_id, values, role, changes={operations.PARTICIPANTS},
            )  # fmt: skip
        else:
            changes = changed_values(self.person.participant, values)
            if not changes and role == self.person.enrolment.role:
                super().accept()  # nothing changed: nothing to save
                return
            outcome = run_focusing_error(
                self.runner, self, self.fields, self._save_edit, changes, role,
                changes={operations.PARTICIPANTS},
            )  # fmt: skip
        if not outcome.ok:
            widget = self.fields.get(outcome.error.field if outcome.error else "")
            if isinstance(widget, QLineEdit):
                widget.selectAll()
            return
        self.saved.emit(outcome.value.enrolment.id)
        super().accept()

    def delete_from_registry(self) -> None:
        if self.person is None:
            return
        p = self.person.participant
        question = _(
            "Delete {name} from the registry?\n\nThey will no longer appear in any session or "
            "in the suggestions. Attendance already recorded is kept."
        ).format(name=p.display_name)
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        if QMessageBox.question(self, _("Delete from registry"), question, yes | no, no) != yes:
            return
        outcome = self.runner.run(
            self, self.workspace.participants.delete, p.id, changes={operations.PARTICIPANTS}
        )
        if outcome.ok:
            self.deleted.emit(p.id)
            super().accept()
