"""Certificates of participation (A4 landscape PDF): one page per person, to hand out at the
closing ceremony and to frame.

By default the certificates go to the participants who attended enough under the session's
rule (``attendance_threshold``); the trainer may name others. Each page carries the hours the
person attended and a verification code (:func:`core.certificates.certificate_code`) that the
organisation checks later in Trainer Desktop, so a forged or borrowed certificate shows.

Pages are drawn straight on the canvas rather than through platypus: the layout is fixed, and
500 certificates must come out in seconds. The document's language is the translator's
(``tr.gettext``); only error messages use the interface's ``_``.

With ``one_file=False`` each certificate is its own PDF in a folder (to e-mail them one by one).
Nothing is left behind when the task fails or is stopped: every file is written to a temporary
name first and renamed only once all are done.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from trainer_desktop.core import i18n
from trainer_desktop.core.certificates import certificate_code
from trainer_desktop.core.device import Signatory
from trainer_desktop.core.errors import UserError, ValidationError
from trainer_desktop.core.files import sync_folder
from trainer_desktop.core.i18n import Translator, _
from trainer_desktop.core.participants import EnrolledPerson
from trainer_desktop.core.progress import Progress, report
from trainer_desktop.core.reporting import PARTICIPANT, attendance_of
from trainer_desktop.core.sessions import TrainingSession

from .bidi_text import has_arabic, shape, visual
from .fonts import FontFamily, document_fonts, printable, upright
from .layout import ACCENT, INK, MUTED, fit_text, read_logo
from .programme_pdf import write_pdf

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CENTRE = PAGE_WIDTH / 2
#: Text never comes closer than this to the page's edges (the border is inside it).
TEXT_WIDTH = PAGE_WIDTH - 2 * 32 * mm
GOLD = colors.HexColor("#a8893a")
LOGO_MAX = (60 * mm, 20 * mm)
#: A name shrinks from 32 to 22 points on one line, then takes two lines of down to 15 points;
#: only a name longer than that is shortened.
NAME_SIZES = (32, 22)
NAME_SIZES_ON_TWO_LINES = (22, 15)
TITLE_LINES = 3
SIGNATURE_LINE = 62 * mm
FILE_NAME_MAX = 120
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


@dataclass(frozen=True)
class Certificate:
    """What one page says about its person."""

    person: EnrolledPerson
    hours_attended: float
    code: str


def write_certificates(
    workspace: Workspace,
    session_id: str,
    out: Path,
    *,
    enrolment_ids: Sequence[str] | None = None,
    one_file: bool = True,
    signatories: Sequence[Signatory] | None = None,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the certificates of ``session_id``; returns the files written.

    ``one_file``: ``out`` is the PDF, one page per person; otherwise ``out`` is a folder that
    receives one PDF per person ("Certificat - Family Given.pdf"). ``enrolment_ids`` chooses the
    people (default: the participants who attended enough); ``signatories`` replaces the ones of
    the settings. Raises :class:`ValidationError` for an enrolment of another session,
    :class:`UserError` when nobody is to receive one or a file cannot be written, and
    :class:`Cancelled` (nothing written) when ``progress`` asks to stop.
    """
    tr = translator or i18n.current()
    session = workspace.sessions.get(session_id)
    certificates = _certificates(workspace, session, enrolment_ids)
    settings = workspace.settings
    page = _PageText(
        organisation=settings.get("organisation_name").strip(),
        logo=read_logo(settings.organisation_logo),
        signatories=tuple(settings.signatories if signatories is None else signatories),
        session=session,
    )
    fonts = document_fonts(tr.language)
    total = len(certificates)
    report(progress, 0, total)
    if one_file:
        canvas, buffer = _new_canvas(page, fonts, tr)
        for done, certificate in enumerate(certificates, start=1):
            _draw(canvas, certificate, page, fonts, tr)
            canvas.showPage()
            report(progress, done, total)
        canvas.save()
        write_pdf(Path(out), buffer.getvalue())
        return [Path(out)]
    return _write_folder(Path(out), certificates, page, fonts, tr, progress)


def _certificates(
    workspace: Workspace, session: TrainingSession, enrolment_ids: Sequence[str] | None
) -> list[Certificate]:
    """The people to print, in the attendance grid's order, with their hours and codes."""
    grid = workspace.attendance.grid(session.id)
    if enrolment_ids is None:
        people = [p for p in grid.people if p.enrolment.role == PARTICIPANT
                  and grid.attended_enough(p.enrolment.id, session.attendance_threshold)]  # fmt: skip
        if not people:
            raise UserError(
                _("No participant attended enough for a certificate (at least {share} of the "
                  "sign-in periods). Mark the attendance first, or choose the people by hand.")
                .format(share=i18n.current().format_percent(session.attendance_threshold / 100)))  # fmt: skip
    else:
        wanted = set(enrolment_ids)
        people = [p for p in grid.people if p.enrolment.id in wanted]
        unknown = wanted - {p.enrolment.id for p in people}
        if unknown:
            raise ValidationError(
                _("{count} of the people chosen are not enrolled in “{session}” (any more): "
                  "the certificates were not printed.").format(
                    count=len(unknown), session=session.title),
                field="enrolment_ids")  # fmt: skip
        if not people:
            raise UserError(_("Choose at least one person to print a certificate for."))
    certificates = []
    for person in people:
        _periods, hours, _rate = attendance_of(grid, person.enrolment.id)
        certificates.append(Certificate(person, hours, certificate_code(person.enrolment.id)))
    return certificates


# -- words ------------------------------------------------------------------------------------


def hours_label(tr: Translator, hours: float) -> str:
    """“14 h 30”, “14 h”: hours and minutes as people write them on certificates."""
    whole, minutes = divmod(round(hours * 60), 60)
    if minutes == 0:
        return tr.gettext("{hours} h").format(hours=tr.format_number(whole))
    return tr.gettext("{hours} h {minutes}").format(hours=tr.format_number(whole),
                                                    minutes=f"{minutes:02d}")  # fmt: skip


def dates_label(tr: Translator, start: dt.date, end: dt.date) -> str:
    """“from 10 to 12 March 2026”, “from 28 February to 2 March 2026”, “on 10 March 2026”.

    Day before month, as on certificates in the francophone and British traditions; the month
    names are the document's language's (Babel)."""
    from babel.dates import format_date

    def written(day: dt.date, pattern: str) -> str:
        return format_date(day, pattern, locale=tr.locale)

    if start == end:
        return tr.gettext("on {date}").format(date=written(end, "d MMMM y"))
    if (start.year, start.month) == (end.year, end.month):
        first = written(start, "d")
    elif start.year == end.year:
        first = written(start, "d MMMM")
    else:
        first = written(start, "d MMMM y")
    return tr.gettext("from {start} to {end}").format(start=first, end=written(end, "d MMMM y"))


def place_label(session: TrainingSession) -> str:
    return ", ".join(dict.fromkeys(p.strip() for p in (session.venue, session.town,
                                                       session.country) if p.strip()))  # fmt: skip


def file_name(tr: Translator, person: EnrolledPerson) -> str:
    """“Certificat - Traoré Awa.pdf”: the characters no file system accepts taken out, and
    short enough for every file system."""
    participant = person.participant
    name = " ".join(f"{participant.family_name} {participant.given_names}".split())
    word = tr.gettext("Certificate")
    stem = _UNSAFE_IN_FILE_NAMES.sub("", f"{word} - {name}")
    stem = " ".join(stem.split())[:FILE_NAME_MAX].rstrip(" .")
    return f"{stem}.pdf"


# -- drawing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PageText:
    """What every page of the batch shares."""

    organisation: str
    logo: ImageReader | None
    signatories: tuple[Signatory, ...]
    session: TrainingSession


def _new_canvas(page: _PageText, fonts: FontFamily, tr: Translator) -> tuple[Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    # The initial font keeps the unembedded Helvetica out of the file.
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=fonts.regular,
                    lang=tr.language, pageCompression=1)  # fmt: skip
    canvas.setTitle(printable(f"{tr.gettext('Certificate of participation')} — "
                              f"{page.session.title}"))  # fmt: skip
    canvas.setAuthor(printable(page.organisation))
    canvas.setCreator("Trainer Desktop")
    return canvas, buffer


def _y(from_top: float) -> float:
    """Positions are easier to read measured from the top of the page."""
    return PAGE_HEIGHT - from_top


def _text(canvas: Canvas, text: str, font: str, size: float, colour: colors.Color,
          from_top: float, char_space: float = 0, *, rtl: bool = False) -> None:  # fmt: skip
    """One centred line; Arabic shaped and in reading order (the line's base direction right to
    left when ``rtl``), and never letter-spaced, which would break its joined letters apart."""
    arabic = has_arabic(text)
    canvas.setFont(upright(font) if arabic else font, size)  # the oblique faces lack Arabic
    canvas.setFillColor(colour)
    space = 0 if arabic else char_space
    canvas.drawCentredString(CENTRE, _y(from_top), visual(text, rtl), charSpace=space)


def _draw(canvas: Canvas, certificate: Certificate, page: _PageText, fonts: FontFamily,
          tr: Translator) -> None:  # fmt: skip
    _draw_border(canvas)
    rtl = fonts.right_to_left
    top = 17 * mm
    if page.logo is not None:
        width, height = page.logo.getSize()
        scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
        w, h = width * scale, height * scale
        canvas.drawImage(page.logo, CENTRE - w / 2, _y(top + h), width=w, height=h, mask="auto")
        top += h + 7 * mm
    else:
        top += 5 * mm
    if page.organisation:
        _text(canvas, fit_text(page.organisation, fonts.bold, 12, TEXT_WIDTH), fonts.bold, 12,
              ACCENT, top, 0.6, rtl=rtl)  # fmt: skip
        top += 6 * mm
    title = shape(printable(tr.gettext("Certificate of participation").upper()))
    spacing = 0 if has_arabic(title) else 2
    size = _fitting_size(title, fonts.bold, (28, 16), TEXT_WIDTH, char_space=spacing)
    _text(canvas, title, fonts.bold, size, ACCENT, top + 15 * mm, spacing, rtl=rtl)
    _draw_ornament(canvas, top + 22 * mm)

    _text(canvas, printable(tr.gettext("awarded to")), fonts.italic, 13, MUTED, top + 34 * mm,
          rtl=rtl)  # fmt: skip
    size, lines = name_lines(certificate.person.participant.display_name, fonts.bold)
    line_top = top + 48 * mm - (size * 0.45 if len(lines) == 2 else 0)
    for line in lines:
        _text(canvas, line, fonts.bold, size, INK, line_top, rtl=rtl)
        line_top += size * 1.15
    line_top -= size * 1.15
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.6)
    canvas.line(CENTRE - 55 * mm, _y(line_top + 5 * mm), CENTRE + 55 * mm, _y(line_top + 5 * mm))

    _text(canvas, printable(tr.gettext("for taking part in")), fonts.italic, 12, MUTED,
          line_top + 14 * mm, rtl=rtl)  # fmt: skip
    line_top += 24 * mm
    for line in _title_lines(page.session.title, fonts.bold, 16, TEXT_WIDTH):
        _text(canvas, line, fonts.bold, 16, ACCENT, line_top, rtl=rtl)
        line_top += 7 * mm
    session = page.session
    facts = [dates_label(tr, session.start_date, session.end_date), place_label(session)]
    line_top += 2 * mm
    for fact in facts:
        if fact:
            _text(canvas, fit_text(fact, fonts.regular, 11.5, TEXT_WIDTH), fonts.regular, 11.5,
                  INK, line_top, rtl=rtl)  # fmt: skip
            line_top += 6 * mm
    hours = tr.gettext("Hours attended: {hours}").format(
        hours=hours_label(tr, certificate.hours_attended))
    _text(canvas, printable(hours), fonts.bold, 11.5, INK, line_top + 2 * mm, rtl=rtl)

    _draw_signatories(canvas, page.signatories, fonts, tr)
    _draw_code(canvas, certificate.code, page.organisation, fonts, tr)


def _draw_border(canvas: Canvas) -> None:
    """A thin double frame: a navy line and a gold one inside it, with small corner squares."""
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.8)
    outer = 9 * mm
    canvas.rect(outer, outer, PAGE_WIDTH - 2 * outer, PAGE_HEIGHT - 2 * outer)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.7)
    inner = 11.5 * mm
    canvas.rect(inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner)
    canvas.setFillColor(GOLD)
    side = 2.6 * mm
    for x in (inner, PAGE_WIDTH - inner):
        for y in (inner, PAGE_HEIGHT - inner):
            canvas.rect(x - side / 2, y - side / 2, side, side, stroke=0, fill=1)


def _draw_ornament(canvas: Canvas, from_top: float) -> None:
    """Two gold rules either side of a small diamond, under the title."""
    y = _y(from_top)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.line(CENTRE - 40 * mm, y, CENTRE - 4 * mm, y)
    canvas.line(CENTRE + 4 * mm, y, CENTRE + 40 * mm, y)
    d = 1.8 * mm
    path = canvas.beginPath()
    path.moveTo(CENTRE - d, y)
    path.lineTo(CENTRE, y + d)
    path.lineTo(CENTRE + d, y)
    path.lineTo(CENTRE, y - d)
    path.close()
    canvas.setFillColor(GOLD)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_signatories(canvas: Canvas, signatories: Sequence[Signatory], fonts: FontFamily,
                      tr: Translator) -> None:  # fmt: skip
    """A line to sign on for each signatory, their name under it and their title under that,
    spread evenly (the first on the right in a right-to-left document); with none set, one line
    for a signature and the stamp."""
    rtl = fonts.right_to_left
    people = list(signatories)[:3] or [Signatory("", tr.gettext("Signature and stamp"))]
    column = TEXT_WIDTH / len(people)
    width = min(SIGNATURE_LINE, column - 8 * mm)
    line_y = 36 * mm
    for index, signatory in enumerate(people):
        place = len(people) - 1 - index if rtl else index
        x = CENTRE - TEXT_WIDTH / 2 + column * (place + 0.5)
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.line(x - width / 2, line_y, x + width / 2, line_y)
        below = line_y - 5 * mm
        if signatory.name:
            name = shape(printable(" ".join(signatory.name.split())))
            size = _fitting_size(name, fonts.bold, (10.5, 8), width)
            canvas.setFont(fonts.bold, size)
            canvas.setFillColor(INK)
            canvas.drawCentredString(x, below, visual(fit_text(name, fonts.bold, size, width), rtl))
            below -= 4.5 * mm
        if signatory.title:
            title = shape(printable(" ".join(signatory.title.split())))
            size = _fitting_size(title, fonts.regular, (9, 7.5), width)
            canvas.setFont(fonts.regular, size)
            canvas.setFillColor(MUTED)
            canvas.drawCentredString(x, below,
                                     visual(fit_text(title, fonts.regular, size, width), rtl))  # fmt: skip


def _draw_code(canvas: Canvas, code: str, organisation: str, fonts: FontFamily,
               tr: Translator) -> None:  # fmt: skip
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, 8)
    label = tr.gettext("Verification code: {code}").format(code=code)
    rtl = fonts.right_to_left
    canvas.drawCentredString(CENTRE, 19 * mm, visual(printable(label), rtl))
    check = (tr.gettext("{organisation} can check this code in Trainer Desktop.").format(
        organisation=organisation) if organisation
        else tr.gettext("The organiser can check this code in Trainer Desktop."))  # fmt: skip
    canvas.setFont(fonts.regular, 7)
    canvas.drawCentredString(CENTRE, 15 * mm,
                             visual(fit_text(check, fonts.regular, 7, TEXT_WIDTH), rtl))  # fmt: skip


def _fitting_size(text: str, font: str, sizes: tuple[float, float], width: float,
                  char_space: float = 0) -> float:  # fmt: skip
    """The largest size from ``sizes[0]`` down to ``sizes[1]`` (half-point steps) at which
    ``text`` fits ``width``; the smallest if none does (the caller then shortens the text)."""
    size = sizes[0]
    while size > sizes[1] and stringWidth(text, font, size) + char_space * len(text) > width:
        size -= 0.5
    return size


def name_lines(name: str, font: str) -> tuple[float, list[str]]:
    """The size and lines of the person's name: as large as fits on one line, else on two
    lines (a name is never cut while two lines can hold it)."""
    text = shape(printable(" ".join(name.split())))
    size = _fitting_size(text, font, NAME_SIZES, TEXT_WIDTH)
    if stringWidth(text, font, size) <= TEXT_WIDTH:
        return size, [text]
    size = NAME_SIZES_ON_TWO_LINES[0]
    while True:
        lines = simpleSplit(text, font, size, TEXT_WIDTH)
        if len(lines) <= 2 or size <= NAME_SIZES_ON_TWO_LINES[1]:
            break
        size -= 0.5
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return size, [fit_text(line, font, size, TEXT_WIDTH) for line in lines]


def _title_lines(title: str, font: str, size: float, width: float) -> list[str]:
    """The session title wrapped on up to three lines, the last shortened if it runs on."""
    text = shape(printable(" ".join(title.split())))
    lines = simpleSplit(text, font, size, width) or [""]
    if len(lines) > TITLE_LINES:
        last = " ".join(lines[TITLE_LINES - 1:])
        lines = lines[: TITLE_LINES - 1] + [fit_text(last + " …", font, size, width)]
    # simpleSplit keeps an unbreakable word whole, however long.
    return [fit_text(line, font, size, width) for line in lines]


# -- one file per person ----------------------------------------------------------------------


def _write_folder(folder: Path, certificates: list[Certificate], page: _PageText,
                  fonts: FontFamily, tr: Translator, progress: Progress | None) -> list[Path]:  # fmt: skip
    """Each certificate to a temporary file in ``folder``, all renamed at the end: a failure or
    a stop leaves the folder as it was."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot write {path}: {reason}").format(
            path=folder, reason=exc.strerror or exc)) from exc  # fmt: skip
    names = _unique_names([file_name(tr, c.person) for c in certificates])
    written: list[tuple[Path, Path]] = []  # (temporary, final)
    try:
        for done, (certificate, name) in enumerate(zip(certificates, names, strict=True), 1):
            canvas, buffer = _new_canvas(page, fonts, tr)
            _draw(canvas, certificate, page, fonts, tr)
            canvas.showPage()
            canvas.save()
            written.append((_write_temporary(folder, name, buffer.getvalue()), folder / name))
            report(progress, done, len(certificates))
        for temporary, final in written:
            os.replace(temporary, final)
    except OSError as exc:
        raise UserError(_("Cannot write {path}: {reason}").format(
            path=folder, reason=exc.strerror or exc)) from exc  # fmt: skip
    finally:
        for temporary, _final in written:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)  # gone already once renamed
    sync_folder(folder)
    return [final for _temporary, final in written]


def _write_temporary(folder: Path, name: str, data: bytes) -> Path:
    fd, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return Path(temp_name)


def _unique_names(names: list[str]) -> list[str]:
    """Two people with the same name get "… (2).pdf" (compared ignoring case, as Windows and
    macOS do)."""
    seen: set[str] = set()
    out = []
    for name in names:
        stem, candidate, n = name[: -len(".pdf")], name, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{stem} ({n}).pdf"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


__all__ = ["dates_label", "file_name", "hours_label", "write_certificates"]
