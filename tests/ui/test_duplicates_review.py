"""Probable duplicates, reviewed as the coordinator would: the model (qtmodeltester), then the
dialog driven with clicks and keys, checking what the database records."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from trainer_desktop.ui.duplicates_review import (
    FIRST,
    LIKELIHOOD,
    REASONS,
    SECOND,
    CandidateRole,
    DuplicatesModel,
    DuplicatesReviewDialog,
)
from trainer_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def pair(workspace):
    awa = workspace.participants.create(family_name="Sidibé", given_names="Awa", sex="woman",
                                        institution="Police nationale", region="Mopti")  # fmt: skip
    other = workspace.participants.create(family_name="SIDIBE", given_names="awa", sex="woman",
                                          institution="Police Nationale", phone="76 12 34 56")  # fmt: skip
    workspace.participants.create(family_name="Keïta", given_names="Moussa", sex="man")
    return awa, other


@pytest.fixture
def open_dialog(qtbot, workspace, runner):
    def factory() -> DuplicatesReviewDialog:
        dialog = DuplicatesReviewDialog(workspace, runner)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()  # the keys are shortcuts: they need the active window
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.table.setFocus()
        qtbot.waitUntil(dialog.table.hasFocus)
        return dialog

    return factory


def joined(workspace, a, b) -> bool:
    people = workspace.duplicates.same_person()
    return people[a.id] == people[b.id]


def test_the_model_shows_the_two_people_the_reasons_and_the_likelihood(qtmodeltester, workspace,
                                                                       pair):  # fmt: skip
    model = DuplicatesModel()
    model.refresh(workspace.duplicates.candidates())
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    names = {model.index(0, FIRST).data(), model.index(0, SECOND).data()}
    assert names == {"SIDIBÉ Awa", "SIDIBE awa"}
    assert model.index(0, REASONS).data() == (
        "same names (ignoring accents, case and order); same institution")
    assert model.index(0, LIKELIHOOD).data() == "likely"
    assert "Police nationale" in model.index(0, FIRST).data(Qt.ItemDataRole.ToolTipRole) + (
        model.index(0, SECOND).data(Qt.ItemDataRole.ToolTipRole))
    assert model.index(0, FIRST).data(CandidateRole).score == 0.8
    assert model.headerData(LIKELIHOOD, Qt.Orientation.Horizontal) == "Same person?"
    empty = DuplicatesModel()
    qtmodeltester.check(empty)


def test_same_names_alone_are_only_possible(workspace):
    workspace.participants.create(family_name="Traoré", given_names="Moussa")
    workspace.participants.create(family_name="TRAORE", given_names="moussa")
    model = DuplicatesModel()
    model.refresh(workspace.duplicates.candidates())
    assert model.index(0, LIKELIHOOD).data() == "possible"


def test_same_person_joins_them_and_undo_brings_the_pair_back(qtbot, workspace, pair,
                                                              open_dialog):  # fmt: skip
    awa, other = pair
    dialog = open_dialog()
    assert dialog.model.rowCount() == 1 and dialog.table.isVisible()
    assert not dialog.empty_label.isVisible()
    shown = {dialog.comparison.cells["phone"][0].text(), dialog.comparison.cells["phone"][1].text()}
    assert shown == {"76 12 34 56", "—"}
    assert not dialog.undo_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter: same person
    assert joined(workspace, awa, other)
    assert workspace.duplicates.candidates() == []
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisible()
    assert dialog.empty_label.text() == "No probable duplicates"
    assert not dialog.same_button.isEnabled() and dialog.undo_button.isEnabled()
    assert "same person" in dialog.status.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not joined(workspace, awa, other)
    assert dialog.model.rowCount() == 1 and dialog.table.isVisible()
    assert dialog.current() is not None and dialog.same_button.isEnabled()
    assert not dialog.undo_button.isEnabled()


def test_different_people_leave_the_list_without_being_joined(qtbot, workspace, pair,
                                                              open_dialog):  # fmt: skip
    awa, other = pair
    dialog = open_dialog()
    qtbot.mouseClick(dialog.different_button, Qt.MouseButton.LeftButton)
    assert not joined(workspace, awa, other)
    assert workspace.duplicates.candidates() == [] and dialog.empty_label.isVisible()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    # Decided again, the other way: the same record, now "same".
    qtbot.mouseClick(dialog.same_button, Qt.MouseButton.LeftButton)
    assert joined(workspace, awa, other) and dialog.model.rowCount() == 0


def test_a_person_deleted_meanwhile_is_refused_with_a_warning(qtbot, workspace, pair, boxes,
                                                              open_dialog):  # fmt: skip
    dialog = open_dialog()
    workspace.participants.delete(pair[1].id)
    qtbot.mouseClick(dialog.same_button, Qt.MouseButton.LeftButton)
    assert boxes.warnings == ["This participant no longer exists."]
    assert dialog.model.rowCount() == 0  # the list was read again


def test_the_session_menu_opens_the_review(qtbot, workspace, runner, pair):
    window = MainWindow(workspace, runner)
    qtbot.addWidget(window)
    session_menu = window.menuBar().actions()[1].menu()
    assert window.duplicates_action in session_menu.actions()
    assert window.duplicates_action.text() == "Probable duplicates…"
    window.duplicates_action.trigger()
    dialog = window.findChild(DuplicatesReviewDialog)
    assert dialog is not None and dialog.isVisible() and dialog.model.rowCount() == 1
    dialog.close()
