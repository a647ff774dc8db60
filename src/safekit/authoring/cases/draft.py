"""A case being edited in the case studio: the round-trip document, the changes the studio makes
to it (texts, signals, distractors, decisions), and what the author sees live: the validator's
problems, the anonymisation findings, the decision rule and the case as participants get it."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from safekit.authoring.cases import anonymise, roundtrip
from safekit.authoring.cases.model import Case
from safekit.authoring.cases.validate import check_file
from safekit.authoring.catalogue import load_catalogue
from safekit.core.errors import Problem
from safekit.core.i18n import _
from safekit.core.rule import RuleResult, evaluate

GROUPS = ("evidence", "distractors")


@dataclass
class Checked:
    """What the validator and the rule make of the draft as it stands."""

    case: Case | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    anonymisation: list[str] = field(default_factory=list)
    rule: RuleResult | None = None

    def compiled(self) -> dict[str, Any] | None:
        """The case as the course bundle gives it to participants' kernels."""
        if self.case is None:
            return None
        return {**self.case.model_dump(mode="json"), "delphi_set": self.case.delphi_set}


def slug(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:4] or ["item"]
    base = "-".join(words)[:50].strip("-") or "item"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


class Draft:
    def __init__(self, path: Path, languages: tuple[str, ...]):
        self.path, self.languages = Path(path), tuple(languages)
        self.doc: CommentedMap = roundtrip.load(self.path)
        self.saved_text = roundtrip.dump(self.doc)

    @property
    def case_id(self) -> str:
        return self.path.stem

    @property
    def changed(self) -> bool:
        return roundtrip.dump(self.doc) != self.saved_text

    def save(self) -> None:
        roundtrip.save(self.path, self.doc)
        self.saved_text = roundtrip.dump(self.doc)

    # -- reading and writing values ---------------------------------------------------------
    def get(self, *loc: Any, default: Any = "") -> Any:
        node: Any = self.doc
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def set_text(self, *loc: Any, value: str) -> None:
        """Set the text at ``loc`` (creating the maps on the way), in the style it had."""
        node: Any = self.doc
        for part in loc[:-1]:
            if isinstance(node, dict) and part not in node:
                node[part] = CommentedMap()
            node = node[part]
        key = loc[-1]
        old = node.get(key) if isinstance(node, dict) else node[key]
        if str(old or "").strip() != value.strip():
            node[key] = roundtrip.scalar(old, value)

    def set_value(self, *loc: Any, value: Any) -> None:
        node = self.get(*loc[:-1])
        if node.get(loc[-1]) != value:
            node[loc[-1]] = value

    def _list(self, *loc: Any) -> list:
        node = self.get(*loc[:-1])
        key = loc[-1]
        if not node.get(key):
            node[key] = roundtrip.block_seq([])
        return node[key]

    def localized(self, texts: dict[str, str]) -> CommentedMap:
        return CommentedMap((lang, roundtrip.scalar(None, texts.get(lang, ""))) for lang in self.languages)

    # -- stages -----------------------------------------------------------------------------
    def stages(self) -> list[CommentedMap]:
        return list(self.get("stages", default=[]))

    def add_stage(self) -> str:
        stages = self._list("stages")
        sid = slug(_("stage {n}", n=len(stages) + 1), {s["id"] for s in stages})
        title = {lang: f"{len(stages) + 1}" for lang in self.languages}
        stages.append(CommentedMap(id=sid, title=self.localized(title), text=self.localized({})))
        return sid

    # -- signals and distractors -------------------------------------------------------------
    def items(self, group: str) -> list[CommentedMap]:
        return list(self.get(group, default=[]))

    def item(self, group: str, item_id: str) -> CommentedMap | None:
        return next((i for i in self.items(group) if i.get("id") == item_id), None)

    def annotate(
        self,
        group: str,
        stage: str,
        passages: dict[str, str],
        explanation: dict[str, str],
        indicator: str | None = None,
        key: bool = False,
        item_id: str | None = None,
    ) -> str:
        """Add (or, given ``item_id``, update) a signal (``evidence``) or a distractor. An item
        moved to the other group keeps its id."""
        for other in GROUPS:
            existing = self.item(other, item_id) if item_id else None
            if existing is not None and other != group:
                self.remove(other, item_id)
        node = self.item(group, item_id) if item_id else None
        if node is None:
            taken = {i["id"] for g in GROUPS for i in self.items(g)}
            first = passages.get(self.languages[0], "")
            node = CommentedMap(id=item_id or slug(first, taken), stage=stage)
            self._list(group).append(node)
        node["stage"] = stage
        name = "indicator" if group == "evidence" else "looks_like"
        if indicator:
            if name not in node:
                node.insert(2, name, indicator)
            else:
                node[name] = indicator
        elif name in node and group == "distractors":
            del node[name]
        for lang in self.languages:
            self.set_text(group, self.items(group).index(node), "passage", lang, value=passages.get(lang, ""))
        for lang in self.languages:
            self.set_text(
                group, self.items(group).index(node), "explanation", lang, value=explanation.get(lang, "")
            )
        if group == "evidence":
            if key:
                node["key"] = True
            elif "key" in node:
                del node["key"]
        return str(node["id"])

    def remove(self, group: str, item_id: str) -> None:
        seq = self.get(group, default=[])
        for i, item in enumerate(list(seq)):
            if item.get("id") == item_id:
                del seq[i]
                return

    # -- decisions --------------------------------------------------------------------------
    def steps(self) -> list[CommentedMap]:
        return list(self.get("questions", "decide", default=[]))

    def add_step(self) -> str:
        steps = self._list("questions", "decide")
        sid = slug(_("step {n}", n=len(steps) + 1), {s["id"] for s in steps})
        steps.append(CommentedMap(id=sid, prompt=self.localized({}), options=roundtrip.block_seq([])))
        self.add_option(len(steps) - 1)
        return sid

    def add_option(self, step: int) -> str:
        options = self._list("questions", "decide", step, "options")
        oid = slug(_("option {n}", n=len(options) + 1), {o["id"] for o in options})
        options.append(
            CommentedMap(
                id=oid,
                label=self.localized({}),
                consequence=self.localized({}),
                feedback=self.localized({}),
                verdict="partly",
                points=1,
            )
        )
        return oid

    # -- notes for trainers -------------------------------------------------------------------
    def add_text_item(self, name: str) -> None:
        """A new entry (one text per language) in a list such as ``key_points``."""
        self._list(name).append(self.localized({}))

    def sign_anonymisation(self, checked_by: str) -> None:
        """Who checked the anonymisation (a role); the date of the check becomes today."""
        if not isinstance(self.doc.get("anonymisation"), dict):
            self.doc["anonymisation"] = CommentedMap()
        node = self.doc["anonymisation"]
        if str(node.get("checked_by", "")) != checked_by.strip():
            node["checked_by"] = checked_by.strip()
            node["checked_on"] = dt.date.today()

    # -- what the author sees live ------------------------------------------------------------
    def check(self) -> Checked:
        """Validate the draft as it stands (a copy in a temporary folder, not the case file)."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / self.path.name
            path.write_text(roundtrip.dump(self.doc), encoding="utf-8")
            warnings: list[Problem] = []
            case, problems = check_file(path, self.languages, warnings)
        problems = [Problem(self.path, p.line, p.field, p.message) for p in problems]
        warnings = [Problem(self.path, p.line, p.field, p.message) for p in warnings]
        checked = Checked(case, problems, warnings)
        if case is None:
            return checked
        cat = load_catalogue()
        known = [e.indicator for e in case.evidence if e.indicator in cat.indicators]
        checked.rule = evaluate(known, case.delphi_set, cat)
        checked.anonymisation = _anonymisation(case)
        return checked


def _anonymisation(case: Case) -> list[str]:
    """Possible identifying details in the case's texts, in the validator's own words."""
    texts: list[str] = []
    _collect(case, texts)
    declared = frozenset(case.fictional_names) | frozenset(case.not_names)
    common = anonymise.lowercase_words(texts)
    out: list[str] = []
    for text in texts:
        for f in anonymise.scan(text, declared, common):
            msg = _("possible identifying detail: {what} '{text}'", what=_(f.label), text=f.text)
            if msg not in out:
                out.append(msg)
    return out


def _collect(node: Any, out: list[str]) -> None:
    from pydantic import BaseModel

    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name not in ("fictional_names", "not_names", "anonymisation", "id", "sources"):
                _collect(getattr(node, name), out)
    elif isinstance(node, list):
        for item in node:
            _collect(item, out)
    elif isinstance(node, dict):
        out.extend(str(v) for v in node.values())
