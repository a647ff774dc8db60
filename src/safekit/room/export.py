"""Export, list and purge workshop sessions. Exports carry pseudonyms only: no tokens, no
secrets, nothing else that identifies a person."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from safekit.store import Store

RETENTION_DAYS = 30


@dataclass(frozen=True)
class SessionInfo:
    id: str
    folder: Path
    created_at: float
    participants: int
    answers: int

    @property
    def age_days(self) -> float:
        return (time.time() - self.created_at) / 86400

    @property
    def expired(self) -> bool:
        return self.age_days > RETENTION_DAYS


def list_sessions(data_dir: Path) -> list[SessionInfo]:
    from safekit.server.sessions import session_dirs

    out = []
    for folder in session_dirs(data_dir):
        with Store.for_session_dir(folder) as store:
            s = store.session()
            if s is None:
                continue
            out.append(
                SessionInfo(s.id, folder, s.created_at, store.count("participant"), store.count("answer"))
            )
    return out


def session_folder(data_dir: Path, session_id: str) -> Path:
    folder = (data_dir / session_id).resolve()
    if folder.parent != data_dir.resolve() or not (folder / Store.FILENAME).is_file():
        raise FileNotFoundError(session_id)
    return folder


def _scores(bundle, case_id: str, name: str, payload: dict) -> tuple[int | None, int | None]:
    from safekit.exercises.registry import BY_NAME, context_for

    case = bundle.cases.get(case_id)
    if case is None or name not in BY_NAME:
        return None, None
    return BY_NAME[name].points(case, payload, context_for(bundle))


def _redacted(name: str, payload: dict) -> dict:
    """The answer as the export shows it (a note not shared stays private)."""
    from safekit.exercises.registry import BY_NAME

    return BY_NAME[name].redact(payload) if name in BY_NAME else dict(payload)


def export_rows(folder: Path) -> list[dict]:
    from safekit.room.aggregate import answered
    from safekit.runtime.bundle import load_bundle

    bundle_path = folder / "runtime" / "bundle.json"
    bundle = load_bundle(bundle_path) if bundle_path.is_file() else None
    with Store.for_session_dir(folder) as store:
        session = store.session()
        people = {p.token: p for p in store.participants(session.id)}
        rows = []
        for token, case_id, kind, payload, at in store.all_answers(session.id):
            points, maximum = _scores(bundle, case_id, kind, payload) if bundle else (None, None)
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
    return sorted(rows, key=lambda r: (r["pseudonym"], r["case"], r["exercise"]))


def _no_formula(value: str) -> str:
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_session(folder: Path, out_dir: Path) -> list[Path]:
    import pandas as pd

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


def purge_session(folder: Path) -> dict[str, int]:
    """Delete a session's folder for good; return what it held."""
    with Store.for_session_dir(folder) as store:
        counts = {t: store.count(t) for t in ("participant", "answer", "event")}
    files = [p for p in folder.rglob("*") if p.is_file()]
    counts["files"] = len(files)
    shutil.rmtree(folder)
    return counts
