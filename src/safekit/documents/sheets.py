"""The two printed sheets of a case: what participants work on, and what the trainer keeps.

The participant sheet carries the story and the questions only: no signals, verdicts, points,
feedback or explanations, so it can be handed out before the exercise. The trainer sheet
carries everything the case file knows. Both return a complete, printable page, from the
templates ``participant.html.j2`` and ``trainer.html.j2``; :mod:`safekit.documents.handouts`
writes them, with their PDF.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.numbers import format_percent

from safekit.authoring.cases.model import Case
from safekit.core.catalogue import Catalogue
from safekit.core.i18n import DRAFT_NOTE, translate
from safekit.core.rule import CAVEATS, evaluate
from safekit.core.socialmap_vocab import country_name
from safekit.core.text import loc
from safekit.core.vocab import (
    AGE_GROUPS,
    AUDIENCES,
    FACTOR_KINDS,
    FORMS,
    GENDERS,
    MODULES,
    PALERMO,
    PLAN_AREAS,
    PLAN_LEVELS,
    REGIONS,
    RISK_LEVELS,
    SETTINGS,
    VERDICTS,
)
from safekit.templating import environment, render

__all__ = ["document", "document_macros", "loc", "participant_sheet", "trainer_sheet"]

LETTERS = string.ascii_uppercase


def document(name: str, **context: Any) -> str:
    """A printed document from the template ``name`` (see :mod:`safekit.templating`)."""
    return render(__package__, name, **{"drafts": DRAFTS, "draft_note": DRAFT_NOTE, **context})


# Languages whose texts no native professional has reviewed yet: their documents say so at the
# top. Set by whoever prints for a course (see mark_drafts).
DRAFTS: set[str] = set()


def mark_drafts(languages: Iterable[str]) -> None:
    """The languages whose printed documents carry the draft-translation note."""
    DRAFTS.clear()
    DRAFTS.update(languages)


def document_macros(name: str) -> Any:
    """The macros of the document template ``name``, to call from Python."""
    return environment(__package__).get_template(name).module


def _norm(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    return [_norm(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def percent(value: float, lang: str) -> str:
    """A percentage (0–100) as the language writes it (``56%``, ``56 %``); plain for a language
    Babel does not know."""
    try:
        return format_percent(value / 100, locale=lang)
    except (UnknownLocaleError, ValueError):
        return f"{value:g}%"


def moment(at: float, lang: str) -> str:
    """A time stamp (seconds) as the language writes a date and time; ISO for a language Babel
    does not know."""
    when = dt.datetime.fromtimestamp(at)
    try:
        return format_datetime(when, format="short", locale=lang)
    except (UnknownLocaleError, ValueError):
        return when.strftime("%Y-%m-%d %H:%M")


def _date(day: dt.date, lang: str) -> str:
    """A date as the language writes it; ISO for a language Babel does not know."""
    try:
        return format_date(day, format="long", locale=lang)
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def _basic_meta(case: Case, lang: str) -> list[tuple[str, str]]:
    return [
        (translate("Module", lang), translate(MODULES[case.module], lang)),
        (translate("Setting", lang), translate(SETTINGS[case.setting], lang)),
    ]


# -- participant sheet --------------------------------------------------------------------


def participant_sheet(case: Case, lang: str) -> str:
    q = case.questions
    return document(
        "participant.html.j2",
        lang=lang,
        title=loc(case.title, lang),
        meta=_basic_meta(case, lang),
        stages=[
            {"title": loc(s.title, lang), "paragraphs": _paragraphs(loc(s.text, lang))} for s in case.stages
        ],
        forms=list(FORMS.values()),
        palermo=list(PALERMO.values()),
        steps=[
            {"prompt": loc(step.prompt, lang), "options": [loc(o.label, lang) for o in step.options]}
            for step in q.decide
        ],
        letters=LETTERS,
        factors=_grouped(RISK_LEVELS, [(f.level, loc(f.label, lang)) for f in q.risk_factors]),
        plan=_grouped(PLAN_AREAS, [(p.area, loc(p.label, lang)) for p in q.plan_items]),
        discussion=[loc(d, lang) for d in case.discussion],
    )


def _grouped(groups: dict[str, str], items: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(group label, item labels) in the vocabulary's order, for the groups that have items."""
    out = [(label, [text for key, text in items if key == group]) for group, label in groups.items()]
    return [(label, texts) for label, texts in out if texts]


# -- trainer sheet ------------------------------------------------------------------------


def _annotated(text: str, marks: list[tuple[str, str, str]]) -> list[list[tuple[str, str, list[str]]]]:
    """Paragraphs as pieces (text, css class, markers), each passage highlighted and numbered:
    plain text has no class. ``marks``: (passage, marker, css class); a passage that overlaps
    one already marked adds its number to that one."""
    out = []
    for para in _paragraphs(text):
        spans: list[list] = []  # [start, end, css class, markers]
        for passage, marker, cls in marks:
            at = para.find(_norm(passage))
            if at < 0:
                continue
            end = at + len(_norm(passage))
            hit = next((s for s in spans if s[0] < end and at < s[1]), None)
            if hit:
                hit[3].append(marker)
            else:
                spans.append([at, end, cls, [marker]])
        pos, pieces = 0, []
        for start, end, cls, markers in sorted(spans):
            pieces.append((para[pos:start], "", []))
            pieces.append((para[start:end], cls, markers))
            pos = end
        pieces.append((para[pos:], "", []))
        out.append(pieces)
    return out


def _weight(cat: Catalogue, set_id: str, indicator: str, lang: str) -> str:
    w = cat.weight(set_id, indicator)
    if w is None:
        return translate("not in this indicator set", lang)
    label = cat.label(f"weight:{w}", lang)
    if set_id in cat.indicators[indicator].disputed:
        return translate("{weight} (uncertain: sources disagree)", lang, weight=label)
    return label


def _stages_with_signals(case: Case, lang: str, cat: Catalogue) -> list[dict]:
    numbers = {e.id: str(i) for i, e in enumerate(case.evidence, 1)}
    letters = {d.id: f"D{i}" for i, d in enumerate(case.distractors, 1)}
    out = []
    for stage in case.stages:
        evidence = [e for e in case.evidence if e.stage == stage.id]
        distractors = [d for d in case.distractors if d.stage == stage.id]
        marks = [(loc(e.passage, lang), numbers[e.id], "key" if e.key else "ev") for e in evidence]
        marks += [(loc(d.passage, lang), letters[d.id], "dis") for d in distractors]
        out.append(
            {
                "title": loc(stage.title, lang),
                "paragraphs": _annotated(loc(stage.text, lang), marks),
                "evidence": [
                    {
                        "number": numbers[e.id],
                        "key": e.key,
                        "passage": _norm(loc(e.passage, lang)),
                        "indicator": cat.label(e.indicator, lang),
                        "dimension": cat.label(cat.indicators[e.indicator].dimension, lang),
                        "weight": _weight(cat, case.delphi_set, e.indicator, lang),
                        "also": ", ".join(cat.label(i, lang) for i in e.also),
                        "explanation": loc(e.explanation, lang),
                    }
                    for e in evidence
                ],
                "distractors": [
                    {
                        "number": letters[d.id],
                        "passage": _norm(loc(d.passage, lang)),
                        "looks_like": cat.label(d.looks_like, lang) if d.looks_like else "",
                        "explanation": loc(d.explanation, lang),
                    }
                    for d in distractors
                ],
            }
        )
    return out


def _steps(case: Case, lang: str) -> list[dict]:
    index = {s.id: n for n, s in enumerate(case.questions.decide, 1)}
    return [
        {
            "prompt": loc(step.prompt, lang),
            "options": [
                {
                    "label": loc(o.label, lang),
                    "verdict": o.verdict,
                    "verdict_label": VERDICTS[o.verdict],
                    "points": o.points,
                    "next": index[o.next] if o.next else None,
                    "consequence": loc(o.consequence, lang),
                    "feedback": loc(o.feedback, lang),
                }
                for o in step.options
            ],
        }
        for step in case.questions.decide
    ]


def trainer_sheet(case: Case, lang: str, cat: Catalogue) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    p, q = case.person, case.questions
    person = ", ".join(
        x
        for x in (
            t(AGE_GROUPS[p.age_group]),
            t("about {age}", age=p.age) if p.age is not None else "",
            t(GENDERS[p.gender]),
            t(REGIONS[p.origin_region]),
        )
        if x
    )
    forms = ", ".join(t(FORMS[f]) for f in case.forms)
    also_forms = ", ".join(t(FORMS[f]) for f in case.also_forms)
    if also_forms:
        forms += " " + t("(also right: {forms})", forms=also_forms)
    meta = _basic_meta(case, lang) + [
        (t("Set in"), country_name(case.country, lang)),
        (t("Suits"), ", ".join(t(AUDIENCES[a]) for a in case.audiences)),
        (t("Person"), person),
        (
            t("Forms of exploitation"),
            forms,
        ),
        (t("Indicator set"), cat.label(case.delphi_set, lang)),
    ]
    if case.contrast:
        meta.append(
            (t("Contrast case"), t("the decision rule is not met: participants learn the difference"))
        )
    result = evaluate([e.indicator for e in case.evidence], case.delphi_set, cat)
    caveats = {t(c) for c in CAVEATS}
    levels, areas = list(RISK_LEVELS), list(PLAN_AREAS)
    return document(
        "trainer.html.j2",
        lang=lang,
        title=loc(case.title, lang),
        content_note=loc(case.content_note, lang),
        meta=meta,
        objectives=[loc(o, lang) for o in case.objectives],
        stages=_stages_with_signals(case, lang, cat),
        rule=[(line, line in caveats) for line in result.explain(lang, cat)],
        palermo=[
            (label, getattr(case.palermo, el).evidenced, loc(getattr(case.palermo, el).note, lang))
            for el, label in PALERMO.items()
        ],
        forms=forms,
        forms_feedback=loc(q.forms_feedback, lang),
        steps=_steps(case, lang),
        letters=LETTERS,
        factors=[
            {
                "level": RISK_LEVELS[f.level],
                "kind": FACTOR_KINDS[f.kind],
                "label": loc(f.label, lang),
                "present": f.present,
                "explanation": loc(f.explanation, lang),
            }
            for f in sorted(q.risk_factors, key=lambda f: levels.index(f.level))
        ],
        plan=[
            {
                "area": PLAN_AREAS[p.area],
                "level": PLAN_LEVELS[p.level],
                "appropriate": p.appropriate,
                "label": loc(p.label, lang),
                "feedback": loc(p.feedback, lang),
            }
            for p in sorted(q.plan_items, key=lambda p: areas.index(p.area))
        ],
        key_points=[loc(k, lang) for k in case.key_points],
        debrief=_paragraphs(loc(case.debrief, lang)),
        discussion=[loc(d, lang) for d in case.discussion],
        facts=[
            {
                "fact": loc(f.fact, lang),
                "source": f.source,
                "url": f.url or "",
                "checked_on": _date(f.checked_on, lang),
                "caveat": loc(f.caveat, lang) if f.caveat else "",
            }
            for f in case.facts
        ],
    )
