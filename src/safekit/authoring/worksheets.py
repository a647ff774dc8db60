"""The worksheet format: one file in ``safekit/data/worksheets/`` is one :class:`Worksheet`.

A worksheet is a blank form for the safe-future module (risk assessment, informed consent,
reintegration plan). It is data, like a case: sections of fields, each field a free-text cell,
a checklist item or a risk to rate. A section with ``rows`` and ``columns`` is a grid (the four
levels of risk, the 3 × 3 reintegration plan); each of its fields names its row and column.
Problems are reported as ``file:line: field: message`` like the case validator does.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safekit.authoring.cases.model import Localized, Slug
from safekit.authoring.datafile import load_model
from safekit.authoring.syllabus import DEFAULT_LANGUAGES
from safekit.core.errors import Problem


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Axis(_Model):
    """A row or column of a grid section."""

    id: Slug
    label: Localized


class WorksheetField(_Model):
    """One thing to fill in. ``text``: free text; ``check``: a checklist item marked done, not
    yet or not applicable, with a note; ``risk``: a risk with likelihood, severity and what
    lowers it."""

    id: Slug
    kind: Literal["text", "check", "risk"] = "text"
    label: Localized | None = Field(None, description="Required unless the field is a grid cell.")
    hint: Localized | None = Field(None, description="What to consider, shown small under the label.")
    row: Slug | None = None
    column: Slug | None = None


class Section(_Model):
    id: Slug
    title: Localized
    intro: Localized | None = None
    rows: list[Axis] = Field(default_factory=list)
    columns: list[Axis] = Field(default_factory=list)
    fields: list[WorksheetField] = Field(min_length=1)

    @property
    def is_grid(self) -> bool:
        return bool(self.rows)

    @model_validator(mode="after")
    def _grid(self) -> Section:
        if bool(self.rows) != bool(self.columns):
            raise ValueError("a grid needs both rows and columns")
        rows, cols = {r.id for r in self.rows}, {c.id for c in self.columns}
        seen = set()
        for f in self.fields:
            if self.is_grid:
                if f.kind != "text" or f.row not in rows or f.column not in cols:
                    raise ValueError(f"grid cell {f.id!r} needs kind text and a row and column of the grid")
                if (f.row, f.column) in seen:
                    raise ValueError(f"two cells at row {f.row!r}, column {f.column!r}")
                seen.add((f.row, f.column))
            elif f.label is None or f.row or f.column:
                raise ValueError(f"field {f.id!r} needs a label (row and column only in a grid)")
        return self

    def cell(self, row: str, column: str) -> WorksheetField | None:
        return next((f for f in self.fields if f.row == row and f.column == column), None)


class Worksheet(_Model):
    """A printable, fillable worksheet of the safe-future module."""

    schema_version: Literal[1]
    id: Slug
    order: int = Field(description="Position among the worksheets, first is 1.")
    title: Localized
    intro: Localized
    note: Localized = Field(description="Where the content comes from, and how certain it is.")
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Worksheet:
        ids = [f.id for s in self.sections for f in s.fields]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"field ids must be unique in a worksheet: {', '.join(dupes)}")
        if len({s.id for s in self.sections}) != len(self.sections):
            raise ValueError("section ids must be unique")
        return self


def worksheet_dir() -> Path:
    return Path(str(files("safekit").joinpath("data", "worksheets")))


def load_file(
    path: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES
) -> tuple[Worksheet | None, list[Problem]]:
    """One worksheet file, or the problems that keep it from loading (``file:line: field``)."""
    sheet, problems, _raw = load_model(path, Worksheet, _texts, languages, "id")
    return (None if problems else sheet), problems


def _texts(sheet: Worksheet):
    """Every localised text with its location, to check that each language is there."""
    for key in ("title", "intro", "note"):
        yield (key,), getattr(sheet, key)
    for i, s in enumerate(sheet.sections):
        for key in ("title", "intro"):
            if getattr(s, key):
                yield ("sections", i, key), getattr(s, key)
        for axis in ("rows", "columns"):
            for j, a in enumerate(getattr(s, axis)):
                yield ("sections", i, axis, j, "label"), a.label
        for j, f in enumerate(s.fields):
            for key in ("label", "hint"):
                if getattr(f, key):
                    yield ("sections", i, "fields", j, key), getattr(f, key)


def load_worksheets(
    folder: Path | None = None, languages: tuple[str, ...] = DEFAULT_LANGUAGES
) -> list[Worksheet]:
    """Every worksheet of ``folder`` (default: the shipped ones) in order; raises ``ValueError``
    listing all problems."""
    sheets, problems = [], []
    for path in sorted((folder or worksheet_dir()).glob("*.yaml")):
        sheet, found = load_file(path, languages)
        problems += found
        if sheet:
            sheets.append(sheet)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    return sorted(sheets, key=lambda s: s.order)


def bundle_worksheets(
    folder: Path | None = None, languages: tuple[str, ...] = DEFAULT_LANGUAGES
) -> list[dict]:
    """The worksheets (default: the shipped ones), validated, as plain dicts for the course bundle."""
    return [s.model_dump(mode="json", exclude_none=True) for s in load_worksheets(folder, languages)]
