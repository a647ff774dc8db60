"""The two printed sheets of a case: what participants work on, and what the trainer keeps.

The participant sheet carries the story and the questions only: no signals, verdicts, points,
feedback or explanations, so it can be handed out before the exercise. The trainer sheet
carries everything the case file knows. Both return an HTML fragment (the body of a page);
:mod:`safekit.documents.handouts` wraps it in a printable page.
"""

from __future__ import annotations

import html
import re

from safekit.authoring.cases.model import Case, Localized
from safekit.core.catalogue import Catalogue
from safekit.core.i18n import translate
from safekit.core.rule import CAVEATS, evaluate
from safekit.core.vocab import (
    AGE_GROUPS,
    AUDIENCES,
    FACTOR_KINDS,
    FORMS,
    GENDERS,
    MODULES,
    PALERMO,
    PLAN_AREAS,
    REGIONS,
    RISK_LEVELS,
    SETTINGS,
    VERDICTS,
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def loc(text: Localized | dict[str, str], lang: str) -> str:
    """The text in ``lang``, falling back to English, then to any language."""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    return [_norm(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _section(title: str, body: str, cls: str = "") -> str:
    return f'<section class="{cls}"><h2>{esc(title)}</h2>{body}</section>'


def _list(items: list[str], cls: str = "") -> str:
    return f'<ul class="{cls}">' + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def _lines(n: int) -> str:
    return '<div class="lines">' + '<div class="line"></div>' * n + "</div>"


def _box(label: str) -> str:
    return f'<li><span class="box"></span>{esc(label)}</li>'


def _header(case: Case, lang: str, kind: str, meta: list[tuple[str, str]]) -> str:
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta)
    return (
        f'<header><p class="kind">{esc(kind)}</p><h1>{esc(loc(case.title, lang))}</h1>'
        f'<dl class="meta">{rows}</dl></header>'
    )


def _basic_meta(case: Case, lang: str) -> list[tuple[str, str]]:
    return [
        (translate("Module", lang), translate(MODULES[case.module], lang)),
        (translate("Setting", lang), translate(SETTINGS[case.setting], lang)),
    ]


# -- participant sheet --------------------------------------------------------------------


def participant_sheet(case: Case, lang: str) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    out = [_header(case, lang, t("Participant sheet"), _basic_meta(case, lang))]
    out.append(
        '<p class="intro">'
        + esc(
            t(
                "Read the story one part at a time. Underline what worries you and answer the "
                "questions in your own words. There is no answer key on this sheet; you will "
                "talk it through together afterwards."
            )
        )
        + "</p>"
    )
    story = "".join(
        f'<div class="stage"><h3>{esc(loc(s.title, lang))}</h3>'
        + "".join(f"<p>{esc(p)}</p>" for p in _paragraphs(loc(s.text, lang)))
        + "</div>"
        for s in case.stages
    )
    out.append(_section(t("The story"), story, "story"))

    hint = t(
        "Act: recruiting, transporting, transferring, harbouring or receiving. "
        "Means: coercion, deception, abuse of vulnerability. Purpose: exploitation."
    )
    signals = t("Note each passage that worries you, and what it might show. Then note what you would check.")
    rules = [t("Adult rule: act, means and purpose"), t("Child rule: act and purpose")]
    groups = [
        (t("Which signals do you see?"), f"<p>{esc(signals)}</p>{_lines(8)}"),
        (
            t("Which form or forms of exploitation?"),
            '<ul class="choices cols">' + "".join(_box(t(label)) for label in FORMS.values()) + "</ul>",
        ),
        (
            t("Which elements of the definition does the case show?"),
            f'<p class="hint">{esc(hint)}</p><ul class="choices row">'
            + "".join(_box(t(label)) for label in PALERMO.values())
            + "</ul>",
        ),
        (t("Which rule applies?"), '<ul class="choices">' + "".join(_box(r) for r in rules) + "</ul>"),
    ]
    q = [f'<div class="q"><h3>{esc(title)}</h3>{body}</div>' for title, body in groups]
    out.append(_section(t("Questions"), "".join(q), "questions"))

    steps = []
    for n, step in enumerate(case.questions.decide, 1):
        options = "".join(
            f'<li><span class="box"></span><span class="letter">{chr(64 + i)}</span> '
            f"{esc(loc(o.label, lang))}</li>"
            for i, o in enumerate(step.options, 1)
        )
        steps.append(
            f'<div class="step"><h3>{esc(t("Decision {n}", n=n))}</h3>'
            f'<p class="prompt">{esc(loc(step.prompt, lang))}</p><ul class="choices">{options}</ul>'
            f'<p class="label">{esc(t("Why?"))}</p>{_lines(3)}</div>'
        )
    out.append(_section(t("What do you do?"), "".join(steps), "decide"))

    fq = case.questions
    if fq.risk_factors or fq.plan_items:
        parts = [f"<h3>{esc(t('Which risk and protective factors does the case show?'))}</h3>"]
        for level, label in RISK_LEVELS.items():
            group = [f for f in fq.risk_factors if f.level == level]
            if group:
                items = "".join(_box(loc(f.label, lang)) for f in group)
                parts.append(f'<h4>{esc(t(label))}</h4><ul class="choices">{items}</ul>')
        parts.append(f"<h3>{esc(t('What belongs in the reintegration plan?'))}</h3>")
        for area, label in PLAN_AREAS.items():
            group = [p for p in fq.plan_items if p.area == area]
            if group:
                items = "".join(_box(loc(p.label, lang)) for p in group)
                parts.append(f'<h4>{esc(t(label))}</h4><ul class="choices">{items}</ul>')
        out.append(_section(t("A safe future"), "".join(parts), "future"))

    notes = _list([loc(d, lang) for d in case.discussion], "discussion") + _lines(8)
    out.append(_section(t("Your notes"), notes, "notes"))
    return "".join(out)


# -- trainer sheet ------------------------------------------------------------------------


def _annotated(text: str, marks: list[tuple[str, str, str]]) -> str:
    """Paragraphs with each passage highlighted and numbered. ``marks``: (passage, marker, css
    class); a passage that overlaps one already marked adds its number to that one."""
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
        pos, parts = 0, []
        for start, end, cls, markers in sorted(spans):
            parts.append(esc(para[pos:start]))
            parts.append(f'<mark class="{cls}">{esc(para[start:end])}</mark><sup>{",".join(markers)}</sup>')
            pos = end
        parts.append(esc(para[pos:]))
        out.append("<p>" + "".join(parts) + "</p>")
    return "".join(out)


def _weight(cat: Catalogue, set_id: str, indicator: str, lang: str) -> str:
    w = cat.weight(set_id, indicator)
    if w is None:
        return translate("not in this indicator set", lang)
    label = cat.label(f"weight:{w}", lang)
    if set_id in cat.indicators[indicator].disputed:
        return translate("{weight} (uncertain: sources disagree)", lang, weight=label)
    return label


def _story_with_signals(case: Case, lang: str, cat: Catalogue) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    numbers = {e.id: str(i) for i, e in enumerate(case.evidence, 1)}
    letters = {d.id: f"D{i}" for i, d in enumerate(case.distractors, 1)}
    out = []
    for stage in case.stages:
        evidence = [e for e in case.evidence if e.stage == stage.id]
        distractors = [d for d in case.distractors if d.stage == stage.id]
        marks = [(loc(e.passage, lang), numbers[e.id], "key" if e.key else "ev") for e in evidence]
        marks += [(loc(d.passage, lang), letters[d.id], "dis") for d in distractors]
        items = []
        for e in evidence:
            ind = cat.indicators[e.indicator]
            key = f' <span class="tag">{esc(t("Key signal"))}</span>' if e.key else ""
            items.append(
                f'<li class="signal{" key" if e.key else ""}"><span class="num">{numbers[e.id]}</span>'
                f'<p class="quote">“{esc(_norm(loc(e.passage, lang)))}”{key}</p>'
                f'<p class="ind"><strong>{esc(cat.label(e.indicator, lang))}</strong> · '
                f"{esc(cat.label(ind.dimension, lang))} · {esc(_weight(cat, case.delphi_set, e.indicator, lang))}</p>"
                f"<p>{esc(loc(e.explanation, lang))}</p></li>"
            )
        for d in distractors:
            looks = (
                f'<p class="ind">{esc(t("Looks like: {label}", label=cat.label(d.looks_like, lang)))}</p>'
                if d.looks_like
                else ""
            )
            items.append(
                f'<li class="signal dis"><span class="num">{letters[d.id]}</span>'
                f'<p class="quote">“{esc(_norm(loc(d.passage, lang)))}” '
                f'<span class="tag">{esc(t("Not a signal on its own"))}</span></p>'
                f"{looks}<p>{esc(loc(d.explanation, lang))}</p></li>"
            )
        out.append(
            f'<div class="stage"><h3>{esc(loc(stage.title, lang))}</h3>'
            f'{_annotated(loc(stage.text, lang), marks)}<ol class="signals">{"".join(items)}</ol></div>'
        )
    legend = t("Numbers mark signals, D marks distractors: details that are not a signal on their own.")
    return f'<p class="hint">{esc(legend)}</p>' + "".join(out)


def _decisions(case: Case, lang: str) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    index = {s.id: n for n, s in enumerate(case.questions.decide, 1)}
    out = []
    for n, step in enumerate(case.questions.decide, 1):
        opts = []
        for i, o in enumerate(step.options, 1):
            nxt = t("Leads to decision {n}", n=index[o.next]) if o.next else t("End of the scenario")
            points = t("1 point") if o.points == 1 else t("{n} points", n=o.points)
            opts.append(
                f'<li class="option {o.verdict}"><p><span class="letter">{chr(64 + i)}</span> '
                f"<strong>{esc(loc(o.label, lang))}</strong></p>"
                f'<p class="verdict">{esc(t(VERDICTS[o.verdict]))} · {esc(points)}'
                f" · {esc(nxt)}</p><p><em>{esc(loc(o.consequence, lang))}</em></p>"
                f"<p>{esc(loc(o.feedback, lang))}</p></li>"
            )
        out.append(
            f'<div class="step"><h3>{esc(t("Decision {n}", n=n))}</h3>'
            f'<p class="prompt">{esc(loc(step.prompt, lang))}</p><ol class="options">{"".join(opts)}</ol></div>'
        )
    return "".join(out)


def _future(case: Case, lang: str) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    q, out = case.questions, []
    if q.risk_factors:
        rows = []
        for f in sorted(q.risk_factors, key=lambda f: list(RISK_LEVELS).index(f.level)):
            absent = "" if f.present else f' <span class="tag">{esc(t("not in this case"))}</span>'
            rows.append(
                f"<tr><td>{esc(t(RISK_LEVELS[f.level]))}</td><td>{esc(t(FACTOR_KINDS[f.kind]))}</td>"
                f"<td><strong>{esc(loc(f.label, lang))}</strong>{absent}<br>{esc(loc(f.explanation, lang))}</td></tr>"
            )
        out.append(f"<h3>{esc(t('Risk and protective factors'))}</h3><table>{''.join(rows)}</table>")
    if q.plan_items:
        rows = "".join(
            f"<tr><td>{esc(t(PLAN_AREAS[p.area]))}</td>"
            f"<td>{esc(t('belongs in the plan') if p.appropriate else t('does not belong in the plan'))}</td>"
            f"<td><strong>{esc(loc(p.label, lang))}</strong><br>{esc(loc(p.feedback, lang))}</td></tr>"
            for p in sorted(q.plan_items, key=lambda p: list(PLAN_AREAS).index(p.area))
        )
        out.append(f"<h3>{esc(t('Reintegration plan'))}</h3><table>{rows}</table>")
    return "".join(out)


def trainer_sheet(case: Case, lang: str, cat: Catalogue) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    p = case.person
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
    meta = _basic_meta(case, lang) + [
        (t("Suits"), ", ".join(t(AUDIENCES[a]) for a in case.audiences)),
        (t("Person"), person),
        (t("Forms of exploitation"), ", ".join(t(FORMS[f]) for f in case.forms)),
        (t("Indicator set"), cat.label(case.delphi_set, lang)),
    ]
    note = f'<aside class="content-note"><h2>{esc(t("Content note"))}</h2><p>{esc(loc(case.content_note, lang))}</p></aside>'
    out = [note, _header(case, lang, t("Trainer sheet"), meta)]
    out.append(_section(t("Objectives"), _list([loc(o, lang) for o in case.objectives])))
    out.append(_section(t("The story and its signals"), _story_with_signals(case, lang, cat), "story"))

    result = evaluate([e.indicator for e in case.evidence], case.delphi_set, cat)
    caveats = {t(c) for c in CAVEATS}
    rule = "".join(
        f'<li class="{"caveat" if line in caveats else ""}">{esc(line)}</li>'
        for line in result.explain(lang, cat)
    )
    intro = t("The ILO/EC rule applied to all the signals above:")
    out.append(_section(t("Decision rule"), f"<p>{esc(intro)}</p><ul class='rule'>{rule}</ul>", "rule"))

    palermo = "".join(
        f"<tr><td><strong>{esc(t(PALERMO[el]))}</strong></td>"
        f"<td>{esc(t('shown') if getattr(case.palermo, el).evidenced else t('not shown'))}</td>"
        f"<td>{esc(loc(getattr(case.palermo, el).note, lang))}</td></tr>"
        for el in PALERMO
    )
    forms = ", ".join(t(FORMS[f]) for f in case.forms)
    body = (
        f'<table class="palermo">{palermo}</table>'
        f"<p><strong>{esc(t('Forms of exploitation in this case:'))}</strong> {esc(forms)}</p>"
        f"<p>{esc(loc(case.questions.forms_feedback, lang))}</p>"
    )
    out.append(_section(t("Legal definition and forms"), body))
    out.append(_section(t("Decisions"), _decisions(case, lang), "tree"))
    if case.questions.risk_factors or case.questions.plan_items:
        out.append(_section(t("A safe future"), _future(case, lang), "future"))
    out.append(_section(t("Key points"), _list([loc(k, lang) for k in case.key_points])))
    out.append(
        _section(t("Debrief"), "".join(f"<p>{esc(x)}</p>" for x in _paragraphs(loc(case.debrief, lang))))
    )
    out.append(_section(t("Discussion questions"), _list([loc(d, lang) for d in case.discussion])))
    return "".join(out)
