"""The attendance sheet of a period: names in the grid's order, the period, numbered walk-in rows,
signatures drawn as vectors on the signed sheet, embedded TrueType fonts only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import encode
from trainer_desktop.reports.attendance_pdf import write_attendance_sheet

EN, FR = Translator("en"), Translator("fr")
NAMES = [("Traoré", "Awa", "woman", "Police nationale"), ("Keïta", "Moussa", "man",
          "Gendarmerie nationale"), ("Diarra", "Fatoumata", "woman", "Garde nationale")]  # fmt: skip


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(
        title="Atelier OPJ droits de l'homme", start_date=dt.date(2022, 11, 8),
        end_date=dt.date(2022, 11, 10), venue="Gouvernorat", town="Sévaré",
        organiser="CNDH du Mali", funders=["MINUSMA", "Union européenne"],
    )  # fmt: skip
    for family, given, sex, institution in NAMES:
        person = workspace.participants.create(family_name=family, given_names=given, sex=sex,
                                               institution=institution)  # fmt: skip
        workspace.participants.enrol(session.id, person.id)
    workspace.attendance.ensure_default_periods(session.id)
    return session


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _text(path: Path) -> str:
    return " ".join(_pages(path))


def _content(path: Path) -> bytes:
    return b"".join(page.get_contents().get_data() for page in PdfReader(path).pages)


def _fonts(path: Path) -> list[dict]:
    fonts = []
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts += [d.get_object() for d in font.get("/DescendantFonts", [])]
            fonts.append(font)
    return fonts


def test_blank_sheet_lists_the_people_in_grid_order_then_numbered_walk_in_rows(
    workspace, session, tmp_path
):
    periods = workspace.attendance.periods(session.id)
    out = write_attendance_sheet(workspace, session.id, periods[1].id, tmp_path / "s.pdf", EN,
                                 walk_in_rows=4)  # fmt: skip
    assert out == tmp_path / "s.pdf"
    text = _text(out)
    for expected in ("Attendance sheet", "Atelier OPJ droits de l'homme", "Tuesday, November 8, 2022",
                     "Afternoon (14:00–17:30)", "CNDH du Mali", "MINUSMA; Union européenne",
                     "Signature", "Page 1 of 1"):  # fmt: skip
        assert expected in text, expected
    # Sorted as in the grid, numbered 1..3, then the walk-in rows 4..7.
    positions = [text.index(n) for n in ("DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa")]
    assert positions == sorted(positions)
    assert re.search(r"1 DIARRA Fatoumata Garde nationale 2 KEÏTA Moussa", text)
    tail = text[text.index("TRAORÉ Awa") :]
    assert re.search(r"Police nationale 4 5 6 7\b", tail), tail
    assert "8" not in tail.split("7", 1)[1].split("Trainer")[0]


def test_the_sheet_follows_the_translator_language(workspace, session, tmp_path):
    period = workspace.attendance.periods(session.id)[0]
    text = _text(write_attendance_sheet(workspace, session.id, period.id, tmp_path / "f.pdf", FR))
    assert "mardi 8 novembre 2022" in text


def test_signed_sheet_draws_each_latest_signature_as_vector_paths(workspace, session, tmp_path):
    periods = workspace.attendance.periods(session.id)
    people = workspace.attendance.grid(session.id).people  # DIARRA, KEÏTA, TRAORÉ
    morning = periods[0]
    workspace.attendance.sign_in(people[0].enrolment.id, morning.id,
                                 encode(demo_signature(3), 600, 220),
                                 at=dt.datetime(2022, 11, 8, 8, 30))  # fmt: skip
    workspace.attendance.sign_in(people[2].enrolment.id, morning.id,
                                 encode(demo_signature(4), 600, 220),
                                 at=dt.datetime(2022, 11, 8, 9, 10))  # late  # fmt: skip
    workspace.attendance.set_mark(people[1].enrolment.id, morning.id, "excused")
    blank = write_attendance_sheet(workspace, session.id, morning.id, tmp_path / "b.pdf", EN)
    signed = write_attendance_sheet(workspace, session.id, morning.id, tmp_path / "s.pdf", EN,
                                    signed=True)  # fmt: skip
    curves = _content(signed).count(b" c\n") + _content(signed).count(b" c ")
    assert curves > 50 and _content(blank).count(b" c\n") == 0  # cubic Béziers: the ink
    text = _text(signed)
    assert "Present" in text and "Late 09:10" in text and "Excused" in text
    assert "Attended: 2 of 3 (women 2, men 0)" in text
    assert "Late" not in _text(blank)


def test_an_unreadable_signature_prints_a_framed_note(workspace, session, tmp_path):
    period = workspace.attendance.periods(session.id)[0]
    person = workspace.attendance.grid(session.id).people[0]
    # sign_in refuses such bytes; a bundle from a newer version could still bring them.
    from trainer_desktop.core import records
    from trainer_desktop.core.attendance import Signature

    with workspace.db.write() as tx:
        tx.add(records.create(Signature, workspace.clock.tick(tx), {
            "enrolment_id": person.enrolment.id, "period_id": period.id,
            "strokes": b"SG\x09 from the future", "signed_at": dt.datetime(2022, 11, 8, 8, 42)}))  # fmt: skip
    text = _text(write_attendance_sheet(workspace, session.id, period.id, tmp_path / "s.pdf",
                                        EN, signed=True))  # fmt: skip
    assert "signed at 08:42" in text


def _add_signature(workspace, enrolment_id, period_id, strokes, signed_at, deleted=False):
    """A signature stored as a bundle would bring it (sign_in refuses unreadable bytes)."""
    from trainer_desktop.core import records
    from trainer_desktop.core.attendance import Signature

    with workspace.db.write() as tx:
        stamp = workspace.clock.tick(tx)
        signature = records.create(Signature, stamp, {
            "enrolment_id": enrolment_id, "period_id": period_id, "strokes": strokes,
            "signed_at": signed_at})  # fmt: skip
        if deleted:
            records.tombstone(signature, stamp)
        tx.add(signature)
        return signature.id


def test_latest_signatures_of_a_period_in_one_read(workspace, session):
    morning, afternoon = workspace.attendance.periods(session.id)[:2]
    diarra, keita, traore = (p.enrolment.id for p in workspace.attendance.grid(session.id).people)
    ink = encode(demo_signature(3), 600, 220)
    _add_signature(workspace, diarra, morning.id, ink, dt.datetime(2022, 11, 8, 8, 30))
    second = _add_signature(workspace, diarra, morning.id, ink, dt.datetime(2022, 11, 8, 8, 50))
    withdrawn = _add_signature(workspace, keita, morning.id, ink, dt.datetime(2022, 11, 8, 9, 0),
                               deleted=True)  # fmt: skip
    traore_morning = _add_signature(workspace, traore, morning.id, ink,
                                    dt.datetime(2022, 11, 8, 9, 10))  # fmt: skip
    _add_signature(workspace, traore, afternoon.id, ink, dt.datetime(2022, 11, 8, 14, 0))

    latest = workspace.attendance.latest_signatures(morning.id)

    assert {key: s.id for key, s in latest.items()} == {diarra: second, traore: traore_morning}
    assert withdrawn not in {s.id for s in latest.values()}
    # The same choice as the one-cell read, which lists the latest first.
    assert latest[diarra].id == workspace.attendance.signatures(diarra, morning.id)[0].id
    assert workspace.attendance.latest_signatures("no-such-period") == {}


def test_a_signed_sheet_reads_its_signatures_once_and_draws_the_latest(workspace, session,
                                                                       tmp_path):  # fmt: skip
    from sqlalchemy import event

    morning = workspace.attendance.periods(session.id)[0]
    people = [p.enrolment.id for p in workspace.attendance.grid(session.id).people]
    # Each person's first signature is unreadable (it would print "signed at 08:0n"), the
    # second one is ink: only the latest may appear.
    for n, enrolment_id in enumerate(people):
        _add_signature(workspace, enrolment_id, morning.id, b"SG\x09 from the future",
                       dt.datetime(2022, 11, 8, 8, n))  # fmt: skip
        workspace.attendance.sign_in(enrolment_id, morning.id,
                                     encode(demo_signature(n), 600, 220),
                                     at=dt.datetime(2022, 11, 8, 8, 30))  # fmt: skip
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(workspace.db.engine, "before_cursor_execute", seen)
    try:
        out = write_attendance_sheet(workspace, session.id, morning.id, tmp_path / "s.pdf", EN,
                                     signed=True)  # fmt: skip
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", seen)

    # One read of the drawings for the whole sheet, not one per row (the grid's read of who
    # signed does not fetch them).
    assert len([s for s in statements if "signature.strokes" in s]) == 1, statements
    text = _text(out)
    assert "signed at" not in text
    assert text.count("Present") == 3
    assert _content(out).count(b" c\n") + _content(out).count(b" c ") > 3 * 20


def test_fonts_are_embedded_truetype_never_base14(workspace, session, tmp_path):
    period = workspace.attendance.periods(session.id)[0]
    person = workspace.attendance.grid(session.id).people[0]
    workspace.attendance.sign_in(
        person.enrolment.id, period.id, encode(demo_signature(1), 600, 220)
    )
    out = write_attendance_sheet(workspace, session.id, period.id, tmp_path / "f.pdf", EN,
                                 signed=True)  # fmt: skip
    fonts = _fonts(out)
    names = {str(f["/BaseFont"]) for f in fonts}
    assert not any(base in n for n in names for base in ("Helvetica", "Times", "Courier")), names
    simple = [f for f in fonts if "/FontDescriptor" in f]
    assert simple and all("/FontFile2" in f["/FontDescriptor"] for f in simple)


def test_forty_people_run_over_pages_with_the_header_repeated(workspace, session, tmp_path):
    for n in range(40):
        person = workspace.participants.create(family_name=f"Sangaré{n:02d}", given_names="Ali",
                                               sex="man")  # fmt: skip
        workspace.participants.enrol(session.id, person.id)
    period = workspace.attendance.periods(session.id)[5]
    pages = _pages(write_attendance_sheet(workspace, session.id, period.id, tmp_path / "p.pdf", EN))
    assert len(pages) >= 3
    assert all("Signature" in page and "Thursday, November 10, 2022" in page for page in pages)
    assert pages[-1].count("Page") == 1 and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert "48" in pages[-1]  # 43 people + 5 walk-in rows


def test_a_deleted_period_is_refused(workspace, session, tmp_path):
    with pytest.raises(NotFoundError):
        write_attendance_sheet(workspace, session.id, "no-such-period", tmp_path / "x.pdf", EN)
    assert not (tmp_path / "x.pdf").exists()
