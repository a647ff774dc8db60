"""Every shipped worksheet loads, in both languages; a broken one is reported by file, line and
field; the bundle carries them so a participant's kernel needs no YAML parser."""

from __future__ import annotations

import shutil

import pytest

from safekit.authoring.worksheets import bundle_worksheets, load_file, load_worksheets, worksheet_dir
from safekit.worksheets import fields


def test_every_shipped_worksheet_loads_in_order():
    sheets = load_worksheets()
    assert [s.id for s in sheets] == ["risk-assessment", "informed-consent", "reintegration-plan"]
    assert sorted(p.stem for p in worksheet_dir().glob("*.yaml")) == sorted(s.id for s in sheets)


def test_the_content_has_the_parts_the_module_needs():
    by_id = {s.id: s for s in load_worksheets()}
    levels = by_id["risk-assessment"].sections[0]
    assert [r.id for r in levels.rows] == ["individual", "family", "community", "structural"]
    assert [c.id for c in levels.columns] == ["risk", "protective"]
    assert all(
        levels.cell(r.id, c.id) and levels.cell(r.id, c.id).hint for r in levels.rows for c in levels.columns
    )
    assert any(f.kind == "risk" for s in by_id["risk-assessment"].sections for f in s.fields)
    outcome = {f.id: f for s in by_id["risk-assessment"].sections for f in s.fields}
    assert {"safe-enough", "alternatives", "who-decides", "best-interests"} <= set(outcome)
    assert (
        "guardian" in outcome["best-interests"].hint["en"] and "voogd" in outcome["best-interests"].hint["nl"]
    )
    assert "ODIHR" in by_id["risk-assessment"].note["en"]
    consent = {f.id: f for s in by_id["informed-consent"].sections for f in s.fields}
    assert sum(f.kind == "check" for f in consent.values()) >= 12
    assert "declining return does not change the support" in consent["support-continues"].label["en"]
    assert "per recipient and per item" in consent["per-recipient"].label["en"]
    assert all(consent[i].label["nl"] for i in ("support-continues", "per-recipient"))
    plan = by_id["reintegration-plan"]
    grid = plan.sections[0]
    assert [r.id for r in grid.rows] == ["economic", "social", "psychosocial"]
    assert [c.id for c in grid.columns] == ["individual", "community", "structural"]
    extra = {f.id for s in plan.sections for f in s.fields}
    assert {"safety-plan", "legal", "health"} <= extra
    # the teaching synthesis is named as such, as the reference flags it
    assert "teaching synthesis" in by_id["risk-assessment"].note["en"]
    assert "leersynthese" in by_id["risk-assessment"].note["nl"]


def test_a_broken_worksheet_names_file_line_and_field(tmp_path):
    src = (worksheet_dir() / "reintegration-plan.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "reintegration-plan.yaml"
    broken.write_text(
        src.replace("        column: community\n", "        column: elsewhere\n", 1), encoding="utf-8"
    )
    sheet, problems = load_file(broken)
    assert sheet is None and len(problems) == 1
    p = problems[0]
    line = src.splitlines().index("  - id: plan") + 1
    assert p.path == broken and p.line >= line and p.field == "sections[0]"
    assert "economic-community" in p.message

    missing = tmp_path / "informed-consent.yaml"
    text = (worksheet_dir() / "informed-consent.yaml").read_text(encoding="utf-8")
    missing.write_text(
        text.replace("          nl: Nooit een tolk die de persoon, de familie of het netwerk kent.\n", ""),
        encoding="utf-8",
    )
    _sheet, problems = load_file(missing)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "sections[0].fields[1].hint: missing language 'nl'"
    ]
    assert (
        problems[0].line
        == text.splitlines().index("        hint:", text.splitlines().index("      - id: language")) + 1
    )


def test_load_worksheets_lists_every_problem(tmp_path):
    for path in worksheet_dir().glob("*.yaml"):
        shutil.copy(path, tmp_path)
    (tmp_path / "copy.yaml").write_text((tmp_path / "informed-consent.yaml").read_text(encoding="utf-8"))
    (tmp_path / "extra.yaml").write_text("schema_version: 1\nid: extra\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_worksheets(tmp_path)
    lines = str(err.value).splitlines()
    assert f"{tmp_path / 'copy.yaml'}:3: id: must match the file name 'copy'" in lines
    assert f"{tmp_path / 'extra.yaml'}:1: sections: Field required" in lines
    assert len(lines) == 6  # copy: 1; extra: order, title, intro, note, sections


def test_the_kernel_reads_them_from_the_bundle(bundle):
    assert bundle.worksheets == bundle_worksheets()
    for sheet in bundle.worksheets:
        for _section, field in fields(sheet):
            assert "en" in (field.get("label") or field.get("hint")) and "nl" in (
                field.get("label") or field.get("hint")
            )


def test_a_participant_kernel_takes_them_from_the_bundle_without_parsing_yaml(tmp_path):
    import subprocess
    import sys

    from safekit.authoring.compile import write_bundle
    from tests.conftest import ROOT
    from tests.support import mini_project

    path = write_bundle(
        mini_project(ROOT, tmp_path / "course", ["ana-permit-ends"]), tmp_path / "bundle.json"
    )
    code = f"""
import sys
from safekit.core.bundle import load_bundle
from safekit.exercises.registry import context_for
bundle = load_bundle({str(path)!r})
from safekit.exercises import Worksheet
ex = Worksheet(bundle.cases["ana-permit-ends"], bundle.catalogue, "nl", context=context_for(bundle))
print([ex.form(s).sheet["title"]["nl"] for s in ex.sheets])
print("safekit.authoring.worksheets" in sys.modules, "ruamel.yaml" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        "['Risicotaxatie bij terugkeer', 'Checklist geïnformeerde toestemming', 'Re-integratieplan']",
        "False False",
    ]
