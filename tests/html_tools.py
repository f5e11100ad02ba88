"""Small readers of built HTML (standard library only), shared by the tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

HANGUL = re.compile(r"[\uac00-\ud7a3]")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Parsed:
    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (tag, url, line)
    headings: list[tuple[str, str | None, str]] = field(default_factory=list)  # (tag, id, text)
    text: str = ""  # the article's visible text (inside <article>, without scripts)
    meta: dict[str, str] = field(default_factory=dict)  # name/property -> content
    head_links: list[dict[str, str]] = field(default_factory=list)  # <link> attributes
    scripts: list[dict[str, str]] = field(default_factory=list)  # <script src> attributes
    lang: str | None = None


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self._article = 0
        self._skip = 0
        self._heading: list | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.out.ids.append(a["id"])
        if tag == "html":
            self.out.lang = a.get("lang")
        if tag == "a" and a.get("name"):
            self.out.ids.append(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) and tag in ("a", "img", "script", "link", "source", "iframe"):
                self.out.links.append((tag, a[attr], self.getpos()[0]))
        if tag == "meta" and a.get("content") is not None:
            key = a.get("name") or a.get("property")
            if key:
                self.out.meta.setdefault(key, a["content"])
        if tag == "link":
            self.out.head_links.append({k: v or "" for k, v in a.items()})
        if tag == "script" and a.get("src"):
            self.out.scripts.append({k: v or "" for k, v in a.items()})
        if tag == "article":
            self._article += 1
        if tag in ("script", "style", "svg") and tag not in VOID:
            self._skip += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._article:
            self._heading = [tag, a.get("id"), []]

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if tag in ("script", "style", "svg"):
            self._skip = max(0, self._skip - 1)
        if self._heading and tag == self._heading[0]:
            t, i, parts = self._heading
            self.out.headings.append((t, i, "".join(parts).replace("¶", "").strip()))
            self._heading = None
        if tag in ("p", "li", "div", "td", "th", "h1", "h2", "h3", "h4", "dd", "dt", "pre"):
            self._text.append("\n")

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[2].append(data)
        if self._article and not self._skip:
            self._text.append(data)

    def close(self):
        super().close()
        self.out.text = re.sub(r"[ \t\r\f\v]+", " ", "".join(self._text))
        return self.out


@cache
def parse(path: Path) -> Parsed:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.close()


def page_url(site: Path, file: Path) -> str:
    """The site path of a built file: site/en/keras/index.html -> /en/keras/."""
    rel = file.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return "/" + rel


def resolve(site: Path, file: Path, url: str) -> tuple[Path | None, str]:
    """Resolve an internal link of a built page to (file or None, fragment).
    Returns (None, '') for external or non-file links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None, ""
    base = page_url(site, file)
    if file.name != "index.html":
        base = "/" + file.relative_to(site).as_posix()
    target = urlsplit(urljoin("http://x" + base, url))
    path = unquote(target.path)
    candidate = site / path.lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate, unquote(target.fragment)


def twin_pages(site: Path, pages: list[Path]) -> list[tuple[Path, Path]]:
    """(Korean page, English page) for every built Korean page."""
    pairs = []
    for page in pages:
        rel = page.relative_to(site)
        if rel.parts[0] == "en" or rel.name == "404.html":
            continue
        pairs.append((page, site / "en" / rel))
    return pairs
