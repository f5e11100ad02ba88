"""Links that blogs and messengers can rely on.

For every page of every language this hook gives the theme (``overrides/partials/seo.html``)
what it needs for the Open Graph and Twitter/X tags, draws the page's preview card
(hooks/social_cards.py), and after the build:

* makes the ``<link rel="alternate" hreflang>`` links absolute and adds ``x-default`` (the
  Korean page). static-i18n writes them relative; search engines want absolute URLs. The
  language switcher keeps relative links (they also work on a local server, a mirror, a
  fork's Pages): on every page, the home pages included, where static-i18n leaves
  root-absolute ones (``/repo/en/``) that break when the site is served from another path.
* writes one sitemap per language, ``/sitemap.xml`` (Korean) and ``/en/sitemap.xml``,
  each page with its ``xhtml:link`` alternates, and ``robots.txt`` naming both.
* keeps the one ``404.html`` of the Korean build, rendered from ``overrides/404.html``
  (bilingual, absolute asset URLs from ``site_url``: GitHub Pages serves it for a missing
  path at any depth). static-i18n would otherwise let the last language overwrite it.

Every absolute URL is built from ``site_url`` (env ``SITE_URL``), which may carry a sub-path
such as ``https://user.github.io/repo/``.
"""

from __future__ import annotations

import logging
import os
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import project  # hooks/ is on sys.path while MkDocs loads a hook
import social_cards
from project import i18n_plugin

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.hooks.seo")

OG_LOCALES = {"ko": "ko_KR", "en": "en_US"}
CARDS_DIR = "assets/cards"
ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([^"]+)">')


class State:
    def __init__(self):
        self.fonts_loaded = False
        self.fonts: social_cards.Fonts | None = None
        self.sitemap: dict[str, list[dict]] = {}  # language -> [page seo data]
        self.cards: dict[str, list[social_cards.Card]] = {}


state = State()


# --- languages -------------------------------------------------------------------------
def i18n(config):
    plugin = i18n_plugin(config)
    if plugin is None:
        raise PluginError(
            "hooks/seo.py needs the mkdocs-static-i18n plugin (`i18n` in mkdocs.yml plugins)."
        )
    return plugin


def current_language(config) -> str:
    i18n(config)  # the plugin is required
    return project.current_language(config)


def default_language(config) -> str:
    i18n(config)
    return project.default_language(config)


def languages(config) -> list[str]:
    return i18n(config).build_languages


def language_names(config) -> dict[str, str]:
    return {lang.locale: lang.name for lang in i18n(config).config.languages}


def prefix(config, lang: str) -> str:
    """The URL prefix of a language's pages: '' for the default language, 'en/'."""
    return "" if lang == default_language(config) else f"{lang}/"


def site_url(config) -> str:
    url = config.site_url or ""
    return url if url.endswith("/") else url + "/"


def absolute(config, url: str) -> str:
    """site_url + a site-relative URL ('', './', 'keras/', 'en/keras/')."""
    url = "" if url in (".", "./") else url.lstrip("/")
    return site_url(config) + url


# --- events ----------------------------------------------------------------------------
def on_startup(*, command: str, dirty: bool) -> None:
    # `mkdocs serve` reloads this hook for every rebuild but calls on_startup only once:
    # the command is kept in the (imported once) social_cards module
    social_cards.COMMAND["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    if not config.site_url or not re.match(r"https?://", config.site_url):
        raise PluginError(
            f"mkdocs.yml: site_url is {config.site_url!r}; canonical URLs, hreflang, Open "
            "Graph and sitemaps need an absolute http(s) URL. Set SITE_URL, e.g. "
            "SITE_URL=https://user.github.io/repo/."
        )
    unknown = [lang for lang in languages(config) if lang not in OG_LOCALES]
    if unknown:
        raise PluginError(
            f"hooks/seo.py: no Open Graph locale for {unknown}; add it to "
            "OG_LOCALES (e.g. 'ja': 'ja_JP')."
        )
    if not state.fonts_loaded:
        state.fonts = social_cards.load_fonts(serve=social_cards.COMMAND["name"] == "serve")
        state.fonts_loaded = True
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    state.sitemap[lang] = []
    state.cards[lang] = []


def page_seo(page, config) -> dict:
    """The page's URLs and Open Graph data; computed once per page."""
    if getattr(page, "seo", None) is not None:
        return page.seo
    lang = current_language(config)
    url = absolute(config, page.url)
    alternates = {lang: url}
    for other, file in getattr(page.file, "alternates", {}).items():
        if other != lang:
            alternates[other] = absolute(config, file.url)
    alternates = {k: alternates[k] for k in languages(config) if k in alternates}
    home = page.is_homepage or page.url == prefix(config, lang)
    title = config.site_name if home else (page.meta.get("title") or page.title or "")
    description = str(page.meta.get("description") or config.site_description or "").strip()
    own = (
        page.url[len(prefix(config, lang)) :]
        if page.url.startswith(prefix(config, lang))
        else page.url
    )
    slug = own.strip("/").removesuffix(".html").removesuffix("/index") or "index"
    card = f"{CARDS_DIR}/{lang}/{slug}.png"
    page.seo = {
        "lang": lang,
        "url": url,
        "alternates": alternates,
        "x_default": alternates.get(default_language(config), url),
        "type": "website" if home else "article",
        "title": title,
        "description": description,
        "locale": OG_LOCALES[lang],
        "locale_alternates": [OG_LOCALES[k] for k in alternates if k != lang],
        "image": absolute(config, card) if state.fonts else None,
        "image_alt": f"{title} — {config.site_name}" if not home else config.site_name,
        "card": card,
    }
    return page.seo


@event_priority(-100)  # after static-i18n's (50), which sets the language switch's links
def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    seo = page_seo(page, config)
    context["seo"] = seo
    relative_language_switch(config, seo)
    state.sitemap[seo["lang"]].append(seo)
    if state.fonts:
        state.cards[seo["lang"]].append(
            social_cards.Card(
                dest=seo["card"],
                title=seo["title"],
                description=seo["description"],
                site_name=config.site_name,
                label=language_names(config)[seo["lang"]],
            )
        )
    return context


def relative_language_switch(config, seo: dict) -> None:
    """Point the language switch at the page's twins by site-relative URLs ('', 'en/',
    'en/keras/'): the theme's `url` filter turns them into page-relative ones ('../', 'en/').
    static-i18n (on_page_context, which runs before this hook's) sets the twins' URLs on inner
    pages, but leaves the home pages with root-absolute links built from site_url's path."""
    base = site_url(config)
    # static-i18n sets them as an attribute (config.extra.alternate), which the theme's
    # `config.extra.alternate` reads before the key
    lists = [getattr(config.extra, "alternate", None), config.extra.get("alternate")]
    for alternate in [a for links in lists if links for a in links]:
        href = seo["alternates"].get(alternate.get("lang"))
        if href is not None and href.startswith(base):
            alternate["link"] = href[len(base) :] or "./"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Absolute hreflang links, plus x-default, in place of static-i18n's relative ones."""
    seo = page_seo(page, config)
    found = []

    def absolute_link(match):
        lang = match.group(1)
        found.append(lang)
        href = seo["alternates"].get(lang)
        if href is None:
            raise PluginError(
                f"hooks/seo.py: {page.file.src_uri} has an alternate link for "
                f"'{lang}' but no twin page in that language."
            )
        link = f'<link rel="alternate" href="{escape(href)}" hreflang="{lang}">'
        if len(found) == len(seo["alternates"]):
            link += (
                f'\n    <link rel="alternate" href="{escape(seo["x_default"])}" '
                'hreflang="x-default">'
            )
        return link

    head_end = output.find("</head>")
    head = ALTERNATE_LINK.sub(absolute_link, output[:head_end])
    if sorted(found) != sorted(seo["alternates"]):
        raise PluginError(
            f"hooks/seo.py: {page.file.src_uri}: expected alternate links for "
            f"{sorted(seo['alternates'])} in the head, found {found}. Material's head "
            "changed: update ALTERNATE_LINK."
        )
    return head + output[head_end:]


def homes(config) -> list[dict]:
    """Each language's home page as an absolute path (for the 404 page at any depth)."""
    from urllib.parse import urlsplit

    base = urlsplit(site_url(config)).path
    names = language_names(config)
    return [
        {"lang": lang, "name": names[lang], "link": base + prefix(config, lang)}
        for lang in languages(config)
    ]


def on_template_context(
    context: TemplateContext, *, template_name: str, config: MkDocsConfig
) -> TemplateContext:
    if template_name == "404.html":
        context["homes"] = {home["lang"]: home for home in homes(config)}
        # the language switcher of the 404 page leads to the home pages
        config.extra["alternate"] = homes(config)
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # This hook writes each language's sitemap itself (on_post_build). The 404 page is the
    # default language's build; an empty output makes MkDocs skip writing the file.
    if template_name == "sitemap.xml":
        return ""
    if template_name == "404.html" and current_language(config) != default_language(config):
        return ""
    return output_content


def sitemap_xml(entries: list[dict]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for seo in sorted(entries, key=lambda s: s["url"]):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(seo['url'], quote=False)}</loc>")
        links = [*seo["alternates"].items(), ("x-default", seo["x_default"])]
        for lang, href in links:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(href)}/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    lang = current_language(config)
    target = site / prefix(config, lang) / "sitemap.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(sitemap_xml(state.sitemap.get(lang, [])), encoding="utf-8")
    if lang == default_language(config):
        sitemaps = "".join(
            f"Sitemap: {site_url(config)}{prefix(config, other)}sitemap.xml\n"
            for other in languages(config)
        )
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n\n" + sitemaps, encoding="utf-8")
    else:
        (site / prefix(config, lang) / "404.html").unlink(missing_ok=True)
    if state.fonts:
        # CARDS_CACHE: builds of project copies (tests) share the project's cache
        cache = Path(
            os.environ.get("CARDS_CACHE")
            or Path(config.config_file_path).parent / ".cache" / "cards"
        )
        drawn, copied = social_cards.generate(state.cards.get(lang, []), state.fonts, site, cache)
        log.debug(f"preview cards ({lang}): {drawn} drawn, {copied} from {cache}")
