"""``data export-json``."""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, ngettext

from .common import add_db_option, open_from_args


def register(commands: argparse._SubParsersAction) -> None:
    data = commands.add_parser("data", help=_("the database's records"))
    sub = data.add_subparsers(dest="data_command", metavar=_("COMMAND"), required=True)
    export = sub.add_parser(
        "export-json",
        help=_("write every synchronised record (live and deleted) as one JSON document"),
        description=_(
            "Records sorted by table then id, keys sorted, local settings left out: two "
            "databases holding the same data give byte-identical files."
        ),
    )
    add_db_option(export)
    export.add_argument("--out", required=True, metavar=_("FILE"), help=_("the JSON file to write"))
    export.set_defaults(run=_export_json)


def _export_json(args: argparse.Namespace) -> int:
    from trainer_desktop.core.export_json import export_json

    out = Path(args.out)
    if out.is_dir():
        raise UserError(_("{path} is a folder; name a file with --out.").format(path=out))
    workspace = open_from_args(args)
    try:
        try:
            count = export_json(workspace.db, out)
        except OSError as exc:
            raise UserError(
                _("Cannot write {path}: {error}").format(path=out, error=exc.strerror or exc)
            ) from exc
    finally:
        workspace.close()
    print(ngettext("{n} record written to {path}.", "{n} records written to {path}.", count).format(
        n=count, path=out))  # fmt: skip
    return 0
