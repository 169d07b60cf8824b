"""Arabic in every PDF (reports/bidi_text.py and the writers): letters joined, lines drawn right
to left with numbers left to right inside them, lines broken before they are reordered, tables
read from the right, the embedded font only; and an Arabic name in a French document.

What is drawn is read back two ways that do not use the code under test: the strings handed to
reportlab's text objects, in drawing order (left to right), and pypdf's text and fonts."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject
from workspaces import clone_template

from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.form_content import FormChoice, FormItem
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.overview import OverviewFilter
from trainer_desktop.core.quiz_content import Choice, Question
from trainer_desktop.reports.attendance_pdf import write_attendance_sheet, write_attendance_sheets
from trainer_desktop.reports.bidi_text import visual, visual_order
from trainer_desktop.reports.certificate_pdf import write_certificates
from trainer_desktop.reports.fonts import document_fonts
from trainer_desktop.reports.form_pdf import write_form_pdf
from trainer_desktop.reports.overview_pdf import write_overview_pdf
from trainer_desktop.reports.participant_list_pdf import write_participant_list
from trainer_desktop.reports.programme_pdf import write_programme_pdf
from trainer_desktop.reports.quiz_pdf import write_answer_key_pdf, write_quiz_pdf
from trainer_desktop.reports.session_report_pdf import write_session_report

AR, FR = Translator("ar"), Translator("fr")
MNP = demo_id("real/mnp-rabat-2019")

EXAMPLE = "النتيجة: 85% في 2026"
#: The example as drawn, left to right, written out by hand in presentation forms: the year
#: first (the end of the sentence is on the left), "في" as final yeh then initial feh, the per
#: cent sign on the left of 85 (the number follows Arabic letters: a number run of its own, the
#: sign a neutral that takes the line's direction, as every bidi-aware program draws it), the
#: colon, then "النتيجة" from its last letter (final teh marbuta) to its first (isolated alef).
EXAMPLE_DRAWN = "2026 \ufef2\ufed3 %85 :\ufe94\ufea0\ufef4\ufe98\ufee8\ufedf\ufe8d"
#: Ten words in order, to follow a sentence over its lines (none with a lam-alef ligature, so
#: that each reads back letter for letter).
WORDS = ["أحمد", "محمد", "علي", "حسن", "يوسف", "مريم", "زينب", "سعيد", "كريم", "نور"]


def _nfkc(text: str) -> str:
    """Presentation forms back to the letters typed (what a reader's search finds)."""
    return unicodedata.normalize("NFKC", text)


@pytest.fixture
def drawn_at(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, float]]:
    """Every string reportlab draws, in order (each Paragraph line, each fragment of a line with
    markup, each canvas string), with the x on the page where it starts."""
    strings: list[tuple[str, float]] = []
    original = PDFTextObject._formatText

    def record(self: PDFTextObject, text: str) -> str:
        strings.append((text, self._canvas._currentMatrix[4] + self._x))
        return original(self, text)

    monkeypatch.setattr(PDFTextObject, "_formatText", record)
    return strings


@pytest.fixture
def drawn(drawn_at: list[tuple[str, float]]) -> Iterator[list[str]]:
    """The strings of :func:`drawn_at` alone (cleared with ``drawn.clear()``)."""

    class Strings(list):
        def __iter__(self):
            return iter([text for text, _x in drawn_at])

        def __contains__(self, text: object) -> bool:
            return any(t == text for t, _x in drawn_at)

        def clear(self) -> None:
            drawn_at.clear()

    yield Strings()


# -- the example line and a wrapped line -------------------------------------------------------


def test_the_example_line_is_drawn_right_to_left_with_its_numbers_left_to_right(
    workspace, drawn, tmp_path
):
    session = workspace.sessions.create(title=EXAMPLE, start_date=dt.date(2026, 11, 12),
                                        end_date=dt.date(2026, 11, 12))  # fmt: skip
    write_programme_pdf(workspace, session.id, tmp_path / "p.pdf", translator=AR)
    assert EXAMPLE_DRAWN in drawn  # the title, one line
    # In a French document, an Arabic name inside a French line is reordered on its own: the
    # family name (second in reading order) drawn first, each word from its last letter.
    workspace.sessions.update(session.id, title="Atelier pour عائشة تراوري à Rabat")
    drawn.clear()
    write_programme_pdf(workspace, session.id, tmp_path / "fr.pdf", translator=FR)
    assert ("Atelier pour \ufef1\ufead\ufeed\ufe8d\ufeae\ufe97 "
            "\ufe94\ufeb8\ufe8b\ufe8e\ufecb à Rabat") in drawn  # fmt: skip


def test_a_wrapped_sentence_starts_on_the_first_line_drawn(workspace, drawn, tmp_path):
    sentence = " ".join(WORDS * 4)  # four lines or so in the objectives
    session = workspace.sessions.create(title="عنوان", start_date=dt.date(2026, 11, 12),
                                        end_date=dt.date(2026, 11, 12), objectives=sentence)  # fmt: skip
    write_programme_pdf(workspace, session.id, tmp_path / "p.pdf", translator=AR)
    lines = [s for s in drawn if s.strip() and {w[::-1] for w in _nfkc(s).split()} <= set(WORDS)]
    assert len(lines) >= 2
    first, last = lines[0].split(" "), lines[-1].split(" ")
    # A line is drawn from its end: the first word of the sentence is the rightmost of line 1,
    # its letters drawn last to first; the sentence's last word is the leftmost of the last line.
    assert _nfkc(first[-1]) == WORDS[0][::-1]
    assert _nfkc(first[-2]) == WORDS[1][::-1]
    assert _nfkc(last[0]) == WORDS[-1][::-1]
    # Every word once and in order, reading each line from the right.
    words = [_nfkc(w)[::-1] for line in lines for w in reversed(line.split(" "))]
    assert words == WORDS * 4


def test_text_in_the_other_script_keeps_its_own_direction(workspace, drawn, tmp_path):
    """French objectives typed in an Arabic report keep their punctuation where French puts it
    (not ".former les OPJ"), and an Arabic sentence around a French title stays Arabic."""
    french = "Objectif général : former les OPJ (police judiciaire)."
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2026, 11, 12),
                                        end_date=dt.date(2026, 11, 12), objectives=french)  # fmt: skip
    write_programme_pdf(workspace, session.id, tmp_path / "p.pdf", translator=AR)
    assert french in drawn
    mixed = visual("الدورة «Atelier OPJ».", True)
    assert mixed.startswith(".") and "Atelier OPJ" in mixed  # read from the right, full stop left
    assert visual("Atelier OPJ.", True) == "Atelier OPJ."
    assert visual("Atelier OPJ.", False) == "Atelier OPJ."


def test_a_line_with_markup_keeps_each_fragment_in_its_place(drawn, tmp_path):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from trainer_desktop.reports.bidi_text import Paragraph

    fonts = document_fonts("ar")
    style = ParagraphStyle("s", fontName=fonts.regular, fontSize=10, leading=13, rtl=True)
    text = "<b>الاسم:</b> عائشة (Awa) <font color='red'>85%</font>"
    SimpleDocTemplate(str(tmp_path / "m.pdf")).build([Paragraph(text, style)])
    # Drawn left to right: the red number (its own fragment; after a Latin word a Latin number,
    # the sign on its right, unlike EXAMPLE_DRAWN where it follows Arabic letters), then
    # "(Awa)" with its brackets facing the Latin word and the name from its last letter, then
    # the bold label at the right end, its colon on its left.
    pieces = [s for s in drawn if s.strip()]
    assert pieces == ["85%", " (Awa) \ufe94\ufeb8\ufe8b\ufe8e\ufecb ",
                      ":\ufee2\ufeb3\ufefb\ufe8d"]  # fmt: skip


def test_brackets_face_their_words_and_phone_numbers_stay_whole():
    assert visual("(مرحبا)", True) == "(\ufe8e\ufe92\ufea3\ufeae\ufee3)"
    assert visual("عائشة (Awa)", True).startswith("(Awa) ")
    # Each character drawn once: the drawing order is a permutation of the line.
    line = "النتيجة (85%) في 2026، Awa TRAORÉ [ص] " * 6
    assert sorted(visual_order(line, True)) == list(range(len(line)))


def test_babel_direction_marks_steer_then_vanish():
    date = AR.format_date(dt.date(2026, 11, 12), "short")
    assert "\u200f" in date  # CLDR's right-to-left marks between day, month and year
    drawn = visual(f"التاريخ: {date}", True)
    assert not set(drawn) & {"\u200e", "\u200f", "\u061c"}
    # The day is read first from the right, as the marks ask: 2026/11/12 on the page.
    assert drawn.startswith("2026/11/12 ")


# -- every writer, Arabic data -----------------------------------------------------------------


@pytest.fixture(scope="module")
def arabic(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The demo data with its Rabat workshop, participants, programme and comments in Arabic, a
    small Arabic quiz and form, and every document written from them in Arabic."""
    folder = tmp_path_factory.mktemp("arabic")
    workspace = clone_template(template_db, folder / "demo.sqlite", "demo")
    load_demo(workspace)
    workspace.settings.set("organisation_name", "المجلس الوطني لحقوق الإنسان")
    workspace.sessions.update(MNP, title="ورشة عمل حول الآلية الوطنية للوقاية من التعذيب",
                              venue="فندق الرباط", town="الرباط", theme="الوقاية من التعذيب",
                              objectives="- " + EXAMPLE + "\n- تبادل التجارب")  # fmt: skip
    people = workspace.attendance.grid(MNP).people
    names = [("العلوي", "فاطمة الزهراء"), ("بنعلي", "محمد"), ("التازي", "خديجة")]
    for person, (family, given) in zip(people, names, strict=False):
        workspace.participants.update(person.participant.id, family_name=family,
                                      given_names=given, institution="وزارة العدل",
                                      phone="+212 6 12 34 56 78")  # fmt: skip
    day = workspace.sessions.get(MNP).start_date
    workspace.programme.add(MNP, day=day, start_time=dt.time(7, 0), end_time=dt.time(7, 30),
                            title="استقبال المشاركين", speaker="عائشة تراوري",
                            objective="التعارف وتقديم البرنامج", kind="presentation")  # fmt: skip
    form = workspace.evaluations.session_forms(MNP)[0]
    text_items = [i for i in form.content.items if i.kind in ("text", "longtext")]
    if text_items:
        response = workspace.evaluations.start_response(MNP, form.id)
        workspace.evaluations.answer(response.id, text_items[0].name, "تكوين مفيد جدا، شكرا")
        workspace.evaluations.submit(response.id)

    small = workspace.sessions.create(title=EXAMPLE, start_date=dt.date(2026, 11, 12),
                                      end_date=dt.date(2026, 11, 13), venue="قاعة الاجتماعات",
                                      town="مراكش", organiser="المنظمة")  # fmt: skip
    for family, given in names:
        workspace.participants.create_and_enrol(small.id, family_name=family, given_names=given)
    quiz = workspace.quizzes.create("اختبار قبلي", "ar", "أجب عن كل الأسئلة.", [
        Question(kind="single", text="من يمكنه أن يأمر بالتعذيب؟",
                 choices=(Choice("ضابط أعلى رتبة", 0), Choice("لا أحد، أبدا", 100)),
                 explanation="المادة 2 من الاتفاقية"),
    ])  # fmt: skip
    workspace.quizzes.assign(small.id, "pre", quiz.id)
    arabic_form = workspace.evaluations.create("تقييم نهاية الدورة", "ar", [
        FormItem(kind="heading", name="h", label={"ar": "التنظيم"}),
        FormItem(kind="single", name="q1", label={"ar": "هل كانت المدة كافية؟"},
                 choices=(FormChoice("a", {"ar": "قصيرة جدا"}), FormChoice("b", {"ar": "مناسبة"}))),
        FormItem(kind="longtext", name="c", label={"ar": "ملاحظات"}),
    ])  # fmt: skip

    written = {
        "programme": write_programme_pdf(workspace, MNP, folder / "programme.pdf", translator=AR),
        "report": write_session_report(workspace, MNP, folder / "report.pdf", translator=AR),
        "participants": write_participant_list(workspace, MNP, folder / "participants.pdf",
                                               translator=AR),
        "sheets": write_attendance_sheets(workspace, MNP, folder / "sheets.pdf", translator=AR,
                                          signed=True),
        "sheet": write_attendance_sheet(workspace, MNP, workspace.attendance.periods(MNP)[0].id,
                                        folder / "sheet.pdf", translator=AR),
        "certificates": write_certificates(workspace, MNP, folder / "certificates.pdf",
                                           enrolment_ids=[p.enrolment.id for p in people[:3]],
                                           translator=AR)[0],
        "overview": write_overview_pdf(workspace, OverviewFilter(), folder / "overview.pdf",
                                       translator=AR),
        "quiz": write_quiz_pdf(workspace, small.id, "pre", folder / "quiz.pdf", named=True,
                               translator=AR),
        "key": write_answer_key_pdf(workspace, small.id, "pre", folder / "key.pdf",
                                    translator=AR),
        "form": write_form_pdf(workspace, arabic_form.id, folder / "form.pdf",
                               session_id=small.id),
    }  # fmt: skip
    yield {"workspace": workspace, "written": written, "names": names, "small": small}
    workspace.close()


def _text(path: Path) -> str:
    return " ".join(p.extract_text() or "" for p in PdfReader(path).pages)


DOCUMENTS = ["programme", "report", "participants", "sheets", "sheet", "certificates",
             "overview", "quiz", "key", "form"]  # fmt: skip


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_document_prints_its_arabic_text_in_the_embedded_font_only(arabic, document):
    path = arabic["written"][document]
    reader = PdfReader(path)
    text = _text(path)
    fonts = document_fonts("ar")
    faces = {name: pdfmetrics.getFont(name).face for name in (fonts.regular, fonts.bold)}
    # Only the embedded DejaVu Sans faces, never a base-14 font.
    expected = {face.name.decode() for face in faces.values()}
    used = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            used.add(str(font["/BaseFont"]).split("+", 1)[-1].lstrip("/"))
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
    assert used <= expected, used
    # Every character drawn has a glyph in the font (none falls to .notdef).
    cmap = faces[fonts.regular].charToGlyph
    missing = {c for c in text if not c.isspace() and ord(c) not in cmap}
    assert not missing, sorted(missing)
    # Arabic letters are drawn joined (presentation forms), none left unshaped.
    assert any("\ufe70" <= c <= "\ufefc" for c in text)
    assert not any("\u0621" <= c <= "\u064a" for c in text), document


def test_the_arabic_user_text_is_all_there(arabic):
    written = arabic["written"]
    for document, expected in [
        ("programme", ["الرباط", "استقبال المشاركين", "عائشة تراوري", "تبادل التجارب"]),
        ("report", ["الآلية الوطنية للوقاية", "تكوين مفيد جدا", "فاطمة الزهراء"]),
        ("participants", ["العلوي", "وزارة العدل", "+212 6 12 34 56 78"]),
        ("certificates", ["فاطمة الزهراء", "الرباط"]),
        ("quiz", ["من يمكنه أن يأمر بالتعذيب", "لا أحد، أبدا", "أجب عن كل الأسئلة"]),
        ("key", ["المادة 2 من الاتفاقية"]),
        ("form", ["هل كانت المدة كافية", "قصيرة جدا", "ملاحظات", "قاعة الاجتماعات"]),
    ]:
        # pypdf puts right-to-left runs back in reading order; words compared one by one.
        text = _nfkc(_text(written[document]))
        for phrase in expected:
            for word in phrase.split():
                assert word in text or word[::-1] in text, (document, word)


def test_arabic_tables_read_from_the_right(arabic, drawn_at, tmp_path):
    """On the participant list the number column is the rightmost, the name left of it, the
    institution further left; in French the other way round."""
    workspace = arabic["workspace"]
    family = arabic["names"][0][0]
    for tr, rtl in ((AR, True), (FR, False)):
        drawn_at.clear()
        write_participant_list(workspace, MNP, tmp_path / f"{tr.language}.pdf", translator=tr)
        number = next(x for text, x in drawn_at if text in ("N°", "°N"))
        name = next(x for text, x in drawn_at if family[::-1] in _nfkc(text) or family in text)
        institution = next(x for text, x in drawn_at if "\ufe93\ufead\ufe8d\ufeaf\ufeed" in text)
        columns = [number, name, institution]
        assert columns == sorted(columns, reverse=rtl), (tr.language, columns)


def test_a_french_certificate_and_list_print_an_arabic_name_joined_and_in_order(
    arabic, drawn, tmp_path
):
    workspace = arabic["workspace"]
    family = arabic["names"][0][0]
    person = next(p for p in workspace.attendance.grid(MNP).people
                  if p.participant.family_name == family)  # fmt: skip
    write_certificates(workspace, MNP, tmp_path / "c.pdf", enrolment_ids=[person.enrolment.id],
                       translator=FR)  # fmt: skip
    # The name on the certificate: both words drawn right to left, the given names (first in
    # reading order) on the right.
    # "العلوي فاطمة الزهراء" (family name first, as printed) drawn from its last letter.
    name = "\ufe80\ufe8d\ufeae\ufeeb\ufeb0\ufedf\ufe8d \ufe94\ufee4\ufec3\ufe8e\ufed3 \ufef1\ufeee\ufee0\ufecc\ufedf\ufe8d"
    assert name in drawn
    drawn.clear()
    write_participant_list(workspace, MNP, tmp_path / "l.pdf", translator=FR)
    joined = [_nfkc(s) for s in drawn]
    assert any(family[::-1] in s for s in joined)
    assert "Liste des participants" in " ".join(drawn)  # the French words left as they were
