"""What a model's validation error says to an author, in their language."""

from __future__ import annotations

from typing import Any

from safekit.core.i18n import _


def field_message(err: dict[str, Any], unknown_field: str) -> str:
    """One pydantic error as a plain sentence; ``unknown_field`` is said of a field the format
    does not have."""
    kind = err["type"]
    ctx = err.get("ctx", {})
    if kind == "missing":
        return _("required field is missing")
    if kind == "extra_forbidden":
        return unknown_field
    if kind == "literal_error":
        return _("must be one of {expected}", expected=ctx.get("expected", ""))
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == "^[A-Z]{2}$":
            return _("use the two-letter country code in capitals, e.g. NL, HU, BG or MK")
        if pattern.startswith("^https?://"):
            return _("a link starts with https:// or http://")
        return _("has the wrong form (ids use lower-case letters, digits and hyphens)")
    if kind == "dict_type" and isinstance(err.get("input"), str):
        return _("write one text per language, each on its own line under the field: en: … and nl: …")
    if kind == "too_short" and ctx.get("min_length", 1) > 1:
        return _("needs at least {n} items", n=ctx["min_length"])
    if kind in ("too_short", "string_too_short"):
        return _("must not be empty")
    if kind == "too_long" and "max_length" in ctx:
        return _("may have at most {n} items", n=ctx["max_length"])
    return err["msg"]
