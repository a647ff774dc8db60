"""An offline map of Europe with the number of organisations per country, as inline SVG.

The outlines ship in ``data/socialmap/europe.json`` (derived once from Natural Earth via the
``world-atlas`` package; see that folder's README.md), so nothing is fetched when it is drawn.
Countries outside the drawing (e.g. Nigeria) and Europe-wide bodies are listed under the map.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from safekit.core.i18n import translate
from safekit.core.socialmap_vocab import country_name
from safekit.core.text import esc

SHADES = [(10, "#08519c"), (4, "#3182bd"), (2, "#6baed6"), (1, "#bdd7e7"), (0, "#eceff1")]


@cache
def outlines() -> dict:
    path = resources.files("safekit").joinpath("data", "socialmap", "europe.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _rings(d: str) -> list[list[tuple[float, float]]]:
    return [
        [tuple(map(float, p.split(","))) for p in part.split("L")] for part in re.findall(r"M([^MZ]+)Z", d)
    ]


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


@cache
def label_points() -> dict[str, tuple[float, float]]:
    """Where each country's count goes: the centroid of its largest visible ring."""
    _x0, _y0, width, height = map(float, outlines()["viewBox"].split())
    out = {}
    for code, d in outlines()["countries"].items():
        best = max(
            (_area_centroid(r) for r in _rings(d)),
            key=lambda c: c[0] if 0 <= c[1] <= width and 0 <= c[2] <= height else -1,
        )
        out[code] = (round(best[1], 1), round(best[2], 1))
    return out


def shade(n: int) -> str:
    return next(colour for floor, colour in SHADES if n >= floor)


def render(counts: dict[str, int], lang: str, selected: str | None = None) -> str:
    """The map with a shade and a count label per country; ``selected`` is outlined."""
    data = outlines()
    title = esc(translate("Organisations per country", lang))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{data["viewBox"]}" role="img" '
        f'aria-label="{title}" class="sk-sm-svg"><title>{title}</title>'
    ]
    for d in data["other"]:
        parts.append(f'<path d="{d}" fill="{SHADES[-1][1]}"/>')
    for code, d in sorted(data["countries"].items(), key=lambda kv: kv[0] == selected):  # selected on top
        n = counts.get(code, 0)
        name = esc(country_name(code, lang))
        extra = ' class="sk-sm-selected"' if code == selected else ""
        parts.append(
            f'<path d="{d}" fill="{shade(n)}" data-country="{code}" data-count="{n}"{extra}>'
            f"<title>{name}: {n}</title></path>"
        )
    points = label_points()
    for code, n in sorted(counts.items()):
        if n and code in points:
            x, y = points[code]
            parts.append(f'<text x="{x}" y="{y}" class="sk-sm-count" data-country="{code}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def off_map(counts: dict[str, int]) -> dict[str, int]:
    """Counts for places the drawing does not show (other continents, Europe-wide)."""
    drawn = outlines()["countries"]
    return {code: n for code, n in sorted(counts.items()) if n and code not in drawn}
