#!/usr/bin/env python3
"""A small log-log SVG plot of how cost grows with the corpus (no plotting library needed).

Usage:
    .venv/bin/python bench/growth_plot.py DATA.json OUT.svg

DATA.json: ``{"panels": [{"title": ..., "unit": ..., "series": {name: [[documents, value], ...]}}, ...]}``.
Each panel is a log-log chart, documents across, the value up, one line and its points a series.
"""

from __future__ import annotations

import json
import math
import sys
from html import escape

WIDTH, HEIGHT, PAD = 420, 300, 56
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def _ticks(low: float, high: float) -> list[float]:
    return [10.0 ** k for k in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def panel(spec: dict, left: float) -> list[str]:
    points = [p for series in spec["series"].values() for p in series if p[1] > 0]
    xs = _ticks(min(p[0] for p in points), max(p[0] for p in points))
    ys = _ticks(min(p[1] for p in points), max(p[1] for p in points))

    def at(x: float, y: float) -> tuple[float, float]:
        fx = (math.log10(x) - math.log10(xs[0])) / max(1e-9, math.log10(xs[-1]) - math.log10(xs[0]))
        fy = (math.log10(y) - math.log10(ys[0])) / max(1e-9, math.log10(ys[-1]) - math.log10(ys[0]))
        return left + PAD + fx * (WIDTH - 1.5 * PAD), HEIGHT - PAD - fy * (HEIGHT - 1.6 * PAD)

    out = [f'<text x="{left + WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">{escape(spec["title"])}</text>']
    for x in xs:
        px, _ = at(x, ys[0])
        out.append(f'<line x1="{px}" y1="{HEIGHT - PAD}" x2="{px}" y2="{0.6 * PAD}" stroke="#ddd"/>')
        out.append(f'<text x="{px}" y="{HEIGHT - PAD + 16}" text-anchor="middle">{x:,.0f}</text>')
    for y in ys:
        _, py = at(xs[0], y)
        out.append(f'<line x1="{left + PAD}" y1="{py}" x2="{left + WIDTH - PAD / 2}" y2="{py}" stroke="#ddd"/>')
        out.append(f'<text x="{left + PAD - 6}" y="{py + 4}" text-anchor="end">{y:g}</text>')
    out.append(f'<text x="{left + WIDTH / 2}" y="{HEIGHT - 12}" text-anchor="middle">documents</text>')
    out.append(f'<text x="{left + 14}" y="{HEIGHT / 2}" transform="rotate(-90 {left + 14} {HEIGHT / 2})" '
               f'text-anchor="middle">{escape(spec["unit"])}</text>')
    for number, (name, series) in enumerate(spec["series"].items()):
        colour = COLOURS[number % len(COLOURS)]
        placed = [at(x, y) for x, y in series if y > 0]
        out.append('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
            colour, " ".join(f"{px:.1f},{py:.1f}" for px, py in placed)))
        out.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>' for px, py in placed)
        out.append(f'<text x="{left + PAD + 8}" y="{0.6 * PAD + 14 + 15 * number}" fill="{colour}">'
                   f'{escape(name)}</text>')
    return out


def main() -> int:
    data = json.loads(open(sys.argv[1], encoding="utf-8").read())
    panels = data["panels"]
    body = [line for number, spec in enumerate(panels) for line in panel(spec, number * WIDTH)]
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH * len(panels)}" height="{HEIGHT}" '
           f'font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="white"/>'
           + "".join(body) + "</svg>\n")
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
