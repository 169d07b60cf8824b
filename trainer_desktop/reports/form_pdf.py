"""An evaluation form on paper (A4 portrait PDF), to fill in with a pen.

With one laptop for the room, the trainer prints the form, participants tick boxes on paper, and
she types the answers into the fast entry screen (:mod:`trainer_desktop.ui.evaluation_entry`).
So the paper follows the screen: the same items in the same order, answerable items numbered
1, 2, 3... (section headings and notes unnumbered), choices numbered as the screen numbers them
(“1. Too short”: the key she presses), rating scales with their point numbers.

What each kind of item looks like: a section heading as a title, a note as plain text, a rating
scale as a row of boxes with the label of each point under it (and a drawn face above each box
when the form asks for faces: for participants who read little), a single choice as circles, a
multiple choice as squares with “(one or more answers)”, yes/no as two boxes, a number as a
short box, a short text as one line, a long text as several. Required items carry a “*” that the
instructions explain. An item is never cut by a page break.

The header says whether to write one's name: anonymous forms say not to, named ones have a line
for it. Several copies each start on a new page and are numbered on their own (“Page 1 of 3” on
every copy), as the quiz's named copies are; the copies being the same, the form is laid out
once and its pages written as many times as asked.

Labels are printed in the chosen language (the form's own by default), each falling back to the
form's language where a translation is missing; the document's own words (“Name:”, “Page 1 of
2”) come from the translator. The shared look (styles, page header and footer, copies) is the
quiz paper's, imported from :mod:`.quiz_pdf`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import NotFoundError, UserError
from trainer_desktop.core.evaluations import EvaluationForm
from trainer_desktop.core.form_content import FormItem, text_in
from trainer_desktop.core.i18n import Translator, _
from trainer_desktop.core.sessions import TrainingSession

from .bidi_text import Paragraph, shape
from .fonts import FontFamily, document_fonts, printable
from .layout import (
    ACCENT,
    CONTENT_WIDTH,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PageDecor,
    _draw_footer,
    _draw_header,
    markup,
)  # fmt: skip
from .programme_pdf import write_pdf
from .quiz_pdf import (
    BOX,
    CHOICE_INDENT,
    NUMBER_INDENT,
    QUESTION_GAP,
    SHADE,
    _decor,
    _session_facts,
    _Styles,
    _styles,
    _table,
    _TickBox,
)  # fmt: skip

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: More copies than a room holds is a typing mistake (2000 instead of 20).
MAX_COPIES = 200
REQUIRED_COLOUR = colors.HexColor("#b00020")  # the entry screen's
SCALE_COLUMN_MAX = 32 * mm
FACE = 9 * mm
NUMBER_BOX = (38 * mm, 9 * mm)
WRITING_LINE = 9 * mm  # the height of one handwritten line
LONG_TEXT_LINES = 4


def write_form_pdf(
    workspace: Workspace,
    form_id: str,
    path: Path,
    *,
    session_id: str | None = None,
    copies: int = 1,
    language: str | None = None,
    translator: Translator | None = None,
) -> Path:
    """Write ``copies`` paper copies of the evaluation form ``form_id`` to ``path`` (replaced
    atomically); returns ``path``.

    ``session_id``: the session whose title, dates and venue head each copy (None: a blank form
    for any session). ``language``: the language of the labels (default: the form's); the
    document's own words come from ``translator`` (default: that language when documents speak
    it, else the interface's). Raises :class:`NotFoundError` for a missing form or session,
    :class:`UserError` for a number of copies out of 1..:data:`MAX_COPIES` or a file that cannot
    be written.
    """
    if not 1 <= copies <= MAX_COPIES:
        raise UserError(_("Print from 1 to {count} copies.").format(count=MAX_COPIES),
                        field="copies")  # fmt: skip
    form = _form(workspace, form_id)
    session = workspace.sessions.get(session_id) if session_id else None
    language = _language_code(language or form.language) or form.language
    tr = document_translator(language, translator)
    header = form.title if session is None else f"{form.title} · {session.title}"
    decor = _decor(workspace, tr, header)
    fonts = document_fonts(tr.language)
    look = _look(_styles(fonts))
    story = _copy(form, session, language, look, tr)
    data = _build(story, decor, fonts, tr, copies, title=form.title,
                  subject=session.title if session else form.title)  # fmt: skip
    write_pdf(Path(path), data)
    return Path(path)


def document_translator(language: str, translator: Translator | None = None) -> Translator:
    """The document's own words: ``translator`` if given, else ``language`` when documents
    speak it, else the interface's language."""
    if translator is not None:
        return translator
    return Translator(language) if language in i18n.LANGUAGES else i18n.current()


def _language_code(language: str) -> str:
    """``fr_ML``, ``FR`` -> ``fr``: the codes labels are stored under."""
    return (language or "").replace("-", "_").split("_")[0].lower()


def _form(workspace: Workspace, form_id: str) -> EvaluationForm:
    try:
        return workspace.evaluations.get(form_id)
    except NotFoundError:
        raise NotFoundError(_("There is no evaluation form “{id}” (it may have been deleted).")
                            .format(id=form_id)) from None  # fmt: skip


# -- styles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """The quiz paper's styles, and the few a form adds."""

    styles: _Styles
    point: ParagraphStyle  # under a box of a rating scale
    choice_number: ParagraphStyle


def _look(styles: _Styles) -> _Look:
    return _Look(
        styles=styles,
        point=ParagraphStyle(
            "point", parent=styles.choice, fontSize=8.5, leading=10.5, alignment=TA_CENTER
        ),
        choice_number=ParagraphStyle("choice_number", parent=styles.choice, textColor=MUTED),
    )


# -- drawn marks -------------------------------------------------------------------------------


class _TickCircle(_TickBox):
    """An empty circle: one choice only (squares are for “one or more”)."""

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        radius = self.size / 2
        self.canv.circle(radius, radius, radius, stroke=1, fill=0)
        self.canv.restoreState()


class _Face(Flowable):
    """A face drawn with lines, from sad (``mood`` -1) through neutral (0) to happy (1): the
    font has no ☹ ☺, and drawn faces read the same to everyone."""

    def __init__(self, mood: float, size: float = FACE) -> None:
        super().__init__()
        self.mood = mood
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        r = self.size / 2
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setFillColor(INK)
        canvas.setLineWidth(0.8)
        canvas.circle(r, r, r - 0.4, stroke=1, fill=0)
        for eye_x in (r - 0.33 * r, r + 0.33 * r):
            canvas.circle(eye_x, r + 0.25 * r, 0.09 * r, stroke=0, fill=1)
        # The mouth bends by the mood; its middle stays at the same height.
        half, bend = 0.42 * r, 0.32 * r * self.mood
        y = r - 0.38 * r + 0.75 * bend / 2
        canvas.setLineCap(1)
        canvas.bezier(r - half, y, r - half / 2, y - bend, r + half / 2, y - bend, r + half, y)
        canvas.restoreState()


class _AnswerBox(Flowable):
    """A box to write a number in."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        self.canv.restoreState()


# -- one copy ----------------------------------------------------------------------------------


def _copy(form: EvaluationForm, session: TrainingSession | None, language: str, look: _Look,
          tr: Translator) -> list[Flowable]:  # fmt: skip
    styles = look.styles
    story: list[Flowable] = [Paragraph(markup(form.title), styles.title)]
    if session is not None:
        story.append(Paragraph(markup(session.title), styles.session))
        facts = _session_facts(session, tr)
        if facts:
            story.append(Paragraph(markup(facts), styles.facts))
    story += [Spacer(1, 4 * mm), _who(form.anonymous, styles, tr), Spacer(1, 4 * mm),
              _instructions(form, styles, tr), Spacer(1, 5 * mm)]  # fmt: skip
    story += _items(form, language, look, tr)
    return story


def _who(anonymous: bool, styles: _Styles, tr: Translator) -> Table:
    """“Anonymous — do not write your name” or a line to write it on."""
    if anonymous:
        text = f"<b>{markup(tr.gettext('Anonymous — do not write your name.'))}</b>"
        return _table([[Paragraph(text, styles.body)]], [CONTENT_WIDTH], [
            ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ], styles)  # fmt: skip
    label = tr.gettext("Name:")
    width = (stringWidth(shape(printable(label)), styles.label.fontName, styles.label.fontSize)
             + 3 * mm)  # fmt: skip
    return _table([[Paragraph(markup(label), styles.label), ""]],
                  [width, CONTENT_WIDTH * 0.7 - width], [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 5 * mm),  # room to write by hand
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (1, 0), (1, 0), 0.8, INK),
    ], styles)  # fmt: skip


def _instructions(form: EvaluationForm, styles: _Styles, tr: Translator) -> Table:
    text = markup(tr.gettext("Tick one box for each question, unless it says “one or more "
                             "answers”. Write clearly in the boxes and on the lines."))  # fmt: skip
    if any(item.required and item.answerable for item in form.content.items):
        legend = markup(tr.gettext("Questions marked {mark} must be answered."))
        text += "<br/>" + legend.replace("{mark}", _required_mark())
    return _table([[Paragraph(text, styles.body)]], [CONTENT_WIDTH], [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ], styles)  # fmt: skip


def _required_mark() -> str:
    colour = REQUIRED_COLOUR.hexval().replace("0x", "#")
    return f'<font color="{colour}"><b>*</b></font>'


def _items(form: EvaluationForm, language: str, look: _Look, tr: Translator) -> list[Flowable]:
    """Every item, numbered as the entry screen numbers them. A heading or a note is kept on the
    page of the item that follows it (a section title alone at the foot of a page is useless)."""
    story: list[Flowable] = []
    waiting: list[Flowable] = []  # headings and notes, until the next question
    number = 0
    for item in form.content.items:
        label = text_in(item.label, language, form.language)
        if item.kind == "heading":
            waiting.append(Paragraph(markup(label), look.styles.section))
            continue
        if item.kind == "note":
            waiting += [Paragraph(markup(label), look.styles.body), Spacer(1, 3 * mm)]
            continue
        number += 1
        story.append(KeepTogether(waiting + _item(number, item, form.language, language, look, tr)))
        waiting = []
    if waiting:
        story.append(KeepTogether(waiting))
    return story


def _item(number: int, item: FormItem, form_language: str, language: str, look: _Look,
          tr: Translator) -> list[Flowable]:  # fmt: skip
    styles = look.styles

    def text(texts: dict[str, str]) -> str:
        return text_in(texts, language, form_language)

    label = markup(text(item.label))
    if item.required:
        label += f"\u00a0{_required_mark()}"
    out: list[Flowable] = [Paragraph(label, styles.question, bulletText=f"{number}.")]
    hints = [text(item.hint)]
    if item.kind == "multiple":
        hints.append(tr.gettext("(one or more answers)"))
    if any(hints):
        out.append(Paragraph(markup(" ".join(h for h in hints if h)), styles.hint))
    out.append(Spacer(1, 2.5 * mm))
    if item.kind == "rating":
        out.append(_scale(item, [text(t) for t in item.point_labels], look))
    elif item.kind in ("single", "multiple"):
        out.append(_choices(item, [text(c.label) for c in item.choices], look))
    elif item.kind == "yesno":
        out.append(_yes_no(styles, tr))
    elif item.kind in ("integer", "decimal"):
        out.append(_indented(_AnswerBox(*NUMBER_BOX), styles))
    else:
        lines = LONG_TEXT_LINES if item.kind == "longtext" else 1
        out.append(_writing_lines(lines, styles))
    out.append(Spacer(1, QUESTION_GAP))
    return out


def _scale(item: FormItem, labels: Sequence[str], look: _Look) -> Table:
    """One column per point: the face (if asked), the box, the point's number and label."""
    points = item.points
    labels = list(labels) if len(labels) == points else [""] * points
    width = min(SCALE_COLUMN_MAX, (CONTENT_WIDTH - NUMBER_INDENT) / points)
    under = [Paragraph(f"<b>{point}</b>" + (f"<br/>{markup(label)}" if label else ""), look.point)
             for point, label in enumerate(labels, start=1)]  # fmt: skip
    rows: list[list[object]] = [[_TickBox(BOX * 1.2) for _point in range(points)], under]
    if item.faces:
        moods = [-1 + 2 * i / (points - 1) for i in range(points)]
        rows.insert(0, [_Face(mood) for mood in moods])
    data = [["", *row] for row in rows]
    boxes = 1 if item.faces else 0
    return _table(data, [NUMBER_INDENT] + [width] * points, [
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, boxes), (-1, boxes), 1.2 * mm),
        ("LEFTPADDING", (1, 0), (-1, -1), 2),
        ("RIGHTPADDING", (1, 0), (-1, -1), 2),
    ], look.styles)  # fmt: skip


def _choices(item: FormItem, labels: Sequence[str], look: _Look) -> Table:
    """A circle (one choice) or a square (several) before each choice, numbered as on the entry
    screen (the keys 1 to 9)."""
    mark = _TickBox if item.kind == "multiple" else _TickCircle
    data = [[mark(), Paragraph(f"{index + 1}." if index < 9 else "", look.choice_number),
             Paragraph(markup(label), look.styles.choice)]
            for index, label in enumerate(labels)]  # fmt: skip
    widths = [CHOICE_INDENT + BOX + 2.5 * mm, 6 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return _table(data, widths, [
        ("LEFTPADDING", (0, 0), (0, -1), CHOICE_INDENT),
        ("TOPPADDING", (0, 0), (0, -1), 0.6),  # the mark sits on the first line of its text
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ], look.styles, splitByRow=1)  # fmt: skip


def _yes_no(styles: _Styles, tr: Translator) -> Table:
    words = [Paragraph(markup(tr.gettext(word)), styles.choice) for word in ("Yes", "No")]
    data = [[_TickBox(), words[0], _TickBox(), words[1]]]
    widths = [CHOICE_INDENT + BOX + 2.5 * mm, 30 * mm, BOX + 2.5 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return _table(data, widths, [
        ("LEFTPADDING", (0, 0), (0, -1), CHOICE_INDENT),
        ("TOPPADDING", (0, 0), (0, -1), 0.6),
        ("TOPPADDING", (2, 0), (2, -1), 0.6),
    ], styles)  # fmt: skip


def _indented(flowable: Flowable, styles: _Styles) -> Table:
    return _table([["", flowable]], [NUMBER_INDENT, CONTENT_WIDTH - NUMBER_INDENT], [], styles)


def _writing_lines(count: int, styles: _Styles) -> Table:
    """Ruled lines to write on, as wide as the question."""
    data = [["", ""] for _line in range(count)]
    return _table(data, [NUMBER_INDENT, CONTENT_WIDTH - NUMBER_INDENT], [
        ("LINEBELOW", (1, 0), (1, -1), 0.5, MUTED),
    ], styles, rowHeights=[WRITING_LINE] * count)  # fmt: skip


# -- the document ------------------------------------------------------------------------------


def _repeating_canvas(decor: PageDecor, fonts: FontFamily, tr: Translator,
                      copies: int) -> type[Canvas]:  # fmt: skip
    """A canvas that holds the pages of the one copy laid out, then writes them ``copies`` times,
    each copy numbered on its own (“Page 1 of 3”). Every copy is the same, so laying it out once
    is enough: 200 copies take as long as one (the quiz's named copies differ, and are each laid
    out: see :func:`.quiz_pdf._copies_canvas`)."""

    class RepeatingCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for _copy in range(copies):
                for number, state in enumerate(self._held_pages, start=1):
                    self.__dict__.update(state)
                    # The header and footer are added to a copy of the page's drawing: the held
                    # page is drawn again for the next copy.
                    self._code = list(state["_code"])
                    _draw_header(self, decor, fonts, number)
                    _draw_footer(self, decor, fonts, tr, number, total)
                    Canvas.showPage(self)
            Canvas.save(self)

    return RepeatingCanvas


def _build(story: list[Flowable], decor: PageDecor, fonts: FontFamily, tr: Translator,
           copies: int, *, title: str, subject: str) -> bytes:  # fmt: skip
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=printable(title),
        author=printable(decor.organisation), subject=printable(subject),
        creator="Trainer Desktop", lang=tr.language, initialFontName=fonts.regular,
    )  # fmt: skip
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_repeating_canvas(decor, fonts, tr, copies))
    return buffer.getvalue()


__all__ = ["MAX_COPIES", "document_translator", "write_form_pdf"]
