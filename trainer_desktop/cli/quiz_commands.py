"""``quizzes import`` (a Moodle GIFT file), ``quizzes export``, ``quizzes list`` and
``quizzes print`` (a session's test or its answer key as PDF)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trainer_desktop.core import i18n
from trainer_desktop.core.files import atomic_file
from trainer_desktop.core.i18n import Translator, _, ngettext
from trainer_desktop.core.quizzes import PHASES
from trainer_desktop.core.sessions import SESSION_LANGUAGES

from .common import add_db_option, open_from_args


def register(commands: argparse._SubParsersAction) -> None:
    quizzes = commands.add_parser("quizzes", help=_("pre-test and post-test quizzes"))
    sub = quizzes.add_subparsers(dest="quizzes_command", metavar=_("COMMAND"), required=True)

    importing = sub.add_parser(
        "import",
        help=_("add a quiz to the library from a Moodle GIFT file"),
        description=_(
            "Reads every question of the file, all or nothing: a file with a problem is refused "
            "with the line it is on, and no quiz is added."
        ),
    )
    add_db_option(importing)
    importing.add_argument("file", metavar=_("FILE.gift"), help=_("the GIFT file (UTF-8 text)"))
    importing.add_argument("--title", metavar=_("TITLE"),
                           help=_("the quiz's title (default: the file's name)"))  # fmt: skip
    importing.add_argument("--language", default="fr", choices=sorted(SESSION_LANGUAGES),
                           help=_("the language of the questions (default: fr)"))  # fmt: skip
    importing.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    importing.set_defaults(run=_import)

    export = sub.add_parser("export", help=_("write a quiz's questions to a Moodle GIFT file"))
    add_db_option(export)
    export.add_argument("--quiz", required=True, metavar=_("ID"), help=_("the quiz to export"))
    export.add_argument("--out", required=True, metavar=_("FILE.gift"),
                        help=_("the GIFT file to write (replaced if it exists)"))  # fmt: skip
    export.set_defaults(run=_export)

    listing = sub.add_parser("list", help=_("list the quizzes of the library"))
    add_db_option(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    listing.set_defaults(run=_list)

    printing = sub.add_parser(
        "print",
        help=_("write a session's pre-test or post-test as a PDF to answer on paper"),
        description=_(
            "One blank copy with a line for the name, or with --named one copy per participant "
            "with their name printed; with --answer-key, the trainer's answer key instead."
        ),
    )
    add_db_option(printing)
    printing.add_argument("--session", required=True, metavar=_("ID"), help=_("the session"))
    printing.add_argument("--phase", required=True, choices=sorted(PHASES),
                          help=_("pre: the pre-test; post: the post-test"))  # fmt: skip
    printing.add_argument("--out", required=True, metavar=_("FILE.pdf"),
                          help=_("the PDF to write (replaced if it exists)"))  # fmt: skip
    kind = printing.add_mutually_exclusive_group()
    kind.add_argument("--named", action="store_true",
                      help=_("one copy per participant, their name printed on it"))  # fmt: skip
    kind.add_argument("--answer-key", action="store_true",
                      help=_("the answer key for the trainer"))  # fmt: skip
    printing.add_argument("--language", choices=sorted(i18n.LANGUAGES),
                          help=_("the language of the document (default: the quiz's)"))  # fmt: skip
    printing.set_defaults(run=_print)


def _import(args: argparse.Namespace) -> int:
    from trainer_desktop.core.gift import read_gift_file

    path = Path(args.file)
    bank = read_gift_file(path)  # refused before the database is even opened
    title = args.title if args.title is not None else path.stem
    workspace = open_from_args(args)
    try:
        quiz = workspace.quizzes.create(title, args.language, "", bank.questions)
    finally:
        workspace.close()
    count = len(bank.questions)
    if args.json:
        print(json.dumps({"id": quiz.id, "title": quiz.title, "language": quiz.language,
                          "questions": count, "categories": bank.categories},
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print(quiz.id)
    print(ngettext("“{title}”: {count} question imported.",
                   "“{title}”: {count} questions imported.", count)
          .format(title=quiz.title, count=count))  # fmt: skip
    return 0


def _export(args: argparse.Namespace) -> int:
    from trainer_desktop.core.gift import write_gift

    workspace = open_from_args(args)
    try:
        quiz = workspace.quizzes.get(args.quiz)
        questions = quiz.content.questions
    finally:
        workspace.close()
    text = write_gift(questions, title=quiz.title)
    out = Path(args.out)
    with atomic_file(out) as fh:
        fh.write(text.encode("utf-8"))
    count = len(questions)
    print(ngettext("{count} question written to {path}.", "{count} questions written to {path}.",
                   count).format(count=count, path=out))  # fmt: skip
    return 0


def _list(args: argparse.Namespace) -> int:
    workspace = open_from_args(args)
    try:
        rows = []
        for quiz in workspace.quizzes.list_quizzes():
            content = quiz.content
            rows.append({"id": quiz.id, "title": quiz.title, "language": quiz.language,
                         "questions": len(content.questions), "points": content.max_score,
                         "attempts": workspace.quizzes.attempt_count(quiz.id)})  # fmt: skip
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No quizzes."))
        return 0
    for row in rows:
        questions = ngettext("{count} question", "{count} questions", row["questions"]).format(
            count=row["questions"])  # fmt: skip
        attempts = ngettext("{count} attempt", "{count} attempts", row["attempts"]).format(
            count=row["attempts"])  # fmt: skip
        print(f"{row['id']}  {row['title']}  ({row['language']}, {questions}, {attempts})")
    n = len(rows)
    print(ngettext("{n} quiz", "{n} quizzes", n).format(n=n))
    return 0


def _print(args: argparse.Namespace) -> int:
    from trainer_desktop.reports.quiz_pdf import write_answer_key_pdf, write_quiz_pdf

    translator = Translator(args.language) if args.language else None
    out = Path(args.out)
    workspace = open_from_args(args)
    try:
        if args.answer_key:
            write_answer_key_pdf(workspace, args.session, args.phase, out, translator)
        else:
            write_quiz_pdf(workspace, args.session, args.phase, out, named=args.named,
                           translator=translator)  # fmt: skip
    finally:
        workspace.close()
    print(_("Written to {path}.").format(path=out))
    return 0
