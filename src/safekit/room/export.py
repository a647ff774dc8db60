"""Export a session's answers as CSV and XLSX, with each exercise kind's points. Exports carry
pseudonyms only: no tokens, no secrets, nothing else that identifies a person."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from safekit.core.bundle import load_bundle
from safekit.core.text import no_formula
from safekit.exercises.registry import BY_NAME, context_for
from safekit.room.aggregate import answered
from safekit.sessions import Store


def _scores(bundle, context, case_id: str, name: str, payload: dict) -> tuple[int | None, int | None]:
    case = bundle.cases.get(case_id)
    if case is None or name not in BY_NAME:
        return None, None
    return BY_NAME[name].points(case, payload, context)


def _redacted(name: str, payload: dict) -> dict:
    """The answer as the export shows it (a note not shared stays private)."""

    return BY_NAME[name].redact(payload) if name in BY_NAME else dict(payload)


def export_rows(folder: Path) -> list[dict]:
    bundle_path = folder / "runtime" / "bundle.json"
    bundle = load_bundle(bundle_path) if bundle_path.is_file() else None
    context = context_for(bundle) if bundle else None
    with Store.for_session_dir(folder) as store:
        session = store.session()
        people = {p.token: p for p in store.participants(session.id)}
        rows = []
        for token, case_id, kind, payload, at in store.all_answers(session.id):
            points, maximum = _scores(bundle, context, case_id, kind, payload) if bundle else (None, None)
            answer = _redacted(kind, payload)
            rows.append(
                {
                    "session": session.id,
                    "pseudonym": people[token].pseudonym if token in people else "",
                    "language": people[token].language if token in people else "",
                    "case": case_id,
                    "exercise": kind,
                    "answered": answered(kind, payload),
                    "points": points,
                    "max": maximum,
                    "answer": json.dumps(answer, ensure_ascii=False, sort_keys=True),
                    "updated": dt.datetime.fromtimestamp(at).isoformat(timespec="seconds"),
                }
            )
    rows.sort(key=lambda r: (r["pseudonym"], r["case"], r["exercise"]))
    # a pseudonym or answer a spreadsheet would run as a formula is written as text
    return [{key: no_formula(value) for key, value in row.items()} for row in rows]


def export_session(folder: Path, out_dir: Path) -> list[Path]:
    rows = export_rows(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(
        rows,
        columns=[
            "session",
            "pseudonym",
            "language",
            "case",
            "exercise",
            "answered",
            "points",
            "max",
            "answer",
            "updated",
        ],
    )
    csv = out_dir / f"{folder.name}-answers.csv"
    xlsx = out_dir / f"{folder.name}-answers.xlsx"
    frame.to_csv(csv, index=False)
    summary = (
        frame.groupby(["case", "exercise"])
        .agg(answered=("answered", "sum"), mean_points=("points", "mean"), max=("max", "max"))
        .reset_index()
    )
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="answers", index=False)
        summary.to_excel(writer, sheet_name="summary", index=False)
    return [csv, xlsx]
