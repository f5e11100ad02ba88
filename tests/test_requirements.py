"""snippets/requirements.txt installs where readers are: it resolves for Linux x86-64, Linux
aarch64, macOS arm64 and Windows amd64, for every Python version the pages claim (3.11–3.13),
and not for the versions just outside that range. Resolved with uv, which applies environment
markers for another platform (pip's --platform does not)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import pins
from tests.conftest import ROOT

UV = Path(sys.executable).parent / "uv"
PLATFORMS = {
    "Linux x86-64": "x86_64-unknown-linux-gnu",
    "Linux aarch64": "aarch64-unknown-linux-gnu",
    "macOS arm64": "aarch64-apple-darwin",
    "Windows amd64": "x86_64-pc-windows-msvc",
}
CLAIMED = ("3.11", "3.12", "3.13")  # what docs/code/index.md and every task page say
TENSORFLOW = {  # which TensorFlow package each platform gets
    "Linux x86-64": "tensorflow-cpu",
    "Windows amd64": "tensorflow-cpu",
    "Linux aarch64": "tensorflow",
    "macOS arm64": "tensorflow",
}


def resolve(platform: str, python: str, tmp_path: Path) -> subprocess.CompletedProcess:
    out = tmp_path / f"{PLATFORMS[platform]}-{python}.txt"
    env = {**os.environ, "MACOSX_DEPLOYMENT_TARGET": "14.0"}  # torch's macOS wheels need 14
    return subprocess.run(
        [str(UV), "pip", "compile", str(pins.REQUIREMENTS), "--quiet", "--no-header",
         "--python-platform", PLATFORMS[platform], "--python-version", python,
         "--output-file", str(out)],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT,
    )  # fmt: skip


def resolved(proc: subprocess.CompletedProcess, platform: str, python: str) -> str:
    if proc.returncode != 0:
        failing = re.findall(r"\b([a-z0-9_.\-]+)==([\w.]+)", proc.stderr)
        pytest.fail(
            f"snippets/requirements.txt does not resolve on {platform} for Python {python} "
            f"(packages named: {sorted(set(failing))[:5]}):\n{proc.stderr[-2500:]}",
            pytrace=False,
        )
    return (Path(proc.args[proc.args.index("--output-file") + 1])).read_text()


OUTSIDE = ("3.10", "3.14")
WANTED = [(p, v) for p in PLATFORMS for v in CLAIMED] + [("Linux x86-64", v) for v in OUTSIDE]


def start_resolving() -> dict:
    """Start every (platform, Python) resolution in the background, four at a time; returns
    (platform, python) -> future. uv waits on the network mostly, so tests/conftest.py starts
    them when the session begins, and the browser tests run meanwhile."""
    from concurrent.futures import ThreadPoolExecutor

    folder = Path(tempfile.mkdtemp(prefix="uv-resolve-"))
    pool = ThreadPoolExecutor(max_workers=4)  # more at once is no faster here
    started = {pv: pool.submit(resolve, *pv, folder) for pv in WANTED}
    pool.shutdown(wait=False)
    return started


@pytest.fixture(scope="module")
def resolutions(pytestconfig):
    started = getattr(pytestconfig, "uv_resolutions", None) or start_resolving()
    return {pv: future.result() for pv, future in started.items()}


@pytest.mark.parametrize("python", CLAIMED)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_requirements_resolve_where_the_pages_say_they_run(platform, python, resolutions):
    lock = resolved(resolutions[platform, python], platform, python)
    for pin in pins.pins():
        if pin.project == "tensorflow":
            continue
        assert f"{pin.name.lower()}=={pin.version}" in lock.lower(), f"{pin.spec} on {platform}"
    package = TENSORFLOW[platform]
    assert re.search(rf"^{package}==2\.21\.0", lock, re.M), f"{platform}: not {package}"
    other = "tensorflow" if package == "tensorflow-cpu" else "tensorflow-cpu"
    assert not re.search(rf"^{other}==", lock, re.M), f"{platform}: both TensorFlow packages"


@pytest.mark.parametrize("python", OUTSIDE)
def test_requirements_do_not_resolve_outside_the_claimed_range(python, resolutions):
    """The pages say 3.11–3.13 because that is where it installs: if this starts to resolve,
    widen the claim on the pages."""
    assert resolutions["Linux x86-64", python].returncode != 0


def test_pages_claim_the_range_tested_here():
    claim = "3.11–3.13"
    for page in ("docs/code/index.md", "docs/code/index.en.md", "docs/code/train-loop.md"):
        assert claim in (ROOT / page).read_text(encoding="utf-8"), page
    assert CLAIMED == ("3.11", "3.12", "3.13")


@pytest.mark.unit
def test_setup_pages_name_the_pinned_versions():
    """The set-up page types install lines; each `name==version` on it is the pinned one."""
    pinned = {p.name.lower(): p.version for p in pins.pins()}
    for page in ("docs/setup.md", "docs/setup.en.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        found = re.findall(r"\b([a-z][a-z0-9_.\-]*)(?:\[[a-z0-9,]+\])?==([0-9][0-9a-z.]*)", text)
        assert found, page
        wrong = [
            f"{n}=={v} (pinned: {pinned[n]})" for n, v in found if n in pinned and v != pinned[n]
        ]
        assert not wrong, f"{page}: {wrong}; update it from snippets/requirements.txt"
