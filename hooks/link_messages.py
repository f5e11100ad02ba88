"""Give MkDocs' own link warnings the file, the line and what to do.

MkDocs 1.6 checks every link, image and #anchor of every page (``validation:`` in mkdocs.yml
makes a broken one a warning, so the strict build fails), but its message names the page
without ``docs/``, without the line, and without a fix::

    Doc file 'keras.en.md' contains a link 'missing.md', but the target is not found among
    documentation files.

This hook rewrites those warnings, keeping their level, into::

    docs/keras.en.md:12: link 'missing.md' points to docs/missing.md, which does not exist.
    Fix the path (relative to this page's file) or add the page.

The line is found by looking for the link's URL in the page's source; a link that comes from
an included snippet has no line in the page and is reported without one.
"""

from __future__ import annotations

import difflib
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from project import docs_prefix, read_source  # hooks/ is on sys.path while MkDocs loads a hook

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

LOGGER = "mkdocs.structure.pages"
IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")

NOT_FOUND = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains a link '(?P<url>[^']+)', but the target"
    r"(?: '(?P<target>[^']+)')? is not found among documentation files\.(?P<rest>.*)$",
    re.S,
)
ANCHOR = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains a link '(?P<url>[^']+)', but (?:the doc "
    r"'(?P<doc>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'|there is no such "
    r"anchor on this page)\.(?P<rest>.*)$",
    re.S,
)
UNRECOGNIZED = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<url>[^']+)', "
    r"it was left as is\.(?P<rest>.*)$",
    re.S,
)
ABSOLUTE = re.compile(
    r"^Doc file '(?P<file>[^']+)' contains an absolute link '(?P<url>[^']+)', "
    r"it was left as is\.(?P<rest>.*)$",
    re.S,
)


def link_lines(text: str, url: str) -> list[int]:
    """The line of each use of url as a link, image or HTML src/href in a Markdown source
    (a line appears once per use)."""
    forms = (f"]({url}", f"](<{url}>", f'="{url}"', f"='{url}'", f"]: {url}")
    return [
        n
        for n, line in enumerate(text.splitlines(), start=1)
        for form in forms
        for _ in range(line.count(form))
    ]


def page_ids(text: str) -> list[str]:
    return EXPLICIT_ID.findall(text) + HTML_ID.findall(text)


class LinkMessages(logging.Filter):
    """Rewrites MkDocs' link warnings in place; lets every record through."""

    marker = "link_messages"

    def __init__(self, docs_dir: Path, prefix: str):
        super().__init__()
        self.docs_dir = docs_dir
        self.prefix = prefix  # how docs_dir is written in messages: 'docs/'
        self.seen: dict[tuple[str, str], int] = {}

    def where(self, file: str, url: str, each_use: bool = True) -> str:
        """'docs/x.md:LINE'. MkDocs warns once per use of a missing target, in page order:
        the n-th warning gets the n-th use. Anchors are warned once per page: all lines."""
        try:
            lines = link_lines(read_source(self.docs_dir / file), url)
        except OSError:
            lines = []
        where = f"{self.prefix}{file}"
        if lines and each_use:
            nth = self.seen.get((file, url), 0)
            self.seen[(file, url)] = nth + 1
            where += f":{lines[nth % len(lines)]}"
        elif lines:
            where += f":{lines[0]}"
            others = sorted(set(lines[1:]) - {lines[0]})
            if others:
                where += (
                    f" (also line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))})"
                )
        return where

    def rewrite(self, msg: str) -> str | None:
        if m := NOT_FOUND.match(msg):
            url, target = m["url"], m["target"] or m["url"].split("#")[0].lstrip("/")
            what = "image" if IMAGE.search(url.split("#")[0]) else "link"
            fix = (
                "Add the image under docs/ or fix the path (relative to this page's file, "
                "e.g. 'assets/images/graph.svg')"
                if what == "image"
                else "Fix the path (relative to this page's file, e.g. 'keras.md' or "
                "'../keras.md'), or add the page"
            )
            return (
                f"{self.where(m['file'], url)}: {what} '{url}' points to "
                f"{self.prefix}{target}, which does not exist. {fix}.{m['rest']}"
            )
        if m := ANCHOR.match(msg):
            doc = m["doc"] or m["file"]
            anchor = m["anchor"] or m["url"].split("#", 1)[-1]
            try:
                ids = page_ids(read_source(self.docs_dir / doc))
            except OSError:
                ids = []
            close = difflib.get_close_matches(anchor, ids, n=3)
            hint = f" Did you mean {', '.join('#' + i for i in close)}?" if close else ""
            return (
                f"{self.where(m['file'], m['url'], each_use=False)}: link '{m['url']}': "
                f"{self.prefix}{doc} has no heading or element with id '{anchor}'. Link to "
                "an id that exists there (headings carry explicit ids, the same in both "
                f"languages: '## Title {{#id}}'), or restore the renamed id.{hint}"
                f"{m['rest']}"
            )
        if m := UNRECOGNIZED.match(msg):
            return (
                f"{self.where(m['file'], m['url'])}: link '{m['url']}' is not a file in "
                "docs/. Link to the Markdown file (e.g. 'code/index.md' rather than "
                "'code/'): MkDocs turns it into the right URL in each language."
                f"{m['rest']}"
            )
        if m := ABSOLUTE.match(msg):
            return (
                f"{self.where(m['file'], m['url'])}: absolute link '{m['url']}' breaks "
                "when the site is served under a sub-path (GitHub Pages) and skips the "
                "language. Link to the Markdown file with a relative path instead (e.g. "
                f"'keras.md').{m['rest']}"
            )
        return None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.INFO and isinstance(record.msg, str):
            try:
                new = self.rewrite(record.getMessage())
            except Exception:  # noqa: BLE001 - never lose the original warning over a rewrite problem
                new = None
            if new is not None:
                record.msg, record.args = new, ()
        return True


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    docs = Path(config["docs_dir"]).resolve()
    logger = logging.getLogger(LOGGER)
    for old in [f for f in logger.filters if getattr(f, "marker", None) == LinkMessages.marker]:
        logger.removeFilter(old)  # one filter, also across `mkdocs serve` reloads
    logger.addFilter(LinkMessages(docs, docs_prefix(config)))
