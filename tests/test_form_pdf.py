"""An evaluation form on paper (reports/form_pdf.py) and ``trainer-desktop forms print``: every
label, choice and point label in the chosen language and in order, items numbered as the entry
screen numbers them, the name line or the anonymity notice, the session at the top, copies
numbered on their own, items never cut by a page break, refusals that write nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from trainer_desktop.cli.main import main
from trainer_desktop.core.errors import NotFoundError, UserError
from trainer_desktop.core.form_content import FormChoice, FormItem, text_in
from trainer_desktop.core.ready_forms import (
    AGREE,
    DAILY_MOOD,
    END_OF_SESSION,
    SATISFIED,
    install_ready_forms,
)  # fmt: skip
from trainer_desktop.core.workspace import open_workspace
from trainer_desktop.core.xlsform import read_xlsform
from trainer_desktop.reports.form_pdf import MAX_COPIES, write_form_pdf

XLSFORM = Path(__file__).parent / "data" / "xlsform" / "satisfaction_fr_en_ar.xlsx"


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _text(path: Path) -> str:
    return " ".join(_pages(path))


def _assert_in_order(text: str, expected: list[str]) -> None:
    """Each of ``expected`` is in ``text``, after the one before it."""
    position = 0
    for part in expected:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position}: {text[position:][:200]!r}"
        position = found + len(part)


def _expected(items: tuple[FormItem, ...], language: str, yes_no: tuple[str, str]) -> list[str]:
    """What the paper shows of ``items`` in order, worked out from the items themselves the way
    the entry screen numbers them: answerable items 1, 2, 3...; choices “1. text”; points
    “1 label”; headings and notes as they are."""
    out: list[str] = []
    number = 0
    for item in items:
        label = text_in(item.label, language)
        if not item.answerable:
            out.append(label)
            continue
        number += 1
        out.append(f"{number}. {label}")
        if item.kind == "rating":
            out += [f"{point} {text_in(t, language)}"
                    for point, t in enumerate(item.point_labels, start=1)]  # fmt: skip
        elif item.kind in ("single", "multiple"):
            out += [f"{i}. {text_in(c.label, language)}"
                    for i, c in enumerate(item.choices, start=1)]  # fmt: skip
        elif item.kind == "yesno":
            out.append(f"{yes_no[0]} {yes_no[1]}")
    return out


@pytest.fixture
def ready(workspace):
    install_ready_forms(workspace, "fr")
    return workspace


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ droits de l'homme",
                                     start_date=dt.date(2022, 11, 8), end_date=dt.date(2022, 11, 10),
                                     venue="Salle de la mairie", town="Sévaré")  # fmt: skip


@pytest.fixture
def trilingual(workspace):
    form = read_xlsform(XLSFORM)
    return workspace.evaluations.create(form.title, form.language, form.items, anonymous=False)


def test_the_end_of_session_form_in_french_has_every_label_in_order(ready, session, tmp_path):
    out = write_form_pdf(ready, END_OF_SESSION.id, tmp_path / "form.pdf", session_id=session.id)
    assert out == tmp_path / "form.pdf"
    pages = _pages(out)
    text = " ".join(pages)
    # 16 answerable items; “Pas du tout d'accord” is the first point of every agreement scale.
    assert sum(item.answerable for item in END_OF_SESSION.items) == 16
    _assert_in_order(text, [
        "Évaluation de fin de session", "Atelier OPJ droits de l'homme",
        "8 novembre 2022 – 10 novembre 2022 · Salle de la mairie, Sévaré",
        *_expected(END_OF_SESSION.items, "fr", ("Oui", "Non")),
    ])  # fmt: skip
    assert "1 Pas du tout d'accord 2 Pas d'accord 3 Ni d'accord ni pas d'accord" in text
    assert "(une ou plusieurs réponses)" in text  # the multiple choice, in the document's words
    assert "Name:" not in text and "Nom" not in text  # anonymous
    assert pages[0].endswith(f"Page 1 sur {len(pages)}")
    # From page 2 the header names the form and the session (loose sheets get shuffled).
    assert all("Évaluation de fin de session · Atelier OPJ droits de l'homme" in page
               for page in pages[1:])  # fmt: skip


def test_the_same_form_in_english(ready, tmp_path):
    text = _text(write_form_pdf(ready, END_OF_SESSION.id, tmp_path / "en.pdf", language="en"))
    _assert_in_order(text, _expected(END_OF_SESSION.items, "en", ("Yes", "No")))
    assert "Strongly disagree" in text and "Pas du tout" not in text
    assert "Anonymous — do not write your name." in text and "(one or more answers)" in text
    assert "Page 1 of" in text
    assert "Atelier" not in text  # no session: a blank form


def test_the_daily_mood_check_draws_a_face_above_each_box(ready, workspace, tmp_path):
    text = _text(write_form_pdf(ready, DAILY_MOOD.id, tmp_path / "mood.pdf", language="en"))
    _assert_in_order(text, _expected(DAILY_MOOD.items, "en", ("Yes", "No")))
    # The same form without faces: the difference in drawn curves is the five faces, each a
    # circle (4 Bézier curves), two eyes (4 each) and a mouth (1): 5 × 13 = 65.
    plain = [replace(item, faces=False) for item in DAILY_MOOD.items]
    without = workspace.evaluations.create("Mood", "en", plain)
    with_faces_pdf = tmp_path / "mood.pdf"
    without_pdf = write_form_pdf(workspace, without.id, tmp_path / "plain.pdf")

    def curves(path: Path) -> int:
        data = PdfReader(path).pages[0].get_contents().get_data().decode("latin-1")
        return data.split().count("c")  # the curve operator

    assert curves(with_faces_pdf) - curves(without_pdf) == 65


def test_the_trilingual_xlsform_in_french_and_english(workspace, trilingual, session, tmp_path):
    items = trilingual.content.items
    for language, yes_no, scale in (("fr", ("Oui", "Non"), "1 Pas du tout d'accord"),
                                    ("en", ("Yes", "No"), "1 Strongly disagree")):  # fmt: skip
        out = write_form_pdf(workspace, trilingual.id, tmp_path / f"{language}.pdf",
                             session_id=session.id, language=language)  # fmt: skip
        text = _text(out)
        _assert_in_order(text, _expected(items, language, yes_no))
        assert scale in text
    english = _text(tmp_path / "en.pdf")
    # Named form: a line for the name; required items marked, and the mark explained.
    assert "Name:" in english and "Anonymous" not in english
    assert "Questions marked * must be answered." in english
    assert "1. The training was useful * One answer" in english  # required, with its hint
    assert "4. Most useful themes Several answers (one or more answers)" in english  # not required
    assert "Garde à vue" not in english and "Police custody" in english


def test_labels_missing_in_the_language_fall_back_to_the_form_language(workspace, tmp_path):
    form = workspace.evaluations.create("Mixte", "fr", [
        FormItem("single", "q", {"fr": "Question", "en": "Question in English"},
                 choices=(FormChoice("a", {"fr": "Seulement en français"}),
                          FormChoice("b", {"fr": "Deux", "en": "Two"}))),
    ])  # fmt: skip
    text = _text(write_form_pdf(workspace, form.id, tmp_path / "f.pdf", language="en"))
    assert "1. Question in English 1. Seulement en français 2. Two" in text


def test_arabic_prints_its_labels_joined_in_the_arabic_document(workspace, trilingual, tmp_path):
    out = write_form_pdf(workspace, trilingual.id, tmp_path / "ar.pdf", language="ar")
    # Drawn joined (presentation forms, right to left): NFKC gives the letters back, and pypdf
    # reads right-to-left runs back in reading order.
    text = unicodedata.normalize("NFKC", _text(out))
    labels = [text_in(item.label, "ar") for item in trilingual.content.items]
    words = [w for label in labels if label for w in label.split()]
    assert words and any("\u0600" <= c <= "\u06ff" for c in "".join(words))
    missing = [w for w in words if w not in text and w[::-1] not in text]
    assert not missing, missing


def test_copies_each_start_a_page_numbered_on_their_own(ready, session, tmp_path):
    one = _pages(write_form_pdf(ready, END_OF_SESSION.id, tmp_path / "1.pdf"))
    three = _pages(write_form_pdf(ready, END_OF_SESSION.id, tmp_path / "3.pdf", copies=3))
    per_copy = len(one)
    assert per_copy == 3 and len(three) == 3 * per_copy
    for copy in range(3):
        pages = three[copy * per_copy : (copy + 1) * per_copy]
        assert pages[0].startswith("Évaluation de fin de session")
        for number, page in enumerate(pages, start=1):
            assert page.endswith(f"Page {number} sur {per_copy}")
    assert three[:per_copy] == one  # every copy is the whole form


def test_an_item_is_never_cut_by_a_page_break(workspace, tmp_path):
    items = [FormItem("rating", f"s{n}", {"en": f"Statement {n}"}, points=5, point_labels=AGREE)
             for n in range(1, 31)]  # fmt: skip
    items += [FormItem("longtext", f"t{n}", {"en": f"Story {n}"}) for n in range(1, 11)]
    form = workspace.evaluations.create("Long", "en", items)
    pages = _pages(write_form_pdf(workspace, form.id, tmp_path / "long.pdf"))
    assert len(pages) > 3
    statements = 0
    for page in pages:
        # Every statement on a page has its five points on the same page.
        count = page.count("Statement ")
        assert page.count("5 Strongly agree") == count
        statements += count
    assert statements == 30
    assert sum(page.count("Story ") for page in pages) == 10


def test_a_satisfaction_scale_without_faces_and_a_number_box(workspace, tmp_path):
    form = workspace.evaluations.create("Petit", "fr", [
        FormItem("rating", "salle", {"fr": "La salle"}, points=5, point_labels=SATISFIED,
                 required=True),
        FormItem("integer", "age", {"fr": "Votre âge"}),
        FormItem("decimal", "km", {"fr": "Distance parcourue (km)"}),
        FormItem("text", "mot", {"fr": "Un mot"}),
    ])  # fmt: skip
    text = _text(write_form_pdf(workspace, form.id, tmp_path / "f.pdf"))
    _assert_in_order(text, ["1. La salle *", "1 Pas du tout satisfait", "5 Très satisfait",
                            "2. Votre âge", "3. Distance parcourue (km)", "4. Un mot",
                            "Page 1 sur 1"])  # fmt: skip


def test_refusals_write_nothing(workspace, ready, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(NotFoundError, match="There is no evaluation form “nope”"):
        write_form_pdf(workspace, "nope", out)
    with pytest.raises(NotFoundError):
        write_form_pdf(workspace, END_OF_SESSION.id, out, session_id="no-such-session")
    for copies in (0, MAX_COPIES + 1):
        with pytest.raises(UserError, match="Print from 1 to 200 copies"):
            write_form_pdf(workspace, END_OF_SESSION.id, out, copies=copies)
    workspace.evaluations.delete(DAILY_MOOD.id)
    with pytest.raises(NotFoundError):
        write_form_pdf(workspace, DAILY_MOOD.id, out)
    assert not out.exists()


def test_only_embedded_truetype_fonts(ready, tmp_path):
    out = write_form_pdf(ready, END_OF_SESSION.id, tmp_path / "f.pdf", copies=2)
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType" and "/FontDescriptor" in font


# --- the command line ----------------------------------------------------------------------------


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "forms", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_prints_copies_of_a_form(capsys, tmp_path):
    db = tmp_path / "db.sqlite"
    code, out, _err = _run(capsys, "import", "--db", str(db), str(XLSFORM))
    form_id = out.splitlines()[0]
    workspace = open_workspace(db)
    try:
        session = workspace.sessions.create(title="Atelier Mopti", start_date=dt.date(2022, 11, 8),
                                            end_date=dt.date(2022, 11, 8))  # fmt: skip
    finally:
        workspace.close()
    pdf = tmp_path / "form.pdf"
    code, out, err = _run(capsys, "print", "--db", str(db), "--form", form_id, "--session",
                          session.id, "--copies", "2", "--language", "en", "--out", str(pdf))  # fmt: skip
    assert (code, err) == (0, "") and out == f"2 copies written to {pdf}.\n"
    pages = _pages(pdf)
    assert len(pages) % 2 == 0 and pages[0] == pages[len(pages) // 2]
    assert "Atelier Mopti" in pages[0] and "1. The training was useful" in pages[0]


def test_cli_refuses_an_unknown_form_and_prints_arabic(capsys, tmp_path):
    db = tmp_path / "db.sqlite"
    _code, out, _err = _run(capsys, "import", "--db", str(db), str(XLSFORM))
    form_id = out.splitlines()[0]
    pdf = tmp_path / "form.pdf"
    code, out, err = _run(capsys, "print", "--db", str(db), "--form", "nope", "--out", str(pdf))
    assert (code, out) == (1, "")
    assert err.startswith("trainer-desktop: There is no evaluation form “nope”")
    code, out, err = _run(capsys, "print", "--db", str(db), "--form", form_id, "--language", "ar",
                          "--out", str(pdf))  # fmt: skip
    assert (code, err) == (0, "") and pdf.exists()
    assert any("\ufe70" <= c <= "\ufefc" for c in _text(pdf))  # Arabic letters, joined
