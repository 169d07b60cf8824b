"""``trainer-desktop report …`` on the demo data: every sub-command writes a file that reads back,
``verify`` finds the code ``certificate_code`` prints, and every refusal exits non-zero with one
clear line, writing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from workspaces import clone_template

from trainer_desktop.cli.main import main
from trainer_desktop.core.certificates import certificate_code
from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.overview import overview
from trainer_desktop.core.reporting import session_report
from trainer_desktop.reports.attendance_pdf import sheet_header
from trainer_desktop.reports.fonts import printable
from trainer_desktop.reports.overview_pdf import key_figure_lines

EN = Translator("en")
#: 25 participants, 6 sign-in periods, a pre-test and a post-test, two evaluation forms.
MNP = demo_id("real/mnp-rabat-2019")


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The demo database, and what the tests compare the documents with (read once)."""
    path = tmp_path_factory.mktemp("report_cli") / "demo.sqlite"
    workspace = clone_template(template_db, path, "demo")
    try:
        load_demo(workspace)
        data = session_report(workspace, MNP)
        facts = {
            "db": path,
            "report": data,
            "periods": workspace.attendance.periods(MNP),
            "overview": overview(workspace),
            "empty": next(s.id for s in workspace.sessions.list()
                          if not workspace.attendance.periods(s.id)),
        }  # fmt: skip
    finally:
        workspace.close()
    yield facts


def _run(capsys, demo: dict, *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "report", *args, "--db", str(demo["db"])])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _norm(text: str) -> str:
    return " ".join(printable(text).split())


def test_session_report_as_pdf_and_as_workbook(capsys, demo, tmp_path):
    title = demo["report"].session.title
    pdf = tmp_path / "report.pdf"
    code, out, err = _run(capsys, demo, "session", "--session", MNP, "--out", str(pdf))
    assert (code, out, err) == (0, f"Written to {pdf}.\n", "")
    text = _text(pdf)
    assert "Session report" in text and _norm(title) in text
    xlsx = tmp_path / "report.XLSX"  # the extension's case does not matter
    assert _run(capsys, demo, "session", "--session", MNP, "--out", str(xlsx), "--language", "fr")[0] == 0
    book = load_workbook(xlsx, read_only=True)
    assert len(book.sheetnames) >= 3
    values = [cell for row in book.worksheets[0].iter_rows(values_only=True) for cell in row]
    assert title in values
    book.close()


def test_workbook_writes_xlsx_only(capsys, demo, tmp_path):
    xlsx = tmp_path / "w.xlsx"
    assert _run(capsys, demo, "workbook", "--session", MNP, "--out", str(xlsx))[0] == 0
    load_workbook(xlsx, read_only=True).close()
    code, out, err = _run(capsys, demo, "workbook", "--session", MNP, "--out", str(tmp_path / "w.pdf"))
    assert code == 1 and out == ""
    assert err == f"trainer-desktop: “{tmp_path / 'w.pdf'}”: the file name must end in .xlsx.\n"
    assert not (tmp_path / "w.pdf").exists()


def test_attendance_every_period_or_one(capsys, demo, tmp_path):
    periods = demo["periods"]
    every = tmp_path / "all.pdf"
    assert _run(capsys, demo, "attendance", "--session", MNP, "--out", str(every), "--signed")[0] == 0
    text = _text(every)
    assert text.count("Attendance sheet") == len(periods) == 6  # one sheet per period
    assert "Present" in text  # signed: the status column
    session = demo["report"].session
    for period in periods:  # loose pages name their period in the header (the title, cut, last)
        day_and_period = " · ".join(sheet_header(EN, session, period).split(" · ")[:2])
        assert _norm(f"{day_and_period} · Atelier sur la mise") in text, period.id
    one = tmp_path / "one.pdf"
    code, _out, _err = _run(capsys, demo, "attendance", "--session", MNP, "--period", periods[1].id,
                            "--out", str(one))  # fmt: skip
    assert code == 0
    text = _text(one)
    assert text.count("Attendance sheet") == 1 and "Afternoon" in text and "Morning" not in text
    code, _out, err = _run(capsys, demo, "attendance", "--session", MNP, "--period", "nope",
                           "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and "no sign-in period with the id “nope”" in err and err.count("\n") == 1
    code, _out, err = _run(capsys, demo, "attendance", "--session", demo["empty"], "--out",
                           str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and "has no sign-in periods" in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_participant_list(capsys, demo, tmp_path):
    out = tmp_path / "list.pdf"
    assert _run(capsys, demo, "participants", "--session", MNP, "--out", str(out))[0] == 0
    text = _text(out)
    assert _norm(demo["report"].session.title) in text
    for line in demo["report"].participants[:3]:
        assert _norm(line.person.participant.family_name.upper()) in text


def test_certificates_in_one_file_separate_or_chosen(capsys, demo, tmp_path):
    eligible = demo["report"].eligible
    one = tmp_path / "certificates.pdf"
    code, out, _err = _run(capsys, demo, "certificates", "--session", MNP, "--out", str(one))
    assert code == 0 and out == f"{eligible} certificates written to {one}.\n"
    assert len(PdfReader(one).pages) == eligible
    folder = tmp_path / "each"
    code, out, _err = _run(capsys, demo, "certificates", "--session", MNP, "--out", str(folder),
                           "--separate")  # fmt: skip
    assert code == 0 and out == f"{eligible} certificates written to {folder}.\n"
    assert len(list(folder.glob("*.pdf"))) == eligible
    chosen = [line.person.enrolment.id for line in demo["report"].participants[:2]]
    two = tmp_path / "two.pdf"
    code, out, _err = _run(capsys, demo, "certificates", "--session", MNP, "--out", str(two),
                           "--person", chosen[0], "--person", chosen[1])  # fmt: skip
    assert code == 0 and out == f"2 certificates written to {two}.\n"
    assert certificate_code(chosen[1]) in _text(two)
    code, _out, err = _run(capsys, demo, "certificates", "--session", MNP, "--out",
                           str(tmp_path / "c.docx"))  # fmt: skip
    assert code == 1 and "must end in .pdf" in err


def test_summary_as_pdf_and_workbook_with_a_filter(capsys, demo, tmp_path):
    pdf = tmp_path / "summary.pdf"
    assert _run(capsys, demo, "summary", "--out", str(pdf))[0] == 0
    text = _text(pdf)
    for label, value in key_figure_lines(demo["overview"], EN):
        assert _norm(f"{label} {value}") in text
    narrowed = tmp_path / "mopti.pdf"
    code, _out, _err = _run(capsys, demo, "summary", "--out", str(narrowed), "--from", "2022-01-01",
                            "--to", "2022-12-31", "--region", "MOPTI")  # fmt: skip
    assert code == 0
    text = _text(narrowed)
    assert "Sessions from January 1, 2022 to December 31, 2022 · region MOPTI" in text
    assert "Sessions 1 " in text and "Participant enrolments 38" in text  # the Sévaré workshop
    xlsx = tmp_path / "summary.xlsx"
    assert _run(capsys, demo, "summary", "--out", str(xlsx), "--language", "fr")[0] == 0
    book = load_workbook(xlsx, read_only=True)
    assert len(book.sheetnames) == 3
    book.close()


def test_summary_refusals(capsys, demo, tmp_path):
    code, _out, err = _run(capsys, demo, "summary", "--out", str(tmp_path / "s.docx"))
    assert code == 1 and err.endswith("the file name must end in .pdf or .xlsx.\n")
    code, _out, err = _run(capsys, demo, "summary", "--out", str(tmp_path / "s.pdf"), "--from",
                           "2026-06-30", "--to", "2026-01-01")  # fmt: skip
    assert code == 1 and "--from (2026-06-30) is after --to (2026-01-01)." in err
    with pytest.raises(SystemExit) as exit_:
        _run(capsys, demo, "summary", "--out", str(tmp_path / "s.pdf"), "--from", "31/01/2026")
    assert exit_.value.code == 2
    assert "“31/01/2026” is not a date: write it as 2026-01-31." in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_verify_finds_a_printed_code_and_refuses_an_unknown_one(capsys, demo):
    line = demo["report"].participants[0]
    code_text = certificate_code(line.person.enrolment.id)
    typed = code_text.lower().replace("-", " ")  # as read out over the phone
    code, out, err = _run(capsys, demo, "verify", typed)
    assert code == 0 and err == ""
    assert f"Code:           {code_text}" in out
    assert f"Person:         {line.person.participant.display_name}" in out
    assert f"Session:        {demo['report'].session.title}" in out
    assert "Dates:          June 24, 2019 – June 26, 2019" in out
    assert "Hours attended: " in out
    eligible = "yes: attended enough" if line.eligible else "no: did not attend enough"
    assert f"Eligible:       {eligible}" in out
    code, out, err = _run(capsys, demo, "verify", "ABCDE-FGHJK")
    assert code == 1 and out == ""
    assert err.startswith("trainer-desktop: No certificate has the code “ABCDE-FGHJK”")
    assert err.count("\n") == 1
    code, _out, err = _run(capsys, demo, "verify", "hello!")
    assert code == 1 and err.count("\n") == 1


def test_unknown_or_missing_session(capsys, demo, tmp_path):
    for command in ("session", "workbook", "participants", "certificates", "attendance"):
        suffix = ".xlsx" if command == "workbook" else ".pdf"
        code, _out, err = _run(capsys, demo, command, "--session", "nope", "--out",
                               str(tmp_path / f"x{suffix}"))  # fmt: skip
        assert (code, err) == (1, "trainer-desktop: No session has the id “nope”.\n"), command
        with pytest.raises(SystemExit) as exit_:
            _run(capsys, demo, command, "--out", str(tmp_path / f"x{suffix}"))
        assert exit_.value.code == 2
        assert "the following arguments are required: --session" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_help_on_every_report_command(capsys):
    for command in ([], ["session"], ["workbook"], ["attendance"], ["participants"],
                    ["certificates"], ["summary"], ["verify"]):  # fmt: skip
        with pytest.raises(SystemExit) as exit_:
            main(["--lang", "en", "report", *command, "--help"])
        assert exit_.value.code == 0
        assert "usage: trainer-desktop report" in capsys.readouterr().out
