"""Links that blogs and messengers can rely on: absolute canonical and hreflang URLs, Open
Graph and Twitter/X cards with a 1200×630 preview image per page and language, one sitemap
per language, robots.txt, stable heading and tab ids, and a bilingual 404 page that keeps
its styles at any depth, also when the site lives under a sub-path."""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hooks.i18n_checks import split_front_matter
from tests.conftest import ROOT, html_pages, open_page, run_build
from tests.html_tools import HANGUL, page_url, parse, twin_pages
from tools.site_server import SiteServer

OG_LOCALES = {"ko": "ko_KR", "en": "en_US"}
PREFIX = {"ko": "", "en": "en/"}
READABLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
SUB_PATH_URL = "https://example.org/guide/"


# --- helpers ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def mkdocs_config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def site_url(mkdocs_config) -> str:
    """The site_url the test build used (env SITE_URL, else mkdocs.yml's default)."""
    url = mkdocs_config.site_url
    return url if url.endswith("/") else url + "/"


def content_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.name != "404.html"]


def language(site: Path, file: Path) -> str:
    return "en" if file.relative_to(site).parts[0] == "en" else "ko"


def source_of(site: Path, file: Path) -> Path:
    """The Markdown file a built page comes from: site/en/keras/index.html -> docs/keras.en.md."""
    lang = language(site, file)
    path = page_url(site, file).lstrip("/")[len(PREFIX[lang]) :].strip("/")
    suffix = ".en.md" if lang == "en" else ".md"
    stem = path or "index"
    for candidate in (f"{stem}{suffix}", f"{stem}/index{suffix}", f"{stem}/README{suffix}"):
        if (ROOT / "docs" / candidate).is_file():
            return ROOT / "docs" / candidate
    raise AssertionError(f"no source in docs/ for {file.relative_to(site)}")


def file_for(site: Path, site_url: str, url: str) -> Path | None:
    """The built file an absolute URL of this site points at, or None if it is elsewhere."""
    if not url.startswith(site_url):
        return None
    rel = url[len(site_url) :].split("#")[0]
    target = site / rel
    return target / "index.html" if rel.endswith("/") or rel == "" else target


def head_of(file: Path) -> str:
    text = file.read_text(encoding="utf-8")
    return text[: text.index("</head>")]


def all_meta(file: Path) -> list[tuple[str, str]]:
    """(name or property, content) of every <meta> in the head, repeats kept."""
    out = []
    for tag in re.findall(r"<meta\b[^>]*>", head_of(file)):
        attrs = dict(re.findall(r'(\w[\w:-]*)="([^"]*)"', tag))
        key = attrs.get("property") or attrs.get("name")
        if key and "content" in attrs:
            out.append((key, html.unescape(attrs["content"])))
    return out


def title_of(file: Path) -> str:
    return html.unescape(re.search(r"<title>\s*(.*?)\s*</title>", head_of(file), re.S).group(1))


def hreflang_links(file: Path) -> dict[str, str]:
    links = [
        link
        for link in parse(file).head_links
        if link.get("rel") == "alternate" and link.get("hreflang")
    ]
    out = {}
    for link in links:
        assert link["hreflang"] not in out, f"{file}: two hreflang={link['hreflang']} links"
        out[link["hreflang"]] = link["href"]
    return out


def head_problems(site: Path, site_url: str) -> list[str]:
    """Everything wrong with the description, canonical, hreflang, Open Graph and Twitter
    tags of every page of a built site."""
    from PIL import Image

    problems = []
    images = set()
    for file in content_pages(site):
        where = str(file.relative_to(site))
        lang = language(site, file)
        meta = dict(all_meta(file))
        url = site_url + page_url(site, file).lstrip("/")
        front, _, _ = split_front_matter(source_of(site, file).read_text(encoding="utf-8"))
        description = str(front["description"]).strip()

        def expect(what, got, wanted, where=where):
            if got != wanted:
                problems.append(f"{where}: {what} is {got!r}, expected {wanted!r}")

        expect("meta description", meta.get("description"), description)
        canonical = [
            link["href"] for link in parse(file).head_links if link.get("rel") == "canonical"
        ]
        expect("canonical", canonical, [url])
        alternates = hreflang_links(file)
        expect("hreflang languages", sorted(alternates), sorted([*OG_LOCALES, "x-default"]))
        expect(f"hreflang={lang}", alternates.get(lang), url)
        for hreflang, href in alternates.items():
            target = file_for(site, site_url, href)
            if target is None or not target.is_file():
                problems.append(f"{where}: hreflang={hreflang} {href} is not a page of this site")
                continue
            twin_lang = "ko" if hreflang == "x-default" else hreflang
            expect(f"language of hreflang={hreflang} {href}", parse(target).lang, twin_lang)
            if (
                source_of(site, target).name.split(".")[0]
                != source_of(site, file).name.split(".")[0]
            ):
                problems.append(f"{where}: hreflang={hreflang} {href} is not this page's twin")
        expect("x-default", alternates.get("x-default"), alternates.get("ko"))

        home = page_url(site, file) == "/" + PREFIX[lang]
        site_name = meta.get("og:site_name", "")
        expect("og:type", meta.get("og:type"), "website" if home else "article")
        expect("og:url", meta.get("og:url"), url)
        expect("og:description", meta.get("og:description"), description)
        expect("og:locale", meta.get("og:locale"), OG_LOCALES[lang])
        expect(
            "og:locale:alternate",
            [v for k, v in all_meta(file) if k == "og:locale:alternate"],
            [v for k, v in OG_LOCALES.items() if k != lang],
        )
        og_title = meta.get("og:title", "")
        title = title_of(file)
        expect("og:title", og_title, site_name if home else title.removesuffix(f" - {site_name}"))
        if not og_title or not title.endswith(site_name):
            problems.append(f"{where}: og:title {og_title!r}, <title> {title!r}")
        expect("site name language", bool(HANGUL.search(site_name)), lang == "ko")
        expect("twitter:card", meta.get("twitter:card"), "summary_large_image")
        expect("twitter:title", meta.get("twitter:title"), og_title)
        expect("twitter:description", meta.get("twitter:description"), description)
        image = meta.get("og:image", "")
        expect("twitter:image", meta.get("twitter:image"), image)
        expect("og:image folder", image.startswith(f"{site_url}assets/cards/{lang}/"), True)
        target = file_for(site, site_url, image)
        if target is None or not target.is_file():
            problems.append(f"{where}: og:image {image!r} is not a file of the build")
            continue
        images.add(image)
        with Image.open(target) as card:
            expect(f"{image} format and size", (card.format, card.size), ("PNG", (1200, 630)))
        expect(
            "og:image:width/height",
            (meta.get("og:image:width"), meta.get("og:image:height")),
            ("1200", "630"),
        )
    if len(images) != len(content_pages(site)):
        problems.append(
            f"{len(content_pages(site))} pages share {len(images)} preview images: "
            "each page and language needs its own"
        )
    return problems


def sitemap_urls(file: Path) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} of a sitemap."""
    root = ET.parse(file).getroot()
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}urlset"
    out = {}
    for entry in root.findall("sm:url", SITEMAP_NS):
        loc = entry.find("sm:loc", SITEMAP_NS).text.strip()
        out[loc] = {
            link.get("hreflang"): link.get("href")
            for link in entry.findall("xhtml:link", SITEMAP_NS)
        }
    return out


def sitemap_problems(site: Path, site_url: str) -> list[str]:
    problems = []
    for lang in OG_LOCALES:
        sitemap = site / PREFIX[lang] / "sitemap.xml"
        if not sitemap.is_file():
            problems.append(f"no {sitemap.relative_to(site)}")
            continue
        urls = sitemap_urls(sitemap)
        pages = {
            site_url + page_url(site, p).lstrip("/"): p
            for p in content_pages(site)
            if language(site, p) == lang
        }
        if set(urls) != set(pages):
            problems.append(
                f"{sitemap.relative_to(site)} lists {sorted(urls)}, the build has "
                f"the {lang} pages {sorted(pages)}"
            )
        for loc, links in urls.items():
            if loc in pages and links != hreflang_links(pages[loc]):
                problems.append(
                    f"{sitemap.relative_to(site)}: alternates of {loc} are {links}, "
                    f"the page's head says {hreflang_links(pages[loc])}"
                )
    robots = (
        (site / "robots.txt").read_text(encoding="utf-8") if (site / "robots.txt").is_file() else ""
    )
    wanted = {f"{site_url}{PREFIX[lang]}sitemap.xml" for lang in OG_LOCALES}
    listed = set(re.findall(r"(?im)^Sitemap:\s*(\S+)\s*$", robots))
    if listed != wanted:
        problems.append(
            f"robots.txt names the sitemaps {sorted(listed)}, expected {sorted(wanted)}"
        )
    return problems


# --- every page, both languages --------------------------------------------------------
def test_every_page_has_description_canonical_hreflang_open_graph_and_card(built_site, site_url):
    assert len(content_pages(built_site)) >= 12
    assert head_problems(built_site, site_url) == []


def test_sitemaps_for_both_languages_and_robots_txt(built_site, site_url):
    assert sitemap_problems(built_site, site_url) == []
    assert not (built_site / "sitemap.xml.gz").exists(), "a stale sitemap.xml.gz of MkDocs"


def test_korean_and_english_cards_differ(built_site):
    ko = (built_site / "assets/cards/ko/index.png").read_bytes()
    en = (built_site / "assets/cards/en/index.png").read_bytes()
    assert ko != en


def test_every_h2_h3_and_tab_has_a_readable_id_equal_in_both_languages(built_site, pages):
    tab_input = re.compile(r'<input\b[^>]*\bname="__tabbed_\d+"[^>]*>')
    problems = []
    tabs_seen = 0
    for ko, en in twin_pages(built_site, pages):
        found = {}
        for lang, file in (("ko", ko), ("en", en)):
            heads = [(t, i) for t, i, _ in parse(file).headings if t in ("h2", "h3")]
            text = file.read_text(encoding="utf-8")
            tabs = [re.search(r'\bid="([^"]*)"', tag).group(1) for tag in tab_input.findall(text)]
            labels = re.findall(r'<label\b[^>]*\bfor="([^"]*)"', text)
            for tag, ident in heads:
                if not ident or not READABLE_ID.match(ident):
                    problems.append(f"{file.relative_to(built_site)}: <{tag}> id {ident!r}")
                elif f'href="#{ident}"' not in text:
                    problems.append(
                        f"{file.relative_to(built_site)}: <{tag} id={ident}> has no ¶ link"
                    )
            for ident in tabs:
                if not READABLE_ID.match(ident):
                    problems.append(
                        f"{file.relative_to(built_site)}: tab id {ident!r} is not "
                        "readable: put the tab group under a heading with an id"
                    )
                if ident not in labels:
                    problems.append(f"{file.relative_to(built_site)}: tab {ident} has no label")
            tabs_seen += len(tabs)
            found[lang] = ([i for _, i in heads], tabs)
        if found["ko"] != found["en"]:
            problems.append(f"{ko.relative_to(built_site)} and its twin differ: {found}")
    assert problems == []


def test_the_site_markdown_gives_tabs_the_heading_slug(mkdocs_config):
    """Tab groups under `## 훈련 루프 {#train-loop}` get ids like `train-loop-pytorch`, with
    the very Markdown configuration of mkdocs.yml."""
    import markdown

    md = markdown.Markdown(
        extensions=mkdocs_config["markdown_extensions"],
        extension_configs=mkdocs_config["mdx_configs"],
    )
    tabs = "\n\n".join(f'=== "{name}"\n\n    x' for name in ("TensorFlow", "Keras", "PyTorch"))
    out = md.convert(f"## 훈련 루프 {{#train-loop}}\n\n{tabs}\n")
    ids = re.findall(r'<input\b[^>]*\bid="([^"]+)"', out)
    assert ids == ["train-loop-tensorflow", "train-loop-keras", "train-loop-pytorch"]


# --- 404 -------------------------------------------------------------------------------
def test_one_bilingual_404_linking_both_homes(built_site):
    assert not (built_site / "en" / "404.html").exists()
    page = parse(built_site / "404.html")
    assert page.lang == "ko"
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "페이지를 찾을 수 없습니다" in text and "Page not found" in text
    assert re.search(r'<section lang="en"', text) and re.search(r'<section lang="ko"', text)
    hrefs = {url for tag, url, _ in page.links if tag == "a"}
    assert {"/", "/en/"} <= hrefs
    meta = dict(all_meta(built_site / "404.html"))
    assert meta.get("robots") == "noindex"
    assert not [link for link in page.head_links if link.get("rel") in ("canonical", "alternate")]


@pytest.mark.parametrize("path", ["/a/b/c/missing/", "/en/nope/", "/en/deep/er/x.html"])
def test_unknown_url_shows_the_styled_bilingual_404(page, site_server, path):
    response = page.goto(site_server + path, wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").first.inner_text().strip() == "404"
    assert page.get_by_text("페이지를 찾을 수 없습니다").is_visible()
    assert page.get_by_text("Page not found", exact=True).is_visible()
    # Material's stylesheet is loaded: the header is a coloured bar, not an unstyled block
    header = page.locator(".md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert (
        page.locator(".md-button--primary").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        != "rgba(0, 0, 0, 0)"
    )
    # the page's own 404 is expected; any other failed request (a stylesheet, a script) is not
    failed = [f for f in page.problems.failed if not f.startswith(site_server + path)]
    errors = [e for e in page.problems.errors if "status of 404" not in e]
    assert failed == [] and errors == []
    page.get_by_role("link", name="Go to the English home page").click()
    page.wait_for_url(site_server + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"


# --- deep links and permalinks in Chromium ---------------------------------------------
def last_heading_id(file: Path) -> str:
    ids = [i for t, i, _ in parse(file).headings if t in ("h2", "h3") and i]
    return ids[-1] if ids else ""


def test_fragment_links_open_the_heading_in_both_languages(page, site_server, built_site, pages):
    checked = 0
    for ko, en in twin_pages(built_site, pages):
        ident = last_heading_id(ko)
        if not ident:
            continue
        for file in (ko, en):
            url = f"{site_server}{page_url(built_site, file)}#{ident}"
            open_page(page, url, wait_until="load")
            page.wait_for_timeout(100)
            state = page.evaluate(
                """id => {
                const target = document.querySelector(':target');
                const heading = document.getElementById(id);
                const box = heading.getBoundingClientRect();
                const header = document.querySelector('.md-header').getBoundingClientRect();
                return {target: target && target.id, top: box.top, bottom: box.bottom,
                        header: header.bottom, height: innerHeight, scrolled: scrollY};
            }""",
                ident,
            )
            where = f"{url}: {state}"
            assert state["target"] == ident, where
            assert state["top"] >= state["header"] - 1, f"heading hidden under the header: {where}"
            assert state["bottom"] <= state["height"], f"heading below the viewport: {where}"
            checked += 1
    assert checked >= 12
    assert page.problems.errors == []


def test_tab_links_open_that_tab_in_both_languages(page, site_server, built_site, pages):
    """`#train-loop-pytorch` opens the page with the PyTorch tab of that group selected."""
    checked = 0
    for ko, en in twin_pages(built_site, pages):
        ids = re.findall(
            r'<input\b[^>]*\bid="([^"]+)"[^>]*\bname="__tabbed_1"', ko.read_text(encoding="utf-8")
        )
        if len(ids) < 2:
            continue
        ident = ids[-1]  # not the tab selected by default
        for file in (ko, en):
            url = f"{site_server}{page_url(built_site, file)}#{ident}"
            open_page(page, url, wait_until="load")
            page.wait_for_timeout(150)
            tab = page.locator(f"#{ident}")
            assert tab.is_checked(), url
            box = tab.locator("xpath=..").bounding_box()
            assert box and 0 <= box["y"] < page.viewport_size["height"], f"{url}: {box}"
            checked += 1
    assert checked >= 2, "no page with framework tabs in the build"
    assert page.problems.errors == []


def test_permalink_shows_on_hover_and_on_keyboard_focus(page, site_server):
    for path in ("/keras/", "/en/keras/"):
        open_page(page, site_server + path, wait_until="load")
        heading = page.locator("article h2").first
        link = heading.locator(".headerlink")
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        opacity = "e => getComputedStyle(e).opacity"
        assert link.evaluate(opacity) == "0"
        heading.hover()
        page.wait_for_timeout(300)
        assert link.evaluate(opacity) == "1"
        page.mouse.move(0, 0)
        page.keyboard.press("Tab")  # keyboard modality, as a reader tabbing through the page
        link.focus()
        page.wait_for_timeout(300)
        assert link.evaluate("e => e.matches(':focus-visible')")
        assert link.evaluate(opacity) == "1"
        assert link.evaluate("e => getComputedStyle(e).outlineStyle") != "none"


# --- a site under a sub-path (GitHub Pages project site) -------------------------------
@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    result = run_build(
        ROOT, tmp_path_factory.mktemp("guide") / "site", env={"SITE_URL": SUB_PATH_URL}
    )
    assert result.returncode == 0, result.log
    return result.site


def test_sub_path_build_puts_every_absolute_url_under_the_prefix(sub_path_site):
    assert head_problems(sub_path_site, SUB_PATH_URL) == []
    assert sitemap_problems(sub_path_site, SUB_PATH_URL) == []
    keras = dict(all_meta(sub_path_site / "en" / "keras" / "index.html"))
    assert keras["og:url"] == "https://example.org/guide/en/keras/"
    assert keras["og:image"] == "https://example.org/guide/assets/cards/en/keras.png"


def test_sub_path_404_uses_absolute_urls_under_the_prefix(sub_path_site):
    page = parse(sub_path_site / "404.html")
    local = [
        url
        for _, url, _ in page.links
        if not urlsplit(url).scheme and not url.startswith(("#", "javascript:", "mailto:"))
    ]
    assert local and all(url.startswith("/guide/") for url in local), local
    assert {"/guide/", "/guide/en/"} <= set(local)


def test_sub_path_404_is_styled_at_any_depth(sub_path_site, tmp_path, browser):
    # GitHub Pages serves a project site at /<repo>/ and answers every missing path under it
    # with <repo>/404.html; here the server root holds guide/ -> the site, and its 404.html.
    root = tmp_path / "pages"
    shutil.copytree(sub_path_site, root / "guide")
    shutil.copyfile(sub_path_site / "404.html", root / "404.html")
    from tests.conftest import PageProblems

    with SiteServer(root) as base:
        context = browser.new_context()
        page = context.new_page()
        problems = PageProblems(page, base)
        for path in ("/guide/a/b/c/d/missing/", "/guide/en/nope/"):
            response = page.goto(base + path, wait_until="networkidle")
            assert response.status == 404
            assert (
                page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
            )
            assert page.get_by_text("Page not found", exact=True).is_visible()
        context.close()
    failed = [f for f in problems.failed if "/missing/ ->" not in f and "/nope/ ->" not in f]
    errors = [e for e in problems.errors if "status of 404" not in e]
    assert failed == [] and errors == [] and problems.external == []


# --- the preview-card font -------------------------------------------------------------
def test_missing_font_stops_the_card_generator_with_the_install_hint():
    from mkdocs.exceptions import PluginError

    from hooks import social_cards

    with pytest.raises(PluginError) as error:
        social_cards.load_fonts(serve=False, env={"CARDS_FONT": "/nonexistent/NoFont.ttc"})
    message = str(error.value)
    assert "apt-get install fonts-noto-cjk" in message and "CARDS_FONT" in message
    assert "/nonexistent/NoFont.ttc" in message


def test_a_font_without_hangul_is_refused(tmp_path):
    from hooks import social_cards

    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        latin = next(Path("/usr/share/fonts").rglob("*.ttf"))
    with pytest.raises(social_cards.FontMissing, match="no Hangul"):
        social_cards.find_fonts({"CARDS_FONT": str(latin)})


def test_missing_font_in_serve_mode_warns_and_draws_no_cards(caplog):
    from hooks import social_cards

    logger = social_cards.serve_log
    logger.addHandler(caplog.handler)
    try:
        fonts = social_cards.load_fonts(serve=True, env={"CARDS_FONT": "/nonexistent/x.ttc"})
    finally:
        logger.removeHandler(caplog.handler)
    assert fonts is None
    [record] = caplog.records
    assert record.levelname == "WARNING" and "fonts-noto-cjk" in record.getMessage()


def test_build_without_the_font_fails_with_the_install_hint(tmp_path):
    result = run_build(ROOT, tmp_path / "site", env={"CARDS_FONT": "/nonexistent/NoFont.ttc"})
    assert result.returncode != 0
    assert "apt-get install fonts-noto-cjk" in result.log and "CARDS_FONT" in result.log


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_without_the_font_warns_and_serves_pages_without_cards(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items()}
    env.update(
        {
            "CARDS_FONT": "/nonexistent/NoFont.ttc",
            "I18N_FALLBACK": "true",
            "NO_MKDOCS_2_WARNING": "1",
        }
    )
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--no-livereload",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                body = urllib.request.urlopen(base + "/keras/", timeout=5).read().decode()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(1)
        assert body is not None, log.read_text()
        assert 'property="og:url"' in body and 'property="og:image"' not in body
        assert '<meta name="twitter:card" content="summary">' in body
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(base + "/assets/cards/ko/keras.png", timeout=5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    output = log.read_text()
    assert "WARNING" in output and "preview cards skipped" in output
    assert "apt-get install fonts-noto-cjk" in output
