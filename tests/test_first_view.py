"""What a first view of a page downloads and runs (issue #7: Lighthouse performance, <= 100 KiB
for a first view; the figures themselves are printed by bench/perf_bench.py, not tested).

- Scripts are deferred, so they do not hold up the first paint, and still run in Material's
  order (its bundle first: our scripts use its `document$`).
- One stylesheet of our own besides Material's two.
- Search (index, Material's worker, the Korean normaliser) is set up and downloaded when the
  reader opens search, not on every page view, and then works at once, by keyboard and on a
  phone; the move that opens it (shortcut, Tab, click) is not lost.
- Material's start-up does not restyle the whole page: the classes it puts on <html> are there
  before the body is parsed, the palette does not mark a switch when nothing switches, and the
  color-scheme meta is written once; the palette still switches and keeps the meta right.
- The code pages' compare view is in the built page; starting up does not change it.
- Material's components are mounted after DOMContentLoaded, from a queue in later tasks; a
  search field the reader focused before that still opens search.
- Code blocks are finished (copy button, annotations) as they come into view, also those in a
  tab or a <details> opened later, with the accessibility fixes of a11y.js.
- The bundle patches stop the build when Material's code changes.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from mkdocs.exceptions import PluginError

from bundle_patches import BUNDLE_PATCHES, NEW_NAMES, patch_bundle
from tests.conftest import LANGS, PageProblems, open_page, reveal_code_blocks
from tests.html_tools import parse
from tests.test_search import SearchBox

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
# what search downloads when it is opened: the search box is set up then, which starts our
# worker (search-ko.js), and the worker loads the rest on its first message
SEARCH_FILES = re.compile(
    r"/search/search_index\.json$|/workers/search\.[0-9a-f]+\.min\.js$"
    r"|/workers/search-ko(-normalise)?\.js$"
)


def test_every_script_file_is_deferred_and_runs_in_materials_order(built_site, pages):
    for file in pages:
        scripts = parse(file).scripts
        names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
        where = file.relative_to(built_site)
        assert names and re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", names[0]), (where, names)
        assert names[1:] == ["a11y.js", "code-compare.js"], (where, names)
        blocking = [s["src"] for s in scripts if "defer" not in s and "async" not in s]
        assert blocking == [], f"{where}: scripts that block the first paint: {blocking}"


def test_a_page_loads_one_stylesheet_of_ours(built_site, pages):
    for file in pages:
        sheets = [
            link["href"].rsplit("/", 1)[-1]
            for link in parse(file).head_links
            if link.get("rel") == "stylesheet"
        ]
        ours = [s for s in sheets if not re.fullmatch(r"(main|palette)\.[0-9a-f]+\.min\.css", s)]
        assert ours == ["extra.css"], (file.relative_to(built_site), sheets)


@pytest.mark.parametrize(
    "lang,width,query,expected",
    [
        ("ko", 1280, "파이토치로", "pytorch/"),  # Material's keyboard shortcut; a particle to strip
        ("en", 375, "PyTorch", "pytorch/"),  # the search button of a phone-sized screen
    ],
)
def test_search_is_downloaded_when_the_reader_opens_it(
    browser, site_server, lang, width, query, expected
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    requested: list[str] = []
    # the context sees the worker's own requests too
    context.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page = context.new_page()
    problems = PageProblems(page, site_server)
    prefix = "/" + LANGS[lang]
    try:
        open_page(page, f"{site_server}{prefix}tensorflow/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert [p for p in requested if SEARCH_FILES.search(p)] == [], requested

        if width >= 1220:
            page.keyboard.press("s")
        else:
            page.click("label.md-header__button[for=__search]")
        box = page.locator("input.md-search__input")
        page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
        box.fill(query)
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert prefix + expected in SearchBox.result_pages(page)[:3]  # the suite's own bar

        loaded = sorted(
            p.rsplit("/", 1)[-1] if "/workers/" in p else p
            for p in requested
            if SEARCH_FILES.search(p)
        )
        worker = next(p for p in loaded if p.startswith("search."))
        assert loaded == sorted(
            [prefix + "search/search_index.json", worker, "search-ko-normalise.js", "search-ko.js"]
        ), loaded
        assert problems.errors == [] and problems.failed == []
    finally:
        context.close()


@pytest.mark.parametrize("lang, query", [("ko", "케라스"), ("en", "Keras")])
@pytest.mark.parametrize("move", ["/", "Tab", "click"])
def test_search_box_is_set_up_by_the_readers_first_move(page, site_server, move, lang, query):
    """The search box is set up on the reader's first move towards it (hooks/bundle_patches.py):
    that move, made before the box listened, still opens search with the field focused, and
    the shortcut's `/` is not typed into it."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, f"{site_server}/{LANGS[lang]}compare/")
    box = page.locator("input.md-search__input")
    if move == "/":
        page.keyboard.press("/")
    elif move == "Tab":
        for _ in range(30):
            page.keyboard.press("Tab")
            if box.evaluate("el => el === document.activeElement"):
                break
    else:
        box.click()
    page.wait_for_function(
        "() => document.activeElement.matches('input.md-search__input')"
        " && document.getElementById('__search').checked"
    )
    assert box.input_value() == ""
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    assert SearchBox.result_pages(page)[0] == f"/{LANGS[lang]}keras/"
    assert not page.problems.errors, page.problems.errors


def site_with_materials_bundle(site: Path, change=lambda text: text) -> Path:
    """A site folder holding Material's own (unpatched) bundle, changed by `change`."""
    js = site / "assets" / "javascripts"
    js.mkdir(parents=True)
    (original,) = MATERIAL_JS.glob("bundle.*.min.js")
    (js / original.name).write_text(change(original.read_text(encoding="utf-8")), encoding="utf-8")
    return site


def test_bundle_patches_apply_to_materials_bundle_once(tmp_path):
    patched = patch_bundle(site_with_materials_bundle(tmp_path)).read_text(encoding="utf-8")
    for old, new in BUNDLE_PATCHES:
        # the old text is left only where the new one contains it (a patch that inserts)
        assert patched.count(new) == 1 and patched.count(old) == new.count(old), old


@pytest.mark.parametrize("broken", range(len(BUNDLE_PATCHES)))
def test_a_bundle_patch_that_no_longer_applies_stops_the_build(tmp_path, broken):
    old = BUNDLE_PATCHES[broken][0]
    site = site_with_materials_bundle(tmp_path, lambda t: t.replace(old, old.replace("(", "( ")))
    with pytest.raises(PluginError, match=r"hooks/bundle_patches\.py: .*BUNDLE_PATCHES") as err:
        patch_bundle(site)
    assert repr(old) in str(err.value)


@pytest.mark.parametrize("name", NEW_NAMES)
def test_a_bundle_that_already_uses_a_name_the_patches_add_stops_the_build(tmp_path, name):
    site = site_with_materials_bundle(
        tmp_path, lambda t: t.replace('"use strict";', f'"use strict";var {name}=1;', 1)
    )
    with pytest.raises(PluginError, match=r"hooks/bundle_patches\.py: .*NEW_NAMES") as err:
        patch_bundle(site)
    assert repr(name) in str(err.value)


# Attribute changes on <html>, <body> and <meta> while a page loads, and whether the body
# existed when they were seen (MutationObserver callbacks run right after the script that made
# the change, so changes made in <head> are seen before <body> exists).
RECORD_MUTATIONS = """
window.__mutations = [];
new MutationObserver(records => records.forEach(r => window.__mutations.push({
  tag: r.target.nodeName.toLowerCase(), attr: r.attributeName,
  meta: r.target.nodeName === "META" ? r.target.getAttribute("name") : null,
  old: r.oldValue, now: r.target.getAttribute(r.attributeName), body: !!document.body
}))).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
  attributeFilter: ["class", "content", "data-md-color-switching"]});
"""


@contextmanager
def started_page(browser, site_server, path: str, script: str = "", **options):
    """A new context's page at `path`, `script` (if any) run before the page's own, once
    Material has started and a moment after, so that late changes are seen too; yields the page
    and its problems, closes the context after."""
    context = browser.new_context(**options)
    page = context.new_page()
    problems = PageProblems(page, site_server)
    try:
        if script:
            page.add_init_script(script)
        open_page(page, f"{site_server}/{path}")
        page.wait_for_timeout(300)
        yield page, problems
    finally:
        context.close()


# How far Material's start-up has got: the tab groups it has mounted (it adds a prev and a next
# control to each and places the selected tab's indicator), and whether anything is queued.
MOUNTED = """({
  controls: document.querySelectorAll(".tabbed-set > .tabbed-control").length,
  indicators: [...document.querySelectorAll(".tabbed-set")]
    .filter(set => set.style.getPropertyValue("--md-indicator-width")).length,
  idle: window.__md_idle()
})"""
# Registered once our last deferred script has run, that is after Material's bundle set up its
# own DOMContentLoaded handler: what this handler finds is what Material did in that task.
RECORD_AT_DOMCONTENTLOADED = (
    """
document.addEventListener("load", event => {
  if (!(event.target.src || "").endsWith("/code-compare.js")) return;
  document.addEventListener("DOMContentLoaded", () => { window.__at_dcl = """
    + MOUNTED
    + """; });
}, true);
"""
)


@pytest.mark.parametrize("path", ["code/train-loop/", "en/code/autodiff/"])
def test_start_up_mounts_the_components_after_domcontentloaded(browser, site_server, path):
    """Material's components are mounted from a queue in later tasks, not all in the
    DOMContentLoaded task (hooks/bundle_patches.py): that task no longer blocks the reader."""
    with started_page(browser, site_server, path, RECORD_AT_DOMCONTENTLOADED) as (page, problems):
        at_dcl, now = page.evaluate("window.__at_dcl"), page.evaluate(MOUNTED)
        groups = page.locator(".tabbed-set").count()
        assert groups >= 1
        assert at_dcl == {"controls": 0, "indicators": 0, "idle": False}, at_dcl
        # every group mounted since
        assert now == {"controls": 2 * groups, "indicators": groups, "idle": True}, now
        assert problems.errors == [] and problems.failed == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_search_field_focused_before_start_up_opens_search(browser, site_server, lang):
    """A reader who puts the cursor in the search field before the search box is set up (the
    page is shown before its scripts run) gets search: the box is set up for that focus."""
    focus_early = """document.addEventListener("DOMContentLoaded",
      () => document.querySelector("input.md-search__input").focus());"""
    with started_page(
        browser,
        site_server,
        f"{LANGS[lang]}compare/",
        focus_early,
        viewport={"width": 1280, "height": 800},
    ) as (page, problems):
        page.wait_for_function(
            "() => document.activeElement.matches('input.md-search__input')"
            " && document.getElementById('__search').checked"
        )
        box = page.locator("input.md-search__input")
        box.fill("Keras")
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert SearchBox.result_pages(page)[0] == f"/{LANGS[lang]}keras/"
        assert problems.errors == [] and problems.failed == []


@pytest.mark.parametrize("path", ["compare/", "en/code/train-loop/"])
def test_start_up_does_not_restyle_the_whole_page(browser, site_server, path):
    with started_page(browser, site_server, path, RECORD_MUTATIONS, color_scheme="light") as (
        page,
        problems,
    ):
        changes = [m for m in page.evaluate("window.__mutations") if m["old"] != m["now"]]
        html = [m for m in changes if m["tag"] == "html" and m["attr"] == "class"]
        assert html and all(not m["body"] for m in html), (
            f"<html> classes changed after the body was parsed: {html}"
        )
        assert page.evaluate("document.documentElement.className").split() == [
            "js",
            "js-focus-visible",
        ]
        switching = [m for m in changes if m["attr"] == "data-md-color-switching"]
        assert switching == [], f"the palette marked a switch at start-up: {switching}"
        scheme_meta = [m for m in changes if m["meta"] == "color-scheme"]
        assert scheme_meta == [], f"color-scheme meta rewritten at start-up: {scheme_meta}"
        metas = page.eval_on_selector_all("meta[name=color-scheme]", "ms => ms.map(m => m.content)")
        assert metas == ["light"], metas
        assert problems.errors == [] and problems.failed == []


# What the scripts change in the compare view once the page is parsed (the document becomes
# "interactive" just before deferred scripts run): nodes added, the class of the tab groups,
# the attributes the view uses.
RECORD_COMPARE = """
window.__compare = [];
document.addEventListener("readystatechange", () => document.readyState === "interactive" &&
new MutationObserver(records => records.forEach(r => {
  const added = [...r.addedNodes].filter(n => n.nodeType === 1 && /code-compare/.test(n.className));
  if (added.length) window.__compare.push("added " + added.map(n => n.className).join(" "));
  if (r.type === "attributes" && r.oldValue !== r.target.getAttribute(r.attributeName) &&
      (r.attributeName !== "class" || /code-compare/.test(r.target.className + r.oldValue)))
    window.__compare.push(r.target.nodeName + " " + r.attributeName + ": " + r.oldValue + " -> " +
                          r.target.getAttribute(r.attributeName));
})).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
  attributeFilter: ["class", "data-code-compare", "aria-pressed"]}));
"""


@pytest.mark.parametrize("lang", LANGS)
def test_start_up_leaves_the_compare_view_as_built(browser, site_server, lang):
    """The button and the groups' class come with the page (hooks/code_pages.py): put in by the
    script they restyled everything after the title. Starting up changes nothing of the view
    until the reader presses the button."""
    with started_page(
        browser,
        site_server,
        f"{LANGS[lang]}code/train-loop/",
        RECORD_COMPARE,
        viewport={"width": 1400, "height": 900},
    ) as (page, problems):
        assert page.evaluate("window.__compare") == []
        button = page.locator(".code-compare-toggle")
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        button.click()  # the script made it work
        assert page.evaluate("document.documentElement.hasAttribute('data-code-compare')")
        assert page.evaluate("window.__compare") == [
            "HTML data-code-compare: null -> ",
            "BUTTON aria-pressed: false -> true",
        ]
        assert problems.errors == [] and problems.failed == []


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_switches_and_keeps_the_color_scheme_meta_right(browser, site_server, system):
    with started_page(
        browser, site_server, "tensorflow/", RECORD_MUTATIONS, color_scheme=system
    ) as (page, problems):
        state = (
            "() => [document.body.dataset.mdColorScheme, [...document.querySelectorAll("
            "'meta[name=color-scheme]')].map(m => m.content)]"
        )
        expected = {"default": "light", "slate": "dark"}
        scheme, metas = page.evaluate(state)
        assert scheme == {"light": "default", "dark": "slate"}[system]
        assert metas == [expected[scheme]]
        seen = {scheme}
        for _ in range(3):  # the toggle cycles: system, light, dark
            page.evaluate("window.__mutations = []")
            page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
            page.wait_for_timeout(400)
            now, metas = page.evaluate(state)
            assert metas == [expected[now]], (now, metas)
            marked = [
                m
                for m in page.evaluate("window.__mutations")
                if m["attr"] == "data-md-color-switching" and m["now"] is not None
            ]
            # transitions are turned off exactly when the colours change
            assert bool(marked) == (now != scheme), (scheme, now, marked)
            assert not page.evaluate("document.body.hasAttribute('data-md-color-switching')")
            scheme = now
            seen.add(now)
        assert seen == {"default", "slate"}
        assert problems.errors == []


FINISHED = """els => els.filter(pre => pre.checkVisibility()).map(pre => {
  const code = pre.querySelector(':scope > code');
  return {done: pre.id.startsWith('__code_'), folded: !!pre.closest('details'),
          copy: !!pre.querySelector(':scope > nav.md-code__nav[role=none] button[data-md-type=copy]'),
          wide: code.scrollWidth > code.clientWidth, tabindex: code.getAttribute('tabindex'),
          markers: [...pre.querySelectorAll('.md-annotation__index')]
                   .map(a => a.getAttribute('aria-label'))};
})"""


ANNOTATION_NAMES = {"ko": r"코드 설명 \d+", "en": r"Annotation \d+"}  # as a11y.js names them


@pytest.mark.parametrize("lang", LANGS)
def test_code_blocks_are_finished_as_they_come_into_view(browser, site_server, lang):
    with started_page(
        browser,
        site_server,
        f"{LANGS[lang]}code/save-load/",
        viewport={"width": 375, "height": 700},
        is_mobile=True,
        has_touch=True,
    ) as (page, problems):
        at_load = page.eval_on_selector_all(".md-content pre", FINISHED)
        assert len(at_load) >= 3 and not all(b["done"] for b in at_load), (
            "every code block was finished at load"
        )
        # the other framework's code and the outputs folded in <details>, once shown
        page.locator(".tabbed-set .tabbed-labels > label", has_text="Keras").first.click()
        page.eval_on_selector_all(".md-content details", "ds => ds.forEach(d => d.open = true)")
        revealed = reveal_code_blocks(page)
        shown = page.eval_on_selector_all(".md-content pre", FINISHED)
        assert revealed == len(shown) >= 3 and any(b["folded"] for b in shown), shown
        assert all(b["done"] and b["copy"] for b in shown), shown
        # a phone has no hover: Material takes the tabindex away, a11y.js gives it back
        wide = [b["tabindex"] for b in shown if b["wide"]]
        assert wide and all(t == "0" for t in wide), shown
        markers = [m for b in shown for m in b["markers"]]
        assert markers and all(re.fullmatch(ANNOTATION_NAMES[lang], m or "") for m in markers), (
            markers
        )
        assert problems.errors == []
