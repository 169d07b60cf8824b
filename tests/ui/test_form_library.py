"""The evaluation-form library and editor, used as a trainer would: build a form of a rating
scale and a single choice, be refused an item without text, change a form people already
answered, duplicate, delete and undo, and move forms in and out of XLSForm workbooks (a refused
workbook lists every problem) — checking what the database holds and what the screen shows.

The item editor on the right is driven through its interface (``set_item`` then ``changed``),
as the trainer's typing in it ends; its own widgets are tested with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from trainer_desktop.core.form_content import FormChoice, FormItem
from trainer_desktop.core.xlsform import read_xlsform
from trainer_desktop.ui.form_library import (
    ITEMS,
    KIND,
    LANGUAGE,
    NUMBER,
    REQUIRED,
    RESPONSES,
    TEXT,
    TITLE,
    WHO,
    FormEditor,
    FormLibrary,
    FormsModel,
    ItemsModel,
    copy_name,
    form_rows,
    new_item_name,
    xlsform_file_name,
)

pytestmark = pytest.mark.usefixtures("boxes")

DATA = Path(__file__).parent.parent / "data" / "xlsform"
YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No
SAVE = QMessageBox.StandardButton.Save
DISCARD = QMessageBox.StandardButton.Discard
CANCEL = QMessageBox.StandardButton.Cancel
CLICK = Qt.MouseButton.LeftButton

USEFUL = FormItem("rating", "utile", {"fr": "La formation m'a été utile"}, required=True, points=5,
                  point_labels=tuple({"fr": t} for t in ("Pas du tout", "Peu", "Moyennement",
                                                         "Beaucoup", "Tout à fait")))  # fmt: skip
ROLE = FormItem("single", "fonction", {"fr": "Votre fonction"},
                choices=(FormChoice("opj", {"fr": "Officier de police judiciaire"}),
                         FormChoice("apj", {"fr": "Agent de police judiciaire"})))  # fmt: skip
REMARKS = FormItem("longtext", "remarques", {"fr": "Vos remarques"})


@pytest.fixture
def library(qtbot, workspace, runner) -> FormLibrary:
    library = FormLibrary(workspace, runner)
    qtbot.addWidget(library)
    library.show()
    qtbot.waitExposed(library)
    return library


def end_of_session_form(workspace, title: str = "Évaluation de fin de session", **kwargs):
    return workspace.evaluations.create(title, "fr", [USEFUL, ROLE], **kwargs)


def titles(library: FormLibrary) -> list[str]:
    return [library.model.index(r, TITLE).data() for r in range(library.model.rowCount())]


def select(library: FormLibrary, title: str) -> None:
    library.table.selectRow(titles(library).index(title))


def open_editor(qtbot, library: FormLibrary, title: str | None = None) -> FormEditor:
    if title is None:
        qtbot.mouseClick(library.new_button, CLICK)
    else:
        select(library, title)
        qtbot.mouseClick(library.edit_button, CLICK)
    editor = library.editor
    assert isinstance(editor, FormEditor) and editor.isVisible()
    editor.activateWindow()  # its keyboard shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def edit_item(editor: FormEditor, item: FormItem) -> None:
    """What the trainer typed into the item editor: it now holds ``item`` and says so."""
    row = editor.table.currentIndex().row()
    editor.editor.set_item(item, row + 1, editor.form_language())
    editor.editor.changed.emit()


def respond(workspace, form_id: str) -> None:
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 6), town="Sévaré")  # fmt: skip
    workspace.evaluations.use(session.id, form_id)
    workspace.evaluations.enter_response(session.id, form_id, {"utile": "4", "fonction": "opj"})


# -- models and names ---------------------------------------------------------------------------


def test_the_models_show_forms_and_items(qtmodeltester, workspace):
    form = end_of_session_form(workspace)
    workspace.evaluations.create("Daily mood", "en", [REMARKS], anonymous=False)
    respond(workspace, form.id)
    model = FormsModel()
    model.refresh(form_rows(workspace.evaluations))
    qtmodeltester.check(model)
    assert [[model.index(r, c).data() for c in (TITLE, LANGUAGE, WHO, ITEMS, RESPONSES)]
            for r in range(2)] == [["Daily mood", "English", "Named", "1", ""],
                                   ["Évaluation de fin de session", "French", "Anonymous", "2",
                                    "1"]]  # fmt: skip
    assert model.headerData(WHO, Qt.Orientation.Horizontal) == "Who answers"
    items = ItemsModel()
    heading = FormItem("heading", "contenu", {"fr": "Le contenu", "en": "The content"})
    items.set_items([heading, USEFUL, ROLE], "en")
    qtmodeltester.check(items)
    assert [[items.index(r, c).data() for c in (NUMBER, TEXT, REQUIRED)] for r in range(3)] == [
        ["1", "The content", ""], ["2", "La formation m'a été utile", "✓"],
        ["3", "Votre fonction", ""]]  # fmt: skip
    assert items.index(0, KIND).data() == "Section heading"
    assert items.index(0, TEXT).data(Qt.ItemDataRole.FontRole).bold()  # a section starts


def test_names_of_new_and_copied_items_and_of_the_exported_file():
    assert new_item_name([]) == "item1"
    assert new_item_name([USEFUL, FormItem("note", "item3", {"fr": "x"})]) == "item4"
    assert copy_name("utile", [USEFUL]) == "utile_2"
    assert copy_name("utile", [USEFUL, FormItem("rating", "utile_2", {"fr": "x"})]) == "utile_3"
    assert copy_name("n" * 64, []) == "n" * 58 + "_2"  # within the 64 characters of a name
    assert xlsform_file_name("Évaluation : fin/session?") == "Évaluation fin session.xlsx"


# -- building and editing -----------------------------------------------------------------------


def test_build_a_form_of_a_rating_scale_and_a_single_choice(qtbot, workspace, library, boxes):
    assert library.empty_label.isVisible()
    editor = open_editor(qtbot, library)
    assert editor.anonymous.isChecked() and len(editor.items) == 1
    assert editor.items[0].kind == "rating" and not editor.is_modified()
    editor.title.setFocus()
    qtbot.keyClicks(editor.title, "Fin de session")
    editor.language.setCurrentIndex(editor.language.findData("fr"))
    edit_item(editor, USEFUL)
    assert editor.model.index(0, TEXT).data() == "La formation m'a été utile"
    next(a for a in editor.add_menu.actions() if a.data() == "single").trigger()  # from the menu
    assert editor.table.currentIndex().row() == 1 and editor.items[1].kind == "single"
    assert editor.items[1].name == "item2"
    edit_item(editor, ROLE)
    qtbot.mouseClick(editor.named, CLICK)
    assert editor.summary.text() == "2 items, 2 to answer" and editor.isWindowModified()

    qtbot.mouseClick(editor.save_button, CLICK)
    assert boxes.warnings == []
    (form,) = workspace.evaluations.list_forms()
    assert (form.title, form.language, form.anonymous, editor.form_id) == (
        "Fin de session", "fr", False, form.id)  # fmt: skip
    assert form.content.items == (USEFUL, ROLE)
    assert not editor.isWindowModified() and editor.status.text() == "Saved."
    assert titles(library) == ["Fin de session"]  # the library follows the runner
    editor.close_button.click()  # saved: closing asks nothing
    assert library.editor is None and boxes.questions == []

    editor = open_editor(qtbot, library, "Fin de session")  # reopened, as saved
    assert editor.title.text() == "Fin de session" and editor.named.isChecked()
    assert [editor.model.index(r, TEXT).data() for r in range(2)] == [
        "La formation m'a été utile", "Votre fonction"]  # fmt: skip
    assert editor.items == [USEFUL, ROLE] and not editor.is_modified()
    assert library.model.index(0, WHO).data() == "Named"


def test_typing_goes_to_the_new_item_and_an_opened_form_saves_unchanged(
        qtbot, workspace, library, boxes):  # fmt: skip
    """With the real item editor: the cursor lands in the new item's text, and merely looking at
    every item of an imported trilingual form changes nothing."""
    read = read_xlsform(DATA / "satisfaction_fr_en_ar.xlsx")
    form = workspace.evaluations.create(read.title, read.language, read.items)
    library.refresh()
    editor = open_editor(qtbot, library, form.title)
    for row in range(len(editor.items)):
        editor.select_item(row)
    assert not editor.is_modified() and editor.items == list(form.content.items)
    qtbot.mouseClick(editor.save_button, CLICK)
    assert boxes.warnings == [] and workspace.evaluations.get(form.id).items == form.items

    editor.select_item(0)
    QTest.keyClick(editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # same kind
    assert editor.items[1].kind == "heading" and editor.model.index(1, TEXT).data() == (
        "(no text yet)")  # fmt: skip
    qtbot.keyClicks(QApplication.focusWidget(), "Organisation")
    assert editor.items[1].label == {"fr": "Organisation"}
    assert editor.model.index(1, TEXT).data() == "Organisation" and editor.is_modified()
    editor.language.setCurrentIndex(editor.language.findData("en"))  # the list follows
    assert [editor.model.index(r, TEXT).data() for r in (0, 2)] == [
        "The content", "The training was useful"]  # fmt: skip


def test_an_item_without_text_is_selected_and_nothing_is_saved(qtbot, workspace, library, boxes):
    form = end_of_session_form(workspace)
    library.refresh()
    editor = open_editor(qtbot, library, form.title)
    editor.select_item(1)
    editor.add_item("yesno")  # a third item, left without text
    editor.select_item(0)  # the trainer looks elsewhere, then saves
    QTest.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert boxes.warnings == ["Item 3: the item has no text."]
    assert editor.table.currentIndex().row() == 2
    assert workspace.evaluations.get(form.id).content.items == (USEFUL, ROLE)  # nothing saved
    edit_item(editor, FormItem("yesno", editor.items[2].name, {"fr": "Recommanderiez-vous ?"}))
    qtbot.mouseClick(editor.save_button, CLICK)
    assert [i.kind for i in workspace.evaluations.get(form.id).content.items] == [
        "rating", "single", "yesno"]  # fmt: skip


def test_a_form_without_a_title_puts_the_cursor_there(qtbot, workspace, library, boxes):
    editor = open_editor(qtbot, library)
    edit_item(editor, USEFUL)
    qtbot.mouseClick(editor.save_button, CLICK)
    assert boxes.warnings == ["The form needs a title."]
    assert editor.focusWidget() is editor.title and editor.form_id is None
    assert workspace.evaluations.list_forms() == []


def test_changing_a_form_people_answered_asks_and_their_response_keeps_its_items(
        qtbot, workspace, library, boxes):  # fmt: skip
    form = end_of_session_form(workspace)
    respond(workspace, form.id)
    library.refresh()
    assert library.model.index(0, RESPONSES).data() == "1"
    editor = open_editor(qtbot, library, form.title)
    editor.title.setText("Évaluation finale")  # the title alone asks nothing
    qtbot.mouseClick(editor.save_button, CLICK)
    assert boxes.questions == [] and workspace.evaluations.get(form.id).title == "Évaluation finale"

    editor.select_item(1)
    editor.remove_item()
    boxes.answers = [NO]  # not now: nothing changes, the edit stays on screen
    qtbot.mouseClick(editor.save_button, CLICK)
    assert boxes.questions == [("1 response already answered this form. It keeps the items it "
                                "answered; new responses will use the changed form. Save the "
                                "changes?")]  # fmt: skip
    assert workspace.evaluations.get(form.id).content.items == (USEFUL, ROLE)
    assert editor.is_modified()
    boxes.answers = [YES]
    qtbot.mouseClick(editor.save_button, CLICK)
    assert not editor.is_modified()
    assert workspace.evaluations.get(form.id).content.items == (USEFUL,)
    ((response, answers),) = workspace.evaluations.responses(form.id)
    assert workspace.evaluations.content(response.version_id).items == (USEFUL, ROLE)
    assert answers == {"utile": "4", "fonction": "opj"}


def test_move_duplicate_and_remove_items(qtbot, workspace, library, boxes):
    form = end_of_session_form(workspace)
    library.refresh()
    editor = open_editor(qtbot, library, form.title)
    editor.select_item(1)
    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in editor.items] == ["fonction", "utile"]
    assert editor.table.currentIndex().row() == 0 and not editor.up_button.isEnabled()
    QTest.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in editor.items] == ["utile", "fonction"]
    QTest.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in editor.items] == ["utile", "fonction", "fonction_2"]
    assert editor.items[2].choices == ROLE.choices and editor.table.currentIndex().row() == 2
    assert editor.status.text() == "Item 3 is a copy of item 2."
    editor.select_item(0)
    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [i.name for i in editor.items] == ["fonction", "fonction_2"]
    assert "removed" in editor.status.text()
    qtbot.mouseClick(editor.save_button, CLICK)
    assert [i.name for i in workspace.evaluations.get(form.id).content.items] == [
        "fonction", "fonction_2"]  # fmt: skip


def test_closing_with_unsaved_changes_asks(qtbot, workspace, library, boxes):
    form = end_of_session_form(workspace)
    library.refresh()
    editor = open_editor(qtbot, library, form.title)
    editor.title.setText("Évaluation finale")
    editor.title.textEdited.emit(editor.title.text())
    boxes.answers = [CANCEL]
    editor.close()
    assert editor.isVisible() and boxes.questions == [
        "Save the changes to “Évaluation finale” before closing?"]  # fmt: skip
    boxes.answers = [DISCARD]
    editor.close()
    assert library.editor is None and workspace.evaluations.get(form.id).title == form.title
    editor = open_editor(qtbot, library, form.title)
    qtbot.mouseClick(editor.named, CLICK)
    boxes.answers = [SAVE]
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert library.editor is None and workspace.evaluations.get(form.id).anonymous is False


def test_a_new_form_left_untouched_closes_without_a_question(qtbot, workspace, library, boxes):
    editor = open_editor(qtbot, library)
    editor.close()
    assert library.editor is None and boxes.questions == []
    assert workspace.evaluations.list_forms() == []


# -- the library --------------------------------------------------------------------------------


def test_duplicate_a_form(qtbot, workspace, library):
    form = end_of_session_form(workspace, anonymous=False, form_key="eval_fin", version_label="3")
    library.refresh()
    select(library, form.title)
    QTest.keyClick(library, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert titles(library) == ["Évaluation de fin de session",
                               "Évaluation de fin de session (copy)"]  # fmt: skip
    assert library.current().title == "Évaluation de fin de session (copy)"
    copy = workspace.evaluations.get(library.current().id)
    assert copy.content.items == (USEFUL, ROLE) and copy.anonymous is False
    assert (copy.form_key, copy.version_label) == ("", "")  # a new form for Kobo too


def test_delete_and_undo(qtbot, workspace, library, boxes):
    end_of_session_form(workspace)
    kept = workspace.evaluations.create("Humeur du jour", "fr", [REMARKS])
    library.refresh()
    select(library, "Évaluation de fin de session")
    library.table.setFocus()
    boxes.answers = [YES]
    QTest.keyClick(library.table, Qt.Key.Key_Delete)
    assert titles(library) == ["Humeur du jour"]
    assert [f.title for f in workspace.evaluations.list_forms()] == ["Humeur du jour"]
    assert "was deleted" in library.status.text() and library.undo_button.isEnabled()
    QTest.keyClick(library, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(library) == ["Évaluation de fin de session", "Humeur du jour"]
    assert library.current().title == "Évaluation de fin de session"
    assert not library.undo_button.isEnabled()
    # A form a session uses is refused by the core, which says what to do.
    session = workspace.sessions.create(title="Atelier", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 6))  # fmt: skip
    workspace.evaluations.use(session.id, kept.id)
    select(library, "Humeur du jour")
    boxes.answers = [YES]
    qtbot.mouseClick(library.delete_button, CLICK)
    assert boxes.warnings == ["This form is used by 1 session: remove it there first."]
    assert len(titles(library)) == 2


def test_the_filter_ignores_accents_and_case(qtbot, workspace, library):
    end_of_session_form(workspace)
    workspace.evaluations.create("Daily mood", "en", [REMARKS], anonymous=False)
    library.refresh()
    library.filter.setText("EVALUATION")
    assert titles(library) == ["Évaluation de fin de session"]
    assert library.count_label.text() == "1 of 2"
    library.filter.setText("named")
    assert titles(library) == ["Daily mood"]
    library.filter.setText("xyz")
    assert library.empty_label.isVisible()
    assert library.empty_label.text() == "No form matches “xyz”."
    library.filter.clear()
    assert library.count_label.text() == "2 forms"


def test_import_a_kobo_workbook(qtbot, workspace, library, monkeypatch):
    end_of_session_form(workspace, "Autre formulaire")
    library.refresh()
    asked = []

    def choose(parent, caption, folder, filters):
        asked.append(filters)
        return str(DATA / "satisfaction_fr_en_ar.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    QTest.keyClick(library, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert "*.xlsx" in asked[0]
    form = next(f for f in workspace.evaluations.list_forms() if f.title != "Autre formulaire")
    assert (form.title, form.language, form.anonymous, form.form_key) == (
        "Évaluation de fin de session", "fr", True, "eval_fin_session")  # fmt: skip
    assert form.content.items == tuple(read_xlsform(DATA / "satisfaction_fr_en_ar.xlsx").items)
    assert library.current().id == form.id and library.model.index(
        titles(library).index(form.title), ITEMS).data() == "11"  # fmt: skip
    assert library.status.text() == ("11 items imported from satisfaction_fr_en_ar.xlsx into "
                                     "the new form “Évaluation de fin de session”.")  # fmt: skip
    assert library.folder == DATA


def test_a_broken_workbook_lists_every_problem_and_imports_nothing(qtbot, workspace, library,
                                                                   boxes, monkeypatch):  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a: (str(DATA / "broken_types.xlsx"), ""))  # fmt: skip
    qtbot.mouseClick(library.import_button, CLICK)
    dialog = library.problems_dialog
    assert dialog is not None and dialog.isVisible() and boxes.warnings == []
    shown = dialog.text.toPlainText().splitlines()
    assert len(shown) == 7 and shown[0] == "• survey, row 2: the type “geopoint” is not supported."
    assert shown[-1] == "• survey, row 9: the type “select_one l or_other” is not supported."
    assert dialog.windowTitle() == "Cannot import broken_types.xlsx"
    dialog.copy()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[5] == "survey, row 8: unknown type “barometer”."
    assert workspace.evaluations.list_forms() == [] and library.model.rowCount() == 0
    assert library.status.text() == "Nothing was imported from broken_types.xlsx."
    dialog.reject()
    assert library.problems_dialog is None


def test_export_writes_a_workbook_that_reads_back(qtbot, workspace, library, monkeypatch,
                                                  tmp_path):  # fmt: skip
    heading = FormItem("heading", "contenu", {"fr": "Le contenu", "en": "The content"})
    form = workspace.evaluations.create("Fin de session : OPJ", "fr", [heading, USEFUL, ROLE],
                                        anonymous=False)  # fmt: skip
    library.refresh()
    suggested = []

    def choose(parent, caption, proposed, filters):
        suggested.append(Path(proposed).name)
        return str(tmp_path / "export" / "fin"), ""  # no suffix typed: .xlsx is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(library.export_button, CLICK)
    out = tmp_path / "export" / "fin.xlsx"
    assert suggested == ["Fin de session OPJ.xlsx"] and out.exists()
    assert [p.name for p in out.parent.iterdir()] == ["fin.xlsx"]  # no temporary file left
    back = read_xlsform(out)
    assert (back.title, back.language, back.anonymous) == ("Fin de session : OPJ", "fr", False)
    assert tuple(back.items) == form.content.items
    assert library.status.text() == f"3 items written to {out}."


def test_the_main_window_opens_one_library_and_asks_before_quitting_an_edit(
        qtbot, workspace, runner, boxes):  # fmt: skip
    from trainer_desktop.ui.main_window import MainWindow

    end_of_session_form(workspace)
    window = MainWindow(workspace, runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.forms_action.shortcut().toString() == "Ctrl+Shift+F"
    window.forms_action.trigger()
    library = window.form_library
    assert isinstance(library, FormLibrary) and library.isVisible() and not library.isModal()
    window.forms_action.trigger()
    assert window.form_library is library
    editor = library.edit()
    editor.title.setText("Évaluation finale")
    boxes.answers = [CANCEL]
    window.close()
    assert window.isVisible() and library.editor is editor  # kept editing
    boxes.answers = [DISCARD]
    window.close()
    assert not window.isVisible() and library.editor is None
