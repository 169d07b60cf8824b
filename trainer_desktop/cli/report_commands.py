"""``trainer-desktop report …``: the printed and exported documents of issue 7, from a script.

``session`` (the funder's report as PDF, or the session workbook as .xlsx), ``workbook``,
``attendance`` (one period's sheet, or every period's in one PDF), ``participants`` (the list),
``certificates`` (one PDF, or one file each in a folder), ``summary`` (the coordinator's overview
across sessions, as PDF or .xlsx) and ``verify`` (whose certificate a code is).

The kind of file follows ``--out``'s extension and is checked before the database is opened, so
a typing slip costs nothing. Documents are written in ``--language`` (default: the interface's).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import NotFoundError, UserError
from trainer_desktop.core.i18n import Translator, _, ngettext

from .common import add_db_option, open_from_args

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

PDF, XLSX = ".pdf", ".xlsx"


def register(commands: argparse._SubParsersAction) -> None:
    reports = commands.add_parser("report", help=_("write a session's or several sessions' documents"))
    sub = reports.add_subparsers(dest="report_command", metavar=_("COMMAND"), required=True)

    session = _document(sub, "session", _("write a session's report (.pdf) or its workbook (.xlsx)"),
                        _("FILE.pdf|FILE.xlsx"), _("the file to write: .pdf for the report, .xlsx "
                                                   "for the workbook (replaced if it exists)"))  # fmt: skip
    session.set_defaults(run=_session)

    workbook = _document(sub, "workbook", _("write a session's workbook (Excel)"), _("FILE.xlsx"),
                         _("the workbook to write (replaced if it exists)"))  # fmt: skip
    workbook.set_defaults(run=_workbook)

    attendance = _document(sub, "attendance", _("write a session's attendance sheets (PDF)"),
                           _("FILE.pdf"), _("the PDF to write (replaced if it exists)"),
                           description=_("One period's sheet with --period, else every period's "
                                         "sheet in one PDF; blank to sign on paper, or with "
                                         "--signed the signatures given on the laptop."))  # fmt: skip
    attendance.add_argument("--period", metavar=_("ID"),
                            help=_("the sign-in period (default: every period of the session)"))  # fmt: skip
    attendance.add_argument("--signed", action="store_true",
                            help=_("draw the signatures and note who was late, absent or excused"))  # fmt: skip
    attendance.set_defaults(run=_attendance)

    participants = _document(sub, "participants", _("write the list of a session's participants (PDF)"),
                             _("FILE.pdf"), _("the PDF to write (replaced if it exists)"))  # fmt: skip
    participants.set_defaults(run=_participants)

    certificates = _document(sub, "certificates", _("write a session's certificates of participation"),
                             _("FILE.pdf|FOLDER"), _("the PDF to write, or with --separate the "
                                                     "folder that receives one PDF each"),
                             description=_("By default the participants who attended enough under "
                                           "the session's rule; --person names others."))  # fmt: skip
    certificates.add_argument("--person", action="append", metavar=_("ENROLMENT_ID"),
                              help=_("an enrolment to print a certificate for (repeat for several)"))  # fmt: skip
    certificates.add_argument("--separate", action="store_true",
                              help=_("one PDF per person in the folder --out"))  # fmt: skip
    certificates.set_defaults(run=_certificates)

    summary = sub.add_parser(
        "summary",
        help=_("write the overview across sessions (.pdf or .xlsx)"),
        description=_("The sessions that fit every option given: between the dates, and in the "
                      "region, town… named (case and accents ignored)."),
    )  # fmt: skip
    add_db_option(summary)
    summary.add_argument("--out", required=True, metavar=_("FILE.pdf|FILE.xlsx"),
                         help=_("the file to write: .pdf or .xlsx (replaced if it exists)"))  # fmt: skip
    summary.add_argument("--from", dest="start", type=_date, metavar=_("DATE"),
                         help=_("sessions that end on or after this day (YYYY-MM-DD)"))  # fmt: skip
    summary.add_argument("--to", dest="end", type=_date, metavar=_("DATE"),
                         help=_("sessions that start on or before this day (YYYY-MM-DD)"))  # fmt: skip
    summary.add_argument("--region", default="", metavar=_("REGION"), help=_("the sessions' region"))
    summary.add_argument("--town", default="", metavar=_("TOWN"), help=_("the sessions' town"))
    summary.add_argument("--organiser", default="", metavar=_("ORGANISER"),
                         help=_("the sessions' organiser"))  # fmt: skip
    summary.add_argument("--funder", default="", metavar=_("FUNDER"),
                         help=_("one of the sessions' funders"))  # fmt: skip
    summary.add_argument("--theme", default="", metavar=_("THEME"), help=_("the sessions' theme"))
    _language_option(summary)
    summary.set_defaults(run=_summary)

    verify = sub.add_parser(
        "verify",
        help=_("check a certificate's code"),
        description=_("Prints whose certificate the code is, for which session, and whether the "
                      "person attended enough. Exit status 1 when no certificate has this code."),
    )  # fmt: skip
    add_db_option(verify)
    verify.add_argument("code", metavar=_("CODE"), help=_("the code printed on the certificate"))
    verify.set_defaults(run=_verify)


def _document(sub: argparse._SubParsersAction, name: str, help_text: str, out_metavar: str,
              out_help: str, description: str | None = None) -> argparse.ArgumentParser:  # fmt: skip
    """A sub-command writing one session's document: ``--db``, ``--session``, ``--out``,
    ``--language``."""
    parser = sub.add_parser(name, help=help_text, description=description or help_text)
    add_db_option(parser)
    parser.add_argument("--session", required=True, metavar=_("ID"), help=_("the session"))
    parser.add_argument("--out", required=True, metavar=out_metavar, help=out_help)
    _language_option(parser)
    return parser


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", choices=sorted(i18n.LANGUAGES),
                        help=_("the language of the document (default: the interface's)"))  # fmt: skip


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date: write it as 2026-01-31.").format(value=text)) from None  # fmt: skip


def _translator(args: argparse.Namespace) -> Translator | None:
    return Translator(args.language) if args.language else None


def _out(args: argparse.Namespace, *extensions: str) -> Path:
    """``--out``, refused unless it ends in one of ``extensions`` (before anything is read)."""
    out = Path(args.out)
    if out.suffix.lower() in extensions:
        return out
    if len(extensions) == 1:
        message = _("“{path}”: the file name must end in {extension}.")
    else:
        message = _("“{path}”: the file name must end in {extension} or {other}.")
    raise UserError(message.format(path=out, extension=extensions[0], other=extensions[-1]))


def _open_session(args: argparse.Namespace) -> Workspace:
    """The workspace, once ``--session`` is known to name a live session (the writers' own
    message, "no longer exists", is for a screen where the session was just there)."""
    workspace = open_from_args(args)
    try:
        workspace.sessions.get(args.session)
    except NotFoundError:
        workspace.close()
        raise UserError(_("No session has the id “{id}”.").format(id=args.session)) from None
    return workspace


def _written(path: Path) -> None:
    print(_("Written to {path}.").format(path=path))


# -- one session's documents --------------------------------------------------------------------


def _session(args: argparse.Namespace) -> int:
    out = _out(args, PDF, XLSX)
    if out.suffix.lower() == XLSX:
        return _workbook(args)
    from trainer_desktop.reports.session_report_pdf import write_session_report

    workspace = _open_session(args)
    try:
        write_session_report(workspace, args.session, out, translator=_translator(args))
    finally:
        workspace.close()
    _written(out)
    return 0


def _workbook(args: argparse.Namespace) -> int:
    out = _out(args, XLSX)
    from trainer_desktop.reports.session_workbook import write_session_workbook

    workspace = _open_session(args)
    try:
        write_session_workbook(workspace, args.session, out, translator=_translator(args))
    finally:
        workspace.close()
    _written(out)
    return 0


def _attendance(args: argparse.Namespace) -> int:
    out = _out(args, PDF)
    from trainer_desktop.reports.attendance_pdf import (
        write_attendance_sheet,
        write_attendance_sheets,
    )

    workspace = _open_session(args)
    try:
        if args.period:
            if args.period not in {p.id for p in workspace.attendance.periods(args.session)}:
                raise UserError(_("The session has no sign-in period with the id “{id}”.")
                                .format(id=args.period))  # fmt: skip
            write_attendance_sheet(workspace, args.session, args.period, out,
                                   translator=_translator(args), signed=args.signed,
                                   walk_in_rows=_walk_in_rows(args))  # fmt: skip
        else:
            write_attendance_sheets(workspace, args.session, out, translator=_translator(args),
                                    signed=args.signed, walk_in_rows=_walk_in_rows(args))  # fmt: skip
    finally:
        workspace.close()
    _written(out)
    return 0


def _walk_in_rows(args: argparse.Namespace) -> int:
    """Empty rows for walk-ins on a sheet to sign on paper; none on a signed record."""
    return 0 if args.signed else 5


def _participants(args: argparse.Namespace) -> int:
    out = _out(args, PDF)
    from trainer_desktop.reports.participant_list_pdf import write_participant_list

    workspace = _open_session(args)
    try:
        write_participant_list(workspace, args.session, out, translator=_translator(args))
    finally:
        workspace.close()
    _written(out)
    return 0


def _certificates(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.separate else _out(args, PDF)
    if args.separate and out.exists() and not out.is_dir():
        raise UserError(_("“{path}” is a file: with --separate, --out names a folder.").format(path=out))
    from trainer_desktop.reports.certificate_pdf import write_certificates

    counted: list[int] = [0]

    def count(_done: int, total: int) -> None:  # told the number of certificates first
        counted[0] = total

    workspace = _open_session(args)
    try:
        write_certificates(workspace, args.session, out, enrolment_ids=args.person,
                           one_file=not args.separate, translator=_translator(args),
                           progress=count)  # fmt: skip
    finally:
        workspace.close()
    n = counted[0]
    print(ngettext("{n} certificate written to {path}.", "{n} certificates written to {path}.",
                   n).format(n=n, path=out))  # fmt: skip
    return 0


# -- across sessions ---------------------------------------------------------------------------


def _summary(args: argparse.Namespace) -> int:
    from trainer_desktop.core.overview import OverviewFilter

    out = _out(args, PDF, XLSX)
    if args.start and args.end and args.start > args.end:
        raise UserError(_("--from ({start}) is after --to ({end}).").format(start=args.start,
                                                                            end=args.end))  # fmt: skip
    wanted = OverviewFilter(start=args.start, end=args.end, region=args.region, town=args.town,
                            organiser=args.organiser, funder=args.funder, theme=args.theme)  # fmt: skip
    workspace = open_from_args(args)
    try:
        if out.suffix.lower() == XLSX:
            from trainer_desktop.reports.overview_workbook import write_overview_workbook

            write_overview_workbook(workspace, wanted, out, translator=_translator(args))
        else:
            from trainer_desktop.reports.overview_pdf import write_overview_pdf

            write_overview_pdf(workspace, wanted, out, translator=_translator(args))
    finally:
        workspace.close()
    _written(out)
    return 0


def _verify(args: argparse.Namespace) -> int:
    from trainer_desktop.core.certificates import verify_certificate

    workspace = open_from_args(args)
    try:
        found = verify_certificate(workspace, args.code)
    finally:
        workspace.close()
    if found is None:
        raise UserError(_("No certificate has the code “{code}”: it was not issued from this "
                          "database, or the enrolment was removed.").format(code=args.code.strip()))  # fmt: skip
    tr = i18n.current()
    session, person = found.session, found.person.participant
    hours = _("{hours} hours").format(hours=tr.format_number(round(found.hours_attended, 1)))
    if found.rate is not None:
        hours = _("{hours} ({rate} of the sign-in periods)").format(
            hours=hours, rate=tr.format_percent(found.rate))  # fmt: skip
    lines = [
        (_("Code"), found.code),
        (_("Person"), person.display_name),
        (_("Session"), session.title),
        (_("Dates"), tr.format_date_range(session.start_date, session.end_date, long=True)),
        (_("Hours attended"), hours),
        (_("Eligible"), _("yes: attended enough for a certificate") if found.eligible
         else _("no: did not attend enough for a certificate")),
    ]  # fmt: skip
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0
