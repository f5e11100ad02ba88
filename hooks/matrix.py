"""The pros/cons matrix on the pages: ``data/matrix.yml`` (checked by hooks/matrix_data.py)
rendered as HTML in the language being built.

* ``on_config`` loads and checks the data file; any problem stops the build with its line.
* ``on_page_markdown`` replaces the markers a page carries:

  ``<!-- pros-cons: matrix -->``   the whole table (compare.md and its twin)
  ``<!-- pros-cons: scale -->``    the rating scale, as a list
  ``<!-- pros-cons: <framework> -->``  that framework's column, grouped by its current
                                   ratings into strengths, weaknesses and the middle, each with
                                   its source and date, and where the article (2019) disagrees
                                   (each framework page must carry its own marker)

  The HTML is written here, with links resolved for the page, to give the table what Markdown
  tables lack: a caption, ``scope`` on header cells, row ids ``criterion-<key>``, ratings as text.
  Each cell shows what holds now (rating, reason, source, date checked) above the article's view.

The functions above the hook events take plain arguments so the tests can call them directly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from matrix_data import (
    DATA_FILE,
    LANGS,
    MATRIX_PAGE,
    NOT_APPLICABLE,
    Cell,
    Current,
    Link,
    Matrix,
    MatrixError,
    Source,
    host_of,
    load_matrix,
)

# hooks/ is on sys.path while MkDocs loads a hook
from project import in_language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER = re.compile(r"<!--\s*pros-cons:\s*([A-Za-z0-9_-]+)\s*-->")

# Words of the rendered HTML that are not in the data (the data holds the content).
UI = {
    "ko": {
        "caption": "프레임워크 {cols}개의 장단점 비교표: 기준 {rows}개. 칸마다 이 사이트가 확인한 지금의 "
        "평점(이유, 출처, 확인 날짜)과 2019년 무렵 원문의 평점을 {min}–{max}로 적었습니다. "
        "원문이 다루지 않는 {uncovered}에는 지금의 평점만 있습니다.",
        "criterion": "기준",
        "source": "근거",
        "current_source": "출처",
        "checked": "{date} 확인",
        "now": "지금:",
        "article": "원문(2019년 무렵):",
        "no_article": "원문(2019년 무렵)은 {name}를 다루지 않습니다.",
        "update": "업데이트 노트",
        "dated": "2019년 무렵 원문의 주장입니다. 지금의 상황:",
        "dated_after": "",
        "sr_rating": "{max}점 만점에 {n}점,",
        "row_link": "이 행에 대한 링크",
        "summary_intro": "아래 목록은 {matrix}의 {name} 열에서 만들어집니다. 이 사이트가 출처를 확인한 "
        "지금의 평점으로 나누었고, 항목마다 이유와 출처, 확인 날짜를 적었습니다. 원문(2019년 무렵)의 "
        "평가가 다르면 그 점을 밝히고 원문의 설명을 링크했습니다({scale}).",
        "matrix": "장단점 비교표",
        "scale": "평점 읽는 법",
        "strengths": "강점",
        "weaknesses": "약점",
        "moderate": "보통",
        "disagrees": "원문(2019년 무렵)의 평가는 다릅니다:",
        "dated_only": "원문(2019년 무렵)의 설명은 지금과 다릅니다.",
        "article_note": "원문의 설명",
        "rest": "{name} 열의 나머지 기준 {n}개({list})는 지금 평점이 없거나(일반적인 답이 없음) "
        "해당하지 않는 기준이며, 비교표에서 이유와 출처를 볼 수 있습니다.",
        "scale_now": "지금의 평점:",
        "scale_article": "원문의 평점:",
        "list_sep": ", ",
    },
    "en": {
        "caption": "Strengths and weaknesses of {cols} frameworks: {rows} criteria. Each cell gives "
        "the rating that holds now, as this site checked it (with its reason, source and the date "
        "it was checked), and the article's rating from around 2019, on a scale of {min}–{max}. "
        "{uncovered}, which the article does not cover, has current ratings only.",
        "criterion": "Criterion",
        "source": "Source",
        "current_source": "Source",
        "checked": "checked {date}",
        "now": "Now:",
        "article": "The article (around 2019):",
        "no_article": "The article (around 2019) does not cover {name}.",
        "update": "Update note",
        "dated": "The article's claim as of around 2019. What holds now:",
        "dated_after": "",
        "sr_rating": "{n} out of {max},",
        "row_link": "Link to this row",
        "summary_intro": "This list is made from the {name} column of the {matrix}. It is grouped "
        "by the rating that holds now, as this site checked it; each item gives its reason, its "
        "source and the date it was checked. Where the article (around 2019) disagrees, the item "
        "says so and links the article's note ({scale}).",
        "matrix": "pros and cons matrix",
        "scale": "how to read the ratings",
        "strengths": "Strengths",
        "weaknesses": "Weaknesses",
        "moderate": "Moderate",
        "disagrees": "The article (around 2019) rates it differently:",
        "dated_only": "What the article (around 2019) says no longer holds as written.",
        "article_note": "the article's note",
        "rest": "The other {n} criteria of the {name} column ({list}) have no current rating (no "
        "general answer holds) or do not apply; the matrix gives the reason and the source.",
        "scale_now": "A current rating:",
        "scale_article": "The article's rating:",
        "list_sep": ", ",
    },
}


# --- rendering ---------------------------------------------------------------------------
UrlFor = Callable[[Link], str]  # docs link -> URL relative to the page being rendered


def link_label(m: Matrix, link: Link, lang: str, fallback: str) -> str:
    """Readable name of a link target: 'TensorFlow › 장점' or 'PyTorch › Update note'."""
    page = m.docs.get(in_language(link.doc, lang))
    if page is None:
        return fallback
    if not link.anchor:
        return page.title
    section = page.headings.get(link.anchor) or UI[lang]["update"]
    return f"{page.title} › {section}"


def _text(value: str) -> str:
    """Escape text; `backticks` become <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(value, quote=False))


def _a(url: str, label: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>'


def rating_html(m: Matrix, rating: int | str | None, lang: str) -> str:
    """Dots for the eye (hidden from screen readers), the rating as text for everyone."""
    word = html.escape(m.words[rating][lang], quote=False)
    if rating is None or rating == NOT_APPLICABLE:
        kind = "none" if rating is None else "na"
        dots = '<span class="matrix-dot matrix-dot--none"></span>' * (m.max - m.min + 1)
        return (
            f'<span class="matrix-rating" data-rating="{kind}"><span class="matrix-dots" '
            f'aria-hidden="true">{dots}</span><strong><span aria-hidden="true">–</span> '
            f"{word}</strong></span>"
        )
    dots = "".join(
        f'<span class="matrix-dot{" matrix-dot--on" if n <= rating else ""}"></span>'
        for n in range(m.min, m.max + 1)
    )
    spoken = UI[lang]["sr_rating"].format(n=rating, max=m.max)
    return (
        f'<span class="matrix-rating" data-rating="{rating}"><span class="matrix-dots" '
        f'aria-hidden="true">{dots}</span><strong><span aria-hidden="true">'
        f'{rating}/{m.max}</span><span class="matrix-sr">{spoken}</span> {word}</strong>'
        "</span>"
    )


def source_html(m: Matrix, source: Source, lang: str, url_for: UrlFor) -> str:
    """A current rating's source: a page of this site, or a web address named by its host."""
    if isinstance(source, Link):
        return _a(url_for(source), link_label(m, source, lang, UI[lang]["current_source"]))
    return _a(source, host_of(source))


def current_html(m: Matrix, current: Current, lang: str, url_for: UrlFor) -> str:
    """What holds now: the rating, its reason, its sources and the day they were checked."""
    ui = UI[lang]
    sources = ", ".join(source_html(m, s, lang, url_for) for s in current.sources)
    return (
        f'<p class="matrix-current"><span class="matrix-label">{ui["now"]}</span> '
        f"{rating_html(m, current.rating, lang)}</p>"
        f'<p class="matrix-note">{_text(current.reason[lang])}</p>'
        f'<p class="matrix-links">{ui["current_source"]}: {sources} · '
        f'<time datetime="{current.checked.isoformat()}">'
        f"{ui['checked'].format(date=current.checked.isoformat())}</time></p>"
    )


def article_html(m: Matrix, cell: Cell, name: str, lang: str, url_for: UrlFor) -> str:
    """The article's view of a cell (2019): its rating, 'dated' line, note and links."""
    ui = UI[lang]
    if not cell.article:
        return f'<p class="matrix-article">{html.escape(ui["no_article"].format(name=name))}</p>'
    parts = [
        f'<p class="matrix-article"><span class="matrix-label">{ui["article"]}</span> '
        f"{rating_html(m, cell.rating, lang)}</p>"
    ]
    if cell.dated and cell.update:
        parts.append(
            f'<p class="matrix-dated">{ui["dated"]} '
            f"{_a(url_for(cell.update), link_label(m, cell.update, lang, ui['update']))}"
            f"{ui['dated_after']}</p>"
        )
    parts.append(f'<p class="matrix-note">{_text(cell.note[lang])}</p>')
    links = []
    if cell.source:
        links.append(
            f"{ui['source']}: "
            f"{_a(url_for(cell.source), link_label(m, cell.source, lang, ui['source']))}"
        )
    if cell.update and not cell.dated:
        links.append(_a(url_for(cell.update), link_label(m, cell.update, lang, ui["update"])))
    if links:
        parts.append(f'<p class="matrix-links">{" · ".join(links)}</p>')
    return "".join(parts)


def cell_html(m: Matrix, cell: Cell, name: str, lang: str, url_for: UrlFor) -> str:
    """A cell: what holds now first, then the article's view."""
    return current_html(m, cell.current, lang, url_for) + article_html(m, cell, name, lang, url_for)


def render_matrix(m: Matrix, lang: str, url_for: UrlFor) -> str:
    ui = UI[lang]
    uncovered = [f["name"] for f in m.frameworks.values() if not f["article"]]
    caption = ui["caption"].format(
        rows=len(m.criteria),
        cols=len(m.frameworks),
        min=m.min,
        max=m.max,
        uncovered=", ".join(uncovered) or "–",
    )
    out = [
        '<div class="pros-cons-matrix" role="region" tabindex="0" '
        'aria-labelledby="matrix-caption">',
        '<table class="matrix-table">',
        f'<caption id="matrix-caption">{html.escape(caption, quote=False)}</caption>',
        "<thead>",
        "<tr>",
        f'<th scope="col">{ui["criterion"]}</th>',
    ]
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
            f"{_a(url_for(cr.source), link_label(m, cr.source, lang, ui['source']))}</p></th>"
        )
        for key, fw in m.frameworks.items():
            out.append(
                f'<td data-framework="{key}">'
                f'<span class="matrix-framework" aria-hidden="true">'
                f"{html.escape(fw['name'], quote=False)}</span>"
                f"{cell_html(m, cr.cells[key], fw['name'], lang, url_for)}</td>"
            )
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def render_scale(m: Matrix, lang: str) -> str:
    ui = UI[lang]
    out = ['<ul class="matrix-scale">']
    for n in [*range(m.max, m.min - 1, -1), None, NOT_APPLICABLE]:
        meaning = f"{ui['scale_now']} {_text(m.current_meanings[n][lang])}"
        if n in m.meanings:
            meaning += f" {ui['scale_article']} {_text(m.meanings[n][lang])}"
        out.append(f"<li>{rating_html(m, n, lang)}: {meaning}</li>")
    out.append("</ul>")
    return "\n".join(out)


def group_of(m: Matrix, rating: int | str | None) -> str | None:
    """The summary group of a current rating; None for 'not rated' and 'not applicable'."""
    if not isinstance(rating, int):
        return None
    if rating >= m.max - 1:
        return "strengths"
    if rating <= m.min + 1:
        return "weaknesses"
    return "moderate"


def disagreement_html(m: Matrix, cell: Cell, row: str, lang: str, url_for: UrlFor) -> str:
    """Where the article's view differs from what holds now: say so and link its note."""
    ui = UI[lang]
    if not cell.article:
        return ""
    differs = cell.rating is not None and cell.rating != cell.current.rating
    if not differs and not cell.dated:
        return ""
    note = cell.update or cell.source
    link = _a(url_for(note), link_label(m, note, lang, ui["article_note"])) if note else row
    if differs:
        return (
            f'<p class="matrix-dated">{ui["disagrees"]} {rating_html(m, cell.rating, lang)} '
            f"· {link}</p>"
        )
    return f'<p class="matrix-dated">{ui["dated_only"]} {link}</p>'


def render_summary(m: Matrix, framework: str, lang: str, url_for: UrlFor) -> str:
    """One framework's column, grouped by what holds now: strengths, weaknesses, the middle,
    and the criteria with no current rating or that do not apply."""
    ui, fw = UI[lang], m.frameworks[framework]
    row = lambda cr: url_for(Link(MATRIX_PAGE, f"criterion-{cr.key}"))  # noqa: E731
    intro = ui["summary_intro"].format(
        name=html.escape(fw["name"]),
        matrix=_a(url_for(Link(MATRIX_PAGE, "matrix")), ui["matrix"]),
        scale=_a(url_for(Link(MATRIX_PAGE, "scale")), ui["scale"]),
    )
    out = ['<div class="pros-cons-summary">', f"<p>{intro}</p>"]
    for name in ("strengths", "weaknesses", "moderate"):
        rows = [cr for cr in m.criteria if group_of(m, cr.cells[framework].current.rating) == name]
        # strongest strengths and weakest weaknesses first; the matrix's order otherwise
        sign = -1 if name == "strengths" else 1
        rows.sort(key=lambda cr: sign * cr.cells[framework].current.rating)
        if not rows:
            continue
        out.append(f'<p class="matrix-group matrix-group--{name}"><strong>{ui[name]}</strong></p>')
        out.append("<ul>")
        for cr in rows:
            cell = cr.cells[framework]
            out.append(
                f"<li>{_a(row(cr), cr.title[lang])}"
                f"{current_html(m, cell.current, lang, url_for)}"
                f"{disagreement_html(m, cell, _a(row(cr), cr.title[lang]), lang, url_for)}</li>"
            )
        out.append("</ul>")
    rest = [cr for cr in m.criteria if group_of(m, cr.cells[framework].current.rating) is None]
    if rest:
        names = ui["list_sep"].join(_a(row(cr), cr.title[lang]) for cr in rest)
        sentence = ui["rest"].format(name=html.escape(fw["name"]), n=len(rest), list=names)
        out.append(f"<p>{sentence}</p>")
    out.append("</div>")
    return "\n".join(out)


def expand_markers(
    markdown: str, doc: str, lang: str, m: Matrix, url_for: UrlFor, source_text: str | None = None
) -> str:
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
        raise MatrixError(
            [
                f"{where}:{line_of(match.group(0))}: unknown marker "
                f"'{match.group(0)}'. Use <!-- pros-cons: matrix -->, "
                "<!-- pros-cons: scale --> or <!-- pros-cons: FRAMEWORK --> with "
                f"FRAMEWORK one of {', '.join(m.frameworks)}."
            ]
        )

    found = set(MARKER.findall(markdown))
    for key, fw in m.frameworks.items():
        if base == fw["page"] and key not in found:
            raise MatrixError(
                [
                    f"{where}:1: the framework page of {fw['name']} has no '<!-- pros-cons: {key} "
                    "-->' marker. Put it on a line of its own under '## ... "
                    "{#pros-cons-summary}': the hook replaces it with the page's column of "
                    f"{DATA_FILE}."
                ]
            )
    if base == MATRIX_PAGE and "matrix" not in found:
        raise MatrixError(
            [
                f"{where}:1: the comparison page has no '<!-- pros-cons: matrix -->' "
                "marker. Put it on a line of its own under '## ... {#matrix}'."
            ]
        )
    return MARKER.sub(replace, markdown)


# --- MkDocs hook events ------------------------------------------------------------------
_state: dict = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    root = Path(config.config_file_path).parent
    data_file = root / DATA_FILE
    try:
        _state["matrix"] = load_matrix(data_file, Path(config["docs_dir"]))
    except MatrixError as exc:
        raise PluginError(str(exc)) from None
    if str(data_file.parent) not in config["watch"]:  # `make serve` reloads on data edits
        config["watch"].append(str(data_file.parent))
    return config


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files
) -> str | None:
    lang = config["theme"]["language"]  # static-i18n sets it for each language's build
    if lang not in LANGS:
        raise PluginError(
            f"hooks/matrix.py: no words for language '{lang}'; add it to UI and LANGS."
        )
    m: Matrix = _state["matrix"]

    def url_for(link: Link) -> str:
        target = files.get_file_from_path(link.doc)
        if target is None:
            raise PluginError(f"hooks/matrix.py: {link.doc} is not part of the '{lang}' build.")
        url = target.url_relative_to(page.file)
        return url + (f"#{link.anchor}" if link.anchor else "")

    source = (
        Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else None
    )
    try:
        return expand_markers(markdown, page.file.src_uri, lang, m, url_for, source)
    except MatrixError as exc:
        raise PluginError("\n".join(exc.problems)) from None
