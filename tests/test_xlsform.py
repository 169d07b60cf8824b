"""XLSForm workbooks (core/xlsform.py) and ``trainer-desktop forms``: the workbooks Kobo users
make are read field by field, export → import gives the same items, every broken workbook is
refused with each problem's sheet and row and nothing created."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from trainer_desktop.cli.main import main
from trainer_desktop.core import i18n
from trainer_desktop.core.form_content import FormChoice, FormItem
from trainer_desktop.core.workspace import open_workspace
from trainer_desktop.core.xlsform import XLSFormError, read_xlsform, write_xlsform

DATA = Path(__file__).parent / "data" / "xlsform"


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def _by_name(form):
    return {i.name: i for i in form.items}


# --- good workbooks ---------------------------------------------------------------------------


def test_the_trilingual_satisfaction_form_is_read_field_by_field():
    form = read_xlsform(DATA / "satisfaction_fr_en_ar.xlsx")
    assert (form.title, form.form_key, form.version_label, form.language, form.anonymous) == (
        "Évaluation de fin de session",
        "eval_fin_session",
        "2024-05-21",
        "fr",
        True,
    )
    assert [(i.kind, i.name) for i in form.items] == [
        ("heading", "contenu"), ("rating", "utile"), ("rating", "clair"), ("heading", "rythme"),
        ("rating", "rythme_jours"), ("heading", "vous"), ("multiple", "themes"),
        ("integer", "annees"), ("yesno", "recommander"), ("note", "merci_note"),
        ("longtext", "suggestions")]  # fmt: skip
    items = _by_name(form)
    assert items["contenu"].label == {"fr": "Le contenu", "en": "The content", "ar": "المحتوى"}
    useful = items["utile"]
    assert useful.label == {"fr": "La formation m'a été utile", "en": "The training was useful",
                            "ar": "كان التدريب مفيدا"}  # fmt: skip
    assert useful.hint == {"fr": "Une seule réponse", "en": "One answer"}
    assert (useful.required, useful.points, useful.faces) == (True, 5, False)
    assert useful.point_labels[0] == {"fr": "Pas du tout d'accord", "en": "Strongly disagree",
                                      "ar": "غير موافق بشدة"}  # fmt: skip
    assert useful.point_labels[4]["en"] == "Strongly agree"
    assert items["clair"].required is True  # TRUE()
    pace = items["rythme_jours"]
    assert (pace.points, pace.faces, pace.required) == (4, True, True)  # "1", appearance faces
    assert [p["en"] for p in pace.point_labels] == [
        "Too slow",
        "A bit slow",
        "A bit fast",
        "Too fast",
    ]
    themes = items["themes"]
    assert themes.required is False and themes.choices == (
        FormChoice("garde_a_vue", {"fr": "Garde à vue", "en": "Police custody", "ar": "الحراسة النظرية"}),
        FormChoice("torture", {"fr": "Interdiction de la torture", "en": "Prohibition of torture",
                               "ar": "حظر التعذيب"}),
        FormChoice("genre", {"fr": "Genre", "en": "Gender", "ar": "النوع الاجتماعي"}))  # fmt: skip
    assert items["annees"].required is True  # a TRUE cell
    assert items["recommander"].choices == () and items["recommander"].required is False
    assert items["merci_note"].label["ar"] == "شكرا لمشاركتكم"


def test_the_daily_mood_check_with_plain_labels_takes_the_given_language():
    form = read_xlsform(DATA / "daily_mood.xlsx", language="fr")
    assert (form.title, form.form_key, form.version_label, form.language) == (
        "Humeur du jour",
        "humeur_jour",
        "",
        "fr",
    )
    mood, energy, word = form.items
    assert mood == FormItem("rating", "humeur", {"fr": "Comment vous sentez-vous ce matin ?"}, required=True,
                            points=5, faces=True,
                            point_labels=tuple({"fr": t} for t in ("Très mal", "Mal", "Moyen", "Bien",
                                                                   "Très bien")))  # fmt: skip
    # a likert list of words: point 1 is its first choice
    assert (energy.kind, energy.points, energy.required, energy.faces) == (
        "rating",
        4,
        False,
        False,
    )
    assert [p["fr"] for p in energy.point_labels] == ["Faible", "Moyenne", "Bonne", "Forte"]
    assert word == FormItem("text", "mot", {"fr": "Un mot sur la journée d'hier"})
    assert read_xlsform(DATA / "daily_mood.xlsx", language="en").items[0].label == {
        "en": "Comment vous sentez-vous ce matin ?"
    }


def test_a_kobo_export_skips_metadata_and_extra_columns():
    form = read_xlsform(DATA / "kobo_export.xlsx")
    assert (form.title, form.form_key, form.version_label, form.language) == (
        "Workshop feedback (Kobo)",
        "aBcD1234",
        "vQ7m9Xb3kTzL",
        "en",
    )
    assert [(i.kind, i.name, i.required) for i in form.items] == [
        ("heading", "workshop", False), ("rating", "overall", True), ("yesno", "again", False),
        ("decimal", "hours", False), ("single", "venue", False), ("text", "comment", False)]  # fmt: skip
    items = _by_name(form)
    assert items["overall"].points == 4  # names are number cells 1..4
    assert items["overall"].point_labels[3] == {"en": "Very satisfied", "fr": "Très satisfait"}
    assert items["venue"].choices[1] == FormChoice(
        "too_small", {"en": "Too small", "fr": "Trop petite"}
    )
    assert items["hours"].label == {"en": "Hours of travel", "fr": "Heures de trajet"}


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["satisfaction_fr_en_ar.xlsx", "daily_mood.xlsx", "kobo_export.xlsx"]
)
def test_export_then_import_gives_the_same_form(tmp_path, name):
    form = read_xlsform(DATA / name)
    out = tmp_path / "again.xlsx"
    write_xlsform(form, out)
    again = read_xlsform(out)
    assert again.items == form.items
    assert (again.title, again.form_key, again.version_label, again.language, again.anonymous) == (
        form.title,
        form.form_key,
        form.version_label,
        form.language,
        form.anonymous,
    )
    assert not list(tmp_path.glob("*.part"))


def test_export_writes_ratings_as_scales_and_a_label_starting_with_equals_as_text(tmp_path):
    items = [
        FormItem("rating", "q1", {"en": "Useful?"}, points=4),
        FormItem("text", "q2", {"en": "=1+1 is two"}),
        FormItem("yesno", "q3", {"en": "Again?"}),
    ]
    out = tmp_path / "form.xlsx"
    write_xlsform(("Named", "named_form", "3", "en", items), out)
    book = load_workbook(out)
    survey = [[c.value for c in row] for row in book["survey"].iter_rows()]
    assert survey[1][:2] == ["select_one scale4_q1", "q1"] and survey[1][-1] == "likert"
    assert book["survey"].cell(3, 3).data_type == "s"  # text, never run as a formula
    choices = [[c.value for c in row][:3] for row in book["choices"].iter_rows()]
    assert choices[1:5] == [["scale4_q1", str(n), str(n)] for n in range(1, 5)]
    assert choices[5:] == [["yesno", "yes", "Yes"], ["yesno", "no", "No"]]
    # ...which the import refuses, like any label a spreadsheet would run
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(out)
    assert refused.value.problems == ["survey, row 3: formula in a label"]


def test_labels_a_spreadsheet_could_run_are_exported_as_marked_text_and_come_back_unchanged(tmp_path):
    """OWASP's triggers other than "=" are ordinary label text ("- Pas du tout", "+ de 5 ans"):
    written as text cells with Excel's quote prefix, never formulas, and read back as written."""
    labels = ["- Pas du tout", "+ de 5 ans", "@ la maison", "\uff0b full-width plus"]
    items = [FormItem("text", f"q{n}", {"fr": label}) for n, label in enumerate(labels, 1)]
    out = tmp_path / "form.xlsx"
    write_xlsform(("Signes", "signes", "1", "fr", items), out)
    sheet = load_workbook(out)["survey"]
    cells = [sheet.cell(row, 3) for row in range(2, 2 + len(labels))]
    assert [c.value for c in cells] == labels
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    assert [item.label["fr"] for item in read_xlsform(out).items] == labels


# --- refusals ---------------------------------------------------------------------------------

BROKEN = {
    "broken_no_survey.xlsx": ["the workbook has no “survey” sheet."],
    "broken_columns.xlsx": ["survey: the “type” column is missing.", "survey: the “name” column is missing."],
    "broken_missing_list.xlsx": ["survey, row 3: the choices list “agree5” is missing.",
                                 "survey, row 4: the choices list “themes” is missing."],
    "broken_duplicates.xlsx": ["choices, row 4: the name “a” is already used in the list “l”.",
                               "survey, row 4: the name “nom” is already used (row 2)."],
    "broken_types.xlsx": ["survey, row 2: the type “geopoint” is not supported.",
                          "survey, row 3: the type “image” is not supported.",
                          "survey, row 4: the type “calculate” is not supported.",
                          "survey, row 5: the type “begin repeat” is not supported.",
                          "survey, row 7: the type “end repeat” is not supported.",
                          "survey, row 8: unknown type “barometer”.",
                          "survey, row 9: the type “select_one l or_other” is not supported."],
    "broken_formulas.xlsx": ["choices, row 3: formula in a label", "survey, row 2: formula in a label",
                             "survey, row 3: formula in a hint"],
    "broken_groups.xlsx": ["survey, row 2: “end group” without a “begin group” before it.",
                           "survey, row 3: “begin group” is never closed by an “end group”."],
    "broken_labels.xlsx": ["choices, row 3: the choice “b” has no label.",
                           "survey, row 2: “nom” has no label in any language."],
    "broken_items.xlsx": [("survey, row 2: Item 1: the name “mon nom” must start with a letter and "
                           "hold only letters, digits, _ - and . (at most 64)."),
                          "survey, row 3: Item 2: at least two choices are needed."],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_workbook_is_refused_with_every_problem(name):
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(DATA / name)
    assert refused.value.problems == BROKEN[name]
    message = refused.value.message
    assert message.startswith(f"{name} cannot be imported:")
    assert all(f"- {p}" in message for p in BROKEN[name])


def test_not_a_workbook_and_many_problems_are_summed_up(tmp_path):
    fake = tmp_path / "form.xlsx"
    fake.write_text("type,name\n", encoding="utf-8")
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(fake)
    assert refused.value.problems == ["cannot read the file: it is not an Excel workbook (.xlsx)."]
    many = XLSFormError([f"survey, row {n}: problem" for n in range(2, 27)], "f.xlsx")
    lines = many.message.splitlines()
    assert len(lines) == 22 and lines[-2] == "- survey, row 21: problem"
    assert lines[-1] == "and 5 more problems"


def test_required_and_anonymous_must_be_yes_or_no(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (
        ["type", "name", "label", "required"],
        ["text", "a", "A", "maybe"],
        ["text", "b", "B", "No"],
    ):
        survey.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "anonymous"])
    settings.append(["T", "perhaps"])
    book.save(tmp_path / "f.xlsx")
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(tmp_path / "f.xlsx")
    assert refused.value.problems == ["settings, row 2: “anonymous” must be yes or no.",
                                      "survey, row 2: “required” must be yes or no."]  # fmt: skip
    settings["B2"] = "no"
    survey["D2"] = "yes"
    book.save(tmp_path / "f.xlsx")
    form = read_xlsform(tmp_path / "f.xlsx")
    assert form.anonymous is False and [i.required for i in form.items] == [True, False]


# --- command line -----------------------------------------------------------------------------


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "forms", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_import_list_export_round_trip(capsys, tmp_path):
    db = tmp_path / "db.sqlite"
    code, out, err = _run(
        capsys, "import", "--db", str(db), str(DATA / "satisfaction_fr_en_ar.xlsx")
    )
    assert code == 0 and err == ""
    form_id, message = out.splitlines()
    assert message == "“Évaluation de fin de session”: 11 items imported."
    code, out, _err = _run(capsys, "list", "--db", str(db), "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row == {"id": form_id, "title": "Évaluation de fin de session", "language": "fr", "items": 11,
                   "anonymous": True, "form_key": "eval_fin_session", "version": "2024-05-21",
                   "responses": 0}  # fmt: skip
    code, out, _err = _run(capsys, "list", "--db", str(db))
    assert (
        code == 0 and "(fr, anonymous, 11 items, 0 responses)" in out and out.endswith("1 form\n")
    )
    exported = tmp_path / "out.xlsx"
    code, out, _err = _run(
        capsys, "export", "--db", str(db), "--form", form_id, "--out", str(exported)
    )
    assert code == 0 and out == f"11 items written to {exported}.\n"
    code, out, _err = _run(
        capsys, "import", "--db", str(db), str(exported), "--title", "Copy", "--json"
    )
    assert code == 0
    copy = json.loads(out)
    assert (copy["title"], copy["items"]) == ("Copy", 11)
    workspace = open_workspace(db)
    try:
        first, second = (workspace.evaluations.get(i).content for i in (form_id, copy["id"]))
    finally:
        workspace.close()
    assert first == second
    assert first.items == tuple(read_xlsform(DATA / "satisfaction_fr_en_ar.xlsx").items)


def test_cli_refuses_a_broken_workbook_with_every_problem_and_creates_nothing(capsys, tmp_path):
    db = tmp_path / "db.sqlite"
    code, out, err = _run(capsys, "import", "--db", str(db), str(DATA / "broken_types.xlsx"))
    assert code == 1 and out == ""
    assert err.startswith("trainer-desktop: broken_types.xlsx cannot be imported:")
    assert all(p in err for p in BROKEN["broken_types.xlsx"])
    assert not db.exists()  # refused before the database is opened
    code, out, _err = _run(capsys, "list", "--db", str(db))
    assert code == 0 and out == "No evaluation forms.\n"
