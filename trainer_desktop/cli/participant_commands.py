"""``participants import`` (the organiser's Excel list) and ``participants list``."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from trainer_desktop.core import participant_import as pi
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.core.participants import PARTICIPANT_FIELDS, SEXES
from trainer_desktop.core.search import fold

from .common import add_db_option, open_from_args

IGNORE = "ignore"


def register(commands: argparse._SubParsersAction) -> None:
    participants = commands.add_parser("participants", help=_("participants and enrolments"))
    sub = participants.add_subparsers(dest="participants_command", metavar=_("COMMAND"),
                                      required=True)  # fmt: skip

    importing = sub.add_parser(
        "import",
        help=_("import the list of invited participants from an Excel file (.xlsx)"),
        description=_(
            "Reads the first sheet (or --sheet), guesses which column holds what from the "
            "headers, registers the new people and enrols everyone in the session, all or "
            "nothing. Refused if a row is invalid, unless --skip-invalid."
        ),
    )
    add_db_option(importing)
    importing.add_argument("file", metavar=_("FILE.xlsx"), help=_("the Excel workbook"))
    importing.add_argument("--session", metavar=_("ID"),
                           help=_("the session to enrol them in (without it: only register them)"))  # fmt: skip
    importing.add_argument(
        "--map", action="append", default=[], metavar=_("COLUMN=FIELD"),
        help=_("read a column (letter, number from 1, or header) as a field, overriding the "
               "guess; FIELD is one of {fields}, or {ignore}").format(
            fields=", ".join(pi.IMPORT_FIELDS), ignore=IGNORE),
    )  # fmt: skip
    importing.add_argument("--sheet", metavar=_("NAME"), help=_("the sheet to read"))
    importing.add_argument("--skip-invalid", action="store_true",
                           help=_("import the valid rows and leave out the invalid ones"))  # fmt: skip
    importing.add_argument("--dry-run", action="store_true",
                           help=_("show the preview only, change nothing"))  # fmt: skip
    importing.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    importing.set_defaults(run=_import)

    listing = sub.add_parser("list", help=_("list the registered participants"))
    add_db_option(listing)
    listing.add_argument("--session", metavar=_("ID"), help=_("only the people enrolled in it"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    listing.set_defaults(run=_list)


def parse_map(items: list[str], headers: list[str]) -> pi.Mapping:
    """``["G=phone", "Nom complet=full_name", "3=ignore"]`` → column index → field."""
    mapping: pi.Mapping = {}
    for item in items:
        column, sep, name = item.rpartition("=")
        column, name = column.strip(), name.strip()
        if not sep or not column:
            raise UserError(_("--map expects COLUMN=FIELD, not “{item}”.").format(item=item))
        if name != IGNORE and name not in pi.IMPORT_FIELDS:
            raise UserError(_("--map: unknown field “{field}” (one of {fields}, or {ignore}).")
                            .format(field=name, fields=", ".join(pi.IMPORT_FIELDS),
                                    ignore=IGNORE))  # fmt: skip
        folded = [fold(h) for h in headers]
        if fold(column) in folded:
            index = folded.index(fold(column))
        elif column.isdigit():
            index = int(column) - 1
        elif re.fullmatch(r"[A-Za-z]{1,3}", column):
            index = 0
            for letter in column.upper():
                index = index * 26 + ord(letter) - 64
            index -= 1
        else:
            raise UserError(_("--map: the sheet has no column “{column}”.").format(column=column))
        mapping[index] = None if name == IGNORE else name
    return mapping


def _preview_json(preview: pi.ImportPreview) -> dict[str, Any]:
    sheet = preview.sheet
    return {
        "sheet": sheet.sheet,
        "header_row": sheet.header_row,
        "columns": [{"column": pi.column_letter(i), "header": h, "field": preview.mapping.get(i)}
                    for i, h in enumerate(sheet.headers)],
        "counts": preview.counts,
        "notes": [*sheet.notes, *preview.notes],
        "rows": [{"row": r.row_number, "status": r.status, "name": r.display_name,
                  "match_id": r.match_id, "same_as_row": r.same_as_row, "reasons": r.reasons}
                 for r in preview.rows],
    }


def _print_preview(preview: pi.ImportPreview) -> None:
    sheet = preview.sheet
    print(_("Sheet “{sheet}”, headers on row {row}.").format(sheet=sheet.sheet, row=sheet.header_row))
    for index, header in enumerate(sheet.headers):
        name = preview.mapping.get(index)
        label = _(pi.IMPORT_FIELD_LABELS[name]) if name else _("(ignored)")
        print(f"  {pi.column_name(sheet, index)} → {label}")
    for note in (*sheet.notes, *preview.notes):
        print(note)
    for row in preview.rows:
        if row.status == pi.INVALID:
            for reason in row.reasons:
                print(f"  ✗ {reason}")
        elif row.status == pi.MATCH:
            print("  = " + _("Row {row}: {name}. {detail}").format(
                row=row.row_number, name=row.display_name, detail=row.detail))  # fmt: skip
    print(preview.summary())


def _import(args: argparse.Namespace) -> int:
    workspace = open_from_args(args)
    try:
        sheet = pi.read_sheet(args.file, args.sheet)
        mapping = pi.guess_mapping(sheet.headers)
        for index, name in parse_map(args.map, sheet.headers).items():
            if not 0 <= index < len(sheet.headers):
                raise UserError(_("--map: the sheet has no column {column}.").format(
                    column=pi.column_letter(index)))  # fmt: skip
            mapping[index] = name
        preview = pi.build_preview(sheet, mapping, pi.Registry.load(workspace))
        report = _preview_json(preview)
        result, error = None, None
        if not args.dry_run:
            try:
                result = pi.apply(workspace, preview, args.session, skip_invalid=args.skip_invalid)
            except UserError as exc:
                error = exc
    finally:
        workspace.close()
    if args.json:
        report["imported"] = None if result is None else {
            "registered": result.registered, "enrolled": result.enrolled,
            "already_enrolled": result.already_enrolled, "skipped_invalid": result.skipped,
        }  # fmt: skip
        report["error"] = None if error is None else error.message
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_preview(preview)
        if result is not None:
            print(ngettext("{n} person registered", "{n} people registered", result.registered)
                  .format(n=result.registered)
                  + ", " + ngettext("{n} enrolled in the session", "{n} enrolled in the session",
                                    result.enrolled).format(n=result.enrolled)
                  + (", " + ngettext("{n} invalid row left out", "{n} invalid rows left out",
                                     result.skipped).format(n=result.skipped)
                     if result.skipped else "") + ".")  # fmt: skip
    if error is not None:
        raise error
    return 0


def _list(args: argparse.Namespace) -> int:
    workspace = open_from_args(args)
    try:
        if args.session:
            workspace.sessions.get(args.session)  # refuses an unknown session
            people = [(e.enrolment.role, e.participant) for e in
                      workspace.participants.enrolled(args.session)]  # fmt: skip
        else:
            people = [(None, p) for p in workspace.participants.search("", limit=10**9)]
    finally:
        workspace.close()
    if args.json:
        rows = [{"id": p.id, **{f: getattr(p, f) for f in PARTICIPANT_FIELDS},
                 **({"role": role} if role else {})} for role, p in people]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for _role, p in people:
        sex = _(SEXES.get(p.sex, SEXES["unstated"]))
        extra = "  ".join(x for x in (p.institution, p.function, p.phone) if x)
        print(f"{p.id}  {p.display_name}  ({sex})" + (f"  {extra}" if extra else ""))
    n = len(people)
    print(ngettext("{n} person", "{n} people", n).format(n=n))
    return 0
