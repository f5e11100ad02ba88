"""What the hooks share: the project's root, twin pages, languages and heading ids.
Not a hook itself (mkdocs.yml does not list it); the tests import it too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parents[1]
EN_SUFFIX = ".en.md"  # docs/x.md is Korean (the default language), docs/x.en.md its twin

# An explicit heading id at the end of a Markdown heading: `## 장점 {#strengths}`.
HEADING_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


# --- twin pages and their languages ------------------------------------------------------
def twin_of(rel: str) -> str:
    """The other language's file of a docs path: keras.md <-> keras.en.md."""
    if rel.endswith(EN_SUFFIX):
        return rel[: -len(EN_SUFFIX)] + ".md"
    return rel[: -len(".md")] + EN_SUFFIX


def lang_of(rel: str) -> str:
    """The language of a docs path: 'en' for x.en.md, else 'ko'."""
    return "en" if rel.endswith(EN_SUFFIX) else "ko"


def in_language(rel: str, lang: str) -> str:
    """A page's file in a language, from its Korean path: keras.md -> keras.en.md for 'en'."""
    return rel if lang == "ko" or rel.endswith(EN_SUFFIX) else twin_of(rel)


def docs_prefix(config: MkDocsConfig) -> str:
    """How docs_dir is written in messages: 'docs/' (relative to mkdocs.yml where it can be)."""
    docs = Path(config["docs_dir"]).resolve()
    project = Path(config["config_file_path"]).resolve().parent
    try:
        return docs.relative_to(project).as_posix() + "/"
    except ValueError:
        return str(docs) + "/"


# --- the i18n plugin's languages -----------------------------------------------------------
def i18n_plugin(config: MkDocsConfig):
    """mkdocs-static-i18n's plugin object, or None where the plugin is not configured."""
    return config.plugins.get("i18n")


def current_language(config: MkDocsConfig) -> str | None:
    """The language being built (static-i18n builds the default one first), or None."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return None
    return plugin.current_language or plugin.default_language


def default_language(config: MkDocsConfig) -> str | None:
    plugin = i18n_plugin(config)
    return None if plugin is None else plugin.default_language


# --- reading the sources -------------------------------------------------------------------
def read_source(path: Path) -> str:
    """A source file's text (UTF-8). One that is not UTF-8 stops the build with its name, the
    line and what to do, never a bare UnicodeDecodeError."""
    from mkdocs.exceptions import PluginError

    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            shown = path.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            shown = str(path)
        raise PluginError(
            f"{shown}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at column {column}). "
            "Save the file as UTF-8 (in most editors: 'Save with encoding' / "
            "'Reopen with encoding', then UTF-8)."
        ) from None
