"""The participants tab and dialog used as a trainer would: typing, Tab, Enter, clicks; then what
the database holds and what the table shows. Every message box is patched: nothing modal blocks."""

from __future__ import annotations

import datetime as dt
import sys
import types

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trainer_desktop.ui import operations
from trainer_desktop.ui.participant_dialog import ParticipantDialog
from trainer_desktop.ui.participants_model import FUNCTION, NAME, ROLE
from trainer_desktop.ui.participants_page import ParticipantsPage
from trainer_desktop.ui.session_page import SessionPage

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
NO_KEY = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


pytestmark = pytest.mark.usefixtures("boxes")


def new_session(workspace, title: str = "Atelier OPJ droits de l'homme — Sévaré"):
    return workspace.sessions.create(
        title=title, start_date=dt.date(2022, 11, 8), end_date=dt.date(2022, 11, 10),
        town="Sévaré",
    )  # fmt: skip


@pytest.fixture
def session(workspace):
    return new_session(workspace)


@pytest.fixture
def open_page(qtbot, workspace, runner, session):
    def factory() -> ParticipantsPage:
        page = ParticipantsPage(workspace, runner, session.id)
        qtbot.addWidget(page)
        page.resize(1300, 700)
        page.show()
        activate(qtbot, page, page.family_name)
        return page

    return factory


def enrol(workspace, session, family: str, given: str, sex: str = "unstated", **values):
    person = workspace.participants.create(family_name=family, given_names=given, sex=sex,
                                           **values)  # fmt: skip
    workspace.participants.enrol(session.id, person.id)
    return person


def activate(qtbot, window: QWidget, focus: QWidget) -> None:
    # The offscreen platform does not give the focus back to a window when a dialog closes.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focus.setFocus()
    qtbot.waitUntil(focus.hasFocus)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """QTest types ASCII only: accented letters are sent as key events carrying the letter."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, NO_KEY, char))


def typed(qtbot, *strokes: str | Qt.Key) -> None:
    """Types into whichever widget has the focus: texts, and keys such as Tab or Enter."""
    for stroke in strokes:
        focused = QApplication.focusWidget()
        assert focused is not None
        if isinstance(stroke, str):
            type_text(qtbot, focused, stroke)
        else:
            qtbot.keyClick(focused, stroke)


TAB, ENTER, DOWN = Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Down


def names_shown(page: ParticipantsPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, NAME)) for r in range(model.rowCount())]


def names_stored(workspace, session) -> list[str]:
    return [p.participant.display_name for p in workspace.participants.enrolled(session.id)]


def key_on_table(qtbot, page: ParticipantsPage, key: Qt.Key, modifier=NO_KEY) -> None:
    activate(qtbot, page, page.table)
    qtbot.keyClick(page.table, key, modifier)


def test_three_people_added_with_the_keyboard_alone(qtbot, workspace, session, open_page):
    page = open_page()
    assert page.family_name.hasFocus()
    typed(qtbot, "Traoré", TAB, "Awa", TAB, "F", TAB, "Police nationale", TAB, "Commissaire",
          TAB, "+223 76 12 34 56", ENTER)  # fmt: skip
    assert page.family_name.hasFocus() and page.family_name.text() == ""  # ready for the next
    assert page.bar["phone"].text() == "" and page.bar["sex"].currentData() == "unstated"
    typed(qtbot, "Keïta", TAB, "Moussa", TAB, "H", TAB, "Gendarmerie nationale", TAB,
          "Adjudant", ENTER)  # fmt: skip
    typed(qtbot, "Coulibaly", TAB, "Fatoumata", TAB, "W", ENTER)  # English: W for woman
    enrolled = workspace.participants.enrolled(session.id)
    assert [
        (p.participant.display_name, p.participant.sex, p.enrolment.role) for p in enrolled
    ] == [
        ("COULIBALY Fatoumata", "woman", "participant"),
        ("KEÏTA Moussa", "man", "participant"),
        ("TRAORÉ Awa", "woman", "participant"),
    ]
    awa = enrolled[2].participant
    assert (awa.institution, awa.function, awa.phone) == (
        "Police nationale", "Commissaire", "+223 76 12 34 56")  # fmt: skip
    assert names_shown(page) == ["COULIBALY Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]
    assert page.count.text() == "3 enrolled · 2 women · 1 man"
    assert page.current_person().participant.family_name == "Coulibaly"  # the last one added


def test_a_registered_person_is_suggested_and_enrolled_instead_of_a_duplicate(
    qtbot, workspace, session, open_page
):
    earlier = new_session(workspace, "Formation à Mopti")
    awa = enrol(workspace, earlier, "Sidibé", "Awa", "woman", institution="Gendarmerie nationale")
    workspace.participants.create(family_name="Diarra", given_names="Oumar", sex="man")
    page = open_page()
    assert not page.suggestions_box.isVisible()
    typed(qtbot, "sidibe")
    assert page.suggestions_box.isVisible() and page.suggestion_ids() == [awa.id]
    assert "SIDIBÉ Awa" in page.suggestions.item(0).text()
    typed(qtbot, DOWN, ENTER)
    assert names_stored(workspace, session) == ["SIDIBÉ Awa"]
    assert len(workspace.participants.search("Sidibé")) == 1  # nobody registered twice
    assert page.family_name.text() == "" and not page.suggestions_box.isVisible()
    assert page.notice.text() == "Enrolled SIDIBÉ Awa."

    # Clicking a suggestion enrols too.
    typed(qtbot, "DIARRA")
    item = page.suggestions.item(0)
    qtbot.mouseClick(page.suggestions.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.suggestions.visualItemRect(item).center())  # fmt: skip
    assert names_stored(workspace, session) == ["DIARRA Oumar", "SIDIBÉ Awa"]

    # Without Down, Enter adds a new person of that name (a namesake).
    typed(qtbot, "Sidibé", TAB, "Awa", ENTER)
    assert len(workspace.participants.search("Sidibé Awa")) == 2
    typed(qtbot, "sidi")
    assert "(already in this session)" in page.suggestions.item(0).text()


def test_an_empty_family_name_is_refused_and_nothing_is_saved(
    qtbot, workspace, session, open_page, boxes
):
    page = open_page()
    typed(qtbot, TAB, "Awa", TAB, "F", ENTER)
    assert boxes.warnings == ["The participant needs a family name."]
    assert workspace.participants.search("Awa") == []
    assert page.family_name.hasFocus() and page.bar["given_names"].text() == "Awa"


def test_a_phone_with_letters_is_refused_with_the_cursor_in_the_phone(
    qtbot, workspace, session, open_page, boxes
):
    page = open_page()
    typed(qtbot, "Touré", TAB, "Ibrahim", TAB, "H", TAB, TAB, TAB, "76 12 AB", ENTER)
    assert len(boxes.warnings) == 1 and "76 12 AB" in boxes.warnings[0]
    assert workspace.participants.enrolled(session.id) == []
    assert page.bar["phone"].hasFocus() and page.family_name.text() == "Touré"


def test_edit_in_the_dialog_saves_every_field_and_the_role(qtbot, workspace, session, open_page):
    enrol(workspace, session, "Maïga", "Hawa", "woman", institution="Police nationale")
    page = open_page()
    key_on_table(qtbot, page, Qt.Key.Key_Return)
    dialog = page.participant_dialog
    assert isinstance(dialog, ParticipantDialog) and dialog.windowTitle() == "Edit participant"
    assert dialog.fields["family_name"].text() == "Maïga"
    activate(qtbot, dialog, dialog.fields["function"])
    type_text(qtbot, dialog.fields["function"], "Inspectrice de police")
    for name, text in (("unit", "Brigade des mœurs"), ("region", "Mopti"), ("town", "Sévaré"),
                       ("email", "hawa.maiga@example.org"), ("id_number", "ML-123456")):  # fmt: skip
        dialog.fields[name].setFocus()
        type_text(qtbot, dialog.fields[name], text)
    dialog.fields["consent_data"].setFocus()
    qtbot.keyClick(dialog.fields["consent_data"], Qt.Key.Key_Space)
    dialog.role.setCurrentIndex(dialog.role.findData("observer"))
    qtbot.keyClick(dialog.fields["id_number"], Qt.Key.Key_Return)  # Enter saves
    assert page.participant_dialog is None
    (hawa,) = workspace.participants.enrolled(session.id)
    p = hawa.participant
    assert (p.function, p.unit, p.region, p.town, p.email, p.id_number, p.consent_data,
            p.consent_photo) == ("Inspectrice de police", "Brigade des mœurs", "Mopti", "Sévaré",
                                 "hawa.maiga@example.org", "ML-123456", True, False)  # fmt: skip
    assert hawa.enrolment.role == "observer"
    model = page.model
    assert model.data(model.index(0, FUNCTION)) == "Inspectrice de police"
    assert model.data(model.index(0, ROLE)) == "Observer"


def test_a_refused_edit_keeps_the_dialog_open_on_the_field_at_fault(
    qtbot, workspace, session, open_page, boxes
):
    enrol(workspace, session, "Cissé", "Aminata", "woman")
    page = open_page()
    key_on_table(qtbot, page, Qt.Key.Key_Return)
    dialog = page.participant_dialog
    activate(qtbot, dialog, dialog.fields["email"])
    type_text(qtbot, dialog.fields["email"], "aminata.cisse")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert boxes.warnings == ["“aminata.cisse” is not an e-mail address."]
    assert dialog.isVisible() and dialog.fields["email"].hasFocus()
    assert workspace.participants.enrolled(session.id)[0].participant.email == ""
    dialog.reject()


def test_remove_asks_first_and_ctrl_z_enrols_again(qtbot, workspace, session, open_page, boxes):
    for family, given in (("Dembélé", "Seydou"), ("Sangaré", "Mariam"), ("Touré", "Bakary")):
        enrol(workspace, session, family, given)
    page = open_page()
    page.table.setCurrentIndex(page.model.index(1, NAME))
    boxes.answers = [No]
    key_on_table(qtbot, page, Qt.Key.Key_Delete)
    assert "SANGARÉ Mariam" in boxes.questions[0] and len(names_stored(workspace, session)) == 3
    boxes.answers = [Yes]
    key_on_table(qtbot, page, Qt.Key.Key_Delete)
    assert names_stored(workspace, session) == ["DEMBÉLÉ Seydou", "TOURÉ Bakary"]
    assert names_shown(page) == ["DEMBÉLÉ Seydou", "TOURÉ Bakary"]
    assert "Ctrl+Z" in page.notice.text()
    assert len(workspace.participants.search("Sangaré")) == 1  # still in the registry
    key_on_table(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert names_stored(workspace, session) == ["DEMBÉLÉ Seydou", "SANGARÉ Mariam", "TOURÉ Bakary"]
    assert page.current_person().participant.family_name == "Sangaré"
    assert not page.undo_action.isEnabled()


def test_delete_from_the_registry_in_the_dialog(qtbot, workspace, session, open_page, boxes):
    other = new_session(workspace, "Formation à Ségou")
    person = enrol(workspace, session, "Keïta", "Salif", "man")
    workspace.participants.enrol(other.id, person.id)
    enrol(workspace, session, "Traoré", "Awa", "woman")
    page = open_page()
    page.table.setCurrentIndex(page.model.index(0, NAME))
    key_on_table(qtbot, page, Qt.Key.Key_Return)
    dialog = page.participant_dialog
    boxes.answers = [Yes]
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "KEÏTA Salif" in boxes.questions[0]
    assert page.participant_dialog is None
    assert names_stored(workspace, session) == ["TRAORÉ Awa"]
    assert names_stored(workspace, other) == []  # gone from every session
    assert workspace.participants.search("Keita") == []
    assert names_shown(page) == ["TRAORÉ Awa"]


def test_counts_by_sex_and_the_filter(qtbot, workspace, session, open_page, runner):
    for i, family in enumerate(["Traoré", "Diarra", "Coulibaly", "Keïta", "Sidibé"]):
        enrol(workspace, session, family, "X", "woman" if i < 2 else "man", unit=f"Brigade {i}")
    page = open_page()
    assert page.count.text() == "5 enrolled · 2 women · 3 men"
    page.filter.setText("keita")
    assert names_shown(page) == ["KEÏTA X"]
    assert page.count.text() == "5 enrolled · 2 women · 3 men"  # the session, not the filter
    page.filter.clear()
    enrol(workspace, session, "Cissé", "Y")  # from elsewhere (an import): the page follows
    runner.changed.emit(frozenset({operations.PARTICIPANTS}), None)
    assert page.count.text() == "6 enrolled · 2 women · 3 men · 1 sex not stated"


def test_new_with_all_details_from_the_insert_key(qtbot, workspace, session, open_page):
    page = open_page()
    key_on_table(qtbot, page, Qt.Key.Key_Insert)
    dialog = page.participant_dialog
    assert dialog.windowTitle() == "New participant" and not dialog.delete_button.isVisible()
    activate(qtbot, dialog, dialog.fields["family_name"])
    typed(qtbot, "Maïga", TAB, "Oumou", TAB, "F")
    dialog.role.setCurrentIndex(dialog.role.findData("facilitator"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    (oumou,) = workspace.participants.enrolled(session.id)
    assert (oumou.participant.display_name, oumou.participant.sex, oumou.enrolment.role) == (
        "MAÏGA Oumou", "woman", "facilitator")  # fmt: skip


def test_import_from_excel_opens_the_import_of_this_session(
    qtbot, workspace, session, open_page, monkeypatch
):
    calls = []
    fake = types.ModuleType("trainer_desktop.ui.participant_import_dialog")
    fake.open_participant_import = lambda *args: calls.append(args)
    monkeypatch.setitem(sys.modules, "trainer_desktop.ui.participant_import_dialog", fake)
    page = open_page()
    page.import_action.trigger()
    assert calls == [(page, workspace, page.runner, session.id)]


def test_the_session_page_has_a_participants_tab(qtbot, workspace, runner, session):
    enrol(workspace, session, "Traoré", "Awa", "woman")
    page = SessionPage(workspace, runner, session.id)
    qtbot.addWidget(page)
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Participants" in labels
    tab = page.tab_widgets()[labels.index("Participants")]
    assert isinstance(tab, ParticipantsPage) and names_shown(tab) == ["TRAORÉ Awa"]
