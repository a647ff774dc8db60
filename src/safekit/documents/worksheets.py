"""The worksheets on paper: blank (for the handouts) or filled with one participant's answer.

The pages come from the templates ``worksheet-blank.html.j2`` and ``worksheets-filled.html.j2``
(one worksheet is the macro in ``worksheet.html.j2``); WeasyPrint turns them into PDF. A blank
cell leaves room to write by hand; a filled cell shows the participant's words and, when short,
still leaves a little room.
"""

from __future__ import annotations

from typing import Any

from safekit.documents.sheets import document, document_macros, loc
from safekit.worksheets import CHECK_STATES, RATINGS, fields, value_of


def _text(value: Any) -> str:
    """Participant text, stripped; empty where there is none (a blank cell)."""
    return value.strip() if isinstance(value, str) else ""


def _hint(field: dict, lang: str) -> str:
    return loc(field["hint"], lang) if field.get("hint") else ""


def _section(section: dict, values: dict, lang: str) -> dict:
    """What one section of a worksheet shows, in ``lang`` (``values``: field id -> answer)."""
    out: dict[str, Any] = {
        "title": loc(section["title"], lang),
        "intro": loc(section["intro"], lang) if section.get("intro") else "",
        "grid": None,
        "checks": [],
        "risks": [],
        "texts": [],
    }
    if section.get("rows"):
        by_cell = {(f["row"], f["column"]): f for f in section["fields"]}
        out["grid"] = {
            "columns": [loc(c["label"], lang) for c in section["columns"]],
            "rows": [
                {
                    "label": loc(row["label"], lang),
                    "cells": [
                        {"hint": _hint(cell, lang), "value": _text(values.get(cell["id"]))} if cell else None
                        for cell in (by_cell.get((row["id"], col["id"])) for col in section["columns"])
                    ],
                }
                for row in section["rows"]
            ],
        }
        return out
    for f in section["fields"]:
        kind, v = f.get("kind", "text"), values.get(f["id"])
        label, hint = loc(f["label"], lang), _hint(f, lang)
        if kind == "check":
            v = v or {}
            out["checks"].append(
                {"label": label, "hint": hint, "state": v.get("state"), "note": _text(v.get("note"))}
            )
        elif kind == "risk":
            v = v or {}
            out["risks"].append(
                {
                    "label": label,
                    "text": _text(v.get("text")),
                    "likelihood": v.get("likelihood"),
                    "severity": v.get("severity"),
                    "mitigation": _text(v.get("mitigation")),
                }
            )
        else:
            out["texts"].append({"label": label, "hint": hint, "value": _text(v)})
    return out


def _sheet(sheet: dict, lang: str, answer: dict | None) -> dict:
    values = {f["id"]: value_of(answer, sheet["id"], f) for _s, f in fields(sheet)} if answer else {}
    return {
        "title": loc(sheet["title"], lang),
        "intro": loc(sheet["intro"], lang),
        "note": loc(sheet["note"], lang),
        "sections": [_section(section, values, lang) for section in sheet["sections"]],
        "check_states": CHECK_STATES,
        "ratings": RATINGS,
    }


def worksheet_html(sheet: dict, lang: str, answer: dict | None = None, level: int = 1) -> str:
    """One worksheet; blank when ``answer`` is None. ``level``: the heading level of its title."""
    return str(document_macros("worksheet.html.j2").worksheet(_sheet(sheet, lang, answer), lang, level))


def blank_sheet(sheet: dict, lang: str) -> str:
    """A printable blank worksheet, with lines for the case and the date."""
    return document("worksheet-blank.html.j2", lang=lang, sheet=_sheet(sheet, lang, None))


def filled_sheets(
    sheets: list[dict], case_title: str, answer: dict, lang: str, meta: list[tuple[str, str]]
) -> str:
    """One participant's filled worksheets for one case, as a printable page (``meta``: label,
    value)."""
    return document(
        "worksheets-filled.html.j2",
        lang=lang,
        title=case_title,
        meta=meta,
        sheets=[_sheet(s, lang, answer) for s in sheets],
    )
