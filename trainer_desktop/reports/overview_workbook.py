"""The coordinator's workbook across sessions (Excel), from :func:`core.overview.overview`.

Three sheets, in the document's language: **Summary** (the overview's figures, the filter that
chose the sessions, the people by institution and by region, and native bar charts: people by
sex, people by region), **Sessions** (one line per session) and **Participants** (one line per
participant enrolment: the session, the person, attendance and tests).

A head-office database holds hundreds of sessions and tens of thousands of enrolments, and the
coordinator's laptop may have 4 GB: the workbook is write-only (openpyxl streams each row to
disk as it is appended) and the participants come one at a time, never all in a list. They come
from the same pass over the sessions that makes the figures (``overview(on_person=...)``): in a
write-only workbook every sheet streams to its own temporary file, so the Participants sheet
fills during the pass and the Summary and Sessions sheets, which need the totals, after it while
keeping their places in front. Contact details and identity numbers are left out (see
:mod:`.session_workbook`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import N_, Translator
from trainer_desktop.core.overview import Overview, OverviewFilter, PersonRow, overview
from trainer_desktop.core.participants import SEXES
from trainer_desktop.core.progress import Progress, report

from .layout import session_label
from .session_workbook import SEX_GROUPS, percent, sex_name, yes_no
from .spreadsheet import (
    BOLD,
    Column,
    SheetWriter,
    formatted_text,
    save,
    scaled,
    sheet_title,
    streaming_workbook,
)  # fmt: skip

if TYPE_CHECKING:
    from trainer_desktop.core.reporting import Count
    from trainer_desktop.core.sessions import TrainingSession
    from trainer_desktop.core.workspace import Workspace

#: At most this many regions in the chart (the table lists them all).
CHART_REGIONS = 15
#: Filter fields as the Summary names them (the session's own field labels where they exist).
_FILTER_LABELS = {"funder": N_("Funder")}


def write_overview_workbook(
    workspace: Workspace,
    filter: OverviewFilter,
    path: Path,
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the workbook of the sessions ``filter`` chooses to ``path`` (replaced atomically);
    returns ``path``. ``progress`` hears the share done out of 100; returning False stops with
    :class:`Cancelled` and nothing is written (the temporary files included)."""
    tr = translator or i18n.current()
    report(progress, 0, 100)
    with streaming_workbook(path) as workbook:
        # The sheets in reading order; the Summary and the Sessions are filled after the pass.
        summary = _sheet(workbook, tr.gettext("Summary"), tr)
        sessions = _sheet(workbook, tr.gettext("Sessions"), tr)
        people, append = _participants(workbook, tr)
        figures = overview(workspace, filter, progress=scaled(progress, 0, 90), on_person=append)
        people.finish()  # its autofilter, now that the last row is known
        _summary(summary, figures, tr)
        _sessions(sessions, figures, tr)
        workbook.properties.creator = "Trainer Desktop"
        report(progress, 95, 100)
        save(workbook, path)
    report(progress, 100, 100)
    return Path(path)


def _sheet(workbook: Workbook, title: str, tr: Translator) -> SheetWriter:
    return SheetWriter(workbook.create_sheet(sheet_title(title, workbook.sheetnames)), tr.language)


# -- Summary -----------------------------------------------------------------------------------


def _filter_lines(wanted: OverviewFilter, tr: Translator) -> list[tuple[str, object, str]]:
    """The filter as the coordinator chose it; "All" where nothing narrows the choice."""
    every = tr.gettext("All")
    lines: list[tuple[str, object, str]] = [
        (tr.gettext("Sessions ending on or after"), wanted.start or every,
         "date" if wanted.start else "text"),
        (tr.gettext("Sessions starting on or before"), wanted.end or every,
         "date" if wanted.end else "text"),
    ]  # fmt: skip
    for name in ("region", "town", "organiser", "funder", "theme"):
        label = tr.gettext(_FILTER_LABELS[name]) if name in _FILTER_LABELS else session_label(tr, name)
        lines.append((label, getattr(wanted, name) or every, "text"))
    return lines


def _summary(sheet: SheetWriter, figures: Overview, tr: Translator) -> None:
    """Figures in A:B, the tables the charts draw in D:E, the charts from G. A streaming sheet
    is written row by row, so each row carries its part of every block."""
    sheet.ws.column_dimensions["A"].width = 40
    sheet.ws.column_dimensions["B"].width = 16
    sheet.ws.column_dimensions["D"].width = 24
    sheet.ws.column_dimensions["E"].width = 12
    left: list[tuple[object, object, str, bool]] = [
        (tr.gettext("Sessions and participants"), None, "text", True),
        (tr.gettext("Sessions"), len(figures.sessions), "integer", False),
        (tr.gettext("Participant enrolments"), figures.enrolments, "integer", False),
        (tr.gettext("People trained (each counted once)"), figures.people, "integer", False),
        *((tr.gettext(SEX_GROUPS[sex]), figures.by_sex.get(sex, 0), "integer", False)
          for sex in SEXES),
        (tr.gettext("Attendance rate"), figures.attendance_rate, "percent", False),
        (tr.gettext("Mean gain (points)"), figures.mean_gain, "points", False),
        (tr.gettext("Satisfied (top two points of the scales)"), figures.satisfaction, "percent", False),
        (tr.gettext("Evaluation responses"), figures.responses, "integer", False),
        (None, None, "text", False),
        (tr.gettext("Sessions chosen"), None, "text", True),
        *((label, value, kind, False) for label, value, kind in _filter_lines(figures.filter, tr)),
        (None, None, "text", False),
        (tr.gettext("People by institution"), None, "text", True),
        *((count.label or tr.gettext("Not stated"), count.count, "integer", False)
          for count in figures.by_institution),
    ]  # fmt: skip
    # D:E: people by sex, then by region: the tables the charts draw.
    right: list[tuple[object, object, bool]] = [(tr.gettext("Sex"), tr.gettext("People"), True)]
    right += [(sex_name(tr, sex), figures.by_sex.get(sex, 0), False) for sex in SEXES]
    right.append((None, None, False))
    region_header = len(right)  # index of the region table's header
    right.append((tr.gettext("Region"), tr.gettext("People"), True))
    right += [(_label(c, tr), c.count, False) for c in figures.by_region]

    ws = sheet.ws
    sheet.title(formatted_text(tr.gettext("Training sessions: overview")))
    top = sheet.rows + 1  # the row of both blocks' first line
    for index in range(max(len(left), len(right))):
        label, value, kind, heading = left[index] if index < len(left) else (None, None, "text", False)
        row = [sheet.fill(WriteOnlyCell(ws), label, "text", BOLD if heading else None),
               sheet.fill(WriteOnlyCell(ws), value, kind), WriteOnlyCell(ws)]  # fmt: skip
        if index < len(right):
            r_label, r_value, r_heading = right[index]
            font = BOLD if r_heading else None
            row.append(sheet.fill(WriteOnlyCell(ws), r_label, "text", font))
            row.append(sheet.fill(WriteOnlyCell(ws), r_value, "text" if r_heading else "integer", font))
        ws.append(row)
        sheet.rows += 1

    ws.add_chart(_bar_chart(tr.gettext("People by sex"), ws, top, len(SEXES)), f"G{top}")
    regions = min(len(figures.by_region), CHART_REGIONS)
    if regions:
        chart = _bar_chart(tr.gettext("People by region"), ws, top + region_header, regions)
        chart.type = "bar"  # horizontal: region names stay readable
        chart.height = max(7, 1 + 0.6 * regions)
        ws.add_chart(chart, f"G{top + 16}")


def _label(count: Count, tr: Translator) -> str:
    return count.label or tr.gettext("Not stated")


def _bar_chart(title: str, ws, header_row: int, count: int) -> BarChart:
    """Bars for the ``count`` rows under ``header_row`` of columns D (labels) and E (values)."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.legend = None
    chart.add_data(Reference(ws, min_col=5, min_row=header_row, max_row=header_row + count),
                   titles_from_data=True)  # fmt: skip
    chart.set_categories(Reference(ws, min_col=4, min_row=header_row + 1, max_row=header_row + count))
    chart.y_axis.numFmt = "0"
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes otherwise
    chart.y_axis.delete = False
    chart.width, chart.height = 12, 7
    return chart


# -- Sessions ----------------------------------------------------------------------------------


def _sessions(sheet: SheetWriter, figures: Overview, tr: Translator) -> None:
    columns = [
        Column(session_label(tr, "title"), width=40), Column(session_label(tr, "start_date"), "date"),
        Column(session_label(tr, "end_date"), "date"), Column(session_label(tr, "town"), width=16),
        Column(session_label(tr, "region"), width=16), Column(session_label(tr, "organiser"), width=24),
        Column(session_label(tr, "funders"), width=24), Column(session_label(tr, "theme"), width=30),
        Column(tr.gettext("Participants"), "integer", 12),
        *(Column(tr.gettext(SEX_GROUPS[sex]), "integer", 10) for sex in SEXES),
        Column(tr.gettext("Attendance rate"), "percent", 12),
        Column(tr.gettext("Pre-test"), "percent", 10), Column(tr.gettext("Post-test"), "percent", 10),
        Column(tr.gettext("Gain (points)"), "points", 10),
        Column(tr.gettext("Satisfied"), "percent", 10),
        Column(tr.gettext("Evaluation responses"), "integer", 12),
    ]  # fmt: skip
    kinds = [c.kind for c in columns]
    sheet.table(columns)
    for row in figures.sessions:
        s = row.session
        sheet.append([s.title, s.start_date, s.end_date, s.town, s.region, s.organiser,
                      "; ".join(s.funders or []), s.theme, row.participants,
                      *(row.by_sex.get(sex, 0) for sex in SEXES), row.attendance_rate,
                      percent(row.mean_pre), percent(row.mean_post), row.mean_gain,
                      row.satisfaction, row.responses], kinds)  # fmt: skip
    sheet.finish()


# -- Participants ------------------------------------------------------------------------------


def _participants(workbook: Workbook, tr: Translator
                  ) -> tuple[SheetWriter, Callable[[TrainingSession, PersonRow], None]]:  # fmt: skip
    """The Participants sheet with its header, and what appends one person's row to it (for
    ``overview(on_person=...)``); finish the sheet after the last row."""
    sheet = _sheet(workbook, tr.gettext("Participants"), tr)
    columns = [
        Column(tr.gettext("Session"), width=40), Column(session_label(tr, "start_date"), "date"),
        Column(tr.gettext("Family name"), width=18), Column(tr.gettext("Given names"), width=18),
        Column(tr.gettext("Sex"), width=10), Column(tr.gettext("Institution"), width=26),
        Column(tr.gettext("Region"), width=16), Column(tr.gettext("Attendance rate"), "percent", 12),
        Column(tr.gettext("Attended enough"), width=10), Column(tr.gettext("Pre-test"), "percent", 10),
        Column(tr.gettext("Post-test"), "percent", 10),
    ]  # fmt: skip
    kinds = [c.kind for c in columns]
    sheet.table(columns)
    sexes = {sex: sex_name(tr, sex) for sex in SEXES}
    yes, no = yes_no(tr, True), yes_no(tr, False)

    def append(session: TrainingSession, person: PersonRow) -> None:
        p = person.participant
        sheet.append([
            session.title, session.start_date, p.family_name, p.given_names,
            sexes.get(p.sex, sexes["unstated"]), p.institution, p.region or session.region,
            person.rate, yes if person.eligible else no, percent(person.pre), percent(person.post),
        ], kinds)  # fmt: skip

    return sheet, append
