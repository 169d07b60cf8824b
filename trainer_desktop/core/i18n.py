"""Translation and locale formatting, shared by the core, the command line, documents and the GUI.

Strings are marked with ``_()`` (translated now), ``N_()`` (marked for extraction, translated
when shown) and ``ngettext()``. Catalogs are gettext ``.po`` files under ``i18n/`` at the top of
the source tree, extracted with Babel (``python3 dev.py i18n``); compiled ``.mo`` files live in
``trainer_desktop/locale`` (built by the install step). A source checkout without compiled
catalogs still works: the ``.po`` is compiled in memory with Babel.

A :class:`Translator` carries a language and a Babel locale, so a document can be produced in a
language other than the interface's (a trainer working in French printing an English programme).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DOMAIN = "trainer_desktop"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
COMPILED_DIR = PACKAGE_DIR / "locale"
SOURCE_DIR = PACKAGE_DIR.parent / "i18n"

#: Interface languages and the Babel locale used for dates and numbers in each.
LANGUAGES: dict[str, str] = {"fr": "fr_ML", "en": "en"}
DEFAULT_LANGUAGE = "fr"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated where it is shown)."""
    return message


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    mo = COMPILED_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    po = SOURCE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.is_file():
        # Source checkout without compiled catalogs: compile in memory.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def normalise_language(language: str | None) -> str:
    """Return a supported language code for ``language`` (``fr_ML`` -> ``fr``), or the default."""
    if not language:
        return DEFAULT_LANGUAGE
    code = language.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """Messages and locale formatting for one language."""

    language: str = DEFAULT_LANGUAGE
    locale: str = field(default="")

    def __post_init__(self) -> None:
        language = normalise_language(self.language)
        object.__setattr__(self, "language", language)
        if not self.locale:
            object.__setattr__(self, "locale", LANGUAGES[language])

    def gettext(self, message: str) -> str:
        return _catalog(self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _catalog(self.language).ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return _catalog(self.language).pgettext(context, message)

    # Babel is imported lazily: it costs start-up time and is not needed to show a window.
    def format_date(self, value: dt.date | None, format: str = "medium") -> str:
        if value is None:
            return ""
        from babel.dates import format_date

        return format_date(value, format=format, locale=self.locale)

    def format_time(self, value: dt.time | None, format: str = "short") -> str:
        if value is None:
            return ""
        from babel.dates import format_time

        return format_time(value, format=format, locale=self.locale)

    def format_datetime(self, value: dt.datetime | None, format: str = "medium") -> str:
        if value is None:
            return ""
        from babel.dates import format_datetime

        return format_datetime(value, format=format, locale=self.locale)

    def format_date_range(self, start: dt.date, end: dt.date, long: bool = False) -> str:
        """"8–10 nov. 2022", or with ``long`` (for paper) "8 novembre 2022 – 10 novembre 2022"
        (CLDR has no long-month interval pattern for these locales)."""
        if start == end:
            return self.format_date(start, "long" if long else "medium")
        if long:
            return f"{self.format_date(start, 'long')} – {self.format_date(end, 'long')}"
        from babel.dates import format_interval

        return format_interval(start, end, skeleton="yMMMd", locale=self.locale)

    def format_number(self, value: float | int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def format_percent(self, value: float, digits: int = 0) -> str:
        from babel import Locale
        from babel.numbers import format_percent

        # The locale's own pattern ("72 %" in French, "72%" in English), with ``digits`` decimals.
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        if digits:
            pattern = re.sub(r"0(?=[^0#]*%)", "0." + "0" * digits, pattern, count=1)
        return format_percent(value, format=pattern, locale=self.locale)

    def day_name(self, value: dt.date) -> str:
        from babel.dates import format_date

        return format_date(value, format="EEEE", locale=self.locale)


_current = Translator(DEFAULT_LANGUAGE)


def set_language(language: str) -> Translator:
    """Make ``language`` the interface language; returns its translator."""
    global _current
    _current = Translator(language)
    return _current


def current() -> Translator:
    """The interface translator."""
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)
