"""The printed programme of a training session (A4 portrait PDF).

The document is written in the translator's language, which may differ from the interface's (a
trainer working in French prints an English programme for the funder): every string of the
document body goes through ``tr`` — ``tr.gettext(...)``, ``tr.ngettext(...)``, ``tr.format_date``
— never through the module-level ``_``, which only serves error messages shown on screen.

Layout: the organisation's logo and name at the top of every page; the session's title, theme and
key facts; its objectives; then one table per day (time, activity with its objective, speaker)
whose header row repeats when it runs over a page and whose rows are never cut in two; breaks and
meals shaded; "Page N of M" and the printing date at the foot of every page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.files import atomic_file
from trainer_desktop.core.i18n import (
    Translator,  # error messages on screen only, never the document
)
from trainer_desktop.core.programme import ProgrammeItem
from trainer_desktop.core.sessions import SESSION_LANGUAGES, TrainingSession

from .bidi_text import Paragraph
from .fonts import FontFamily, document_fonts, printable
from .layout import (
    ACCENT, CONTENT_WIDTH, INK, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MUTED,
    PAGE_HEIGHT, RULE, PageDecor, markup, numbered_canvas, read_logo, session_label,
    directed_table,
)  # fmt: skip

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: Programme table columns: time, activity (title + objective), speaker.
COLUMN_WIDTHS = (28 * mm, CONTENT_WIDTH - 28 * mm - 48 * mm, 48 * mm)
#: A day does not start in less space than this (one lone row at the foot of a page reads badly).
DAY_MIN_SPACE = 45 * mm
DAY_GAP = 7 * mm
#: Objectives longer than this continue in rows of their own (about a third of a page each).
OBJECTIVE_CHUNK = 900

PAUSE_SHADE = colors.HexColor("#eef0f3")

#: Kinds shaded in the programme: the room is not working.
PAUSE_KINDS = frozenset({"break", "meal"})

_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")


def write_programme_pdf(
    workspace: Workspace,
    session_id: str,
    out: Path,
    translator: Translator | None = None,
) -> Path:
    """Write the programme of ``session_id`` to ``out`` (replaced atomically); returns ``out``.

    ``translator`` chooses the document's language (default: the interface's). Deleted items
    are not printed. Raises :class:`NotFoundError` if the session was deleted and
    :class:`UserError` if the file cannot be written.
    """
    tr = translator or i18n.current()
    out = Path(out)
    session = workspace.sessions.get(session_id)
    items = workspace.programme.items(session_id)
    page = PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=session.title,
        printed_on=tr.format_date(dt.date.today(), "long"),
    )
    data = _render(session, items, page, tr)
    write_pdf(out, data)
    return out


# -- text helpers ------------------------------------------------------------------------------


def _time_range(tr: Translator, item: ProgrammeItem) -> str:
    # 24-hour clock as on every printed programme in the field ("09:00–10:30"); digits and
    # separators still come from the document's locale.
    return (
        f"{tr.format_time(item.start_time, 'HH:mm')}\u2013{tr.format_time(item.end_time, 'HH:mm')}"
    )


# -- styles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    theme: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    section: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    day: ParagraphStyle
    day_alone: ParagraphStyle
    header: ParagraphStyle
    time: ParagraphStyle
    item: ParagraphStyle
    pause: ParagraphStyle
    objective: ParagraphStyle
    speaker: ParagraphStyle
    empty: ParagraphStyle


def _styles(fonts: FontFamily) -> _Styles:
    base = ParagraphStyle(
        "base",
        fontName=fonts.regular,
        bulletFontName=fonts.regular,  # reportlab's default bullet font is Helvetica
        fontSize=10,
        leading=13,
        textColor=INK,
        alignment=TA_LEFT,
        rtl=fonts.right_to_left,  # every style below inherits the document's direction
    )

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return _Styles(
        title=style("title", fontName=fonts.bold, fontSize=17, leading=21, textColor=ACCENT,
                    spaceAfter=4),
        theme=style("theme", fontName=fonts.italic, fontSize=11, leading=14, textColor=MUTED,
                    spaceAfter=2),
        label=style("label", fontName=fonts.bold, fontSize=8.5, leading=12, textColor=MUTED),
        value=style("value", fontSize=9.5, leading=12.5),
        section=style("section", fontName=fonts.bold, fontSize=12, leading=15, textColor=ACCENT,
                      spaceBefore=10, spaceAfter=4),
        body=style("body", fontSize=9.5, leading=13),
        bullet=style("bullet", fontSize=9.5, leading=13, leftIndent=12, bulletIndent=2,
                     spaceAfter=1.5),
        day=style("day", fontName=fonts.bold, fontSize=11.5, leading=14, textColor=ACCENT),
        day_alone=style("day_alone", fontName=fonts.bold, fontSize=11.5, leading=14,
                        textColor=ACCENT, spaceBefore=DAY_GAP, spaceAfter=3, keepWithNext=1),
        header=style("header", fontName=fonts.bold, fontSize=8.5, leading=11,
                     textColor=colors.white),
        time=style("time", fontName=fonts.bold, fontSize=9, leading=12),
        item=style("item", fontName=fonts.bold, fontSize=9.5, leading=12.5),
        pause=style("pause", fontName=fonts.italic, fontSize=9.5, leading=12.5, textColor=MUTED),
        objective=style("objective", fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=1.5),
        speaker=style("speaker", fontSize=9, leading=12),
        empty=style("empty", fontName=fonts.italic, fontSize=9, leading=12, textColor=MUTED),
    )  # fmt: skip


# -- story -------------------------------------------------------------------------------------


def _render(
    session: TrainingSession, items: Sequence[ProgrammeItem], page: PageDecor, tr: Translator
) -> bytes:
    fonts = document_fonts(tr.language)
    styles = _styles(fonts)
    story: list[Flowable] = []
    story += _title_block(session, styles)
    story += _facts(session, styles, tr)
    story += _objectives(session, styles, tr)
    story += _programme(session, items, styles, tr)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=printable(session.title),
        author=printable(page.organisation),
        subject=tr.gettext("Training programme"),
        creator="Trainer Desktop",
        lang=tr.language,
        # The canvas's default font would otherwise pull unembedded Helvetica into every page.
        initialFontName=fonts.regular,
    )
    # No frame padding: the body lines up with the header and footer drawn at the margins, and
    # tables of CONTENT_WIDTH fit exactly.
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(page, fonts, tr))
    return buffer.getvalue()


def _title_block(session: TrainingSession, styles: _Styles) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(markup(session.title), styles.title)]
    if session.theme:
        out.append(Paragraph(markup(session.theme), styles.theme))
    out.append(Spacer(1, 3 * mm))
    return out


def _facts(session: TrainingSession, styles: _Styles, tr: Translator) -> list[Flowable]:
    """The key facts as a two-column label/value table; empty facts are left out."""
    place = ", ".join(
        dict.fromkeys(
            p for p in (session.venue, session.town, session.region, session.country) if p
        )
    )
    audience = session.target_audience
    if session.expected_participants:
        n = session.expected_participants
        expected = tr.ngettext("{n} participant expected", "{n} participants expected", n).format(
            n=tr.format_number(n)
        )
        audience = f"{audience} ({expected})" if audience else expected
    language = SESSION_LANGUAGES.get(session.language)
    rows = [
        (tr.gettext("Dates"), tr.format_date_range(session.start_date, session.end_date, long=True)),
        (session_label(tr, "venue"), place),
        (session_label(tr, "organiser"), session.organiser),
        (session_label(tr, "funders"), "; ".join(session.funders or [])),
        (session_label(tr, "facilitators"), "; ".join(session.facilitators or [])),
        (session_label(tr, "target_audience"), audience),
        (session_label(tr, "language"), tr.gettext(language) if language else ""),
    ]
    data = [
        [Paragraph(markup(label), styles.label), Paragraph(markup(value), styles.value)]
        for label, value in rows
        if value
    ]
    commands = [
        # Tables set their cells' font even when every cell is a Paragraph: without this they
        # pull unembedded Helvetica into the page.
        ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, ACCENT),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]
    widths = (42 * mm, CONTENT_WIDTH - 42 * mm)
    return [directed_table(data, widths, commands, rtl=tr.right_to_left)]


def _objectives(session: TrainingSession, styles: _Styles, tr: Translator) -> list[Flowable]:
    """The objectives; lines starting with "-", "•" or "1." become bullets."""
    lines = [line.strip() for line in (session.objectives or "").splitlines() if line.strip()]
    if not lines:
        return []
    paragraphs: list[Flowable] = []
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            text = line[bullet.end() :]
            paragraphs.append(Paragraph(markup(text), styles.bullet, bulletText="•"))
        else:
            paragraphs.append(Paragraph(markup(line), styles.body))
    heading = Paragraph(markup(session_label(tr, "objectives")), styles.section)
    # The heading travels with the first lines, never alone at the foot of a page.
    return [KeepTogether([heading, *paragraphs[:2]]), *paragraphs[2:]]


def _day_heading(session: TrainingSession, day: dt.date, tr: Translator) -> str:
    date = tr.format_date(day, "full")
    if session.start_date <= day <= session.end_date:
        number = (day - session.start_date).days + 1
        return tr.gettext("Day {number} — {date}").format(number=number, date=date)
    return date  # an item left outside the session's dates (moved without its programme)


def _programme(
    session: TrainingSession, items: Sequence[ProgrammeItem], styles: _Styles, tr: Translator
) -> list[Flowable]:
    by_day: dict[dt.date, list[ProgrammeItem]] = {day: [] for day in session.days}
    for item in items:
        by_day.setdefault(item.day, []).append(item)
    # The section heading starts a page with room for the first day's heading and first rows.
    out: list[Flowable] = [
        CondPageBreak(DAY_MIN_SPACE + 10 * mm),
        Paragraph(markup(tr.gettext("Programme")), styles.section),
    ]
    if not items:
        out.append(Paragraph(markup(tr.gettext("No programme yet.")), styles.empty))
        return out
    for index, day in enumerate(sorted(by_day)):
        # A day flows on from the previous one (paper is scarce) unless its heading and first
        # rows would be stranded at the foot of the page.
        out.append(CondPageBreak(DAY_MIN_SPACE))
        heading_text = markup(_day_heading(session, day, tr))
        if by_day[day]:
            day_table = _day_table(Paragraph(heading_text, styles.day), by_day[day], styles, tr)
            if index == 0:  # right under the "Programme" heading
                day_table.spaceBefore = 2 * mm
            out.append(day_table)
        else:
            out.append(Paragraph(heading_text, styles.day_alone))
            out.append(Paragraph(markup(tr.gettext("Nothing planned on this day.")), styles.empty))
    return out


def _objective_chunks(text: str) -> list[str]:
    """``text`` in pieces of at most :data:`OBJECTIVE_CHUNK` characters, cut between lines or,
    failing that, between words."""
    text = (text or "").strip()
    if len(text) <= OBJECTIVE_CHUNK:
        return [text] if text else []
    chunks: list[str] = []
    current = ""
    for line in text.splitlines():
        for word in line.split(" "):
            while len(word) > OBJECTIVE_CHUNK:  # one endless "word": cut it anyway
                if current:
                    chunks.append(current)
                    current = ""
                chunks.append(word[:OBJECTIVE_CHUNK])
                word = word[OBJECTIVE_CHUNK:]
            joined = (
                f"{current} {word}" if current and not current.endswith("\n") else current + word
            )
            if len(joined) > OBJECTIVE_CHUNK:
                chunks.append(current.rstrip())
                current = word
            else:
                current = joined
        current += "\n"
    if current.strip():
        chunks.append(current.rstrip())
    return [c for c in chunks if c.strip()]


def _day_table(
    heading: Paragraph, items: Sequence[ProgrammeItem], styles: _Styles, tr: Translator
) -> Table:
    """The day's items under its heading; the heading is the table's first row, so it repeats
    with the column titles on the next page when the day runs over, and is never left alone."""
    header = [
        Paragraph(markup(tr.gettext("Time")), styles.header),
        Paragraph(markup(tr.gettext("Activity")), styles.header),
        Paragraph(markup(tr.gettext("Speaker")), styles.header),
    ]
    data: list[list[object]] = [[heading, "", ""], header]
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),  # else Helvetica, see _facts
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("BACKGROUND", (0, 1), (-1, 1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 1), (-1, -1), 5),
        ("RIGHTPADDING", (0, 1), (-1, -1), 5),
        ("TOPPADDING", (0, 1), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
    row = 1
    for item in items:
        pause = item.kind in PAUSE_KINDS
        title_style = styles.pause if pause else styles.item
        chunks = _objective_chunks(item.objective)
        activity: list[Flowable] = [Paragraph(markup(item.title), title_style)]
        if chunks:
            activity.append(Paragraph(markup(chunks[0]), styles.objective))
        data.append(
            [
                Paragraph(markup(_time_range(tr, item)), styles.time),
                activity,
                Paragraph(markup(item.speaker), styles.speaker),
            ]
        )
        row += 1
        # A very long objective continues in rows of its own, so that no row is ever taller
        # than a page and rows never need cutting.
        for chunk in chunks[1:]:
            data.append(["", Paragraph(markup(chunk), styles.objective), ""])
            row += 1
            commands.append(("TOPPADDING", (0, row), (-1, row), 0))
        commands.append(("LINEBELOW", (0, row), (-1, row), 0.4, RULE))  # under the whole item
        if pause:
            first = row - len(chunks[1:])
            commands.append(("BACKGROUND", (0, first), (-1, row), PAUSE_SHADE))
    commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT))
    last_two = items[-2:]
    if len(items) >= 3 and all(len(i.objective) <= OBJECTIVE_CHUNK for i in last_two):
        # No widow: a day never ends with a single row alone at the top of a page.
        commands.append(("NOSPLIT", (0, -2), (-1, -1)))
    # Rows are split between, never inside; the heading and column titles repeat on every page
    # the day runs over.
    day = directed_table(
        data, COLUMN_WIDTHS, commands, rtl=tr.right_to_left, repeatRows=2, splitByRow=1
    )
    day.spaceBefore = DAY_GAP  # dropped at the top of a page, like a paragraph's
    return day


def write_pdf(out: Path, data: bytes) -> None:
    """Replace ``out`` with a finished PDF in one step (see :func:`core.files.atomic_file`)."""
    with atomic_file(out) as fh:
        fh.write(data)


__all__ = ["markup", "write_programme_pdf"]
