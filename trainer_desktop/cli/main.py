"""Entry point of ``trainer-desktop``.

Exit status: 0 on success, 1 when the input is refused (one clear line on stderr, nothing
changed), 2 for a usage error (argparse's convention). Each feature module registers its own
sub-commands with a ``register(subparsers)`` function.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer_desktop import __version__
from trainer_desktop.bundles import is_bundle_file
from trainer_desktop.core import i18n
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _

from . import (
    app_commands,
    argparse_words,
    backup_commands,
    bundle_commands,
    data_commands,
    form_commands,
    participant_commands,
    quiz_commands,
    report_commands,
    session_commands,
)  # fmt: skip

EXIT_OK, EXIT_REFUSED = 0, 1


def _language_from(argv: Sequence[str]) -> str:
    """The language of messages: ``--lang X`` anywhere on the line, else the environment."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("TRAINER_DESKTOP_LANG") or os.environ.get("LANG", "") or "fr"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer-desktop",
        description=_(
            "Trainer Desktop: training sessions, their programme, attendance, tests and reports, "
            "offline. Without a command, opens the application."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show program's version number and exit"))  # fmt: skip
    parser.add_argument(
        "--lang", choices=[*sorted(i18n.LANGUAGES), i18n.PSEUDO_LANGUAGE],
        help=_("language of the interface and messages")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in (app_commands, session_commands, participant_commands, quiz_commands,
                   form_commands, report_commands, bundle_commands, data_commands,
                   backup_commands):  # fmt: skip
        module.register(commands)
    _accept_language_everywhere(parser)
    return parser


def _accept_language_everywhere(parser: argparse.ArgumentParser) -> None:
    """``--lang`` after a command too (``trainer-desktop gui --lang en``); SUPPRESS keeps a value
    given before the command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                sub.add_argument("--lang", choices=[*sorted(i18n.LANGUAGES), i18n.PSEUDO_LANGUAGE],
                                 default=argparse.SUPPRESS,
                                 help=_("language of the interface and messages"))  # fmt: skip
                _accept_language_everywhere(sub)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_language_from(argv))
    argparse_words.install()
    parser = build_parser()
    if argv and all(is_bundle_file(Path(arg)) for arg in argv):
        argv = ["gui", *argv]  # a double-click on bundles: open the app and import them
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "gui"])
    try:
        return args.run(args) or EXIT_OK
    except UserError as exc:
        print(f"trainer-desktop: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (``| head``): not an error; silence the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
