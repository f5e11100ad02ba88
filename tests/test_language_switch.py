"""The language switch works wherever the site is served: built for one address
(SITE_URL=https://example.org/guide/) and served under another path (/mirror/x/, as a mirror,
a fork's Pages or a custom domain would), it leads from both home pages and from an inner page
to the twin page in the other language, and back.

Every page's switch links are relative; hooks/seo.py makes the home pages' so too (static-i18n
leaves them root-absolute, ``/guide/en/``). The 404 page keeps absolute links on purpose: it is
served for a missing path at any depth.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, PageProblems, html_pages, open_page, run_build
from tools.site_server import SiteServer

SITE_URL = "https://example.org/guide/"
MIRROR = "/mirror/x/"
SWITCH_LINK = re.compile(r'<a href="([^"]*)" hreflang="([a-z-]+)" class="md-select__link">')


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """The project built for SITE_URL (not the session's build, which uses the default)."""
    site = tmp_path_factory.mktemp("sub-path") / "site"
    result = run_build(ROOT, site, env={"SITE_URL": SITE_URL})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.log}", pytrace=False)
    return site


@pytest.fixture(scope="module")
def mirror(sub_path_site):
    with SiteServer(sub_path_site, prefix=MIRROR) as origin:
        yield origin


def switch_links(file) -> dict[str, str]:
    return {lang: href for href, lang in SWITCH_LINK.findall(file.read_text(encoding="utf-8"))}


def test_every_pages_language_switch_is_relative(sub_path_site):
    pages = [p for p in html_pages(sub_path_site) if p.name != "404.html"]
    assert len(pages) >= 20
    for file in pages:
        links = switch_links(file)
        assert sorted(links) == ["en", "ko"], (file, links)
        for lang, href in links.items():
            assert not re.match(r"[a-z]+:|/", href), f"{file}: {lang} -> {href} is not relative"
    homes = {
        "ko": switch_links(sub_path_site / "index.html"),
        "en": switch_links(sub_path_site / "en" / "index.html"),
    }
    assert homes == {"ko": {"ko": "./", "en": "en/"}, "en": {"ko": "../", "en": "./"}}


def test_the_404_page_keeps_absolute_links_to_the_home_pages(sub_path_site):
    links = switch_links(sub_path_site / "404.html")
    assert links == {"ko": "/guide/", "en": "/guide/en/"}


def switch(page, lang: str):
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={lang}]")


@pytest.mark.parametrize(
    "start,twin",
    [
        ("", "en/"),
        ("en/", ""),
        ("keras/", "en/keras/"),
        ("en/code/train-loop/", "code/train-loop/"),
    ],
    ids=["ko home", "en home", "ko inner page", "en inner page"],
)
def test_switching_language_under_another_path_lands_on_the_twin_and_back(
    browser, mirror, start, twin
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = PageProblems(page, mirror)
    try:
        start_lang = "en" if start.startswith("en/") else "ko"
        twin_lang = "en" if twin.startswith("en/") else "ko"
        open_page(page, mirror + MIRROR + start)
        assert page.locator("html").get_attribute("lang") == start_lang
        switch(page, twin_lang)
        page.wait_for_url(mirror + MIRROR + twin)
        assert page.locator("html").get_attribute("lang") == twin_lang
        switch(page, start_lang)
        page.wait_for_url(mirror + MIRROR + start)
        assert page.locator("html").get_attribute("lang") == start_lang
        assert page.url.startswith(mirror + MIRROR), page.url
        assert problems.errors == [] and problems.failed == [], (problems.errors, problems.failed)
    finally:
        context.close()
