"""Bundles on screen, driven as a trainer and a coordinator would: export from one laptop, import
on another (files, a folder, drag and drop, encrypted, cancelled), review what the merge flagged,
and the key fingerprint in the settings."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from trainer_desktop.bundles import keys
from trainer_desktop.bundles.exchange import ImportResult, export_bundle, import_bundles
from trainer_desktop.core.merge import MergeCounts
from trainer_desktop.ui import bundle_import
from trainer_desktop.ui.app import build_main_window
from trainer_desktop.ui.bundle_export import (
    CHANGES,
    CHOSEN,
    WHOLE,
    BundleExportDialog,
    ExportChoice,
    default_bundle_name,
    describe_counts,
)
from trainer_desktop.ui.bundle_import import (
    ADDED,
    CONFLICTS,
    FILE,
    MESSAGE,
    SOURCE,
    STATUS,
    UNCHANGED,
    UPDATED,
    BundleImportDialog,
    ImportSummaryModel,
    expand_bundle_paths,
    first_encrypted,
    result_message,
    summary_text,
)
from trainer_desktop.ui.merge_review import (
    CURRENT,
    FIELD,
    KIND,
    OTHER,
    RECORD,
    MergeEventsModel,
    MergeReviewDialog,
    describe_events,
)
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.sessions_model import TITLE

NOV_8 = dt.date(2022, 11, 8)
PASSPHRASE = "Sévaré-2022-OPJ"
WAIT_MS = 20_000


def add_session(workspace, title="Atelier OPJ Sévaré", start=NOV_8, items=3):
    session = workspace.sessions.create(title=title, start_date=start,
                                        end_date=start + dt.timedelta(days=2), town="Sévaré")  # fmt: skip
    for n in range(items):
        workspace.programme.add(session.id, day=start, start_time=dt.time(8 + n),
                                end_time=dt.time(9 + n), title=f"Module {n + 1}")  # fmt: skip
    return session


@pytest.fixture
def awa(make_workspace):
    """The trainer's laptop in Sévaré, with one session of three programme items."""
    workspace = make_workspace("awa", "Laptop Awa Sévaré")
    add_session(workspace)
    return workspace


@pytest.fixture
def moussa(make_workspace):
    """The coordinator's laptop at head office: empty."""
    return make_workspace("moussa", "Head office Bamako")


def open_window(qtbot, workspace):
    window = build_main_window(workspace, OperationRunner())
    qtbot.addWidget(window)
    window.show()
    return window


def save_to(monkeypatch, path: Path) -> list[str]:
    """Answer the save dialog with ``path``; returns the default paths it was offered."""
    offered: list[str] = []

    def save(_parent, _caption, default, _filter, *args, **kwargs):
        offered.append(default)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return offered


def choose_files(monkeypatch, *paths: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in paths], ""))  # fmt: skip


def type_passphrase(dialog: BundleExportDialog, first: str, second: str | None = None) -> None:
    dialog.encrypt.setChecked(True)
    dialog.passphrase.setText(first)
    dialog.passphrase_again.setText(first if second is None else second)


def export_through_dialog(qtbot, monkeypatch, window, path: Path, prepare=None) -> BundleExportDialog:
    dialog = window.export_bundle()
    if prepare:
        prepare(dialog)
    save_to(monkeypatch, path)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None, dialog.problem_label.text()
    return dialog


def wait_for_summary(qtbot, dialog: BundleImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running and dialog.pages.currentIndex() == dialog.SUMMARY,
                    timeout=WAIT_MS)  # fmt: skip


def row_texts(model, row: int) -> dict[int, str]:
    return {column: model.index(row, column).data() for column in range(model.columnCount())}


def hold_first_bundle(monkeypatch, started: threading.Event, go: threading.Event) -> None:
    """The worker stops as the first bundle begins (``started``) until ``go`` is set."""
    real_import = bundle_import.import_bundles

    def held(workspace, paths, *, progress, **kwargs):
        def report(index, total, path):
            progress(index, total, path)
            if index == 0:
                started.set()
                go.wait(WAIT_MS / 1000)

        return real_import(workspace, paths, progress=report, **kwargs)

    monkeypatch.setattr(bundle_import, "import_bundles", held)


def import_files(qtbot, monkeypatch, window, *paths: Path) -> BundleImportDialog:
    dialog = window.import_bundles()
    choose_files(monkeypatch, *paths)
    qtbot.mouseClick(dialog.files_button, Qt.MouseButton.LeftButton)
    wait_for_summary(qtbot, dialog)
    return dialog


# -- export then import, as people do it -----------------------------------------------------------


def test_a_whole_database_travels_from_the_trainer_to_the_coordinator(
    qtbot, monkeypatch, tmp_path, awa, moussa
):
    trainer, coordinator = open_window(qtbot, awa), open_window(qtbot, moussa)
    dialog = trainer.export_bundle()
    assert dialog.scope() == WHOLE
    assert dialog.summary.text().endswith(
        "1 session, 3 programme items; not encrypted: anyone who gets the file can read it.")
    offered = save_to(monkeypatch, tmp_path / "awa.tdbundle")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert Path(offered[0]).name == f"TrainerDesktop-Laptop-Awa-Sévaré-{dt.date.today()}.tdbundle"
    assert dialog.pages.currentIndex() == 1
    assert dialog.path_label.text() == str(tmp_path / "awa.tdbundle")
    assert dialog.contents_label.text() == "1 session, 3 programme items; not encrypted: anyone who gets the file can read it."  # fmt: skip
    assert dialog.size_label.text().endswith(("kB", "bytes", "B"))
    fingerprint = keys.device_fingerprint(awa.db)
    assert dialog.fingerprint.text() == fingerprint
    dialog.accept()

    imported = import_files(qtbot, monkeypatch, coordinator, tmp_path / "awa.tdbundle")
    model = imported.model
    assert model.rowCount() == 1
    row = row_texts(model, 0)
    assert (row[FILE], row[SOURCE], row[STATUS]) == ("awa.tdbundle", "Laptop Awa Sévaré", "Imported")
    assert (row[ADDED], row[UPDATED], row[UNCHANGED], row[CONFLICTS]) == ("4", "0", "0", "0")
    assert row[MESSAGE] == f"New device — check this fingerprint with the sender: {fingerprint}"
    assert imported.summary_label.text() == "1 bundle: 1 imported, 0 already imported, 0 refused."
    assert fingerprint in imported.details_label.text()
    assert not imported.review_button.isVisible()
    # The coordinator's list shows the session at once.
    assert coordinator.model.rowCount() == 1
    assert coordinator.home.proxy.index(0, TITLE).data() == "Atelier OPJ Sévaré"

    # The same file again (sent twice on WhatsApp): nothing changes, and it says so.
    qtbot.mouseClick(imported.again_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(imported.files_button, Qt.MouseButton.LeftButton)
    wait_for_summary(qtbot, imported)
    again = row_texts(imported.model, 0)
    assert again[STATUS] == "Already imported" and again[ADDED] == ""
    assert again[MESSAGE] == "Already imported: nothing changed."
    assert imported.summary_label.text() == "1 bundle: 0 imported, 1 already imported, 0 refused."


def test_an_encrypted_bundle_asks_the_passphrase_once_and_refuses_a_wrong_one(
    qtbot, monkeypatch, tmp_path, awa, moussa, make_workspace
):
    trainer = open_window(qtbot, awa)
    dialog = trainer.export_bundle()
    type_passphrase(dialog, "short")
    assert not dialog.export_button.isEnabled()
    assert dialog.problem_label.text() == "The passphrase must have at least 8 characters."
    type_passphrase(dialog, PASSPHRASE, PASSPHRASE + "x")
    assert dialog.problem_label.text() == "The two passphrases are different."
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_passphrase.setChecked(True)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    type_passphrase(dialog, PASSPHRASE)
    assert dialog.export_button.isEnabled()
    assert dialog.summary.text().endswith("1 session, 3 programme items; encrypted.")
    save_to(monkeypatch, tmp_path / "awa.tdbundle")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.contents_label.text() == "1 session, 3 programme items; encrypted."
    # A second encrypted bundle (another laptop, same passphrase) and a plain one.
    other = make_workspace("fatou", "Laptop Fatou Ségou")
    add_session(other, "Atelier OPJ Ségou", items=1)
    export_bundle(other, tmp_path / "fatou.tdbundle", passphrase=PASSPHRASE)
    export_bundle(other, tmp_path / "plain.tdbundle")

    asked: list[str] = []

    def answer(text):
        def get_text(_parent, _title, label, echo, *args, **kwargs):
            assert echo == QLineEdit.EchoMode.Password
            asked.append(label)
            return text, True
        return get_text

    coordinator = open_window(qtbot, moussa)
    monkeypatch.setattr(QInputDialog, "getText", answer("wrong passphrase"))
    imported = import_files(qtbot, monkeypatch, coordinator, tmp_path / "plain.tdbundle",
                            tmp_path / "awa.tdbundle", tmp_path / "fatou.tdbundle")  # fmt: skip
    assert len(asked) == 1 and "“awa.tdbundle” is encrypted" in asked[0]
    statuses = [row_texts(imported.model, r) for r in range(3)]
    assert [r[STATUS] for r in statuses] == ["Imported", "Refused", "Refused"]
    assert statuses[1][MESSAGE] == "Wrong passphrase for this bundle."
    assert imported.details_label.text() == "awa.tdbundle: Wrong passphrase for this bundle."

    monkeypatch.setattr(QInputDialog, "getText", answer(PASSPHRASE))
    qtbot.mouseClick(imported.again_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(imported.files_button, Qt.MouseButton.LeftButton)
    wait_for_summary(qtbot, imported)
    assert len(asked) == 2  # once per import run
    assert [row_texts(imported.model, r)[STATUS] for r in range(3)] == [
        "Already imported", "Imported", "Imported"]  # fmt: skip
    assert sorted(s.title for s in moussa.sessions.list()) == ["Atelier OPJ Ségou", "Atelier OPJ Sévaré"]


def test_declining_the_passphrase_refuses_only_the_encrypted_bundles(
    qtbot, monkeypatch, tmp_path, awa, moussa
):
    export_bundle(awa, tmp_path / "secret.tdbundle", passphrase=PASSPHRASE)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    imported = import_files(qtbot, monkeypatch, open_window(qtbot, moussa),
                            tmp_path / "secret.tdbundle")  # fmt: skip
    row = row_texts(imported.model, 0)
    assert row[STATUS] == "Refused"
    assert row[MESSAGE] == "This bundle is encrypted: give its passphrase."
    assert moussa.sessions.list() == []


def test_a_whole_folder_is_imported(qtbot, monkeypatch, tmp_path, awa, moussa, make_workspace):
    inbox = tmp_path / "inbox"
    export_bundle(awa, inbox / "b-awa.tdbundle")
    other = make_workspace("fatou", "Laptop Fatou Ségou")
    add_session(other, "Atelier OPJ Ségou", items=2)
    export_bundle(other, inbox / "a-fatou.tdbundle")
    (inbox / "notes.txt").write_text("not a bundle")
    window = open_window(qtbot, moussa)
    dialog = window.import_bundles()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(inbox))
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    wait_for_summary(qtbot, dialog)
    rows = [row_texts(dialog.model, r) for r in range(dialog.model.rowCount())]
    assert [(r[FILE], r[STATUS], r[ADDED]) for r in rows] == [
        ("a-fatou.tdbundle", "Imported", "3"), ("b-awa.tdbundle", "Imported", "4")]  # fmt: skip
    assert window.model.rowCount() == 2


def test_a_folder_without_bundles_says_so(qtbot, monkeypatch, tmp_path, moussa):
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog = open_window(qtbot, moussa).import_bundles()
    assert not dialog.start([empty])
    assert dialog.choose_notice.text() == "No bundle (.tdbundle) found in empty."
    assert dialog.pages.currentIndex() == dialog.CHOOSE


def test_bundles_and_folders_dropped_on_the_window_are_imported(
    qtbot, tmp_path, awa, moussa
):
    export_bundle(awa, tmp_path / "awa.tdbundle")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    window = open_window(qtbot, moussa)

    def mime(*paths: Path) -> QMimeData:
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        return data

    photo = mime(tmp_path / "photo.jpg")  # events keep a pointer to it: keep it alive
    refused = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, photo,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    refused.ignore()
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    dropped = mime(tmp_path / "awa.tdbundle", tmp_path / "photo.jpg")
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, dropped,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter.ignore()
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, dropped,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(drop)
    [dialog] = [d for d in window.findChildren(BundleImportDialog) if d.isVisible()]
    wait_for_summary(qtbot, dialog)
    assert row_texts(dialog.model, 0)[STATUS] == "Imported"
    assert window.model.rowCount() == 1

    # A folder dropped: every bundle in it (here, the one already imported).
    folder = mime(tmp_path)
    window.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, folder,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))  # fmt: skip
    dialogs = [d for d in window.findChildren(BundleImportDialog) if d.isVisible() and d is not dialog]
    wait_for_summary(qtbot, dialogs[0])
    assert row_texts(dialogs[0].model, 0)[STATUS] == "Already imported"


def test_cancel_stops_before_the_next_bundle_and_keeps_what_was_imported(
    qtbot, monkeypatch, tmp_path, moussa, make_workspace
):
    paths = []
    for n, town in enumerate(("Sévaré", "Ségou", "Mopti")):
        laptop = make_workspace(f"laptop{n}", f"Laptop {town}")
        add_session(laptop, f"Atelier OPJ {town}", items=1)
        paths.append(export_bundle(laptop, tmp_path / f"{n}-{town}.tdbundle").path)
    started, go = threading.Event(), threading.Event()
    hold_first_bundle(monkeypatch, started, go)  # the user cancels while it is imported
    window = open_window(qtbot, moussa)
    dialog = window.import_bundles(paths)
    assert dialog.running and dialog.pages.currentIndex() == dialog.PROGRESS
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    assert dialog.progress_label.text() == "Importing bundle 1 of 3…"
    assert dialog.file_label.text() == "0-Sévaré.tdbundle"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_note.isVisible() and not dialog.cancel_button.isEnabled()
    dialog.reject()  # closing waits for the bundle under way
    assert dialog.isVisible()
    go.set()
    wait_for_summary(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    assert row_texts(dialog.model, 0)[STATUS] == "Imported"
    assert dialog.summary_label.text() == (
        "1 bundle: 1 imported, 0 already imported, 0 refused. Cancelled: 2 bundles were not "
        "opened (import them later; what was imported is kept).")  # fmt: skip
    assert [s.title for s in moussa.sessions.list()] == ["Atelier OPJ Sévaré"]
    assert window.model.rowCount() == 1


def test_the_window_stays_responsive_during_an_import(qtbot, monkeypatch, tmp_path, awa, moussa):
    export_bundle(awa, tmp_path / "awa.tdbundle")
    go = threading.Event()
    hold_first_bundle(monkeypatch, threading.Event(), go)
    dialog = open_window(qtbot, moussa).import_bundles([tmp_path / "awa.tdbundle"])
    ticks = []
    for _ in range(3):  # the GUI thread runs its event loop while the worker waits
        qtbot.wait(20)
        ticks.append(dialog.running)
    assert ticks == [True, True, True]
    go.set()
    wait_for_summary(qtbot, dialog)


# -- the export dialog ----------------------------------------------------------------------------


def test_the_session_page_exports_its_session_ticked(qtbot, monkeypatch, tmp_path, awa):
    add_session(awa, "Atelier OPJ Ségou", items=5)
    window = open_window(qtbot, awa)
    page = window.open_session(awa.sessions.list()[1].id)  # Sévaré (the older one)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in page.findChildren(BundleExportDialog) if d.isVisible()]
    assert dialog.scope() == CHOSEN
    assert dialog.checked_session_ids() == (page.session_id,)
    assert "1 session, 3 programme items;" in dialog.summary.text()
    dialog.set_session_checked(awa.sessions.list()[0].id)
    assert "2 sessions, 8 programme items;" in dialog.summary.text()
    dialog.set_session_checked(page.session_id, False)
    dialog.set_session_checked(awa.sessions.list()[0].id, False)
    assert not dialog.export_button.isEnabled()
    assert dialog.problem_label.text() == "Tick at least one session."
    dialog.set_session_checked(page.session_id)
    save_to(monkeypatch, tmp_path / "sevare")  # the suffix is added
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result.path == tmp_path / "sevare.tdbundle"
    assert dialog.result.counts == {"training_session": 1, "programme_item": 3}
    # Ctrl+Shift+E on the page does the same.
    dialog.accept()
    assert window.export_bundle().checked_session_ids() == (page.session_id,)


def test_the_search_box_filters_the_sessions_to_tick(qtbot, awa):
    add_session(awa, "Atelier MNP Rabat", items=0)
    dialog = open_window(qtbot, awa).export_bundle()
    dialog.chosen_button.setChecked(True)
    assert dialog.search.isEnabled() and dialog.session_list.isEnabled()
    dialog.search.setText("rabat")
    shown = [dialog.session_list.item(r).text() for r in range(dialog.session_list.count())
             if not dialog.session_list.item(r).isHidden()]  # fmt: skip
    assert len(shown) == 1 and shown[0].endswith(" — Atelier MNP Rabat")


def test_changes_since_the_last_bundle_for_a_recipient(qtbot, monkeypatch, tmp_path, awa):
    window = open_window(qtbot, awa)

    def first_time(dialog):
        dialog.changes_button.setChecked(True)
        assert dialog.problem_label.text() == "Name the recipient, for example “Head office”."
        dialog.recipient.setText("Head office")
        assert "1 session, 3 programme items; not encrypted" in dialog.summary.text()

    def second_time(dialog):
        dialog.changes_button.setChecked(True)
        assert dialog.recipient.completer().model().stringList() == ["Head office"]
        dialog.recipient.setText("Head office")
        assert "nothing changed since the last bundle for “Head office”" in dialog.summary.text()

    first = export_through_dialog(qtbot, monkeypatch, window, tmp_path / "1.tdbundle", first_time)
    assert first.result.counts == {"training_session": 1, "programme_item": 3}
    second = export_through_dialog(qtbot, monkeypatch, window, tmp_path / "2.tdbundle", second_time)
    assert second.result.counts == {}
    assert second.contents_label.text().startswith("0 sessions, 0 programme items;")


def test_a_file_that_cannot_be_written_is_reported(qtbot, monkeypatch, tmp_path, awa):
    shown: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    dialog = open_window(qtbot, awa).export_bundle()
    save_to(monkeypatch, blocker / "out.tdbundle")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result is None and dialog.pages.currentIndex() == 0
    assert len(shown) == 1 and shown[0].startswith(f"Cannot write {blocker / 'out.tdbundle'}")


def test_export_choice_rules():
    assert ExportChoice().problem() is None
    assert ExportChoice(scope=CHOSEN).problem()[0] == "sessions"
    assert ExportChoice(scope=CHANGES, recipient="  ").problem()[0] == "recipient"
    assert ExportChoice(encrypt=True, passphrase="1234567").problem()[0] == "passphrase"
    assert ExportChoice(encrypt=True, passphrase="12345678", passphrase_again="12345679"
                        ).problem()[0] == "passphrase_again"  # fmt: skip
    choice = ExportChoice(scope=CHANGES, session_ids=("x",), recipient=" Head  office ",
                          encrypt=False, passphrase="ignored because not encrypting")  # fmt: skip
    assert choice.export_options() == {"sessions": None, "recipient": "Head  office", "passphrase": None}
    assert ExportChoice(scope=CHOSEN, session_ids=("a", "b"), encrypt=True, passphrase="p" * 8,
                        passphrase_again="p" * 8).export_options() == {
        "sessions": ["a", "b"], "recipient": None, "passphrase": "p" * 8}  # fmt: skip
    assert default_bundle_name('Awa: "PC/2"', dt.date(2026, 1, 5)) == "TrainerDesktop-Awa-PC-2-2026-01-05.tdbundle"
    assert default_bundle_name(" ", dt.date(2026, 1, 5)) == "TrainerDesktop-laptop-2026-01-05.tdbundle"
    assert describe_counts({"training_session": 2, "programme_item": 54}) == "2 sessions, 54 programme items"
    assert describe_counts({"programme_item": 1, "participant": 1234}) == \
        "0 sessions, 1 programme item, 1,234 records of participant"  # fmt: skip


# -- the import summary, without a window ---------------------------------------------------------


def test_the_passphrase_is_asked_for_the_first_encrypted_bundle(tmp_path, awa):
    plain = export_bundle(awa, tmp_path / "plain.tdbundle").path
    secret = export_bundle(awa, tmp_path / "secret.tdbundle", passphrase=PASSPHRASE).path
    assert first_encrypted([plain, tmp_path / "missing.tdbundle", secret, plain]) == secret
    assert first_encrypted([plain]) is None


def test_expand_bundle_paths(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("b.tdbundle", "a.TDBUNDLE", "c.txt"):
        (inbox / name).write_bytes(b"")
    (inbox / "sub.tdbundle").mkdir()
    loose = tmp_path / "z.tdbundle"
    assert expand_bundle_paths([inbox, loose, inbox / "b.tdbundle", tmp_path / "x.zip"]) == [
        inbox / "a.TDBUNDLE", inbox / "b.tdbundle", loose]  # fmt: skip


def sample_results(tmp_path) -> list[ImportResult]:
    return [
        ImportResult(tmp_path / "awa.tdbundle", "imported", source_name="Laptop Awa",
                     fingerprint="ABCD " * 7 + "ABCD", new_device=True,
                     counts=MergeCounts(added=4, updated=1, conflicts=2, future=3)),
        ImportResult(tmp_path / "old.tdbundle", "already", "Already imported: nothing changed.",
                     source_name="Laptop Awa"),
        ImportResult(tmp_path / "bad.tdbundle", "refused", "Wrong passphrase for this bundle."),
    ]  # fmt: skip


def test_the_import_summary_model(qtmodeltester, tmp_path):
    model = ImportSummaryModel()
    model.set_results(sample_results(tmp_path))
    qtmodeltester.check(model)
    first = row_texts(model, 0)
    assert first[MESSAGE] == (
        "New device — check this fingerprint with the sender: " + "ABCD " * 7 + "ABCD "
        "3 records carry a date far in the future (a laptop's clock is wrong).")  # fmt: skip
    assert (first[ADDED], first[UPDATED], first[CONFLICTS]) == ("4", "1", "2")
    assert model.headerData(CONFLICTS, Qt.Orientation.Horizontal) == "Conflicts"
    assert "Review merge" in model.headerData(CONFLICTS, Qt.Orientation.Horizontal,
                                              Qt.ItemDataRole.ToolTipRole)  # fmt: skip
    assert model.index(2, STATUS).data() == "Refused"
    assert model.index(2, STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, FILE).data(Qt.ItemDataRole.ToolTipRole) == str(tmp_path / "awa.tdbundle")
    assert result_message(sample_results(tmp_path)[2]) == "Wrong passphrase for this bundle."
    assert summary_text(sample_results(tmp_path), 3) == \
        "3 bundles: 1 imported, 1 already imported, 1 refused."  # fmt: skip


def test_the_summary_points_to_the_review_when_values_wait(qtbot, tmp_path, moussa):
    dialog = BundleImportDialog(moussa, OperationRunner())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.show_summary(sample_results(tmp_path), 3)
    assert dialog.review_button.isVisible()
    assert dialog.review_note.text() == "5 values need your decision: see Review merge."
    with qtbot.waitSignal(dialog.review_requested, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


# -- review merge ---------------------------------------------------------------------------------


@pytest.fixture
def conflict(awa, moussa, tmp_path):
    """Both laptops retitled the same session without seeing each other's change; the
    coordinator then imported the trainer's bundle."""
    import_bundles(moussa, [export_bundle(awa, tmp_path / "first.tdbundle").path])
    session_id = awa.sessions.list()[0].id
    awa.sessions.update(session_id, title="Atelier OPJ Sévaré (jour 1-3)")
    moussa.sessions.update(session_id, title="Formation OPJ Sévaré")
    [result] = import_bundles(moussa, [export_bundle(awa, tmp_path / "second.tdbundle").path])
    assert result.counts.conflicts == 1
    return session_id


def test_a_conflict_is_reviewed_and_its_value_put_back(qtbot, moussa, conflict):
    window = open_window(qtbot, moussa)
    assert window.merge_badge.isVisible() and window.merge_badge.text() == "1 merged value to review"
    qtbot.mouseClick(window.merge_badge, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in window.findChildren(MergeReviewDialog) if d.isVisible()]
    row = row_texts(dialog.model, 0)
    current = moussa.sessions.get(conflict).title
    losing = ({"Atelier OPJ Sévaré (jour 1-3)", "Formation OPJ Sévaré"} - {current}).pop()
    assert (row[KIND], row[FIELD], row[CURRENT], row[OTHER]) == ("Conflict", "Title", current, losing)
    assert row[RECORD] == f"Session: {current}"
    assert "was changed on two laptops" in dialog.details.text()
    assert dialog.put_back_button.isEnabled()
    qtbot.mouseClick(dialog.put_back_button, Qt.MouseButton.LeftButton)
    assert moussa.sessions.get(conflict).title == losing
    assert moussa.merge_review.open_events() == []
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisible()
    assert not window.merge_badge.isVisible()
    assert window.home.proxy.index(0, TITLE).data() == losing


def test_keeping_the_current_value_closes_the_question(qtbot, moussa, conflict):
    window = open_window(qtbot, moussa)
    dialog = window.review_merge()
    before = moussa.sessions.get(conflict).title
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert moussa.sessions.get(conflict).title == before
    assert moussa.merge_review.open_events() == []
    assert not dialog.keep_button.isEnabled() and not window.merge_badge.isVisible()


def test_merge_events_read_as_people_speak(qtmodeltester, moussa, conflict):
    session = moussa.sessions.get(conflict)
    item = moussa.programme.items(conflict)[0]
    from trainer_desktop.core.sync_state import LocalMergeEvent

    at = dt.datetime(2026, 11, 22, 9, 30)
    events = [
        LocalMergeEvent(id=1, kind="conflict", table_name="programme_item", record_id=item.id,
                        field="start_time", value="07:45:00", stamp="", at=at),
        LocalMergeEvent(id=2, kind="conflict", table_name="training_session", record_id=session.id,
                        field="funders", value=["UNDP", "EU"], stamp="", at=at),
        LocalMergeEvent(id=3, kind="conflict", table_name="training_session", record_id=session.id,
                        field="deleted", value=True, stamp="", at=at),
        LocalMergeEvent(id=4, kind="future", table_name="training_session", record_id=session.id,
                        field=None, value=None, stamp="004102444800000-000000-dev", at=at),
        LocalMergeEvent(id=5, kind="quarantine", table_name="attendance", record_id="0123456789ab",
                        field=None, value={}, stamp="", at=at),
    ]  # fmt: skip
    rows = describe_events(moussa, events)
    assert (rows[0].record_text, rows[0].field_text, rows[0].current_text, rows[0].other_text) == (
        f"Programme item: Module 1 — {session.title}", "Start time", "8:00\u202fAM", "7:45\u202fAM")
    assert (rows[1].field_text, rows[1].current_text, rows[1].other_text) == (
        "Funders and partners", "(empty)", "UNDP, EU")
    assert (rows[2].field_text, rows[2].current_text, rows[2].other_text) == (
        "Deleted or not", "not deleted", "deleted")
    assert rows[3].kind_text == "Date in the future" and "2100" in rows[3].other_text
    assert "wrong date" in rows[3].explanation and not rows[3].can_put_back
    assert rows[4].record_text == "attendance: 01234567" and rows[4].kind_text == "Different copy set aside"
    model = MergeEventsModel()
    model.refresh(rows)
    qtmodeltester.check(model)
    assert model.index(0, RECORD).data(Qt.ItemDataRole.ToolTipRole) == rows[0].explanation


def test_put_back_is_offered_for_one_conflict_at_a_time(qtbot, moussa, conflict):
    dialog = MergeReviewDialog(moussa, OperationRunner())
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.table.clearSelection()
    assert not dialog.keep_button.isEnabled() and not dialog.put_back_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.put_back_button.isEnabled()


# -- settings -------------------------------------------------------------------------------------


def test_the_settings_show_this_laptops_key_fingerprint(qtbot, awa):
    window = open_window(qtbot, awa)
    dialog = window.open_settings()
    assert dialog.fingerprint.text() == keys.device_fingerprint(awa.db)
    assert len(dialog.fingerprint.text()) == 39
    assert dialog.fingerprint.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.reject()
