"""Evaluation forms in the core: items and their checks, responses (anonymous or named), and the
analysis against figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from trainer_desktop.core.errors import NeedsConfirmation, NotFoundError, ValidationError
from trainer_desktop.core.export_json import export_records
from trainer_desktop.core.form_content import FormChoice, FormItem, check_items

FR = "fr"


def t(text: str) -> dict[str, str]:
    return {FR: text}


ITEMS = [
    FormItem("heading", "content", t("Contenu")),
    FormItem("rating", "objectives", t("Les objectifs ont été atteints"), required=True, points=5,
             point_labels=tuple(t(x) for x in ("Pas du tout", "Peu", "Moyennement", "Bien", "Très bien"))),
    FormItem("single", "logistics", t("Logistique"),
             choices=(FormChoice("good", t("Bonne")), FormChoice("fair", t("Moyenne")), FormChoice("poor", t("Mauvaise")))),
    FormItem("multiple", "best", t("Modules préférés"),
             choices=(FormChoice("a", t("Garde à vue")), FormChoice("b", t("Usage de la force")),
                      FormChoice("c", t("Torture")))),
    FormItem("yesno", "recommend", t("Recommanderiez-vous la formation ?")),
    FormItem("integer", "age", t("Âge")),
    FormItem("longtext", "improve", t("Que faudrait-il améliorer ?")),
    FormItem("single", "sex", t("Sexe"), choices=(FormChoice("woman", t("Femme")), FormChoice("man", t("Homme")))),
]  # fmt: skip
RESPONSES = [
    {"objectives": "5", "logistics": "good", "best": "b a", "recommend": "yes", "age": "30",
     "improve": "Plus de pratique", "sex": "woman"},
    {"objectives": "4", "logistics": "fair", "best": "a", "recommend": "yes", "age": "40", "sex": "man"},
    {"objectives": "2", "logistics": "good", "best": "c", "recommend": "no",
     "improve": "Salle trop chaude", "sex": "woman"},
]  # fmt: skip


def _session(workspace):
    return workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                     end_date=dt.date(2024, 3, 6))  # fmt: skip


def test_the_analysis_matches_the_hand_computed_figures(workspace):
    session = _session(workspace)
    form = workspace.evaluations.create("Fin de session", FR, ITEMS)
    workspace.evaluations.use(session.id, form.id)
    for answers in RESPONSES:
        workspace.evaluations.enter_response(session.id, form.id, answers)

    results = workspace.evaluations.results(form.id, [session.id])
    assert results.responses == 3 and results.per_session == {session.id: 3}
    items = {a.item.name: a for a in results.items}
    assert "content" not in items  # a heading takes no answer
    objectives = items["objectives"]
    assert objectives.counts == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    assert objectives.mean == pytest.approx(11 / 3)
    assert objectives.satisfied == pytest.approx(2 / 3)  # 4 and 5 of 5
    assert items["logistics"].counts == {"good": 2, "fair": 1, "poor": 0}
    assert items["logistics"].percent("good") == pytest.approx(200 / 3)
    assert items["best"].counts == {"a": 2, "b": 1, "c": 1}  # 133 % in all: several each
    assert items["recommend"].counts == {"yes": 2, "no": 1}
    age = items["age"]
    assert (age.answered, age.mean, age.minimum, age.maximum) == (2, 35, 30, 40)
    assert items["improve"].texts == ["Plus de pratique", "Salle trop chaude"]
    # the form asks the sex: the same figures for each group
    women = {a.item.name: a for a in results.by_sex["woman"]}
    assert women["objectives"].mean == pytest.approx(3.5) and women["objectives"].satisfied == 0.5
    assert {a.item.name: a for a in results.by_sex["man"]}["objectives"].mean == 4


def test_an_anonymous_response_names_nobody_and_a_named_one_needs_the_person(workspace):
    session = _session(workspace)
    person = workspace.participants.create_and_enrol(session.id, family_name="Traoré", sex="woman")
    anonymous = workspace.evaluations.create("Humeur du jour", FR, ITEMS[:2])
    response = workspace.evaluations.start_response(session.id, anonymous.id, "kiosk", person.enrolment.id)
    assert response.enrolment_id is None
    named = workspace.evaluations.create("Évaluation nominative", FR, ITEMS[:2], anonymous=False)
    with pytest.raises(ValidationError, match="choose the person"):
        workspace.evaluations.start_response(session.id, named.id, "kiosk")
    response = workspace.evaluations.enter_response(session.id, named.id, {"objectives": "5"},
                                                    enrolment_id=person.enrolment.id)  # fmt: skip
    results = workspace.evaluations.results(named.id)
    assert {a.item.name: a for a in results.by_sex["woman"]}["objectives"].mean == 5


def test_a_missing_required_item_is_refused_by_name_and_nothing_is_saved(workspace):
    session = _session(workspace)
    form = workspace.evaluations.create("Fin de session", FR, ITEMS)
    before = export_records(workspace.db)["tables"]
    with pytest.raises(ValidationError, match="“Les objectifs ont été atteints” must be answered"):
        workspace.evaluations.enter_response(session.id, form.id, {"logistics": "good"})
    with pytest.raises(ValidationError, match="whole number"):
        workspace.evaluations.enter_response(session.id, form.id, {"objectives": "4", "age": "trente"})
    with pytest.raises(ValidationError, match="not one of the choices"):
        workspace.evaluations.enter_response(session.id, form.id, {"objectives": "4", "logistics": "great"})
    assert export_records(workspace.db)["tables"] == before


def test_answers_are_committed_as_given_and_a_correction_is_a_new_answer(workspace):
    session = _session(workspace)
    form = workspace.evaluations.create("Fin de session", FR, ITEMS)
    response = workspace.evaluations.start_response(session.id, form.id)
    workspace.evaluations.answer(response.id, "objectives", "3")
    workspace.evaluations.answer(response.id, "objectives", "4")  # changed while answering
    empty = workspace.evaluations.start_response(session.id, form.id)
    with pytest.raises(ValidationError, match="must be answered"):  # the required scale
        workspace.evaluations.submit(empty.id)
    workspace.evaluations.submit(response.id)
    workspace.evaluations.answer(response.id, "objectives", "5")
    assert [(a.value, a.kind) for a in workspace.evaluations.history(response.id)] == [
        ("3", "answer"), ("4", "answer"), ("5", "correction")]
    assert workspace.evaluations.answers(response.id) == {"objectives": "5"}


def test_a_form_changed_after_responses_keeps_their_version(workspace):
    session = _session(workspace)
    form = workspace.evaluations.create("Fin de session", FR, ITEMS)
    first = workspace.evaluations.enter_response(session.id, form.id, {"objectives": "4"})
    with pytest.raises(NeedsConfirmation, match="1 response already answered"):
        workspace.evaluations.update(form.id, items=ITEMS[:2])
    workspace.evaluations.update(form.id, items=ITEMS[:2], confirmed=True)
    assert len(workspace.evaluations.content(first.version_id).items) == len(ITEMS)
    second = workspace.evaluations.start_response(session.id, form.id)
    assert len(workspace.evaluations.content(second.version_id).items) == 2
    with pytest.raises(NotFoundError):
        workspace.evaluations.answer(second.id, "logistics", "good")


@pytest.mark.parametrize(("item", "problem"), [
    (FormItem("single", "q", t("?"), choices=(FormChoice("a", t("A")),)), "at least two choices"),
    (FormItem("single", "q", t("?"), choices=(FormChoice("a", t("A")), FormChoice("a", t("B")))), "same name"),
    (FormItem("rating", "q", t("?"), points=7), "4 or 5 points"),
    (FormItem("text", "1q", t("?")), "must start with a letter"),
    (FormItem("text", "q", t(" ")), "no text"),
    (FormItem("slider", "q", t("?")), "unknown kind"),
])  # fmt: skip
def test_an_item_that_cannot_be_answered_is_refused_with_its_number(item, problem):
    with pytest.raises(ValidationError, match=problem) as refused:
        check_items([ITEMS[1], item])
    assert refused.value.message.startswith("Item 2:")


def test_every_evaluation_record_is_in_the_json_export(workspace):
    session = _session(workspace)
    form = workspace.evaluations.create("Fin de session", FR, ITEMS)
    workspace.evaluations.use(session.id, form.id, day=dt.date(2024, 3, 6))
    workspace.evaluations.enter_response(session.id, form.id, RESPONSES[0])
    tables = export_records(workspace.db)["tables"]
    for table in ("evaluation_form", "form_version", "session_form", "form_response", "form_answer"):
        assert tables[table], table
    assert [f.title for f in workspace.evaluations.session_forms(session.id)] == ["Fin de session"]
    with pytest.raises(ValidationError, match="used by 1 session"):
        workspace.evaluations.delete(form.id)


def test_anonymous_responses_travel_in_a_bundle_of_their_session(workspace, make_workspace, tmp_path):
    from trainer_desktop.bundles.exchange import export_bundle, import_bundles

    session = _session(workspace)
    form = workspace.evaluations.create("Fin de session", FR, ITEMS)
    workspace.evaluations.use(session.id, form.id)
    for answers in RESPONSES:
        workspace.evaluations.enter_response(session.id, form.id, answers)
    bundle = export_bundle(workspace, tmp_path / "segou", sessions=[session.id]).path
    coordinator = make_workspace("coordinator")
    [result] = import_bundles(coordinator, [bundle])
    assert result.status == "imported", result.message
    results = coordinator.evaluations.results(form.id)
    assert results.responses == 3
    assert {a.item.name: a for a in results.items}["objectives"].mean == pytest.approx(11 / 3)
