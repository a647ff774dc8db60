"""Small SVG bar charts, drawn by hand: no plotting library, no fonts, nothing fetched.

Each function returns a complete ``<svg>`` element that works as a file and inline in HTML.
"""

from __future__ import annotations

import textwrap

from safekit.core.text import esc

WIDTH, LABEL_W, BAR_W, LINE = 760, 330, 340, 16
INK, MUTED, GRID = "#1b1b1f", "#4a4a55", "#dcdcd6"
LIKERT_COLOURS = ["#a1262b", "#e3a08a", "#d9d9d4", "#8dbbe0", "#0b5cab"]
SERIES_COLOURS = ["#9aa5b1", "#0b5cab", "#1d6b33"]


def _label(x: float, y: float, text: str, width: int = 44) -> str:
    lines = textwrap.wrap(text, width)[:2] or [""]
    if len(textwrap.wrap(text, width)) > 2:
        lines[1] = lines[1][: width - 1] + "…"
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" font-size="13" fill="{INK}"><title>{esc(text)}</title>{spans}</text>'


def _frame(title: str, height: int, body: str, legend: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="system-ui, sans-serif" role="img" '
        f'aria-label="{esc(title)}"><title>{esc(title)}</title>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
        f'<text x="10" y="22" font-size="16" font-weight="600" fill="{INK}">{esc(title)}</text>'
        f"{legend}{body}</svg>"
    )


def _legend(names: list[str], colours: list[str], y: int = 40) -> str:
    out, x = [], 10
    for name, colour in zip(names, colours, strict=False):
        out.append(
            f'<rect x="{x}" y="{y - 11}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y}" font-size="13" fill="{MUTED}">{esc(name)}</text>'
        )
        x += 24 + 7 * len(name)
    return "".join(out)


def bars(title: str, rows: list[tuple[str, list[float]]], series: list[str], unit: str = "", top=None) -> str:
    """Horizontal bars: one group per row, one bar per series (e.g. before/after)."""
    top = top or max([v for _l, values in rows for v in values if v is not None] + [1])
    per = 16 * len(series) + 18
    y0 = 56 if len(series) > 1 else 40
    body = []
    for i, (label, values) in enumerate(rows):
        y = y0 + i * per
        body.append(_label(10, y + 13, label))
        for j, value in enumerate(values):
            value = value or 0
            w = BAR_W * value / top
            by = y + 2 + j * 16
            colour = SERIES_COLOURS[j % len(SERIES_COLOURS)] if len(series) > 1 else SERIES_COLOURS[1]
            body.append(
                f'<rect x="{LABEL_W}" y="{by}" width="{w:.1f}" height="13" fill="{colour}"/>'
                f'<text x="{LABEL_W + w + 6:.1f}" y="{by + 11}" font-size="12" fill="{MUTED}">'
                f"{esc(_num(value))}{esc(unit)}</text>"
            )
    legend = _legend(series, SERIES_COLOURS) if len(series) > 1 else ""
    return _frame(title, y0 + len(rows) * per + 8, "".join(body), legend)


def stacked(title: str, rows: list[tuple[str, list[int]]], legend: list[str]) -> str:
    """One 100% bar per row, split into the shares of each scale point (Likert)."""
    per, y0 = 40, 56
    body = []
    for i, (label, counts) in enumerate(rows):
        y, total, x = y0 + i * per, sum(counts) or 1, float(LABEL_W)
        body.append(_label(10, y + 13, label))
        for j, n in enumerate(counts):
            w = BAR_W * n / total
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="20" fill="{LIKERT_COLOURS[j]}"/>')
            if n:
                body.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" font-size="12" text-anchor="middle" '
                    f'fill="{"#ffffff" if j in (0, 4) else INK}">{n}</text>'
                )
            x += w
    return _frame(title, y0 + len(rows) * per + 8, "".join(body), _legend(legend, LIKERT_COLOURS))


def _num(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
