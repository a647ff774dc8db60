"""Who reviewed which translation: a small record per language, beside the texts.

A translation is a draft until a native professional has read it. The kit's own texts (the
interface catalogue, indicator labels, worksheets, questionnaires) are recorded in
``data/locales/<lang>/reviewed.yaml``; a course's texts (cases, syllabus, guides in ``docs/``,
its own worksheets and questionnaires) in ``<course>/reviews/<lang>.yaml``. Each entry names a
file, who reviewed it and when, and the fingerprint of the file's text in that language as it was
read: when that text changes, the file counts as unreviewed again, so a review never vouches for
a sentence nobody read.

``safekit i18n-review LANG FILE... --by NAME`` writes an entry; ``safekit i18n-check`` reports,
per language, how many strings and words it has, how many are missing and how many are
unreviewed; pages and handouts in a language with unreviewed texts say "draft translation".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ruamel.yaml import YAML

from safekit.authoring.glossary import sources
from safekit.authoring.yamlio import load_data
from safekit.core.i18n import SOURCE_LANGUAGE, locale_dirs, read_po

RECORD = "reviewed.yaml"
HEADER = """\
# Reviews of the {lang} texts: who read which file as a native professional, and when.
# A review covers the file's {lang} text as it was then (its fingerprint): when that text
# changes, `safekit i18n-check` counts the file as unreviewed again. Written by
# `safekit i18n-review`.
"""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FileStatus:
    path: Path
    strings: int  # texts of the language in the file
    words: int
    reviewed: bool
    by: str = ""
    on: str = ""


def _package_data() -> Path:
    return Path(str(resources.files("safekit").joinpath("data")))


def record_path(lang: str, path: Path, project: Path | None) -> Path:
    """Where the review of ``path`` in ``lang`` is recorded: the course's record for the course's
    files, the kit's (in the last locale folder that has the language) for the kit's own."""
    if project is not None and _inside(path, project):
        return project / "reviews" / f"{lang}.yaml"
    folders = [f / lang for f in locale_dirs() if (f / lang).is_dir()]
    return (folders[-1] if folders else _package_data() / "locales" / lang) / RECORD


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _key(path: Path, record: Path) -> str:
    """A file's name in a record: relative to the record's course, or to the kit's data folder."""
    for root in (record.parent.parent, _package_data()):
        if _inside(path, root):
            return path.resolve().relative_to(root.resolve()).as_posix()
    return path.resolve().as_posix()


def fingerprint(lines: list[tuple[int, str]]) -> str:
    digest = hashlib.sha256()
    for _n, text in lines:
        digest.update(text.strip().encode() + b"\n")
    return digest.hexdigest()[:16]


def _entries(record: Path) -> dict[str, dict]:
    if not record.is_file():
        return {}
    return dict((load_data(record) or {}).get("reviews") or {})


def _count(path: Path, lines: list[tuple[int, str]], lang: str) -> int:
    """How many texts of the language the file holds (a catalogue: its translated messages; a
    YAML file: its ``<lang>:`` keys; a guide or labels file: its non-empty lines)."""
    if path.suffix == ".po":
        return len(read_po(path.read_text(encoding="utf-8")))
    if path.suffix in (".yaml", ".yml") and path.stem != lang:
        raw = path.read_text(encoding="utf-8")
        return len(re.findall(rf"^\s*(?:- )?{re.escape(lang)}:", raw, re.MULTILINE))
    return sum(1 for _n, text in lines if text.strip() and not text.lstrip().startswith("#"))


def status(lang: str, project: Path | None) -> list[FileStatus]:
    """Every file that holds texts of ``lang``, with its size and whether its review holds."""
    out = []
    for path, lines in sources(lang, project):
        strings = _count(path, lines, lang)
        if not strings:
            continue
        words = sum(len(_WORD.findall(text)) for _n, text in lines)
        record = record_path(lang, path, project)
        entry = _entries(record).get(_key(path, record)) or {}
        reviewed = bool(entry) and entry.get("fingerprint") == fingerprint(lines)
        out.append(
            FileStatus(path, strings, words, reviewed, str(entry.get("by", "")), str(entry.get("on", "")))
        )
    return out


def is_draft(lang: str, project: Path | None) -> bool:
    """Whether any text of ``lang`` lacks a review that still holds (the source language never is)."""
    return lang != SOURCE_LANGUAGE and not all(f.reviewed for f in status(lang, project))


@cache
def _drafts_cached(project: str | None, langs: tuple[str, ...], _stamp: float) -> tuple[str, ...]:
    root = Path(project) if project else None
    return tuple(lang for lang in langs if is_draft(lang, root))


def draft_languages(project: Path | None, langs: list[str] | tuple[str, ...]) -> list[str]:
    """Which of ``langs`` are draft translations (cached while no review record changes)."""
    records = [p for lang in langs for p in (_record_files(lang, project))]
    stamp = max((p.stat().st_mtime for p in records if p.is_file()), default=0.0)
    return list(_drafts_cached(str(project) if project else None, tuple(langs), stamp))


def _record_files(lang: str, project: Path | None) -> list[Path]:
    found = [f / lang / RECORD for f in locale_dirs()]
    if project is not None:
        found.append(project / "reviews" / f"{lang}.yaml")
    return found


def record_review(
    lang: str, paths: list[Path], by: str, project: Path | None, on: dt.date | None = None
) -> list[Path]:
    """Record that ``by`` reviewed the ``lang`` texts of ``paths`` as they are now. Returns the
    record files written. A file with no text in ``lang`` raises ``ValueError``."""
    texts = {p.resolve(): lines for p, lines in sources(lang, project)}
    grouped: dict[Path, dict[str, dict]] = {}
    for path in paths:
        lines = texts.get(Path(path).resolve())
        if not lines:
            raise ValueError(f"{path}: no {lang} text here to review")
        record = record_path(lang, Path(path), project)
        entries = grouped.setdefault(record, _entries(record))
        entries[_key(Path(path), record)] = {
            "by": by,
            "on": (on or dt.date.today()).isoformat(),
            "fingerprint": fingerprint(lines),
        }
    yaml = YAML()
    yaml.width = 4096
    for record, entries in grouped.items():
        record.parent.mkdir(parents=True, exist_ok=True)
        with record.open("w", encoding="utf-8") as fh:
            fh.write(HEADER.format(lang=lang))
            yaml.dump({"schema_version": 1, "reviews": dict(sorted(entries.items()))}, fh)
    return list(grouped)
