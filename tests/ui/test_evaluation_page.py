"""The Evaluation tab of a session, used as a trainer would: add a form of the library, type
paper responses, remove the form and undo; the kiosk and the results (other screens) are called
with the right session and form."""

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
        [page.forms.topLevelItem(r).text(c) for c in range(3)]
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
    assert rows(page) == [["Météo du jour", "Named", "0"]]
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
    assert rows(page) == [["Évaluation de fin d'atelier", "Anonymous", "0"]]
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
    qtbot.waitUntil(lambda: rows(page) == [["Évaluation de fin d'atelier", "Anonymous", "2"]])
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
    assert rows(page) == [["Évaluation de fin d'atelier", "Anonymous", "0"]]

    page.undo_button.click()
    assert {f.id for f in workspace.evaluations.session_forms(session.id)} == {f.id for f in forms}
    assert not page.undo_bar.isVisible()
    assert page.form_id() == forms[1].id


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
