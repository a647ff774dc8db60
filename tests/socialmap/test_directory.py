"""The shipped directory: it validates, keeps the seed's facts and invents none."""

from __future__ import annotations

import csv
import json
import re

import pytest

from safekit.authoring.socialmap.model import COLUMNS, SERVICES, Organisation, countries
from safekit.authoring.socialmap.store import (
    directory_path,
    load_directory,
    read_csv,
    shipped_path,
    write_csv,
)
from tests.conftest import ROOT

SEED = ROOT / "tools" / "seed" / "organisations.csv"  # the project's seed list, as received
# Added after the seed, each with its source (or marked unverified) and the date it was checked.
ADDED = {
    "nl_veilig_thuis",
    "nl_lkha",
    "nl_slachtofferhulp",
    "nl_vluchtelingenwerk",
    "nl_ckm",
    "ng_iom",
    "md_iom",
    "md_national_referral_system",
}


@pytest.fixture(scope="module")
def shipped() -> list[Organisation]:
    orgs, problems = read_csv(shipped_path())
    assert problems == []
    return orgs


@pytest.fixture(scope="module")
def seed() -> dict[str, dict]:
    with SEED.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def test_shipped_directory_has_the_72_seed_organisations(shipped):
    assert len(shipped) == 72 + len(ADDED)
    assert len({o.id for o in shipped}) == 72 + len(ADDED)
    assert {"bg_animus", "bg_iom", "mk_open_gate", "nl_comensha", "ng_idia_renaissance"} <= {
        o.id for o in shipped
    }


def test_unknowns_stay_unknown(shipped):
    assert all(o.last_checked is None for o in shipped if o.id not in ADDED)  # the seed gives no date
    assert all(o.target_groups == [] and o.languages == [] for o in shipped)
    assert all(o.status in ("verified", "partial", "unverified") for o in shipped)


def test_what_was_added_says_how_it_was_checked(shipped):
    added = [o for o in shipped if o.id in ADDED]
    assert {o.id for o in added} == ADDED
    for org in added:
        assert org.last_checked is not None and org.status_note, org.id
        if org.status == "unverified":  # nothing is claimed for an entry nobody checked
            assert org.services == [] and not org.services_note and not org.website, org.id
        else:
            assert org.source, org.id
    assert {o.country for o in added if o.status != "unverified"} >= {"NL", "NG", "MD"}


def test_nothing_is_invented(shipped, seed):
    assert {o.id for o in shipped} == set(seed) | ADDED
    for org in (o for o in shipped if o.id not in ADDED):
        row = seed[org.id]
        assert org.name == row["name"] and org.source == row["source"]
        assert org.status == row["status"].split()[0]
        if org.website:  # only a domain the seed states, never one for a "—" entry
            assert org.website in row["website_as_stated"] and not row["website_as_stated"].startswith("—")
        assert org.services_note == row["services"]
        for code in org.services:  # every code has its basis in the seed's own words
            words = {"RR": r"RR|AVRR|reintegration", "LA": r"LA|legal", "MED": r"MED|medical|health care"}
            words |= {"PS": r"PS|psychological", "SH": r"SH|accommodation|safe houses", "HL": r"HL|hotline"}
            assert re.search(words.get(code, code), row["services"], re.IGNORECASE), (org.id, code)


def test_country_codes_are_iso_or_europe_wide(shipped):
    known = countries()
    assert {"NL", "HU", "BG", "MK", "RS", "BA", "ME", "AL", "XK", "NG", "UG", "MD", "GB"} <= set(known)
    assert all(o.country in known or o.country == "EU" for o in shipped)
    assert {o.id for o in shipped if o.country == "GB"} == {"uk_asi", "uk_flex"}  # the seed's "UK"


def test_round_trip_is_exact(tmp_path, shipped):
    out = write_csv(shipped, tmp_path / "out.csv")
    assert out.read_text(encoding="utf-8") == shipped_path().read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)


def test_project_copy_takes_precedence(tmp_path, shipped):
    assert directory_path(tmp_path) == shipped_path()
    write_csv(shipped[:3], tmp_path / "socialmap" / "organisations.csv")
    assert directory_path(tmp_path) == tmp_path / "socialmap" / "organisations.csv"
    assert len(load_directory(tmp_path)) == 3


def test_service_vocabulary_is_the_reference_legend():
    assert list(SERVICES) == ["SH", "LA", "PS", "MED", "RR", "HL", "ID", "CC", "TR", "ADV", "GUARD"]


def test_bundle_carries_the_directory(tmp_path):
    from safekit.socialmap import directory
    from safekit.testing import bundle_for

    bundle = bundle_for(ROOT, tmp_path)
    carried = json.loads((tmp_path / "bundle.json").read_text(encoding="utf-8"))["socialmap"]
    assert len(carried) == 72 + len(ADDED) and bundle.socialmap == carried
    assert {o["id"] for o in directory.in_country("BG", bundle.socialmap)} == {
        "bg_animus",
        "bg_iom",
        "bg_nccthb",
        "bg_nrm_platform",
        "bg_sar",
    }
