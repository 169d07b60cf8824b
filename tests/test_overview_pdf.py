"""The coordinator's summary PDF: the filter in words, the figures of ``overview()`` (worked out
by hand on a small database, and as computed on the demo data), the sessions table's header on
every page it runs over, an empty choice said in one line, and nothing written when stopped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from workspaces import clone_template

from trainer_desktop.core.demo import load_demo
from trainer_desktop.core.errors import Cancelled
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.overview import OverviewFilter, overview
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.reports.fonts import printable
from trainer_desktop.reports.overview_pdf import filter_words, key_figure_lines, write_overview_pdf

EN, FR = Translator("en"), Translator("fr")
D = dt.date


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _norm(text: str) -> str:
    return " ".join(printable(text).split())


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = clone_template(template_db, tmp_path_factory.mktemp("overview_pdf") / "demo.sqlite",
                               "demo")  # fmt: skip
    load_demo(workspace)
    workspace.settings.set("organisation_name", "CNDH du Mali")
    yield workspace
    workspace.close()


@pytest.fixture
def small(workspace: Workspace) -> Workspace:
    """One day in Ségou, two periods: Awa (woman, Police nationale) present twice, Fatou (woman,
    Police nationale) late once, Moussa (man, Gendarmerie) never: 3 attended cells of 6."""
    session = workspace.sessions.create(title="Atelier garde à vue", start_date=D(2024, 3, 4),
                                        end_date=D(2024, 3, 4), town="Ségou", region="Ségou")  # fmt: skip
    people = {}
    for family, given, sex, institution in (("Traoré", "Awa", "woman", "Police nationale"),
                                            ("Keïta", "Moussa", "man", "Gendarmerie"),
                                            ("Diarra", "Fatou", "woman", "Police nationale")):  # fmt: skip
        people[given] = workspace.participants.create_and_enrol(
            session.id, family_name=family, given_names=given, sex=sex, institution=institution)
    morning, afternoon = workspace.attendance.ensure_default_periods(session.id)
    workspace.attendance.set_mark(people["Awa"].enrolment.id, morning.id, "present")
    workspace.attendance.set_mark(people["Awa"].enrolment.id, afternoon.id, "present")
    workspace.attendance.set_mark(people["Fatou"].enrolment.id, morning.id, "late", dt.time(9))
    return workspace


def test_the_filter_in_words() -> None:
    wanted = OverviewFilter(start=D(2026, 1, 1), end=D(2026, 6, 30), region="Mopti", funder="PNUD")
    assert filter_words(wanted, EN) == ("Sessions from January 1, 2026 to June 30, 2026 · "
                                        "region Mopti · funder PNUD")  # fmt: skip
    assert filter_words(OverviewFilter(end=D(2026, 6, 30)), EN) == (
        "Sessions starting on or before June 30, 2026")
    assert filter_words(OverviewFilter(start=D(2026, 1, 1), town=" San "), EN) == (
        "Sessions ending on or after January 1, 2026 · town San")
    assert filter_words(OverviewFilter(), FR) == "Toutes les sessions"
    assert "1 janvier 2026" in filter_words(OverviewFilter(start=D(2026, 1, 1)), FR)


def test_figures_worked_out_by_hand(small: Workspace, tmp_path: Path) -> None:
    out = write_overview_pdf(small, OverviewFilter(), tmp_path / "summary.pdf", translator=EN)
    assert out == tmp_path / "summary.pdf"
    text = " ".join(_pages(out))
    assert "Overview of the training sessions All sessions" in text
    for line in ("Sessions 1", "Participant enrolments 3", "People trained (each counted once) 3",
                 "Woman 2 (67%)", "Man 1 (33%)", "Overall attendance rate 50%",
                 "Mean knowledge gain (percentage points) –", "Evaluation responses 0"):  # fmt: skip
        assert line in text, line
    assert "Not stated" not in text  # nobody is: no row of zeros
    assert "Police nationale 2 67%" in text and "Gendarmerie 1 33%" in text
    assert "Ségou 3 100%" in text  # the session's region: nobody gave their own
    # The session's line: dates, title, town, 3 participants, 50 %, no tests, no evaluation.
    assert _norm("Mar 4, 2024 Atelier garde à vue Ségou 3 50% – – –") in text


def test_the_demo_figures_are_overviews_and_the_sessions_header_repeats(demo: Workspace,
                                                                         tmp_path: Path) -> None:  # fmt: skip
    figures = overview(demo)
    out = write_overview_pdf(demo, OverviewFilter(), tmp_path / "demo.pdf", translator=FR)
    pages = _pages(out)
    text = " ".join(pages)
    for label, value in key_figure_lines(figures, FR):
        assert _norm(f"{label} {value}") in text, label
    for count in figures.by_institution[:3] + figures.by_region[:3]:
        assert _norm(count.label) in text
    for row in figures.sessions:
        assert _norm(row.session.title) in text
    # The table of sessions runs over two pages here; each starts with the column titles.
    with_sessions = [p for p in pages if any(_norm(r.session.title) in p for r in figures.sessions)]
    assert len(with_sessions) >= 2
    header = _norm(f"{FR.gettext('Pre → post')} {FR.gettext('Gain')}")
    assert all(header in page for page in with_sessions)
    assert "CNDH du Mali" in pages[0] and "Page 1 sur" in pages[0]


def test_a_filter_narrows_the_figures(demo: Workspace, tmp_path: Path) -> None:
    wanted = OverviewFilter(start=D(2022, 1, 1), end=D(2022, 12, 31), region="segou")
    figures = overview(demo, wanted)
    assert len(figures.sessions) == 1
    text = " ".join(_pages(write_overview_pdf(demo, wanted, tmp_path / "s.pdf", translator=EN)))
    assert "Sessions from January 1, 2022 to December 31, 2022 · region segou" in text
    assert f"Participant enrolments {figures.enrolments}" in text
    assert _norm(figures.sessions[0].session.title) in text


def test_no_session_in_scope_says_so_on_one_page(demo: Workspace, tmp_path: Path) -> None:
    out = write_overview_pdf(demo, OverviewFilter(region="Nowhere"), tmp_path / "none.pdf",
                             translator=EN)  # fmt: skip
    pages = _pages(out)
    assert len(pages) == 1 and "No session matches this choice." in pages[0]
    assert "Key figures" not in pages[0]


def test_stopping_writes_nothing(small: Workspace, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []

    def stop_half_way(done: int, total: int) -> bool:
        told.append((done, total))
        return done < 50

    with pytest.raises(Cancelled):
        write_overview_pdf(small, OverviewFilter(), tmp_path / "x.pdf", progress=stop_half_way)
    assert not (tmp_path / "x.pdf").exists()
    told.clear()

    def go_on(done: int, total: int) -> None:
        told.append((done, total))

    write_overview_pdf(small, OverviewFilter(), tmp_path / "x.pdf", progress=go_on)
    assert told[0] == (0, 100) and told[-1] == (100, 100)
    assert [done for done, _total in told] == sorted(done for done, _total in told)
