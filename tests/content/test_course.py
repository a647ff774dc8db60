"""Checks over all content: every case valid, syllabus complete, generated docs current."""

from __future__ import annotations

import pytest

from safekit.authoring.cases.validate import case_files, check_paths
from safekit.authoring.catalogue import load_catalogue
from safekit.authoring.syllabus import check_course, load_syllabus
from safekit.core.rule import evaluate
from safekit.documents.docs import generated_docs


@pytest.fixture(scope="module")
def course(request):
    from tests.conftest import ROOT

    syllabus = load_syllabus(ROOT)
    cases, problems = check_paths([ROOT / "cases"], tuple(syllabus.languages))
    return ROOT, syllabus, cases, problems


def test_every_case_is_valid(course):
    _root, _syllabus, cases, problems = course
    assert [str(p) for p in problems] == []
    assert len(cases) == len(case_files([_root / "cases"]))


def test_syllabus_lists_exactly_the_cases_on_disk(course):
    root, _syllabus, cases, _ = course
    assert [str(p) for p in check_course(root, {c.id: c.module for c in cases})] == []


def test_annotated_evidence_meets_the_rule(course):
    """A case's full annotation makes the rule come out indicative (teaching consistency); a
    contrast case's annotation misses it, which is what it teaches."""
    _root, _s, cases, _ = course
    for case in cases:
        result = evaluate([e.indicator for e in case.evidence], case.delphi_set, load_catalogue())
        if case.contrast:
            assert not result.indicative, (case.id, "a contrast case meets the rule")
        else:
            assert result.indicative, (case.id, result.missing)


def test_generated_docs_are_current(course):
    root = course[0]
    stale = [
        str(path.relative_to(root))
        for path, text in generated_docs(root).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"run 'safekit docs' to update {stale}"
