"""Benchmark: how long `safekit validate` takes on the whole library [target: under 2 s].

Runs the command as an author does, in a fresh process each time: first with an empty cache
folder (cold: every check runs), then again (warm: the anonymisation and language findings of
unchanged files are reused), then after one case file changed. Prints the wall-clock times, the
median of --runs runs each.

Run: .venv/bin/python bench/validate.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAFEKIT = [sys.executable, "-m", "safekit.cli"]


def run(env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([*SAFEKIT, "validate"], cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"validate failed:\n{done.stdout}{done.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cases = len(list((ROOT / "cases").glob("*.yaml")))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SAFEKIT_NO_CACHE", None)
    cold, warm, one_changed = [], [], []
    case = sorted((ROOT / "cases").glob("*.yaml"))[0]
    for _ in range(args.runs):
        cache = Path(tempfile.mkdtemp(prefix="safekit-bench-cache-"))
        env["XDG_CACHE_HOME"] = str(cache)
        cold.append(run(env))
        warm.append(run(env))
        original = case.read_bytes()
        try:
            case.write_bytes(original + b"\n# a comment, so the file changed\n")
            one_changed.append(run(env))
        finally:
            case.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)
    print(f"safekit validate on {cases} cases, median of {args.runs} run(s), wall clock [target < 2 s]:")
    print(f"  cold (empty cache)          {statistics.median(cold):5.2f} s")
    print(f"  warm (nothing changed)      {statistics.median(warm):5.2f} s")
    print(f"  warm, one case file changed {statistics.median(one_changed):5.2f} s")


if __name__ == "__main__":
    main()
