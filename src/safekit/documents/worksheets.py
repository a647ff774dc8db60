"""The worksheets on paper: blank (for the handouts) or filled with one participant's answer.

Both return HTML fragments for :func:`safekit.documents.handouts.page`, which makes a
self-contained A4 page; WeasyPrint turns it into PDF. A blank cell leaves room to write by hand;
a filled cell shows the participant's words and, when short, still leaves a little room.
"""

from __future__ import annotations

from safekit.core.i18n import translate
from safekit.documents.sheets import esc, loc
from safekit.worksheets import CHECK_STATES, RATINGS, fields, value_of

CSS = """
.ws-hint { font-size: 8.5pt; color: #444; margin: 0 0 1mm; }
.ws-intro { font-size: 10pt; }
.ws-space { min-height: 22mm; }
.ws-space.small { min-height: 10mm; }
.ws-answer { white-space: pre-wrap; font-size: 10pt; min-height: 8mm; margin: 0 0 1mm;
  font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
table.ws-grid, table.ws-checks, table.ws-risks { table-layout: fixed; }
table.ws-grid th, table.ws-grid td, table.ws-checks td, table.ws-risks th, table.ws-risks td {
  border: 0.6pt solid #888; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
table.ws-checks thead th { text-align: left; font-size: 9.5pt; padding: 0 2mm; }
table.ws-grid thead th, table.ws-risks thead th { background: #eee; font-size: 9.5pt; }
table.ws-grid th.rowhead { width: 24mm; }
table.ws-grid tbody th { font-size: 10pt; }
table.ws-grid td { height: 34mm; }
table.ws-checks td.state { width: 34mm; font-size: 9pt; }
table.ws-checks td.note { width: 52mm; }
table.ws-risks td { height: 24mm; font-size: 10pt; }
table.ws-risks th.rate, table.ws-risks td.rate { width: 22mm; font-size: 9pt; }
table.ws-risks th.label { width: 14mm; }
.ws-states { list-style: none; padding: 0; margin: 0; }
.ws-states li { margin: 0 0 0.8mm; white-space: nowrap; }
.box.on { background: #111; }
.ws-field { break-inside: avoid; margin-bottom: 3mm; }
.ws-field h3 { margin-top: 2mm; }
.ws-note { border-top: 1pt solid #999; margin-top: 5mm; padding-top: 2mm; font-size: 9pt; color: #333; }
.ws-blank { display: inline-block; min-width: 55mm; border-bottom: 0.6pt solid #888; height: 5mm; }
.ws-sheet + .ws-sheet { break-before: page; }
"""


def _states(options: dict[str, str], chosen: str | None, lang: str) -> str:
    return (
        '<ul class="ws-states">'
        + "".join(
            f'<li><span class="box{" on" if key == chosen else ""}"></span>{esc(translate(label, lang))}</li>'
            for key, label in options.items()
        )
        + "</ul>"
    )


def _text(value: str | None, small: bool = False) -> str:
    """Participant text, or room to write (``value`` is None on a blank sheet)."""
    if value and value.strip():
        return f'<div class="ws-answer">{esc(value.strip())}</div>'
    return f'<div class="ws-space{" small" if small else ""}"></div>'


def _hint(field: dict, lang: str) -> str:
    return f'<p class="ws-hint">{esc(loc(field["hint"], lang))}</p>' if field.get("hint") else ""


def _grid(section: dict, values: dict, lang: str) -> str:
    head = "".join(f"<th>{esc(loc(c['label'], lang))}</th>" for c in section["columns"])
    rows = []
    for row in section["rows"]:
        cells = []
        for col in section["columns"]:
            cell = next(
                (f for f in section["fields"] if f["row"] == row["id"] and f["column"] == col["id"]), None
            )
            if cell is None:
                cells.append("<td></td>")
                continue
            cells.append(f"<td>{_hint(cell, lang)}{_text(values.get(cell['id']), small=True)}</td>")
        rows.append(f"<tr><th>{esc(loc(row['label'], lang))}</th>{''.join(cells)}</tr>")
    head = f'<thead><tr><th class="rowhead"></th>{head}</tr></thead>'
    return f'<table class="ws-grid">{head}<tbody>{"".join(rows)}</tbody></table>'


def _checks(items: list[dict], values: dict, lang: str) -> str:
    rows = []
    for f in items:
        v = values.get(f["id"]) or {}
        rows.append(
            f"<tr><td>{esc(loc(f['label'], lang))}{_hint(f, lang)}</td>"
            f'<td class="state">{_states(CHECK_STATES, v.get("state"), lang)}</td>'
            f'<td class="note">{_text(v.get("note"), small=True)}</td></tr>'
        )
    head = f"<thead><tr><th></th><th></th><th>{esc(translate('Note', lang))}</th></tr></thead>"
    return f'<table class="ws-checks">{head}<tbody>{"".join(rows)}</tbody></table>'


def _risks(items: list[dict], values: dict, lang: str) -> str:
    t = lambda msg: translate(msg, lang)  # noqa: E731
    head = (
        f'<tr><th class="label"></th><th>{esc(t("What is the risk?"))}</th>'
        f'<th class="rate">{esc(t("Likelihood"))}</th><th class="rate">{esc(t("Severity"))}</th>'
        f"<th>{esc(t('What lowers it, and who does it?'))}</th></tr>"
    )
    rows = []
    for f in items:
        v = values.get(f["id"]) or {}
        rows.append(
            f"<tr><td>{esc(loc(f['label'], lang))}</td><td>{_text(v.get('text'), True)}</td>"
            f'<td class="rate">{_states(RATINGS, v.get("likelihood"), lang)}</td>'
            f'<td class="rate">{_states(RATINGS, v.get("severity"), lang)}</td>'
            f"<td>{_text(v.get('mitigation'), True)}</td></tr>"
        )
    return f'<table class="ws-risks"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def worksheet_html(sheet: dict, lang: str, answer: dict | None = None, level: int = 1) -> str:
    """One worksheet; blank when ``answer`` is None. ``level``: the heading level of its title."""
    h1, h2, h3 = (f"h{min(level + i, 4)}" for i in range(3))
    values = {f["id"]: value_of(answer, sheet["id"], f) for _s, f in fields(sheet)} if answer else {}
    out = [
        f"<{h1}>{esc(loc(sheet['title'], lang))}</{h1}>",
        f'<p class="ws-intro">{esc(loc(sheet["intro"], lang))}</p>',
    ]
    for section in sheet["sections"]:
        out.append(f"<{h2}>{esc(loc(section['title'], lang))}</{h2}>")
        if section.get("intro"):
            out.append(f'<p class="hint">{esc(loc(section["intro"], lang))}</p>')
        if section.get("rows"):
            out.append(_grid(section, values, lang))
            continue
        by_kind: dict[str, list[dict]] = {}
        for f in section["fields"]:
            by_kind.setdefault(f.get("kind", "text"), []).append(f)
        if "check" in by_kind:
            out.append(_checks(by_kind["check"], values, lang))
        if "risk" in by_kind:
            out.append(_risks(by_kind["risk"], values, lang))
        for f in by_kind.get("text", []):
            label = f"<{h3}>{esc(loc(f['label'], lang))}</{h3}>"
            out.append(f'<div class="ws-field">{label}{_hint(f, lang)}{_text(values.get(f["id"]))}</div>')
    about = esc(translate("About this worksheet", lang))
    out.append(f'<aside class="ws-note"><strong>{about}:</strong> {esc(loc(sheet["note"], lang))}</aside>')
    return f'<section class="ws-sheet">{"".join(out)}</section>'


def blank_sheet(sheet: dict, lang: str) -> str:
    """The body of a printable blank worksheet, with lines for the case and the date."""
    t = lambda msg: translate(msg, lang)  # noqa: E731
    blank = '<span class="ws-blank"></span>'
    header = (
        f'<header><p class="kind">{esc(t("Worksheet"))}</p>'
        f'<dl class="meta"><div><dt>{esc(t("Case or person (no real name)"))}</dt><dd>{blank}</dd></div>'
        f"<div><dt>{esc(t('Date'))}</dt><dd>{blank}</dd></div></dl></header>"
    )
    return f"<style>{CSS}</style>{header}{worksheet_html(sheet, lang)}"


def filled_sheets(
    sheets: list[dict], case_title: str, answer: dict, lang: str, meta: list[tuple[str, str]]
) -> str:
    """The body of one participant's filled worksheets for one case (``meta``: label, value)."""
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta)
    header = (
        f'<header><p class="kind">{esc(translate("Worksheets", lang))}</p><h1>{esc(case_title)}</h1>'
        f'<dl class="meta">{rows}</dl></header>'
    )
    body = "".join(worksheet_html(s, lang, answer, level=2) for s in sheets)
    return f"<style>{CSS}</style>{header}{body}"
