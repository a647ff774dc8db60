"""Safe future: build a referral in the country of return from the social map.

For each need of a safe return (safe housing, psychosocial support, legal aid, reintegration)
the participant picks the organisations in the person's return country they would refer to,
with an optional one-line reason. There is no single right answer, so there are no points:
the feedback shows which needs the chosen organisations cover according to the directory and
which remain open. When the directory has nobody in that country, the exercise says so and
shows where to look instead; it never suggests an organisation the directory does not hold.
"""

from __future__ import annotations

from collections import Counter

import ipywidgets as w

from safekit.core.i18n import N_
from safekit.core.shapes import Answer, Case, Organisation
from safekit.core.vocab import PLAN_AREAS
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Context, Group, Kind, Result, bar
from safekit.socialmap import directory
from safekit.socialmap.cards import STYLE, card_html
from safekit.ui import button, esc, heading, html_block, loc, status, t, toggle

# need -> (label, service code that covers it): a receiving organisation's shelter, counselling
# and legal aid, and economic reintegration.
NEEDS = {
    "safe-housing": (N_("Safe housing on arrival"), "SH"),
    "psychosocial": (N_("Psychosocial support"), "PS"),
    "legal": (N_("Legal advice and protection"), "LA"),
    "reintegration": (N_("Reintegration: income, training, work"), "RR"),
}


def referral_result(case: Case, answer: Answer, orgs: list[Organisation]) -> Result:
    """Which needs the chosen organisations cover, according to the directory ``orgs``."""
    known = {o["id"]: o for o in orgs}
    covered: dict[str, list[str]] = {}
    unsure: dict[str, list[str]] = {}
    open_: list[str] = []
    for need, (_label, code) in NEEDS.items():
        chosen = [known[i] for i in answer.get("choices", {}).get(need, []) if i in known]
        covered[need] = [o["id"] for o in chosen if code in o["services"]]
        unsure[need] = [o["id"] for o in chosen if code not in o["services"]]
        if not covered[need]:
            open_.append(need)
    return {"covered": covered, "unsure": unsure, "open": open_}


class Referral(Exercise):
    kind = "referral"
    title_msgid = N_("Refer in the country of return")

    def build(self) -> w.Widget:
        lang, case = self.lang, self.case
        self.checked = False
        self.country = case["person"].get("return_country") or ""
        self.orgs = directory.in_country(self.country, self.context.organisations, self.lang)
        name = directory.country_label(self.country, lang)
        self.toggles: dict[str, dict[str, w.ToggleButton]] = {}
        self.reasons: dict[str, w.Text] = {}
        parts: list[w.Widget] = [
            html_block(STYLE),
            heading(t("Who would you refer to in {country}?", lang, country=name), 3),
        ]
        if not self.orgs:
            parts.append(html_block(self._nobody_html(name)))
            confirm = button(t("I know what to do next", lang), "sk-primary")
        else:
            parts.append(
                html_block(
                    "<p>"
                    + esc(
                        t(
                            "Read what the social map says about each organisation, then choose, for "
                            "each need, whom you would refer to. Check status and date: an entry may be "
                            "out of date.",
                            lang,
                        )
                    )
                    + "</p>"
                )
            )
            cards = "".join(card_html(o, lang, heading=4) for o in self.orgs)
            parts.append(
                html_block(
                    f'<details class="sk-sm-cards" open><summary>{esc(t("The organisations in the social map", lang))}</summary>{cards}</details>'
                )
            )
            for need, (label, _code) in NEEDS.items():
                parts.append(html_block(f"<h4>{esc(t(label, lang))}</h4>"))
                row: dict[str, w.ToggleButton] = {}
                for org in self.orgs:
                    tg = toggle(org["name"], False, "sk-choice", "sk-referral-org")
                    tg.tooltip = f"{t(label, lang)}: {org['name']}"
                    tg.observe(lambda _c: self.save(), "value")
                    row[org["id"]] = tg
                self.toggles[need] = row
                box = w.Box(list(row.values()))
                box.add_class("sk-wrap")
                reason = w.Text(placeholder=t("Why? One line (optional)", lang), continuous_update=False)
                reason.add_class("sk-referral-reason")
                reason.observe(lambda _c: self.save(), "value")
                self.reasons[need] = reason
                parts += [box, reason]
            confirm = button(t("Confirm my referral", lang), "sk-primary")
        confirm.on_click(lambda _b: self.check())
        return w.VBox([*parts, confirm])

    def _where_to_look(self, name: str) -> str:
        """Where to find a partner the social map does not hold."""
        lang = self.lang
        steps = [
            t(
                "Ask IOM where the person is now to contact the IOM mission in {country}, if there "
                "is one: IOM arranges return and reintegration together with its office in the "
                "country of origin.",
                lang,
                country=name,
            ),
            t(
                "Ask for the national anti-trafficking coordinator or referral mechanism of "
                "{country}; in the Netherlands CoMensha can help find the right contact.",
                lang,
                country=name,
            ),
            t("Look at La Strada International's current member list: its members change over time.", lang),
            t(
                "Note what you find, with its source and the date you checked it, so it can be added "
                "to the social map. Do not refer to an organisation nobody has checked.",
                lang,
            ),
        ]
        return "<ol>" + "".join(f"<li>{esc(s)}</li>" for s in steps) + "</ol>"

    def _nobody_html(self, name: str) -> str:
        intro = t(
            "The social map has no organisation in {country}. Do not guess a partner: look for one "
            "with people who can check it.",
            self.lang,
            country=name,
        )
        return status(intro, "warn") + self._where_to_look(name)

    def answer(self) -> Answer:
        return {
            "country": self.country,
            "choices": {need: [i for i, tg in row.items() if tg.value] for need, row in self.toggles.items()},
            "reasons": {need: box.value.strip() for need, box in self.reasons.items() if box.value.strip()},
            "checked": self.checked,
        }

    def restore(self, answer: Answer) -> None:
        for need, row in self.toggles.items():
            for org_id, tg in row.items():
                tg.value = org_id in answer.get("choices", {}).get(need, [])
        for need, box in self.reasons.items():
            box.value = answer.get("reasons", {}).get(need, "")
        self.checked = bool(answer.get("checked"))
        if self.checked:
            self.render_feedback()

    def render_feedback(self) -> None:
        lang = self.lang
        if not self.show_feedback:
            self.feedback.value = status(t("Your answer is saved.", lang), "ok")
            return
        if not self.orgs:
            self.feedback.value = status(
                t("Saved. Discuss with the group where you would look first.", lang), "ok"
            )
            return
        names = {o["id"]: o["name"] for o in self.orgs}
        r = referral_result(self.case, self.answer(), self.orgs)
        parts = [f"<h3>{esc(t('Needs and your referral', lang))}</h3><ul>"]
        for need, (label, code) in NEEDS.items():
            line = f"<strong>{esc(t(label, lang))}</strong>: "
            if r["covered"][need]:
                line += "✓ " + esc(", ".join(names[i] for i in r["covered"][need]))
            else:
                offer = [o["name"] for o in self.orgs if code in o["services"]]
                line += "○ " + esc(t("not covered by your choice.", lang))
                if offer:
                    line += " " + esc(
                        t("The social map lists this service for: {names}.", lang, names=", ".join(offer))
                    )
                else:
                    line += " " + esc(
                        t("The social map lists nobody here for this: ask your partners.", lang)
                    )
            if r["unsure"][need]:
                line += "<br>" + esc(
                    t(
                        "The social map does not show this service for {names}: check with them before you refer.",
                        lang,
                        names=", ".join(names[i] for i in r["unsure"][need]),
                    )
                )
            parts.append(f"<li>{line}</li>")
        parts.append("</ul>")
        if any(not any(c in o["services"] for o in self.orgs) for _l, c in NEEDS.values()):
            name = directory.country_label(self.country, lang)
            parts.append(f"<h3>{esc(t('Where the social map has nobody for a need', lang))}</h3>")
            parts.append(self._where_to_look(name))
        plan = [p for p in self.case["questions"].get("plan_items", []) if p["appropriate"]]
        if plan:
            parts.append(f"<h3>{esc(t('What the plan for this person asks for', lang))}</h3><ul>")
            parts += [
                f"<li>{esc(loc(p['label'], lang))} <em>({esc(t(PLAN_AREAS[p['area']], lang))})</em></li>"
                for p in plan
            ]
            parts.append("</ul>")
        parts.append(
            status(
                t(
                    "There is no single right referral, so there are no points. A referral needs the "
                    "person's informed agreement, and the receiving organisation should be arranged "
                    "before departure.",
                    lang,
                ),
                "ok",
            )
        )
        self.feedback.value = "".join(parts)


# -- the kind ------------------------------------------------------------------------------


def applies(case: Case) -> bool:
    """Offered when the case names the person's country of return (a referral with the social map)."""
    return bool(case.get("person", {}).get("return_country"))


def result(case: Case, answer: Answer, context: Context) -> Result:
    return referral_result(case, answer, context.organisations)


def room(case: Case, answers: list[Answer], lang: str, context: Context) -> list[Group]:
    """How many chose each organisation (for any need), and how many covered each need."""
    orgs = context.organisations
    total = len(answers)
    chosen = Counter(i for p in answers for i in {x for ids in p.get("choices", {}).values() for x in ids})
    covered = Counter(
        n for p in answers for n, ids in referral_result(case, p, orgs)["covered"].items() if ids
    )
    return [
        {
            "title": t("Organisations chosen (for any need)", lang),
            "bars": [
                bar(o["name"], chosen[o["id"]], total)
                for o in directory.in_country(case["person"].get("return_country") or "", orgs)
            ],
        },
        {
            "title": t("Needs covered by the chosen organisations", lang),
            "bars": [bar(t(label, lang), covered[need], total) for need, (label, _code) in NEEDS.items()],
        },
    ]


KIND = Kind(
    name="referral",
    title=Referral.title_msgid,
    widget=Referral,
    applies=applies,
    result=result,
    room=room,
)
