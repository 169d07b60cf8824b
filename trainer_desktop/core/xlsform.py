"""XLSForm workbooks (what KoboToolbox, ODK and SurveyCTO use): read them into evaluation form
items (:mod:`.form_content`), write a form back.

Read (all or nothing: every problem is collected, each naming its sheet and row, and nothing is
imported when there is one):

- sheet ``survey``: columns ``type``, ``name``, ``label``, ``hint``, ``required``, ``appearance``;
  other columns (``relevant``, ``constraint``, ``calculation``, ``$given_name``, ``$kuid``,
  ``media::image``...) are ignored;
- sheet ``choices``: ``list_name``, ``name``, ``label``;
- sheet ``settings`` (optional): ``form_title``, ``form_id``, ``version``, ``default_language``
  and our own ``anonymous`` (yes/no; a form is anonymous unless it says no);
- translated columns ``label::French (fr)``, ``hint::Arabic (ar)``: the language code is in the
  parentheses (``label::French`` alone is understood for French, English and Arabic); a plain
  ``label`` column is the default language;
- types: ``select_one LIST``, ``select_multiple LIST``, ``integer`` (``int``), ``decimal``,
  ``text``, ``note``, ``begin group``/``end group`` (also ``begin_group``/``end_group``; a group
  becomes a ``heading`` item with the group's label, a group without a label is just dropped;
  ``end group`` is dropped; nested groups are fine);
- ``required``: yes/true/1/``true()`` (any case) or no/false/0/``false()``/empty.

XLSForm has no rating scale. By convention, a ``select_one`` whose list has exactly 4 or 5
choices named 1..4 or 1..5 is a ``rating`` item (point labels: the choices' labels, point 1 the
choice named 1); with the appearance ``likert``, any list of 4 or 5 choices is one too (point 1
being the list's first choice). The appearance ``faces`` (our extension) shows the scale as
faces. A ``select_one`` whose list's names are exactly yes and no is a ``yesno`` item. ``text``
with the appearance ``multiline`` is a ``longtext`` item.

Skipped silently, as metadata Kobo adds (no question is asked): ``start``, ``end``, ``today``,
``deviceid``, ``subscriberid``, ``simserial``, ``phonenumber``, ``username``, ``email``,
``audit``.

Refused: a missing ``survey`` sheet or ``type``/``name`` column; a list missing from ``choices``;
two items with the same name, two choices with the same name in a list; any other type
(``geopoint``, ``image``, ``calculate``, ``begin repeat``, ``select_one ... or_other``...);
a formula in a label, hint or choice label (a cell that holds a formula or text starting with
``=``, which a spreadsheet would run); unbalanced groups; an item or choice without a label in
any language; and whatever :func:`~.form_content.check_items` refuses.

Written: one ``survey`` row per item (headings as groups, each closed before the next heading),
ratings as ``select_one scale5_NAME`` (``scale4_NAME``) with choices 1..n and the appearance
``likert`` (``likert faces``), yes/no as ``select_one yesno``, and every language the texts have
as ``label::Language (code)`` columns. Reading the file back gives the same items.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cells import looks_like_formula
from .errors import UserError, ValidationError
from .files import atomic_file
from .form_content import CHOICE_KINDS, FormChoice, FormItem, Texts, check_item, check_items
from .i18n import _, ngettext

MAX_ROWS = 5000  # per sheet: far more than any evaluation form
MAX_COLUMNS = 200
SHOWN_PROBLEMS = 20
METADATA_TYPES = frozenset({"start", "end", "today", "deviceid", "subscriberid", "simserial",
                            "phonenumber", "username", "email", "audit"})  # fmt: skip
#: XLSForm types this application cannot ask (refused as "not supported", not "unknown").
UNSUPPORTED_TYPES = frozenset({
    "geopoint", "geotrace", "geoshape", "image", "audio", "video", "file", "barcode", "date",
    "time", "datetime", "range", "rank", "acknowledge", "calculate", "hidden", "begin repeat",
    "end repeat", "select_one_from_file", "select_multiple_from_file", "select_one_external",
    "background-audio", "background-geopoint", "xml-external", "csv-external", "trigger",
    "start-geopoint", "string",
})  # fmt: skip
LANGUAGE_NAMES = {"fr": "French", "en": "English", "ar": "Arabic"}
_CODES = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()}
_CODES.update({"français": "fr", "francais": "fr", "anglais": "en", "arabe": "ar"})
_YES_NO_LABELS = {"fr": ("Oui", "Non"), "en": ("Yes", "No"), "ar": ("نعم", "لا")}
_TRUE = {"yes", "true", "1", "true()"}
_FALSE = {"no", "false", "0", "false()", ""}
_IN_PARENTHESES = re.compile(r"\(([^()]*)\)\s*$")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what an .xlsx cannot hold


class XLSFormError(UserError):
    """A workbook refused: :attr:`problems` holds every problem found, each naming its sheet and
    row; the message lists the first ones."""

    def __init__(self, problems: list[str], source: str = "") -> None:
        shown = problems[:SHOWN_PROBLEMS]
        lines = [_("{file} cannot be imported:").format(file=source) if source
                 else _("The workbook cannot be imported:")]  # fmt: skip
        lines += [f"- {p}" for p in shown]
        if len(problems) > len(shown):
            more = len(problems) - len(shown)
            lines.append(ngettext("and {count} more problem", "and {count} more problems", more)
                         .format(count=more))  # fmt: skip
        super().__init__("\n".join(lines))
        self.problems = problems


@dataclass
class XLSFormImport:
    title: str
    form_key: str
    version_label: str
    language: str
    items: list[FormItem] = field(default_factory=list)
    anonymous: bool = True


# --- reading ---------------------------------------------------------------------------------------


def _is_formula(value: Any) -> bool:
    if isinstance(value, str):
        return value.lstrip().startswith("=")
    return value is not None and "formula" in type(value).__name__.lower()


def _cell_text(value: Any) -> str:
    """A cell as text: numbers without a useless ``.0``, booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _language_code(text: str) -> str:
    """``French (fr)`` → ``fr``; ``French`` → ``fr``; ``fr`` → ``fr``; else the text itself."""
    text = text.strip()
    match = _IN_PARENTHESES.search(text)
    if match and match.group(1).strip():
        return match.group(1).strip()
    return _CODES.get(text.casefold(), text)


@dataclass
class _Sheet:
    name: str
    header: dict[str, int]  # column name (as written, lower-cased base) -> index
    texts: dict[str, dict[str, int]]  # "label"/"hint" -> {language code or "": index}
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number, values), empty rows left out


def _read_sheet(worksheet: Any, name: str, problems: list[str]) -> _Sheet:
    header: dict[str, int] = {}
    texts: dict[str, dict[str, int]] = {"label": {}, "hint": {}}
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in enumerate(worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        if number == 1:
            for index, raw in enumerate(values):
                title = _cell_text(raw)
                if not title:
                    continue
                base, _sep, language = title.partition("::")
                base = base.strip().casefold()
                if base in texts:
                    texts[base].setdefault(_language_code(language) if language else "", index)
                else:
                    header.setdefault(title.casefold() if title.startswith("$") else base, index)
            continue
        if number > MAX_ROWS + 1:
            problems.append(
                _("{sheet}: more than {count} rows.").format(sheet=name, count=MAX_ROWS)
            )
            break
        if any(_cell_text(v) for v in values if not _is_formula(v)) or any(
            _is_formula(v) for v in values
        ):
            rows.append((number, tuple(values)))
    return _Sheet(name, header, texts, rows)


def _value(sheet: _Sheet, values: tuple[Any, ...], column: str) -> str:
    index = sheet.header.get(column)
    if index is None or index >= len(values):
        return ""
    return _cell_text(values[index])


def _texts(sheet: _Sheet, values: tuple[Any, ...], kind: str, default: str,
           where: str, problems: list[str]) -> Texts:  # fmt: skip
    """The label (or hint) of a row by language; a formula is a problem."""
    out: Texts = {}
    columns = sorted(sheet.texts[kind].items(), key=lambda c: c[0] == "")  # translated first
    for language, index in columns:
        raw = values[index] if index < len(values) else None
        if _is_formula(raw):
            problem = _("formula in a label") if kind == "label" else _("formula in a hint")
            problems.append(f"{where}: {problem}")
            continue
        text = _cell_text(raw)
        code = language or default
        if text and not out.get(code):
            out[code] = text
    return out


def _where(sheet: str, row: int) -> str:
    return _("{sheet}, row {row}").format(sheet=sheet, row=row)


def _flag(text: str) -> bool | None:
    text = text.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@dataclass
class _List:
    row: int
    choices: list[FormChoice] = field(default_factory=list)


def read_xlsform(path: Path, language: str = "fr") -> XLSFormImport:
    """The form a workbook holds, or :class:`XLSFormError` with every problem. ``language`` is
    the form's language when the workbook names none (no ``default_language``, only plain
    columns)."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        reason = getattr(exc, "strerror", None) or _("it is not an Excel workbook (.xlsx)")
        raise XLSFormError(
            [_("cannot read the file: {reason}.").format(reason=reason)], path.name
        ) from None
    problems: list[str] = []
    try:
        sheets = {ws.title.strip().casefold(): ws for ws in workbook.worksheets}
        if "survey" not in sheets:
            raise XLSFormError([_("the workbook has no “survey” sheet.")], path.name)
        survey = _read_sheet(sheets["survey"], "survey", problems)
        choices = (
            _read_sheet(sheets["choices"], "choices", problems) if "choices" in sheets else None
        )
        settings = (
            _read_sheet(sheets["settings"], "settings", problems) if "settings" in sheets else None
        )
    finally:
        workbook.close()

    missing = [c for c in ("type", "name") if c not in survey.header]
    if missing:
        problems += [
            _("survey: the “{column}” column is missing.").format(column=c) for c in missing
        ]
        raise XLSFormError(problems, path.name)

    # --- settings
    title, form_key, version_label, default, anonymous = "", "", "", "", True
    if settings is not None and settings.rows:
        row, values = settings.rows[0]
        title = _value(settings, values, "form_title")
        form_key = _value(settings, values, "form_id") or _value(settings, values, "id_string")
        version_label = _value(settings, values, "version")
        default = _language_code(_value(settings, values, "default_language"))
        flag = _flag(_value(settings, values, "anonymous"))
        if flag is None:
            problems.append(f"{_where('settings', row)}: "
                            + _("“anonymous” must be yes or no."))  # fmt: skip
        else:
            anonymous = flag if _value(settings, values, "anonymous") else True
    if not default:
        translated = [c for sheet in (survey, choices) if sheet for c in sheet.texts["label"] if c]
        default = translated[0] if translated else language

    # --- choices
    lists: dict[str, _List] = {}
    if choices is not None:
        for column in ("list_name", "name"):
            if column not in choices.header:
                problems.append(
                    _("choices: the “{column}” column is missing.").format(column=column)
                )
        if "list_name" in choices.header and "name" in choices.header:
            for row, values in choices.rows:
                where = _where("choices", row)
                list_name = _value(choices, values, "list_name")
                name = _value(choices, values, "name")
                before = len(problems)
                label = _texts(choices, values, "label", default, where, problems)
                formula = len(problems) > before
                if not list_name and not name and not label:
                    continue
                if not list_name or not name:
                    problems.append(f"{where}: " + _("a choice needs a list_name and a name."))
                    continue
                entry = lists.setdefault(list_name, _List(row))
                if any(c.name == name for c in entry.choices):
                    problems.append(f"{where}: " + _("the name “{name}” is already used in the list "
                                                     "“{list}”.").format(name=name, list=list_name))  # fmt: skip
                    continue
                if not label and not formula:
                    problems.append(
                        f"{where}: " + _("the choice “{name}” has no label.").format(name=name)
                    )
                entry.choices.append(FormChoice(name, label))

    # --- survey
    items: list[tuple[int, FormItem]] = []
    seen: dict[str, int] = {}
    groups: list[int] = []  # rows of the open groups
    for row, values in survey.rows:
        where = _where("survey", row)
        raw_type = _value(survey, values, "type")
        kind = " ".join(
            raw_type.casefold().replace("_group", " group").replace("_repeat", " repeat").split()
        )
        name = _value(survey, values, "name")
        appearance = _value(survey, values, "appearance").casefold().split()
        before = len(problems)
        label = _texts(survey, values, "label", default, where, problems)
        formula = len(problems) > before
        hint = _texts(survey, values, "hint", default, where, problems)
        if not kind:
            if name or label:
                problems.append(f"{where}: " + _("the row has no type."))
            continue
        if kind in METADATA_TYPES:
            continue
        if kind == "end group":
            if groups:
                groups.pop()
            else:
                problems.append(f"{where}: " + _("“end group” without a “begin group” before it."))
            continue
        required = _flag(_value(survey, values, "required"))
        if required is None:
            problems.append(f"{where}: " + _("“required” must be yes or no."))
            required = False
        words = kind.split()
        item: FormItem | None = None
        if kind == "begin group":
            groups.append(row)
            if label:
                item = FormItem("heading", name, label, hint)
        elif words[0] in ("select_one", "select_multiple") and len(words) == 2:
            entry = lists.get(raw_type.split()[-1])
            if entry is None:
                problems.append(f"{where}: " + _("the choices list “{list}” is missing.")
                                .format(list=raw_type.split()[-1]))  # fmt: skip
                continue
            item = _select_item(words[0], name, label, hint, required, entry.choices, appearance)
        elif kind in ("integer", "int", "decimal"):
            item = FormItem(
                "decimal" if kind == "decimal" else "integer", name, label, hint, required
            )
        elif kind == "text":
            item = FormItem(
                "longtext" if "multiline" in appearance else "text", name, label, hint, required
            )
        elif kind == "note":
            item = FormItem("note", name, label, hint)
        elif kind in UNSUPPORTED_TYPES or words[0] in ("select_one", "select_multiple") \
                or words[0] in UNSUPPORTED_TYPES:  # fmt: skip
            problems.append(
                f"{where}: " + _("the type “{type}” is not supported.").format(type=raw_type)
            )
            continue
        else:
            problems.append(f"{where}: " + _("unknown type “{type}”.").format(type=raw_type))
            continue
        if not name:
            problems.append(f"{where}: " + _("the row has no name."))
            continue
        if name in seen:
            problems.append(f"{where}: " + _("the name “{name}” is already used (row {row}).")
                            .format(name=name, row=seen[name]))  # fmt: skip
            continue
        seen[name] = row
        if item is None:  # a group without a label
            continue
        if not label:
            if not formula:
                problems.append(
                    f"{where}: " + _("“{name}” has no label in any language.").format(name=name)
                )
            continue
        items.append((row, item))
    problems += [f"{_where('survey', row)}: " + _("“begin group” is never closed by an “end group”.")
                 for row in groups]  # fmt: skip

    checked: list[FormItem] = []
    if not problems:
        for number, (row, item) in enumerate(items, start=1):
            try:
                checked.append(check_item(item, number))
            except ValidationError as exc:
                problems.append(f"{_where('survey', row)}: {exc.message}")
    if not problems:
        if not checked:
            problems.append(_("survey: the form has no items."))
        else:
            try:
                check_items(checked)
            except ValidationError as exc:
                problems.append(f"survey: {exc.message}")
    if problems:
        raise XLSFormError(problems, path.name)
    return XLSFormImport(title=title or path.stem, form_key=form_key[:64], version_label=version_label[:64],
                         language=default, items=checked, anonymous=anonymous)  # fmt: skip


def _select_item(kind: str, name: str, label: Texts, hint: Texts, required: bool,
                 choices: list[FormChoice], appearance: list[str]) -> FormItem:  # fmt: skip
    names = [c.name for c in choices]
    faces = "faces" in appearance
    if kind == "select_one":
        if len(choices) in (4, 5):
            numbered = [str(n) for n in range(1, len(choices) + 1)]
            if sorted(names) == numbered:
                by_name = {c.name: c for c in choices}
                labels = tuple(dict(by_name[n].label) for n in numbered)
                return FormItem("rating", name, label, hint, required, points=len(choices),
                                point_labels=labels, faces=faces)  # fmt: skip
            if "likert" in appearance or faces:
                return FormItem("rating", name, label, hint, required, points=len(choices),
                                point_labels=tuple(dict(c.label) for c in choices), faces=faces)  # fmt: skip
        if sorted(names) == ["no", "yes"]:
            return FormItem("yesno", name, label, hint, required)
        return FormItem("single", name, label, hint, required, choices=tuple(choices))
    return FormItem("multiple", name, label, hint, required, choices=tuple(choices))


# --- writing ---------------------------------------------------------------------------------------


def _languages(default: str, items: Sequence[FormItem]) -> list[str]:
    found: set[str] = set()
    for item in items:
        found.update(item.label)
        found.update(item.hint)
        for choice in item.choices:
            found.update(choice.label)
        for point in item.point_labels:
            found.update(point)
    return [default] + sorted(found - {default})


def _column(kind: str, language: str) -> str:
    return f"{kind}::{LANGUAGE_NAMES.get(language, language)} ({language})"


def _clean(value: str) -> str:
    return _ILLEGAL.sub("", value)


def write_xlsform(form: Any, path: Path) -> None:
    """Write a form (an :class:`~.evaluations.EvaluationForm`, an :class:`XLSFormImport` or a
    tuple ``(title, form_key, version_label, language, items)``) as an XLSForm workbook,
    atomically."""
    from openpyxl import Workbook

    anonymous = True
    if isinstance(form, tuple):
        title, form_key, version_label, language, items = form
    else:
        title, form_key, version_label, language = (
            form.title,
            form.form_key,
            form.version_label,
            form.language,
        )
        items = form.content.items if hasattr(form, "content") else form.items
        anonymous = bool(getattr(form, "anonymous", True))
    items = list(items)
    languages = _languages(language, items)
    with_hints = any(i.hint for i in items)

    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    columns = ["type", "name"] + [_column("label", lang) for lang in languages]
    if with_hints:
        columns += [_column("hint", lang) for lang in languages]
    columns += ["required", "appearance"]
    survey.append(columns)
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name"] + [_column("label", lang) for lang in languages])

    def texts(values: Texts) -> list[str]:
        return [values.get(lang, "") for lang in languages]

    def add_list(list_name: str, entries: Iterable[tuple[str, Texts]]) -> None:
        for name, label in entries:
            _append(choices, [list_name, name] + texts(label))

    in_group = False
    yes_no_written = False
    for item in items:
        type_, appearance = item.kind, ""
        if item.kind == "heading":
            if in_group:
                _append(survey, ["end group"])
            type_, in_group = "begin group", True
        elif item.kind == "rating":
            list_name = f"scale{item.points}_{item.name}"
            type_ = f"select_one {list_name}"
            appearance = "likert faces" if item.faces else "likert"
            labels = list(item.point_labels) or [{} for _point in range(item.points)]
            add_list(list_name, [(str(n), labels[n - 1] or {language: str(n)})
                                 for n in range(1, item.points + 1)])  # fmt: skip
        elif item.kind in CHOICE_KINDS:
            type_ = f"{'select_one' if item.kind == 'single' else 'select_multiple'} {item.name}"
            add_list(item.name, [(c.name, c.label) for c in item.choices])
        elif item.kind == "yesno":
            type_ = "select_one yesno"
            if not yes_no_written:
                yes_no_written = True
                add_list("yesno", [(word, {lang: _YES_NO_LABELS.get(lang, ("Yes", "No"))[i]
                                           for lang in languages})
                                   for i, word in enumerate(("yes", "no"))])  # fmt: skip
        elif item.kind == "longtext":
            type_, appearance = "text", "multiline"
        row = [type_, item.name] + texts(item.label)
        if with_hints:
            row += texts(item.hint)
        row += ["yes" if item.required and item.answerable else "", appearance]
        _append(survey, row)
    if in_group:
        _append(survey, ["end group"])

    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language", "anonymous"])
    _append(settings, [title, form_key, version_label,
                       f"{LANGUAGE_NAMES.get(language, language)} ({language})",
                       "yes" if anonymous else "no"])  # fmt: skip
    with atomic_file(Path(path)) as fh:
        workbook.save(fh)


def _append(sheet: Any, values: list[str]) -> None:
    """A row of text cells. Text a spreadsheet could take for a formula ("=…", "+…", "-…",
    "@…") stays text, marked with Excel's quote prefix: its label reaches Kobo unchanged."""
    sheet.append([_clean(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
