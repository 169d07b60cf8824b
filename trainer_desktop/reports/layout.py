"""What every printed document shares: the A4 page, margins and colours, the header (logo,
organisation, and from page 2 the document's title) and footer ("Page N of M", printed date),
safe text for reportlab's markup, and tables that read from the right in a right-to-left
document (:func:`table`)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.sessions import SESSION_FIELD_LABELS

from .bidi_text import has_arabic, shape, visual
from .fonts import FontFamily, printable, upright

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 30 * mm  # room for the logo and organisation name
HEADER_RULE = 24.5 * mm  # from the top of the page
MARGIN_BOTTOM = 20 * mm  # room for the footer
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LOGO_MAX_HEIGHT = 13 * mm
LOGO_MAX_WIDTH = 40 * mm

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#c4c9d0")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def session_label(tr: Translator, field: str) -> str:
    """The translated label of a session field (marked with ``N_`` where it is defined; a
    ``tr.gettext(LABELS["x"])`` in a document would make Babel extract the key "x" as a message)."""
    return tr.gettext(SESSION_FIELD_LABELS[field])


def markup(text: str | None) -> str:
    """User text made safe for Paragraph markup: escaped, control characters dropped, line
    breaks kept, characters the font lacks replaced."""
    clean = _CONTROL_CHARS.sub("", text or "")
    return printable(escape(clean)).replace("\r\n", "\n").replace("\n", "<br/>")


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points (canvas strings do not wrap);
    Arabic comes out shaped, still in reading order: draw it through :func:`.bidi_text.visual`."""
    text = shape(printable(_CONTROL_CHARS.sub("", " ".join(text.split()))))
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def read_logo(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
    except Exception:  # noqa: BLE001 - a damaged logo must not stop the programme from printing
        return None
    return reader


# -- page decoration ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageDecor:
    organisation: str
    logo: ImageReader | None
    session_title: str
    printed_on: str


def numbered_canvas(page: PageDecor, fonts: FontFamily, tr: Translator) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each footer can say "Page N of M"."""

    def decorate(canvas: Canvas, number: int, total: int) -> None:
        _draw_header(canvas, page, fonts, number)
        _draw_footer(canvas, page, fonts, tr, number, total)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                decorate(self, self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _draw_header(canvas: Canvas, page: PageDecor, fonts: FontFamily, number: int) -> None:
    """Logo, then the organisation name and (from page 2: loose sheets get shuffled) the session
    title under it; a rule below. A right-to-left document starts them from the right."""
    show_title = number > 1
    if page.logo is None and not page.organisation and not show_title:
        return
    rtl = fonts.right_to_left
    rule_y = PAGE_HEIGHT - HEADER_RULE
    bottom = rule_y + 2.5 * mm
    left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
    canvas.saveState()
    lines_middle = bottom + 3 * mm
    if page.logo is not None:
        width, height = page.logo.getSize()
        scale = min(LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
        w, h = width * scale, height * scale
        canvas.drawImage(page.logo, right - w if rtl else left, bottom, width=w, height=h,
                         mask="auto")  # fmt: skip
        if rtl:
            right -= w + 4 * mm
        else:
            left += w + 4 * mm
        lines_middle = bottom + h / 2
    lines = []
    if page.organisation:
        lines.append((page.organisation, fonts.bold, 10, ACCENT))
    if show_title:
        lines.append((page.session_title, fonts.italic, 8, MUTED))
    # Two lines sit either side of the logo's middle; one line is centred on it.
    baselines = (
        [lines_middle - 1.3 * mm]
        if len(lines) == 1
        else [lines_middle + 0.8 * mm, lines_middle - 3.6 * mm]
    )
    for (text, font, size, colour), y in zip(lines, baselines, strict=True):
        font = upright(font) if has_arabic(text) else font  # the oblique faces lack Arabic
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        drawn = visual(fit_text(text, font, size, right - left), rtl)
        if rtl:
            canvas.drawRightString(right, y, drawn)
        else:
            canvas.drawString(left, y, drawn)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_LEFT, rule_y, PAGE_WIDTH - MARGIN_RIGHT, rule_y)
    canvas.restoreState()


def _draw_footer(
    canvas: Canvas, page: PageDecor, fonts: FontFamily, tr: Translator, number: int, total: int
) -> None:
    """The printing date at the start of the line, "Page N of M" at its end (mirrored in a
    right-to-left document)."""
    y = 11 * mm
    rtl = fonts.right_to_left
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_LEFT, y + 4 * mm, PAGE_WIDTH - MARGIN_RIGHT, y + 4 * mm)
    canvas.setFont(fonts.regular, 8)
    canvas.setFillColor(MUTED)
    printed = visual(printable(tr.gettext("Printed on {date}").format(date=page.printed_on)), rtl)
    numbering = tr.gettext("Page {page} of {pages}").format(
        page=tr.format_number(number), pages=tr.format_number(total)
    )
    numbering = visual(printable(numbering), rtl)
    if rtl:
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, printed)
        canvas.drawString(MARGIN_LEFT, y, numbering)
    else:
        canvas.drawString(MARGIN_LEFT, y, printed)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, numbering)
    canvas.restoreState()


# -- tables -----------------------------------------------------------------------------------

#: Style commands that name a side, and their mirror image.
_MIRRORED_COMMANDS = {
    "LEFTPADDING": "RIGHTPADDING", "RIGHTPADDING": "LEFTPADDING",
    "LINEBEFORE": "LINEAFTER", "LINEAFTER": "LINEBEFORE",
}  # fmt: skip
_MIRRORED_ALIGN = {"LEFT": "RIGHT", "RIGHT": "LEFT"}


def directed_table(
    data: list[list[object]],
    col_widths: Sequence[float],
    commands: Sequence[tuple] = (),
    *,
    rtl: bool,
    h_align: str = "LEFT",
    **kwargs: object,
) -> Table:
    """A reportlab Table; in a right-to-left document (``rtl``) it reads from the right: the
    first column on the right (rows, widths and the style commands' columns mirrored, left and
    right padding, lines and alignment swapped), and a narrow table sits against the right
    margin. Plain string cells are shaped and reordered (an Arabic name in a French list too).

    ``commands`` are written as for a left-to-right table; ``kwargs`` go to ``Table``."""
    data = [[visual(cell, rtl) if isinstance(cell, str) else cell for cell in row] for row in data]
    widths = list(col_widths)
    commands = list(commands)
    if rtl:
        columns = len(widths)
        data = [row[::-1] for row in data]
        widths.reverse()
        commands = [_mirror_command(c, columns) for c in commands]
        for command in commands:
            if command[0] == "SPAN":  # a span's content lives in its first (now last) cell
                _move_span_content(data, command, columns)
        h_align = _MIRRORED_ALIGN.get(h_align, h_align)
    return Table(data, colWidths=widths, style=TableStyle(commands), hAlign=h_align, **kwargs)


def _mirror_column(column: int, columns: int) -> int:
    return columns - 1 - column if column >= 0 else -column - 1


def _mirror_command(command: tuple, columns: int) -> tuple:
    name, (c0, r0), (c1, r1), *rest = command
    if name == "ALIGN" and rest:
        rest = [_MIRRORED_ALIGN.get(str(rest[0]).upper(), rest[0]), *rest[1:]]
    start, end = _mirror_column(c1, columns), _mirror_column(c0, columns)
    return (_MIRRORED_COMMANDS.get(name, name), (start, r0), (end, r1), *rest)


def _move_span_content(data: list[list[object]], span: tuple, columns: int) -> None:
    _name, (start, row), (end, _r1), *_rest = span
    start, end = start % columns, end % columns
    if data and start != end:
        cells = data[row % len(data)]
        cells[start], cells[end] = cells[end], cells[start]
