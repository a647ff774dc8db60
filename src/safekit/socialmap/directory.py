"""The directory as plain records, for widgets and the participant's kernel.

The workshop puts the directory into the course bundle; ``load_bundle`` calls :func:`install`,
so a participant's kernel never parses the CSV. Outside a workshop (tests, JupyterLab)
:func:`records` reads the project's directory, or the shipped one, once.
"""

from __future__ import annotations

from pathlib import Path

from safekit.core.i18n import translate
from safekit.core.socialmap_vocab import SERVICES, STATUS_SHORT, STATUSES, TARGET_GROUPS, TYPES, country_name

_installed: list[dict] | None = None


def install(records: list[dict] | None) -> None:
    """Use these records (from the course bundle) as the directory."""
    global _installed
    _installed = list(records) if records is not None else None


def records(project: Path | None = None) -> list[dict]:
    """The directory as dicts (fields of :class:`~safekit.authoring.socialmap.model`)."""
    global _installed
    if _installed is None:
        from safekit.authoring.socialmap.store import load_directory
        from safekit.authoring.syllabus import find_project

        _installed = [o.record() for o in load_directory(project or find_project())]
    return _installed


def not_known(lang: str) -> str:
    return translate("not known", lang)


def in_country(country: str, orgs: list[dict] | None = None) -> list[dict]:
    return sorted(
        (o for o in (orgs if orgs is not None else records()) if o["country"] == country),
        key=lambda o: o["name"],
    )


def service_label(code: str, lang: str) -> str:
    return translate(SERVICES[code], lang) if code in SERVICES else code


def services_text(org: dict, lang: str) -> str:
    return ", ".join(service_label(c, lang) for c in org["services"]) or not_known(lang)


def type_label(org: dict, lang: str) -> str:
    return translate(TYPES.get(org["type"], org["type"]), lang)


def status_label(org: dict, lang: str) -> str:
    return translate(STATUSES.get(org["status"], org["status"]), lang)


def status_short(org: dict, lang: str) -> str:
    return translate(STATUS_SHORT.get(org["status"], org["status"]), lang)


def groups_text(org: dict, lang: str) -> str:
    return ", ".join(translate(TARGET_GROUPS.get(g, g), lang) for g in org["target_groups"]) or not_known(
        lang
    )


def languages_text(org: dict, lang: str) -> str:
    return ", ".join(org["languages"]) or not_known(lang)


def checked_text(org: dict, lang: str) -> str:
    return org["last_checked"] or not_known(lang)


def country_label(code: str, lang: str) -> str:
    return country_name(code, lang)
