"""Stale translations: a page whose twin changed later in git shows a notice, the build lists
it (as INFO: the strict build still passes), and without git history the check says so."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hooks.stale_translations import NoHistory, last_changes, stale_pages
from tests.conftest import copy_project, run_build
from tests.html_tools import parse, resolve

JAN, FEB, MAR = "2026-01-01T10:00:00Z", "2026-02-01T10:00:00Z", "2026-03-01T10:00:00Z"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    if date:
        env.update({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    proc = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def commit(repo: Path, date: str, *paths: str) -> None:
    git(repo, "add", *(paths or ["-A"]))
    git(repo, "commit", "-q", "-m", f"change at {date}", date=date)


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


# --- the git reading, on a small repository ------------------------------------------------
@pytest.fixture
def repo(tmp_path) -> Path:
    """docs/a.md + docs/a.en.md and docs/b.md + docs/b.en.md, committed together in January."""
    (tmp_path / "docs").mkdir()
    for name in ("a.md", "a.en.md", "b.md", "b.en.md"):
        (tmp_path / "docs" / name).write_text(f"# {name}\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    commit(tmp_path, JAN)
    return tmp_path


def stale(repo: Path) -> dict[str, str]:
    """page -> the twin that changed after it."""
    docs = repo / "docs"
    return {page: item.twin for page, item in stale_pages(docs, last_changes(docs)).items()}


def test_twins_committed_together_are_in_step(repo):
    assert stale(repo) == {}


def test_korean_change_after_english_flags_the_english_page(repo):
    append(repo / "docs" / "a.md", "새 문단입니다.\n")
    commit(repo, FEB)
    assert stale(repo) == {"a.en.md": "a.md"}
    changes = last_changes(repo / "docs")
    assert changes["a.md"].commit != changes["a.en.md"].commit


def test_english_change_after_korean_flags_the_korean_page(repo):
    append(repo / "docs" / "b.en.md", "A new paragraph.\n")
    commit(repo, FEB)
    assert stale(repo) == {"b.md": "b.en.md"}


def test_updating_the_translation_clears_the_flag(repo):
    append(repo / "docs" / "a.md", "새 문단입니다.\n")
    commit(repo, FEB)
    append(repo / "docs" / "a.en.md", "A new paragraph.\n")
    append(repo / "docs" / "a.md", "그리고 한 문장 더.\n")
    commit(repo, MAR)  # both twins in one commit: in step again
    assert stale(repo) == {}


def test_commits_in_the_same_second_are_ordered_by_history(repo):
    append(repo / "docs" / "a.en.md", "One.\n")
    commit(repo, FEB, "docs/a.en.md")
    append(repo / "docs" / "a.md", "하나.\n")
    commit(repo, FEB, "docs/a.md")  # same timestamp, later commit
    assert stale(repo) == {"a.en.md": "a.md"}


def test_uncommitted_edits_count_as_now(repo):
    append(repo / "docs" / "a.md", "아직 커밋하지 않은 문단입니다.\n")
    assert stale(repo) == {"a.en.md": "a.md"}
    assert last_changes(repo / "docs")["a.md"].describe() == "uncommitted edits"
    append(repo / "docs" / "a.en.md", "Not committed either.\n")
    assert stale(repo) == {}  # both edited: in step
    (repo / "docs" / "c.md").write_text("# 새 페이지\n", encoding="utf-8")
    (repo / "docs" / "c.en.md").write_text("# New page\n", encoding="utf-8")
    assert "c.md" in last_changes(repo / "docs")  # untracked files count too
    assert "c.md" not in stale(repo) and "c.en.md" not in stale(repo)


def test_without_a_repository_the_check_says_why(tmp_path):
    (tmp_path / "docs").mkdir()
    with pytest.raises(NoHistory, match="no git repository here"):
        last_changes(tmp_path / "docs")


def test_a_shallow_clone_is_not_trusted(repo, tmp_path):
    append(repo / "docs" / "a.md", "새 문단입니다.\n")
    commit(repo, FEB)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    with pytest.raises(NoHistory, match=r"shallow.*fetch-depth: 0"):
        last_changes(clone / "docs")


# --- a real build of the project in a temporary repository ---------------------------------
@pytest.fixture(scope="module")
def history_build(tmp_path_factory):
    """The project committed in January; in February the Korean Keras page changes, in
    March the English PyTorch page does; then the build."""
    project = copy_project(tmp_path_factory.mktemp("stale") / "project")
    git(project, "init", "-q")
    commit(project, JAN)
    append(project / "docs" / "keras.md", "\n새로 덧붙인 문단입니다.\n")
    commit(project, FEB, "docs/keras.md")
    append(project / "docs" / "pytorch.en.md", "\nA paragraph added in English.\n")
    commit(project, MAR, "docs/pytorch.en.md")
    return run_build(project, project.parent / "site")


def notice_links(site: Path, page: Path) -> list[Path]:
    return [resolve(site, page, url)[0] for tag, url, _ in parse(page).links if tag == "a"]


def test_stale_translations_do_not_fail_the_strict_build(history_build):
    assert history_build.returncode == 0, history_build.log[-4000:]
    lines = [line for line in history_build.log.splitlines() if "stale_translations" in line]
    assert lines and all(line.startswith("INFO") for line in lines), lines


def test_the_build_lists_the_stale_pages(history_build):
    log = history_build.log
    assert "2 page(s) may be out of date: their twin changed later in git" in log
    assert "docs/keras.en.md: docs/keras.md changed (commit " in log and ", 2026-02-01)" in log
    assert "docs/pytorch.md: docs/pytorch.en.md changed (commit " in log and ", 2026-03-01)" in log
    assert "update the translation, commit both" in log


def test_english_page_behind_the_korean_shows_an_english_notice(history_build):
    site = history_build.site
    page = site / "en" / "keras" / "index.html"
    text = parse(page).text
    assert "This translation may be out of date" in text
    assert "The Korean page changed after this English translation was last updated" in text
    first_section = next(title for tag, _, title in parse(page).headings if tag == "h2")
    assert text.index("This translation may be out of date") < text.index(first_section)
    assert site / "keras" / "index.html" in notice_links(site, page)
    assert "최신 내용이 아닐 수 있습니다" not in parse(site / "keras" / "index.html").text


def test_korean_page_behind_the_english_shows_a_korean_notice(history_build):
    site = history_build.site
    page = site / "pytorch" / "index.html"
    assert "최신 내용이 아닐 수 있습니다" in parse(page).text
    assert "영어판" in parse(page).text
    assert site / "en" / "pytorch" / "index.html" in notice_links(site, page)
    assert "may be out of date" not in parse(site / "en" / "pytorch" / "index.html").text


def test_pages_in_step_show_no_notice(history_build):
    site = history_build.site
    for page in (site / "tensorflow" / "index.html", site / "en" / "tensorflow" / "index.html"):
        text = parse(page).text
        assert "may be out of date" not in text and "최신 내용이 아닐 수 있습니다" not in text


def test_without_history_the_build_says_so_once_and_passes(tmp_path):
    project = copy_project(tmp_path / "project")  # a plain folder: no git repository
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.log[-4000:]
    said = [
        line
        for line in result.log.splitlines()
        if "translations are not checked for staleness" in line
    ]
    assert len(said) == 1 and said[0].startswith("INFO"), said
