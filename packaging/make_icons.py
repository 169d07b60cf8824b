#!/usr/bin/env python3
"""Draw the application icon: a flip chart on its easel, white on the app's blue.

    .venv/bin/python packaging/make_icons.py

Writes trainer_desktop/resources/icons/: trainer-desktop.svg (the reference drawing, also used
by the Linux .desktop file), trainer-desktop-<N>.png for N in 16..256, and trainer-desktop.ico
(Windows: the programs, the installer, .tdbundle files). The PNGs are drawn with Pillow from
the same shapes as the SVG, four times larger and then reduced, so the edges are smooth. The
outputs are committed; run this again only after changing the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "trainer_desktop" / "resources" / "icons"
NAME = "trainer-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256)

BLUE = "#1f3a5f"  # the app's accent colour
WHITE = "#ffffff"
AMBER = "#f2a541"  # the marker line on the sheet

# The drawing on a 256 x 256 grid: (x0, y0, x1, y1), corner radius, stroke width.
BACKGROUND = ((8, 8, 248, 248), 52)
TOP_BAR = ((52, 44, 204, 62), 7)
SHEET = ((64, 56, 192, 160), 6)
# A rising line on the sheet, like a trainer's chart.
CHART = ((86, 136), (112, 110), (134, 126), (168, 86))
CHART_WIDTH = 13
LEGS = (((128, 160), (128, 214)), ((108, 160), (84, 214)), ((148, 160), (172, 214)))
LEG_WIDTH = 12


def svg() -> str:
    (bx0, by0, bx1, by1), br = BACKGROUND
    (tx0, ty0, tx1, ty1), tr = TOP_BAR
    (sx0, sy0, sx1, sy1), sr = SHEET
    chart = " ".join(f"{x},{y}" for x, y in CHART)
    legs = "\n".join(
        f'    <line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>' for a, b in LEGS
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Trainer Desktop</title>
  <rect x="{bx0}" y="{by0}" width="{bx1 - bx0}" height="{by1 - by0}" rx="{br}" fill="{BLUE}"/>
  <g stroke="{WHITE}" stroke-width="{LEG_WIDTH}" stroke-linecap="round">
{legs}
  </g>
  <rect x="{sx0}" y="{sy0}" width="{sx1 - sx0}" height="{sy1 - sy0}" rx="{sr}" fill="{WHITE}"/>
  <rect x="{tx0}" y="{ty0}" width="{tx1 - tx0}" height="{ty1 - ty0}" rx="{tr}" fill="{WHITE}"/>
  <polyline points="{chart}" fill="none" stroke="{AMBER}" stroke-width="{CHART_WIDTH}"
            stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def _line(draw: ImageDraw.ImageDraw, points, width: float, colour: str, k: float) -> None:
    """A polyline with round caps and joins, scaled by ``k``."""
    scaled = [(x * k, y * k) for x, y in points]
    draw.line(scaled, fill=colour, width=round(width * k), joint="curve")
    r = width * k / 2
    for x, y in scaled:
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def png(size: int) -> Image.Image:
    k = size * 4 / 256
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(rect):
        return tuple(v * k for v in rect)

    (rect, radius) = BACKGROUND
    draw.rounded_rectangle(box(rect), radius * k, fill=BLUE)
    for leg in LEGS:
        _line(draw, leg, LEG_WIDTH, WHITE, k)
    (rect, radius) = SHEET
    draw.rounded_rectangle(box(rect), radius * k, fill=WHITE)
    (rect, radius) = TOP_BAR
    draw.rounded_rectangle(box(rect), radius * k, fill=WHITE)
    _line(draw, CHART, CHART_WIDTH, AMBER, k)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{NAME}.svg").write_text(svg(), encoding="utf-8")
    images = {size: png(size) for size in SIZES}
    for size, image in images.items():
        image.save(OUT / f"{NAME}-{size}.png", optimize=True)
    # Each size drawn for itself, not reduced from 256 by the ICO writer.
    images[256].save(
        OUT / f"{NAME}.ico",
        sizes=[(s, s) for s in SIZES],
        append_images=[images[s] for s in SIZES if s != 256],
    )
    print(f"icons written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
