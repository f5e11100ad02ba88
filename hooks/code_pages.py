"""The "code side by side" pages: what is generated into them, and what they must contain.

Markers, replaced in the page's language (Korean ``x.md``, English ``x.en.md``):

* ``<!-- tested-versions -->``: a table of the versions the snippets were tested with,
  generated from ``snippets/requirements.txt`` (the pins ``make test`` installs).
* ``<!-- code-tasks: tensorflow -->`` (or ``keras``, ``pytorch``): on a framework page, a list
  of links to that framework's tab on every task page.
* ``<!-- code-tasks: index -->``: on the code section's index page, a table of the tasks with
  a link to each framework's tab.
* ``<!-- snippet-checks -->``: the tolerance and time limits the tests apply, imported from
  ``hooks/snippet_runner.py`` (where the comparison uses them), and the count of runs.

The tasks and their order come from the code section of ``nav`` in mkdocs.yml; a task's title
is its page's first heading, in each language.

Checks, for every page under ``docs/code/`` except the index, in both languages (the build
stops with file, line and what to do):

* a tab group labelled exactly ``TensorFlow``, ``Keras``, ``PyTorch``, in that order, holding
  that framework's snippet of the page's task and its output;
* after every included snippet, one numbered annotation per ``# (n)!`` marker in the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

# hooks/ is on sys.path while MkDocs loads a hook
import notebooks
import pins
import snippet_runner as runner
from i18n_checks import fallback_allowed
from project import ROOT, current_language, default_language, lang_of, read_source
from snippet_runner import FRAMEWORKS, KERAS_BACKENDS, SNIPPETS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

CODE_DIR = "code/"
log = get_plugin_logger("code_pages")
LABELS = ("TensorFlow", "Keras", "PyTorch")
CODE_GROUP = "code"  # the tab group with code and output sits under "## ... {#<task>-code}"

TEXT = {
    "ko": {
        "package": "패키지",
        "version": "버전",
        "task": "작업",
        "platforms": "플랫폼",
        "all": "모두",
        "download": "{name} 내려받기",
        "colab": "Colab에서 열기",
        "install": "설치",
        "archive": "{label} 노트북 모두 ({name})",
        "versions_intro": "이 페이지의 코드는 다음 버전으로 실행해 출력을 확인했습니다 "
        "(`snippets/requirements.txt`에서 만든 표입니다). "
        "CPU에서 실행한 결과입니다.",
        "checks": (
            "- 숫자는 상대 오차 {rel:g}% 또는 절대 오차 {abs:g}까지 같은 것으로 보고, 숫자가 "
            "아닌 글자와 정수는 정확히 같아야 합니다.\n"
            "- 코드 하나는 {one:g}초 안에, {runs}번의 실행(작업 {tasks}개 × 텐서플로우 1 + "
            "케라스 3 + 파이토치 1) 전체는 2코어 CPU에서 {total:g}분 안에 끝나야 합니다."
        ),
    },
    "en": {
        "package": "Package",
        "version": "Version",
        "task": "Task",
        "platforms": "Platforms",
        "all": "all",
        "download": "Download {name}",
        "colab": "Open in Colab",
        "install": "Install",
        "archive": "All {label} notebooks ({name})",
        "versions_intro": "The code on this page was run, and its output checked, with these "
        "versions (a table made from `snippets/requirements.txt`). "
        "The outputs come from a CPU run.",
        "checks": (
            "- Numbers count as equal within a relative difference of {rel:g}% or an absolute "
            "difference of {abs:g}; text other than numbers, and integers, must be exactly "
            "equal.\n"
            "- One snippet must finish within {one:g} seconds, and all {runs} runs ({tasks} "
            "tasks × TensorFlow 1 + Keras 3 + PyTorch 1) within {total:g} minutes on 2 CPU "
            "cores."
        ),
    },
}

MARKER_VERSIONS = "<!-- tested-versions -->"
MARKER_CHECKS = "<!-- snippet-checks -->"
MARKER_TASKS = re.compile(r"<!--\s*code-tasks:\s*([\w-]+)\s*-->")
MARKER_DOWNLOADS = re.compile(r"^([ \t]*)<!--\s*downloads:\s*(\w+)\s*-->[ \t]*$", re.MULTILINE)
MARKER_INSTALL = re.compile(r"^([ \t]*)<!--\s*install:\s*(\w+)\s*-->[ \t]*$", re.MULTILINE)
MARKER_ARCHIVES = "<!-- notebook-archives -->"
# Markdown would wrap raw HTML inside a tab in a paragraph: the buttons go in after it renders.
TAKE_AWAY_TOKEN = "CODE-TAKE-AWAY-{fw}"
TAKE_AWAY_PARAGRAPH = re.compile(r"<p>CODE-TAKE-AWAY-(\w+)</p>")
DOWNLOADS = "downloads/"  # under each language's root: .py (shared), .ipynb and .zip
COLAB = "https://colab.research.google.com/github/"
LABEL_OF = dict(zip(FRAMEWORKS, LABELS, strict=True))
HEADING_1 = re.compile(r"^#\s+(.*?)\s*\{[^}]*#([\w-]+)[^}]*\}\s*$", re.MULTILINE)
TAB = re.compile(r'^(\s*)===\+?\s+"([^"]*)"')
INCLUDE = re.compile(r'^(\s*)--8<--\s+"([^"]+)"')
ANNOTATION_MARKER = re.compile(r"#\s*\((\d+)\)!")
NUMBERED_ITEM = re.compile(r"^(\s*)(\d+)\.\s")


def versions_table(lang: str) -> str:
    t = TEXT[lang]
    rows = "\n".join(
        f"| `{p.name}{p.extras}` | {p.version} | {pins.PLATFORMS[p.where][lang] if p.where else t['all']} |"
        for p in pins.pins()
    )
    return (
        f"{t['versions_intro']}\n\n| {t['package']} | {t['version']} | {t['platforms']} |\n"
        f"| --- | --- | --- |\n{rows}\n"
    )


def checks_text(lang: str) -> str:
    tasks = runner.tasks(SNIPPETS)
    return TEXT[lang]["checks"].format(
        rel=runner.REL_TOL * 100,
        abs=runner.ABS_TOL,
        one=runner.TIME_LIMIT_S,
        total=runner.TOTAL_LIMIT_S / 60,
        tasks=len(tasks),
        runs=len(tasks) * (2 + len(KERAS_BACKENDS)),
    )


def nav_code_pages(nav) -> list[str]:
    """The task pages of the code section, in nav order (``code/index.md`` excluded)."""
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            if item.startswith(CODE_DIR) and item != f"{CODE_DIR}index.md":
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return found


def page_title(docs_dir: Path, src: str, lang: str) -> tuple[str, str]:
    """(title, id) from the first heading of a task page in the given language."""
    path = docs_dir / (src[: -len(".md")] + ".en.md" if lang == "en" else src)
    match = HEADING_1.search(read_source(path)) if path.exists() else None
    if not match:
        raise PluginError(
            f"docs/{path.relative_to(docs_dir)}: no first heading with an id "
            "('# Title {#id}'): the code section's link lists need it"
        )
    return match.group(1), match.group(2)


def task_links(config, lang: str, from_code_dir: bool) -> list[tuple[str, str, str]]:
    """(title, link to the page from the current page, heading id) for every task."""
    docs_dir = Path(config["docs_dir"])
    out = []
    for src in nav_code_pages(config["nav"]):
        title, ident = page_title(docs_dir, src, lang)
        link = src[len(CODE_DIR) :] if from_code_dir else src
        out.append((title, link, ident))
    return out


def replace_task_marker(match, page, config) -> str:
    which = match.group(1)
    src = page.file.src_uri
    lang = lang_of(src)
    from_code_dir = src.startswith(CODE_DIR)
    tasks = task_links(config, lang, from_code_dir)
    if which in FRAMEWORKS:
        label = LABELS[FRAMEWORKS.index(which)]
        return (
            "\n".join(
                f"- [{title}]({link}#{ident}-{CODE_GROUP}-{which}) ({label})"
                for title, link, ident in tasks
            )
            + "\n"
        )
    if which == "index":
        t = TEXT[lang]
        head = f"| {t['task']} | " + " | ".join(LABELS) + " |\n| --- | --- | --- | --- |\n"
        rows = [
            f"| [{title}]({link}) | "
            + " | ".join(
                f"[{label}]({link}#{ident}-{CODE_GROUP}-{fw})"
                for fw, label in zip(FRAMEWORKS, LABELS, strict=True)
            )
            + " |"
            for title, link, ident in tasks
        ]
        return head + "\n".join(rows) + "\n"
    line = page.markdown.count("\n", 0, match.start()) + 1 if page.markdown else 0
    raise PluginError(
        f"docs/{src}:{line}: unknown marker '{match.group(0)}'. Use "
        "<!-- code-tasks: tensorflow -->, keras, pytorch or index"
    )


def check_task_page(markdown: str, src: str) -> list[str]:
    """Problems with a task page's tabs, includes and annotations."""
    problems = []
    lines = markdown.splitlines()
    task_slug = Path(src).name.split(".")[0]
    task = task_slug.replace("-", "_")
    # tab groups: '=== "Label"' lines at one indentation, with only their (deeper indented)
    # content between them
    groups: list[dict] = []
    current = None
    for number, line in enumerate(lines, start=1):
        tab = TAB.match(line)
        if tab:
            indent = len(tab.group(1))
            if (
                current
                and current["indent"] == indent
                and current["open"]
                and not line.lstrip().startswith("===+")
            ):
                current["tabs"].append((number, tab.group(2)))
            else:
                current = {"indent": indent, "tabs": [(number, tab.group(2))], "open": True}
                groups.append(current)
        elif current and line.strip() and len(line) - len(line.lstrip()) <= current["indent"]:
            current["open"] = False
    if not groups:
        problems.append(
            f"docs/{src}: no content tabs; a task page has a tab group labelled {', '.join(LABELS)}"
        )
    for group in groups:
        labels = tuple(label for _, label in group["tabs"])
        if labels != LABELS:
            problems.append(
                f"docs/{src}:{group['tabs'][0][0]}: tabs {list(labels)}; every tab "
                f"group on a task page is labelled exactly {list(LABELS)}, in that "
                "order"
            )
    # every snippet of the page's task and every output it stores
    included = {m.group(2) for m in map(INCLUDE.match, lines) if m}
    runs = runner.discover_task(SNIPPETS, task)
    wanted = [f"{task}/{r.script.name}" for r in runs if r.backend in (None, KERAS_BACKENDS[0])]
    wanted += [f"{task}/{r.out.name}" for r in runs]
    for name in wanted:
        if name not in included:
            problems.append(
                f"docs/{src}: does not include snippets/{name}; write "
                f'--8<-- "{name}" in its framework\'s tab'
            )
    # what a reader takes away: the downloads and Colab in each code tab, the install line
    # in each "run it" tab
    for marker, name, where in (
        (MARKER_DOWNLOADS, "downloads", "code"),
        (MARKER_INSTALL, "install", "run it"),
    ):
        found = [m.group(2) for m in marker.finditer(markdown)]
        for fw in FRAMEWORKS:
            if found.count(fw) != 1:
                problems.append(
                    f"docs/{src}: has {found.count(fw)} '<!-- {name}: {fw} -->' marker(s); "
                    f"put exactly one in the {LABEL_OF[fw]} tab of the {where} section"
                )
    # annotations: one numbered item per '# (n)!' marker, right after the code block
    for number, line in enumerate(lines, start=1):
        include = INCLUDE.match(line)
        if not include or not include.group(2).endswith(".py"):
            continue
        path = SNIPPETS / include.group(2)
        if not path.exists():
            continue  # hooks/include_checks.py reports it
        markers = len(ANNOTATION_MARKER.findall(read_source(path)))
        items = annotation_items(lines, number)
        if items != markers:
            problems.append(
                f"docs/{src}:{number}: snippets/{include.group(2)} has {markers} annotation "
                f"marker(s) '# (n)!' but the code block is followed by {items} numbered "
                f"item(s); write one item per marker right after the closing fence"
            )
    return problems


def annotation_items(lines: list[str], include_line: int) -> int:
    """Numbered list items right after the fence that closes the block at include_line."""
    i = include_line  # index of the line after the include
    while i < len(lines) and not lines[i].strip().startswith("```"):
        i += 1
    i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    count = 0
    indent = None
    while i < len(lines):
        item = NUMBERED_ITEM.match(lines[i])
        if item and (indent is None or item.group(1) == indent):
            indent = item.group(1)
            count += 1
        elif lines[i].strip() and indent is not None and lines[i].startswith(indent + "    "):
            pass  # continuation of an item
        elif lines[i].strip():
            break
        i += 1
    return count


# --- take the code away: downloads, notebooks, Colab, install lines -------------------------
def github_repo(config: MkDocsConfig) -> str:
    """owner/name of the GitHub repository (repo_url, set by the deploy workflow)."""
    url = (config.repo_url or "").rstrip("/")
    if not url.startswith("https://github.com/") or url.count("/") != 4:
        raise PluginError(
            f"mkdocs.yml: repo_url {url!r} is not https://github.com/OWNER/REPO; the code "
            "pages' Colab links open notebooks from that repository (set REPO_URL)"
        )
    return url.removeprefix("https://github.com/")


def branch(config: MkDocsConfig) -> str:
    """The branch of the edit links (edit_uri: edit/<branch>/docs/)."""
    parts = (config.edit_uri or "").strip("/").split("/")
    if len(parts) < 2 or parts[0] not in ("edit", "blob"):
        raise PluginError(f"mkdocs.yml: edit_uri {config.edit_uri!r} is not edit/<branch>/docs/")
    return parts[1]


def task_of(src: str) -> str:
    """code/train-loop.md -> train_loop (the snippets folder)."""
    return Path(src).name.split(".")[0].replace("-", "_")


def downloads_html(fw: str, task: str, page: Page, config: MkDocsConfig, lang: str) -> str:
    nb = notebooks.Notebook(task, fw, lang)
    prefix = "" if lang == default_language(config) else f"{lang}/"
    py = f"{nb.slug}-{fw}.py"
    t = TEXT[lang]
    links = [
        (get_relative_url(f"{DOWNLOADS}{py}", page.url), t["download"].format(name=py), True),
        (
            get_relative_url(f"{prefix}{DOWNLOADS}{nb.download_name}", page.url),
            t["download"].format(name=nb.download_name),
            True,
        ),
        (
            f"{COLAB}{github_repo(config)}/blob/{branch(config)}/"
            f"{nb.path.relative_to(ROOT).as_posix()}",
            t["colab"],
            False,
        ),
    ]
    return (
        '<div class="code-take-away">'
        + " ".join(
            f'<a class="md-button" href="{href}"{" download" if download else ""}>{text}</a>'
            for href, text, download in links
        )
        + "</div>"
    )


def install_block(fw: str, task: str, lang: str, indent: str) -> str:
    script = runner.script_path(SNIPPETS, task, fw)
    commands = pins.install_commands(pins.imports_for(script, fw), lang)
    width = max(len(command) for command, _ in commands)
    lines = [
        command.ljust(width) + (f"  # {where}" if where else "") for command, where in commands
    ]
    body = "\n".join(f"{indent}{line}" for line in lines)
    return f'{indent}```bash title="{TEXT[lang]["install"]}"\n{body}\n{indent}```'


def archives_list(page: Page, config: MkDocsConfig, lang: str) -> str:
    prefix = "" if lang == default_language(config) else f"{lang}/"
    items = []
    for fw in FRAMEWORKS:
        name = f"notebooks-{fw}.zip"
        href = get_relative_url(f"{prefix}{DOWNLOADS}{name}", page.url)
        text = TEXT[lang]["archive"].format(label=LABEL_OF[fw], name=name)
        items.append(f'<li><a href="{href}" download>{text}</a></li>')
    return '<ul class="code-archives">' + "".join(items) + "</ul>"


def expand_take_away(markdown: str, page: Page, config: MkDocsConfig, lang: str) -> str:
    src = page.file.src_uri
    task = task_of(src)

    def framework_of(match: re.Match) -> str:
        fw = match.group(2)
        if fw not in FRAMEWORKS:
            line = markdown.count("\n", 0, match.start()) + 1
            raise PluginError(
                f"docs/{src}:{line}: unknown framework in '{match.group(0).strip()}'; "
                f"use one of {', '.join(FRAMEWORKS)}"
            )
        return fw

    def downloads(match: re.Match) -> str:  # the HTML goes in in on_page_content
        return f"{match.group(1)}{TAKE_AWAY_TOKEN.format(fw=framework_of(match))}"

    def install(match: re.Match) -> str:
        return install_block(framework_of(match), task, lang, match.group(1))

    markdown = MARKER_DOWNLOADS.sub(downloads, markdown)
    markdown = MARKER_INSTALL.sub(install, markdown)
    if MARKER_ARCHIVES in markdown:
        markdown = markdown.replace(MARKER_ARCHIVES, archives_list(page, config, lang))
    return markdown


def stale_notebooks(lang: str) -> list[str]:
    """Committed notebooks that are missing or whose code is not the snippet's any more."""
    problems = []
    for nb in notebooks.all_notebooks():
        if nb.lang != lang:
            continue
        shown = nb.path.relative_to(ROOT).as_posix()
        if not nb.path.exists():
            problems.append(f"{shown}: missing")
            continue
        import json

        cells = notebooks.code_cells(json.loads(read_source(nb.path)))
        if not cells or cells[-1] != notebooks.cell_text(read_source(nb.script)):
            problems.append(f"{shown}: its code is not {nb.script.name}'s any more")
    return problems


def write_downloads(config: MkDocsConfig) -> None:
    """The .py files (once), and each language's notebooks and one archive per framework."""
    import zipfile

    site = Path(config.site_dir)
    lang = current_language(config) or "ko"
    default = default_language(config) or "ko"
    problems = stale_notebooks(lang)
    if problems:
        message = (
            "notebooks out of step with their snippets:\n  "
            + "\n  ".join(problems)
            + "\nRun `make snippets` (it reruns the snippets and remakes the notebooks) and "
            "commit the .out and .ipynb files."
        )
        if not fallback_allowed():
            raise PluginError(message)
        log.info(message)  # make serve (strict would stop on a warning): preview, remake later
    folder = site / ("" if lang == default else f"{lang}/") / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    archives = {fw: [] for fw in FRAMEWORKS}
    for nb in notebooks.all_notebooks():
        if nb.lang != lang:
            continue
        if lang == default:
            (site / DOWNLOADS / f"{nb.slug}-{nb.framework}.py").write_bytes(nb.script.read_bytes())
        if nb.path.exists():
            (folder / nb.download_name).write_bytes(nb.path.read_bytes())
            archives[nb.framework].append(nb)
    for fw, items in archives.items():
        with zipfile.ZipFile(folder / f"notebooks-{fw}.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            for nb in items:
                info = zipfile.ZipInfo(nb.download_name, date_time=(2020, 1, 1, 0, 0, 0))
                zf.writestr(info, nb.path.read_bytes(), zipfile.ZIP_DEFLATED)


def on_post_build(*, config: MkDocsConfig) -> None:
    write_downloads(config)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    lang = lang_of(src)
    if is_task_page(src):
        problems = check_task_page(markdown, src)
        if problems:
            raise PluginError("code page problems:\n  " + "\n  ".join(problems))
    if MARKER_VERSIONS in markdown:
        markdown = markdown.replace(MARKER_VERSIONS, versions_table(lang))
    if MARKER_CHECKS in markdown:
        markdown = markdown.replace(MARKER_CHECKS, checks_text(lang))
    markdown = expand_take_away(markdown, page, config, lang)
    if MARKER_TASKS.search(markdown):
        page.markdown = markdown
        markdown = MARKER_TASKS.sub(lambda m: replace_task_marker(m, page, config), markdown)
    return markdown


# The compare view (docs/assets/javascripts/code-compare.js) is written into the page here, not
# by the script, so starting the page restyles nothing; the script only makes the button work.
COMPARE_TEXT = {"ko": "세 프레임워크 나란히 보기", "en": "Show the three frameworks side by side"}
TAB_GROUP = re.compile(
    r'<div class="tabbed-set\b([^"]*)"([^>]*)>((?:<input\b[^>]*>)+)'
    r'<div class="tabbed-labels">(.*?)</div>',
    re.S,
)
TAB_GROUP_START = re.compile(r'<div class="tabbed-set\b')
LABEL_TEXT = re.compile(r"<label\b[^>]*>(.*?)</label>", re.S)
TAG = re.compile(r"<[^>]+>")
CONTENT_TITLE = re.compile(r'(class="md-content__inner\b.*?</h1>)', re.S)


def is_framework_group(labels_html: str) -> bool:
    """Labelled exactly TensorFlow, Keras, PyTorch, in that order (as the task pages' checks
    require), so the three panels can stand side by side."""
    texts = [TAG.sub("", label).strip() for label in LABEL_TEXT.findall(labels_html)]
    return tuple(texts) == LABELS


def add_compare_view(html: str, lang: str, where: str = "", *, required: bool = False) -> str:
    """Mark the framework tab groups and put the compare button after the page's title.

    A tab group the pattern does not read (pymdownx.tabbed changed its markup), or a task page
    (``required``) without a framework group, stops the build: the view never silently goes.
    """
    found = 0

    def mark(match: re.Match) -> str:
        nonlocal found
        if not is_framework_group(match.group(4)):
            return match.group(0)
        found += 1
        return (
            f'<div class="tabbed-set{match.group(1)} code-compare-set"{match.group(2)}>'
            f'{match.group(3)}<div class="tabbed-labels">{match.group(4)}</div>'
        )

    groups = len(TAB_GROUP_START.findall(html))
    html, matched = TAB_GROUP.subn(mark, html)
    fix = (
        "The compare view's pattern (TAB_GROUP in hooks/code_pages.py) no longer reads "
        "pymdownx.tabbed's markup: update it to the new markup."
    )
    if matched != groups:
        raise PluginError(
            f"{where}: {groups} tab group(s) in the page, {matched} read by the compare view. {fix}"
        )
    if required and not found:
        raise PluginError(
            f"{where}: a task page without a TensorFlow/Keras/PyTorch tab group in its HTML. {fix}"
        )
    if not found:
        return html
    bar = (
        '<div class="code-compare-bar"><button type="button" class="code-compare-toggle" '
        f'aria-pressed="false">{COMPARE_TEXT[lang]}</button></div>'
    )
    html, count = CONTENT_TITLE.subn(lambda m: m.group(1) + bar, html, count=1)
    if not count:
        raise PluginError(
            f"{where}: no <h1> in .md-content__inner; the compare bar goes after "
            "the page's title (hooks/code_pages.py)"
        )
    return html


def is_task_page(src: str) -> bool:
    return src.startswith(CODE_DIR) and Path(src).name not in ("index.md", "index.en.md")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    src = page.file.src_uri
    return add_compare_view(output, lang_of(src), f"docs/{src}", required=is_task_page(src))


TABBED_INPUT = re.compile(r'<input\b[^>]*\bname="__tabbed_[^"]*"[^>]*>')
ID_ATTR = re.compile(r'\bid="([^"]+)"')


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make the content tabs' ids linkable for MkDocs' anchor validation.

    pymdownx.tabbed gives each tab its id (``tensors-code-pytorch``) in a tree processor that
    runs after MkDocs has collected the page's ids, so links to a tab (the framework pages
    link to their tab on every task page) would be reported as broken although the id is in
    the page. Add the ids that are really in the rendered HTML.
    """
    if TAKE_AWAY_PARAGRAPH.search(html):
        src = page.file.src_uri
        html = TAKE_AWAY_PARAGRAPH.sub(
            lambda m: downloads_html(m.group(1), task_of(src), page, config, lang_of(src)), html
        )
    present = getattr(page, "present_anchor_ids", None)
    if present is not None:
        for tag in TABBED_INPUT.findall(html):
            ident = ID_ATTR.search(tag)
            if ident:
                present.add(ident.group(1))
    return html
