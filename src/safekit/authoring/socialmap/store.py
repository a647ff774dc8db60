"""Reading and writing the directory as CSV, and where the directory lives.

The kit ships a directory (``safekit/data/socialmap/organisations.csv``). A project may keep
its own copy in ``socialmap/organisations.csv`` (next to ``syllabus.yaml``): then that copy is
the directory, and ``safekit socialmap import`` writes into it. A bad file is never half read:
:func:`read_csv` returns every problem it finds, each naming file, line and column.
"""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from safekit.authoring.socialmap.model import COLUMNS, Organisation
from safekit.core.errors import CourseError, Problem
from safekit.core.i18n import _

PROJECT_FILE = Path("socialmap") / "organisations.csv"
REQUIRED = ("name", "country", "type", "status")


def shipped_path() -> Path:
    return Path(str(resources.files("safekit").joinpath("data", "socialmap", "organisations.csv")))


def directory_path(project: Path | None) -> Path:
    """The directory in use: the project's copy if there is one, else the shipped one."""
    if project is not None and (project / PROJECT_FILE).is_file():
        return project / PROJECT_FILE
    return shipped_path()


def read_csv(path: Path, lines: dict[str, int] | None = None) -> tuple[list[Organisation], list[Problem]]:
    """All organisations of ``path`` and all problems; line numbers are those of the file.
    ``lines``, if given, is filled with the line each organisation's row starts on."""
    problems: list[Problem] = []
    orgs: list[Organisation] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [Problem(path, 1, "(file)", _("not UTF-8 text ({error})", error=exc.reason))]
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if not header:
        return [], [Problem(path, 1, "(file)", _("the file is empty"))]
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    for column in unknown:
        problems.append(
            Problem(path, 1, column, _("unknown column; known: {columns}", columns=", ".join(COLUMNS)))
        )
    for column in missing:
        problems.append(Problem(path, 1, column, _("required column is missing")))
    if "id" not in header and not {"name", "country"} <= set(header):
        problems.append(
            Problem(path, 1, "id", _("without an id column, name and country are needed to merge"))
        )
    if missing:
        return [], problems
    seen: dict[str, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(path, line, "(row)", str(exc)))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    path, line, "(row)", _("{n} cells, but the header has {m}", n=len(cells), m=len(header))
                )
            )
            continue
        data = {h: c for h, c in zip(header, cells, strict=True) if h in COLUMNS}
        if not data.get("id", "").strip():
            data["id"] = _make_id(data.get("country", ""), data.get("name", ""))
        raw_id = data["id"].strip()
        if raw_id in seen:
            problems.append(
                Problem(
                    path, line, "id", _("'{id}' already used on line {line}", id=raw_id, line=seen[raw_id])
                )
            )
            continue
        seen[raw_id] = line
        try:
            orgs.append(Organisation.model_validate(data))
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else "(row)"
                problems.append(Problem(path, line, column, _message(err, data.get(column, ""))))
    if lines is not None:
        lines.update(seen)
    return orgs, problems


def _message(err: dict, value: str) -> str:
    """A pydantic error in words a trainer understands (own checks already are)."""
    kind = err["type"]
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    if kind == "string_too_short" or kind == "missing":
        return _("must not be empty")
    if kind == "literal_error":
        return _(
            "'{value}' is not one of: {allowed}",
            value=value,
            allowed=err["ctx"]["expected"].replace("'", "").replace(" or ", ", "),
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("'{value}' is not a date of the form YYYY-MM-DD", value=value)
    if kind == "string_pattern_mismatch":
        return _("'{value}' may contain only lower-case letters, digits and _", value=value)
    return err["msg"]


def _make_id(country: str, name: str) -> str:
    """An id for a row that has none: country and name in lower case (merges then match on
    name and country anyway)."""

    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40].strip("_")
    return f"{country.strip().lower()}_{slug}" if slug else ""


def write_csv(orgs: list[Organisation], path: Path) -> Path:
    """Write the directory (sorted by country, then id) atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for org in sorted(orgs, key=lambda o: (o.country, o.id)):
            writer.writerow(org.row())
    tmp.replace(path)
    return path


class DirectoryError(CourseError):
    """The directory file itself does not validate; the message lists the problems (a
    :class:`CourseError`, so the workshop reports it like a problem in the course)."""


def load_directory(project: Path | None = None) -> list[Organisation]:
    """The directory in use (see :func:`directory_path`); raises if it does not validate."""
    orgs, problems = read_csv(directory_path(project))
    if problems:
        raise DirectoryError("\n".join(str(p) for p in problems))
    return orgs
