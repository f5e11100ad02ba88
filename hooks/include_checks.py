"""Check every snippet include of every page before the build, with file, line and fix.

Pages include code with pymdownx.snippets (``--8<-- "tensors/pytorch.py"``, or a marked part
of a file: ``--8<-- "tensors/pytorch.py:create"``). With ``check_paths`` a missing file or
section stops the build, but pymdownx's message names neither the line nor, for a section,
the file (``Snippet section 'create' could not be located``) and ends in a traceback. This
check finds the same problems first, for all pages at once, and says where and what to do.

It uses pymdownx's own parser and path lookup with the project's configuration, so it cannot
disagree with what the build then includes.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from mkdocs.exceptions import PluginError

from project import read_source  # hooks/ is on sys.path while MkDocs loads a hook

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

EXTENSION = "pymdownx.snippets"


def snippet_preprocessor(config):
    """pymdownx's SnippetPreprocessor configured as mkdocs.yml configures it."""
    options = dict(config["mdx_configs"].get(EXTENSION, {}))
    md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: options})
    return md.preprocessors["snippet"]


def includes(text: str, pre) -> list[tuple[int, str]]:
    """(line, include spec) for every snippet include in a Markdown source."""
    out = []
    in_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        match = pre.RE_ALL_SNIPPETS.match(line)
        if match:
            if match.group("escape"):
                continue
            if match.group("inline_marker"):
                out.append((number, match.group("snippet")[1:-1].replace('\\"', '"')))
            elif match.group("block_marker"):
                in_block = not in_block
            continue
        if in_block:
            spec = line.strip()
            if spec and not spec.startswith(";"):
                out.append((number, spec))
    return out


def sections(path: Path, pre) -> list[str]:
    names = []
    for line in read_source(path).splitlines():
        match = pre.match_section(line)
        if match and not match.group("escape") and match.group("type").lower() == "start":
            names.append(match.group("name"))
    return names


def check_includes(docs_dir: Path, pre, shown_bases: list[str]) -> list[str]:
    problems = []
    bases = " or ".join(f"{b}/" for b in shown_bases) or "the snippets base_path"
    known = sorted(
        p.relative_to(base).as_posix()
        for base in map(Path, pre.base_path)
        if base.is_dir()
        for p in base.rglob("*")
        if p.is_file()
    )
    for page in sorted(docs_dir.rglob("*.md")):
        rel = f"docs/{page.relative_to(docs_dir).as_posix()}"
        for number, spec in includes(read_source(page), pre):
            if spec.lower().startswith(("http://", "https://")):
                continue
            parts = pre.split_path(spec)
            if parts is None:
                continue
            path, _lines, section = parts
            found = pre.get_snippet_path(path)
            if found is None:
                close = difflib.get_close_matches(path, known, n=3)
                hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                problems.append(
                    f"{rel}:{number}: includes '{spec}', but there is no file '{path}' in "
                    f"{bases} (include paths are relative to it). Fix the path or add the "
                    f"file.{hint}"
                )
                continue
            if section:
                name = section.lstrip(":")
                have = sections(Path(found), pre)
                if name not in have:
                    shown = Path(found)
                    try:
                        shown = shown.resolve().relative_to(Path.cwd().resolve())
                    except ValueError:
                        pass
                    there = f"Sections there: {', '.join(have)}." if have else "It has no sections."
                    problems.append(
                        f"{rel}:{number}: includes '{spec}', but {shown.as_posix()} has no "
                        f"section '{name}'. {there} Fix the name, or mark the lines in the "
                        f"file with '# --8<-- [start:{name}]' and '# --8<-- [end:{name}]'."
                    )
    return problems


def on_pre_build(*, config: MkDocsConfig) -> None:
    if EXTENSION not in config["markdown_extensions"]:
        return
    pre = snippet_preprocessor(config)
    shown = config["mdx_configs"].get(EXTENSION, {}).get("base_path", [])
    if isinstance(shown, str):
        shown = [shown]
    problems = check_includes(Path(config["docs_dir"]), pre, [str(b).rstrip("/") for b in shown])
    if problems:
        raise PluginError(
            f"{len(problems)} snippet include problem(s):\n  " + "\n  ".join(problems)
        )
