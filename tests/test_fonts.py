"""The embedded document font prints French, English and Arabic, and never falls back to a
base-14 font."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from trainer_desktop.reports.fonts import document_fonts

FRENCH = "Éléonore Ça ŒUVRE — « prévu » 1 234,5"
ARABIC = "فاطمة الزهراء بنعلي"  # a participant's name typed in Arabic


def _has_glyphs(font_name: str, text: str) -> bool:
    face = pdfmetrics.getFont(font_name).face
    return all(ord(c) in face.charToGlyph for c in text if not c.isspace())


def test_every_face_of_the_french_family_has_french_letters_and_the_upright_faces_arabic():
    fonts = document_fonts("fr")
    for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
        assert _has_glyphs(name, FRENCH), name
    for name in (fonts.regular, fonts.bold):
        assert _has_glyphs(name, ARABIC), name
        assert _has_glyphs(name, "\ufefb\ufe8d\u202f")  # lam-alef ligature, alef form, narrow nbsp


def test_an_arabic_document_uses_upright_faces_for_italics_because_the_oblique_has_no_arabic():
    fonts = document_fonts("ar")
    for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
        assert _has_glyphs(name, ARABIC), name
    # The French family's italic is still a real oblique, registered under its own names.
    assert document_fonts("fr").italic != fonts.italic
    assert not _has_glyphs(document_fonts("fr").italic, ARABIC)


def test_a_pdf_embeds_the_font_and_gives_back_french_and_arabic_text():
    fonts = document_fonts("fr")
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName=fonts.regular)
    canvas.setFont(fonts.regular, 12)
    canvas.drawString(72, 720, FRENCH)
    canvas.drawString(72, 700, ARABIC)
    canvas.save()
    reader = PdfReader(io.BytesIO(out.getvalue()))
    page = reader.pages[0]
    text = page.extract_text()
    assert "Éléonore" in text and "1 234,5" in text
    # Every Arabic letter is there (pypdf reorders right-to-left runs itself: compare letters).
    arabic_in_text = sorted(c for c in text if "\u0600" <= c <= "\u06ff")
    assert arabic_in_text == sorted(c for c in ARABIC if not c.isspace())
    names = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert names and all("DejaVuSans" in n for n in names)  # subset of the embedded file
    assert all(f.get_object()["/FontDescriptor"].get("/FontFile2") is not None
               for f in _descendants(page))  # fmt: skip


def _descendants(page):
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        yield from (d for d in font.get("/DescendantFonts", [font]))
