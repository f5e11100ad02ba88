"""Post-build rewrites of HTML that Material emits invalid, where no template block reaches it.

The Nu HTML Checker (tests/test_html_valid.py) reports two errors on every page of a stock
Material 9.8.1 build, both from parts of Material's templates that cannot be overridden by
block (``base.html`` itself, and the large ``partials/nav-item.html`` macro file), an error on
section index pages, and a warning on every numbered code line:

* ``<input type="checkbox" ... autocomplete="off">`` for the drawer and search toggles
  (base.html): ``autocomplete`` is not allowed on checkboxes. Material adds it so that
  Firefox does not restore an open drawer or search after a reload; without it, Firefox may
  (Chromium and Safari do not restore these toggles), a small price for valid HTML.
* ``<label class="md-nav__link" ... tabindex="">`` for section labels (nav-item.html): an
  empty tabindex is not an integer. Material means "not focusable", which is what a label
  without tabindex is.
* ``<label class="md-nav__title" for="__toc">`` on a section's index page
  (navigation.indexes), where Material writes no ``__toc`` toggle for it to name: the label
  keeps its text and loses ``for``.
* ``<a id="__codelineno-0-1" name="__codelineno-0-1" href=...>`` (pymdownx.highlight's line
  anchors): ``name`` on ``<a>`` is obsolete; the ``id`` alone is the target of the link.

Each rewrite names the exact text it replaces. After rewriting, a page must not contain the
invalid form in any spelling: when Material changes its markup so that the exact text no
longer matches (e.g. after an upgrade), the build stops with a message naming the page
instead of shipping invalid HTML. The hook runs once per language build (mkdocs-static-i18n
builds /en/ inside the first build's post_build), so every rewrite is idempotent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# (Material's exact text, what it becomes)
EXACT = [
    (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
    ),
    (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
    ),
]
# Section labels of the navigation: `<label class="md-nav__link[ more classes]" for="__nav_2"
# id="__nav_2_label" tabindex="">` (Material leaves a trailing space when there are none)
NAV_LABEL = re.compile(
    r'(<label class="md-nav__link[\w -]*" for="(__nav[\w]+)" id="\2_label") tabindex="">'
)

# Line anchors of code blocks (pymdownx.highlight, anchor_linenums): `<a id="__codelineno-0-1"
# name="__codelineno-0-1" href="#__codelineno-0-1">`; `name` on <a> is obsolete (a vnu warning)
# and the id alone is the link target.
LINE_ANCHOR = re.compile(r'<a id="(__codelineno-[\w-]+)" name="\1" href="#\1">')

# The table of contents' title (partials/toc.html) names the toggle `__toc`, which nav-item.html
# writes only for a page that is not a section's index page (navigation.indexes): on an index
# page the label points at nothing. There the title stays, without `for`.
TOC_TITLE = '<label class="md-nav__title" for="__toc">'
TOC_TITLE_ALONE = '<label class="md-nav__title">'
TOC_TOGGLE = re.compile(r'<input\b[^>]*\bid="__toc"')

# What must not be left anywhere, whatever the attribute order or spelling.
CHECKBOX_AUTOCOMPLETE = re.compile(
    r'<input\b(?=[^>]*\btype="checkbox")(?=[^>]*\bautocomplete=)[^>]*>', re.I
)
EMPTY_TABINDEX = re.compile(r'<[^>]*\btabindex=(""|\'\')[^>]*>')
ANCHOR_NAME = re.compile(r'<a\b[^>]*\bname="__codelineno[^>]*>')
FOR_TOC = re.compile(r'<label\b[^>]*\bfor="__toc"[^>]*>')


def fix_html(text: str, where: str) -> str:
    """Apply every rewrite to one page; raise when an invalid form survives them."""
    for old, new in EXACT:
        text = text.replace(old, new)
    text = NAV_LABEL.sub(r"\1>", text)
    text = LINE_ANCHOR.sub(r'<a id="\1" href="#\1">', text)
    if not TOC_TOGGLE.search(text):
        text = text.replace(TOC_TITLE, TOC_TITLE_ALONE)
        left = FOR_TOC.search(text)
        if left:
            raise PluginError(
                f"hooks/html_fixes.py: {where} has {left.group(0)!r} but no `__toc` toggle; "
                "Material's markup changed: update TOC_TITLE in hooks/html_fixes.py."
            )
    for pattern, what in (
        (CHECKBOX_AUTOCOMPLETE, "autocomplete on a checkbox"),
        (EMPTY_TABINDEX, 'an empty tabindex=""'),
        (ANCHOR_NAME, "a code line anchor with the obsolete name attribute"),
    ):
        left = pattern.search(text)
        if left:
            raise PluginError(
                f"hooks/html_fixes.py: {where} still has {what} after the rewrites: "
                f"{left.group(0)[:160]!r}. Material's markup changed: update EXACT or "
                "NAV_LABEL in hooks/html_fixes.py to the new text (or drop the rewrite if "
                "Material now emits valid HTML)."
            )
    return text


def fix_site(site_dir: Path) -> int:
    """Rewrite every HTML file under site_dir; return how many files changed."""
    changed = 0
    for file in sorted(site_dir.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        fixed = fix_html(text, str(file.relative_to(site_dir)))
        if fixed != text:
            file.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


@event_priority(-110)  # after mkdocs-static-i18n (-100) has written the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    fix_site(Path(config["site_dir"]))
