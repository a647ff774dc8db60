"""Compiling the course bundle that participants' kernels load: syllabus, cases (without any
assessment's key), catalogue with its labels, messages, social map, worksheets and questionnaires,
validated on the way. Runs in the server and the command line, never in a kernel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from safekit.authoring.cases.validate import check_paths
from safekit.authoring.catalogue import load_catalogue
from safekit.authoring.countries import route_record
from safekit.authoring.socialmap.store import load_directory
from safekit.authoring.survey import SurveyError, survey_dicts
from safekit.authoring.syllabus import check_course, load_syllabus
from safekit.authoring.translations import draft_languages
from safekit.authoring.worksheets import bundle_worksheets
from safekit.core.errors import CourseError
from safekit.core.i18n import available_languages, messages


def build_bundle(project: Path, offered: list[str] | None = None, country: str = "") -> dict[str, Any]:
    """The bundle of the course; ``offered`` narrows (and orders) the languages participants may
    choose, ``country`` is the one the session is taught for."""
    syllabus = load_syllabus(project)
    cases, problems = check_paths([project / "cases"], tuple(syllabus.languages))
    problems += check_course(project, {c.id: c.module for c in cases})
    if problems:
        raise CourseError("\n".join(str(p) for p in problems))
    cat = load_catalogue()
    langs = [lang for lang in syllabus.languages if lang in available_languages()] or ["en"]  # its order
    offer = [lang for lang in offered or [] if lang in langs] or langs
    return {
        "syllabus": syllabus.model_dump(mode="json") | {"languages": offer},
        "country": country,
        "route": route_record(project, country, tuple(syllabus.languages), socialmap_records(project)),
        # languages whose texts no native professional has reviewed yet: pages say so
        "drafts": draft_languages(project, langs),
        # an assessment's cases stay out: the kernels get only their released, key-free view
        "cases": {
            c.id: {**c.model_dump(mode="json"), "delphi_set": c.delphi_set}
            for c in cases
            if c.id not in {a for x in syllabus.assessments for a in x.cases}
        },
        "assessments": released_assessments(project),
        "catalogue": cat.as_dict() | {"labels": {lang: cat.labels.get(lang, {}) for lang in langs}},
        "messages": {lang: messages(lang) for lang in langs},
        "socialmap": socialmap_records(project),
        "worksheets": _worksheets(project, tuple(langs)),
        "surveys": _surveys(project, tuple(langs)),
    }


def course_folder(project: Path, name: str) -> Path | None:
    """The course's own copy of a packaged data folder (``survey/``, ``worksheets/``), if it has
    one: a course can bring its own questionnaires and worksheets, or texts in a new language."""
    folder = project / name
    return folder if folder.is_dir() else None


def _surveys(project: Path, languages: tuple[str, ...]) -> dict[str, dict]:
    try:
        return survey_dicts(languages, course_folder(project, "survey"))
    except SurveyError as exc:
        raise CourseError(str(exc)) from exc


def _worksheets(project: Path, languages: tuple[str, ...]) -> list[dict[str, Any]]:
    try:
        return bundle_worksheets(course_folder(project, "worksheets"), languages)
    except ValueError as exc:
        raise CourseError(str(exc)) from exc


def socialmap_records(project: Path) -> list[dict[str, Any]]:
    """The social map directory in use (the project's copy or the shipped one), validated."""

    return [org.record() for org in load_directory(project)]


def released_assessments(project: Path) -> list[dict[str, Any]]:
    """The assessments as released in ``exercises/`` (no answer key), with their notebook."""

    out = []
    for assessment in load_syllabus(project).assessments:
        folder = project / "exercises" / assessment.id
        data_file, notebook = folder / "assessment.json", folder / f"{assessment.id}.ipynb"
        if data_file.is_file() and notebook.is_file():
            data = json.loads(data_file.read_text(encoding="utf-8"))
            out.append({**data, "notebook": str(notebook.resolve())})
    return out


def write_bundle(project: Path, path: Path, offered: list[str] | None = None, country: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(build_bundle(project, offered, country), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path
