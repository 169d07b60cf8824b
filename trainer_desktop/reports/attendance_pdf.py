"""The attendance sheet of one sign-in period (A4 portrait PDF): the funder's proof that the
training took place.

Blank, it is signed on paper: one numbered row per enrolled person (sorted as in the grid, so
re-entering a sheet follows the screen line by line), a signature box tall enough for a pen, and
empty numbered rows at the end for walk-ins. Signed, each box holds the signature the person drew
on the laptop (vector paths, crisp on any printer) and a status column notes present, late with
the arrival time, absent or excused.

As for the programme, the document's language is the translator's (``tr.gettext``), never the
interface's ``_``, which serves only error messages shown on screen. Page header, footer
("Page N of M", printing date) and the atomic write are the programme's.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.attendance import (
    ATTENDED,
    PERIOD_KINDS,
    STATUSES,
    Grid,
    Signature,
    SignInPeriod,
)
from trainer_desktop.core.errors import NotFoundError, UserError
from trainer_desktop.core.i18n import Translator, _
from trainer_desktop.core.sessions import TrainingSession

from .bidi_text import Paragraph, left_to_right, right_to_left
from .fonts import FontFamily, document_fonts, printable
from .layout import (
    ACCENT, CONTENT_WIDTH, INK, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MUTED,
    PAGE_HEIGHT, RULE, PageDecor, markup, numbered_canvas, read_logo, session_label,
    directed_table,
)  # fmt: skip
from .programme_pdf import write_pdf

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: A box a pen can sign in (the brief of the field: about 12 mm).
ROW_HEIGHT = 13 * mm
#: What the signature cell holds inside its padding (2 points above and below).
SIGNATURE_HEIGHT = ROW_HEIGHT - 4
NUMBER_WIDTH = 10 * mm
NAME_WIDTH = 50 * mm
STATUS_WIDTH = 24 * mm
#: The signature box takes the rest (about 68 mm); on a signed sheet the status column comes
#: out of it.
INSTITUTION_WIDTH = 46 * mm
SIGNATURE_WIDTH = CONTENT_WIDTH - NUMBER_WIDTH - NAME_WIDTH - INSTITUTION_WIDTH
WALK_IN_SHADE = colors.HexColor("#f6f7f9")
PLACEHOLDER_INK = colors.HexColor("#17224a")


def write_attendance_sheet(
    workspace: Workspace,
    session_id: str,
    period_id: str,
    out: Path,
    translator: Translator | None = None,
    signed: bool = False,
    walk_in_rows: int = 5,
) -> Path:
    """Write the sheet of ``period_id`` to ``out`` (replaced atomically); returns ``out``.

    ``signed`` draws in each box the person's latest signature for the period and notes their
    status. ``walk_in_rows`` empty numbered rows follow the last name. Raises
    :class:`NotFoundError` if the session or the period no longer exists and :class:`UserError`
    if the file cannot be written.
    """
    tr = translator or i18n.current()
    out = Path(out)
    session = workspace.sessions.get(session_id)
    period = next((p for p in workspace.attendance.periods(session_id) if p.id == period_id), None)
    if period is None:
        raise NotFoundError(_("This sign-in period no longer exists."))
    story = sheet_story(workspace, session, period, tr, signed=signed, walk_in_rows=walk_in_rows)
    page = PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=sheet_header(tr, session, period),
        printed_on=tr.format_date(dt.date.today(), "long"),
    )
    data = _render(session, story, page, tr)
    write_pdf(out, data)
    return out


def write_attendance_sheets(
    workspace: Workspace,
    session_id: str,
    out: Path,
    translator: Translator | None = None,
    signed: bool = False,
    walk_in_rows: int = 5,
) -> Path:
    """Write the sheets of every sign-in period of ``session_id``, in time order, to one PDF
    (``out``, replaced atomically); returns ``out``. Each sheet starts on a new page and its
    pages' header names its period. Raises :class:`NotFoundError` if the session no longer
    exists and :class:`UserError` if it has no sign-in period or the file cannot be written."""
    # The session report draws its appendix of sheets so; imported here, as it imports this.
    from .session_report_pdf import _build, _Mark

    tr = translator or i18n.current()
    out = Path(out)
    session = workspace.sessions.get(session_id)
    periods = workspace.attendance.periods(session_id)
    if not periods:
        raise UserError(_("“{title}” has no sign-in periods.").format(title=session.title))
    grid = workspace.attendance.grid(session_id)
    story: list[Flowable] = []
    for index, period in enumerate(periods):
        story += [] if index == 0 else [PageBreak()]
        story.append(_Mark(header=sheet_header(tr, session, period)))
        story += sheet_story(workspace, session, period, tr, signed=signed,
                             walk_in_rows=walk_in_rows, grid=grid)  # fmt: skip
    page = PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=session.title,
        printed_on=tr.format_date(dt.date.today(), "long"),
    )
    fonts = document_fonts(tr.language)
    write_pdf(out, _build(story, page, fonts, tr, subject=tr.gettext("Attendance sheet")))
    return out


def sheet_header(tr: Translator, session: TrainingSession, period: SignInPeriod) -> str:
    """The page header of a sheet from its second page. Loose pages of a day's sheets get
    shuffled: each page names its session and period (the period first: a long title is what
    gets shortened)."""
    return " · ".join((tr.format_date(period.day, "full"), period_name(tr, period), session.title))


def sheet_story(
    workspace: Workspace,
    session: TrainingSession,
    period: SignInPeriod,
    tr: Translator,
    *,
    signed: bool = False,
    walk_in_rows: int = 5,
    grid: Grid | None = None,
) -> list[Flowable]:
    """The flowables of one period's sheet, to print on its own or to append to another
    document (the session report's appendix). ``grid`` saves reading it again when a caller
    prints several periods of one session."""
    grid = grid if grid is not None else workspace.attendance.grid(session.id)
    signatures = workspace.attendance.latest_signatures(period.id) if signed else {}
    rows = []
    for person in grid.people:
        enrolment_id = person.enrolment.id
        mark = grid.marks.get((enrolment_id, period.id))
        signature = signatures.get(enrolment_id)
        rows.append(_Row(
            name=person.participant.display_name,
            institution=person.participant.institution,
            function=person.participant.function,
            sex=person.participant.sex,
            status=mark.status if mark else None,
            arrived_at=mark.arrived_at if mark else None,
            signature=signature,
        ))  # fmt: skip
    styles = _styles(document_fonts(tr.language))
    return [
        Paragraph(markup(tr.gettext("Attendance sheet")), styles.title),
        Paragraph(markup(session.title), styles.session),
        _facts(session, period, styles, tr),
        Spacer(1, 5 * mm),
        _sheet_table(rows, styles, tr, signed, max(0, walk_in_rows)),
        Spacer(1, 6 * mm),
        _closing(rows, styles, tr, signed),
    ]


@dataclass(frozen=True)
class _Row:
    name: str
    institution: str
    function: str
    sex: str
    status: str | None
    arrived_at: dt.time | None
    signature: Signature | None


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    session: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    header: ParagraphStyle
    number: ParagraphStyle
    name: ParagraphStyle
    institution: ParagraphStyle
    function: ParagraphStyle
    status: ParagraphStyle
    placeholder: ParagraphStyle


def _styles(fonts: FontFamily) -> _Styles:
    base = ParagraphStyle("base", fontName=fonts.regular, bulletFontName=fonts.regular,
                          fontSize=10, leading=13, textColor=INK,
                          rtl=fonts.right_to_left)  # fmt: skip

    def style(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return _Styles(
        title=style("title", fontName=fonts.bold, fontSize=16, leading=20, textColor=ACCENT),
        session=style("session", fontName=fonts.bold, fontSize=11.5, leading=14.5,
                      spaceBefore=2, spaceAfter=4),
        label=style("label", fontName=fonts.bold, fontSize=8.5, leading=12, textColor=MUTED),
        value=style("value", fontSize=9.5, leading=12.5),
        header=style("header", fontName=fonts.bold, fontSize=8.5, leading=11,
                     textColor=colors.white),
        number=style("number", fontSize=9, leading=11, alignment=TA_CENTER, textColor=MUTED),
        name=style("name", fontName=fonts.bold, fontSize=9.5, leading=12),
        institution=style("institution", fontSize=8.5, leading=10.5),
        function=style("function", fontSize=7.5, leading=9.5, textColor=MUTED),
        status=style("status", fontSize=8.5, leading=10.5, alignment=TA_CENTER),
        placeholder=style("placeholder", fontName=fonts.italic, fontSize=8, leading=10,
                          alignment=TA_CENTER, textColor=PLACEHOLDER_INK),
    )  # fmt: skip


def period_name(tr: Translator, period: SignInPeriod) -> str:
    """“Morning (08:30–12:30)”, or the trainer's label for a custom period."""
    label = period.label or (
        tr.gettext(PERIOD_KINDS[period.kind]) if period.kind in PERIOD_KINDS else period.kind
    )
    start = tr.format_time(period.start_time, "HH:mm")
    end = tr.format_time(period.end_time, "HH:mm")
    return f"{label} ({start}\u2013{end})"


def status_note(tr: Translator, status: str | None, arrived_at: dt.time | None) -> str:
    """“Present”, “Late 09:10”, “Absent”, “Excused”, or nothing."""
    if status is None:
        return ""
    if status == "late" and arrived_at is not None:
        return tr.gettext("Late {time}").format(time=tr.format_time(arrived_at, "HH:mm"))
    return tr.gettext(STATUSES[status]) if status in STATUSES else status


def _render(
    session: TrainingSession, story: list[Flowable], page: PageDecor, tr: Translator
) -> bytes:
    fonts = document_fonts(tr.language)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=printable(session.title),
        author=printable(page.organisation), subject=tr.gettext("Attendance sheet"),
        creator="Trainer Desktop", lang=tr.language, initialFontName=fonts.regular,
    )  # fmt: skip
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(page, fonts, tr))
    return buffer.getvalue()


def _facts(
    session: TrainingSession, period: SignInPeriod, styles: _Styles, tr: Translator
) -> Table:
    place = ", ".join(dict.fromkeys(p for p in (session.venue, session.town) if p))
    facts = [
        (tr.gettext("Date"), tr.format_date(period.day, "full")),
        (tr.gettext("Period"), period_name(tr, period)),
        (session_label(tr, "venue"), place),
        (session_label(tr, "organiser"), session.organiser),
        (session_label(tr, "funders"), "; ".join(session.funders or [])),
    ]
    data = [[Paragraph(markup(label), styles.label), Paragraph(markup(value), styles.value)]
            for label, value in facts if value]  # fmt: skip
    return directed_table(data, (36 * mm, CONTENT_WIDTH - 36 * mm), [
        ("FONTNAME", (0, 0), (-1, -1), styles.value.fontName),  # else Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, ACCENT),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
    ], rtl=tr.right_to_left)  # fmt: skip


def _sheet_table(
    rows: list[_Row], styles: _Styles, tr: Translator, signed: bool, walk_ins: int
) -> Table:
    signature_width = SIGNATURE_WIDTH - (STATUS_WIDTH if signed else 0)
    widths = [NUMBER_WIDTH, NAME_WIDTH, INSTITUTION_WIDTH, signature_width]
    number_sign = left_to_right("N°", tr.right_to_left)  # not "°N" in Arabic
    headers = [number_sign, tr.gettext("Name"), tr.gettext("Institution and function"),
               tr.gettext("Signature")]  # fmt: skip
    if signed:
        widths.append(STATUS_WIDTH)
        headers.append(tr.gettext("Status"))
    data: list[list[object]] = [[Paragraph(markup(h), styles.header) for h in headers]]
    for number, row in enumerate(rows, start=1):
        institution: list[Flowable] = []
        if row.institution:
            institution.append(Paragraph(markup(row.institution), styles.institution))
        if row.function:
            institution.append(Paragraph(markup(row.function), styles.function))
        cells: list[object] = [
            Paragraph(str(number), styles.number),
            Paragraph(markup(row.name), styles.name),
            institution,
            "",
        ]
        if signed:
            if row.signature is not None:
                cells[3] = signature_in_box(row.signature, signature_width - 4,
                                            SIGNATURE_HEIGHT, styles, tr)  # fmt: skip
            cells.append(Paragraph(markup(status_note(tr, row.status, row.arrived_at)),
                                   styles.status))  # fmt: skip
        data.append(cells)
    first_walk_in = len(data)
    for number in range(len(rows) + 1, len(rows) + walk_ins + 1):
        data.append([Paragraph(str(number), styles.number)] + [""] * (len(widths) - 1))
    for cells in data[1:]:
        if cells[3] == "":  # holds the row open to ROW_HEIGHT
            cells[3] = Spacer(1, SIGNATURE_HEIGHT)
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.value.fontName),  # else Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("GRID", (0, 1), (-1, -1), 0.5, RULE),
        ("LINEAFTER", (2, 1), (2, -1), 0.8, MUTED),  # the box to sign in stands out
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
    ]
    if signed:
        commands.append(("LINEBEFORE", (4, 1), (4, -1), 0.8, MUTED))
    if walk_ins:  # walk-ins write their name and institution by hand
        commands.append(("BACKGROUND", (0, first_walk_in), (2, -1), WALK_IN_SHADE))
    # Rows are ROW_HEIGHT (the signature cell holds them open) and grow, rather than overflow,
    # when a long institution and function need more lines.
    return directed_table(data, widths, commands, rtl=tr.right_to_left, repeatRows=1,
                 splitByRow=1)  # fmt: skip


def _closing(rows: list[_Row], styles: _Styles, tr: Translator, signed: bool) -> Table:
    """The count (signed sheets) and the trainer's attestation, kept together at the end."""
    lines: list[Flowable] = []
    if signed:
        attended = [r for r in rows if r.status in ATTENDED]
        women = sum(r.sex == "woman" for r in attended)
        men = sum(r.sex == "man" for r in attended)
        lines.append(
            Paragraph(
                markup(
                    tr.gettext(
                        "Attended: {attended} of {people} (women {women}, men {men})"
                    ).format(attended=len(attended), people=len(rows), women=women, men=men)
                ),
                styles.value,
            )
        )
    lines.append(Paragraph(markup(tr.gettext("Trainer's name and signature:")), styles.label))
    return directed_table([[lines]], [CONTENT_WIDTH], [
        ("FONTNAME", (0, 0), (-1, -1), styles.value.fontName),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 16 * mm),  # room to sign under the words
        ("NOSPLIT", (0, 0), (-1, -1)),
    ], rtl=tr.right_to_left, rowHeights=[None])  # fmt: skip


def signature_in_box(
    signature: Signature, width: float, height: float, styles: _Styles, tr: Translator
) -> Flowable:
    """The drawn signature as vector paths; if it cannot be read (damaged, or from a newer
    version of the application), a framed note "signed at 08:42" says a signature exists."""
    try:
        from trainer_desktop.core.signatures import decode

        return _SignatureInk(decode(bytes(signature.strokes)), width, height)
    except ValueError:
        return signature_placeholder(signature, width, height, styles, tr)


class _SignatureInk(Flowable):
    """Draws straight on the page's canvas (a ``reportlab.graphics`` Drawing would set the
    unembedded Helvetica as its default font)."""

    def __init__(self, signature: object, width: float, height: float) -> None:
        super().__init__()
        self.signature, self.width, self.height = signature, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from .signature_drawing import draw_on_reportlab

        draw_on_reportlab(self.canv, self.signature, 0, 0, self.width, self.height)


def signature_placeholder(
    signature: Signature, width: float, height: float, styles: _Styles, tr: Translator
) -> Flowable:
    note = tr.gettext("signed at {time}").format(
        time=tr.format_time(signature.signed_at.time(), "HH:mm")
    )
    return directed_table([[Paragraph(markup(note), styles.placeholder)]], [width * 0.7], [
        ("FONTNAME", (0, 0), (-1, -1), styles.placeholder.fontName),
        ("BOX", (0, 0), (-1, -1), 0.6, PLACEHOLDER_INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ], rtl=right_to_left(styles.placeholder), h_align="CENTER",
       rowHeights=[height * 0.6])  # fmt: skip


__all__ = ["period_name", "sheet_header", "sheet_story", "write_attendance_sheet"]
