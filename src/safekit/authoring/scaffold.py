"""``safekit new-case``: a new case file from the template, listed in the syllabus."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

from ruamel.yaml import YAML

from safekit.authoring.syllabus import SYLLABUS
from safekit.core.i18n import _


class ScaffoldError(ValueError):
    pass


def template_text(name: str = "case.yaml") -> str:
    return resources.files("safekit").joinpath("data", "new", name).read_text(encoding="utf-8")


def new_case(
    project: Path,
    case_id: str,
    module: str = "early-identification",
    setting: str = "social-services",
    title: str | None = None,
) -> Path:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id) or len(case_id) > 60:
        raise ScaffoldError(
            _("'{id}' is not a valid case id: use lower-case letters, digits and hyphens", id=case_id)
        )
    target = project / "cases" / f"{case_id}.yaml"
    if target.exists():
        raise ScaffoldError(_("{path} already exists", path=target))
    text = template_text().format(
        id=case_id,
        module=module,
        setting=setting,
        title=json.dumps(title or case_id.replace("-", " ").capitalize(), ensure_ascii=False),
        today=dt.date.today().isoformat(),
        future=template_text("safe-future.yaml") if module == "safe-future" else "",
        return_country="  return_country: NL\n" if module == "safe-future" else "",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _add_to_syllabus(project, module, case_id)
    return target


def _add_to_syllabus(project: Path, module: str, case_id: str) -> None:
    path = project / SYLLABUS
    if not path.is_file():
        return
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    data = yaml.load(path.read_text(encoding="utf-8"))
    for mod in data.get("modules", []):
        if mod.get("id") == module:
            cases = mod["cases"]
            if case_id not in cases:
                # a comment after the list belongs after the new last item, not before it
                after = cases.ca.items.pop(len(cases) - 1, None) if cases else None
                cases.append(case_id)
                if after is not None:
                    cases.ca.items[len(cases) - 1] = after
            break
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
