"""Evaluation mode used as participants would: start (anonymous) or find one's name (named),
answer by touch and by keys, go back and change, submit; then what the database holds. Required
items cannot be skipped, faces are drawn, leaving needs the PIN."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer_desktop.core.form_content import FormChoice, FormContent, FormItem
from trainer_desktop.ui.evaluation_kiosk import EvaluationKiosk, ScaleButton, screens_of

pytestmark = pytest.mark.usefixtures("boxes")

LEFT = Qt.MouseButton.LeftButton
PIN = "2468"
SCALE = tuple({"en": t} for t in ("Very bad", "Bad", "Average", "Good", "Very good"))
ITEMS = [
    FormItem("heading", "part1", {"en": "The training"}),
    FormItem("rating", "overall", {"en": "How was the training?"}, required=True, points=5,
             point_labels=SCALE, faces=True),
    FormItem("single", "pace", {"en": "The pace was"},
             choices=(FormChoice("slow", {"en": "Too slow"}), FormChoice("right", {"en": "Right"}),
                      FormChoice("fast", {"en": "Too fast"}))),
    FormItem("multiple", "best", {"en": "What helped you most?"},
             choices=(FormChoice("cases", {"en": "Case studies"}),
                      FormChoice("roleplay", {"en": "Role plays"}),
                      FormChoice("talks", {"en": "Talks"}))),
    FormItem("note", "thanks_note", {"en": "Two more questions."}),
    FormItem("yesno", "again", {"en": "Would you recommend it?"}),
    FormItem("decimal", "hours", {"en": "Hours of practice you would like per day"}),
    FormItem("longtext", "comment", {"en": "Anything else?"}),
]  # fmt: skip


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10))  # fmt: skip
    for family, given in (("Traoré", "Awa"), ("Keita", "Moussa")):
        workspace.participants.create_and_enrol(session.id, family_name=family, given_names=given,
                                                sex="woman")  # fmt: skip
    return session


@pytest.fixture
def open_kiosk(qtbot, workspace, runner, session):
    def factory(anonymous: bool = True, items=ITEMS, **extra) -> EvaluationKiosk:
        workspace.settings.set_pin(PIN)
        form = workspace.evaluations.create("End of training", "en", items, anonymous=anonymous)
        workspace.evaluations.use(session.id, form.id)
        kiosk = EvaluationKiosk(workspace, runner, session.id, form.id, **extra)
        qtbot.addWidget(kiosk)
        kiosk.resize(1366, 768)
        kiosk.show()
        return kiosk

    yield factory
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, EvaluationKiosk):
            widget._may_close = True
            widget.close()


def click(qtbot, widget, button=LEFT) -> None:
    """A tap on a widget, once the page is laid out (as it is before anyone can touch it)."""
    qtbot.waitUntil(lambda: widget.width() > 0 and widget.height() > 0, timeout=1000)
    qtbot.mouseClick(widget, button)


def key(qtbot, kiosk, k, text: str = "") -> None:
    target = kiosk.focusWidget() or kiosk
    if text:
        qtbot.keyClicks(target, text)
    else:
        qtbot.keyClick(target, k)


def test_screens_put_a_heading_above_the_next_item():
    screens = screens_of(FormContent(tuple(ITEMS)))
    assert [(s.heading and s.heading.name, s.item and s.item.name) for s in screens][:2] == [
        ("part1", "overall"), (None, "pace")]  # fmt: skip
    alone = screens_of(FormContent((ITEMS[0], FormItem("heading", "h2", {"en": "End"}))))
    assert [(s.heading.name, s.item) for s in alone] == [("part1", None), ("h2", None)]


def test_anonymous_form_filled_by_clicks_and_keys_with_a_change(qtbot, workspace, open_kiosk,
                                                                 tmp_path):  # fmt: skip
    kiosk = open_kiosk()
    assert kiosk.pages.currentWidget() is kiosk.welcome_page
    assert kiosk.grab().save(str(tmp_path / "welcome.png"))
    click(qtbot, kiosk.start_button, LEFT)
    page = kiosk.item_page
    assert kiosk.pages.currentWidget() is page
    assert page.section.text() == "The training" and page.text.text() == "How was the training?"
    assert len(page.scale_buttons) == 5
    click(qtbot, page.scale_buttons[3], LEFT)  # "Good"
    assert page.scale_buttons[3].isChecked()
    assert kiosk.grab().save(str(tmp_path / "rating.png"))
    key(qtbot, kiosk, Qt.Key.Key_Return)
    assert page.text.text() == "The pace was"
    key(qtbot, kiosk, None, "c")  # too fast
    assert page.choice_buttons[2].isChecked()
    click(qtbot, page.next_button, LEFT)
    click(qtbot, page.choice_buttons[0], LEFT)
    click(qtbot, page.choice_buttons[1], LEFT)
    key(qtbot, kiosk, None, "a")  # taken away again
    assert [b.isChecked() for b in page.choice_buttons] == [False, True, False]
    assert kiosk.grab().save(str(tmp_path / "multiple.png"))
    click(qtbot, page.next_button, LEFT)
    assert page.text.text() == "Two more questions."  # a note: nothing to answer
    click(qtbot, page.next_button, LEFT)
    key(qtbot, kiosk, None, "o")  # oui
    assert page.yes_button.isChecked()
    assert kiosk.grab().save(str(tmp_path / "yesno.png"))
    click(qtbot, page.next_button, LEFT)
    qtbot.keyClicks(page.field, "1,5")
    assert kiosk.grab().save(str(tmp_path / "number.png"))
    key(qtbot, kiosk, Qt.Key.Key_Return)
    assert page.long_field is not None and page.text.text() == "Anything else?"
    assert kiosk.grab().save(str(tmp_path / "longtext.png"))
    # back to the pace, and change it; the number typed is still there
    for _ in range(5):
        click(qtbot, page.back_button, LEFT)
    assert page.text.text() == "The pace was" and page.choice_buttons[2].isChecked()
    click(qtbot, page.choice_buttons[1], LEFT)
    assert [b.isChecked() for b in page.choice_buttons] == [False, True, False]
    for _ in range(4):
        click(qtbot, page.next_button, LEFT)
    assert page.field.text() == "1.5"  # as stored, in English
    click(qtbot, page.next_button, LEFT)
    click(qtbot, page.next_button, LEFT)  # the comment left empty
    assert kiosk.pages.currentWidget() is kiosk.review_page
    assert kiosk.review_list.count() == 1 and kiosk.review_list.item(0).text() == "Anything else?"
    assert kiosk.grab().save(str(tmp_path / "review.png"))
    # committed as given, before submitting
    assert workspace.evaluations.responses(kiosk.form_id) == []
    click(qtbot, kiosk.submit_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.thanks_page
    assert kiosk.grab().save(str(tmp_path / "thanks.png"))
    [(response, answers)] = workspace.evaluations.responses(kiosk.form_id)
    assert response.enrolment_id is None and response.mode == "kiosk"
    assert answers == {"overall": "4", "pace": "right", "best": "roleplay", "again": "yes",
                       "hours": "1.5"}  # fmt: skip
    history = [a.item_name for a in workspace.evaluations.history(response.id)]
    assert history.count("pace") == 2  # the change is kept
    click(qtbot, kiosk.next_person_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.welcome_page and kiosk.response is None


def test_a_required_item_cannot_be_skipped(qtbot, workspace, open_kiosk, boxes):
    kiosk = open_kiosk()
    click(qtbot, kiosk.start_button, LEFT)
    page = kiosk.item_page
    click(qtbot, page.next_button, LEFT)
    assert page.text.text() == "How was the training?"
    assert page.error.isVisibleTo(kiosk) and "answer" in page.error.text()
    key(qtbot, kiosk, None, "5")
    assert page.scale_buttons[4].isChecked() and not page.error.isVisibleTo(kiosk)
    key(qtbot, kiosk, Qt.Key.Key_Return)
    assert page.text.text() == "The pace was"


def test_idle_returns_to_the_start_and_answers_stay(qtbot, workspace, open_kiosk):
    kiosk = open_kiosk(idle_ms=50, item_idle_ms=50)
    click(qtbot, kiosk.start_button, LEFT)
    key(qtbot, kiosk, None, "2")
    response_id = kiosk.response.id
    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.welcome_page, timeout=2000)
    assert workspace.evaluations.answers(response_id) == {"overall": "2"}


def test_a_named_form_asks_the_name(qtbot, workspace, session, open_kiosk):
    kiosk = open_kiosk(anonymous=False, items=ITEMS[:2])
    assert kiosk.pages.currentWidget() is kiosk.find_page
    qtbot.keyClicks(kiosk.search, "keita")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.welcome_page
    assert "Moussa" in kiosk.welcome_name.text()
    click(qtbot, kiosk.start_button, LEFT)
    click(qtbot, kiosk.item_page.scale_buttons[4], LEFT)
    click(qtbot, kiosk.next_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.review_page, kiosk.item_error.text()
    click(qtbot, kiosk.submit_button, LEFT)
    assert "Moussa" in kiosk.thanks_label.text(), kiosk.review_error.text()
    [(response, answers)] = workspace.evaluations.responses(kiosk.form_id)
    keita = next(p.enrolment.id for p in workspace.participants.enrolled(session.id)
                 if p.participant.family_name == "Keita")  # fmt: skip
    assert response.enrolment_id == keita and answers == {"overall": "5"}
    click(qtbot, kiosk.next_person_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.find_page
    assert "done" in kiosk.names.findItems("Moussa", Qt.MatchFlag.MatchContains)[0].text()
    qtbot.keyClicks(kiosk.search, "keita")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.done_page  # not twice


def test_faces_are_drawn_sad_to_happy(qtbot):
    images = []
    for point in (1, 5):
        button = ScaleButton(point, 5, "label", faces=True)
        qtbot.addWidget(button)
        button.resize(180, 250)
        images.append(button.grab().toImage())
    plain = ScaleButton(1, 5, "label", faces=False)
    qtbot.addWidget(plain)
    plain.resize(180, 250)
    flat = plain.grab().toImage()
    sad, happy = images
    differ = sum(sad.pixel(x, y) != happy.pixel(x, y) for x in range(0, 180, 3) for y in range(0, 180, 3))
    assert differ > 100  # colour and mouth
    # a face holds a dark outline and eyes where the plain button is white/number
    assert sad != flat
    centre = sad.pixelColor(int(180 * 0.5), 100)
    assert centre.lightness() < 250  # the face is coloured in


def test_leaving_needs_the_pin(qtbot, workspace, open_kiosk, tmp_path):
    kiosk = open_kiosk()
    click(qtbot, kiosk.start_button, LEFT)
    key(qtbot, kiosk, None, "3")
    kiosk.close()
    assert kiosk.isVisible() and kiosk.pages.currentWidget() is kiosk.exit_page
    assert kiosk.grab().save(str(tmp_path / "pin.png"))
    qtbot.keyClicks(kiosk.pin, "1111")
    click(qtbot, kiosk.leave_button, LEFT)
    assert kiosk.isVisible() and kiosk.pin_error.text()
    click(qtbot, kiosk.stay_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.item_page
    assert kiosk.item_page.scale_buttons[2].isChecked()
    key(qtbot, kiosk, Qt.Key.Key_Escape)
    assert kiosk.pages.currentWidget() is kiosk.exit_page
    qtbot.keyClicks(kiosk.pin, PIN)
    with qtbot.waitSignal(kiosk.left, timeout=1000):
        click(qtbot, kiosk.leave_button, LEFT)
    assert not kiosk.isVisible()
