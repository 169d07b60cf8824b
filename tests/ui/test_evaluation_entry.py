"""Paper evaluation forms typed in as a trainer would: numbers on the keyboard, Tab, text,
Ctrl+Enter; then what the database holds. A refused response saves nothing and puts the cursor on
the item at fault."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit

from trainer_desktop.core.form_content import FormChoice, FormItem
from trainer_desktop.ui.evaluation_entry import EvaluationEntry

pytestmark = pytest.mark.usefixtures("boxes")

SCALE = tuple({"fr": t, "en": e} for t, e in [("Pas du tout", "Not at all"), ("Peu", "A little"),
                                              ("Moyennement", "Somewhat"), ("Bien", "Well"),
                                              ("Très bien", "Very well")])  # fmt: skip


def items() -> list[FormItem]:
    return [
        FormItem("heading", "h1", {"fr": "L'atelier", "en": "The workshop"}),
        FormItem("rating", "useful", {"fr": "Utilité de l'atelier", "en": "Usefulness"}, required=True,
                 point_labels=SCALE),
        FormItem("single", "best", {"fr": "Meilleur module", "en": "Best module"}, choices=(
            FormChoice("gav", {"fr": "Garde à vue"}), FormChoice("torture", {"fr": "Torture"}),
            FormChoice("vbg", {"fr": "VBG"}))),
        FormItem("multiple", "topics", {"fr": "Thèmes à approfondir"}, choices=(
            FormChoice("a", {"fr": "Arrestation"}), FormChoice("b", {"fr": "Détention"}),
            FormChoice("c", {"fr": "Plaintes"}))),
        FormItem("yesno", "again", {"fr": "Recommanderiez-vous l'atelier ?"}),
        FormItem("note", "n1", {"fr": "Merci de répondre franchement."}),
        FormItem("integer", "years", {"fr": "Années de service"}),
        FormItem("longtext", "comments", {"fr": "Commentaires"}),
    ]  # fmt: skip


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ droits de l'homme", town="Sévaré",
                                     start_date=dt.date(2022, 11, 8), end_date=dt.date(2022, 11, 10))  # fmt: skip


@pytest.fixture
def people(workspace, session):
    for family, given, sex in [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man")]:
        workspace.participants.create_and_enrol(
            session.id, family_name=family, given_names=given, sex=sex
        )
    return workspace.participants.enrolled(session.id)


def make_form(workspace, session, anonymous=True):
    form = workspace.evaluations.create(
        "Évaluation de fin d'atelier", "fr", items(), anonymous=anonymous
    )
    workspace.evaluations.use(session.id, form.id)
    return form


@pytest.fixture
def open_entry(qtbot, workspace, runner, session):
    def factory(form) -> EvaluationEntry:
        entry = EvaluationEntry(workspace, runner, session.id, form.id)
        with qtbot.waitActive(entry):
            entry.show()
            entry.activateWindow()
        opened.append(entry)
        return entry

    opened: list[EvaluationEntry] = []
    yield factory
    for entry in opened:  # nothing left on screen to ask about when closing
        for field in entry.fields.values():
            field.clear()
        entry.close()
        entry.deleteLater()


def type_keys(qtbot, keys: str) -> None:
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key)


def focused_item(entry: EvaluationEntry) -> str | None:
    return next((name for name, field in entry.fields.items() if field.has_input_focus()), None)


def test_two_responses_typed_from_the_keyboard(qtbot, workspace, session, open_entry):
    form = make_form(workspace, session)
    entry = open_entry(form)
    assert list(entry.fields) == ["useful", "best", "topics", "again", "years", "comments"]
    assert entry.counter.text() == "0 responses entered"
    assert focused_item(entry) == "useful"
    assert not entry.person_row.isVisibleTo(entry)  # anonymous: no one is named

    # Scale 4, choice 2 (both move on), topics 1 and 3 (ticks, then Tab), yes, a number, a comment.
    type_keys(qtbot, "42")
    assert focused_item(entry) == "topics"
    type_keys(qtbot, "13")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_item(entry) == "again"
    type_keys(qtbot, "1")
    assert focused_item(entry) == "years"
    type_keys(qtbot, "12")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)
    qtbot.keyClicks(QApplication.focusWidget(), "Tres utile")
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )

    assert entry.counter.text() == "1 response entered"
    assert focused_item(entry) == "useful"  # cleared, back at the top
    assert entry.answers() == {}

    # The second one: only the required scale (5), then "no" by its letter, saved with Ctrl+Enter.
    type_keys(qtbot, "5")
    entry.fields["again"].focus_input()
    type_keys(qtbot, "n")
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier
    )
    assert entry.counter.text() == "2 responses entered"

    saved = workspace.evaluations.responses(form.id, [session.id])
    # (Both were saved within the same second: their order in the database is not the typing order.)
    assert sorted((answers for _response, answers in saved), key=lambda a: a["useful"]) == [
        {"useful": "4", "best": "torture", "topics": "a c", "again": "yes", "years": "12",
         "comments": "Tres utile"},
        {"useful": "5", "again": "no"},
    ]  # fmt: skip
    assert {response.mode for response, _answers in saved} == {"paper"}
    assert {response.enrolment_id for response, _answers in saved} == {None}


def test_missing_required_item_saves_nothing_and_goes_to_it(
    qtbot, workspace, session, open_entry, boxes
):
    form = make_form(workspace, session)
    entry = open_entry(form)
    entry.fields["years"].focus_input()
    qtbot.keyClicks(QApplication.focusWidget(), "7")
    entry.fields["best"].focus_input()
    type_keys(qtbot, "3")
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )

    assert boxes.warnings == ["“Utilité de l'atelier” must be answered."]
    assert workspace.evaluations.responses(form.id) == []
    assert entry.counter.text() == "0 responses entered"
    assert focused_item(entry) == "useful"
    assert entry.answers() == {"best": "vbg", "years": "7"}  # what was typed is still there


def test_bad_number_goes_to_its_item(qtbot, workspace, session, open_entry, boxes):
    form = make_form(workspace, session)
    entry = open_entry(form)
    type_keys(qtbot, "3")
    entry.fields["years"].focus_input()
    qtbot.keyClicks(QApplication.focusWidget(), "douze")
    entry.fields["useful"].focus_input()
    assert entry.save_and_next() is False
    assert boxes.warnings == ["“Années de service”: type a whole number."]
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    assert focused_item(entry) == "years"
    assert workspace.evaluations.responses(form.id) == []


def test_delete_clears_a_choice(qtbot, workspace, session, open_entry):
    form = make_form(workspace, session)
    entry = open_entry(form)
    type_keys(qtbot, "2")
    entry.fields["useful"].focus_input()
    assert entry.answers() == {"useful": "2"}
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert entry.answers() == {}


def test_named_form_requires_the_person(qtbot, workspace, session, people, open_entry, boxes):
    form = make_form(workspace, session, anonymous=False)
    entry = open_entry(form)
    assert entry.person_row.isVisibleTo(entry)
    assert QApplication.focusWidget() is entry.person  # the person comes first
    entry.fields["useful"].focus_input()
    type_keys(qtbot, "4")
    assert entry.save_and_next() is False
    assert boxes.warnings == ["This form is named: choose the person who answers."]
    assert QApplication.focusWidget() is entry.person
    assert workspace.evaluations.responses(form.id) == []

    keita = next(p for p in people if p.participant.family_name.startswith("K"))
    entry.person.setCurrentIndex(entry.person.findData(keita.enrolment.id))
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    saved = workspace.evaluations.responses(form.id)
    assert [(r.enrolment_id, a) for r, a in saved] == [(keita.enrolment.id, {"useful": "4"})]
    # Cleared for the next person; the one entered is marked in the list.
    assert entry.person.currentIndex() == 0
    assert "(response entered)" in entry.person.itemText(entry.person.findData(keita.enrolment.id))


def test_closing_with_a_half_typed_response_asks(qtbot, workspace, session, open_entry, boxes):
    form = make_form(workspace, session)
    entry = open_entry(form)
    type_keys(qtbot, "3")
    boxes.answers = [QMessageBox.StandardButton.No]
    entry.close_button.click()
    assert entry.isVisible()
    assert len(boxes.questions) == 1
    boxes.answers = [QMessageBox.StandardButton.Yes]
    entry.close_button.click()
    assert not entry.isVisible()
    assert workspace.evaluations.responses(form.id) == []
