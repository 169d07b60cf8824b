"""Drawn signatures in PDF documents (attendance sheets), as vector paths: they stay crisp at any
zoom and on any printer, and weigh a few kilobytes instead of an image's tens.

The strokes are smoothed exactly as on screen (:func:`signatures.smooth_stroke`), each quadratic
segment written as the equivalent cubic (PDF has no quadratic curve). The pen is the signature
pad's, scaled like the ink and kept between :data:`MIN_WIDTH_PT` and :data:`MAX_WIDTH_PT` so a
signature in a small cell is neither a hairline nor a smudge. Where the pen reported pressure,
consecutive segments of about the same width share one path, and the width changes between paths.

Each stroke is first simplified for the size it prints at (:func:`signatures.simplify_stroke`):
squeezed into a 13 mm box, a signature's 300 points are far closer together than a printer's dot
can show, and drawing only those that matter makes the pages of a session report fast to build
and light to open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Path
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.pathobject import PDFPathObject

from trainer_desktop.core.signatures import (
    INK_COLOUR,
    Placement,
    Segment,
    Signature,
    SignatureLike,
    Stroke,
    decode,
    fit,
    pen_runs,
    simplify_stroke,
)

MIN_WIDTH_PT = 0.8  # a fine ballpoint; thinner fades on a photocopy of the sheet
MAX_WIDTH_PT = 2.2
#: Widths within this many points draw as one path (fewer operators, same look).
WIDTH_STEP_PT = 0.15
#: How far the printed centre line may stray from the drawn one: about a 600 dpi printer's dot
#: (0.12 pt), a fifth of the thinnest pen. In a sheet's box this halves the path operators, and
#: renderings at 150 and 600 dpi look the same (the tremor of the hand is smoothed a hair more).
SIMPLIFY_TOLERANCE_PT = 0.15


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
    runs = pen_runs(_simplified(signature, placement), placement, MIN_WIDTH_PT, MAX_WIDTH_PT,
                    WIDTH_STEP_PT)  # fmt: skip
    ink = HexColor(INK_COLOUR)
    if isinstance(target, Group):  # a Drawing is a Group

        def at(point: tuple[float, float]) -> tuple[float, float]:
            px, py = placement.map(*point)
            return x + px, y + h - py

        for width, run in runs:
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
    origin = (x + placement.dx, y + h - placement.dy)
    for width, run in runs:
        canvas.setLineWidth(width)
        canvas.drawPath(PDFPathObject(_path_code(run, placement.scale, *origin)), stroke=1, fill=0)
    canvas.restoreState()


def _simplified(signature: SignatureLike, placement: Placement) -> list[Stroke]:
    """The strokes with only the points that show at the size they print (the tolerance and, for
    a pen with pressure, the widths are converted to canvas units)."""
    strokes = signature.strokes if isinstance(signature, Signature) else signature
    tolerance = SIMPLIFY_TOLERANCE_PT / placement.scale
    out = []
    for stroke in strokes:
        widths = None
        if any(point.pressure is not None for point in stroke):
            widths = [placement.pen_width(point.pressure, MIN_WIDTH_PT, MAX_WIDTH_PT)
                      / placement.scale for point in stroke]  # fmt: skip
        out.append(simplify_stroke(stroke, tolerance, widths))
    return out


def _path_code(run: list[Segment], scale: float, ox: float, oy: float) -> list[str]:
    """The PDF operators of a run, mapped to the page (``x * scale + ox``, ``oy - y * scale``).

    Written here, each number computed and formatted once, rather than through a canvas path
    object's methods: two to three times faster, which counts for the 200 signatures of a session
    report's appendix."""
    code: list[str] = []
    position = None
    for (x0, y0), control, (x1, y1), _pressure in run:
        if position != (x0, y0):
            code.append(f"{x0 * scale + ox:.2f} {oy - y0 * scale:.2f} m")
        if control is None:
            code.append(f"{x1 * scale + ox:.2f} {oy - y1 * scale:.2f} l")
        else:
            # The quadratic's cubic form: control points two thirds of the way to its control.
            cx, cy = control
            code.append(
                f"{(x0 + 2 * cx) / 3 * scale + ox:.2f} {oy - (y0 + 2 * cy) / 3 * scale:.2f} "
                f"{(x1 + 2 * cx) / 3 * scale + ox:.2f} {oy - (y1 + 2 * cy) / 3 * scale:.2f} "
                f"{x1 * scale + ox:.2f} {oy - y1 * scale:.2f} c"
            )
        position = (x1, y1)
    return code


def _trace(
    path: Any, run: list[Segment], at: Callable[[tuple[float, float]], tuple[float, float]]
) -> None:
    """Add the run to a ``shapes.Path`` (a drawing to place in a flowable)."""
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
