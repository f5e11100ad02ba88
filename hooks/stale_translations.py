"""Tell readers when a page's translation may lag behind, or is missing.

* **Stale translation.** For every pair of twins (``docs/x.md`` Korean, ``docs/x.en.md``
  English) the last git commit that touched each file is compared. When the Korean page
  changed after its English twin, the English page gets a notice at the top (in English,
  linking to the Korean page); the reverse gives the Korean page a Korean notice linking to
  the English page. The build log lists every such page as INFO: a stale translation is
  work to do, not a broken site, so it never fails the strict build.
  Uncommitted edits (``git status``) count as changed *now*: a writer who edits only the
  Korean page sees the notice on the English page in ``make serve`` at once. Twins changed
  in the same commit (or both uncommitted) are in step. Without git history (an exported
  tarball, a shallow clone) the check says so once and is skipped.
* **Not yet translated.** ``make serve`` sets ``I18N_FALLBACK=true``; static-i18n then
  shows a Korean page that has no English twin under ``/en/``. Such a page gets a
  "not yet translated" notice linking to the Korean page. (Every other build refuses a page
  without its twin: hooks/i18n_checks.py.)

Git is read twice per build, however many pages there are: one ``git log --name-only`` pass
over the history of ``docs/`` and one ``git status``.
"""

from __future__ import annotations

import html
import re
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from project import current_language, default_language, docs_prefix, twin_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("stale_translations")

UNCOMMITTED = "uncommitted"
H1_END = re.compile(r"</h1>", re.IGNORECASE)


@dataclass(frozen=True)
class Change:
    """The last change of one file: commit time, and position in history (0 = newest)."""

    time: float
    order: int
    commit: str  # short hash, or UNCOMMITTED

    def key(self) -> tuple[float, int]:
        return (self.time, -self.order)  # same second: the later commit in history wins

    def describe(self) -> str:
        if self.commit == UNCOMMITTED:
            return "uncommitted edits"
        day = datetime.fromtimestamp(self.time, UTC).strftime("%Y-%m-%d")
        return f"commit {self.commit}, {day}"


@dataclass(frozen=True)
class Stale:
    page: str  # docs-relative path of the page that may be out of date
    twin: str  # its twin, which changed later
    page_change: Change
    twin_change: Change


class NoHistory(Exception):
    """Git history cannot be read here; the message says why."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
    )


def last_changes(docs_dir: Path) -> dict[str, Change]:
    """Last change of every file under docs_dir that git knows, keyed by docs-relative path.

    Raises NoHistory when there is no git history to read.
    """
    docs_dir = docs_dir.resolve()
    try:
        top = _git(docs_dir, "rev-parse", "--show-toplevel")
    except (OSError, subprocess.SubprocessError) as exc:
        raise NoHistory(f"git cannot be run ({exc})") from exc
    if top.returncode != 0:
        reason = (top.stderr.strip().splitlines() or ["no reason given"])[0]
        raise NoHistory(f"no git repository here (e.g. an exported tarball): git says '{reason}'")
    root = Path(top.stdout.strip()).resolve()
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow.stdout.strip() == "true":
        raise NoHistory(
            "the clone is shallow (clone with the full history, e.g. "
            "actions/checkout with fetch-depth: 0)"
        )
    prefix = docs_dir.relative_to(root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"

    def docs_rel(path: str) -> str | None:
        return path[len(prefix) :] if path.startswith(prefix) else None

    changes: dict[str, Change] = {}
    history = _git(root, "log", "--format=%x1e%h %ct", "--name-only", "--", prefix or ".")
    if history.returncode == 0:  # fails only on a repository without commits: none to read
        for order, chunk in enumerate(history.stdout.split("\x1e")[1:]):
            lines = chunk.strip("\n").split("\n")
            commit, _, stamp = lines[0].partition(" ")
            for path in lines[1:]:
                rel = docs_rel(path.strip())
                if rel and rel not in changes:
                    changes[rel] = Change(float(stamp), order, commit)

    status = _git(
        root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", prefix or "."
    )
    if status.returncode != 0:
        raise NoHistory(f"git status failed: {status.stderr.strip()}")
    now = time.time()
    entries = iter(status.stdout.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":
            next(entries, None)  # a rename or copy is followed by its old path
        rel = docs_rel(path)
        if rel and "D" not in code:
            changes[rel] = Change(now, -1, UNCOMMITTED)
    return changes


def stale_pages(docs_dir: Path, changes: dict[str, Change]) -> dict[str, Stale]:
    """Every page whose twin changed after it, keyed by docs-relative path."""
    out: dict[str, Stale] = {}
    for ko in sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")):
        if ko.endswith(".en.md"):
            continue
        en = twin_of(ko)
        if ko not in changes or en not in changes or not (docs_dir / en).is_file():
            continue
        a, b = changes[ko], changes[en]
        if a.key() > b.key():
            out[en] = Stale(en, ko, b, a)
        elif b.key() > a.key():
            out[ko] = Stale(ko, en, a, b)
    return out


def report(stale: dict[str, Stale], docs_prefix: str = "docs/") -> str:
    lines = [
        f"{len(stale)} page(s) may be out of date: their twin changed later in git. The pages "
        "show a notice until both are brought in step (update the translation, commit both):"
    ]
    for item in stale.values():
        lines.append(
            f"  {docs_prefix}{item.page}: {docs_prefix}{item.twin} changed "
            f"({item.twin_change.describe()}) after this page ({item.page_change.describe()})"
        )
    return "\n".join(lines)


# --- state of the current build ----------------------------------------------------------
STATE: dict[str, object] = {"stale": {}, "untranslated": []}


def _i18n(config):
    return current_language(config), default_language(config)


def on_pre_build(*, config: MkDocsConfig) -> None:
    lang, default = _i18n(config)
    if lang != default:  # static-i18n builds each further language after the default one
        return
    docs_dir = Path(config["docs_dir"])
    STATE["stale"] = {}
    STATE["untranslated"] = []
    try:
        changes = last_changes(docs_dir)
    except NoHistory as exc:
        log.info(f"translations are not checked for staleness: {exc}.")
        return
    stale = stale_pages(docs_dir, changes)
    STATE["stale"] = stale
    if stale:
        log.info(report(stale, docs_prefix(config)))


# The notices, in the language of the page that shows them. {link} is the twin's URL.
NOTICES = {
    ("stale", "en"): (
        "warning",
        "This translation may be out of date",
        "The Korean page changed after this English translation was last updated. Until the "
        'translation catches up, the <a href="{link}" hreflang="ko">Korean page</a> is the '
        "reference.",
    ),
    ("stale", "ko"): (
        "warning",
        "최신 내용이 아닐 수 있습니다",
        '이 페이지의 <a href="{link}" hreflang="en">영어판</a>이 이 페이지보다 나중에 바뀌었습니다. '
        "바뀐 내용이 이 페이지에 아직 반영되지 않았을 수 있으니 영어판도 함께 확인해 주십시오.",
    ),
    ("untranslated", "en"): (
        "note",
        "Not yet translated",
        "This page has not been translated into English yet, so its Korean original is shown "
        'below. It is also on the <a href="{link}" hreflang="ko">Korean site</a>.',
    ),
}


def notice_html(kind: str, lang: str, link: str) -> str:
    css, title, body = NOTICES.get((kind, lang)) or NOTICES[(kind, "en")]
    return (
        f'<div class="admonition {css} i18n-{kind}">'
        f'<p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{body.format(link=html.escape(link))}</p></div>\n"
    )


def insert_after_title(content: str, notice: str) -> str:
    """After the page's h1 when the Markdown has one, else at the very top."""
    match = H1_END.search(content)
    if match and not content[: match.start()].count("<h2"):
        return content[: match.end()] + "\n" + notice + content[match.end() :]
    return notice + content


def _twin_url(page, lang: str) -> str | None:
    twin = getattr(page.file, "alternates", {}).get(lang)
    return None if twin is None else get_relative_url(twin.url, page.url)


def on_page_content(
    html_content: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    lang, default = _i18n(config)
    if lang is None:
        return html_content
    src = page.file.src_uri
    if lang != default and getattr(page.file, "locale", lang) == default:
        link = _twin_url(page, default)
        if link is not None:
            untranslated = STATE["untranslated"]
            if src not in untranslated:
                untranslated.append(src)
                log.info(
                    f"{docs_prefix(config)}{src} has no {lang} twin: /{page.url} shows "
                    "it with a 'not yet translated' notice (I18N_FALLBACK=true preview)"
                )
            return insert_after_title(html_content, notice_html("untranslated", lang, link))
        return html_content
    stale = STATE["stale"].get(src)
    if stale is not None:
        other = "en" if lang == default else default
        link = _twin_url(page, other)
        if link is not None:
            return insert_after_title(html_content, notice_html("stale", lang, link))
    return html_content
