"""The ready evaluation forms: well formed, in French and English, installed once; and the demo's
responses to them."""

from __future__ import annotations

import pytest

from trainer_desktop.core import i18n
from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.evaluations import FormAnswer, FormResponse
from trainer_desktop.core.form_analysis import sex_item
from trainer_desktop.core.form_content import check_items
from trainer_desktop.core.ready_forms import (
    DAILY_MOOD,
    END_OF_SESSION,
    READY_FORMS,
    install_ready_forms,
)

SEVARE = demo_id("real/opj-sevare-2022")
REAL = [demo_id(k) for k in ("real/opj-sevare-2022", "real/opj-segou-2022",
                             "real/mnp-rabat-2019", "real/glo-act-rabat-2019")]  # fmt: skip


def _texts(form):
    """Every text of a form: (where, {language: text})."""
    yield "title", form.title
    yield "description", form.description
    for item in form.items:
        yield item.name, item.label
        if item.hint:
            yield f"{item.name}/hint", item.hint
        for choice in item.choices:
            yield f"{item.name}/{choice.name}", choice.label
        for point, label in enumerate(item.point_labels, start=1):
            yield f"{item.name}/{point}", label


@pytest.mark.parametrize("form", READY_FORMS, ids=lambda f: f.key)
def test_ready_forms_are_well_formed_and_in_french_and_english(form):
    content = check_items(form.items)
    assert [i.name for i in content.items] == [i.name for i in form.items]
    for where, texts in _texts(form):
        assert set(texts) == {"fr", "en"}, where
        assert all(t.strip() for t in texts.values()), where
    for item in form.items:
        if item.kind == "rating":
            assert len(item.point_labels) == item.points == 5, item.name
    assert form.values("fr")["anonymous"] is True


def test_the_end_of_session_form_asks_what_the_brief_lists():
    items = {i.name: i for i in END_OF_SESSION.items}
    ratings = [n for n, i in items.items() if i.kind == "rating"]
    assert ratings == ["objectives", "relevance", "clarity", "mastery", "interaction",
                       "organisation", "room", "meals", "transport", "overall"]  # fmt: skip
    assert items["objectives"].point_labels[0]["fr"] == "Pas du tout d'accord"
    assert items["objectives"].point_labels[-1]["en"] == "Strongly agree"
    assert [i.kind for i in END_OF_SESSION.items].count("heading") == 4
    assert [c.name for c in items["length"].choices] == ["too_short", "right", "too_long"]
    assert items["useful"].kind == "multiple" and len(items["useful"].choices) == 5
    assert items["recommend"].kind == "yesno"
    assert items["improve"].kind == items["comments"].kind == "longtext"
    # The sex is optional and named so that the results can be read by sex; its choices are
    # the participants' own codes.
    assert sex_item(check_items(END_OF_SESSION.items)) is items["sex"]
    assert not items["sex"].required
    assert [c.name for c in items["sex"].choices] == ["woman", "man", "unstated"]
    assert not any(i.required for i in END_OF_SESSION.items)


def test_the_mood_check_shows_faces():
    mood, pace, word = DAILY_MOOD.items
    assert (mood.kind, mood.points, mood.faces) == ("rating", 5, True)
    assert [c.name for c in pace.choices] == ["too_slow", "right", "too_fast"]
    assert word.kind == "text"


def test_installing_twice_adds_nothing(workspace):
    added = install_ready_forms(workspace)
    assert sorted(f.id for f in added) == sorted(f.id for f in READY_FORMS)
    assert install_ready_forms(workspace) == []
    forms = workspace.evaluations.list_forms()
    assert len(forms) == 2
    # English interface: English titles; the items hold both languages whatever the title.
    assert {f.title for f in forms} == {"End-of-session evaluation", "Daily mood check"}
    assert all(f.anonymous and f.language == "en" for f in forms)
    assert (
        workspace.evaluations.get(END_OF_SESSION.id).content.items
        == check_items(END_OF_SESSION.items).items
    )


def test_titles_follow_the_interface_language(workspace):
    i18n.set_language("fr")
    install_ready_forms(workspace)
    assert workspace.evaluations.get(END_OF_SESSION.id).title == "Évaluation de fin de session"
    assert workspace.evaluations.get(DAILY_MOOD.id).language == "fr"


def test_a_ready_form_the_user_deleted_stays_deleted(workspace):
    install_ready_forms(workspace)
    workspace.evaluations.delete(DAILY_MOOD.id)
    assert install_ready_forms(workspace) == []
    assert [f.id for f in workspace.evaluations.list_forms()] == [END_OF_SESSION.id]


def test_a_ready_form_can_be_filled_in(workspace):
    install_ready_forms(workspace)
    session = workspace.sessions.create(title="Atelier", start_date=_date(1), end_date=_date(2))
    response = workspace.evaluations.enter_response(
        session.id, END_OF_SESSION.id, {"overall": "5", "useful": "group_work case_studies",
                                        "recommend": "yes", "sex": "woman"})  # fmt: skip
    assert workspace.evaluations.answers(response.id)["useful"] == "case_studies group_work"
    assert response.enrolment_id is None


def _date(day):
    import datetime as dt

    return dt.date(2024, 3, day)


# --- the demo -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory, template_db):
    from workspaces import clone_template

    workspace = clone_template(
        template_db, tmp_path_factory.mktemp("ready") / "demo.sqlite", "demo"
    )
    result = load_demo(workspace)
    yield workspace, result
    workspace.close()


def test_the_demo_installs_the_ready_forms_and_uses_them_in_the_real_sessions(demo):
    workspace, result = demo
    assert result.forms_created == 2
    assert {f.id for f in workspace.evaluations.list_forms()} >= {f.id for f in READY_FORMS}
    assert workspace.evaluations.get(END_OF_SESSION.id).title == "Évaluation de fin de session"
    for session_id in REAL:
        used = {f.id for f in workspace.evaluations.session_forms(session_id)}
        assert used == {END_OF_SESSION.id, DAILY_MOOD.id}
    assert result.form_responses_created > 300 and result.form_answers_created > 1500


def test_sevare_results_are_plausible(demo):
    workspace, _result = demo
    results = workspace.evaluations.results(END_OF_SESSION.id, [SEVARE])
    assert 25 <= results.responses <= 38  # of the 38 officers, most handed it in
    items = {a.item.name: a for a in results.items}
    overall = items["overall"]
    assert 3.8 <= overall.mean <= 4.6
    assert 0.6 <= overall.satisfied <= 0.95
    # The heat and the room: logistics clearly below the content.
    assert items["room"].mean < items["relevance"].mean - 0.8
    assert items["room"].satisfied < 0.5
    assert items["recommend"].percent("yes") > 75
    assert any("chaud" in t or "chaleur" in t.casefold() for t in items["improve"].texts)
    assert any("per diem" in t for t in items["improve"].texts)
    # Anonymous, yet readable by sex: a minority of women, as in the field.
    assert set(results.by_sex) <= {"woman", "man", "unstated"}
    by_sex = {
        sex: next(a for a in items if a.item.name == "overall")
        for sex, items in results.by_sex.items()
    }
    assert set(by_sex) == {"woman", "man", "unstated"}
    assert 0 < by_sex["woman"].answered < by_sex["man"].answered / 3
    moods = workspace.evaluations.results(DAILY_MOOD.id, [SEVARE])
    mood = next(a for a in moods.items if a.item.name == "mood")
    assert moods.responses > 60  # three days
    assert 3.3 <= mood.mean <= 4.5


def test_the_demo_responses_name_nobody(demo):
    workspace, _result = demo
    with workspace.db.read() as tx:
        responses = tx.query(FormResponse).all()
        assert responses and all(r.enrolment_id is None and r.submitted_at for r in responses)
        assert tx.query(FormAnswer).count() > 0


def test_loading_the_demo_again_adds_no_response(demo):
    workspace, _result = demo
    again = load_demo(workspace)
    assert again.forms_created == again.form_responses_created == again.form_answers_created == 0


def test_a_ready_form_deleted_before_the_demo_gets_no_responses(workspace):
    install_ready_forms(workspace)
    workspace.evaluations.delete(DAILY_MOOD.id)
    result = load_demo(workspace)
    assert result.forms_created == 0
    assert workspace.evaluations.responses(DAILY_MOOD.id) == []
    assert workspace.evaluations.results(END_OF_SESSION.id).responses > 0
