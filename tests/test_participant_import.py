"""Importing the organiser's Excel list: reading, guessing columns, classifying rows, importing all
or nothing; the command line; the dialog."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from trainer_desktop.cli.main import main
from trainer_desktop.core import participant_import as pi
from trainer_desktop.core import records
from trainer_desktop.core.errors import UserError

FRENCH_HEADERS = ["N°", "Nom", "Prénom(s)", "Sexe", "Structure", "Fonction/Grade", "Téléphone"]


def write_book(path: Path, rows: list[list], title: str = "Feuil1", before: int = 0,
               extra_sheets: tuple[str, ...] = ()) -> Path:  # fmt: skip
    book = Workbook()
    sheet = book.active
    sheet.title = title
    if before:
        sheet.append(["Atelier de formation des OPJ — Sévaré"])
        for _ in range(before - 1):
            sheet.append([])
    for row in rows:
        sheet.append(row)
    for name in extra_sheets:
        book.create_sheet(name).append(["Nom", "Prénom"])
    book.save(path)
    return path


def french_list(path: Path) -> Path:
    return write_book(path, [
        FRENCH_HEADERS,
        [1, "Traoré", "Awa", "F", "Police nationale", "Commissaire", 76123456.0],
        [2, "SIDIBE", "awa", "Femme", "Gendarmerie", "Adjudant", "66 77 88 99"],
        [3, "Coulibaly", "Moussa", "H", "Police nationale", "Inspecteur", "+223 70 11 22 33"],
    ], before=2)  # fmt: skip


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2022, 11, 8),
                                     end_date=dt.date(2022, 11, 10))  # fmt: skip


@pytest.fixture
def sidibe(workspace):
    return workspace.participants.create(family_name="Sidibé", given_names="Awa", sex="woman")


def count_people(workspace) -> int:
    return len(workspace.participants.search(""))


# --- reading and guessing ------------------------------------------------------------------------


def test_french_headers_are_guessed_below_a_title(tmp_path, workspace):
    preview = pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx"))
    assert preview.sheet.header_row == 3
    assert preview.mapping == {0: None, 1: "family_name", 2: "given_names", 3: "sex",
                               4: "institution", 5: "function", 6: "phone"}  # fmt: skip
    assert [r.row_number for r in preview.rows] == [4, 5, 6]
    first = preview.rows[0].values
    assert first["sex"] == "woman" and first["phone"] == "76123456"  # a float made text
    assert preview.rows[2].values["sex"] == "man"


@pytest.mark.parametrize(("header", "field"), [
    ("Last name", "family_name"), ("SURNAME", "family_name"), ("Nom de famille", "family_name"),
    ("First name", "given_names"), ("Given names", "given_names"), ("Prénoms", "given_names"),
    ("Nom et prénom(s)", pi.FULL_NAME), ("Nom complet", pi.FULL_NAME), ("Full name", pi.FULL_NAME),
    ("Prénom et nom", pi.FULL_NAME_GIVEN_FIRST), ("Genre", "sex"), ("Sexe (H/F)", "sex"),
    ("Gender", "sex"), ("Organisme", "institution"), ("Service d'origine", "institution"),
    ("Grade", "function"), ("Rank", "function"), ("Unité", "unit"), ("Service", "unit"),
    ("RÉGION", "region"), ("Localité", "town"), ("City", "town"), ("Tél", "phone"),
    ("Contact", "phone"), ("Mobile", "phone"), ("Courriel", "email"), ("E-mail", "email"),
    ("N° pièce", "id_number"), ("NINA", "id_number"), ("Matricule", "id_number"), ("ID", "id_number"),
    ("N°", None), ("Observations", None), ("", None),
])  # fmt: skip
def test_headers_in_french_and_english(header, field):
    assert pi.guess_field(header) == field


def test_a_field_is_guessed_for_its_first_column_only():
    assert pi.guess_mapping(["Nom", "Téléphone", "Tél. 2"]) == {0: "family_name", 1: "phone", 2: None}


def test_full_name_column_is_split_family_name_first(tmp_path, workspace):
    path = write_book(tmp_path / "full.xlsx", [["Nom et prénom(s)", "Sex", "Phone"],
                                                ["SIDIBÉ Awa Maïmouna", "female", ""],
                                                ["Keïta", "M", ""]])  # fmt: skip
    preview = pi.preview_file(workspace, path)
    assert preview.mapping[0] == pi.FULL_NAME
    assert [(r.values["family_name"], r.values["given_names"], r.values["sex"]) for r in preview.rows] \
        == [("SIDIBÉ", "Awa Maïmouna", "woman"), ("Keïta", "", "man")]


def test_english_headers(tmp_path, workspace):
    path = write_book(tmp_path / "en.xlsx", [["Last name", "First name", "Gender", "Email"],
                                              ["Diallo", "Fanta", "Woman", "f.diallo@example.org"]])  # fmt: skip
    [row] = pi.preview_file(workspace, path).rows
    assert row.status == pi.NEW and row.values["email"] == "f.diallo@example.org"


# --- classifying ---------------------------------------------------------------------------------


def test_someone_already_registered_is_a_match_whatever_the_spelling(tmp_path, workspace, sidibe):
    preview = pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx"))
    statuses = {r.display_name: r.status for r in preview.rows}
    assert statuses == {"TRAORÉ Awa": pi.NEW, "SIDIBE awa": pi.MATCH, "COULIBALY Moussa": pi.NEW}
    match = preview.rows[1]
    assert match.match_id == sidibe.id and "SIDIBÉ Awa" in match.detail
    assert preview.counts == {pi.NEW: 2, pi.MATCH: 1, pi.INVALID: 0}


def test_the_same_phone_is_a_match(tmp_path, workspace):
    known = workspace.participants.create(family_name="Dembélé", given_names="Oumar", phone="+223 76 12 34 56")
    preview = pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx"))
    assert preview.rows[0].status == pi.MATCH and preview.rows[0].match_id == known.id


def test_invalid_rows_name_the_row_and_the_column(tmp_path, workspace):
    path = write_book(tmp_path / "bad.xlsx", [
        FRENCH_HEADERS,
        [1, "   ", "Moussa", "H", "Police", "", ""],                     # row 2: a name of spaces
        [2, "Keïta", "Ali", "M", "Police", "", "76 12 ab 56"],           # row 3: letters in phone
        [3, "Diarra", "Issa", "M", "Police", "", dt.datetime(2022, 1, 5)],  # row 4: a date
        [4, "=B2&C2", "Ali", "M", "Police", "", ""],                     # row 5: a formula
        [5, "Cissé", "Binta", "X", "Police", "", ""],                    # row 6: unknown sex
        [6, 42, "Binta", "F", "Police", "", ""],                         # row 7: a number as name
    ])  # fmt: skip
    rows = pi.preview_file(workspace, path).rows
    assert all(r.status == pi.INVALID for r in rows)
    reasons = [" ".join(r.reasons) for r in rows]
    assert reasons[0].startswith("Row 2, column B (Nom):") and "family name" in reasons[0]
    assert reasons[1].startswith("Row 3, column G (Téléphone):") and "76 12 ab 56" in reasons[1]
    assert reasons[2].startswith("Row 4, column G (Téléphone):") and "date" in reasons[2]
    assert reasons[3].startswith("Row 5, column B (Nom):") and "formula" in reasons[3]
    assert reasons[4].startswith("Row 6, column D (Sexe):") and "“X”" in reasons[4]
    assert reasons[5].startswith("Row 7, column B (Nom):") and "number" in reasons[5]


def test_a_person_listed_twice_is_registered_once(tmp_path, workspace, session):
    path = write_book(tmp_path / "twice.xlsx", [["Nom", "Prénom"], ["Traoré", "Awa"], ["TRAORE", "awa"]])
    preview = pi.preview_file(workspace, path)
    assert preview.rows[1].status == pi.MATCH and preview.rows[1].same_as_row == 2
    assert preview.people == 1 and "1 listed twice" in preview.summary()
    result = pi.apply(workspace, preview, session.id)
    assert (result.registered, result.enrolled) == (1, 1)


def test_changing_the_mapping_reclassifies(tmp_path, workspace):
    sheet = pi.read_sheet(french_list(tmp_path / "liste.xlsx"))
    mapping = pi.guess_mapping(sheet.headers)
    registry = pi.Registry.load(workspace)
    assert pi.build_preview(sheet, mapping, registry).counts[pi.INVALID] == 0
    mapping[0] = "family_name"  # the "N°" column as family name: numbers are not names
    preview = pi.build_preview(sheet, mapping, registry)
    assert preview.counts[pi.INVALID] == 3 and preview.notes  # and "Nom" is no longer used
    mapping[1] = None
    mapping[0] = None
    preview = pi.build_preview(sheet, mapping, registry)
    assert "No column is read as the family name" in preview.notes[0]


# --- bad files -----------------------------------------------------------------------------------


def test_thousands_of_empty_rows_stop_reading_quickly(tmp_path, workspace):
    rows = [["Nom", "Prénom"], ["Traoré", "Awa"], *([[]] * 5000), ["Lost", "Row"]]
    path = write_book(tmp_path / "empty.xlsx", rows)
    started = time.perf_counter()
    preview = pi.preview_file(workspace, path)
    assert time.perf_counter() - started < 5
    assert [r.display_name for r in preview.rows] == ["TRAORÉ Awa"]
    [note] = preview.sheet.notes
    assert "row 5003" in note  # the sheet's last row is named, so the user knows where to look


def test_a_gap_of_empty_rows_is_skipped(tmp_path, workspace):
    path = write_book(tmp_path / "gap.xlsx", [["Nom", "Prénom"], ["Traoré", "Awa"], *([[]] * 150),
                                               ["Keïta", "Ali"]])  # fmt: skip
    assert [r.row_number for r in pi.preview_file(workspace, path).rows] == [2, 153]


def test_too_many_rows_are_refused(tmp_path, monkeypatch, workspace):
    monkeypatch.setattr(pi, "MAX_DATA_ROWS", 5)
    path = write_book(tmp_path / "big.xlsx", [["Nom", "Prénom"], *[[f"N{i}", "X"] for i in range(6)]])
    with pytest.raises(UserError, match="more than 5 rows"):
        pi.read_sheet(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"Nom;Prenom\nTraore;Awa\n", "not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "password-protected or an old Excel file"),
    (b"PK\x03\x04 broken zip", "not an Excel workbook"),
])  # fmt: skip
def test_files_that_are_not_workbooks_are_refused(tmp_path, content, message):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        pi.read_sheet(path)


def test_a_missing_sheet_and_a_missing_header_are_refused(tmp_path):
    path = write_book(tmp_path / "l.xlsx", [["Nom", "Prénom"]], extra_sheets=("Feuil2",))
    with pytest.raises(UserError, match="no sheet named “Liste”.*Feuil1, Feuil2"):
        pi.read_sheet(path, "Liste")
    assert pi.read_sheet(path, "Feuil2").sheet == "Feuil2"
    lonely = write_book(tmp_path / "lonely.xlsx", [["Liste"]] * 30)
    with pytest.raises(UserError, match="No header row"):
        pi.read_sheet(lonely)


# --- importing -----------------------------------------------------------------------------------


def test_apply_registers_and_enrols(tmp_path, workspace, session, sidibe):
    preview = pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx"))
    result = pi.apply(workspace, preview, session.id)
    assert (result.registered, result.enrolled, result.already_enrolled) == (2, 3, 0)
    enrolled = workspace.participants.enrolled(session.id)
    assert [e.participant.display_name for e in enrolled] == \
        ["COULIBALY Moussa", "SIDIBÉ Awa", "TRAORÉ Awa"]  # Sidibé is the registered record, unchanged
    traore = next(e.participant for e in enrolled if e.participant.family_name == "Traoré")
    assert (traore.sex, traore.phone, traore.function) == ("woman", "76123456", "Commissaire")
    again = pi.apply(workspace, pi.preview_file(workspace, tmp_path / "liste.xlsx"), session.id)
    assert (again.registered, again.enrolled, again.already_enrolled) == (0, 0, 3)
    assert count_people(workspace) == 3


def test_invalid_rows_refuse_the_import_unless_skipped(tmp_path, workspace, session):
    path = write_book(tmp_path / "l.xlsx", [["Nom", "Prénom", "Tél"], ["Traoré", "Awa", ""],
                                             ["Keïta", "Ali", "abc"]])  # fmt: skip
    preview = pi.preview_file(workspace, path)
    with pytest.raises(UserError, match="1 row is invalid .*Row 3, column C"):
        pi.apply(workspace, preview, session.id)
    assert count_people(workspace) == 0
    result = pi.apply(workspace, preview, session.id, skip_invalid=True)
    assert (result.registered, result.skipped) == (1, 1)


def test_apply_is_all_or_nothing(tmp_path, monkeypatch, workspace, session):
    preview = pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx"))
    real_create, calls = records.create, []

    def failing_create(model, *args, **kwargs):
        calls.append(model.__name__)
        if model.__name__ == "Enrolment" and calls.count("Enrolment") == 2:
            raise RuntimeError("power cut")
        return real_create(model, *args, **kwargs)

    monkeypatch.setattr(pi.records, "create", failing_create)
    with pytest.raises(RuntimeError):
        pi.apply(workspace, preview, session.id)
    assert calls.count("Participant") == 3
    assert count_people(workspace) == 0 and workspace.participants.enrolled(session.id) == []


def test_apply_refuses_a_deleted_session_and_a_match_deleted_since(tmp_path, workspace, session, sidibe):
    preview = pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx"))
    workspace.participants.delete(sidibe.id)
    with pytest.raises(UserError, match="removed from the registry"):
        pi.apply(workspace, preview, session.id)
    workspace.sessions.delete(session.id)
    with pytest.raises(UserError, match="session no longer exists"):
        pi.apply(workspace, pi.preview_file(workspace, tmp_path / "liste.xlsx"), session.id)
    assert count_people(workspace) == 0


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture
def cli_db(workspace, session):
    return str(workspace.path), session.id


def test_cli_imports_and_lists(tmp_path, cli_db, capsys):
    db, session_id = cli_db
    path = str(french_list(tmp_path / "liste.xlsx"))
    assert main(["--lang", "en", "participants", "import", "--db", db, "--session", session_id, path]) == 0
    out = capsys.readouterr().out
    assert "G (Téléphone) → Phone" in out and "3 people registered, 3 enrolled" in out
    assert main(["participants", "list", "--db", db, "--session", session_id, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["family_name"] for r in rows) == ["Coulibaly", "SIDIBE", "Traoré"]


def test_cli_refuses_invalid_rows_with_exit_1_and_one_line(tmp_path, cli_db, capsys):
    db, session_id = cli_db
    path = str(write_book(tmp_path / "l.xlsx", [["Nom", "Prénom", "Tél"], ["Keïta", "Ali", "abc"],
                                                 ["Traoré", "Awa", ""]]))  # fmt: skip
    assert main(["--lang", "en", "participants", "import", "--db", db, "--session", session_id,
                 path, "--json"]) == 1  # fmt: skip
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Row 2, column C (Tél)" in captured.err
    report = json.loads(captured.out)
    assert report["imported"] is None and report["counts"] == {"new": 1, "match": 0, "invalid": 1}
    assert main(["participants", "list", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    # --map ignores the bad column: everything imports.
    assert main(["participants", "import", "--db", db, "--session", session_id, path,
                 "--map", "C=ignore", "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["imported"]["registered"] == 2


def test_cli_map_by_header_and_skip_invalid(tmp_path, cli_db, capsys):
    db, session_id = cli_db
    path = str(write_book(tmp_path / "l.xlsx", [["Participant", "Obs"], ["SIDIBÉ Awa", "x"],
                                                 ["   ", "y"]]))  # fmt: skip
    args = ["participants", "import", "--db", db, "--session", session_id, path, "--json",
            "--map", "participant=full_name", "--skip-invalid"]  # fmt: skip
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["columns"][0]["field"] == "full_name"
    assert report["imported"] == {"registered": 1, "enrolled": 1, "already_enrolled": 0,
                                  "skipped_invalid": 1}  # fmt: skip


@pytest.mark.parametrize("args", [["--map", "C=shoe_size"], ["--map", "Z=phone"], ["--sheet", "Nope"],
                                  ["--session", "no-such-session"]])  # fmt: skip
def test_cli_refusals(tmp_path, cli_db, capsys, args):
    db, _session_id = cli_db
    path = str(french_list(tmp_path / "liste.xlsx"))
    assert main(["--lang", "en", "participants", "import", "--db", db, path, *args]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_rejects_a_non_excel_file(tmp_path, cli_db, capsys):
    db, session_id = cli_db
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    assert main(["--lang", "en", "participants", "import", "--db", db, "--session", session_id, str(path)]) == 1
    assert "password-protected" in capsys.readouterr().err


# --- the dialog ----------------------------------------------------------------------------------


def test_preview_model(qtmodeltester, tmp_path, workspace, sidibe):
    from trainer_desktop.ui.participant_import_dialog import STATUS, ImportPreviewModel, StatusRole

    model = ImportPreviewModel()
    model.refresh(pi.preview_file(workspace, french_list(tmp_path / "liste.xlsx")))
    qtmodeltester.check(model)
    assert model.index(1, STATUS).data() == "Already registered"
    assert model.index(1, STATUS).data(StatusRole) == pi.MATCH


def test_dialog_remaps_and_imports(qtbot, tmp_path, workspace, session, monkeypatch):
    from PySide6.QtCore import Qt

    from trainer_desktop.ui.operations import PARTICIPANTS, OperationRunner
    from trainer_desktop.ui.participant_import_dialog import ParticipantImportDialog

    path = write_book(tmp_path / "l.xlsx", [FRENCH_HEADERS, [1, "Traoré", "Awa", "F", "", "", "abc"],
                                             [2, "Keïta", "Ali", "M", "", "", "76 12 34 56"]])  # fmt: skip
    runner = OperationRunner()
    dialog = ParticipantImportDialog(workspace, runner, session.id, pi.read_sheet(path))
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text().startswith("2 rows: 1 new, 0 already registered, 1 invalid.")
    assert not dialog.import_button.isEnabled()

    phone_combo = dialog.column_combos[6]
    phone_combo.setCurrentIndex(phone_combo.findData(None))  # read the phone column as nothing
    assert dialog.preview.counts == {pi.NEW: 2, pi.MATCH: 0, pi.INVALID: 0}
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 2 people"

    with qtbot.waitSignal(runner.changed) as changed:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert PARTICIPANTS in changed.args[0]
    assert dialog.result_.registered == 2
    assert [e.participant.phone for e in workspace.participants.enrolled(session.id)] == ["", ""]


def test_dialog_skip_invalid_rows(qtbot, tmp_path, workspace, session):
    from PySide6.QtCore import Qt

    from trainer_desktop.ui.operations import OperationRunner
    from trainer_desktop.ui.participant_import_dialog import ParticipantImportDialog

    path = write_book(tmp_path / "l.xlsx", [["Nom", "Prénom", "Tél"], ["Traoré", "Awa", "abc"],
                                             ["Keïta", "Ali", ""]])  # fmt: skip
    dialog = ParticipantImportDialog(workspace, OperationRunner(), session.id, pi.read_sheet(path))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "Skip invalid rows" in dialog.summary_label.text()  # says how to unblock
    dialog.only_invalid.setChecked(True)
    assert dialog.table.model().rowCount() == 1
    dialog.skip_invalid.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [e.participant.family_name for e in workspace.participants.enrolled(session.id)] == ["Keïta"]


def test_open_participant_import_warns_about_a_bad_file(qtbot, tmp_path, workspace, session, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from trainer_desktop.ui.operations import OperationRunner
    from trainer_desktop.ui.participant_import_dialog import open_participant_import

    bad = tmp_path / "liste.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    assert open_participant_import(None, workspace, OperationRunner(), session.id) is None
    assert "password-protected" in shown[0]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert open_participant_import(None, workspace, OperationRunner(), session.id) is None
