"""The anonymisation lint on passages with planted identifiers: precision and recall."""

from __future__ import annotations

from pathlib import Path

from safekit.authoring.cases.anonymise import first_names, lowercase_words, scan
from safekit.authoring.yamlio import load_data

FIXTURE = Path(__file__).parent / "files" / "anonymisation.yaml"


def measure():
    data = load_data(FIXTURE)
    declared = frozenset(data["declared"])
    common = lowercase_words([p["text"] for p in data["passages"]])
    tp = fp = fn = 0
    misses, false_alarms = [], []
    for p in data["passages"]:
        found = scan(p["text"], declared, common)
        planted = list(p["planted"])
        for f in found:
            hit = next((x for x in planted if f.text in x or x in f.text), None)
            if hit is not None:
                tp += 1
                planted.remove(hit)
            else:
                fp += 1
                false_alarms.append((p["text"], f.kind, f.text))
        fn += len(planted)
        misses += [(p["text"], x) for x in planted]
    return tp, fp, fn, misses, false_alarms


def test_precision_and_recall(capsys):
    tp, fp, fn, misses, false_alarms = measure()
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    with capsys.disabled():
        print(
            f"\nanonymisation lint: {tp} found, {fp} false alarms, {fn} missed; "
            f"precision {precision:.2f}, recall {recall:.2f}"
        )
    assert recall >= 0.95, misses
    assert precision >= 0.9, false_alarms


def test_the_name_list_is_real_locale_data():
    names = first_names()
    assert len(names) > 5000
    for name in ("Maria", "Johan", "Fatima", "Ahmed", "Olga", "Chinedu"):
        assert name in names


def test_declared_fictional_names_pass():
    assert scan("Amira met Johan.", frozenset({"Amira", "Johan"})) == []
    assert [f.text for f in scan("Amira met Johan.", frozenset({"Amira"}))] == ["Johan"]
