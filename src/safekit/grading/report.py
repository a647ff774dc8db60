"""The trainer's results of an assessment: one row per submission with a column per question
(nbgrader's scores from the gradebook) and per signal (whether it was found), a summary, and
certificates of completion. Pseudonyms only."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from safekit.core.i18n import translate
from safekit.documents.handouts import document, write_page
from safekit.documents.sheets import percent
from safekit.grading.score import ANSWERS_FILE, QUESTIONS, AnswersError, question_max, read_answers, signals
from safekit.grading.submit import PARTICIPANT_FILE

BANDS = ((0, 50), (50, 70), (70, 85), (85, 101))


def gradebook_scores(course: Path, assessment_id: str) -> dict[str, dict[str, float]]:
    """student -> grade cell -> score, as nbgrader stored them."""
    con = sqlite3.connect(course / "gradebook.db")
    try:
        rows = con.execute(
            "SELECT s.student_id, b.name, COALESCE(g.manual_score, g.auto_score, 0) + COALESCE(g.extra_credit, 0) "
            "FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id "
            "JOIN submitted_assignment s ON n.assignment_id = s.id "
            "JOIN assignment a ON s.assignment_id = a.id JOIN base_cell b ON b.id = g.cell_id "
            "WHERE a.name = ?",
            (assessment_id,),
        ).fetchall()
    finally:
        con.close()
    out: dict[str, dict[str, float]] = {}
    for student, cell, score in rows:
        out.setdefault(student, {})[cell] = score
    return out


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def collect(
    course: Path, assessment_id: str, cases: dict[str, dict], lang: str = "en"
) -> list[dict[str, Any]]:
    """One row per submission (graded or not)."""
    scores = gradebook_scores(course, assessment_id)
    maximum = sum(question_max(case, q) for case in cases.values() for q in QUESTIONS)
    rows = []
    for folder in sorted((course / "submitted").glob(f"*/{assessment_id}")):
        student = folder.parent.name
        graded = course / "autograded" / student / assessment_id
        answers_at = graded / ANSWERS_FILE if (graded / ANSWERS_FILE).is_file() else folder / ANSWERS_FILE
        row: dict[str, Any] = {
            "pseudonym": _read_json(folder / PARTICIPANT_FILE).get("pseudonym", student),
            "student": student,
            "submitted_at": (folder / "timestamp.txt").read_text().strip()
            if (folder / "timestamp.txt").is_file()
            else "",
        }
        note = ""
        try:
            answers = read_answers(answers_at)
        except AnswersError as exc:
            answers, note = {}, str(exc)
        graded_cells = scores.get(student)
        if graded_cells is None:
            note = "; ".join(filter(None, [note, translate("not graded yet", lang)]))
        total = 0.0
        for case_id in cases:
            for question in QUESTIONS:
                score = (graded_cells or {}).get(f"{case_id}-{question}")
                row[f"{case_id}:{question}"] = score
                total += score or 0
        row.update(signals(cases, answers))
        row.update(
            total=total, max=maximum, percent=round(100 * total / maximum) if maximum else 0, note=note
        )
        rows.append(row)
    return rows


def summary(
    rows: list[dict[str, Any]], cases: dict[str, dict], catalogue, lang: str = "en"
) -> dict[str, Any]:
    graded = [r for r in rows if "not graded" not in r["note"] and r["total"] is not None]
    percents = sorted(r["percent"] for r in graded)
    bands = {f"{lo}–{min(hi, 100)}%": sum(lo <= p < hi for p in percents) for lo, hi in BANDS}
    missed = []
    for case_id, case in cases.items():
        for e in case["evidence"]:
            key = f"{case_id}:signal:{e['indicator']}"
            n = sum(1 for r in graded if not r.get(key))
            missed.append((n, catalogue.label(e["indicator"], lang), case_id))
    missed.sort(key=lambda x: (-x[0], x[1]))
    unsafe = sum(1 for r in graded for case_id in cases if r.get(f"{case_id}:decide") == 0)
    return {
        "submissions": len(rows),
        "graded": len(graded),
        "mean": round(sum(percents) / len(percents)) if percents else 0,
        "median": percents[len(percents) // 2] if percents else 0,
        "bands": bands,
        "most_missed": [
            {"signal": label, "case": case, "missed_by": n} for n, label, case in missed[:5] if n
        ],
        "first_step_without_points": unsafe,
    }


def summary_text(s: dict[str, Any], lang: str) -> str:
    t = translate
    lines = [
        t(
            "{graded} of {submissions} submission(s) graded.",
            lang,
            graded=s["graded"],
            submissions=s["submissions"],
        ),
        t(
            "Mean score {mean}, median {median}.",
            lang,
            mean=percent(s["mean"], lang),
            median=percent(s["median"], lang),
        ),
        t("Score distribution:", lang),
        *(f"  {band:>9}  {'█' * n} {n}" for band, n in s["bands"].items()),
    ]
    if s["most_missed"]:
        lines.append(t("Signals most often missed:", lang))
        lines += [
            "  " + t("{signal} (missed by {n})", lang, signal=m["signal"], n=m["missed_by"])
            for m in s["most_missed"]
        ]
    lines.append(
        t("First step that earned no points: {n} submission(s).", lang, n=s["first_step_without_points"])
    )
    return "\n".join(lines)


def write_tables(rows: list[dict[str, Any]], out: Path, assessment_id: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    df = pd.DataFrame(rows)
    csv, xlsx = out / f"{assessment_id}-scores.csv", out / f"{assessment_id}-scores.xlsx"
    df.to_csv(csv, index=False)
    df.to_excel(xlsx, index=False)
    return [csv, xlsx]


def certificates(
    rows: list[dict[str, Any]],
    out: Path,
    course_title: str,
    assessment_title: str,
    lang: str,
    pass_mark: int = 50,
    pdf: bool = True,
) -> list[Path]:
    """A certificate of completion per graded submission that reached ``pass_mark`` percent:
    pseudonym printed, a line for the trainer to write the participant's name by hand (the kit
    never holds names)."""

    folder = out / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    today = dt.date.today().isoformat()
    for row in rows:
        if row["note"] or row["percent"] < pass_mark:
            continue
        html = document(
            "certificate.html.j2",
            lang=lang,
            course_title=course_title,
            assessment_title=assessment_title,
            pseudonym=row["pseudonym"],
            date=today,
        )
        written += write_page(folder / f"{row['student']}.html", html, pdf)
    return written
