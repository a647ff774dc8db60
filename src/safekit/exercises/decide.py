"""Decide: a short branching scenario. Each choice shows its consequence and feedback, and
leads to the next decision or ends the scenario."""

from __future__ import annotations

from collections import Counter
from typing import TypedDict

import ipywidgets as w

from safekit.core.catalogue import Catalogue
from safekit.core.i18n import N_
from safekit.core.shapes import Answer, Case, DecisionStep, Option
from safekit.core.vocab import VERDICTS
from safekit.exercises.base import Exercise
from safekit.exercises.kind import Context, Group, Kind, Result, bar
from safekit.ui import button, esc, html_block, loc, status, t


class Choice(TypedDict):
    """One choice on the participant's path: the step and the option chosen there."""

    step: str
    option: str


def _next(steps: dict[str, DecisionStep], option: Option) -> DecisionStep | None:
    """The step an option leads to; ``None`` when it ends the scenario."""
    target = option.get("next")
    return steps.get(target) if target else None


def decide_result(case: Case, path: list[Choice]) -> Result:
    steps = {s["id"]: s for s in case["questions"]["decide"]}
    points, maximum, unsafe = 0, 0, 0
    for choice in path:
        step = steps.get(choice["step"])
        if not step:
            continue
        opt = next((o for o in step["options"] if o["id"] == choice["option"]), None)
        if opt:
            points += opt["points"]
            unsafe += opt["verdict"] == "unsafe"
    # the maximum is the best path from the first step
    step = case["questions"]["decide"][0]
    seen = set()
    while step and step["id"] not in seen:
        seen.add(step["id"])
        best = max(step["options"], key=lambda o: o["points"])
        maximum += best["points"]
        step = _next(steps, best)
    return {"points": points, "max": maximum, "unsafe": unsafe, "finished": bool(path) and _ends(case, path)}


def _ends(case: Case, path: list[Choice]) -> bool:
    steps = {s["id"]: s for s in case["questions"]["decide"]}
    last = path[-1]
    opt = next((o for o in steps[last["step"]]["options"] if o["id"] == last["option"]), None)
    return opt is not None and not opt.get("next")


class Decide(Exercise):
    kind = "decide"
    title_msgid = N_("Decide")

    def build(self) -> w.Widget:
        self.steps = {s["id"]: s for s in self.case["questions"]["decide"]}
        self.path: list[Choice] = []
        self.box = w.VBox()
        self.restart = button(t("Start again", self.lang), "sk-secondary")
        self.restart.on_click(lambda _b: self._reset())
        self._render()
        return w.VBox([self.box, self.restart])

    def _reset(self) -> None:
        self.path = []
        self.save()
        self._render()

    def choose(self, option_id: str) -> None:
        """Choose an option at the current step (what a tap on its button does)."""
        step = self.current_step()
        if step is None:
            return
        opt = next(o for o in step["options"] if o["id"] == option_id)
        self.path.append({"step": step["id"], "option": opt["id"]})
        self.save()
        self._render()

    def current_step(self) -> DecisionStep | None:
        if not self.path:
            return self.case["questions"]["decide"][0]
        last = self.path[-1]
        opt = next(o for o in self.steps[last["step"]]["options"] if o["id"] == last["option"])
        return _next(self.steps, opt)

    def _render(self) -> None:
        lang = self.lang
        children: list[w.Widget] = []
        for choice in self.path:
            step = self.steps[choice["step"]]
            opt = next(o for o in step["options"] if o["id"] == choice["option"])
            verdict = t(VERDICTS[opt["verdict"]], lang)
            n = opt["points"]
            points = t("1 point", lang) if n == 1 else t("{n} points", lang, n=n)
            fb = (
                f"<p class='sk-verdict sk-{opt['verdict']}'><strong>{esc(verdict)}</strong> "
                f"· {esc(points)}</p><p>{esc(loc(opt['feedback'], lang))}</p>"
                if self.show_feedback
                else ""
            )
            children.append(
                html_block(
                    f"<div class='sk-step-done'><p class='sk-prompt'>{esc(loc(step['prompt'], lang))}</p>"
                    f"<p class='sk-chosen'>➜ {esc(loc(opt['label'], lang))}</p>"
                    f"<p class='sk-consequence'>{esc(loc(opt['consequence'], lang))}</p>{fb}</div>"
                )
            )
        current = self.current_step()
        if current is not None:
            children.append(
                html_block(f"<p class='sk-prompt'><strong>{esc(loc(current['prompt'], lang))}</strong></p>")
            )
            for opt in current["options"]:
                b = button(loc(opt["label"], lang), "sk-option")
                b.on_click(lambda _b, oid=opt["id"]: self.choose(oid))
                children.append(b)
        elif self.show_feedback:
            r = decide_result(self.case, self.path)
            children.append(
                html_block(
                    status(
                        t(
                            "End of the scenario: {points} of {max} points.",
                            lang,
                            points=r["points"],
                            max=r["max"],
                        ),
                        "ok",
                    )
                )
            )
        else:
            children.append(html_block(status(t("Your answer is saved.", lang), "ok")))
        self.box.children = children
        self.restart.layout.display = None if self.path else "none"

    def answer(self) -> Answer:
        return {"path": list(self.path)}

    def restore(self, answer: Answer) -> None:
        valid: list[Choice] = []
        for choice in answer.get("path", []):
            step = self.steps.get(choice.get("step"))
            if step and any(o["id"] == choice.get("option") for o in step["options"]):
                valid.append({"step": choice["step"], "option": choice["option"]})
        self.path = valid
        self._render()

    def score(self) -> Result:
        r = decide_result(self.case, self.path)
        return {"points": r["points"], "max": r["max"]}


# -- the kind ------------------------------------------------------------------------------


def answered(answer: Answer) -> bool:
    """A scenario is answered once a first choice is made."""
    return bool(answer.get("path"))


def result(case: Case, answer: Answer, _context: Context) -> Result:
    return decide_result(case, answer.get("path", []))


def room(case: Case, answers: list[Answer], lang: str, _context: Context) -> list[Group]:
    """Per step, how many of those who reached it chose each option."""
    groups: list[Group] = []
    for step in case["questions"]["decide"]:
        choices = Counter(c["option"] for p in answers for c in p.get("path", []) if c["step"] == step["id"])
        reached = sum(choices.values())
        groups.append(
            {
                "title": loc(step["prompt"], lang),
                "bars": [
                    bar(
                        loc(o["label"], lang),
                        choices[o["id"]],
                        reached,
                        o["verdict"] == "good",
                        tag=t(VERDICTS[o["verdict"]], lang),
                        tone=o["verdict"],
                    )
                    for o in step["options"]
                ],
            }
        )
    return groups


def grade_points(case: Case, answer: Answer, _catalogue: Catalogue | None = None) -> Result:
    """An assessment asks only for the first step: its points; an unsafe step earns nothing."""
    step = case["questions"]["decide"][0]
    best = max(o["points"] for o in step["options"])
    chosen = next((o for o in step["options"] if o["id"] == answer.get("option")), None)
    points = 0 if chosen is None or chosen["verdict"] == "unsafe" else chosen["points"]
    return {"points": points, "max": best, "unsafe": bool(chosen and chosen["verdict"] == "unsafe")}


KIND = Kind(
    name="decide",
    title=Decide.title_msgid,
    widget=Decide,
    answered=answered,
    result=result,
    room=room,
    grade=grade_points,
)
