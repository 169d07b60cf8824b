"""The first start of the application on a laptop: the language (offered in each language, and
the wizard switches at once), the formats, this laptop's and the trainer's names, and whether to
start empty or with the demo sessions to explore.

Shown by :func:`~trainer_desktop.ui.app.run_gui` when the database has never been set up and
holds no session; what it asks is saved through the core settings, so the Settings dialog shows
and changes the same values later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from trainer_desktop.core import backups, i18n
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.workspace import Workspace

from .long_task import run_with_progress
from .settings_dialog import LANGUAGE_NAMES, fill_formats

#: The setting that says the first start is done (a fresh database has none).
SETUP_DONE = "setup_done"


def needs_first_run(workspace: Workspace) -> bool:
    """A database never set up and without any session (an existing one is not asked again)."""
    return not workspace.settings.get(SETUP_DONE) and not workspace.sessions.list()


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


class FirstRunWizard(QWizard):
    """Three pages; :meth:`accept` saves the answers and loads the demo when asked."""

    def __init__(self, workspace: Workspace,
                 set_language: Callable[[str, str], object] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        #: Switches the whole interface (messages, Qt's texts, direction); the app's function.
        self.set_language = set_language or (lambda lang, country: i18n.set_language(lang, country))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setMinimumSize(600, 440)
        self._build_language_page()
        self._build_laptop_page()
        self._build_start_page()
        self.retranslate()

    # -- pages ---------------------------------------------------------------------------
    def _build_language_page(self) -> None:
        page = self.language_page = QWizardPage()
        layout = QVBoxLayout(page)
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        layout.addWidget(self.welcome)
        self.language_group = QButtonGroup(page)
        current = i18n.current().language
        for code in i18n.LANGUAGES:
            button = QRadioButton(LANGUAGE_NAMES.get(code, code))  # each in its own language
            button.setProperty("language", code)
            button.setProperty("content_language", code)  # its name in its own language
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.25)
            button.setFont(font)
            button.setChecked(code == current)
            self.language_group.addButton(button)
            layout.addWidget(button)
        self.language_group.buttonToggled.connect(self._language_toggled)
        form = QFormLayout()
        self.formats = QComboBox()
        self.formats_label = QLabel()
        form.addRow(self.formats_label, self.formats)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)
        self.addPage(page)

    def _build_laptop_page(self) -> None:
        page = self.laptop_page = QWizardPage()
        form = QFormLayout(page)
        self.device_name = QLineEdit(self.workspace.settings.device_name)
        self.trainer_name = QLineEdit(self.workspace.settings.get("trainer_name"))
        self.organisation = QLineEdit(self.workspace.settings.get("organisation_name"))
        self.device_label, self.trainer_label, self.organisation_label = QLabel(), QLabel(), QLabel()
        for label, edit in ((self.device_label, self.device_name),
                            (self.trainer_label, self.trainer_name),
                            (self.organisation_label, self.organisation)):  # fmt: skip
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.laptop_note = _note()
        form.addRow(self.laptop_note)
        self.addPage(page)

    def _build_start_page(self) -> None:
        page = self.start_page = QWizardPage()
        layout = QVBoxLayout(page)
        self.empty = QRadioButton()
        self.demo = QRadioButton()
        self.empty.setChecked(True)
        self.empty_note, self.demo_note = _note(), _note()
        for button, note in ((self.empty, self.empty_note), (self.demo, self.demo_note)):
            layout.addWidget(button)
            note.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(note)
        layout.addSpacing(12)
        self.backup_note = _note()
        self.backup_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup_note)
        layout.addStretch(1)
        self.addPage(page)

    # -- language ------------------------------------------------------------------------
    def language(self) -> str:
        checked = self.language_group.checkedButton()
        return checked.property("language") if checked else i18n.current().language

    def country(self) -> str:
        return self.formats.currentData() or i18n.DEFAULT_COUNTRY

    def _language_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.set_language(self.language(), self.country())
            self.retranslate()

    def retranslate(self) -> None:
        """Every text again, in the interface language now chosen."""
        self.setWindowTitle(_("Welcome to Trainer Desktop"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("&Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Start"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.language_page.setTitle(_("Welcome"))
        self.welcome.setText(_("Trainer Desktop keeps your training sessions, their participants, "
                               "attendance, tests and reports on this laptop, without internet. "
                               "Choose the language of the application:"))  # fmt: skip
        fill_formats(self.formats, self.language(),
                     self.formats.currentData() or self.workspace.settings.formats)  # fmt: skip
        self.formats_label.setText(_("Formats of dates, numbers and amounts"))
        self.laptop_page.setTitle(_("This laptop"))
        self.laptop_page.setSubTitle(_("These names travel with the data this laptop sends."))
        self.device_label.setText(_("Device name"))
        self.trainer_label.setText(_("Trainer name"))
        self.organisation_label.setText(_("Organisation"))
        self.device_name.setPlaceholderText(_("e.g. Laptop Mopti 2"))
        self.trainer_name.setPlaceholderText(_("Your name"))
        self.organisation.setPlaceholderText(_("Printed on reports and certificates (optional)"))
        self.laptop_note.setText(_("The coordinator sees the device name on every bundle from "
                                   "this laptop: make it one they recognise. Everything can be "
                                   "changed later in Settings."))  # fmt: skip
        self.start_page.setTitle(_("How do you want to start?"))
        self.empty.setText(_("With an empty database"))
        self.empty_note.setText(_("Create your first session with Ctrl+N, or import a bundle a "
                                  "colleague sent you."))  # fmt: skip
        self.demo.setText(_("With demo sessions to explore"))
        self.demo_note.setText(_("Sessions in Sévaré, Ségou and Rabat with participants, "
                                 "signatures, tests and evaluations. Delete them when you no "
                                 "longer need them."))  # fmt: skip
        self.backup_note.setText(_("A copy of the data is kept every day, and before each "
                                   "import, in {folder} (File ▸ Backups…).").format(
            folder=backups.folder_of(self.workspace.path)))  # fmt: skip

    # -- finish --------------------------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        if self.currentPage() is self.laptop_page and not self.device_name.text().strip():
            self.device_name.setFocus()
            self.laptop_page.setSubTitle(_("The device name cannot be empty."))
            return False
        return super().validateCurrentPage()

    def accept(self) -> None:
        settings = self.workspace.settings
        try:
            settings.set_device_name(self.device_name.text())
            settings.set("trainer_name", self.trainer_name.text())
            settings.set("organisation_name", self.organisation.text())
            settings.set("language", self.language())
            settings.set("formats", self.country())
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        if self.demo.isChecked():
            from trainer_desktop.core.demo import load_demo  # only now: it is large

            run_with_progress(self, _("Demo sessions"), _("Adding the demo sessions…"),
                              lambda _progress: load_demo(self.workspace))  # fmt: skip
        settings.set(SETUP_DONE, "1")
        super().accept()

    def reject(self) -> None:
        """Closing the wizard keeps the defaults; it is not asked again."""
        self.workspace.settings.set(SETUP_DONE, "1")
        super().reject()
