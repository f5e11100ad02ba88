"""The "code side by side" pages, in the built site and in Chromium.

Built HTML: every task page of both languages has its TensorFlow, Keras and PyTorch tabs, each
holding exactly the snippet file and the output stored beside it, one annotation per marker,
and the tested-versions table made from snippets/requirements.txt; the framework pages link
to their tab on every task page.

Chromium: a click on "PyTorch" in one tab group switches every group on the page and on the
next page; the compare toggle (a real button, keyboard operable, remembered) shows the three
panels side by side on a wide screen and leaves tabs alone on a narrow one.

The hook's checks (tabs, includes, annotations) are tested on small Markdown texts.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

import pins
import snippet_runner as sr
from hooks import code_pages
from tests.conftest import STARTED, open_page, reload_page

ROOT = Path(__file__).resolve().parents[1]
LANGS = {"ko": "", "en": "en/"}
OUTPUT_WORD = {"ko": "출력", "en": "Output"}
TOGGLE_TEXT = {"ko": "세 프레임워크 나란히 보기", "en": "Show the three frameworks side by side"}
TASK_PAGES = [
    p.name[: -len(".md")]
    for p in sorted((ROOT / "docs" / "code").glob("*.md"))
    if not p.name.endswith(".en.md") and p.name != "index.md"
]
BLOCK = re.compile(
    r'<div class="language-(\w+) highlight">(?:<span class="filename">([^<]*)</span>)?'
    r"<pre>(.*?)</pre>",
    re.S,
)
TAB_SET = re.compile(r'<div class="tabbed-set[^"]*"[^>]*>(.*?)<div class="tabbed-content">', re.S)


def task_of(slug: str) -> str:
    return slug.replace("-", "_")


def page_html(site: Path, lang: str, path: str) -> str:
    return (site / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")


def code_blocks(text: str) -> list[tuple[str, str, str]]:
    """(language, title, text) of every highlighted block, in page order."""
    return [
        (lang, html.unescape(title or ""), html.unescape(re.sub(r"<[^>]+>", "", body)))
        for lang, title, body in BLOCK.findall(text)
    ]


def tab_groups(text: str) -> list[tuple[list[str], list[str]]]:
    """(input ids, label texts) of every tab group."""
    groups = []
    for head in TAB_SET.findall(text):
        ids = re.findall(r'<input[^>]*\bid="([^"]+)"', head)
        labels = [html.unescape(x) for x in re.findall(r"<label[^>]*>([^<]*)</label>", head)]
        groups.append((ids, labels))
    return groups


# --- the task pages in the built site ------------------------------------------------------


def test_every_snippet_task_has_a_page_and_every_page_a_task():
    tasks = sr.tasks()
    assert len(TASK_PAGES) >= 10
    assert sorted(task_of(p) for p in TASK_PAGES) == tasks


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", TASK_PAGES)
def test_task_page_has_the_three_tabs_with_code_and_output(built_site, slug, lang):
    text = page_html(built_site, lang, f"code/{slug}")
    groups = tab_groups(text)
    assert len(groups) >= 2, f"{lang} {slug}: {len(groups)} tab groups"
    for _ids, labels in groups:
        assert labels == ["TensorFlow", "Keras", "PyTorch"], f"{lang} {slug}: {labels}"
    assert groups[0][0] == [f"{slug}-code-{fw}" for fw in sr.FRAMEWORKS]

    blocks = code_blocks(text)
    task = task_of(slug)
    for fw in sr.FRAMEWORKS:
        title = f"snippets/{task}/{task}_{fw}.py"
        where = [i for i, b in enumerate(blocks) if b[1] == title]
        assert len(where) == 1, f"{lang} {slug}: {len(where)} code blocks titled {title}"
        i = where[0]
        script = sr.script_path(sr.SNIPPETS, task, fw).read_text(encoding="utf-8")
        assert blocks[i][0] == "python"
        assert blocks[i][2].rstrip("\n") == script.rstrip("\n"), f"{title} differs on the page"
        # the output, right under the code, in the same tab
        out_lang, out_title, out_text = blocks[i + 1]
        suffix = f" (KERAS_BACKEND={sr.PAGE_KERAS_BACKEND})" if fw == "keras" else ""
        assert (out_lang, out_title) == ("text", OUTPUT_WORD[lang] + suffix)
        stored = Run(task, fw, sr.PAGE_KERAS_BACKEND if fw == "keras" else None).out
        assert out_text.rstrip("\n") == stored.read_text("utf-8").rstrip("\n")
    for backend in sr.KERAS_BACKENDS:
        title = f"{OUTPUT_WORD[lang]} (KERAS_BACKEND={backend})"
        shown = [b[2] for b in blocks if b[1] == title]
        stored = Run(task, "keras", backend).out.read_text("utf-8")
        assert [s.rstrip("\n") for s in shown] == [stored.rstrip("\n")], f"{lang} {slug}: {title}"


def Run(task, fw, backend):  # noqa: N802 - a shorthand for the runner's Run
    return sr.Run(task, fw, backend)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", TASK_PAGES)
def test_one_annotation_per_marker(built_site, slug, lang):
    text = page_html(built_site, lang, f"code/{slug}")
    for fw in sr.FRAMEWORKS:
        script = sr.script_path(sr.SNIPPETS, task_of(slug), fw)
        markers = len(re.findall(r"# \(\d+\)!", script.read_text("utf-8")))
        start = text.index(f'<span class="filename">snippets/{task_of(slug)}/{script.name}</span>')
        after = text[text.index("</pre>", start) + len("</pre>") :]
        items = re.match(r"\s*</div>\s*<ol>(.*?)</ol>", after, re.S)
        count = len(re.findall(r"<li>", items.group(1))) if items else 0
        assert count == markers, f"{lang} {slug} {fw}: {markers} markers, {count} annotations"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["code"] + [f"code/{s}" for s in TASK_PAGES])
def test_every_code_page_says_which_versions_it_was_tested_with(built_site, path, lang):
    text = page_html(built_site, lang, path)
    assert "tested-versions" not in text
    for pin in pins.pins():
        name = pin.name + pin.extras
        assert re.search(
            rf"<td><code>{re.escape(name)}</code></td>\s*<td>{re.escape(pin.version)}"
            r"</td>",
            text,
        ), f"{lang} {path}: no row for {name}=={pin.version}"
    pinned = (sr.SNIPPETS / "requirements.txt").read_text()
    for needed in (
        "torch==",
        "tensorflow-cpu==",
        "keras==",
        "jax[cpu]==",
        "scikit-learn==",
        "tensorboard==",
    ):
        assert needed in pinned


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fw", sr.FRAMEWORKS)
def test_framework_pages_link_to_their_tab_on_every_task_page(built_site, fw, lang):
    text = page_html(built_site, lang, fw)
    assert "code-tasks" not in text
    section = text[text.index('id="code"') :]
    for slug in TASK_PAGES:
        link = f'href="../code/{slug}/#{slug}-code-{fw}"'
        assert link in section, f"{lang} {fw}.md: no link {link}"
        target = page_html(built_site, lang, f"code/{slug}")
        assert f'id="{slug}-code-{fw}"' in target


@pytest.mark.parametrize("lang", LANGS)
def test_code_index_lists_every_task_with_links_to_each_tab(built_site, lang):
    text = page_html(built_site, lang, "code")
    for slug in TASK_PAGES:
        for fw in sr.FRAMEWORKS:
            assert f'href="{slug}/#{slug}-code-{fw}"' in text, f"{lang}: {slug} {fw}"
    assert f"{sr.REL_TOL * 100:g}%" in text and f"{sr.ABS_TOL:g}" in text


def test_page_keras_backend_is_the_runners():
    assert sr.PAGE_KERAS_BACKEND == "jax"  # the titles and prose of the pages say jax


# --- the hook's checks on small pages --------------------------------------------------------


def tab(label: str, body: str) -> str:
    return f'=== "{label}"\n\n' + "\n".join("    " + line for line in body.splitlines()) + "\n\n"


def good_tab(fw: str, label: str, notes: int) -> str:
    outs = (
        [f'--8<-- "tensors/tensors_keras.{b}.out"' for b in sr.KERAS_BACKENDS]
        if fw == "keras"
        else [f'--8<-- "tensors/tensors_{fw}.out"']
    )
    items = "\n".join(f"{i}.  note" for i in range(1, notes + 1))
    body = (
        f'<!-- downloads: {fw} -->\n\n```python\n--8<-- "tensors/tensors_{fw}.py"\n```\n\n{items}\n\n'
        + "\n\n".join(f"```text\n{o}\n```" for o in outs)
    )
    return tab(label, body)


def markers(fw: str) -> int:
    return len(re.findall(r"# \(\d+\)!", sr.script_path(sr.SNIPPETS, "tensors", fw).read_text()))


GOOD = (
    "# T {#tensors}\n\n## C {#tensors-code}\n\n"
    + "".join(
        good_tab(fw, label, markers(fw))
        for fw, label in zip(sr.FRAMEWORKS, code_pages.LABELS, strict=True)
    )
    + "## R {#tensors-run}\n\n"
    + "".join(
        tab(label, f"<!-- install: {fw} -->")
        for fw, label in zip(sr.FRAMEWORKS, code_pages.LABELS, strict=True)
    )
)


@pytest.mark.parametrize("marker", ["downloads", "install"])
def test_hook_refuses_a_tab_without_its_take_away_marker(marker):
    page = GOOD.replace(f"<!-- {marker}: keras -->", "")
    problems = code_pages.check_task_page(page, "code/tensors.md")
    assert any(f"has 0 '<!-- {marker}: keras -->' marker(s)" in p for p in problems), problems


def test_hook_accepts_a_complete_page():
    assert code_pages.check_task_page(GOOD, "code/tensors.md") == []


def test_hook_refuses_tabs_in_another_order_or_spelling():
    swapped = GOOD.replace('=== "Keras"', '=== "KERAS"')
    problems = code_pages.check_task_page(swapped, "code/tensors.md")
    assert any(
        "docs/code/tensors.md:5: tabs ['TensorFlow', 'KERAS', 'PyTorch']" in p for p in problems
    ), problems


def test_hook_refuses_a_page_without_one_frameworks_snippet():
    missing = GOOD.replace('--8<-- "tensors/tensors_pytorch.py"', "")
    problems = code_pages.check_task_page(missing, "code/tensors.md")
    assert any("does not include snippets/tensors/tensors_pytorch.py" in p for p in problems), (
        problems
    )


def test_hook_refuses_missing_annotations():
    fewer = GOOD.replace("    1.  note\n", "", 1)
    problems = code_pages.check_task_page(fewer, "code/tensors.md")
    assert any(
        "snippets/tensors/tensors_tensorflow.py has" in p and "numbered item" in p for p in problems
    ), problems


def test_hook_refuses_a_page_without_tabs():
    problems = code_pages.check_task_page("# T {#tensors}\n\ntext\n", "code/tensors.md")
    assert any("no content tabs" in p for p in problems)


def tabbed_page(*groups: tuple[str, ...]) -> str:
    """A page as Material writes it, with pymdownx.tabbed's HTML for each group of labels."""
    md = "between\n\n".join(
        "".join(f'=== "{label}"\n\n    text\n\n' for label in labels) for labels in groups
    )
    body = markdown.markdown(
        md,
        extensions=["pymdownx.tabbed"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    return f'<article class="md-content__inner md-typeset"><h1 id="t">T</h1>{body}</article>'


def test_compare_view_is_written_into_pages_with_framework_tabs():
    page = tabbed_page(code_pages.LABELS, ("ko", "en"), code_pages.LABELS)
    out = code_pages.add_compare_view(page, "en")
    sets = re.findall(r'<div class="(tabbed-set[^"]*)"', out)
    assert sets == [
        "tabbed-set tabbed-alternate code-compare-set",
        "tabbed-set tabbed-alternate",
        "tabbed-set tabbed-alternate code-compare-set",
    ]
    assert re.search(
        r'</h1><div class="code-compare-bar"><button type="button" '
        r'class="code-compare-toggle" aria-pressed="false">'
        + re.escape(TOGGLE_TEXT["en"])
        + "</button></div>",
        out,
    )
    assert out.count("code-compare-bar") == 1


def test_compare_view_leaves_other_pages_alone():
    page = tabbed_page(("TensorFlow", "PyTorch", "Keras"), ("ko", "en"))
    assert code_pages.add_compare_view(page, "ko") == page


def test_compare_view_stops_the_build_when_its_pattern_no_longer_reads_a_tab_group():
    """pymdownx.tabbed changing its markup must not ship pages without the compare view."""
    page = tabbed_page(code_pages.LABELS).replace(
        '<div class="tabbed-labels">', '<div class="tabbed-labels-v2">'
    )
    with pytest.raises(
        code_pages.PluginError,
        match=r"docs/code/x\.md: 1 tab group\(s\) in the page, 0 read by the "
        r"compare view\. .*TAB_GROUP in hooks/code_pages\.py",
    ):
        code_pages.add_compare_view(page, "ko", "docs/code/x.md")


def test_compare_view_is_required_on_task_pages():
    page = tabbed_page(("ko", "en"))
    assert code_pages.add_compare_view(page, "ko", "docs/about.md") == page
    with pytest.raises(
        code_pages.PluginError,
        match=r"docs/code/x\.md: a task page without a TensorFlow/Keras/PyTorch",
    ):
        code_pages.add_compare_view(page, "ko", "docs/code/x.md", required=True)


def test_compare_view_needs_the_pages_title():
    page = tabbed_page(code_pages.LABELS).replace('<h1 id="t">T</h1>', "")
    with pytest.raises(code_pages.PluginError, match=r"no <h1>.*hooks/code_pages\.py"):
        code_pages.add_compare_view(page, "ko")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", TASK_PAGES)
def test_every_task_page_has_the_compare_button_after_its_title(built_site, slug, lang):
    text = (built_site / LANGS[lang] / "code" / slug / "index.html").read_text(encoding="utf-8")
    assert text.count('class="code-compare-bar"') == 1
    assert re.search(
        r"</h1><div class=\"code-compare-bar\"><button [^>]*>"
        + re.escape(TOGGLE_TEXT[lang])
        + "</button>",
        text,
    )
    assert len(re.findall(r'class="tabbed-set[^"]*code-compare-set"', text)) == 2


def test_versions_table_comes_from_the_pins():
    table = code_pages.versions_table("en")
    for pin in pins.pins():
        assert f"| `{pin.name}{pin.extras}` | {pin.version} |" in table
    assert "| `tensorflow-cpu` | 2.21.0 | Linux x86-64, Windows |" in table
    assert "| `tensorflow` | 2.21.0 | macOS, Linux aarch64 |" in table
    assert "| Package | Version | Platforms |" in table
    assert "| 패키지 | 버전 | 플랫폼 |" in code_pages.versions_table("ko")


# --- Chromium -------------------------------------------------------------------------------

TAB_STATE = """() => [...document.querySelectorAll(".tabbed-set")].map(set => {
  const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
  const inputs = [...set.querySelectorAll(":scope > input")];
  return inputs.map((input, i) => [labels[i].textContent.trim(), input.checked]);
})"""


def checked_labels(page) -> list[str]:
    return [next(label for label, on in group if on) for group in page.evaluate(TAB_STATE)]


@pytest.mark.parametrize("lang", LANGS)
def test_clicking_pytorch_switches_every_group_here_and_on_the_next_page(page, site_server, lang):
    first, second = "tensors", "autodiff"  # the first two task pages in the nav
    open_page(page, f"{site_server}/{LANGS[lang]}code/{first}/")
    assert set(checked_labels(page)) == {"TensorFlow"}
    groups = len(checked_labels(page))
    assert groups >= 2
    page.locator(".tabbed-set").nth(1).locator("label", has_text="PyTorch").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.tabbed-set')].every("
        "s => s.querySelector(':scope > input:nth-of-type(3)').checked)"
    )
    assert checked_labels(page) == ["PyTorch"] * groups
    visible = page.locator(".tabbed-set").first.locator(".tabbed-block:visible")
    assert "snippets/tensors/tensors_pytorch.py" in visible.first.inner_text()

    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state("load")
    page.wait_for_function(STARTED)
    assert page.url.endswith(f"/code/{second}/")
    labels = checked_labels(page)
    assert len(labels) >= 2 and set(labels) == {"PyTorch"}, labels
    assert not page.problems.errors, page.problems.errors


def panel_boxes(page, group: int = 0) -> list[dict | None]:
    blocks = (
        page.locator(".tabbed-set").nth(group).locator(":scope > .tabbed-content > .tabbed-block")
    )
    return [blocks.nth(i).bounding_box() for i in range(blocks.count())]


@pytest.mark.parametrize("lang", LANGS)
def test_compare_toggle_shows_the_three_side_by_side_on_a_wide_screen(page, site_server, lang):
    page.set_viewport_size({"width": 1400, "height": 900})
    open_page(page, f"{site_server}/{LANGS[lang]}code/train-loop/")
    button = page.get_by_role("button", name=TOGGLE_TEXT[lang])
    assert button.is_visible()
    assert button.get_attribute("aria-pressed") == "false"
    assert sum(box is not None for box in panel_boxes(page)) == 1  # tabs: one panel shows

    button.focus()
    page.keyboard.press("Enter")  # keyboard operable: a real button
    assert button.get_attribute("aria-pressed") == "true"
    for group in range(page.locator(".code-compare-set").count()):
        boxes = panel_boxes(page, group)
        assert all(boxes), f"group {group}: a panel is hidden"
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
        assert abs(boxes[0]["y"] - boxes[2]["y"]) < 2  # one row
        assert boxes[2]["x"] + boxes[2]["width"] <= 1400

    reload_page(page)  # remembered
    button = page.get_by_role("button", name=TOGGLE_TEXT[lang])
    assert button.get_attribute("aria-pressed") == "true"
    assert all(panel_boxes(page))

    button.focus()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"
    assert sum(box is not None for box in panel_boxes(page)) == 1
    assert not page.problems.errors, page.problems.errors


def test_compare_view_stays_tabs_on_a_narrow_screen(page, site_server):
    page.set_viewport_size({"width": 1400, "height": 900})
    open_page(page, f"{site_server}/code/digits/")
    page.get_by_role("button", name=TOGGLE_TEXT["ko"]).click()
    assert all(panel_boxes(page))
    for width in (1000, 390):  # below 1220 px: a tablet, a phone
        page.set_viewport_size({"width": width, "height": 900})
        assert not page.locator(".code-compare-toggle").is_visible()
        assert sum(box is not None for box in panel_boxes(page)) == 1, width
    page.set_viewport_size({"width": 1300, "height": 900})
    assert all(panel_boxes(page))
    assert not page.problems.errors, page.problems.errors


def test_no_compare_toggle_on_pages_without_framework_tabs(page, site_server):
    open_page(page, f"{site_server}/code/")
    assert page.locator(".code-compare-toggle").count() == 0
    open_page(page, f"{site_server}/en/glossary/")
    assert page.locator(".code-compare-toggle").count() == 0
    assert not page.problems.errors, page.problems.errors
