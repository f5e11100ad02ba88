"""The compare view fits (issue #18): on a 1,600 px screen, with the view on, every task page
(the code section of mkdocs.yml's nav, both languages) shows each code block of its compare sets
without horizontal scrolling: a line too long for its column wraps, and each continuation
carries a visible mark. The navigation and the table of contents move out of the way while the
view is on and come back when it is off; the keyboard still reaches them; axe finds nothing.

The view: docs/assets/javascripts/code-compare.js (the toggle; each source line in a
`.cc-line` span when the view is first on) and the "Compare view that fits" block of
docs/assets/stylesheets/extra.css. The markup (button, `code-compare-set`) is written by
hooks/code_pages.py; tests/test_code_pages.py tests the toggle itself.
"""

from __future__ import annotations

import pytest
from mkdocs.utils.yaml import yaml_load

import snippet_runner as sr
from tests.conftest import LANGS, ROOT, PageProblems, open_page, reload_page, reveal_code_blocks
from tests.test_a11y import AXE, RUN_AXE, axe_report

WIDTH, HEIGHT = 1600, 1000
LONGEST = 88  # characters: lines up to this long must show whole, wrapped or not


def code_section_pages() -> list[str]:
    """The task pages (each snippets/ task's code/<slug>), in the order the nav lists them;
    the nav's code section also lists pages without a compare set (the index, setup)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        nav = yaml_load(f)["nav"]
    tasks = {f"code/{task.replace('_', '-')}" for task in sr.tasks()}
    for section in nav:
        items = next(iter(section.values())) if isinstance(section, dict) else None
        if isinstance(items, list) and "code/index.md" in items:
            listed = [i.removesuffix(".md") for i in items if isinstance(i, str)]
            assert tasks <= set(listed), f"mkdocs.yml's nav lacks {sorted(tasks - set(listed))}"
            return [page for page in listed if page in tasks]
    raise AssertionError("mkdocs.yml: no nav section lists code/index.md")


TASK_PAGES = code_section_pages()

# Runs in the page: the fit of every code block in the compare sets (closed "other backends"
# outputs opened first), and where the sidebars are.
MEASURE = """() => {
  document.querySelectorAll(".md-content .code-compare-set details:not([open])")
    .forEach(d => d.open = true);
  const blocks = [...document.querySelectorAll(".md-content .code-compare-set pre > code")]
    .filter(code => code.checkVisibility());
  const box = el => el.getBoundingClientRect();
  const report = {blocks: [], sidebars: {}, page: {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    content: box(document.querySelector(".md-content")).width,
  }};
  for (const code of blocks) {
    const lineHeight = parseFloat(getComputedStyle(code).lineHeight);
    const codeBox = box(code);
    const lines = [...code.querySelectorAll(":scope > .cc-line")].map(line => {
      const b = box(line);
      const mark = getComputedStyle(line, "::before");
      return {
        text: line.textContent,
        rows: Math.round(b.height / lineHeight),
        inside: b.left >= codeBox.left - 0.5 && b.right <= codeBox.right + 0.5,
        mark: mark.content !== "none" && mark.display !== "none"
          && (mark.maskImage || mark.webkitMaskImage || "none") !== "none"
          && mark.visibility === "visible",
        markHeight: parseFloat(mark.height) || 0,
      };
    });
    report.blocks.push({
      title: (code.closest(".highlight").querySelector(".filename") || {}).textContent || "",
      scrollWidth: code.scrollWidth, clientWidth: code.clientWidth, lineHeight,
      sourceLines: code.textContent.replace(/\\n$/, "").split("\\n").filter(l => l).length,
      lines,
    });
  }
  for (const [name, selector] of [["nav", ".md-sidebar--primary"],
                                  ["toc", ".md-sidebar--secondary:not([hidden])"]]) {
    const el = document.querySelector(selector);
    if (el) {
      const b = box(el);
      report.sidebars[name] = {left: b.left, right: b.right, width: b.width,
                               display: getComputedStyle(el).display};
    }
  }
  return report;
}"""


def on_screen(sidebar: dict) -> bool:
    return sidebar["display"] != "none" and sidebar["right"] > 0 and sidebar["left"] < WIDTH


@pytest.fixture
def wide(browser, site_server):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, reduced_motion="reduce"
    )
    page = context.new_page()
    page.problems = PageProblems(page, site_server)
    yield page
    context.close()


def turn(page, on: bool):
    button = page.locator(".md-content .code-compare-toggle")
    if (button.get_attribute("aria-pressed") == "true") != on:
        button.focus()
        page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == str(on).lower()
    if on:  # the lines are put in their spans on the first turn on
        page.wait_for_function(
            "() => [...document.querySelectorAll('.code-compare-set pre > code')]"
            ".every(c => c.querySelector(':scope > .cc-line') || !c.textContent.trim())"
        )


def test_the_nav_lists_the_task_pages():
    assert len(TASK_PAGES) == len(sr.tasks()) >= 10, TASK_PAGES
    assert all(p.startswith("code/") for p in TASK_PAGES), TASK_PAGES
    for slug in TASK_PAGES:
        assert (ROOT / "docs" / f"{slug}.md").is_file(), slug


@pytest.mark.parametrize("slug", TASK_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_code_fits_at_1600px_and_the_sidebars_step_aside(wide, site_server, lang, slug):
    page = wide
    open_page(page, f"{site_server}/{LANGS[lang]}{slug}/")
    before = page.evaluate(MEASURE)
    assert on_screen(before["sidebars"]["nav"]), before["sidebars"]

    turn(page, True)
    report = page.evaluate(MEASURE)
    problems = []
    # the code gets the page's width: no sidebar on the screen, no page-wide scrolling
    for name, sidebar in report["sidebars"].items():
        if on_screen(sidebar):
            problems.append(f"the {name} is still on the screen: {sidebar}")
    if report["page"]["scrollWidth"] > report["page"]["clientWidth"]:
        problems.append(f"the page scrolls sideways: {report['page']}")
    if report["page"]["content"] < 0.95 * WIDTH:
        problems.append(f"the content is {report['page']['content']:.0f}px wide")
    assert len(report["blocks"]) >= 3, report["blocks"]
    for block in report["blocks"]:
        name = block["title"] or "a code block"
        if block["scrollWidth"] > block["clientWidth"]:
            problems.append(
                f"{name}: scrolls sideways ({block['scrollWidth']} > {block['clientWidth']})"
            )
        if len(block["lines"]) != block["sourceLines"]:
            problems.append(
                f"{name}: {len(block['lines'])} line spans for {block['sourceLines']} lines"
            )
        for line in block["lines"]:
            if len(line["text"]) > LONGEST:
                continue  # wraps too, but the promise is for lines of up to 88 characters
            if not line["inside"]:
                problems.append(f"{name}: cut: {line['text']!r}")
            if line["rows"] > 1 and not (
                line["mark"] and line["markHeight"] >= (line["rows"] - 1.5) * block["lineHeight"]
            ):
                problems.append(f"{name}: wrapped without a continuation mark: {line['text']!r}")
    assert not problems, f"{LANGS[lang]}{slug}/ at {WIDTH}px:\n" + "\n".join(problems)

    turn(page, False)  # everything comes back
    after = page.evaluate(MEASURE)
    assert on_screen(after["sidebars"]["nav"]), after["sidebars"]
    if "toc" in before["sidebars"]:
        assert on_screen(after["sidebars"]["toc"]) == on_screen(before["sidebars"]["toc"])
    assert page.problems.errors == [], page.problems.errors


# Runs in the page: each shown compare-set code block's text without its annotation markers
# (Material adds and removes their tooltips as they open and close), and the text the copy
# button copies (Material's clipboard `extract`: innerText while `data-md-copying` hides the
# annotations)
CODE_TEXTS = """() => [...document.querySelectorAll(".md-content .code-compare-set pre > code")]
  .map(code => {
    if (!code.checkVisibility()) return null;
    const clone = code.cloneNode(true);
    clone.querySelectorAll(".md-annotation").forEach(a => a.remove());
    code.setAttribute("data-md-copying", "");
    const copied = code.innerText.trimEnd();
    code.removeAttribute("data-md-copying");
    return {text: clone.textContent, copied};
  })"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_code_text_and_what_the_copy_button_copies_are_unchanged(wide, site_server, lang):
    """The line spans change no character of the code, nor what the copy button copies."""
    page = wide
    open_page(page, f"{site_server}/{LANGS[lang]}code/train-loop/")
    before = {}
    for framework in ("TensorFlow", "Keras", "PyTorch"):  # each tab, as a reader shows it
        page.locator(".code-compare-set > .tabbed-labels > label", has_text=framework).first.click()
        reveal_code_blocks(page)  # Material finishes a block (annotations) when it is shown
        for i, texts in enumerate(page.evaluate(CODE_TEXTS)):
            if texts is not None:
                before[i] = texts
    assert len(before) >= 6, before
    turn(page, True)
    reveal_code_blocks(page)
    after = page.evaluate(CODE_TEXTS)
    assert page.locator(".code-compare-set .cc-line").count() > 20
    for i, texts in before.items():
        assert after[i] == texts, f"code block {i} changed"


@pytest.mark.parametrize("lang", LANGS)
def test_remembered_view_comes_back_with_its_marks(wide, site_server, lang):
    page = wide
    open_page(page, f"{site_server}/{LANGS[lang]}code/digits/")
    turn(page, True)
    reload_page(page)
    assert page.locator(".md-content .code-compare-toggle").get_attribute("aria-pressed") == "true"
    page.wait_for_selector(".code-compare-set .cc-line")  # split when the browser is idle
    report = page.evaluate(MEASURE)
    assert all(b["scrollWidth"] <= b["clientWidth"] for b in report["blocks"]), report["blocks"]
    assert not any(on_screen(s) for s in report["sidebars"].values()), report["sidebars"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_keyboard_reaches_the_sidebars_and_they_show_while_it_is_there(wide, site_server, lang):
    page = wide
    open_page(page, f"{site_server}/{LANGS[lang]}code/train-loop/")
    turn(page, True)
    # back from the toggle (DOM order: navigation, table of contents, then the content)
    reached = {"nav": 0, "toc": 0}
    hidden_focus = []
    for _ in range(200):
        page.keyboard.press("Shift+Tab")
        where = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const b = el.getBoundingClientRect();
              const side = el.closest(".md-sidebar--primary") ? "nav"
                : el.closest(".md-sidebar--secondary") ? "toc" : "";
              return {side, shown: b.right > 0 && b.left < innerWidth && b.width > 0,
                      text: el.textContent.trim().slice(0, 40)};
            }"""
        )
        if where is None or (reached["nav"] and not where["side"]):
            break  # past the navigation, back in the header
        if where["side"]:
            reached[where["side"]] += 1
            if not where["shown"]:
                hidden_focus.append(where)
    assert reached["nav"] >= 5 and reached["toc"] >= 1, reached
    assert not hidden_focus, f"focused but off the screen: {hidden_focus}"
    page.keyboard.press("Escape")
    page.locator(".md-content .code-compare-toggle").focus()  # focus leaves: they step aside
    report = page.evaluate(MEASURE)
    assert not any(on_screen(s) for s in report["sidebars"].values()), report["sidebars"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_the_view_on(browser, site_server, scheme):
    assert AXE.is_file(), f"{AXE} missing: run `npm ci` (make test does)"
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    try:
        for lang in LANGS:
            for slug in TASK_PAGES[:3]:
                url = f"{site_server}/{LANGS[lang]}{slug}/"
                open_page(page, url)
                turn(page, True)
                page.add_script_tag(path=str(AXE))
                problems += axe_report(page.evaluate(RUN_AXE), f"{url} (compare view on)")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
