"""Loading one data file of the kit (a worksheet, a country's route): YAML read with line
numbers, checked against its pydantic model, every text present in each course language, and
its id matching the file name. Problems come as ``file:line: field: message``, as the case
validator gives them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from safekit.authoring.yamlio import YamlSyntaxError, line_of, to_plain
from safekit.authoring.yamlio import load_file as load_yaml
from safekit.core.errors import Problem, dotted

M = TypeVar("M", bound=BaseModel)

# Where each text of a file is (its location in the file) and the text per language.
Texts = Callable[[Any], Iterable[tuple[tuple, dict[str, str]]]]


def load_model(
    path: Path, model: type[M], texts: Texts, languages: tuple[str, ...], id_field: str
) -> tuple[M | None, list[Problem], Any]:
    """The file as ``model`` (None when it cannot be read or validated), its problems, and the
    file as read (for the line numbers of a caller's own checks)."""
    try:
        raw = load_yaml(path)
    except YamlSyntaxError as exc:
        return None, [Problem(path, exc.line, "(file)", exc.message)], None
    try:
        item = model.model_validate(to_plain(raw))
    except ValidationError as exc:
        problems = [Problem(path, line_of(raw, e["loc"]), dotted(e["loc"]), e["msg"]) for e in exc.errors()]
        return None, problems, raw
    problems = [
        Problem(path, line_of(raw, loc), dotted(loc), f"missing language {lang!r}")
        for loc, text in texts(item)
        for lang in languages
        if lang not in text
    ]
    if path.stem != getattr(item, id_field):
        problems.append(
            Problem(path, line_of(raw, (id_field,)), id_field, f"must match the file name {path.stem!r}")
        )
    return item, problems, raw
