"""The fonts every printed document uses: the one place to change them.

Documents embed a TrueType font (never the PDF base-14 Helvetica, which is not embedded and has
no glyphs beyond Latin-1): DejaVu Sans, shipped with the application under
``trainer_desktop/resources/fonts`` (see the README there), registered once as a family so ``<b>``
and ``<i>`` work in Paragraph markup. It covers French, English and Arabic letters in one family,
so a French certificate prints an Arabic name. Its oblique faces have no Arabic: documents in
Arabic use the upright faces for ``<i>`` too (Arabic has no italics by custom).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

#: Characters the embedded font lacks or draws badly, and the nearest one it has.
_SUBSTITUTES = str.maketrans(
    {
        "\u202f": "\u00a0",  # narrow no-break space -> no-break space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u2007": "\u00a0",  # figure space
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2212": "-",  # minus sign
        "\u02bc": "\u2019",  # modifier letter apostrophe -> right single quote
    }
)


#: Each registered oblique face and its upright one (see :func:`upright`).
_UPRIGHT: dict[str, str] = {}


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names for one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    #: Documents in this family's language run right to left (Arabic): their paragraph styles
    #: carry ``rtl`` (see :mod:`.bidi_text`) and their tables read from the right.
    right_to_left: bool = False


def document_fonts(language: str = "fr") -> FontFamily:
    """The font family for a document written in ``language``, registered with reportlab."""
    return _family(upright_only=language.split("_")[0] == "ar")


@cache
def _family(upright_only: bool) -> FontFamily:
    """Register DejaVu Sans once per process, under neutral names documents refer to."""
    # Two families, two sets of names: the family mapping for <i> is keyed by the regular name.
    base = "TrainerSansArabic" if upright_only else "TrainerSans"
    family = FontFamily(
        regular=base,
        bold=f"{base}-Bold",
        italic=f"{base}-Italic",
        bold_italic=f"{base}-BoldItalic",
        right_to_left=upright_only,
    )
    files = {
        family.regular: "DejaVuSans.ttf",
        family.bold: "DejaVuSans-Bold.ttf",
        family.italic: "DejaVuSans.ttf" if upright_only else "DejaVuSans-Oblique.ttf",
        family.bold_italic: "DejaVuSans-Bold.ttf" if upright_only else "DejaVuSans-BoldOblique.ttf",
    }
    for name, filename in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / filename)))
    _UPRIGHT[family.italic] = family.regular
    _UPRIGHT[family.bold_italic] = family.bold
    # The family mapping is what lets Paragraph markup resolve <b>, <i> and <b><i>.
    pdfmetrics.registerFontFamily(
        family.regular,
        normal=family.regular,
        bold=family.bold,
        italic=family.italic,
        boldItalic=family.bold_italic,
    )
    return family


def upright(font: str) -> str:
    """The upright face of the oblique ``font`` (itself otherwise): what Arabic words are drawn
    in where the document asks for italics, as the oblique faces have no Arabic letters (an
    Arabic name in a French document's italic line)."""
    return _UPRIGHT.get(font, font)


def printable(text: str) -> str:
    """``text`` with the characters the document font cannot draw replaced by close equivalents."""
    return text.translate(_SUBSTITUTES)
