"""Worksheets of the safe-future module: a return risk assessment, an informed-consent
checklist and a reintegration plan, filled in per case and printable blank or filled.

The definitions are data (``safekit/data/worksheets/*.yaml``, model in
:mod:`safekit.authoring.worksheets`). The course bundle carries them as plain dicts, so a
participant's kernel reads them with the standard library only (no pydantic, no YAML parser).

An answer (the ``worksheet`` exercise's payload) looks like::

    {"sheets": {"risk-assessment": {"individual-risk": "text",
                                    "risk-1": {"text": "", "likelihood": "high",
                                               "severity": "high", "mitigation": ""}},
                "informed-consent": {"what-and-why": {"state": "done", "note": ""}}},
     "checked": true}
"""

from __future__ import annotations

from typing import Any

from safekit.core.i18n import N_

CHECK_STATES = {"done": N_("Done"), "not-yet": N_("Not yet"), "not-applicable": N_("Not applicable")}
RATINGS = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}


def fields(sheet: dict):
    """``(section, field)`` for every field of a worksheet, in order."""
    for section in sheet["sections"]:
        for field in section["fields"]:
            yield section, field


def empty_value(field: dict) -> Any:
    kind = field.get("kind", "text")
    if kind == "check":
        return {"state": None, "note": ""}
    if kind == "risk":
        return {"text": "", "likelihood": None, "severity": None, "mitigation": ""}
    return ""


def value_of(answer: dict | None, sheet_id: str, field: dict) -> Any:
    """A field's saved value, filled up with empty parts (older or partial answers load too)."""
    saved = ((answer or {}).get("sheets") or {}).get(sheet_id, {}).get(field["id"])
    empty = empty_value(field)
    if isinstance(empty, dict):
        return {**empty, **(saved if isinstance(saved, dict) else {})}
    return saved if isinstance(saved, str) else empty


def is_filled(value: Any) -> bool:
    if isinstance(value, dict):
        return any(v.strip() if isinstance(v, str) else v for v in value.values())
    return bool((value or "").strip())


def filled_count(answer: dict | None, sheets: list[dict]) -> int:
    """How many fields of the worksheets ``sheets`` hold something."""
    return sum(is_filled(value_of(answer, sheet["id"], f)) for sheet in sheets for _s, f in fields(sheet))


__all__ = [
    "CHECK_STATES",
    "RATINGS",
    "empty_value",
    "fields",
    "filled_count",
    "is_filled",
    "value_of",
]
