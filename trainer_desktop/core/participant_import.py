"""Importing the organiser's list of invited participants from an Excel workbook (.xlsx).

Three steps, each usable on its own (the dialog re-runs the last two when the user changes how a
column is read):

1. :func:`read_sheet` reads the first sheet (or a named one) and finds the header row: the first
   row, among the first 20, with at least two non-empty cells. Reading is bounded: it stops after
   :data:`MAX_EMPTY_RUN` empty rows in a row (spreadsheets often carry thousands of formatted
   empty rows) and refuses a sheet of more than :data:`MAX_DATA_ROWS` people.
2. :func:`guess_mapping` reads the headers, in French or English, accents and case ignored, and
   says which participant field each column holds. The caller may change it.
3. :func:`build_preview` classifies every non-empty row: *new*, *match* (someone already
   registered: same names in any order, accents and case ignored, or the same phone number) or
   *invalid*, with reasons naming the row number as Excel shows it and the column header.

:func:`apply` then registers the new people and enrols the new and matched people in the
session, in one transaction: all of it or nothing.

A "full name" column is split at the first space: the first word is the family name and the rest
the given names ("SIDIBÉ Awa Maïmouna" → SIDIBÉ / Awa Maïmouna), which is how attendance lists
are usually written in Mali. A "given names then family name" column is split at the last space.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from . import records
from .errors import UserError, ValidationError
from .i18n import N_, _, ngettext
from .participants import (
    PARTICIPANT_FIELD_LABELS,
    PARTICIPANT_FIELDS,
    ROLES,
    Enrolment,
    Participant,
    enrolment_id,
    name_key,
    validate_participant,
)  # fmt: skip
from .search import fold
from .sessions import TrainingSession

#: The header row is looked for among this many first rows.
HEADER_SEARCH_ROWS = 20
#: Reading stops after this many consecutive empty rows.
MAX_EMPTY_RUN = 200
#: A sheet with more participant rows than this is refused (it is not an invitee list).
MAX_DATA_ROWS = 10_000

NEW, MATCH, INVALID = "new", "match", "invalid"
STATUS_LABELS = {NEW: N_("New"), MATCH: N_("Already registered"), INVALID: N_("Invalid")}

#: Pseudo-fields: a column holding both names, split when read (see the module docstring).
FULL_NAME = "full_name"
FULL_NAME_GIVEN_FIRST = "full_name_given_first"
#: The fields a column can be read as (consents are never taken from a file), None = ignored.
IMPORT_FIELDS = (FULL_NAME, FULL_NAME_GIVEN_FIRST) + tuple(
    f for f in PARTICIPANT_FIELDS if f not in ("consent_data", "consent_photo")
)
IMPORT_FIELD_LABELS = {
    FULL_NAME: N_("Full name (family name first)"),
    FULL_NAME_GIVEN_FIRST: N_("Full name (given names first)"),
    **{f: PARTICIPANT_FIELD_LABELS[f] for f in IMPORT_FIELDS if f in PARTICIPANT_FIELD_LABELS},
}

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}
#: Fields that may hold a number typed as a number (76123456 in a Phone column).
_NUMBERS_ALLOWED = {"phone", "id_number", "unit"}

# Headers as normalised by _normalise_header: folded, punctuation turned into spaces.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    FULL_NAME: ("nom et prenom", "nom et prenoms", "nom et prenom s", "noms et prenoms",
                "nom s et prenom s", "nom prenom", "nom prenoms", "nom prenom s", "nom complet",
                "full name", "name", "nom et prenom du participant"),
    FULL_NAME_GIVEN_FIRST: ("prenom et nom", "prenoms et nom", "prenom s et nom", "prenom nom"),
    "family_name": ("nom", "noms", "nom de famille", "last name", "lastname", "surname",
                    "family name"),
    "given_names": ("prenom", "prenoms", "prenom s", "first name", "firstname", "given names",
                    "given name", "forename", "forenames"),
    "sex": ("sexe", "genre", "sex", "gender", "h f", "f h", "m f"),
    "institution": ("structure", "institution", "organisation", "organisme", "organization",
                    "service d origine", "structure d origine", "administration"),
    "function": ("fonction", "grade", "fonction grade", "grade fonction", "rank", "position",
                 "function", "poste", "titre", "job title"),
    "unit": ("unite", "service", "unit"),
    "region": ("region", "province"),
    "town": ("ville", "localite", "commune", "town", "city"),
    "phone": ("telephone", "tel", "contact", "contacts", "phone", "mobile", "portable",
              "numero de telephone", "n de telephone", "gsm", "cellulaire", "telephone portable"),
    "email": ("e mail", "email", "courriel", "adresse e mail", "adresse email", "mail",
              "contact e mail", "contact email"),
    "id_number": ("n piece", "n de piece", "numero de piece", "piece d identite", "nina",
                  "matricule", "id", "id number", "cni", "n cni", "numero cni", "n nina"),
}
_SEX_VALUES = {
    "f": "woman", "femme": "woman", "feminin": "woman", "woman": "woman", "female": "woman",
    "m": "man", "h": "man", "homme": "man", "masculin": "man", "man": "man", "male": "man",
}  # fmt: skip


def _normalise_header(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA": how Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- reading the sheet ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A value as the workbook holds it; ``formula`` when it is a formula Excel never computed."""

    value: Any
    formula: bool = False


@dataclass
class SheetData:
    """The header and data rows of one sheet (rows as Excel numbers them, empty rows left out)."""

    path: Path
    sheet: str
    sheet_names: list[str]
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Cell]]]
    #: Why reading stopped early, if it did (shown to the user).
    notes: list[str] = field(default_factory=list)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _open_workbook(path: Path, data_only: bool):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise UserError(
            _("“{name}” could not be read as an Excel workbook (.xlsx): {reason}").format(
                name=path.name, reason=str(exc) or type(exc).__name__
            )
        ) from exc


def read_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """Read the header and the data rows of ``sheet`` (the first sheet by default).

    Raises :class:`UserError` for a file that is not an .xlsx workbook (an old .xls or a
    password-protected workbook included), a sheet that does not exist, no header row, or too
    many rows."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise UserError(
            _("“{name}” cannot be opened: {reason}").format(name=path.name, reason=exc.strerror)
        ) from exc
    if magic == _OLE2_MAGIC:
        raise UserError(
            _("“{name}” is password-protected or an old Excel file (.xls). Open it in Excel, "
              "remove the password if there is one, and save it as .xlsx.").format(name=path.name)
        )
    if not zipfile.is_zipfile(path):
        raise UserError(
            _("“{name}” is not an Excel workbook (.xlsx).").format(name=path.name)
        )
    values_book = _open_workbook(path, data_only=True)
    formulas_book = _open_workbook(path, data_only=False)
    try:
        names = list(values_book.sheetnames)
        if not names:
            raise UserError(_("“{name}” has no sheet.").format(name=path.name))
        title = names[0] if sheet is None else sheet
        if title not in names:
            raise UserError(
                _("“{name}” has no sheet named “{sheet}” (its sheets: {sheets}).").format(
                    name=path.name, sheet=sheet, sheets=", ".join(names)
                )
            )
        return _read_rows(path, title, names, values_book[title], formulas_book[title])
    finally:
        values_book.close()
        formulas_book.close()


def _read_rows(path: Path, title: str, names: list[str], values_ws, formulas_ws) -> SheetData:
    # The same sheet read twice, side by side: cached values, and formulas (to tell a formula
    # Excel never computed from an empty cell; both read as None with data_only).
    values_rows = values_ws.iter_rows(values_only=True)
    formula_rows = formulas_ws.iter_rows(values_only=True)
    header_row, headers = 0, []
    rows: list[tuple[int, list[Cell]]] = []
    notes: list[str] = []
    empty_run = 0
    for number, (values, formulas) in enumerate(zip(values_rows, formula_rows), start=1):
        cells = [
            Cell(v, formula=v is None and isinstance(f, str) and f.startswith("="))
            for v, f in zip(values, (*formulas, *[None] * (len(values) - len(formulas))))
        ]
        empty = all(_is_empty(c.value) and not c.formula for c in cells)
        if not header_row:
            if sum(not _is_empty(c.value) for c in cells) >= 2:
                header_row = number
                headers = ["" if _is_empty(c.value) else " ".join(str(c.value).split())
                           for c in cells]  # fmt: skip
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if empty:
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                last = values_ws.max_row  # from the sheet's own dimension; may be missing
                if isinstance(last, int) and last > number:
                    notes.append(_(
                        "Reading stopped at row {row} after {count} empty rows in a row, but the "
                        "sheet goes down to row {last}: if participants are listed there, move "
                        "them up."
                    ).format(row=number, count=MAX_EMPTY_RUN, last=last))  # fmt: skip
                else:
                    notes.append(_("Reading stopped at row {row} after {count} empty rows in a "
                                   "row.").format(row=number, count=MAX_EMPTY_RUN))  # fmt: skip
                break
            continue
        empty_run = 0
        if len(rows) >= MAX_DATA_ROWS:
            raise UserError(
                _("The sheet “{sheet}” has more than {count} rows of participants; this is not "
                  "a list of invitees. Split it or choose another sheet.").format(
                    sheet=title, count=MAX_DATA_ROWS
                )
            )
        rows.append((number, cells))
    if not header_row:
        raise UserError(
            _("No header row found in the first {count} rows of the sheet “{sheet}” (a row with "
              "at least two filled cells: Nom, Prénom, Sexe…).").format(
                count=HEADER_SEARCH_ROWS, sheet=title
            )
        )
    # Columns past the last header are kept when they hold data: they may be read too.
    width = max([0, *(i + 1 for i, h in enumerate(headers) if h)])
    for _number, cells in rows:
        width = max([width, *(i + 1 for i, c in enumerate(cells) if not _is_empty(c.value)
                              or c.formula)])  # fmt: skip
    headers = (headers + [""] * width)[:width]
    return SheetData(path, title, names, header_row, headers, rows, notes)


# --- which column holds what ---------------------------------------------------------------------

Mapping = dict[int, str | None]


def guess_field(header: str) -> str | None:
    """The field a header names ("Prénom(s)" → given_names), or None."""
    text = _normalise_header(header)
    if not text:
        return None
    candidates = sorted(
        ((word, name) for name, words in _HEADER_WORDS.items() for word in words),
        key=lambda item: -len(item[0]),
    )
    for word, name in candidates:
        if text == word:
            return name
    for word, name in candidates:  # "Sexe (H/F)", "Téléphone WhatsApp"
        if len(word) > 2 and text.startswith(word + " "):
            return name
    return None


def guess_mapping(headers: list[str]) -> Mapping:
    """Column index → field for every column; each field is given to its first column only."""
    mapping: Mapping = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        guess = guess_field(header)
        if guess in (FULL_NAME, FULL_NAME_GIVEN_FIRST) and taken & {"family_name", FULL_NAME,
                                                                     FULL_NAME_GIVEN_FIRST}:
            guess = None  # fmt: skip
        if guess == "family_name" and taken & {FULL_NAME, FULL_NAME_GIVEN_FIRST}:
            guess = None
        mapping[index] = guess if guess not in taken else None
        if guess:
            taken.add(guess)
    return mapping


def column_name(sheet: SheetData, index: int) -> str:
    """“C (Téléphone)”: the letter Excel shows, and the header."""
    header = sheet.headers[index] if index < len(sheet.headers) else ""
    return f"{column_letter(index)} ({header})" if header else column_letter(index)


# --- the preview -----------------------------------------------------------------------------------


@dataclass
class ImportRow:
    row_number: int
    values: dict[str, Any]
    status: str
    reasons: list[str] = field(default_factory=list)
    #: The same problems, without the row number (for a table that shows it in a column).
    problems: list[str] = field(default_factory=list)
    #: The registered person this row is (status MATCH), or None.
    match_id: str | None = None
    match_name: str = ""
    #: For a repeated row: the row (Excel number) of the same person earlier in the file.
    same_as_row: int | None = None

    @property
    def display_name(self) -> str:
        family = str(self.values.get("family_name") or "").strip().upper()
        given = " ".join(str(self.values.get("given_names") or "").split())
        return " ".join(p for p in (family, given) if p)

    @property
    def detail(self) -> str:
        """What the preview shows next to the status: the reasons, or whom it matches."""
        if self.status == INVALID:
            return " · ".join(self.problems or self.reasons)
        if self.same_as_row is not None:
            return _("Same person as row {row}.").format(row=self.same_as_row)
        if self.match_id:
            return _("Already registered as {name}.").format(name=self.match_name)
        return ""


@dataclass
class ImportPreview:
    sheet: SheetData
    mapping: Mapping
    rows: list[ImportRow]
    #: Problems with the mapping itself (no name column, a field given to two columns).
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, MATCH: 0, INVALID: 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def listed_twice(self) -> int:
        """Rows that repeat a person listed earlier in the file (counted as MATCH)."""
        return sum(row.same_as_row is not None for row in self.rows)

    @property
    def people(self) -> int:
        """How many distinct people an import would enrol (valid rows, repeats counted once)."""
        counts = self.counts
        return counts[NEW] + counts[MATCH] - self.listed_twice

    def summary(self) -> str:
        counts, twice = self.counts, self.listed_twice
        total = ngettext("{n} row", "{n} rows", len(self.rows)).format(n=len(self.rows))
        if twice:
            return _("{total}: {new} new, {match} already registered, {twice} listed twice, "
                     "{invalid} invalid.").format(total=total, new=counts[NEW],
                                                  match=counts[MATCH] - twice, twice=twice,
                                                  invalid=counts[INVALID])  # fmt: skip
        return _("{total}: {new} new, {match} already registered, {invalid} invalid.").format(
            total=total, new=counts[NEW], match=counts[MATCH], invalid=counts[INVALID]
        )


def _text(cell: Cell, name: str) -> tuple[str, str | None]:
    """The text of a cell for field ``name``, or an error saying why it cannot be text."""
    value = cell.value
    if cell.formula:
        return "", _("a formula with no saved result (open the file in Excel and save it again)")
    if value is None:
        return "", None
    if isinstance(value, bool):
        return "", _("TRUE/FALSE where text is expected")
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return "", _("a date or time where text is expected")
    if isinstance(value, int | float):
        if name not in _NUMBERS_ALLOWED:
            return "", _("a number ({value}) where text is expected").format(value=value)
        if isinstance(value, float) and not value.is_integer():
            return "", _("a decimal number ({value})").format(value=value)
        return str(int(value)), None  # 76123456.0 → "76123456"
    text = str(value)
    if text.strip() in _EXCEL_ERRORS:
        return "", _("an Excel error ({value})").format(value=text.strip())
    return text, None


def _phone_key(phone: str) -> str:
    # The last 8 digits: "+223 76 12 34 56" and "76123456" are the same number in Mali, and
    # "+212 6 12 34 56 78" and "0612345678" in Morocco.
    digits = re.sub(r"\D", "", phone)
    return digits[-8:] if len(digits) >= 6 else ""


@dataclass(frozen=True)
class Registry:
    """Who is registered, indexed by name key and phone (read once per preview)."""

    by_name: dict[str, Participant]
    by_phone: dict[str, Participant]

    @classmethod
    def load(cls, workspace) -> Registry:
        with workspace.db.read() as tx:
            people = list(tx.scalars(select(Participant).where(Participant.deleted.is_(False))))
        people.sort(key=lambda p: (p.hlc, p.id))  # the oldest registration wins a tie
        by_name: dict[str, Participant] = {}
        by_phone: dict[str, Participant] = {}
        for person in people:
            by_name.setdefault(name_key(person.family_name, person.given_names), person)
            if key := _phone_key(person.phone):
                by_phone.setdefault(key, person)
        return cls(by_name, by_phone)

    def find(self, values: dict[str, Any]) -> Participant | None:
        found = self.by_name.get(name_key(values["family_name"], values["given_names"]))
        if found is None and (key := _phone_key(values["phone"])):
            found = self.by_phone.get(key)
        return found


def _split_name(text: str, given_first: bool) -> tuple[str, str]:
    words = text.split()
    if not words:
        return "", ""
    if given_first:
        return words[-1], " ".join(words[:-1])
    return words[0], " ".join(words[1:])


def build_preview(sheet: SheetData, mapping: Mapping, registry: Registry) -> ImportPreview:
    """Classify every data row of ``sheet`` read with ``mapping``."""
    notes: list[str] = []
    columns: dict[str, int] = {}
    for index in sorted(mapping):
        name = mapping[index]
        if name is None:
            continue
        if name not in IMPORT_FIELDS:
            raise UserError(_("Unknown participant field: {field}.").format(field=name))
        if name in columns:
            notes.append(
                _("Columns {first} and {second} are both read as “{field}”; only {first} is "
                  "used.").format(first=column_name(sheet, columns[name]),
                                  second=column_name(sheet, index),
                                  field=_(IMPORT_FIELD_LABELS[name]))
            )
            continue
        columns[name] = index
    if not columns.keys() & {"family_name", FULL_NAME, FULL_NAME_GIVEN_FIRST}:
        notes.append(_("No column is read as the family name or the full name."))

    rows: list[ImportRow] = []
    seen_names: dict[str, int] = {}
    seen_phones: dict[str, int] = {}
    for number, cells in sheet.rows:
        values: dict[str, Any] = {f: "" for f in PARTICIPANT_FIELDS}
        values.update(sex="unstated", consent_data=False, consent_photo=False)
        reasons: list[str] = []
        problems: list[str] = []
        source: dict[str, int] = {}  # participant field → the column it came from
        refused: set[int] = set()  # columns already reported for this row

        def refuse(index: int, message: str, number: int = number,
                   reasons: list[str] = reasons, problems: list[str] = problems,
                   refused: set[int] = refused) -> None:  # fmt: skip
            refused.add(index)
            problems.append(_("{column}: {message}").format(column=column_name(sheet, index),
                                                            message=message))  # fmt: skip
            reasons.append(_("Row {row}, column {column}: {message}").format(
                row=number, column=column_name(sheet, index), message=message))  # fmt: skip

        for name, index in columns.items():
            cell = cells[index] if index < len(cells) else Cell(None)
            text, problem = _text(cell, name)
            if problem:
                refuse(index, problem)
                continue
            if name in (FULL_NAME, FULL_NAME_GIVEN_FIRST):
                family, given = _split_name(text, name == FULL_NAME_GIVEN_FIRST)
                values["family_name"] = values["family_name"] or family
                values["given_names"] = values["given_names"] or given
                source.setdefault("family_name", index)
                source.setdefault("given_names", index)
                continue
            if name == "sex":
                folded = fold(text).strip().rstrip(".")
                if folded and folded not in _SEX_VALUES:
                    refuse(index, _("“{value}” is not a sex: write F or M (Femme or Homme).")
                           .format(value=text.strip()))  # fmt: skip
                    continue
                text = _SEX_VALUES.get(folded, "unstated")
            values[name] = text
            source[name] = index
        for name in IMPORT_FIELDS[2:]:
            if name in source and values[name]:
                try:
                    values.update(validate_participant({name: values[name]}))
                except ValidationError as exc:
                    refuse(source[name], exc.message)
        # A name made only of spaces, or an empty name cell (each reported once per row).
        name_column = next((columns[n] for n in ("family_name", FULL_NAME, FULL_NAME_GIVEN_FIRST)
                            if n in columns), None)  # fmt: skip
        if not values["family_name"].strip() and name_column not in refused:
            message = _("The participant needs a family name.")
            if name_column is not None:
                refuse(name_column, message)
            else:
                reasons.append(_("Row {row}: {message}").format(row=number, message=message))
                problems.append(message)
        values["given_names"] = " ".join(values["given_names"].split())
        row = ImportRow(number, values, INVALID if reasons else NEW, reasons, problems)
        if not reasons:
            key, phone = name_key(values["family_name"], values["given_names"]), _phone_key(values["phone"])
            match = registry.find(values)
            earlier = seen_names.get(key) or (seen_phones.get(phone) if phone else None)
            if match is not None:
                row.status, row.match_id, row.match_name = MATCH, match.id, match.display_name
            elif earlier is not None:
                row.status, row.same_as_row = MATCH, earlier
            seen_names.setdefault(key, number)
            if phone:
                seen_phones.setdefault(phone, number)
        rows.append(row)
    return ImportPreview(sheet, dict(mapping), rows, notes)


def preview_file(workspace, path: Path | str, sheet: str | None = None,
                 mapping: Mapping | None = None) -> ImportPreview:  # fmt: skip
    """Read, guess (unless ``mapping`` is given; it then overrides the guess column by column)
    and classify in one call."""
    data = read_sheet(path, sheet)
    full = guess_mapping(data.headers)
    for index, name in (mapping or {}).items():
        if not 0 <= index < len(data.headers):
            raise UserError(
                _("The sheet has no column {column}.").format(column=column_letter(index))
            )
        full[index] = name
    return build_preview(data, full, Registry.load(workspace))


# --- importing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    registered: int
    enrolled: int
    already_enrolled: int
    skipped: int


def apply(
    workspace,
    preview: ImportPreview,
    session_id: str | None = None,
    role: str = "participant",
    skip_invalid: bool = False,
) -> ImportResult:
    """Register the new people and enrol the new and matched ones in ``session_id`` (if given),
    in one transaction. Refused, with nothing changed, if a row is invalid (unless
    ``skip_invalid``), if the mapping has no name column, or if the registry changed since the
    preview in a way that matters (a matched person deleted).

    A matched person's record is not changed. A person already enrolled in the session keeps their
    role there; one whose enrolment had been removed is enrolled again."""
    if role not in ROLES:
        raise ValidationError(_("Unknown role: {role}.").format(role=role), field="role")
    invalid = [row for row in preview.rows if row.status == INVALID]
    if invalid and not skip_invalid:
        raise UserError(
            ngettext("{n} row is invalid ({first}). Correct the file, or skip invalid rows.",
                     "{n} rows are invalid ({first}…). Correct the file, or skip invalid rows.",
                     len(invalid)).format(n=len(invalid), first=invalid[0].reasons[0])
        )
    if not any(row.status != INVALID for row in preview.rows):
        raise UserError(_("There is nobody to import."))
    registered = enrolled = already = 0
    with workspace.db.write() as tx:
        if session_id is not None:
            session = tx.get(TrainingSession, session_id)
            if session is None or session.deleted:
                raise UserError(_("This session no longer exists."))
        stamp = workspace.clock.tick(tx)
        people: dict[int, str] = {}  # row number → participant id
        to_enrol: list[str] = []
        for row in preview.rows:
            if row.status == INVALID:
                continue
            if row.same_as_row is not None:
                continue  # the same person as an earlier row: registered and enrolled once
            if row.match_id is not None:
                person = tx.get(Participant, row.match_id)
                if person is None or person.deleted:
                    raise UserError(
                        _("{name} (row {row}) was removed from the registry since the preview; "
                          "preview the file again.").format(name=row.match_name,
                                                            row=row.row_number)
                    )
                people[row.row_number] = person.id
            else:
                person = records.create(Participant, stamp, validate_participant(row.values))
                tx.add(person)
                registered += 1
                people[row.row_number] = person.id
            if person.id not in to_enrol:
                to_enrol.append(person.id)
        if session_id is not None:
            for participant_id in to_enrol:
                record_id = enrolment_id(session_id, participant_id)
                enrolment = tx.get(Enrolment, record_id)
                if enrolment is None:
                    tx.add(records.create(Enrolment, stamp, {
                        "session_id": session_id, "participant_id": participant_id, "role": role,
                    }, record_id=record_id))  # fmt: skip
                    enrolled += 1
                elif enrolment.deleted:
                    records.restore(enrolment, stamp)
                    records.update(enrolment, stamp, {"role": role})
                    enrolled += 1
                else:
                    already += 1
    return ImportResult(registered, enrolled, already, len(invalid))
