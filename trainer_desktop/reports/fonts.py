"""The fonts every printed document uses: the one place to change them.

Documents embed a TrueType font (never the PDF base-14 Helvetica, which is not embedded and has
no glyphs beyond Latin-1): today Bitstream Vera, shipped inside the reportlab package, registered
once as a family so ``<b>`` and ``<i>`` work in Paragraph markup. Arabic (right-to-left, shaped)
comes in a later issue and will choose its family here, from the document's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_VERA_DIR = Path(reportlab.__file__).resolve().parent / "fonts"

#: Characters the embedded font lacks, and the nearest one it has. Babel's French formats use
#: narrow no-break spaces (``1 234``), which Vera has no glyph for: it would print a blank box.
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


@dataclass(frozen=True)
class FontFamily:
    """Registered reportlab font names for one family."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def document_fonts(language: str = "fr") -> FontFamily:
    """The font family for a document written in ``language``, registered with reportlab.

    Every language uses the same family for now; the argument is where Arabic will branch.
    """
    del language  # one family until the Arabic issue
    return _vera()


@cache
def _vera() -> FontFamily:
    """Register Bitstream Vera once per process, under neutral names documents refer to."""
    family = FontFamily(
        regular="TrainerSans",
        bold="TrainerSans-Bold",
        italic="TrainerSans-Italic",
        bold_italic="TrainerSans-BoldItalic",
    )
    files = {
        family.regular: "Vera.ttf",
        family.bold: "VeraBd.ttf",
        family.italic: "VeraIt.ttf",
        family.bold_italic: "VeraBI.ttf",
    }
    for name, filename in files.items():
        pdfmetrics.registerFont(TTFont(name, str(_VERA_DIR / filename)))
    # The family mapping is what lets Paragraph markup resolve <b>, <i> and <b><i>.
    pdfmetrics.registerFontFamily(
        family.regular,
        normal=family.regular,
        bold=family.bold,
        italic=family.italic,
        boldItalic=family.bold_italic,
    )
    return family


def printable(text: str) -> str:
    """``text`` with the characters the document font cannot draw replaced by close equivalents."""
    return text.translate(_SUBSTITUTES)
