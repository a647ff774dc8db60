"""The registry is the one list of exercise kinds: every kind module is registered, every kind
is translated, and its room aggregate has the one shape the trainer page draws; the app, the
room view and the trainer page never name a kind."""

from __future__ import annotations

import importlib
import pkgutil
import re
from importlib import resources

import pytest

import safekit.exercises
from safekit.core.i18n import available_languages, translate
from safekit.exercises.kind import Context, Kind
from safekit.exercises.registry import BY_NAME, KINDS, exercises_for, graded
from safekit.testing import bundle_for
from tests.conftest import ROOT

NOT_KINDS = {"base", "context", "kind", "registry", "whatnext"}  # the kinds' shared parts
TONES = {None, "key", "good", "partly", "unsafe"}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The whole course library, compiled as a workshop compiles it."""
    return bundle_for(ROOT, tmp_path_factory.mktemp("bundle"))


def test_every_kind_module_exports_one_registered_kind():
    modules = [m.name for m in pkgutil.iter_modules(safekit.exercises.__path__) if m.name not in NOT_KINDS]
    for name in modules:
        module = importlib.import_module(f"safekit.exercises.{name}")
        assert isinstance(getattr(module, "KIND", None), Kind), f"exercises/{name}.py exports no KIND"
        assert module.KIND in KINDS, f"exercises/{name}.py is not registered"
        assert module.KIND.name == module.KIND.widget.kind
    assert len(BY_NAME) == len(KINDS) == len(modules)
    assert [k.name for k in graded()] == ["spot", "assess", "decide"]


@pytest.mark.parametrize("lang", [x for x in available_languages() if x != "en"])
def test_every_kind_title_is_translated(lang):
    for k in KINDS:
        assert translate(k.title, lang) != k.title, f"{k.name}: no {lang} title"


def test_offered_kinds_follow_the_teaching_order(course):
    order = [k.name for k in KINDS]
    for case in course.cases.values():
        offered = exercises_for(case)
        assert offered == sorted(offered, key=order.index)
        assert offered[:3] == ["spot", "assess", "decide"] and offered[-1] == "reflect"
    assert sum("order" in exercises_for(c) for c in course.cases.values()) >= 2


def _check_groups(groups, n: int) -> None:
    assert isinstance(groups, list) and groups
    for g in groups:
        assert set(g) == {"title", "bars"} and isinstance(g["title"], str) and g["title"]
        for b in g["bars"]:
            assert (
                {"label", "count", "pct", "correct"}
                <= set(b)
                <= {"label", "count", "pct", "correct", "tag", "tone"}
            )
            assert isinstance(b["label"], str) and b["label"]
            assert 0 <= b["count"] <= n and 0 <= b["pct"] <= 100
            assert b["correct"] in (True, False, None)
            assert b.get("tone") in TONES and (b.get("tone") is None) == (b.get("tag") is None)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_room_aggregate_is_groups_of_bars_the_trainer_page_draws(course, lang):
    """Each kind's room view, on every case of the library that offers it, fed the answers of
    fresh widgets (what a participant saves before doing anything)."""
    context = Context(catalogue=course.catalogue)
    seen = set()
    for case in course.cases.values():
        for name in exercises_for(case):
            k = BY_NAME[name]
            if k.room is None:
                assert k.personal or k.shares_text, f"{name}: the room would show nothing"
                continue
            answer = k.widget(case, course.catalogue, lang).answer()
            _check_groups(k.room(case, [answer] * 3, lang, context), 3)
            seen.add(name)
    assert seen == {k.name for k in KINDS if k.room is not None}


def test_the_app_room_and_trainer_page_name_no_kind():
    src = ROOT / "src" / "safekit"
    files = [*(src / "room").glob("*.py"), *(src / "apps").glob("*.py"), *(src / "server").rglob("*.py")]
    # the studio edits the case format, whose fields (questions.decide, ...) share names with kinds
    files = [f for f in files if not f.name.startswith("studio")]
    files.append(src / "server" / "share" / "trainer.js")
    for path in files:
        text = path.read_text(encoding="utf-8")
        for k in KINDS:
            assert not re.search(rf"""["']{k.name}["']""", text), f"{path.name} names the kind {k.name}"
    js = resources.files("safekit").joinpath("server", "share", "trainer.js").read_text(encoding="utf-8")
    for key in ("g.title", "g.bars", "b.label", "b.count", "b.pct", "b.correct", "b.tag", "b.tone"):
        assert key in js
    for mode in ("personal", "bars"):
        assert f'x.mode === "{mode}"' in js
