"""``forms import`` (an XLSForm workbook, as KoboToolbox and ODK make them), ``forms export``,
``forms list`` and ``forms print`` (copies to fill in on paper): the evaluation forms of the
library."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.sessions import SESSION_LANGUAGES

from .common import add_db_option, open_from_args


def register(commands: argparse._SubParsersAction) -> None:
    forms = commands.add_parser("forms", help=_("evaluation forms (XLSForm workbooks)"))
    sub = forms.add_subparsers(dest="forms_command", metavar=_("COMMAND"), required=True)

    importing = sub.add_parser(
        "import",
        help=_("add an evaluation form to the library from an XLSForm workbook (.xlsx)"),
        description=_(
            "Reads the workbook's survey, choices and settings sheets, all or nothing: a workbook "
            "with a problem is refused with every problem, its sheet and row, and no form is added."
        ),
    )
    add_db_option(importing)
    importing.add_argument("file", metavar=_("FILE.xlsx"), help=_("the XLSForm workbook"))
    importing.add_argument("--title", metavar=_("TITLE"),
                           help=_("the form's title (default: the workbook's form_title, else "
                                  "the file's name)"))  # fmt: skip
    importing.add_argument("--language", default="fr", metavar=_("CODE"),
                           help=_("the language of plain label columns when the workbook names "
                                  "no default_language (default: fr)"))  # fmt: skip
    importing.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    importing.set_defaults(run=_import)

    export = sub.add_parser("export", help=_("write an evaluation form as an XLSForm workbook"))
    add_db_option(export)
    export.add_argument("--form", required=True, metavar=_("ID"), help=_("the form to export"))
    export.add_argument("--out", required=True, metavar=_("FILE.xlsx"),
                        help=_("the workbook to write (replaced if it exists)"))  # fmt: skip
    export.set_defaults(run=_export)

    listing = sub.add_parser("list", help=_("list the evaluation forms of the library"))
    add_db_option(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    listing.set_defaults(run=_list)

    printing = sub.add_parser(
        "print",
        help=_("write an evaluation form as a PDF to fill in on paper"),
        description=_(
            "The form's items numbered as the entry screen numbers them, with boxes to tick and "
            "lines to write on; with --session, the session's title, dates and venue at the top."
        ),
    )
    add_db_option(printing)
    printing.add_argument("--form", required=True, metavar=_("ID"), help=_("the form to print"))
    printing.add_argument("--session", metavar=_("ID"),
                          help=_("the session named at the top (default: none, a blank form)"))  # fmt: skip
    printing.add_argument("--copies", type=int, default=1, metavar=_("N"),
                          help=_("the number of copies, each on new pages (default: 1)"))  # fmt: skip
    printing.add_argument("--language", choices=sorted(SESSION_LANGUAGES),
                          help=_("the language of the labels (default: the form's)"))  # fmt: skip
    printing.add_argument("--out", required=True, metavar=_("FILE.pdf"),
                          help=_("the PDF to write (replaced if it exists)"))  # fmt: skip
    printing.set_defaults(run=_print)


def _import(args: argparse.Namespace) -> int:
    from trainer_desktop.core.xlsform import read_xlsform

    path = Path(args.file)
    form = read_xlsform(path, language=args.language)  # refused before the database is opened
    title = args.title if args.title is not None else form.title
    workspace = open_from_args(args)
    try:
        created = workspace.evaluations.create(title, form.language, form.items, anonymous=form.anonymous,
                                               form_key=form.form_key, version_label=form.version_label)  # fmt: skip
    finally:
        workspace.close()
    count = len(form.items)
    if args.json:
        print(json.dumps({"id": created.id, "title": created.title, "language": created.language,
                          "items": count, "anonymous": created.anonymous, "form_key": created.form_key,
                          "version": created.version_label}, ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print(created.id)
    print(ngettext("“{title}”: {count} item imported.", "“{title}”: {count} items imported.", count)
          .format(title=created.title, count=count))  # fmt: skip
    return 0


def _export(args: argparse.Namespace) -> int:
    from trainer_desktop.core.xlsform import write_xlsform

    workspace = open_from_args(args)
    try:
        form = workspace.evaluations.get(args.form)
        count = len(form.content.items)
        out = Path(args.out)
        write_xlsform(form, out)
    finally:
        workspace.close()
    print(ngettext("{count} item written to {path}.", "{count} items written to {path}.", count)
          .format(count=count, path=out))  # fmt: skip
    return 0


def _list(args: argparse.Namespace) -> int:
    workspace = open_from_args(args)
    try:
        rows = []
        for form in workspace.evaluations.list_forms():
            rows.append({"id": form.id, "title": form.title, "language": form.language,
                         "items": len(form.content.items), "anonymous": form.anonymous,
                         "form_key": form.form_key, "version": form.version_label,
                         "responses": workspace.evaluations.response_count(form.id)})  # fmt: skip
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No evaluation forms."))
        return 0
    for row in rows:
        items = ngettext("{count} item", "{count} items", row["items"]).format(count=row["items"])
        responses = ngettext("{count} response", "{count} responses", row["responses"]).format(
            count=row["responses"])  # fmt: skip
        kind = _("anonymous") if row["anonymous"] else _("named")
        print(f"{row['id']}  {row['title']}  ({row['language']}, {kind}, {items}, {responses})")
    n = len(rows)
    print(ngettext("{n} form", "{n} forms", n).format(n=n))
    return 0


def _print(args: argparse.Namespace) -> int:
    from trainer_desktop.reports.form_pdf import write_form_pdf

    out = Path(args.out)
    workspace = open_from_args(args)
    try:
        write_form_pdf(workspace, args.form, out, session_id=args.session, copies=args.copies,
                       language=args.language)  # fmt: skip
    finally:
        workspace.close()
    print(ngettext("{count} copy written to {path}.", "{count} copies written to {path}.",
                   args.copies).format(count=args.copies, path=out))  # fmt: skip
    return 0
