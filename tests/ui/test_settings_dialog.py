"""The settings dialog: each local setting saved, the PIN, the logo, and the language switch."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from trainer_desktop.core.device import Signatory
from trainer_desktop.core.errors import ValidationError
from trainer_desktop.ui.app import build_main_window
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.settings_dialog import (
    SettingsDialog,
    SettingsValues,
    read_settings,
    save_settings,
)


@pytest.fixture
def dialog(qtbot, workspace):
    dlg = SettingsDialog(workspace, OperationRunner())
    qtbot.addWidget(dlg)
    dlg.open()
    return dlg


@pytest.fixture
def logo_png(tmp_path, qtbot):
    pixmap = QPixmap(120, 40)
    pixmap.fill(QColor("#1f5f8b"))
    path = tmp_path / "cndh.png"
    assert pixmap.save(str(path), "PNG")
    return path


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def press_ok(qtbot, dlg) -> None:
    box = dlg.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def retype(qtbot, line_edit, text: str) -> None:
    line_edit.clear()
    qtbot.keyClicks(line_edit, text)


def test_save_settings_checks_everything_before_writing(workspace):
    settings = workspace.settings
    before = read_settings(settings)
    with pytest.raises(ValidationError) as refused:
        save_settings(settings, SettingsValues("", "Awa", "CNDH", "en", None))
    assert refused.value.field == "device_name"
    with pytest.raises(ValidationError) as refused:
        save_settings(settings, SettingsValues("pc", "Awa", "CNDH", "en", None, "1234", "1243"))
    assert refused.value.field == "pin_again"
    with pytest.raises(ValidationError) as refused:
        save_settings(settings, SettingsValues("pc", "Awa", "CNDH", "en", None, "12", "12"))
    assert refused.value.field == "pin"
    assert read_settings(settings) == before and not settings.has_pin
    changed = save_settings(settings, SettingsValues(before.device_name, "Awa", "", "fr", None))
    assert changed == ["trainer_name"]  # only what differs is written


def test_each_setting_is_saved(qtbot, dialog, workspace, logo_png, monkeypatch):
    assert "No PIN is set" in dialog.pin_status.text()
    assert dialog.logo_preview.text() == "No logo" and not dialog.remove_logo_button.isEnabled()
    retype(qtbot, dialog.fields["device_name"], "PC formation Mopti")
    retype(qtbot, dialog.fields["trainer_name"], "Awa Traore")
    retype(qtbot, dialog.fields["organisation_name"], "CNDH Mali")
    choose_file(monkeypatch, logo_png)
    qtbot.mouseClick(dialog.fields["logo"], Qt.MouseButton.LeftButton)
    assert not dialog.logo_preview.pixmap().isNull() and dialog.remove_logo_button.isEnabled()
    dialog.fields["language"].setCurrentIndex(dialog.fields["language"].findData("en"))
    qtbot.keyClicks(dialog.fields["pin"], "2468")
    qtbot.keyClicks(dialog.fields["pin_again"], "2468")
    press_ok(qtbot, dialog)

    settings = workspace.settings
    assert settings.device_name == "PC formation Mopti"
    assert settings.get("trainer_name") == "Awa Traore"
    assert settings.get("organisation_name") == "CNDH Mali"
    assert settings.organisation_logo == logo_png.read_bytes()
    assert settings.language == "en"
    assert settings.has_pin and settings.check_pin("2468") and not settings.check_pin("1357")
    assert not dialog.isVisible() and dialog.language_changed


def test_the_pin_field_takes_digits_only(qtbot, dialog):
    qtbot.keyClicks(dialog.fields["pin"], "12a3b4")
    assert dialog.fields["pin"].text() == "1234"
    assert dialog.fields["pin"].echoMode() == dialog.fields["pin"].EchoMode.Password


def test_different_pins_are_refused_and_nothing_is_saved(qtbot, dialog, workspace, warnings):
    retype(qtbot, dialog.fields["trainer_name"], "Awa")
    qtbot.keyClicks(dialog.fields["pin"], "2468")
    qtbot.keyClicks(dialog.fields["pin_again"], "2469")
    press_ok(qtbot, dialog)
    assert warnings == ["The two PINs are different. Type the same PIN twice."]
    assert dialog.isVisible() and not workspace.settings.has_pin
    assert workspace.settings.get("trainer_name") == ""
    assert dialog.focusWidget() is dialog.fields["pin_again"]


def test_a_short_pin_is_refused_with_the_rule(qtbot, dialog, workspace, warnings):
    qtbot.keyClicks(dialog.fields["pin"], "12")
    qtbot.keyClicks(dialog.fields["pin_again"], "12")
    press_ok(qtbot, dialog)
    assert warnings == ["The PIN must be at least 4 digits."] and not workspace.settings.has_pin


def test_an_empty_device_name_is_refused(qtbot, dialog, workspace, warnings):
    name = workspace.settings.device_name
    dialog.fields["device_name"].clear()
    press_ok(qtbot, dialog)
    assert warnings == ["The device name cannot be empty."]
    assert workspace.settings.device_name == name and dialog.isVisible()


def test_an_existing_pin_is_kept_when_the_fields_stay_empty(qtbot, workspace):
    workspace.settings.set_pin("1357")
    dlg = SettingsDialog(workspace, OperationRunner())
    qtbot.addWidget(dlg)
    assert "A PIN is set" in dlg.pin_status.text()
    press_ok(qtbot, dlg)
    assert workspace.settings.check_pin("1357") and not dlg.language_changed


def test_the_logo_can_be_removed(qtbot, workspace, logo_png):
    workspace.settings.set_organisation_logo(logo_png.read_bytes())
    dlg = SettingsDialog(workspace, OperationRunner())
    qtbot.addWidget(dlg)
    assert not dlg.logo_preview.pixmap().isNull()
    qtbot.mouseClick(dlg.remove_logo_button, Qt.MouseButton.LeftButton)
    assert dlg.logo_preview.text() == "No logo"
    press_ok(qtbot, dlg)
    assert workspace.settings.organisation_logo is None


def test_a_file_that_is_not_an_image_is_refused(qtbot, dialog, workspace, tmp_path,
                                                monkeypatch, warnings):  # fmt: skip
    bogus = tmp_path / "logo.png"
    bogus.write_bytes(b"not an image at all")
    choose_file(monkeypatch, bogus)
    dialog.choose_logo()
    assert warnings == ["The logo must be a PNG or JPEG image."] and dialog.logo is None


def test_cancelling_the_file_chooser_changes_nothing(dialog, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    dialog.choose_logo()
    assert dialog.logo is None


@pytest.mark.parametrize(("start", "chosen"), [("fr", "en"), ("en", "fr")])
def test_choosing_another_language_asks_the_window_to_rebuild(qtbot, workspace, start, chosen):
    workspace.settings.set("language", start)
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    dlg = window.open_settings()
    assert "switches language when you press OK" in " ".join(
        label.text() for label in dlg.findChildren(type(dlg.pin_status))
    )
    dlg.fields["language"].setCurrentIndex(dlg.fields["language"].findData(chosen))
    with qtbot.waitSignal(window.language_changed) as signal:
        press_ok(qtbot, dlg)
    assert signal.args == [chosen]


def test_keeping_the_language_does_not_rebuild(qtbot, workspace):
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    dlg = window.open_settings()
    retype(qtbot, dlg.fields["trainer_name"], "Moussa")
    with qtbot.assertNotEmitted(window.language_changed, wait=50):
        press_ok(qtbot, dlg)
    assert workspace.settings.get("trainer_name") == "Moussa"


def test_signatories_are_typed_on_fixed_lines(qtbot, workspace):
    workspace.settings.set_signatories([Signatory("Aminata Diallo", "Directrice")])
    dlg = SettingsDialog(workspace, OperationRunner())
    qtbot.addWidget(dlg)
    (name_1, title_1), (name_2, title_2), (name_3, title_3) = dlg.signatory_edits
    assert (name_1.text(), title_1.text()) == ("Aminata Diallo", "Directrice")
    assert name_2.text() == title_2.text() == ""
    name_3.insert("Moussa Keïta")  # line 2 left empty: simply skipped (keyClicks is ASCII only)
    qtbot.keyClicks(title_3, "Commissaire divisionnaire")
    press_ok(qtbot, dlg)
    assert workspace.settings.signatories == [Signatory("Aminata Diallo", "Directrice"),
                                              Signatory("Moussa Keïta", "Commissaire divisionnaire")]
    assert "signatories" in dlg.changed


def test_a_title_without_a_name_is_refused_on_its_line(qtbot, dialog, workspace, warnings):
    retype(qtbot, dialog.fields["trainer_name"], "Awa")
    name_2, title_2 = dialog.signatory_edits[1]
    qtbot.keyClicks(title_2, "Chef de service")
    press_ok(qtbot, dialog)
    assert warnings == ["Signatory 2: the name cannot be empty."]
    assert dialog.focusWidget() is name_2 and dialog.isVisible()
    assert workspace.settings.signatories == [] and workspace.settings.get("trainer_name") == ""


def test_save_settings_keeps_unchanged_signatories(workspace):
    workspace.settings.set_signatories([Signatory("Awa Traoré", "Formatrice")])
    before = read_settings(workspace.settings)
    assert before.signatories == (Signatory("Awa Traoré", "Formatrice"),)
    typed = (Signatory(" Awa  Traoré ", "Formatrice"), Signatory(""), Signatory(""))
    assert save_settings(workspace.settings, replace(before, signatories=typed)) == []
