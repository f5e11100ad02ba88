"""The strict build, the two languages kept in step, and the checks that stop a bad page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.i18n_checks import check_docs
from tests.conftest import ROOT
from tests.html_tools import parse, twin_pages


def test_strict_build_prints_no_warning(build):
    assert build.returncode == 0
    noisy = [line for line in build.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert noisy == [], "the strict build printed:\n" + "\n".join(noisy)


def test_both_languages_are_built(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "en" / "index.html").is_file()
    assert parse(built_site / "index.html").lang == "ko"
    assert parse(built_site / "en" / "index.html").lang == "en"


def test_every_source_page_has_its_twin_ids_and_description():
    assert check_docs(ROOT / "docs") == []


def test_every_built_page_has_its_twin_with_the_same_heading_ids(built_site, pages):
    pairs = twin_pages(built_site, pages)
    assert len(pairs) >= 6
    for ko, en in pairs:
        assert en.is_file(), f"{ko} has no English twin {en}"
        ko_ids = [i for _, i, _ in parse(ko).headings]
        en_ids = [i for _, i, _ in parse(en).headings]
        assert None not in ko_ids, f"{ko}: a heading without id"
        assert ko_ids == en_ids, f"{ko} and {en} differ in heading ids"


# --- the check itself, on small broken page sets -------------------------------------------
def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


KO = "---\ndescription: 설명입니다.\n---\n\n# 제목 {#title}\n\n## 장점 {#strengths}\n"
EN = "---\ndescription: A description.\n---\n\n# Title {#title}\n\n## Strengths {#strengths}\n"


@pytest.fixture
def docs(tmp_path):
    write(tmp_path, "page.md", KO)
    write(tmp_path, "page.en.md", EN)
    assert check_docs(tmp_path) == []
    return tmp_path


def test_check_names_a_page_without_its_english_twin(docs):
    (docs / "page.en.md").unlink()
    [problem] = check_docs(docs)
    assert problem.startswith("docs/page.md:1: ") and "no English twin docs/page.en.md" in problem
    assert "make serve" in problem
    assert check_docs(docs, allow_missing_twin=True) == []


def test_check_names_a_page_without_its_korean_twin(docs):
    write(docs, "extra.en.md", EN)
    [problem] = check_docs(docs)
    assert problem.startswith("docs/extra.en.md:1: ") and "no Korean twin docs/extra.md" in problem


def test_check_names_differing_heading_ids_with_line(docs):
    write(docs, "page.en.md", EN.replace("{#strengths}", "{#pros}"))
    [problem] = check_docs(docs)
    assert problem.startswith("docs/page.md:7: heading ids differ")
    assert "#strengths (line 7)" in problem and "#pros (line 7)" in problem


def test_check_names_a_heading_without_id(docs):
    write(docs, "page.md", KO + "\n## 단점\n")
    write(docs, "page.en.md", EN + "\n## Weaknesses\n")
    problems = check_docs(docs)
    assert problems[0].startswith("docs/page.en.md:9: heading 'Weaknesses' has no explicit id")
    assert problems[1].startswith("docs/page.md:9: heading '단점' has no explicit id")


def test_check_ignores_hashes_in_code_blocks(docs):
    write(docs, "page.md", KO + "\n```python\n# a comment, not a heading\n```\n")
    assert check_docs(docs) == []


def test_check_names_missing_description_and_broken_front_matter(docs):
    write(docs, "page.md", KO.replace("description: 설명입니다.", "title: x"))
    write(docs, "page.en.md", EN.replace("description: A description.", "description: [oops"))
    problems = check_docs(docs)
    assert problems[0].startswith("docs/page.en.md:1: front matter is not valid YAML")
    assert problems[1].startswith("docs/page.md:1: the page has no `description`")


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    """ProperDocs, MkDocs 1.6's maintained fork, builds the site unchanged: the way out if
    MkDocs 1.x stops installing (CONTRIBUTING: toolchain status)."""
    properdocs = Path(sys.executable).parent / "properdocs"
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k != "I18N_FALLBACK"}
    proc = subprocess.run(
        [str(properdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]

    def files(root):
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

    assert files(site) == files(built_site)
    for page in ("index.html", "en/compare/index.html", "code/train-loop/index.html"):
        assert parse(site / page).text == parse(built_site / page).text, page
