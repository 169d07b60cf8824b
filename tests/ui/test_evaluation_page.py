"""The Evaluation tab of a session, used as a trainer would: add a form of the library, type
paper responses, change the day a form is given, remove the form and undo; the kiosk, the
results and the printing (other screens) are called with the right session and form."""

from __future__ import annotations

import datetime as dt
import sys
import types
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from trainer_desktop.core.form_content import FormItem
from trainer_desktop.ui.evaluation_entry import EvaluationEntry
from trainer_desktop.ui.evaluation_page import AddFormDialog, EvaluationPage

pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ droits de l'homme", town="Sévaré",
                                     start_date=dt.date(2022, 11, 8), end_date=dt.date(2022, 11, 10))  # fmt: skip


@pytest.fixture
def forms(workspace):
    end = workspace.evaluations.create("Évaluation de fin d'atelier", "fr", [
        FormItem("rating", "useful", {"fr": "Utilité de l'atelier"}, required=True),
        FormItem("text", "best", {"fr": "Ce que j'ai préféré"}),
    ])  # fmt: skip
    mood = workspace.evaluations.create("Météo du jour", "fr", [
        FormItem("rating", "mood", {"fr": "Comment vous sentez-vous ?"}, points=4, faces=True),
    ], anonymous=False)  # fmt: skip
    return end, mood


@pytest.fixture
def stand_ins(monkeypatch):
    """The kiosk and results modules (other screens) replaced by recorders."""
    calls: list[tuple] = []
    kiosk = types.ModuleType("trainer_desktop.ui.evaluation_kiosk")
    kiosk.open_evaluation_kiosk = lambda *args: calls.append(("kiosk", *args))

    class EvaluationResultsView(QWidget):
        made: ClassVar[list] = []

        def __init__(self, workspace, runner, session_id, form_id, parent=None):
            super().__init__(parent)
            self.made.append(self)
            self.form_id = form_id
            calls.append(("results", session_id, form_id))

        def set_form(self, form_id):
            self.form_id = form_id
            calls.append(("set_form", form_id))

    results = types.ModuleType("trainer_desktop.ui.evaluation_results")
    results.EvaluationResultsView = EvaluationResultsView
    monkeypatch.setitem(sys.modules, "trainer_desktop.ui.evaluation_kiosk", kiosk)
    monkeypatch.setitem(sys.modules, "trainer_desktop.ui.evaluation_results", results)
    return calls


@pytest.fixture
def open_page(qtbot, workspace, runner, session, stand_ins):
    def factory() -> EvaluationPage:
        page = EvaluationPage(workspace, runner, session.id)
        qtbot.addWidget(page)
        page.resize(1300, 700)
        with qtbot.waitActive(page):
            page.show()
            page.activateWindow()
        return page

    return factory


def rows(page: EvaluationPage) -> list[list[str]]:
    return [
        [page.forms.topLevelItem(r).text(c) for c in range(4)]
        for r in range(page.forms.topLevelItemCount())
    ]


def test_add_a_form_with_its_day(qtbot, workspace, session, forms, open_page):
    page = open_page()
    assert rows(page) == []
    assert page.empty_label.isVisible()
    assert not page.paper_button.isEnabled()

    dialog = page.add_form()
    assert isinstance(dialog, AddFormDialog)
    offered = [dialog.form_combo.itemData(i) for i in range(dialog.form_combo.count())]
    assert sorted(offered) == sorted(f.id for f in forms)
    assert dialog.day_combo.count() == 4  # any day, and the three days of the session
    dialog.form_combo.setCurrentIndex(offered.index(forms[1].id))  # the daily mood form
    dialog.day_combo.setCurrentIndex(2)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)

    assert [f.id for f in workspace.evaluations.session_forms(session.id)] == [forms[1].id]
    assert workspace.evaluations.session_form(session.id, forms[1].id).day == dt.date(2022, 11, 9)
    assert rows(page) == [["Météo du jour", "Wednesday 9 November", "Named", "0"]]
    assert page.form_id() == forms[1].id
    assert page.paper_button.isEnabled() and page.kiosk_button.isEnabled()

    # A form already used is not offered again.
    dialog = page.add_form()
    assert [dialog.form_combo.itemData(i) for i in range(dialog.form_combo.count())] == [
        forms[0].id
    ]
    dialog.reject()


def test_no_form_in_the_library_says_so(workspace, session, open_page, boxes):
    page = open_page()
    assert page.add_form() is None
    assert boxes.warnings == ["There is no evaluation form yet: make or import one first."]


def test_paper_responses_counted_in_the_list(qtbot, workspace, session, forms, open_page):
    workspace.evaluations.use(session.id, forms[0].id)
    page = open_page()
    assert rows(page) == [["Évaluation de fin d'atelier", "Any day", "Anonymous", "0"]]
    page.forms.setFocus()
    qtbot.keyClick(page.forms, Qt.Key.Key_Return)  # Enter on a form opens the paper entry
    entry = page.entry
    assert isinstance(entry, EvaluationEntry) and entry.form_id == forms[0].id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is entry.fields["useful"].buttons[0])
    for _round in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert entry.counter.text() == "2 responses entered"
    entry.close()
    page.activateWindow()
    qtbot.waitUntil(
        lambda: rows(page) == [["Évaluation de fin d'atelier", "Any day", "Anonymous", "2"]]
    )
    assert [a for _r, a in workspace.evaluations.responses(forms[0].id)] == [{"useful": "4"}] * 2


def test_remove_and_undo(workspace, session, forms, open_page):
    workspace.evaluations.use(session.id, forms[0].id)
    workspace.evaluations.use(session.id, forms[1].id, dt.date(2022, 11, 9))
    page = open_page()
    page.select_form(forms[1].id)
    assert page.remove_form()
    assert [f.id for f in workspace.evaluations.session_forms(session.id)] == [forms[0].id]
    assert page.undo_bar.isVisible()
    assert "Météo du jour" in page.undo_label.text()
    assert rows(page) == [["Évaluation de fin d'atelier", "Any day", "Anonymous", "0"]]

    page.undo_button.click()
    assert {f.id for f in workspace.evaluations.session_forms(session.id)} == {f.id for f in forms}
    assert not page.undo_bar.isVisible()
    assert page.form_id() == forms[1].id
    # The form comes back on its day (set before this page was opened).
    assert workspace.evaluations.session_form(session.id, forms[1].id).day == dt.date(2022, 11, 9)
    assert page.forms.currentItem().text(1) == "Wednesday 9 November"


def test_remove_and_undo_with_the_keyboard(qtbot, workspace, session, forms, open_page):
    workspace.evaluations.use(session.id, forms[0].id, dt.date(2022, 11, 10))
    page = open_page()
    page.forms.setFocus()
    qtbot.keyClick(page.forms, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing yet
    assert page.form_id() == forms[0].id
    assert page.remove_form()
    assert workspace.evaluations.session_forms(session.id) == []
    qtbot.keyClick(page.forms, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.evaluations.session_form(session.id, forms[0].id).day == dt.date(2022, 11, 10)
    assert rows(page) == [["Évaluation de fin d'atelier", "Thursday 10 November", "Anonymous", "0"]]
    assert not page.undo_bar.isVisible() and not page.undo_action.isEnabled()


def test_change_the_day_of_a_form(qtbot, workspace, session, forms, open_page):
    evaluations = workspace.evaluations
    evaluations.use(session.id, forms[0].id, dt.date(2022, 11, 10))
    evaluations.use(session.id, forms[1].id)
    page = open_page()
    assert rows(page) == [
        ["Évaluation de fin d'atelier", "Thursday 10 November", "Anonymous", "0"],
        ["Météo du jour", "Any day", "Named", "0"],
    ]
    combo = page.day_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Any day", "Tuesday 8 November", "Wednesday 9 November", "Thursday 10 November"
    ]  # fmt: skip
    assert combo.currentText() == "Thursday 10 November"  # the first form is selected

    # The daily mood form, from “any day” to the second day, with the keyboard.
    page.select_form(forms[1].id)
    assert combo.currentText() == "Any day"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert evaluations.session_form(session.id, forms[1].id).day == dt.date(2022, 11, 9)
    assert rows(page)[1] == ["Météo du jour", "Wednesday 9 November", "Named", "0"]
    assert page.form_id() == forms[1].id and combo.currentText() == "Wednesday 9 November"
    assert page.undo_bar.isVisible()
    assert page.undo_label.text() == "“Météo du jour” is now given on Wednesday 9 November."

    # Each step down was a change; Ctrl+Z takes back the last one (to Tuesday 8).
    qtbot.keyClick(combo, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert evaluations.session_form(session.id, forms[1].id).day == dt.date(2022, 11, 8)
    assert rows(page)[1] == ["Météo du jour", "Tuesday 8 November", "Named", "0"]
    assert not page.undo_bar.isVisible()

    # The end-of-session form back to “Any day”: None is stored; Undo gives Thursday back.
    page.select_form(forms[0].id)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert evaluations.session_form(session.id, forms[0].id).day is None
    assert rows(page)[0] == ["Évaluation de fin d'atelier", "Any day", "Anonymous", "0"]
    assert page.undo_label.text() == "“Évaluation de fin d'atelier” can now be given any day."
    page.undo_button.click()
    assert evaluations.session_form(session.id, forms[0].id).day == dt.date(2022, 11, 10)
    assert combo.currentText() == "Thursday 10 November"
    # Nothing else moved: both forms are still used, the mood form on its day.
    assert {f.id for f in evaluations.session_forms(session.id)} == {f.id for f in forms}
    assert evaluations.session_form(session.id, forms[1].id).day == dt.date(2022, 11, 8)


def test_a_day_no_longer_in_the_session_is_refused(qtbot, workspace, session, forms, open_page,
                                                   boxes):  # fmt: skip
    workspace.evaluations.use(session.id, forms[0].id)
    page = open_page()
    # Another screen shortens the session without this page knowing yet.
    workspace.sessions.update(session.id, end_date=dt.date(2022, 11, 9))
    page.day_combo.setFocus()
    qtbot.keyClick(page.day_combo, Qt.Key.Key_End)  # the 10th, no longer in the session
    assert boxes.warnings == ["The day must be within the session's dates."]
    assert workspace.evaluations.session_form(session.id, forms[0].id).day is None
    combo = page.day_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Any day", "Tuesday 8 November", "Wednesday 9 November"
    ]  # fmt: skip
    assert combo.currentText() == "Any day" and not page.undo_bar.isVisible()


def test_a_day_for_a_form_removed_elsewhere_does_not_bring_it_back(qtbot, workspace, session,
                                                                   forms, open_page):  # fmt: skip
    workspace.evaluations.use(session.id, forms[0].id)
    page = open_page()
    workspace.evaluations.stop_using(session.id, forms[0].id)  # another laptop, merged
    page.day_combo.setFocus()
    qtbot.keyClick(page.day_combo, Qt.Key.Key_Down)
    assert workspace.evaluations.session_form(session.id, forms[0].id) is None
    assert rows(page) == [] and not page.day_combo.isEnabled()


def test_print_the_selected_form(workspace, session, forms, open_page, monkeypatch, tmp_path):
    from trainer_desktop.ui import form_print

    printed: list[tuple] = []

    def print_form(parent, workspace_, form_id, session_id):
        printed.append((parent, workspace_, form_id, session_id))
        return tmp_path / "form.pdf"

    monkeypatch.setattr(form_print, "print_form", print_form)
    page = open_page()
    assert not page.print_button.isEnabled()  # no form yet
    workspace.evaluations.use(session.id, forms[0].id)
    workspace.evaluations.use(session.id, forms[1].id)
    page.reload()
    assert page.print_button.isEnabled() and page.print_button.toolTip()
    page.select_form(forms[1].id)
    page.print_button.click()
    assert printed == [(page, workspace, forms[1].id, session.id)]
    page.select_form(forms[0].id)
    assert page.print_form() == tmp_path / "form.pdf"
    assert printed[-1] == (page, workspace, forms[0].id, session.id)


def test_kiosk_and_results_hooks(workspace, runner, session, forms, open_page, stand_ins):
    workspace.evaluations.use(session.id, forms[0].id)
    workspace.evaluations.use(session.id, forms[1].id)
    page = open_page()
    # The first form is selected: the results are made once, then follow the selection.
    first, other = page.form_id(), forms[0].id if page.form_id() == forms[1].id else forms[1].id
    assert stand_ins == [("results", session.id, first)]
    results_view = page.results_view
    assert results_view.parent() is page.results_box and results_view.isVisible()
    page.select_form(other)
    assert stand_ins[-1] == ("set_form", other)
    assert len(type(results_view).made) == 1

    page.kiosk_button.click()
    assert stand_ins[-1] == ("kiosk", page, workspace, runner, session.id, other)


def test_results_not_made_without_a_form(open_page, stand_ins):
    page = open_page()
    assert page.results_view is None
    assert stand_ins == []
    assert page.results_hint.isVisible()
