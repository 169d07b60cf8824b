"""Export a bundle: what goes in it (the whole database, chosen sessions, or what changed since
the last bundle for a recipient), an optional passphrase, a summary of what the file will hold
before it is written, then where it went and this laptop's key fingerprint for the coordinator.

:class:`ExportChoice` holds and checks what the user chose (no Qt); the dialog only gathers it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.bundles import keys
from trainer_desktop.bundles.encryption import MIN_PASSPHRASE
from trainer_desktop.bundles.exchange import (
    SUFFIX,
    ExportResult,
    export_bundle,
    past_recipients,
    preview_export,
)  # fmt: skip
from trainer_desktop.core import i18n
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.sessions import SessionSummary
from trainer_desktop.core.workspace import Workspace

from .forms import ui_locale
from .operations import OperationRunner
from .sessions_model import place_text

#: What goes in the bundle.
WHOLE, CHOSEN, CHANGES = "whole", "chosen", "changes"

SessionIdRole = Qt.ItemDataRole.UserRole + 1


# --- what the user chose (no Qt) -----------------------------------------------------------------


@dataclass(frozen=True)
class ExportChoice:
    scope: str = WHOLE
    session_ids: tuple[str, ...] = ()
    recipient: str = ""
    encrypt: bool = False
    passphrase: str = ""
    passphrase_again: str = ""

    def problem(self) -> tuple[str, str] | None:
        """(field, message) of the first thing to fix before exporting, or None."""
        if self.scope == CHOSEN and not self.session_ids:
            return "sessions", _("Tick at least one session.")
        if self.scope == CHANGES and not self.recipient.strip():
            return "recipient", _("Name the recipient, for example “Head office”.")
        if self.encrypt:
            if len(self.passphrase) < MIN_PASSPHRASE:
                return "passphrase", _("The passphrase must have at least {n} characters.").format(
                    n=MIN_PASSPHRASE
                )
            if self.passphrase != self.passphrase_again:
                return "passphrase_again", _("The two passphrases are different.")
        return None

    def export_options(self) -> dict[str, object]:
        """The keyword arguments of :func:`export_bundle`."""
        return {
            "sessions": list(self.session_ids) if self.scope == CHOSEN else None,
            "recipient": self.recipient.strip() if self.scope == CHANGES else None,
            "passphrase": self.passphrase if self.encrypt else None,
        }


def _number(n: int) -> str:
    return i18n.current().format_number(n)


def describe_records(sessions: int, programme_items: int) -> str:
    """“2 sessions, 54 programme items”."""
    return _("{sessions}, {items}").format(
        sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=_number(sessions)),
        items=ngettext("{n} programme item", "{n} programme items", programme_items).format(
            n=_number(programme_items)
        ),
    )


def describe_counts(counts: Mapping[str, int]) -> str:
    """What a written bundle holds, from its record counts per table."""
    words = [describe_records(counts.get("training_session", 0), counts.get("programme_item", 0))]
    for table, n in sorted(counts.items()):
        if table not in ("training_session", "programme_item") and n:
            words.append(ngettext("{n} record of {table}", "{n} records of {table}", n).format(
                n=_number(n), table=table))  # fmt: skip
    return ", ".join(words)


def describe_protection(encrypted: bool) -> str:
    return _("encrypted") if encrypted else _("not encrypted: anyone who gets the file can read it")


def describe_contents(choice: ExportChoice, sessions: Sequence[SessionSummary],
                      changes: Mapping[str, int] | None = None) -> str:  # fmt: skip
    """The summary shown before writing: “2 sessions, 54 programme items; encrypted.”
    ``changes`` are the record counts of a "changes since" bundle (``preview_export``)."""
    if choice.scope == CHANGES:
        recipient = choice.recipient.strip()
        if recipient and changes is not None:
            contents = (describe_counts(changes) if changes
                        else _("nothing changed since the last bundle for “{recipient}”").format(
                            recipient=recipient))  # fmt: skip
        else:
            contents = _("what changed since the last bundle for this recipient")
    else:
        chosen = [s for s in sessions if choice.scope == WHOLE or s.id in choice.session_ids]
        contents = describe_records(len(chosen), sum(s.programme_items for s in chosen))
    return _("{contents}; {protection}.").format(
        contents=contents, protection=describe_protection(choice.encrypt)
    )


def default_bundle_name(device_name: str, day: dt.date) -> str:
    """“TrainerDesktop-Laptop-Sevare-2026-11-22.tdbundle”: safe on every file system."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "-", device_name.strip()).strip("-.") or "laptop"
    return f"TrainerDesktop-{safe}-{day.isoformat()}{SUFFIX}"


def write_bundle(workspace: Workspace, path: Path, choice: ExportChoice) -> ExportResult:
    """Export; a file that cannot be written is the user's to fix, not a bug."""
    try:
        return export_bundle(workspace, path, **choice.export_options())  # type: ignore[arg-type]
    except OSError as exc:
        raise UserError(_("Cannot write {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from exc  # fmt: skip


def format_size(size: int) -> str:
    return ui_locale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


# --- the dialog ----------------------------------------------------------------------------------


def _muted(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorGroup.Disabled,
                                                           palette.ColorRole.WindowText))  # fmt: skip
    label.setPalette(palette)
    return label


def fingerprint_label(fingerprint: str) -> QLabel:
    """A key fingerprint, in a fixed-width font, selectable to copy."""
    label = QLabel(fingerprint)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(label.font().pointSizeF() * 1.15)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)  # fmt: skip
    return label


class BundleExportDialog(QDialog):
    """Choose what to export, then write it; the second page says where it went."""

    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 session_id: str | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.sessions = workspace.sessions.list()
        #: What the export wrote (None until then).
        self.result: ExportResult | None = None
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(_("Export a bundle"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._options_page(session_id))
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._refresh()
        self.resize(640, 620)

    # -- building
    def _options_page(self, session_id: str | None) -> QWidget:
        page = QWidget()
        what = QGroupBox(_("What goes in the bundle"))
        self.scope_buttons = QButtonGroup(self)
        self.whole_button = QRadioButton(_("Everything in this database"))
        self.chosen_button = QRadioButton(_("Chosen sessions (with their programme)"))
        self.changes_button = QRadioButton(_("Only what changed since the last bundle for:"))
        for scope, button in ((WHOLE, self.whole_button), (CHOSEN, self.chosen_button),
                              (CHANGES, self.changes_button)):  # fmt: skip
            button.setProperty("scope", scope)
            self.scope_buttons.addButton(button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search sessions"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_sessions)
        self.session_list = QListWidget()
        self.session_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.session_list.setUniformItemSizes(True)
        self.session_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.session_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields["sessions"] = self.session_list
        tr = i18n.current()
        for summary in self.sessions:
            dates = tr.format_date_range(summary.start_date, summary.end_date)
            # Dates and town first: titles are long, and twin sessions differ only there.
            where = f"{dates}, {summary.town.strip()}" if summary.town.strip() else dates
            item = QListWidgetItem(f"{where} — {summary.title}")
            item.setData(SessionIdRole, summary.id)
            place = place_text(summary.town, summary.region)
            item.setToolTip("\n".join(t for t in (summary.title, dates, place) if t))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if summary.id == session_id
                               else Qt.CheckState.Unchecked)  # fmt: skip
            self.session_list.addItem(item)
            if summary.id == session_id:
                self.session_list.setCurrentItem(item)
        self.session_list.itemChanged.connect(self._refresh)
        self.recipient = QLineEdit()
        self.recipient.setMaxLength(200)
        self.recipient.setPlaceholderText(_("e.g. Head office"))
        self.recipient.textChanged.connect(self._refresh)
        recipients = QCompleter(past_recipients(self.workspace), self.recipient)
        recipients.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.recipient.setCompleter(recipients)
        self.fields["recipient"] = self.recipient
        recipient_note = _muted(QLabel(_("The first bundle for a recipient holds everything; the "
                                         "next ones only what changed since.")))  # fmt: skip
        grid = QGridLayout(what)
        grid.setColumnMinimumWidth(0, 22)
        grid.addWidget(self.whole_button, 0, 0, 1, 2)
        grid.addWidget(self.chosen_button, 1, 0, 1, 2)
        grid.addWidget(self.search, 2, 1)
        grid.addWidget(self.session_list, 3, 1)
        grid.addWidget(self.changes_button, 4, 0, 1, 2)
        grid.addWidget(self.recipient, 5, 1)
        grid.addWidget(recipient_note, 6, 1)
        (self.chosen_button if session_id else self.whole_button).setChecked(True)
        self.scope_buttons.buttonToggled.connect(self._scope_toggled)

        protection = QGroupBox(_("Protection"))
        self.encrypt = QCheckBox(_("Encrypt with a passphrase"))
        self.encrypt.toggled.connect(self._refresh)
        self.passphrase, self.passphrase_again = QLineEdit(), QLineEdit()
        for name, edit in (("passphrase", self.passphrase),
                           ("passphrase_again", self.passphrase_again)):  # fmt: skip
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(200)
            edit.textChanged.connect(self._refresh)
            self.fields[name] = edit
        self.show_passphrase = QCheckBox(_("Show the passphrase"))
        self.show_passphrase.toggled.connect(self._show_passphrase)
        form = QFormLayout(protection)
        form.addRow(self.encrypt)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Type it again"), self.passphrase_again)
        form.addRow("", self.show_passphrase)
        self.passphrase_note = _muted(QLabel(_(
            "At least {n} characters. Give it to the recipient another way than the file "
            "(by phone, not in the same message).").format(n=MIN_PASSPHRASE)))  # fmt: skip
        form.addRow("", self.passphrase_note)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.problem_label = QLabel()  # beside the buttons: why Export is not available yet
        self.problem_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(_("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(what, 1)
        layout.addWidget(protection)
        layout.addWidget(self.summary)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(_("The bundle is written."))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.path_label, self.size_label, self.contents_label = QLabel(), QLabel(), QLabel()
        for label in (self.path_label, self.contents_label):
            label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(_("File"), self.path_label)
        form.addRow(_("Size"), self.size_label)
        form.addRow(_("Contents"), self.contents_label)
        key_box = QGroupBox(_("This laptop's key fingerprint"))
        key_layout = QVBoxLayout(key_box)
        self.fingerprint = fingerprint_label("")
        explanation = QLabel(_("Give it to the coordinator (by phone or in person): when they "
                               "import the first bundle from this laptop, they check that it "
                               "shows the same fingerprint."))  # fmt: skip
        explanation.setWordWrap(True)
        key_layout.addWidget(explanation)
        key_layout.addWidget(self.fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = buttons.addButton(_("Open the folder"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.open_folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.accept)  # Close: the bundle was written
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(key_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    # -- state
    def scope(self) -> str:
        checked: QAbstractButton | None = self.scope_buttons.checkedButton()
        return str(checked.property("scope")) if checked else WHOLE

    def checked_session_ids(self) -> tuple[str, ...]:
        items = (self.session_list.item(row) for row in range(self.session_list.count()))
        return tuple(item.data(SessionIdRole) for item in items
                     if item.checkState() == Qt.CheckState.Checked)  # fmt: skip

    def choice(self) -> ExportChoice:
        return ExportChoice(
            scope=self.scope(), session_ids=self.checked_session_ids(),
            recipient=self.recipient.text(), encrypt=self.encrypt.isChecked(),
            passphrase=self.passphrase.text(), passphrase_again=self.passphrase_again.text(),
        )  # fmt: skip

    def set_session_checked(self, session_id: str, checked: bool = True) -> None:
        for row in range(self.session_list.count()):
            item = self.session_list.item(row)
            if item.data(SessionIdRole) == session_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _scope_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._refresh()
            widget = {CHOSEN: self.session_list, CHANGES: self.recipient}.get(self.scope())
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter_sessions(self, text: str) -> None:
        from trainer_desktop.core.search import matches

        for row in range(self.session_list.count()):
            item = self.session_list.item(row)
            item.setHidden(bool(text.strip()) and not matches(text, item.text()))

    def _show_passphrase(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.passphrase_again.setEchoMode(mode)

    def _refresh(self) -> None:
        scope = self.scope()
        for widget in (self.search, self.session_list):
            widget.setEnabled(scope == CHOSEN)
        self.recipient.setEnabled(scope == CHANGES)
        encrypt = self.encrypt.isChecked()
        for widget in (self.passphrase, self.passphrase_again, self.show_passphrase,
                       self.passphrase_note):  # fmt: skip
            widget.setEnabled(encrypt)
        choice = self.choice()
        changes = None
        if scope == CHANGES and choice.recipient.strip():
            changes = preview_export(self.workspace, recipient=choice.recipient)
        self.summary.setText("<b>{label}</b> {text}".format(
            label=_("The file will contain:"),
            text=describe_contents(choice, self.sessions, changes)))  # fmt: skip
        problem = choice.problem()
        self.problem_label.setText(problem[1] if problem else "")
        self.export_button.setEnabled(problem is None)

    # -- actions
    def export(self) -> None:
        choice = self.choice()
        problem = choice.problem()
        if problem is not None:
            self.fields[problem[0]].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = default_bundle_name(self.workspace.settings.device_name, dt.date.today())
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export a bundle"), str(Path(folder) / name),
            _("Trainer Desktop bundles (*{suffix})").format(suffix=SUFFIX),
        )  # fmt: skip
        if not path:
            return
        outcome = self.runner.run(self, write_bundle, self.workspace, Path(path), choice)
        if not outcome.ok or outcome.value is None:
            return
        self.show_result(outcome.value)

    def show_result(self, result: ExportResult) -> None:
        self.result = result
        self.path_label.setText(str(result.path))
        self.size_label.setText(format_size(result.size))
        self.contents_label.setText(_("{contents}; {protection}.").format(
            contents=describe_counts(result.counts),
            protection=describe_protection(result.encrypted)))  # fmt: skip
        self.fingerprint.setText(keys.device_fingerprint(self.workspace.db))
        options = self.pages.widget(0)
        options.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.pages.setCurrentIndex(1)
        # No empty half-page: as tall as the result needs (its labels wrap).
        margins = self.layout().contentsMargins()
        done = self.pages.widget(1).layout()
        self.resize(self.width(), done.totalHeightForWidth(self.pages.width()) + margins.top()
                    + margins.bottom())  # fmt: skip

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))
