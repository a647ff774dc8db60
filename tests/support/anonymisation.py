"""Measuring the anonymisation check on labelled passages (tests/authoring/anonymise_corpus/
and the held-out tests/authoring/anonymise_holdout/): recall per kind of planted detail and
false alarms, per kind and per language. Used by the test of the targets and by
bench/anonymise.py."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from safekit.authoring.cases.anonymise import scan

HERE = Path(__file__).resolve().parents[1] / "authoring"
CORPUS = HERE / "anonymise_corpus"
HOLDOUT = HERE / "anonymise_holdout"
# written by someone who never saw the check's code or the other corpora, and never tuned against
INDEPENDENT = HERE / "anonymise_independent"
# written later, again by someone who never saw the check, after the misses of the first were mended
INDEPENDENT2 = HERE / "anonymise_independent2"


def passages(folder: Path) -> list[dict]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                item["where"] = f"{path.name}:{n}"
                out.append(item)
    return out


@dataclass
class Score:
    planted: int = 0
    found: int = 0
    passages: int = 0  # passages that could raise a false alarm (all of them)
    false_alarms: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.passages if self.passages else 0.0


@dataclass
class Result:
    by_kind: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_lang: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    total: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def measure(folder: Path) -> Result:
    """A planted detail counts as found when a finding overlaps it; any finding that overlaps
    no planted detail is a false alarm of its passage (a clean passage has none planted)."""
    result = Result()
    for p in passages(folder):
        text, kind = p["text"], p.get("kind", "clean")
        found = scan(text, p.get("declared", []))
        span = None
        if not p.get("clean"):
            at = text.find(p["detail"])
            assert at >= 0, f"{p['where']}: detail not in text"
            span = (at, at + len(p["detail"]))
        hit = span is not None and any(f.start < span[1] and span[0] < f.end for f in found)
        extra = [f for f in found if span is None or not (f.start < span[1] and span[0] < f.end)]
        for score in (result.by_kind[kind], result.by_lang[p["lang"]], result.total):
            score.passages += 1
            score.false_alarms += bool(extra)
            if span is not None:
                score.planted += 1
                score.found += hit
        if span is not None and not hit:
            result.misses.append(f"{p['where']} {kind} {p['detail']!r}: {text}")
        for f in extra:
            result.false_alarms.append(f"{p['where']} {f.kind} {f.text!r}: {text}")
    return result
