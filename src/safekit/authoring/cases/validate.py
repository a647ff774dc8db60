"""Checks a case file completely and reports every problem at once.

Structure comes from the pydantic model; this module adds what needs several fields:
languages present, passages that exist in the text, catalogue ids, unique ids, a
branching scenario without dead ends, and the anonymisation lint.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap

from safekit.authoring.cases import anonymise
from safekit.authoring.cases.model import Case
from safekit.authoring.catalogue import load_catalogue
from safekit.authoring.problems import field_message
from safekit.authoring.yamlio import YamlSyntaxError, line_of, load_file
from safekit.core.errors import Problem, dotted
from safekit.core.i18n import _
from safekit.core.vocab import SCHEMA_VERSION

CASE_SUFFIX = ".yaml"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


class _Checker:
    def __init__(self, path: Path, root: Any, languages: tuple[str, ...]):
        self.path, self.root, self.languages = path, root, languages
        self.problems: list[Problem] = []
        self.applied: list[Problem] = []  # allowances of the anonymisation check that were used
        self._lines: list[str] | None = None

    def add(self, loc: tuple, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or line_of(self.root, loc), dotted(loc), message))

    # -- structure -------------------------------------------------------------------------
    def model(self) -> Case | None:
        if not isinstance(self.root, CommentedMap):
            self.add((), _("a case file must be a YAML mapping of fields"), 1)
            return None
        version = self.root.get("schema_version")
        if version != SCHEMA_VERSION:
            self.add(
                ("schema_version",),
                _(
                    "schema version {found!r} is not supported; this safekit reads {v}",
                    found=version,
                    v=SCHEMA_VERSION,
                ),
            )
            return None
        try:
            return Case.model_validate(self.root)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
                self.add(loc, field_message(err, _("unknown field (not part of the case format)")))
            return None

    # -- content ---------------------------------------------------------------------------
    def languages_present(self, node: Any, loc: tuple) -> None:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                self.languages_present(getattr(node, name), (*loc, name))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                self.languages_present(item, (*loc, i))
        elif isinstance(node, dict):
            for lang in self.languages:
                if lang not in node:
                    self.add(loc, _("missing text in language '{lang}'", lang=lang))

    def unique(self, items: Iterable[Any], loc: tuple, what: str) -> None:
        items = list(items)
        seen: set[str] = set()
        for idx, item in enumerate(items):
            if item.id in seen:
                self.add((*loc, idx, "id"), _("duplicate {what} id '{id}'", what=what, id=item.id))
            seen.add(item.id)

    def passages(self, case: Case) -> None:
        stages = {s.id: s for s in case.stages}
        for group in ("evidence", "distractors"):
            for idx, item in enumerate(getattr(case, group)):
                stage = stages.get(item.stage)
                if stage is None:
                    self.add((group, idx, "stage"), _("no stage with id '{id}'", id=item.stage))
                    continue
                for lang, passage in item.passage.items():
                    if lang in stage.text and _norm(passage) not in _norm(stage.text[lang]):
                        self.add(
                            (group, idx, "passage", lang),
                            _(
                                "passage not found in the text of stage '{stage}' ({lang})",
                                stage=item.stage,
                                lang=lang,
                            ),
                        )

    def indicators(self, case: Case) -> None:
        cat = load_catalogue()
        set_id = case.delphi_set
        if cat.sets[set_id].age_group != case.person.age_group:
            self.add(("indicator_set",), _("set '{set}' does not match the person's age group", set=set_id))
        refs = [("evidence", i, "indicator", e.indicator) for i, e in enumerate(case.evidence)]
        refs += [
            ("distractors", i, "looks_like", d.looks_like)
            for i, d in enumerate(case.distractors)
            if d.looks_like
        ]
        for group, idx, field, ind in refs:
            if ind not in cat.indicators:
                close = difflib.get_close_matches(ind, cat.indicators, n=1)
                hint = _(" (did you mean '{id}'?)", id=close[0]) if close else ""
                self.add((group, idx, field), _("unknown indicator '{id}'", id=ind) + hint)
            elif group == "evidence" and cat.weight(set_id, ind) is None:
                self.add(
                    (group, idx, field), _("indicator '{id}' is not in the {set} set", id=ind, set=set_id)
                )

    def scenario(self, case: Case) -> None:
        steps = case.questions.decide
        ids = {s.id for s in steps}
        graph: dict[str, list[str]] = {}
        for si, step in enumerate(steps):
            self.unique(step.options, ("questions", "decide", si, "options"), _("option"))
            graph[step.id] = []
            for oi, opt in enumerate(step.options):
                if opt.next is None:
                    continue
                if opt.next not in ids:
                    self.add(
                        ("questions", "decide", si, "options", oi, "next"),
                        _("no decision step with id '{id}'", id=opt.next),
                    )
                else:
                    graph[step.id].append(opt.next)
        seen, stack, order = set(), [steps[0].id], []
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(graph.get(node, []))
        for si, step in enumerate(steps):
            if step.id not in seen:
                self.add(
                    ("questions", "decide", si, "id"),
                    _("step '{id}' cannot be reached from the first step", id=step.id),
                )
        # a cycle would make the scenario endless
        state: dict[str, int] = {}

        def visit(node: str) -> bool:
            state[node] = 1
            for nxt in graph.get(node, []):
                if state.get(nxt) == 1 or (state.get(nxt) is None and visit(nxt)):
                    return True
            state[node] = 2
            return False

        if any(state.get(s.id) is None and visit(s.id) for s in steps):
            self.add(("questions", "decide"), _("the scenario loops back on itself; every path must end"))

    def module_rules(self, case: Case) -> None:
        if not any(e.key for e in case.evidence):
            self.add(("evidence",), _("mark at least one signal as key: true (the one not to miss)"))
        if case.module == "safe-future":
            q = case.questions
            if not any(f.present for f in q.risk_factors):
                self.add(
                    ("questions", "risk_factors"), _("a safe-future case needs risk or protective factors")
                )
            if not any(p.appropriate for p in q.plan_items):
                self.add(("questions", "plan_items"), _("a safe-future case needs reintegration plan items"))

    def lint(self, case: Case) -> None:
        declared = frozenset(case.fictional_names) | frozenset(case.not_names)
        allow = [(anonymise.key(a.text), a) for a in case.lint_allow]
        texts: list[tuple[tuple, str]] = []
        self._collect_text(case, (), texts)
        common = anonymise.lowercase_words([t for _, t in texts])
        for loc, text in texts:
            for f in anonymise.scan(text, declared, common):
                line = self._text_line(loc, f.start)
                found = anonymise.key(f.text)
                allowance = next((a for k, a in allow if found in k or k in found), None)
                if allowance is not None:
                    self.applied.append(
                        Problem(
                            self.path,
                            line,
                            dotted(loc),
                            _(
                                "allowed {what} '{text}': {reason}",
                                what=_(f.label),
                                text=f.text,
                                reason=allowance.reason,
                            ),
                        )
                    )
                    continue
                self.add(
                    loc,
                    _("possible identifying detail: {what} '{text}'", what=_(f.label), text=f.text),
                    line=line,
                )

    def _collect_text(self, node: Any, loc: tuple, out: list) -> None:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                if name in ("fictional_names", "not_names", "lint_allow", "anonymisation", "id", "sources"):
                    continue
                self._collect_text(getattr(node, name), (*loc, name), out)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                self._collect_text(item, (*loc, i), out)
        elif isinstance(node, dict):
            for lang, text in node.items():
                out.append(((*loc, lang), text))

    def _text_line(self, loc: tuple, offset: int) -> int:
        """The line of the file where character ``offset`` of the text at ``loc`` is, also
        inside a literal (``|``) or folded (``>-``) block and in plain text that runs over
        several lines."""
        node = self.root
        for part in loc[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return line_of(self.root, loc)
        if not isinstance(node, CommentedMap) or loc[-1] not in node:
            return line_of(self.root, loc)
        row, col = node.lc.value(loc[-1])
        lines = self.source_lines()
        if row >= len(lines):
            return row + 1
        first = lines[row][col:]
        folded = not first.startswith("|")
        if first[:1] in "|>":
            row, first = row + 1, lines[row + 1] if row + 1 < len(lines) else ""
        pos, stripped = 0, first.strip().lstrip("'\"")
        while True:
            if pos + len(stripped) >= offset or row + 1 >= len(lines):
                return row + 1
            # a line break is one character of the text (a space where the block is folded);
            # an empty line in a folded block is the line break itself
            pos += len(stripped) + (0 if folded and not stripped and pos else 1)
            row += 1
            stripped = lines[row].strip()

    def source_lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.path.read_text(encoding="utf-8").splitlines()
        return self._lines


def check_file(
    path: Path, languages: tuple[str, ...], applied: list[Problem] | None = None
) -> tuple[Case | None, list[Problem]]:
    """Parse and check one case file; return the case (if it parsed) and every problem.
    ``applied`` receives a note for every ``lint_allow`` allowance that hid a finding."""
    try:
        root = load_file(path)
    except YamlSyntaxError as exc:
        return None, [Problem(path, exc.line, "(yaml)", _("malformed YAML: {msg}", msg=exc.message))]
    except OSError as exc:
        return None, [Problem(path, 1, "(file)", _("cannot read file: {msg}", msg=exc.strerror or str(exc)))]
    checker = _Checker(path, root, languages)
    case = checker.model()
    if case is not None:
        if case.id != path.stem:
            checker.add(
                ("id",), _("id '{id}' does not match the file name '{name}'", id=case.id, name=path.name)
            )
        checker.languages_present(case, ())
        checker.unique(case.stages, ("stages",), _("stage"))
        checker.unique(case.evidence, ("evidence",), _("evidence"))
        checker.unique(case.distractors, ("distractors",), _("distractor"))
        checker.unique(case.questions.decide, ("questions", "decide"), _("step"))
        checker.unique(case.questions.risk_factors, ("questions", "risk_factors"), _("risk factor"))
        checker.unique(case.questions.plan_items, ("questions", "plan_items"), _("plan item"))
        if case.questions.order is not None:
            checker.unique(case.questions.order.steps, ("questions", "order", "steps"), _("step"))
        checker.passages(case)
        checker.indicators(case)
        checker.scenario(case)
        checker.module_rules(case)
        checker.lint(case)
        if applied is not None:
            applied.extend(sorted(checker.applied))
    return case, sorted(checker.problems)


def case_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.glob(f"*{CASE_SUFFIX}") if not q.name.startswith(".")))
        else:
            files.append(p)
    return files


def check_paths(
    paths: Iterable[Path], languages: tuple[str, ...], applied: list[Problem] | None = None
) -> tuple[list[Case], list[Problem]]:
    """Check many files; adds problems that span files (duplicate case ids). ``applied``: see
    :func:`check_file`."""
    cases: list[Case] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in case_files(paths):
        case, found = check_file(path, languages, applied)
        problems.extend(found)
        if case is None:
            continue
        if case.id in seen:
            problems.append(
                Problem(
                    path,
                    line_of(load_file(path), ("id",)),
                    "id",
                    _("duplicate case id '{id}' (also in {other})", id=case.id, other=seen[case.id]),
                )
            )
        else:
            seen[case.id] = path
            cases.append(case)
    return cases, problems
