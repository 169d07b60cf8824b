"""The results of a session's pre/post tests (the view and its models, also without a widget),
checked against figures worked out by hand.

Six people, three questions of one point (Q1 single choice, right answer a; Q2 true/false, the
statement is false; Q3 numeric, 48):

====================  ====  ====  ====  =======  ====  ====  ====  ========
person                pre Q1  Q2    Q3  pre %    post Q1 Q2  Q3  post %
====================  ====  ====  ====  =======  ====  ====  ====  ========
TRAORÉ Awa (w)        ✓     ✗     ✗     33.3     ✓     ✓     ✓     100
KEÏTA Moussa (m)      ✗     ✓     ✗     33.3     ✓     ✓     ✗     66.7
DIARRA Fatoumata (w)  ✗     ✗     ✗     0        ✓     ✗     ✗     33.3
COULIBALY Seydou (m)  ✓     ✓     ✓     100      —
MAÏGA Ibrahim (m)     —                          ✗     ✓     ✗     33.3
SANGARÉ Mariam (w)    —                          —
====================  ====  ====  ====  =======  ====  ====  ====  ========

Pre: 4 people, mean 41.7, median 33.3, lowest 0, highest 100. Post: 4, mean 58.3, median 50,
lowest 33.3, highest 100. Gains (Traoré, Keïta, Diarra): 66.7, 33.3, 33.3 → mean 44.4, median
33.3; normalised gains 1, 0.5, 0.333 → mean 61.1 %, median 50 %.

Questions, % right pre → post: Q1 50 → 75, Q2 50 → 75, Q3 25 → 25 (not learned). Discrimination
(correlation of the question's mark with the rest of the test, × 100): pre Q1 and Q2
0.5/√2.75 = 30.2, Q3 1/√1.5 = 81.6; post Q1 and Q2 0 (check the wording), Q3 0.5/√0.75 = 57.7.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from trainer_desktop.core.quiz_content import Choice, NumericAnswer, Question, true_false
from trainer_desktop.ui import operations
from trainer_desktop.ui.quiz_results import QuizResultsView
from trainer_desktop.ui.quiz_results_model import (
    CHECK_WORDING,
    NOT_LEARNED,
    P_GAIN,
    P_NAME,
    P_NORMALISED,
    P_POST,
    P_PRE,
    P_SEX,
    Q_CHANGE,
    Q_DISCR_POST,
    Q_DISCR_PRE,
    Q_FACILITY_POST,
    Q_FACILITY_PRE,
    Q_NUMBER,
    Q_POST,
    Q_PRE,
    Q_TEXT,
    FlagsRole,
    GroupHeadingRole,
    GroupRole,
    ParticipantResultsModel,
    QuestionResultsModel,
    question_plain_text,
)

pytestmark = pytest.mark.usefixtures("boxes")

Q1 = ("Qui peut prolonger une garde à vue au-delà de 48 heures ? Le procureur de la République, "
      "le juge d'instruction ou l'officier de police judiciaire lui-même ?")  # fmt: skip
RIGHT = {"Q1": "0", "Q2": "1", "Q3": "48"}
WRONG = {"Q1": "1", "Q2": "0", "Q3": "24"}
#: family, given, sex, pre (Q1, Q2, Q3 right?) or None, post or None
PEOPLE = [
    ("Traoré", "Awa", "woman", (1, 0, 0), (1, 1, 1)),
    ("Keïta", "Moussa", "man", (0, 1, 0), (1, 1, 0)),
    ("Diarra", "Fatoumata", "woman", (0, 0, 0), (1, 0, 0)),
    ("Coulibaly", "Seydou", "man", (1, 1, 1), None),
    ("Maïga", "Ibrahim", "man", None, (0, 1, 0)),
    ("Sangaré", "Mariam", "woman", None, None),
]


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ droits de l'homme",
                                     start_date=dt.date(2022, 11, 8),
                                     end_date=dt.date(2022, 11, 10))  # fmt: skip


@pytest.fixture
def quiz(workspace, session):
    quiz = workspace.quizzes.create("Garde à vue", "fr", "", [
        Question(kind="single", text=Q1, choices=(Choice("Le procureur", 100), Choice("Le juge"),
                                                  Choice("L'OPJ"))),
        true_false("La torture est permise en cas d'urgence.", False),
        Question(kind="numeric", text="Durée maximale de la garde à vue, en heures ?",
                 numeric=(NumericAnswer(48),)),
    ])  # fmt: skip
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    workspace.quizzes.assign(session.id, "post", quiz.id)
    return workspace.quizzes.get(quiz.id)


def take(workspace, enrolment_id: str, phase: str, rights: tuple[int, ...]) -> None:
    attempt = workspace.quizzes.start_attempt(enrolment_id, phase, "paper")
    questions = workspace.quizzes.version(attempt.version_id).content.questions
    for name, question, right in zip(("Q1", "Q2", "Q3"), questions, rights, strict=True):
        workspace.quizzes.answer(attempt.id, question.key, (RIGHT if right else WRONG)[name])
    workspace.quizzes.submit(attempt.id)


@pytest.fixture
def answered(workspace, session, quiz):
    for family, given, sex, pre, post in PEOPLE:
        person = workspace.participants.create_and_enrol(session.id, family_name=family,
                                                         given_names=given, sex=sex)  # fmt: skip
        for phase, rights in (("pre", pre), ("post", post)):
            if rights is not None:
                take(workspace, person.enrolment.id, phase, rights)
    return session


@pytest.fixture
def view(qtbot, workspace, runner, answered):
    view = QuizResultsView(workspace, runner, answered.id)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    return view


def texts(model, column: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


# -- the figures -------------------------------------------------------------------------------


def test_the_summary_shows_the_hand_computed_figures(view):
    shown = {key: label.text() for key, label in view.summary_labels.items()}
    assert [shown[("pre", s)] for s in ("count", "mean", "median", "minimum", "maximum")] == [
        "4",
        "41.7%",
        "33.3%",
        "0.0%",
        "100.0%",
    ]
    assert [shown[("post", s)] for s in ("count", "mean", "median", "minimum", "maximum")] == [
        "4",
        "58.3%",
        "50.0%",
        "33.3%",
        "100.0%",
    ]
    assert [shown[("gain", s)] for s in ("count", "mean", "median", "minimum", "maximum")] == [
        "3",
        "+44.4",
        "+33.3",
        "+33.3",
        "+66.7",
    ]
    assert [shown[("normalised", s)] for s in ("count", "mean", "median", "minimum",
                                               "maximum")] == [
        "3", "61.1%", "50.0%", "33.3%", "100.0%"]  # fmt: skip
    assert view.headline.text() == "Average score: 42% before the training, 58% after"
    assert view.gain_note.text() == ("Gains are over the 3 people who took both tests. 2 people "
                                     "took only one of them (listed apart below).")  # fmt: skip
    assert not view.empty_label.isVisibleTo(view) and view.scroll.isVisibleTo(view)


def test_counts_by_sex_for_each_test_and_both(view):
    shown = {key: label.text() for key, label in view.sex_labels.items()}
    assert [shown[("woman", c)] for c in ("pre", "post", "both")] == ["2", "2", "2"]
    assert [shown[("man", c)] for c in ("pre", "post", "both")] == ["2", "2", "1"]
    assert [shown[("total", c)] for c in ("pre", "post", "both")] == ["4", "4", "3"]
    assert not view.sex_row_labels["unstated"].isVisibleTo(view)  # nobody with sex not stated
    assert view.sex_row_labels["woman"].text() == "Women"


def test_participants_are_grouped_and_nobody_is_dropped(qtmodeltester, view):
    model = view.participants_model
    qtmodeltester.check(model)
    assert texts(model, P_NAME) == [
        "Both tests (3 people)", "DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa",
        "Only the pre-test (1 person)", "COULIBALY Seydou",
        "Only the post-test (1 person)", "MAÏGA Ibrahim",
        "No test taken (1 person)", "SANGARÉ Mariam"]  # fmt: skip
    assert (
        texts(model, P_NAME, GroupRole) == ["both"] * 4 + ["pre"] * 2 + ["post"] * 2 + ["none"] * 2
    )
    assert [row for row in range(model.rowCount())
            if model.index(row, 0).data(GroupHeadingRole)] == [0, 4, 6, 8]  # fmt: skip
    assert texts(model, P_SEX)[1:4] == ["Woman", "Man", "Woman"]
    assert texts(model, P_PRE) == [None, "0% (0/3)", "33% (1/3)", "33% (1/3)", None, "100% (3/3)",
                                   None, "not taken", None, "not taken"]  # fmt: skip
    assert texts(model, P_POST) == [None, "33% (1/3)", "67% (2/3)", "100% (3/3)", None,
                                    "not taken", None, "33% (1/3)", None, "not taken"]  # fmt: skip
    assert texts(model, P_GAIN) == [None, "+33", "+33", "+67", None, "—", None, "—", None, "—"]
    assert texts(model, P_NORMALISED) == [None, "33%", "50%", "100%", None, "—", None, "—", None,
                                          "—"]  # fmt: skip
    assert model.index(1, P_PRE).data(Qt.ItemDataRole.ToolTipRole) == (
        "0 of 3 points · 3 of 3 questions answered · on paper"
    )
    # A group's heading spans the table and cannot be selected.
    assert view.participants_table.columnSpan(4, 0) == model.columnCount()
    assert not model.flags(model.index(4, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_sorting_orders_people_within_their_group(view):
    table = view.participants_table
    model = view.participants_model
    table.sortByColumn(P_GAIN, Qt.SortOrder.DescendingOrder)
    assert texts(model, P_NAME)[:4] == ["Both tests (3 people)", "TRAORÉ Awa", "DIARRA Fatoumata",
                                        "KEÏTA Moussa"]  # fmt: skip
    assert texts(model, P_NAME, GroupRole)[4:] == ["pre", "pre", "post", "post", "none", "none"]
    table.sortByColumn(P_PRE, Qt.SortOrder.AscendingOrder)
    assert texts(model, P_NAME)[1:4] == ["DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]
    assert view.participants_table.columnSpan(4, 0) == model.columnCount()  # spans follow
    # The order survives a refresh.
    view.refresh()
    assert texts(model, P_NAME)[1:4] == ["DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]
    table.sortByColumn(P_NAME, Qt.SortOrder.DescendingOrder)
    assert texts(model, P_NAME)[1:4] == ["TRAORÉ Awa", "KEÏTA Moussa", "DIARRA Fatoumata"]


def test_the_questions_table_shows_item_statistics_and_flags(qtmodeltester, view):
    model = view.questions_model
    qtmodeltester.check(model)
    assert texts(model, Q_NUMBER) == ["1", "2", "3"]
    assert texts(model, Q_PRE) == ["50%", "50%", "25%"]
    assert texts(model, Q_POST) == ["75%", "75%", "25%"]
    assert texts(model, Q_CHANGE) == ["+25", "+25", "0"]
    assert texts(model, Q_FACILITY_PRE) == ["50%", "50%", "25%"]
    assert texts(model, Q_FACILITY_POST) == ["75%", "75%", "25%"]
    assert texts(model, Q_DISCR_PRE) == ["30", "30", "82"]
    assert texts(model, Q_DISCR_POST) == ["0", "0", "58"]
    assert texts(model, Q_NUMBER, FlagsRole) == [{CHECK_WORDING}, {CHECK_WORDING}, {NOT_LEARNED}]
    # The first words, the whole question in the tooltip with what to look at.
    assert texts(model, Q_TEXT)[1] == "La torture est permise en cas d'urgence."
    assert texts(model, Q_TEXT)[0].startswith("Qui peut prolonger") and \
        texts(model, Q_TEXT)[0].endswith("…") and len(texts(model, Q_TEXT)[0]) <= 120  # fmt: skip
    tooltip = model.index(0, Q_TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert "lui-même ?" in tooltip and "check the wording" in tooltip
    assert model.index(2, Q_POST).data(Qt.ItemDataRole.ToolTipRole) == (
        "Few got it right even after the training"
    )
    # Colours: the row of a question not learned, the cell of a weak discrimination index.
    tint = Qt.ItemDataRole.BackgroundRole
    assert model.index(2, Q_TEXT).data(tint) is not None
    assert model.index(0, Q_DISCR_POST).data(tint) is not None
    assert model.index(0, Q_DISCR_PRE).data(tint) is None
    assert model.index(0, Q_TEXT).data(tint) is None
    assert view.legend_texts == [
        "Few got it right even after the training",
        "Strong participants got it wrong as often as weak ones: check the wording",
    ]


def test_sorting_questions_keeps_missing_values_last(view):
    view.questions_table.sortByColumn(Q_DISCR_POST, Qt.SortOrder.AscendingOrder)
    assert texts(view.questions_model, Q_NUMBER) == ["1", "2", "3"]
    view.questions_table.sortByColumn(Q_DISCR_PRE, Qt.SortOrder.DescendingOrder)
    assert texts(view.questions_model, Q_NUMBER) == ["3", "1", "2"]


def test_the_charts_show_the_distribution_and_each_question(view):
    histogram = view.histogram
    assert [s.name for s in histogram.series] == ["Pre-test", "Post-test"]
    assert histogram.series[0].values == [1, 0, 0, 2, 0, 0, 0, 0, 0, 1]  # 0, 33.3 ×2, 100
    assert histogram.series[1].values == [0, 0, 0, 2, 0, 0, 1, 0, 0, 1]  # 33.3 ×2, 66.7, 100
    assert histogram.categories[3] == "Scores from 30% to under 40%"
    assert histogram.categories[9] == "Scores from 90% to 100%"
    questions = view.question_chart
    assert questions.categories == ["1", "2", "3"]
    assert questions.series[0].values == [50, 50, 25]
    assert questions.series[1].values == [75, 75, 25]
    assert questions.tooltips[1] == "2. La torture est permise en cas d'urgence."
    bar = questions.bars()[1].rect.center()
    assert questions.tooltip_at(bar.x()).endswith("Pre-test: 50%\nPost-test: 75%")
    assert histogram.tooltip_at(histogram.bars()[0].rect.center().x()) == (
        "Scores from 0% to under 10%\nPre-test: 1 person\nPost-test: 0 people"
    )


def test_the_view_fits_a_laptop_screen_and_tables_show_every_row(qtbot, view):
    view.show()
    qtbot.waitExposed(view)
    for chart in (view.histogram, view.question_chart):
        assert chart.width() > 300 and chart.height() >= 260
    table = view.participants_table
    assert table.height() >= table.verticalHeader().length() + table.horizontalHeader().height()
    assert table.verticalScrollBar().maximum() == 0
    image = view.grab().toImage()
    assert (image.width(), image.height()) == (1366, 768)


def test_the_wheel_over_a_table_scrolls_the_page(qtbot, view):
    view.resize(1366, 500)
    view.show()
    qtbot.waitExposed(view)
    page = view.scroll.verticalScrollBar()
    assert page.maximum() > 0 and page.value() == 0
    viewport = view.participants_table.viewport()
    event = QWheelEvent(QPointF(20, 20), QPointF(viewport.mapToGlobal(QPoint(20, 20))), QPoint(),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(viewport, event)
    assert page.value() > 0


# -- when nothing or part is there -------------------------------------------------------------


def test_a_session_without_tests_says_so(qtbot, workspace, runner, session):
    view = QuizResultsView(workspace, runner, session.id)
    qtbot.addWidget(view)
    assert view.empty_label.isVisibleTo(view) and not view.scroll.isVisibleTo(view)
    assert view.empty_label.text() == ("No quiz is chosen yet for this session's pre-test or "
                                       "post-test.")  # fmt: skip


def test_tests_nobody_took_yet_say_so(qtbot, workspace, runner, session, quiz):
    person = workspace.participants.create_and_enrol(session.id, family_name="Traoré",
                                                     given_names="Awa", sex="woman")  # fmt: skip
    workspace.quizzes.start_attempt(person.enrolment.id, "pre")  # opened on the kiosk, left
    view = QuizResultsView(workspace, runner, session.id)
    qtbot.addWidget(view)
    assert view.empty_label.isVisibleTo(view)
    assert view.empty_label.text().startswith("No one has taken the pre-test or the post-test yet.")
    assert view.participants_model.rowCount() == 0


def test_only_the_pre_test_taken_shows_what_there_is(qtbot, workspace, runner, session, quiz):
    person = workspace.participants.create_and_enrol(session.id, family_name="Traoré",
                                                     given_names="Awa", sex="woman")  # fmt: skip
    take(workspace, person.enrolment.id, "pre", (1, 1, 0))
    view = QuizResultsView(workspace, runner, session.id)
    qtbot.addWidget(view)
    assert view.headline.text() == "Average score before the training: 67%"
    assert view.summary_labels[("post", "mean")].text() == "—"
    assert view.summary_labels[("gain", "count")].text() == "0"
    assert view.gain_note.text() == "Gains appear once people have taken both tests."
    assert texts(view.questions_model, Q_POST) == ["—", "—", "—"]
    assert texts(view.questions_model, Q_NUMBER, FlagsRole) == [set(), set(), set()]
    assert view.question_chart.series[1].values == [None, None, None]


# -- staying current ---------------------------------------------------------------------------


def test_the_view_refreshes_when_answers_change(qtbot, workspace, runner, view, answered):
    view.show()
    qtbot.waitExposed(view)
    maiga = next(p for p in workspace.participants.enrolled(answered.id)
                 if p.participant.family_name == "Maïga")  # fmt: skip
    outcome = runner.run(view, workspace.quizzes.enter_paper_answer, maiga.enrolment.id, "pre",
                         view.results.questions[0].question.key, "a",
                         changes={operations.QUIZZES})  # fmt: skip
    assert outcome.ok
    assert view.summary_labels[("pre", "count")].text() == "5"
    assert "MAÏGA Ibrahim" in texts(view.participants_model, P_NAME)[:5]  # now in "both tests"


def test_a_hidden_view_refreshes_when_shown_again(qtbot, workspace, runner, view, answered):
    view.hide()
    sangare = next(p for p in workspace.participants.enrolled(answered.id)
                   if p.participant.family_name == "Sangaré")  # fmt: skip
    take(workspace, sangare.enrolment.id, "post", (1, 1, 1))
    runner.changed.emit(frozenset({operations.QUIZZES}), None)
    assert view.summary_labels[("post", "count")].text() == "4"  # not read while hidden
    runner.changed.emit(frozenset({operations.ATTENDANCE}), None)
    view.show()
    qtbot.waitExposed(view)
    assert view.summary_labels[("post", "count")].text() == "5"


@pytest.mark.parametrize(("text", "text_format", "plain"), [
    ("<p>Citez l'<b>autorité</b>\ncompétente.</p>", "html", "Citez l'autorité compétente."),
    ("**Qui** contrôle les *lieux* de détention ?", "markdown", "Qui contrôle les lieux de détention ?"),
    ("Moins de 48 h < 72 h ?", "plain", "Moins de 48 h < 72 h ?"),
])  # fmt: skip
def test_questions_are_listed_as_plain_text_whatever_their_format(text, text_format, plain):
    assert question_plain_text(Question(kind="single", text=text, text_format=text_format)) == plain


def test_models_work_without_a_view(qtmodeltester, workspace, answered):
    results = workspace.quizzes.results(answered.id)
    participants = ParticipantResultsModel()
    participants.set_results(results.participants)
    questions = QuestionResultsModel()
    questions.set_rows(results.questions)
    for model in (participants, questions):
        qtmodeltester.check(model)
        model.sort(2, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
        assert model.index(0, 0, QModelIndex()).isValid()
    assert participants.headerData(P_NORMALISED, Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.ToolTipRole).startswith("Share of what")  # fmt: skip
