"""Notebooks made from the snippets, one per task, framework and language, committed beside the
snippet (``snippets/<task>/<task>_<framework>.<lang>.ipynb``) so GitHub and Colab show them.

Cells: the task's title and what it shows, in the page's language; a set-up cell that installs
only what is missing (never another version of what is there, as on Colab) and prints the
versions it runs with (the Keras one first chooses ``KERAS_BACKEND``); the page's notes on the
code; the snippet's code, exactly. The stored outputs come from a real run.

    .venv/bin/python hooks/notebooks.py --write   # make the notebooks, run them, store them

tests/test_notebooks.py runs them again and compares their outputs with the .out files.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pins
import snippet_runner as runner
from project import ROOT, read_source

DOCS = ROOT / "docs"
LANGS = ("ko", "en")
LABEL = {"tensorflow": "TensorFlow", "keras": "Keras", "pytorch": "PyTorch"}
WRITE_COMMAND = "make snippets"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
DESCRIPTION = re.compile(r"^description:\s*(.+)$", re.M)
TITLE = re.compile(r"^#\s+(.*?)\s*\{[^}]*#[\w-]+[^}]*\}\s*$", re.M)
NUMBERED_ITEM = re.compile(r"^(\s*)(\d+)\.\s+(.*)$")
TEXT = {
    "ko": {
        "intro": "이 노트북은 [{title}]({page}) 페이지의 {label} 코드입니다. "
        "코드 셀은 저장소의 `{script}` 파일과 똑같고, 저장된 출력은 페이지의 "
        "'테스트한 버전' 표에 있는 버전으로 실행한 결과입니다.",
        "setup": "## 준비\n\n아래 셀은 없는 패키지만 설치하고(Colab처럼 이미 설치된 "
        "패키지는 버전을 바꾸지 않습니다) 실행에 쓰는 버전을 출력합니다.",
        "notes": "## 코드 설명\n\n코드의 `# (n)!` 표시에 대한 설명입니다.",
        "code": "## 코드",
        "backend": "케라스 코드는 `KERAS_BACKEND`로 고른 백엔드에서 실행됩니다. 페이지의 출력은 "
        "`jax` 백엔드에서 나왔습니다.",
    },
    "en": {
        "intro": "This notebook is the {label} code of the page [{title}]({page}). Its code "
        "cell is exactly the repository's file `{script}`, and the stored outputs come from a "
        "run with the versions in the page's 'Tested versions' table.",
        "setup": "## Set-up\n\nThe next cell installs only what is missing (it never "
        "changes the version of a package that is there, as on Colab) and prints the "
        "versions it runs with.",
        "notes": "## Notes on the code\n\nWhat the `# (n)!` marks in the code point at.",
        "code": "## The code",
        "backend": "Keras code runs on the backend `KERAS_BACKEND` chooses. The page's output "
        "comes from the `jax` backend.",
    },
}


class NotebookError(Exception):
    """A notebook could not be made or did not run."""


@dataclass(frozen=True)
class Notebook:
    task: str
    framework: str
    lang: str
    root: Path = runner.SNIPPETS

    @property
    def slug(self) -> str:
        return self.task.replace("_", "-")

    @property
    def path(self) -> Path:
        return self.root / self.task / f"{self.task}_{self.framework}.{self.lang}.ipynb"

    @property
    def script(self) -> Path:
        return runner.script_path(self.root, self.task, self.framework)

    @property
    def run(self) -> runner.Run:
        backend = runner.PAGE_KERAS_BACKEND if self.framework == "keras" else None
        return runner.Run(self.task, self.framework, backend, self.root)

    @property
    def download_name(self) -> str:
        """train-loop-pytorch.ipynb: the name readers get."""
        return f"{self.slug}-{self.framework}.ipynb"


def all_notebooks(root: Path = runner.SNIPPETS) -> list[Notebook]:
    return [
        Notebook(task, fw, lang, root)
        for task in runner.tasks(root)
        for fw in runner.FRAMEWORKS
        for lang in LANGS
    ]


# --- the page's words -------------------------------------------------------------------------
def page_file(slug: str, lang: str) -> Path:
    return DOCS / "code" / (f"{slug}.en.md" if lang == "en" else f"{slug}.md")


def page_words(nb: Notebook) -> dict:
    """The title, description and the notes on this framework's code, from the task page."""
    path = page_file(nb.slug, nb.lang)
    text = read_source(path)
    front = FRONT_MATTER.match(text)
    description = DESCRIPTION.search(front.group(1)) if front else None
    title = TITLE.search(text)
    if not (description and title):
        raise NotebookError(f"{path.relative_to(ROOT)}: no description or first heading")
    include = f'--8<-- "{nb.task}/{nb.script.name}"'
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if line.strip() == include), None)
    if at is None:
        raise NotebookError(f"{path.relative_to(ROOT)}: does not include {nb.script.name}")
    return {
        "title": title.group(1),
        "description": description.group(1).strip(),
        "notes": annotations(lines, at + 1),
    }


def annotations(lines: list[str], after: int) -> list[str]:
    """The numbered items right after the fence that closes the code block before `after`."""
    i = after
    while i < len(lines) and not lines[i].strip().startswith("```"):
        i += 1
    i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    items: list[str] = []
    indent = None
    while i < len(lines):
        item = NUMBERED_ITEM.match(lines[i])
        if item and (indent is None or item.group(1) == indent):
            indent = item.group(1)
            items.append(item.group(3).strip())
        elif lines[i].strip() and indent is not None and lines[i].startswith(indent + "    "):
            items[-1] += " " + lines[i].strip()
        elif lines[i].strip():
            break
        i += 1
    return items


# --- making one ---------------------------------------------------------------------------------
def source_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines:
        lines[-1] = lines[-1].rstrip("\n")
    return lines


def markdown_cell(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source_lines(text)}


def code_cell(text: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source_lines(text),
    }


def setup_code(nb: Notebook) -> str:
    needed = pins.setup_requirements(pins.imports_for(nb.script, nb.framework))
    lines = []
    if nb.framework == "keras":
        lines += [
            "import os",
            "",
            '# Keras reads its backend once, at `import keras`: "jax", "tensorflow" or "torch".',
            f'os.environ["KERAS_BACKEND"] = "{runner.PAGE_KERAS_BACKEND}"',
            "",
        ]
    lines += [
        "import importlib",
        "import importlib.metadata",
        "import importlib.util",
        "import subprocess",
        "import sys",
        "",
        "# import name -> what to install if it is missing (the version the page was run with)",
        "needed = {",
        *(f'    "{module}": "{requirement}",' for module, requirement in needed.items()),
        "}",
        "missing = [req for name, req in needed.items() if importlib.util.find_spec(name) is None]",
        "if missing:  # never reinstalls or upgrades what is there",
        '    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", *missing])',
        "for name, requirement in needed.items():  # not every package has __version__",
        "    module = importlib.import_module(name)",
        '    version = getattr(module, "__version__", None)',
        '    print(name, version or importlib.metadata.version(requirement.split("==")[0]))',
    ]
    return "\n".join(lines) + "\n"


def make(nb: Notebook, repo: str = "", branch: str = "main") -> dict:
    """The notebook, without outputs."""
    words = page_words(nb)
    t = TEXT[nb.lang]
    page = f"{repo}/blob/{branch}/docs/code/{page_file(nb.slug, nb.lang).name}" if repo else ""
    script = nb.script.relative_to(nb.root.parent).as_posix()
    intro = t["intro"].format(
        title=words["title"], page=page, label=LABEL[nb.framework], script=script
    )
    head = f"# {words['title']} · {LABEL[nb.framework]}\n\n{words['description']}\n\n{intro}"
    if nb.framework == "keras":
        head += "\n\n" + t["backend"]
    cells = [markdown_cell(head), markdown_cell(t["setup"]), code_cell(setup_code(nb))]
    if words["notes"]:
        notes = "\n".join(f"{n}. {note}" for n, note in enumerate(words["notes"], 1))
        cells.append(markdown_cell(f"{t['notes']}\n\n{notes}"))
    cells += [markdown_cell(t["code"]), code_cell(read_source(nb.script))]
    for n, cell in enumerate(cells, 1):  # nbformat 4.5 requires an id; a fixed one keeps diffs
        cell["id"] = f"{nb.slug}-{nb.framework}-{n}"
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def cell_text(text: str) -> str:
    """A cell's source as Jupyter stores it: the text without its final newline."""
    return "".join(source_lines(text))


def code_cells(notebook: dict) -> list[str]:
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Framework log records, which a kernel shows on stdout and a script writes to stderr.
LOG_LINE = re.compile(r"^(?:INFO|WARNING):(?:tensorflow|absl):.*\n?", re.M)


def joined(text: str | list[str]) -> str:
    return "".join(text) if isinstance(text, list) else text


def printed(cell: dict) -> str:
    """What a cell printed, as a terminal shows it: its stdout and the plain text of what it
    displayed (Keras' model.summary() is a rich display in a notebook), without log records."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            parts.append(joined(output["text"]))
        elif output.get("output_type") in ("display_data", "execute_result"):
            text = ANSI.sub("", joined(output.get("data", {}).get("text/plain", "")))
            parts.append(text if text.endswith("\n") else text + "\n")
    return LOG_LINE.sub("", "".join(parts))


def snippet_output(notebook: dict) -> str:
    """What the snippet's cell (the last code cell) printed."""
    cell = [c for c in notebook["cells"] if c["cell_type"] == "code"][-1]
    return runner.normalise(printed(cell))


# --- running ------------------------------------------------------------------------------------
def execute(notebook: dict, nb: Notebook, timeout: float = runner.TIME_LIMIT_S) -> dict:
    """Run every cell in a fresh kernel, in an empty folder, with the runner's environment;
    return the notebook with its outputs. A failing cell raises NotebookError naming the
    notebook, the cell and the error."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    workdir = tempfile.mkdtemp(prefix="notebook-run-")
    env = runner.run_env(nb.run, "cpu", workdir)
    env.pop("KERAS_BACKEND", None)  # the notebook's first cell chooses it
    node = nbformat.reads(json.dumps(notebook), as_version=4)
    client = NotebookClient(
        node, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": workdir}}
    )
    try:
        client.execute(env=env)
    except CellExecutionError as exc:
        cell = next(
            (
                n
                for n, c in enumerate(node.cells, 1)
                if any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            "?",
        )
        message = ANSI.sub("", str(exc))  # the kernel colours its traceback
        raise NotebookError(
            f"{nb.path.relative_to(ROOT)}: cell {cell} failed:\n{message}"
        ) from None
    except (CellTimeoutError, DeadKernelError) as exc:
        raise NotebookError(f"{nb.path.relative_to(ROOT)}: {type(exc).__name__}: {exc}") from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return clean(json.loads(nbformat.writes(node)))


def clean(notebook: dict) -> dict:
    """Keep what a reader should see: stdout (one output per run of it) and displays, without
    log records; drop stderr (framework warnings with this machine's paths), execution times
    and counts."""
    for cell in notebook["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] != "code":
            continue
        cell["execution_count"] = None
        kept: list[dict] = []
        for output in cell["outputs"]:
            kind = output.get("output_type")
            if kind == "stream" and output.get("name") == "stdout":
                text = LOG_LINE.sub("", joined(output["text"]))
                if kept and kept[-1].get("name") == "stdout":
                    text = joined(kept.pop()["text"]) + text
                if text:
                    kept.append(
                        {
                            "name": "stdout",
                            "output_type": "stream",
                            "text": text.splitlines(keepends=True),
                        }
                    )
            elif kind in ("display_data", "execute_result"):
                kept.append({"data": output["data"], "metadata": {}, "output_type": "display_data"})
        cell["outputs"] = kept
    notebook["metadata"] = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return notebook


def dumps(notebook: dict) -> str:
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def repo_and_branch() -> tuple[str, str]:
    """The GitHub repository and branch the notebooks live in, from mkdocs.yml (repo_url,
    edit_uri): the same setting as the edit links."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(
        "!ENV",
        lambda loader, node: (
            loader.construct_sequence(node)[-1]
            if isinstance(node, yaml.SequenceNode)
            else loader.construct_scalar(node)
        ),
    )
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *args: None)
    config = yaml.load(read_source(ROOT / "mkdocs.yml"), Loader=Loader)
    branch = config.get("edit_uri", "edit/main/").strip("/").split("/")[1]
    return config["repo_url"].rstrip("/"), branch


def write_all(notebooks: list[Notebook], jobs: int = runner.JOBS) -> list[str]:
    """Make, run and store the notebooks; the same code runs once per task and framework and
    its outputs go into both languages' notebooks. Returns the problems."""
    repo, branch = repo_and_branch()
    made = {nb: make(nb, repo, branch) for nb in notebooks}  # here: ast.parse is not thread-safe
    firsts = [nb for nb in notebooks if nb.lang == LANGS[0]]

    def one(nb: Notebook):
        try:
            return nb, execute(made[nb], nb), None
        except NotebookError as exc:
            return nb, None, str(exc)

    problems = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for nb, ran, problem in pool.map(one, firsts):
            if problem:
                problems.append(problem)
                continue
            outputs = [c["outputs"] for c in ran["cells"] if c["cell_type"] == "code"]
            for other in [o for o in notebooks if (o.task, o.framework) == (nb.task, nb.framework)]:
                cells = [c for c in made[other]["cells"] if c["cell_type"] == "code"]
                for cell, out in zip(cells, outputs, strict=True):
                    cell["outputs"] = out
                other.path.write_text(dumps(made[other]), encoding="utf-8")
                print(f"wrote {other.path.relative_to(ROOT)}", flush=True)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python hooks/notebooks.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--write", action="store_true", help="make, run and store them")
    parser.add_argument("--only", default="", help="comma-separated task names")
    args = parser.parse_args(argv)
    if not args.write:
        parser.error("give --write (the tests check them: tests/test_notebooks.py)")
    only = [t for t in args.only.split(",") if t]
    notebooks = [nb for nb in all_notebooks() if not only or nb.task in only]
    problems = write_all(notebooks)
    for problem in problems:
        print(f"\nFAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
