"""Every screen of the application opens on the demo data in each interface language: French,
English, Arabic (right to left) and the pseudo-language "qps" (every message accented, ~40 %
longer, in brackets), which finds the labels a longer translation would cut off.

:func:`every_screen` opens the screens one after another and yields each; the test checks it:

- it opened and showed without an exception (pytest-qt fails the test on one in a Qt slot);
- its layout direction is right to left in Arabic, left to right otherwise, and no child forces
  left to right but the few that must (:data:`LEFT_TO_RIGHT_ON_PURPOSE`);
- in "qps", at 1366×768 (the trainers' laptops; dialogs at their own size but no bigger), no
  text is cut off and every window's minimum size fits the screen;
- no text shown is an English message id that the language translates.

With ``TRAINER_DESKTOP_SHOTS=/some/folder`` the main screens are also saved as PNGs there
(Arabic and "qps"), to be looked at.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QToolButton,
    QWidget,
)
from test_i18n import catalogs, read_catalog, shown_texts, untranslated_among
from workspaces import clone_template

from trainer_desktop.core import i18n
from trainer_desktop.core import participant_import as pi
from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.workspace import Workspace, open_workspace
from trainer_desktop.ui import app
from trainer_desktop.ui.evaluation_entry import open_evaluation_entry
from trainer_desktop.ui.evaluation_kiosk import EvaluationKiosk
from trainer_desktop.ui.first_run import FirstRunWizard
from trainer_desktop.ui.form_library import ProblemsDialog
from trainer_desktop.ui.form_print import FormPrintDialog
from trainer_desktop.ui.kiosk_parts import KioskWindow
from trainer_desktop.ui.participant_import_dialog import ParticipantImportDialog
from trainer_desktop.ui.quiz_kiosk import QuizKiosk
from trainer_desktop.ui.quiz_print import print_quiz
from trainer_desktop.ui.session_reports import DOCUMENTS
from trainer_desktop.ui.sign_in_kiosk import SignInKiosk

pytestmark = pytest.mark.usefixtures("boxes")

LANGUAGES = ["fr", "en", "ar", "qps"]
SEVARE = demo_id("real/opj-sevare-2022")  # participants, periods, signatures, tests, forms
LAPTOP = QSize(1366, 768)
PIN = "2468"
#: Widgets that stay left to right in a right-to-left interface, and why.
LEFT_TO_RIGHT_ON_PURPOSE = {
    # A signature is stored and shown exactly as drawn: the pad never mirrors the strokes.
    "SignaturePad": "ink keeps its geometry",
    "SignatureView": "ink keeps its geometry",
}


# -- the demo data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo loaded once into a file; each test works on a copy (the kiosks write)."""
    path = tmp_path_factory.mktemp("every_screen") / "demo.sqlite"
    workspace = clone_template(template_db, path, "demo")
    load_demo(workspace)
    workspace.settings.set_pin(PIN)
    workspace.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    workspace = open_workspace(path)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def template():
    return read_catalog(catalogs.POT)


@pytest.fixture
def interface_language():
    """Switches messages, dates, Qt's own texts and the layout direction; English again
    afterwards (as tests/test_i18n.py does)."""
    yield app.set_interface_language
    app.set_interface_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English))


def participants_workbook(path: Path) -> Path:
    """An organiser's list as it comes: French headers, a mistake in one row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Liste"
    rows = [["Nom", "Prénom(s)", "Sexe", "Fonction", "Téléphone"],
            ["Traoré", "Awa", "F", "OPJ", "+223 76 12 34 56"],
            ["Keïta", "Moussa", "M", "Commissaire", "pas de numéro"]]  # fmt: skip
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# -- opening every screen ------------------------------------------------------------------------


def settle() -> None:
    """Let pending layouts, timers at 0 and deferred deletions run, as before anyone looks."""
    for _ in range(3):
        QApplication.processEvents()


def shown(qtbot, widget: QWidget, laptop: bool = False) -> QWidget:
    """``widget`` shown at its own size, no bigger than the laptop's screen (``laptop``: at the
    whole screen, as the main window and the kiosks are)."""
    if laptop:
        widget.resize(LAPTOP)
    if not widget.isVisible():
        widget.show()  # at its own size (before, a widget's size is Qt's default 640×480)
    if not laptop:
        widget.resize(size_on_the_laptop(widget))
    qtbot.waitExposed(widget)
    settle()
    return widget


def size_on_the_laptop(window: QWidget) -> QSize:
    """The size Qt gives ``window`` on the laptop's screen. The test's (offscreen) screen is
    800×800, and Qt opens a window at its size hint but at most 2/3 of the screen (with the
    height its wrapped texts need at that width): a window squeezed to 533 px here is wider on
    the laptop. A size the code chose stays, up to the whole screen."""
    hint = window.sizeHint()
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        hint.setHeight(layout.totalHeightForWidth(hint.width()))
    adjusted = hint.boundedTo(QSize(LAPTOP.width() * 2 // 3, LAPTOP.height() * 2 // 3))
    return window.size().expandedTo(adjusted).boundedTo(LAPTOP)


def close(dialog: QWidget | None) -> None:
    if dialog is None:
        return
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:
        dialog.close()
    settle()


def every_screen(
    qtbot, workspace: Workspace, runner, folder: Path
) -> Iterator[tuple[str, QWidget]]:
    """Open every screen of the application on the demo data, one after another, and yield
    (name, window) for each while it shows (the window: the top-level widget to look at)."""
    window = app.build_main_window(workspace, runner)
    qtbot.addWidget(window)
    shown(qtbot, window, laptop=True)
    yield "sessions list", window

    window.home.select(SEVARE)
    for name, open_dialog in (("new session", window.new_session),
                              ("edit session", window.edit_session),
                              ("duplicate session", window.duplicate_session),
                              ("settings", window.open_settings),
                              ("bundle export", window.export_bundle),
                              ("bundle import", window.import_bundles),
                              ("probable duplicates", window.review_duplicates),
                              ("merge review", window.review_merge),
                              ("certificate check", window.check_certificate),
                              ("backups", window.open_backups)):  # fmt: skip
        dialog = shown(qtbot, open_dialog())
        yield name, dialog
        close(dialog)

    overview = window.open_overview()
    qtbot.waitUntil(lambda: not overview.is_counting() and overview.figures is not None)
    yield "overview", shown(qtbot, overview)
    overview.close()

    quiz_library = shown(qtbot, window.open_quiz_library())
    yield "quiz library", quiz_library
    quiz_library.table.selectRow(0)
    quiz_library.edit_button.click()
    quiz_editor = shown(qtbot, quiz_library.editor)
    kinds_seen: set[str] = set()
    for row, question in enumerate(quiz_editor.questions):
        if question.kind in kinds_seen:
            continue
        kinds_seen.add(question.kind)
        quiz_editor.table.selectRow(row)
        settle()
        yield f"quiz editor, question editor ({question.kind})", quiz_editor
    close(quiz_editor)
    close(quiz_library)

    form_library = shown(qtbot, window.open_form_library())
    yield "form library", form_library
    form_library.table.selectRow(0)
    form_library.edit_button.click()
    form_editor = shown(qtbot, form_library.editor)
    kinds_seen.clear()
    for row, item in enumerate(form_editor.items):
        if item.kind in kinds_seen:
            continue
        kinds_seen.add(item.kind)
        form_editor.table.selectRow(row)
        settle()
        yield f"form editor, item editor ({item.kind})", form_editor
    problems = shown(qtbot, ProblemsDialog("formulaire.xlsx", ["survey, row 4: no type",
                                                              "choices, row 2: no name"],
                                           form_library))  # fmt: skip
    yield "form import problems", problems
    close(problems)
    close(form_editor)
    close(form_library)

    page = window.open_session(SEVARE)
    settle()
    tabs = {type(w).__name__: w for w in page.tab_widgets()}
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        settle()
        yield f"session page, tab {type(page.tabs.widget(index)).__name__}", window

    page.tabs.setCurrentWidget(programme := tabs["ProgrammeEditor"])
    programme.table.selectRow(0)
    programme.add_item()
    yield "programme item (new)", shown(qtbot, programme.item_dialog)
    close(programme.item_dialog)

    page.tabs.setCurrentWidget(participants := tabs["ParticipantsPage"])
    settle()
    participants.table.selectRow(0)
    participants.edit_person()
    yield "participant (edit)", shown(qtbot, participants.participant_dialog)
    close(participants.participant_dialog)
    sheet = pi.read_sheet(participants_workbook(folder / "liste.xlsx"))
    importing = ParticipantImportDialog(workspace, runner, SEVARE, sheet, participants)
    yield "participant import", shown(qtbot, importing)
    close(importing)

    page.tabs.setCurrentWidget(attendance := tabs["AttendancePage"])
    settle()
    periods = shown(qtbot, attendance.edit_periods())
    yield "sign-in periods", periods
    periods.table.selectRow(0)
    yield "sign-in period (edit)", shown(qtbot, periods.edit())
    close(periods.editor)
    close(periods)
    attendance.table.setCurrentIndex(attendance.model.index(0, 0))
    attendance.print_sheet()
    yield "attendance sheet", shown(qtbot, attendance.print_dialog)
    close(attendance.print_dialog)

    page.tabs.setCurrentWidget(quizzes := tabs["QuizPage"])
    settle()
    quizzes.views.setCurrentWidget(quizzes.results_holder)
    settle()
    yield "quiz results", window
    printing = shown(qtbot, print_quiz(quizzes, workspace, SEVARE, "pre", runner))
    yield "quiz print", printing
    close(printing)

    page.tabs.setCurrentWidget(evaluation := tabs["EvaluationPage"])
    settle()
    form_id = evaluation.form_id()
    assert form_id
    evaluation.show_results_view()
    settle()
    yield "evaluation results", window
    adding = evaluation.add_form()
    if adding is not None:  # every form of the library may be in use already
        yield "add a form", shown(qtbot, adding)
        close(adding)
    entry = shown(qtbot, open_evaluation_entry(evaluation, workspace, runner, SEVARE, form_id))
    yield "evaluation entry", entry
    close(entry)
    form_printing = FormPrintDialog(workspace, runner, workspace.evaluations.get(form_id),
                                    workspace.sessions.get(SEVARE), evaluation)  # fmt: skip
    yield "form print", shown(qtbot, form_printing)
    close(form_printing)

    for kind in DOCUMENTS:
        dialog = shown(qtbot, page.open_document(kind))
        yield f"document {kind}", dialog
        close(dialog)
    certificates = shown(qtbot, page.open_certificates())
    yield "certificates", certificates
    close(certificates)
    export = shown(qtbot, page.export_bundle())
    yield "bundle export (this session)", export
    close(export)

    wizard = FirstRunWizard(workspace, app.set_interface_language)
    qtbot.addWidget(wizard)
    shown(qtbot, wizard)
    for page in ("language", "laptop", "start"):
        yield f"first start, {page}", wizard
        wizard.next()
    wizard.close()

    yield from kiosks(qtbot, workspace, runner, form_id)


def kiosks(qtbot, workspace: Workspace, runner, form_id: str) -> Iterator[tuple[str, QWidget]]:
    """The three screens handed to participants, page after page, full screen on the laptop."""
    arrived = workspace.participants.create_and_enrol(
        SEVARE, family_name="Coulibaly", given_names="Fatoumata", sex="woman"
    )  # no test taken yet
    newcomer = (arrived.enrolment.id, arrived.participant.display_name)
    grid = workspace.attendance.grid(SEVARE)
    people = [(p.enrolment.id, p.participant.display_name) for p in grid.people]
    signing = shown(qtbot, SignInKiosk(workspace, runner, SEVARE, grid.periods[0].id),
                    laptop=True)  # fmt: skip
    qtbot.addWidget(signing)
    yield "sign-in kiosk, names", signing
    signing.find_page.picked.emit(*people[0], False)
    settle()
    yield "sign-in kiosk, signature", signing
    signing.find_page.picked.emit(*people[1], True)
    settle()
    yield "sign-in kiosk, sign again?", signing
    signing.show_find()
    signing.request_exit()
    settle()
    yield "sign-in kiosk, PIN", signing
    leave(signing)

    testing = shown(qtbot, QuizKiosk(workspace, runner, SEVARE, "pre"), laptop=True)
    qtbot.addWidget(testing)
    yield "quiz kiosk, names", testing
    testing.find_page.picked.emit(*people[0], True)
    settle()
    yield "quiz kiosk, already done", testing
    testing.show_find()
    testing.find_page.picked.emit(*newcomer, False)
    settle()
    yield "quiz kiosk, intro", testing
    testing.start()
    settle()
    while testing.pages.currentWidget() is testing.question_page:
        yield f"quiz kiosk, question {testing.index + 1}", testing
        if testing.index + 1 >= len(testing.content.questions):
            break
        testing.go_next()
        settle()
    testing.show_review()
    settle()
    yield "quiz kiosk, review", testing
    leave(testing)

    evaluating = shown(qtbot, EvaluationKiosk(workspace, runner, SEVARE, form_id), laptop=True)
    qtbot.addWidget(evaluating)
    yield "evaluation kiosk, start", evaluating
    if evaluating.pages.currentWidget() is evaluating.find_page:
        evaluating.find_page.picked.emit(*people[-1], False)
        settle()
    evaluating.start()
    settle()
    seen: set[str] = set()
    for index in range(len(evaluating.screens)):
        evaluating.show_screen(index)
        settle()
        item = evaluating.screens[index].item
        kind = item.kind if item else "heading"
        if kind not in seen:
            seen.add(kind)
            yield f"evaluation kiosk, {kind}", evaluating
    evaluating.show_review()
    settle()
    yield "evaluation kiosk, review", evaluating
    leave(evaluating)


def leave(kiosk: KioskWindow) -> None:
    kiosk._may_close = True  # as the PIN does
    kiosk.close()
    settle()


# -- what is checked -----------------------------------------------------------------------------


def _plain(text: str) -> str:
    """A button's text as drawn: without the "&" of its keyboard accelerator."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def needed_width(widget: QWidget) -> int:
    """The width ``widget`` needs to show its whole text.

    - A label (not word-wrapped): ``minimumSizeHint()``, the width of its longest line plus its
      margins and indent; its ``sizeHint()`` is the same for one line, but the minimum is the
      one layouts promise. A word-wrapped label only needs its longest word: it is checked
      in height instead (see :func:`cut_off`).
    - A group box: ``minimumSizeHint()``, which covers its title and its contents' minimum.
    - A button, check box or radio button: ``sizeHint()`` (equal to its ``minimumSizeHint()``)
      is what its layout never goes below, but a push button's hint is at least 80 px wide
      whatever its text (the style's minimum): a button made narrower on purpose ("+" on a 28 px
      button) still shows its text. So the style is asked for the size of the text and icon
      alone, with the button's margins and without that minimum.
    """
    if isinstance(widget, QPushButton) and not widget.isFlat():
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        metrics = widget.fontMetrics()
        width = metrics.horizontalAdvance(_plain(widget.text()))
        if not widget.icon().isNull():
            width += widget.iconSize().width() + 4
        if widget.menu() is not None:
            width += widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator,
                                                option, widget)  # fmt: skip
        margin = widget.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, widget)
        frame = widget.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, widget)
        return width + margin + 2 * frame
    if isinstance(widget, QAbstractButton | QGroupBox) and not isinstance(widget, QLabel):
        return widget.sizeHint().width() if isinstance(widget, QAbstractButton) \
            else widget.minimumSizeHint().width()  # fmt: skip
    return widget.minimumSizeHint().width()


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QGroupBox):
        return widget.title()
    return widget.text()  # type: ignore[attr-defined]


def _scrolled(widget: QWidget) -> bool:
    """Whether ``widget`` is inside a scroll area (which shows the rest by scrolling)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def cut_off(name: str, window: QWidget) -> list[str]:
    """What ``window`` shows cut off: texts narrower than they need, tabs squeezed or out of
    sight, a minimum size bigger than the laptop's screen."""
    problems = []
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > LAPTOP.width() or minimum.height() > LAPTOP.height():
        problems.append(f"{name}: {type(window).__name__} needs at least "
                        f"{minimum.width()}×{minimum.height()}, more than the laptop's screen")  # fmt: skip
    kinds = (QLabel, QAbstractButton, QGroupBox)
    widgets = [w for kind in kinds for w in window.findChildren(kind)]
    for widget in widgets:
        if not widget.isVisible() or widget.window() is not window or not _text_of(widget):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or widget.pixmap() is not None
                                           and not widget.pixmap().isNull()):  # fmt: skip
            if widget.wordWrap() and not _scrolled(widget):
                needs = widget.heightForWidth(widget.width())
                if needs > widget.height() + 1:
                    problems.append(f"{name}: QLabel (wrapped, {widget.height()} px high of "
                                    f"{needs}) {_text_of(widget)!r}")  # fmt: skip
            continue
        if isinstance(widget, QToolButton) and widget.toolButtonStyle() == \
                Qt.ToolButtonStyle.ToolButtonIconOnly:  # fmt: skip
            continue
        needs = needed_width(widget)
        if widget.width() < needs:
            kind = type(widget).__name__
            if isinstance(widget, QCheckBox | QRadioButton):
                kind = type(widget).__bases__[0].__name__ if kind not in ("QCheckBox",
                                                                          "QRadioButton") else kind  # fmt: skip
            problems.append(f"{name}: {kind} ({widget.width()} px of {needs}) "
                            f"{_text_of(widget)!r}")  # fmt: skip
    for bar in window.findChildren(QTabBar):
        if not bar.isVisible() or bar.window() is not window:
            continue
        # Tabs may be elided on purpose (the whole text in their tooltip), never out of sight.
        elided = bar.elideMode() != Qt.TextElideMode.ElideNone
        for index in range(bar.count()):
            rect, hint = bar.tabRect(index), bar.tabSizeHint(index)
            squeezed = rect.width() < hint.width() and not (
                elided and bar.tabToolTip(index) == bar.tabText(index)
            )
            if squeezed or rect.right() >= bar.width() or rect.left() < 0:
                problems.append(f"{name}: tab ({rect.width()} px of {hint.width()}, "
                                f"at {rect.left()}–{rect.right()} in {bar.width()}) "
                                f"{bar.tabText(index)!r}")  # fmt: skip
    return problems


def _in_text_of_a_language(widget: QWidget) -> bool:
    """Whether ``widget`` is (in) a box that takes the direction of the language of its text
    (a French text of a form stays left to right in the Arabic interface)."""
    while widget is not None:
        if widget.property("content_language"):
            return True
        widget = widget.parentWidget()
    return False


def own_language_texts(window: QWidget) -> set[str]:
    """Texts shown in their own language on purpose ("English" among the languages to choose)."""
    return {_text_of(w) for w in window.findChildren(QAbstractButton)
            if w.property("content_language")}  # fmt: skip


def direction_problems(name: str, window: QWidget, lang: str) -> list[str]:
    want = Qt.LayoutDirection.RightToLeft if lang in i18n.RIGHT_TO_LEFT \
        else Qt.LayoutDirection.LeftToRight  # fmt: skip
    problems = []
    if window.layoutDirection() != want:
        problems.append(f"{name}: {type(window).__name__} is {window.layoutDirection().name}")
    for child in window.findChildren(QWidget):
        if child.window() is not window or child.layoutDirection() == want:
            continue
        if type(child).__name__ in LEFT_TO_RIGHT_ON_PURPOSE or _in_text_of_a_language(child):
            continue
        problems.append(f"{name}: {type(child).__name__} {child.objectName()!r} is "
                        f"{child.layoutDirection().name}")  # fmt: skip
    return problems


def qt_own_texts(window: QWidget, lang: str) -> set[str]:
    """The texts Qt gives the standard buttons (OK, Cancel, Close…) and translates itself:
    in English for the pseudo-language, for which Qt has no catalog."""
    if lang != i18n.PSEUDO_LANGUAGE:
        return set()
    return {button.text() for box in window.findChildren(QDialogButtonBox)
            for button in box.buttons()
            if box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton}  # fmt: skip


def save_shot(name: str, window: QWidget, lang: str) -> None:
    folder = os.environ.get("TRAINER_DESKTOP_SHOTS")
    if not folder or lang not in ("ar", "qps"):
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() else "-" for c in name).strip("-")
    assert window.grab().save(str(Path(folder) / f"{lang}-{safe}.png"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_opens_in_each_language(qtbot, demo, runner, template, lang, tmp_path,
                                             interface_language):  # fmt: skip
    assert interface_language(lang) == lang
    started = time.monotonic()
    seen, wrong_direction, cut, untranslated = [], [], [], set()
    for name, window in every_screen(qtbot, demo, runner, tmp_path):
        assert window.isVisible(), name
        seen.append(name)
        wrong_direction += direction_problems(name, window, lang)
        if lang == i18n.PSEUDO_LANGUAGE:
            cut += cut_off(name, window)
        texts = shown_texts(window) - qt_own_texts(window, lang) - own_language_texts(window)
        untranslated |= {f"{name}: {t!r}" for t in untranslated_among(texts, lang, template)}
        save_shot(name, window, lang)
    # Every kind of screen was reached (a screen that silently did not open would not be).
    for expected in ("sessions list", "settings", "overview", "quiz editor", "form editor",
                     "session page, tab ProgrammeEditor", "participant (edit)",
                     "participant import", "sign-in periods", "attendance sheet",
                     "quiz results", "evaluation results", "evaluation entry", "certificates",
                     "sign-in kiosk, signature", "quiz kiosk, question 1",
                     "evaluation kiosk, rating", "backups", "first start, start"):  # fmt: skip
        assert any(s.startswith(expected) for s in seen), f"{expected} was not opened"
    print(f"{lang}: {len(seen)} screens in {time.monotonic() - started:.1f} s")
    assert not wrong_direction, "\n".join(wrong_direction)
    assert not cut, f"{len(cut)} texts cut off in {lang}:\n" + "\n".join(cut)
    if lang == "ar" and i18n.Translator("ar").gettext("Settings") == "Settings":
        pytest.skip("the Arabic catalog is not translated yet: untranslated texts not checked")
    assert not untranslated, f"shown untranslated in {lang}:\n" + "\n".join(sorted(untranslated))


# -- right to left: what must not be mirrored, and what must ---------------------------------------


def test_a_signature_drawn_in_arabic_is_stored_and_shown_as_drawn(qtbot, demo, runner,
                                                                  interface_language):  # fmt: skip
    """The sign-in kiosk mirrors its layout in Arabic, but never the ink: a stroke drawn on the
    left of the pad is stored on the left, and shown there."""
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QColor, QMouseEvent

    from trainer_desktop.ui.signature_pad import SignatureView

    interface_language("ar")
    grid = demo.attendance.grid(SEVARE)
    kiosk = shown(qtbot, SignInKiosk(demo, runner, SEVARE, grid.periods[0].id), laptop=True)
    qtbot.addWidget(kiosk)
    person = next(p for p in grid.people if (p.enrolment.id, grid.periods[0].id) not in grid.signed)
    kiosk.find_page.picked.emit(person.enrolment.id, person.participant.display_name, False)
    settle()
    pad = kiosk.pad
    assert kiosk.isRightToLeft() and pad.isVisible()
    # The page is mirrored: the Confirm button (last in the row) is on the left.
    assert kiosk.confirm_button.mapTo(kiosk, QPoint()).x() < kiosk.width() // 2
    left = [(40, 60), (70, 80), (100, 70), (130, 90)]
    left_button = Qt.MouseButton.LeftButton
    qtbot.mousePress(pad, left_button, pos=QPoint(*left[0]))
    for x, y in left[1:]:
        qtbot.wait(2)
        QApplication.sendEvent(pad, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(x, y), pad.mapToGlobal(QPointF(x, y)),
            Qt.MouseButton.NoButton, left_button, Qt.KeyboardModifier.NoModifier))  # fmt: skip
    qtbot.mouseRelease(pad, left_button, pos=QPoint(*left[-1]))
    [stroke] = pad.strokes()
    assert [(p.x, p.y) for p in stroke] == left  # stored where drawn, not mirrored
    assert max(p.x for p in stroke) < pad.width() // 4
    # Shown as drawn: the view of the stored signature in the Arabic interface is the very image
    # it is in a left-to-right one (the stroke goes down then up, left to right: not mirrored).
    views = []
    for direction in (Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight):
        view = SignatureView(pad.encoded())
        qtbot.addWidget(view)
        view.setLayoutDirection(direction)
        view.resize(300, 110)
        views.append(view.grab().toImage())
    assert views[0] == views[1]
    image = views[0]
    dark = [(y, x) for x in range(image.width()) for y in range(image.height())
            if QColor(image.pixel(x, y)).lightness() < 128]  # fmt: skip
    assert dark
    lowest = max(dark)
    assert lowest[1] > image.width() // 2  # the stroke's lowest point (the last) on the right
    leave(kiosk)


def test_the_faces_read_from_the_right_in_arabic(qtbot, demo, runner, interface_language):
    """A rating scale reads in the language's direction: from sad to happy left to right in
    French, right to left in Arabic (as the charts put their first category on the right)."""
    form_id = next(f.id for f in demo.evaluations.session_forms(SEVARE)
                   if any(i.kind == "rating" for i in f.content.items))  # fmt: skip
    positions = {}
    for lang in ("fr", "ar"):
        interface_language(lang)
        kiosk = shown(qtbot, EvaluationKiosk(demo, runner, SEVARE, form_id), laptop=True)
        qtbot.addWidget(kiosk)
        if kiosk.pages.currentWidget() is kiosk.find_page:
            person = demo.participants.enrolled(SEVARE)[0]
            kiosk.find_page.picked.emit(person.enrolment.id, person.participant.display_name,
                                        False)  # fmt: skip
        kiosk.start()
        index = next(i for i, s in enumerate(kiosk.screens) if s.item and s.item.kind == "rating")
        kiosk.show_screen(index)
        settle()
        buttons = kiosk.item_page.scale_buttons
        positions[lang] = [b.mapTo(kiosk, b.rect().center()).x() for b in buttons]
        leave(kiosk)
    assert positions["fr"] == sorted(positions["fr"])  # the first point (saddest) on the left
    assert positions["ar"] == sorted(positions["ar"], reverse=True)  # ...on the right


def test_the_bundled_font_has_arabic_letters(qapp):
    """DejaVu Sans is added at start-up, so Arabic shows even without an Arabic system font."""
    from PySide6.QtGui import QFontDatabase

    assert "DejaVu Sans" in app.add_bundled_fonts()
    assert QFontDatabase.WritingSystem.Arabic in QFontDatabase.writingSystems("DejaVu Sans")
