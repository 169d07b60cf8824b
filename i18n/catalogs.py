#!/usr/bin/env python3
"""Translation catalogs: extract, update, compile, check (Babel's own commands, driven from here).

    python i18n/catalogs.py update    extract messages from the code into i18n/trainer_desktop.pot
                                      and merge them into every language's .po
    python i18n/catalogs.py compile   compile every .po into trainer_desktop/locale/<lang>/.../.mo
    python i18n/catalogs.py check     list untranslated or fuzzy messages; exit 1 if any

Message ids are English. French (the default interface) and English catalogs are kept complete;
a test enforces it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOMAIN = "trainer_desktop"
POT = HERE / f"{DOMAIN}.pot"
COMPILED = ROOT / "trainer_desktop" / "locale"
KEYWORDS = ["_", "N_", "gettext", "ngettext:1,2", "pgettext:1c,2"]


#: Languages with a catalog. Message ids are English, so the English catalog is filled from them.
LANGUAGES = ["ar", "en", "fr"]
SOURCE_LANGUAGE = "en"


def languages() -> list[str]:
    return list(LANGUAGES)


def po_path(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(target: Path = POT) -> None:
    """Extract the messages of the code into the template ``target`` (a test extracts elsewhere)."""
    previous = os.getcwd()
    os.chdir(ROOT)  # so the catalogs name source files relative to the project
    try:
        keyword_args = [f"--keyword={k}" for k in KEYWORDS]
        pybabel("extract", "--no-default-keywords", *keyword_args, "-F", str(HERE / "babel.cfg"),
                "--sort-by-file", "--no-wrap", "--project=Trainer Desktop",
                "--copyright-holder=Trainer Desktop contributors",
                "-o", str(target), "trainer_desktop")  # fmt: skip
    finally:
        os.chdir(previous)


def update() -> None:
    extract(POT)
    for lang in languages():
        if not po_path(lang).exists():
            pybabel("init", "--no-wrap", "-D", DOMAIN, "-i", str(POT), "-d", str(HERE), "-l", lang)
        pybabel("update", "--no-wrap", "--ignore-obsolete", "-D", DOMAIN, "-i", str(POT),
                "-d", str(HERE), "-l", lang)  # fmt: skip
    fill_source_language()


def fill_source_language() -> None:
    """The English catalog translates each message id to itself (ids are English)."""
    from babel.messages.pofile import write_po

    path = po_path(SOURCE_LANGUAGE)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=SOURCE_LANGUAGE)
    for message in catalog:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, sort_by_file=True)


def compile_all() -> None:
    for lang in languages():
        target = COMPILED / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        pybabel("compile", "--statistics", "-D", DOMAIN,
                "-i", str(po_path(lang)),
                "-o", str(target / f"{DOMAIN}.mo"), "-l", lang)  # fmt: skip


def untranslated(lang: str) -> list[str]:
    with po_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        bad = {lang: untranslated(lang) for lang in languages()}
        for lang, ids in bad.items():
            for message_id in ids:
                print(f"{lang}: untranslated: {message_id!r}")
        return 1 if any(bad.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
