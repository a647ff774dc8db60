"""Checks a case file completely and reports every problem at once.

Structure comes from the pydantic model; this module adds what needs several fields:
languages present, passages that exist in the text, catalogue ids, unique ids, a
branching scenario without dead ends, and the anonymisation lint.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata, resources
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
from safekit.core.i18n import N_, _, default_language
from safekit.core.rule import DESTINATION_MEANS, RECRUITMENT, evaluate
from safekit.core.text import SENTENCE
from safekit.core.text import loc as text_in
from safekit.core.vocab import SCHEMA_VERSION

CASE_SUFFIX = ".yaml"
MIN_DISTRACTORS = 2  # marking a distractor is over-reading; every other sentence is neutral


LANGUAGE_MIN_CHARS = 100  # shorter texts (names, labels, short answers) are not judged
LANGUAGE_CONFIDENCE = 0.999
LANGUAGE_SAMPLE_CHARS = 300


@cache
def _identifier(languages: tuple[str, ...]):
    # lazy: the model takes a moment to load, and only validation needs it
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [lang for lang in languages if lang in ident.nb_classes]
    ident.set_languages(known)
    return ident, frozenset(known)


# -- a cache of the slow checks' findings, per file -------------------------------------------
# The anonymisation and language checks take most of validation's time. Their findings depend
# only on the file's bytes, the course languages, the author's language and the kit's own check
# code and word lists, so they are kept per file under the user's cache folder and reused while
# none of those change. ``SAFEKIT_NO_CACHE=1`` turns the cache off.
CACHE_ENV = "SAFEKIT_NO_CACHE"


@cache
def _checks_fingerprint() -> str:
    """A hash of the code and data the cached checks depend on."""
    root = Path(str(resources.files("safekit")))
    digest = hashlib.sha256()
    parts = [
        *sorted((root / "authoring").rglob("*.py")),
        *sorted((root / "core").rglob("*.py")),
        *sorted((root / "data" / "lint").rglob("*.txt")),
        *sorted((root / "data" / "socialmap").rglob("*")),
    ]
    for part in parts:
        if part.is_file():
            digest.update(part.name.encode() + part.read_bytes())
    for package in ("faker", "phonenumbers", "python-stdnum", "py3langid", "babel"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()[:32]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "safekit" / "validate"


def _cache_key(path: Path, languages: tuple[str, ...]) -> str | None:
    if os.environ.get(CACHE_ENV):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data)
    digest.update(repr((languages, default_language(), _checks_fingerprint(), str(path))).encode())
    return digest.hexdigest()


def _cache_read(key: str | None) -> dict | None:
    if key is None:
        return None
    try:
        return json.loads((_cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _cache_write(key: str | None, found: dict) -> None:
    if key is None:
        return
    folder = _cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(found), encoding="utf-8")
        tmp.replace(folder / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written only costs time


@cache
def common_words(lang: str) -> frozenset[str]:
    """A language's most common short words (``data/lint/common-words/<lang>.txt``), if listed."""
    path = resources.files("safekit").joinpath("data", "lint", "common-words", f"{lang}.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


_WORD = re.compile(r"\w+")


def may_be_another_language(text: str, field_lang: str, languages: tuple[str, ...]) -> bool:
    """A quick first look: does the text use more common words of another course language than of
    its own? Only then is the (slower) language identifier asked."""
    own = common_words(field_lang)
    if not own:
        return False
    words = [w.lower() for w in _WORD.findall(text[:LANGUAGE_SAMPLE_CHARS])]
    mine = sum(w in own for w in words)
    return any(
        sum(w in common_words(other) for w in words) > max(mine, 2)
        for other in languages
        if other != field_lang
    )


def identify_language(text: str, languages: tuple[str, ...], field_lang: str | None = None) -> str | None:
    """The course language a text is written in, when the offline identifier is sure; else None."""
    if field_lang is not None and not may_be_another_language(text, field_lang, languages):
        return field_lang
    ident, known = _identifier(tuple(sorted(languages)))
    if len(known) < 2:
        return None
    if field_lang is not None and field_lang not in known:
        return None  # a language the identifier does not know is not judged
    lang, probability = ident.classify(text[:LANGUAGE_SAMPLE_CHARS])  # a sample is enough, and fast
    return lang if probability >= LANGUAGE_CONFIDENCE else None


@cache
def template_texts() -> frozenset[str]:
    """Every text of the new-case template, to spot text an author has not replaced yet."""
    raw = resources.files("safekit").joinpath("data", "new", "case.yaml").read_text(encoding="utf-8")
    found = re.findall(r"^\s+(?:- )?[a-z]{2,3}: (.+)$", raw, re.MULTILINE)
    blocks = re.findall(r"^\s+[a-z]{2,3}: \|\n((?:\s{8,}.+\n)+)", raw, re.MULTILINE)
    return frozenset(_norm(t) for t in [*found, *blocks] if len(t) > 15 and "{" not in t)


@cache
def signal_words() -> tuple[re.Pattern[str], ...]:
    """The packaged list of words that often carry a signal (``data/lint/signal-words.txt``)."""
    text = resources.files("safekit").joinpath("data", "lint", "signal-words.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return tuple(re.compile(r"(?<!\w)" + re.escape(w), re.IGNORECASE) for w in words)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


_PARTS_SHORT = {
    "recruitment": N_("a positive recruitment dimension"),
    "exploitation": N_("a positive exploitation dimension"),
    "destination_means": N_("a positive means dimension at the destination"),
}


class _Checker:
    def __init__(self, path: Path, root: Any, languages: tuple[str, ...]):
        self.path, self.root, self.languages = path, root, languages
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._lines: list[str] | None = None

    def add(self, loc: tuple, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or line_of(self.root, loc), dotted(loc), message))

    def warn(self, loc: tuple, message: str, line: int | None = None) -> None:
        self.warnings.append(Problem(self.path, line or line_of(self.root, loc), dotted(loc), message))

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
        stages: dict[str, list] = {}
        for stage in case.stages:  # a duplicate id is reported once, by ``unique``: no cascade here
            stages.setdefault(stage.id, []).append(stage)
        for group in ("evidence", "distractors"):
            for idx, item in enumerate(getattr(case, group)):
                same = stages.get(item.stage)
                if same is None:
                    self.add((group, idx, "stage"), _("no stage with id '{id}'", id=item.stage))
                    continue
                for lang, passage in item.passage.items():
                    texts = [_norm(st.text[lang]) for st in same if lang in st.text]
                    if texts and not any(_norm(passage) in text for text in texts):
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
        refs += [("evidence", i, "also", ind) for i, e in enumerate(case.evidence) for ind in e.also]
        refs += [
            ("distractors", i, "looks_like", d.looks_like)
            for i, d in enumerate(case.distractors)
            if d.looks_like
        ]
        for group, idx, field, ind in refs:
            if ind in cat.forced_labour:
                linked = [
                    i for i, x in cat.indicators.items() if ind in x.forced_labour and set_id in x.weights
                ]
                self.add(
                    (group, idx, field),
                    _(
                        "'{id}' is one of the ILO indicators of forced labour, not a trafficking indicator; "
                        "use one of the trafficking indicators linked to it, e.g. {ids} (docs/catalogue.md)",
                        id=ind,
                        ids=", ".join(f"'{i}'" for i in linked[:3]),
                    ),
                )
            elif ind not in cat.indicators:
                family = [i for i in cat.indicators if i.split("_")[0] == ind.split("_")[0]]
                close = difflib.get_close_matches(ind, family, n=1) or difflib.get_close_matches(
                    ind, cat.indicators, n=1, cutoff=0.8
                )
                hint = _(" (did you mean '{id}'?)", id=close[0]) if close else ""
                self.add((group, idx, field), _("unknown indicator '{id}'", id=ind) + hint)
            elif group == "evidence" and field == "also" and ind == case.evidence[idx].indicator:
                self.add((group, idx, field), _("'{id}' is already this signal's indicator", id=ind))
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
        if len(case.distractors) < MIN_DISTRACTORS:
            self.add(
                ("distractors",),
                _(
                    "declare at least {n} distractors: passages that look like a signal but are not one "
                    "here, each with the reason (every other sentence counts as neutral)",
                    n=MIN_DISTRACTORS,
                ),
            )
        for i, form in enumerate(case.also_forms):
            if form in case.forms:
                self.add(("also_forms", i), _("'{form}' is already one of the case's forms", form=form))

    def decisions(self, case: Case) -> None:
        """Every step has a good option, and points follow the verdicts (good > partly > unsafe)."""
        rank = {"good": 2, "partly": 1, "unsafe": 0}
        for si, step in enumerate(case.questions.decide):
            if not any(o.verdict == "good" for o in step.options):
                self.add(
                    ("questions", "decide", si, "options"), _("this step has no option with verdict: good")
                )
            for oi, opt in enumerate(step.options):
                better = [
                    o for o in step.options if rank[o.verdict] < rank[opt.verdict] and o.points >= opt.points
                ]
                if better:
                    self.add(
                        ("questions", "decide", si, "options", oi, "points"),
                        _(
                            "a '{verdict}' option is worth {points} point(s), no more than the '{other}' option "
                            "'{id}' ({other_points}); a better verdict must be worth more",
                            verdict=opt.verdict,
                            points=opt.points,
                            other=better[0].verdict,
                            id=better[0].id,
                            other_points=better[0].points,
                        ),
                    )

    def points_and_weights(self, case: Case) -> None:
        """In an assessment a strong signal is never worth fewer points than a weaker one."""
        cat = load_catalogue()
        order = {"S": 2, "M": 1, "W": 0}
        weighted = [
            (i, e, order[w])
            for i, e in enumerate(case.evidence)
            if e.indicator in cat.indicators and (w := cat.weight(case.delphi_set, e.indicator))
        ]
        for i, e, w in weighted:
            weaker = [(j, f) for j, f, v in weighted if v < w and f.points > e.points]
            if weaker:
                j, f = weaker[0]
                self.add(
                    ("evidence", i, "points"),
                    _(
                        "this signal's indicator weighs more than that of '{other}', but it is worth fewer points "
                        "({points} against {other_points})",
                        other=f.id,
                        points=e.points,
                        other_points=f.points,
                    ),
                )

    def leftovers(self, case: Case) -> None:
        """Template text still in place, or a TODO: advice, so a new case still validates."""
        texts: list[tuple[tuple, str]] = []
        self._collect_text(case, (), texts)
        template = template_texts()
        for loc, text in texts:
            if "TODO" in text or _norm(text) in template:
                self.warn(loc, _("template text or TODO still here: write the case's own text"))

    def languages_match(self, case: Case) -> None:
        """A text of one language that reads as another (e.g. English pasted into the Dutch field)."""
        texts: list[tuple[tuple, str]] = []
        self._collect_text(case, (), texts)
        for loc, text in texts:
            lang = loc[-1]
            if lang not in self.languages or len(text) < LANGUAGE_MIN_CHARS:
                continue
            found = identify_language(text, self.languages, lang)
            if found is not None and found != lang:
                self.add(
                    loc,
                    _(
                        "this text reads as {found}, not {lang}: is it in the right field?",
                        found=found,
                        lang=lang,
                    ),
                )

    def rule(self, case: Case) -> None:
        """The full annotation meets the decision rule, or clearly misses it in a contrast case."""
        cat = load_catalogue()
        if any(e.indicator not in cat.indicators for e in case.evidence):
            return  # reported as unknown indicators
        result = evaluate([e.indicator for e in case.evidence], case.delphi_set, cat)
        if not case.contrast and not result.indicative:
            part_dims = {
                "recruitment": RECRUITMENT,
                "exploitation": ("exploitation",),
                "destination_means": DESTINATION_MEANS,
            }
            so_far = "; ".join(
                _(
                    "{dimension}: {strong} strong, {medium} medium, {weak} weak",
                    dimension=cat.label(d, default_language()),
                    strong=len(result.dimensions[d].strong),
                    medium=len(result.dimensions[d].medium),
                    weak=len(result.dimensions[d].weak),
                )
                for part in result.missing
                for d in part_dims[part]
            )
            self.add(
                ("evidence",),
                _(
                    "the signals of this case do not meet the decision rule; still missing: {parts}. "
                    "Annotate more signals, or mark the case as a contrast case (contrast: true)",
                    parts=", ".join(_(_PARTS_SHORT[p]) for p in result.missing),
                )
                + ". "
                + _(
                    "So far: {so_far}. A dimension is positive with 2 strong, 1 strong and 1 medium or weak, "
                    "3 medium, or 2 medium and 1 weak indicators.",
                    so_far=so_far,
                ),
            )
        if case.contrast:
            if result.indicative:
                self.add(
                    ("contrast",),
                    _("a contrast case must not meet the decision rule, but its signals meet it"),
                )
            if all(getattr(case.palermo, part).evidenced for part in ("act", "means", "purpose")):
                self.add(
                    ("palermo",),
                    _("a contrast case must leave at least one element of the definition not evidenced"),
                )

    def signal_like(self, case: Case) -> None:
        """Warn about sentences that hold a typical signal word but are neither a signal nor a
        distractor: they count as neutral, which may be what the author meant, or not."""
        annotated: dict[tuple[str, str], list[str]] = {}
        for item in [*case.evidence, *case.distractors]:
            for lang, passage in item.passage.items():
                annotated.setdefault((item.stage, lang), []).append(_norm(passage))
        words = signal_words()
        for si, stage in enumerate(case.stages):
            for lang in self.languages:
                text = _norm(text_in(stage.text, lang))
                for sentence in SENTENCE.findall(text):
                    sentence = sentence.strip()
                    if not sentence or any(
                        p in sentence or sentence in p for p in annotated.get((stage.id, lang), [])
                    ):
                        continue
                    hit = next((m.group(0) for w in words if (m := w.search(sentence))), None)
                    if hit:
                        raw = text_in(stage.text, lang).replace("’", "'")
                        start = re.search(r"\s+".join(map(re.escape, sentence.split()[:4])), raw)
                        self.warn(
                            ("stages", si, "text", lang),
                            _(
                                "“{sentence}” holds “{word}” but is neither a signal nor a distractor: "
                                "participants who mark it are told it is neutral. Is that right?",
                                sentence=sentence if len(sentence) < 90 else sentence[:87] + "…",
                                word=hit,
                            ),
                            line=self._text_line(
                                ("stages", si, "text", lang), raw, start.start() if start else 0
                            ),
                        )
        if case.module == "safe-future":
            q = case.questions
            if not q.risk_factors:
                self.add(
                    ("questions", "risk_factors"), _("a safe-future case needs risk or protective factors")
                )
            elif not any(f.present for f in q.risk_factors):
                self.add(
                    ("questions", "risk_factors"),
                    _("every factor is marked present: false; at least one must be present in this case"),
                )
            if not q.plan_items:
                self.add(("questions", "plan_items"), _("a safe-future case needs reintegration plan items"))
            elif not any(p.appropriate for p in q.plan_items):
                self.add(
                    ("questions", "plan_items"),
                    _("every plan item is marked appropriate: false; at least one must belong in the plan"),
                )

    def lint(self, case: Case) -> None:
        declared = frozenset(case.fictional_names) | frozenset(case.not_names)
        allow = [(anonymise.key(a.text), a) for a in case.lint_allow]
        texts: list[tuple[tuple, str]] = []
        self._collect_text(case, (), texts)
        common = anonymise.lowercase_words([t for _, t in texts])
        for loc, text in texts:
            for f in anonymise.scan(text, declared, common):
                line = self._text_line(loc, text, f.start)
                found = anonymise.key(f.text)
                allowance = next((a for k, a in allow if found in k or k in found), None)
                if allowance is not None:
                    self.warnings.append(
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

    def _text_line(self, loc: tuple, text: str, offset: int) -> int:
        """The line of the file where character ``offset`` of ``text`` (the text at ``loc``) is, also
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
    path: Path, languages: tuple[str, ...], warnings: list[Problem] | None = None
) -> tuple[Case | None, list[Problem]]:
    """Parse and check one case file; return the case (if it parsed) and every problem. Advice
    that is not an error (e.g. a sentence that looks like a signal but is not annotated) is added
    to ``warnings`` when a list is given."""
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
        checker.decisions(case)
        checker.points_and_weights(case)
        clean = not checker.problems  # the rule is judged once the structure holds
        key = _cache_key(path, languages)
        cached = _cache_read(key)
        if cached is None:
            before_p, before_w = len(checker.problems), len(checker.warnings)
            checker.languages_match(case)
            checker.lint(case)
            found = {
                "problems": [[p.line, p.field, p.message] for p in checker.problems[before_p:]],
                "warnings": [[p.line, p.field, p.message] for p in checker.warnings[before_w:]],
            }
            _cache_write(key, found)
        else:
            checker.problems += [Problem(path, line, field, msg) for line, field, msg in cached["problems"]]
            checker.warnings += [Problem(path, line, field, msg) for line, field, msg in cached["warnings"]]
        checker.leftovers(case)
        if clean:
            checker.rule(case)
        checker.signal_like(case)
    if warnings is not None:
        warnings.extend(sorted(checker.warnings))
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
    paths: Iterable[Path], languages: tuple[str, ...], warnings: list[Problem] | None = None
) -> tuple[list[Case], list[Problem]]:
    """Check many files; adds problems that span files (duplicate case ids). Advice that is not
    an error goes to ``warnings`` when a list is given."""
    cases: list[Case] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in case_files(paths):
        case, found = check_file(path, languages, warnings)
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
