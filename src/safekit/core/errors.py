"""Errors shared by the whole kit: a problem in a content file (printed as
``file:line: field: message``) and a course that does not validate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def dotted(loc: tuple) -> str:
    """``('evidence', 2, 'passage', 'nl')`` -> ``evidence[2].passage.nl``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


class CourseError(RuntimeError):
    """The course does not validate; the message lists the problems."""
