"""The list of the people enrolled in a session (A4 portrait PDF): the funder's annex and the
organiser's contact sheet.

One numbered row per enrolled person, sorted as in the attendance grid, with their sex,
institution and function, town or region, phone, e-mail and role in the session; the header
row repeats on every page, and the totals by sex close the list. The header of the page and the
facts block are the attendance sheet's; the document is in the translator's language.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Spacer,
    Table,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.participants import ROLES, SEXES, EnrolledPerson
from trainer_desktop.core.reporting import PARTICIPANT
from trainer_desktop.core.sessions import TrainingSession

from .attendance_pdf import _Styles
from .attendance_pdf import _styles as sheet_styles
from .bidi_text import Paragraph, left_to_right
from .fonts import document_fonts, printable
from .layout import (
    ACCENT,
    CONTENT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    RULE,
    PageDecor,
    directed_table,
    markup,
    numbered_canvas,
    read_logo,
    session_label,
)  # fmt: skip
from .programme_pdf import write_pdf

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: N°, name, sex, institution and function, town or region, phone and e-mail; the role takes
#: the rest (about 18 mm). E-mail addresses are long and do not break well: they get the room.
_FIXED_WIDTHS = (8 * mm, 35 * mm, 15 * mm, 34 * mm, 20 * mm, 44 * mm)
COLUMN_WIDTHS = (*_FIXED_WIDTHS, CONTENT_WIDTH - sum(_FIXED_WIDTHS))
STRIPE = colors.HexColor("#f6f7f9")


def write_participant_list(
    workspace: Workspace, session_id: str, path: Path, *, translator: Translator | None = None
) -> Path:
    """Write the list of ``session_id``'s enrolled people to ``path`` (replaced atomically);
    returns ``path``. Raises :class:`NotFoundError` if the session was deleted and
    :class:`UserError` if the file cannot be written."""
    tr = translator or i18n.current()
    path = Path(path)
    session = workspace.sessions.get(session_id)
    people = workspace.attendance.grid(session_id).people  # the grid's order
    page = PageDecor(
        organisation=workspace.settings.get("organisation_name").strip(),
        logo=read_logo(workspace.settings.organisation_logo),
        session_title=" · ".join((tr.gettext("List of participants"), session.title)),
        printed_on=tr.format_date(dt.date.today(), "long"),
    )
    write_pdf(path, _render(session, people, page, tr))
    return path


def _render(
    session: TrainingSession, people: list[EnrolledPerson], page: PageDecor, tr: Translator
) -> bytes:
    fonts = document_fonts(tr.language)
    styles = sheet_styles(fonts)
    story = [
        Paragraph(markup(tr.gettext("List of participants")), styles.title),
        Paragraph(markup(session.title), styles.session),
        _facts(session, styles, tr),
        Spacer(1, 5 * mm),
        _people_table(people, styles, tr),
        Spacer(1, 4 * mm),
        Paragraph(markup(totals_line(tr, people)), styles.value),
    ]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=printable(session.title),
        author=printable(page.organisation), subject=tr.gettext("List of participants"),
        creator="Trainer Desktop", lang=tr.language, initialFontName=fonts.regular,
    )  # fmt: skip
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(page, fonts, tr))
    return buffer.getvalue()


def _facts(session: TrainingSession, styles: _Styles, tr: Translator) -> Table:
    """Dates, place, organiser and funders, as on the attendance sheet."""
    place = ", ".join(dict.fromkeys(p for p in (session.venue, session.town, session.region,
                                                session.country) if p))  # fmt: skip
    facts = [
        (tr.gettext("Dates"), tr.format_date_range(session.start_date, session.end_date, long=True)),
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


def _label(tr: Translator, labels: dict[str, str], key: str) -> str:
    label = labels.get(key)
    return tr.gettext(label) if label else key


def _people_table(people: list[EnrolledPerson], styles: _Styles, tr: Translator) -> Table:
    small = styles.institution
    contact_style = ParagraphStyle("contact", parent=small, fontSize=7, leading=9)
    number_sign = left_to_right("N°", tr.right_to_left)  # not "°N" in Arabic
    headers = [number_sign, tr.gettext("Name"), tr.gettext("Sex"), tr.gettext("Institution and function"),
               tr.gettext("Town or region"), tr.gettext("Phone and e-mail"), tr.gettext("Role")]  # fmt: skip
    data: list[list[object]] = [[Paragraph(markup(h), styles.header) for h in headers]]
    for number, person in enumerate(people, start=1):
        p = person.participant
        institution = [Paragraph(markup(p.institution), small)] if p.institution else []
        if p.function:
            institution.append(Paragraph(markup(p.function), styles.function))
        contact = [Paragraph(markup(left_to_right(value, tr.right_to_left)), contact_style)
                   for value in (p.phone, p.email) if value]  # fmt: skip
        place = " / ".join(dict.fromkeys(v for v in (p.town, p.region) if v))
        data.append([
            Paragraph(str(number), styles.number),
            Paragraph(markup(p.display_name), styles.name),
            Paragraph(markup(_label(tr, SEXES, p.sex)), small),
            institution,
            Paragraph(markup(place), small),
            contact,
            Paragraph(markup(_label(tr, ROLES, person.enrolment.role)), small),
        ])  # fmt: skip
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.value.fontName),  # else Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), STRIPE) for row in range(2, len(data), 2)]
    return directed_table(data, COLUMN_WIDTHS, commands, rtl=tr.right_to_left, repeatRows=1,
                 splitByRow=1)  # fmt: skip


def totals_line(tr: Translator, people: list[EnrolledPerson]) -> str:
    """“Participants: 38 (women 12, men 25, not stated 1). Also enrolled: 3.”"""
    participants = [p for p in people if p.enrolment.role == PARTICIPANT]
    counts = dict.fromkeys(SEXES, 0)
    for person in participants:
        counts[person.participant.sex if person.participant.sex in SEXES else "unstated"] += 1
    line = tr.gettext("Participants: {total} (women {women}, men {men}, not stated {unstated}).")
    line = line.format(total=len(participants), women=counts["woman"], men=counts["man"],
                       unstated=counts["unstated"])  # fmt: skip
    others = len(people) - len(participants)
    if others:
        line += " " + tr.gettext("Also enrolled (facilitators, organisers, observers): {n}.").format(
            n=others)
    return line


__all__ = ["totals_line", "write_participant_list"]
