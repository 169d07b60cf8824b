"""``backup list|create|restore``: the copies of the database kept in ``backups/`` beside it."""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer_desktop.core import backups
from trainer_desktop.core.database import default_database_path
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, current

from .common import add_db_option


def register(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help=_("copies of the database, and restoring one"))
    sub = backup.add_subparsers(dest="backup_command", metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", help=_("list the copies, newest first"))
    add_db_option(listing, required=False)
    listing.set_defaults(run=_list)
    create = sub.add_parser("create", help=_("take a copy now"))
    add_db_option(create, required=False)
    create.set_defaults(run=_create)
    restore = sub.add_parser(
        "restore",
        help=_("put a copy in place of the database"),
        description=_(
            "The copy is checked first; the database as it is now is kept as a copy "
            "(\"Before a restore\"), so a restore can itself be undone. Close the application "
            "first."
        ),
    )
    add_db_option(restore, required=False)
    restore.add_argument("copy", metavar=_("FILE"),
                         help=_("the copy to restore: a file listed by `backup list`"))  # fmt: skip
    restore.set_defaults(run=_restore)


def _database(args: argparse.Namespace) -> Path:
    path = Path(args.db).expanduser() if args.db else default_database_path()
    if not path.is_file():
        raise UserError(_("There is no database at {path}.").format(path=path))
    return path


def _list(args: argparse.Namespace) -> int:
    path = _database(args)
    found = backups.list_backups(path)
    if not found:
        print(_("No copy of {path} yet.").format(path=path))
        return 0
    tr = current()
    for backup in found:
        print(f"{tr.format_datetime(backup.taken, 'short')}\t{backup.label}\t"
              f"{backup.size // 1024} KB\t{backup.path}")  # fmt: skip
    return 0


def _create(args: argparse.Namespace) -> int:
    copy = backups.take_backup(_database(args), "manual")
    print(_("Copy written to {path}.").format(path=copy))
    return 0


def _restore(args: argparse.Namespace) -> int:
    path = _database(args)
    copy = Path(args.copy)
    if not copy.is_file():
        raise UserError(_("There is no file {path}.").format(path=copy))
    before = backups.restore_backup(path, copy)
    print(_("{copy} restored into {path}. The database as it was is kept in {before}.").format(
        copy=copy.name, path=path, before=before))  # fmt: skip
    return 0
