"""Benchmark: recall and false alarms of the anonymisation check (targets in brackets).

On the labelled corpus (tests/authoring/anonymise_corpus/), the held-out corpus written
separately (tests/authoring/anonymise_holdout/) and an independent corpus written by someone who
never saw the check (tests/authoring/anonymise_independent/, and a second one written after the first one's
misses were mended, tests/authoring/anonymise_independent2/): recall per kind of planted detail and per
language [>= 95 %], and the share of passages with a false alarm [<= 5 %]; then every miss
and false alarm, and the time the check takes per passage.

Run: .venv/bin/python bench/anonymise.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # the kit, and tests.support

from tests.support.anonymisation import (  # noqa: E402
    CORPUS,
    HOLDOUT,
    INDEPENDENT,
    INDEPENDENT2,
    Score,
    measure,
    passages,
)


def row(name: str, s: Score) -> str:
    recall = f"{s.recall:6.1%}" if s.planted else "     -"
    return f"  {name:<16} {s.found:>3}/{s.planted:<3} recall {recall}   false alarms {s.false_alarms:>2}/{s.passages:<3} {s.false_alarm_rate:6.1%}"


def main() -> None:
    for title, folder in (
        ("corpus", CORPUS),
        ("held-out corpus", HOLDOUT),
        ("independent corpus (written without seeing the check)", INDEPENDENT),
        ("second independent corpus (written blind, after the first one's misses were mended)", INDEPENDENT2),
    ):
        if not folder.is_dir():
            print(f"{title}: {folder} missing")
            continue
        t = time.perf_counter()
        result = measure(folder)
        took = time.perf_counter() - t
        n = result.total.passages
        print(f"\n{title}: {n} passages ({took:.2f} s, word lists included)")
        print(" per kind:")
        for kind in sorted(result.by_kind):
            print(row(kind, result.by_kind[kind]))
        print(" per language:")
        for lang in sorted(result.by_lang):
            print(row(lang, result.by_lang[lang]))
        print(row("total", result.total))
        for line in result.misses:
            print("  missed:", line)
        for line in result.false_alarms:
            print("  false alarm:", line)
    texts = [p["text"] for p in passages(CORPUS)]
    from safekit.authoring.cases.anonymise import scan

    t = time.perf_counter()
    for _ in range(5):
        for text in texts:
            scan(text)
    print(f"\nscan: {(time.perf_counter() - t) / (5 * len(texts)) * 1e3:.2f} ms per passage")


if __name__ == "__main__":
    main()
