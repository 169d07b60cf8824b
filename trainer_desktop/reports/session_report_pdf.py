"""The funder's report of one training session (A4 portrait PDF).

What a funder asks of a session, in the order a report is read: what the session was (title,
dates, place, organiser, funders, facilitators, audience), what it set out to do (objectives,
programme), who came (counts by sex and institution, the other roles), how often they came
(attendance per sign-in period, the overall rate, who attended enough for a certificate), what
they learnt (pre-test against post-test), what they thought of it (each evaluation form), and in
appendix the signed attendance sheets, the proof that the training took place.

Every figure comes from :func:`core.reporting.session_report`, so the PDF, the workbook and the
screen agree; this module only lays them out. The document is written in the translator's
language (``tr.gettext``, ``tr.format_*``), never the interface's ``_``. Sections with nothing to
show say so in one line rather than print empty tables; tables repeat their header row on every
page they run over. The programme and the attendance sheets are those of
:mod:`.programme_pdf` and :mod:`.attendance_pdf`, appended rather than drawn twice.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.form_analysis import ItemAnalysis
from trainer_desktop.core.form_content import CHOICE_KINDS, FormItem, text_in
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.participants import ROLES, SEXES
from trainer_desktop.core.progress import Progress, report
from trainer_desktop.core.reporting import EvaluationSection, SessionReport, session_report

from . import programme_pdf
from .attendance_pdf import period_name, sheet_header, sheet_story
from .bidi_text import Paragraph, left_to_right, visual
from .fonts import FontFamily, document_fonts, printable
from .layout import (
    ACCENT, CONTENT_WIDTH, INK, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MUTED,
    PAGE_HEIGHT, RULE, PageDecor, _draw_footer, _draw_header, markup, read_logo,
    directed_table,
)  # fmt: skip
from .programme_pdf import write_pdf
from .quiz_pdf import plain_text

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

ZEBRA = colors.HexColor("#f4f6f8")
TOTAL_SHADE = colors.HexColor("#e6eaf0")
PRE_COLOUR = colors.HexColor("#9aa9bd")
POST_COLOUR = ACCENT
#: Rating points from the lowest (red) to the highest (green), muted so they print in grey too.
SCALE_COLOURS = ("#b5473a", "#e08a4c", "#e3bd4f", "#8cbf7a", "#3f8f5a")
_MUTED_HEX = "#" + MUTED.hexval()[2:]
#: A question's text is cut after this many characters in the per-question table.
QUESTION_CHARS = 120
#: A section heading never sits at the foot of a page with less room than this below it.
SECTION_MIN_SPACE = 40 * mm


def write_session_report(
    workspace: Workspace,
    session_id: str,
    path: Path,
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the report of ``session_id`` to ``path`` (replaced atomically); returns ``path``.

    ``translator`` chooses the document's language (default: the interface's). ``progress`` is
    told of each section and each attendance sheet; when it asks to stop, :class:`Cancelled` is
    raised and nothing is written. Raises :class:`NotFoundError` if the session was deleted and
    :class:`UserError` if the file cannot be written.
    """
    tr = translator or i18n.current()
    path = Path(path)
    report(progress, 0, 1)
    data = session_report(workspace, session_id)
    session = data.session
    sections = (_opening, _participants, _attendance, _tests, _evaluations)
    # Reading the figures, then each sheet's signatures; drawing each section, then each sheet.
    steps = _Steps(progress, total=1 + 2 * len(data.periods) + len(sections))
    steps.tick()
    title = f"{tr.gettext('Session report')} · {session.title}"
    decor = PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=title,
        printed_on=tr.format_date(dt.date.today(), "long"),
    )
    fonts = document_fonts(tr.language)
    styles = _styles(fonts)
    story: list[Flowable] = []
    for section in sections:
        story += section(data, styles, tr)
        story.append(_Mark(step=steps))
    story += _appendix(workspace, data, styles, tr, steps)
    pdf = _build(story, decor, fonts, tr, subject=tr.gettext("Session report"))
    write_pdf(path, pdf)
    return path


# -- progress ----------------------------------------------------------------------------------


class _Steps:
    """The steps of one report, told to ``progress`` one by one: some while the story is put
    together, the others as the story is drawn (see :class:`_Mark`), where the time goes."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self) -> None:
        self.done += 1
        report(self.progress, self.done, self.total)


class _Mark(Flowable):
    """Takes no room. Drawn, it reports a step of the drawing and, with ``header``, sets the
    page header from this page on (the appendix's pages name their sign-in period)."""

    def __init__(self, step: _Steps | None = None, header: str | None = None) -> None:
        super().__init__()
        self.step, self.header = step, header

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.header is not None:
            self.canv._report_header = self.header
        if self.step is not None:
            self.step.tick()


# -- text helpers ------------------------------------------------------------------------------


def count_text(tr: Translator, value: int) -> str:
    return tr.format_number(value)


def rate_text(tr: Translator, share: float | None) -> str:
    """A share (0..1) as a whole percentage ("87 %"); a dash when there is none."""
    return "–" if share is None else tr.format_percent(share)


def score_text(tr: Translator, percent: float | None) -> str:
    """A test score (0..100) with one decimal ("45,3 %"), as the quiz screens show it."""
    return "–" if percent is None else tr.format_percent(percent / 100, digits=1)


def gain_text(tr: Translator, points: float | None) -> str:
    """A gain in percentage points, signed ("+24,5"), one decimal at most; the sign stays on
    the number's left in a right-to-left document."""
    from babel.numbers import get_plus_sign_symbol

    if points is None:
        return "–"
    rounded = round(points, 1)
    sign = get_plus_sign_symbol(tr.locale) if rounded > 0 else ""
    return left_to_right(sign + tr.format_number(rounded), tr.right_to_left)


def _label(texts: dict[str, str], tr: Translator, fallback: str) -> str:
    return " ".join(text_in(texts, tr.language, fallback).split())


# -- styles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    fonts: FontFamily
    programme: programme_pdf._Styles  # the title block, facts, objectives and programme
    kicker: ParagraphStyle
    section: ParagraphStyle
    appendix: ParagraphStyle
    subsection: ParagraphStyle
    body: ParagraphStyle
    figure: ParagraphStyle
    empty: ParagraphStyle
    header: ParagraphStyle
    header_number: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    number: ParagraphStyle
    number_bold: ParagraphStyle
    small: ParagraphStyle
    comment: ParagraphStyle
    legend: ParagraphStyle


def _styles(fonts: FontFamily) -> _Styles:
    base = programme_pdf._styles(fonts)
    body = base.body

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    return _Styles(
        fonts=fonts,
        programme=base,
        kicker=style("kicker", fontName=fonts.bold, fontSize=9.5, leading=12, textColor=MUTED,
                     spaceAfter=2),
        section=style("section", fontName=fonts.bold, fontSize=13.5, leading=17,
                      textColor=ACCENT, spaceBefore=12, spaceAfter=5, keepWithNext=1),
        appendix=style("appendix", fontName=fonts.bold, fontSize=10, leading=13,
                       textColor=MUTED, spaceAfter=1),
        subsection=style("subsection", fontName=fonts.bold, fontSize=10.5, leading=13.5,
                         textColor=INK, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        body=style("body", fontSize=9.5, leading=13),
        figure=style("figure", fontSize=9.5, leading=13.5, spaceBefore=1, spaceAfter=1),
        empty=base.empty,
        header=style("header", fontName=fonts.bold, fontSize=7.5, leading=9.5,
                     textColor=colors.white),
        header_number=style("header_number", fontName=fonts.bold, fontSize=7.5, leading=9.5,
                            textColor=colors.white, alignment=TA_RIGHT),
        cell=style("cell", fontSize=8.5, leading=11),
        cell_bold=style("cell_bold", fontName=fonts.bold, fontSize=8.5, leading=11),
        number=style("number", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        number_bold=style("number_bold", fontName=fonts.bold, fontSize=8.5, leading=11,
                          alignment=TA_RIGHT),
        small=style("small", fontSize=8, leading=10.5, textColor=MUTED),
        comment=style("comment", fontSize=9, leading=12, leftIndent=10, bulletIndent=1,
                      spaceAfter=2.5),
        legend=style("legend", fontSize=7.5, leading=10, textColor=MUTED),
    )  # fmt: skip


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def _heading(text: str, styles: _Styles) -> list[Flowable]:
    """A section heading, never stranded at the foot of a page."""
    return [CondPageBreak(SECTION_MIN_SPACE), _p(text, styles.section)]


def _table(
    data: list[list[object]],
    widths: Sequence[float],
    styles: _Styles,
    *,
    total: bool = False,
    extra: Sequence[tuple] = (),
) -> Table:
    """A figures table: a coloured header row that repeats on every page, light stripes, and
    with ``total`` a shaded last row."""
    commands: list[tuple] = [
        # Tables set their cells' font even when every cell is a Paragraph: without this they
        # pull unembedded Helvetica into the page.
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
    ]
    last_striped = len(data) - (2 if total else 1)
    for row in range(2, last_striped + 1, 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    if total:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_SHADE))
    commands += extra
    return directed_table(data, widths, commands, rtl=styles.fonts.right_to_left, repeatRows=1,
                 splitByRow=1)  # fmt: skip


def _headers(styles: _Styles, *texts: str, numbers_from: int = 1,
             bar: str | None = None) -> list[Paragraph]:  # fmt: skip
    """Column titles: text columns left, figure columns (from ``numbers_from``) right, and a
    last column of ``bar``s left like the bars under it."""
    cells = [_p(t, styles.header if i < numbers_from else styles.header_number)
             for i, t in enumerate(texts)]  # fmt: skip
    if bar is not None:
        cells.append(_p(bar, styles.header))
    return cells


# -- 1-2. the session, its objectives and programme ---------------------------------------------


def _opening(data: SessionReport, styles: _Styles, tr: Translator) -> list[Flowable]:
    session = data.session
    out: list[Flowable] = [_p(tr.gettext("Session report"), styles.kicker)]
    out += programme_pdf._title_block(session, styles.programme)
    out += programme_pdf._facts(session, styles.programme, tr)
    out += programme_pdf._objectives(session, styles.programme, tr)
    out += programme_pdf._programme(session, data.programme, styles.programme, tr)
    return out


# -- 3. participants ---------------------------------------------------------------------------


def _participants(data: SessionReport, styles: _Styles, tr: Translator) -> list[Flowable]:
    out = _heading(tr.gettext("Participants"), styles)
    people = len(data.participants)
    if not people:
        out.append(_p(tr.gettext("Nobody is enrolled as a participant."), styles.empty))
    else:
        line = tr.ngettext("{n} participant", "{n} participants", people).format(
            n=count_text(tr, people))
        if data.session.expected_participants:
            line += " " + tr.gettext("({n} expected)").format(
                n=count_text(tr, data.session.expected_participants))
        out.append(_p(line, styles.figure))
        out.append(Spacer(1, 2 * mm))
        out.append(_by_sex(data, styles, tr))
        out.append(Spacer(1, 4 * mm))
        out.append(_by_institution(data, styles, tr))
    if data.others:
        out.append(_p(tr.gettext("Facilitators, organisers and observers"), styles.subsection))
        out.append(_others(data, styles, tr))
    return out


def _share_rows(
    rows: Sequence[tuple[str, int]], whole: int, styles: _Styles, tr: Translator
) -> list[list[object]]:
    return [[_p(label, styles.cell), _p(count_text(tr, n), styles.number),
             _p(rate_text(tr, n / whole if whole else None), styles.number)]
            for label, n in rows]  # fmt: skip


def _by_sex(data: SessionReport, styles: _Styles, tr: Translator) -> Table:
    people = len(data.participants)
    # "Not stated" only when someone is: a row of zeros reads like missing data.
    rows = [(tr.gettext(SEXES[sex]), n) for sex, n in data.by_sex.items()
            if sex in SEXES and (n or sex != "unstated")]  # fmt: skip
    table = [_headers(styles, tr.gettext("Sex"), tr.gettext("Number"), "%")]
    table += _share_rows(rows, people, styles, tr)
    table.append([_p(tr.gettext("Total"), styles.cell_bold),
                  _p(count_text(tr, people), styles.number_bold),
                  _p(rate_text(tr, 1.0), styles.number_bold)])  # fmt: skip
    return _table(table, (50 * mm, 22 * mm, 22 * mm), styles, total=True)


def _by_institution(data: SessionReport, styles: _Styles, tr: Translator) -> Table:
    people = len(data.participants)
    rows = [(c.label or tr.gettext("Not stated"), c.count) for c in data.by_institution]
    table = [_headers(styles, tr.gettext("Institution"), tr.gettext("Number"), "%")]
    table += _share_rows(rows, people, styles, tr)
    return _table(table, (CONTENT_WIDTH - 44 * mm, 22 * mm, 22 * mm), styles)


def _others(data: SessionReport, styles: _Styles, tr: Translator) -> Table:
    order = list(ROLES)
    people = sorted(data.others, key=lambda p: (
        order.index(p.enrolment.role) if p.enrolment.role in order else len(order)))  # fmt: skip
    table = [_headers(styles, tr.gettext("Role"), tr.gettext("Name"),
                      tr.gettext("Institution and function"), numbers_from=3)]  # fmt: skip
    for person in people:
        role = person.enrolment.role
        institution = ", ".join(p for p in (person.participant.institution,
                                            person.participant.function) if p)  # fmt: skip
        table.append([_p(tr.gettext(ROLES[role]) if role in ROLES else role, styles.cell),
                      _p(person.participant.display_name, styles.cell_bold),
                      _p(institution, styles.cell)])  # fmt: skip
    return _table(table, (32 * mm, 62 * mm, CONTENT_WIDTH - 94 * mm), styles)


# -- 4. attendance -----------------------------------------------------------------------------


def _attendance(data: SessionReport, styles: _Styles, tr: Translator) -> list[Flowable]:
    out = _heading(tr.gettext("Attendance"), styles)
    if not data.periods:
        out.append(_p(tr.gettext("No sign-in periods in this session."), styles.empty))
        return out
    unmarked = any(line.unmarked for line in data.periods)
    names = [tr.gettext("Date"), tr.gettext("Period"), tr.gettext("Expected"),
             tr.gettext("Present"), tr.gettext("Late"), tr.gettext("Absent"),
             tr.gettext("Excused")]  # fmt: skip
    if unmarked:
        names.append(tr.gettext("Not marked"))
    names.append(tr.gettext("Rate"))
    table: list[list[object]] = [_headers(styles, *names, numbers_from=2)]
    previous_day = None
    for line in data.periods:
        day = line.period.day
        figures = [line.expected, line.present, line.late, line.absent, line.excused]
        if unmarked:
            figures.append(line.unmarked)
        table.append(
            [_p(tr.format_date(day, "medium") if day != previous_day else "", styles.cell),
             _p(period_name(tr, line.period), styles.cell)]
            + [_p(count_text(tr, n), styles.number) for n in figures]
            + [_p(rate_text(tr, line.rate), styles.number_bold)]
        )  # fmt: skip
        previous_day = day
    totals = [sum(getattr(line, name) for line in data.periods)
              for name in ("expected", "present", "late", "absent", "excused")]  # fmt: skip
    if unmarked:
        totals.append(sum(line.unmarked for line in data.periods))
    table.append([_p(tr.gettext("Total"), styles.cell_bold), ""]
                 + [_p(count_text(tr, n), styles.number_bold) for n in totals]
                 + [_p(rate_text(tr, data.attendance_rate), styles.number_bold)])  # fmt: skip
    figure_columns = len(names) - 2
    figure_width = (14 if unmarked else 15.5) * mm
    date_width = 23 * mm
    widths = [date_width, CONTENT_WIDTH - date_width - figure_columns * figure_width]
    widths += [figure_width] * figure_columns
    # Narrow figure columns: their titles get the room the padding would take.
    extra = [("SPAN", (0, -1), (1, -1)), ("LEFTPADDING", (2, 0), (-1, 0), 2),
             ("RIGHTPADDING", (2, 0), (-1, 0), 2)]  # fmt: skip
    out.append(_table(table, widths, styles, total=True, extra=extra))
    out.append(Spacer(1, 3 * mm))
    out.append(KeepTogether(_attendance_figures(data, styles, tr)))
    return out


def _attendance_figures(data: SessionReport, styles: _Styles, tr: Translator) -> list[Flowable]:
    periods = len(data.periods)
    people = len(data.participants)
    threshold = data.session.attendance_threshold
    lines = [
        (tr.gettext("Overall attendance rate"), rate_text(tr, data.attendance_rate)),
        (tr.gettext("Planned"), tr.ngettext(
            "{periods} sign-in period, {hours} hours", "{periods} sign-in periods, {hours} hours",
            periods).format(periods=count_text(tr, periods),
                            hours=tr.format_number(round(data.planned_hours, 1)))),
        (tr.gettext("Eligible for a certificate"), tr.gettext("{n} of {total}").format(
            n=count_text(tr, data.eligible), total=count_text(tr, people))),
    ]  # fmt: skip
    out: list[Flowable] = [_key_figures(lines, styles)]
    rule = tr.gettext("A participant is eligible when present or late for at least {percent} of "
                      "the sign-in periods.").format(percent=tr.format_percent(threshold / 100))
    out.append(_p(rule, styles.small))
    return out


def _key_figures(lines: Sequence[tuple[str, str]], styles: _Styles,
                 width: float = CONTENT_WIDTH) -> Table:  # fmt: skip
    """Label / value lines, the values in bold: the figures a funder copies into a report."""
    data = [[_p(label, styles.body), _p(value, styles.number_bold)] for label, value in lines]
    value_width = min(60 * mm, width * 0.35)
    return directed_table(data, (width - value_width, value_width), [
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ], rtl=styles.fonts.right_to_left)  # fmt: skip


# -- 5. pre-test and post-test -----------------------------------------------------------------


def _tests(data: SessionReport, styles: _Styles, tr: Translator) -> list[Flowable]:
    out = _heading(tr.gettext("Pre-test and post-test"), styles)
    quiz = data.quiz
    if quiz is None:
        out.append(_p(tr.gettext("No pre/post test in this session."), styles.empty))
        return out
    took_pre = [p for p in data.participants if p.pre is not None]
    took_post = [p for p in data.participants if p.post is not None]
    if not took_pre and not took_post:
        out.append(_p(tr.gettext("Nobody has taken the pre-test or the post-test yet."),
                      styles.empty))  # fmt: skip
        return out
    both = sum(p.pre is not None and p.post is not None for p in data.participants)
    lines = [
        (tr.gettext("Mean score, pre-test"), score_text(tr, data.mean_pre)),
        (tr.gettext("Mean score, post-test"), score_text(tr, data.mean_post)),
        (tr.gettext("Mean gain (percentage points)"), gain_text(tr, data.mean_gain)),
        (tr.gettext("Took both tests"), count_text(tr, both)),
        (tr.gettext("Pre-test only"), count_text(tr, len(took_pre) - both)),
        (tr.gettext("Post-test only"), count_text(tr, len(took_post) - both)),
    ]
    chart_width = 92 * mm
    figures_width = CONTENT_WIDTH - chart_width - 8 * mm
    side_by_side = directed_table(
        [[_score_chart(data, styles, tr, chart_width), _key_figures(lines, styles, figures_width)]],
        (chart_width + 8 * mm, figures_width), [
            ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ], rtl=styles.fonts.right_to_left,
    )  # fmt: skip
    out.append(side_by_side)
    if quiz.questions:
        out.append(_p(tr.gettext("Correct answers, question by question"), styles.subsection))
        out.append(_questions(data, styles, tr))
    return out


def _group_means(data: SessionReport, tr: Translator) -> list[tuple[str, float | None, float | None]]:
    """Mean pre and post scores of everyone, then of the women and of the men who took them."""

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    groups = [(tr.gettext("All"), data.mean_pre, data.mean_post)]
    for sex in ("woman", "man"):
        lines = [p for p in data.participants if p.person.participant.sex == sex]
        pre = mean([p.pre for p in lines if p.pre is not None])
        post = mean([p.post for p in lines if p.post is not None])
        if pre is not None or post is not None:
            groups.append((tr.gettext(SEXES[sex]), pre, post))
    return groups


def _score_chart(data: SessionReport, styles: _Styles, tr: Translator, width: float) -> Drawing:
    """Mean pre-test and post-test scores side by side, for everyone and by sex."""
    fonts = styles.fonts
    groups = _group_means(data, tr)
    height = 58 * mm
    drawing = Drawing(width, height)
    # Without it the renderer starts every drawing in unembedded Helvetica.
    drawing.initialFontName = fonts.regular
    chart = VerticalBarChart()
    chart.x, chart.y = 10 * mm, 14 * mm
    chart.width, chart.height = width - 12 * mm, height - 20 * mm
    chart.data = [tuple(g[1] if g[1] is not None else 0 for g in groups),
                  tuple(g[2] if g[2] is not None else 0 for g in groups)]  # fmt: skip
    rtl = fonts.right_to_left
    chart.categoryAxis.categoryNames = [visual(printable(g[0]), rtl) for g in groups]
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = MUTED
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: visual(printable(tr.format_percent(v / 100)), rtl)
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.bars[0].fillColor, chart.bars[1].fillColor = PRE_COLOUR, POST_COLOUR
    chart.bars.strokeColor = None
    chart.barSpacing = 1.5
    chart.groupSpacing = 8
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 6
    chart.barLabelFormat = lambda v: visual(printable(tr.format_percent(v / 100)), rtl)
    drawing.add(chart)
    # The legend, drawn by hand: reportlab's Legend is far more than two swatches need.
    x = chart.x
    for colour, text in ((PRE_COLOUR, tr.gettext("Pre-test")),
                         (POST_COLOUR, tr.gettext("Post-test"))):  # fmt: skip
        drawing.add(Rect(x, 1.5 * mm, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        label = String(x + 4.5 * mm, 2 * mm, visual(printable(text), rtl), fontName=fonts.regular,
                       fontSize=8, fillColor=INK)  # fmt: skip
        drawing.add(label)
        x += 4.5 * mm + label.getEast() - label.x + 6 * mm
    return drawing


def _questions(data: SessionReport, styles: _Styles, tr: Translator) -> Table:
    assert data.quiz is not None
    number_sign = left_to_right("N°", tr.right_to_left)  # not "°N" in Arabic
    table: list[list[object]] = [_headers(styles, number_sign, tr.gettext("Question"),
                                          tr.gettext("Pre-test"), tr.gettext("Post-test"),
                                          tr.gettext("Change"), numbers_from=2)]  # fmt: skip
    for row in data.quiz.questions:
        text = " ".join(plain_text(row.question.text, row.question.text_format).split())
        if len(text) > QUESTION_CHARS:
            text = text[: QUESTION_CHARS - 1].rstrip() + "…"
        pre = row.pre.percent_correct if row.pre else None
        post = row.post.percent_correct if row.post else None
        change = post - pre if pre is not None and post is not None else None
        table.append([_p(count_text(tr, row.number), styles.cell), _p(text, styles.cell),
                      _p(rate_text(tr, None if pre is None else pre / 100), styles.number),
                      _p(rate_text(tr, None if post is None else post / 100), styles.number_bold),
                      _p(gain_text(tr, None if change is None else round(change)), styles.number)])  # fmt: skip
    widths = (10 * mm, CONTENT_WIDTH - 10 * mm - 3 * 19 * mm, 19 * mm, 19 * mm, 19 * mm)
    return _table(table, widths, styles)


# -- 6. evaluations ----------------------------------------------------------------------------


def _evaluations(data: SessionReport, styles: _Styles, tr: Translator) -> list[Flowable]:
    out = _heading(tr.gettext("Evaluation"), styles)
    if not data.evaluations:
        out.append(_p(tr.gettext("No evaluation form in this session."), styles.empty))
        return out
    if data.satisfaction is not None:
        out.append(_key_figures([(tr.gettext("Satisfied (the top two points of every rating "
                                             "scale)"), rate_text(tr, data.satisfaction))],
                                styles))  # fmt: skip
    for section in data.evaluations:
        out += _form(section, styles, tr)
    return out


def _form(section: EvaluationSection, styles: _Styles, tr: Translator) -> list[Flowable]:
    form, results = section.form, section.results
    responses = tr.ngettext("{n} response", "{n} responses", results.responses).format(
        n=count_text(tr, results.responses))
    heading = [CondPageBreak(30 * mm), _p(form.title, styles.subsection), _p(responses, styles.small)]
    if not results.responses:
        return [*heading, _p(tr.gettext("No responses yet."), styles.empty)]
    out: list[Flowable] = []
    ratings: list[ItemAnalysis] = []
    for analysis in results.items:
        if analysis.item.kind == "rating" and (not ratings or _same_scale(ratings[0], analysis)):
            ratings.append(analysis)
            continue
        if ratings:
            out += _ratings(ratings, form.language, styles, tr)
            ratings = [analysis] if analysis.item.kind == "rating" else []
            if ratings:
                continue
        out += _item(analysis, form.language, styles, tr)
    if ratings:
        out += _ratings(ratings, form.language, styles, tr)
    # The form's title travels with its first table.
    return [KeepTogether([*heading, *out[:1]]), *out[1:]] if out else heading


def _same_scale(a: ItemAnalysis, b: ItemAnalysis) -> bool:
    return a.item.points == b.item.points and a.item.point_labels == b.item.point_labels


def _item(analysis: ItemAnalysis, language: str, styles: _Styles, tr: Translator) -> list[Flowable]:
    item = analysis.item
    title = _p(_label(item.label, tr, language) or item.name, styles.cell_bold)
    answered = tr.ngettext("{n} answer", "{n} answers", analysis.answered).format(
        n=count_text(tr, analysis.answered))
    if item.kind in CHOICE_KINDS or item.kind == "yesno":
        body: list[Flowable] = [_choices(analysis, language, styles, tr)]
    elif item.kind in ("integer", "decimal"):
        if analysis.mean is None:
            body = [_p(tr.gettext("No answers."), styles.empty)]
        else:
            body = [_p(tr.gettext("Mean {mean} (lowest {low}, highest {high})").format(
                mean=tr.format_number(round(analysis.mean, 1)),
                low=tr.format_number(analysis.minimum), high=tr.format_number(analysis.maximum)),
                styles.body)]  # fmt: skip
    elif item.kind in ("text", "longtext"):
        body = [Paragraph(_comment_markup(text, times, tr), styles.comment, bulletText="–")
                for text, times in _same_answers(analysis.texts)]  # fmt: skip
        if not body:
            body = [_p(tr.gettext("No answers."), styles.empty)]
    else:
        return []
    head = [Spacer(1, 3 * mm), title, _p(answered, styles.small), Spacer(1, 1 * mm)]
    return [KeepTogether([*head, *body[:2]]), *body[2:]]


def _same_answers(texts: Sequence[str]) -> list[tuple[str, int]]:
    """Each different answer once with how many gave it, the most frequent first (then in the
    order given): forty "Utile" would otherwise fill a page."""
    counts = Counter(" ".join(text.split()) for text in texts if text.strip())
    return sorted(counts.items(), key=lambda pair: -pair[1])


def _comment_markup(text: str, times: int, tr: Translator) -> str:
    if times == 1:
        return markup(text)
    return f'{markup(text)} <font color="{_MUTED_HEX}">(×{tr.format_number(times)})</font>'


def _choices(analysis: ItemAnalysis, language: str, styles: _Styles, tr: Translator) -> Table:
    item = analysis.item
    if item.kind == "yesno":
        labels = {"yes": tr.gettext("Yes"), "no": tr.gettext("No")}
    else:
        labels = {c.name: _label(c.label, tr, language) or c.name for c in item.choices}
    bar_width = 45 * mm
    table: list[list[object]] = [_headers(styles, tr.gettext("Answer"), tr.gettext("Number"),
                                          "%", bar="")]  # fmt: skip
    for key, label in labels.items():
        share = analysis.percent(key)
        table.append([_p(label, styles.cell), _p(count_text(tr, analysis.counts.get(key, 0)),
                                                 styles.number),
                      _p(rate_text(tr, None if share is None else share / 100), styles.number),
                      _Bar(share or 0, bar_width - 8, styles.fonts)])  # fmt: skip
    widths = (CONTENT_WIDTH - 44 * mm - bar_width, 22 * mm, 22 * mm, bar_width)
    return _table(table, widths, styles)


def _ratings(group: list[ItemAnalysis], language: str, styles: _Styles,
             tr: Translator) -> list[Flowable]:  # fmt: skip
    """Rating items on one scale: one line each (mean, share satisfied, the spread of points as
    a stacked bar), and the scale's legend under them."""
    points = group[0].item.points
    palette = _scale_colours(points)
    bar_width = 52 * mm
    table: list[list[object]] = [_headers(styles, tr.gettext("Question"), tr.gettext("Answers"),
                                          tr.gettext("Mean"), tr.gettext("Satisfied"),
                                          bar=tr.gettext("Spread of answers"))]  # fmt: skip
    for analysis in group:
        item = analysis.item
        mean = "–" if analysis.mean is None else tr.gettext("{mean} / {points}").format(
            mean=tr.format_number(round(analysis.mean, 1)), points=tr.format_number(points))
        counts = [analysis.counts.get(str(p), 0) for p in range(1, points + 1)]
        table.append([_p(_label(item.label, tr, language) or item.name, styles.cell),
                      _p(count_text(tr, analysis.answered), styles.number),
                      _p(mean, styles.number),
                      _p(rate_text(tr, analysis.satisfied), styles.number_bold),
                      _Stack(counts, palette, bar_width - 8, styles.fonts)])  # fmt: skip
    widths = (CONTENT_WIDTH - 3 * 19 * mm - bar_width, 19 * mm, 19 * mm, 19 * mm, bar_width)
    out: list[Flowable] = [Spacer(1, 3 * mm), _table(table, widths, styles)]
    out.append(_scale_legend(group[0].item, palette, language, styles, tr))
    return out


def _scale_colours(points: int) -> list[str]:
    picks = {4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}.get(points)
    if picks is None:  # a scale the forms do not offer today: spread the palette over it
        picks = tuple(round(i * 4 / max(points - 1, 1)) for i in range(points))
    return [SCALE_COLOURS[i] for i in picks]


def _scale_legend(item: FormItem, palette: Sequence[str], language: str,
                  styles: _Styles, tr: Translator) -> Paragraph:  # fmt: skip
    """“■ 1 Strongly disagree ■ 2 Disagree …”, or “1 = lowest … 5 = highest” for a scale
    without words."""
    parts = []
    for point, colour in enumerate(palette, start=1):
        words = (_label(item.point_labels[point - 1], tr, language)
                 if len(item.point_labels) >= point else "")  # fmt: skip
        if not words:
            words = {1: tr.gettext("lowest"), len(palette): tr.gettext("highest")}.get(point, "")
        swatch = f'<font color="{colour}">■</font>'
        parts.append(f"{swatch}\u00a0{point}" + (f"\u00a0{markup(words)}" if words else ""))
    return Paragraph("&nbsp;&nbsp; ".join(parts), styles.legend)


class _Stack(Flowable):
    """The answers of a rating item as one bar cut in coloured pieces, lowest point on the left
    (on the right in a right-to-left document); each piece wide enough shows its count."""

    def __init__(self, counts: Sequence[int], palette: Sequence[str], width: float,
                 fonts: FontFamily) -> None:  # fmt: skip
        super().__init__()
        self.counts, self.palette, self.width, self.fonts = list(counts), palette, width, fonts
        self.height = 9

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        total = sum(self.counts)
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        if not total:
            canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            return
        x = 0.0
        canvas.setFont(self.fonts.regular, 6.5)
        for count, colour in zip(self.counts, self.palette, strict=False):
            if not count:
                continue
            width = self.width * count / total
            left = self.width - x - width if self.fonts.right_to_left else x
            canvas.setFillColor(colors.HexColor(colour))
            canvas.rect(left, 0, width, self.height, stroke=0, fill=1)
            if width >= 9:
                canvas.setFillColor(colors.white)
                canvas.drawCentredString(left + width / 2, 2.4, str(count))
            x += width


class _Bar(Flowable):
    """A share (0..100) as a bar on a faint full-length track."""

    def __init__(self, percent: float, width: float, fonts: FontFamily) -> None:
        super().__init__()
        self.percent, self.width, self.fonts = percent, width, fonts
        self.height = 7

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(ZEBRA)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.3)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canvas.setFillColor(ACCENT)
        filled = self.width * max(0.0, min(self.percent, 100.0)) / 100
        left = self.width - filled if self.fonts.right_to_left else 0  # from the line's start
        canvas.rect(left, 0, filled, self.height, stroke=0, fill=1)


# -- 7. appendix: the signed attendance sheets --------------------------------------------------


def _appendix(workspace: Workspace, data: SessionReport, styles: _Styles, tr: Translator,
              steps: _Steps) -> list[Flowable]:  # fmt: skip
    periods = [line.period for line in data.periods]
    if not periods:  # the attendance section already says so: no page for nothing
        return []
    heading = tr.gettext("Appendix: signed attendance sheets")
    out: list[Flowable] = [PageBreak(), _Mark(header=f"{heading} · {data.session.title}"),
                           _p(heading, styles.appendix)]  # fmt: skip
    out.append(_p(tr.ngettext("{n} sheet follows, one per sign-in period.",
                              "{n} sheets follow, one per sign-in period.", len(periods))
                  .format(n=count_text(tr, len(periods))), styles.small))  # fmt: skip
    out.append(Spacer(1, 4 * mm))
    grid = workspace.attendance.grid(data.session.id)
    for index, period in enumerate(periods):
        steps.tick()
        story = sheet_story(workspace, data.session, period, tr, signed=True, walk_in_rows=0,
                            grid=grid)  # fmt: skip
        # The first sheet starts under the appendix's heading, each other one on a new page.
        out += [] if index == 0 else [PageBreak()]
        out += [_Mark(header=sheet_header(tr, data.session, period)), *story, _Mark(step=steps)]
    return out


# -- the document ------------------------------------------------------------------------------


def _report_canvas(decor: PageDecor, fonts: FontFamily, tr: Translator) -> type[Canvas]:
    """Like :func:`~.layout.numbered_canvas` ("Page N of M" over the whole report), but the
    header's second line is whatever the last :class:`_Mark` with a header set: the appendix's
    pages name their sign-in period."""

    class ReportCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []
            self._report_header = decor.session_title

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                page = replace(decor, session_title=state["_report_header"])
                _draw_header(self, page, fonts, self._pageNumber)
                _draw_footer(self, page, fonts, tr, self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return ReportCanvas


def _build(story: list[Flowable], decor: PageDecor, fonts: FontFamily, tr: Translator, *,
           subject: str) -> bytes:  # fmt: skip
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=printable(decor.session_title),
        author=printable(decor.organisation), subject=printable(subject),
        creator="Trainer Desktop", lang=tr.language, initialFontName=fonts.regular,
    )  # fmt: skip
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_report_canvas(decor, fonts, tr))
    return buffer.getvalue()


__all__ = ["gain_text", "rate_text", "score_text", "write_session_report"]
