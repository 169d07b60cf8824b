"""Made-up drawn signatures for the demo data, screenshots and tests: a few cursive strokes sampled
like a pointing device does (every ~8 ms, with a little tremor), deterministic for a seed."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from .signatures import Point, Signature, Stroke

SAMPLE_MS = 8  # a 125 Hz mouse or pen


def _sample(
    rng: random.Random,
    path: Callable[[float], tuple[float, float]],
    duration_ms: int,
    start_ms: int,
    pressure: bool,
) -> Stroke:
    stroke: Stroke = []
    count = max(2, duration_ms // SAMPLE_MS)
    for k in range(count):
        u = k / (count - 1)
        # The pen slows down at both ends of a stroke.
        eased = u - 0.08 * math.sin(2 * math.pi * u)
        x, y = path(eased)
        x += rng.gauss(0, 0.25)
        y += rng.gauss(0, 0.25)
        t = start_ms + k * SAMPLE_MS + rng.randint(-1, 1)
        p = None
        if pressure:
            p = min(1.0, max(0.05, 0.55 + 0.25 * math.sin(math.pi * u) + rng.gauss(0, 0.03)))
            p = p * min(1.0, 6 * u + 0.3, 6 * (1 - u) + 0.3)  # light touch-down and lift-off
        stroke.append(Point(round(x, 2), round(y, 2), max(t, start_ms), p))
    return stroke


def demo_signature(
    seed: int = 0, pressure: bool = False, width: float = 600, height: float = 220
) -> Signature:
    """A plausible cursive signature on a ``width`` × ``height`` canvas: a capital with a loop
    running into a first name, a surname, and an underline flourish; about 300 points in 2.5 s."""
    rng = random.Random(seed)
    sx, sy = width / 600, height / 220
    base = 150 * sy
    letters_1 = rng.randint(4, 6)
    letters_2 = rng.randint(5, 7)
    heights_1 = [rng.uniform(18, 52) for _ in range(letters_1)]
    heights_2 = [rng.uniform(18, 55) for _ in range(letters_2)]
    slant = rng.uniform(0.15, 0.3)

    def cursive(
        x0: float, span: float, heights: list[float], capital: float
    ) -> Callable[[float], tuple[float, float]]:
        n = len(heights)

        def path(u: float) -> tuple[float, float]:
            # A capital stem rising and looping back, then a prolate cycloid of letters.
            if u < 0.25:
                v = u / 0.25
                h = capital * math.sin(math.pi * v)
                x = x0 + 22 * math.sin(2 * math.pi * v) * sx
                y = base - h * sy
                return x + slant * (base - y), y
            v = (u - 0.25) / 0.75 * n
            i = min(int(v), n - 1)
            phase = v * 2 * math.pi
            h = heights[i]
            x = x0 + (30 + v * span / n + 11 * math.sin(phase)) * sx
            y = base - h * (1 - math.cos(phase)) / 2 * sy
            return x + slant * (base - y), y

        return path

    strokes: list[Stroke] = []
    t = 0
    first = cursive(40, 190, heights_1, rng.uniform(90, 120))
    strokes.append(_sample(rng, first, 1000, t, pressure))
    t = strokes[-1][-1].t_ms + rng.randint(150, 260)
    second = cursive(280, 220, heights_2, rng.uniform(80, 110))
    strokes.append(_sample(rng, second, 1050, t, pressure))
    t = strokes[-1][-1].t_ms + rng.randint(120, 220)

    def flourish(u: float) -> tuple[float, float]:
        x = (560 - 500 * u) * sx
        y = (base + 22 * sy) + 10 * math.sin(math.pi * u * 1.4) * sy - 6 * u * sy
        return x, y

    strokes.append(_sample(rng, flourish, 420, t, pressure))
    return Signature(strokes, float(width), float(height))
