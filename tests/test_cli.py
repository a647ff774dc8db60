"""The command contract: --version, validate, new-case, workshop (course overview)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from safekit import __version__
from safekit.cli import main

FILES = Path(__file__).parent / "authoring" / "files"


@pytest.fixture
def project(tmp_path, root, monkeypatch):
    """A copy of the bundled course in a temporary folder, as the working directory."""
    shutil.copytree(root / "cases", tmp_path / "cases")
    shutil.copy(root / "syllabus.yaml", tmp_path / "syllabus.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _in_english_and_dutch(project) -> None:
    """The course of the test files in tests/authoring/files: English and Dutch only."""
    syllabus = project / "syllabus.yaml"
    text = re.sub(r"^languages: .*$", "languages: [en, nl]", syllabus.read_text(encoding="utf-8"), flags=re.M)
    syllabus.write_text(text, encoding="utf-8")


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_validate_bundled_course_is_clean(project):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_validate_reports_each_problem_and_exits_1(project):
    _in_english_and_dutch(project)
    result = run("validate", str(FILES / "broken"))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ".yaml:" in line and "(advice" not in line]
    assert len(lines) == len((FILES / "broken" / "expected.txt").read_text().splitlines())
    assert "Traceback" not in result.output


def test_validate_gives_advice_without_failing(project, tmp_path):
    """A sentence with a typical signal word that is neither a signal nor a distractor is
    advice: listed, but the case still validates."""
    text = (FILES / "minimal-valid.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "keeps his passport. He says", "keeps his passport. Later he is afraid of the boss. He says"
    )
    path = tmp_path / "minimal-valid.yaml"
    path.write_text(text, encoding="utf-8")
    _in_english_and_dutch(project)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    advice = [line for line in result.output.splitlines() if "(advice, not an error)" in line]
    assert len(advice) == 1 and "“afraid”" in advice[0] and ":28: stages[0].text.en:" in advice[0]
    assert "0 problem(s) and 1 piece(s) of advice" in result.output


def test_validate_missing_path_exits_2(project):
    assert run("validate", "nowhere").exit_code == 2


def test_new_case_then_validate(project):
    result = run("new-case", "demo")
    assert result.exit_code == 0, result.output
    assert (project / "cases" / "demo.yaml").is_file()
    assert "- demo" in (project / "syllabus.yaml").read_text()
    result = run("validate")
    assert result.exit_code == 0, result.output
    result = run("new-case", "demo")
    assert result.exit_code == 1 and "already exists" in result.output
    assert run("new-case", "Not Valid").exit_code == 1


def test_new_case_for_safe_future_validates(project):
    assert (
        run("new-case", "sf-demo", "--module", "safe-future", "--title", "A title: with colon").exit_code == 0
    )
    result = run("validate", "cases/sf-demo.yaml")
    # the template validates as it is created (its texts are advice to replace), in the right module
    assert result.exit_code == 0, result.output
    assert "template text or TODO still here" in result.output
    syllabus = (project / "syllabus.yaml").read_text(encoding="utf-8")
    future = syllabus.index("- id: safe-future")
    assessments = syllabus.index("assessments:")
    assert future < syllabus.index("- sf-demo") < assessments
    # the comment that introduces the assessments stays right above them
    assert syllabus.index("# Graded with nbgrader") > syllabus.index("- sf-demo")


def test_unlisted_case_fails_the_course(project):
    shutil.copy(FILES / "minimal-valid.yaml", project / "cases" / "minimal-valid.yaml")
    result = run("validate")
    assert result.exit_code == 1
    assert "case 'minimal-valid' is not listed in syllabus.yaml" in result.output


def test_listed_but_missing_case_fails_the_course(project):
    first = next((project / "cases").glob("*.yaml"))
    first.unlink()
    result = run("validate", "cases")
    assert result.exit_code == 1
    assert f"case '{first.stem}' is listed but cases/{first.stem}.yaml is missing" in result.output


def test_workshop_lists_the_course_in_dutch(project, monkeypatch):
    monkeypatch.setenv("SAFEKIT_LANG", "nl")
    result = run("workshop", "--check")
    assert result.exit_code == 0, result.output
    assert "Vroegtijdige identificatie" in result.output
    assert "De oom bij de paspoortcontrole" in result.output


def test_the_installed_command_runs(project):
    exe = Path(sys.executable).parent / "safekit"
    out = subprocess.run([str(exe), "validate"], capture_output=True, text=True, cwd=project, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def _break_a_case(project: Path) -> Path:
    path = project / "cases" / "scam-compound-returnee.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("module: early", "module: earl", 1), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    "command", [["coverage"], ["coverage", "--write"], ["docs"], ["handouts", "--no-pdf"]]
)
def test_a_broken_case_never_disappears_quietly(project, command):
    """Every command that reads the course refuses a broken case with the validator's message
    and a non-zero exit; nothing is written."""
    broken = _break_a_case(project)
    (project / "docs").mkdir(exist_ok=True)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1, result.output
    assert f"{broken}:" in result.output and "module:" in result.output and "--skip-invalid" in result.output
    assert not (project / "docs" / "coverage.md").exists() and not (project / "handouts").exists()


def test_skip_invalid_leaves_the_broken_case_out_and_says_so(project):
    _break_a_case(project)
    result = CliRunner().invoke(main, ["coverage", "--skip-invalid"])
    assert result.exit_code == 0, result.output
    n = len(list((project / "cases").glob("*.yaml")))
    assert f"{n - 1} cases." in result.output and "scam-compound-returnee" not in result.output


def test_handouts_for_chosen_cases(project, tmp_path):
    out = tmp_path / "sheets"
    result = run("handouts", "loverboy-schoolgirl", "--no-pdf", "--lang", "en", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "en").glob("*.html") if "loverboy" in p.name)
    assert not [p for p in (out / "en").glob("*.html") if "girl-with-uncle" in p.name]
    result = CliRunner().invoke(main, ["handouts", "no-such-case", "--no-pdf", "--out", str(out)])
    assert result.exit_code == 1 and "no valid case with id no-such-case" in result.output


def test_preview_writes_both_sheets_of_one_case(project, tmp_path):
    out = tmp_path / "preview"
    result = run("preview", "loverboy-schoolgirl", "--no-browser", "--out", str(out))
    assert result.exit_code == 0, result.output
    shown = [Path(line) for line in result.output.split()]
    names = sorted(p.name for p in shown)
    assert names == sorted(
        f"loverboy-schoolgirl-{k}.html"
        for k in ("participant", "trainer")
        for _ in ("en", "nl", "hu", "bg", "mk")
    )
    assert all(p.is_file() and p.parent.parent == out for p in shown)
    result = CliRunner().invoke(main, ["preview", "no-such-case", "--no-browser", "--out", str(out)])
    assert result.exit_code == 1 and "no valid case with id no-such-case" in result.output
