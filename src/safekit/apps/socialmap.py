"""The social map explorer: filter the directory, read an organisation's card, see the map.

``notebooks/socialmap.ipynb`` only calls :func:`build`; in Voilà it runs with the safekit
template (see docs/socialmap.md). Everything it shows comes from the directory in use and the
shipped outline of Europe: nothing is fetched from the internet.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import ipywidgets as w

from safekit.authoring.socialmap.store import load_directory  # the explorer's kernel only
from safekit.authoring.syllabus import find_project
from safekit.core.i18n import default_language
from safekit.core.socialmap_vocab import SERVICES, TARGET_GROUPS, TYPES
from safekit.core.text import collation_key
from safekit.socialmap import directory as d
from safekit.socialmap import svgmap
from safekit.socialmap.cards import STYLE, card_html
from safekit.ui import button, esc, heading, html_block, status, t

ALL = ""


class Explorer:
    def __init__(self, orgs: list[dict], lang: str = "en"):
        self.orgs, self.lang = (
            sorted(orgs, key=lambda o: (o["country"], collation_key(o["name"], lang))),
            lang,
        )
        self.counts = Counter(o["country"] for o in self.orgs)
        self.countries = _dropdown(
            t("Country", lang),
            [(t("All countries", lang), ALL)]
            + sorted(
                ((f"{d.country_label(c, lang)} ({n})", c) for c, n in self.counts.items()),
                key=lambda x: x[0].casefold(),
            ),
        )
        self.service = _dropdown(
            t("Service", lang),
            [(t("All services", lang), ALL)] + [(t(v, lang), k) for k, v in SERVICES.items()],
        )
        self.group = _dropdown(
            t("Target group", lang),
            [(t("All target groups", lang), ALL)] + [(t(v, lang), k) for k, v in TARGET_GROUPS.items()],
        )
        self.kind = _dropdown(
            t("Type", lang), [(t("All types", lang), ALL)] + [(t(v, lang), k) for k, v in TYPES.items()]
        )
        self.search = w.Text(placeholder=t("Search name, services, source", lang), continuous_update=True)
        self.search.add_class("sk-sm-search")
        self.search.description = t("Search", lang)
        self.map = w.HTML()
        self.map.add_class("sk-sm-map")
        self.count = w.HTML()
        self.count.add_class("sk-sm-count-line")
        self.results = w.VBox()
        self.results.add_class("sk-sm-results")
        self._quiet = False
        for control in (self.countries, self.service, self.group, self.kind, self.search):
            control.observe(lambda _c: self._quiet or self.refresh(), "value")
        reset = button(t("Clear filters", lang), "sk-secondary")
        reset.on_click(lambda _b: self.clear())
        filters = w.Box([self.countries, self.service, self.group, self.kind, self.search, reset])
        filters.add_class("sk-wrap")
        filters.add_class("sk-sm-filters")
        off = svgmap.off_map(self.counts)
        legend = (
            t("Darker means more organisations in the directory. Not on the map:", lang)
            + " "
            + ", ".join(f"{d.country_label(c, lang)} ({n})" for c, n in off.items())
        )
        intro = t(
            "Organisations that support victims of trafficking, to find a partner in another "
            "country. Contact details change: every entry shows how well it was checked and when.",
            lang,
        )
        self.root = w.VBox(
            [
                html_block(STYLE),
                heading(t("Social map", lang)),
                html_block(f"<p>{esc(intro)}</p>"),
                self.map,
                html_block(f'<p class="sk-sm-legend">{esc(legend)}</p>'),
                filters,
                self.count,
                self.results,
            ]
        )
        self.root.add_class("sk-app")
        self.root.add_class("sk-socialmap")
        # one row per organisation, made once: filtering only changes which rows are shown, so a
        # phone never has to draw a fresh set of widgets for every change of a filter
        self._holders: dict[str, w.VBox] = {}
        self._rows: dict[str, w.VBox] = {}
        for o in self.orgs:
            label = f"{o['name']} — {d.country_label(o['country'], lang)} · {d.status_short(o, lang)}"
            b = button(label, "sk-case-card", "sk-sm-org")
            b.on_click(lambda _b, org=o: self.toggle(org))
            self._holders[o["id"]] = holder = w.VBox()
            self._rows[o["id"]] = w.VBox([b, holder])
        self._none = html_block(
            status(t("No organisation in the directory matches these filters.", lang), "warn")
        )
        self.refresh()

    def matches(self) -> list[dict]:
        q = self.search.value.strip().casefold()
        out = []
        for o in self.orgs:
            if self.countries.value and o["country"] != self.countries.value:
                continue
            if self.service.value and self.service.value not in o["services"]:
                continue
            if self.group.value and self.group.value not in o["target_groups"]:
                continue
            if self.kind.value and o["type"] != self.kind.value:
                continue
            hay = " ".join(
                [
                    o["name"],
                    o["id"],
                    o["services_note"],
                    o["type_note"],
                    o["source"],
                    o["notes"],
                    d.country_label(o["country"], self.lang),
                ]
            ).casefold()
            if q and q not in hay:
                continue
            out.append(o)
        return out

    def refresh(self) -> None:
        lang, found = self.lang, self.matches()
        if self._map_for != (self.countries.value,):  # typing in the search box leaves the map as it is
            self._map_for = (self.countries.value,)
            self.map.value = svgmap.render(self.counts, lang, self.countries.value or None)
        self.count.value = status(t("{n} of {total} organisations", lang, n=len(found), total=len(self.orgs)))
        shown = {o["id"] for o in found}
        if self._open_id not in shown:
            self.close()
        self.results.children = [self._rows[o["id"]] for o in found] or [self._none]

    _open_id: str | None = None
    _map_for: tuple | None = None

    def toggle(self, org: dict) -> None:
        if self._open_id == org["id"]:
            self.close()
        else:
            self.open(org)

    def open(self, org: dict) -> None:
        """Show the card under the organisation's button (one card open at a time)."""
        self.close()
        self._open_id = org["id"]
        close = button(t("Close", self.lang), "sk-secondary")
        close.on_click(lambda _b: self.close())
        self._holders[org["id"]].children = (html_block(card_html(org, self.lang)), close)

    def close(self) -> None:
        if self._open_id in self._holders:
            self._holders[self._open_id].children = ()
        self._open_id = None

    def clear(self) -> None:
        """Reset every filter, then redraw once."""
        self._quiet = True
        try:
            for control in (self.countries, self.service, self.group, self.kind, self.search):
                control.value = ALL
        finally:
            self._quiet = False
        self.refresh()


def _dropdown(label: str, options: list[tuple[str, str]]) -> w.Dropdown:
    box = w.Dropdown(options=options, value=ALL, description=label)
    box.add_class("sk-sm-filter")
    return box


def build(lang: str | None = None, project: Path | None = None) -> w.VBox:
    """The explorer over the directory in use (the project's copy, else the shipped one)."""

    orgs = [o.record() for o in load_directory(project or find_project())]
    return Explorer(orgs, lang or default_language()).root
