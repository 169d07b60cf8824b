"""The evaluation results view, checked against figures worked out by hand.

A named form (so the results can be split by sex), three responses:

=================  =======  ========  ======  =========  =====  ===============
person             overall  role      topics  recommend  years  comments
=================  =======  ========  ======  =========  =====  ===============
TRAORÉ Awa (w)     5        police    a b     yes        10     Très utile
KEÏTA Moussa (m)   4        gendarme  b       yes        4      —
DIARRA Fatou (w)   2        police    a c     no         1      Trop court
=================  =======  ========  ======  =========  =====  ===============

overall: counts 0, 1, 0, 1, 1 over points 1..5; mean 11 / 3 = 3.67; satisfied (4 or 5) 2 of 3 =
67 %. Women: 5, 2 → mean 3.5, 50 %; men: 4 → 4, 100 %.
role: police 2 (67 %), gendarme 1 (33 %). topics (several possible): a 2 (67 %), b 2 (67 %),
c 1 (33 %). recommend: yes 2 (67 %), no 1 (33 %). years: 3 answers, mean 5, lowest 1, highest 10.
"""

from __future__ import annotations

import datetime as dt

import pytest

from trainer_desktop.core.form_content import FormChoice, FormItem
from trainer_desktop.ui import operations
from trainer_desktop.ui.evaluation_results import EvaluationResultsView, ItemBlock, table_texts

pytestmark = pytest.mark.usefixtures("boxes")

SCALE = ("Pas du tout satisfait", "Pas satisfait", "Moyen", "Satisfait", "Très satisfait")


def fr(text: str) -> dict[str, str]:
    return {"fr": text}


ITEMS = [
    FormItem("heading", "part1", fr("La formation dans son ensemble")),
    FormItem("rating", "overall", fr("Êtes-vous satisfait de la formation ?"), required=True,
             point_labels=tuple(fr(t) for t in SCALE)),
    FormItem("single", "role", fr("Votre corps"),
             choices=(FormChoice("police", fr("Police nationale")),
                      FormChoice("gendarme", fr("Gendarmerie")))),
    FormItem("multiple", "topics", fr("Thèmes les plus utiles"),
             choices=(FormChoice("a", fr("Garde à vue")), FormChoice("b", fr("Usage de la force")),
                      FormChoice("c", fr("Droits des femmes et des enfants en détention")))),
    FormItem("yesno", "recommend", fr("Recommanderiez-vous cette formation ?")),
    FormItem("note", "thanks", fr("Merci de répondre franchement.")),
    FormItem("integer", "years", fr("Années de service")),
    FormItem("longtext", "comments", fr("Vos commentaires")),
]  # fmt: skip

PEOPLE = [
    ("Traoré", "Awa", "woman", {"overall": "5", "role": "police", "topics": "a b",
                                "recommend": "yes", "years": "10", "comments": "Très utile"}),
    ("Keïta", "Moussa", "man", {"overall": "4", "role": "gendarme", "topics": "b",
                                "recommend": "yes", "years": "4"}),
    ("Diarra", "Fatou", "woman", {"overall": "2", "role": "police", "topics": "a c",
                                  "recommend": "no", "years": "1", "comments": "Trop court"}),
]  # fmt: skip


@pytest.fixture
def setup(workspace):
    session = workspace.sessions.create(title="Droits humains et garde à vue — Ségou",
                                        start_date=dt.date(2025, 3, 10),
                                        end_date=dt.date(2025, 3, 12))  # fmt: skip
    form = workspace.evaluations.create("Évaluation de fin de formation", "fr", ITEMS,
                                        anonymous=False)  # fmt: skip
    workspace.evaluations.use(session.id, form.id)
    enrolments = []
    for family, given, sex, _answers in PEOPLE:
        person = workspace.participants.create_and_enrol(session.id, family_name=family,
                                                         given_names=given, sex=sex)  # fmt: skip
        enrolments.append(person.enrolment.id)
    return workspace, session, form, enrolments


def answer_all(workspace, session, form, enrolments) -> None:
    for (_f, _g, _s, answers), enrolment in zip(PEOPLE, enrolments, strict=True):
        workspace.evaluations.enter_response(session.id, form.id, answers, enrolment_id=enrolment)


def block(view: EvaluationResultsView, name: str) -> ItemBlock:
    return next(b for b in view.blocks if b.item.name == name)


def test_empty_state(qtbot, runner, setup) -> None:
    workspace, session, form, _enrolments = setup
    view = EvaluationResultsView(workspace, runner, session.id, form.id)
    qtbot.addWidget(view)
    view.show()
    assert view.empty_label.isVisible()
    assert view.empty_label.text() == "No response yet"
    assert not view.scroll.isVisible()
    assert view.count_label.text() == "0 responses"
    assert not view.by_sex.isVisible()
    assert view.blocks == []


def test_figures_worked_out_by_hand(qtbot, runner, setup) -> None:
    workspace, session, form, enrolments = setup
    answer_all(workspace, session, form, enrolments)
    view = EvaluationResultsView(workspace, runner, session.id, form.id)
    qtbot.addWidget(view)
    view.show()
    assert not view.empty_label.isVisible()
    assert view.title.text() == "Évaluation de fin de formation"
    assert view.count_label.text() == "3 responses"
    # form order; the heading is a section title, the note is left out
    assert [b.item.name for b in view.blocks] == ["part1", "overall", "role", "topics",
                                                 "recommend", "years", "comments"]  # fmt: skip
    assert block(view, "part1").title.text() == "La formation dans son ensemble"
    assert block(view, "part1").chart is None

    overall = block(view, "overall")
    assert overall.title.text() == "Êtes-vous satisfait de la formation ?"
    assert overall.figures["mean"].text() == "3.67"
    assert overall.figures["satisfied"].text() == "67%"
    # a label longer than fits under a bar: points numbered, the scale spelt out beside
    assert overall.chart.categories == ["1", "2", "3", "4", "5"]
    assert list(overall.chart.series[0].values) == [0, 1, 0, 1, 1]
    assert overall.chart.tooltips[0] == "1 – Pas du tout satisfait"
    assert "5 = Très satisfait" in overall.scale_legend.text()
    assert overall.chart.maximum >= 1

    role = block(view, "role")
    assert role.chart.categories == ["Police nationale", "Gendarmerie"]
    assert list(role.chart.series[0].values) == [2, 1]
    assert table_texts(role.table) == [["Police nationale", "2", "67%"],
                                       ["Gendarmerie", "1", "33%"]]  # fmt: skip
    assert "Police nationale: Number of people 2 (67%)" in role.chart.describe()

    topics = block(view, "topics")
    assert "several answers possible" in topics.answered_label.text()
    # one label is too long for the axis: numbered, spelt out in the table
    assert topics.chart.categories == ["1", "2", "3"]
    assert list(topics.chart.series[0].values) == [2, 2, 1]
    assert table_texts(topics.table) == [
        ["1. Garde à vue", "2", "67%"], ["2. Usage de la force", "2", "67%"],
        ["3. Droits des femmes et des enfants en détention", "1", "33%"]]  # fmt: skip

    recommend = block(view, "recommend")
    assert recommend.chart.categories == ["Yes", "No"]
    assert table_texts(recommend.table) == [["Yes", "2", "67%"], ["No", "1", "33%"]]
    assert "several" not in recommend.answered_label.text()

    years = block(view, "years")
    assert {k: v.text() for k, v in years.figures.items()} == {
        "count": "3", "mean": "5", "minimum": "1", "maximum": "10"}  # fmt: skip

    comments = block(view, "comments")
    listed = [comments.texts.item(i).text() for i in range(comments.texts.count())]
    assert sorted(listed) == ["Trop court", "Très utile"]  # same second: any order
    assert comments.answered_label.text() == "2 answers"


def test_by_sex_toggle(qtbot, runner, setup) -> None:
    workspace, session, form, enrolments = setup
    answer_all(workspace, session, form, enrolments)
    view = EvaluationResultsView(workspace, runner, session.id, form.id)
    qtbot.addWidget(view)
    view.show()
    assert view.by_sex.isVisible()
    overall = block(view, "overall")
    assert table_texts(overall.sex_table) == [["Woman", "2", "3.5", "50%"],
                                              ["Man", "1", "4", "100%"]]  # fmt: skip
    assert not overall.sex_table.isVisible()
    assert all(b.sex_table is None for b in view.blocks if b.item.name != "overall")
    view.by_sex.setChecked(True)
    assert block(view, "overall").sex_table.isVisible()
    view.runner.changed.emit(frozenset({operations.EVALUATIONS}), None)  # rebuilt: stays shown
    assert block(view, "overall").sex_table.isVisible()
    view.by_sex.setChecked(False)
    assert not block(view, "overall").sex_table.isVisible()


def test_anonymous_form_has_no_split_by_sex(qtbot, runner, workspace) -> None:
    session = workspace.sessions.create(title="Atelier", start_date=dt.date(2025, 5, 5),
                                        end_date=dt.date(2025, 5, 5))  # fmt: skip
    form = workspace.evaluations.create("Avis", "fr", ITEMS[1:2])
    workspace.evaluations.use(session.id, form.id)
    for point in ("4", "5"):
        workspace.evaluations.enter_response(session.id, form.id, {"overall": point})
    view = EvaluationResultsView(workspace, runner, session.id, form.id)
    qtbot.addWidget(view)
    view.show()
    assert not view.by_sex.isVisible()
    assert block(view, "overall").figures["mean"].text() == "4.5"
    assert block(view, "overall").figures["satisfied"].text() == "100%"
    assert block(view, "overall").sex_table is None


def test_refreshes_on_a_new_response_and_across_sessions(qtbot, runner, setup) -> None:
    workspace, session, form, enrolments = setup
    view = EvaluationResultsView(workspace, runner, session.id, form.id)
    qtbot.addWidget(view)
    view.show()
    assert view.empty_label.isVisible()
    answer_all(workspace, session, form, enrolments)
    runner.changed.emit(frozenset({operations.QUIZZES}), None)  # not ours: nothing read
    assert view.empty_label.isVisible()
    runner.run(None, workspace.evaluations.enter_response, session.id, form.id,
               {"overall": "3"}, enrolment_id=enrolments[0], changes={operations.EVALUATIONS})  # fmt: skip
    assert view.count_label.text() == "4 responses"
    assert list(block(view, "overall").chart.series[0].values) == [0, 1, 1, 1, 1]
    assert block(view, "overall").figures["mean"].text() == "3.5"

    other = workspace.sessions.create(title="Kayes", start_date=dt.date(2025, 4, 1),
                                      end_date=dt.date(2025, 4, 2))  # fmt: skip
    workspace.evaluations.use(other.id, form.id)
    person = workspace.participants.create_and_enrol(other.id, family_name="Sangaré",
                                                     given_names="Mariam", sex="woman")  # fmt: skip
    workspace.evaluations.enter_response(other.id, form.id, {"overall": "5"},
                                         enrolment_id=person.enrolment.id)  # fmt: skip
    view.hide()
    runner.changed.emit(frozenset({operations.EVALUATIONS}), None)
    view.show()  # stale while hidden: read again when shown
    assert view.count_label.text() == "4 responses"
    view.all_sessions.setChecked(True)
    assert view.count_label.text() == "5 responses · from 2 sessions"
    assert list(block(view, "overall").chart.series[0].values) == [0, 1, 1, 1, 2]
    view.all_sessions.setChecked(False)
    assert view.count_label.text() == "4 responses"


def test_set_form(qtbot, runner, setup) -> None:
    workspace, session, form, enrolments = setup
    answer_all(workspace, session, form, enrolments)
    other = workspace.evaluations.create("Autre formulaire", "fr", ITEMS[1:2])
    view = EvaluationResultsView(workspace, runner, session.id, other.id)
    qtbot.addWidget(view)
    assert view.title.text() == "Autre formulaire"
    assert view.results.responses == 0
    view.set_form(form.id)
    assert view.title.text() == "Évaluation de fin de formation"
    assert view.results.responses == 3
