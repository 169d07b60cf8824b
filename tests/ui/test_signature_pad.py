"""The signature pad used as a participant would — a mouse, a stylus, a finger — then what it
captured, what it encodes and what the screen shows; and the read-only view at any size."""

from __future__ import annotations

import itertools
import sys

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import Point, decode, encode
from trainer_desktop.ui import signature_pad
from trainer_desktop.ui.signature_pad import SignaturePad, SignatureView

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_KEY = Qt.KeyboardModifier.NoModifier
# A short cursive-ish stroke, in pad pixels.
ZIGZAG = [(60, 150), (80, 110), (100, 80), (115, 110), (130, 150), (150, 110), (170, 80),
          (185, 115), (200, 150), (240, 120), (280, 100)]  # fmt: skip


@pytest.fixture
def pad(qtbot) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 220)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def mouse_move(widget, x: float, y: float, buttons=LEFT) -> None:
    # QTest.mouseMove cannot hold a button down: send the event itself.
    local = QPointF(x, y)
    event = QMouseEvent(QEvent.Type.MouseMove, local, widget.mapToGlobal(local), NO_BUTTON,
                        buttons, NO_KEY)  # fmt: skip
    QApplication.sendEvent(widget, event)


def draw(qtbot, widget, points, pause_ms: int = 3) -> None:
    """Press at the first point, drag through the others, release at the last."""
    (x0, y0), *rest = points
    qtbot.mousePress(widget, LEFT, pos=QPoint(x0, y0))
    for x, y in rest:
        qtbot.wait(pause_ms)
        mouse_move(widget, x, y)
    qtbot.mouseRelease(widget, LEFT, pos=QPoint(*points[-1]))


def ink_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    """Pixels in the rectangle dark enough to be ink (not the background, not the guide)."""
    return sum(QColor(image.pixel(x, y)).lightness() < 128
               for x in range(x0, x1) for y in range(y0, y1))  # fmt: skip


# --- capturing ------------------------------------------------------------------------------


def test_a_mouse_signature_is_captured_with_its_timing(qtbot, pad):
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, ZIGZAG)
    strokes = pad.strokes()
    assert len(strokes) == 1
    assert [(p.x, p.y) for p in strokes[0]] == [tuple(map(float, xy)) for xy in ZIGZAG]
    times = [p.t_ms for p in strokes[0]]
    assert times[0] == 0
    assert all(a < b for a, b in itertools.pairwise(times)), times
    assert all(p.pressure is None for p in strokes[0])  # a mouse has no pressure
    assert not pad.is_blank()


def test_several_strokes_keep_the_pause_between_them(qtbot, pad):
    draw(qtbot, pad, ZIGZAG)
    qtbot.wait(60)
    draw(qtbot, pad, [(320, 140), (360, 90), (400, 140), (440, 90)])
    first, second = pad.strokes()
    # qtbot.wait's coarse timer may fire up to 5 % early.
    assert second[0].t_ms >= first[-1].t_ms + 50


def test_encoded_round_trips_through_the_core(qtbot, pad):
    draw(qtbot, pad, ZIGZAG)
    draw(qtbot, pad, [(320, 140), (360, 90), (400, 140)])
    decoded = decode(pad.encoded())
    assert (decoded.width, decoded.height) == (600, 220)
    assert decoded.strokes == pad.strokes()  # whole pixels: no quantisation loss at all


def test_clear_empties_the_pad(qtbot, pad):
    draw(qtbot, pad, ZIGZAG)
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.strokes() == [] and pad.is_blank()
    assert decode(pad.encoded()).strokes == []
    # The next signature starts its own clock.
    draw(qtbot, pad, ZIGZAG[:3])
    assert pad.strokes()[0][0].t_ms == 0


def test_a_click_or_a_tap_is_blank(qtbot, pad):
    qtbot.mouseClick(pad, LEFT, pos=QPoint(300, 100))
    assert len(pad.strokes()) == 1 and pad.is_blank()
    draw(qtbot, pad, [(100, 100), (102, 101), (103, 103)])  # a slip
    assert pad.is_blank()
    draw(qtbot, pad, [(100, 100), (140, 100)])
    assert not pad.is_blank()


def test_other_buttons_and_hovering_do_not_draw(qtbot, pad):
    qtbot.mousePress(pad, Qt.MouseButton.RightButton, pos=QPoint(100, 100))
    mouse_move(pad, 200, 100, buttons=Qt.MouseButton.RightButton)
    qtbot.mouseRelease(pad, Qt.MouseButton.RightButton, pos=QPoint(200, 100))
    mouse_move(pad, 250, 120, buttons=NO_BUTTON)
    assert pad.strokes() == []


def test_nearly_identical_points_are_dropped(qtbot, pad):
    draw(qtbot, pad, [(100, 100), (100, 100), (100.2, 100.1), (120, 100)], pause_ms=0)
    assert [(p.x, p.y) for p in pad.strokes()[0]] == [(100, 100), (120, 100)]


def test_the_pad_stops_at_the_format_bound_and_keeps_what_it_has(qtbot, pad, monkeypatch):
    monkeypatch.setattr(signature_pad, "MAX_POINTS", 30)
    draw(qtbot, pad, [(20 + 5 * i, 100 + (i % 2) * 20) for i in range(50)], pause_ms=0)
    draw(qtbot, pad, [(300, 50), (350, 60)], pause_ms=0)
    assert sum(len(s) for s in pad.strokes()) == 30
    assert len(decode(pad.encoded()).strokes) == 1


def pen_device() -> QPointingDevice:
    return QPointingDevice("test pen", 1001, QInputDevice.DeviceType.Stylus,
                           QPointingDevice.PointerType.Pen,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                           1, 2)  # fmt: skip


def tablet(widget, device, kind, x, y, pressure, buttons=LEFT) -> None:
    local = QPointF(x, y)
    event = QTabletEvent(kind, device, local, widget.mapToGlobal(local), pressure, 0, 0, 0, 0, 0,
                         NO_KEY, LEFT, buttons)  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_a_stylus_draws_with_pressure(qtbot, pad):
    pen = pen_device()
    tablet(pad, pen, QEvent.Type.TabletMove, 90, 90, 0.0, NO_BUTTON)  # hovering
    tablet(pad, pen, QEvent.Type.TabletPress, 100, 100, 0.2)
    for i in range(1, 10):
        qtbot.wait(2)
        tablet(pad, pen, QEvent.Type.TabletMove, 100 + 15 * i, 100 + 3 * i, 0.2 + 0.07 * i)
    with qtbot.waitSignal(pad.changed):
        tablet(pad, pen, QEvent.Type.TabletRelease, 250, 130, 0.8, NO_BUTTON)
    (stroke,) = pad.strokes()
    assert len(stroke) == 11 and stroke[0] == Point(100, 100, 0, pytest.approx(0.2))
    assert [round(p.pressure, 2) for p in stroke[:3]] == [0.2, 0.27, 0.34]
    back = decode(pad.encoded()).strokes[0]
    assert all(abs(a.pressure - b.pressure) <= 1 / 510 for a, b in zip(stroke, back, strict=True))


def at(widget, x: int, y: int) -> QPoint:
    """Where to put a finger with QTest for it to land at (x, y) on ``widget``: its widget touch
    sequence (Qt 6.12, offscreen) reports the point given as the global position too, from which
    the widget's local one is derived."""
    return widget.mapToGlobal(QPoint(x, y))


def test_a_finger_draws_and_a_second_finger_is_ignored(qtbot, pad):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, at(pad, 300, 60)).commit()
    for i in range(1, 8):
        qtbot.wait(2)
        sequence = QTest.touchEvent(pad, device).move(0, at(pad, 300 + 10 * i, 60 + 8 * i))
        if i == 3:  # a palm lands
            sequence.press(1, at(pad, 500, 200))
        elif i > 3:
            sequence.stationary(1)
        sequence.commit()
    with qtbot.waitSignal(pad.changed):
        QTest.touchEvent(pad, device).release(0, at(pad, 380, 124)).stationary(1).commit()
    QTest.touchEvent(pad, device).release(1, at(pad, 500, 200)).commit()
    (stroke,) = pad.strokes()
    assert [(p.x, p.y) for p in stroke] == [(300 + 10 * i, 60 + 8 * i) for i in range(8)] + [
        (380, 124)]  # fmt: skip
    times = [p.t_ms for p in stroke]
    assert times == sorted(times) and times[-1] > times[0]
    assert all(p.pressure is None for p in stroke)
    assert not pad.is_blank()


def test_the_mouse_cannot_interrupt_a_finger(qtbot, pad):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(100, 100)).commit()
    draw(qtbot, pad, [(300, 50), (400, 50)])
    QTest.touchEvent(pad, device).move(0, QPoint(150, 100)).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(150, 100)).commit()
    (stroke,) = pad.strokes()
    assert len(stroke) == 2 and stroke[-1].x - stroke[0].x == 50


def test_a_cancelled_touch_keeps_its_ink(qtbot, pad):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(100, 100)).commit()
    QTest.touchEvent(pad, device).move(0, QPoint(200, 120)).commit()
    QApplication.sendEvent(pad, QTouchEvent(QEvent.Type.TouchCancel, device))
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) == 2
    draw(qtbot, pad, [(300, 50), (400, 50)])  # the pad is free again
    assert len(pad.strokes()) == 2


# --- what the screen shows ------------------------------------------------------------------


def test_the_pad_is_big_enough_for_a_finger(pad):
    assert pad.minimumWidth() >= 600 and pad.minimumHeight() >= 220


def test_the_drawn_ink_shows_on_the_pad(qtbot, pad):
    before = pad.grab().toImage()
    assert ink_pixels(before, 50, 70, 290, 160) == 0
    draw(qtbot, pad, ZIGZAG)
    after = pad.grab().toImage()
    assert ink_pixels(after, 50, 70, 290, 160) > 200
    # Still there when the layer is rebuilt at another size.
    pad.resize(700, 260)
    qtbot.wait(10)
    assert ink_pixels(pad.grab().toImage(), 50, 70, 290, 160) > 200


def test_the_hint_is_translated(qtbot, pad, monkeypatch):
    asked = []
    monkeypatch.setattr(signature_pad, "_", lambda text: asked.append(text) or text)
    pad.grab()
    assert "Sign here" in asked


def test_right_to_left_moves_the_hint_not_the_ink(qtbot, pad):
    ltr = pad.grab().toImage()
    pad.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    rtl = pad.grab().toImage()
    w, baseline = pad.width(), round(pad.height() * signature_pad.BASELINE)

    def guide(image, x0, x1):
        return sum(QColor(image.pixel(x, y)).lightness() < 250
                   for x in range(x0, x1) for y in range(baseline - 24, baseline - 4))  # fmt: skip

    assert guide(ltr, 30, 80) > 0 and guide(ltr, w - 80, w - 30) == 0  # the cross on the left
    assert guide(rtl, 30, 80) == 0 and guide(rtl, w - 80, w - 30) > 0  # ...and on the right
    draw(qtbot, pad, [(60, 100), (120, 100)])
    assert [p.x for p in pad.strokes()[0]] == [60, 120]  # drawn as drawn, not mirrored
    assert ink_pixels(pad.grab().toImage(), 55, 95, 125, 105) > 50


@pytest.mark.parametrize(("w", "h"), [(600, 220), (150, 55), (300, 300)])
def test_the_view_renders_a_signature_at_any_size(qtbot, w, h):
    view = SignatureView(encode(demo_signature(0), 600, 220))
    qtbot.addWidget(view)
    view.resize(w, h)
    image = view.grab().toImage()
    assert (image.width(), image.height()) == (w, h)
    assert ink_pixels(image, w // 4, h // 4, 3 * w // 4, 3 * h // 4) > 0
    # The margins stay clear: the signature is scaled into the box, not cut.
    assert ink_pixels(image, 0, 0, w, 1) == ink_pixels(image, 0, h - 1, w, h) == 0
    assert ink_pixels(image, 0, 0, 1, h) == ink_pixels(image, w - 1, 0, w, h) == 0


def test_the_view_shows_what_the_pad_captured(qtbot, pad):
    draw(qtbot, pad, ZIGZAG)
    view = SignatureView()
    qtbot.addWidget(view)
    view.resize(300, 110)
    assert ink_pixels(view.grab().toImage(), 0, 0, 300, 110) == 0
    view.set_signature(pad.encoded())
    assert ink_pixels(view.grab().toImage(), 0, 0, 300, 110) > 100


def test_the_view_survives_unreadable_bytes(qtbot):
    view = SignatureView(b"not a signature")
    qtbot.addWidget(view)
    view.resize(300, 110)
    view.grab()
    assert view.signature() is None


def test_a_long_signing_session_keeps_none_alive(qtbot, pad):
    # The pad paints on every pointer move: a binding that loses a reference at each call (see
    # tests/ui/test_qt_binding.py) would abort the program within a signature or two.
    before = sys.getrefcount(None)
    draw(qtbot, pad, [(20 + 2 * i, 100 + (i % 7) * 5) for i in range(200)], pause_ms=0)
    pad.grab()
    assert sys.getrefcount(None) >= before - 50
