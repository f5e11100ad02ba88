"""The source article stands on the Korean site, faithfully, and each Korean page has a
complete English translation."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, run_build
from tests.html_tools import HANGUL, parse, twin_pages

ARTICLE = ROOT / "data" / "article.ko.txt"
# The only changes made to the article's sentences: typos.
TYPO_FIXES = {
    "검사난": "검사나",
    "최적ㅇ로": "최적으로",
    "발생했을때": "발생했을 때",
    "프레임워크들 마다": "프레임워크들마다",
    "이중 유명한": "이 중 유명한",
}
# The article's section markers ("- 장점", "- 텐서플로우 (TensorFlow)"): headings on the site.
MARKER = re.compile(r"^- ")


def article_lines(path: Path = ARTICLE) -> list[str]:
    """The article's lines, without the provenance header ('#' lines up to a blank line)."""
    if not path.is_file():
        pytest.fail(f"the source article is missing: expected {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    if header == 0 or header == len(lines) or lines[header].strip():
        pytest.fail(
            f"{path}:{header + 1}: expected the provenance header ('#' lines) and a "
            "blank line before the article"
        )
    return lines[header + 1 :]


def article_sentences() -> list[str]:
    out = []
    for line in article_lines():
        line = line.strip()
        if not line or MARKER.match(line):
            continue
        for typo, fix in TYPO_FIXES.items():
            line = line.replace(typo, fix)
        out.append(line)
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_sentence_of_the_article_is_on_the_korean_site(built_site, pages):
    korean = " ".join(
        squash(parse(p).text) for p in pages if p.relative_to(built_site).parts[0] != "en"
    )
    missing = [s for s in article_sentences() if squash(s) not in korean]
    assert len(article_sentences()) >= 29
    assert missing == [], "article sentences missing from the Korean site:\n" + "\n".join(missing)


def test_no_article_typo_reaches_readers(built_site, pages):
    for page in pages:
        if "about" in page.parts:  # the About page lists the fixes, quoting each typo
            continue
        text = parse(page).text
        for typo in TYPO_FIXES:
            assert typo not in text, f"{page}: typo {typo!r} is still there"


def test_english_pages_are_complete_translations(built_site, pages):
    for ko, en in twin_pages(built_site, pages):
        ko_text, en_text = squash(parse(ko).text), squash(parse(en).text)
        # English prose: Korean only where a term is quoted (the glossary shows Korean terms).
        hangul_share = len(HANGUL.findall(en_text)) / max(1, len(en_text))
        # The glossary shows Korean terms; About quotes the article's typo fixes.
        limit = {"glossary": 0.25, "about": 0.05}.get(en.parent.name, 0.02)
        assert hangul_share <= limit, f"{en}: {hangul_share:.0%} Hangul — untranslated text?"
        # A translation, not a summary: Korean is denser than English, so the English text
        # is at least as long in characters as the Korean one, give or take.
        assert len(en_text) >= 0.8 * len(ko_text), (
            f"{en} ({len(en_text)} chars) looks shorter than its Korean twin ({len(ko_text)})"
        )
        ko_ids = {i for i in parse(ko).ids if i.startswith("update-")}
        en_ids = {i for i in parse(en).ids if i.startswith("update-")}
        assert ko_ids == en_ids, f"{ko} and {en} differ in update notes"


UPDATE_NOTE = re.compile(
    r'<div class="update-note" id="(update-[\w-]+)">(.*?)</div>\s*</div>', re.DOTALL
)
DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def test_every_update_note_has_a_source_and_a_date(built_site, pages):
    """The site's voice beside the article is always dated and sourced (issue #17): every update
    note ends with links to its sources and the date they were checked."""
    found = 0
    for page in pages:
        for ident, body in UPDATE_NOTE.findall(page.read_text(encoding="utf-8")):
            found += 1
            where = f"{page.relative_to(built_site)}#{ident}"
            assert re.search(r'href="https?://', body), f"{where}: an update note without a source"
            assert DATE.search(body), f"{where}: an update note without the date it was checked"
    assert found >= 2 * 13, f"only {found} update notes found: has their markup changed?"


def test_the_repository_stands_alone(tmp_path):
    """A clone has no sibling folders: a copy in a folder of its own builds, and its tests of
    the article find everything inside it."""
    alone = copy_project(tmp_path / "only" / "repo")
    assert [p.name for p in alone.parent.iterdir()] == ["repo"]
    result = run_build(alone, tmp_path / "site")
    assert result.returncode == 0, result.log[-3000:]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_content.py::test_every_sentence_of_the_article_is_on_the_korean_site",
        ],
        cwd=alone,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_nothing_reads_outside_the_repository():
    """No build, test, benchmark or workflow file points at a folder beside the repository."""
    outside = re.compile(r"\.\./shared|parents?\[?\d?\]?\s*/\s*[\"']shared|ROOT\.parent")
    found = []
    for folder in ("hooks", "tests", "tools", "bench", ".github", ".ci"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".sh", ""}:
                for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                    if outside.search(line) and path.name != "test_content.py":
                        found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "../" not in makefile
    assert found == []
