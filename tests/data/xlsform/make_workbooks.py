"""Writes the XLSForm workbooks the tests read (run once; the .xlsx files are committed):

    .venv/bin/python tests/data/xlsform/make_workbooks.py

Good ones in the shapes Kobo users make, and one broken workbook per kind of refusal.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
FR, EN, AR = "label::French (fr)", "label::English (en)", "label::Arabic (ar)"


def workbook(path: str, sheets: dict[str, list[list]]) -> None:
    """Writes ``sheets`` (name -> rows, the first being the header). A text starting with "="
    becomes a formula cell, as in a spreadsheet."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(HERE / path)


AGREE5 = [
    ["agree5", "1", "Pas du tout d'accord", "Strongly disagree", "غير موافق بشدة"],
    ["agree5", "2", "Pas d'accord", "Disagree", "غير موافق"],
    ["agree5", "3", "Sans avis", "Neutral", "محايد"],
    ["agree5", "4", "D'accord", "Agree", "موافق"],
    ["agree5", "5", "Tout à fait d'accord", "Strongly agree", "موافق بشدة"],
]


def satisfaction() -> None:
    """End-of-session satisfaction, French/English/Arabic, groups (one nested), likert scales."""
    workbook(
        "satisfaction_fr_en_ar.xlsx",
        {
            "survey": [
                [
                    "type",
                    "name",
                    FR,
                    EN,
                    AR,
                    "hint::French (fr)",
                    "hint::English (en)",
                    "required",
                    "appearance",
                ],
                [
                    "begin group",
                    "contenu",
                    "Le contenu",
                    "The content",
                    "المحتوى",
                    None,
                    None,
                    None,
                    "field-list",
                ],
                [
                    "select_one agree5",
                    "utile",
                    "La formation m'a été utile",
                    "The training was useful",
                    "كان التدريب مفيدا",
                    "Une seule réponse",
                    "One answer",
                    "yes",
                    "likert",
                ],
                [
                    "select_one agree5",
                    "clair",
                    "Les exposés étaient clairs",
                    "The talks were clear",
                    "كانت العروض واضحة",
                    None,
                    None,
                    "TRUE()",
                    None,
                ],
                ["begin_group", "rythme", "Le rythme", "The pace", "الوتيرة"],
                [
                    "select_one pace4",
                    "rythme_jours",
                    "Le rythme des journées",
                    "The pace of the days",
                    "وتيرة الأيام",
                    None,
                    None,
                    "1",
                    "faces",
                ],
                ["end_group"],
                ["end group"],
                ["begin group", "vous", "À propos de vous", "About you", "عنك"],
                [
                    "select_multiple themes",
                    "themes",
                    "Thèmes les plus utiles",
                    "Most useful themes",
                    "المواضيع الأكثر فائدة",
                    "Plusieurs réponses",
                    "Several answers",
                    "no",
                ],
                [
                    "integer",
                    "annees",
                    "Années de service",
                    "Years of service",
                    "سنوات الخدمة",
                    None,
                    None,
                    True,
                ],
                [
                    "select_one yn",
                    "recommander",
                    "Recommanderiez-vous la formation ?",
                    "Would you recommend the training?",
                    "هل توصي بالتدريب؟",
                ],
                [
                    "note",
                    "merci_note",
                    "Merci de votre participation",
                    "Thank you for taking part",
                    "شكرا لمشاركتكم",
                ],
                [
                    "text",
                    "suggestions",
                    "Vos suggestions",
                    "Your suggestions",
                    "اقتراحاتكم",
                    None,
                    None,
                    None,
                    "multiline",
                ],
                ["end group"],
            ],
            "choices": [
                ["list_name", "name", FR, EN, AR],
                *AGREE5,
                ["pace4", "1", "Trop lent", "Too slow", "بطيء جدا"],
                ["pace4", "2", "Un peu lent", "A bit slow", "بطيء قليلا"],
                ["pace4", "3", "Un peu rapide", "A bit fast", "سريع قليلا"],
                ["pace4", "4", "Trop rapide", "Too fast", "سريع جدا"],
                ["themes", "garde_a_vue", "Garde à vue", "Police custody", "الحراسة النظرية"],
                [
                    "themes",
                    "torture",
                    "Interdiction de la torture",
                    "Prohibition of torture",
                    "حظر التعذيب",
                ],
                ["themes", "genre", "Genre", "Gender", "النوع الاجتماعي"],
                ["yn", "yes", "Oui", "Yes", "نعم"],
                ["yn", "no", "Non", "No", "لا"],
            ],
            "settings": [
                ["form_title", "form_id", "version", "default_language"],
                ["Évaluation de fin de session", "eval_fin_session", "2024-05-21", "French (fr)"],
            ],
        },
    )


def daily_mood() -> None:
    """A daily mood check: plain label column, no default language, a likert list of words."""
    workbook(
        "daily_mood.xlsx",
        {
            "survey": [
                ["type", "name", "label", "required", "appearance"],
                [
                    "select_one mood",
                    "humeur",
                    "Comment vous sentez-vous ce matin ?",
                    "yes",
                    "faces",
                ],
                ["select_one energie", "energie", "Votre énergie", "no", "likert"],
                ["text", "mot", "Un mot sur la journée d'hier", "", ""],
            ],
            "choices": [
                ["list_name", "name", "label"],
                ["mood", 1, "Très mal"],
                ["mood", 2, "Mal"],
                ["mood", 3, "Moyen"],
                ["mood", 4, "Bien"],
                ["mood", 5, "Très bien"],
                ["energie", "faible", "Faible"],
                ["energie", "moyenne", "Moyenne"],
                ["energie", "bonne", "Bonne"],
                ["energie", "forte", "Forte"],
            ],
            "settings": [["form_title", "form_id"], ["Humeur du jour", "humeur_jour"]],
        },
    )


def kobo_export() -> None:
    """What KoboToolbox's "Download XLS" gives: metadata rows, extra columns, $kuid..."""
    header = [
        "type",
        "$kuid",
        "$autoname",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "required",
        "relevant",
        "constraint",
        "calculation",
        "appearance",
        "$given_name",
    ]
    workbook(
        "kobo_export.xlsx",
        {
            "survey": [
                header,
                ["start", "a1", "start", "start", None, None, None, None, None, None, None, None],
                ["end", "a2", "end", "end"],
                ["today", "a3", "today", "today"],
                ["deviceid", "a4", "deviceid", "deviceid"],
                ["username", "a5", "username", "username"],
                ["begin_group", "b1", "workshop", "workshop", "The workshop", "L'atelier", "false"],
                [
                    "select_one sat",
                    "b2",
                    "overall",
                    "overall",
                    "Overall satisfaction",
                    "Satisfaction générale",
                    "true",
                    None,
                    None,
                    None,
                    None,
                    "Overall",
                ],
                [
                    "select_one yes_no",
                    "b3",
                    "again",
                    "again",
                    "Would you come again?",
                    "Reviendriez-vous ?",
                    "false",
                    "${overall} > 2",
                    None,
                    None,
                    "horizontal",
                ],
                [],
                [
                    "decimal",
                    "b4",
                    "hours",
                    "hours",
                    "Hours of travel",
                    "Heures de trajet",
                    "false",
                    None,
                    ". < 48",
                ],
                [
                    "select_one venue",
                    "b5",
                    "venue",
                    "venue",
                    "The venue was",
                    "La salle était",
                    "false",
                ],
                ["end_group", "b6"],
                ["text", "b7", "comment", "comment", "Any comment", "Un commentaire", "false"],
            ],
            "choices": [
                [
                    "list_name",
                    "$kuid",
                    "name",
                    "label::English (en)",
                    "label::French (fr)",
                    "$autovalue",
                ],
                ["sat", "c1", 1, "Very dissatisfied", "Très insatisfait", 1],
                ["sat", "c2", 2, "Dissatisfied", "Insatisfait", 2],
                ["sat", "c3", 3, "Satisfied", "Satisfait", 3],
                ["sat", "c4", 4, "Very satisfied", "Très satisfait", 4],
                ["yes_no", "c5", "yes", "Yes", "Oui", "yes"],
                ["yes_no", "c6", "no", "No", "Non", "no"],
                ["venue", "c7", "good", "Good", "Bien", "good"],
                ["venue", "c8", "too_small", "Too small", "Trop petite", "too_small"],
                ["venue", "c9", "too_hot", "Too hot", "Trop chaude", "too_hot"],
            ],
            "settings": [
                ["form_title", "version", "id_string", "default_language"],
                ["Workshop feedback (Kobo)", "vQ7m9Xb3kTzL", "aBcD1234", "English (en)"],
            ],
        },
    )


def broken() -> None:
    survey_header = ["type", "name", "label"]
    workbook("broken_no_survey.xlsx", {"Sheet1": [["type", "name", "label"], ["text", "a", "A"]]})
    workbook("broken_columns.xlsx", {"survey": [["kind", "label"], ["text", "A"]]})
    workbook(
        "broken_missing_list.xlsx",
        {
            "survey": [
                survey_header,
                ["text", "nom", "Nom"],
                ["select_one agree5", "utile", "Utile"],
                ["select_multiple themes", "themes", "Thèmes"],
            ],
            "choices": [["list_name", "name", "label"], ["other", "a", "A"], ["other", "b", "B"]],
        },
    )
    workbook(
        "broken_duplicates.xlsx",
        {
            "survey": [
                survey_header,
                ["text", "nom", "Nom"],
                ["select_one l", "choix", "Choix"],
                ["integer", "nom", "Âge"],
            ],
            "choices": [
                ["list_name", "name", "label"],
                ["l", "a", "A"],
                ["l", "b", "B"],
                ["l", "a", "A encore"],
            ],
        },
    )
    workbook(
        "broken_types.xlsx",
        {
            "survey": [
                survey_header,
                ["geopoint", "lieu", "Où ?"],
                ["image", "photo", "Photo"],
                ["calculate", "total", None],
                ["begin repeat", "enfants", "Enfants"],
                ["text", "prenom", "Prénom"],
                ["end repeat"],
                ["barometer", "pression", "Pression"],
                ["select_one l or_other", "choix", "Choix"],
            ],
            "choices": [["list_name", "name", "label"], ["l", "a", "A"], ["l", "b", "B"]],
        },
    )
    workbook(
        "broken_formulas.xlsx",
        {
            "survey": [
                ["type", "name", "label", "hint::French (fr)"],
                ["text", "nom", '=HYPERLINK("http://example.com","Cliquez")', None],
                ["select_one l", "choix", "Choix", "=1+1"],
            ],
            "choices": [
                ["list_name", "name", "label"],
                ["l", "a", "A"],
                ["l", "b", "=CMD|' /C calc'!A0"],
            ],
        },
    )
    workbook(
        "broken_groups.xlsx",
        {
            "survey": [
                survey_header,
                ["end group"],
                ["begin group", "g1", "Partie 1"],
                ["text", "nom", "Nom"],
            ],
        },
    )
    workbook(
        "broken_labels.xlsx",
        {
            "survey": [
                ["type", "name", "label::French (fr)", "label::English (en)"],
                ["text", "nom", "", None],
                ["select_one l", "choix", "Choix", "Choice"],
            ],
            "choices": [
                ["list_name", "name", "label::French (fr)", "label::English (en)"],
                ["l", "a", "A", "A"],
                ["l", "b", None, ""],
            ],
        },
    )
    workbook(
        "broken_items.xlsx",
        {
            "survey": [
                survey_header,
                ["text", "mon nom", "Nom"],
                ["select_one l", "choix", "Choix"],
                ["integer", "age", "Âge"],
            ],
            "choices": [["list_name", "name", "label"], ["l", "a", "A"]],
        },
    )


if __name__ == "__main__":
    satisfaction()
    daily_mood()
    kobo_export()
    broken()
