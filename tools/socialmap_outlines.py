"""Derive the social map's offline outline of Europe and its country list (run once, at dev time).

The kit draws its map from ``src/safekit/data/socialmap/europe.json`` and names countries from
``countries.csv``; nothing is fetched when a workshop runs. Both files come from two npm
packages, fetched once with ``npm pack`` into a scratch folder:

- ``world-atlas`` 2.x (ISC licence; the shapes are Natural Earth 1:110m, public domain):
  ``countries-110m.json``, TopoJSON keyed by ISO 3166 numeric code;
- ``i18n-iso-countries`` 7.x (MIT licence): ``codes.json`` (alpha-2, alpha-3, numeric) and the
  English and Dutch country names in ``langs/``.

usage::

    cd /tmp && npm pack world-atlas i18n-iso-countries   # then unpack both .tgz files
    python tools/socialmap_outlines.py /tmp/world-atlas/package /tmp/i18n-iso-countries/package

The projection is Lambert azimuthal equal-area centred on Europe; coordinates are rounded to
one decimal of a 1000-unit-wide drawing, which is plenty for a map the size of a phone.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "safekit" / "data" / "socialmap"
LON0, LAT0 = 15.0, 52.0  # centre of the projection
WINDOW = (-1.95e6, -1.75e6, 2.35e6, 2.05e6)  # x0, y0, x1, y1 in metres around the centre
WIDTH = 1000.0
NAMED = {"Kosovo": "XK"}  # shapes the atlas leaves without a numeric id
SHORT = {"Moldova, Republic of": "Moldova"}  # the package gives only the formal name


def laea(lon: float, lat: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area on a sphere of the Earth's mean radius (metres)."""
    r = 6371000.0
    lam, phi = math.radians(lon - LON0), math.radians(lat)
    phi0 = math.radians(LAT0)
    k = math.sqrt(2 / (1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)))
    x = r * k * math.cos(phi) * math.sin(lam)
    y = r * k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, y


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def path_of(polygons: list, arcs: list) -> str:
    x0, y0, x1, y1 = WINDOW
    scale = WIDTH / (x1 - x0)
    parts, visible = [], False
    for polygon in polygons:
        for indexes in polygon:
            pts = []
            for lon, lat in ring(arcs, indexes):
                x, y = laea(lon, lat)
                px, py = (x - x0) * scale, (y1 - y) * scale
                visible |= 0 <= px <= WIDTH and 0 <= py <= (y1 - y0) * scale
                pts.append(f"{px:.1f},{py:.1f}")
            parts.append("M" + "L".join(pts) + "Z")
    return "".join(parts) if visible else ""


def main(atlas_dir: Path, iso_dir: Path) -> None:
    codes = json.loads((iso_dir / "codes.json").read_text(encoding="utf-8"))
    names = {
        lang: json.loads((iso_dir / "langs" / f"{lang}.json").read_text(encoding="utf-8"))["countries"]
        for lang in ("en", "nl")
    }
    by_numeric = {numeric: alpha2 for alpha2, _a3, numeric, *_ in codes}
    topo = json.loads((atlas_dir / "countries-110m.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    shapes, other = {}, []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        d = path_of(polygons, arcs)
        if not d:
            continue
        code = by_numeric.get(geometry.get("id")) or NAMED.get(geometry["properties"]["name"])
        if code:
            shapes[code] = d
        else:
            other.append(d)
    x0, y0, x1, y1 = WINDOW
    height = round((y1 - y0) * WIDTH / (x1 - x0), 1)
    data = {
        "about": "Country outlines of Europe for the offline social map; see README.md.",
        "viewBox": f"0 0 {WIDTH:.0f} {height}",
        "countries": dict(sorted(shapes.items())),
        "other": other,
    }
    (OUT / "europe.json").write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")

    def english(value):  # the common short name: not a formal "The ..." or "X, Republic of"
        value = value if isinstance(value, list) else [value]
        name = next((v for v in value if not v.startswith("The ") and ", " not in v), value[0])
        return SHORT.get(name, name)

    def dutch(value):  # the list is [formal, short]
        return min(value, key=len) if isinstance(value, list) else value

    rows = [(a2, english(names["en"][a2]), dutch(names["nl"][a2])) for a2, *_ in codes]
    with (OUT / "countries.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "en", "nl"])
        writer.writerows(sorted(rows))
    print(f"{len(shapes)} countries drawn, {len(other)} unnamed shapes, {len(rows)} country names")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
