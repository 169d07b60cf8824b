"""The coordinator's summary across sessions (A4 portrait PDF), from :func:`core.overview.overview`.

What a funder asks of a programme of trainings, on a few pages: which sessions are counted (the
filter, in words), the key figures (sessions, enrolments, people counted once, women and men,
attendance, knowledge gain, satisfaction), who was trained (by sex, with a chart; by
institution; by region), then one line per session.

It is the session report's house style: its styles, tables (coloured header row repeated on
every page, stripes, shaded totals), key-figure lines, page header and footer are imported from
:mod:`.session_report_pdf`, not drawn again. The document is written in the translator's language
(``tr.gettext``, ``tr.format_*``), never the interface's ``_``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import N_, Translator
from trainer_desktop.core.overview import (
    FILTER_FIELDS,
    Overview,
    OverviewFilter,
    SessionRow,
    overview,
)
from trainer_desktop.core.participants import SEXES
from trainer_desktop.core.progress import Progress, report
from trainer_desktop.core.reporting import Count

from .bidi_text import visual
from .fonts import document_fonts, printable
from .layout import ACCENT, CONTENT_WIDTH, INK, MUTED, PageDecor, directed_table, read_logo
from .programme_pdf import write_pdf
from .session_report_pdf import (
    PRE_COLOUR,
    SECTION_MIN_SPACE,
    _build,
    _headers,
    _heading,
    _key_figures,
    _p,
    _share_rows,
    _Styles,
    _styles,
    _table,
    count_text,
    gain_text,
    rate_text,
)  # fmt: skip
from .spreadsheet import scaled

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: Each narrowing of the filter in words, after the dates ("· region Mopti").
FILTER_WORDS = {
    "region": N_("region {value}"),
    "town": N_("town {value}"),
    "organiser": N_("organiser {value}"),
    "funder": N_("funder {value}"),
    "theme": N_("theme {value}"),
}
#: Bar colours of the chart by sex; people whose sex is not stated in grey.
SEX_COLOURS = {"woman": ACCENT, "man": PRE_COLOUR, "unstated": MUTED}


def write_overview_pdf(
    workspace: Workspace,
    filter: OverviewFilter,
    path: Path,
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the summary of the sessions ``filter`` chooses to ``path`` (replaced atomically);
    returns ``path``. ``progress`` hears the share done out of 100 (reading the sessions is most
    of the work); when it asks to stop, :class:`Cancelled` is raised and nothing is written.
    Raises :class:`UserError` if the file cannot be written."""
    tr = translator or i18n.current()
    path = Path(path)
    report(progress, 0, 100)
    figures = overview(workspace, filter, progress=scaled(progress, 0, 80))
    title = tr.gettext("Overview of the training sessions")
    decor = PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=f"{title} · {filter_words(filter, tr)}",
        printed_on=tr.format_date(dt.date.today(), "long"),
    )
    styles = _styles(document_fonts(tr.language))
    story = _opening(figures, styles, tr)
    if figures.sessions:
        story += _people(figures, styles, tr)
        story += _sessions(figures, styles, tr)
    report(progress, 90, 100)
    write_pdf(path, _build(story, decor, styles.fonts, tr, subject=title))
    report(progress, 100, 100)
    return path


# -- the filter in words -----------------------------------------------------------------------


def filter_words(wanted: OverviewFilter, tr: Translator) -> str:
    """"Sessions from 1 January 2026 to 30 June 2026 · region Mopti"; "All sessions" when
    nothing narrows the choice."""
    start = tr.format_date(wanted.start, "long") if wanted.start else ""
    end = tr.format_date(wanted.end, "long") if wanted.end else ""
    if start and end:
        dates = tr.gettext("Sessions from {start} to {end}").format(start=start, end=end)
    elif start:
        dates = tr.gettext("Sessions ending on or after {start}").format(start=start)
    elif end:
        dates = tr.gettext("Sessions starting on or before {end}").format(end=end)
    else:
        dates = tr.gettext("All sessions")
    parts = [dates]
    for name in FILTER_FIELDS:
        value = " ".join(getattr(wanted, name).split())
        if value:
            message = FILTER_WORDS[name]
            parts.append(tr.gettext(message).format(value=value))
    return " · ".join(parts)


# -- 1. what is counted, the key figures --------------------------------------------------------


def _opening(figures: Overview, styles: _Styles, tr: Translator) -> list[Flowable]:
    out: list[Flowable] = [
        _p(tr.gettext("Overview of the training sessions"), styles.programme.title),
        _p(filter_words(figures.filter, tr), styles.programme.theme),
        Spacer(1, 2 * mm),
    ]
    if not figures.sessions:
        out.append(_p(tr.gettext("No session matches this choice."), styles.empty))
        return out
    out += _heading(tr.gettext("Key figures"), styles)
    out.append(_key_figures(key_figure_lines(figures, tr), styles))
    out.append(_p(tr.gettext("People registered more than once and confirmed as the same person "
                             "are counted once. Satisfaction is the share of the answers to the "
                             "rating questions of the evaluation forms that are in the top two "
                             "points of their scale."), styles.small))  # fmt: skip
    return out


def key_figure_lines(figures: Overview, tr: Translator) -> list[tuple[str, str]]:
    """The label / value lines of the key figures, as printed."""
    lines = [
        (tr.gettext("Sessions"), count_text(tr, len(figures.sessions))),
        (tr.gettext("Participant enrolments"), count_text(tr, figures.enrolments)),
        (tr.gettext("People trained (each counted once)"), count_text(tr, figures.people)),
    ]
    for sex, n in _sex_rows(figures):
        share = rate_text(tr, n / figures.people if figures.people else None)
        lines.append((tr.gettext(SEXES[sex]), f"{count_text(tr, n)} ({share})"))
    lines += [
        (tr.gettext("Overall attendance rate"), rate_text(tr, figures.attendance_rate)),
        (tr.gettext("Mean knowledge gain (percentage points)"), gain_text(tr, figures.mean_gain)),
        (tr.gettext("Satisfaction"), rate_text(tr, figures.satisfaction)),
        (tr.gettext("Evaluation responses"), count_text(tr, figures.responses)),
    ]
    return lines


def _sex_rows(figures: Overview) -> list[tuple[str, int]]:
    # "Not stated" only when someone is: a row of zeros reads like missing data.
    return [(sex, n) for sex, n in figures.by_sex.items()
            if sex in SEXES and (n or sex != "unstated")]  # fmt: skip


# -- 2. who was trained ------------------------------------------------------------------------


def _people(figures: Overview, styles: _Styles, tr: Translator) -> list[Flowable]:
    out = _heading(tr.gettext("People trained"), styles)
    table_width = 94 * mm
    chart_width = CONTENT_WIDTH - table_width - 8 * mm
    side_by_side = directed_table(
        [[_by_sex(figures, styles, tr), _sex_chart(figures, styles, tr, chart_width)]],
        (table_width + 8 * mm, chart_width), [
            ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ], rtl=styles.fonts.right_to_left,
    )  # fmt: skip
    out.append(side_by_side)
    out += _table_heading(tr.gettext("By institution"), styles.subsection)
    out.append(_counts(figures.by_institution, tr.gettext("Institution"), figures.people, styles, tr))
    out += _table_heading(tr.gettext("By region"), styles.subsection)
    out.append(_counts(figures.by_region, tr.gettext("Region"), figures.people, styles, tr))
    out.append(_p(tr.gettext("The region is the person's, else the session's."), styles.small))
    return out


def _table_heading(text: str, style: ParagraphStyle) -> list[Flowable]:
    """The heading of a table that may run over pages: it starts under its heading on the same
    page (a kept-with-next heading carries a long table whole to the next page and leaves this
    one half empty), but never strands the heading at the foot of a page."""
    return [CondPageBreak(SECTION_MIN_SPACE),
            _p(text, ParagraphStyle(f"{style.name}_loose", parent=style, keepWithNext=0))]  # fmt: skip


def _by_sex(figures: Overview, styles: _Styles, tr: Translator) -> Table:
    rows = [(tr.gettext(SEXES[sex]), n) for sex, n in _sex_rows(figures)]
    table = [_headers(styles, tr.gettext("Sex"), tr.gettext("Number"), "%")]
    table += _share_rows(rows, figures.people, styles, tr)
    table.append([_p(tr.gettext("Total"), styles.cell_bold),
                  _p(count_text(tr, figures.people), styles.number_bold),
                  _p(rate_text(tr, 1.0), styles.number_bold)])  # fmt: skip
    return _table(table, (50 * mm, 22 * mm, 22 * mm), styles, total=True)


def _sex_chart(figures: Overview, styles: _Styles, tr: Translator, width: float) -> Drawing:
    """One horizontal bar per sex, its length the share of the people, its count and share at
    its end: the split a funder looks for first. Bars grow from the right in a right-to-left
    document."""
    fonts = styles.fonts
    rtl = fonts.right_to_left

    def x(left: float, length: float = 0) -> float:  # mirrored in a right-to-left document
        return width - left - length if rtl else left

    rows = _sex_rows(figures)
    bar, gap, label_width, value_width = 6 * mm, 3 * mm, 20 * mm, 20 * mm
    height = len(rows) * (bar + gap) + gap
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.regular  # else the renderer starts in unembedded Helvetica
    longest = width - label_width - value_width
    y = height - gap - bar
    for sex, n in rows:
        share = n / figures.people if figures.people else 0.0
        anchor = "end" if rtl else "start"
        drawing.add(String(x(0), y + 1.8 * mm, visual(printable(tr.gettext(SEXES[sex])), rtl),
                           fontName=fonts.regular, fontSize=8.5, fillColor=INK,
                           textAnchor=anchor))  # fmt: skip
        length = max(longest * share, 0.5)
        drawing.add(Rect(x(label_width, length), y, length, bar,
                         fillColor=SEX_COLOURS[sex], strokeColor=None))  # fmt: skip
        value = visual(printable(f"{count_text(tr, n)} ({rate_text(tr, share)})"), rtl)
        drawing.add(String(x(label_width + longest * share + 2 * mm), y + 1.8 * mm, value,
                           fontName=fonts.bold, fontSize=8.5, fillColor=INK,
                           textAnchor=anchor))  # fmt: skip
        y -= bar + gap
    return drawing


def _counts(counts: Sequence[Count], title: str, whole: int, styles: _Styles,
            tr: Translator) -> Table:  # fmt: skip
    rows = [(c.label or tr.gettext("Not stated"), c.count) for c in counts]
    table = [_headers(styles, title, tr.gettext("Number"), "%")]
    table += _share_rows(rows, whole, styles, tr)
    return _table(table, (CONTENT_WIDTH - 44 * mm, 22 * mm, 22 * mm), styles)


# -- 3. the sessions ---------------------------------------------------------------------------


#: Date, title, town, participants, attendance, pre -> post, gain, satisfaction; the title takes
#: the rest (about 45 mm).
_FIXED = (23 * mm, 0.0, 21 * mm, 15 * mm, 19 * mm, 21 * mm, 14 * mm, 16 * mm)
SESSION_WIDTHS = tuple(w or CONTENT_WIDTH - sum(_FIXED) for w in _FIXED)


def _sessions(figures: Overview, styles: _Styles, tr: Translator) -> list[Flowable]:
    out = _table_heading(tr.gettext("Sessions"), styles.section)
    table: list[list[object]] = [_headers(
        styles, tr.gettext("Dates"), tr.gettext("Session"), tr.gettext("Town"),
        tr.gettext("Partici\u00adpants"), tr.gettext("Attendance"), tr.gettext("Pre → post"),
        tr.gettext("Gain"), tr.gettext("Satis\u00adfaction"), numbers_from=3)]  # fmt: skip
    table += [_session_line(row, styles, tr) for row in figures.sessions]
    table.append([_p(tr.gettext("All sessions"), styles.cell_bold), "", "",
                  _p(count_text(tr, figures.enrolments), styles.number_bold),
                  _p(rate_text(tr, figures.attendance_rate), styles.number_bold), "",
                  _p(gain_text(tr, figures.mean_gain), styles.number_bold),
                  _p(rate_text(tr, figures.satisfaction), styles.number_bold)])  # fmt: skip
    # Narrow figure columns: their titles get the room the padding would take.
    extra = [("SPAN", (0, -1), (2, -1)), ("VALIGN", (0, 1), (-1, -1), "TOP"),
             ("LEFTPADDING", (3, 0), (-1, 0), 2), ("RIGHTPADDING", (3, 0), (-1, 0), 2)]  # fmt: skip
    out.append(_table(table, SESSION_WIDTHS, styles, total=True, extra=extra))
    out.append(Spacer(1, 2 * mm))
    out.append(_p(tr.gettext("Attendance: the share of the sign-in periods attended. Pre → post: "
                             "the mean scores of the pre-test and the post-test. Gain: the mean "
                             "change of the people who took both, in percentage points."),
                  styles.small))  # fmt: skip
    return out


def _session_line(row: SessionRow, styles: _Styles, tr: Translator) -> list[object]:
    session = row.session
    return [
        _p(tr.format_date_range(session.start_date, session.end_date), styles.cell),
        _p(session.title, styles.cell_bold),
        _p(session.town or session.region, styles.cell),
        _p(count_text(tr, row.participants), styles.number),
        _p(rate_text(tr, row.attendance_rate), styles.number),
        _p(_pre_post(row, tr), styles.number),
        _p(gain_text(tr, row.mean_gain), styles.number_bold),
        _p(rate_text(tr, row.satisfaction), styles.number),
    ]


def _pre_post(row: SessionRow, tr: Translator) -> str:
    """"38 % → 74 %" (whole percentages: the gain column gives the decimal)."""
    if row.mean_pre is None and row.mean_post is None:
        return "–"

    def score(percent: float | None) -> str:
        return rate_text(tr, None if percent is None else percent / 100)

    return f"{score(row.mean_pre)} → {score(row.mean_post)}"


__all__ = ["filter_words", "key_figure_lines", "write_overview_pdf"]
