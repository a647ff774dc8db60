"""Convert the domain seed list into the kit's social map directory (run once, at dev time).

usage: python tools/socialmap_seed.py tools/seed/organisations.csv

Writes ``src/safekit/data/socialmap/organisations.csv`` in the schema of
:class:`safekit.authoring.socialmap.model`. The rules (also in that folder's README.md):

- ``country``: ISO 3166-1 alpha-2; the seed's ``UK`` becomes ``GB``; ``EU``, ``EU-wide`` and
  ``CoE`` become ``EU`` (Europe-wide) and the original is kept in ``notes``.
- ``type``: the seed's leading code (NGO, IO, GOV, ...); the rest goes to ``type_note``; a type
  without a code is ``OTHER`` with the seed's words in ``type_note``.
- ``services``: the legend's codes the row names, plus the plain words it states for a service
  (see ``WORDS``); a row whose services are only "unverified" or in brackets gets none. The seed's text is
  kept in ``services_note`` so the basis stays visible.
- ``website``: the first domain of ``website_as_stated`` unless that column starts with "—"
  (not stated); the whole column is kept in ``website_note``.
- ``status`` and ``status_note`` from ``status``; ``last_checked`` stays empty (the seed gives no
  date); ``target_groups`` and ``languages`` stay empty (not in the seed).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from safekit.authoring.socialmap.model import SERVICES, TYPES, Organisation
from safekit.authoring.socialmap.store import write_csv

OUT = Path(__file__).resolve().parents[1] / "src" / "safekit" / "data" / "socialmap" / "organisations.csv"
COUNTRY = {"UK": "GB", "EU": "EU", "EU-wide": "EU", "CoE": "EU"}
WORDS = {
    r"\bAVRR\b|\breintegration\b": "RR",
    r"\blegal\b": "LA",
    r"\bmedical\b|\bhealth care\b": "MED",
    r"\bpsychological\b": "PS",
    r"\baccommodation\b|\bsafe houses\b": "SH",
    r"\bhotline\b|\bhelpline\b|\bnon-stop line\b": "HL",
}


def services(text: str) -> list[str]:
    if text.strip().lower().startswith(("unverified", "(")):  # "(services unverified ...)"
        return []
    found = set(re.findall(r"\b(" + "|".join(SERVICES) + r")\b", text))
    found |= {code for pattern, code in WORDS.items() if re.search(pattern, text, re.IGNORECASE)}
    return [code for code in SERVICES if code in found]


def kind(text: str) -> tuple[str, str]:
    m = re.match(r"^([A-Z]+)\b\s*(.*)$", text.strip())
    if m and m.group(1) in TYPES:
        return m.group(1), m.group(2).strip(" ()/").strip()
    return "OTHER", text.strip()


def convert(row: dict[str, str]) -> Organisation:
    country = COUNTRY.get(row["country"], row["country"])
    notes = f"Seed country: {row['country']}." if country != row["country"] else ""
    type_, type_note = kind(row["type"])
    stated = row["website_as_stated"].strip()
    website = "" if not stated or stated.startswith("—") else re.split(r"[\s;]", stated)[0]
    status, _, status_note = row["status"].partition(" ")
    return Organisation(
        id=row["id"],
        name=row["name"],
        country=country,
        type=type_,
        type_note=type_note,
        services=services(row["services"]),
        services_note=row["services"],
        website=website,
        website_note=stated,
        status=status,
        status_note=status_note.strip(" ()"),
        safe_partner=row["safe_partner"],
        source=row["source"],
        notes=notes,
    )


def main(seed: Path) -> None:
    with seed.open(encoding="utf-8", newline="") as fh:
        orgs = [convert(row) for row in csv.DictReader(fh)]
    write_csv(orgs, OUT)
    print(f"{len(orgs)} organisations written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
