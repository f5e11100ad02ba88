"""The pros/cons matrix: one data file (data/matrix.yml) that hooks/matrix.py checks at build
time and renders into the comparison page and the framework pages of both languages; and the
decision guide that points into it.

Every cell carries two voices: the article's rating (2019) and a current rating with its reason,
source and the date it was checked. JAX, which the article does not cover, has current ratings
only; the validator refuses a current rating without a source or a date, and an article rating
in the JAX column.

Built-site tests read the session build; the validator is tested directly on broken copies of
the data file (fast), and one full build of a copied project proves a broken file stops it."""

from __future__ import annotations

import datetime
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks.matrix import expand_markers

# by plain name, as hooks/matrix.py imports it: one module, so one MatrixError class
from matrix_data import DATA_FILE, NOT_APPLICABLE, Link, MatrixError, load_matrix
from tests.conftest import ROOT, open_page, run_build
from tests.html_tools import HANGUL, parse, resolve

DATA = ROOT / DATA_FILE
DOCS = ROOT / "docs"
LANG_PREFIX = {"ko": "", "en": "en/"}
# Every strength and weakness of the article has a row (the list).
ARTICLE_ROWS = {
    "beginner-friendliness",
    "abstraction-level",
    "large-scale",
    "deployment",
    "backing",
    "error-feedback",
    "modularity",
    "complex-projects",
    "backend-errors",
    "dynamic-graphs",
    "training-speed",
    "community",
    "gpu",
    "tensorboard",
    "research",
    "multi-backend",
}
SCENARIOS = ["first-steps", "research", "production", "multi-backend"]  # the article's view
# Choosing in 2026 (issue #17): one answer per scenario, each dated and sourced
NOW_SCENARIOS = [
    "now-first-steps",
    "now-research",
    "now-llm",
    "now-production",
    "now-tpu",
    "now-multi-backend",
]
FRAMEWORKS = ["tensorflow", "keras", "pytorch", "jax"]
CHECKED = "2026-12-02"


@pytest.fixture(scope="module")
def matrix():
    return load_matrix(DATA, DOCS)


# --- reading the built HTML --------------------------------------------------------------
class MatrixReader(HTMLParser):
    """The structure of the rendered table, the framework summary and the page's sections."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.region: dict = {}
        self.caption = {"id": None, "text": ""}
        self.columns: list[tuple[str | None, str]] = []  # (scope, text)
        self.rows: list[dict] = []  # {"id", "scope", "header", "cells": [text], "links": [...]}
        self.table_links: list[str] = []
        self.summary_groups: dict[str, list[str]] = {}  # group -> hrefs of its items
        self.summary_links: list[str] = []
        self.section_links: dict[str, list[str]] = {}  # h2/h3 id -> hrefs until the next one
        self._stack: list[str] = []
        self._in = {"caption": False, "thead": False, "table": False, "summary": 0}
        self._cell: list[str] | None = None
        self._group: str | None = None
        self._li_first: bool = False
        self._section: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._stack.append(tag)
        if "pros-cons-matrix" in classes:
            self.region = a
        if tag == "table" and "matrix-table" in classes:
            self._in["table"] = True
        if self._in["summary"] and tag == "div":
            self._in["summary"] += 1
        if "pros-cons-summary" in classes:
            self._in["summary"] = 1
        if tag in ("h2", "h3"):
            self._section = a.get("id")
            self.section_links.setdefault(self._section, [])
        if self._in["table"]:
            if tag == "caption":
                self._in["caption"], self.caption["id"] = True, a.get("id")
            elif tag == "thead":
                self._in["thead"] = True
            elif tag == "tr" and not self._in["thead"]:
                self.rows.append({"id": a.get("id"), "scope": None, "header": "", "cells": []})
            elif tag == "th":
                self._cell = []
                if self._in["thead"]:
                    self.columns.append((a.get("scope"), ""))
                else:
                    self.rows[-1]["scope"] = a.get("scope")
            elif tag == "td":
                self._cell = []
            elif tag == "a" and a.get("href"):
                self.table_links.append(a["href"])
        if self._in["summary"]:
            if tag == "p" and any(c.startswith("matrix-group--") for c in classes):
                self._group = next(c for c in classes if c.startswith("matrix-group--"))[14:]
                self.summary_groups[self._group] = []
            if tag == "li":
                self._li_first = True
            if tag == "a" and a.get("href"):
                self.summary_links.append(a["href"])
                if self._li_first and self._group:
                    self.summary_groups[self._group].append(a["href"])
                self._li_first = False
        if tag == "a" and a.get("href") and self._section:
            self.section_links[self._section].append(a["href"])

    def handle_endtag(self, tag):
        if self._stack and tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        if self._in["summary"] and tag == "div":
            self._in["summary"] -= 1
            if not self._in["summary"]:
                self._group = None
        if not self._in["table"]:
            return
        if tag == "caption":
            self._in["caption"] = False
        elif tag == "thead":
            self._in["thead"] = False
        elif tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._in["thead"]:
                self.columns[-1] = (self.columns[-1][0], text)
            elif tag == "th":
                self.rows[-1]["header"] = text
            else:
                self.rows[-1]["cells"].append(text)
            self._cell = None
        elif tag == "table":
            self._in["table"] = False

    def handle_data(self, data):
        if self._in["caption"]:
            self.caption["text"] += data
        if self._cell is not None:
            self._cell.append(data)


def read(path: Path) -> MatrixReader:
    reader = MatrixReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def built(site: Path, lang: str, slug: str) -> Path:
    return site / LANG_PREFIX[lang] / slug / "index.html"


def unresolved(site: Path, page: Path, hrefs: list[str]) -> list[str]:
    broken = []
    for href in hrefs:
        target, fragment = resolve(site, page, href)
        if target is None:
            continue
        if not target.is_file():
            broken.append(f"{href} -> missing {target}")
        elif fragment and fragment not in parse(target).ids:
            broken.append(f"{href} -> no #{fragment} in {target.relative_to(site)}")
    return broken


# --- the data ----------------------------------------------------------------------------
def test_the_data_file_is_valid_and_every_strength_and_weakness_has_a_row(matrix):
    keys = [c.key for c in matrix.criteria]
    assert ARTICLE_ROWS <= set(keys), f"rows missing: {ARTICLE_ROWS - set(keys)}"
    assert list(matrix.frameworks) == FRAMEWORKS
    assert (matrix.min, matrix.max) == (1, 5)
    for c in matrix.criteria:
        assert set(c.cells) == set(matrix.frameworks)


def test_every_cell_has_a_current_rating_with_its_source_and_date(matrix):
    for c in matrix.criteria:
        for fw, cell in c.cells.items():
            cur = cell.current
            assert cur is not None, (c.key, fw)
            assert cur.sources and isinstance(cur.checked, datetime.date), (c.key, fw)
            assert cur.reason["ko"] and cur.reason["en"], (c.key, fw)
            assert cur.rating is None or cur.rating == NOT_APPLICABLE or 1 <= cur.rating <= 5
    # the article does not cover JAX: that column has current ratings only
    assert matrix.frameworks["jax"]["article"] is False
    for c in matrix.criteria:
        jax = c.cells["jax"]
        assert not jax.article and jax.rating is None and not jax.note and not jax.update


def test_not_applicable_is_distinct_from_not_rated(matrix):
    rows = {c.key: c for c in matrix.criteria}
    for fw in ("tensorflow", "pytorch", "jax"):
        assert rows["multi-backend"].cells[fw].current.rating == NOT_APPLICABLE, fw
    assert rows["training-speed"].cells["pytorch"].current.rating is None  # no general answer
    assert matrix.words[NOT_APPLICABLE] != matrix.words[None]


def test_cells_the_sourced_pages_settle_have_a_current_rating(matrix):
    """Issue #17: GPU use, TensorBoard, deployment, large scale and the rest get a rating."""
    rows = {c.key: c for c in matrix.criteria}
    for key in ("gpu", "tensorboard", "deployment", "large-scale", "community", "research"):
        for fw in ("tensorflow", "pytorch"):
            assert isinstance(rows[key].cells[fw].current.rating, int), (key, fw)
    # the Keras multi-backend claim is true again with Keras 3: not dated, and rated highly
    keras = rows["multi-backend"].cells["keras"]
    assert not keras.dated and keras.current.rating == 5


@pytest.mark.parametrize(
    "key, framework, note",
    [
        ("training-speed", "pytorch", "pytorch.md#update-training-speed"),
        ("training-speed", "tensorflow", "pytorch.md#update-training-speed"),
        ("community", "pytorch", "pytorch.md#update-community"),
        ("community", "tensorflow", "pytorch.md#update-community"),
    ],
)
def test_dated_claims_are_marked_and_link_their_update_note(matrix, key, framework, note):
    [criterion] = [c for c in matrix.criteria if c.key == key]
    cell = criterion.cells[framework]
    assert cell.dated
    assert f"{cell.update.doc}#{cell.update.anchor}" == note


# --- the rendered matrix -----------------------------------------------------------------
def test_matrix_renders_in_both_languages_with_the_same_rows_and_columns(built_site, matrix):
    tables = {lang: read(built(built_site, lang, "compare")) for lang in LANG_PREFIX}
    expected_ids = [f"criterion-{c.key}" for c in matrix.criteria]
    names = [f["name"] for f in matrix.frameworks.values()]
    for lang, t in tables.items():
        assert t.region.get("role") == "region" and t.region.get("tabindex") == "0", lang
        assert t.region.get("aria-labelledby") == t.caption["id"] == "matrix-caption", lang
        assert len(t.caption["text"].strip()) > 40, f"{lang}: caption {t.caption['text']!r}"
        assert [s for s, _ in t.columns] == ["col"] * (1 + len(names)), lang
        assert [text for _, text in t.columns][1:] == names, lang
        assert [r["id"] for r in t.rows] == expected_ids, lang
        assert all(r["scope"] == "row" for r in t.rows), lang
        now, article = {
            "ko": ("지금:", "원문(2019년 무렵)"),
            "en": ("Now:", "The article (around"),
        }[lang]
        for row, criterion in zip(t.rows, matrix.criteria, strict=True):
            assert row["header"].startswith(criterion.title[lang]), (lang, row["header"])
            assert len(row["cells"]) == len(names), (lang, row["id"])
            for text, (fw, cell) in zip(row["cells"], criterion.cells.items(), strict=True):
                where = (lang, row["id"], fw, text)
                assert text.startswith(matrix.frameworks[fw]["name"]), where
                # what holds now comes first, with its reason and the date it was checked
                cur = cell.current
                shown = f"{cur.rating}/{matrix.max}" if isinstance(cur.rating, int) else "–"
                assert text.index(now) < text.index(article), where
                assert shown in text and matrix.words[cur.rating][lang] in text, where
                assert cur.reason[lang].replace("`", "") in text, where
                assert CHECKED in text, where
                if cell.article:  # then the article's view, as before
                    word = matrix.words[cell.rating][lang]
                    shown = f"{cell.rating}/{matrix.max}" if cell.rating else "–"
                    assert shown in text and word in text, where
                    assert cell.note[lang].replace("`", "") in text, where
                else:
                    assert "JAX" in text.split(article, 1)[1], where
    ko, en = tables["ko"], tables["en"]
    assert ko.caption["text"] != en.caption["text"]
    assert not HANGUL.search(" ".join(r["header"] + " ".join(r["cells"]) for r in en.rows))
    assert HANGUL.search(ko.rows[0]["header"])


def test_ratings_are_text_with_decoration_hidden_from_screen_readers(built_site):
    html = built(built_site, "ko", "compare").read_text(encoding="utf-8")
    dots = re.findall(r'<span class="matrix-dots"([^>]*)>', html)
    assert dots and all('aria-hidden="true"' in d for d in dots)
    assert "5점 만점에 2점," in html and "<strong>" in html
    en = built(built_site, "en", "compare").read_text(encoding="utf-8")
    assert "2 out of 5," in en


def test_every_link_of_the_matrix_resolves(built_site, matrix):
    for lang in LANG_PREFIX:
        page = built(built_site, lang, "compare")
        links = read(page).table_links
        # a header link per framework, a row link and a source per row, cell links
        assert len(links) >= len(matrix.frameworks) + 2 * len(matrix.criteria)
        assert unresolved(built_site, page, links) == []
        rows = [h for h in links if h.startswith("#criterion-")]
        assert len(rows) == len(matrix.criteria)


def test_dated_cells_say_so_in_the_page_and_link_the_note(built_site):
    for lang, words in (("ko", "2019년 무렵"), ("en", "as of around 2019")):
        t = read(built(built_site, lang, "compare"))
        [row] = [r for r in t.rows if r["id"] == "criterion-training-speed"]
        pytorch_cell = row["cells"][2]
        assert words in pytorch_cell, pytorch_cell
    html = built(built_site, "en", "compare").read_text(encoding="utf-8")
    row = html[html.index('id="criterion-training-speed"') :]
    row = row[: row.index("</tr>")]
    assert 'href="../pytorch/#update-training-speed"' in row


@pytest.mark.parametrize("lang", LANG_PREFIX)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_framework_pages_show_their_column_from_the_data(built_site, matrix, framework, lang):
    """Strengths and weaknesses come from the current ratings, not from the article's."""
    page = built(built_site, lang, framework)
    text = page.read_text(encoding="utf-8")
    assert "pros-cons:" not in text, f"{page}: a marker was left in the page"
    summary = read(page)
    rating = {c.key: c.cells[framework].current.rating for c in matrix.criteria}
    number = {k: r for k, r in rating.items() if isinstance(r, int)}
    expected = {
        "strengths": {k for k, r in number.items() if r >= 4},
        "weaknesses": {k for k, r in number.items() if r <= 2},
        "moderate": {k for k, r in number.items() if r == 3},
    }
    got = {
        g: {h.rsplit("#criterion-", 1)[1] for h in hrefs}
        for g, hrefs in summary.summary_groups.items()
    }
    assert got == {g: keys for g, keys in expected.items() if keys}, page
    assert expected["strengths"]
    # the criteria it does not rate are named too, so every row is one click away
    row_links = {h.rsplit("#criterion-", 1)[1] for h in summary.summary_links if "#criterion-" in h}
    assert row_links == set(rating)
    assert unresolved(built_site, page, summary.summary_links) == []
    if lang == "en":
        body = text[text.index('class="pros-cons-summary"') :]
        body = body[: body.index("</div>")]
        assert not HANGUL.search(re.sub(r"<[^>]+>", "", body)), "Korean in the English summary"


# --- the decision guide ------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_decision_guide_answers_each_scenario_with_matrix_rows_and_code(built_site, lang):
    page = built(built_site, lang, "choose")
    guide = read(page)
    ids = [i for _, i, _ in parse(page).headings]
    assert [i for i in ids if i in SCENARIOS] == SCENARIOS
    assert [i for i in ids if i in NOW_SCENARIOS] == NOW_SCENARIOS
    # the article's view first, labeled as such; then this site's answers for 2026
    assert ids.index("article-view") < ids.index(SCENARIOS[0])
    assert ids.index(SCENARIOS[-1]) < ids.index("choosing-in-2026") < ids.index(NOW_SCENARIOS[0])
    for scenario in SCENARIOS + NOW_SCENARIOS:
        links = guide.section_links[scenario]
        rows = [h for h in links if "compare/#criterion-" in h]
        code = [h for h in links if re.search(r"(^|/)code/", h)]
        assert len(rows) >= 3, f"{lang} #{scenario}: links only rows {rows}"
        assert code, f"{lang} #{scenario}: no link to a code task"
        assert unresolved(built_site, page, links) == [], f"{lang} #{scenario}"
    for scenario in NOW_SCENARIOS:  # dated and sourced
        links = guide.section_links[scenario]
        assert [h for h in links if h.startswith("https://")], f"{lang} #{scenario}: no source"
    text = page.read_text(encoding="utf-8")
    for scenario in NOW_SCENARIOS:
        start = text.index(f'id="{scenario}"')
        following = [
            text.find(f'id="{s}"', start + 1) for s in [*NOW_SCENARIOS, "korean-resources"]
        ]
        end = min(i for i in following if i > start)
        assert CHECKED in text[start:end], f"{lang} #{scenario}: no date"


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_decision_guide_no_longer_promises_to_add_nothing(built_site, lang):
    text = parse(built(built_site, lang, "choose")).text
    for stale in (
        "덧붙이지 않았습니다",
        "nothing is added",
        "가장 쉽다고 소개하는",
        "presents as the easiest",
    ):
        assert stale not in text, f"{lang}: {stale!r} is still on the decision guide"


# --- in a browser: a phone, the dark scheme, axe on the table ---------------------------
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme, width", [("light", 375), ("dark", 375), ("dark", 1280)])
def test_matrix_reads_on_a_phone_and_in_dark_mode(browser, site_server, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, f"{site_server}/compare/#matrix", wait_until="load")
        assert (
            page.locator("body").get_attribute("data-md-color-scheme")
            == {"light": "default", "dark": "slate"}[scheme]
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        region = page.locator(".pros-cons-matrix")
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        fits = page.evaluate(
            "(el) => el.scrollWidth <= el.clientWidth + 1", region.element_handle()
        )
        row_header = page.locator("#criterion-gpu th").bounding_box()
        names = page.locator("#criterion-gpu .matrix-framework").first
        if width < 600:  # stacked: the criterion spans the card, each cell names its framework
            assert fits, "the table overflows its box on a phone"
            assert row_header["width"] > 0.8 * box["width"]
            assert names.is_visible()
        else:
            assert not names.is_visible()
        page.keyboard.press("Tab")
        focusable = page.evaluate(
            "(el) => { el.focus(); return document.activeElement === el }", region.element_handle()
        )
        assert focusable, "the scroll region cannot take keyboard focus"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(
            {include: [[".pros-cons-matrix"], [".matrix-scale"]]},
            {resultTypes: ["violations"]})).violations.map(
            v => `${v.id}: ${v.nodes.map(n => n.target.join(" ") + " " + n.failureSummary)
                                   .slice(0, 3).join(" | ")}`)""")
        assert violations == [], "\n".join(violations)
    finally:
        context.close()


# --- validation: broken copies of the data file ------------------------------------------
TEXT = DATA.read_text(encoding="utf-8")


def problems_for(tmp_path: Path, old: str, new: str, docs: Path = DOCS) -> tuple[list[str], int]:
    """Load a copy of the data with the first `old` replaced by `new`; return the problems and
    the 1-based line where the replacement starts."""
    assert old in TEXT, f"test fixture out of date: {old!r} not in {DATA_FILE}"
    text = TEXT.replace(old, new, 1)
    line = TEXT[: TEXT.index(old)].count("\n") + 1
    broken = tmp_path / "matrix.yml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(MatrixError) as caught:
        load_matrix(broken, docs)
    return caught.value.problems, line


def only(problems: list[str], needle: str) -> str:
    found = [p for p in problems if needle in p]
    assert len(found) == 1, f"expected one problem with {needle!r}, got:\n" + "\n".join(problems)
    return found[0]


FIRST_KERAS_CELL = "      keras:\n        rating: 4\n        source: keras.md#overview\n"


def test_yaml_syntax_error_names_the_line(tmp_path):
    problems, line = problems_for(
        tmp_path, "        source: keras.md#overview\n", "        source: keras.md#overview: oops\n"
    )
    [problem] = problems
    assert problem.startswith(f"{DATA_FILE}:{line}: YAML syntax error: ")
    assert "mapping values are not allowed here" in problem and "Fix the line" in problem


def test_unknown_framework_names_line_and_key(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_KERAS_CELL, FIRST_KERAS_CELL.replace("keras:", "mxnet:")
    )
    problem = only(problems, "unknown framework")
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[0].cells.mxnet: unknown "
        "framework 'mxnet'. Known: tensorflow, keras, pytorch."
    )
    assert "JAX ('jax') is known too, with current ratings only." in problem
    missing = only(problems, "no cell for keras")
    assert "criteria[0].cells.keras:" in missing and "rating: null" in missing


def test_missing_translation_names_line_and_key(tmp_path):
    old = (
        "          ko: 원문은 딥러닝 초급자도 손쉽게 모델을 개발하고 활용할 수 있는 직관적인 API라고 "
        "소개합니다.\n          en: The article introduces its API as intuitive enough for "
        "deep-learning beginners to build and use models easily.\n"
    )
    new = old.split("\n")[0] + "\n"
    problems, line = problems_for(tmp_path, old, new)
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[0].cells.keras.note.en: missing English translation."
    )


def test_empty_translation_is_refused(tmp_path):
    problems, line = problems_for(
        tmp_path, "title: {ko: 모듈성, en: Modularity}", "title: {ko: 모듈성, en: ''}"
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[6].title.en: the English text is empty."
    )


def test_rating_out_of_range_names_line_and_key(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_KERAS_CELL, FIRST_KERAS_CELL.replace("rating: 4", "rating: 6")
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line + 1}: criteria[0].cells.keras.rating: 6 is out "
        "of range 1–5. Use a whole number from 1 to 5"
    )


def test_rating_that_is_not_a_number_is_refused(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_KERAS_CELL, FIRST_KERAS_CELL.replace("rating: 4", "rating: high")
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line + 1}: criteria[0].cells.keras.rating: 'high' is not a whole number."
    )


def test_duplicate_criterion_names_both_lines(tmp_path):
    first = TEXT[: TEXT.index("  - key: training-speed")].count("\n") + 1
    problems, line = problems_for(tmp_path, "  - key: gpu\n", "  - key: training-speed\n")
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[14].key: duplicate criterion "
        f"'training-speed': criteria[11] (line {first}) has the same key."
    )


def test_duplicate_yaml_key_is_not_silently_dropped(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_KERAS_CELL, FIRST_KERAS_CELL + "        rating: 3\n"
    )
    [problem] = problems
    assert problem.startswith(f"{DATA_FILE}:{line + 3}: key 'rating' appears twice")


def test_link_to_a_missing_page_names_line_and_key(tmp_path):
    problems, line = problems_for(
        tmp_path,
        "    source: tensorflow.md#tensorboard\n",
        "    source: tensorboard.md#tensorboard\n",
    )
    assert len(problems) == 2  # the Korean page and its English twin
    assert problems[0].startswith(
        f"{DATA_FILE}:{line}: criteria[15].source: "
        "'tensorboard.md#tensorboard' links to a missing page: "
        "docs/tensorboard.md does not exist."
    )
    assert "docs/tensorboard.en.md does not exist" in problems[1]


def test_link_to_a_missing_anchor_names_line_and_key(tmp_path):
    problems, line = problems_for(
        tmp_path,
        "    source: tensorflow.md#tensorboard\n",
        "    source: tensorflow.md#tensorbord\n",
    )
    problem = problems[0]
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[15].source: "
        "'tensorflow.md#tensorbord' links to a missing anchor: "
        "docs/tensorflow.md has no heading '{#tensorbord}'"
    )
    assert "#tensorboard" not in problem.split("Use one of its ids")[0]
    assert "tensorboard" in problem.split("Use one of its ids")[1]


def test_anchor_missing_from_the_english_twin_only(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    en = docs / "pytorch.en.md"
    en.write_text(
        en.read_text(encoding="utf-8").replace('id="update-community"', 'id="x"'), encoding="utf-8"
    )
    broken = tmp_path / "matrix.yml"
    broken.write_text(TEXT, encoding="utf-8")
    with pytest.raises(MatrixError) as caught:
        load_matrix(broken, docs)
    problems = caught.value.problems
    assert problems and all(
        "docs/pytorch.en.md has no heading '{#update-community}'" in p for p in problems
    )
    lines = [n for n, text in enumerate(TEXT.splitlines(), 1) if "#update-community" in text]
    assert [int(p.split(":")[1]) for p in problems] == lines


def test_dated_claim_without_its_update_note_is_refused(tmp_path):
    old = (
        "        dated: true\n        source: tensorflow.md#weaknesses\n"
        "        update: tensorflow.md#update-tf2-eager\n"
    )
    problems, line = problems_for(
        tmp_path, old, old.replace("        update: tensorflow.md#update-tf2-eager\n", "")
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[0].cells.tensorflow.dated: a dated "
        "claim must link the update note"
    )


def test_misspelt_key_is_named(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_KERAS_CELL, FIRST_KERAS_CELL.replace("rating:", "ratng:")
    )
    assert only(problems, "ratng").startswith(
        f"{DATA_FILE}:{line + 1}: criteria[0].cells.keras.ratng: unknown key."
    )
    assert only(problems, ".rating:").startswith(
        f"{DATA_FILE}:{line + 1}: criteria[0].cells.keras.rating: missing."
    )


# current ratings: a source and a date are required; the JAX column has no article rating.
# A missing key is reported on the first line of the mapping that lacks it (as elsewhere).
FIRST_CURRENT = (
    "        current:\n"
    "          rating: 4\n"
    "          reason:\n"
    "            ko: 즉시 실행이 기본이고"
)  # the TensorFlow cell of criteria[0]
FIRST_CURRENT_SOURCE = (
    "          source: https://blog.tensorflow.org/2019/09/tensorflow-20-is-now-available.html\n"
)
FIRST_JAX_CELL = "      jax:\n        current:\n          rating: 2\n"


def line_of(text: str) -> int:
    assert text in TEXT, f"test fixture out of date: {text!r} not in {DATA_FILE}"
    return TEXT[: TEXT.index(text)].count("\n") + 1


def test_current_rating_without_a_source_is_refused(tmp_path):
    problems, _ = problems_for(tmp_path, FIRST_CURRENT_SOURCE, "")
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line_of(FIRST_CURRENT) + 1}: criteria[0].cells.tensorflow.current.source: "
        "missing. Add 'source:'"
    ), problem
    assert "a current rating needs its source" in problem


def test_current_rating_without_a_date_is_refused(tmp_path):
    checked = FIRST_CURRENT_SOURCE + "          checked: 2026-12-02\n"
    problems, _ = problems_for(tmp_path, checked, FIRST_CURRENT_SOURCE)
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line_of(FIRST_CURRENT) + 1}: criteria[0].cells.tensorflow.current.checked: "
        "missing. Add 'checked:'"
    ), problem
    assert "the date it was checked" in problem


def test_current_rating_with_a_date_that_is_not_a_date_is_refused(tmp_path):
    checked = FIRST_CURRENT_SOURCE + "          checked: 2026-12-02\n"
    problems, line = problems_for(
        tmp_path, checked, FIRST_CURRENT_SOURCE + "          checked: last week\n"
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line + 1}: criteria[0].cells.tensorflow.current.checked: "
        "'last week' is not a date."
    ), problem


def test_current_source_that_is_neither_a_page_nor_a_web_address_is_refused(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_CURRENT_SOURCE, "          source: ftp:/blog.tensorflow.org\n"
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line}: criteria[0].cells.tensorflow.current.source: "
        "'ftp:/blog.tensorflow.org' is not a web address."
    ), problem


def test_current_rating_out_of_range_is_refused(tmp_path):
    problems, _ = problems_for(
        tmp_path, FIRST_CURRENT, FIRST_CURRENT.replace("rating: 4", "rating: 9")
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line_of(FIRST_CURRENT) + 1}: criteria[0].cells.tensorflow.current.rating: "
        "9 is not a current rating. Use a whole number from 1 to 5, n/a"
    ), problem


def test_cell_without_a_current_rating_is_refused(tmp_path):
    start = TEXT.index(FIRST_CURRENT)
    end = TEXT.index("      keras:\n", start)
    problems, _ = problems_for(tmp_path, TEXT[start:end], "")
    [problem] = problems
    cell = line_of("      tensorflow:\n        rating: 2\n") + 1  # the cell's first key
    assert problem.startswith(
        f"{DATA_FILE}:{cell}: criteria[0].cells.tensorflow.current: missing. Add 'current:'"
    ), problem


def test_article_rating_in_the_jax_column_is_refused(tmp_path):
    problems, line = problems_for(
        tmp_path, FIRST_JAX_CELL, "      jax:\n        rating: 3\n" + FIRST_JAX_CELL[11:]
    )
    [problem] = problems
    assert problem.startswith(
        f"{DATA_FILE}:{line + 1}: criteria[0].cells.jax.rating: the article does not cover JAX, "
        "so this column holds no article rating or note."
    ), problem


def test_article_note_in_the_jax_column_is_refused(tmp_path):
    note = "        note: {ko: 원문은 JAX를 칭찬합니다., en: The article praises JAX.}\n"
    problems, line = problems_for(
        tmp_path, FIRST_JAX_CELL, "      jax:\n" + note + FIRST_JAX_CELL[11:]
    )
    [problem] = problems
    assert problem.startswith(f"{DATA_FILE}:{line + 1}: criteria[0].cells.jax.note: "), problem


# --- the framework pages: where the article disagrees ------------------------------------
@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_summary_says_where_the_article_disagrees_and_links_its_note(built_site, lang):
    html = built(built_site, lang, "pytorch").read_text(encoding="utf-8")
    body = html[html.index('class="pros-cons-summary"') :]
    body = body[: body.index("</div>")]
    item = body[body.index('href="../compare/#criterion-community"') :]
    item = item[: item.index("</li>")]
    words = {
        "ko": "원문(2019년 무렵)의 평가는 다릅니다",
        "en": "The article (around 2019) rates it",
    }
    assert words[lang] in item and '#update-community"' in item, item
    assert "2/5" in item and "5/5" in item, item  # the article's 2 beside the current 5


# --- markers on the pages ----------------------------------------------------------------
def fake_url(link: Link) -> str:
    return link.doc + (f"#{link.anchor}" if link.anchor else "")


def test_framework_page_without_its_marker_is_an_error_naming_the_page(matrix):
    text = (DOCS / "keras.en.md").read_text(encoding="utf-8")
    assert "<!-- pros-cons: keras -->" in text
    with pytest.raises(MatrixError) as caught:
        expand_markers(
            text.replace("<!-- pros-cons: keras -->", ""), "keras.en.md", "en", matrix, fake_url
        )
    [problem] = caught.value.problems
    assert problem.startswith(
        "docs/keras.en.md:1: the framework page of Keras has no '<!-- pros-cons: keras -->' marker."
    )


def test_unknown_marker_is_an_error_naming_page_and_line(matrix):
    text = "# T {#t}\n\nText.\n\n<!-- pros-cons: mxnet -->\n"
    with pytest.raises(MatrixError) as caught:
        expand_markers(text, "glossary.md", "ko", matrix, fake_url)
    assert caught.value.problems[0].startswith("docs/glossary.md:5: unknown marker")


def test_comparison_page_without_the_matrix_marker_is_an_error(matrix):
    with pytest.raises(MatrixError, match=r"docs/compare.en.md:1: the comparison page has no"):
        expand_markers("# C {#compare}\n", "compare.en.md", "en", matrix, fake_url)


def test_marker_expands_to_the_column_in_the_pages_language(matrix):
    out = expand_markers("x\n\n<!-- pros-cons: pytorch -->\n", "pytorch.md", "ko", matrix, fake_url)
    assert "pros-cons:" not in out
    assert 'href="compare.md#criterion-dynamic-graphs"' in out and "강점" in out


# --- one full build with a broken data file ----------------------------------------------
def test_a_broken_data_file_stops_the_build(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("docs", "hooks", "overrides", "snippets", "data"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, project / folder)
    text = TEXT.replace(FIRST_KERAS_CELL, FIRST_KERAS_CELL.replace("rating: 4", "rating: 6"), 1)
    line = text[: text.index("rating: 6")].count("\n") + 1
    (project / DATA_FILE).write_text(text, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0, result.log
    assert (
        f"{DATA_FILE}:{line}: criteria[0].cells.keras.rating: 6 is out of range 1–5" in result.log
    ), result.log
    assert not (tmp_path / "site" / "compare" / "index.html").exists()
