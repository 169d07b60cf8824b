"""Excel workbooks (reports.spreadsheet, session_workbook, overview_workbook): read back with
openpyxl, figures checked against values worked out by hand and against the core's
session_report / overview; hostile names never become formulas; a stopped export leaves nothing."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet import _writer as openpyxl_writer

from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.errors import Cancelled
from trainer_desktop.core.form_content import FormItem
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.overview import OverviewFilter, overview, person_rows
from trainer_desktop.core.quiz_content import true_false
from trainer_desktop.core.reporting import session_report
from trainer_desktop.reports.overview_workbook import write_overview_workbook
from trainer_desktop.reports.session_workbook import write_session_workbook
from trainer_desktop.reports.spreadsheet import (
    BOLD,
    Column,
    SheetWriter,
    formatted_text,
    safe_text,
    sheet_title,
)

EN = Translator("en")
FR = Translator("fr")
SEVARE = demo_id("real/opj-sevare-2022")
DAY = dt.date(2024, 3, 4)
HOSTILE = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR"]
INVISIBLE = ("\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
             "\u202f", "\u2066", "\u2067", "\u2068", "\u2069")  # fmt: skip
QUESTIONS = [true_false(f"Affirmation {n}", True, key=f"q{n}") for n in range(1, 5)]


# -- safe text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE + ["=1+2", "＝1+2"])
def test_a_formula_trigger_is_neutralised_with_a_quote(text):
    assert safe_text(text) == "'" + text


def test_plain_text_is_kept_and_bad_characters_dropped():
    assert safe_text("TRAORÉ Awa — 3e brigade") == "TRAORÉ Awa — 3e brigade"
    assert safe_text("a\x00b\x07c\nd") == "abc\nd"  # refused control characters, line break kept
    assert safe_text("\x01=1") == "'=1"  # dropping a character cannot uncover a trigger
    assert safe_text("x" * 40_000) == "x" * 32_767
    assert safe_text("\u200fمرحبا") == "\u200fمرحبا"  # a user's own marks are theirs
    assert formatted_text("8\u202fnov.\u200e 2022") == "8\u00a0nov. 2022"
    assert formatted_text("\u2068-3\u2069") == "'-3"


@given(st.text())
def test_safe_text_is_never_a_formula_and_always_writable(text):
    out = safe_text(text)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not ILLEGAL_CHARACTERS_RE.search(out)
    ws = Workbook().active
    ws["A1"] = out  # openpyxl raises on any character it refuses
    assert ws["A1"].data_type == "s"


def test_sheet_titles_are_valid_and_unique():
    assert sheet_title("Quiz: before/after [test]?") == "Quiz beforeafter test"
    long = "Évaluation — réponses des participants par question"
    assert len(sheet_title(long)) == 31
    assert sheet_title("Summary", ["summary"]) == "Summary (2)"
    assert len(sheet_title(long, [sheet_title(long)])) == 31


@pytest.mark.parametrize("write_only", [False, True])
def test_a_table_has_typed_cells_a_frozen_bold_header_and_an_autofilter(tmp_path, write_only):
    workbook = Workbook(write_only=write_only)
    ws = workbook.create_sheet("T")
    sheet = SheetWriter(ws, "fr")
    columns = [Column("Nom"), Column("Date", "date"), Column("Taux", "percent"),
               Column("Heures", "decimal"), Column("Gain", "points")]  # fmt: skip
    sheet.table(columns)
    sheet.append(["=2+2", dt.date(2022, 11, 8), 0.75, 7.5, -2.5], [c.kind for c in columns])
    sheet.append(["Diarra", None, None, 3.0, 10.0], [c.kind for c in columns])
    sheet.finish()
    workbook.save(tmp_path / "t.xlsx")

    back = load_workbook(tmp_path / "t.xlsx")["T"]
    assert back.freeze_panes == "A2"
    assert back.auto_filter.ref == "A1:E3"
    assert back["A1"].font.b
    name, day, rate, hours, gain = back[2]
    assert (name.value, name.data_type) == ("'=2+2", "s")
    assert day.is_date and day.value == dt.datetime(2022, 11, 8) and day.number_format == "dd/mm/yyyy"
    assert (rate.value, rate.number_format) == (0.75, "0.0%")
    assert (hours.value, hours.number_format) == (7.5, "0.0")
    assert gain.value == -2.5 and gain.number_format.startswith("+0.0")
    assert back["B3"].value is None
    assert 6 <= back.column_dimensions["A"].width <= 60


@pytest.mark.parametrize("write_only", [False, True])
def test_text_cells_stay_text_whatever_they_look_like(tmp_path, write_only):
    """A streaming sheet hands plain text to openpyxl as a value (faster): what would not be
    stored as text so — an error code — still is."""
    workbook = Workbook(write_only=write_only)
    sheet = SheetWriter(workbook.create_sheet("T"), "en")
    texts = ["#N/A", "#DIV/0!", "=1+2", "007", 12, "a\x00b", "\x00", "Keïta"]
    sheet.append(texts)
    sheet.append(["Bold"], font=BOLD)
    workbook.save(tmp_path / "t.xlsx")

    back = load_workbook(tmp_path / "t.xlsx")["T"]
    row = back[1]
    assert [c.value for c in row] == ["#N/A", "#DIV/0!", "'=1+2", "007", "12", "ab", None, "Keïta"]
    assert all(c.data_type == "s" for c in row if c.value is not None)
    assert back["A2"].value == "Bold" and back["A2"].font.b


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory, template_db):
    from workspaces import clone_template

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    workspace = clone_template(template_db, path, "demo")
    load_demo(workspace)
    workspace.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def demo(demo_template, tmp_path):
    from workspaces import clone_template

    workspace = clone_template(demo_template, tmp_path / "demo.sqlite", "demo")
    yield workspace
    workspace.close()


@pytest.fixture
def small(workspace):
    """A session worked out by hand: one day, two periods (8:30-12:30 and 14:00-17:30: 7.5 h),
    rule 80 %, a 4-question test, a form with one 5-point scale and a comment.

    - Ba (woman): present, present -> 2 periods, 7.5 h, 100 %, eligible; pre 1/4, post 3/4
    - Cissé (woman): present, absent -> 1, 4 h, 50 %; pre 2/4, post 4/4
    - Diallo (man): late, not marked -> 1, 4 h, 50 %; pre only, 0/4
    Attendance 4 of 6 cells; mean pre (25+50+0)/3 = 25 %, mean post 87.5 %, mean gain
    (50+50)/2 = 50 points; ratings 5, 4, 2 -> 2 of 3 satisfied."""
    session = workspace.sessions.create(title="Atelier OPJ", start_date=DAY, end_date=DAY,
                                        town="Sévaré", region="Mopti")  # fmt: skip
    morning, afternoon = workspace.attendance.ensure_default_periods(session.id)
    quiz = workspace.quizzes.create("Garde à vue", "fr", "", QUESTIONS)
    workspace.quizzes.assign(session.id, "pre", quiz.id)
    workspace.quizzes.assign(session.id, "post", quiz.id)
    people = {}
    for name, sex, marks, pre, post in (
        ("Ba", "woman", ("present", "present"), 1, 3),
        ("Cissé", "woman", ("present", "absent"), 2, 4),
        ("Diallo", "man", ("late", None), 0, None),
    ):
        person = workspace.participants.create_and_enrol(
            session.id, family_name=name, given_names="A", sex=sex, institution="Police")
        people[name] = person
        for period, status in zip((morning, afternoon), marks, strict=True):
            if status:
                workspace.attendance.set_mark(person.enrolment.id, period.id, status, dt.time(9, 5))
        for phase, right in (("pre", pre), ("post", post)):
            if right is not None:
                attempt = workspace.quizzes.start_attempt(person.enrolment.id, phase)
                for n, question in enumerate(QUESTIONS):
                    workspace.quizzes.answer(attempt.id, question.key, "0" if n < right else "1")
                workspace.quizzes.submit(attempt.id)
    form = workspace.evaluations.create("Fin de session", "fr", [
        FormItem("rating", "objectives", {"fr": "Objectifs atteints"}, points=5),
        FormItem("text", "comment", {"fr": "Commentaire"})])  # fmt: skip
    workspace.evaluations.use(session.id, form.id)
    for answers in ({"objectives": "5", "comment": "=1+1 bien"}, {"objectives": "4"},
                    {"objectives": "2"}):  # fmt: skip
        workspace.evaluations.enter_response(session.id, form.id, answers)
    return session, people


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def _figure(ws, label: str):
    """The cell right of ``label`` in column A of a summary."""
    for row in ws.iter_rows(max_col=2):
        if row[0].value == label:
            return row[1]
    raise AssertionError(f"no figure {label!r}")


# -- the session workbook ------------------------------------------------------------------------


def test_the_session_workbook_of_a_session_worked_out_by_hand(workspace, small, tmp_path):
    session, _people = small
    out = write_session_workbook(workspace, session.id, tmp_path / "s.xlsx", translator=EN)
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Session", "Programme", "Participants", "Attendance",
                               "Quiz — participants", "Quiz — questions", "Evaluation"]  # fmt: skip

    summary = book["Summary"]
    assert summary["A1"].value == "Atelier OPJ"
    for label, value in (("Participants", 3), ("Women", 2), ("Men", 1), ("Sex not stated", 0),
                         ("Attended enough for a certificate", 1), ("Evaluation responses", 3)):  # fmt: skip
        cell = _figure(summary, label)
        assert (cell.value, cell.data_type) == (value, "n")
    for label, value in (("Attendance rate", 4 / 6), ("Mean pre-test score", 0.25),
                         ("Mean post-test score", 0.875),
                         ("Satisfied (top two points of the scales)", 2 / 3)):  # fmt: skip
        cell = _figure(summary, label)
        assert cell.value == pytest.approx(value) and cell.number_format == "0.0%"
    assert _figure(summary, "Mean gain (points)").value == pytest.approx(50)
    assert _figure(summary, "Planned hours").value == pytest.approx(7.5)
    assert len(summary._charts) == 2

    people = book["Participants"]
    assert people.freeze_panes == "A2" and people.auto_filter.ref == "A1:Q4"
    header = [c.value for c in people[1]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in _rows(people)[1:]}
    assert rows["Ba"]["Hours attended"] == pytest.approx(7.5)
    assert rows["Ba"]["Attended enough"] == "Yes" and rows["Cissé"]["Attended enough"] == "No"
    assert rows["Cissé"]["Attendance rate"] == pytest.approx(0.5)
    assert rows["Cissé"]["Pre-test"] == pytest.approx(0.5) and rows["Cissé"]["Post-test"] == 1
    assert rows["Cissé"]["Gain (points)"] == pytest.approx(50)
    assert rows["Diallo"]["Post-test"] is None and rows["Diallo"]["Gain (points)"] is None
    rate = people.cell(2, header.index("Attendance rate") + 1)
    assert rate.data_type == "n" and rate.number_format == "0.0%"

    grid = _rows(book["Attendance"])
    assert [r[:3] for r in grid[1:4]] == [("BA A", "Present", "Present"),
                                          ("CISSÉ A", "Present", "Absent"),
                                          ("DIALLO A", "Late 09:05", None)]  # fmt: skip
    totals = {r[0]: r[1:3] for r in grid[5:]}
    assert totals["Present"] == (2, 1) and totals["Late"] == (1, 0)
    assert totals["Not marked"] == (0, 1) and totals["Attendance rate"] == (1, pytest.approx(1 / 3))

    questions = _rows(book["Quiz — questions"])
    # Question 1 right for Ba and Cissé before (2 of 3), for both after (2 of 2).
    assert questions[1][0] == 1 and questions[1][2:4] == (pytest.approx(2 / 3), 1)

    evaluation = _rows(book["Evaluation"])
    by_answer = {r[2]: r for r in evaluation[1:6]}
    assert by_answer["5"][3:5] == (1, pytest.approx(1 / 3))
    assert by_answer["1"][3] == 0
    assert evaluation[1][5] == pytest.approx(11 / 3) and evaluation[1][6] == pytest.approx(2 / 3)
    assert ("Fin de session", "Objectifs atteints", "'=1+1 bien") not in evaluation  # a text item
    assert any(r[2] == "'=1+1 bien" for r in evaluation)  # the comment, neutralised

    session_sheet = book["Session"]
    assert session_sheet["B4"].is_date and session_sheet["B4"].value == dt.datetime(2024, 3, 4)


def test_the_session_workbook_matches_the_session_report(demo, tmp_path):
    report = session_report(demo, SEVARE)
    out = write_session_workbook(demo, SEVARE, tmp_path / "sevare.xlsx", translator=FR)
    book = load_workbook(out)
    assert book.sheetnames[0] == "Résumé" or book.worksheets[0]._charts  # Summary first
    assert all(len(name) <= 31 for name in book.sheetnames)
    summary = book.worksheets[0]
    figures = {row[0]: row[1] for row in summary.iter_rows(min_row=5, max_row=17, max_col=2,
                                                           values_only=True)}  # fmt: skip
    values = list(figures.values())
    assert values[0] == len(report.participants) == 38
    assert values[1:4] == [report.by_sex["woman"], report.by_sex["man"], report.by_sex["unstated"]]
    assert report.attendance_rate in values and report.eligible in values
    assert pytest.approx(report.mean_pre / 100) in values
    assert pytest.approx(report.mean_gain) in values
    assert len(summary._charts) == 2

    people = book.worksheets[3]
    assert people.max_row == 1 + len(report.participants)
    for row, line in zip(people.iter_rows(min_row=2), report.participants, strict=True):
        assert row[1].value == line.person.participant.family_name
        assert row[11].value == pytest.approx(line.rate)
        assert (row[13].value is None) == (line.pre is None)
        if line.pre is not None:
            assert row[13].value == pytest.approx(line.pre / 100) and row[13].number_format == "0.0%"
        assert row[16].value == line.certificate_code
    attendance = book.worksheets[4]
    assert attendance.max_column == 1 + len(report.periods) + 2
    questions = book.worksheets[6]
    assert questions.max_row == 1 + len(report.quiz.questions)
    programme = book.worksheets[2]
    assert programme.max_row == 1 + len(report.programme)
    assert programme["B2"].value == report.programme[0].start_time
    for ws in book.worksheets[1:]:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


# -- the overview workbook -----------------------------------------------------------------------


def test_the_overview_workbook_matches_the_overview(demo, tmp_path):
    figures = overview(demo)
    out = write_overview_workbook(demo, OverviewFilter(), tmp_path / "o.xlsx", translator=EN)
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Sessions", "Participants"]
    summary = book["Summary"]
    assert _figure(summary, "Sessions").value == len(figures.sessions) == 13
    assert _figure(summary, "Participant enrolments").value == figures.enrolments
    assert _figure(summary, "People trained (each counted once)").value == figures.people
    assert _figure(summary, "Women").value == figures.by_sex["woman"]
    rate = _figure(summary, "Attendance rate")
    assert rate.value == pytest.approx(figures.attendance_rate) and rate.number_format == "0.0%"
    assert _figure(summary, "Mean gain (points)").value == pytest.approx(figures.mean_gain)
    assert _figure(summary, "Region").value == "All"
    assert len(summary._charts) == 2
    regions = {r[3]: r[4] for r in summary.iter_rows(values_only=True) if r[3]}
    assert all(regions[c.label or "Not stated"] == c.count for c in figures.by_region)

    sessions = book["Sessions"]
    assert sessions.freeze_panes == "A2" and sessions.auto_filter.ref == f"A1:R{1 + 13}"
    first = figures.sessions[0]
    row = sessions[2]
    assert row[0].value == first.session.title
    assert row[1].is_date and row[1].value.date() == first.session.start_date
    assert row[8].value == first.participants
    assert row[12].value == pytest.approx(first.attendance_rate) and row[12].number_format == "0.0%"

    people = book["Participants"]
    assert people.max_row == 1 + figures.enrolments
    assert people.freeze_panes == "A2" and people.auto_filter.ref == f"A1:K{1 + figures.enrolments}"
    rates = [r[7] for r in people.iter_rows(min_row=2, values_only=True)]
    assert all(r is None or isinstance(r, float | int) for r in rates)
    # Written in the pass that made the figures: the rows person_rows gives, in its order.
    titles = {row.session.id: row.session.title for row in figures.sessions}
    expected = [(titles[r.session_id], r.participant.family_name or None, r.rate,
                 None if r.pre is None else pytest.approx(r.pre / 100))
                for r in person_rows(demo, OverviewFilter())]  # fmt: skip
    assert [(r[0], r[2], r[7], r[9]) for r in people.iter_rows(min_row=2, values_only=True)] == expected


def test_the_overview_workbook_shows_its_filter(demo, tmp_path):
    wanted = OverviewFilter(start=dt.date(2022, 1, 1), region="mopti")
    figures = overview(demo, wanted)
    out = write_overview_workbook(demo, wanted, tmp_path / "o.xlsx", translator=EN)
    book = load_workbook(out)
    summary = book["Summary"]
    start = _figure(summary, "Sessions ending on or after")
    assert start.is_date and start.value == dt.datetime(2022, 1, 1)
    assert _figure(summary, "Region").value == "mopti"
    assert _figure(summary, "Sessions").value == len(figures.sessions) >= 1
    assert book["Participants"].max_row == 1 + figures.enrolments


# -- hostile names, invisible marks --------------------------------------------------------------


def _hostile(workspace, session_id: str) -> None:
    """Store the names as a bundle from a tampered laptop could (the form would have trimmed the
    tab and the carriage return)."""
    people = [workspace.participants.create_and_enrol(session_id, family_name=f"X{n}",
                                                      institution="Police")
              for n in range(len(HOSTILE))]  # fmt: skip
    with workspace.db.write() as tx:
        for person, name in zip(people, HOSTILE, strict=True):
            tx.connection().exec_driver_sql(
                "UPDATE participant SET family_name = ?, given_names = ?, institution = ? WHERE id = ?",
                (name, name, name, person.participant.id))


@pytest.mark.parametrize("translator", [EN, FR], ids=["en", "fr"])
def test_hostile_names_never_become_formulas(workspace, small, tmp_path, translator):
    session, _people = small
    _hostile(workspace, session.id)
    books = [
        write_session_workbook(workspace, session.id, tmp_path / "s.xlsx", translator=translator),
        write_overview_workbook(workspace, OverviewFilter(), tmp_path / "o.xlsx",
                                translator=translator),
    ]  # fmt: skip
    for path in books:
        found = set()
        for ws in load_workbook(path):
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, ws.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        assert not any(mark in cell.value for mark in INVISIBLE), cell.value
                        # no text a spreadsheet could read as a formula, whatever its source
                        assert cell.value.startswith("'") or not cell.value.startswith(
                            ("=", "+", "-", "@", "\t", "\r")), (ws.title, cell.value)
                        for name in HOSTILE:
                            # XML reads a stored carriage return back as a line feed
                            if cell.value.lstrip("'").startswith(name.replace("\r", "\n")):
                                assert cell.value.startswith("'"), (ws.title, cell.value)
                                found.add(name)
        assert found == set(HOSTILE), path.name


# -- stopping ------------------------------------------------------------------------------------


def _stop_after(calls: int):
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return len(seen) < calls

    return progress, seen


@pytest.mark.parametrize("calls", [1, 3, 6])
def test_stopping_the_session_workbook_leaves_the_old_file(demo, tmp_path, calls):
    out = tmp_path / "sevare.xlsx"
    out.write_bytes(b"the previous export")
    progress, seen = _stop_after(calls)
    with pytest.raises(Cancelled):
        write_session_workbook(demo, SEVARE, out, progress=progress)
    assert len(seen) == calls
    assert out.read_bytes() == b"the previous export"
    assert sorted(os.listdir(tmp_path)) == sorted(["sevare.xlsx", "demo.sqlite", *_sqlite_extras(tmp_path)])


def _sqlite_extras(folder) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith("demo.sqlite-")]


# The 13 demo sessions: call 1 is the start, 2-15 the pass over the sessions (call 5 with part
# of the participants streamed), 16 the sheets all written, before the save.
@pytest.mark.parametrize("calls", [1, 5, 16])
def test_stopping_the_overview_workbook_leaves_no_file(demo, tmp_path, calls):
    before = set(openpyxl_writer.ALL_TEMP_FILES)
    progress, seen = _stop_after(calls)
    with pytest.raises(Cancelled):
        write_overview_workbook(demo, OverviewFilter(), tmp_path / "o.xlsx", progress=progress)
    assert len(seen) == calls
    assert not (tmp_path / "o.xlsx").exists()
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]
    # the rows streamed to openpyxl's temporary files are gone too
    assert not [p for p in set(openpyxl_writer.ALL_TEMP_FILES) - before if os.path.exists(p)]


def test_the_streamed_rows_stay_beside_the_export_never_in_the_system_temporary_folder(
        demo, tmp_path, monkeypatch):  # fmt: skip
    """The rows hold participants' names: nothing goes outside the file the user chose."""
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(system_temp))
    out_dir = tmp_path / "usb"
    staged: list[list[str]] = []

    in_system_temp: list[str] = []

    def look(done, total):  # noqa: ANN001, ANN202
        staged.append([n for n in os.listdir(out_dir) if n.startswith(".openpyxl.")]
                      if out_dir.exists() else [])  # fmt: skip
        in_system_temp.extend(os.listdir(system_temp))

    write_overview_workbook(demo, OverviewFilter(), out_dir / "o.xlsx", progress=look)
    assert in_system_temp == [] and os.listdir(system_temp) == []
    assert any(staged)  # the rows were streamed to the export's folder while it ran...
    assert sorted(os.listdir(out_dir)) == ["o.xlsx"]  # ...and are gone once it is saved


def test_progress_reaches_the_end(demo, tmp_path):
    seen = []
    write_overview_workbook(demo, OverviewFilter(), tmp_path / "o.xlsx",
                            progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert seen[0] == (0, 100) and seen[-1] == (100, 100)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


# -- Arabic: sheets read from the right ----------------------------------------------------------


def test_arabic_workbooks_read_from_the_right_and_others_from_the_left(demo, tmp_path):
    ar = Translator("ar")
    for write, target in ((lambda t, out: write_session_workbook(demo, SEVARE, out, translator=t),
                           "s"),
                          (lambda t, out: write_overview_workbook(demo, OverviewFilter(), out,
                                                                  translator=t), "o")):  # fmt: skip
        arabic = load_workbook(write(ar, tmp_path / f"{target}-ar.xlsx"))
        assert all(ws.sheet_view.rightToLeft for ws in arabic.worksheets), target
        # The sheets are named and headed in Arabic, and the figures are the same numbers.
        assert any("\u0600" <= ch <= "\u06ff" for ch in arabic.sheetnames[0]), arabic.sheetnames
        french = load_workbook(write(FR, tmp_path / f"{target}-fr.xlsx"))
        assert not any(ws.sheet_view.rightToLeft for ws in french.worksheets), target
        for ar_ws, fr_ws in zip(arabic.worksheets, french.worksheets, strict=True):
            numbers = [[c for c in row if isinstance(c, int | float)]
                       for row in ar_ws.iter_rows(values_only=True)]  # fmt: skip
            assert numbers == [[c for c in row if isinstance(c, int | float)]
                               for row in fr_ws.iter_rows(values_only=True)], ar_ws.title  # fmt: skip
