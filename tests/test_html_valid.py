"""The Nu HTML Checker (vnu) finds no error and no warning in any built page, with no message
filtered out. It runs once for the whole site (its start-up is the slow part).

Material emits two kinds of invalid markup that hooks/html_fixes.py rewrites after the build;
the same run checks a page holding Material's unfixed markup, which proves the checker still
reports what the hook removes (a checker that reported nothing would pass the site too).
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from hooks.html_fixes import fix_html
from tests.conftest import ROOT
from tools import prerequisites

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material 9.8.1's own markup, as base.html, partials/nav-item.html and partials/toc.html (on a
# section's index page) write it, and a numbered code line of pymdownx.highlight.
MATERIAL_UNFIXED = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Material's markup</title></head>
<body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<nav><input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2" checked>
<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">Section</label>
<input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_3">
<label class="md-nav__link " for="__nav_3" id="__nav_3_label" tabindex="">Active</label></nav>
<nav><label class="md-nav__title" for="__toc">Contents</label></nav>
<pre><code><a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>x = 1
</code></pre>
</body></html>
"""


def is_problem(message: dict) -> bool:
    """Errors, fatal errors and warnings count; plain information (e.g. "trailing slash on
    void elements has no effect") does not."""
    return message["type"] != "info" or message.get("subType") == "warning"


@pytest.fixture(scope="session")
def vnu_messages(built_site, tmp_path_factory) -> dict[str, list[dict]]:
    """file path -> vnu's messages, for every HTML file of the site and the probe page."""
    assert VNU.is_file(), f"{VNU} missing: run `npm ci` (make test does)"
    if not prerequisites.java_ok():
        pytest.fail(prerequisites.JAVA.message(), pytrace=False)
    probe = tmp_path_factory.mktemp("vnu-probe") / "material-unfixed.html"
    probe.write_text(MATERIAL_UNFIXED, encoding="utf-8")
    proc = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--stdout",
            "--skip-non-html",
            "--exit-zero-always",
            str(built_site),
            str(probe),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON report (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    by_file = defaultdict(list)
    for message in report["messages"]:
        url = message.get("url", "")
        path = url[len("file:") :] if url.startswith("file:") else url
        by_file[str(Path(path).resolve()) if path else "(no file)"].append(message)
    return by_file


def test_every_built_page_is_valid_html(vnu_messages, built_site, pages):
    site = str(built_site.resolve())
    problems = [
        f"{Path(file).relative_to(site)}:{m.get('lastLine', '?')}: {m['type']}"
        f"{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}\n"
        f"    {(m.get('extract') or '').strip()[:160]}"
        for file, messages in sorted(vnu_messages.items())
        if file.startswith(site)
        for m in messages
        if is_problem(m)
    ]
    problems += [f"{m['type']}: {m['message']}" for m in vnu_messages.get("(no file)", [])]
    assert len(pages) >= 12
    assert not problems, f"vnu: {len(problems)} problems\n" + "\n".join(problems)


def test_checker_reports_materials_unfixed_markup(vnu_messages):
    probe = [f for f in vnu_messages if f.endswith("material-unfixed.html")]
    assert probe, "vnu did not check the probe page"
    messages = [m["message"] for m in vnu_messages[probe[0]] if is_problem(m)]
    assert sum("autocomplete" in m for m in messages) == 2, messages
    assert sum("tabindex" in m for m in messages) == 2, messages
    assert sum("“for” attribute" in m for m in messages) == 1, messages
    obsolete_name = "“name” attribute on the “a” element is obsolete"
    assert sum(obsolete_name in m for m in messages) == 1, messages


def test_rewrites_turn_materials_markup_valid():
    fixed = fix_html(MATERIAL_UNFIXED, "probe")
    assert "autocomplete" not in fixed and 'tabindex=""' not in fixed
    assert '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">Section</label>' in fixed
    assert '<label class="md-nav__link " for="__nav_3" id="__nav_3_label">Active</label>' in fixed
    assert '<label class="md-nav__title">Contents</label>' in fixed
    assert '<a id="__codelineno-0-1" href="#__codelineno-0-1"></a>' in fixed
    assert fix_html(fixed, "probe") == fixed  # runs once per language build: idempotent
    toc_page = (
        '<input class="md-toggle" type="checkbox" id="__toc">'
        '<label class="md-nav__title" for="__toc">'
    )
    assert fix_html(toc_page, "probe") == toc_page  # where the toggle exists, `for` stays


@pytest.mark.parametrize(
    "changed",
    [
        # Material reorders attributes: the exact text no longer matches
        '<input class="md-toggle" type="checkbox" data-md-toggle="drawer" id="__drawer" '
        'autocomplete="off">',
        '<label class="md-nav__link" id="__nav_2_label" for="__nav_2" tabindex="">',
        '<a id="__codelineno-0-1" href="#__codelineno-0-1" name="__codelineno-0-1"></a>',
        '<label for="__toc" class="md-nav__title">',
    ],
)
def test_rewrites_stop_the_build_when_materials_markup_changes(changed):
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"hooks/html_fixes\.py: page\.html (still )?has"):
        fix_html(f"<body>{changed}</body>", "page.html")
