"""Drawn signatures in PDF documents (attendance sheets), as vector paths: they stay crisp at any
zoom and on any printer, and weigh a few kilobytes instead of an image's tens.

The strokes are smoothed exactly as on screen (:func:`signatures.smooth_stroke`), each quadratic
segment written as the equivalent cubic (PDF has no quadratic curve). The pen is the signature
pad's, scaled like the ink and kept between :data:`MIN_WIDTH_PT` and :data:`MAX_WIDTH_PT` so a
signature in a small cell is neither a hairline nor a smudge. Where the pen reported pressure,
consecutive segments of about the same width share one path, and the width changes between paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Path
from reportlab.lib.colors import HexColor

from trainer_desktop.core.signatures import (
    INK_COLOUR,
    Segment,
    SignatureLike,
    decode,
    fit,
    pen_runs,
)

MIN_WIDTH_PT = 0.8  # a fine ballpoint; thinner fades on a photocopy of the sheet
MAX_WIDTH_PT = 2.2
#: Widths within this many points draw as one path (fewer operators, same look).
WIDTH_STEP_PT = 0.15


def draw_on_reportlab(
    target: object,
    signature: SignatureLike | bytes,
    x: float,
    y: float,
    w: float,
    h: float,
    margin: float | None = None,
) -> None:
    """Draw ``signature`` (or its encoded bytes) scaled into the box whose bottom-left corner is
    (``x``, ``y``) and size ``w`` × ``h``, in points, keeping its aspect ratio, centred.

    ``target`` is a ``reportlab.pdfgen.canvas.Canvas`` (drawn at once) or a
    ``reportlab.graphics`` ``Drawing``/``Group`` (the paths are added to it). A blank signature
    draws nothing.
    """
    if isinstance(signature, (bytes, bytearray, memoryview)):
        signature = decode(signature)
    # Fit in a top-down box, then flip: PDF's y axis goes up.
    placement = fit(signature, 0.0, 0.0, w, h, margin)

    def at(point: tuple[float, float]) -> tuple[float, float]:
        px, py = placement.map(*point)
        return x + px, y + h - py

    ink = HexColor(INK_COLOUR)
    if isinstance(target, Group):  # a Drawing is a Group
        for width, run in pen_runs(signature, placement, MIN_WIDTH_PT, MAX_WIDTH_PT, WIDTH_STEP_PT):
            path = Path(strokeColor=ink, strokeWidth=width, fillColor=None,
                        strokeLineCap=1, strokeLineJoin=1)  # fmt: skip
            _trace(path, run, at)
            target.add(path)
        return
    canvas = target
    canvas.saveState()
    canvas.setStrokeColor(ink)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for width, run in pen_runs(signature, placement, MIN_WIDTH_PT, MAX_WIDTH_PT, WIDTH_STEP_PT):
        path = canvas.beginPath()
        _trace(path, run, at)
        canvas.setLineWidth(width)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _trace(
    path: Any, run: list[Segment], at: Callable[[tuple[float, float]], tuple[float, float]]
) -> None:
    """Add the run to ``path``: a canvas path object or a ``shapes.Path`` (same method names)."""
    position = None
    for segment in run:
        start, end = at(segment.start), at(segment.end)
        if position != start:
            path.moveTo(*start)
        if segment.control is None:
            path.lineTo(*end)
        else:
            c1, c2 = segment.cubic_controls()
            path.curveTo(*at(c1), *at(c2), *end)
        position = end


def signature_drawing(signature: SignatureLike | bytes, w: float, h: float) -> Drawing:
    """A ``w`` × ``h`` point flowable (for a table cell of an attendance sheet) holding the
    signature."""
    drawing = Drawing(w, h)
    draw_on_reportlab(drawing, signature, 0.0, 0.0, w, h)
    return drawing
