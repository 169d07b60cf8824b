"""Options shared by sub-commands."""

from __future__ import annotations

import argparse
import os

from trainer_desktop.core import i18n
from trainer_desktop.core.database import ENV_VAR
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.workspace import Workspace, open_workspace


def add_db_option(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """``--db PATH``; required unless ``$TRAINER_DESKTOP_DB`` names the database."""
    parser.add_argument(
        "--db",
        metavar=_("PATH"),
        help=_("the database file (created if it does not exist; default: ${var})").format(
            var=ENV_VAR
        )
        if required
        else _("the database file (default: ${var}, or the one in your data folder)").format(
            var=ENV_VAR
        ),
    )
    parser.set_defaults(db_required=required)


def open_from_args(args: argparse.Namespace) -> Workspace:
    path = args.db or os.environ.get(ENV_VAR)
    if not path and args.db_required:
        raise UserError(_("Name the database with --db PATH."))
    workspace = open_workspace(path)
    # Dates, numbers and amounts in the formats of the laptop's country (messages keep --lang).
    i18n.set_language(i18n.current().language, workspace.settings.formats)
    return workspace
