"""Spot the signals: mark the passages that worry you and tag each with an indicator.

The story is shown stage by stage; every sentence is a large toggle. A sentence is one of three
kinds: a **signal** (it holds an evidence passage; finding it scores), a **distractor** (it holds
a passage the author declared as looking like a signal but not being one here; marking it is
over-reading, and costs a point in an assessment), or **neutral** (everything else: marking it
is not in this case's key, is worth discussing, and never costs a point). Feedback shows the
signals found and missed, the distractors marked and the neutral sentences marked, each with the
case's explanation, and what the ILO/EC rule makes of the participant's own tags.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict, cast

import ipywidgets as w

from safekit.core.catalogue import Catalogue
from safekit.core.i18n import N_
from safekit.core.rule import evaluate
from safekit.core.shapes import Answer, Case, Distractor, Evidence
from safekit.core.text import SENTENCE
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Context, Group, Kind, Result, bar
from safekit.ui import button, esc, heading, html_block, loc, status, t, toggle


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


@dataclass(frozen=True)
class Sentence:
    stage: str
    index: int
    text: str
    start: int
    end: int


class Mark(TypedDict):
    """A sentence the participant marked, with the indicators they tagged it with (a slot
    being filled in holds ``None`` until an indicator is picked)."""

    stage: str
    sentence: int
    indicators: list[str | None]


class OverRead(TypedDict):
    """A marked sentence that holds no signal but a distractor: over-reading."""

    stage: str
    sentence: int
    distractor: str


class Neutral(TypedDict):
    """A marked sentence that holds neither a signal nor a distractor: never scored."""

    stage: str
    sentence: int


Spans = dict[str, tuple[str, int, int]]  # item id -> (stage, start, end)


def sentences(case: Case, lang: str) -> list[Sentence]:
    out: list[Sentence] = []
    for stage in case["stages"]:
        text = _norm(loc(stage["text"], lang))
        for i, m in enumerate(m for m in SENTENCE.finditer(text) if m.group(0).strip()):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            out.append(Sentence(stage["id"], i, m.group(0).strip(), start, m.end()))
    return out


def item_spans(case: Case, lang: str) -> Spans:
    """Where each evidence and distractor passage sits: id -> (stage, start, end)."""
    spans: Spans = {}
    stages = {s["id"]: _norm(loc(s["text"], lang)) for s in case["stages"]}
    items: list[Evidence | Distractor] = [*case["evidence"], *case.get("distractors", [])]
    for item in items:
        text = stages.get(item["stage"], "")
        passage = _norm(loc(item["passage"], lang))
        at = text.find(passage)
        if at >= 0:
            spans[item["id"]] = (item["stage"], at, at + len(passage))
    return spans


def covered_items(case: Case, lang: str, sentence: Sentence, spans: Spans | None = None) -> list[str]:
    spans = item_spans(case, lang) if spans is None else spans
    return [
        item_id
        for item_id, (stage, a, b) in spans.items()
        if stage == sentence.stage and a < sentence.end and sentence.start < b
    ]


RANK = ["exact", "dimension", "other", "untagged"]


def mark_tags(mark: Mark) -> list[str]:
    return [i for i in mark.get("indicators", []) if i]


def accepted(item: Evidence) -> list[str]:
    """The indicators that are right for a signal: its own, then the acceptable alternatives."""
    return [item["indicator"], *item.get("also", [])]


def _tag_quality(catalogue: Catalogue, want: list[str], tags: list[str]) -> str:
    if any(w in tags for w in want):
        return "exact"
    dims = {catalogue.indicators[i].dimension for i in tags if i in catalogue.indicators}
    if any(catalogue.indicators[w].dimension in dims for w in want if w in catalogue.indicators):
        return "dimension"
    return "other" if tags else "untagged"


def spot_result(case: Case, catalogue: Catalogue, marks: list[Mark], lang: str) -> Result:
    """Score a Spot answer. ``marks``: [{stage, sentence, indicators}] in ``lang``'s sentences.

    Returns found/missed evidence ids, tag quality per found item, the distractors marked
    (``over_read``), the neutral sentences marked (``neutral``, never scored), points, and the
    rule result over the participant's own tags.
    """
    sents = {(s.stage, s.index): s for s in sentences(case, lang)}
    evidence = {e["id"]: e for e in case["evidence"]}
    distractors = {d["id"] for d in case.get("distractors", [])}
    spans = item_spans(case, lang)
    found: dict[str, str] = {}
    over: list[OverRead] = []
    neutral: list[Neutral] = []
    for mark in marks:
        sent = sents.get((mark["stage"], mark["sentence"]))
        if sent is None:
            continue
        items = covered_items(case, lang, sent, spans)
        ev = [i for i in items if i in evidence]
        if not ev:
            distractor = next((i for i in items if i in distractors), None)
            if distractor is None:
                neutral.append({"stage": mark["stage"], "sentence": mark["sentence"]})
            else:
                over.append({"stage": mark["stage"], "sentence": mark["sentence"], "distractor": distractor})
        for item_id in ev:
            quality = _tag_quality(catalogue, accepted(evidence[item_id]), mark_tags(mark))
            if item_id not in found or RANK.index(quality) < RANK.index(found[item_id]):
                found[item_id] = quality
    missed = [i for i in evidence if i not in found]
    points = sum(evidence[i].get("points", 1) for i, q in found.items() if q in ("exact", "dimension"))
    maximum = sum(e.get("points", 1) for e in evidence.values())
    tags = [i for m in marks for i in mark_tags(m) if i in catalogue.indicators]
    rule = evaluate(tags, case["delphi_set"], catalogue)
    return {
        "found": found,
        "missed": missed,
        "over_read": over,
        "neutral": neutral,
        "points": points,
        "max": maximum,
        "rule": rule,
    }


QUALITY = {
    "exact": N_("right indicator"),
    "dimension": N_("right dimension, another indicator: {label}"),
    "other": N_("you tagged it as: {label}"),
    "untagged": N_("not tagged yet"),
}


class Spot(Exercise):
    kind = "spot"
    title_msgid = N_("Spot the signals")

    def build(self) -> w.Widget:
        self.marks: dict[tuple[str, int], Mark] = {}
        self.revealed = 1
        self.sents = sentences(self.case, self.lang)
        self.stage_boxes: list[w.VBox] = []
        self.sentence_rows: dict[tuple[str, int], w.VBox] = {}
        self.toggles: dict[tuple[str, int], w.ToggleButton] = {}
        self.options = self._indicator_options()
        lang = self.lang
        if self.show_feedback:
            how = t(
                "Tap each sentence that worries you, then choose the signal it shows. "
                "You can change your choices until you check them.",
                lang,
            )
        else:  # nothing to check: every choice is saved as it is made
            how = t("Tap each sentence that worries you, then choose the signal it shows.", lang)
        intro = html_block(f"<p>{esc(how)}</p>", "sk-instructions")
        for stage in self.case["stages"]:
            rows = []
            for s in (s for s in self.sents if s.stage == stage["id"]):
                tg = toggle(s.text, False, "sk-passage")
                tg.observe(self._on_toggle(s), "value")
                row = w.VBox([tg])
                row.add_class("sk-passage-row")
                self.toggles[(s.stage, s.index)] = tg
                self.sentence_rows[(s.stage, s.index)] = row
                rows.append(row)
            box = w.VBox([heading(loc(stage["title"], lang), 3), *rows])
            box.add_class("sk-stage")
            self.stage_boxes.append(box)
        self.next_stage = button(t("Show what happens next", lang), "sk-secondary")
        self.next_stage.on_click(lambda _b: self._reveal(self.revealed + 1))
        self.check_button = self.make_check_button(t("Check my signals", lang))
        self.stages_box = w.VBox()
        self.actions = w.HBox([self.next_stage, self.check_button])
        self.actions.add_class("sk-actions")
        self.checked = False
        self._refresh_stages()
        return w.VBox([intro, self.stages_box, self.actions])

    # -- options ---------------------------------------------------------------------------
    def _indicator_options(self) -> dict[str, str]:
        """Searchable labels, grouped by dimension: 'Dimension · indicator' -> id."""
        cat, lang, set_id = self.catalogue, self.lang, self.case["delphi_set"]
        options = {}
        for dim in cat.dimensions:
            for ind in cat.in_dimension(dim):
                if set_id in ind.weights:
                    options[f"{cat.label(dim, lang)} · {cat.label(ind.id, lang)}"] = ind.id
        return options

    def _label_for(self, indicator_id: str | None) -> str:
        return next((k for k, v in self.options.items() if v == indicator_id), "")

    # -- interaction -----------------------------------------------------------------------
    def _on_toggle(self, s: Sentence) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            key = (s.stage, s.index)
            if change["new"]:
                self.marks.setdefault(key, {"stage": s.stage, "sentence": s.index, "indicators": []})
                self._render_taggers(key)
            else:
                self.marks.pop(key, None)
                self.sentence_rows[key].children = (self.toggles[key],)
            self.save()

        return handler

    def _render_taggers(self, key: tuple[str, int]) -> None:
        tags = self.marks[key]["indicators"]
        combos = []
        for i in range(len(tags) + 1 if tags and tags[-1] else max(1, len(tags))):
            combo = w.Combobox(
                options=list(self.options),
                placeholder=t("Type to search a signal…", self.lang),
                ensure_option=True,
                value=self._label_for(tags[i]) if i < len(tags) else "",
                description=t("Signal", self.lang),
            )
            combo.add_class("sk-tagger")
            combo.observe(self._on_pick(key, i), "value")
            combos.append(combo)
        self.sentence_rows[key].children = (self.toggles[key], *combos)

    def _on_pick(self, key: tuple[str, int], slot: int) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            ind = self.options.get(change["new"])
            if not ind and change["new"]:
                return  # still typing
            tags = self.marks[key]["indicators"]
            while len(tags) <= slot:
                tags.append(None)
            tags[slot] = ind
            self.marks[key]["indicators"] = [x for x in tags if x] if not ind else tags
            self.save()
            if ind and slot == len(self.sentence_rows[key].children) - 2:
                self._render_taggers(key)  # offer one more slot for a second signal

        return handler

    def tag(self, stage: str, index: int, *indicators: str) -> None:
        """Mark a sentence and tag it with indicators (what a participant does with taps)."""
        key = (stage, index)
        stage_no = next(i for i, st in enumerate(self.case["stages"]) if st["id"] == stage) + 1
        if stage_no > self.revealed:
            self._reveal(stage_no)
        self.toggles[key].value = True
        for ind in indicators:
            combo = self.sentence_rows[key].children[-1]
            combo.value = self._label_for(ind)

    def _reveal(self, n: int) -> None:
        self.revealed = max(1, min(n, len(self.stage_boxes)))
        self._refresh_stages()
        self.save()

    def _refresh_stages(self) -> None:
        self.stages_box.children = self.stage_boxes[: self.revealed]
        self.next_stage.layout.display = None if self.revealed < len(self.stage_boxes) else "none"

    def check(self) -> None:
        if self.revealed < len(self.stage_boxes):
            self._reveal(len(self.stage_boxes))
        super().check()

    # -- answer ----------------------------------------------------------------------------
    def answer(self) -> Answer:
        return {
            "lang": self.lang,
            "marks": list(self.marks.values()),
            "revealed": self.revealed,
            "checked": self.checked,
        }

    def restore(self, answer: Answer) -> None:
        marks = answer.get("marks", [])
        if answer.get("lang", self.lang) != self.lang:
            marks = translate_marks(self.case, marks, answer["lang"], self.lang)
        self.revealed = max(1, int(answer.get("revealed", 1)))
        self._refresh_stages()
        for m in marks:
            key = (m["stage"], m["sentence"])
            if key in self.toggles:
                self.tag(m["stage"], m["sentence"], *mark_tags(m))
        self.checked = bool(answer.get("checked"))
        if self.checked:
            self.render_feedback()

    def result(self) -> Result:
        return spot_result(self.case, self.catalogue, list(self.marks.values()), self.lang)

    def score(self) -> dict[str, Any]:
        r = self.result()
        return {"points": r["points"], "max": r["max"]}

    def render_feedback(self) -> None:
        if not self.show_feedback:
            self.feedback.value = status(t("Your answer is saved.", self.lang), "ok")
            return
        self.feedback.value = spot_feedback_html(self.case, self.catalogue, self.result(), self.lang)


def spot_feedback_html(case: Case, catalogue: Catalogue, result: Result, lang: str) -> str:
    ev = {e["id"]: e for e in case["evidence"]}
    dis = {d["id"]: d for d in case.get("distractors", [])}
    parts = [
        f"<h3>{esc(t('Your signals', lang))}</h3>",
        f"<p class='sk-score'>{esc(t('{found} of {total} signals found', lang, found=len(result['found']), total=len(ev)))}</p>",
    ]
    if result["found"]:
        parts.append(f"<h4>{esc(t('Found', lang))}</h4><ul class='sk-found'>")
        for item_id, quality in result["found"].items():
            e = ev[item_id]
            note = t(QUALITY[quality], lang, label=catalogue.label(e["indicator"], lang))
            parts.append(
                f"<li><q>{esc(loc(e['passage'], lang))}</q> — <strong>{esc(catalogue.label(e['indicator'], lang))}</strong>"
                f" <span class='sk-tag sk-{quality}'>{esc(note)}</span><br>{esc(loc(e['explanation'], lang))}</li>"
            )
        parts.append("</ul>")
    if result["missed"]:
        parts.append(f"<h4>{esc(t('Missed', lang))}</h4><ul class='sk-missed'>")
        for item_id in result["missed"]:
            e = ev[item_id]
            key = f" <span class='sk-tag sk-key'>{esc(t('key signal', lang))}</span>" if e.get("key") else ""
            parts.append(
                f"<li><q>{esc(loc(e['passage'], lang))}</q> — <strong>{esc(catalogue.label(e['indicator'], lang))}</strong>"
                f"{key}<br>{esc(loc(e['explanation'], lang))}</li>"
            )
        parts.append("</ul>")
    sents = {(s.stage, s.index): s.text for s in sentences(case, lang)}
    if result["over_read"]:
        parts.append(f"<h4>{esc(t('Marked, but not a signal on its own', lang))}</h4><ul class='sk-over'>")
        for o in result["over_read"]:
            why = loc(dis[o["distractor"]]["explanation"], lang)
            parts.append(f"<li><q>{esc(sents.get((o['stage'], o['sentence']), ''))}</q><br>{esc(why)}</li>")
        parts.append("</ul>")
    if result.get("neutral"):
        parts.append(f"<h4>{esc(t('Marked, and worth discussing', lang))}</h4><ul class='sk-neutral'>")
        why = t(
            "This sentence is not in this case's key, and marking it costs nothing. Discuss in the "
            "debrief what made it stand out for you.",
            lang,
        )
        for n in result["neutral"]:
            parts.append(f"<li><q>{esc(sents.get((n['stage'], n['sentence']), ''))}</q><br>{esc(why)}</li>")
        parts.append("</ul>")
    parts.append(f"<h4>{esc(t('What the ILO/EC rule makes of your signals', lang))}</h4><ul class='sk-rule'>")
    parts += [f"<li>{esc(line)}</li>" for line in result["rule"].explain(lang, catalogue)]
    parts.append("</ul>")
    return "".join(parts)


def translate_marks(case: Case, marks: list[Mark], src: str, dst: str) -> list[Mark]:
    """Carry marks over when the participant switches language: sentences that hold a passage
    map to the sentence holding the same passage; others map by position in the stage."""
    src_sents = {(s.stage, s.index): s for s in sentences(case, src)}
    dst_sents = sentences(case, dst)
    dst_spans = item_spans(case, dst)
    src_spans = item_spans(case, src)
    out: list[Mark] = []
    seen: set[tuple[str, int]] = set()
    for m in marks:
        s = src_sents.get((m["stage"], m["sentence"]))
        if s is None:
            continue
        items = covered_items(case, src, s, src_spans)
        target: Sentence | None = None
        for item in items:
            if item in dst_spans:
                stage, a, _b = dst_spans[item]
                target = next((d for d in dst_sents if d.stage == stage and d.start <= a < d.end), None)
                if target:
                    break
        if target is None:
            in_src = [x for x in src_sents.values() if x.stage == s.stage]
            in_dst = [x for x in dst_sents if x.stage == s.stage]
            if in_dst:
                target = in_dst[min(len(in_dst) - 1, round(s.index * len(in_dst) / max(1, len(in_src))))]
        if target and (target.stage, target.index) not in seen:
            seen.add((target.stage, target.index))
            out.append({"stage": target.stage, "sentence": target.index, "indicators": [*mark_tags(m)]})
    return out


# -- the kind ------------------------------------------------------------------------------

OVER_READ_PENALTY = 1  # in an assessment, each distractor marked costs a point; neutral sentences never do


def result(case: Case, answer: Answer, context: Context) -> Result:
    return spot_result(case, context.catalogue, answer.get("marks", []), answer.get("lang", "en"))


def room(case: Case, answers: list[Answer], lang: str, context: Context) -> list[Group]:
    """How many found each signal, and how many marked each distractor."""
    cat, total = context.catalogue, len(answers)
    found: Counter[str] = Counter()
    over: Counter[str] = Counter()
    for p in answers:
        r = spot_result(case, cat, p.get("marks", []), p.get("lang", lang))
        found.update(r["found"].keys())
        over.update(o["distractor"] for o in r["over_read"])
    key = {"tag": t("key signal", lang), "tone": "key"}
    groups: list[Group] = [
        {
            "title": t("Signals spotted", lang),
            "bars": [
                bar(
                    f"{cat.label(e['indicator'], lang)} — “{loc(e['passage'], lang)}”",
                    found[e["id"]],
                    total,
                    True,
                    **(key if e.get("key") else {}),
                )
                for e in case["evidence"]
            ],
        }
    ]
    if case.get("distractors"):
        groups.append(
            {
                "title": t("Marked, but not a signal on its own", lang),
                "bars": [
                    bar(f"“{loc(d['passage'], lang)}”", over[d["id"]], total, False)
                    for d in case["distractors"]
                ],
            }
        )
    return groups


def grade_points(case: Case, answer: Answer, catalogue: Catalogue) -> Result:
    """An assessment's score: each signal found (tagged with an accepted indicator or one of
    their dimensions) earns its points; each distractor marked costs ``OVER_READ_PENALTY``;
    a neutral sentence marked changes nothing; never below zero."""
    # a saved answer is JSON: keep the marks that name a sentence
    marks = cast(
        list[Mark],
        [m for m in answer.get("marks", []) if isinstance(m, dict) and "stage" in m and "sentence" in m],
    )
    lang: str = answer["lang"] if answer.get("lang") in case["title"] else "en"
    r = spot_result(case, catalogue, marks, lang)
    found = {i for i, q in r["found"].items() if q in ("exact", "dimension")}
    return {
        "points": max(0, r["points"] - OVER_READ_PENALTY * len(r["over_read"])),
        "max": r["max"],
        "signals": {e["indicator"]: int(e["id"] in found) for e in case["evidence"]},
        "over_read": len(r["over_read"]),
    }


KIND = Kind(
    name="spot",
    title=Spot.title_msgid,
    widget=Spot,
    result=result,
    room=room,
    grade=grade_points,
)
