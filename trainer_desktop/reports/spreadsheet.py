"""What every Excel workbook the application writes shares (openpyxl): safe text, typed cells,
tables with a bold frozen header and an autofilter, column widths, and an atomic save.

**Text a user typed is never a formula.** A participant called ``=HYPERLINK("http://x")`` must
reach the funder's Excel as text: :func:`safe_text` applies OWASP's rule against spreadsheet
injection (a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``) and every text cell is written with ``data_type = "s"`` explicitly, since openpyxl
would otherwise store a string starting with ``=`` as a formula. Characters the file format
refuses (most control characters) are dropped rather than failing the export.

**Figures are figures.** Numbers are numeric cells, dates are dates with a date format,
percentages are numbers from 0 to 1 with a ``0.0%`` format: the funder can sum, sort and chart
them. Text Babel formatted (a period's heading) loses the invisible bidi marks it may contain,
which Excel shows as boxes on some systems.

The same :class:`SheetWriter` fills a normal worksheet and a write-only (streaming) one, where
rows go to disk as they are appended — for workbooks of tens of thousands of rows. A streaming
sheet must get its column widths and frozen header before its first row, so its widths come from
the :class:`Column` hints, not from the content.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet import _writer as openpyxl_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from trainer_desktop.core.cells import FORMULA_STARTS
from trainer_desktop.core.files import atomic_file
from trainer_desktop.core.i18n import RIGHT_TO_LEFT
from trainer_desktop.core.progress import Progress

#: Invisible direction marks and embeddings Babel's formatting may put in a date or a number.
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
#: Excel refuses a cell longer than this.
CELL_MAX = 32_767
SHEET_TITLE_MAX = 31
_SHEET_TITLE_REFUSED = re.compile(r"[\[\]:*?/\\]")

#: Column kinds and their number formats (dates depend on the document's language).
NUMBER_FORMATS = {
    "integer": "0",
    "decimal": "0.0",
    "percent": "0.0%",
    "points": "+0.0;-0.0;0.0",  # a gain in percentage points
    "time": "hh:mm",
}
DATE_FORMATS = {"fr": "dd/mm/yyyy", "en": "d mmm yyyy", "ar": "dd/mm/yyyy"}
TEXT_KINDS = frozenset({"text", "longtext"})
#: Width (characters) of a column whose content is not measured (streaming) or is empty.
DEFAULT_WIDTHS = {"text": 18, "longtext": 50, "integer": 9, "decimal": 9, "percent": 9,
                  "points": 9, "date": 12, "time": 7}  # fmt: skip
WIDTH_MIN, WIDTH_MAX = 6, 60

BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DCE3EC")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def safe_text(value: object, *, formatted: bool = False) -> str:
    """``value`` as text Excel shows as text: characters the file format refuses dropped, a
    leading ``'`` before a formula trigger (OWASP), cut to Excel's cell limit. ``formatted``:
    text Babel produced, whose invisible bidi marks are removed and narrow no-break spaces made
    ordinary no-break spaces (some Windows fonts lack U+202F)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    if formatted:
        text = _BIDI_MARKS.sub("", text).replace("\u202f", "\u00a0")
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return text[:CELL_MAX]


def formatted_text(value: str) -> str:
    """Text Babel formatted (a date, a number in words), made safe for a cell."""
    return safe_text(value, formatted=True)


def sheet_title(text: str, taken: Sequence[str] = ()) -> str:
    """A valid, unique sheet name from a translated title: the characters Excel refuses
    removed, at most 31 characters, " (2)" added if another sheet has the name (case ignored)."""
    base = _SHEET_TITLE_REFUSED.sub("", ILLEGAL_CHARACTERS_RE.sub("", text)).strip().strip("'")
    base = base or "Sheet"
    used = {t.casefold() for t in taken}
    title, n = base[:SHEET_TITLE_MAX], 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    return title


@dataclass(frozen=True)
class Column:
    """A table column: its header, what it holds, and (for streaming sheets) its width."""

    label: str
    kind: str = "text"  # text, longtext, integer, decimal, percent, points, date, time
    width: int | None = None  # characters; None: fit the content (streaming: a default)


class SheetWriter:
    """Appends typed rows to a worksheet, normal or write-only, and remembers what it needs to
    finish it: column widths, the table's extent for the autofilter."""

    def __init__(self, ws, language: str = "fr") -> None:
        self.ws = ws
        self.streaming = isinstance(ws, WriteOnlyWorksheet)
        self.date_format = DATE_FORMATS.get(language, DATE_FORMATS["en"])
        # An Arabic sheet reads from the right: column A on the right, like the paper.
        ws.sheet_view.rightToLeft = True if language in RIGHT_TO_LEFT else None
        self.rows = 0  # rows written so far
        self._widths: dict[int, int] = {}
        self._fixed: set[int] = set()  # columns whose width a Column gave
        self._table: tuple[int, int] | None = None  # header row, number of columns

    # -- cells -----------------------------------------------------------------------------

    def fill(self, cell, value: object, kind: str = "text", font: Font | None = None):
        """Put ``value`` in ``cell`` (normal or write-only) typed by ``kind``; ``None`` and
        ``""`` leave it empty. Returns the cell."""
        if value is None or value == "":
            return cell
        if kind in TEXT_KINDS or isinstance(value, str):
            cell.value = safe_text(value)
            cell.data_type = "s"  # never a formula, whatever the text
            if kind == "longtext":
                cell.alignment = WRAP
        elif kind == "date":
            cell.value = as_date(value)
            cell.number_format = self.date_format
        elif isinstance(value, bool):
            cell.value = int(value)
            cell.number_format = "0"
        else:
            cell.value = value
            cell.number_format = NUMBER_FORMATS.get(kind, "General")
        if font is not None:
            cell.font = font
        return cell

    def append(self, values: Sequence[object], kinds: Sequence[str] = (),
               font: Font | None = None) -> list:  # fmt: skip
        """One row; ``kinds[i]`` types ``values[i]`` (text when missing). Returns its cells (on a
        streaming sheet, plain text as its value)."""
        self.rows += 1
        cells = []
        for column, value in enumerate(values, 1):
            kind = kinds[column - 1] if column <= len(kinds) else "text"
            if self.streaming and (value is None or value == ""):
                cells.append(None)  # no element at all: 20,000 rows write faster
                continue
            if self.streaming and kind == "text" and font is None:
                # Plain safe text is stored as text by openpyxl itself (it never starts with
                # "="); a cell object would cost a tenth of a 20,000-row sheet. Not so an
                # error code such as "#N/A", which needs its text type set.
                text = safe_text(value)
                if text not in ERROR_CODES:
                    cells.append(text or None)
                    continue
            target = (WriteOnlyCell(self.ws) if self.streaming
                      else self.ws.cell(row=self.rows, column=column))  # fmt: skip
            cells.append(self.fill(target, value, kind, font))
            if not self.streaming and column not in self._fixed and value not in (None, ""):
                self._fit(column, value, kind)
        if self.streaming:
            self.ws.append(cells)
        return cells

    def blank(self) -> None:
        self.append([])

    def title(self, text: str, font: Font = TITLE_FONT) -> None:
        """A heading line above or between tables (never part of a table, never widens A)."""
        self.rows += 1
        target = WriteOnlyCell(self.ws) if self.streaming else self.ws.cell(row=self.rows, column=1)
        self.fill(target, text, "text", font)
        if self.streaming:
            self.ws.append([target])

    def _fit(self, column: int, value: object, kind: str) -> None:
        if kind in NUMBER_FORMATS or kind == "date":
            width = DEFAULT_WIDTHS.get(kind, 10)
        else:
            width = max((len(line) for line in str(value).splitlines()), default=0) + 2
            if kind == "longtext":
                width = min(width, DEFAULT_WIDTHS["longtext"])
        self._widths[column] = max(self._widths.get(column, WIDTH_MIN), min(width, WIDTH_MAX))

    # -- tables ----------------------------------------------------------------------------

    def table(self, columns: Sequence[Column], *, freeze: bool = True,
              autofilter: bool = True) -> None:  # fmt: skip
        """Start a table: its bold header row, frozen under it when ``freeze`` (one frozen
        header per sheet), and column widths; :meth:`end_table` sets its autofilter (one per
        sheet, so a second table takes ``autofilter=False``)."""
        for index, column in enumerate(columns, 1):
            width = column.width or max(len(column.label) + 3, DEFAULT_WIDTHS[column.kind])
            if column.width or self.streaming:
                self._fixed.add(index)
                self._set_width(index, width)
            else:
                self._widths[index] = max(self._widths.get(index, WIDTH_MIN),
                                          min(len(column.label) + 3, WIDTH_MAX))  # fmt: skip
        if freeze:
            # Must precede the first row of a streaming sheet: its views are written then.
            self.ws.freeze_panes = f"A{self.rows + 2}"
        self.rows += 1
        header = []
        for index, column in enumerate(columns, 1):
            target = (WriteOnlyCell(self.ws) if self.streaming
                      else self.ws.cell(row=self.rows, column=index))  # fmt: skip
            self.fill(target, column.label, "text", BOLD)
            target.fill = HEADER_FILL
            target.alignment = WRAP
            header.append(target)
        if self.streaming:
            self.ws.append(header)
        self._table = (self.rows, len(columns)) if autofilter else None

    def end_table(self) -> None:
        """The autofilter over the table begun last (header and every row since)."""
        if self._table is None:
            return
        header_row, count = self._table
        self.ws.auto_filter.ref = f"A{header_row}:{get_column_letter(count)}{max(self.rows, header_row)}"
        self._table = None

    def _set_width(self, column: int, width: int) -> None:
        self.ws.column_dimensions[get_column_letter(column)].width = max(WIDTH_MIN, min(width, WIDTH_MAX))

    def finish(self) -> None:
        """Apply the fitted widths (normal sheets: the content is known only now)."""
        self.end_table()
        if not self.streaming:
            for column, width in self._widths.items():
                self._set_width(column, width)


def new_sheet(workbook: Workbook, title: str, language: str) -> SheetWriter:
    """A new sheet named ``title`` (made valid and unique) and its writer."""
    ws = workbook.create_sheet(sheet_title(title, workbook.sheetnames))
    return SheetWriter(ws, language)


def scaled(progress: Progress | None, first: int, last: int) -> Progress | None:
    """A progress callback for one part of a task: its ``(done, total)`` reported as the share
    ``first..last`` (out of 100) of the whole."""
    if progress is None:
        return None

    def part(done: int, total: int) -> bool | None:
        share = done / total if total else 1.0
        return progress(first + round((last - first) * share), 100)

    return part


#: Where the streaming sheets of the export under way in this thread keep their rows.
_STAGING: ContextVar[Path | None] = ContextVar("staging", default=None)
_openpyxl_temporary_file = openpyxl_writer.create_temporary_file


def _staged_temporary_file(suffix: str = "") -> str:
    """openpyxl's temporary file for a streaming sheet, in the export's own folder when one is
    set: the rows hold participants' names, and nothing goes outside the files the user chose."""
    folder = _STAGING.get()
    if folder is None:
        return _openpyxl_temporary_file(suffix)
    fd, name = tempfile.mkstemp(prefix=".openpyxl.", suffix=suffix, dir=folder)
    with open(fd, "w"):
        pass
    openpyxl_writer.ALL_TEMP_FILES.append(name)
    return name


openpyxl_writer.create_temporary_file = _staged_temporary_file


@contextmanager
def streaming_workbook(beside: Path) -> Iterator[Workbook]:
    """A write-only workbook for the file ``beside``. openpyxl streams each sheet's rows to a
    temporary file: here in ``beside``'s folder (as the atomic save's own ``.part``), not the
    system's temporary folder, and removed if the export stops half-way, not only when the
    program ends — they hold the participants' names."""
    workbook = Workbook(write_only=True)
    folder = Path(beside).parent
    folder.mkdir(parents=True, exist_ok=True)
    token = _STAGING.set(folder)
    try:
        yield workbook
    except BaseException:
        for ws in workbook.worksheets:
            _discard_stream(ws)
        raise
    finally:
        _STAGING.reset(token)


def _discard_stream(ws: WriteOnlyWorksheet) -> None:
    # openpyxl has no public way to abandon a write-only sheet: close its row generator and
    # XML stream (an open file cannot be removed on Windows), then remove the file.
    with suppress(Exception):
        if ws._rows is not None:
            ws._rows.close()
    writer = ws._writer
    if writer is None:
        return
    with suppress(Exception):
        writer.close()
    with suppress(Exception):
        writer.cleanup()


def save(workbook: Workbook, out: Path) -> Path:
    """Write ``workbook`` to ``out``, replacing it in one step (see :func:`atomic_file`)."""
    out = Path(out)
    with atomic_file(out) as fh:
        workbook.save(fh)
    return out


def as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    """A date for a date cell (a datetime would show its time as a fraction of a day)."""
    return value.date() if isinstance(value, dt.datetime) else value
