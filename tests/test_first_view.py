"""What a first view of a page downloads and runs (issue #7: Lighthouse performance, <= 100 KiB
for a first view; the figures themselves are printed by bench/perf_bench.py, not tested).

- Scripts are deferred, so they do not hold up the first paint, and still run in Material's
  order (its bundle first: our scripts use its `document$`).
- One stylesheet of our own besides Material's two.
- Search (index, Material's worker, the Korean normaliser) is downloaded when the reader opens
  search, not on every page view, and then works at once, by keyboard and on a phone.
- The bundle patches that make search lazy stop the build when Material's code changes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from mkdocs.exceptions import PluginError

from hooks.theme_fixes import BUNDLE_PATCHES, patch_bundle
from tests.conftest import LANGS, PageProblems
from tests.html_tools import parse
from tests.test_search import SearchBox

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
# what search downloads when it is opened; the worker file itself (search-ko.js, 0.2 KiB) is
# created with the page and loads the rest on its first message
SEARCH_FILES = re.compile(r"/search/search_index\.json$|/workers/search\.[0-9a-f]+\.min\.js$"
                          r"|/workers/search-ko-normalise\.js$")


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
        sheets = [link["href"].rsplit("/", 1)[-1] for link in parse(file).head_links
                  if link.get("rel") == "stylesheet"]
        ours = [s for s in sheets if not re.fullmatch(r"(main|palette)\.[0-9a-f]+\.min\.css", s)]
        assert ours == ["extra.css"], (file.relative_to(built_site), sheets)


@pytest.mark.parametrize("lang,width,query,expected", [
    ("ko", 1280, "파이토치로", "pytorch/"),  # Material's keyboard shortcut; a particle to strip
    ("en", 375, "PyTorch", "pytorch/"),      # the search button of a phone-sized screen
])
def test_search_is_downloaded_when_the_reader_opens_it(browser, site_server, lang, width,
                                                       query, expected):
    context = browser.new_context(viewport={"width": width, "height": 800})
    requested: list[str] = []
    # the context sees the worker's own requests too
    context.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page = context.new_page()
    problems = PageProblems(page, site_server)
    prefix = "/" + LANGS[lang]
    try:
        page.goto(f"{site_server}{prefix}tensorflow/", wait_until="networkidle")
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
        assert SearchBox.result_pages(page)[0] == prefix + expected

        loaded = sorted(p.rsplit("/", 1)[-1] if "/workers/" in p else p
                        for p in requested if SEARCH_FILES.search(p))
        worker = next(p for p in loaded if p.startswith("search."))
        assert loaded == sorted([prefix + "search/search_index.json", worker,
                                 "search-ko-normalise.js"]), loaded
        assert problems.errors == [] and problems.failed == []
    finally:
        context.close()


def test_bundle_patches_apply_to_materials_bundle_once(tmp_path):
    js = tmp_path / "assets" / "javascripts"
    js.mkdir(parents=True)
    (original,) = MATERIAL_JS.glob("bundle.*.min.js")
    shutil.copy(original, js)
    patched = patch_bundle(tmp_path).read_text(encoding="utf-8")
    for old, new in BUNDLE_PATCHES:
        assert patched.count(new) == 1 and old not in patched, old


@pytest.mark.parametrize("broken", range(len(BUNDLE_PATCHES)))
def test_a_bundle_patch_that_no_longer_applies_stops_the_build(tmp_path, broken):
    js = tmp_path / "assets" / "javascripts"
    js.mkdir(parents=True)
    (original,) = MATERIAL_JS.glob("bundle.*.min.js")
    old = BUNDLE_PATCHES[broken][0]
    text = original.read_text(encoding="utf-8").replace(old, old.replace("(", "( "))
    (js / original.name).write_text(text, encoding="utf-8")
    with pytest.raises(PluginError, match=r"hooks/theme_fixes\.py: .*BUNDLE_PATCHES") as err:
        patch_bundle(tmp_path)
    assert repr(old) in str(err.value)
