"""`make serve` (tools/serve.py) on a copy of the project: it previews a page not yet translated,
rebuilds when a snippet, the data, or a template changes, and runs new hook code after a hook
changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tools.builds import copy_project

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped (exit {server.returncode})"
        if text in fetch(url):
            return
        time.sleep(0.5)
    pytest.fail(f"{url} never showed {text!r} within {seconds:.0f} s")


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    url = f"http://127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "tools/serve.py", "--dev-addr", url.removeprefix("http://")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(url + "/", "<html", server)
        yield project, url, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_previews_and_reloads_every_source_the_build_reads(served):
    project, url, server = served
    page = url + "/code/tensors/"
    # an untranslated page is previewed under /en/ (CI refuses it: test_faults)
    (project / "docs" / "probe.md").write_text(
        "---\ndescription: 시험용입니다.\n---\n\n# 시험 {#probe}\n\n미리 보기 본문입니다.\n",
        encoding="utf-8",
    )
    wait_for(url + "/en/probe/", "미리 보기 본문입니다.", server)
    # a snippet (included into the page)
    with (project / "snippets" / "tensors" / "tensors_pytorch.py").open("a", encoding="utf-8") as f:
        f.write("# reloaded-snippet-marker\n")
    wait_for(page, "reloaded-snippet-marker", server)
    # a template override
    edit(
        project / "overrides" / "main.html",
        "{% block extrahead %}\n  {{ super() }}",
        "{% block extrahead %}\n  {{ super() }}<!-- reloaded-override-marker -->",
    )
    wait_for(page, "reloaded-override-marker", server)
    # the matrix data
    edit(project / "data" / "matrix.yml", "ko: ", "ko: reloaded-data-marker ")
    wait_for(url + "/compare/", "reloaded-data-marker", server)
    # hook code: MkDocs loads a hook once per process, so this needs the restart
    edit(
        project / "hooks" / "code_pages.py",
        '"ko": "세 프레임워크 나란히 보기"',
        '"ko": "reloaded-hook-marker"',
    )
    wait_for(page, "reloaded-hook-marker", server)
