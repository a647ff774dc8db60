"""Reading YAML: libyaml for speed, with the same result and the same line positions as ruamel's
round-trip reader, and YAML 1.2 rules (``yes`` and ``no`` are words)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from safekit.authoring.yamlio import line_of, load_file, load_text, to_plain
from tests.conftest import ROOT

DATA = ROOT / "src" / "safekit" / "data"
FILES = sorted(  # the new-case templates are text templates, YAML only once filled in
    [
        *ROOT.glob("cases/*.yaml"),
        ROOT / "syllabus.yaml",
        *(p for p in DATA.rglob("*.yaml") if p.parent.name != "new"),
    ]
)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_file_reads_as_ruamel_reads_it(path):
    ours = load_file(path)
    theirs = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    assert to_plain(ours) == to_plain(theirs)

    def positions(node, loc=()):  # every key's line, as ruamel has it
        if isinstance(node, dict):
            for k, v in node.items():
                yield (*loc, k), node.lc.key(k)[0]
                yield from positions(v, (*loc, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield (*loc, i), node.lc.item(i)[0]
                yield from positions(v, (*loc, i))

    for loc, line in positions(theirs):
        assert line_of(ours, loc) == line + 1, loc


def test_yaml_1_2_words_stay_words():
    data = load_text("a: yes\nb: no\nc: on\nd: 2026-11-27\ne: 3\nf: true\ng:\n", Path("x.yaml"))
    assert data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": dt.date(2026, 11, 27),
        "e": 3,
        "f": True,
        "g": None,
    }
