"""The funder's report of a session: the figures printed are those of ``session_report``, in the
document's language and its formats; empty sections say so; the signed sheets follow in
appendix; fonts are embedded TrueType only; stopping through ``progress`` leaves no file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from workspaces import clone_template

from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.errors import Cancelled
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.participants import SEXES
from trainer_desktop.core.reporting import SessionReport, session_report
from trainer_desktop.reports.attendance_pdf import period_name
from trainer_desktop.reports.fonts import document_fonts, printable
from trainer_desktop.reports.session_report_pdf import write_session_report

EN, FR = Translator("en"), Translator("fr")
#: 25 participants, 6 sign-in periods, a pre-test and a post-test, two evaluation forms.
MNP = demo_id("real/mnp-rabat-2019")


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _text(path: Path) -> str:
    return " ".join(_pages(path))


def _norm(text: str) -> str:
    """As the extracted text reads: the font's substitutes, whitespace collapsed."""
    return " ".join(printable(text).split())


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """The demo data, its report of the MNP workshop, and that report written in French and in
    English (written once: the tests below only read them)."""
    folder = tmp_path_factory.mktemp("report")
    workspace = clone_template(template_db, folder / "demo.sqlite", "demo")
    load_demo(workspace)
    workspace.settings.set("organisation_name", "CNDH du Mali")
    data = session_report(workspace, MNP)
    written = {tr.language: write_session_report(workspace, MNP, folder / f"{tr.language}.pdf",
                                                 translator=tr) for tr in (FR, EN)}  # fmt: skip
    yield workspace, data, written
    workspace.close()


@pytest.mark.parametrize("tr", [FR, EN], ids=["fr", "en"])
def test_the_figures_printed_are_the_reports(demo, tr: Translator) -> None:
    _workspace, data, written = demo
    report: SessionReport = data
    text = _text(written[tr.language])
    people = len(report.participants)
    assert people == 25 and report.quiz is not None and len(report.evaluations) == 2
    assert _norm(report.session.title) in text and "CNDH du Mali" in text
    # Counts by sex: each row is the sex, the count, the share of participants.
    for sex, count in report.by_sex.items():
        if count:
            row = f"{tr.gettext(SEXES[sex])} {tr.format_number(count)} {tr.format_percent(count / people)}"
            assert _norm(row) in text, row
    # Each sign-in period: its date, name, and the people expected.
    for line in report.periods:
        assert _norm(f"{period_name(tr, line.period)} {line.expected}") in text
    rate = tr.format_percent(report.attendance_rate)
    assert _norm(f"{tr.gettext('Overall attendance rate')} {rate}") in text
    eligible = tr.gettext("{n} of {total}").format(n=report.eligible, total=people)
    assert _norm(f"{tr.gettext('Eligible for a certificate')} {eligible}") in text
    # Test scores with one decimal; the gain in signed percentage points.
    assert _norm(tr.format_percent(report.mean_pre / 100, digits=1)) in text
    assert _norm(tr.format_percent(report.mean_post / 100, digits=1)) in text
    assert report.mean_gain > 0
    assert _norm("+" + tr.format_number(round(report.mean_gain, 1))) in text
    for section in report.evaluations:
        assert _norm(section.form.title) in text
        comments = [t for item in section.results.items for t in item.texts]
        if comments:
            assert _norm(comments[-1]) in text
    assert _norm(tr.format_percent(report.satisfaction)) in text


def test_french_and_english_use_their_own_words_and_formats(demo) -> None:
    _workspace, data, written = demo
    french, english = _text(written["fr"]), _text(written["en"])
    start = data.session.start_date
    assert FR.format_date(start, "long") in french and EN.format_date(start, "long") in english
    gain = round(data.mean_gain, 1)
    assert f"+{gain:.1f}".replace(".", ",").removesuffix(",0") in french
    assert f"+{gain:.1f}".removesuffix(".0") in english
    assert "Femme" in french and "Woman" not in french
    assert "Woman" in english and "Femme" not in english
    assert "Page 1 sur" in french and "Page 1 of" in english


def test_the_signed_sheets_follow_in_appendix_one_per_period(demo) -> None:
    _workspace, data, written = demo
    pages = _pages(written["en"])
    starts = [i for i, page in enumerate(pages) if "Attendance sheet" in page]
    assert len(starts) == len(data.periods) == 6
    assert "Appendix: signed attendance sheets" in pages[starts[0]]
    for index, line in zip(starts, data.periods, strict=True):
        # From the second page of the document the header names the sheet's period.
        assert _norm(period_name(EN, line.period)) in pages[index]
    assert pages[-1].count("Page") == 1 and f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_fonts_are_the_embedded_family_never_base14(demo) -> None:
    _workspace, _data, written = demo
    family = document_fonts("en")
    # The PostScript names of the family's TrueType files (the PDF's names, less the subset tag).
    expected = {pdfmetrics.getFont(name).face.name.decode()
                for name in (family.regular, family.bold, family.italic, family.bold_italic)}  # fmt: skip
    fonts = []
    for page in PdfReader(written["en"]).pages:
        for ref in page["/Resources"]["/Font"].values():
            fonts.append(ref.get_object())
    names = {str(f["/BaseFont"]).split("+", 1)[-1] for f in fonts}
    assert names and names <= expected, (names, expected)
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts)  # embedded TrueType


def test_a_session_with_nothing_still_writes_a_readable_report(workspace, tmp_path) -> None:
    session = workspace.sessions.create(title="Atelier vide", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 4))  # fmt: skip
    out = write_session_report(workspace, session.id, tmp_path / "empty.pdf", translator=EN)
    text = _text(out)
    for line in ("Atelier vide", "No programme yet.", "Nobody is enrolled as a participant.",
                 "No sign-in periods in this session.", "No pre/post test in this session.",
                 "No evaluation form in this session."):  # fmt: skip
        assert line in text, line
    assert "Attendance sheet" not in text and "Appendix" not in text
    assert len(PdfReader(out).pages) == 1


def test_a_long_table_repeats_its_header_on_every_page(workspace, tmp_path) -> None:
    session = workspace.sessions.create(title="Atelier", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 4))  # fmt: skip
    for n in range(90):
        person = workspace.participants.create(family_name=f"Coulibaly{n:02d}", sex="man",
                                               institution=f"Brigade {n:02d}")  # fmt: skip
        workspace.participants.enrol(session.id, person.id)
    pages = _pages(write_session_report(workspace, session.id, tmp_path / "r.pdf", translator=EN))
    with_rows = [page for page in pages if "Brigade" in page]
    assert len(with_rows) >= 2
    assert all("Institution Number %" in page for page in with_rows)
    assert "Man 90 100%" in pages[0]
    assert "Brigade 00 1 1%" in with_rows[0] and "Brigade 89 1 1%" in with_rows[-1]


def test_stopping_through_progress_raises_cancelled_and_writes_nothing(demo, tmp_path) -> None:
    workspace, _data, _written = demo
    seen: list[tuple[int, int]] = []

    def follow(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    out = write_session_report(workspace, MNP, tmp_path / "full.pdf", translator=EN,
                               progress=follow)  # fmt: skip
    assert out.exists()
    done = [d for d, _t in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] == 1 + 2 * 6 + 5

    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"an older report")
    for stop_at in (1, 12):  # while gathering the figures, then while drawing

        def stop(done: int, total: int, stop_at: int = stop_at) -> bool:
            return done < stop_at

        with pytest.raises(Cancelled):
            write_session_report(workspace, MNP, tmp_path / "new.pdf", translator=EN,
                                 progress=stop)  # fmt: skip
        with pytest.raises(Cancelled):
            write_session_report(workspace, MNP, kept, translator=EN, progress=stop)
        assert not (tmp_path / "new.pdf").exists()
        assert kept.read_bytes() == b"an older report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.pdf", "kept.pdf"]
