"""Benchmark: grading an assessment (issue target in brackets).

Lays out N submissions of the course's real assessment (every behaviour of the submission
matrix in turn), then grades the same submissions twice, in the same run:

- stock: one ``nbgrader autograde ASSESSMENT`` call, which grades them one after the other;
- safekit: ``safekit.grading.grade.autograde`` (parallel workers on gradebook copies, merged).

Prints both times, the ratio [<= 0.5], seconds per submission, and checks that both
gradebooks hold the same score for every grade cell.

Run: .venv/bin/python bench/grading.py [--submissions 40] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # the kit, and tests.support

from safekit.grading.build import assessment_cases, nbgrader  # noqa: E402
from safekit.grading.grade import GRADEBOOK, autograde, prepare, submissions  # noqa: E402
from safekit.grading.report import gradebook_scores  # noqa: E402
from tests.support.matrix import BEHAVIOURS, answers_file  # noqa: E402


def lay_out(course: Path, n: int) -> str:
    assessments, cases = assessment_cases(ROOT)
    a = assessments[0]
    used = [cases[c] for c in a["cases"]]
    prepare(course, ROOT, a["id"])
    release = ROOT / "exercises" / a["id"] / f"{a['id']}.ipynb"
    for i in range(n):
        behaviour = BEHAVIOURS[i % len(BEHAVIOURS)]
        folder = course / "submitted" / f"p{i:02d}-{behaviour}" / a["id"]
        folder.mkdir(parents=True)
        shutil.copy(release, folder)
        (folder / "answers.json").write_text(
            json.dumps(answers_file(a["id"], used, behaviour, "en" if i % 2 else "nl"))
        )
    return a["id"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safekit-bench-grading-") as tmp:
        stock_dir, ours_dir = Path(tmp) / "stock", Path(tmp) / "ours"
        assessment = lay_out(stock_dir, args.submissions)
        shutil.copytree(stock_dir, ours_dir)

        started = time.perf_counter()
        done = nbgrader("autograde", assessment, cwd=stock_dir, db=stock_dir / GRADEBOOK)
        stock = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(done.stderr[-2000:])

        outcome = autograde(ours_dir, assessment, submissions(ours_dir, assessment), workers=args.workers)
        if outcome.failed:
            sys.exit(f"failed: {outcome.failed}")
        ours = outcome.seconds

        same = gradebook_scores(stock_dir, assessment) == gradebook_scores(ours_dir, assessment)
        n = args.submissions
        print(f"submissions: {n} of '{assessment}' (3 grade cells each)")
        print(f"stock nbgrader autograde (serial): {stock:.1f} s ({stock / n:.2f} s per submission)")
        print(f"safekit parallel grading:          {ours:.1f} s ({ours / n:.2f} s per submission)")
        print(f"ratio: {ours / stock:.2f}x  [target <= 0.5x]")
        print(f"same score in every grade cell: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
