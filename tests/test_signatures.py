"""Drawn signatures in the core: the binary format round-trips within its quantisation for any
strokes, stays small, refuses hostile bytes quickly; blank detection; SVG and PDF rendering."""

from __future__ import annotations

import io
import itertools
import math
import re
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Table

from trainer_desktop.core import signatures
from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import (
    MAX_POINTS,
    MAX_STROKES,
    Point,
    Signature,
    bounding_box,
    decode,
    encode,
    fit,
    is_blank,
    pen_runs,
    segment_at,
    simplify_stroke,
    smooth_stroke,
    to_svg_path,
)
from trainer_desktop.reports.signature_drawing import (
    MAX_WIDTH_PT,
    MIN_WIDTH_PT,
    SIMPLIFY_TOLERANCE_PT,
    WIDTH_STEP_PT,
    draw_on_reportlab,
    signature_drawing,
)

COORD = st.floats(min_value=-2000, max_value=20000, allow_nan=False, allow_infinity=False)
PRESSURE = st.none() | st.floats(min_value=0, max_value=1)
POINT = st.builds(Point, COORD, COORD, st.integers(-(10**9), 10**9), PRESSURE)
STROKES = st.lists(st.lists(POINT, min_size=1, max_size=40), max_size=6)
SIZE = st.floats(min_value=1, max_value=10000, allow_nan=False)
QUANTUM_ERROR = 0.05 + 1e-9


def assert_same(original: list[list[Point]], decoded: Signature) -> None:
    assert [len(s) for s in decoded.strokes] == [len(s) for s in original]
    for stroke, back in zip(original, decoded.strokes, strict=True):
        for a, b in zip(stroke, back, strict=True):
            assert abs(a.x - b.x) <= QUANTUM_ERROR
            assert abs(a.y - b.y) <= QUANTUM_ERROR
            assert a.t_ms == b.t_ms
            if a.pressure is None:
                assert b.pressure is None
            else:
                assert abs(a.pressure - b.pressure) <= 1 / 510 + 1e-9


# --- the format -----------------------------------------------------------------------------


@given(STROKES, SIZE, SIZE)
def test_any_strokes_round_trip_within_the_quantisation(strokes, width, height):
    data = encode(strokes, width, height)
    decoded = decode(data)
    assert_same(strokes, decoded)
    assert abs(decoded.width - width) <= QUANTUM_ERROR
    assert abs(decoded.height - height) <= QUANTUM_ERROR
    # Encoding what was decoded gives the same bytes: storing and re-storing never drifts.
    assert encode(decoded, decoded.width, decoded.height) == data


@given(st.integers(0, 10_000))
def test_demo_signatures_round_trip_with_and_without_pressure(seed):
    for pressure in (False, True):
        signature = demo_signature(seed, pressure=pressure)
        assert_same(signature.strokes, decode(encode(signature, 600, 220)))


def test_a_realistic_signature_is_small(capsys):
    sizes = {}
    for pressure in (False, True):
        signature = demo_signature(0, pressure=pressure)
        points = sum(len(s) for s in signature.strokes)
        duration = signature.strokes[-1][-1].t_ms / 1000
        sizes[pressure] = len(encode(signature, signature.width, signature.height))
        with capsys.disabled():
            print(f"\n{points}-point {duration:.1f} s signature, "
                  f"{'with' if pressure else 'without'} pressure: {sizes[pressure]} bytes")  # fmt: skip
        assert 280 <= points <= 320
        assert sizes[pressure] < 1500
    # The attendance of a 40-participant, 3-day session (6 periods), every cell signed.
    session = sum(
        len(encode(demo_signature(seed, pressure=seed % 2 == 0), 600, 220)) for seed in range(240)
    )
    with capsys.disabled():
        print(f"40 participants x 6 periods: {session / 1000:.0f} kB of signatures")
    assert session < 500_000


def test_the_header_says_what_the_bytes_are():
    data = encode([[Point(1, 2, 0)]], 600, 220)
    assert data[:3] == b"SG\x01"
    assert decode(data).strokes == [[Point(1.0, 2.0, 0, None)]]
    assert encode([], 600, 220) == b"SG\x01" + bytes([0xF0, 0x2E, 0x98, 0x11, 0x00])
    assert decode(encode([], 600, 220)) == Signature([], 600.0, 220.0)


def test_empty_strokes_are_left_out():
    assert decode(encode([[], [Point(1, 1, 0)], []], 10, 10)).strokes == [[Point(1, 1, 0)]]


@pytest.mark.parametrize(
    ("strokes", "width", "message"),
    [
        ([[Point(math.nan, 0, 0)]], 600, "finite"),
        ([[Point(0, math.inf, 0)]], 600, "finite"),
        ([[Point(2e6, 0, 0)]], 600, "finite"),
        ([[Point(0, 0, 10**13)]], 600, "time"),
        ([], 0, "positive"),
        ([[Point(0, 0, 0)]] * (MAX_STROKES + 1), 600, "strokes"),
        ([[Point(0, 0, i) for i in range(MAX_POINTS + 1)]], 600, "points"),
    ],
)
def test_encode_refuses_what_it_cannot_store(strokes, width, message):
    with pytest.raises(ValueError, match=message):
        encode(strokes, width, 220)


def test_pressure_out_of_range_is_clamped_not_refused():
    decoded = decode(encode([[Point(0, 0, 0, 1.0000001), Point(1, 0, 5, -0.01)]], 10, 10))
    assert [p.pressure for p in decoded.strokes[0]] == [1.0, 0.0]


# --- hostile bytes --------------------------------------------------------------------------


def decode_or_refuse(data: bytes) -> None:
    """Decoding either gives a bounded signature or raises ValueError (an endless loop would
    be stopped by pytest-timeout; the bound on points bounds the work)."""
    try:
        decoded = decode(data)
    except ValueError as error:
        assert str(error)
    else:
        assert sum(len(s) for s in decoded.strokes) <= MAX_POINTS


@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    decode_or_refuse(data)


@given(st.binary(max_size=300))
def test_random_bytes_behind_a_valid_header_never_crash(data):
    decode_or_refuse(b"SG\x01" + data)


def test_every_truncation_of_valid_data_is_refused():
    data = encode(demo_signature(3, pressure=True), 600, 220)
    for length in range(len(data)):
        with pytest.raises(ValueError, match="truncated|damaged|not a drawn signature"):
            decode(data[:length])
    with pytest.raises(ValueError, match="unexpected bytes"):
        decode(data + b"\x00")


@given(st.integers(0, 5000), st.integers(0, 255))
def test_flipping_a_byte_never_crashes(position, value):
    data = bytearray(encode(demo_signature(1, pressure=True), 600, 220))
    data[position % len(data)] = value
    decode_or_refuse(bytes(data))


def varint(value: int) -> bytes:
    out = bytearray()
    signatures._put_uvarint(out, value)
    return bytes(out)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a drawn signature"),
        (b"PK\x03\x04", "not a drawn signature"),
        (b"SG\x02" + bytes(20), "format version 2"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(2**62) + bytes(10), "strokes declared"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(MAX_STROKES + 1) + bytes(20_000),
         "at most 2000"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(1) + varint(10**9) + bytes(10),
         "a stroke of 1000000000 points"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(2) + varint(MAX_POINTS) + b"\x00"
         + bytes(3 * MAX_POINTS) + varint(1) + bytes(10), "20001 in all"),
        (b"SG\x01" + varint(6000) + varint(2200) + b"\xff" * 50, "too long"),
        (b"SG\x01" + varint(0) + varint(2200) + varint(0), "canvas width"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(1) + varint(1) + b"\x07" + bytes(3),
         "pressure mode 7"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(1) + varint(2) + b"\x00"
         + varint(2 * 10**8) + bytes(2) + bytes(3), "x out of bounds"),
        (b"SG\x01" + varint(6000) + varint(2200) + varint(1) + varint(1) + b"\x02" + bytes(3)
         + varint(300), "pressure 300"),
    ],
)  # fmt: skip
def test_hostile_bytes_are_refused_with_bounded_work_and_a_clear_message(data, message):
    # Bounded work, measured without a clock (timings flake on a busy machine): the decoder
    # never holds more than the format's point limit allows, whatever the bytes announce.
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=message):
            decode(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20


def test_the_largest_allowed_signature_decodes():
    strokes = [[Point(i % 500, i % 200, i, 0.5) for i in range(k, k + 1000)]
               for k in range(0, MAX_POINTS, 1000)]  # fmt: skip
    decoded = decode(encode(strokes, 600, 220))
    assert sum(len(s) for s in decoded.strokes) == MAX_POINTS


# --- geometry -------------------------------------------------------------------------------


def line(x0, y0, x1, y1, n=20, t0=0):
    return [Point(x0 + (x1 - x0) * i / (n - 1), y0 + (y1 - y0) * i / (n - 1), t0 + 8 * i)
            for i in range(n)]  # fmt: skip


def test_blank_signatures():
    assert is_blank([])
    assert is_blank(Signature([], 600, 220))
    assert is_blank([[Point(100, 100, 0)]])  # a click
    assert is_blank([line(100, 100, 103, 102)])  # a slip of the finger
    assert is_blank([[Point(10, 10, 0)], [Point(300, 100, 500)], [Point(590, 200, 900)]])  # taps
    assert not is_blank([line(100, 100, 140, 100)])
    assert not is_blank([[Point(10, 10, 0)], line(100, 100, 100, 130)])  # a dot and a stroke
    assert not is_blank(demo_signature(0))


def test_bounding_box():
    assert bounding_box([]) is None
    box = bounding_box([line(10, 20, 110, 20), [Point(50, 80, 0)]])
    assert box == (10, 20, 110, 80)
    assert (box.width, box.height) == (100, 60)


def test_smoothing_runs_through_the_midpoints_and_is_continuous():
    points = [Point(0, 0, 0), Point(10, 0, 8), Point(10, 10, 16), Point(0, 10, 24)]
    segments = list(smooth_stroke(points))
    assert len(segments) == len(points)
    assert segments[0].start == (0, 0) and segments[-1].end == (0, 10)
    for before, after in itertools.pairwise(segments):
        assert before.end == after.start
    assert [s.control for s in segments] == [None, (10, 0), (10, 10), None]
    assert segments[1].end == (10, 5)  # the middle of the second pair
    assert segment_at([Point(3, 4, 0)], 0) == ((3, 4), None, (3, 4), None)  # a dot


SMALL_STROKE = st.lists(st.builds(Point, st.floats(-50, 50), st.floats(-50, 50), st.just(0),
                                  PRESSURE), min_size=1, max_size=30)  # fmt: skip


@given(SMALL_STROKE)
def test_smoothing_a_whole_stroke_gives_each_segment_as_drawn_live(points):
    # The signature pad draws segment by segment; print and SVG draw whole strokes.
    assert list(smooth_stroke(points)) == [segment_at(points, k) for k in range(len(points))]


# --- simplification for print ---------------------------------------------------------------


def distance_to_chord(p: Point, a: Point, b: Point) -> float:
    dx, dy = b.x - a.x, b.y - a.y
    length2 = dx * dx + dy * dy
    u = 0.0 if not length2 else min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0), 1)
    return math.hypot(p.x - a.x - u * dx, p.y - a.y - u * dy)


@given(SMALL_STROKE, st.floats(0.01, 20), st.booleans())
def test_simplifying_keeps_the_ends_and_every_point_the_chords_would_miss(points, tolerance,
                                                                           with_widths):  # fmt: skip
    widths = [1 + 3 * (i % 4) for i in range(len(points))] if with_widths else None
    kept = simplify_stroke(points, tolerance, widths)
    indexes = [i for i, p in enumerate(points) if any(p is k for k in kept)]
    assert len(indexes) == len(kept)  # the same Point objects, in order
    assert indexes[0] == 0 and indexes[-1] == len(points) - 1
    for first, last in itertools.pairwise(indexes):
        for i in range(first + 1, last):
            assert distance_to_chord(points[i], points[first], points[last]) <= tolerance + 1e-9
            if widths:
                share = (i - first) / (last - first)
                steady = widths[first] + (widths[last] - widths[first]) * share
                assert abs(widths[i] - steady) / 2 <= tolerance + 1e-9


def test_simplifying_a_straight_line_leaves_its_ends():
    points = line(0, 0, 100, 50, n=30)
    assert simplify_stroke(points, 0.1) == [points[0], points[-1]]
    # A long one keeps a point now and then (the work per point stays bounded).
    assert len(simplify_stroke(line(0, 0, 1000, 0, n=300), 0.1)) <= 12


def test_simplifying_keeps_where_a_stroke_turns_back_and_where_the_width_jumps():
    out_and_back = line(0, 0, 100, 0, n=11) + line(90, 0, 50, 0, n=5, t0=100)
    assert simplify_stroke(out_and_back, 0.1) == [out_and_back[0], out_and_back[10],
                                                   out_and_back[-1]]  # fmt: skip
    straight = line(0, 0, 100, 0, n=11)
    widths = [1.0] * 5 + [3.0] * 6  # a firmer press from the sixth point
    kept = simplify_stroke(straight, 0.1, widths)
    assert straight[4] in kept and straight[5] in kept
    assert simplify_stroke(straight, 0.1, [1.0 + i / 10 for i in range(11)]) == [straight[0],
                                                                                 straight[-1]]  # fmt: skip


def test_simplifying_tiny_strokes_changes_nothing():
    assert simplify_stroke([], 1) == []
    assert simplify_stroke([Point(1, 1, 0)], 1) == [Point(1, 1, 0)]
    assert simplify_stroke(line(0, 0, 5, 5, n=2), 1) == line(0, 0, 5, 5, n=2)


@given(st.floats(0, 1))
def test_the_cubic_form_is_the_same_curve(u):
    segment = segment_at([Point(0, 0, 0), Point(40, 0, 8), Point(40, 30, 16)], 1)
    (x0, y0), (cx, cy), (x1, y1) = segment.start, segment.control, segment.end
    quad = ((1 - u) ** 2 * x0 + 2 * u * (1 - u) * cx + u**2 * x1,
            (1 - u) ** 2 * y0 + 2 * u * (1 - u) * cy + u**2 * y1)  # fmt: skip
    (ax, ay), (bx, by) = segment.cubic_controls()
    cubic = ((1 - u) ** 3 * x0 + 3 * u * (1 - u) ** 2 * ax + 3 * u**2 * (1 - u) * bx + u**3 * x1,
             (1 - u) ** 3 * y0 + 3 * u * (1 - u) ** 2 * ay + 3 * u**2 * (1 - u) * by + u**3 * y1)  # fmt: skip
    assert quad == pytest.approx(cubic, abs=1e-9)


def path_numbers(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


@pytest.mark.parametrize(("w", "h"), [(150, 55), (600, 220), (100, 100), (40, 200)])
def test_svg_path_scales_into_the_box_keeping_the_aspect_ratio_centred(w, h):
    signature = demo_signature(2)
    d = to_svg_path(signature, w, h)
    assert d.startswith("M") and d.count("M") == len(signature.strokes)
    assert "Q" in d
    xs, ys = zip(*path_numbers(d), strict=True)
    assert 0 <= min(xs) and max(xs) <= w and 0 <= min(ys) and max(ys) <= h
    # Centred, and filling the box in its tighter direction (margins: 5 % of the smaller side).
    assert (min(xs) + max(xs)) / 2 == pytest.approx(w / 2, abs=0.01)
    assert (min(ys) + max(ys)) / 2 == pytest.approx(h / 2, abs=0.01)
    margin = 0.05 * min(w, h)
    filled = max((max(xs) - min(xs)) / (w - 2 * margin), (max(ys) - min(ys)) / (h - 2 * margin))
    assert filled == pytest.approx(1, abs=0.01)
    # Aspect ratio kept.
    box = bounding_box(signature)
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(
        box.width / box.height, rel=0.01)  # fmt: skip


def test_svg_of_a_dot_and_of_nothing():
    assert to_svg_path([], 100, 50) == ""
    d = to_svg_path([[Point(5, 5, 0)]], 100, 50)
    assert d == "M50.00 25.00L50.00 25.00"


def test_a_dot_or_a_line_does_not_blow_up():
    placement = fit(Signature([line(100, 100, 100, 150)], 600, 220), 0, 0, 600, 220)
    assert placement.scale == pytest.approx((220 - 22) / 50)
    assert fit([[Point(3, 3, 0)]], 0, 0, 100, 100).scale < 100


# --- PDF ------------------------------------------------------------------------------------


def page_operators(pdf: bytes) -> tuple[list[bytes], PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    stream = ContentStream(page.get_contents(), reader)
    return [operator for _operands, operator in stream.operations], reader


def has_image(reader: PdfReader) -> bool:
    resources = reader.pages[0].get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return any(xobject.get_object().get("/Subtype") == "/Image" for xobject in xobjects.values())


@pytest.mark.parametrize("pressure", [False, True])
def test_the_pdf_draws_vector_paths_not_an_image(pressure):
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(400, 200))
    draw_on_reportlab(canvas, demo_signature(4, pressure=pressure), 20, 20, 150, 55)
    canvas.showPage()
    canvas.save()
    operators, reader = page_operators(out.getvalue())
    assert b"c" in operators and b"l" in operators and b"S" in operators
    assert b"Do" not in operators and not has_image(reader)
    if pressure:  # the width changes along the strokes
        assert operators.count(b"w") > 3
    assert len(out.getvalue()) < 20_000


def pdf_path_points(pdf: bytes) -> list[tuple[float, float]]:
    """Where the page's paths start and end each segment (the curves' own points)."""
    reader = PdfReader(io.BytesIO(pdf))
    stream = ContentStream(reader.pages[0].get_contents(), reader)
    return [(float(ops[-2]), float(ops[-1])) for ops, op in stream.operations
            if op in (b"m", b"l", b"c")]  # fmt: skip


@pytest.mark.parametrize("pressure", [False, True])
def test_a_printed_signature_has_far_fewer_segments_and_stays_on_the_drawn_line(pressure):
    # A signature squeezed into an attendance sheet's box (13 mm high).
    signature = demo_signature(7, pressure=pressure)
    x, y, w, h = 20, 30, 120, 33
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 100))
    draw_on_reportlab(canvas, signature, x, y, w, h)
    canvas.showPage()
    canvas.save()
    operators, _reader = page_operators(out.getvalue())
    points = sum(len(stroke) for stroke in signature.strokes)
    assert operators.count(b"c") + operators.count(b"l") < 0.7 * points
    # Every point the path passes through is within the tolerance of the line the person drew
    # (mapped to the page as the drawing does; plus 0.01 for numbers written to 2 decimals).
    placement = fit(signature, 0, 0, w, h)

    def on_page(p: Point) -> Point:
        px, py = placement.map(p.x, p.y)
        return Point(x + px, y + h - py, 0)

    drawn = [[on_page(p) for p in stroke] for stroke in signature.strokes]
    for px, py in pdf_path_points(out.getvalue()):
        here = Point(px, py, 0)
        nearest = min(distance_to_chord(here, a, b)
                      for stroke in drawn for a, b in itertools.pairwise(stroke))  # fmt: skip
        assert nearest <= SIMPLIFY_TOLERANCE_PT + 0.01
    # The pen keeps every width it had before the points were thinned out.
    widths = {float(ops[0]) for ops, op in ContentStream(
        PdfReader(io.BytesIO(out.getvalue())).pages[0].get_contents(), None).operations
        if op == b"w"}  # fmt: skip
    unsimplified = pen_runs(signature, placement, MIN_WIDTH_PT, MAX_WIDTH_PT, WIDTH_STEP_PT)
    assert widths == {round(width, 2) for width, _run in unsimplified}
    assert len(widths) > (1 if pressure else 0)


def test_the_pdf_path_stays_in_its_box():
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(400, 200))
    draw_on_reportlab(canvas, encode(demo_signature(5), 600, 220), 20, 30, 150, 55)  # bytes too
    canvas.showPage()
    canvas.save()
    reader = PdfReader(io.BytesIO(out.getvalue()))
    stream = ContentStream(reader.pages[0].get_contents(), reader)
    points = [(float(ops[i]), float(ops[i + 1]))
              for ops, op in stream.operations if op in (b"m", b"l", b"c")
              for i in range(0, len(ops), 2)]  # fmt: skip
    assert points
    assert all(20 <= x <= 170 and 30 <= y <= 85 for x, y in points)


def test_a_signature_in_a_table_cell():
    out = io.BytesIO()
    doc = SimpleDocTemplate(out)
    doc.build([Table([["Awa Traoré", signature_drawing(demo_signature(6), 120, 44)]])])
    operators, reader = page_operators(out.getvalue())
    assert b"c" in operators and not has_image(reader)


def test_a_blank_signature_draws_nothing():
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(400, 200))
    draw_on_reportlab(canvas, Signature([], 600, 220), 20, 20, 150, 55)
    canvas.showPage()
    canvas.save()
    operators, _reader = page_operators(out.getvalue())
    assert b"c" not in operators and b"S" not in operators
