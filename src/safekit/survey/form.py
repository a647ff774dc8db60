"""A questionnaire as a touch-friendly form in the participant app, saving at every change.

Built from the plain questionnaire data in the course bundle (no pydantic in the kernel).
Knowledge checks give no right/wrong feedback until the check after the workshop is submitted;
then the participant alone sees their own result before and after, with the explanations.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from safekit.survey.scoring import LIKERT_POINTS, OTHER, SURVEY_CASE, form_keys, score, split_key, submitted
from safekit.ui import (
    SaveFn,
    button,
    esc,
    heading,
    html_block,
    loc,
    paragraphs,
    status,
    t,
    toggle,
)


def form_title(q: dict, key: str, lang: str) -> str:
    phase = key.rpartition("-")[2] if q.get("paired") else ""
    title = loc(q["title"], lang)
    if phase == "pre":
        return t("{title}: before the workshop", lang, title=title)
    if phase == "post":
        return t("{title}: after the workshop", lang, title=title)
    return title


class QuestionnaireForm:
    """One form: ``answer()`` is what is stored; ``restore()`` puts a stored answer back."""

    def __init__(
        self,
        q: dict,
        key: str,
        lang: str,
        save: SaveFn | None = None,
        answer: dict | None = None,
        pre: dict | None = None,
    ):
        self.q, self.key, self.lang, self._save, self.pre = q, key, lang, save, pre
        self.phase = key.rpartition("-")[2] if q.get("paired") else ""
        self.submitted = False
        self._restoring = False
        self.inputs: dict[str, Any] = {}
        self.others: dict[str, w.Text] = {}
        self.status = html_block("")
        self.result = html_block("", "sk-feedback")
        self.submit_button = button(t("Submit", lang), "sk-primary")
        self.submit_button.on_click(lambda _b: self.submit())
        parts = [html_block(paragraphs(loc(q["intro"], lang)), "sk-survey-intro")]
        for n, item in enumerate(q["questions"], start=1):
            parts.append(self._question(n, item))
        self.widget = w.VBox([*parts, self.submit_button, self.status, self.result])
        self.widget.add_class("sk-survey")
        if answer:
            self.restore(answer)

    # -- building --------------------------------------------------------------------------
    def _question(self, n: int, item: dict) -> w.Widget:
        lang, kind = self.lang, item["type"]
        prompt = f"<p class='sk-prompt'><strong>{n}. {esc(loc(item['prompt'], lang))}</strong></p>"
        if item.get("help"):
            prompt += f"<p class='sk-hint'>{esc(loc(item['help'], lang))}</p>"
        children: list[w.Widget] = [html_block(prompt)]
        if kind == "likert":
            scale = self.q["scales"][item["scale"]]
            low, high = loc(scale["low"], lang), loc(scale["high"], lang)
            field = w.ToggleButtons(
                options=[(str(p), p) for p in LIKERT_POINTS],
                value=None,
                tooltips=[f"1: {low}", "2", "3", "4", f"5: {high}"],
            )
            field.add_class("sk-likert")
            children.append(html_block(f"<p class='sk-scale'>1 = {esc(low)} · 5 = {esc(high)}</p>"))
        elif kind == "single":
            options = [(loc(o["label"], lang), o["id"]) for o in item["options"]]
            if item.get("other"):
                options.append((t("Other", lang), OTHER))
            field = w.ToggleButtons(options=options, value=None, tooltips=[label for label, _ in options])
            field.add_class("sk-survey-choices")
        elif kind == "multiple":
            toggles = {o["id"]: toggle(loc(o["label"], lang), False, "sk-choice") for o in item["options"]}
            if item.get("other"):
                toggles[OTHER] = toggle(t("Other", lang), False, "sk-choice")
            field = toggles
            box = w.VBox(list(toggles.values()))
            box.add_class("sk-survey-choices")
            children.append(box)
        else:
            field = w.Textarea(
                placeholder=t("Your answer", lang),
                continuous_update=False,
                rows=4,
                layout=w.Layout(width="100%"),
            )
            field.add_class("sk-note")
        self.inputs[item["id"]] = field
        if kind in ("likert", "single", "text"):
            children.append(field)
            field.observe(lambda _c, i=item["id"]: self._changed(i), "value")
        else:
            for tg in field.values():
                tg.observe(lambda _c, i=item["id"]: self._changed(i), "value")
        if item.get("other"):
            other = w.Text(placeholder=t("In your own words", lang), continuous_update=False)
            other.add_class("sk-other")
            other.layout.display = "none"
            other.observe(lambda _c: self._changed(None), "value")
            self.others[item["id"]] = other
            children.append(other)
        box = w.VBox(children)
        box.add_class("sk-question")
        return box

    def _changed(self, qid: str | None) -> None:
        if qid in self.others:
            self.others[qid].layout.display = None if self._chose_other(qid) else "none"
        self.save()

    def _chose_other(self, qid: str) -> bool:
        value = self.value(qid)
        return value == OTHER or (isinstance(value, list) and OTHER in value)

    # -- state -----------------------------------------------------------------------------
    def value(self, qid: str) -> Any:
        field = self.inputs[qid]
        if isinstance(field, dict):
            return [k for k, tg in field.items() if tg.value]
        if isinstance(field, w.Textarea):
            return field.value
        return field.value

    def answer(self) -> dict[str, Any]:
        answers = {}
        for qid in self.inputs:
            value = self.value(qid)
            if value not in (None, "", []) and not (isinstance(value, str) and not value.strip()):
                answers[qid] = value
        other = {q: box.value for q, box in self.others.items() if box.value.strip() and self._chose_other(q)}
        return {"answers": answers, "other": other, "submitted": self.submitted, "lang": self.lang}

    def restore(self, answer: dict[str, Any]) -> None:
        self._restoring = True
        try:
            answers = answer.get("answers", {})
            for qid, field in self.inputs.items():
                value = answers.get(qid)
                if isinstance(field, dict):
                    for k, tg in field.items():
                        tg.value = isinstance(value, list) and k in value
                elif isinstance(field, w.Textarea):
                    field.value = value if isinstance(value, str) else ""
                else:
                    known = [v for _label, v in field.options]
                    field.value = value if value in known else None
            for qid, box in self.others.items():
                box.value = answer.get("other", {}).get(qid, "")
                box.layout.display = None if self._chose_other(qid) else "none"
            self.submitted = bool(answer.get("submitted"))
        finally:
            self._restoring = False
        self._render_submitted()

    def save(self) -> None:
        if self._save is not None and not self._restoring:
            self._save(self.answer())

    def submit(self) -> None:
        """Mark the form done and save it; a knowledge check is then closed."""
        self.submitted = True
        self.save()
        self._render_submitted()

    # -- after submitting ------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.submitted and bool(self.q.get("scored"))

    def _render_submitted(self) -> None:
        lang = self.lang
        for field in self.inputs.values():
            for widget in field.values() if isinstance(field, dict) else [field]:
                widget.disabled = self.locked
        for box in self.others.values():
            box.disabled = self.locked
        self.submit_button.layout.display = "none" if self.locked else None
        if not self.submitted:
            self.status.value, self.result.value = "", ""
            return
        if self.phase == "pre":
            msg = t("Thank you. You will see how you did after the check at the end of the workshop.", lang)
        elif self.phase == "post":
            msg = t("Thank you. Here is how you did, before and after. Only you see this.", lang)
            self.result.value = knowledge_result(self.q, self.pre, self.answer(), lang)
        else:
            msg = t(
                "Thank you, your answers are sent. You can still change them; changes are saved at once.",
                lang,
            )
        self.status.value = status(msg, "ok")


def knowledge_result(q: dict, pre: dict | None, post: dict, lang: str) -> str:
    """The participant's own result per item, before (if taken) and after, as HTML."""
    before = score(q, pre) if submitted(pre) else None
    after = score(q, post)
    total = len(after)
    head = t("After the workshop: {n} of {total} right.", lang, n=sum(after.values()), total=total)
    if before is not None:
        head = (
            t("Before the workshop: {n} of {total} right.", lang, n=sum(before.values()), total=total)
            + " "
            + head
        )
    parts = [
        f"<h3>{esc(t('Your result', lang))}</h3><p><strong>{esc(head)}</strong></p><ul class='sk-knowledge'>"
    ]
    mark = {True: "✓", False: "✗"}
    for item in q["questions"]:
        if not item.get("correct"):
            continue
        right = ", ".join(loc(o["label"], lang) for o in item["options"] if o["id"] in item["correct"])
        line = t("After: {mark}", lang, mark=mark[after[item["id"]]])
        if before is not None:
            line = t("Before: {mark}", lang, mark=mark[before[item["id"]]]) + " · " + line
        parts.append(
            f"<li><p><strong>{esc(loc(item['prompt'], lang))}</strong></p>"
            f"<p>{esc(t('Right answer: {answer}', lang, answer=right))}</p>"
            f"<p>{esc(line)}</p><p>{esc(loc(item.get('explanation'), lang))}</p></li>"
        )
    parts.append("</ul>")
    return "".join(parts)


# -- in the participant app --------------------------------------------------------------------
def _entries(app, when: str) -> list[tuple[dict, str]]:
    surveys = getattr(app.bundle, "surveys", None) or {}
    out = []
    for q in surveys.values():
        for key in form_keys(q):
            phase = key.rpartition("-")[2] if q.get("paired") else ""
            place = {"pre": "before", "post": "after"}.get(phase, q.get("when", "before"))
            if place == when:
                out.append((q, key))
    return sorted(out, key=lambda e: not e[0].get("paired"))  # the knowledge check first


def home_section(app, when: str) -> list[w.Widget]:
    """A heading and one card per form for the overview: ``when`` is "before" or "after"."""
    lang, entries = app.lang, _entries(app, when)
    if not entries:
        return []
    title = t("Before we start", lang) if when == "before" else t("After the workshop", lang)
    out: list[w.Widget] = [heading(title, 3)]
    for q, key in entries:
        done = submitted(app.answers.get((SURVEY_CASE, key)))
        closed = (
            key.endswith("-pre") and not done and submitted(app.answers.get((SURVEY_CASE, f"{q['id']}-post")))
        )
        label = form_title(q, key, lang)
        if done:
            label += f" ✓ {t('done', lang)}"
        elif closed:
            label += f" ({t('closed', lang)})"
        b = button(label, "sk-case-card", "sk-survey-card", *(["sk-done"] if done else []))
        b.disabled = closed
        b.on_click(lambda _b, k=key: show_survey(app, k))
        out.append(b)
    if when == "before":  # the modules follow on the overview
        out.append(heading(t("Cases", lang), 3))
    return out


def survey_keys(app) -> set[str]:
    surveys = getattr(app.bundle, "surveys", None) or {}
    return {key for q in surveys.values() for key in form_keys(q)}


def show_survey(app, key: str) -> QuestionnaireForm:
    """Show one form in the app's main area (cached per form and language)."""
    surveys = app.bundle.surveys
    base, phase = split_key(key, surveys)
    q, lang = surveys[base], app.lang
    app._chrome()
    cache = app.__dict__.setdefault("_survey_forms", {})
    form = cache.get((key, lang))
    saved = app.answers.get((SURVEY_CASE, key))
    pre = app.answers.get((SURVEY_CASE, f"{base}-pre")) if phase == "post" else None
    if form is None:
        form = cache[(key, lang)] = QuestionnaireForm(
            q,
            key,
            lang,
            save=lambda payload: app.save_answer(SURVEY_CASE, key, payload),
            answer=saved,
            pre=pre,
        )
    else:  # the same form in another language may have changed the answer meanwhile
        form.pre = pre
        form.restore(saved or {})
    back = button(t("Back to the overview", lang), "sk-secondary")
    back.on_click(lambda _b: app.show_home())
    app.main.children = [heading(form_title(q, key, lang)), form.widget, back]
    app._save_position(view="survey", survey=key)
    return form
