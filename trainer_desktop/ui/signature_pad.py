"""Where a participant signs (:class:`SignaturePad`) and where a signature is shown again
(:class:`SignatureView`).

The pad takes a finger (touch screen), a stylus (tablet events, with pressure) or a mouse, one
device at a time: the device that started a stroke owns it until it lifts, so a palm on the screen
or the mouse events Qt makes up from touch or pen input never add a second line. Points are
stored as the core's :class:`~trainer_desktop.core.signatures.Point` in widget pixels, with the
milliseconds since the signature's first point.

Drawing is smoothed with the core's midpoint Béziers, the same curves the PDF draws. A segment
is final as soon as the point after it arrives, so the pad paints it once onto an ink layer and
each repaint costs the same however long the signature: on a 4 GB laptop a long scribble stays
fluid. The pad is never mirrored in a right-to-left interface (a signature is drawn as drawn);
only the "Sign here" hint and its cross move to the reading side.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer_desktop.core.i18n import _
from trainer_desktop.core.signatures import (
    INK_COLOUR,
    MAX_POINTS,
    MAX_STROKES,
    Placement,
    Point,
    Segment,
    Signature,
    Stroke,
    decode,
    encode,
    fit,
    is_blank,
    pen_runs,
    segment_at,
)

#: Big enough for a finger on a laptop's touch screen.
PAD_MIN_SIZE = QSize(600, 220)
#: Points closer than this to the previous one add nothing but bytes.
MIN_STEP_PX = 0.5
#: The baseline's height, as a fraction of the pad's.
BASELINE = 0.72

_IDENTITY = Placement(1.0, 0.0, 0.0)
#: Pen widths are rounded to this step (pixels), so that runs of equal width make long paths.
WIDTH_STEP_PX = 0.25
PAD_MIN_WIDTH_PX = 1.0
_MOUSE, _PEN, _TOUCH = "mouse", "pen", "touch"


def _pad_width(pressure: float | None) -> float:
    """The pen on the pad, rounded as :func:`paint_signature` rounds it when it redraws."""
    width = _IDENTITY.pen_width(pressure, PAD_MIN_WIDTH_PX)
    return max(round(width / WIDTH_STEP_PX) * WIDTH_STEP_PX, WIDTH_STEP_PX)


def _mix(palette: QPalette, amount: float) -> QColor:
    """The text colour at ``amount`` (0..1) over the background colour."""
    paper, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    return QColor.fromRgbF(
        *(
            p + (t - p) * amount
            for p, t in zip(paper.getRgbF()[:3], text.getRgbF()[:3], strict=True)
        )
    )


def _ink_pen(width: float) -> QPen:
    return QPen(QColor(INK_COLOUR), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin)  # fmt: skip


def _path(run: Sequence[Segment], placement: Placement) -> QPainterPath:
    path = QPainterPath()
    position = None
    for segment in run:
        start = segment.start
        if position != start:
            path.moveTo(*placement.map(*start))
        if segment.control is None:
            path.lineTo(*placement.map(*segment.end))
        else:
            path.quadTo(QPointF(*placement.map(*segment.control)),
                        QPointF(*placement.map(*segment.end)))  # fmt: skip
        position = segment.end
    return path


def _paint_run(
    painter: QPainter, run: Sequence[Segment], placement: Placement, width: float
) -> None:
    first = run[0]
    if all(s.start == s.end == first.start and s.control in (None, s.start) for s in run):
        # A dot: Qt draws nothing for a zero-length path, so fill a disc the pen's size.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(INK_COLOUR))
        painter.drawEllipse(QPointF(*placement.map(*first.start)), width / 2, width / 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return
    painter.setPen(_ink_pen(width))
    painter.drawPath(_path(run, placement))


def paint_signature(painter: QPainter, strokes: Sequence[Stroke] | Signature, placement: Placement,
                    minimum_width: float, maximum_width: float) -> None:  # fmt: skip
    """Paint strokes (canvas pixels) through ``placement``: one antialiased path per run of equal
    pen width, the same runs the PDF draws."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for width, run in pen_runs(strokes, placement, minimum_width, maximum_width, WIDTH_STEP_PX):
        _paint_run(painter, run, placement, width)


class SignaturePad(QWidget):
    """Captures a signature. ``changed`` is emitted when a stroke ends and when the pad is
    cleared: the moment to enable or disable a "Confirm" button (``is_blank()``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(PAD_MIN_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(_("Signature"))
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._device: str | None = None  # the device drawing the current stroke
        self._touch_id: int | None = None
        self._clock = QElapsedTimer()
        self._ink: QImage | None = None  # finished segments, in device pixels
        self._seen_touch = self._seen_pen = False

    # --- what the sign-in flow uses -------------------------------------------------------

    def strokes(self) -> list[Stroke]:
        """Every stroke drawn so far, the one being drawn included (never lose ink)."""
        strokes = [list(stroke) for stroke in self._strokes]
        if self._current:
            strokes.append(list(self._current))
        return strokes

    def signature(self) -> Signature:
        return Signature(self.strokes(), float(self.width()), float(self.height()))

    def is_blank(self) -> bool:
        return is_blank(self.strokes())

    def encoded(self) -> bytes:
        """The signature in the core's binary format, on a canvas the pad's size."""
        return encode(self.strokes(), max(self.width(), 1), max(self.height(), 1))

    def clear(self) -> None:
        had_ink = bool(self._strokes or self._current)
        self._strokes, self._current, self._device, self._touch_id = [], None, None, None
        self._clock.invalidate()
        self._ink = None
        self.update()
        if had_ink:
            self.changed.emit()

    def sizeHint(self) -> QSize:
        return PAD_MIN_SIZE

    # --- strokes -------------------------------------------------------------------------

    def _point(self, pos: QPointF, pressure: float | None) -> Point:
        if not self._clock.isValid():
            self._clock.start()
        return Point(pos.x(), pos.y(), int(self._clock.elapsed()), pressure)

    def _room(self) -> int:
        return MAX_POINTS - sum(len(s) for s in self._strokes) - len(self._current or ())

    def _begin(self, device: str, pos: QPointF, pressure: float | None) -> bool:
        if self._current is not None:
            if self._device != device:
                return False  # another device owns the stroke
            self._end()
        if len(self._strokes) >= MAX_STROKES or self._room() <= 0:
            return False  # the format's bound: keep what is there rather than fail to save it
        self._device = device
        self._current = [self._point(pos, pressure)]
        self._update_tail()
        return True

    def _extend(self, device: str, pos: QPointF, pressure: float | None) -> None:
        stroke = self._current
        if stroke is None or self._device != device or self._room() <= 0:
            return
        last = stroke[-1]
        if abs(pos.x() - last.x) < MIN_STEP_PX and abs(pos.y() - last.y) < MIN_STEP_PX:
            return
        stroke.append(self._point(pos, pressure))
        # The segment before the new tail is now final: onto the ink layer it goes.
        self._paint_on_ink(segment_at(stroke, len(stroke) - 2))
        self._update_tail()

    def _end(self, device: str | None = None, pos: QPointF | None = None,
             pressure: float | None = None) -> None:  # fmt: skip
        if self._current is None or (device is not None and self._device != device):
            return
        if pos is not None:
            self._extend(self._device, pos, pressure)
        stroke = self._current
        self._paint_on_ink(segment_at(stroke, len(stroke) - 1))
        self._strokes.append(stroke)
        self._current, self._device, self._touch_id = None, None, None
        self._update_tail(stroke)
        self.changed.emit()

    def _update_tail(self, stroke: Stroke | None = None) -> None:
        stroke = stroke or self._current
        if not stroke:
            return
        tail = stroke[-3:]
        margin = max(_pad_width(p.pressure) for p in tail) + 2
        xs, ys = [p.x for p in tail], [p.y for p in tail]
        self.update(QRectF(min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                           max(ys) - min(ys) + 2 * margin).toAlignedRect())  # fmt: skip

    # --- the ink layer ---------------------------------------------------------------------

    def _ink_layer(self) -> QImage:
        ratio = self.devicePixelRatioF()
        size = self.size() * ratio
        if self._ink is None or self._ink.size() != size:
            self._ink = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            self._ink.setDevicePixelRatio(ratio)
            self._ink.fill(Qt.GlobalColor.transparent)
            painter = QPainter(self._ink)
            paint_signature(painter, self._strokes, _IDENTITY, PAD_MIN_WIDTH_PX, 1e9)
            painter.end()
        return self._ink

    def _paint_on_ink(self, segment: Segment) -> None:
        if self._ink is None:
            return  # not painted yet: the layer is built from the strokes when it is
        painter = QPainter(self._ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_run(painter, [segment], _IDENTITY, _pad_width(segment.pressure))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The layer is rebuilt at the new size; the strokes keep their coordinates.
        self._ink = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setClipRect(event.rect())
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        self._paint_guide(painter)
        painter.drawImage(0, 0, self._ink_layer())
        if self._current:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            tail = segment_at(self._current, len(self._current) - 1)
            _paint_run(painter, [tail], _IDENTITY, _pad_width(tail.pressure))
        painter.end()

    def _paint_guide(self, painter: QPainter) -> None:
        """The baseline, a cross at its start and a faint "Sign here" under it, on the reading
        side: left to right, or right to left in Arabic."""
        w, h = self.width(), self.height()
        y = round(h * BASELINE) + 0.5
        left, right = 0.06 * w, 0.94 * w
        # Faint, in the light or the dark palette alike: the text colour mixed into the paper.
        guide, hint = _mix(self.palette(), 0.22), _mix(self.palette(), 0.45)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(guide, 1.0))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        cross_x = right - 14 if rtl else left + 14
        painter.setPen(QPen(guide, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(cross_x - 6, y - 20), QPointF(cross_x + 6, y - 8))
        painter.drawLine(QPointF(cross_x - 6, y - 8), QPointF(cross_x + 6, y - 20))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(hint)
        text_box = QRectF(left, y + 6, right - left, h - y - 6)
        # Leading: the painter takes the widget's direction and puts it on the right in Arabic,
        # under the cross (an explicit AlignRight would be mirrored back to the left).
        painter.drawText(
            text_box, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop, _("Sign here")
        )

    # --- input ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._synthesised(event):
            event.ignore()
            return
        self._begin(_MOUSE, event.position(), None)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and not self._synthesised(event):
            self._extend(_MOUSE, event.position(), None)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._synthesised(event):
            self._end(_MOUSE, event.position())
        event.accept()

    def _synthesised(self, event: QMouseEvent) -> bool:
        """A mouse event Qt made up from touch or pen input that reaches the pad as such. Where
        a platform delivers a finger or a pen only as mouse events, those events draw."""
        kind = event.device().type()
        if kind == QPointingDevice.DeviceType.TouchScreen:
            return self._seen_touch
        if kind == QPointingDevice.DeviceType.Stylus:
            return self._seen_pen
        return False

    def tabletEvent(self, event: QTabletEvent) -> None:
        self._seen_pen = True
        device = event.pointingDevice()
        has_pressure = bool(device.capabilities() & QPointingDevice.Capability.Pressure)
        pressure = event.pressure() if has_pressure else None
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(_PEN, event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:  # hovering without touching: no stroke to extend
            self._extend(_PEN, event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end(_PEN, event.position(), pressure)
        # Accepted: Qt makes up no mouse event from it.
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):  # fmt: skip
            self._touch(event)
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """The first finger draws; other fingers (a palm, a thumb) are ignored. A finger's
        "pressure" is not a pen's, so a finger draws at constant width."""
        event.accept()
        self._seen_touch = True
        if event.type() == QEvent.Type.TouchCancel:
            self._end(_TOUCH)  # the system took the touch: keep the ink drawn so far
            return
        for point in event.points():
            state = point.state()
            if state == QEventPoint.State.Pressed and self._touch_id is None:
                if self._begin(_TOUCH, point.position(), None):
                    self._touch_id = point.id()
            elif point.id() == self._touch_id:
                if state == QEventPoint.State.Released:
                    self._end(_TOUCH, point.position())
                elif state == QEventPoint.State.Updated:
                    self._extend(_TOUCH, point.position(), None)
        if event.type() == QEvent.Type.TouchEnd:
            self._end(_TOUCH)  # every finger is up, whatever the points said


class SignatureView(QWidget):
    """Shows a signature (encoded bytes or a decoded one) scaled into whatever size it is given,
    keeping its aspect ratio, on a paper-white background. Bytes that are not a signature show a
    short message instead of failing the screen around it."""

    def __init__(self, signature: bytes | Signature | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setMinimumSize(60, 22)
        self._signature: Signature | None = None
        self._problem = ""
        self.set_signature(signature)

    def set_signature(self, signature: bytes | Signature | None) -> None:
        self._problem = ""
        if isinstance(signature, (bytes, bytearray, memoryview)):
            try:
                signature = decode(signature)
            except ValueError:
                signature, self._problem = None, _("This signature cannot be read.")
        self._signature = signature
        self.update()

    def signature(self) -> Signature | None:
        return self._signature

    def sizeHint(self) -> QSize:
        return QSize(300, 110)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self._problem:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._problem)  # fmt: skip
        elif self._signature is not None:
            placement = fit(self._signature, 0.0, 0.0, self.width(), self.height())
            # Never thinner than a pixel and a bit (legible when small), never a marker when big.
            paint_signature(painter, self._signature, placement, 1.5, 4.0)
        painter.end()
