"""The local settings of this laptop: its name, the trainer, the organisation and its logo, the
people who sign certificates, the interface language and the kiosk PIN. They never travel in bundles.

:func:`save_settings` checks everything before writing anything, so a refused PIN does not leave
half the settings saved; the dialog only gathers the values.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QRegularExpression, Qt
from PySide6.QtGui import QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.bundles import keys
from trainer_desktop.core import i18n
from trainer_desktop.core.device import (
    SIGNATORIES_MAX,
    SIGNATORY_TEXT_MAX,
    Settings,
    Signatory,
    check_signatories,
)
from trainer_desktop.core.errors import ValidationError
from trainer_desktop.core.i18n import LANGUAGES, _
from trainer_desktop.core.workspace import Workspace

from .bundle_export import fingerprint_label
from .forms import run_focusing_error, vertical_scroll
from .operations import SETTINGS, OperationRunner

#: Each language is offered under its own name, which is never translated.
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "ar": "العربية"}
LOGO_PREVIEW = (220, 90)
PIN_MAX_LENGTH = 12


def fill_formats(box: QComboBox, language: str, country: str) -> None:
    """The countries whose formats a laptop can use, each with an example in ``language`` (a
    number and an amount), ``country`` chosen; the box's signals stay quiet meanwhile."""
    box.blockSignals(True)
    box.clear()
    for code, name in i18n.COUNTRIES.items():
        example = i18n.Translator(language, country=code)
        box.addItem(f"{_(name)} ({example.format_number(1234.5)}, "
                    f"{example.format_currency(1000)})", code)  # fmt: skip
    box.setCurrentIndex(max(box.findData(country), 0))
    box.blockSignals(False)


@dataclass(frozen=True)
class SettingsValues:
    device_name: str
    trainer_name: str
    organisation_name: str
    language: str
    organisation_logo: bytes | None
    #: A new PIN (empty: keep the current one) and its repetition.
    pin: str = ""
    pin_again: str = ""
    #: Who signs certificates, as printed left to right (lines left empty are not kept).
    signatories: tuple[Signatory, ...] = ()
    #: The country whose formats dates, numbers and amounts follow.
    formats: str = i18n.DEFAULT_COUNTRY


def read_settings(settings: Settings) -> SettingsValues:
    return SettingsValues(
        device_name=settings.device_name,
        trainer_name=settings.get("trainer_name"),
        organisation_name=settings.get("organisation_name"),
        language=settings.language,
        formats=settings.formats,
        organisation_logo=settings.organisation_logo,
        signatories=tuple(settings.signatories),
    )


def _typed_signatories(lines: tuple[Signatory, ...]) -> list[Signatory]:
    """The lines with a name, checked; a title without a name is refused on its own line (the
    dialog shows fixed lines, so an empty one in the middle is simply skipped)."""
    for line, signatory in enumerate(lines, start=1):
        if not signatory.name.strip() and signatory.title.strip():
            raise ValidationError(_("Signatory {line}: the name cannot be empty.").format(
                line=line), field=f"signatory_{line}")  # fmt: skip
    return check_signatories([s for s in lines if s.name.strip()])


def save_settings(settings: Settings, values: SettingsValues) -> list[str]:
    """Write what changed; returns the names of the changed settings (``pin`` if a new one).

    Raises :class:`ValidationError` (naming the field) before writing anything.
    """
    if not values.device_name.strip():
        raise ValidationError(_("The device name cannot be empty."), field="device_name")
    if values.pin != values.pin_again:
        raise ValidationError(_("The two PINs are different. Type the same PIN twice."),
                              field="pin_again")  # fmt: skip
    signatories = _typed_signatories(values.signatories)
    changed: list[str] = []
    if values.pin:
        settings.set_pin(values.pin)  # checks the PIN before storing it
        changed.append("pin")
    before = read_settings(settings)
    if values.device_name.strip() != before.device_name:
        settings.set_device_name(values.device_name)
        changed.append("device_name")
    for key in ("trainer_name", "organisation_name", "language", "formats"):
        if getattr(values, key).strip() != getattr(before, key):
            settings.set(key, getattr(values, key))
            changed.append(key)
    if values.organisation_logo != before.organisation_logo:
        settings.set_organisation_logo(values.organisation_logo)
        changed.append("organisation_logo")
    if tuple(signatories) != before.signatories:
        settings.set_signatories(signatories)
        changed.append("signatories")
    return changed


class SettingsDialog(QDialog):
    def __init__(
        self, workspace: Workspace, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.initial = read_settings(workspace.settings)
        self.logo: bytes | None = self.initial.organisation_logo
        #: What OK saved (empty until then).
        self.changed: list[str] = []
        self.setWindowTitle(_("Settings"))
        self.fields: dict[str, QWidget] = {}
        self._build()
        self.resize(*self._natural_size())

    def _natural_size(self) -> tuple[int, int]:
        """Wide enough for the settings, as high as they need with their notes wrapped at that
        width (but no higher than the screen: they scroll)."""
        margins = self.layout().contentsMargins()
        least = (self.content.minimumSizeHint().width() + margins.left() + margins.right()
                 + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))  # fmt: skip
        self.setMinimumWidth(least)  # the settings scroll up and down, never sideways
        width = max(620, least)
        inner = width - margins.left() - margins.right()
        height = (self.content.heightForWidth(inner) + self.layout().spacing() + margins.top()
                  + margins.bottom() + self.layout().itemAt(1).sizeHint().height())  # fmt: skip
        screen = self.screen().availableGeometry()
        return width, min(height, screen.height() * 9 // 10)

    @property
    def language_changed(self) -> bool:
        """Whether the interface must be rebuilt: a new language or new formats."""
        return "language" in self.changed or "formats" in self.changed

    def _text(self, name: str, value: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(value)
        edit.setMaxLength(200)
        edit.setPlaceholderText(placeholder)
        self.fields[name] = edit
        return edit

    def _build(self) -> None:
        # The settings scroll when the screen is too short for them (768 px laptops, longer
        # translations); OK and Cancel stay in sight.
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)

        this_laptop = QGroupBox(_("This laptop"))
        form = QFormLayout(this_laptop)
        form.addRow(_("Device name"), self._text("device_name", self.initial.device_name))
        form.addRow(_("Trainer name"), self._text("trainer_name", self.initial.trainer_name))
        language = QComboBox()
        for code in LANGUAGES:
            language.addItem(LANGUAGE_NAMES.get(code, code), code)
        language.setCurrentIndex(max(language.findData(self.initial.language), 0))
        self.fields["language"] = language
        form.addRow(_("Interface language"), language)
        formats = QComboBox()
        fill_formats(formats, self.initial.language, self.initial.formats)
        self.fields["formats"] = formats
        form.addRow(_("Formats of dates, numbers and amounts"), formats)
        note = QLabel(_("The interface switches language when you press OK."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow("", note)
        self.fingerprint = fingerprint_label(keys.device_fingerprint(self.workspace.db))
        form.addRow(_("Key fingerprint"), self.fingerprint)
        key_note = QLabel(_("The coordinator compares it with the one shown when they import "
                            "this laptop's first bundle."))  # fmt: skip
        key_note.setWordWrap(True)
        key_note.setEnabled(False)
        form.addRow("", key_note)
        layout.addWidget(this_laptop)

        organisation = QGroupBox(_("Organisation (on printed documents)"))
        form = QFormLayout(organisation)
        form.addRow(_("Organisation name"),
                    self._text("organisation_name", self.initial.organisation_name))  # fmt: skip
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(_("Remove"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.fields["logo"] = choose
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addLayout(buttons)
        row.addStretch(1)
        form.addRow(_("Logo"), row)
        layout.addWidget(organisation)
        layout.addWidget(self._signatories_box())

        kiosk = QGroupBox(_("Kiosk PIN"))
        form = QFormLayout(kiosk)
        explanation = QLabel(_("The PIN is asked before leaving the screens participants use "
                               "(signing in, tests, evaluation)."))  # fmt: skip
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.pin_status = QLabel(
            _("A PIN is set. Type a new one to change it, or leave these fields empty.")
            if self.initial_has_pin()
            else _("No PIN is set yet.")
        )
        self.pin_status.setWordWrap(True)
        form.addRow(self.pin_status)
        digits = QRegularExpressionValidator(QRegularExpression(r"\d*"), self)
        for name, label in (("pin", _("New PIN")), ("pin_again", _("Repeat the new PIN"))):
            edit = self._text(name, "", _("digits only"))
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(PIN_MAX_LENGTH)
            edit.setValidator(digits)
            form.addRow(label, edit)
        layout.addWidget(kiosk)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(vertical_scroll(self.content), 1)
        outer.addWidget(box)
        self._show_logo()

    def _signatories_box(self) -> QGroupBox:
        """Up to three fixed lines "name — title", printed in this order under the signature
        lines of certificates."""
        box = QGroupBox(_("Certificate signatories"))
        grid = QGridLayout(box)
        note = QLabel(_("Printed under the signature lines of certificates, left to right. "
                        "Leave a line empty to print fewer signatures."))  # fmt: skip
        note.setWordWrap(True)
        note.setEnabled(False)
        grid.addWidget(note, 0, 0, 1, 3)
        self.signatory_edits: list[tuple[QLineEdit, QLineEdit]] = []
        typed = list(self.initial.signatories) + [Signatory("")] * SIGNATORIES_MAX
        for line in range(1, SIGNATORIES_MAX + 1):
            name = QLineEdit(typed[line - 1].name)
            name.setPlaceholderText(_("Name, e.g. Aminata Diallo"))
            title = QLineEdit(typed[line - 1].title)
            title.setPlaceholderText(_("Title, e.g. Director of training"))
            for edit in (name, title):
                edit.setMaxLength(SIGNATORY_TEXT_MAX)
            self.fields[f"signatory_{line}"] = name
            grid.addWidget(QLabel(f"{line}."), line, 0)
            grid.addWidget(name, line, 1)
            grid.addWidget(title, line, 2)
            self.signatory_edits.append((name, title))
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        return box

    def initial_has_pin(self) -> bool:
        return self.workspace.settings.has_pin

    # -- logo
    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(QByteArray(self.logo)):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    LOGO_PREVIEW[0] - 10,
                    LOGO_PREVIEW[1] - 10,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.remove_logo_button.setEnabled(self.logo is not None)

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the organisation logo"), "", _("Images (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, _("Logo"), _("The file cannot be read: {error}").format(
                error=exc.strerror or exc))  # fmt: skip
            return
        if not QPixmap().loadFromData(QByteArray(data)):
            QMessageBox.warning(self, _("Logo"), _("The logo must be a PNG or JPEG image."))
            return
        self.logo = data
        self._show_logo()

    def remove_logo(self) -> None:
        self.logo = None
        self._show_logo()

    # -- OK
    def values(self) -> SettingsValues:
        text = {f.name: self.fields[f.name].text() for f in fields(SettingsValues)
                if isinstance(self.fields.get(f.name), QLineEdit)}  # fmt: skip
        language = self.fields["language"].currentData()  # type: ignore[attr-defined]
        formats = self.fields["formats"].currentData()  # type: ignore[attr-defined]
        signatories = tuple(Signatory(name.text(), title.text())
                            for name, title in self.signatory_edits)  # fmt: skip
        return replace(self.initial, **text, language=language, formats=formats,
                       organisation_logo=self.logo,
                       signatories=signatories)  # fmt: skip

    def accept(self) -> None:
        outcome = run_focusing_error(
            self.runner, self, self.fields, save_settings, self.workspace.settings,
            self.values(), changes={SETTINGS},
        )  # fmt: skip
        if not outcome.ok:
            return
        self.changed = outcome.value or []
        super().accept()
