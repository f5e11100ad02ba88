"""The migration page's before/after snippets run (snippets/migration/).

Each migration NAME has four files, and the page (docs/migration.md and its twin) includes all
four, so what the page quotes and what this test checks are the same bytes:

  NAME_symptom.txt  the error or warning the old code prints, exactly as the page quotes it
  NAME_before.py    old code that the current pinned versions no longer run as written
  NAME_after.py     the fixed code
  NAME_result.txt   what the fixed code prints

Every script runs with the venv's python in a fresh empty folder, on the CPU, with warnings
shown (`-W default`: DeprecationWarnings from libraries are hidden otherwise, and the page
tells the reader to run that way). `before` must print its symptom; `after` must exit 0,
print its result and not the symptom.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOLDER = ROOT / "snippets" / "migration"
PAGES = [ROOT / "docs" / "migration.md", ROOT / "docs" / "migration.en.md"]
NAMES = sorted(p.name.removesuffix("_before.py") for p in FOLDER.glob("*_before.py"))
# the five migrations of issue #17, in page order
EXPECTED = [
    "tf1_to_tf2",
    "tf_keras_to_keras3",
    "keras2_to_keras3",
    "torchscript_to_torch_export",
    "tflite_to_litert",
]
TIME_LIMIT_S = 240  # one run; a TensorFlow import alone can take 20 s on a busy 2-core machine
ENV = {"CUDA_VISIBLE_DEVICES": "", "TF_CPP_MIN_LOG_LEVEL": "2", "JAX_PLATFORMS": "cpu"}
INCLUDE = re.compile(r'--8<--\s+"migration/([^"]+)"')


def files(name: str) -> dict[str, Path]:
    """The page's order: what the reader sees, the old code, the fix, what the fix prints."""
    return {
        "symptom": FOLDER / f"{name}_symptom.txt",
        "before": FOLDER / f"{name}_before.py",
        "after": FOLDER / f"{name}_after.py",
        "result": FOLDER / f"{name}_result.txt",
    }


def expected_text(path: Path) -> str:
    if not path.is_file():
        pytest.fail(
            f"{path.relative_to(ROOT)}: missing; every migration has it (see the top of "
            "tests/test_migration.py)",
            pytrace=False,
        )
    return path.read_text(encoding="utf-8").rstrip("\n")


def run(script: Path, workdir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **ENV}
    env.pop("KERAS_BACKEND", None)  # each snippet chooses its own backend
    env.pop("TF_USE_LEGACY_KERAS", None)
    try:
        return subprocess.run(
            [sys.executable, "-W", "default", str(script)],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{script.relative_to(ROOT)}: still running after {TIME_LIMIT_S} s")


def where(script: Path, proc: subprocess.CompletedProcess) -> str:
    tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
    return f"{script.relative_to(ROOT)} (exit {proc.returncode}):\n{tail}"


# --- the files and the page agree (fast) --------------------------------------------------
@pytest.mark.unit
def test_every_migration_has_its_four_files_and_nothing_else():
    assert NAMES == sorted(EXPECTED)
    wanted = {p.name for name in NAMES for p in files(name).values()}
    present = {p.name for p in FOLDER.iterdir() if p.is_file()}
    assert present - wanted == set(), f"stray files in snippets/migration: {present - wanted}"
    assert wanted - present == set(), f"missing: {wanted - present}"
    # the snippet runner treats */*.out as its outputs, and <task>/<framework>.py as its tasks
    assert not list(FOLDER.glob("*.out"))
    assert not [p for p in FOLDER.glob("*.py") if p.stem in {"tensorflow", "keras", "pytorch"}]


@pytest.mark.unit
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_includes_every_file_in_order(page):
    text = page.read_text(encoding="utf-8")
    included = INCLUDE.findall(text)
    expected = [p.name for name in EXPECTED for p in files(name).values()]
    assert included == expected, f"{page.relative_to(ROOT)} includes {included}"
    # each migration has its section, in order
    ids = re.findall(r"^## .*\{#([\w-]+)\}", text, re.MULTILINE)
    sections = [i for i in ids if i.replace("-", "_") in EXPECTED]
    assert sections == [n.replace("_", "-") for n in EXPECTED], ids


# --- the snippets run --------------------------------------------------------------------
@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], subprocess.CompletedProcess]:
    """Every before and after script, run once each, two at a time."""
    jobs = [(name, kind) for name in NAMES for kind in ("before", "after")]

    def one(job):
        name, kind = job
        workdir = tmp_path_factory.mktemp(f"{name}-{kind}")
        return job, run(files(name)[kind], workdir)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, jobs))


@pytest.mark.snippets
@pytest.mark.parametrize("name", EXPECTED)
def test_before_reproduces_the_symptom_the_page_quotes(runs, name):
    symptom = expected_text(files(name)["symptom"])
    proc = runs[(name, "before")]
    output = proc.stdout + proc.stderr
    assert symptom in output, (
        f"the old code no longer prints the message the migration page quotes "
        f"({files(name)['symptom'].relative_to(ROOT)}):\n{symptom}\n\nwhat it printed: "
        + where(files(name)["before"], proc)
        + "\nIf the libraries changed the message, update the quoted file and the page."
    )
    if "Warning" not in symptom.split(":", 1)[0]:
        assert proc.returncode != 0, where(files(name)["before"], proc)


@pytest.mark.snippets
@pytest.mark.parametrize("name", EXPECTED)
def test_after_runs_and_prints_its_result(runs, name):
    proc = runs[(name, "after")]
    script = files(name)["after"]
    assert proc.returncode == 0, where(script, proc)
    assert proc.stdout.rstrip("\n") == expected_text(files(name)["result"]), where(script, proc)
    assert expected_text(files(name)["symptom"]) not in proc.stdout + proc.stderr, where(
        script, proc
    )
