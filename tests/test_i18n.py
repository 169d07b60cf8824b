"""Translations: every shipped language is complete and keeps the placeholders of its messages,
the template is up to date with the code, French reads as French, and every main screen opens in
every language."""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.util
import re
import string
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from trainer_desktop.core import i18n

ROOT = Path(__file__).resolve().parent.parent


def _load_catalogs_script():
    """i18n/catalogs.py (a script, not a package module): its paths, keywords and extraction."""
    spec = importlib.util.spec_from_file_location("i18n_catalogs", ROOT / "i18n" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogs = _load_catalogs_script()
SHIPPED = sorted(i18n.LANGUAGES)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def key(message) -> tuple[str | None, str]:
    """What identifies a message: its context and its (singular) id."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


def messages(catalog: Catalog) -> dict[tuple[str | None, str], object]:
    return {key(m): m for m in catalog if m.id}


@pytest.fixture(scope="module")
def template() -> Catalog:
    return read_catalog(catalogs.POT)


# -- complete catalogs ---------------------------------------------------------------------------


def test_every_shipped_language_has_a_catalog_that_loads():
    assert set(catalogs.languages()) == set(i18n.LANGUAGES)
    for lang in SHIPPED:
        assert catalogs.po_path(lang).is_file(), lang
        assert (i18n.SOURCE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").is_file(), lang
        i18n._catalog.cache_clear()
        assert isinstance(i18n._catalog(lang), gettext.GNUTranslations), lang
    i18n._catalog.cache_clear()


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_message_of_the_template_is_translated(template, lang):
    catalog = read_catalog(catalogs.po_path(lang), locale=lang)
    translated = messages(catalog)
    problems = []
    for msg_key, message in messages(template).items():
        found = translated.get(msg_key)
        if found is None:
            problems.append(f"missing: {msg_key[1]!r}")
            continue
        if found.fuzzy:
            problems.append(f"fuzzy: {msg_key[1]!r}")
        if isinstance(message.id, tuple):
            forms = found.string if isinstance(found.string, tuple) else (found.string,)
            if len(forms) != catalog.num_plurals or not all(forms):
                problems.append(f"plural forms missing: {msg_key[1]!r}")
        elif not found.string:
            problems.append(f"untranslated: {msg_key[1]!r}")
    stale = set(translated) - set(messages(template))
    problems += [f"not in the template (run python3 dev.py i18n): {k[1]!r}" for k in stale]
    assert not problems, f"{lang}:\n" + "\n".join(sorted(problems))


# -- placeholders --------------------------------------------------------------------------------

PERCENT_SPEC = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)


def placeholders(text: str) -> Counter[str]:
    """The ``{name[:spec][!conversion]}`` fields and ``%`` specifications of ``text``."""
    found: Counter[str] = Counter()
    try:
        for _literal, field, spec, conversion in string.Formatter().parse(text):
            if field is not None:
                found["{" + field + (f"!{conversion}" if conversion else "")
                      + (f":{spec}" if spec else "") + "}"] += 1  # fmt: skip
    except ValueError:
        found["<unbalanced braces>"] += 1
    for match in PERCENT_SPEC.finditer(text):
        if match.group() != "%%":
            found[match.group()] += 1
    return found


def placeholder_problem(msgid: str, msgstr: str) -> str | None:
    """Why ``msgstr`` cannot stand for ``msgid`` (different placeholders), or None."""
    expected, got = placeholders(msgid), placeholders(msgstr)
    if expected == got:
        return None
    missing = sorted((expected - got).elements())
    extra = sorted((got - expected).elements())
    return f"{msgid!r} -> {msgstr!r}: missing {missing}, unexpected {extra}"


def test_the_placeholder_check_catches_wrong_translations():
    assert placeholder_problem("The {field} is too long ({n} characters at most).",
                               "Le champ « {field} » est trop long ({n} caractères au maximum).") is None  # fmt: skip
    assert placeholder_problem("{hours} h {minutes:02d}", "{hours} h {minutes:02d}") is None
    assert placeholder_problem("%(prog)s: error: %(message)s\n", "%(prog)s : erreur : %(message)s\n") is None  # fmt: skip
    # A renamed, a dropped, a duplicated, an unformatted and a broken placeholder.
    assert placeholder_problem("Cannot read {file}: {error}", "Impossible de lire {fichier} : {error}")  # fmt: skip
    assert placeholder_problem("Page {page} of {pages}", "Page {page}")
    assert placeholder_problem("{n} item", "{n} activité {n}")
    assert placeholder_problem("{hours} h {minutes:02d}", "{hours} h {minutes}")
    assert placeholder_problem("No session matches “{search}”.", "Aucune session « {search ».")
    assert placeholder_problem("invalid choice: %(value)r", "choix non valide : %(valeur)r")
    assert placeholder_problem("unrecognized arguments: %s", "arguments non reconnus")


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_the_placeholders_of_their_message(lang):
    catalog = read_catalog(catalogs.po_path(lang), locale=lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            pairs = [(message.id[1], form) for form in forms if form]
        else:
            pairs = [(message.id, message.string)] if message.string else []
        problems += [p for p in (placeholder_problem(i, s) for i, s in pairs) if p]
    assert not problems, f"{lang}:\n" + "\n".join(problems)


# -- the template follows the code ---------------------------------------------------------------


def test_the_template_is_up_to_date_with_the_code(template, tmp_path):
    fresh = tmp_path / "extracted.pot"
    catalogs.extract(fresh)
    extracted = set(messages(read_catalog(fresh)))
    committed = set(messages(template))
    missing = sorted(k[1] for k in extracted - committed)
    gone = sorted(k[1] for k in committed - extracted)
    assert not missing and not gone, (
        "i18n/trainer_desktop.pot is out of date: run `python3 dev.py i18n` and translate.\n"
        + "".join(f"  new in the code: {m!r}\n" for m in missing)
        + "".join(f"  no longer in the code: {m!r}\n" for m in gone)
    )


# -- French --------------------------------------------------------------------------------------


def test_french_messages_read_as_french():
    fr = i18n.Translator("fr")
    assert fr.gettext("The session needs a title.") == "La session doit avoir un titre."
    assert fr.gettext("Name the database with --db PATH.").startswith(
        "Indiquez la base de données avec --db"
    )
    assert fr.gettext("Break") == "Pause"
    assert fr.gettext("Group work") == "Travaux de groupe"
    assert fr.gettext("Funders and partners") == "Bailleurs et partenaires"
    assert fr.gettext("No session matches “{search}”.").format(search="Ségou") == (
        "Aucune session ne correspond à « Ségou »."
    )
    # French: 0 and 1 take the singular.
    assert [fr.ngettext("{n} day", "{n} days", n).format(n=n) for n in (0, 1, 2)] == [
        "0 jour", "1 jour", "2 jours"]  # fmt: skip
    assert [fr.ngettext("{n} item", "{n} items", n).format(n=n) for n in (0, 1, 2)] == [
        "0 activité", "1 activité", "2 activités"]  # fmt: skip
    en = i18n.Translator("en")
    assert [en.ngettext("{n} day", "{n} days", n).format(n=n) for n in (0, 1, 2)] == [
        "0 days", "1 day", "2 days"]  # fmt: skip


def test_the_interface_language_translates_messages():
    i18n.set_language("fr")
    assert i18n._("Closing") == "Clôture"
    assert i18n.ngettext("{n} session", "{n} sessions", 3).format(n=3) == "3 sessions"
    i18n.set_language("en")
    assert i18n._("Closing") == "Closing"


# -- every main screen in every language ---------------------------------------------------------

#: What some of the screens show (message ids)...
MSGIDS = {
    "menus": ["&File", "&Session", "&Help"],
    "headers": ["Title", "Dates", "Place", "Organiser", "Programme items"],
    "back": "← Back to sessions",
    "tab": "Programme",
    "edit dialog": "Edit session details",
    "new dialog": "New training session",
    "duplicate dialog": "Duplicate session",
    "item dialog": "New programme item",
    "settings": "Settings",
    "groups": ["This laptop", "Organisation (on printed documents)", "Kiosk PIN"],
}
#: ... and what they read in French, written out (other languages: their own catalog).
EXPECTED = {
    "fr": {
        "menus": ["&Fichier", "&Session", "&Aide"],
        "headers": ["Titre", "Dates", "Lieu", "Organisateur", "Activités"],
        "back": "← Retour aux sessions",
        "tab": "Programme",
        "edit dialog": "Modifier les détails de la session",
        "new dialog": "Nouvelle session de formation",
        "duplicate dialog": "Dupliquer la session",
        "item dialog": "Nouvelle activité",
        "settings": "Paramètres",
        "groups": ["Cet ordinateur", "Organisation (sur les documents imprimés)",
                   "Code PIN du mode kiosque"],
    },
}  # fmt: skip


def expected_texts(lang: str) -> dict:
    if lang in EXPECTED:
        return EXPECTED[lang]
    tr = i18n.Translator(lang)
    return {name: [tr.gettext(m) for m in ids] if isinstance(ids, list) else tr.gettext(ids)
            for name, ids in MSGIDS.items()}  # fmt: skip


def shown_texts(widget) -> set[str]:
    """The texts a widget and its children show: labels, buttons, group boxes, tabs, actions."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QTabBar

    texts = {widget.windowTitle()}
    for child in widget.findChildren(QLabel):
        texts.add(child.text())
    for child in widget.findChildren(QAbstractButton):
        texts.add(child.text())
    for child in widget.findChildren(QGroupBox):
        texts.add(child.title())
    for child in widget.findChildren(QTabBar):
        texts |= {child.tabText(i) for i in range(child.count())}
    for child in widget.findChildren(QLineEdit):
        texts.add(child.placeholderText())
    for child in widget.findChildren(QAction):
        texts |= {child.text(), child.toolTip()}
    return {t for t in texts if t}


def untranslated_among(texts: set[str], lang: str, template: Catalog) -> list[str]:
    """Texts that are an English message id whose translation in ``lang`` is different."""
    tr = i18n.Translator(lang)
    ids = {k[1] for k in messages(template)}
    return sorted(t for t in texts if t in ids and tr.gettext(t) != t)


@pytest.fixture
def interface_language():
    """Switches messages, dates and Qt's own texts; English again afterwards."""
    from PySide6.QtCore import QLocale

    from trainer_desktop.ui import app

    yield app.set_interface_language
    app.set_interface_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English))


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_main_screen_opens_in_each_language(qtbot, workspace, template, lang,
                                                  interface_language):  # fmt: skip
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGroupBox

    from trainer_desktop.ui.app import build_main_window
    from trainer_desktop.ui.programme_editor import ProgrammeEditor

    start = dt.date(2022, 11, 8)
    session = workspace.sessions.create(
        title="Atelier OPJ Sévaré", start_date=start, end_date=start + dt.timedelta(days=2),
        town="Sévaré", region="Mopti", organiser="CNDH", funders=["EUCAP Sahel Mali"],
    )  # fmt: skip
    workspace.programme.add(session.id, day=start, start_time=dt.time(8, 30),
                            end_time=dt.time(9, 30), title="Cérémonie d'ouverture",
                            kind="opening")  # fmt: skip
    assert interface_language(lang) == lang
    want = expected_texts(lang)
    untranslated: set[str] = set()

    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    assert [a.text() for a in window.menuBar().actions()] == want["menus"]
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(window.model.columnCount())]  # fmt: skip
    assert headers == want["headers"]
    untranslated |= set(untranslated_among(shown_texts(window), lang, template))

    window.home.select(session.id)
    for open_dialog, title in ((window.new_session, want["new dialog"]),
                               (window.edit_session, want["edit dialog"]),
                               (window.duplicate_session, want["duplicate dialog"])):  # fmt: skip
        dialog = open_dialog()
        assert dialog.isVisible() and dialog.windowTitle() == title
        untranslated |= set(untranslated_among(shown_texts(dialog), lang, template))
        dialog.reject()

    settings = window.open_settings()
    assert settings.windowTitle() == want["settings"]
    titles = [box.title() for box in settings.findChildren(QGroupBox)]
    assert [t for t in titles if t in want["groups"]] == want["groups"]
    untranslated |= set(untranslated_among(shown_texts(settings), lang, template))
    settings.reject()

    window.open_session(session.id)
    page = window.session_page
    assert page is not None and page.isVisible()
    assert page.back_button.text() == want["back"]
    assert page.tabs.tabText(0) == want["tab"]
    if lang == "fr":
        assert "8–10 nov. 2022 (3 jours)" in page.when_label.text()
        assert "Lieu" in page.when_label.text() and "Sévaré, Mopti" in page.when_label.text()
    untranslated |= set(untranslated_among(shown_texts(page), lang, template))
    [editor] = [w for w in page.tab_widgets() if isinstance(w, ProgrammeEditor)]
    editor.add_item()
    item_dialog = editor.item_dialog
    assert item_dialog is not None and item_dialog.windowTitle() == want["item dialog"]
    untranslated |= set(untranslated_among(shown_texts(item_dialog), lang, template))
    item_dialog.reject()
    details = page.edit_details()
    assert details.windowTitle() == want["edit dialog"]
    details.reject()

    assert not untranslated, f"shown untranslated in {lang}: {sorted(untranslated)}"


# -- Arabic --------------------------------------------------------------------------------------


def test_arabic_uses_its_six_plural_forms():
    ar = i18n.Translator("ar")
    forms = [ar.ngettext("{n} session", "{n} sessions", n).format(n=n)
             for n in (0, 1, 2, 3, 10, 11, 99, 100, 102)]  # fmt: skip
    # zero, one, two, few (3-10), many (11-99), other (100-102): the noun agrees with the count.
    assert forms[2] == "2 دورتان" and forms[3] == forms[4].replace("10", "3") == "3 دورات"
    assert forms[5].endswith("دورة") and forms[6].endswith("دورة") and forms[8].endswith("دورة")
    catalog = read_catalog(catalogs.po_path("ar"), locale="ar")
    assert catalog.num_plurals == 6
    # The gettext rule sends each number to the category CLDR gives it.
    plural = gettext.c2py(catalog.plural_expr)
    assert [plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111)] == [
        0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 3, 4]  # fmt: skip


def test_arabic_reads_as_arabic_and_is_written_right_to_left():
    ar = i18n.Translator("ar")
    assert ar.right_to_left and not i18n.Translator("fr").right_to_left
    assert ar.gettext("Settings") == "الإعدادات"
    assert ar.gettext("&File") == "&ملف"
    # In a right-to-left interface "back" points to the right.
    assert ar.gettext("← Back to sessions").startswith("→")
    arabic_letters = re.compile(r"[\u0600-\u06ff]")
    catalog = read_catalog(catalogs.po_path("ar"), locale="ar")
    singular = [m for m in catalog if m.id and isinstance(m.string, str)]
    latin_only = [m.id for m in singular if not arabic_letters.search(m.string)]
    # Some messages are codes, names or command-line syntax and stay in Latin letters; a few.
    assert len(latin_only) < len(singular) // 20, latin_only


def test_dates_numbers_percentages_and_amounts_follow_the_locale_of_each_country():
    day, amount = dt.date(2026, 11, 8), 12345.5
    expected = {
        # language, country: locale, number, percent, medium date, amount
        ("fr", "ML"): ("fr_ML", "12\u202f345,5", "85\u00a0%", "8 nov. 2026",
                       "12\u202f346\u00a0F\u202fCFA"),
        ("fr", "MA"): ("fr_MA", "12\u202f345,5", "85\u00a0%", "8 nov. 2026",
                       "12\u202f345,50\u00a0MAD"),
        ("en", "ML"): ("en", "12,345.5", "85%", "Nov 8, 2026", "F\u202fCFA12,346"),
        ("ar", "MA"): ("ar_MA", "12.345,5", "85%", None, None),
    }  # fmt: skip
    for (language, country), (locale, number, percent, date, money) in expected.items():
        tr = i18n.Translator(language, country=country)
        assert tr.locale == locale
        assert tr.format_number(amount) == number
        assert tr.format_percent(0.85) == percent
        if date:
            assert tr.format_date(day) == date
            assert tr.format_currency(amount) == money
    ar = i18n.Translator("ar", country="MA")
    assert ar.format_date(day, "long") == "8 نونبر 2026"  # the Maghreb's month names
    assert "د.م." in ar.format_currency(amount) and "12.345,50" in ar.format_currency(amount)
    assert "2026" in ar.format_date(day)  # Western digits in Morocco
    # The country is a setting of the laptop: translators made afterwards follow it.
    try:
        i18n.set_language("fr", "MA")
        assert i18n.Translator("fr").locale == "fr_MA" and i18n.current().locale == "fr_MA"
        assert "MAD" in i18n.current().format_currency(10)
        i18n.set_language("fr", "ML")
        assert i18n.Translator("fr").locale == "fr_ML"
    finally:
        i18n.set_language("en", i18n.DEFAULT_COUNTRY)


def test_the_country_of_formats_is_a_setting_of_the_laptop(workspace):
    assert workspace.settings.formats == "ML"
    workspace.settings.set("formats", "ma")
    assert workspace.settings.formats == "MA"
    workspace.settings.set("formats", "XX")  # anything else: the default
    assert workspace.settings.formats == i18n.DEFAULT_COUNTRY


def test_arabic_names_are_stored_searched_ignoring_marks_and_sorted_alphabetically(workspace):
    names = [("الزهراء", "فاطمة"), ("بنعلي", "أحمد"), ("العلوي", "يوسف"), ("تاجي", "مريم"),
             ("سيسوكو", "عيسى"), ("Traoré", "Awa")]  # fmt: skip
    for family, given in names:
        workspace.participants.create(family_name=family, given_names=given, sex="woman")
    stored = {(p.family_name, p.given_names) for p in workspace.participants.search("")}
    assert stored == set(names)  # exactly as typed
    # Harakat, tatweel and the spellings of alef and ta marbuta do not matter.
    assert [p.given_names for p in workspace.participants.search("فاطِمَه")] == ["فاطمة"]
    assert [p.given_names for p in workspace.participants.search("احمد")] == ["أحمد"]
    assert [p.family_name for p in workspace.participants.search("بـنـعـلـي")] == ["بنعلي"]
    assert [p.given_names for p in workspace.participants.search("عيسي")] == ["عيسى"]
    # Arabic names in the order of the Arabic alphabet (after Latin names).
    assert [p.family_name for p in workspace.participants.search("")] == [
        "Traoré", "الزهراء", "العلوي", "بنعلي", "تاجي", "سيسوكو"]  # fmt: skip


# -- the pseudo-language ---------------------------------------------------------------------------


def test_the_pseudo_language_lengthens_every_message_and_keeps_what_the_code_needs():
    qps = i18n.Translator(i18n.PSEUDO_LANGUAGE)
    assert qps.language == "qps" and qps.locale == "en" and not qps.right_to_left
    assert i18n.PSEUDO_LANGUAGE not in i18n.LANGUAGES  # never offered to users
    template = read_catalog(catalogs.POT)
    for message in template:
        if not message.id:
            continue
        msgid = message.id[1] if isinstance(message.id, tuple) else message.id
        pseudo = qps.ngettext(*message.id, 2) if isinstance(message.id, tuple) else qps.gettext(
            msgid)
        assert placeholder_problem(msgid, pseudo) is None, (msgid, pseudo)
        if msgid.strip():
            assert len(pseudo) >= len(msgid) * 1.3 and pseudo != msgid, (msgid, pseudo)
        if re.search(r"&\w", msgid):
            assert re.search(r"&\w", pseudo), (msgid, pseudo)  # the accelerator still works
    assert qps.gettext("<b>Note</b>: saved").startswith("<b>")  # still seen as rich text
    assert qps.gettext("Save") == "[Šåvé ~~~]"


@pytest.mark.parametrize(("lang", "cancel", "direction"), [
    ("fr", "Annuler", "LeftToRight"), ("ar", "ألغِ", "RightToLeft"), ("en", "Cancel", "LeftToRight")])  # fmt: skip
def test_qt_own_buttons_are_translated_and_arabic_turns_the_layout(qtbot, lang, cancel, direction,
                                                                  interface_language):  # fmt: skip
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    interface_language(lang)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == cancel
    assert QApplication.layoutDirection().name == direction
    assert box.layoutDirection().name == direction
