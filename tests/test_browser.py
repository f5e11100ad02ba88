"""What a reader sees in Chromium: Hangul rendered with a real font, the language selector
landing on the same page, and every page loading without console errors."""

import re

import pytest

from tests.conftest import open_page
from tests.html_tools import HANGUL, page_url


def test_korean_home_renders_hangul_with_a_cjk_font(page, site_server):
    open_page(page, site_server + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    heading = page.locator("article h1").first
    assert HANGUL.search(heading.inner_text())
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cjk = [f for f in fonts if re.search(r"CJK|Gothic|Noto Sans KR|Nanum", f["familyName"])]
    assert cjk and sum(f["glyphCount"] for f in cjk) >= len(HANGUL.findall(heading.inner_text())), (
        f"Hangul not drawn with a Korean font: {fonts}"
    )


@pytest.mark.parametrize("slug", ["tensorflow", "keras", "pytorch"])
def test_language_selector_lands_on_the_twin_and_back(page, site_server, slug):
    open_page(page, f"{site_server}/{slug}/")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url(f"{site_server}/en/{slug}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=ko]")
    page.wait_for_url(f"{site_server}/{slug}/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.problems.errors == [] and page.problems.failed == []


def test_every_page_loads_without_console_errors(page, site_server, built_site, pages):
    visited = 0
    for file in pages:
        if file.name == "404.html":
            continue
        # wait until the page's own requests are done, so none is cut off by the next goto
        open_page(page, site_server + page_url(built_site, file), wait_until="networkidle")
        visited += 1
    assert visited >= 12
    assert page.problems.errors == []
    assert page.problems.failed == []
    # nothing leaves the site's origin at run time: no web font, CDN or GitHub API request
    assert page.problems.external == []
