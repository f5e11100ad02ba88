"""Checks that keep the two languages in step, run before every build.

* Every Korean page ``docs/x.md`` has its English twin ``docs/x.en.md`` and the reverse.
  ``make serve`` sets ``I18N_FALLBACK=true`` so a writer can preview a page that is not yet
  translated; every other build refuses it.
* Every heading carries an explicit id (``## 장점 {#strengths}``) so deep links survive
  translation, and the twins carry the same ids in the same order.
* Every page has a ``description`` in its front matter.

Problems are collected for all pages and reported together, each with file, line and what
to do; the build stops.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.exceptions import PluginError

from project import (  # hooks/ is on sys.path while MkDocs loads a hook
    HEADING_ID,
    read_source,
    twin_of,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
SKIP_DIRS = {"includes", ".snippets"}


def fallback_allowed() -> bool:
    return os.environ.get("I18N_FALLBACK", "").lower() in {"1", "true", "yes"}


def split_front_matter(text: str) -> tuple[dict | None, int, str | None]:
    """Return (front matter, number of its lines, error)."""
    if not text.startswith("---\n"):
        return None, 0, None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, 0, "front matter opened with '---' on line 1 is never closed"
    block = text[4:end]
    try:
        data = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        return None, 0, f"front matter is not valid YAML{where}: {exc}"
    if not isinstance(data, dict):
        return None, 0, "front matter must be a YAML mapping (key: value lines)"
    return data, block.count("\n") + 2, None


def outside_fences(text: str):
    """(line number, line) for every line of Markdown that is not inside a fenced code block
    (a `#` there is a comment, an `id=` is code). Shared with hooks/matrix.py."""
    fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is None:
            yield number, line


def headings(text: str) -> list[tuple[int, int, str, str | None]]:
    """(line number, level, text, explicit id or None) for every Markdown heading."""
    out = []
    for number, line in outside_fences(text):
        head = HEADING.match(line)
        if not head:
            continue
        ident = HEADING_ID.search(head.group(2))
        out.append((number, len(head.group(1)), head.group(2), ident.group(1) if ident else None))
    return out


def check_docs(docs_dir: Path, *, allow_missing_twin: bool = False) -> list[str]:
    problems: list[str] = []
    pages = sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if not SKIP_DIRS.intersection(p.relative_to(docs_dir).parts)
    )
    present = set(pages)
    for rel in pages:
        path = f"docs/{rel}"
        text = read_source(docs_dir / rel)
        twin = twin_of(rel)
        if twin not in present and not allow_missing_twin:
            lang = "English" if rel.endswith(".en.md") else "Korean"
            missing = "Korean" if lang == "English" else "English"
            problems.append(
                f"{path}:1: this {lang} page has no {missing} twin docs/{twin}. "
                f"Add docs/{twin} (a complete translation with the same heading ids), "
                "or preview untranslated work with `make serve`."
            )
        meta, _, error = split_front_matter(text)
        if error:
            problems.append(f"{path}:1: {error}. Fix the YAML between the two '---' lines.")
        elif not meta or not str(meta.get("description", "")).strip():
            problems.append(
                f"{path}:1: the page has no `description` in its front matter. Add "
                "'---\\ndescription: one sentence in the page's language\\n---' at the top."
            )
        for number, _level, title, ident in headings(text):
            if ident is None:
                problems.append(
                    f"{path}:{number}: heading '{title}' has no explicit id. Add one that is "
                    "the same in both languages, e.g. '## 장점 {#strengths}'."
                )
        if rel.endswith(".en.md") or twin not in present:
            continue
        ids = [(n, i) for n, _, _, i in headings(text) if i]
        twin_ids = [(n, i) for n, _, _, i in headings(read_source(docs_dir / twin)) if i]
        if [i for _, i in ids] != [i for _, i in twin_ids]:
            only_here = [f"#{i} (line {n})" for n, i in ids if i not in {j for _, j in twin_ids}]
            only_there = [f"#{i} (line {n})" for n, i in twin_ids if i not in {j for _, j in ids}]
            detail = []
            if only_here:
                detail.append(f"only in {path}: {', '.join(only_here)}")
            if only_there:
                detail.append(f"only in docs/{twin}: {', '.join(only_there)}")
            if not detail:
                detail.append("the same ids appear in a different order")
            first = next(
                (n for (n, a), (_, b) in zip(ids, twin_ids, strict=False) if a != b),
                (ids or [(1, "")])[-1][0],
            )
            problems.append(
                f"{path}:{first}: heading ids differ from its twin docs/{twin}: "
                f"{'; '.join(detail)}. Give both pages the same heading ids in the same order."
            )
    return problems


def on_pre_build(*, config: MkDocsConfig) -> None:
    problems = check_docs(Path(config["docs_dir"]), allow_missing_twin=fallback_allowed())
    if problems:
        raise PluginError(f"{len(problems)} problem(s) in the pages:\n  " + "\n  ".join(problems))


PERMALINK_TITLES = {"en": "Link to this heading"}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The toc extension has one permalink title (Korean); translate it on English pages."""
    lang = config["theme"]["language"]  # static-i18n sets it for each language's build
    title = config["mdx_configs"].get("toc", {}).get("permalink_title")
    if lang in PERMALINK_TITLES and title:
        html = html.replace(f'title="{title}"', f'title="{PERMALINK_TITLES[lang]}"')
    return html
