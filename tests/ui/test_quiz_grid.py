"""The paper-entry grid: the model without a widget (and qtmodeltester), then the grid used from
the keyboard alone, checking what the database holds, what the cells show and where the cursor
goes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from trainer_desktop.core.quiz_content import Choice, NumericAnswer, Question, true_false
from trainer_desktop.ui.quiz_grid import QuizGrid
from trainer_desktop.ui.quiz_grid_model import (
    AnswerableRole,
    CorrectedRole,
    CorrectnessRole,
    KindRole,
    PaperGridModel,
    QuestionKeyRole,
    load_paper_grid,
)

pytestmark = pytest.mark.usefixtures("boxes")

PEOPLE = [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man"), ("Diarra", "Fatoumata", "woman")]


def questions() -> list[Question]:
    custody = (Choice("L'OPJ", 0), Choice("Le procureur", 100), Choice("Le maire", 0),
               Choice("Le chef de poste", 0))  # fmt: skip
    rights = (Choice("Un avocat", 50), Choice("Sortir", -100), Choice("Un médecin", 50))
    return [
        Question("single", "Qui peut prolonger une garde à vue ?", choices=custody),
        true_false("La torture est interdite en toutes circonstances.", True),
        Question("numeric", "Combien d'heures dure une garde à vue au plus ?",
                 numeric=(NumericAnswer(3.5, 0),)),
        Question("multiple", "Quels droits a la personne gardée à vue ?", choices=rights),
        Question("single", "Qui contrôle les lieux de détention ?",
                 choices=(Choice("Le procureur", 100), Choice("Le maire", 0))),
    ]


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10))  # fmt: skip
    for family, given, sex in PEOPLE:
        workspace.participants.create_and_enrol(session.id, family_name=family, given_names=given,
                                                sex=sex)  # fmt: skip
    return session


@pytest.fixture
def quiz(workspace, session):
    quiz = workspace.quizzes.create("Droits humains — OPJ", "fr", "", questions())
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    return workspace.quizzes.get(quiz.id)


def enrolled(workspace, session):
    return workspace.participants.enrolled(session.id)  # DIARRA, KEÏTA, TRAORÉ


def responses(workspace, session, row: int, phase: str = "pre") -> dict[str, str]:
    from trainer_desktop.core.quizzes import attempt_id

    return workspace.quizzes.responses(attempt_id(enrolled(workspace, session)[row].enrolment.id, phase))


def keys(quiz) -> list[str]:
    return [q.key for q in quiz.content.questions]


# -- the model ---------------------------------------------------------------------------------


def test_the_model_shows_people_questions_answers_and_scores(qtmodeltester, workspace, session, quiz):
    quizzes = workspace.quizzes
    diarra, keita = enrolled(workspace, session)[:2]
    k = keys(quiz)
    for key, typed in zip(k, ("b", "f", "3,5", "ac"), strict=False):
        quizzes.enter_paper_answer(diarra.enrolment.id, "pre", key, typed)
    quizzes.enter_paper_answer(keita.enrolment.id, "pre", k[0], "a")
    quizzes.enter_paper_answer(keita.enrolment.id, "pre", k[0], "b")  # a correction
    model = PaperGridModel()
    model.set_grid(load_paper_grid(quizzes, workspace.participants, session.id, "pre", quiz.content))
    qtmodeltester.check(model)

    assert (model.rowCount(), model.columnCount()) == (3, 5 + 1)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == [
        "1. DIARRA Fatoumata", "2. KEÏTA Moussa", "3. TRAORÉ Awa"]  # fmt: skip
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "1\na–d", "2\nt/f", "3\n0–9", "4\na–c+", "5\na–b", "Score"]  # fmt: skip
    tooltip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Qui peut prolonger une garde à vue ?" in tooltip and "(a–d)" in tooltip
    assert [model.index(0, c).data() for c in range(6)] == ["b", "f", "3.5", "ac", "", "3 / 5 · 60%"]
    assert [model.index(0, c).data(CorrectnessRole) for c in range(5)] == [
        "right", "wrong", "right", "right", None]  # fmt: skip
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() != model.index(
        0, 1).data(Qt.ItemDataRole.BackgroundRole).color()  # fmt: skip
    assert model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, 0).data(QuestionKeyRole) == k[0]
    assert model.index(0, 2).data(KindRole) == "numeric"
    assert model.index(0, 5).data(QuestionKeyRole) is None
    assert model.index(1, 0).data(CorrectedRole) is True
    assert model.index(0, 0).data(CorrectedRole) is False
    assert "entered before: a" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, 5).data() == ""  # TRAORÉ: nothing yet
    assert model.grid.taken == 2
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 5)) & Qt.ItemFlag.ItemIsEditable


def test_an_empty_grid_is_a_valid_model(qtmodeltester):
    model = PaperGridModel()
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (0, 0)


def test_an_attempt_on_an_earlier_version_keeps_its_questions(qtmodeltester, workspace, session, quiz):
    quizzes = workspace.quizzes
    diarra = enrolled(workspace, session)[0]
    first = keys(quiz)
    quizzes.enter_paper_answer(diarra.enrolment.id, "pre", first[4], "a")
    # The trainer then drops the last question and adds another.
    changed = [*quiz.content.questions[:4], true_false("Une fouille se fait devant témoin.", True)]
    quizzes.update(quiz.id, questions=changed, confirmed=True)
    now = quizzes.get(quiz.id)
    model = PaperGridModel()
    model.set_grid(load_paper_grid(quizzes, workspace.participants, session.id, "pre", now.content))
    qtmodeltester.check(model)
    # The quiz's five questions, then the one DIARRA answered that the quiz no longer has.
    assert model.columnCount() == 5 + 1 + 1
    assert [model.index(0, c).data(AnswerableRole) for c in range(6)] == [True] * 4 + [False, True]
    assert [model.index(1, c).data(AnswerableRole) for c in range(6)] == [True] * 5 + [False]
    assert model.index(0, 5).data() == "a"
    assert "earlier version" in model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable


# -- the grid, from the keyboard ---------------------------------------------------------------


@pytest.fixture
def open_grid(qtbot, workspace, runner, session):
    def factory() -> QuizGrid:
        grid = QuizGrid(workspace, runner, session.id)
        qtbot.addWidget(grid)
        grid.resize(1100, 500)
        grid.reload()
        with qtbot.waitActive(grid):
            grid.show()
            grid.activateWindow()
        grid.table.setFocus()
        return grid

    return factory


def type_keys(qtbot, grid: QuizGrid, *keys: str | Qt.Key) -> None:
    """Keys typed where the focus is: the grid, or the answer editor once it is open."""
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget() or grid.table, key)
        QApplication.processEvents()  # the editor saves on the next turn of the event loop


def at(grid: QuizGrid) -> tuple[int, int]:
    index = grid.table.currentIndex()
    return index.row(), index.column()


def test_typing_saves_each_answer_and_moves_on(qtbot, workspace, session, quiz, open_grid):
    grid = open_grid()
    k = keys(quiz)
    assert at(grid) == (0, 0)
    type_keys(qtbot, grid, "b")  # one letter: saved at once
    assert responses(workspace, session, 0) == {k[0]: "1"}
    assert at(grid) == (0, 1)
    type_keys(qtbot, grid, "v")  # vrai
    assert responses(workspace, session, 0)[k[1]] == "0"
    assert grid.model.index(0, 1).data() == "t"
    assert at(grid) == (0, 2)
    type_keys(qtbot, grid, "3")  # a number opens the editor...
    assert isinstance(grid.table.editor(), QLineEdit) and grid.table.editor().text() == "3"
    assert k[2] not in responses(workspace, session, 0)  # ...and waits for Enter
    type_keys(qtbot, grid, ",", "5", Qt.Key.Key_Return)
    assert responses(workspace, session, 0)[k[2]] == "3.5"
    assert at(grid) == (0, 3)
    type_keys(qtbot, grid, "a", "c", Qt.Key.Key_Tab)  # several letters: Tab saves too
    assert responses(workspace, session, 0)[k[3]] == "0,2"
    assert at(grid) == (0, 4)
    type_keys(qtbot, grid, "b")  # the last question: on to the next person
    assert at(grid) == (1, 0)
    assert grid.model.index(0, grid.model.score_column).data() == "4 / 5 · 80%"  # b is wrong in 5
    assert grid.current.text() == "KEÏTA Moussa: no answer yet"  # the line follows the cursor
    type_keys(qtbot, grid, Qt.Key.Key_Up)
    assert at(grid) == (0, 0) and grid.current.text() == "DIARRA Fatoumata: 4 / 5 · 80%"


def test_a_refused_answer_is_shown_and_nothing_is_saved(qtbot, workspace, session, quiz, boxes,
                                                        open_grid):  # fmt: skip
    grid = open_grid()
    k = keys(quiz)
    type_keys(qtbot, grid, "z")
    assert boxes.warnings == ["“z” is not a choice: type a letter from a to d."]
    assert responses(workspace, session, 0) == {} and at(grid) == (0, 0)
    assert grid.model.index(0, 0).data() == ""
    type_keys(qtbot, grid, "c")
    assert responses(workspace, session, 0) == {k[0]: "2"}
    # Two letters in a single-choice question, through the editor (F2).
    grid.table.setCurrentIndex(grid.model.index(0, 0))
    type_keys(qtbot, grid, Qt.Key.Key_F2, Qt.Key.Key_End, "b", Qt.Key.Key_Return)
    assert boxes.warnings[-1] == "Only one answer for this question: type one letter."
    assert responses(workspace, session, 0) == {k[0]: "2"}
    assert grid.model.index(0, 0).data() == "c" and at(grid) == (0, 0)
    # A word in a numeric question.
    grid.table.setCurrentIndex(grid.model.index(0, 2))
    type_keys(qtbot, grid, "x", Qt.Key.Key_Return)
    assert boxes.warnings[-1] == "“x” is not a number."
    assert k[2] not in responses(workspace, session, 0) and at(grid) == (0, 2)
    # Escape leaves the editor without saving.
    type_keys(qtbot, grid, "7", Qt.Key.Key_Escape)
    assert k[2] not in responses(workspace, session, 0) and grid.model.index(0, 2).data() == ""


def test_delete_clears_and_a_correction_is_kept_on_record(qtbot, workspace, session, quiz,
                                                          open_grid):  # fmt: skip
    from trainer_desktop.core.quizzes import attempt_id

    grid = open_grid()
    k = keys(quiz)
    type_keys(qtbot, grid, "a")
    grid.table.setCurrentIndex(grid.model.index(0, 0))
    type_keys(qtbot, grid, "b")  # the trainer misread the sheet
    attempt = attempt_id(enrolled(workspace, session)[0].enrolment.id, "pre")
    history = workspace.quizzes.history(attempt)
    assert [(a.response, a.kind) for a in history] == [("0", "answer"), ("1", "correction")]
    assert grid.model.index(0, 0).data() == "b"
    assert grid.model.index(0, 0).data(CorrectedRole) is True
    assert "Corrected (entered before: a)" in grid.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    grid.table.setCurrentIndex(grid.model.index(0, 0))
    type_keys(qtbot, grid, Qt.Key.Key_Delete)
    assert responses(workspace, session, 0) == {}
    assert grid.model.index(0, 0).data() == "" and at(grid) == (0, 0)
    assert grid.model.index(0, grid.model.score_column).data() == ""
    assert k[0] not in responses(workspace, session, 0)


def test_ctrl_z_takes_back_the_last_answer(qtbot, workspace, session, quiz, open_grid):
    grid = open_grid()
    k = keys(quiz)
    type_keys(qtbot, grid, "b", "f")
    grid.table.setCurrentIndex(grid.model.index(0, 0))
    type_keys(qtbot, grid, "d")
    assert responses(workspace, session, 0) == {k[0]: "3", k[1]: "1"}
    qtbot.keyClick(grid.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert responses(workspace, session, 0) == {k[0]: "1", k[1]: "1"}
    assert at(grid) == (0, 0)
    qtbot.keyClick(grid.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert responses(workspace, session, 0) == {k[0]: "1"}
    assert at(grid) == (0, 1)


def test_arrows_move_and_cells_of_an_earlier_version_take_no_answer(qtbot, workspace, session, quiz,
                                                                    boxes, open_grid):  # fmt: skip
    quizzes = workspace.quizzes
    diarra = enrolled(workspace, session)[0]
    quizzes.enter_paper_answer(diarra.enrolment.id, "pre", keys(quiz)[4], "a")
    changed = [*quiz.content.questions[:4], true_false("Une fouille se fait devant témoin.", True)]
    quizzes.update(quiz.id, questions=changed, confirmed=True)
    new_key = quizzes.get(quiz.id).content.questions[4].key
    grid = open_grid()
    grid.table.setCurrentIndex(grid.model.index(0, 3))
    type_keys(qtbot, grid, Qt.Key.Key_Right)
    assert at(grid) == (0, 4)
    type_keys(qtbot, grid, "v", Qt.Key.Key_Delete)  # not a question DIARRA's attempt has
    assert new_key not in responses(workspace, session, 0) and boxes.warnings == []
    # Typing in the cell before it skips it.
    grid.table.setCurrentIndex(grid.model.index(0, 3))
    type_keys(qtbot, grid, "a", Qt.Key.Key_Return)
    assert at(grid) == (0, 5)
    # An arrow in the editor saves the answer and moves that way (like a spreadsheet).
    grid.table.setCurrentIndex(grid.model.index(1, 2))
    type_keys(qtbot, grid, "4", "8", Qt.Key.Key_Down)
    assert responses(workspace, session, 1)[keys(quiz)[2]] == "48"
    assert at(grid) == (2, 2) and grid.table.editor() is None


def test_one_answer_redraws_one_row_without_reading_the_grid_again(qtbot, monkeypatch, workspace,
                                                                  runner):  # fmt: skip
    """40 people × 40 questions: typing an answer changes one cell and the score of the model (no
    reset) and reads neither the people nor the other attempts again."""
    session = workspace.sessions.create(title="Grand atelier", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10))  # fmt: skip
    for n in range(40):
        workspace.participants.create_and_enrol(session.id, family_name=f"Nom{n:02}",
                                                given_names="Prénom")  # fmt: skip
    many = [q for _round in range(8) for q in questions()]
    quiz = workspace.quizzes.create("Long", "fr", "", many)
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    grid = QuizGrid(workspace, runner, session.id)
    qtbot.addWidget(grid)
    grid.reload()
    grid.show()
    assert (grid.model.rowCount(), grid.model.columnCount()) == (40, 41)
    reads: list[str] = []
    for name in ("phase_attempts", "history", "assignments", "session_quiz"):
        original = getattr(workspace.quizzes, name)
        monkeypatch.setattr(workspace.quizzes, name,
                            lambda *a, _n=name, _o=original, **kw: reads.append(_n) or _o(*a, **kw))  # fmt: skip
    monkeypatch.setattr(workspace.participants, "enrolled", lambda *a: reads.append("enrolled"))
    resets, changed = [], []
    grid.model.modelReset.connect(lambda: resets.append(1))
    grid.model.dataChanged.connect(
        lambda a, b, _roles: changed.append(((a.row(), a.column()), (b.row(), b.column()))))
    grid.table.setCurrentIndex(grid.model.index(20, 0))
    grid.table.setFocus()
    qtbot.keyClick(grid.table, "b")
    assert grid.model.index(20, 0).data() == "b" and at(grid) == (20, 1)
    assert resets == [] and reads == []
    assert changed == [((20, 0), (20, 0)), ((20, 40), (20, 40))]  # the cell and the score
