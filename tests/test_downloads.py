"""What a reader takes away from a task page, in both languages: in each framework's tab a .py
download (the snippet, byte for byte), a notebook in the page's language and an Open in Colab
link to the committed notebook; in each "run it" tab an install line made from the pins; and
one archive per framework with all its notebooks."""

from __future__ import annotations

import re
import zipfile

import pytest

import code_pages
import notebooks as nbs
import pins
import snippet_runner as sr
from tests.conftest import LANGS, ROOT, copy_project, run_build
from tests.html_tools import parse, resolve

TASKS = sr.tasks()
TAKE_AWAY = re.compile(r'<div class="code-take-away">(.*?)</div>', re.S)
LINK = re.compile(r'<a class="md-button" href="([^"]+)"( download)?>([^<]+)</a>')
REPO, BRANCH = nbs.repo_and_branch()


def page_file(site, lang: str, task: str):
    return site / LANGS[lang] / "code" / task.replace("_", "-") / "index.html"


def code_tabs(html: str) -> list[str]:
    """The take-away rows of the page, in tab order (TensorFlow, Keras, PyTorch)."""
    return TAKE_AWAY.findall(html)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("task", TASKS)
def test_each_tab_offers_the_py_the_notebook_and_colab(built_site, task, lang):
    page = page_file(built_site, lang, task)
    rows = code_tabs(page.read_text(encoding="utf-8"))
    assert len(rows) == 3, f"{page}: {len(rows)} take-away rows, expected one per framework"
    for fw, row in zip(sr.FRAMEWORKS, rows, strict=True):
        nb = nbs.Notebook(task, fw, lang)
        links = LINK.findall(row)
        assert len(links) == 3, row
        (py, py_dl, _), (ipynb, nb_dl, _), (colab, colab_dl, colab_text) = links
        assert py_dl and nb_dl and not colab_dl
        py_file, _ = resolve(built_site, page, py)
        assert py_file and py_file.name == f"{nb.slug}-{fw}.py", py
        assert py_file.read_bytes() == nb.script.read_bytes(), f"{py_file} is not {nb.script}"
        nb_file, _ = resolve(built_site, page, ipynb)
        assert nb_file and nb_file.name == nb.download_name, ipynb
        assert nb_file.read_bytes() == nb.path.read_bytes(), f"{nb_file} is not {nb.path}"
        assert colab == (
            f"https://colab.research.google.com/github/{REPO.removeprefix('https://github.com/')}"
            f"/blob/{BRANCH}/{nb.path.relative_to(ROOT).as_posix()}"
        )
        assert nb.path.is_file() and colab_text == code_pages.TEXT[lang]["colab"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("task", TASKS)
def test_each_run_tab_installs_only_its_frameworks_packages(built_site, task, lang):
    text = parse(page_file(built_site, lang, task)).text
    for fw in sr.FRAMEWORKS:
        needed = pins.pins_for(pins.imports_for(sr.script_path(sr.SNIPPETS, task, fw), fw))
        for pin in needed:
            assert pin.spec in text, f"{lang} {task} {fw}: no {pin.spec} in its install line"
    pytorch_line = next(line for line in text.splitlines() if "pip install torch==" in line)
    assert "tensorflow" not in pytorch_line and "keras" not in pytorch_line, pytorch_line


@pytest.mark.parametrize("lang", LANGS)
def test_one_archive_per_framework_holds_all_its_notebooks(built_site, lang):
    index = built_site / LANGS[lang] / "code" / "index.html"
    html = index.read_text(encoding="utf-8")
    for fw in sr.FRAMEWORKS:
        href = re.search(rf'href="([^"]*notebooks-{fw}\.zip)" download', html)
        assert href, f"{index}: no link to notebooks-{fw}.zip"
        archive, _ = resolve(built_site, index, href.group(1))
        with zipfile.ZipFile(archive) as zf:
            wanted = {nbs.Notebook(t, fw, lang).download_name: t for t in TASKS}
            assert sorted(zf.namelist()) == sorted(wanted)
            for name, task in wanted.items():
                assert zf.read(name) == nbs.Notebook(task, fw, lang).path.read_bytes()


def test_a_snippet_changed_without_its_notebook_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    script = sr.script_path(project / "snippets", "tensors", "pytorch")
    script.write_text(script.read_text(encoding="utf-8") + "print('one line more')\n", "utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "snippets/tensors/tensors_pytorch.ko.ipynb: its code is not tensors_pytorch.py's" in (
        result.log
    )
    assert "Run `make snippets`" in result.log


def test_the_colab_repository_comes_from_repo_url(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_build(project, tmp_path / "site", {"REPO_URL": "https://github.com/fork/guide"})
    assert result.returncode == 0, result.log[-3000:]
    html = (tmp_path / "site" / "code" / "tensors" / "index.html").read_text(encoding="utf-8")
    assert "colab.research.google.com/github/fork/guide/blob/main/snippets/tensors/" in html
    bad = run_build(project, tmp_path / "site2", {"REPO_URL": "https://gitlab.com/x/y"})
    assert bad.returncode != 0 and "is not https://github.com/OWNER/REPO" in bad.log
