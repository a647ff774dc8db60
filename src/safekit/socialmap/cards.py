"""The detail card of one organisation, shared by the explorer and the referral exercise.

Status and last-checked date are always on the card; whatever the directory does not know is
shown as "not known", never left out or filled in.
"""

from __future__ import annotations

from safekit.core.i18n import N_, translate
from safekit.core.shapes import Organisation
from safekit.core.text import esc
from safekit.socialmap import directory as d


def badge(org: Organisation, lang: str) -> str:
    """Status and last checked, as one line that is never left out."""
    return (
        f'<p class="sk-sm-check sk-sm-{esc(org["status"])}">'
        f"<strong>{esc(translate('Status', lang))}:</strong> {esc(d.status_label(org, lang))}"
        f" · <strong>{esc(translate('Last checked', lang))}:</strong> {esc(d.checked_text(org, lang))}</p>"
    )


def card_html(org: Organisation, lang: str, heading: int = 3) -> str:
    """Everything the directory says about ``org``."""

    def row(label: str, value: str) -> str:
        return f"<dt>{esc(translate(label, lang))}</dt><dd>{value}</dd>"

    website = org.get("website") or ""
    if website:
        web = esc(website)
        if org.get("website_note") and org["website_note"] != website:
            web += f' <span class="sk-sm-note">({esc(org["website_note"])})</span>'
    elif org.get("website_note"):
        web = f"{esc(d.not_known(lang))} <span class='sk-sm-note'>({esc(org['website_note'])})</span>"
    else:
        web = esc(translate("not stated in the sources", lang))
    services = esc(d.services_text(org, lang))
    if org.get("services_note"):
        services += f'<br><span class="sk-sm-note">{esc(translate("as described", lang))}: {esc(org["services_note"])}</span>'
    kind = esc(d.type_label(org, lang)) + (f" ({esc(org['type_note'])})" if org.get("type_note") else "")
    rows = [
        row(N_("Country"), esc(d.country_label(org["country"], lang))),
        row(N_("Type"), kind),
        row(N_("Services"), services),
        row(N_("Target groups"), esc(d.groups_text(org, lang))),
        row(N_("Languages"), esc(d.languages_text(org, lang))),
        row(N_("Website"), web),
    ]
    if org.get("status_note"):
        rows.append(row(N_("About the status"), esc(org["status_note"])))
    if org.get("source"):
        rows.append(row(N_("Source"), esc(org["source"])))
    if org.get("notes"):
        rows.append(row(N_("Notes"), esc(org["notes"])))
    return (
        f'<div class="sk-sm-card" data-org="{esc(org["id"])}">'
        f"<h{heading}>{esc(org['name'])}</h{heading}>{badge(org, lang)}"
        f"<dl>{''.join(rows)}</dl></div>"
    )


STYLE = """<style>
.sk-sm-card { background: var(--sk-card, #fff); border-radius: 10px; padding: 6px 14px 10px;
  margin: 8px 0; border-left: 6px solid var(--sk-accent, #0b5cab); }
.sk-sm-card dl { display: grid; grid-template-columns: minmax(7em, max-content) 1fr; gap: 2px 12px; margin: 6px 0; }
.sk-sm-card dt { font-weight: 600; color: var(--sk-muted, #4a4a55); }
.sk-sm-card dd { margin: 0; overflow-wrap: anywhere; }
.sk-sm-check { background: #e8f1fb; border-radius: 8px; padding: 4px 10px; margin: 4px 0; }
.sk-sm-check.sk-sm-partial, .sk-sm-check.sk-sm-unverified { background: #fdf0d5; }
.sk-sm-note { color: var(--sk-muted, #4a4a55); font-size: 15px; }
.sk-sm-map svg { width: 100%; height: auto; max-height: 70vh; display: block; background: #dfe9f3; border-radius: 10px; }
.sk-sm-map path { stroke: #ffffff; stroke-width: 0.8; }
.sk-sm-map path.sk-sm-selected { stroke: #c97a00; stroke-width: 4; }
.sk-sm-map text { font: 700 24px system-ui, sans-serif; fill: #1b1b1f; paint-order: stroke;
  stroke: #ffffff; stroke-width: 5px; text-anchor: middle; dominant-baseline: central; }
.sk-sm-legend { font-size: 15px; color: var(--sk-muted, #4a4a55); }
.sk-sm-filters { gap: 4px 16px; align-items: flex-end; }
.sk-app .sk-sm-filters .widget-dropdown, .sk-app .sk-sm-filters .widget-text { flex-direction: column;
  align-items: stretch; width: 100%; max-width: 360px; height: auto; margin: 0; }
.sk-app .sk-sm-filters .widget-label { width: auto !important; text-align: left; font-weight: 600; }
.sk-app .sk-sm-filters select, .sk-app .sk-sm-filters input { flex: 0 0 auto; height: 48px; font-size: 17px; width: 100%; }
.sk-sm-results .sk-sm-org { margin-bottom: 0; }
.sk-app .sk-referral-reason { width: auto; max-width: 100%; align-self: stretch; box-sizing: border-box; }
.sk-app .sk-referral-reason input { min-height: 44px; font-size: 17px; min-width: 0; width: 100%; box-sizing: border-box; }
@media (max-width: 600px) { .sk-sm-card dl { grid-template-columns: 1fr; } .sk-sm-card dt { margin-top: 4px; }
  .sk-sm-map text { font-size: 36px; stroke-width: 7px; } }
</style>"""
