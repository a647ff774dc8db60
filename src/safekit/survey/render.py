"""The questionnaire report as the trainer gets it: a terminal summary, CSV and XLSX tables,
SVG charts and one self-contained HTML page (inline styles and charts, nothing fetched).

Every table here comes from :mod:`safekit.survey.report`, so the small-group rule holds in
all of them. Only ``responses.csv`` and the XLSX sheet "responses" hold raw answers, with
pseudonyms and free text, for the trainer's own follow-up.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from safekit.authoring.survey import survey_dicts
from safekit.authoring.syllabus import find_project
from safekit.core.i18n import N_, translate
from safekit.core.text import loc, no_formula
from safekit.documents.sheets import document
from safekit.sessions.folders import session_dirs
from safekit.survey import charts
from safekit.survey import report as r
from safekit.survey.demo import write_demo_session
from safekit.survey.scoring import LIKERT_POINTS

# column names as the trainer reads them, translated when the report is written
HEADERS = [
    N_("form"), N_("submitted"), N_("started"), N_("respondents"), N_("questionnaire"), N_("question"),
    N_("n"), N_("mean"), N_("note"), N_("paired n"), N_("right before"), N_("right after"), N_("% before"),
    N_("% after"), N_("gain (points)"), N_("prompt"), N_("rank"), N_("option"), N_("count"),
    N_("% of respondents"), N_("type"), N_("pairs"), N_("mean before"), N_("mean after"), N_("change"),
    N_("up"), N_("same"), N_("down"),
]  # fmt: skip


@dataclass
class Report:
    session: str
    lang: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    texts: list[dict[str, Any]] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)
    respondents: int = 0


def build_report(df: pd.DataFrame, surveys: dict, lang: str = "en", session: str = "") -> Report:
    """Every table and chart of the report, from a responses table (see ``report.responses``)."""
    t = lambda msgid, **kw: translate(msgid, lang, **kw)  # noqa: E731
    rep = Report(session, lang, respondents=int(df[df["submitted"]]["respondent"].nunique()))
    rep.tables["forms"] = r.forms_table(df, surveys, lang)
    for _name, item in r.profile_questions(surveys):
        table = r.group_counts(df, surveys, item["id"], lang)
        rep.tables[f"respondents-{item['id']}"] = table
        if not table.empty:
            rows = [(str(a), [float(b)]) for a, b in table.itertuples(index=False)]
            rep.charts[f"respondents-{item['id']}"] = charts.bars(
                loc(item["prompt"], lang), rows, [t("respondents")]
            )
    likert = r.likert_table(df, surveys, lang)
    rep.tables["likert"] = likert
    shown = likert[likert["note"] == ""]
    if not shown.empty:
        rows = [
            (q, [int(row[str(p)]) for p in LIKERT_POINTS])
            for q, (_i, row) in zip(shown["question"], shown.iterrows(), strict=True)
        ]
        legend = ["1", "2", "3", "4", "5"]
        rep.charts["likert"] = charts.stacked(t("Answers on the five-point scales"), rows, legend)
    change = r.change_table(df, surveys, lang)
    rep.tables["change"] = change
    shown = change[change["note"] == ""]
    if not shown.empty:
        title = t("Before and after the workshop: mean on the five-point scale (pairs only)")
        rep.charts["change"] = _before_after(shown, "mean before", "mean after", title, lang, "", 5)
    knowledge = r.knowledge_table(df, surveys, lang)
    rep.tables["knowledge"] = knowledge
    shown = knowledge[knowledge["note"] == ""]
    if not shown.empty:
        title = t("Knowledge check: % right before and after (n = {n})", n=int(shown["paired n"].iloc[0]))
        rep.charts["knowledge"] = _before_after(shown, "% before", "% after", title, lang, "%", 100)
    for _name, item in r.profile_questions(surveys):
        if item["id"] == "profession":
            rep.tables["knowledge-by-profession"] = r.knowledge_by_group(df, surveys, "profession", lang)
    choices = r.choice_table(df, surveys, lang)
    rep.tables["choices"] = choices
    for (qid, prompt), part in choices.groupby(["question", "prompt"], sort=False):
        if part["note"].iloc[0] == "" and _is_multiple(surveys, qid):
            rows = [(o, [float(c)]) for o, c in zip(part["option"], part["count"], strict=True)]
            title = f"{prompt} (n = {int(part['n'].iloc[0])})"
            rep.charts[f"choices-{qid}"] = charts.bars(title, rows, [t("respondents")])
    rep.texts = r.free_texts(df, surveys, lang)
    return rep


def _before_after(
    shown: pd.DataFrame, before: str, after: str, title: str, lang: str, unit: str, top: int
) -> str:
    """Bars per question: the value before and after the workshop."""
    rows = [
        (q, [float(b), float(a)])
        for q, b, a in zip(shown["question"], shown[before], shown[after], strict=True)
    ]
    return charts.bars(title, rows, [translate("before", lang), translate("after", lang)], unit, top=top)


def _is_multiple(surveys: dict, qid: str) -> bool:
    return any(i["id"] == qid and i["type"] == "multiple" for q in surveys.values() for i in q["questions"])


def _headers(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    return table.rename(columns={c: translate(c, lang) for c in table.columns if c in HEADERS})


# -- the terminal -----------------------------------------------------------------------------
def summary(rep: Report) -> str:
    lang = rep.lang
    t = lambda msgid, **kw: translate(msgid, lang, **kw)  # noqa: E731
    out = [t("Questionnaires of session {id}: {n} respondent(s)", id=rep.session, n=rep.respondents)]
    out.append(t("Groups of fewer than 3 are not broken out."))
    for name, table in rep.tables.items():
        if table.empty:
            continue
        view = table.drop(columns=[c for c in ("questionnaire", "prompt") if c in table.columns])
        if name == "choices":  # the most named bottlenecks and needs; single choices in full
            view = view[(view["type"] != "multiple") | (view["rank"] <= 5)].drop(columns=["type"])
        view = view.map(lambda v: (v[:57] + "…") if isinstance(v, str) and len(v) > 58 else v)
        out += ["", f"== {name} ==", _headers(view, lang).to_string(index=False, na_rep="-")]
    if not rep.respondents:
        out += ["", t("No submitted questionnaires in this session yet.")]
    return "\n".join(out)


# -- files ------------------------------------------------------------------------------------
def raw_table(df: pd.DataFrame, surveys: dict, session: str, lang: str) -> pd.DataFrame:
    """The raw answers with pseudonyms (never tokens): for the trainer's own follow-up."""
    rows = []
    for row in df.itertuples(index=False):
        item = next(i for i in surveys[row.questionnaire]["questions"] if i["id"] == row.question)
        values = row.value if isinstance(row.value, list) else [row.value]
        shown = "; ".join(r.option_label(item, v, lang) if item.get("options") else str(v) for v in values)
        rows.append(
            {
                "session": session,
                "pseudonym": row.pseudonym,
                "form": row.form,
                "question": row.question,
                "answer": no_formula(shown),
                "other": no_formula(row.other),
                "submitted": row.submitted,
                "language": row.lang,
                "updated": dt.datetime.fromtimestamp(row.updated).isoformat(timespec="seconds"),
            }
        )
    cols = ["session", "pseudonym", "form", "question", "answer", "other", "submitted", "language", "updated"]
    return pd.DataFrame(rows, columns=cols).sort_values(["pseudonym", "form", "question"], kind="stable")


def write_report(rep: Report, raw: pd.DataFrame, out_dir: Path) -> list[Path]:
    """CSV per table, one XLSX with every table, SVG charts and ``report.html``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    raw_path = out_dir / "responses.csv"
    raw.to_csv(raw_path, index=False)
    written.append(raw_path)
    for name, table in rep.tables.items():
        path = out_dir / f"{name}.csv"
        _headers(table.map(no_formula), rep.lang).to_csv(path, index=False)
        written.append(path)
    xlsx = out_dir / "survey-report.xlsx"
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        for name, table in rep.tables.items():
            _headers(table.map(no_formula), rep.lang).to_excel(writer, sheet_name=name[:31], index=False)
        raw.to_excel(writer, sheet_name="responses", index=False)
    written.append(xlsx)
    for name, svg in rep.charts.items():
        path = out_dir / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    page = out_dir / "report.html"
    page.write_text(to_html(rep), encoding="utf-8")
    written.append(page)
    return written


def report_session(folder: Path, out_dir: Path, lang: str = "en") -> tuple[Report, list[Path]]:
    df, surveys, session = r.load_session(folder)
    rep = build_report(df, surveys, lang, session)
    return rep, write_report(rep, raw_table(df, surveys, session, lang), out_dir)


# -- HTML -------------------------------------------------------------------------------------
SECTIONS = [
    ("forms", N_("Forms submitted")),
    ("respondents-country", N_("Respondents by country")),
    ("respondents-profession", N_("Respondents by profession")),
    ("likert", N_("Five-point scales")),
    ("change", N_("Change per item, before and after the workshop (paired by pseudonym)")),
    ("knowledge", N_("Knowledge before and after the workshop")),
    ("knowledge-by-profession", N_("Knowledge by profession")),
    ("choices", N_("Choices, most named first (bottlenecks, training needs)")),
]


def _table(table: pd.DataFrame, lang: str) -> Markup:
    """A table as HTML; pandas escapes its cells."""
    return Markup(_headers(table, lang).to_html(index=False, na_rep="–", escape=True, border=0))


def _chart(rep: Report, name: str) -> Markup | None:
    """A chart as inline SVG; :mod:`safekit.survey.charts` escapes its text."""
    return Markup(rep.charts[name]) if name in rep.charts else None


def _context(rep: Report) -> dict[str, Any]:
    sections = []
    for name, heading in SECTIONS:
        table = rep.tables.get(name)
        if table is None or table.empty:
            continue
        if name == "choices":  # one short table (and for multiple choice a chart) per question
            choices = [
                {
                    "prompt": prompt,
                    "n": int(part["n"].iloc[0]),
                    "chart": _chart(rep, f"choices-{qid}"),
                    "table": _table(part[["option", "count", "% of respondents", "note"]], rep.lang),
                }
                for (qid, prompt), part in table.groupby(["question", "prompt"], sort=False)
            ]
            sections.append({"heading": heading, "choices": choices})
        else:
            sections.append(
                {
                    "heading": heading,
                    "choices": [],
                    "chart": _chart(rep, name),
                    "table": _table(table, rep.lang),
                }
            )
    title = translate(
        "Questionnaires of session {id}: {n} respondent(s)", rep.lang, id=rep.session, n=rep.respondents
    )
    return {"lang": rep.lang, "title": title, "sections": sections, "texts": rep.texts}


def to_html(rep: Report) -> str:
    """The whole report as one page: inline styles and charts, nothing fetched."""
    return document("survey-report.html.j2", **_context(rep))


def body_html(rep: Report) -> str:
    """The report's content without page or styles (the notebook shows it in a widget)."""
    return document("survey-body.html.j2", **_context(rep))


def notebook_report(session: str = "", data_dir: str = "", lang: str = "en") -> Report:
    """For the notebook: the named session, else the latest one in ``data_dir`` (default: the
    project's ``workshops/``), else made-up answers so that the notebook can be tried out."""

    root = Path(data_dir) if data_dir else (find_project() or Path.cwd()) / "workshops"
    folders = [root / session] if session else session_dirs(root)[-1:]
    if session and not (folders[0] / "store.sqlite").is_file():
        raise FileNotFoundError(folders[0])
    if folders:
        df, surveys, found = r.load_session(folders[0])
        return build_report(df, surveys, lang, found)
    with tempfile.TemporaryDirectory() as tmp:
        df, surveys, _id = r.load_session(write_demo_session(Path(tmp), survey_dicts()))
    return build_report(df, surveys, lang, translate("made-up example answers", lang))
