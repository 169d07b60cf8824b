"""The printed programme: content, order, language, fonts, escaping, atomic writing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from trainer_desktop.core.errors import NotFoundError, UserError
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.core import files
from trainer_desktop.reports import layout, programme_pdf
from trainer_desktop.reports.fonts import document_fonts
from trainer_desktop.reports.programme_pdf import markup, write_programme_pdf

EN = Translator("en")
FR = Translator("fr")
TUESDAY = dt.date(2022, 11, 8)


def _text(path: Path) -> str:
    """All the text of the PDF, whitespace collapsed (table cells wrap their lines)."""
    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _assert_in_order(text: str, expected: list[str]) -> None:
    position = -1
    for needle in expected:
        found = text.find(needle, position + 1)
        assert found > position, f"{needle!r} missing or out of order in {text!r}"
        position = found


def _t(hhmm: str) -> dt.time:
    h, m = hhmm.split(":")
    return dt.time(int(h), int(m))


def _sevare(workspace: Workspace, **extra):
    values = {
        "title": "Atelier OPJ sur les droits de l'homme",
        "theme": "Droits de l'homme et sécurité",
        "start_date": TUESDAY,
        "end_date": TUESDAY + dt.timedelta(days=2),
        "venue": "Hôtel La Palmeraie",
        "town": "Sévaré",
        "region": "Mopti",
        "country": "Mali",
        "organiser": "CNDH Mali",
        "funders": ["EUCAP Sahel Mali"],
        "facilitators": ["Awa Dembélé", "Boubacar Sangaré"],
        "target_audience": "OPJ de la gendarmerie et de la police",
        "expected_participants": 40,
        "objectives": "- former les OPJ\n- sensibiliser les OPJ",
    }
    return workspace.sessions.create(**{**values, **extra})


def _add(workspace: Workspace, session_id: str, day: int, start: str, end: str, title: str,
         **values):  # fmt: skip
    return workspace.programme.add(
        session_id,
        day=TUESDAY + dt.timedelta(days=day),
        start_time=_t(start),
        end_time=_t(end),
        title=title,
        **values,
    )


@pytest.fixture
def session_with_programme(workspace: Workspace):
    session = _sevare(workspace)
    # Added out of order on purpose: the document follows the programme, not the insertion.
    _add(workspace, session.id, 2, "14:00", "15:00", "Cérémonie de clôture", kind="closing",
         speaker="Président de la CNDH")  # fmt: skip
    _add(workspace, session.id, 0, "10:30", "12:00", "Les catégories de droits",
         speaker="Boubacar Sangaré", objective="Droits civils et politiques")  # fmt: skip
    _add(workspace, session.id, 0, "09:00", "10:00", "Cérémonie d'ouverture", kind="opening",
         speaker="Gouverneur de Mopti")  # fmt: skip
    _add(workspace, session.id, 0, "10:00", "10:30", "Pause-café", kind="break")
    _add(workspace, session.id, 1, "09:00", "10:30", "Concepts et principes",
         speaker="Awa Dembélé")  # fmt: skip
    _add(workspace, session.id, 2, "09:00", "11:00", "Post-test", speaker="Awa Dembélé")
    return session


def test_programme_prints_everything_in_programme_order(
    workspace, session_with_programme, tmp_path
):
    out = write_programme_pdf(workspace, session_with_programme.id, tmp_path / "p.pdf", EN)

    assert out == tmp_path / "p.pdf"
    text = _text(out)
    _assert_in_order(text, [
        "Atelier OPJ sur les droits de l'homme",
        "Droits de l'homme et sécurité",
        "Hôtel La Palmeraie, Sévaré, Mopti, Mali",
        "CNDH Mali",
        "EUCAP Sahel Mali",
        "Awa Dembélé; Boubacar Sangaré",
        "OPJ de la gendarmerie et de la police (40 participants expected)",
        "former les OPJ", "sensibiliser les OPJ",
        "Day 1 — Tuesday, November 8, 2022",
        "09:00–10:00", "Cérémonie d'ouverture", "Gouverneur de Mopti",
        "10:00–10:30", "Pause-café",
        "10:30–12:00", "Les catégories de droits", "Droits civils et politiques", "Boubacar Sangaré",
        "Day 2 — Wednesday, November 9, 2022",
        "09:00–10:30", "Concepts et principes", "Awa Dembélé",
        "Day 3 — Thursday, November 10, 2022",
        "09:00–11:00", "Post-test",
        "14:00–15:00", "Cérémonie de clôture", "Président de la CNDH",
    ])  # fmt: skip
    assert "November 8, 2022 – November 10, 2022" in text  # the dates in full, through the translator


def test_page_footer_numbers_pages_and_header_repeats_on_long_days(workspace, tmp_path):
    session = _sevare(workspace, end_date=TUESDAY)
    for n in range(40):  # one long day: it must run over several pages
        start = dt.datetime(2022, 11, 8, 6) + dt.timedelta(minutes=20 * n)
        workspace.programme.add(
            session.id, day=TUESDAY, start_time=start.time(),
            end_time=(start + dt.timedelta(minutes=20)).time(), title=f"Séquence numéro {n:02d}",
            objective="Une ligne d'objectif assez longue pour occuper de la place. " * 3,
        )  # fmt: skip
    workspace.settings.set("organisation_name", "Commission nationale des droits de l'homme")
    out = write_programme_pdf(workspace, session.id, tmp_path / "long.pdf", EN)

    pages = _pages(out)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Printed on " in page
        assert "Commission nationale des droits de l'homme" in page
        if number > 1:  # the day runs on: its heading and column titles come with it
            assert "Day 1 — Tuesday, November 8, 2022" in page
            assert re.search(r"Time Activity Speaker", page)
            assert "Atelier OPJ sur les droits de l'homme" in page  # session named in the header
    _assert_in_order(" ".join(pages), [f"Séquence numéro {n:02d}" for n in range(40)])
    for n in range(40):  # no row is cut in two: each title is whole on one page
        assert sum(f"Séquence numéro {n:02d}" in page for page in pages) == 1


def test_hostile_text_is_printed_literally(workspace, tmp_path):
    hostile = 'Droits <b>&amp;</b> devoirs & "<i>" <br/> </para> <font name="x">'
    session = _sevare(workspace, title=hostile, theme="A < B & C > D")
    _add(workspace, session.id, 0, "09:00", "10:00", hostile, speaker="Me <Sissoko> & Co",
         objective="<unclosed & <b>")  # fmt: skip
    out = write_programme_pdf(workspace, session.id, tmp_path / "h.pdf", EN)

    text = _text(out)
    assert text.count('Droits <b>&amp;</b> devoirs & "<i>" <br/> </para> <font name="x">') == 2
    assert "A < B & C > D" in text
    assert "Me <Sissoko> & Co" in text
    assert "<unclosed & <b>" in text
    assert PdfReader(out).metadata.title == hostile


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_user_text_makes_a_valid_paragraph(text):
    style = programme_pdf._styles(document_fonts()).body
    paragraph = Paragraph(markup(text), style)
    paragraph.wrap(300, 10_000)  # parsing and layout both succeed
    printed = "".join(word for line in paragraph.blPara.lines for word in _words(line))
    # Control characters are dropped; a soft hyphen is a hint where to break, never printed.
    expected = layout._CONTROL_CHARS.sub("", text).replace("\xad", "")
    assert "".join(printed.split()) == "".join(programme_pdf.printable(expected).split())


def _words(line) -> list[str]:
    # reportlab lays out plain lines as (width, [words]) and styled ones as objects with .words
    if isinstance(line, tuple):
        return line[1]
    return [frag.text for frag in line.words if hasattr(frag, "text")]


def test_document_language_follows_the_translator_not_the_interface(
    workspace, session_with_programme, tmp_path
):
    french = _text(write_programme_pdf(workspace, session_with_programme.id,
                                       tmp_path / "fr.pdf", FR))  # fmt: skip
    english = _text(write_programme_pdf(workspace, session_with_programme.id,
                                        tmp_path / "en.pdf", EN))  # fmt: skip

    assert "mardi 8 novembre 2022" in french
    assert "jeudi 10 novembre 2022" in french
    assert "Tuesday" not in french and "November" not in french
    assert "Tuesday, November 8, 2022" in english
    assert "mardi" not in english and "novembre" not in english


def test_default_translator_is_the_interface_language(
    workspace, session_with_programme, tmp_path, monkeypatch
):
    from trainer_desktop.core import i18n

    i18n.set_language("fr")  # the conftest fixture restores English afterwards
    text = _text(write_programme_pdf(workspace, session_with_programme.id, tmp_path / "d.pdf"))
    assert "mardi 8 novembre 2022" in text


def _fonts(path: Path) -> list[dict]:
    fonts = []
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", []):  # composite fonts
                fonts.append(descendant.get_object())
            fonts.append(font)
    return fonts


def test_fonts_are_embedded_truetype_never_base14(workspace, session_with_programme, tmp_path):
    out = write_programme_pdf(workspace, session_with_programme.id, tmp_path / "f.pdf", EN)

    fonts = _fonts(out)
    names = {str(f["/BaseFont"]) for f in fonts}
    assert not any("Helvetica" in n or "Times" in n or "Courier" in n for n in names), names
    simple = [f for f in fonts if "/FontDescriptor" in f]
    assert simple and all("/FontFile2" in f["/FontDescriptor"] for f in simple)
    # Bold (titles) and italic (breaks, theme) come from the family, so <b>/<i> work.
    assert any(n.endswith("Bold") for n in names) and any("Oblique" in n for n in names)
    assert all(str(f["/Subtype"]) in {"/TrueType", "/Type0", "/CIDFontType2"} for f in fonts)


def test_deleted_items_are_not_printed(workspace, session_with_programme, tmp_path):
    items = workspace.programme.items(session_with_programme.id)
    gone = next(i for i in items if i.title == "Concepts et principes")
    workspace.programme.delete(gone.id)

    text = _text(write_programme_pdf(workspace, session_with_programme.id, tmp_path / "d.pdf", EN))
    assert "Concepts et principes" not in text
    assert "Les catégories de droits" in text and "Post-test" in text
    # Its day is still printed, and says that nothing is planned.
    assert "Day 2 — Wednesday, November 9, 2022 Nothing planned on this day." in text


def test_deleted_session_is_refused(workspace, session_with_programme, tmp_path):
    workspace.sessions.delete(session_with_programme.id)
    with pytest.raises(NotFoundError):
        write_programme_pdf(workspace, session_with_programme.id, tmp_path / "x.pdf", EN)
    assert not (tmp_path / "x.pdf").exists()


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_logo_and_organisation_in_the_header(workspace, session_with_programme, tmp_path):
    workspace.settings.set("organisation_name", "CNDH du Mali")
    workspace.settings.set_organisation_logo(_png("green"))
    out = write_programme_pdf(workspace, session_with_programme.id, tmp_path / "l.pdf", EN)

    reader = PdfReader(out)
    for page in reader.pages:
        assert "CNDH du Mali" in page.extract_text()
        assert any(str(x.get_object()["/Subtype"]) == "/Image"
                   for x in page["/Resources"]["/XObject"].values())  # fmt: skip


def test_damaged_logo_does_not_stop_printing(workspace, session_with_programme, tmp_path):
    workspace.settings.set_organisation_logo(b"\x89PNG\r\n\x1a\n not really an image")
    out = write_programme_pdf(workspace, session_with_programme.id, tmp_path / "l.pdf", EN)
    assert "Les catégories de droits" in _text(out)
    assert "/XObject" not in PdfReader(out).pages[0]["/Resources"]


def test_session_without_programme_or_details(workspace, tmp_path):
    session = workspace.sessions.create(title="Session vide", start_date=TUESDAY,
                                        end_date=TUESDAY)  # fmt: skip
    text = _text(write_programme_pdf(workspace, session.id, tmp_path / "e.pdf", EN))
    assert "Session vide" in text and "No programme yet." in text
    assert "Organiser" not in text  # empty facts are left out, not printed blank


def test_very_long_objective_runs_over_pages_without_error(workspace, tmp_path):
    session = _sevare(workspace, end_date=TUESDAY)
    objective = " ".join(f"mot{n}" for n in range(700)) + " FIN"
    assert 4500 < len(objective) <= 5000  # near the longest objective the core accepts
    _add(workspace, session.id, 0, "09:00", "10:00", "Module long", objective=objective)
    out = write_programme_pdf(workspace, session.id, tmp_path / "long.pdf", EN)
    text = _text(out)
    _assert_in_order(text, ["Module long", "mot0", "mot400", "mot699", "FIN"])


def test_write_replaces_the_file_atomically(
    workspace, session_with_programme, tmp_path, monkeypatch
):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "programme.pdf"
    out.write_bytes(b"old version")
    events = []
    real_fsync, real_replace = files.os.fsync, files.os.replace

    def fsync(fd):
        events.append("fsync")
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", Path(src).parent, Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)

    write_programme_pdf(workspace, session_with_programme.id, out, EN)

    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    # Written beside the target (same file system), synced, then renamed over it.
    assert events[0] == "fsync" and events[1] == ("replace", folder, out)
    assert [p.name for p in folder.iterdir()] == ["programme.pdf"]  # no temporary file left


def test_failed_write_leaves_the_old_file_untouched(
    workspace, session_with_programme, tmp_path, monkeypatch
):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "programme.pdf"
    out.write_bytes(b"old version")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(UserError) as error:
        write_programme_pdf(workspace, session_with_programme.id, out, EN)
    assert "No space left on device" in error.value.message
    assert out.read_bytes() == b"old version"
    assert [p.name for p in folder.iterdir()] == ["programme.pdf"]


def test_file_open_in_another_program_is_a_user_error(
    workspace, session_with_programme, tmp_path, monkeypatch
):
    def locked(src, dst):  # what Windows says when a PDF viewer holds the file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(UserError, match="open in another program"):
        write_programme_pdf(workspace, session_with_programme.id, tmp_path / "p.pdf", EN)
    assert not list(tmp_path.glob("*.pdf*"))


def test_unwritable_destination_is_a_user_error(workspace, session_with_programme, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")  # a missing folder is created; this cannot be
    with pytest.raises(UserError) as error:
        write_programme_pdf(workspace, session_with_programme.id,
                            tmp_path / "a-file" / "p.pdf", EN)  # fmt: skip
    assert "a-file" in error.value.message
