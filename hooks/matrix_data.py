"""The pros/cons matrix data: ``data/matrix.yml`` read with line numbers and checked.

* ``read_yaml`` keeps the line of every key and value, so each problem names its line.
* ``check`` holds the file to the schema below and collects every problem at once: each text in
  Korean and English, a cell for every framework in every row, ratings in range, unique keys,
  links to pages of ``docs/`` and anchors those pages (and their twins) really have, and for
  every cell a *current* rating with its reason, its source and the date it was checked. A
  column the article does not cover (``article: false``, JAX) holds current ratings only.
* ``load_matrix`` returns the checked ``Matrix`` or raises ``MatrixError``; hooks/matrix.py
  renders it. Nothing here writes HTML.

Shape of the data file (its own header comment says more)::

    scale:      {min: 1, max: 5, labels: {5: {word: {ko, en}, meaning: {ko, en}}, ...},
                 none: {word: {ko, en}, meaning: {ko, en}}}
    frameworks: {tensorflow: {name: TensorFlow, page: tensorflow.md},        # the columns
                 jax: {name: JAX, page: jax.md, article: false}, ...}
    criteria:                                                                 # the rows
      - key: training-speed          # row id: criterion-training-speed
        title: {ko, en}
        explanation: {ko, en}
        source: pytorch.md#strengths
        cells:
          pytorch:                   # the article's view (2019), then what holds now
            rating: 5 | null
            note: {ko, en}
            source: ..., update: ..., dated: true     # optional
            current:
              rating: 1..5 | n/a | null               # n/a: does not apply; null: no ranking
              reason: {ko, en}
              source: https://... | page.md#id | [several]
              checked: 2026-12-02
          jax:                       # a column with `article: false`: `current:` only
            current: {...}
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from i18n_checks import outside_fences  # hooks/ is on sys.path while MkDocs loads a hook
from project import HEADING_ID, in_language, read_source

DATA_FILE = "data/matrix.yml"
MATRIX_PAGE = "compare.md"  # the page with the table; rows are MATRIX_PAGE#criterion-<key>
LANGS = {"ko": "Korean", "en": "English"}
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")
HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
NOT_APPLICABLE = "n/a"  # a current rating: the criterion does not apply to this framework
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
ARTICLE_KEYS = ("rating", "note", "source", "update", "dated")  # a cell's view of the article


# --- reading YAML with line numbers ------------------------------------------------------
class YMap(dict):
    """A mapping from the data file that remembers where it and each of its values stand."""

    line: int = 0
    lines: dict  # key -> line of the value
    key_lines: dict  # key -> line of the key itself


class YList(list):
    line: int = 0
    lines: list  # index -> line of the item


class MatrixError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in {DATA_FILE}:\n  " + "\n  ".join(problems))


def _plain(node, constructor, where: str, problems: list[str]):
    """Turn a composed YAML node into YMap/YList/scalars, keeping 1-based line numbers."""
    if isinstance(node, yaml.MappingNode):
        out = YMap()
        out.line, out.lines, out.key_lines = node.start_mark.line + 1, {}, {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                problems.append(
                    f"{where}:{key_node.start_mark.line + 1}: a key must be a plain word or number."
                )
                continue
            if key in out:
                problems.append(
                    f"{where}:{key_node.start_mark.line + 1}: key '{key}' appears twice in the "
                    f"same mapping (first on line {out.key_lines[key]}). YAML keeps only the last "
                    "one: remove or rename the duplicate."
                )
                continue
            out[key] = _plain(value_node, constructor, where, problems)
            out.lines[key] = value_node.start_mark.line + 1
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        out = YList(_plain(item, constructor, where, problems) for item in node.value)
        out.line = node.start_mark.line + 1
        out.lines = [item.start_mark.line + 1 for item in node.value]
        return out
    return constructor.construct_object(node, deep=True)


def read_yaml(text: str, where: str):
    """Parse YAML text; raise MatrixError naming the line of a syntax error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise MatrixError(
            [
                f"{where}:{line}: YAML syntax error: {detail} (column {column}). Fix the line "
                "(check indentation, a missing ':' or an unclosed quote or bracket)."
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise MatrixError([f"{where}:1: the file is not valid YAML: {exc}."]) from None
    if node is None:
        raise MatrixError(
            [
                f"{where}:1: the file is empty. It must hold 'scale:', "
                "'frameworks:' and 'criteria:' (the shape is described at the top of "
                "hooks/matrix_data.py); restore it from git history."
            ]
        )
    problems: list[str] = []
    data = _plain(node, yaml.constructor.SafeConstructor(), where, problems)
    if problems:
        raise MatrixError(problems)
    return data


# --- what the pages hold: files and anchors ----------------------------------------------
@dataclass
class DocPage:
    title: str = ""
    headings: dict[str, str] = field(default_factory=dict)  # id -> heading text
    ids: set[str] = field(default_factory=set)  # every explicit id


def read_doc(path: Path) -> DocPage:
    page = DocPage()
    for _, line in outside_fences(read_source(path)):
        head = HEADING.match(line)
        if head:
            ident = HEADING_ID.search(head.group(1))
            text = HEADING_ID.sub("", head.group(1)).strip()
            if not page.title and line.startswith("# "):
                page.title = text
            if ident:
                page.headings[ident.group(1)] = text
                page.ids.add(ident.group(1))
        page.ids.update(HTML_ID.findall(line))
    return page


# --- the data, checked -------------------------------------------------------------------
@dataclass
class Link:
    doc: str  # docs-relative Korean file name, e.g. pytorch.md
    anchor: str  # without '#', may be ''
    line: int = 0  # where the data file states it


Source = Link | str  # a page of docs/, or a web address (https://...)


@dataclass
class Current:
    """What holds now, as this site checked it: never without a source and a date."""

    rating: int | str | None  # min..max, NOT_APPLICABLE, or None (no general answer)
    reason: dict[str, str]
    sources: list[Source]
    checked: datetime.date
    line: int = 0


@dataclass
class Cell:
    rating: int | None  # the article's rating (None: the article says nothing)
    note: dict[str, str]
    source: Link | None = None
    update: Link | None = None
    dated: bool = False
    current: Current | None = None
    article: bool = True  # False in a column the article does not cover (no article view)


def host_of(url: str) -> str:
    """A readable name for a web address: its host, plus the owner on github.com."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    first = parts.path.strip("/").split("/")[0]
    return f"{host}/{first}" if host == "github.com" and first else host


@dataclass
class Criterion:
    key: str
    title: dict[str, str]
    explanation: dict[str, str]
    source: Link
    cells: dict[str, Cell]


@dataclass
class Matrix:
    min: int
    max: int
    words: dict[int | str | None, dict[str, str]]  # rating (None: not rated) -> {lang: word}
    meanings: dict[int | str | None, dict[str, str]]  # what the article's rating means
    current_meanings: dict[int | str | None, dict[str, str]]  # what a current rating means
    frameworks: dict[str, dict]  # key -> {"name": ..., "page": ..., "article": bool}
    criteria: list[Criterion]
    docs: dict[str, DocPage]  # docs-relative file -> its headings and ids


class Checker:
    def __init__(self, where: str, docs_dir: Path):
        self.where = where
        self.docs_dir = docs_dir
        self.problems: list[str] = []
        self.docs: dict[str, DocPage] = {}
        self.row_keys: set[str] = set()

    def error(self, line: int, path: str, message: str) -> None:
        self.problems.append(f"{self.where}:{line}: {path}: {message}")

    def mapping(
        self, value, line: int, path: str, required: dict[str, str], optional: tuple[str, ...] = ()
    ) -> YMap | None:
        if not isinstance(value, YMap):
            keys = f" with {', '.join(map(str, required))}" if required else ""
            fix = (
                f"Indent its keys under '{path}:'."
                if path
                else "Start the file with 'scale:', 'frameworks:' and 'criteria:'."
            )
            self.error(
                line,
                path or "(top level)",
                f"expected a mapping{keys}, found {type(value).__name__} {value!r}. {fix}",
            )
            return None
        for key, hint in required.items():
            if key not in value:
                self.error(
                    value.line, f"{path}.{key}" if path else key, f"missing. Add '{key}:' ({hint})."
                )
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.error(
                    value.key_lines[key],
                    f"{path}.{key}" if path else str(key),
                    f"unknown key. Allowed here: {', '.join(sorted(map(str, allowed)))}. "
                    "Check the spelling.",
                )
        return value

    def text(self, parent: YMap, key: str, path: str) -> dict[str, str]:
        if key not in parent:
            return {}  # reported by mapping() as missing
        value, line = parent[key], parent.lines[key]
        where = f"{path}.{key}"
        if not isinstance(value, YMap):
            self.error(
                line,
                where,
                "expected the text in both languages, "
                "e.g. '{ko: 한국어 문장, en: English sentence}'.",
            )
            return {}
        out = {}
        for lang, name in LANGS.items():
            if lang not in value:
                self.error(
                    value.line,
                    f"{where}.{lang}",
                    f"missing {name} translation. Add '{lang}: ...' next to the other "
                    "language; both languages render from this one file.",
                )
            elif not isinstance(value[lang], str) or not value[lang].strip():
                self.error(
                    value.lines[lang],
                    f"{where}.{lang}",
                    f"the {name} text is empty. Write the {name} sentence.",
                )
            else:
                out[lang] = value[lang].strip()
        for lang in value:
            if lang not in LANGS:
                self.error(
                    value.key_lines[lang],
                    f"{where}.{lang}",
                    f"unknown language '{lang}'. Use {' and '.join(LANGS)}.",
                )
        return out

    def doc(self, rel: str) -> DocPage | None:
        if rel not in self.docs:
            path = self.docs_dir / rel
            self.docs[rel] = read_doc(path) if path.is_file() else None
        return self.docs[rel]

    def link(self, parent: YMap, key: str, path: str) -> Link | None:
        value, line = parent.get(key), parent.lines.get(key, parent.line)
        return self.link_value(value, line, f"{path}.{key}")

    def link_value(self, value, line: int, where: str) -> Link | None:
        if not isinstance(value, str) or not value.strip():
            self.error(
                line,
                where,
                f"expected a link to a page of docs/, like "
                f"'tensorflow.md#strengths', found {value!r}.",
            )
            return None
        doc, _, anchor = value.strip().partition("#")
        if (
            re.match(r"^[a-z][a-z0-9+.-]*:", doc)
            or doc.startswith("/")
            or not doc.endswith(".md")
            or doc.endswith(f".{'en'}.md")
        ):
            self.error(
                line,
                where,
                f"'{value}' is not a docs page. Link to the Korean file "
                "name inside docs/ (e.g. 'pytorch.md#update-community'); the English "
                "build uses its twin.",
            )
            return None
        for lang in LANGS:
            rel = in_language(doc, lang)
            page = self.doc(rel)
            if page is None:
                self.error(
                    line,
                    where,
                    f"'{value}' links to a missing page: docs/{rel} does "
                    "not exist. Fix the file name or create the page.",
                )
                continue
            if not anchor:
                continue
            generated = doc == MATRIX_PAGE and anchor.startswith("criterion-")
            if generated:
                continue  # rows are checked once all keys are known (see check())
            if anchor not in page.ids:
                self.error(
                    line,
                    where,
                    f"'{value}' links to a missing anchor: docs/{rel} has "
                    f"no heading '{{#{anchor}}}' or id=\"{anchor}\". Use one of its ids "
                    f"({', '.join(sorted(page.ids)) or 'none'}) or add the id to the "
                    "page.",
                )
        return Link(doc, anchor, line)


def check(data, where: str, docs_dir: Path) -> Matrix:
    """Check the parsed data file against the schema; raise MatrixError with every problem."""
    c = Checker(where, docs_dir)
    top = c.mapping(
        data,
        getattr(data, "line", 1),
        "",
        {"scale": "the rating scale", "frameworks": "the columns", "criteria": "the rows"},
    )
    if top is None:
        raise MatrixError(c.problems)

    # scale
    low, high, words, meanings, current_meanings = 1, 5, {}, {}, {}
    scale = top.get("scale")
    if "scale" in top and c.mapping(
        scale,
        top.lines["scale"],
        "scale",
        {
            "min": "lowest rating",
            "max": "highest rating",
            "labels": "a word and a meaning for each rating",
            "none": "for rating: null",
            "not_applicable": f"for a current rating of {NOT_APPLICABLE}",
        },
    ):
        for bound in ("min", "max"):
            value = scale.get(bound)
            if bound in scale and (not isinstance(value, int) or isinstance(value, bool)):
                c.error(
                    scale.lines[bound],
                    f"scale.{bound}",
                    f"{value!r} is not a whole number. The scale is 'min: 1' and 'max: 5'.",
                )
        if isinstance(scale.get("min"), int) and isinstance(scale.get("max"), int):
            low, high = scale["min"], scale["max"]
            if low >= high:
                c.error(scale.lines["max"], "scale.max", f"{high} is not above min {low}.")
        labels = scale.get("labels")
        if "labels" in scale and c.mapping(
            labels,
            scale.lines["labels"],
            "scale.labels",
            {n: f"the word and meaning of rating {n}" for n in range(low, high + 1)},
        ):
            for n in range(low, high + 1):
                label = labels.get(n)
                if n in labels and c.mapping(
                    label,
                    labels.lines[n],
                    f"scale.labels.{n}",
                    {
                        "word": "{ko, en}",
                        "meaning": "{ko, en}: what the article's rating means",
                        "current": "{ko, en}: what a current rating means",
                    },
                ):
                    words[n] = c.text(label, "word", f"scale.labels.{n}")
                    meanings[n] = c.text(label, "meaning", f"scale.labels.{n}")
                    current_meanings[n] = c.text(label, "current", f"scale.labels.{n}")
        none = scale.get("none")
        if "none" in scale and c.mapping(
            none,
            scale.lines["none"],
            "scale.none",
            {"word": "{ko, en}", "meaning": "{ko, en}", "current": "{ko, en}"},
        ):
            words[None] = c.text(none, "word", "scale.none")
            meanings[None] = c.text(none, "meaning", "scale.none")
            current_meanings[None] = c.text(none, "current", "scale.none")
        na = scale.get("not_applicable")
        if "not_applicable" in scale and c.mapping(
            na,
            scale.lines["not_applicable"],
            "scale.not_applicable",
            {"word": "{ko, en}", "current": "{ko, en}"},
        ):
            words[NOT_APPLICABLE] = c.text(na, "word", "scale.not_applicable")
            current_meanings[NOT_APPLICABLE] = c.text(na, "current", "scale.not_applicable")

    # frameworks
    frameworks: dict[str, dict] = {}
    fw = top.get("frameworks")
    fw_ok = "frameworks" in top and isinstance(fw, YMap)
    if "frameworks" in top and c.mapping(
        fw, top.lines["frameworks"], "frameworks", {}, tuple(fw) if isinstance(fw, YMap) else ()
    ):
        if not fw:
            c.error(
                fw.line,
                "frameworks",
                "no framework. List the columns, e.g. "
                "'tensorflow: {name: TensorFlow, page: tensorflow.md}'.",
            )
        for key, value in fw.items():
            path = f"frameworks.{key}"
            if not isinstance(key, str) or not KEY.match(key):
                c.error(
                    fw.key_lines[key],
                    path,
                    "a framework key is lower-case letters, digits and hyphens.",
                )
                continue
            if c.mapping(
                value,
                fw.lines[key],
                path,
                {"name": "its display name", "page": "its page, e.g. keras.md"},
                ("article",),
            ):
                name = value.get("name")
                if "name" in value and (not isinstance(name, str) or not name.strip()):
                    c.error(value.lines["name"], f"{path}.name", "the display name is empty.")
                page = c.link(value, "page", path) if "page" in value else None
                if page and page.anchor:
                    c.error(
                        value.lines["page"],
                        f"{path}.page",
                        "name the page only, without '#anchor'.",
                    )
                article = value.get("article", True)
                if not isinstance(article, bool):
                    c.error(
                        value.lines["article"],
                        f"{path}.article",
                        f"{article!r}: use true, or false for a framework the article does not "
                        "cover (its cells then hold current ratings only).",
                    )
                    article = True
                frameworks[key] = {
                    "name": str(name or key),
                    "page": page.doc if page else "",
                    "article": article,
                }

    # criteria
    criteria: list[Criterion] = []
    rows = top.get("criteria")
    if "criteria" in top and not isinstance(rows, YList):
        c.error(
            top.lines["criteria"],
            "criteria",
            "expected a list of criteria, each starting with '- key: ...'.",
        )
        rows = None
    first_seen: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(rows or []):
        path = f"criteria[{i}]"
        row = c.mapping(
            row,
            rows.lines[i],
            path,
            {
                "key": "unique, lower-case-with-hyphens; the row id is criterion-<key>",
                "title": "{ko, en}",
                "explanation": "{ko, en}",
                "source": "the page section behind the row, e.g. keras.md#strengths",
                "cells": "one cell per framework",
            },
        )
        if row is None:
            continue
        key = row.get("key")
        if "key" in row:
            if not isinstance(key, str) or not KEY.match(key):
                c.error(
                    row.lines["key"],
                    f"{path}.key",
                    f"{key!r} is not a valid key. Use "
                    "lower-case letters, digits and hyphens, e.g. 'training-speed'.",
                )
            elif key in first_seen:
                j, line = first_seen[key]
                c.error(
                    row.lines["key"],
                    f"{path}.key",
                    f"duplicate criterion '{key}': "
                    f"criteria[{j}] (line {line}) has the same key. Merge the two rows or "
                    "give this one another key; the key is the row's id on the page.",
                )
            else:
                first_seen[key] = (i, row.lines["key"])
        title = c.text(row, "title", path)
        explanation = c.text(row, "explanation", path)
        source = c.link(row, "source", path) if "source" in row else None
        cells: dict[str, Cell] = {}
        raw = row.get("cells")
        if "cells" in row and c.mapping(
            raw,
            row.lines["cells"],
            f"{path}.cells",
            {},
            tuple(raw) if isinstance(raw, YMap) else (),
        ):
            for fw_key in raw:
                if fw_ok and fw_key not in fw:
                    c.error(
                        raw.key_lines[fw_key],
                        f"{path}.cells.{fw_key}",
                        f"unknown framework '{fw_key}'. Known: "
                        f"{', '.join(k for k, f in frameworks.items() if f['article']) or 'none'}"
                        ". Fix the spelling, or add the framework under 'frameworks:' first."
                        + "".join(
                            f" {f['name']} ('{k}') is known too, with current ratings only."
                            for k, f in frameworks.items()
                            if not f["article"]
                        ),
                    )
            for fw_key in frameworks:
                if fw_key not in raw:
                    c.error(
                        raw.line,
                        f"{path}.cells.{fw_key}",
                        f"no cell for {fw_key}. Every criterion needs a cell for every "
                        "framework; use 'rating: null' when the article says nothing, and "
                        "give what holds now under 'current:'.",
                    )
                    continue
                cell = check_cell(
                    c,
                    raw[fw_key],
                    raw.lines[fw_key],
                    f"{path}.cells.{fw_key}",
                    low,
                    high,
                    frameworks[fw_key],
                )
                if cell:
                    cells[fw_key] = cell
        if (
            isinstance(key, str)
            and title
            and explanation
            and source
            and len(cells) == len(frameworks)
        ):
            criteria.append(Criterion(key, title, explanation, source, cells))
    if isinstance(rows, YList) and not rows:
        c.error(top.lines["criteria"], "criteria", "no criterion. Add at least one row.")

    # links to the matrix's own rows (generated ids) can be checked now that keys are known
    known_rows = {f"criterion-{k}" for k in first_seen}
    for criterion in criteria:
        links = (
            [("source", criterion.source)]
            + [
                (f"cells.{f}.{kind}", getattr(cell, kind))
                for f, cell in criterion.cells.items()
                for kind in ("source", "update")
            ]
            + [
                (f"cells.{f}.current.source", src)
                for f, cell in criterion.cells.items()
                if cell.current
                for src in cell.current.sources
                if isinstance(src, Link)
            ]
        )
        for name, link in links:
            if (
                link
                and link.doc == MATRIX_PAGE
                and link.anchor.startswith("criterion-")
                and link.anchor not in known_rows
            ):
                i = next(
                    n
                    for n, r in enumerate(rows)
                    if isinstance(r, YMap) and r.get("key") == criterion.key
                )
                c.error(
                    link.line,
                    f"criteria[{i}].{name}",
                    f"no criterion row #{link.anchor}. Link a row whose key exists.",
                )
    if c.problems:
        raise MatrixError(c.problems)
    return Matrix(
        low,
        high,
        words,
        meanings,
        current_meanings,
        frameworks,
        criteria,
        {k: v for k, v in c.docs.items() if v is not None},
    )


def check_cell(
    c: Checker, value, line: int, path: str, low: int, high: int, framework: dict
) -> Cell | None:
    """One cell: the article's view (rating, note, links) and what holds now (``current``).
    In a column the article does not cover, an article rating is refused by name."""
    article = framework.get("article", True)
    name = framework.get("name", path)
    if article:
        required = {
            "rating": f"a whole number {low}–{high}, or null when the article says nothing",
            "note": "{ko, en}",
            "current": "what holds now: rating, reason, source and checked",
        }
    else:
        required = {"current": "what holds now: rating, reason, source and checked"}
    # in a column without the article, its keys are allowed here only to be refused by name
    cell = c.mapping(value, line, path, required, ARTICLE_KEYS[2:] if article else ARTICLE_KEYS)
    if cell is None:
        return None
    if not article:
        refused = [k for k in ARTICLE_KEYS if k in cell]
        for key in refused:
            c.error(
                cell.key_lines[key],
                f"{path}.{key}",
                f"the article does not cover {name}, so this column holds no article "
                f"rating or note. Remove '{key}:' and keep what holds now under 'current:'.",
            )
        current = check_current(c, cell, path, low, high)
        if refused or current is None:
            return None
        return Cell(None, {}, current=current, article=False)
    rating = cell.get("rating")
    ok = True
    if "rating" in cell and rating is not None:
        if isinstance(rating, bool) or not isinstance(rating, int):
            c.error(
                cell.lines["rating"],
                f"{path}.rating",
                f"{rating!r} is not a whole number. "
                f"Use {low}–{high}, or null when the article says nothing.",
            )
            ok = False
        elif not low <= rating <= high:
            c.error(
                cell.lines["rating"],
                f"{path}.rating",
                f"{rating} is out of range "
                f"{low}–{high}. Use a whole number from {low} to {high} (see scale.labels), "
                "or null when the article says nothing.",
            )
            ok = False
    note = c.text(cell, "note", path)
    source = c.link(cell, "source", path) if "source" in cell else None
    update = c.link(cell, "update", path) if "update" in cell else None
    dated = cell.get("dated", False)
    if not isinstance(dated, bool):
        c.error(cell.lines["dated"], f"{path}.dated", f"{dated!r}: use true or false.")
        dated = False
    if dated and "update" not in cell:
        c.error(
            cell.lines["dated"],
            f"{path}.dated",
            "a dated claim must link the update "
            "note that says what holds now: add 'update: page.md#update-...'.",
        )
    if update and not update.anchor:
        c.error(
            cell.lines["update"],
            f"{path}.update",
            "link the update note itself, e.g. 'pytorch.md#update-training-speed'.",
        )
    current = check_current(c, cell, path, low, high) if "current" in cell else None
    if not ok or len(note) != len(LANGS) or "rating" not in cell or current is None:
        return None
    return Cell(rating, note, source, update, dated, current)


def check_current(c: Checker, cell: YMap, path: str, low: int, high: int) -> Current | None:
    """``current:``: a rating with its one-line reason, its source and the day it was checked.
    A current rating without a source or a date is refused."""
    where = f"{path}.current"
    value = c.mapping(
        cell.get("current"),
        cell.lines.get("current", cell.line),
        where,
        {
            "rating": f"a whole number {low}–{high}, {NOT_APPLICABLE} when the criterion does "
            "not apply, or null when no general answer holds",
            "reason": "{ko, en}: one line on why",
            "source": "where this is shown: a web address (https://...) or a page of docs/ "
            "(page.md#id), or a list of them; a current rating needs its source",
            "checked": "the day the source was read, e.g. 2026-12-02; a current rating needs "
            "the date it was checked",
        },
    )
    if value is None:
        return None
    ok = True
    rating = value.get("rating")
    if "rating" in value and rating is not None and rating != NOT_APPLICABLE:
        if isinstance(rating, bool) or not isinstance(rating, int) or not low <= rating <= high:
            c.error(
                value.lines["rating"],
                f"{where}.rating",
                f"{rating!r} is not a current rating. Use a whole number from {low} to {high}, "
                f"{NOT_APPLICABLE} when the criterion does not apply to this framework, or null "
                "when no general answer holds (say why in 'reason').",
            )
            ok = False
    reason = c.text(value, "reason", where)
    sources: list[Source] = []
    if "source" in value:
        raw, line = value["source"], value.lines["source"]
        items = list(raw) if isinstance(raw, list) else [raw]
        lines = getattr(raw, "lines", [line] * len(items)) if isinstance(raw, list) else [line]
        if not items:
            c.error(line, f"{where}.source", "empty list. Give at least one source.")
        for n, (item, item_line) in enumerate(zip(items, lines, strict=True)):
            item_where = f"{where}.source" + (f"[{n}]" if isinstance(raw, list) else "")
            if isinstance(item, str) and re.match(r"^[a-z][a-z0-9+.-]*:", item.strip()):
                if URL.match(item.strip()):
                    sources.append(item.strip())
                else:
                    c.error(
                        item_line,
                        item_where,
                        f"'{item}' is not a web address. Write the whole address, "
                        "'https://host/path', or link a page of docs/ (page.md#id).",
                    )
            else:
                link = c.link_value(item, item_line, item_where)
                if link:
                    sources.append(link)
        ok = ok and len(sources) == len(items) and bool(items)
    checked = value.get("checked")
    if "checked" in value:
        day = checked
        if isinstance(checked, str):
            try:
                day = datetime.date.fromisoformat(checked.strip())
            except ValueError:
                day = None
        if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
            c.error(
                value.lines["checked"],
                f"{where}.checked",
                f"{checked!r} is not a date. Write the day the source was read as YYYY-MM-DD, "
                "e.g. 'checked: 2026-12-02'.",
            )
            ok = False
        checked = day
    complete = all(k in value for k in ("rating", "reason", "source", "checked"))
    if not ok or not complete or len(reason) != len(LANGS) or not sources:
        return None
    return Current(rating, reason, sources, checked, value.line)


def load_matrix(data_file: Path, docs_dir: Path, where: str = DATA_FILE) -> Matrix:
    """Read and check the data file. Raises MatrixError listing every problem."""
    if not data_file.is_file():
        raise MatrixError(
            [
                f"{where}:1: the file is missing. It holds the pros/cons matrix "
                "that compare.md and the framework pages render."
            ]
        )
    return check(read_yaml(read_source(data_file), where), where, docs_dir)
