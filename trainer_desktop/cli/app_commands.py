"""``gui`` and ``demo``."""

from __future__ import annotations

import argparse

from trainer_desktop.core.i18n import _, ngettext

from .common import add_db_option, open_from_args


def register(commands: argparse._SubParsersAction) -> None:
    gui = commands.add_parser("gui", help=_("open the application (the default)"))
    add_db_option(gui, required=False)
    gui.add_argument("bundles", nargs="*", metavar=_("BUNDLE"),
                     help=_("bundles to import once the window shows (what a double-click on a "
                            ".tdbundle file does)"))  # fmt: skip
    gui.set_defaults(run=_gui)

    demo = commands.add_parser(
        "demo",
        help=_("fill a database with demo training sessions"),
        description=_(
            "Adds realistic demo sessions (the OPJ training in Sévaré, workshops in Rabat...). "
            "The same seed gives the same data; running it again adds nothing."
        ),
    )
    add_db_option(demo)
    demo.add_argument("--seed", type=int, default=0, help=_("seed of the generated sessions"))
    demo.set_defaults(run=_demo)


def _gui(args: argparse.Namespace) -> int:
    from trainer_desktop.ui.app import run_gui  # Qt is loaded only for the GUI

    return run_gui(args.db, args.lang, args.bundles)


def _demo(args: argparse.Namespace) -> int:
    from trainer_desktop.core.demo import load_demo

    workspace = open_from_args(args)
    try:
        result = load_demo(workspace, seed=args.seed)
    finally:
        workspace.close()
    print(
        ngettext(
            "{n} demo session added", "{n} demo sessions added", result.sessions_created
        ).format(n=result.sessions_created)
        + ", "
        + ngettext(
            "{n} already there", "{n} already there", result.sessions_existing
        ).format(n=result.sessions_existing)
        + "."
    )
    r = result
    added = [
        ngettext("{n} participant", "{n} participants", r.participants_created).format(n=r.participants_created),
        ngettext("{n} enrolment", "{n} enrolments", r.enrolments_created).format(n=r.enrolments_created),
        ngettext("{n} attendance mark", "{n} attendance marks", r.marks_created).format(n=r.marks_created),
        ngettext("{n} signature", "{n} signatures", r.signatures_created).format(n=r.signatures_created),
        ngettext("{n} quiz", "{n} quizzes", r.quizzes_created).format(n=r.quizzes_created),
        ngettext("{n} test attempt", "{n} test attempts", r.attempts_created).format(n=r.attempts_created),
    ]  # fmt: skip
    if any((r.participants_created, r.enrolments_created, r.marks_created, r.signatures_created,
            r.quizzes_created, r.attempts_created)):
        print(_("Added: {items}.").format(items=", ".join(added)))  # run again: nothing new
    return 0
