"""The questionnaires' analysis: pure functions over a table of responses.

:func:`responses` turns stored answers into one row per respondent, form and question;
the aggregates below never carry a pseudonym, and no group of fewer than :data:`MIN_GROUP`
respondents is broken out: small groups are merged into one row ("Other or fewer than 3"),
and a result over fewer than three respondents is not shown at all (the tables say so).
Only submitted forms count. Files, charts and the terminal summary are in
:mod:`safekit.survey.render`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from safekit.authoring.cases.anonymise import mask
from safekit.authoring.survey import survey_dicts
from safekit.core.i18n import N_, translate
from safekit.core.text import loc, opaque_id
from safekit.documents.sheets import mark_drafts
from safekit.sessions import Store
from safekit.survey.form import form_title
from safekit.survey.scoring import LIKERT_POINTS, OTHER, SURVEY_CASE, form_keys, is_correct, split_key

MIN_GROUP = 3
MERGED = N_("Other or fewer than 3")
NOT_STATED = N_("Not stated")
SUPPRESSED = N_("fewer than 3 respondents: not shown")
MASKED = N_("Details that could identify someone are shown as […]: {what}.")
COLUMNS = [
    "respondent",
    "pseudonym",
    "form",
    "questionnaire",
    "phase",
    "question",
    "value",
    "other",
    "submitted",
    "lang",
    "updated",
]


# -- reading ----------------------------------------------------------------------------------
def responses(
    answers: list, surveys: dict[str, dict], pseudonyms: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per (respondent, form, question) answered; ``answers`` as ``Store.all_answers``
    gives them: (token, case, form, payload, updated_at)."""
    rows = []
    for token, case_id, key, payload, at in answers:
        where = split_key(key, surveys) if case_id == SURVEY_CASE else None
        if where is None or not isinstance(payload, dict):
            continue
        base, phase = where
        for item in surveys[base]["questions"]:
            value = payload.get("answers", {}).get(item["id"])
            if value in (None, "", []):
                continue
            rows.append(
                {
                    "respondent": opaque_id(token),
                    "pseudonym": (pseudonyms or {}).get(token, ""),
                    "form": key,
                    "questionnaire": base,
                    "phase": phase,
                    "question": item["id"],
                    "value": value,
                    "other": payload.get("other", {}).get(item["id"], ""),
                    "submitted": bool(payload.get("submitted")),
                    "lang": payload.get("lang", ""),
                    "updated": at,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS).astype({"submitted": bool})


def load_session(folder: Path) -> tuple[pd.DataFrame, dict[str, dict], str]:
    """Responses, questionnaires and session id of a workshop session folder.

    The questionnaires are the ones the participants saw (the session's course bundle), else
    the shipped ones."""

    bundle = Path(folder) / "runtime" / "bundle.json"
    raw = json.loads(bundle.read_text(encoding="utf-8")) if bundle.is_file() else {}
    surveys = raw.get("surveys")
    mark_drafts(raw.get("drafts") or [])  # the report says "draft translation" as the session's pages did
    if not surveys:
        surveys = survey_dicts()
    with Store.for_session_dir(folder) as store:
        session = store.session()
        people = {p.token: p.pseudonym for p in store.participants(session.id)}
        frame = responses(store.all_answers(session.id), surveys, people)
    return frame, surveys, session.id


# -- helpers ----------------------------------------------------------------------------------
def _submitted(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["submitted"]]


def _question(surveys: dict, questionnaire: str, qid: str) -> dict:
    return next(q for q in surveys[questionnaire]["questions"] if q["id"] == qid)


def option_label(item: dict, value: str, lang: str) -> str:
    if value == OTHER:
        return translate("Other", lang)
    return next((loc(o["label"], lang) for o in item.get("options", []) if o["id"] == value), value)


def merge_small(counts: dict[str, int], order: list[str] | None = None) -> list[tuple[str | None, int]]:
    """Rows of (group, count): groups of fewer than three, and the "other" answer, become one
    merged row (group ``None``), last."""
    order = order or sorted(counts, key=lambda k: -counts[k])
    rows: list[tuple[str | None, int]] = [
        (k, counts[k]) for k in order if counts.get(k, 0) >= MIN_GROUP and k != OTHER
    ]
    merged = sum(n for k, n in counts.items() if n < MIN_GROUP or k == OTHER)
    if merged:
        rows.append((None, merged))
    return rows


def group_label(item: dict, key: str | None, lang: str) -> str:
    if key is None:
        return translate(MERGED, lang)
    return option_label(item, key, lang) if key else translate(NOT_STATED, lang)


def profile(df: pd.DataFrame, surveys: dict) -> pd.DataFrame:
    """Respondent -> answer of each profile question (country, profession): one column each."""
    sub = _submitted(df)
    out = pd.DataFrame(index=pd.Index(sorted(set(sub["respondent"])), name="respondent"))
    for name, q in surveys.items():
        for item in q["questions"]:
            if item.get("profile"):
                rows = sub[(sub["questionnaire"] == name) & (sub["question"] == item["id"])]
                out[item["id"]] = rows.set_index("respondent")["value"].reindex(out.index)
    return out


def profile_questions(surveys: dict) -> list[tuple[str, dict]]:
    return [(name, item) for name, q in surveys.items() for item in q["questions"] if item.get("profile")]


# -- the aggregates ---------------------------------------------------------------------------
def forms_table(df: pd.DataFrame, surveys: dict, lang: str) -> pd.DataFrame:
    """How many respondents submitted (or only started) each form."""

    rows = []
    for q in surveys.values():
        for key in form_keys(q):
            part = df[df["form"] == key].groupby("respondent")["submitted"].any()
            rows.append(
                {
                    "form": form_title(q, key, lang),
                    "submitted": int(part.sum()),
                    "started": int((~part).sum()),
                }
            )
    return pd.DataFrame(rows, columns=["form", "submitted", "started"])


def group_counts(df: pd.DataFrame, surveys: dict, qid: str, lang: str) -> pd.DataFrame:
    """Respondents per answer to a profile question, among those who submitted its form."""
    name, item = next((n, i) for n, i in profile_questions(surveys) if i["id"] == qid)
    sub = _submitted(df[df["questionnaire"] == name])
    people = set(sub["respondent"])
    answers = sub[sub["question"] == qid].set_index("respondent")["value"]
    counts = Counter(answers.get(r) or "" for r in people)
    order = [k for k in [o["id"] for o in item["options"]] + [""] if k in counts]
    rows = [(group_label(item, k, lang), n) for k, n in merge_small(counts, order)]
    return pd.DataFrame(rows, columns=[loc(item["prompt"], lang), "respondents"])


def likert_table(df: pd.DataFrame, surveys: dict, lang: str) -> pd.DataFrame:
    """For every Likert question: answers per point 1-5 and the mean (n >= 3 only)."""
    sub = _submitted(df)
    rows = []
    for name, q in surveys.items():
        for item in q["questions"]:
            if item["type"] != "likert":
                continue
            raw = sub[(sub["questionnaire"] == name) & (sub["question"] == item["id"])]["value"]
            values = pd.to_numeric(raw, errors="coerce")
            values = values[values.isin(LIKERT_POINTS)].astype(int)  # a tampered value is not counted
            row = {
                "questionnaire": loc(q["title"], lang),
                "question": loc(item["prompt"], lang),
                "n": len(values),
            }
            enough = len(values) >= MIN_GROUP
            for p in LIKERT_POINTS:
                row[str(p)] = int((values == p).sum()) if enough else None
            row["mean"] = round(float(values.mean()), 2) if enough else None
            row["note"] = "" if enough else translate(SUPPRESSED, lang)
            rows.append(row)
    return pd.DataFrame(
        rows, columns=["questionnaire", "question", "n", *map(str, LIKERT_POINTS), "mean", "note"]
    )


def change_table(df: pd.DataFrame, surveys: dict, lang: str) -> pd.DataFrame:
    """Per item asked before and again after the workshop (a Likert question with ``repeats``):
    the mean before and after and the change, over respondents who answered both (paired by
    pseudonym), and how many moved up, stayed or moved down; only with at least three pairs."""
    sub = _submitted(df)
    rows = []

    def values(name: str, qid: str) -> pd.Series:
        raw = sub[(sub["questionnaire"] == name) & (sub["question"] == qid)].set_index("respondent")["value"]
        raw = pd.to_numeric(raw, errors="coerce")
        return raw[raw.isin(LIKERT_POINTS)].astype(int)

    for name, q in surveys.items():
        for item in q["questions"]:
            ref = item.get("repeats")
            if not ref or item["type"] != "likert":
                continue
            before_name, _dot, before_id = ref.partition(".")
            before, after = values(before_name, before_id), values(name, item["id"])
            pairs = before.index.intersection(after.index)
            row: dict[str, Any] = {"question": loc(item["prompt"], lang), "pairs": len(pairs)}
            if len(pairs) >= MIN_GROUP:
                b, a = before.loc[pairs], after.loc[pairs]
                row |= {
                    "mean before": round(float(b.mean()), 2),
                    "mean after": round(float(a.mean()), 2),
                    "change": round(float((a - b).mean()), 2),
                    "up": int((a > b).sum()),
                    "same": int((a == b).sum()),
                    "down": int((a < b).sum()),
                    "note": "",
                }
            else:
                row |= dict.fromkeys(["mean before", "mean after", "change", "up", "same", "down"])
                row["note"] = translate(SUPPRESSED, lang)
            rows.append(row)
    cols = ["question", "pairs", "mean before", "mean after", "change", "up", "same", "down", "note"]
    return pd.DataFrame(rows, columns=cols)


def paired_scores(df: pd.DataFrame, q: dict) -> pd.DataFrame:
    """Right (True/False) per respondent, phase and item, for those who submitted both checks."""
    sub = _submitted(df[df["questionnaire"] == q["id"]])
    both = set(sub[sub["phase"] == "pre"]["respondent"]) & set(sub[sub["phase"] == "post"]["respondent"])
    rows = []
    for r in sorted(both):
        for phase in ("pre", "post"):
            given = sub[(sub["respondent"] == r) & (sub["phase"] == phase)].set_index("question")["value"]
            for item in q["questions"]:
                if item.get("correct"):
                    rows.append((r, phase, item["id"], is_correct(item, given.get(item["id"]))))
    return pd.DataFrame(rows, columns=["respondent", "phase", "question", "right"])


def knowledge_table(df: pd.DataFrame, surveys: dict, lang: str) -> pd.DataFrame:
    """Per knowledge item: % right before and after and the gain, over paired respondents."""
    rows = []
    for q in surveys.values():
        if not (q.get("paired") and q.get("scored")):
            continue
        scores = paired_scores(df, q)
        n = scores["respondent"].nunique()
        for item in q["questions"]:
            if not item.get("correct"):
                continue
            s = scores[scores["question"] == item["id"]]
            pre, post = (
                int(s[s["phase"] == "pre"]["right"].sum()),
                int(s[s["phase"] == "post"]["right"].sum()),
            )
            row = {"question": loc(item["prompt"], lang), "paired n": n}
            if n >= MIN_GROUP:
                row |= {
                    "right before": pre,
                    "right after": post,
                    "% before": round(100 * pre / n, 1),
                    "% after": round(100 * post / n, 1),
                    "gain (points)": round(100 * (post - pre) / n, 1),
                    "note": "",
                }
            else:
                row |= dict.fromkeys(["right before", "right after", "% before", "% after", "gain (points)"])
                row["note"] = translate(SUPPRESSED, lang)
            rows.append(row)
    cols = [
        "question",
        "paired n",
        "right before",
        "right after",
        "% before",
        "% after",
        "gain (points)",
        "note",
    ]
    return pd.DataFrame(rows, columns=cols)


def knowledge_by_group(df: pd.DataFrame, surveys: dict, qid: str, lang: str) -> pd.DataFrame:
    """Mean % right before and after per profile group; groups under three merged or left out."""
    people = profile(df, surveys)
    rows = []
    for q in surveys.values():
        if not (q.get("paired") and q.get("scored")):
            continue
        scores = paired_scores(df, q)
        if scores.empty or qid not in people:
            continue
        pct = scores.groupby(["respondent", "phase"])["right"].mean().unstack() * 100
        group = people[qid].reindex(pct.index).fillna("")
        counts = Counter(group)
        small = {k for k, n in counts.items() if n < MIN_GROUP or k == OTHER}
        item = next(i for _n, i in profile_questions(surveys) if i["id"] == qid)
        label = pd.Series(
            [group_label(item, None if k in small else k, lang) for k in group], index=group.index
        )
        for name, part in pct.groupby(label):
            n = len(part)
            row = {loc(item["prompt"], lang): name, "n": n}
            if n >= MIN_GROUP:
                row |= {"% before": round(part["pre"].mean(), 1), "% after": round(part["post"].mean(), 1)}
                row["gain (points)"] = round(row["% after"] - row["% before"], 1)
            else:
                row |= {"% before": None, "% after": None, "gain (points)": None}
            row["note"] = "" if n >= MIN_GROUP else translate(SUPPRESSED, lang)
            rows.append(row)
    return pd.DataFrame(rows)


def choice_table(df: pd.DataFrame, surveys: dict, lang: str) -> pd.DataFrame:
    """Every choice question that is neither a profile nor a knowledge item: how often each
    option was chosen; multiple choice sorted most named first (bottlenecks, needs)."""
    sub = _submitted(df)
    rows = []
    for name, q in surveys.items():
        if q.get("scored"):
            continue
        for item in q["questions"]:
            if item["type"] not in ("single", "multiple") or item.get("profile"):
                continue
            values = sub[(sub["questionnaire"] == name) & (sub["question"] == item["id"])]["value"]
            n = len(values)
            counts = Counter(v for value in values for v in (value if isinstance(value, list) else [value]))
            order = [o["id"] for o in item["options"]] + ([OTHER] if item.get("other") else [])
            if item["type"] == "multiple":
                order.sort(key=lambda k: -counts[k])
            for rank, key in enumerate(order, start=1):
                enough = n >= MIN_GROUP
                rows.append(
                    {
                        "questionnaire": loc(q["title"], lang),
                        "question": item["id"],
                        "type": item["type"],
                        "prompt": loc(item["prompt"], lang),
                        "rank": rank,
                        "option": option_label(item, key, lang),
                        "count": counts[key] if enough else None,
                        "% of respondents": round(100 * counts[key] / n, 1) if enough else None,
                        "n": n,
                        "note": "" if enough else translate(SUPPRESSED, lang),
                    }
                )
    cols = [
        "questionnaire",
        "question",
        "type",
        "prompt",
        "rank",
        "option",
        "count",
        "% of respondents",
        "n",
        "note",
    ]
    return pd.DataFrame(rows, columns=cols)


def free_texts(df: pd.DataFrame, surveys: dict, lang: str) -> list[dict[str, Any]]:
    """Text answers and "other" answers per question, without who wrote them, sorted, and only
    where at least three respondents wrote something. A detail that could identify someone (a
    name, a phone number, an address: the anonymisation check of the cases) is replaced by
    ``[…]`` before the report shows the answer, and the block says what was removed."""
    sub = _submitted(df)
    out = []
    for name, q in surveys.items():
        for item in q["questions"]:
            part = sub[(sub["questionnaire"] == name) & (sub["question"] == item["id"])]
            if item["type"] == "text":
                texts = [v.strip() for v in part["value"] if isinstance(v, str) and v.strip()]
            elif item.get("other"):
                texts = [v.strip() for v in part["other"] if isinstance(v, str) and v.strip()]
            else:
                continue
            if not texts:
                continue
            enough = len(texts) >= MIN_GROUP
            shown, removed = [], []
            for text in sorted(texts, key=str.casefold) if enough else []:
                masked, labels = mask(text)
                shown.append(masked)
                removed += [label for label in labels if label not in removed]
            what = ", ".join(translate(label, lang) for label in removed)
            out.append(
                {
                    "questionnaire": loc(q["title"], lang),
                    "question": loc(item["prompt"], lang),
                    "n": len(texts),
                    "texts": shown,
                    "note": "" if enough else translate(SUPPRESSED, lang),
                    "masked": translate(MASKED, lang, what=what) if removed else "",
                }
            )
    return out
