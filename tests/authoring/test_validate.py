"""The validator: a matrix of broken files with their exact messages, and random input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safekit.authoring.cases.validate import check_file, check_paths

FILES = Path(__file__).parent / "files"
BROKEN = FILES / "broken"
LANGS = ("en", "nl")


def expected() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines():
        out.setdefault(line.split(":", 1)[0], []).append(line)
    return out


def test_minimal_valid_case_has_no_problems():
    cases, problems = check_paths([FILES / "minimal-valid.yaml"], LANGS)
    assert problems == []
    assert cases[0].id == "minimal-valid"


def test_every_broken_file_has_an_expectation():
    assert sorted(expected()) == sorted(p.name for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(expected()))
def test_broken_file_gives_exact_messages(name):
    _case, problems = check_file(BROKEN / name, LANGS)
    got = [str(p).replace(f"{BROKEN}/", "") for p in problems]
    assert got == expected()[name]


def test_third_language_is_required_when_the_course_has_one():
    _case, problems = check_file(FILES / "minimal-valid.yaml", ("en", "nl", "fr"))
    assert problems and all("language 'fr'" in p.message for p in problems)
    assert len(problems) > 20  # every text of the case


def test_duplicate_case_ids_across_folders(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "minimal-valid.yaml").write_text((FILES / "minimal-valid.yaml").read_text())
    _cases, problems = check_paths([tmp_path / "a", tmp_path / "b"], LANGS)
    assert [p.message for p in problems] == [
        f"duplicate case id 'minimal-valid' (also in {tmp_path / 'a' / 'minimal-valid.yaml'})"
    ]


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_random_text_gives_clean_problems(tmp_path, text):
    path = tmp_path / "random-case.yaml"
    path.write_text(text, encoding="utf-8")
    case, problems = check_file(path, LANGS)
    assert case is None and problems
    assert all(p.path == path and p.line >= 1 and p.message for p in problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "schema_version",
                "id",
                "title",
                "stages",
                "evidence",
                "person",
                "questions",
                "forms",
                "module",
                "x",
            ]
        ),
        yaml_values,
        max_size=8,
    )
)
def test_random_yaml_structures_give_clean_problems(tmp_path, data):
    from ruamel.yaml import YAML

    data.setdefault("schema_version", 1)
    path = tmp_path / "random-structure.yaml"
    with path.open("w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(data, fh)
    case, problems = check_file(path, LANGS)
    assert case is None and problems
    assert all(str(p).startswith(f"{path}:") for p in problems)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (lambda s: s[:2], "questions.order.steps: needs at least 3 items"),
        (lambda s: [*s, *s[:3]], "questions.order.steps: may have at most 8 items"),
        (lambda s: [*s[:3], s[0]], "questions.order.steps[3].id: duplicate step id 'keep-apart'"),
    ],
)
def test_steps_to_order_are_three_to_eight_with_unique_ids(tmp_path, steps, message):
    from ruamel.yaml import YAML

    from tests.conftest import ROOT

    yaml = YAML()
    name = "girl-with-uncle-airport.yaml"
    case = yaml.load((ROOT / "cases" / name).read_text(encoding="utf-8"))
    assert check_file(ROOT / "cases" / name, LANGS)[1] == []
    order = case["questions"]["order"]
    order["steps"] = steps(list(order["steps"]))
    with (tmp_path / name).open("w", encoding="utf-8") as fh:
        yaml.dump(case, fh)
    _case, problems = check_file(tmp_path / name, LANGS)
    assert [f"{p.field}: {p.message}" for p in problems] == [message]
