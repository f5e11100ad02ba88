"""`make serve`: `mkdocs serve` that also rebuilds on changes to snippets/, data/, hooks/ and
overrides/, and restarts itself when a hook's Python code changes.

MkDocs loads each hook module once per process, so a rebuild alone would keep running the old
hook code; a restart loads the new one (the open page reloads when the server is back).

    .venv/bin/python tools/serve.py [--dev-addr 127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WATCH = ("snippets", "data", "hooks", "overrides")  # besides docs/ and mkdocs.yml


def hook_code() -> dict[Path, float]:
    return {p: p.stat().st_mtime for p in sorted((ROOT / "hooks").rglob("*.py"))}


def command(addr: str) -> list[str]:
    watches = [arg for folder in WATCH for arg in ("--watch", folder)]
    return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr, "--livereload", *watches]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    env = {**os.environ, "I18N_FALLBACK": "true"}  # preview pages not yet translated
    while True:
        seen = hook_code()
        server = subprocess.Popen(command(args.dev_addr), cwd=ROOT, env=env)
        try:
            while server.poll() is None and hook_code() == seen:
                time.sleep(1)
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
            return 0
        if server.poll() is not None:
            return server.returncode
        print("hooks/ changed: restarting the server to load the new hook code", flush=True)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
