"""The questionnaire format: one YAML file per questionnaire in ``data/survey/``.

A questionnaire is a list of questions of four types: ``likert`` (five points with labelled
ends), ``single`` and ``multiple`` choice (optionally with an "other" answer in the
respondent's own words) and free ``text``. Knowledge-check items name their ``correct``
option(s). A ``paired`` questionnaire is taken twice, before and after the workshop, with the
very same questions, so that the gain per question is defined.

Answers are stored under the case id ``SURVEY_CASE`` (:mod:`safekit.survey.scoring`), which no case can have (case ids are
slugs without underscores), so the room view and the progress bar never count them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from safekit.authoring.problems import field_message
from safekit.authoring.syllabus import DEFAULT_LANGUAGES
from safekit.authoring.yamlio import YamlSyntaxError, line_of, load_file
from safekit.core.errors import Problem, dotted
from safekit.core.i18n import _
from safekit.core.vocab import SURVEY_OTHER as OTHER

SCHEMA_VERSION = 1

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Localized = Annotated[dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")], Text], Field()]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Model):
    id: Slug
    label: Localized


class Scale(_Model):
    """A five-point scale; only its ends carry words (1 = ``low``, 5 = ``high``)."""

    low: Localized
    high: Localized


class Question(_Model):
    id: Slug
    type: Literal["likert", "single", "multiple", "text"]
    prompt: Localized
    help: Localized | None = None
    options: list[Option] = []
    other: bool = Field(False, description="Offer 'Other' with a text field (single, multiple).")
    scale: Slug | None = Field(None, description="Likert: the id of a scale in `scales`.")
    correct: list[Slug] = Field([], description="Knowledge items: the right option id(s).")
    explanation: Localized | None = Field(None, description="Knowledge items: shown after the post check.")
    profile: bool = Field(False, description="Describes the respondent (country, profession).")
    repeats: str | None = Field(
        None,
        pattern=r"^[a-z0-9-]+\.[a-z0-9-]+$",
        description="Likert: `questionnaire.question` asked before the workshop that this question asks again, "
        "so the report shows the change per item.",
    )


class Questionnaire(_Model):
    schema_version: Literal[1]
    id: Slug
    title: Localized
    intro: Localized
    when: Literal["before", "after"] = Field(description="Where the overview lists it.")
    paired: bool = Field(False, description="Taken twice, before and after, with the same questions.")
    scales: dict[Slug, Scale] = {}
    questions: Annotated[list[Question], Field(min_length=1)]

    @property
    def scored(self) -> bool:
        return any(q.correct for q in self.questions)


class SurveyError(ValueError):
    """Questionnaire files that do not load; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def check_file(
    path: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES
) -> tuple[Questionnaire | None, list]:
    """Load one questionnaire and report every problem as file, line, field and message."""
    try:
        root = load_file(path)
    except YamlSyntaxError as exc:
        return None, [Problem(path, exc.line, "(file)", exc.message)]
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(path, line_of(root, loc), dotted(loc), message))

    if not isinstance(root, dict):
        return None, [Problem(path, 1, "(file)", _("a questionnaire file must be a YAML mapping of fields"))]
    if root.get("schema_version") != SCHEMA_VERSION:
        found = root.get("schema_version")
        add(
            ("schema_version",),
            _(
                "schema version {found!r} is not supported; this safekit reads {v}",
                found=found,
                v=SCHEMA_VERSION,
            ),
        )
        return None, problems
    try:
        q = Questionnaire.model_validate(root)
    except ValidationError as exc:
        for err in exc.errors():
            add(
                tuple(err["loc"]),
                field_message(err, _("unknown field (not part of the questionnaire format)")),
            )
        return None, problems
    if q.id != path.stem:
        add(("id",), _("the id must match the file name '{name}'", name=path.stem))
    _check_languages(q, languages, add)
    _check_questions(q, add)
    return (None if problems else q), problems


def _check_languages(node: Any, languages: tuple[str, ...], add, loc: tuple = ()) -> None:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _check_languages(getattr(node, name), languages, add, (*loc, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _check_languages(item, languages, add, (*loc, i))
    elif isinstance(node, dict) and node and all(isinstance(v, str) for v in node.values()):
        for lang in languages:
            if lang not in node:
                add(loc, _("missing text in language '{lang}'", lang=lang))
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_languages(value, languages, add, (*loc, key))


def _check_questions(q: Questionnaire, add) -> None:
    seen: set[str] = set()
    for i, question in enumerate(q.questions):
        here = ("questions", i)
        if question.id in seen:
            add((*here, "id"), _("duplicate question id '{id}'", id=question.id))
        seen.add(question.id)
        ids = [o.id for o in question.options]
        if len(set(ids)) != len(ids):
            add((*here, "options"), _("option ids must be unique"))
        if OTHER in ids:
            add((*here, "options"), _("'other' is reserved: set 'other: true' instead"))
        if question.type in ("single", "multiple") and len(ids) < 2:
            add((*here, "options"), _("a choice question needs at least two options"))
        if question.type in ("likert", "text") and ids:
            add((*here, "options"), _("a {type} question has no options", type=question.type))
        if question.type == "likert" and question.scale not in q.scales:
            add((*here, "scale"), _("a likert question needs a scale from 'scales'"))
        if question.other and question.type not in ("single", "multiple"):
            add((*here, "other"), _("only choice questions can offer 'other'"))
        for j, right in enumerate(question.correct):
            if right not in ids:
                add((*here, "correct", j), _("no option with id '{id}'", id=right))
        if question.type == "single" and len(question.correct) > 1:
            add((*here, "correct"), _("a single-choice question has one correct option"))
        if question.correct and question.type not in ("single", "multiple"):
            add((*here, "correct"), _("only choice questions can have a correct answer"))
        if question.correct and q.scored and question.explanation is None:
            add((*here, "explanation"), _("a knowledge item needs an explanation"))
        if q.scored and not question.correct and not question.profile:
            add((*here, "correct"), _("every question of a knowledge check needs a correct answer"))


def data_dir() -> Path:
    return Path(str(resources.files("safekit").joinpath("data", "survey")))


def load_questionnaires(
    folder: Path | None = None, languages: tuple[str, ...] = DEFAULT_LANGUAGES
) -> dict[str, Questionnaire]:
    """Every questionnaire in ``folder`` (default: the packaged ones), by id; raises
    :class:`SurveyError` listing every problem of every file."""
    found, problems = {}, []
    for path in sorted((folder or data_dir()).glob("*.yaml")):
        q, probs = check_file(path, languages)
        problems += probs
        if q is not None:
            found[q.id] = q
    problems += _check_repeats(found, folder or data_dir())
    if problems:
        raise SurveyError(problems)
    return found


def _check_repeats(found: dict[str, Questionnaire], folder: Path) -> list[Problem]:
    """A question that repeats another names a Likert question of a questionnaire taken before."""
    problems = []
    for q in found.values():
        for i, question in enumerate(q.questions):
            if question.repeats is None:
                continue
            name, _dot, qid = question.repeats.partition(".")
            target = found.get(name)
            item = next((x for x in target.questions if x.id == qid), None) if target else None
            if question.type != "likert" or item is None or item.type != "likert" or target.when != "before":
                path = folder / f"{q.id}.yaml"
                problems.append(
                    Problem(
                        path,
                        line_of(load_file(path), ("questions", i, "repeats")),
                        dotted(("questions", i, "repeats")),
                        _(
                            "'{ref}' is not a likert question of a questionnaire taken before the workshop",
                            ref=question.repeats,
                        ),
                    )
                )
    return problems


def survey_dicts(
    languages: tuple[str, ...] = DEFAULT_LANGUAGES, folder: Path | None = None
) -> dict[str, dict]:
    """The questionnaires (default: the packaged ones) as plain data, for the course bundle (the
    kernel needs no pydantic)."""
    return {
        k: {**q.model_dump(mode="json"), "scored": q.scored}
        for k, q in load_questionnaires(folder, languages=languages).items()
    }
