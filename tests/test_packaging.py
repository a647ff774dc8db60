"""The project set-up: conda and pip install the same packages; notebooks are committed clean;
the wheel, installed without the checkout, serves a workshop."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import pytest

from safekit.authoring.yamlio import load_data
from tests.conftest import ROOT
from tests.support.page_client import PageClient
from tests.support.workshop import start_workshop


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def test_environment_yml_matches_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = load_data(root / "environment.yml")
    have = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    from_pip = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    have |= {_name(d) for group in from_pip for d in group if not d.startswith("-")}
    assert wanted == have


def test_ipykernel_is_a_runtime_dependency(root):
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(_name(d) == "ipykernel" for d in deps)


def test_notebooks_are_committed_clean(root):
    dirty = []
    for folder in ("notebooks", "solutions", "exercises"):
        for path in (root / folder).rglob("*.ipynb"):
            if ".ipynb_checkpoints" in path.parts:
                continue
            nb = json.loads(path.read_text(encoding="utf-8"))
            if any(c.get("outputs") or c.get("execution_count") for c in nb["cells"]):
                dirty.append(str(path.relative_to(root)))
    assert dirty == []


# -- what ships: the wheel, installed without the checkout, serves a workshop -----------------
# Built offline (no build isolation: the backend is the test environment's setuptools) from the
# sdist, as `python -m build` does, so both archives are checked. The fresh environment reaches
# the dependencies of the running one through a .pth line naming its site-packages: .pth files
# inside that folder (such as an editable install's) are then not read, so the checkout stays out.

COURSE = ("cases", "syllabus.yaml", "exercises", "nbgrader_config.py")  # what a trainer has
NOT_SHIPPED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    "test-artifacts",
    "workshops",
    ".*_cache",
)


def _package_files() -> set[str]:
    """Every file of the package in the checkout, as a path inside the wheel."""
    src = ROOT / "src"
    return {
        p.relative_to(src).as_posix()
        for p in (src / "safekit").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sdist built from a copy of the checkout, and the wheel built from that sdist."""
    backend = version("setuptools")
    assert int(backend.split(".")[0]) >= 77, (
        f"setuptools {backend}: the test extra's setuptools>=77 is needed"
    )
    tmp = tmp_path_factory.mktemp("packaging")
    source, out = tmp / "source", tmp / "dist"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    out.mkdir()
    hook = "import sys, setuptools.build_meta as b; print(b.build_sdist(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", hook, str(out)], cwd=source, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    sdist = out / done.stdout.split()[-1]
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    done = subprocess.run(
        [*pip, "wheel", str(sdist), "--no-deps", "--no-build-isolation", "--no-index", "--no-cache-dir"]
        + ["--wheel-dir", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return sdist, next(out.glob("safekit-*.whl"))


@pytest.mark.slow
def test_the_sdist_and_the_wheel_carry_the_package_and_nothing_else(built):
    sdist, wheel = built
    with tarfile.open(sdist) as tar:
        top = tar.getnames()[0].split("/")[0]
        in_sdist = {
            n.removeprefix(f"{top}/src/") for n in tar.getnames() if n.startswith(f"{top}/src/safekit/")
        }
        in_sdist = {n for n in in_sdist if tar.getmember(f"{top}/src/{n}").isfile()}
    with zipfile.ZipFile(wheel) as whl:
        in_wheel = {n for n in whl.namelist() if n.startswith("safekit/")}
    package = _package_files()
    assert "safekit/server/share/voila/templates/safekit/index.html.j2" in package
    assert "safekit/server/share/trainer.js" in package
    assert "safekit/server/templates/trainer.html.j2" in package
    assert "safekit/documents/templates/participant.html.j2" in package
    assert in_sdist == package
    assert in_wheel == package
    assert not {n for n in in_wheel if n.startswith(("safekit/testing/", "tests/"))}


def _fresh_environment(wheel: Path, where: Path) -> Path:
    """A new virtual environment with the wheel installed and this one's dependencies in reach."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index"]
        + ["--no-cache-dir", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    own = Path(_run(python, "import sysconfig; print(sysconfig.get_path('purelib'))"))
    # this environment's site-packages, from its prefix (not the interpreter's own base)
    deps = {
        sysconfig.get_path(k, vars={"base": sys.prefix, "platbase": sys.prefix})
        for k in ("purelib", "platlib")
    }
    (own / "safekit-test-dependencies.pth").write_text("".join(f"{d}\n" for d in sorted(deps)))
    return python


def _clean_env() -> dict[str, str]:
    """This process's environment without what would put the checkout on the path. The
    dependencies' Jupyter files (Voilà's templates, the widgets' page code) lie under this
    environment's share/jupyter, which a .pth line cannot bring in: JUPYTER_PATH names it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(Path(sys.prefix) / "share" / "jupyter"), env.get("JUPYTER_PATH")])
    )
    return env


def _run(python: Path, code: str) -> str:
    done = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, env=_clean_env(), cwd="/", timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def _join(link: str, pseudonym: str) -> str:
    """Fill in the join page as a participant does; the participant's own link (path and query)."""

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None  # the answer's Location is what we want

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(), Stay)
    with opener.open(link, timeout=60) as resp:
        page = resp.read().decode()
    assert "Join the workshop" in page
    form = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    form["pseudonym"] = pseudonym
    request = urllib.request.Request(
        urllib.parse.urljoin(link, "join"), urllib.parse.urlencode(form).encode()
    )
    try:
        opener.open(request, timeout=60)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.read().decode()
        return redirect.headers["Location"]
    raise AssertionError("the join page did not send the participant on")


@pytest.mark.slow
def test_the_installed_wheel_serves_a_workshop_without_the_checkout(built, tmp_path):
    _sdist, wheel = built
    python = _fresh_environment(wheel, tmp_path / "venv")
    where = Path(_run(python, "import safekit; print(safekit.__file__)"))
    assert where.is_relative_to(tmp_path / "venv"), where
    assert not where.is_relative_to(ROOT)

    course = tmp_path / "course"  # what a trainer has: the course, no checkout
    for name in COURSE:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, course / name)
    ws = start_workshop(
        course, tmp_path / "data", tmp_path / "server.log", 1, exe=python.parent / "safekit", env=_clean_env()
    )
    try:
        own_link = _join(ws.link, "Quiet Heron 12")
        client = PageClient(ws.base, own_link, assets=[])

        async def visit() -> None:
            try:
                await client.join(timeout=120)
            finally:
                client.leave()

        with ThreadPoolExecutor(1) as thread:  # an event loop of its own, beside any test's
            thread.submit(lambda: asyncio.run(visit())).result()
        assert "app" in client.times  # the kernel sent the whole app, buttons and all
        assert 'id="sk-loading"' in client.html  # the kit's Voilà template, from the wheel
        css = re.search(r'href="(/voila/templates/safekit/static/safekit\.css[^"]*)"', client.html)
        with urllib.request.urlopen(ws.base.rstrip("/") + css.group(1), timeout=60) as resp:
            assert b".sk-" in resp.read()
        with urllib.request.urlopen(ws.base + "trainer", timeout=60) as resp:
            assert resp.status == 200 and "trainer.js" in resp.read().decode()
        kernels = ws.kernels()
        assert kernels, "no kernel"
        for pid in kernels:  # the participants' kernels run the installed kit too
            assert Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode() == str(python)
    finally:
        stopped = ws.stop()
    assert stopped == 0 and "Workshop stopped" in ws.log.read_text()
