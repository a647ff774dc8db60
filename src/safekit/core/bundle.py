"""The course bundle as a participant's kernel loads it: one JSON file compiled by
:mod:`safekit.authoring.compile`, read here with the standard library only."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safekit.core import i18n
from safekit.core.catalogue import Catalogue
from safekit.core.shapes import Case, Organisation

ENV_BUNDLE = "SAFEKIT_BUNDLE"
ENV_DATA_DIR = "SAFEKIT_SESSION_DIR"


@dataclass
class Bundle:
    """A compiled course: what a participant's kernel, the room view and the exports read."""

    syllabus: dict[str, Any]
    cases: dict[str, Case]
    catalogue: Catalogue
    assessments: list[dict[str, Any]] = field(default_factory=list)
    surveys: dict[str, dict[str, Any]] = field(default_factory=dict)  # questionnaires by id
    socialmap: list[Organisation] = field(default_factory=list)  # the directory's organisations
    worksheets: list[dict[str, Any]] = field(default_factory=list)  # the worksheets' definitions
    country: str = ""  # the country the session is taught for ('' = none chosen)
    route: dict[str, Any] | None = None  # that country's referral route (safekit.authoring.countries)
    drafts: list[str] = field(default_factory=list)  # languages not yet reviewed by a native professional

    @property
    def languages(self) -> list[str]:
        return list(self.syllabus["languages"])

    def modules(self) -> list[dict[str, Any]]:
        return list(self.syllabus["modules"])

    def case_order(self) -> list[str]:
        return [c for m in self.modules() for c in m["cases"]]


def load_bundle(path: Path | str | None = None) -> Bundle:
    """Read a bundle (default: ``$SAFEKIT_BUNDLE``); its messages become the translations."""
    path = Path(path or os.environ[ENV_BUNDLE])
    raw = json.loads(path.read_text(encoding="utf-8"))
    for lang, messages in raw["messages"].items():
        i18n.install_messages(lang, messages)
    return Bundle(
        raw["syllabus"],
        raw["cases"],
        Catalogue.from_dict(raw["catalogue"]),
        assessments=raw.get("assessments", []),
        surveys=raw.get("surveys", {}),
        socialmap=raw.get("socialmap") or [],
        worksheets=raw.get("worksheets") or [],
        country=raw.get("country") or "",
        route=raw.get("route"),
        drafts=raw.get("drafts") or [],
    )
