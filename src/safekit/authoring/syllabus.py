"""The course: ``syllabus.yaml`` lists modules, cases and assessments in teaching order.

The project root is the nearest folder (from the working directory up) with a
``syllabus.yaml``; ``SAFEKIT_PROJECT`` overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from safekit.authoring.cases.model import Localized, Slug
from safekit.authoring.yamlio import YamlSyntaxError, line_of, load_file
from safekit.core.errors import Problem, dotted
from safekit.core.i18n import ENV_LOCALES, _
from safekit.core.vocab import Module

SYLLABUS = "syllabus.yaml"
# The languages the kit's own content (cases, questionnaires, worksheets) is written in: what is
# checked where no course says otherwise.
DEFAULT_LANGUAGES = ("en", "nl")


class SyllabusModule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Module
    title: Localized
    intro: Localized = Field(description="Short teaching text shown before the module's cases.")
    cases: list[Slug] = Field(min_length=1)


class Assessment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Slug
    title: Localized
    cases: list[Slug] = Field(min_length=1)


class Syllabus(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: int = 1
    title: Localized
    languages: list[str] = Field(min_length=1)
    modules: list[SyllabusModule] = Field(min_length=1)
    assessments: list[Assessment] = Field(default_factory=list)

    def case_ids(self) -> list[str]:
        return [c for m in self.modules for c in m.cases]


def find_project(start: Path | None = None) -> Path | None:
    env = os.environ.get("SAFEKIT_PROJECT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SYLLABUS).is_file():
            return folder
    return None


def load_syllabus(project: Path) -> Syllabus:
    """Raises ``YamlSyntaxError`` or ``pydantic.ValidationError`` on a bad file."""
    data = load_file(project / SYLLABUS)
    return Syllabus.model_validate(data)


def use_course_locales(project: Path | None) -> None:
    """A course's own translations (``locales/<lang>/LC_MESSAGES/safekit.po`` in the course
    folder) join the kit's, for this process and the kernels it starts: a new language can be
    added in the course folder, without touching the kit."""
    if project is None or not (project / "locales").is_dir():
        return
    folder = str((project / "locales").resolve())
    known = [p for p in os.environ.get(ENV_LOCALES, "").split(os.pathsep) if p]
    if folder not in known:
        os.environ[ENV_LOCALES] = os.pathsep.join([*known, folder])


def course_languages(project: Path | None) -> tuple[str, ...]:
    if project is None:
        return DEFAULT_LANGUAGES
    try:
        return tuple(load_syllabus(project).languages)
    except (ValueError, ValidationError, OSError):
        return DEFAULT_LANGUAGES


def check_course(project: Path, case_modules: dict[str, str]) -> list:
    """Problems with the syllabus itself and with how it matches ``cases/``.

    ``case_modules`` maps every case id found on disk to its module.
    """

    path = project / SYLLABUS
    try:
        root = load_file(path)
    except FileNotFoundError:
        return [Problem(path, 1, "(file)", _("no syllabus.yaml in the project"))]
    except YamlSyntaxError as exc:
        return [Problem(path, exc.line, "(yaml)", _("malformed YAML: {msg}", msg=exc.message))]
    try:
        syllabus = Syllabus.model_validate(root)
    except ValidationError as exc:
        return [
            Problem(path, line_of(root, tuple(e["loc"])), dotted(tuple(e["loc"])), e["msg"])
            for e in exc.errors()
        ]
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(path, line_of(root, loc), dotted(loc), message))

    listed: dict[str, tuple] = {}
    for mi, module in enumerate(syllabus.modules):
        for ci, case_id in enumerate(module.cases):
            loc = ("modules", mi, "cases", ci)
            if case_id in listed:
                add(loc, _("case '{id}' is listed twice", id=case_id))
            listed[case_id] = loc
            if case_id not in case_modules:
                add(loc, _("case '{id}' is listed but cases/{id}.yaml is missing or invalid", id=case_id))
            elif case_modules[case_id] != module.id:
                add(
                    loc,
                    _(
                        "case '{id}' belongs to module '{module}'",
                        id=case_id,
                        module=case_modules[case_id],
                    ),
                )
    # An assessment's cases are graded: a module would show their answers as practice feedback.
    for ai, assessment in enumerate(syllabus.assessments):
        for ci, case_id in enumerate(assessment.cases):
            loc = ("assessments", ai, "cases", ci)
            if case_id in listed:
                message = (
                    _("case '{id}' is listed twice", id=case_id)
                    if listed[case_id][0] == "assessments"
                    else _("assessment uses case '{id}', which a module already teaches", id=case_id)
                )
                add(loc, message)
            elif case_id not in case_modules:
                add(loc, _("case '{id}' is listed but cases/{id}.yaml is missing or invalid", id=case_id))
            listed[case_id] = loc
    for case_id in sorted(set(case_modules) - set(listed)):
        problems.append(
            Problem(
                project / "cases" / f"{case_id}.yaml",
                1,
                "id",
                _("case '{id}' is not listed in syllabus.yaml", id=case_id),
            )
        )
    return problems
