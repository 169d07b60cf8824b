"""The Tests tab of a session, used as a trainer would: choose the pre-test's quiz and its day
from the keyboard, give it on the laptop or on paper, type the paper answers, see the results."""

from __future__ import annotations

import datetime as dt
import sys
import types
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trainer_desktop.core.quiz_content import Choice, Question, true_false
from trainer_desktop.ui import operations
from trainer_desktop.ui.quiz_page import QuizPage
from trainer_desktop.ui.session_page import SessionPage

pytestmark = pytest.mark.usefixtures("boxes")

PEOPLE = [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man"), ("Diarra", "Fatoumata", "woman"),
          ("Coulibaly", "Seydou", "man")]  # fmt: skip


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ droits de l'homme", town="Sévaré",
                                     start_date=dt.date(2022, 11, 8), end_date=dt.date(2022, 11, 10))  # fmt: skip


@pytest.fixture
def people(workspace, session):
    for family, given, sex in PEOPLE:
        workspace.participants.create_and_enrol(session.id, family_name=family, given_names=given,
                                                sex=sex)  # fmt: skip
    return workspace.participants.enrolled(session.id)  # COULIBALY, DIARRA, KEÏTA, TRAORÉ


@pytest.fixture
def quizzes(workspace):
    first = workspace.quizzes.create("Droits humains — OPJ", "fr", "", [
        Question("single", "Qui peut prolonger une garde à vue ?", choices=(
            Choice("L'OPJ", 0), Choice("Le procureur", 100), Choice("Le maire", 0))),
        true_false("La torture est interdite en toutes circonstances.", True),
    ])  # fmt: skip
    second = workspace.quizzes.create("Violences basées sur le genre", "fr", "",
                                      [true_false("Le mariage forcé est une violence.", True)])  # fmt: skip
    return first, second


@pytest.fixture
def open_page(qtbot, workspace, runner, session):
    def factory() -> QuizPage:
        page = QuizPage(workspace, runner, session.id)
        qtbot.addWidget(page)
        page.resize(1300, 700)
        with qtbot.waitActive(page):
            page.show()
            page.activateWindow()
        return page

    return factory


@pytest.fixture
def stand_ins(monkeypatch):
    """The kiosk, print and results modules (other screens) replaced by recorders."""
    calls: list[tuple] = []
    kiosk = types.ModuleType("trainer_desktop.ui.quiz_kiosk")
    kiosk.open_quiz_kiosk = lambda *args: calls.append(("kiosk", *args))
    printing = types.ModuleType("trainer_desktop.ui.quiz_print")
    printing.print_quiz = lambda *args: calls.append(("quiz", *args))
    printing.print_answer_key = lambda *args: calls.append(("key", *args))

    class QuizResultsView(QWidget):
        made: ClassVar[list[QuizResultsView]] = []

        def __init__(self, workspace, runner, session_id, parent=None):
            super().__init__(parent)
            self.args = (workspace, runner, session_id)
            self.refreshed = 0
            QuizResultsView.made.append(self)

        def refresh(self) -> None:
            self.refreshed += 1

    results = types.ModuleType("trainer_desktop.ui.quiz_results")
    results.QuizResultsView = QuizResultsView
    for module in (kiosk, printing, results):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    return types.SimpleNamespace(calls=calls, results=QuizResultsView)


def test_the_session_page_has_a_tests_tab(qtbot, workspace, session, runner):
    page = SessionPage(workspace, runner, session.id)
    qtbot.addWidget(page)
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert isinstance(page.tab_widgets()[labels.index("Tests")], QuizPage)


def test_an_empty_library_says_where_quizzes_are_made(qtbot, open_page):
    page = open_page()
    assert page.boxes["pre"].status.text() == (
        "No quiz yet: make or import one with Quizzes… in the menu.")  # fmt: skip


def test_empty_states_say_what_to_do_first(qtbot, workspace, session, quizzes, open_page):
    page = open_page()
    grid = page.grid
    assert grid.empty_label.text() == "Choose a quiz for the pre-test above."
    assert not grid.table.isVisible()
    assert page.boxes["pre"].status.text() == "No quiz chosen yet."
    assert not page.boxes["pre"].print_button.isEnabled()
    assert not page.boxes["pre"].when_combo.isEnabled()
    workspace.quizzes.assign(session.id, "pre", quizzes[0].id)
    page.reload()
    assert grid.empty_label.text() == "Enrol participants first (Participants tab)."
    assert page.boxes["pre"].print_button.isEnabled()
    assert not page.boxes["pre"].kiosk_button.isEnabled()  # nobody to take it
    grid.set_phase("post")
    assert grid.empty_label.text() == "Choose a quiz for the post-test above."
    # Only the post-test has a quiz: the grid enters the post-test.
    workspace.quizzes.unassign(session.id, "pre")
    workspace.quizzes.assign(session.id, "post", quizzes[1].id)
    grid.set_phase("pre")
    page.reload()
    assert grid.phase == "post" and grid.phase_buttons.checkedButton().text() == "Post-test"


def test_choosing_the_pre_test_from_the_keyboard(qtbot, workspace, session, people, quizzes,
                                                 open_page):  # fmt: skip
    periods = workspace.attendance.ensure_default_periods(session.id)
    page = open_page()
    box = page.boxes["pre"]
    assert [box.quiz_combo.itemText(i) for i in range(box.quiz_combo.count())] == [
        "— none —", "Droits humains — OPJ (fr, 2 questions)",
        "Violences basées sur le genre (fr, 1 question)"]  # fmt: skip
    box.quiz_combo.setFocus()
    qtbot.keyClick(box.quiz_combo, Qt.Key.Key_Down)
    assigned = workspace.quizzes.assignments(session.id)["pre"]
    assert assigned.quiz_id == quizzes[0].id and assigned.day is None and not assigned.show_results
    assert box.status.text() == "No one has taken it yet (4 participants)."
    assert page.grid.table.isVisible() and page.grid.model.columnCount() == 2 + 1
    assert "post" not in workspace.quizzes.assignments(session.id)
    # The day: the first day, then its morning period.
    assert box.when_combo.isEnabled()
    box.when_combo.setFocus()
    qtbot.keyClick(box.when_combo, Qt.Key.Key_Down)
    assigned = workspace.quizzes.assignments(session.id)["pre"]
    assert (assigned.day, assigned.period_id) == (dt.date(2022, 11, 8), None)
    assert box.when_combo.currentText() == "Tuesday 8 November"
    qtbot.keyClick(box.when_combo, Qt.Key.Key_Down)
    assigned = workspace.quizzes.assignments(session.id)["pre"]
    assert (assigned.day, assigned.period_id) == (dt.date(2022, 11, 8), periods[0].id)
    assert box.when_combo.currentText() == "Tuesday 8 November — Morning (08:30–12:30)"
    box.show_results.setFocus()
    qtbot.keyClick(box.show_results, Qt.Key.Key_Space)
    assigned = workspace.quizzes.assignments(session.id)["pre"]
    assert assigned.show_results and assigned.period_id == periods[0].id
    assert assigned.quiz_id == quizzes[0].id
    # "— none —" removes the pre-test (nobody took it: nothing to confirm).
    box.quiz_combo.setFocus()
    qtbot.keyClick(box.quiz_combo, Qt.Key.Key_Home)
    assert "pre" not in workspace.quizzes.assignments(session.id)
    assert page.grid.empty_label.text() == "Choose a quiz for the pre-test above."


def test_paper_answers_typed_in_the_tab_update_the_status(qtbot, workspace, session, people, quizzes,
                                                          open_page):  # fmt: skip
    workspace.quizzes.assign(session.id, "pre", quizzes[0].id)
    page = open_page()
    grid = page.grid
    grid.table.setFocus()
    for key in ("b", "v", "a"):
        qtbot.keyClick(grid.table, key)
    assert page.boxes["pre"].status.text() == "2 of 4 participants have taken it."
    assert grid.model.index(0, 2).data() == "2 / 2 · 100%"
    assert grid.model.index(1, 0).data() == "a"
    from trainer_desktop.core.quizzes import attempt_id

    answers = workspace.quizzes.responses(attempt_id(people[0].enrolment.id, "pre"))
    key = quizzes[0].content.questions[0].key
    assert answers[key] == "1"


def test_changing_a_quiz_people_took_is_asked_first(qtbot, workspace, session, people, quizzes,
                                                    boxes, open_page):  # fmt: skip
    first, second = quizzes
    workspace.quizzes.assign(session.id, "pre", first.id)
    workspace.quizzes.enter_paper_answer(people[0].enrolment.id, "pre",
                                         first.content.questions[0].key, "b")  # fmt: skip
    page = open_page()
    box = page.boxes["pre"]
    assert box.status.text() == "1 of 4 participants have taken it."
    boxes.answers = [QMessageBox.StandardButton.No]
    box.quiz_combo.setFocus()
    qtbot.keyClick(box.quiz_combo, Qt.Key.Key_Down)
    assert "1 participant has already taken the pre-test" in boxes.questions[-1]
    assert workspace.quizzes.assignments(session.id)["pre"].quiz_id == first.id
    assert box.quiz_combo.currentData() == first.id
    boxes.answers = [QMessageBox.StandardButton.Yes]
    qtbot.keyClick(box.quiz_combo, Qt.Key.Key_Down)
    assert workspace.quizzes.assignments(session.id)["pre"].quiz_id == second.id
    # DIARRA's answers stay with the quiz she answered: her row keeps its own columns.
    assert page.grid.model.columnCount() == 1 + 2 + 1
    assert page.grid.model.index(0, 1).data() == "b"


def test_the_buttons_give_the_test_on_the_laptop_or_on_paper(qtbot, workspace, runner, session,
                                                             people, quizzes, stand_ins, open_page):  # fmt: skip
    workspace.quizzes.assign(session.id, "post", quizzes[1].id)
    page = open_page()
    box = page.boxes["post"]
    assert not page.boxes["pre"].kiosk_button.isEnabled()
    for button in (box.kiosk_button, box.print_button, box.key_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert stand_ins.calls == [
        ("kiosk", page, workspace, runner, session.id, "post"),
        ("quiz", page, workspace, session.id, "post"),
        ("key", page, workspace, session.id, "post"),
    ]


def test_the_results_are_made_when_first_shown(qtbot, workspace, runner, session, people, quizzes,
                                               stand_ins, open_page):  # fmt: skip
    workspace.quizzes.assign(session.id, "pre", quizzes[0].id)
    page = open_page()
    assert stand_ins.results.made == []  # nothing computed for a tab nobody looked at
    page.views.setCurrentIndex(1)
    (view,) = stand_ins.results.made
    assert view.args == (workspace, runner, session.id) and view.isVisible()
    page.views.setCurrentIndex(0)
    page.views.setCurrentIndex(1)
    assert stand_ins.results.made == [view]


def test_answers_typed_on_paper_reach_the_results(qtbot, workspace, session, people, quizzes,
                                                 open_page):  # fmt: skip
    from trainer_desktop.ui.quiz_results import QuizResultsView

    workspace.quizzes.assign(session.id, "pre", quizzes[0].id)
    page = open_page()
    page.views.setCurrentIndex(1)
    assert isinstance(page.results_view, QuizResultsView)
    page.views.setCurrentIndex(0)
    page.grid.table.setFocus()
    qtbot.keyClick(page.grid.table, "b")
    page.views.setCurrentIndex(1)
    assert page.results_view.results.pre.count == 1


def test_changes_made_elsewhere_show_when_the_tab_is_seen(qtbot, workspace, runner, session, people,
                                                          quizzes, open_page):  # fmt: skip
    page = open_page()
    runner.run(None, workspace.quizzes.assign, session.id, "pre", quizzes[1].id,
               changes={operations.QUIZZES})  # fmt: skip
    assert page.boxes["pre"].quiz_combo.currentData() == quizzes[1].id
    page.hide()
    runner.run(None, workspace.quizzes.unassign, session.id, "pre", changes={operations.QUIZZES})
    assert page.boxes["pre"].quiz_combo.currentData() == quizzes[1].id  # not read while hidden
    page.show()
    QApplication.processEvents()
    assert page.boxes["pre"].quiz_combo.currentData() == ""


def test_answers_given_on_the_kiosk_are_read_when_the_window_is_active_again(
    qtbot, workspace, runner, session, people, quizzes, open_page
):
    workspace.quizzes.assign(session.id, "pre", quizzes[0].id)
    page = open_page()
    kiosk = QWidget()  # stands in for the full-screen test on this laptop
    qtbot.addWidget(kiosk)
    with qtbot.waitActive(kiosk):
        kiosk.show()
        kiosk.activateWindow()
    attempt = workspace.quizzes.start_attempt(people[1].enrolment.id, "pre")
    key = quizzes[0].content.questions[0].key
    runner.run(kiosk, workspace.quizzes.answer, attempt.id, key, "1", changes={operations.QUIZZES})
    assert page.grid.model.index(1, 0).data() == ""  # not read while the kiosk has the screen
    kiosk.close()
    with qtbot.waitActive(page):
        page.activateWindow()
    assert page.grid.model.index(1, 0).data() == "b"
    assert page.boxes["pre"].status.text() == "1 of 4 participants have taken it."
