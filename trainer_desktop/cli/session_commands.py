"""``sessions list``."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from trainer_desktop.core.i18n import _, current, ngettext

from .common import add_db_option, open_from_args


def register(commands: argparse._SubParsersAction) -> None:
    sessions = commands.add_parser("sessions", help=_("training sessions"))
    sub = sessions.add_subparsers(dest="sessions_command", metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", help=_("list the training sessions"))
    add_db_option(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    listing.add_argument("--search", default="", help=_("only sessions matching these words"))
    listing.set_defaults(run=_list)


def _list(args: argparse.Namespace) -> int:
    workspace = open_from_args(args)
    try:
        summaries = workspace.sessions.list(args.search)
    finally:
        workspace.close()
    if args.json:
        rows = [
            {**asdict(s), "start_date": s.start_date.isoformat(), "end_date": s.end_date.isoformat()}
            for s in summaries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not summaries:
        print(_("No training sessions."))
        return 0
    tr = current()
    for s in summaries:
        place = ", ".join(p for p in (s.town, s.region) if p)
        dates = f"{s.start_date.isoformat()} → {s.end_date.isoformat()}"
        print(f"{s.id}  {dates}  {s.title}" + (f"  ({place})" if place else ""))
    n = len(summaries)
    print(ngettext("{n} session", "{n} sessions", n).format(n=tr.format_number(n)))
    return 0
