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

def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated where it is shown)."""
    return message


#: Interface languages and the Babel locale used for dates and numbers in each (in the default
#: country of formats; see :func:`locale_for`).
LANGUAGES: dict[str, str] = {"fr": "fr_ML", "en": "en", "ar": "ar_MA"}
DEFAULT_LANGUAGE = "fr"
RIGHT_TO_LEFT = frozenset({"ar"})
#: A language for developers, never offered to users: every message accented, a third longer and
#: in brackets, to find labels cut off and text left untranslated (``--lang qps``).
PSEUDO_LANGUAGE = "qps"

#: Countries whose formats (numbers, dates, the currency of amounts) a laptop can use, a local
#: setting: the app works in Mali and in Morocco.
COUNTRIES: dict[str, str] = {"ML": N_("Mali"), "MA": N_("Morocco")}
DEFAULT_COUNTRY = "ML"
CURRENCIES = {"ML": "XOF", "MA": "MAD"}
#: The Babel locale of each language in each country: CLDR has French for both, Arabic for
#: Morocco (Western digits) and one English.
_LOCALES = {
    ("fr", "ML"): "fr_ML", ("fr", "MA"): "fr_MA",
    ("ar", "ML"): "ar_MA", ("ar", "MA"): "ar_MA",
    ("en", "ML"): "en", ("en", "MA"): "en",
}  # fmt: skip


_PSEUDO_LETTERS = str.maketrans(
    "AaBCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåƁÇçĐđÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŘřŠšŢţÛûŴŵÝýŽž",
)
#: What pseudo-translation keeps as it is: format fields, % specifications, markup, entities.
_PSEUDO_KEEP = re.compile(
    r"\{[^{}]*\}|%(?:\([^)]*\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|<[^>]*>|&\w+;|&(?=\w)"
)


def pseudo_translate(message: str) -> str:
    """``message`` accented and about 40 % longer (at least three characters more), with its
    placeholders, markup and accelerator intact, between brackets."""
    if not message.strip():
        return message
    parts, last = [], 0
    for match in _PSEUDO_KEEP.finditer(message):
        parts.append(message[last : match.start()].translate(_PSEUDO_LETTERS))
        parts.append(match.group())
        last = match.end()
    parts.append(message[last:].translate(_PSEUDO_LETTERS))
    text = "".join(parts)
    padding = "~" * max(3, len(message) * 2 // 5)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    if text[lead:].startswith("<"):  # rich text must start with its tag to be seen as such
        return f"{text[:trail]} {padding}{text[trail:]}"
    return f"{text[:lead]}[{text[lead:trail]} {padding}]{text[trail:]}"


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo_translate(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo_translate(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_translate(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.ngettext(singular, plural, n)


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == PSEUDO_LANGUAGE:
        return _PseudoTranslations()
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


def normalise_country(country: str | None) -> str:
    """A supported country of formats for ``country`` (``ma`` -> ``MA``), or the default."""
    code = (country or "").strip().upper()
    return code if code in COUNTRIES else DEFAULT_COUNTRY


def locale_for(language: str, country: str | None = None) -> str:
    """The Babel locale for ``language`` with the formats of ``country`` (default: the current
    country, see :func:`set_country`)."""
    language = normalise_language(language)
    if language == PSEUDO_LANGUAGE:
        return "en"
    return _LOCALES[(language, normalise_country(country or _country))]


def normalise_language(language: str | None) -> str:
    """Return a supported language code for ``language`` (``fr_ML`` -> ``fr``), or the default."""
    if not language:
        return DEFAULT_LANGUAGE
    code = language.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES or code == PSEUDO_LANGUAGE else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """Messages and locale formatting for one language."""

    language: str = DEFAULT_LANGUAGE
    locale: str = field(default="")
    #: The country of formats (the currency of amounts); default: the current one.
    country: str = field(default="")

    def __post_init__(self) -> None:
        language = normalise_language(self.language)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "country", normalise_country(self.country or _country))
        if not self.locale:
            object.__setattr__(self, "locale", locale_for(language, self.country))

    @property
    def right_to_left(self) -> bool:
        """Whether the language is written right to left (the interface and documents mirror)."""
        return self.language in RIGHT_TO_LEFT

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

    def format_number(self, value: float) -> str:
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

    def format_currency(self, amount: float, currency: str | None = None) -> str:
        """``amount`` in ``currency`` (default: the country's, CFA francs or dirhams)."""
        from babel.numbers import format_currency

        return format_currency(amount, currency or CURRENCIES[self.country], locale=self.locale)

    def day_name(self, value: dt.date) -> str:
        from babel.dates import format_date

        return format_date(value, format="EEEE", locale=self.locale)


_country = DEFAULT_COUNTRY
_current = Translator(DEFAULT_LANGUAGE)


def set_language(language: str, country: str | None = None) -> Translator:
    """Make ``language`` the interface language, with the formats of ``country`` (default: the
    current country), for messages and for every translator made afterwards; returns the
    interface's translator."""
    global _current, _country
    if country is not None:
        _country = normalise_country(country)
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
