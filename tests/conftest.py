"""Shared fixtures: one strict build per test session, a local Pages-like server over it,
and Chromium driven by Playwright.

Data flows one way: sources -> `mkdocs build --strict` -> a temporary site folder -> tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "hooks"))  # hooks import each other by name, as under MkDocs

from tools import prerequisites  # noqa: E402
from tools.browser import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from tools.builds import Build, copy_project, run_build  # noqa: E402,F401
from tools.site_server import SiteServer  # noqa: E402

LANGS = {"ko": "", "en": "en/"}  # language -> URL prefix of its pages


# --- markers (pyproject.toml): one per test, from what it uses ------------------------------
KINDS = ("unit", "build", "browser", "snippets", "lighthouse")
BUILD_FIXTURES = {"build", "built_site", "pages", "site_server", "project"}
BUILD_MODULES = {"test_faults", "test_stale_translations"}  # they build copies themselves


def kind_of(item) -> str:
    module = item.module.__name__.rsplit(".", 1)[-1]
    names = set(item.fixturenames)
    if module == "test_lighthouse":
        return "lighthouse"
    if "browser" in names:
        return "browser"
    if module in ("test_snippets", "test_notebooks", "test_requirements") or "snippet" in names:
        return "snippets"
    if names & BUILD_FIXTURES or module in BUILD_MODULES:
        return "build"
    return "unit"


def pytest_collection_finish(session):
    """Start the network-bound uv resolutions (tests/test_requirements.py) at once, so they run
    while the browser tests do."""
    if any(item.nodeid.startswith("tests/test_requirements.py") for item in session.items):
        from tests import test_requirements

        session.config.uv_resolutions = test_requirements.start_resolving()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not any(item.get_closest_marker(kind) for kind in KINDS):
            item.add_marker(kind_of(item))


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    result = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.log}", pytrace=False)
    return result


@pytest.fixture(scope="session")
def built_site(build) -> Path:
    return build.site


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site) as url:
        yield url


def html_pages(site: Path) -> list[Path]:
    """Every page of the built site (both languages), without the search/asset folders."""
    skip = {"assets", "search"}
    return sorted(
        p for p in site.rglob("*.html") if not skip.intersection(p.relative_to(site).parts)
    )


@pytest.fixture(scope="session")
def pages(built_site) -> list[Path]:
    return html_pages(built_site)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not prerequisites.chromium_ok():
        pytest.fail(prerequisites.CHROMIUM.message(), pytrace=False)
    with sync_playwright() as pw:
        exe = chromium_executable()
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Material finishes a code block (buttons, annotation markers) when it first comes into view
# (content.lazy in mkdocs.yml) and marks it done by giving its <pre> an id `__code_N`. This
# scrolls every code block the reader can see (not in a hidden tab or a closed <details>) into
# view, waits until each is finished, and goes back to the top (its transitions over);
# returns how many there were.
REVEAL_CODE_BLOCKS = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  const shown = [...document.querySelectorAll(".md-content pre")]
    .filter(pre => pre.querySelector(":scope > code") && pre.checkVisibility());
  const done = pre => pre.id.startsWith("__code_");
  // a screen at a time, down the page
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight * 0.8) {
    window.scrollTo(0, y);
    await frame();
    await frame();
  }
  for (const pre of shown.filter(pre => !done(pre))) {  // any the quick pass missed
    window.scrollTo(0, pre.getBoundingClientRect().top + scrollY - innerHeight / 3);
    for (let i = 0; i < 100 && !done(pre); i++) await frame();
    if (!done(pre))
      throw new Error("a code block was never finished: " + pre.textContent.slice(0, 80));
  }
  window.scrollTo(0, 0);
  // back at the top, the header's tabs fade in again (a CSS transition): wait it out
  await frame();
  const fading = () => document.getAnimations()
    .some(a => a instanceof CSSTransition && a.playState === "running");
  for (let i = 0; i < 300 && fading(); i++) await frame();
  return shown.length;
}"""


# Material's start-up runs in slices after DOMContentLoaded (hooks/bundle_patches.py): its
# components (tabs, code blocks, header, table of contents, search box) are mounted a moment
# after the page's load event. A test that acts on them waits until nothing is left queued.
STARTED = (
    "() => document.readyState === 'complete' && typeof window.__md_idle === 'function'"
    " && window.__md_idle()"
)


def open_page(page, url: str, **options):
    """`page.goto(url, **options)`, then wait until Material has started; the response."""
    response = page.goto(url, **options)
    page.wait_for_function(STARTED)
    return response


def reload_page(page):
    """`page.reload()`, then wait until Material has started again."""
    page.reload()
    page.wait_for_function(STARTED)


def reveal_code_blocks(page) -> int:
    return page.evaluate(REVEAL_CODE_BLOCKS)


class PageProblems:
    """Console errors, uncaught exceptions and failed requests seen by one browser page."""

    def __init__(self, page, base_url: str):
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        page.on(
            "console",
            lambda m: m.type == "error" and self.errors.append(f"console: {m.text} @ {page.url}"),
        )
        page.on("pageerror", lambda e: self.errors.append(f"exception: {e} @ {page.url}"))
        # ERR_ABORTED: the browser dropped a request itself because the test moved on to
        # another page (e.g. search's language files still loading); nothing failed
        page.on(
            "requestfailed",
            lambda r: (
                r.failure != "net::ERR_ABORTED"
                and self.failed.append(f"{r.url} ({r.failure}) from {page.url}")
            ),
        )
        page.on(
            "response",
            lambda r: (
                r.status >= 400
                and self.failed.append(f"{r.url} -> HTTP {r.status} from {page.url}")
            ),
        )
        page.on(
            "request",
            lambda r: (
                not r.url.startswith((base_url, "data:", "blob:"))
                and self.external.append(f"{r.url} from {page.url}")
            ),
        )


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, site_server):
    page = context.new_page()
    page.problems = PageProblems(page, site_server)
    yield page
    page.close()
