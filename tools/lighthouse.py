"""Running Lighthouse (the npm package pinned in package.json) against the local Pages-like
server, shared by tests/test_lighthouse.py and bench/perf_bench.py."""

from __future__ import annotations

import json
import os
import subprocess

from tools.browser import CHROMIUM_ARGS, chromium_executable
from tools.builds import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The pages the issue names: both home pages, a framework page, the matrix, a code page.
PAGES = [
    f"{lang}{path}"
    for lang in ("", "en/")
    for path in ("", "tensorflow/", "compare/", "code/train-loop/")
]


def run_lighthouse(url: str, categories: list[str], timeout: int = 240) -> dict:
    """One Lighthouse run with its default mobile settings (Moto G Power screen, simulated
    slow 4G and 4x CPU slowdown); returns the JSON report."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} missing: run `npm ci` (make test does)")
    env = {**os.environ, "CHROME_PATH": chromium_executable() or "chromium"}
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
        "--only-categories=" + ",".join(categories),
        "--form-factor=mobile",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--max-wait-for-load=45000",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"Lighthouse gave no report for {url} (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
        ) from None
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']}")
    return report


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, with the elements or URLs they name."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] == 0 or audit["score"] is None or audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items") or []
        where = [describe(item) for item in items[:5]]
        lines.append(f"{audit['id']} ({audit['title']}): {'; '.join(where)}")
    return lines


def describe(item) -> str:
    """An audit's detail row in a line: the element, or the URL and what went wrong."""
    if not isinstance(item, dict):
        return str(item)[:200]
    node = item.get("node")
    if isinstance(node, dict):
        where = node.get("selector") or node.get("snippet")
        return f"`{where}` {node.get('explanation', '')}"[:300]
    parts = [str(item[key]) for key in ("source", "description", "url", "label") if item.get(key)]
    return " ".join(parts)[:300] or json.dumps(item)[:200]
