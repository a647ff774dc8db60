"""``safekit socialmap list|import|export``: bad files are refused with every problem named,
conflicts are reported field by field and never applied without ``--prefer``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from safekit.authoring.socialmap.model import Organisation
from safekit.authoring.socialmap.store import PROJECT_FILE, read_csv, shipped_path
from safekit.cli import main
from safekit.socialmap.merge import merge

FILES = Path(__file__).parent / "files"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "syllabus.yaml").write_text("", encoding="utf-8")
    monkeypatch.setenv("SAFEKIT_PROJECT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def expected(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8")


def normalised(output: str, file: Path, project: Path) -> str:
    return output.replace(str(file), "FILE").replace(str(project), "PROJECT")


def test_malformed_file_is_refused_with_every_problem(project):
    file = FILES / "malformed.csv"
    result = run("socialmap", "import", str(file))
    assert result.exit_code == 1
    assert normalised(result.output, file, project) == expected("malformed.expected")
    assert not (project / PROJECT_FILE).exists()  # nothing written


def test_missing_columns_are_named(project):
    file = FILES / "missing-columns.csv"
    result = run("socialmap", "import", str(file))
    assert result.exit_code == 1
    out = normalised(result.output, file, project)
    for column in ("name", "type", "status"):
        assert f"FILE:1: {column}: required column is missing" in out
    assert "FILE:1: title: unknown column" in out


def test_conflicts_are_reported_and_not_applied(project):
    file = FILES / "conflicting.csv"
    result = run("socialmap", "import", str(file))
    assert result.exit_code == 3
    assert normalised(result.output, file, project) == expected("conflicting.expected")
    orgs = {o.id: o for o in read_csv(project / PROJECT_FILE)[0]}
    assert orgs["bg_animus"].website == "animusassociation.org"  # the conflict kept ours
    assert orgs["bg_animus"].languages == ["bg", "en"]  # not known before: filled in
    assert orgs["nl_fier"].status == "partial" and str(orgs["nl_fier"].last_checked) == "2025-01-15"
    assert "zz_test_org" in orgs and len(orgs) == len(read_csv(shipped_path())[0]) + 1


def test_prefer_theirs_applies_the_file(project):
    result = run("socialmap", "import", str(FILES / "conflicting.csv"), "--prefer", "theirs")
    assert result.exit_code == 0, result.output
    assert "Conflicts resolved with the file's values" in result.output
    orgs = {o.id: o for o in read_csv(project / PROJECT_FILE)[0]}
    assert orgs["bg_animus"].website == "animus.example.org" and orgs["nl_fier"].status == "verified"


def test_dry_run_writes_nothing(project):
    result = run("socialmap", "import", str(FILES / "conflicting.csv"), "--dry-run")
    assert result.exit_code == 3 and "Dry run: nothing was written." in result.output
    assert not (project / PROJECT_FILE).exists()


def test_second_import_changes_nothing(project):
    run("socialmap", "import", str(FILES / "conflicting.csv"), "--prefer", "ours")
    before = (project / PROJECT_FILE).read_text(encoding="utf-8")
    result = run("socialmap", "import", str(FILES / "conflicting.csv"), "--prefer", "ours")
    assert result.exit_code == 0 and "Nothing to change." in result.output
    assert (project / PROJECT_FILE).read_text(encoding="utf-8") == before


def test_export_writes_the_directory_in_use(project):
    out = project / "out.csv"
    result = run("socialmap", "export", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == shipped_path().read_text(encoding="utf-8")
    run("socialmap", "import", str(FILES / "conflicting.csv"))
    run("socialmap", "export", str(out))
    assert "zz_test_org" in out.read_text(encoding="utf-8")


def test_list_filters_and_shows_unknowns(project):
    orgs = read_csv(shipped_path())[0]
    want = sorted(o.id for o in orgs if o.country == "BG" and "SH" in o.services)
    result = run("socialmap", "list", "--country", "BG", "--service", "SH")
    assert result.exit_code == 0
    rows = [line.split()[0] for line in result.output.splitlines()[2:-1]]
    assert sorted(rows) == want == ["bg_animus", "bg_nccthb"]
    assert "not known" in result.output  # no last-checked date in the seed
    assert result.output.splitlines()[0].split() == [
        "id",
        "name",
        "country",
        "services",
        "status",
        "last",
        "checked",
    ]
    assert result.output.strip().endswith("2 organisation(s)")
    everything = run("socialmap", "list")
    assert everything.output.strip().endswith(f"{len(read_csv(shipped_path())[0])} organisation(s)")


def _org(**kw) -> Organisation:
    base = {"id": "zz_a", "name": "Test A", "country": "BG", "type": "NGO", "status": "partial"}
    return Organisation.model_validate(base | kw)


def test_merge_matches_on_name_and_country():
    ours = [_org(services="SH")]
    theirs = [_org(id="zz_other", name="  test a ", services="SH;LA")]
    r = merge(ours, theirs)
    assert r.added == [] and [c.field for c in r.conflicts] == ["services"]
    assert r.merged[0].services == ["SH"]
    r = merge(ours, [_org(id="zz_other", name="Test A", country="MK")])
    assert r.added == ["zz_other"]  # same name, other country: another organisation


def test_merge_keeps_what_the_file_leaves_empty():
    ours = [_org(website="example.org", languages="bg")]
    r = merge(ours, [_org()])
    assert r.unchanged == ["zz_a"] and r.conflicts == [] and r.merged == ours


def test_a_broken_project_directory_is_reported_not_used(project):
    (project / PROJECT_FILE).parent.mkdir()
    (project / PROJECT_FILE).write_text(
        "id,name,country,type,status\nzz_a,Test A,XX,NGO,verified\n", encoding="utf-8"
    )
    for args in (["list"], ["export", str(project / "out.csv")], ["import", str(FILES / "conflicting.csv")]):
        result = run("socialmap", *args)
        assert result.exit_code == 1, args
        assert f"{project / PROJECT_FILE}:2: country: 'XX' is not an ISO 3166-1 alpha-2" in result.output
        assert "fix these problems first" in result.output
    assert not (project / "out.csv").exists()
