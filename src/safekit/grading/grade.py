"""``safekit grade``: autograde every submission of an assessment with nbgrader, in parallel
workers that each write their own gradebook copy, then merge the copies into the course's
gradebook and collect the scores per question and per signal."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import selectors
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

from safekit.authoring.catalogue import load_catalogue
from safekit.authoring.syllabus import load_syllabus
from safekit.authoring.translations import draft_languages
from safekit.core.text import loc
from safekit.documents.sheets import mark_drafts
from safekit.grading import report
from safekit.grading.build import CONFIG_FILE, SOURCE, assessment_cases, config_text, nbgrader, nbgrader_env

GRADEBOOK = "gradebook.db"


class GradingError(RuntimeError):
    pass


@dataclass
class Outcome:
    graded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def prepare(course: Path, project: Path, assessment_id: str) -> None:
    """Put the project's source of the assessment into the course folder and register it in the
    gradebook (only when the source changed since the last time)."""
    source = project / SOURCE / assessment_id
    if not (source / f"{assessment_id}.ipynb").is_file():
        raise GradingError(f"{source}: no source notebook; run `safekit build` first")
    course.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    for path in sorted(source.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    stamp = course / SOURCE / f".{assessment_id}.built"
    if stamp.is_file() and stamp.read_text() == digest.hexdigest() and (course / GRADEBOOK).is_file():
        return
    ids = {assessment_id} | {p.name for p in (course / SOURCE).glob("*") if p.is_dir()}
    (course / CONFIG_FILE).write_text(config_text(sorted(ids)), encoding="utf-8")
    shutil.rmtree(course / SOURCE / assessment_id, ignore_errors=True)
    shutil.copytree(source, course / SOURCE / assessment_id)
    done = nbgrader("generate_assignment", assessment_id, "--force", cwd=course, db=course / GRADEBOOK)
    if done.returncode != 0:
        raise GradingError(done.stdout + done.stderr)
    stamp.write_text(digest.hexdigest())


def submissions(course: Path, assessment_id: str) -> list[str]:
    root = course / "submitted"
    return (
        sorted(p.parent.name for p in root.glob(f"*/{assessment_id}") if p.is_dir()) if root.is_dir() else []
    )


def autograde(
    course: Path,
    assessment_id: str,
    students: list[str],
    workers: int | None = None,
    progress: Callable[[dict], None] | None = None,
) -> Outcome:
    """Grade ``students`` in ``workers`` processes (default: one more than the cores, as each
    worker spends much of its time waiting for its kernel). A submission whose grading failed
    is graded once more on its own, after the others: a kernel that did not start in a busy
    moment is not the participant's fault."""

    started = time.perf_counter()

    def first_pass(report: dict) -> None:
        if progress:
            progress(report if report["ok"] else {**report, "again": True})

    outcome = _autograde(course, assessment_id, students, workers, first_pass, "grade-worker")
    if outcome.failed:
        again = _autograde(course, assessment_id, sorted(outcome.failed), 1, progress, "grade-again")
        outcome.graded += again.graded
        outcome.failed = again.failed
    outcome.seconds = time.perf_counter() - started
    return outcome


def _autograde(
    course: Path,
    assessment_id: str,
    students: list[str],
    workers: int | None,
    progress: Callable[[dict], None] | None,
    log_name: str,
) -> Outcome:
    workers = max(1, min(workers or (os.cpu_count() or 1) + 1, len(students) or 1))
    outcome = Outcome()
    main_db = course / GRADEBOOK
    with tempfile.TemporaryDirectory(prefix="safekit-grade-") as tmp:
        procs = []
        for n in range(workers):
            share = students[n::workers]
            if not share:
                continue
            copy = Path(tmp) / f"gradebook-{n}.db"
            _backup(main_db, copy)
            cmd = [
                sys.executable,
                "-m",
                "safekit.grading.worker",
                str(course),
                assessment_id,
                str(copy),
                *share,
            ]
            log = (course / "logs").mkdir(exist_ok=True) or (course / "logs" / f"{log_name}-{n}.log").open(
                "w"
            )
            proc = subprocess.Popen(
                cmd, cwd=course, env=nbgrader_env(), stdout=subprocess.PIPE, stderr=log, text=True
            )
            log.close()
            procs.append((proc, copy, share))
        for line in _lines(procs):
            report = json.loads(line)
            (outcome.graded.append(report["student"]) if report["ok"] else None)
            if not report["ok"]:
                outcome.failed[report["student"]] = report["error"]
            if progress:
                progress(report)
        for proc, copy, share in procs:
            proc.stdout.close()
            if proc.wait() != 0:
                for student in share:
                    if student not in outcome.graded:
                        outcome.failed.setdefault(student, "the grading process stopped")
            _merge(main_db, copy, [s for s in share if s in outcome.graded], assessment_id)
    return outcome


def _lines(procs):
    """Report lines from all workers as they arrive."""

    sel = selectors.DefaultSelector()
    for proc, _copy, _share in procs:
        sel.register(proc.stdout, selectors.EVENT_READ)
    open_streams = len(procs)
    while open_streams:
        for key, _ in sel.select():
            line = key.fileobj.readline()
            if not line:
                sel.unregister(key.fileobj)
                open_streams -= 1
            elif line.startswith("{"):
                yield line


def _backup(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def _merge(main_db: Path, copy: Path, students: list[str], assessment_id: str) -> None:
    """Move the graded students' submissions from a worker's copy into the gradebook, through
    nbgrader's gradebook API: the old submission is removed, a new one made, and its scores,
    comments and flags copied."""
    if not students:
        return

    with Gradebook(f"sqlite:///{copy}") as worker, Gradebook(f"sqlite:///{main_db}") as gradebook:
        for student in students:
            done = worker.find_submission(assessment_id, student)
            who = done.student
            gradebook.update_or_create_student(
                student,
                first_name=who.first_name,
                last_name=who.last_name,
                email=who.email,
                lms_user_id=who.lms_user_id,
            )
            with contextlib.suppress(MissingEntry):  # graded before: replaced
                gradebook.remove_submission(assessment_id, student)
            with warnings.catch_warnings():
                # SQLAlchemy warns while nbgrader builds the submission's rows (as it does in
                # nbgrader's own autograde); the submission it adds is complete
                warnings.filterwarnings("ignore", "Object of type <.*> not in session", SAWarning)
                gradebook.add_submission(
                    assessment_id, student, timestamp=done.timestamp, extension=done.extension
                )
            for notebook in done.notebooks:
                into = gradebook.find_submission_notebook(notebook.name, assessment_id, student)
                into.flagged = notebook.flagged
                into.late_submission_penalty = notebook.late_submission_penalty
                for grade in notebook.grades:
                    to = gradebook.find_grade(grade.name, notebook.name, assessment_id, student)
                    to.auto_score, to.manual_score = grade.auto_score, grade.manual_score
                    to.extra_credit, to.needs_manual_grade = grade.extra_credit, grade.needs_manual_grade
                for comment in notebook.comments:
                    to = gradebook.find_comment(comment.name, notebook.name, assessment_id, student)
                    to.auto_comment, to.manual_comment = comment.auto_comment, comment.manual_comment
            gradebook.db.commit()


def grade_assessment(
    project: Path,
    course: Path,
    assessment_id: str,
    *,
    workers: int | None = None,
    feedback: bool = False,
    with_certificates: bool = False,
    pass_mark: int = 50,
    out: Path | None = None,
    lang: str = "en",
    progress: Callable[[dict], None] | None = None,
) -> dict:
    """Grade every submission of an assessment and write the trainer's tables."""

    assessments, cases = assessment_cases(project)
    assessment = next((a for a in assessments if a["id"] == assessment_id), None)
    if assessment is None:
        known = ", ".join(a["id"] for a in assessments) or "-"
        raise GradingError(f"no assessment '{assessment_id}' in syllabus.yaml (known: {known})")
    prepare(course, project, assessment_id)
    students = submissions(course, assessment_id)
    if not students:
        raise GradingError(f"no submissions in {course / 'submitted'}/*/{assessment_id}")
    outcome = autograde(course, assessment_id, students, workers=workers, progress=progress)
    files: list[Path] = []
    if feedback:
        done = nbgrader("generate_feedback", assessment_id, "--force", cwd=course, db=course / GRADEBOOK)
        if done.returncode != 0:
            raise GradingError(done.stdout + done.stderr)
        files.append(course / "feedback")
    used = {c: cases[c] for c in assessment["cases"]}
    rows = report.collect(course, assessment_id, used, lang)
    out = out or course / "reports"
    files += report.write_tables(rows, out, assessment_id)
    stats = report.summary(rows, used, load_catalogue(), lang)
    text = report.summary_text(stats, lang)
    summary_file = out / f"{assessment_id}-summary.txt"
    summary_file.write_text(text + "\n", encoding="utf-8")
    files.append(summary_file)
    if with_certificates:
        mark_drafts(draft_languages(project, [lang]))
        title = loc(load_syllabus(project).title, lang)
        files += report.certificates(rows, out, title, loc(assessment["title"], lang), lang, pass_mark)
    return {"outcome": outcome, "rows": rows, "summary": stats, "text": text, "files": files}
