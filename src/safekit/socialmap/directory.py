"""The directory's organisations as plain records (``safekit.core.shapes.Organisation``), for
widgets and the participant's kernel: labels and lists of them.

The course bundle carries the records, so a participant's kernel never parses the CSV; outside
a workshop, :func:`safekit.authoring.socialmap.store.load_directory` reads them.
"""

from __future__ import annotations

from safekit.core.i18n import translate
from safekit.core.shapes import Organisation
from safekit.core.socialmap_vocab import SERVICES, STATUS_SHORT, STATUSES, TARGET_GROUPS, TYPES, country_name
from safekit.core.text import collation_key


def not_known(lang: str) -> str:
    return translate("not known", lang)


def in_country(country: str, orgs: list[Organisation], lang: str = "en") -> list[Organisation]:
    """The organisations of ``country``, in the alphabetical order of ``lang``."""
    return sorted((o for o in orgs if o["country"] == country), key=lambda o: collation_key(o["name"], lang))


def service_label(code: str, lang: str) -> str:
    return translate(SERVICES[code], lang) if code in SERVICES else code


def services_text(org: Organisation, lang: str) -> str:
    return ", ".join(service_label(c, lang) for c in org["services"]) or not_known(lang)


def type_label(org: Organisation, lang: str) -> str:
    return translate(TYPES.get(org["type"], org["type"]), lang)


def status_label(org: Organisation, lang: str) -> str:
    return translate(STATUSES.get(org["status"], org["status"]), lang)


def status_short(org: Organisation, lang: str) -> str:
    return translate(STATUS_SHORT.get(org["status"], org["status"]), lang)


def groups_text(org: Organisation, lang: str) -> str:
    return ", ".join(translate(TARGET_GROUPS.get(g, g), lang) for g in org["target_groups"]) or not_known(
        lang
    )


def languages_text(org: Organisation, lang: str) -> str:
    return ", ".join(org["languages"]) or not_known(lang)


def checked_text(org: Organisation, lang: str) -> str:
    return org["last_checked"] or not_known(lang)


def country_label(code: str, lang: str) -> str:
    return country_name(code, lang)
