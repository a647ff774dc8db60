"""The course bundle: syllabus, cases, catalogue and UI messages as one JSON file.

``build_bundle`` runs in the server (it validates with the full model); ``load_bundle`` runs in
the participant's kernel and needs only the standard library.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_BUNDLE = "SAFEKIT_BUNDLE"
ENV_DATA_DIR = "SAFEKIT_SESSION_DIR"


class CourseError(RuntimeError):
    """The course does not validate; the message lists the problems."""


def build_bundle(project: Path) -> dict[str, Any]:
    from safekit.cases.validate import check_paths
    from safekit.catalogue.model import labels, load_catalogue
    from safekit.course import check_course, load_syllabus
    from safekit.i18n import _catalog, available_languages

    syllabus = load_syllabus(project)
    cases, problems = check_paths([project / "cases"], tuple(syllabus.languages))
    problems += check_course(project, {c.id: c.module for c in cases})
    if problems:
        raise CourseError("\n".join(str(p) for p in problems))
    cat = load_catalogue()
    langs = [lang for lang in available_languages() if lang in syllabus.languages] or ["en"]
    return {
        "syllabus": syllabus.model_dump(mode="json"),
        # an assessment's cases stay out: the kernels get only their released, key-free view
        "cases": {
            c.id: {**c.model_dump(mode="json"), "delphi_set": c.delphi_set}
            for c in cases
            if c.id not in {a for x in syllabus.assessments for a in x.cases}
        },
        "assessments": released_assessments(project),
        "catalogue": {
            "dimensions": [vars(d) | {"palermo": list(d.palermo)} for d in cat.dimensions.values()],
            "indicators": [
                {
                    "id": i.id,
                    "dimension": i.dimension,
                    "weights": i.weights,
                    "disputed": i.disputed,
                    "forced_labour": list(i.forced_labour),
                    "forced_labour_kit": list(i.forced_labour_kit),
                }
                for i in cat.indicators.values()
            ],
            "sets": [vars(s) for s in cat.sets.values()],
            "forced_labour": cat.forced_labour,
            "rule": cat.rule,
            "labels": {lang: labels(lang) for lang in langs},
        },
        "messages": {lang: _catalog(lang) for lang in langs},
        "socialmap": socialmap_records(project),
        "worksheets": _worksheets(),
        "surveys": _surveys(tuple(langs)),
    }


def _surveys(languages: tuple[str, ...]) -> dict[str, dict]:
    from safekit.survey.model import SurveyError, survey_dicts

    try:
        return survey_dicts(languages)
    except SurveyError as exc:
        raise CourseError(str(exc)) from exc


def _worksheets() -> list[dict[str, Any]]:
    from safekit.worksheets import bundle_worksheets

    return bundle_worksheets()


def socialmap_records(project: Path) -> list[dict[str, Any]]:
    """The social map directory in use (the project's copy or the shipped one), validated."""
    from safekit.socialmap.store import load_directory

    return [org.record() for org in load_directory(project)]


def released_assessments(project: Path) -> list[dict[str, Any]]:
    """The assessments as released in ``exercises/`` (no answer key), with their notebook."""
    from safekit.course import load_syllabus

    out = []
    for assessment in load_syllabus(project).assessments:
        folder = project / "exercises" / assessment.id
        data_file, notebook = folder / "assessment.json", folder / f"{assessment.id}.ipynb"
        if data_file.is_file() and notebook.is_file():
            data = json.loads(data_file.read_text(encoding="utf-8"))
            out.append({**data, "notebook": str(notebook.resolve())})
    return out


def write_bundle(project: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(build_bundle(project), ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


@dataclass
class Bundle:
    syllabus: dict
    cases: dict[str, dict]
    catalogue: Any  # safekit.catalogue.model.Catalogue
    assessments: list[dict] = field(default_factory=list)
    surveys: dict[str, dict] = field(default_factory=dict)  # questionnaires by id

    @property
    def languages(self) -> list[str]:
        return list(self.syllabus["languages"])

    def modules(self) -> list[dict]:
        return self.syllabus["modules"]

    def case_order(self) -> list[str]:
        return [c for m in self.modules() for c in m["cases"]]


def load_bundle(path: Path | str | None = None) -> Bundle:
    """Read a bundle (default: ``$SAFEKIT_BUNDLE``) and install its labels and messages."""
    from safekit import i18n
    from safekit.catalogue import model
    from safekit.socialmap.directory import install as install_socialmap
    from safekit.worksheets import install_worksheets

    path = Path(path or os.environ[ENV_BUNDLE])
    raw = json.loads(path.read_text(encoding="utf-8"))
    cat = raw["catalogue"]
    catalogue = model.Catalogue.from_dict(cat)
    for lang, entries in cat["labels"].items():
        model.install_labels(lang, entries)
    for lang, messages in raw["messages"].items():
        i18n.install_messages(lang, messages)
    install_socialmap(raw.get("socialmap"))
    install_worksheets(raw.get("worksheets"))
    return Bundle(
        raw["syllabus"],
        raw["cases"],
        catalogue,
        assessments=raw.get("assessments", []),
        surveys=raw.get("surveys", {}),
    )
