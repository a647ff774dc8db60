"""The closed vocabularies of the social map and the country names: plain data, so that a
participant's kernel (the referral exercise) can use them without loading the schema."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from pathlib import Path

from safekit.core.i18n import N_, translate

# The service codes of the seed list (tools/seed/organisations.csv; see data/socialmap/README.md).
SERVICES = {
    "SH": N_("Shelter or safe housing"),
    "LA": N_("Legal aid or advice"),
    "PS": N_("Psychosocial support"),
    "MED": N_("Medical care"),
    "RR": N_("Return and reintegration"),
    "HL": N_("Hotline or helpline"),
    "ID": N_("Identification and referral"),
    "CC": N_("Case or care coordination"),
    "TR": N_("Training of professionals"),
    "ADV": N_("Advocacy and research"),
    "GUARD": N_("Guardianship"),
}
TYPES = {
    "NGO": N_("Non-governmental organisation"),
    "IO": N_("Intergovernmental organisation"),
    "GOV": N_("Government body"),
    "NR": N_("National rapporteur"),
    "NC": N_("National coordinator or commission"),
    "NET": N_("Network or platform"),
    "PORTAL": N_("Information or referral website"),
    "OTHER": N_("Other kind of body"),
}
STATUSES = {
    "verified": N_("Verified: existence and services seen in a cited source"),
    "partial": N_("Partly verified: existence seen, services partly or not confirmed"),
    "unverified": N_("Not verified against a source"),
}
STATUS_SHORT = {
    "verified": N_("Verified"),
    "partial": N_("Partly verified"),
    "unverified": N_("Not verified"),
}
TARGET_GROUPS = {
    "women": N_("Women"),
    "men": N_("Men"),
    "children": N_("Children"),
    "unaccompanied-minors": N_("Unaccompanied minors"),
    "families": N_("Families"),
    "labour-exploitation": N_("Victims of labour exploitation"),
    "sexual-exploitation": N_("Victims of sexual exploitation"),
    "returnees": N_("Returnees"),
    "professionals": N_("Professionals"),
}
# Europe-wide bodies: "EU" is exceptionally reserved in ISO 3166-1 for the European Union.
EUROPE_WIDE = "EU"
COLUMNS = [
    "id",
    "name",
    "country",
    "type",
    "type_note",
    "services",
    "services_note",
    "target_groups",
    "languages",
    "website",
    "website_note",
    "status",
    "status_note",
    "last_checked",
    "safe_partner",
    "source",
    "notes",
]
URL = re.compile(r"^(https?://)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(:\d+)?(/\S*)?$", re.IGNORECASE)


@cache
def countries() -> dict[str, dict[str, str]]:
    """ISO 3166-1 alpha-2 code -> names per language (shipped list, see data/socialmap/README.md)."""
    path = Path(str(resources.files("safekit").joinpath("data", "socialmap", "countries.csv")))
    with path.open(encoding="utf-8", newline="") as fh:  # a column per language
        return {
            row["code"]: {k: v for k, v in row.items() if k != "code" and v} for row in csv.DictReader(fh)
        }


def country_name(code: str, lang: str) -> str:
    if code == EUROPE_WIDE:
        return translate("Europe-wide", lang)
    names = countries().get(code)
    return (names.get(lang) or names["en"]) if names else code
