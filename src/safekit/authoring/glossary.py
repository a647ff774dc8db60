"""One term per concept: the glossary of a language (``data/locales/<lang>/glossary.yaml``, or
a course's own locale folder) lists the term to use, the forms to avoid and the register, and
:func:`check` finds every avoided form in the texts of that language.

Texts checked: the interface catalogue (``.po``), the course's case files and syllabus, the
packaged worksheets, questionnaires and indicator labels, and the guides in ``docs/``
(``*.<lang>.md``). In YAML files only the texts of that language are read (the lines under a
``<lang>:`` key), so one language's glossary never judges another's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from safekit.authoring.yamlio import load_data
from safekit.core.errors import Problem
from safekit.core.i18n import _, catalogue_path, locale_dirs

GLOSSARY = "glossary.yaml"


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    use: str  # what to write instead
    concept: str


def glossary_path(lang: str) -> Path | None:
    found = None
    for folder in locale_dirs():
        if (folder / lang / GLOSSARY).is_file():
            found = folder / lang / GLOSSARY
    return found


def rules(lang: str) -> list[Rule]:
    path = glossary_path(lang)
    if path is None:
        return []
    raw = load_data(path)
    out = [
        Rule(re.compile(p, re.IGNORECASE), term["use"], term["concept"])
        for term in raw.get("terms") or []
        for p in term.get("avoid") or []
    ]
    register = raw.get("register") or {}
    out += [
        Rule(re.compile(p), register.get("participants", ""), "register") for p in register.get("avoid") or []
    ]
    return out


def _yaml_lines(text: str, lang: str) -> list[tuple[int, str]]:
    """The lines of a YAML file that hold ``lang``'s texts: a ``<lang>:`` key and the lines
    indented under it."""
    out: list[tuple[int, str]] = []
    key = re.compile(rf"^(\s*)(?:- )?{re.escape(lang)}:\s?(.*)$")
    inside: int | None = None
    for n, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip())
        if inside is not None and line.strip() and indent <= inside:
            inside = None
        m = key.match(line)
        if m:
            inside = len(m.group(1))
            rest = m.group(2).strip()
            if rest and rest not in ("|", ">", ">-", "|-"):
                out.append((n, rest))
            continue
        if inside is not None and line.strip():
            out.append((n, line.strip()))
    return out


def _po_lines(path: Path) -> list[tuple[int, str]]:
    """The translated lines (``msgstr``) of a catalogue."""
    out, in_str = [], False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("msgstr"):
            in_str = True
            out.append((n, line.split(" ", 1)[1] if " " in line else ""))
        elif in_str and line.startswith('"'):
            out.append((n, line))
        else:
            in_str = False
    return out


def _prose_lines(markdown: str) -> list[tuple[int, str]]:
    """The prose of a guide: code blocks and `inline code` (commands, what the kit prints) left out."""
    out, fenced = [], False
    for n, line in enumerate(markdown.splitlines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            out.append((n, re.sub(r"`[^`]*`", "", line)))
    return out


def _packaged_yaml() -> list[Path]:
    data = Path(str(resources.files("safekit").joinpath("data")))
    return sorted(p for sub in ("survey", "worksheets") for p in (data / sub).glob("*.yaml"))


def sources(lang: str, project: Path | None) -> list[tuple[Path, list[tuple[int, str]]]]:
    """Every text of ``lang`` the glossary applies to: (file, [(line, text)])."""
    out: list[tuple[Path, list[tuple[int, str]]]] = []
    po = catalogue_path(lang)
    if po is not None:
        out.append((po, _po_lines(po)))
    labels = Path(str(resources.files("safekit").joinpath("data", "catalogue", "labels", f"{lang}.yaml")))
    if labels.is_file():  # a labels file is all one language
        out.append((labels, list(enumerate(labels.read_text(encoding="utf-8").splitlines(), 1))))
    yamls = _packaged_yaml()
    if project is not None:
        yamls += sorted((project / "cases").glob("*.yaml"))
        yamls += [p for p in (project / "syllabus.yaml",) if p.is_file()]
        yamls += sorted(p for sub in ("survey", "worksheets") for p in (project / sub).glob("*.yaml"))
        for doc in sorted((project / "docs").glob(f"*.{lang}.md")):
            out.append((doc, _prose_lines(doc.read_text(encoding="utf-8"))))
    for path in yamls:
        out.append((path, _yaml_lines(path.read_text(encoding="utf-8"), lang)))
    return out


def check(lang: str, project: Path | None) -> list[Problem]:
    """Every use of a form the glossary of ``lang`` avoids."""
    found: list[Problem] = []
    active = rules(lang)
    if not active:
        return found
    for path, lines in sources(lang, project):
        for n, text in lines:
            for rule in active:
                m = rule.pattern.search(text)
                if m is None:
                    continue
                if rule.concept == "register":
                    message = _(
                        "“{found}” is the other register; the glossary says: address people with “{use}”",
                        found=m.group(0),
                        use=rule.use,
                    )
                else:
                    message = _(
                        "“{found}”: the glossary says “{use}” ({concept})",
                        found=m.group(0),
                        use=rule.use,
                        concept=rule.concept,
                    )
                found.append(Problem(path, n, lang, message))
    return sorted(found)


def load_terms(lang: str) -> list[str]:
    """The terms the glossary of ``lang`` fixes (its ``use`` forms)."""
    path = glossary_path(lang)
    if path is None:
        return []
    return [str(term["use"]) for term in load_data(path).get("terms") or []]
