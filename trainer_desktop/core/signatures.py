"""Drawn signatures: strokes with timing, a compact binary encoding, and the geometry every
renderer shares (screen, PDF, SVG).

A signature is a list of strokes; a stroke is a list of :class:`Point` (x, y in canvas pixels,
``t_ms`` milliseconds since the first point, ``pressure`` 0..1 or ``None`` for a mouse or a finger
that reports none), drawn on a canvas of known width and height.

Encoding, version 1 (all integers are LEB128 varints; "signed" ones are zig-zag encoded)::

    b"SG" 0x01                     magic and format version
    uvarint width, uvarint height  canvas size in tenths of a pixel (> 0)
    uvarint stroke count           at most MAX_STROKES
    per stroke:
        uvarint point count        >= 1; all strokes together at most MAX_POINTS
        byte    pressure mode      0: none, 1: one byte 0..255 per point,
                                   2: mixed, one uvarint per point (0 = none, q + 1)
        per point:
            svarint x, svarint y   tenths of a pixel, as the error of a prediction: the previous
                                   point plus the previous step (second-order delta), which keeps
                                   most values of a smooth stroke in one byte each
            svarint dt             milliseconds since the previous point (the first point of the
                                   signature: its own time), so pauses between strokes are kept
            [pressure]             as the stroke's mode says

Nothing follows the last stroke. :func:`decode` checks every count against the bounds and the
bytes that remain, so hostile or damaged data raises :class:`ValueError` quickly instead of
allocating or looping without limit. Coordinates round to 0.1 px (error at most 0.05 px), times
are exact, pressure keeps 256 levels. A 2–3 s signature (~300 points) takes about 1 KB.

Rendering smooths each stroke with midpoint quadratic Béziers (:func:`smooth_stroke`): the curve
passes through the middle of each pair of captured points, using the point itself as the control
point, which removes the corners of a polyline at any zoom. Segment ``k`` depends only on points
``k - 1 .. k + 1``, so the signature pad can draw each one as soon as it is final. For print,
:func:`simplify_stroke` first drops the points a small box cannot show.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

MAGIC = b"SG"
VERSION = 1
#: Coordinates and canvas sizes are stored in units of 1/QUANTUM pixel.
QUANTUM = 10
#: Bounds that keep decoding cheap whatever the bytes say. 20,000 points is over three minutes
#: of continuous drawing at 100 points a second.
MAX_POINTS = 20_000
MAX_STROKES = 2_000
MAX_COORDINATE = 1_000_000.0  # pixels, either side of the origin
MAX_TIME_MS = 10**12  # about 31 years
MAX_VARINT_BYTES = 10

#: A signature whose every stroke fits in a square this size (canvas pixels) is only dots: a tap,
#: a slip of the finger. It is blank, and the sign-in flow refuses it.
BLANK_DOT_PX = 6.0

#: Ink: a dark blue-black that reads as a pen signature on screen and prints almost black.
INK_COLOUR = "#17224a"
#: Pen width on the signature pad, in canvas pixels, for an average pressure.
PEN_WIDTH_PX = 2.6

_PRESSURE_NONE, _PRESSURE_BYTES, _PRESSURE_MIXED = 0, 1, 2


class Point(NamedTuple):
    x: float
    y: float
    t_ms: int
    pressure: float | None = None


Stroke = list[Point]


@dataclass(frozen=True)
class Signature:
    strokes: list[Stroke]
    width: float
    height: float


class BoundingBox(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


SignatureLike = Signature | Sequence[Sequence[Point]]


def _strokes_of(signature: SignatureLike) -> Sequence[Sequence[Point]]:
    return signature.strokes if isinstance(signature, Signature) else signature


# --- encoding ---------------------------------------------------------------------------------


def _put_uvarint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _put_svarint(out: bytearray, value: int) -> None:
    _put_uvarint(out, (value << 1) if value >= 0 else ((-value << 1) - 1))


def _quantise(value: float, what: str) -> int:
    if not math.isfinite(value) or abs(value) > MAX_COORDINATE:
        raise ValueError(
            f"signature {what} {value!r} is not a finite number within ±{MAX_COORDINATE:g}"
        )
    return round(value * QUANTUM)


def _quantise_pressure(pressure: float | None) -> int | None:
    if pressure is None or not math.isfinite(pressure):
        return None
    # Some drivers report a hair above 1.0: clamp rather than refuse the signature.
    return round(min(max(pressure, 0.0), 1.0) * 255)


def encode(strokes: SignatureLike, width: float, height: float) -> bytes:
    """The compact binary form of ``strokes`` drawn on a ``width`` × ``height`` canvas.

    Strokes without points are left out (they hold no ink). Raises :class:`ValueError` for a
    coordinate or time that is not finite or out of bounds, or too many points or strokes.
    """
    strokes = [stroke for stroke in _strokes_of(strokes) if len(stroke)]
    if len(strokes) > MAX_STROKES:
        raise ValueError(f"a signature has at most {MAX_STROKES} strokes, not {len(strokes)}")
    total = sum(len(stroke) for stroke in strokes)
    if total > MAX_POINTS:
        raise ValueError(f"a signature has at most {MAX_POINTS} points, not {total}")
    out = bytearray(MAGIC)
    out.append(VERSION)
    for size, what in ((width, "width"), (height, "height")):
        q = _quantise(size, f"canvas {what}")
        if q <= 0:
            raise ValueError(f"signature canvas {what} must be positive, not {size!r}")
        _put_uvarint(out, q)
    _put_uvarint(out, len(strokes))
    prev_x = prev_y = prev_t = 0
    first = True
    for stroke in strokes:
        _put_uvarint(out, len(stroke))
        pressures = [_quantise_pressure(point.pressure) for point in stroke]
        present = sum(p is not None for p in pressures)
        mode = (
            _PRESSURE_NONE if present == 0
            else _PRESSURE_BYTES if present == len(stroke)
            else _PRESSURE_MIXED
        )  # fmt: skip
        out.append(mode)
        step_x = step_y = 0  # a stroke's first point is predicted at the previous stroke's end
        for index, (point, pressure) in enumerate(zip(stroke, pressures, strict=True)):
            x, y = _quantise(point.x, "x"), _quantise(point.y, "y")
            t = int(point.t_ms)
            if abs(t) > MAX_TIME_MS:
                raise ValueError(f"signature time {t} ms is out of bounds")
            _put_svarint(out, x - (prev_x + step_x))
            _put_svarint(out, y - (prev_y + step_y))
            _put_svarint(out, t if first else t - prev_t)
            if mode == _PRESSURE_BYTES:
                out.append(pressure)
            elif mode == _PRESSURE_MIXED:
                _put_uvarint(out, 0 if pressure is None else pressure + 1)
            if index > 0:
                step_x, step_y = x - prev_x, y - prev_y
            prev_x, prev_y, prev_t, first = x, y, t, False
    return bytes(out)


# --- decoding ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    @property
    def remaining(self) -> int:
        return len(self.data) - self.pos

    def byte(self, what: str) -> int:
        if self.pos >= len(self.data):
            raise ValueError(f"signature data is truncated (reading {what} at byte {self.pos})")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uvarint(self, what: str) -> int:
        value, self.pos = _uvarint_at(self.data, self.pos, what)
        return value

    def svarint(self, what: str) -> int:
        value = self.uvarint(what)
        return (value >> 1) if not value & 1 else -((value + 1) >> 1)


def _uvarint_at(data: bytes, pos: int, what: str) -> tuple[int, int]:
    """The varint starting at byte ``pos`` and the position after it."""
    value = shift = 0
    for _count in range(MAX_VARINT_BYTES):
        if pos >= len(data):
            raise ValueError(f"signature data is truncated (reading {what} at byte {pos})")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
    raise ValueError(f"signature data is damaged ({what} at byte {pos} is too long)")


#: Builds a Point without the Python-level ``__new__`` of a NamedTuple (0.2 µs instead of 0.5:
#: a fifth of the time of decoding a point).
_new_point = tuple.__new__
_COORDINATE_LIMIT = int(MAX_COORDINATE * QUANTUM)


def _decode_stroke(data: bytes, pos: int, count: int, mode: int, prev: tuple[int, int, int, bool],
                   ) -> tuple[Stroke, int, tuple[int, int, int, bool]]:  # fmt: skip
    """The ``count`` points of a stroke starting at byte ``pos``, the position after them and the
    last point (x, y, t, whether none came before) that predicts the next stroke's first.

    The hot loop of :func:`decode` (a signature is ~1,000 varints): a one-byte varint, by far the
    most common, is read inline; longer ones go through :func:`_uvarint_at`. Running past the
    end of ``data`` raises IndexError, which :func:`decode` reports as truncation."""
    prev_x, prev_y, prev_t, first = prev
    step_x = step_y = 0
    limit, time_limit, quantum = _COORDINATE_LIMIT, MAX_TIME_MS, QUANTUM
    pressure_bytes, pressure_mixed = mode == _PRESSURE_BYTES, mode == _PRESSURE_MIXED
    new_point, point_type = _new_point, Point
    stroke: Stroke = []
    append = stroke.append
    for index in range(count):
        v = data[pos]
        pos += 1
        if v >= 0x80:
            v, pos = _uvarint_at(data, pos - 1, "x")
        x = prev_x + step_x + ((v >> 1) ^ -(v & 1))
        if not -limit <= x <= limit:
            raise ValueError(f"signature data is damaged (x out of bounds near byte {pos})")
        v = data[pos]
        pos += 1
        if v >= 0x80:
            v, pos = _uvarint_at(data, pos - 1, "y")
        y = prev_y + step_y + ((v >> 1) ^ -(v & 1))
        if not -limit <= y <= limit:
            raise ValueError(f"signature data is damaged (y out of bounds near byte {pos})")
        v = data[pos]
        pos += 1
        if v >= 0x80:
            v, pos = _uvarint_at(data, pos - 1, "time")
        t = (v >> 1) ^ -(v & 1)
        if not first:
            t += prev_t
        if not -time_limit <= t <= time_limit:
            raise ValueError(f"signature data is damaged (time out of bounds near byte {pos})")
        pressure: float | None = None
        if pressure_bytes:
            pressure = data[pos] / 255
            pos += 1
        elif pressure_mixed:
            v = data[pos]
            pos += 1
            if v >= 0x80:
                v, pos = _uvarint_at(data, pos - 1, "pressure")
            if v > 256:
                raise ValueError(f"signature data is damaged (pressure {v})")
            pressure = None if v == 0 else (v - 1) / 255
        append(new_point(point_type, (x / quantum, y / quantum, t, pressure)))
        if index:
            step_x, step_y = x - prev_x, y - prev_y
        prev_x, prev_y, prev_t, first = x, y, t, False
    return stroke, pos, (prev_x, prev_y, prev_t, first)


def decode(data: bytes | bytearray | memoryview) -> Signature:
    """The signature held in ``data`` (made by :func:`encode`).

    Raises :class:`ValueError` saying what is wrong if the bytes are not a signature, are
    truncated, damaged, of a newer format, or declare more points or strokes than allowed.
    """
    reader = _Reader(bytes(data))
    if reader.data[:2] != MAGIC:
        raise ValueError("these bytes are not a drawn signature (wrong header)")
    reader.pos = 2
    version = reader.byte("version")
    if version != VERSION:
        raise ValueError(
            f"this signature uses format version {version}; this version of the application "
            f"reads version {VERSION} (update the application)"
        )
    width = reader.uvarint("canvas width")
    height = reader.uvarint("canvas height")
    for size, what in ((width, "width"), (height, "height")):
        if not 0 < size <= MAX_COORDINATE * QUANTUM:
            raise ValueError(f"signature data is damaged (canvas {what} {size / QUANTUM:g} px)")
    stroke_count = reader.uvarint("stroke count")
    # Every stroke takes at least 5 bytes (count, mode, x, y, dt): a count the remaining bytes
    # cannot hold is refused before anything is allocated.
    if stroke_count > MAX_STROKES or stroke_count * 5 > reader.remaining:
        raise ValueError(
            f"signature data is damaged or truncated ({stroke_count} strokes declared "
            f"in {reader.remaining} bytes; at most {MAX_STROKES})"
        )
    strokes: list[Stroke] = []
    total = 0
    prev = (0, 0, 0, True)  # x, y, t of the last point, and whether there was none yet
    for _stroke in range(stroke_count):
        count = reader.uvarint("point count")
        total += count
        if count == 0 or total > MAX_POINTS or count * 3 > reader.remaining:
            raise ValueError(
                f"signature data is damaged or truncated (a stroke of {count} points; "
                f"{total} in all, at most {MAX_POINTS})"
            )
        mode = reader.byte("pressure mode")
        if mode not in (_PRESSURE_NONE, _PRESSURE_BYTES, _PRESSURE_MIXED):
            raise ValueError(f"signature data is damaged (pressure mode {mode})")
        try:
            stroke, reader.pos, prev = _decode_stroke(reader.data, reader.pos, count, mode, prev)
        except IndexError:
            raise ValueError(
                f"signature data is truncated (reading a point at byte {len(reader.data)})"
            ) from None
        strokes.append(stroke)
    if reader.remaining:
        raise ValueError(
            f"signature data is damaged ({reader.remaining} unexpected bytes at the end)"
        )
    return Signature(strokes, width / QUANTUM, height / QUANTUM)


# --- geometry ---------------------------------------------------------------------------------


def bounding_box(signature: SignatureLike) -> BoundingBox | None:
    """The smallest box holding every point (ink centre lines), or ``None`` without any point."""
    xs = [p.x for stroke in _strokes_of(signature) for p in stroke]
    ys = [p.y for stroke in _strokes_of(signature) for p in stroke]
    if not xs:
        return None
    return BoundingBox(min(xs), min(ys), max(xs), max(ys))


def is_blank(signature: SignatureLike) -> bool:
    """True when there is nothing a person could call a signature: no stroke, or only dots (every
    stroke fits in a BLANK_DOT_PX square) — a tap or a slip of the finger."""
    for stroke in _strokes_of(signature):
        box = bounding_box([stroke])
        if box is not None and max(box.width, box.height) >= BLANK_DOT_PX:
            return False
    return True


def pen_width(base: float, pressure: float | None) -> float:
    """The pen width for ``pressure`` (``None``: ``base``). Half pressure gives ``base``; a light
    touch down to 40 %, a firm one up to 160 %."""
    if pressure is None:
        return base
    return base * (0.4 + 1.2 * min(max(pressure, 0.0), 1.0))


@dataclass(frozen=True)
class Placement:
    """Where a signature goes in a box: ``box = canvas * scale + offset``."""

    scale: float
    dx: float
    dy: float

    def map(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale + self.dx, y * self.scale + self.dy

    def pen_width(self, pressure: float | None = None, minimum: float = 0.0,
                  maximum: float = math.inf) -> float:  # fmt: skip
        """The pen width in the box: the pad's pen scaled like the ink, within the bounds given
        (so a signature stays legible in a small box and does not turn into a marker in a big one)."""
        return min(max(pen_width(PEN_WIDTH_PX, pressure) * self.scale, minimum), maximum)


def fit(signature: SignatureLike, x: float, y: float, width: float, height: float,
        margin: float | None = None) -> Placement:  # fmt: skip
    """Scale the signature's ink into the box (``x``, ``y`` top left), keeping its aspect ratio,
    centred, with ``margin`` on every side (default: 5 % of the box's smaller side, which leaves
    room for the pen's width). A dot or a straight line does not blow up: the ink counts as at
    least a tenth of the canvas in each direction."""
    if margin is None:
        margin = 0.05 * min(width, height)
    inner_w, inner_h = max(width - 2 * margin, 1e-6), max(height - 2 * margin, 1e-6)
    box = bounding_box(signature) or BoundingBox(0.0, 0.0, 0.0, 0.0)
    canvas_w = signature.width if isinstance(signature, Signature) else max(box.width, 1.0)
    canvas_h = signature.height if isinstance(signature, Signature) else max(box.height, 1.0)
    ink_w = max(box.width, 0.1 * canvas_w, 1.0)
    ink_h = max(box.height, 0.1 * canvas_h, 1.0)
    scale = min(inner_w / ink_w, inner_h / ink_h)
    centre_x, centre_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    return Placement(scale, x + width / 2 - centre_x * scale, y + height / 2 - centre_y * scale)


#: Simplification skips at most this many points in a row, which bounds its work on a long
#: straight stroke and costs nothing visible.
SIMPLIFY_SPAN = 32


def simplify_stroke(
    points: Sequence[Point], tolerance: float, widths: Sequence[float] | None = None
) -> list[Point]:
    """The points of ``points`` needed to draw it within ``tolerance`` (canvas units): the first,
    the last, and each point the chord between its kept neighbours would otherwise pass farther
    than ``tolerance`` from a dropped point (distance to the chord as a segment, so a stroke that
    turns back on itself keeps its turning point).

    ``widths`` (the pen width at each point, canvas units) keeps the points where the width
    changes too: the edge of the ink moves by half the width's departure from a steady change.

    Greedy, one pass: from the last kept point, the chord reaches as far as it can. A signature's
    points are close together, so the chords are short and the work is a few checks per point
    (Ramer–Douglas–Peucker, which halves the stroke again and again, costs several times more).
    """
    n = len(points)
    if n < 3:
        return list(points)
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    limit = tolerance * tolerance
    kept = [points[0]]
    anchor = 0
    for end in range(2, n):
        if end - anchor <= SIMPLIFY_SPAN:
            # Can the chord from the anchor to `end` stand for every point between?
            ax, ay = xs[anchor], ys[anchor]
            dx, dy = xs[end] - ax, ys[end] - ay
            length2 = dx * dx + dy * dy
            for i in range(anchor + 1, end):
                px, py = xs[i] - ax, ys[i] - ay
                u = (px * dx + py * dy) / length2 if length2 else 0.0
                if u > 0.0:  # else the nearest point of the chord is its start
                    u = min(u, 1.0)  # ... or its end
                    px -= u * dx
                    py -= u * dy
                if px * px + py * py > limit:
                    break
                if widths is not None:
                    w0 = widths[anchor]
                    edge = widths[i] - w0 - (widths[end] - w0) * (i - anchor) / (end - anchor)
                    if edge * edge > 4 * limit:
                        break
            else:
                continue  # it can: try reaching one point further
        anchor = end - 1
        kept.append(points[anchor])
    kept.append(points[-1])
    return kept


# --- smoothing --------------------------------------------------------------------------------


class Segment(NamedTuple):
    """A piece of a smoothed stroke: a straight line (``control`` is ``None``) or a quadratic
    Bézier curve, and the pressure to draw it with."""

    start: tuple[float, float]
    control: tuple[float, float] | None
    end: tuple[float, float]
    pressure: float | None

    def cubic_controls(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two control points of the same curve as a cubic Bézier (PDF has no quadratic)."""
        (x0, y0), (x1, y1) = self.start, self.end
        cx, cy = self.control if self.control is not None else (
            (x0 + x1) / 2, (y0 + y1) / 2)  # fmt: skip
        return ((x0 + 2 * (cx - x0) / 3, y0 + 2 * (cy - y0) / 3),
                (x1 + 2 * (cx - x1) / 3, y1 + 2 * (cy - y1) / 3))  # fmt: skip


def _mid(a: Point, b: Point) -> tuple[float, float]:
    return (a.x + b.x) / 2, (a.y + b.y) / 2


def segment_at(points: Sequence[Point], k: int) -> Segment:
    """Segment ``k`` of the smoothed stroke through ``points`` (``0 <= k < len(points)``).

    One point: a dot (a line of length zero). Otherwise: a line from the first point to the
    middle of the first pair; a curve from each middle to the next with the point between as
    control; a line from the last middle to the last point. Segment ``k`` needs only
    ``points[k - 1 : k + 2]``: once point ``k + 1`` exists it never changes, except the last
    segment (the "tail"), which becomes a curve when the stroke goes on.
    """
    n = len(points)
    p = points[k]
    if n == 1:
        return Segment((p.x, p.y), None, (p.x, p.y), p.pressure)
    if k == 0:
        return Segment((p.x, p.y), None, _mid(p, points[1]), p.pressure)
    if k == n - 1:
        return Segment(_mid(points[k - 1], p), None, (p.x, p.y), p.pressure)
    return Segment(_mid(points[k - 1], p), (p.x, p.y), _mid(p, points[k + 1]), p.pressure)


def smooth_stroke(points: Sequence[Point]) -> Iterator[Segment]:
    """The smoothed stroke through ``points``, segment by segment: ``segment_at(points, k)`` for
    each ``k``, computed in one pass (a page of signatures draws tens of thousands)."""
    n = len(points)
    if n < 3:
        yield from (segment_at(points, k) for k in range(n))
        return
    new = tuple.__new__  # a NamedTuple without its Python-level __new__
    first, second = points[0], points[1]
    mid = ((first.x + second.x) / 2, (first.y + second.y) / 2)
    yield new(Segment, ((first.x, first.y), None, mid, first.pressure))
    for k in range(1, n - 1):
        p, after = points[k], points[k + 1]
        end = ((p.x + after.x) / 2, (p.y + after.y) / 2)
        yield new(Segment, (mid, (p.x, p.y), end, p.pressure))
        mid = end
    last = points[-1]
    yield new(Segment, (mid, None, (last.x, last.y), last.pressure))


def pen_runs(
    signature: SignatureLike,
    placement: Placement,
    minimum: float = 0.0,
    maximum: float = math.inf,
    step: float = 0.0,
) -> Iterator[tuple[float, list[Segment]]]:
    """The smoothed strokes as runs of consecutive segments of one stroke that draw with the same
    pen width (in the box's units, rounded to ``step``): one path per run. Without pressure a
    stroke is one run, drawn as one path with clean joins; with pressure the width changes
    between runs (round caps hide the seams)."""
    widths: dict[float | None, float] = {}  # 256 pressure levels: each width computed once
    for stroke in _strokes_of(signature):
        run: list[Segment] = []
        run_width = 0.0
        for segment in smooth_stroke(stroke):
            width = widths.get(segment.pressure)
            if width is None:
                width = placement.pen_width(segment.pressure, minimum, maximum)
                if step:
                    width = max(round(width / step) * step, step)
                widths[segment.pressure] = width
            if run and abs(width - run_width) > 1e-9:
                yield run_width, run
                run = []
            run_width = width
            run.append(segment)
        if run:
            yield run_width, run


def to_svg_path(signature: SignatureLike, width: float, height: float,
                margin: float | None = None) -> str:  # fmt: skip
    """An SVG path ``d`` attribute drawing the signature scaled into a ``width`` × ``height`` box
    (see :func:`fit`). Draw it with ``fill="none" stroke-linecap="round"
    stroke-linejoin="round"``; a dot is a zero-length line, which a round cap shows."""
    placement = fit(signature, 0.0, 0.0, width, height, margin)

    def pt(xy: tuple[float, float]) -> str:
        x, y = placement.map(*xy)
        return f"{x:.2f} {y:.2f}"

    parts: list[str] = []
    for stroke in _strokes_of(signature):
        for k, segment in enumerate(smooth_stroke(stroke)):
            if k == 0:
                parts.append(f"M{pt(segment.start)}")
            if segment.control is None:
                parts.append(f"L{pt(segment.end)}")
            else:
                parts.append(f"Q{pt(segment.control)} {pt(segment.end)}")
    return "".join(parts)
