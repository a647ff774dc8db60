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


# -- plain-language messages: one problem per cause, at the right line -----------------------


def _variant(tmp_path, old: str, new: str, name: str = "minimal-valid") -> Path:
    text = (FILES / "minimal-valid.yaml").read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / f"{name}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in check_file(path, LANGS)[1]]


def test_a_country_code_in_lower_case_is_told_to_use_capitals(tmp_path):
    path = _variant(
        tmp_path,
        "  origin_region: eastern-europe\n",
        "  origin_region: eastern-europe\n  return_country: mk\n",
    )
    assert _problems(path) == [
        "12: person.return_country: use the two-letter country code in capitals, e.g. NL, HU, BG or MK"
    ]


def test_a_plain_string_where_a_text_per_language_is_needed(tmp_path):
    path = _variant(
        tmp_path,
        "title:\n  en: A small valid case\n  nl: Een kleine geldige casus\n",
        "title: A small valid case\n",
    )
    assert _problems(path) == [
        "3: title: write one text per language, each on its own line under the field: en: … and nl: …"
    ]


def test_a_colon_inside_a_sentence_says_what_to_do(tmp_path):
    path = _variant(tmp_path, "  en: A small valid case\n", "  en: A small: valid case\n")
    (problem,) = _problems(path)
    assert problem.startswith(
        "4: (yaml): malformed YAML: a colon followed by a space inside a text: put the whole text"
    )


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    path = _variant(
        tmp_path, "      en: Sixteen-hour days are excessive.", '      en: "Sixteen-hour days are excessive.'
    )
    (problem,) = _problems(path)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"Sixteen' in text)
    assert problem.startswith(
        f"{line}: (yaml): malformed YAML: a quotation mark opened on this line is never closed"
    )


def test_a_dedented_line_of_text_is_reported_where_it_is(tmp_path):
    path = _variant(tmp_path, "        for little pay. An agency", "for little pay. An agency")
    (problem,) = _problems(path)
    line = next(
        i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("for little pay")
    )
    assert problem.startswith(
        f"{line}: (yaml): malformed YAML: this line is not indented like the text above it"
    )


def test_a_forced_labour_id_is_explained_not_matched_to_another_family(tmp_path):
    path = _variant(tmp_path, "indicator: cd_debt_bondage", "indicator: fl_debt_bondage")
    (problem,) = _problems(path)
    assert (
        "'fl_debt_bondage' is one of the ILO indicators of forced labour, not a trafficking indicator"
        in problem
    )
    assert "'cd_debt_bondage'" in problem  # an indicator linked to it
    typo = _variant(
        tmp_path, "indicator: cd_debt_bondage", "indicator: cd_debt_bondge", "typo-dir/minimal-valid"
    )
    assert [p.split(": ", 2)[2] for p in _problems(typo)] == [
        "unknown indicator 'cd_debt_bondge' (did you mean 'cd_debt_bondage'?)"
    ]


def test_a_decision_step_needs_a_good_option_and_points_that_follow_the_verdicts(tmp_path):
    path = _variant(tmp_path, "verdict: good\n          points: 3", "verdict: partly\n          points: 0")
    problems = _problems(path)
    assert any(
        p.endswith("questions.decide[0].options: this step has no option with verdict: good")
        for p in problems
    )
    assert any(
        "questions.decide[0].options[0].points: a 'partly' option is worth 0 point(s), no more than the 'unsafe'"
        in p
        for p in problems
    )


def test_a_strong_signal_is_not_worth_fewer_points_than_a_weak_one(tmp_path):
    path = _variant(
        tmp_path,
        "      nl: Lange dagen voor weinig geld.\n",
        "      nl: Lange dagen voor weinig geld.\n    points: 3\n",
    )
    problems = _problems(path)
    assert problems and all("worth fewer points (1 against 3)" in p for p in problems)
    assert all(".points:" in p for p in problems)


def test_english_pasted_into_the_dutch_field(tmp_path):
    english = (
        "Keeping someone's passport is a way of controlling them, because without it a worker cannot travel, "
        "change jobs or prove who they are."
    )
    path = _variant(tmp_path, "      nl: Iemands paspoort vasthouden is controle.", f"      nl: {english}")
    (problem,) = _problems(path)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if english in text)
    assert (
        problem
        == f"{line}: evidence[1].explanation.nl: this text reads as en, not nl: is it in the right field?"
    )


def test_all_plan_items_inappropriate_is_named_as_such(tmp_path):
    from safekit.authoring.scaffold import new_case

    (tmp_path / "cases").mkdir()
    path = new_case(tmp_path, "a-future", module="safe-future")
    text = path.read_text(encoding="utf-8")
    assert "appropriate: true" in text  # the template validates as it is created
    assert check_file(path, LANGS)[1] == []
    path.write_text(text.replace("appropriate: true", "appropriate: false"), encoding="utf-8")
    messages = [p.message for p in check_file(path, LANGS)[1]]
    assert messages == ["every plan item is marked appropriate: false; at least one must belong in the plan"]


def test_template_text_left_in_place_is_advice(tmp_path):
    from safekit.authoring.scaffold import new_case

    (tmp_path / "cases").mkdir()
    path = new_case(tmp_path, "fresh-case")
    warnings: list = []
    _case, problems = check_file(path, LANGS, warnings)
    assert problems == []
    assert any("template text or TODO still here" in w.message for w in warnings)


def test_the_slow_checks_are_kept_per_file_and_redone_when_it_changes(tmp_path, monkeypatch):
    """The anonymisation and language findings are reused while the file is unchanged, and found
    afresh as soon as it changes; the results are the same with and without the cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SAFEKIT_NO_CACHE", raising=False)
    path = _variant(tmp_path, "keeps his passport.", "keeps his passport. Call +31 6 1234 5678.")
    cold = _problems(path)
    assert any("+31 6 1234 5678" in p for p in cold)
    assert len(list((tmp_path / "cache" / "safekit" / "validate").glob("*.json"))) == 1
    assert _problems(path) == cold  # warm: the same findings
    path.write_text(
        path.read_text(encoding="utf-8").replace("+31 6 1234 5678", "the office"), encoding="utf-8"
    )
    assert not any("identifying" in p for p in _problems(path))  # changed: checked again
    monkeypatch.setenv("SAFEKIT_NO_CACHE", "1")
    path.write_text(
        path.read_text(encoding="utf-8").replace("the office", "+31 6 1234 5678"), encoding="utf-8"
    )
    assert _problems(path) == cold


def test_a_duplicate_stage_id_is_one_problem_not_a_cascade(tmp_path):
    extra = "  - id: first-contact\n    title: {en: Later, nl: Later}\n    text: {en: He leaves., nl: Hij vertrekt.}\n"
    path = _variant(tmp_path, "evidence:\n", extra + "evidence:\n")
    problems = _problems(path)
    assert len(problems) == 1 and "duplicate stage id 'first-contact'" in problems[0], problems


def test_a_rule_not_met_says_what_each_dimension_has_so_far(tmp_path):
    path = _variant(tmp_path, "indicator: cd_debt_bondage", "indicator: ex_excessive_days_hours")
    (problem,) = _problems(path)
    assert "still missing: a positive means dimension at the destination" in problem
    assert "So far: Coercion at the destination: 1 strong, 0 medium, 0 weak" in problem
