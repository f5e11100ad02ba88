"""The pros/cons matrix: one data file (``data/matrix.yml``), rendered into both languages.

* ``on_config`` loads the data file and checks it against the schema below: every text in
  Korean and English, every framework with a cell in every row, ratings in the stated range,
  unique criterion keys, and every link pointing at a page of ``docs/`` and at an anchor that
  page really has (an explicit heading id ``{#id}`` or an ``id="..."``, in both twins). Every
  problem is reported with the file, the line, the key and what to do; the build stops.
* ``on_page_markdown`` replaces the markers a page carries:

  ``<!-- pros-cons: matrix -->``   the whole table (compare.md and its twin)
  ``<!-- pros-cons: scale -->``    the rating scale, as a list
  ``<!-- pros-cons: <framework> -->``  that framework's column as strengths and weaknesses
                                   (each framework page must carry its own marker)

  The HTML is written here, with links resolved for the language being built, so the table has
  what Markdown tables lack: a caption, header cells with ``scope``, row ids
  (``criterion-<key>``) and ratings as text, not colour alone.

Shape of the data file (its own header comment says more)::

    scale:      {min: 1, max: 5, labels: {5: {word: {ko, en}, meaning: {ko, en}}, ...},
                 none: {word: {ko, en}, meaning: {ko, en}}}
    frameworks: {tensorflow: {name: TensorFlow, page: tensorflow.md}, ...}   # the columns
    criteria:                                                                 # the rows
      - key: training-speed          # row id: criterion-training-speed
        title: {ko, en}
        explanation: {ko, en}
        source: pytorch.md#strengths
        cells:
          pytorch: {rating: 5 | null, note: {ko, en}, source: ..., update: ..., dated: true}

The functions above the hook events take plain arguments so the tests can call them directly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.exceptions import PluginError

from i18n_checks import outside_fences  # hooks/ is on sys.path while MkDocs loads a hook

DATA_FILE = "data/matrix.yml"
MATRIX_PAGE = "compare.md"  # the page with the table; rows are MATRIX_PAGE#criterion-<key>
LANGS = {"ko": "Korean", "en": "English"}
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKER = re.compile(r"<!--\s*pros-cons:\s*([A-Za-z0-9_-]+)\s*-->")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")

# Words of the rendered HTML that are not in the data (the data holds the content).
UI = {
    "ko": {
        "caption": "세 프레임워크의 장단점 비교표: 기준 {rows}개, 프레임워크 {cols}개. 평점은 원문이 "
                   "한 말을 {min}–{max}로 옮긴 것이며, 각 칸에 근거와 업데이트 노트를 링크했습니다.",
        "criterion": "기준",
        "source": "근거",
        "update": "업데이트 노트",
        "dated": "2019년 무렵 원문의 주장입니다. 지금의 상황:",
        "dated_after": "",
        "sr_rating": "{max}점 만점에 {n}점,",
        "row_link": "이 행에 대한 링크",
        "summary_intro": "아래 목록은 {matrix}의 {name} 열에서 만들어집니다. 평점은 원문이 한 말을 "
                         "{min}–{max}로 옮긴 것입니다({scale}).",
        "matrix": "장단점 비교표",
        "scale": "평점 읽는 법",
        "strengths": "강점",
        "weaknesses": "약점",
        "compared": "다른 프레임워크보다 못하다고 견준 기준",
        "unrated": "{name} 열에서 원문이 평가하지 않은 기준 {n}개({list})도 비교표에서 볼 수 "
                   "있습니다.",
        "list_sep": ", ",
    },
    "en": {
        "caption": "Strengths and weaknesses of the three frameworks: {rows} criteria, {cols} "
                   "frameworks. Ratings put what the article says on a scale of {min}–{max}; "
                   "each cell links its source and any update note.",
        "criterion": "Criterion",
        "source": "Source",
        "update": "Update note",
        "dated": "The article's claim as of around 2019. What holds now:",
        "dated_after": "",
        "sr_rating": "{n} out of {max},",
        "row_link": "Link to this row",
        "summary_intro": "This list is made from the {name} column of the {matrix}. Ratings put "
                         "what the article says on a scale of {min}–{max} ({scale}).",
        "matrix": "pros and cons matrix",
        "scale": "how to read the ratings",
        "strengths": "Strengths",
        "weaknesses": "Weaknesses",
        "compared": "Where the article finds it behind another framework",
        "unrated": "The {n} criteria on which the article does not rate {name} ({list}) "
                   "are in the matrix too.",
        "list_sep": ", ",
    },
}


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
                problems.append(f"{where}:{key_node.start_mark.line + 1}: a key must be a "
                                "plain word or number.")
                continue
            if key in out:
                problems.append(
                    f"{where}:{key_node.start_mark.line + 1}: key '{key}' appears twice in the "
                    f"same mapping (first on line {out.key_lines[key]}). YAML keeps only the last "
                    "one: remove or rename the duplicate.")
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
        raise MatrixError([
            f"{where}:{line}: YAML syntax error: {detail} (column {column}). Fix the line "
            "(check indentation, a missing ':' or an unclosed quote or bracket)."
        ]) from None
    except yaml.YAMLError as exc:
        raise MatrixError([f"{where}:1: the file is not valid YAML: {exc}."]) from None
    if node is None:
        raise MatrixError([f"{where}:1: the file is empty. It must hold 'scale:', "
                           "'frameworks:' and 'criteria:' (the shape is described at the top of "
                           "hooks/matrix.py); restore it from git history."])
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
    for _, line in outside_fences(path.read_text(encoding="utf-8")):
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


def twin(doc: str, lang: str) -> str:
    """The file of a docs path in a language: keras.md -> keras.en.md for English."""
    return doc if lang == "ko" else doc[: -len(".md")] + f".{lang}.md"


# --- the data, checked -------------------------------------------------------------------
@dataclass
class Link:
    doc: str  # docs-relative Korean file name, e.g. pytorch.md
    anchor: str  # without '#', may be ''
    line: int = 0  # where the data file states it


@dataclass
class Cell:
    rating: int | None
    note: dict[str, str]
    source: Link | None = None
    update: Link | None = None
    dated: bool = False


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
    words: dict[int | None, dict[str, str]]  # rating (None: not rated) -> {lang: word}
    meanings: dict[int | None, dict[str, str]]
    frameworks: dict[str, dict]  # key -> {"name": ..., "page": ...}
    criteria: list[Criterion]
    docs: dict[str, DocPage]  # docs-relative file -> its headings and ids

    def label(self, link: Link, lang: str, fallback: str) -> str:
        """Readable name of a link target: 'TensorFlow › 장점' or 'PyTorch › Update note'."""
        page = self.docs.get(twin(link.doc, lang))
        if page is None:
            return fallback
        if not link.anchor:
            return page.title
        section = page.headings.get(link.anchor) or UI[lang]["update"]
        return f"{page.title} › {section}"


class Checker:
    def __init__(self, where: str, docs_dir: Path):
        self.where = where
        self.docs_dir = docs_dir
        self.problems: list[str] = []
        self.docs: dict[str, DocPage] = {}
        self.row_keys: set[str] = set()

    def error(self, line: int, path: str, message: str) -> None:
        self.problems.append(f"{self.where}:{line}: {path}: {message}")

    def mapping(self, value, line: int, path: str, required: dict[str, str],
                optional: tuple[str, ...] = ()) -> YMap | None:
        if not isinstance(value, YMap):
            keys = f" with {', '.join(map(str, required))}" if required else ""
            fix = f"Indent its keys under '{path}:'." if path else \
                "Start the file with 'scale:', 'frameworks:' and 'criteria:'."
            self.error(line, path or "(top level)", f"expected a mapping{keys}, found "
                       f"{type(value).__name__} {value!r}. {fix}")
            return None
        for key, hint in required.items():
            if key not in value:
                self.error(value.line, f"{path}.{key}" if path else key,
                           f"missing. Add '{key}:' ({hint}).")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.error(value.key_lines[key], f"{path}.{key}" if path else str(key),
                           f"unknown key. Allowed here: {', '.join(sorted(map(str, allowed)))}. "
                           "Check the spelling.")
        return value

    def text(self, parent: YMap, key: str, path: str) -> dict[str, str]:
        if key not in parent:
            return {}  # reported by mapping() as missing
        value, line = parent[key], parent.lines[key]
        where = f"{path}.{key}"
        if not isinstance(value, YMap):
            self.error(line, where, "expected the text in both languages, "
                       "e.g. '{ko: 한국어 문장, en: English sentence}'.")
            return {}
        out = {}
        for lang, name in LANGS.items():
            if lang not in value:
                self.error(value.line, f"{where}.{lang}",
                           f"missing {name} translation. Add '{lang}: ...' next to the other "
                           "language; both languages render from this one file.")
            elif not isinstance(value[lang], str) or not value[lang].strip():
                self.error(value.lines[lang], f"{where}.{lang}",
                           f"the {name} text is empty. Write the {name} sentence.")
            else:
                out[lang] = value[lang].strip()
        for lang in value:
            if lang not in LANGS:
                self.error(value.key_lines[lang], f"{where}.{lang}",
                           f"unknown language '{lang}'. Use {' and '.join(LANGS)}.")
        return out

    def doc(self, rel: str) -> DocPage | None:
        if rel not in self.docs:
            path = self.docs_dir / rel
            self.docs[rel] = read_doc(path) if path.is_file() else None
        return self.docs[rel]

    def link(self, parent: YMap, key: str, path: str) -> Link | None:
        value, line = parent.get(key), parent.lines.get(key, parent.line)
        where = f"{path}.{key}"
        if not isinstance(value, str) or not value.strip():
            self.error(line, where, f"expected a link to a page of docs/, like "
                       f"'tensorflow.md#strengths', found {value!r}.")
            return None
        doc, _, anchor = value.strip().partition("#")
        if re.match(r"^[a-z][a-z0-9+.-]*:", doc) or doc.startswith("/") or \
                not doc.endswith(".md") or doc.endswith(f".{'en'}.md"):
            self.error(line, where, f"'{value}' is not a docs page. Link to the Korean file "
                       "name inside docs/ (e.g. 'pytorch.md#update-community'); the English "
                       "build uses its twin.")
            return None
        for lang, name in LANGS.items():
            rel = twin(doc, lang)
            page = self.doc(rel)
            if page is None:
                self.error(line, where, f"'{value}' links to a missing page: docs/{rel} does "
                           "not exist. Fix the file name or create the page.")
                continue
            if not anchor:
                continue
            generated = doc == MATRIX_PAGE and anchor.startswith("criterion-")
            if generated:
                continue  # rows are checked once all keys are known (see check())
            if anchor not in page.ids:
                self.error(line, where, f"'{value}' links to a missing anchor: docs/{rel} has "
                           f"no heading '{{#{anchor}}}' or id=\"{anchor}\". Use one of its ids "
                           f"({', '.join(sorted(page.ids)) or 'none'}) or add the id to the "
                           "page.")
        return Link(doc, anchor, line)


def check(data, where: str, docs_dir: Path) -> Matrix:
    """Check the parsed data file against the schema; raise MatrixError with every problem."""
    c = Checker(where, docs_dir)
    top = c.mapping(data, getattr(data, "line", 1), "", {
        "scale": "the rating scale", "frameworks": "the columns", "criteria": "the rows"})
    if top is None:
        raise MatrixError(c.problems)

    # scale
    low, high, words, meanings = 1, 5, {}, {}
    scale = top.get("scale")
    if "scale" in top and c.mapping(scale, top.lines["scale"], "scale", {
            "min": "lowest rating", "max": "highest rating",
            "labels": "a word and a meaning for each rating", "none": "for rating: null"}):
        for bound in ("min", "max"):
            value = scale.get(bound)
            if bound in scale and (not isinstance(value, int) or isinstance(value, bool)):
                c.error(scale.lines[bound], f"scale.{bound}", f"{value!r} is not a whole number. "
                        "The scale is 'min: 1' and 'max: 5'.")
        if isinstance(scale.get("min"), int) and isinstance(scale.get("max"), int):
            low, high = scale["min"], scale["max"]
            if low >= high:
                c.error(scale.lines["max"], "scale.max", f"{high} is not above min {low}.")
        labels = scale.get("labels")
        if "labels" in scale and c.mapping(labels, scale.lines["labels"], "scale.labels", {
                n: f"the word and meaning of rating {n}" for n in range(low, high + 1)}):
            for n in range(low, high + 1):
                label = labels.get(n)
                if n in labels and c.mapping(label, labels.lines[n], f"scale.labels.{n}",
                                                   {"word": "{ko, en}", "meaning": "{ko, en}"}):
                    words[n] = c.text(label, "word", f"scale.labels.{n}")
                    meanings[n] = c.text(label, "meaning", f"scale.labels.{n}")
        none = scale.get("none")
        if "none" in scale and c.mapping(none, scale.lines["none"], "scale.none",
                                          {"word": "{ko, en}", "meaning": "{ko, en}"}):
            words[None] = c.text(none, "word", "scale.none")
            meanings[None] = c.text(none, "meaning", "scale.none")

    # frameworks
    frameworks: dict[str, dict] = {}
    fw = top.get("frameworks")
    fw_ok = "frameworks" in top and isinstance(fw, YMap)
    if "frameworks" in top and c.mapping(fw, top.lines["frameworks"], "frameworks", {}, tuple(fw)
                                    if isinstance(fw, YMap) else ()):
        if not fw:
            c.error(fw.line, "frameworks", "no framework. List the columns, e.g. "
                    "'tensorflow: {name: TensorFlow, page: tensorflow.md}'.")
        for key, value in fw.items():
            path = f"frameworks.{key}"
            if not isinstance(key, str) or not KEY.match(key):
                c.error(fw.key_lines[key], path, "a framework key is lower-case letters, digits "
                        "and hyphens.")
                continue
            if c.mapping(value, fw.lines[key], path, {"name": "its display name",
                                                      "page": "its page, e.g. keras.md"}):
                name = value.get("name")
                if "name" in value and (not isinstance(name, str) or not name.strip()):
                    c.error(value.lines["name"], f"{path}.name", "the display name is empty.")
                page = c.link(value, "page", path) if "page" in value else None
                if page and page.anchor:
                    c.error(value.lines["page"], f"{path}.page", "name the page only, without "
                            "'#anchor'.")
                frameworks[key] = {"name": str(name or key), "page": page.doc if page else ""}

    # criteria
    criteria: list[Criterion] = []
    rows = top.get("criteria")
    if "criteria" in top and not isinstance(rows, YList):
        c.error(top.lines["criteria"], "criteria", "expected a list of criteria, each "
                "starting with '- key: ...'.")
        rows = None
    first_seen: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(rows or []):
        path = f"criteria[{i}]"
        row = c.mapping(row, rows.lines[i], path, {
            "key": "unique, lower-case-with-hyphens; the row id is criterion-<key>",
            "title": "{ko, en}", "explanation": "{ko, en}",
            "source": "the page section behind the row, e.g. keras.md#strengths",
            "cells": "one cell per framework"})
        if row is None:
            continue
        key = row.get("key")
        if "key" in row:
            if not isinstance(key, str) or not KEY.match(key):
                c.error(row.lines["key"], f"{path}.key", f"{key!r} is not a valid key. Use "
                        "lower-case letters, digits and hyphens, e.g. 'training-speed'.")
            elif key in first_seen:
                j, line = first_seen[key]
                c.error(row.lines["key"], f"{path}.key", f"duplicate criterion '{key}': "
                        f"criteria[{j}] (line {line}) has the same key. Merge the two rows or "
                        "give this one another key; the key is the row's id on the page.")
            else:
                first_seen[key] = (i, row.lines["key"])
        title = c.text(row, "title", path)
        explanation = c.text(row, "explanation", path)
        source = c.link(row, "source", path) if "source" in row else None
        cells: dict[str, Cell] = {}
        raw = row.get("cells")
        if "cells" in row and c.mapping(raw, row.lines["cells"], f"{path}.cells", {},
                                         tuple(raw) if isinstance(raw, YMap) else ()):
            for fw_key in raw:
                if fw_ok and fw_key not in fw:
                    c.error(raw.key_lines[fw_key], f"{path}.cells.{fw_key}",
                            f"unknown framework '{fw_key}'. Known: "
                            f"{', '.join(frameworks) or 'none'}. Fix the spelling, or add the "
                            "framework under 'frameworks:' first.")
            for fw_key in frameworks:
                if fw_key not in raw:
                    c.error(raw.line, f"{path}.cells.{fw_key}",
                            f"no cell for {fw_key}. Every criterion needs a cell for every "
                            "framework; use 'rating: null' when the article says nothing.")
                    continue
                cell = check_cell(c, raw[fw_key], raw.lines[fw_key], f"{path}.cells.{fw_key}",
                                  low, high)
                if cell:
                    cells[fw_key] = cell
        if isinstance(key, str) and title and explanation and source and \
                len(cells) == len(frameworks):
            criteria.append(Criterion(key, title, explanation, source, cells))
    if isinstance(rows, YList) and not rows:
        c.error(top.lines["criteria"], "criteria", "no criterion. Add at least one row.")

    # links to the matrix's own rows (generated ids) can be checked now that keys are known
    known_rows = {f"criterion-{k}" for k in first_seen}
    for criterion in criteria:
        links = [("source", criterion.source)] + [
            (f"cells.{f}.{kind}", getattr(cell, kind))
            for f, cell in criterion.cells.items() for kind in ("source", "update")]
        for name, link in links:
            if link and link.doc == MATRIX_PAGE and link.anchor.startswith("criterion-") \
                    and link.anchor not in known_rows:
                i = next(n for n, r in enumerate(rows)
                         if isinstance(r, YMap) and r.get("key") == criterion.key)
                c.error(link.line, f"criteria[{i}].{name}", f"no criterion row "
                        f"#{link.anchor}. Link a row whose key exists.")
    if c.problems:
        raise MatrixError(c.problems)
    return Matrix(low, high, words, meanings, frameworks, criteria,
                  {k: v for k, v in c.docs.items() if v is not None})


def check_cell(c: Checker, value, line: int, path: str, low: int, high: int) -> Cell | None:
    cell = c.mapping(value, line, path, {
        "rating": f"a whole number {low}–{high}, or null when the article says nothing",
        "note": "{ko, en}"}, ("source", "update", "dated"))
    if cell is None:
        return None
    rating = cell.get("rating")
    ok = True
    if "rating" in cell and rating is not None:
        if isinstance(rating, bool) or not isinstance(rating, int):
            c.error(cell.lines["rating"], f"{path}.rating", f"{rating!r} is not a whole number. "
                    f"Use {low}–{high}, or null when the article says nothing.")
            ok = False
        elif not low <= rating <= high:
            c.error(cell.lines["rating"], f"{path}.rating", f"{rating} is out of range "
                    f"{low}–{high}. Use a whole number from {low} to {high} (see scale.labels), "
                    "or null when the article says nothing.")
            ok = False
    note = c.text(cell, "note", path)
    source = c.link(cell, "source", path) if "source" in cell else None
    update = c.link(cell, "update", path) if "update" in cell else None
    dated = cell.get("dated", False)
    if not isinstance(dated, bool):
        c.error(cell.lines["dated"], f"{path}.dated", f"{dated!r}: use true or false.")
        dated = False
    if dated and "update" not in cell:
        c.error(cell.lines["dated"], f"{path}.dated", "a dated claim must link the update "
                "note that says what holds now: add 'update: page.md#update-...'.")
    if update and not update.anchor:
        c.error(cell.lines["update"], f"{path}.update", "link the update note itself, "
                "e.g. 'pytorch.md#update-training-speed'.")
    if not ok or len(note) != len(LANGS) or "rating" not in cell:
        return None
    return Cell(rating, note, source, update, dated)


def load_matrix(data_file: Path, docs_dir: Path, where: str = DATA_FILE) -> Matrix:
    """Read and check the data file. Raises MatrixError listing every problem."""
    if not data_file.is_file():
        raise MatrixError([f"{where}:1: the file is missing. It holds the pros/cons matrix "
                           "that compare.md and the framework pages render."])
    return check(read_yaml(data_file.read_text(encoding="utf-8"), where), where, docs_dir)


# --- rendering ---------------------------------------------------------------------------
UrlFor = Callable[[Link], str]  # docs link -> URL relative to the page being rendered


def _text(value: str) -> str:
    """Escape text; `backticks` become <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(value, quote=False))


def _a(url: str, label: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>'


def rating_html(m: Matrix, rating: int | None, lang: str) -> str:
    """Dots for the eye (hidden from screen readers), the rating as text for everyone."""
    word = html.escape(m.words[rating][lang], quote=False)
    if rating is None:
        dots = '<span class="matrix-dot matrix-dot--none"></span>' * (m.max - m.min + 1)
        return (f'<span class="matrix-rating" data-rating="none"><span class="matrix-dots" '
                f'aria-hidden="true">{dots}</span><strong><span aria-hidden="true">–</span> '
                f"{word}</strong></span>")
    dots = "".join(f'<span class="matrix-dot{" matrix-dot--on" if n <= rating else ""}">'
                   "</span>" for n in range(m.min, m.max + 1))
    spoken = UI[lang]["sr_rating"].format(n=rating, max=m.max)
    return (f'<span class="matrix-rating" data-rating="{rating}"><span class="matrix-dots" '
            f'aria-hidden="true">{dots}</span><strong><span aria-hidden="true">'
            f'{rating}/{m.max}</span><span class="matrix-sr">{spoken}</span> {word}</strong>'
            "</span>")


def cell_html(m: Matrix, cell: Cell, lang: str, url_for: UrlFor) -> str:
    """A cell's rating, its 'dated' line, its note and its links."""
    ui = UI[lang]
    parts = [f"<p>{rating_html(m, cell.rating, lang)}</p>"]
    if cell.dated and cell.update:
        parts.append(f'<p class="matrix-dated">{ui["dated"]} '
                     f'{_a(url_for(cell.update), m.label(cell.update, lang, ui["update"]))}'
                     f'{ui["dated_after"]}</p>')
    parts.append(f'<p class="matrix-note">{_text(cell.note[lang])}</p>')
    links = []
    if cell.source:
        links.append(f'{ui["source"]}: '
                     f'{_a(url_for(cell.source), m.label(cell.source, lang, ui["source"]))}')
    if cell.update and not cell.dated:
        links.append(_a(url_for(cell.update), m.label(cell.update, lang, ui["update"])))
    if links:
        parts.append(f'<p class="matrix-links">{" · ".join(links)}</p>')
    return "".join(parts)


def render_matrix(m: Matrix, lang: str, url_for: UrlFor) -> str:
    ui = UI[lang]
    caption = ui["caption"].format(rows=len(m.criteria), cols=len(m.frameworks),
                                   min=m.min, max=m.max)
    out = ['<div class="pros-cons-matrix" role="region" tabindex="0" '
           'aria-labelledby="matrix-caption">',
           '<table class="matrix-table">',
           f'<caption id="matrix-caption">{html.escape(caption, quote=False)}</caption>',
           "<thead>", "<tr>", f'<th scope="col">{ui["criterion"]}</th>']
    for fw in m.frameworks.values():
        out.append(f'<th scope="col">{_a(url_for(Link(fw["page"], "")), fw["name"])}</th>')
    out += ["</tr>", "</thead>", "<tbody>"]
    for cr in m.criteria:
        out.append(f'<tr id="criterion-{cr.key}">')
        out.append(
            '<th scope="row">'
            f'<a class="matrix-row-link" href="#criterion-{cr.key}" '
            f'title="{ui["row_link"]}">{html.escape(cr.title[lang], quote=False)}</a>'
            f'<p class="matrix-explanation">{_text(cr.explanation[lang])}</p>'
            f'<p class="matrix-links">{ui["source"]}: '
            f'{_a(url_for(cr.source), m.label(cr.source, lang, ui["source"]))}</p></th>')
        for key, fw in m.frameworks.items():
            out.append(f'<td data-framework="{key}">'
                       f'<span class="matrix-framework" aria-hidden="true">'
                       f'{html.escape(fw["name"], quote=False)}</span>'
                       f"{cell_html(m, cr.cells[key], lang, url_for)}</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def render_scale(m: Matrix, lang: str) -> str:
    out = ['<ul class="matrix-scale">']
    for n in [*range(m.max, m.min - 1, -1), None]:
        out.append(f"<li>{rating_html(m, n, lang)}: {_text(m.meanings[n][lang])}</li>")
    out.append("</ul>")
    return "\n".join(out)


def render_summary(m: Matrix, framework: str, lang: str, url_for: UrlFor) -> str:
    """One framework's column: strengths, weaknesses, what the article finds behind, the rest."""
    ui, fw = UI[lang], m.frameworks[framework]
    row = lambda cr: url_for(Link(MATRIX_PAGE, f"criterion-{cr.key}"))  # noqa: E731
    intro = ui["summary_intro"].format(
        name=html.escape(fw["name"]), min=m.min, max=m.max,
        matrix=_a(url_for(Link(MATRIX_PAGE, "matrix")), ui["matrix"]),
        scale=_a(url_for(Link(MATRIX_PAGE, "scale")), ui["scale"]))
    out = ['<div class="pros-cons-summary">', f"<p>{intro}</p>"]
    groups = [
        ("strengths", lambda r: r is not None and r >= m.max - 1),
        ("weaknesses", lambda r: r is not None and r <= m.min + 1),
        ("compared", lambda r: r is not None and m.min + 1 < r < m.max - 1),
    ]
    for name, wanted in groups:
        rows = [cr for cr in m.criteria if wanted(cr.cells[framework].rating)]
        rows.sort(key=lambda cr: -(cr.cells[framework].rating or 0) if name == "strengths"
                  else (cr.cells[framework].rating or 0))
        if not rows:
            continue
        out.append(f'<p class="matrix-group matrix-group--{name}"><strong>{ui[name]}</strong>'
                   "</p>")
        out.append("<ul>")
        for cr in rows:
            out.append(f"<li>{_a(row(cr), cr.title[lang])}"
                       f"{cell_html(m, cr.cells[framework], lang, url_for)}</li>")
        out.append("</ul>")
    unrated = [cr for cr in m.criteria if cr.cells[framework].rating is None]
    if unrated:
        names = ui["list_sep"].join(_a(row(cr), cr.title[lang]) for cr in unrated)
        sentence = ui["unrated"].format(name=html.escape(fw["name"]), n=len(unrated), list=names)
        out.append(f"<p>{sentence}</p>")
    out.append("</div>")
    return "\n".join(out)


def expand_markers(markdown: str, doc: str, lang: str, m: Matrix, url_for: UrlFor,
                   source_text: str | None = None) -> str:
    """Replace the pros-cons markers of one page. ``doc`` is the page's docs-relative file
    (tensorflow.en.md); a framework page or the matrix page without its marker is an error."""
    where = f"docs/{doc}"
    base = re.sub(r"\.[a-z]{2}\.md$", ".md", doc)
    lines_of = (source_text or markdown).splitlines()

    def line_of(text: str) -> int:
        return next((n for n, line in enumerate(lines_of, 1) if text in line), 1)

    def replace(match: re.Match) -> str:
        what = match.group(1)
        if what == "matrix":
            return "\n" + render_matrix(m, lang, url_for) + "\n"
        if what == "scale":
            return "\n" + render_scale(m, lang) + "\n"
        if what in m.frameworks:
            return "\n" + render_summary(m, what, lang, url_for) + "\n"
        raise MatrixError([f"{where}:{line_of(match.group(0))}: unknown marker "
                           f"'{match.group(0)}'. Use <!-- pros-cons: matrix -->, "
                           "<!-- pros-cons: scale --> or <!-- pros-cons: FRAMEWORK --> with "
                           f"FRAMEWORK one of {', '.join(m.frameworks)}."])

    found = set(MARKER.findall(markdown))
    for key, fw in m.frameworks.items():
        if base == fw["page"] and key not in found:
            raise MatrixError([
                f"{where}:1: the framework page of {fw['name']} has no '<!-- pros-cons: {key} "
                "-->' marker. Put it on a line of its own under '## ... "
                "{#pros-cons-summary}': the hook replaces it with the page's column of "
                f"{DATA_FILE}."])
    if base == MATRIX_PAGE and "matrix" not in found:
        raise MatrixError([f"{where}:1: the comparison page has no '<!-- pros-cons: matrix -->' "
                           "marker. Put it on a line of its own under '## ... {#matrix}'."])
    return MARKER.sub(replace, markdown)


# --- MkDocs hook events ------------------------------------------------------------------
_state: dict = {}


def on_config(config, **kwargs):
    root = Path(config.config_file_path).parent
    data_file = root / DATA_FILE
    try:
        _state["matrix"] = load_matrix(data_file, Path(config["docs_dir"]))
    except MatrixError as exc:
        raise PluginError(str(exc)) from None
    if str(data_file.parent) not in config["watch"]:  # `make serve` reloads on data edits
        config["watch"].append(str(data_file.parent))
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    lang = config["theme"]["language"]  # static-i18n sets it for each language's build
    if lang not in LANGS:
        raise PluginError(f"hooks/matrix.py: no words for language '{lang}'; add it to UI "
                          "and LANGS.")
    m: Matrix = _state["matrix"]

    def url_for(link: Link) -> str:
        target = files.get_file_from_path(link.doc)
        if target is None:
            raise PluginError(f"hooks/matrix.py: {link.doc} is not part of the '{lang}' build.")
        url = target.url_relative_to(page.file)
        return url + (f"#{link.anchor}" if link.anchor else "")

    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") \
        if page.file.abs_src_path else None
    try:
        return expand_markers(markdown, page.file.src_uri, lang, m, url_for, source)
    except MatrixError as exc:
        raise PluginError("\n".join(exc.problems)) from None
