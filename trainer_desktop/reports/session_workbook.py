"""The workbook of one session for the funder (Excel), from :func:`core.reporting.session_report`.

Sheets, in the document's language: **Summary** first (the figures the funder asks for, the
participants by institution, and native Excel bar charts: participants by sex, mean pre-test
against post-test score), then **Session** (its facts, and the people enrolled in other roles),
**Programme**, **Participants** (one line each: attendance, tests, certificate code),
**Attendance** (people × periods, with each period's totals under the grid), **Quiz —
participants** and **Quiz — questions** when the session has a test, and **Evaluation** (each
form's items with their counts and shares, then the written comments) when it uses a form.

Figures are numbers, dates are dates, shares are percentages (see :mod:`.spreadsheet`). Phone
numbers, e-mail addresses and identity numbers are left out: a workbook is sent by e-mail, and
the people trained work in a conflict zone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from trainer_desktop.core import i18n
from trainer_desktop.core.form_content import CHOICE_KINDS, text_in
from trainer_desktop.core.i18n import N_, Translator
from trainer_desktop.core.participants import ROLES, SEXES
from trainer_desktop.core.programme import ITEM_KINDS
from trainer_desktop.core.progress import Progress, report
from trainer_desktop.core.reporting import SessionReport, session_report
from trainer_desktop.core.sessions import SESSION_LANGUAGES

from .attendance_pdf import period_name, status_note
from .layout import session_label
from .quiz_pdf import plain_text
from .spreadsheet import BOLD, Column, SheetWriter, formatted_text, new_sheet, save

if TYPE_CHECKING:
    from trainer_desktop.core.attendance import Grid
    from trainer_desktop.core.evaluations import EvaluationForm
    from trainer_desktop.core.form_analysis import ItemAnalysis
    from trainer_desktop.core.workspace import Workspace

#: The plural a funder reads in a summary, per sex.
SEX_GROUPS = {"woman": N_("Women"), "man": N_("Men"), "unstated": N_("Sex not stated")}
#: Where the Summary's charts and their data sit (right of the figures).
CHART_DATA_COLUMN = 4  # D
CHART_ANCHOR_COLUMN = "G"


def write_session_workbook(
    workspace: Workspace,
    session_id: str,
    path: Path,
    *,
    translator: Translator | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the workbook of ``session_id`` to ``path`` (replaced atomically); returns ``path``.

    ``translator`` chooses the document's language (default: the interface's). ``progress`` is
    told after each sheet; returning False stops with :class:`Cancelled`, and nothing is
    written. Raises :class:`NotFoundError` if the session was deleted and :class:`UserError` if
    the file cannot be written.
    """
    tr = translator or i18n.current()
    data = session_report(workspace, session_id)
    grid = workspace.attendance.grid(session_id)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: list[Callable[[], None]] = [
        lambda: _summary(workbook, data, tr),
        lambda: _session(workbook, data, tr),
        lambda: _programme(workbook, data, tr),
        lambda: _participants(workbook, data, tr),
        lambda: _attendance(workbook, data, grid, tr),
    ]
    if data.quiz is not None:
        sheets += [lambda: _quiz_people(workbook, data, tr), lambda: _quiz_questions(workbook, data, tr)]
    if data.evaluations:
        sheets.append(lambda: _evaluation(workbook, data, tr))
    total = len(sheets) + 1
    report(progress, 0, total)
    for done, write in enumerate(sheets, 1):
        write()
        report(progress, done, total)
    workbook.properties.title = data.session.title[:200]
    workbook.properties.creator = "Trainer Desktop"
    save(workbook, path)
    report(progress, total, total)
    return Path(path)


# -- shared wording ----------------------------------------------------------------------------


def yes_no(tr: Translator, value: bool) -> str:
    return tr.gettext("Yes") if value else tr.gettext("No")


def sex_name(tr: Translator, sex: str) -> str:
    label = SEXES.get(sex, SEXES["unstated"])
    return tr.gettext(label)


def percent(value: float | None) -> float | None:
    """A score in percent (0..100) as a share for a percentage cell (0..1)."""
    return None if value is None else value / 100


def _language_name(tr: Translator, code: str) -> str:
    name = SESSION_LANGUAGES.get(code)
    return tr.gettext(name) if name else code


# -- Summary -----------------------------------------------------------------------------------


def _summary(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    sheet = new_sheet(workbook, tr.gettext("Summary"), tr.language)
    session = data.session
    sheet.title(session.title)
    place = ", ".join(dict.fromkeys(p for p in (session.venue, session.town, session.region) if p))
    dates = formatted_text(tr.format_date_range(session.start_date, session.end_date, long=True))
    sheet.append([" — ".join(p for p in (dates, place) if p)])
    sheet.blank()
    responses = sum(section.results.responses for section in data.evaluations)
    figures: list[tuple[str, object, str]] = [
        (tr.gettext("Participants"), len(data.participants), "integer"),
        *((tr.gettext(SEX_GROUPS[sex]), data.by_sex[sex], "integer") for sex in SEXES),
        (tr.gettext("Institutions represented"),
         sum(1 for c in data.by_institution if c.label), "integer"),
        (tr.gettext("Planned hours"), data.planned_hours, "decimal"),
        (tr.gettext("Attendance rate"), data.attendance_rate, "percent"),
        (tr.gettext("Attended enough for a certificate"), data.eligible, "integer"),
        (tr.gettext("Mean pre-test score"), percent(data.mean_pre), "percent"),
        (tr.gettext("Mean post-test score"), percent(data.mean_post), "percent"),
        (tr.gettext("Mean gain (points)"), data.mean_gain, "points"),
        (tr.gettext("Satisfied (top two points of the scales)"), data.satisfaction, "percent"),
        (tr.gettext("Evaluation responses"), responses, "integer"),
    ]  # fmt: skip
    first_figure_row = sheet.rows + 1
    # A list of figures, not a table to sort or filter.
    sheet.table([Column(tr.gettext("Figure"), width=40), Column(tr.gettext("Value"), "decimal", 14)],
                freeze=False, autofilter=False)  # fmt: skip
    for label, value, kind in figures:
        sheet.append([label, value], ["text", kind])
    sheet.blank()
    sheet.title(tr.gettext("Participants by institution"), BOLD)
    for count in data.by_institution:
        sheet.append([count.label or tr.gettext("Not stated"), count.count], ["text", "integer"])
    sheet.finish()
    _summary_charts(sheet, data, tr, first_figure_row)


def _summary_charts(sheet: SheetWriter, data: SessionReport, tr: Translator, top: int) -> None:
    """Native bar charts beside the figures, over small tables of their own (a chart reads
    cells: these stay visible, so the funder sees what is drawn)."""
    ws = sheet.ws
    col = CHART_DATA_COLUMN
    sheet.fill(ws.cell(top, col), tr.gettext("Sex"), font=BOLD)
    sheet.fill(ws.cell(top, col + 1), tr.gettext("Participants"), font=BOLD)
    for offset, (sex, label) in enumerate(SEXES.items(), 1):
        sheet.fill(ws.cell(top + offset, col), tr.gettext(label))
        sheet.fill(ws.cell(top + offset, col + 1), data.by_sex[sex], "integer")
    by_sex = _bar_chart(tr.gettext("Participants by sex"), ws, col, top, len(SEXES), "0")
    ws.add_chart(by_sex, f"{CHART_ANCHOR_COLUMN}{top}")
    ws.column_dimensions["D"].width = max(ws.column_dimensions["D"].width or 0, 16)
    ws.column_dimensions["E"].width = max(ws.column_dimensions["E"].width or 0, 14)
    if data.mean_pre is None and data.mean_post is None:
        return
    row = top + len(SEXES) + 2
    sheet.fill(ws.cell(row, col), tr.gettext("Test"), font=BOLD)
    sheet.fill(ws.cell(row, col + 1), tr.gettext("Mean score"), font=BOLD)
    for offset, (label, value) in enumerate(
        ((tr.gettext("Pre-test"), data.mean_pre), (tr.gettext("Post-test"), data.mean_post)), 1
    ):
        sheet.fill(ws.cell(row + offset, col), label)
        sheet.fill(ws.cell(row + offset, col + 1), percent(value), "percent")
    scores = _bar_chart(tr.gettext("Mean score, before and after"), ws, col, row, 2, "0%")
    scores.y_axis.scaling.min = 0
    scores.y_axis.scaling.max = 1
    ws.add_chart(scores, f"{CHART_ANCHOR_COLUMN}{top + 16}")


def _bar_chart(title: str, ws, col: int, header_row: int, count: int, number_format: str) -> BarChart:
    """A vertical bar chart of the ``count`` rows under ``header_row``: labels in ``col``,
    values in the next column."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.legend = None
    chart.varyColors = False
    values = Reference(ws, min_col=col + 1, min_row=header_row, max_row=header_row + count)
    labels = Reference(ws, min_col=col, min_row=header_row + 1, max_row=header_row + count)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(labels)
    chart.y_axis.numFmt = number_format
    # openpyxl 3.1 hides both axes unless told otherwise.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 12, 7
    return chart


# -- Session -----------------------------------------------------------------------------------


def _session(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    sheet = new_sheet(workbook, tr.gettext("Session"), tr.language)
    session = data.session
    rows: list[tuple[str, object, str]] = [
        (session_label(tr, "title"), session.title, "text"),
        (session_label(tr, "theme"), session.theme, "text"),
        (session_label(tr, "start_date"), session.start_date, "date"),
        (session_label(tr, "end_date"), session.end_date, "date"),
        (session_label(tr, "venue"), session.venue, "text"),
        (session_label(tr, "town"), session.town, "text"),
        (session_label(tr, "region"), session.region, "text"),
        (session_label(tr, "country"), session.country, "text"),
        (session_label(tr, "organiser"), session.organiser, "text"),
        (session_label(tr, "funders"), "; ".join(session.funders or []), "text"),
        (session_label(tr, "facilitators"), "; ".join(session.facilitators or []), "text"),
        (session_label(tr, "target_audience"), session.target_audience, "text"),
        (session_label(tr, "expected_participants"), session.expected_participants, "integer"),
        (session_label(tr, "language"), _language_name(tr, session.language), "text"),
        (session_label(tr, "attendance_threshold"), session.attendance_threshold / 100, "percent"),
        (tr.gettext("Planned hours"), data.planned_hours, "decimal"),
        (session_label(tr, "objectives"), session.objectives, "longtext"),
    ]
    sheet.table([Column(tr.gettext("Field"), width=28), Column(tr.gettext("Value"), "longtext", 70)])
    for label, value, kind in rows:
        sheet.append([label, value], ["text", kind])
    sheet.end_table()
    if data.others:
        sheet.blank()
        sheet.title(tr.gettext("Other people enrolled"), BOLD)
        for person in data.others:
            role = ROLES.get(person.enrolment.role)
            sheet.append([tr.gettext(role) if role else person.enrolment.role,
                          _person_summary(person.participant)])  # fmt: skip
    sheet.finish()


def _person_summary(participant) -> str:
    return ", ".join(p for p in (participant.display_name, participant.function,
                                 participant.institution) if p)  # fmt: skip


# -- Programme ---------------------------------------------------------------------------------


def _programme(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    sheet = new_sheet(workbook, tr.gettext("Programme"), tr.language)
    columns = [Column(tr.gettext("Day"), "date"), Column(tr.pgettext("start time", "Start"), "time"),
               Column(tr.gettext("End"), "time"), Column(tr.gettext("Kind")),
               Column(tr.gettext("Activity")), Column(tr.gettext("Speaker")),
               Column(tr.gettext("Objective"), "longtext")]  # fmt: skip
    sheet.table(columns)
    kinds = [c.kind for c in columns]
    for item in data.programme:
        kind = ITEM_KINDS.get(item.kind)
        sheet.append([item.day, item.start_time, item.end_time,
                      tr.gettext(kind) if kind else item.kind, item.title, item.speaker,
                      item.objective], kinds)  # fmt: skip
    sheet.finish()


# -- Participants ------------------------------------------------------------------------------


def _participants(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    sheet = new_sheet(workbook, tr.gettext("Participants"), tr.language)
    columns = [
        Column(tr.gettext("No."), "integer"), Column(tr.gettext("Family name")),
        Column(tr.gettext("Given names")), Column(tr.gettext("Sex")),
        Column(tr.gettext("Institution")), Column(tr.gettext("Function or rank")),
        Column(tr.gettext("Unit or service")), Column(tr.gettext("Region")),
        Column(tr.gettext("Town")), Column(tr.gettext("Periods attended"), "integer"),
        Column(tr.gettext("Hours attended"), "decimal"),
        Column(tr.gettext("Attendance rate"), "percent"),
        Column(tr.gettext("Attended enough")), Column(tr.gettext("Pre-test"), "percent"),
        Column(tr.gettext("Post-test"), "percent"), Column(tr.gettext("Gain (points)"), "points"),
        Column(tr.gettext("Certificate code")),
    ]  # fmt: skip
    sheet.table(columns)
    kinds = [c.kind for c in columns]
    for number, line in enumerate(data.participants, 1):
        p = line.person.participant
        sheet.append([number, p.family_name, p.given_names, sex_name(tr, p.sex), p.institution,
                      p.function, p.unit, p.region, p.town, line.periods_attended,
                      line.hours_attended, line.rate, yes_no(tr, line.eligible),
                      percent(line.pre), percent(line.post), line.gain,
                      line.certificate_code], kinds)  # fmt: skip
    sheet.finish()


# -- Attendance --------------------------------------------------------------------------------


def _attendance(workbook: Workbook, data: SessionReport, grid: Grid, tr: Translator) -> None:
    """People × periods, the status in each cell; then, under the grid, each period's counts."""
    sheet = new_sheet(workbook, tr.gettext("Attendance"), tr.language)
    periods = [line.period for line in data.periods]
    headings = [formatted_text(f"{tr.format_date(p.day, 'EEE d MMM')}\n{period_name(tr, p)}")
                for p in periods]  # fmt: skip
    columns = [Column(tr.gettext("Name")), *(Column(h, width=14) for h in headings),
               Column(tr.gettext("Attendance rate"), "percent"),
               Column(tr.gettext("Attended enough"))]  # fmt: skip
    sheet.table(columns)
    kinds = [c.kind for c in columns]
    for line in data.participants:
        enrolment = line.person.enrolment.id
        statuses = []
        for period in periods:
            mark = grid.marks.get((enrolment, period.id))
            statuses.append(status_note(tr, mark.status, mark.arrived_at) if mark else "")
        sheet.append([line.person.participant.display_name, *statuses, line.rate,
                      yes_no(tr, line.eligible)], kinds)  # fmt: skip
    sheet.end_table()
    if not data.periods:
        sheet.finish()
        return
    sheet.blank()
    counts = [
        (tr.gettext("Present"), [p.present for p in data.periods], "integer"),
        (tr.gettext("Late"), [p.late for p in data.periods], "integer"),
        (tr.gettext("Absent"), [p.absent for p in data.periods], "integer"),
        (tr.gettext("Excused"), [p.excused for p in data.periods], "integer"),
        (tr.gettext("Not marked"), [p.unmarked for p in data.periods], "integer"),
        (tr.gettext("Attendance rate"), [p.rate for p in data.periods], "percent"),
        (tr.gettext("Hours"), [p.hours for p in data.periods], "decimal"),
    ]
    for label, values, kind in counts:
        sheet.append([label, *values], ["text", *([kind] * len(values))], BOLD if kind == "percent" else None)
    sheet.finish()


# -- Quiz --------------------------------------------------------------------------------------


def _quiz_people(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    sheet = new_sheet(workbook, tr.gettext("Quiz — participants"), tr.language)
    columns = [Column(tr.gettext("Name")), Column(tr.gettext("Sex")),
               Column(tr.gettext("Institution")), Column(tr.gettext("Pre-test"), "percent"),
               Column(tr.gettext("Post-test"), "percent"),
               Column(tr.gettext("Gain (points)"), "points")]  # fmt: skip
    sheet.table(columns)
    kinds = [c.kind for c in columns]
    for line in data.participants:
        p = line.person.participant
        sheet.append([p.display_name, sex_name(tr, p.sex), p.institution, percent(line.pre),
                      percent(line.post), line.gain], kinds)  # fmt: skip
    sheet.finish()


def _quiz_questions(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    """Each question: the share who got it right before and after (full marks)."""
    sheet = new_sheet(workbook, tr.gettext("Quiz — questions"), tr.language)
    columns = [Column(tr.gettext("No."), "integer"), Column(tr.gettext("Question"), "longtext"),
               Column(tr.gettext("Correct before"), "percent"),
               Column(tr.gettext("Correct after"), "percent"),
               Column(tr.gettext("Change (points)"), "points")]  # fmt: skip
    sheet.table(columns)
    kinds = [c.kind for c in columns]
    for row in data.quiz.questions if data.quiz else []:
        before = row.pre.percent_correct if row.pre else None
        after = row.post.percent_correct if row.post else None
        change = after - before if before is not None and after is not None else None
        text = plain_text(row.question.text, row.question.text_format)
        sheet.append([row.number, text, percent(before), percent(after), change], kinds)
    sheet.finish()


# -- Evaluation --------------------------------------------------------------------------------


def _evaluation(workbook: Workbook, data: SessionReport, tr: Translator) -> None:
    """One line per answer an item offers (a choice, a point of a scale): how many gave it and
    their share of those who answered the item; the item's mean and share satisfied on its first
    line. Then the written answers, one per line."""
    sheet = new_sheet(workbook, tr.gettext("Evaluation"), tr.language)
    columns = [Column(tr.gettext("Form")), Column(tr.gettext("Question"), "longtext"),
               Column(tr.gettext("Answer")), Column(tr.gettext("People"), "integer"),
               Column(tr.gettext("Share"), "percent"), Column(tr.gettext("Mean"), "decimal"),
               Column(tr.gettext("Satisfied"), "percent")]  # fmt: skip
    sheet.table(columns)
    kinds = [c.kind for c in columns]
    comments: list[tuple[str, str, str]] = []
    for section in data.evaluations:
        form = section.form
        for analysis in section.results.items:
            question = text_in(analysis.item.label, tr.language, form.language) or analysis.item.name
            lines = _answer_lines(analysis, form, tr)
            for index, (answer, people, share) in enumerate(lines):
                first = index == 0
                sheet.append([form.title, question, answer, people, share,
                              analysis.mean if first else None,
                              analysis.satisfied if first else None], kinds)  # fmt: skip
            comments += [(form.title, question, text) for text in analysis.texts]
    sheet.end_table()
    if comments:
        sheet.blank()
        sheet.title(tr.gettext("Comments"), BOLD)
        for form_title, question, text in comments:
            sheet.append([form_title, question, text], ["text", "longtext", "longtext"])
    sheet.finish()


def _answer_lines(analysis: ItemAnalysis, form: EvaluationForm,
                  tr: Translator) -> list[tuple[str, int, float | None]]:  # fmt: skip
    """(answer, people, share 0..1) for each answer the item offers; for numbers and texts, one
    line with the number of people who answered."""
    item = analysis.item

    def share(key: str) -> float | None:
        value = analysis.percent(key)
        return None if value is None else value / 100

    if item.kind == "rating":
        out = []
        for point in range(1, item.points + 1):
            label = (text_in(item.point_labels[point - 1], tr.language, form.language)
                     if len(item.point_labels) == item.points else "")  # fmt: skip
            out.append((f"{point} — {label}" if label else str(point),
                        analysis.counts.get(str(point), 0), share(str(point))))
        return out
    if item.kind in CHOICE_KINDS:
        return [(text_in(c.label, tr.language, form.language) or c.name,
                 analysis.counts.get(c.name, 0), share(c.name)) for c in item.choices]  # fmt: skip
    if item.kind == "yesno":
        return [(tr.gettext("Yes"), analysis.counts.get("yes", 0), share("yes")),
                (tr.gettext("No"), analysis.counts.get("no", 0), share("no"))]  # fmt: skip
    return [(tr.gettext("Answered"), analysis.answered, None)]
