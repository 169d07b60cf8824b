"""Arabic in printed documents: joined letters, and lines in right-to-left order.

reportlab draws a string's characters one after the other, left to right, each with its own
glyph. Arabic needs two steps before that, in this order:

1. :func:`shape`: every Arabic letter becomes the presentation form (isolated, initial, medial,
   final, the lam-alef ligatures) its neighbours call for (arabic-reshaper). Widths are measured
   on shaped text, so that lines break where they will really be full.
2. Once lines are broken, each line is put in drawing order by the Unicode bidirectional
   algorithm (python-bidi): right-to-left runs reversed, numbers and Latin words left to right
   inside them. Reordering a whole paragraph before wrapping would put the end of a sentence on
   its first line, so :class:`Paragraph` reorders line by line, at drawing time.

The base direction is the document's: right to left in an Arabic document, left to right in
the others, where an Arabic name inside a French line is reordered on its own. Text without
right-to-left characters in a left-to-right document is left exactly as it was.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import Counter, defaultdict
from functools import cache

from arabic_reshaper import ArabicReshaper
from bidi import get_display
from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as rl_paragraph

from .fonts import upright

#: Arabic letters and marks the reshaper joins (Arabic, Supplement, Extended-A).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
#: Arabic presentation forms: what :func:`shape` makes of Arabic letters.
_SHAPED = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
#: Characters that make a left-to-right line need reordering: Hebrew and Arabic letters and
#: digits, their presentation forms, and the right-to-left marks and embeddings.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
#: Direction marks and embeddings (Babel puts some in dates): they steer the reordering, then
#: are dropped, as the font has no glyph for some of them.
_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Characters drawn as their mirror image in a right-to-left run, each with its mirror.
_MIRRORS = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_MIRRORABLE = re.compile("[" + re.escape("".join(_MIRRORS)) + "]")

# Only the lam-alef ligatures: DejaVu Sans has them (Presentation Forms-B), not the word
# ligatures such as ALLAH that the reshaper enables by default. Harakat are dropped, as in
# most printed prose: reportlab cannot place a mark over its letter.
_RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": True,
        "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
    }
)


def shape(text: str) -> str:
    """``text`` with its Arabic letters in the forms their place in the word calls for (in
    logical order, to be measured and wrapped; see :func:`reorder`)."""
    if not _ARABIC.search(text):
        return text
    # The Arabic letter mark is missing from the font; the right-to-left mark steers the same.
    return _RESHAPER.reshape(text.replace("\u061c", "\u200f"))


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds Arabic letters, shaped or not (letter spacing would pull them
    apart)."""
    return bool(_ARABIC.search(text) or _SHAPED.search(text))


def needs_reordering(text: str, rtl: bool) -> bool:
    return rtl or bool(_RIGHT_TO_LEFT.search(text))


def reorder(line: str, rtl: bool) -> str:
    """One line of shaped text in drawing order (left to right), direction marks dropped; the
    line's base direction is right to left when ``rtl``."""
    if not needs_reordering(line, rtl):
        return _MARKS.sub("", line)
    if not _MIRRORABLE.search(line):
        return _MARKS.sub("", get_display(line, base_dir="R" if rtl else "L"))
    return _MARKS.sub("", "".join(drawn_characters(line, visual_order(line, rtl), rtl)))


def drawn_characters(line: str, order: list[int], rtl: bool) -> list[str]:
    """The characters of ``line`` in the drawing ``order`` of :func:`visual_order`, brackets
    in a right-to-left run turned round (rule L4 of the algorithm, which python-bidi's
    ``get_display`` leaves out): "(" closes a parenthesis read from the right.

    A bracket's run is the direction in which its neighbours on the page follow it in the text;
    alone between two runs, it takes the line's direction."""
    out = []
    for position, index in enumerate(order):
        char = line[index]
        if char in _MIRRORS:
            before = order[position - 1] if position else None
            after = order[position + 1] if position + 1 < len(order) else None
            backwards = before == index + 1 or after == index - 1
            forwards = before == index - 1 or after == index + 1
            if backwards or (rtl and not forwards):
                char = _MIRRORS[char]
        out.append(char)
    return out


def left_to_right(text: str, rtl: bool) -> str:
    """``text`` kept left to right as a whole inside a right-to-left line (a phone number, whose
    groups of digits would otherwise be read from the right); unchanged in a left-to-right one."""
    # An embedding rather than an isolate: the font has glyphs (empty) for these two only.
    return f"\u202a{text}\u202c" if rtl and text else text


def visual(text: str, rtl: bool) -> str:
    """A one-line string (canvas, table cell, chart label) shaped and in drawing order."""
    return reorder(shape(text), base_direction(text, rtl))


def base_direction(text: str, rtl: bool) -> bool:
    """Whether a paragraph of a document whose direction is ``rtl`` is read right to left.

    The document's direction, except for text written only in the other direction's letters:
    French objectives typed by the trainer in an Arabic report keep their full stop on the
    right, an Arabic name alone in a French list is read from the right. (Unicode's rule P2,
    the first strong letter decides, would turn an Arabic sentence that starts with a French
    session title the wrong way.)"""
    kinds = {unicodedata.bidirectional(ch) for ch in text}
    has_rtl, has_ltr = bool(kinds & {"R", "AL"}), "L" in kinds
    return (has_rtl or not has_ltr) if rtl else (has_rtl and not has_ltr)


def visual_order(line: str, rtl: bool) -> list[int]:
    """For each character of ``reorder(line)`` before marks are dropped, its index in ``line``.

    python-bidi returns only the reordered string. To know where each character went (a line
    may mix bold and regular words), a copy in which every character is replaced by a distinct
    one of the same bidirectional class is reordered: the algorithm sees the same classes, so
    it moves every character to the same place. Characters left as they are (brackets, whose
    pairing the algorithm reads, and classes with few members) are matched by their neighbours.
    """
    pools = _class_pools()
    used: dict[str, int] = defaultdict(int)
    stand_in: dict[str, int] = {}
    copy = []
    for index, char in enumerate(line):
        cls = unicodedata.bidirectional(char)
        pool = pools.get(cls, ())
        if used[cls] < len(pool) and not unicodedata.mirrored(char):
            substitute = pool[used[cls]]
            used[cls] += 1
            stand_in[substitute] = index
            copy.append(substitute)
        else:
            copy.append(char)
    moved = get_display("".join(copy), base_dir="R" if rtl else "L")
    # A character kept as it was may equal a stand-in: only the unique ones tell their origin.
    unique = {char for char, n in Counter(copy).items() if n == 1}
    order: list[int | None] = [stand_in.get(c) if c in unique else None for c in moved]
    left = sorted(set(range(len(line))) - {i for i in order if i is not None})
    if left:
        real = get_display(line, base_dir="R" if rtl else "L")
        for position, index in enumerate(order):
            if index is None:
                order[position] = _nearest(left, position, order, rtl, real[position], line)
    return [i for i in order if i is not None]


def _nearest(
    left: list[int], position: int, order: list[int | None], rtl: bool, char: str, line: str
) -> int:
    """The logical index of an unmatched character: one of the same character nearest to where
    its neighbours on the page point."""
    before = order[position - 1] if position else None
    after = order[position + 1] if position + 1 < len(order) else None
    if before is not None and after is not None and abs(before - after) == 2:
        expected = (before + after) / 2
    elif before is not None:
        expected = before + (-1 if rtl else 1)
    elif after is not None:
        expected = after + (1 if rtl else -1)
    else:
        expected = len(line) - 1 if rtl else 0
    candidates = [i for i in left if line[i] == char]
    best = min(candidates or left, key=lambda i: abs(i - expected))
    left.remove(best)
    return best


@cache
def _class_pools() -> dict[str, tuple[str, ...]]:
    """Characters of the Basic Multilingual Plane by bidirectional class, for
    :func:`visual_order`: assigned since Unicode 3.2 (their class long settled), not mirrored,
    not formatting codes whose class is their whole meaning."""
    pools: dict[str, list[str]] = defaultdict(list)
    for code in range(0x20, 0x10000):
        char = chr(code)
        if unicodedata.ucd_3_2_0.category(char) in ("Cn", "Cs", "Co", "Zl", "Zp"):
            continue
        cls = unicodedata.bidirectional(char)
        if cls in ("B", "S") or len(cls) == 3 or unicodedata.mirrored(char):
            continue  # separators, embeddings and isolates (LRE, PDI...), brackets
        pools[cls].append(char)
    return {cls: tuple(chars) for cls, chars in pools.items()}


# -- paragraphs --------------------------------------------------------------------------------


def right_to_left(style: ParagraphStyle | None) -> bool:
    """Whether ``style`` belongs to a right-to-left document (``rtl=True`` on its base style:
    children copy it)."""
    return bool(getattr(style, "rtl", False))


_mirrored_styles: weakref.WeakKeyDictionary[ParagraphStyle, ParagraphStyle] = (
    weakref.WeakKeyDictionary()
)
_MIRRORED_ALIGNMENT = {TA_LEFT: TA_RIGHT, TA_RIGHT: TA_LEFT}


def mirrored(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` for a right-to-left paragraph: left and right alignment and indents swapped
    (a bullet then sits in the right indent, ``bulletIndent`` from the right edge)."""
    if getattr(style, "mirrored", False):
        return style
    if style not in _mirrored_styles:
        mirror = ParagraphStyle(f"{style.name}-rtl", parent=style)
        mirror.alignment = _MIRRORED_ALIGNMENT.get(style.alignment, style.alignment)
        mirror.leftIndent, mirror.rightIndent = style.rightIndent, style.leftIndent
        mirror.mirrored = True
        _mirrored_styles[style] = mirror
    return _mirrored_styles[style]


class Paragraph(rl_paragraph.Paragraph):
    """reportlab's Paragraph, Arabic shaped before lines are broken and each line reordered for
    drawing; mirrored in a right-to-left document (style with ``rtl=True``)."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: str | None = None,  # reportlab's names: split() passes them
        frags: list | None = None,
        caseSensitive: int = 1,
        encoding: str = "utf8",
    ) -> None:
        self._rtl = right_to_left(style)
        if style is not None and self._rtl:
            style = mirrored(style)
        if isinstance(text, str):
            text = shape(text)
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        if frags is None:  # freshly parsed: Arabic words in italics are drawn upright
            for frag in self.frags:
                if has_arabic(getattr(frag, "text", "")):
                    frag.fontName = upright(frag.fontName)
        plain = "".join(getattr(f, "text", "") for f in self.frags)  # without the markup
        #: The direction lines are read in (the layout follows the document: ``_rtl``).
        self._base_rtl = base_direction(plain, self._rtl)
        self._reorder = needs_reordering(plain, self._base_rtl) or bool(_MARKS.search(plain))

    def breakLines(self, width):
        # A right-to-left bullet is drawn in the right indent (drawPara): it takes no room here.
        if not (self._rtl and self.bulletText):
            return super().breakLines(width)
        bullet, self.bulletText = self.bulletText, None
        try:
            return super().breakLines(width)
        finally:
            self.bulletText = bullet

    def drawPara(self, debug: int = 0) -> None:
        if not (self._reorder or self._rtl):
            return super().drawPara(debug)
        logical, bullet = self.blPara, self.bulletText
        if self._reorder:
            self.blPara = _visual_lines(logical, self._base_rtl)
        if self._rtl:
            self.bulletText = None
        try:
            super().drawPara(debug)
        finally:
            self.blPara, self.bulletText = logical, bullet
        if self._rtl and bullet and logical.lines:
            self._draw_bullet_right(bullet, logical)
        return None

    def _draw_bullet_right(self, bullet: str, lines) -> None:
        style = self.style
        first = lines if lines.kind == 0 else lines.lines[0]
        if rl_config.paraFontSizeHeightOffset:
            y = self.height - first.fontSize
        else:
            y = self.height - getattr(first, "ascent", first.fontSize)
        text = bullet if isinstance(bullet, str) else "".join(f.text for f in bullet)
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(style.bulletFontName, style.bulletFontSize)
        canvas.setFillColor(getattr(style, "bulletColor", None) or style.textColor)
        canvas.drawRightString(
            self.width - style.bulletIndent, y + getattr(style, "bulletOffsetY", 0),
            visual(text, True),
        )  # fmt: skip
        canvas.restoreState()


def _visual_lines(blPara, rtl: bool):
    """A copy of reportlab's broken lines with each line's words (plain lines) or fragments
    (lines with markup) in drawing order."""
    lines = []
    for line in blPara.lines:
        if isinstance(line, tuple):  # (spare width, words)
            words = reorder(" ".join(line[1]), rtl).split(" ")
            lines.append((line[0], words, *line[2:]))
        else:
            lines.append(line.clone(words=_visual_fragments(line.words, rtl)))
    return blPara.clone(lines=lines)


def _visual_fragments(words: list, rtl: bool) -> list:
    """The fragments of one line in drawing order: the line's text reordered as a whole, then
    cut again wherever consecutive characters come from different fragments."""
    if any(getattr(f, "cbDefn", None) for f in words):
        return words  # images and callbacks: none in our documents
    kept = [f for f in words if not getattr(f, "lineBreak", 0)]
    tail = [f for f in words if getattr(f, "lineBreak", 0)]  # a line break's empty fragment
    owners = [n for n, f in enumerate(kept) for _ in f.text]
    line = "".join(f.text for f in kept)
    if not line:
        return words
    order = visual_order(line, rtl)
    drawn = drawn_characters(line, order, rtl)
    out: list = []
    run, owner = [], None
    for position, index in enumerate(order):
        if owners[index] != owner and run:
            out.append(kept[owner].clone(text=_MARKS.sub("", "".join(run))))
            run = []
        owner = owners[index]
        run.append(drawn[position])
    if run:
        out.append(kept[owner].clone(text=_MARKS.sub("", "".join(run))))
    return out + tail
