"""The notebooks made from the snippets: committed, in step with their snippet and page, in the
page's language, with a set-up cell that never changes what Colab has; and every one of them
runs and prints what the snippet's .out stores (the same tolerance as the snippets)."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import subprocess
import warnings

import pytest

import notebooks as nbs
import snippet_runner as sr
from tests.html_tools import HANGUL

NOTEBOOKS = nbs.all_notebooks()
FIRSTS = [nb for nb in NOTEBOOKS if nb.lang == nbs.LANGS[0]]
REMAKE = "Run `make snippets` (it remakes the notebooks) and commit them."


def load(nb: nbs.Notebook) -> dict:
    if not nb.path.exists():
        pytest.fail(f"{nb.path.relative_to(sr.ROOT)}: missing. {REMAKE}", pytrace=False)
    return json.loads(nb.path.read_text(encoding="utf-8"))


def markdown_text(notebook: dict) -> str:
    return "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )


@pytest.mark.unit
def test_one_notebook_per_task_framework_and_language():
    assert len(NOTEBOOKS) == len(sr.tasks()) * 3 * 2
    stray = sorted(
        p for p in sr.SNIPPETS.glob("*/*.ipynb") if p not in {nb.path for nb in NOTEBOOKS}
    )
    assert not stray, f"notebooks that no snippet makes any more (delete them): {stray}"


@pytest.mark.unit
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda nb: nb.path.name)
def test_notebook_is_in_step_with_its_snippet_and_page(nb):
    stored = load(nb)
    shown = nb.path.relative_to(sr.ROOT)
    made = nbs.make(nb, *nbs.repo_and_branch())
    assert nbs.code_cells(stored) == nbs.code_cells(made), (
        f"{shown}: its code is not {nb.script.name}'s (or its set-up cell is outdated). {REMAKE}"
    )
    assert markdown_text(stored) == markdown_text(made), (
        f"{shown}: its text is not the page's any more. {REMAKE}"
    )
    # the snippet's code exactly, and the outputs of a real run, as the .out stores them
    assert nbs.code_cells(stored)[-1] == nbs.cell_text(nb.script.read_text(encoding="utf-8"))
    expected = nb.run.out.read_text(encoding="utf-8")
    assert sr.outputs_match(expected, nbs.snippet_output(stored)), (
        f"{shown}: its stored output is not {nb.run.out.name}'s. {REMAKE}"
    )


@pytest.mark.unit
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda nb: nb.path.name)
def test_notebook_is_valid_nbformat(nb):
    """Jupyter, Colab and GitHub read it without repairing it (nbformat 4.5: cell ids)."""
    import nbformat

    stored = load(nb)
    try:
        with warnings.catch_warnings():  # nbformat repairs a missing id with only a warning
            warnings.simplefilter("error")
            nbformat.validate(copy.deepcopy(stored), version=4)
    except (nbformat.ValidationError, Warning) as exc:
        pytest.fail(f"{nb.path.relative_to(sr.ROOT)}: not valid nbformat 4: {exc}. {REMAKE}")
    ids = [cell.get("id") for cell in stored["cells"]]
    assert len(set(ids)) == len(ids), f"{nb.path.relative_to(sr.ROOT)}: repeated cell ids {ids}"


@pytest.mark.unit
@pytest.mark.parametrize("nb", FIRSTS, ids=lambda nb: f"{nb.task}-{nb.framework}")
def test_notebook_text_is_in_the_pages_language(nb):
    ko, en = load(nb), load(nbs.Notebook(nb.task, nb.framework, "en"))
    ko_words, en_words = (
        nbs.page_words(nb),
        nbs.page_words(nbs.Notebook(nb.task, nb.framework, "en")),
    )
    assert ko_words["title"] in markdown_text(ko) and en_words["title"] in markdown_text(en)
    assert HANGUL.search(markdown_text(ko))
    english = re.sub(r"`[^`]*`", "", markdown_text(en))  # code may quote anything
    assert len(HANGUL.findall(english)) <= 0.02 * len(english), "Korean text in the English one"
    for note in en_words["notes"]:
        assert note in markdown_text(en)
    # the same code and outputs in both languages
    assert nbs.code_cells(ko) == nbs.code_cells(en)
    assert [c.get("outputs") for c in ko["cells"] if c["cell_type"] == "code"] == [
        c.get("outputs") for c in en["cells"] if c["cell_type"] == "code"
    ]


@pytest.mark.unit
def test_keras_notebooks_choose_their_backend_first():
    for nb in [nb for nb in NOTEBOOKS if nb.framework == "keras"]:
        first = nbs.code_cells(load(nb))[0]
        assert 'os.environ["KERAS_BACKEND"] = "jax"' in first, nb.path
        assert first.index("KERAS_BACKEND") < first.index("import_module")
        comment = next(line for line in first.splitlines() if "KERAS_BACKEND" in line)
        previous = first.splitlines()[first.splitlines().index(comment) - 1]
        assert all(f'"{b}"' in previous for b in sr.KERAS_BACKENDS), previous


@pytest.mark.unit
@pytest.mark.parametrize("absent", [None, "torch"])
def test_set_up_cell_installs_only_what_is_missing(monkeypatch, capsys, absent):
    """On Colab everything is there: nothing is installed, nothing changes version. A package
    that is missing is installed at the version the page was run with, nothing else."""
    nb = nbs.Notebook("train_loop", "pytorch", "ko")
    calls = []
    monkeypatch.setattr(subprocess, "check_call", lambda args, **kw: calls.append(args))
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == absent else real(name, *a)
    )
    exec(nbs.code_cells(load(nb))[0], {})
    printed = capsys.readouterr().out
    assert "torch 2.13.0" in printed and "numpy 2.4.6" in printed
    if absent is None:
        assert calls == []
    else:
        [args] = calls
        assert args[-1] == "torch==2.13.0" and "--upgrade" not in args and "-U" not in args


@pytest.fixture(scope="session")
def executed():
    """Every notebook (one language: the other holds the same code), run from a copy without
    outputs, two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def one(nb):
        fresh = json.loads(nb.path.read_text(encoding="utf-8"))
        for cell in fresh["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"] = []
        try:
            return nb, nbs.execute(fresh, nb), None
        except nbs.NotebookError as exc:
            return nb, None, str(exc)

    with ThreadPoolExecutor(max_workers=sr.JOBS) as pool:
        return {nb: (ran, problem) for nb, ran, problem in pool.map(one, FIRSTS)}


@pytest.mark.parametrize("nb", FIRSTS, ids=lambda nb: f"{nb.task}-{nb.framework}")
def test_notebook_runs_and_prints_the_stored_output(nb, executed):
    ran, problem = executed[nb]
    if problem:
        pytest.fail(problem, pytrace=False)
    expected = nb.run.out.read_text(encoding="utf-8")
    actual = nbs.snippet_output(ran)
    if not sr.outputs_match(expected, actual):
        pytest.fail(
            f"{nb.path.relative_to(sr.ROOT)}: the snippet's cell printed something other than "
            f"{nb.run.out.name}:\n" + sr.diff(expected, actual, nb.run.out),
            pytrace=False,
        )


def test_a_failing_cell_names_the_notebook_and_the_cell():
    nb = nbs.Notebook("tensors", "pytorch", "ko")
    broken = json.loads(nb.path.read_text(encoding="utf-8"))
    code = [c for c in broken["cells"] if c["cell_type"] == "code"]
    code[-1]["source"] = ["raise ValueError('injected fault')\n"]
    with pytest.raises(nbs.NotebookError) as err:
        nbs.execute(broken, nb, timeout=60)
    number = broken["cells"].index(code[-1]) + 1
    assert f"{nb.path.relative_to(sr.ROOT)}: cell {number} failed" in str(err.value)
    assert "ValueError: injected fault" in str(err.value)
