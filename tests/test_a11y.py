"""Accessibility in a real browser: axe-core finds no violation on any built page, in both
languages, in the light and the dark colour scheme, on a desktop and a phone-sized screen
(on the desktop, with each framework tab of the code pages shown in turn).

Material's own faults are fixed in the theme (overrides/partials/search.html names the search
dialog; the contrast section of docs/assets/stylesheets/extra.css; docs/assets/javascripts/
a11y.js makes wide tables and code scrollable by keyboard on any screen, names code annotation
markers and unmarks the code blocks' button bars as landmarks); a violation reported here names
the page, the rule, the element and what axe says to fix.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT, open_page, reveal_code_blocks
from tests.html_tools import page_url
from tools.browser import CHROMIUM_ARGS, chromium_executable

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Material's `palette` follows the system preference: the scheme a page must end up in.
SCHEMES = {"light": "default", "dark": "slate"}
OTHER_TABS = ["Keras", "PyTorch"]  # TensorFlow, the first tab, is the one shown on arrival
BROWSERS = 2  # pages checked at a time, each in a browser of its own (one per core)
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def axe_report(violations: list[dict], url: str) -> list[str]:
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"{url}: {v['id']} ({v['impact']}) on `{node['target']}`: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"{url}: {v['id']}: … and {len(v['nodes']) - 5} more elements")
    return lines


# Runs axe on the tab sets only: after a tab is chosen, nothing else on the page has changed
# (the whole page was checked with the first tab shown).
RUN_AXE_ON_TABS = RUN_AXE.replace("axe.run(document,", 'axe.run({include: [".tabbed-set"]},')


def check_pages(browser, site_server, built_site, files, scheme, screen) -> tuple[list, list]:
    """axe on each page in one browser context: (problems, pages checked)."""
    phone = screen == "phone"
    context = browser.new_context(
        viewport=SCREENS[screen], color_scheme=scheme, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    problems, checked = [], []
    try:
        for file in files:
            url = site_server + page_url(built_site, file)
            open_page(page, url, wait_until="load")  # and the theme's start-up
            shown = page.locator("body").get_attribute("data-md-color-scheme")
            assert shown == SCHEMES[scheme], (
                f"{url}: expected the {scheme} scheme ({SCHEMES[scheme]}), page shows {shown}"
            )
            page.add_script_tag(path=str(AXE))
            # Material finishes code blocks as they come into view: check them finished
            reveal_code_blocks(page)
            problems += axe_report(page.evaluate(RUN_AXE), url)
            # the code in the other framework tabs is hidden until chosen: check it too
            for framework in [] if phone else OTHER_TABS:
                label = page.locator(".tabbed-set .tabbed-labels > label", has_text=framework)
                if label.count():
                    label.first.click()
                    reveal_code_blocks(page)
                    problems += axe_report(
                        page.evaluate(RUN_AXE_ON_TABS), f"{url} ({framework} tab)"
                    )
            checked.append(file)
    finally:
        context.close()
    return problems, checked


def in_own_browser(*args) -> tuple[list, list]:
    """check_pages in a browser of this thread's own (Playwright's API is per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        try:
            return check_pages(browser, *args)
        finally:
            browser.close()


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page(
    browser, site_server, built_site, pages, scheme, screen
):
    """The pages are split between browsers: axe's work is in the page, so two browsers use
    both cores (measured: more browsers than cores are no faster)."""
    assert AXE.is_file(), f"{AXE} missing: run `npm ci` (make test does)"
    share = [pages[i::BROWSERS] for i in range(BROWSERS)]
    with ThreadPoolExecutor(max_workers=BROWSERS - 1) as pool:
        others = [
            pool.submit(in_own_browser, site_server, built_site, files, scheme, screen)
            for files in share[1:]
        ]
        problems, checked = check_pages(browser, site_server, built_site, share[0], scheme, screen)
        for other in others:
            more_problems, more_checked = other.result()
            problems += more_problems
            checked += more_checked
    assert sorted(checked) == sorted(pages), "not every page was checked"
    assert len(checked) >= 12, f"only {len(checked)} pages checked"
    assert not problems, f"axe ({scheme} scheme, {screen}): {len(problems)} problems\n" + "\n".join(
        problems
    )
