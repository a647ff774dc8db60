""" "What next": the identification and referral route of the session's country, shown after a
participant has judged a case (see :mod:`safekit.authoring.countries` for the data)."""

from __future__ import annotations

from typing import Any

from safekit.core.vocab import SESSION_COUNTRIES
from safekit.ui import esc, loc, t


def what_next(route: dict[str, Any] | None, lang: str) -> str:
    """The route as HTML (empty when the session has no country): its steps, who takes each, the
    source each was checked against (and its caveat), and the organisations to know."""
    if not route:
        return ""
    country = SESSION_COUNTRIES.get(route["country"], route["country"])
    parts = [
        f"<div class='sk-what-next'><h3>{esc(loc(route['title'], lang))}</h3>",
        f"<p class='sk-hint'>{esc(t('The route in {country}, step by step:', lang, country=t(country, lang)))}</p><ol>",
    ]
    for step in route["steps"]:
        parts.append(
            f"<li><strong>{esc(loc(step['who'], lang))}</strong>: {esc(loc(step['step'], lang))}"
            f"<br><small>{esc(t('Source: {source}', lang, source=step['source']))}</small>"
        )
        if step.get("caveat"):
            parts.append(f"<br><small><em>{esc(loc(step['caveat'], lang))}</em></small>")
        parts.append("</li>")
    parts.append("</ol>")
    if route.get("organisations"):
        names = "".join(f"<li>{esc(org['name'])}</li>" for org in route["organisations"])
        parts.append(f"<p>{esc(t('Organisations to know (on the social map):', lang))}</p><ul>{names}</ul>")
    if route.get("note"):
        parts.append(f"<p class='sk-hint'>{esc(loc(route['note'], lang))}</p>")
    parts.append("</div>")
    return "".join(parts)
