"""What a reader does, in Chromium: the framework tab they pick stays picked (every group, other
pages, reloads, the other language), the colour scheme they pick stays picked, the copy button
copies exactly the code shown, the keyboard alone reaches search, the language selector and
every tab, and a 375 px wide phone shows no page wider than its screen.

Switching a tab group by a click on one page is tests/test_code_pages.py's; this file tests
what the choice does afterwards, and reaching tabs without a mouse.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, open_page, reload_page
from tests.html_tools import page_url

FRAMEWORKS = ["TensorFlow", "Keras", "PyTorch"]
# Where a phone may scroll sideways on purpose: code blocks, tables, a row of tab labels.
SCROLLERS = "pre, .highlight, .md-typeset__scrollwrap, .md-typeset__table, .tabbed-labels"

# label text -> whether its tab is the checked one, for every tab group of the page
TAB_STATE = """() => [...document.querySelectorAll(".tabbed-set")].map(set => {
  const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
  const inputs = [...set.querySelectorAll(":scope > input")];
  const checked = inputs.findIndex(i => i.checked);
  const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
  return {labels: labels.map(l => l.innerText.trim()),
          checked: checked >= 0 ? labels[checked].innerText.trim() : null,
          shown: blocks.map(b => b.offsetParent !== null)};
})"""


def framework_tab_pages(site: Path, pages: list[Path]) -> list[Path]:
    """Built pages holding at least one tab group labelled TensorFlow, Keras, PyTorch."""
    found = []
    for file in pages:
        html = file.read_text(encoding="utf-8")
        if 'class="tabbed-set' in html and all(f">{fw}</label>" in html for fw in FRAMEWORKS):
            found.append(file)
    return found


@pytest.fixture(scope="module")
def tab_pages(built_site, pages) -> dict[str, list[str]]:
    """language -> URLs of its pages with framework tabs (at least two per language)."""
    found = {"ko": [], "en": []}
    for file in framework_tab_pages(built_site, pages):
        url = page_url(built_site, file)
        found["en" if url.startswith("/en/") else "ko"].append(url)
    for lang, urls in found.items():
        assert len(urls) >= 2, (
            f"{lang}: {len(urls)} built pages with TensorFlow/Keras/PyTorch tab groups; the "
            "behaviour tests need two per language (the code pages under docs/code/)"
        )
    return found


def framework_groups(page) -> list[dict]:
    return [g for g in page.evaluate(TAB_STATE) if set(FRAMEWORKS) <= set(g["labels"])]


def assert_every_group_shows(page, framework: str):
    groups = framework_groups(page)
    assert groups, f"{page.url}: no framework tab group"
    for i, group in enumerate(groups):
        assert group["checked"] == framework, (
            f"{page.url}: tab group {i + 1} shows {group['checked']}, expected {framework}"
        )
        assert (
            group["shown"].count(True) == 1 and group["shown"][group["labels"].index(framework)]
        ), f"{page.url}: tab group {i + 1} does not show exactly the {framework} panel"


def test_tab_choice_holds_on_reload_other_pages_and_the_other_language(
    page, site_server, tab_pages
):
    first, second = tab_pages["ko"][:2]
    open_page(page, site_server + first)
    assert_every_group_shows(page, "TensorFlow")  # the first tab, before any choice
    page.locator(".tabbed-set .tabbed-labels > label", has_text="PyTorch").first.click()
    assert_every_group_shows(page, "PyTorch")
    reload_page(page)
    assert_every_group_shows(page, "PyTorch")
    open_page(page, site_server + second)
    assert_every_group_shows(page, "PyTorch")
    page.locator(".tabbed-set .tabbed-labels > label", has_text="Keras").first.click()
    for url in (second, first, tab_pages["en"][0], tab_pages["en"][1]):
        open_page(page, site_server + url)
        assert_every_group_shows(page, "Keras")
    reload_page(page)
    assert_every_group_shows(page, "Keras")
    assert page.problems.errors == [] and page.problems.failed == []


def scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


def test_colour_scheme_choice_holds_on_reload_and_other_pages(browser, site_server):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    try:
        open_page(page, site_server + "/")
        assert scheme(page) == "default"  # follows the system, which is light
        toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
        for _ in range(3):  # the toggle cycles: system -> light -> dark -> system
            if scheme(page) == "slate":
                break
            toggle.click()
            page.wait_for_timeout(100)
        assert scheme(page) == "slate", "the toggle never switched to the dark scheme"
        reload_page(page)
        assert scheme(page) == "slate"
        for path in ("/tensorflow/", "/en/", "/en/keras/"):
            open_page(page, site_server + path)
            assert scheme(page) == "slate", f"{path} forgot the dark scheme"
        toggle.click()  # back to following the system
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        open_page(page, site_server + "/keras/")
        assert scheme(page) == "default"
        page.emulate_media(color_scheme="dark")
        reload_page(page)
        assert scheme(page) == "slate", "after choosing 'system', the page ignores the system"
    finally:
        context.close()


ANNOTATION = re.compile(r"[ \t]*#\s*\(\d+\)!?[ \t]*$", re.M)  # `  # (1)!` code annotations


def lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def snippet_sources() -> dict[Path, list[str]]:
    """Every runnable snippet's text, as written and with its code annotation markers removed
    (Material leaves them out of the copy where the page explains them)."""
    return {
        p: [lines(text), lines(ANNOTATION.sub("", text))]
        for p in sorted((ROOT / "snippets").rglob("*.py"))
        for text in [p.read_text(encoding="utf-8")]
    }


def test_copy_button_copies_exactly_the_snippet(browser, site_server, tab_pages):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page = context.new_page()
    try:
        sources = snippet_sources()
        copied_blocks = 0
        for url in tab_pages["ko"][:1] + tab_pages["en"][:1]:
            open_page(page, site_server + url)
            for framework in FRAMEWORKS:
                page.locator(".tabbed-set .tabbed-labels > label", has_text=framework).first.click()
                block = page.locator(".tabbed-set .tabbed-block:visible .highlight").first
                shown = block.locator("pre > code").evaluate(
                    "code => { const c = code.cloneNode(true);"
                    " c.querySelectorAll('.md-annotation').forEach(a => a.remove());"
                    " return c.innerText; }"
                )
                page.evaluate("navigator.clipboard.writeText('')")
                block.hover()
                block.locator("button[data-md-type=copy]").click()
                page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
                copied = page.evaluate("navigator.clipboard.readText()")
                assert copied.rstrip("\n") == shown.rstrip("\n"), (
                    f"{url} {framework}: the copy button copied something else than the code"
                )
                matches = [
                    p
                    for p, texts in sources.items()
                    if lines(copied) and any(lines(copied) in t for t in texts)
                ]
                assert matches, (
                    f"{url} {framework}: the copied code is not a part of any file "
                    f"under snippets/:\n{copied[:500]}"
                )
                assert any(framework.lower() in p.name for p in matches), (
                    f"{url} {framework}: copied code comes from {matches}"
                )
                copied_blocks += 1
        assert copied_blocks == 6
    finally:
        context.close()


FOCUSED = """() => { const e = document.activeElement;
  return {tag: e.tagName.toLowerCase(), cls: e.getAttribute("class") || "",
          hreflang: e.getAttribute("hreflang"), href: e.getAttribute("href") || "",
          set: [...document.querySelectorAll(".tabbed-set")].indexOf(e.closest(".tabbed-set"))};
}"""


def focus_walk(page, presses: int) -> list[dict]:
    """Press Tab from the top of a freshly loaded page; describe every element focused."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
    return seen


def tab_until(page, wanted, presses: int = 400) -> dict:
    """Press Tab until the focused element is the one wanted (a predicate on FOCUSED)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"{page.url}: {presses} presses of Tab never reached it")


def test_keyboard_reaches_search_language_selector_and_every_tab(page, site_server, tab_pages):
    url = tab_pages["ko"][0]
    open_page(page, site_server + url)
    groups = page.locator(".tabbed-set").count()
    nav_tabs = page.locator(".md-tabs__link").count()
    walk = focus_walk(page, 300)
    assert any("md-search__input" in f["cls"] for f in walk), "Tab never reaches search"
    assert any(f["hreflang"] == "en" for f in walk), "Tab never reaches the language selector"
    reached_nav = {f["href"] for f in walk if "md-tabs__link" in f["cls"]}
    assert len(reached_nav) == nav_tabs, f"Tab reaches {len(reached_nav)} of {nav_tabs} nav tabs"
    reached_sets = {f["set"] for f in walk if f["tag"] == "input" and f["set"] >= 0}
    assert reached_sets == set(range(groups)), (
        f"Tab reaches the tab groups {sorted(reached_sets)} of {groups}"
    )

    # in a tab group, the arrow keys move from tab to tab (and linked groups follow)
    open_page(page, site_server + url)
    tab_until(page, lambda f: f["tag"] == "input" and f["set"] >= 0)
    for framework in ("Keras", "PyTorch"):
        page.keyboard.press("ArrowRight")
        assert_every_group_shows(page, framework)

    # the language selector, by keyboard: its English link lands on the same page's twin
    open_page(page, site_server + url)
    tab_until(page, lambda f: f["hreflang"] == "en")
    page.keyboard.press("Enter")
    page.wait_for_url(site_server + "/en" + url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.problems.errors == [] and page.problems.failed == []


OVERFLOW = """(scrollers) => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  const transparent = el => {  // e.g. the closed search overlay: laid out, but invisible
    for (; el; el = el.parentElement) if (getComputedStyle(el).opacity === "0") return true;
    return false;
  };
  const shown = ".md-header *, .md-tabs *, .md-content *, .md-footer *";
  for (const el of document.querySelectorAll(shown)) {
    if (el.closest(scrollers)) continue;
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === "hidden" || transparent(el)) continue;
    if (r.right > width + 1 || r.left < -1)
      wide.push(`${el.tagName.toLowerCase()}.${(el.getAttribute("class") || "").split(" ")[0]} ` +
                `(${Math.round(r.left)}..${Math.round(r.right)} px): ` +
                `${(el.innerText || "").slice(0, 60).replace(/\\s+/g, " ")}`);
  }
  return {page: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""


def test_nothing_overflows_a_375px_screen(browser, site_server, built_site, pages):
    context = browser.new_context(
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    problems = []
    try:
        for file in pages:
            url = page_url(built_site, file)
            open_page(page, site_server + url)
            found = page.evaluate(OVERFLOW, SCROLLERS)
            if found["page"] > found["width"] or found["wide"]:
                problems.append(
                    f"{url}: page {found['page']} px wide on a {found['width']} px "
                    f"screen; outside a scroller: {found['wide']}"
                )
    finally:
        context.close()
    assert len(pages) >= 12
    assert not problems, "\n".join(problems)
