"""The evaluation-form item editor, used as a trainer would: open items of every kind and get them
back unchanged, type texts and choices, change a scale, switch kinds and back, and write an item
in three languages — checking the item the editor gives back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from trainer_desktop.core.form_content import (
    CHOICE_KINDS,
    KINDS,
    FormChoice,
    FormItem,
    check_items,
)
from trainer_desktop.core.ready_forms import AGREE, DAILY_MOOD_ITEMS, END_OF_SESSION_ITEMS
from trainer_desktop.ui.item_editor import KIND_NAMES, ItemEditor, blank_item

THREE_LANGUAGES = FormItem(
    "single", "useful",
    {"fr": "Quelle partie était la plus utile ?", "en": "Which part was most useful?",
     "ar": "ما هو الجزء الأكثر فائدة؟"},
    hint={"fr": "Une seule réponse", "en": "One answer"},
    required=True,
    choices=(FormChoice("rights", {"fr": "Les droits en garde à vue", "en": "Rights in custody",
                                   "ar": "حقوق الشخص المحتجز"}),
             FormChoice("torture", {"fr": "L'interdiction de la torture", "en": "Torture",
                                    "ar": "حظر التعذيب"})),
)  # fmt: skip

# Items a text box would change if the editor wrote back what it shows: a non-breaking space
# before "?", spaces around a text, a scale of 4 points without labels, labels on only some
# points, a language code the app does not know.
ODD_ITEMS = [
    FormItem("integer", "years", {"fr": "Années de service\u00a0?  "}, required=True),
    FormItem("decimal", "distance", {"fr": "Distance (km)"}, hint={"fr": " en km "}),
    FormItem("text", "word", {"fr": "Un mot", "bm": "Kuma kelen"}),
    FormItem("rating", "pace", {"fr": "Le rythme"}, points=4, faces=True),
    FormItem("rating", "ends", {"en": "Ends only"}, points=5,
             point_labels=({"en": "Bad"}, {}, {}, {}, {"en": "Good"})),
    FormItem("multiple", "topics", {"fr": "Thèmes"}, choices=(
        FormChoice("a b", {"fr": "Nom avec espace (refusé par le contrôle, gardé tel quel)"}),
        FormChoice("c", {"fr": "Autre\u00a0!"}))),
    THREE_LANGUAGES,
]  # fmt: skip


def editor_with(qtbot, item: FormItem, language: str = "fr") -> ItemEditor:
    editor = ItemEditor()
    qtbot.addWidget(editor)
    editor.resize(500, 600)
    editor.show()
    editor.set_item(item, 1, language)
    return editor


def type_into(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def paste_into(box, text: str) -> None:
    """Put ``text`` in ``box`` as an input method would (QTest only types Latin keys)."""
    box.setFocus()
    box.selectAll()
    if isinstance(box, QPlainTextEdit):
        box.insertPlainText(text)
    else:
        box.insert(text)


def choose_kind(editor: ItemEditor, kind: str) -> None:
    editor.kind.setCurrentIndex(editor.kind.findData(kind))


@pytest.mark.parametrize("item", [*END_OF_SESSION_ITEMS, *DAILY_MOOD_ITEMS, *ODD_ITEMS],
                         ids=lambda item: f"{item.kind}-{item.name}")  # fmt: skip
def test_an_item_comes_back_exactly_as_it_came_in(qtbot, item):
    editor = editor_with(qtbot, item)
    assert editor.item() == item
    assert editor.item().to_json() == item.to_json()
    # looking at every language changes nothing either
    for index in range(editor.languages.count()):
        editor.languages.setCurrentIndex(index)
    assert editor.item() == item


def test_every_kind_is_offered_and_shown_in_a_trainers_order(qtbot):
    editor = editor_with(qtbot, THREE_LANGUAGES)
    assert set(KIND_NAMES) == set(KINDS)
    assert [editor.kind.itemData(i) for i in range(editor.kind.count())] == list(KIND_NAMES)
    choose_kind(editor, "heading")
    assert editor.required.isHidden() and editor.choices.isHidden() and editor.scale.isHidden()
    choose_kind(editor, "rating")
    assert not editor.required.isHidden() and not editor.scale.isHidden()
    assert editor.choices.isHidden()


def test_typing_the_text_hint_name_and_required(qtbot):
    item = FormItem("text", "comment", {"fr": "Commentaire", "en": "Comment"})
    editor = editor_with(qtbot, item)
    with qtbot.waitSignal(editor.changed):
        type_into(qtbot, editor.label, "Vos suggestions ")
    type_into(qtbot, editor.hint, "Facultatif")
    type_into(qtbot, editor.name, " suggestions")
    editor.required.click()
    changed = editor.item()
    assert changed.label == {"fr": "Vos suggestions", "en": "Comment"}  # trimmed, English kept
    assert changed.hint == {"fr": "Facultatif"}
    assert changed.name == "suggestions"
    assert changed.required is True
    assert editor.name_problem.isHidden()
    type_into(qtbot, editor.name, "2e")
    assert not editor.name_problem.isHidden()  # a name must start with a letter


def test_showing_an_item_is_not_an_edit(qtbot):
    editor = editor_with(qtbot, THREE_LANGUAGES)
    seen = []
    editor.changed.connect(lambda: seen.append(1))
    editor.set_item(END_OF_SESSION_ITEMS[2], 3, "en")
    editor.languages.setCurrentIndex(1)
    assert seen == []
    assert editor.heading.text().endswith("3")


def test_editing_choices_adds_removes_and_moves_them(qtbot):
    editor = editor_with(qtbot, blank_item("single", "useful", "fr"))
    rows = editor.choices.rows
    assert [row.name.text() for row in rows] == ["1", "2"]
    type_into(qtbot, editor.label, "Le plus utile")
    type_into(qtbot, rows[0].label, "Les cas pratiques")
    type_into(qtbot, rows[1].label, "Le film")
    qtbot.keyClick(rows[1].label, Qt.Key.Key_Return)  # Enter on the last choice adds one
    assert len(rows) == 3 and editor.focusWidget() is rows[2].label
    paste_into(rows[2].label, "Les exposés")  # QTest types no accents
    qtbot.keyClick(rows[2].label, Qt.Key.Key_Return)  # and a fourth, left empty: left out
    assert len(rows) == 4
    rows[2].up.click()  # "Les exposés" before "Le film"
    type_into(qtbot, rows[0].name, "cases")
    rows[2].remove.click()  # "Le film"
    assert editor.item().choices == (
        FormChoice("cases", {"fr": "Les cas pratiques"}),
        FormChoice("3", {"fr": "Les exposés"}),
    )
    qtbot.keyClick(rows[0].label, Qt.Key.Key_Return)  # Enter on another choice goes to the next
    assert len(rows) == 3 and editor.focusWidget() is rows[1].label
    assert check_items([editor.item()]).items[0].choices[1].name == "3"


def test_editing_a_rating_scale_points_labels_and_faces(qtbot):
    item = END_OF_SESSION_ITEMS[2]  # 5 points, agreement labels in French and English
    assert item.kind == "rating" and item.point_labels == AGREE
    editor = editor_with(qtbot, item)
    scale = editor.scale
    type_into(qtbot, scale.boxes[0], "Pas du tout")
    assert editor.item().point_labels[0] == {"fr": "Pas du tout", "en": "Strongly disagree"}
    scale.points.setCurrentIndex(scale.points.findData(4))
    assert scale.boxes[4].isHidden()
    scale.faces.click()
    changed = editor.item()
    assert changed.points == 4 and changed.faces is True
    assert changed.point_labels[1:] == AGREE[1:4]
    assert all(icon.faces for icon in scale.icons)
    assert check_items([changed]).items[0].points == 4
    scale.points.setCurrentIndex(scale.points.findData(5))  # the fifth label was kept
    assert editor.item().point_labels[4] == AGREE[4]


def test_switching_kind_and_back_keeps_each_kinds_data(qtbot):
    editor = editor_with(qtbot, THREE_LANGUAGES)
    type_into(qtbot, editor.choices.rows[1].label, "La torture")
    choose_kind(editor, "rating")
    as_rating = editor.item()
    assert as_rating.kind == "rating" and as_rating.choices == ()
    assert as_rating.points == 5 and as_rating.point_labels == ()
    choose_kind(editor, "heading")
    assert editor.item().required is False
    choose_kind(editor, "multiple")
    choose_kind(editor, "single")
    back = editor.item()
    assert back.required is True
    assert back.choices[0] == THREE_LANGUAGES.choices[0]
    assert back.choices[1].label == {"fr": "La torture", "en": "Torture", "ar": "حظر التعذيب"}


def test_an_item_in_three_languages_keeps_all_three(qtbot):
    editor = editor_with(qtbot, THREE_LANGUAGES)
    codes = [editor.languages.tabData(i) for i in range(editor.languages.count())]
    assert codes == ["fr", "en", "ar"]  # the form's language first
    assert not editor.add_language.isEnabled()  # French, English and Arabic are all there
    editor.languages.setCurrentIndex(1)
    assert editor.label.toPlainText() == "Which part was most useful?"
    type_into(qtbot, editor.label, "What helped you most?")
    editor.languages.setCurrentIndex(2)
    assert editor.label.toPlainText() == "ما هو الجزء الأكثر فائدة؟"
    assert editor.label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.choices.rows[0].label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    paste_into(editor.choices.rows[0].label, "حقوق المحتجز")
    editor.languages.setCurrentIndex(0)
    assert editor.label.layoutDirection() == Qt.LayoutDirection.LeftToRight
    changed = editor.item()
    assert changed.label == {"fr": "Quelle partie était la plus utile ?",
                             "en": "What helped you most?", "ar": "ما هو الجزء الأكثر فائدة؟"}  # fmt: skip
    assert changed.choices[0].label == {"fr": "Les droits en garde à vue",
                                        "en": "Rights in custody", "ar": "حقوق المحتجز"}  # fmt: skip
    assert changed.hint == THREE_LANGUAGES.hint and changed.choices[1] == THREE_LANGUAGES.choices[1]


def test_adding_a_translation(qtbot):
    editor = editor_with(qtbot, FormItem("yesno", "again", {"fr": "Recommanderiez-vous ?"}))
    offered = [action.data() for action in editor.add_language.menu().actions()]
    assert offered == ["en", "ar"]
    editor.add_translation("ar")
    assert editor.language() == "ar" and editor.label.toPlainText() == ""
    paste_into(editor.label, "هل توصي بها؟")
    assert [action.data() for action in editor.add_language.menu().actions()] == ["en"]
    editor.add_translation("en")  # added, left empty: no English text appears
    assert editor.item().label == {"fr": "Recommanderiez-vous ?", "ar": "هل توصي بها؟"}


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_a_new_item_of_every_kind_passes_the_check_once_written(qtbot, language):
    editor = editor_with(qtbot, blank_item("text", "q0", language), language)
    written = []
    for number, kind in enumerate(KIND_NAMES, start=1):
        editor.set_item(blank_item(kind, f"q{number}", language), number, language)
        type_into(qtbot, editor.label, f"Texte {number}")
        if kind in CHOICE_KINDS:  # a choice needs its words too
            for row in editor.choices.rows:
                type_into(qtbot, row.label, f"Choix {row.name.text()}")
        written.append(editor.item())
    content = check_items(written)
    assert [i.kind for i in content.items] == list(KIND_NAMES)
    assert all(i.label == {language: f"Texte {n}"} for n, i in enumerate(content.items, start=1))
    rating = content.items[0]
    assert rating.points == 5
    if language == "ar":  # the ready forms have no Arabic agreement labels
        assert rating.point_labels == ()
    else:
        assert rating.point_labels[0] == {language: AGREE[0][language]}
