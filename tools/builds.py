"""Strict builds of the project or of a copy of it (for builds with an injected fault)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# History, environments, build output and caches stay behind; everything else travels, so a
# new folder the build reads comes along.
NOT_COPIED = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "site",
    ".pytest_cache",
    "__pycache__",
    ".cache",
    "test-results",
    "bench-results",
    "_run",
    ".ruff_cache",
}


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy the project's sources to dest; return dest."""
    shutil.copytree(
        root,
        dest,
        ignore=lambda folder, names: [n for n in names if n in NOT_COPIED or n.startswith("site-")],
    )
    return dest


@dataclass
class Build:
    site: Path
    log: str
    returncode: int


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> Build:
    """Run `mkdocs build --strict` on a project folder; return the site and the log."""
    full_env = {k: v for k, v in os.environ.items() if k != "I18N_FALLBACK"}  # the CI mode
    full_env.update(
        {"NO_MKDOCS_2_WARNING": "1", "CARDS_CACHE": str(ROOT / ".cache" / "cards"), **(env or {})}
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(site_dir, proc.stdout + proc.stderr, proc.returncode)
