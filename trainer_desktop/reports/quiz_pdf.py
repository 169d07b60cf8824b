"""A session's pre-test or post-test on paper (A4 portrait PDF), and its answer key.

The paper copy is what a participant answers with a pen when there is one laptop for forty
people: the session, "Pre-test" or "Post-test", a name line (blank, or pre-filled with each
participant's name, one copy each), the instructions, then every question numbered with its
points and a box to tick in front of each choice ("true / false" as two boxes, a line to write a
number on). A question is never cut by a page break. The answer key is a separate document for
the trainer: a compact grid for fast marking ("1: b  2: True  3: a, c  4: 3.5 (±0.1)"), then each
question with its right answer(s), partial weights, points and explanation.

Named copies restart their page numbers ("Page 1 of 2" for each person) and, from their second
page, the header names the person: loose sheets from forty copies still find their owner.

The document's language is the translator's (``tr.gettext``); by default the quiz's own language,
so "True"/"False" and the instructions match the questions. User text goes through
:func:`~.layout.markup` (escaped); HTML-formatted questions are reduced to plain text first.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
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
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import Translator, _
from trainer_desktop.core.quiz_content import Question, QuizContent, letter
from trainer_desktop.core.quizzes import PHASES, Quiz
from trainer_desktop.core.sessions import TrainingSession

from .bidi_text import Paragraph, right_to_left, shape
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
    RULE,
    PageDecor,
    _draw_footer,
    _draw_header,
    directed_table,
    markup,
    read_logo,
)  # fmt: skip
from .programme_pdf import write_pdf

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: The box a pen ticks: large enough for a cross drawn in a hurry.
BOX = 4.2 * mm
NUMBER_INDENT = 9 * mm
CHOICE_INDENT = NUMBER_INDENT
QUESTION_GAP = 5.5 * mm
GRID_COLUMNS = 5
SHADE = colors.HexColor("#eef0f3")
RIGHT_SHADE = colors.HexColor("#e3f1e6")
RIGHT_INK = colors.HexColor("#1e5b2e")


def document_translator(quiz: Quiz, translator: Translator | None = None) -> Translator:
    """The language of a quiz's documents: ``translator`` if given, else the quiz's own language
    when it is one the documents speak, else the interface's."""
    if translator is not None:
        return translator
    code = (quiz.language or "").replace("-", "_").split("_")[0].lower()
    return Translator(code) if code in i18n.LANGUAGES else i18n.current()


def write_quiz_pdf(
    workspace: Workspace,
    session_id: str,
    phase: str,
    path: Path,
    *,
    named: bool,
    translator: Translator | None = None,
) -> Path:
    """Write the paper copy of the session's ``phase`` test to ``path`` (replaced atomically);
    returns ``path``.

    ``named``: one copy per person enrolled as a participant (facilitators, organisers and
    observers take no test), their name printed at the top, each copy on new pages numbered on
    their own; otherwise one copy with a blank name line. Raises :class:`NotFoundError` when the
    session or its quiz for ``phase`` is missing, :class:`UserError` when nobody is enrolled for
    named copies or the file cannot be written.
    """
    session, quiz, content = _load(workspace, session_id, phase)
    tr = document_translator(quiz, translator)
    names: list[str | None] = [None]
    if named:
        names = [p.participant.display_name for p in workspace.participants.enrolled(session_id)
                 if p.enrolment.role == "participant"]  # fmt: skip
        if not names:
            raise UserError(_("Nobody is enrolled as a participant in this session yet: print "
                              "one blank copy instead."))  # fmt: skip
    header = f"{tr.gettext(PHASES[phase])} · {session.title}"
    decor = _decor(workspace, tr, header)
    # From a copy's second page, its header names its owner.
    decors = [decor if name is None else replace(decor, session_title=f"{name} · {header}")
              for name in names]  # fmt: skip
    fonts = document_fonts(tr.language)
    styles = _styles(fonts)
    story: list[Flowable] = []
    for index, name in enumerate(names):
        if index:
            story.append(PageBreak())
        story.append(_CopyStart(index))
        story += _copy(session, quiz, content, phase, name, styles, tr)
    data = _build(story, decors, fonts, tr, title=session.title, subject=tr.gettext(PHASES[phase]),
                  author=decor.organisation)  # fmt: skip
    write_pdf(Path(path), data)
    return Path(path)


def write_answer_key_pdf(
    workspace: Workspace,
    session_id: str,
    phase: str,
    path: Path,
    translator: Translator | None = None,
) -> Path:
    """Write the answer key of the session's ``phase`` test to ``path`` (replaced atomically);
    returns ``path``. Raises as :func:`write_quiz_pdf`."""
    session, quiz, content = _load(workspace, session_id, phase)
    tr = document_translator(quiz, translator)
    heading = tr.gettext("Answer key: {test}").format(test=tr.gettext(PHASES[phase]))
    decor = _decor(workspace, tr, f"{heading} · {session.title}")
    fonts = document_fonts(tr.language)
    styles = _styles(fonts)
    story = _answer_key(session, quiz, content, heading, styles, tr)
    data = _build(story, [decor], fonts, tr, title=session.title, subject=heading,
                  author=decor.organisation)  # fmt: skip
    write_pdf(Path(path), data)
    return Path(path)


def _load(
    workspace: Workspace, session_id: str, phase: str
) -> tuple[TrainingSession, Quiz, QuizContent]:
    if phase not in PHASES:
        raise ValueError(phase)
    session = workspace.sessions.get(session_id)
    quiz = workspace.quizzes.session_quiz(session_id, phase)
    return session, quiz, quiz.content


def _decor(workspace: Workspace, tr: Translator, title: str) -> PageDecor:
    return PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=title,
        printed_on=tr.format_date(dt.date.today(), "long"),
    )


# -- text helpers ------------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """The readable text of an HTML fragment: tags dropped, blocks and ``<br>`` as line breaks,
    list items as bullets, images as their alternative text."""

    BLOCKS = frozenset({"p", "div", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                        "table", "blockquote", "pre"})  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str, text_format: str = "") -> str:
    """What a participant reads of ``text``: HTML reduced to its text (see :class:`_TextOfHtml`);
    every other format as written."""
    if text_format != "html":
        return text.strip()
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    lines = [" ".join(unescape(line).split()) for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_MARKDOWN_BOLD = re.compile(r"\*\*([^*<>\n]+?)\*\*")
_MARKDOWN_ITALIC = re.compile(r"(?<![*\w])\*([^*<>\n]+?)\*(?![*\w])")


def text_markup(text: str, text_format: str = "") -> str:
    """Paragraph markup for a question's (or a choice's) text: escaped; HTML reduced to plain
    text; Markdown's ``**bold**`` and ``*italic*`` kept as such (applied after escaping, so
    nothing the author wrote can become reportlab markup)."""
    escaped = markup(plain_text(text, text_format))
    if text_format == "markdown":
        escaped = _MARKDOWN_BOLD.sub(r"<b>\1</b>", escaped)
        escaped = _MARKDOWN_ITALIC.sub(r"<i>\1</i>", escaped)
    return escaped


def _question_markup(question: Question) -> str:
    return text_markup(question.text, question.text_format)


def _choice_text(question: Question, index: int, tr: Translator) -> str:
    """Plain text of a choice ("True"/"False" in the document's language for true/false)."""
    if question.kind == "truefalse":
        return tr.gettext("True") if index == 0 else tr.gettext("False")
    return plain_text(question.choices[index].text, question.text_format)


def _choice_markup(question: Question, index: int, tr: Translator) -> str:
    if question.kind == "truefalse":
        return markup(_choice_text(question, index, tr))
    return text_markup(question.choices[index].text, question.text_format)


def number_text(tr: Translator, value: float) -> str:
    """A number as printed in the document's language, every decimal kept (``3,14159``)."""
    from babel.numbers import format_decimal

    # No grouping: numbers in quizzes are often years ("2006", never "2 006").
    return format_decimal(value, format="0.##########", locale=tr.locale)


def points_text(tr: Translator, points: float) -> str:
    from babel import Locale

    # gettext counts in integers; CLDR says which form a decimal takes ("1,5 point" in French,
    # "1.5 points" in English).
    count = 1 if Locale.parse(tr.locale).plural_form(points) == "one" else 2
    text = tr.ngettext("{points} point", "{points} points", count).format(
        points=number_text(tr, points)
    )
    return text.replace(" ", "\u00a0")  # "(2 points)" never broken over two lines


def _numeric_answer(tr: Translator, value: float, tolerance: float) -> str:
    if not tolerance:
        return number_text(tr, value)
    return f"{number_text(tr, value)} (±{number_text(tr, tolerance)})"


def short_answer(question: Question, tr: Translator) -> str:
    """The right answer in a few characters, for the marking grid: ``b``, ``a, c``, ``True``,
    ``3.5 (±0.1)``."""
    if question.kind == "numeric":
        best = max(question.numeric, key=lambda a: a.weight)
        return _numeric_answer(tr, best.value, best.tolerance)
    if question.kind == "truefalse":
        return _choice_text(question, int(question.right_response()), tr)
    indexes = [int(i) for i in question.right_response().split(",") if i]
    return ", ".join(letter(i) for i in indexes)


# -- styles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    session: ParagraphStyle
    facts: ParagraphStyle
    label: ParagraphStyle
    name: ParagraphStyle
    body: ParagraphStyle
    question: ParagraphStyle
    hint: ParagraphStyle
    letter: ParagraphStyle
    choice: ParagraphStyle
    right_choice: ParagraphStyle
    weight: ParagraphStyle
    section: ParagraphStyle
    grid: ParagraphStyle
    explanation: ParagraphStyle
    warning: ParagraphStyle


def _styles(fonts: FontFamily) -> _Styles:
    base = ParagraphStyle("base", fontName=fonts.regular, bulletFontName=fonts.regular,
                          fontSize=10, leading=13, textColor=INK,
                          rtl=fonts.right_to_left)  # fmt: skip

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return _Styles(
        title=style("title", fontName=fonts.bold, fontSize=17, leading=21, textColor=ACCENT),
        session=style("session", fontName=fonts.bold, fontSize=11.5, leading=14.5, spaceBefore=3),
        facts=style("facts", fontSize=9, leading=12, textColor=MUTED, spaceBefore=1),
        label=style("label", fontName=fonts.bold, fontSize=9.5, leading=12, textColor=MUTED),
        name=style("name", fontName=fonts.bold, fontSize=12, leading=15),
        body=style("body", fontSize=9.5, leading=13),
        question=style("question", fontSize=10.5, leading=14, leftIndent=NUMBER_INDENT,
                       bulletIndent=0, bulletFontName=fonts.bold, bulletFontSize=10.5),
        hint=style("hint", fontName=fonts.italic, fontSize=9, leading=12, textColor=MUTED,
                   leftIndent=NUMBER_INDENT, spaceBefore=1),
        letter=style("letter", fontName=fonts.bold, fontSize=10, leading=13),
        choice=style("choice", fontSize=10, leading=13),
        right_choice=style("right_choice", fontName=fonts.bold, fontSize=10, leading=13,
                           textColor=RIGHT_INK),
        weight=style("weight", fontSize=9, leading=13, alignment=TA_RIGHT, textColor=MUTED),
        section=style("section", fontName=fonts.bold, fontSize=12, leading=15, textColor=ACCENT,
                      spaceBefore=8, spaceAfter=4),
        grid=style("grid", fontSize=10, leading=13),
        explanation=style("explanation", fontName=fonts.italic, fontSize=9, leading=12,
                          textColor=MUTED, leftIndent=NUMBER_INDENT, spaceBefore=2),
        warning=style("warning", fontName=fonts.italic, fontSize=9, leading=12, textColor=MUTED,
                      spaceBefore=2),
    )  # fmt: skip


def _table(data: list[list[object]], widths: Sequence[float], commands: list[tuple],
           styles: _Styles, **kw: object) -> Table:  # fmt: skip
    # Tables set their cells' font even when every cell is a Paragraph: without FONTNAME they
    # pull unembedded Helvetica into the page.
    everything = ((0, 0), (-1, -1))
    base = [("FONTNAME", *everything, styles.body.fontName), ("VALIGN", *everything, "TOP"),
            ("LEFTPADDING", *everything, 0), ("RIGHTPADDING", *everything, 0),
            ("TOPPADDING", *everything, 0), ("BOTTOMPADDING", *everything, 0)]  # fmt: skip
    # Read from the right in a right-to-left document (the styles know which).
    return directed_table(data, widths, base + commands, rtl=right_to_left(styles.body), **kw)


# -- the paper copy ----------------------------------------------------------------------------


class _TickBox(Flowable):
    """An empty square to tick, drawn (the embedded font has no ☐ glyph)."""

    def __init__(self, size: float = BOX) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        self.canv.restoreState()


class _CopyStart(Flowable):
    """Marks the page it lands on as the first of copy ``index`` (see :func:`_copies_canvas`)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._quiz_copy = self.index


def _copy(session: TrainingSession, quiz: Quiz, content: QuizContent, phase: str,
          name: str | None, styles: _Styles, tr: Translator) -> list[Flowable]:  # fmt: skip
    story: list[Flowable] = [
        Paragraph(markup(tr.gettext(PHASES[phase])), styles.title),
        Paragraph(markup(session.title), styles.session),
        Paragraph(markup(_session_facts(session, tr)), styles.facts),
        Spacer(1, 4 * mm),
        _name_and_score(name, content, styles, tr),
        Spacer(1, 4 * mm),
        _instructions(quiz, styles, tr),
        Spacer(1, 6 * mm),
    ]
    for number, question in enumerate(content.questions, start=1):
        story.append(KeepTogether(_question(number, question, styles, tr)))
    return story


def _session_facts(session: TrainingSession, tr: Translator) -> str:
    place = ", ".join(dict.fromkeys(p for p in (session.venue, session.town) if p))
    dates = tr.format_date_range(session.start_date, session.end_date, long=True)
    return " · ".join(p for p in (dates, place) if p)


def _name_and_score(name: str | None, content: QuizContent, styles: _Styles,
                    tr: Translator) -> Table:  # fmt: skip
    """“Name: TRAORÉ Awa” (or a line to write it on) and, at the right, “Score: ____ / 14” for
    the trainer who marks it."""
    name_label = tr.gettext("Name:")
    score_label = tr.gettext("Score:")
    total = f"/ {number_text(tr, content.max_score)}"

    def width(text: str) -> float:  # labels sized to their words (French ones are longer)
        text = shape(printable(text))
        return stringWidth(text, styles.label.fontName, styles.label.fontSize) + 3 * mm

    widths = [width(name_label), 0.0, 10 * mm, width(score_label), 16 * mm, width(total)]
    widths[1] = CONTENT_WIDTH - sum(widths)
    name_cell = Paragraph(markup(name), styles.name) if name else ""
    data = [[Paragraph(markup(name_label), styles.label), name_cell, "",
             Paragraph(markup(score_label), styles.label), "",
             Paragraph(markup(total), styles.label)]]  # fmt: skip
    return _table(data, widths, [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 5 * mm),  # room to write by hand
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (1, 0), (1, 0), 2),
        ("LEFTPADDING", (-1, 0), (-1, 0), 2),
        ("LINEBELOW", (1, 0), (1, 0), 0.8, INK),
        ("LINEBELOW", (4, 0), (4, 0), 0.8, INK),
    ], styles)  # fmt: skip


def _instructions(quiz: Quiz, styles: _Styles, tr: Translator) -> Table:
    text = quiz.instructions.strip() or tr.gettext(
        "Answer every question. Tick one box, unless the question says “one or more answers”."
    )
    box = _table([[Paragraph(markup(text), styles.body)]], [CONTENT_WIDTH], [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ], styles)  # fmt: skip
    return box


def _question_paragraph(number: int, question: Question, styles: _Styles,
                        tr: Translator) -> Paragraph:  # fmt: skip
    points = markup(points_text(tr, question.points))
    muted = MUTED.hexval().replace("0x", "#")
    text = (f"{_question_markup(question)} "
            f"<font size=\"8.5\" color=\"{muted}\">({points})</font>")  # fmt: skip
    return Paragraph(text, styles.question, bulletText=f"{number}.")


def _question(number: int, question: Question, styles: _Styles, tr: Translator) -> list[Flowable]:
    out: list[Flowable] = [_question_paragraph(number, question, styles, tr)]
    if question.kind == "multiple":
        out.append(Paragraph(markup(tr.gettext("(one or more answers)")), styles.hint))
    out.append(Spacer(1, 2.5 * mm))
    if question.kind == "numeric":
        out.append(_number_line(styles, tr))
    elif question.kind == "truefalse":
        out.append(_true_false_boxes(question, styles, tr))
    else:
        out.append(_choice_boxes(question, styles, tr))
    out.append(Spacer(1, QUESTION_GAP))
    return out


def _choice_boxes(question: Question, styles: _Styles, tr: Translator) -> Table:
    data = [[_TickBox(), Paragraph(f"{letter(i)}.", styles.letter),
             Paragraph(_choice_markup(question, i, tr), styles.choice)]
            for i in range(len(question.choices))]  # fmt: skip
    widths = [CHOICE_INDENT + BOX + 2.5 * mm, 6 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return _table(data, widths, [
        ("LEFTPADDING", (0, 0), (0, -1), CHOICE_INDENT),
        ("TOPPADDING", (0, 0), (0, -1), 0.6),  # the box sits on the first line of its text
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ], styles, splitByRow=1)  # fmt: skip


def _true_false_boxes(question: Question, styles: _Styles, tr: Translator) -> Table:
    words = [Paragraph(_choice_markup(question, i, tr), styles.choice) for i in (0, 1)]
    data = [[_TickBox(), words[0], _TickBox(), words[1]]]
    widths = [CHOICE_INDENT + BOX + 2.5 * mm, 30 * mm, BOX + 2.5 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return _table(data, widths, [
        ("LEFTPADDING", (0, 0), (0, -1), CHOICE_INDENT),
        ("TOPPADDING", (0, 0), (0, -1), 0.6),
        ("TOPPADDING", (2, 0), (2, -1), 0.6),
    ], styles)  # fmt: skip


def _number_line(styles: _Styles, tr: Translator) -> Table:
    data = [[Paragraph(markup(tr.gettext("Answer:")), styles.choice), ""]]
    label = 28 * mm
    return _table(data, [CHOICE_INDENT + label, 55 * mm], [
        ("LEFTPADDING", (0, 0), (0, -1), CHOICE_INDENT),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
        ("LINEBELOW", (1, 0), (1, 0), 0.8, INK),
    ], styles)  # fmt: skip


# -- the answer key ----------------------------------------------------------------------------


def _answer_key(session: TrainingSession, quiz: Quiz, content: QuizContent, heading: str,
                styles: _Styles, tr: Translator) -> list[Flowable]:  # fmt: skip
    count = len(content.questions)
    summary = " · ".join((
        quiz.title,
        tr.ngettext("{count} question", "{count} questions", count).format(
            count=tr.format_number(count)),
        points_text(tr, content.max_score),
    ))  # fmt: skip
    story: list[Flowable] = [
        Paragraph(markup(heading), styles.title),
        Paragraph(markup(session.title), styles.session),
        Paragraph(markup(_session_facts(session, tr)), styles.facts),
        Paragraph(markup(summary), styles.facts),
        Paragraph(
            markup(tr.gettext("For the trainer only: keep this sheet away from the participants.")),
            styles.warning,
        ),
        Paragraph(markup(tr.gettext("Quick marking")), styles.section),
        _marking_grid(content, styles, tr),
        Paragraph(markup(tr.gettext("Answers and explanations")), styles.section),
    ]
    for number, question in enumerate(content.questions, start=1):
        story.append(KeepTogether(_key_entry(number, question, styles, tr)))
    return story


def _marking_grid(content: QuizContent, styles: _Styles, tr: Translator) -> Table:
    """“1: b  2: True  3: a, c …” in columns, read row by row."""
    cells = [Paragraph(f"<b>{number}:</b> {markup(short_answer(q, tr))}", styles.grid)
             for number, q in enumerate(content.questions, start=1)]  # fmt: skip
    cells += [""] * (-len(cells) % GRID_COLUMNS)
    data = [cells[i : i + GRID_COLUMNS] for i in range(0, len(cells), GRID_COLUMNS)]
    width = CONTENT_WIDTH / GRID_COLUMNS
    return _table(data, [width] * GRID_COLUMNS, [
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ], styles, splitByRow=1)  # fmt: skip


def _weight(tr: Translator, weight: float) -> str:
    """“50%”, “-100%”; nothing for a choice worth nothing."""
    if not weight:
        return ""
    return tr.format_percent(weight / 100, digits=0 if weight == round(weight) else 2)


def _key_entry(number: int, question: Question, styles: _Styles, tr: Translator) -> list[Flowable]:
    out: list[Flowable] = [_question_paragraph(number, question, styles, tr)]
    if question.title:
        out.append(Paragraph(markup(question.title), styles.hint))
    out.append(Spacer(1, 2 * mm))
    if question.kind == "numeric":
        out.append(_numeric_key(question, styles, tr))
    else:
        out.append(_choices_key(question, styles, tr))
        if question.kind == "multiple":
            rule = (tr.gettext("All or nothing: the points only for exactly these choices.")
                    if question.all_or_nothing else
                    tr.gettext("Partial credit: the weights of the ticked choices add up; the "
                               "score never goes below 0."))  # fmt: skip
            out.append(Paragraph(markup(rule), styles.explanation))
    if question.explanation.strip():
        label = markup(tr.gettext("Explanation: {text}"))
        text = label.replace("{text}", text_markup(question.explanation, question.text_format))
        out.append(Paragraph(text, styles.explanation))
    out.append(Spacer(1, QUESTION_GAP))
    return out


def _choices_key(question: Question, styles: _Styles, tr: Translator) -> Table:
    """Every choice with its weight; the right ones bold on green."""
    data = []
    right_rows = []
    for i, choice in enumerate(question.choices):
        right = choice.weight > 0
        style = styles.right_choice if right else styles.choice
        if right:
            right_rows.append(i)
        # True/false has no letters on the paper copy: none in the key either.
        mark = "" if question.kind == "truefalse" else f"{letter(i)}."
        data.append([Paragraph(mark, styles.letter),
                     Paragraph(_choice_markup(question, i, tr), style),
                     Paragraph(markup(_weight(tr, choice.weight)), styles.weight)])  # fmt: skip
    widths = [CHOICE_INDENT + 7 * mm, CONTENT_WIDTH - CHOICE_INDENT - 7 * mm - 20 * mm, 20 * mm]
    commands: list[tuple] = [
        ("LEFTPADDING", (0, 0), (0, -1), CHOICE_INDENT + 2),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for row in right_rows:
        commands.append(("BACKGROUND", (0, row), (-1, row), RIGHT_SHADE))
    return _table(data, widths, commands, styles, splitByRow=1)


def _numeric_key(question: Question, styles: _Styles, tr: Translator) -> Table:
    """Each accepted number, its tolerance as a range, and its weight when not full marks."""
    data = []
    for answer in sorted(question.numeric, key=lambda a: -a.weight):
        text = number_text(tr, answer.value)
        if answer.tolerance:
            text = tr.gettext("{value} ± {tolerance} (from {low} to {high})").format(
                value=text, tolerance=number_text(tr, answer.tolerance),
                low=number_text(tr, answer.value - answer.tolerance),
                high=number_text(tr, answer.value + answer.tolerance))  # fmt: skip
        style = styles.right_choice if answer.weight >= 100 else styles.choice
        data.append(["", Paragraph(markup(text), style),
                     Paragraph(markup(_weight(tr, answer.weight)), styles.weight)])  # fmt: skip
    widths = [CHOICE_INDENT + 7 * mm, CONTENT_WIDTH - CHOICE_INDENT - 7 * mm - 20 * mm, 20 * mm]
    commands: list[tuple] = [
        ("RIGHTPADDING", (-1, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for row, answer in enumerate(sorted(question.numeric, key=lambda a: -a.weight)):
        if answer.weight > 0:
            commands.append(("BACKGROUND", (0, row), (-1, row), RIGHT_SHADE))
    return _table(data, widths, commands, styles, splitByRow=1)


# -- the document ------------------------------------------------------------------------------


def _copies_canvas(decors: Sequence[PageDecor], fonts: FontFamily, tr: Translator) -> type[Canvas]:
    """Like :func:`~.layout.numbered_canvas`, but pages are numbered within each copy (“Page 1 of
    2” for every participant) and each copy has its own header: the copy a page belongs to is set
    by the :class:`_CopyStart` drawn on its first page."""

    class CopiesCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []
            self._quiz_copy = 0

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            copies = [state["_quiz_copy"] for state in self._held_pages]
            totals = Counter(copies)
            numbers: Counter[int] = Counter()
            for state, copy in zip(self._held_pages, copies, strict=True):
                numbers[copy] += 1
                self.__dict__.update(state)
                decor = decors[copy]
                _draw_header(self, decor, fonts, numbers[copy])
                _draw_footer(self, decor, fonts, tr, numbers[copy], totals[copy])
                Canvas.showPage(self)
            Canvas.save(self)

    return CopiesCanvas


def _build(story: list[Flowable], decors: Sequence[PageDecor], fonts: FontFamily, tr: Translator,
           *, title: str, subject: str, author: str) -> bytes:  # fmt: skip
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=printable(title),
        author=printable(author), subject=printable(subject), creator="Trainer Desktop",
        lang=tr.language, initialFontName=fonts.regular,
    )  # fmt: skip
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_copies_canvas(decors, fonts, tr))
    return buffer.getvalue()


__all__ = ["document_translator", "plain_text", "short_answer", "write_answer_key_pdf",
           "write_quiz_pdf"]  # fmt: skip
