"""Fault injection: copy the project, break one thing, and check the build (or the snippet
check) fails with a message that names the file, the line, and what to do.

Each test is one real ``mkdocs build --strict`` of a copy of the whole project with one fault
in it. Most faults come in a small probe page pair (docs/probe.md, docs/probe.en.md) written
by the test, so the expected line numbers are known and the tests do not depend on what the
site's own pages say; the data faults edit a copy of data/matrix.yml.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, run_build
from tests.html_tools import parse, resolve

KO = "---\ndescription: 시험용 페이지입니다.\n---\n\n# 시험 {#probe}\n\n"
EN = "---\ndescription: A page for the tests.\n---\n\n# Probe {#probe}\n\n"
BODY_LINE = 7  # the first line after the front matter and the title


def write(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def probe(
    project: Path,
    ko_body: str = "본문입니다.\n",
    en_body: str = "Body text.\n",
    *,
    ko_head: str = KO,
    en_head: str = EN,
) -> None:
    """A twin pair docs/probe.md + docs/probe.en.md; the bodies start on BODY_LINE."""
    if ko_body is not None:
        write(project, "docs/probe.md", ko_head + ko_body)
    if en_body is not None:
        write(project, "docs/probe.en.md", en_head + en_body)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def build(project: Path, **env):
    return run_build(project, project.parent / "site", env)


def failed_with(result, *fragments: str) -> None:
    """The build failed, and its log holds every fragment of the expected message."""
    log = result.log
    assert result.returncode != 0, f"the build did not fail:\n{log[-3000:]}"
    missing = [f for f in fragments if f not in log]
    assert not missing, f"the log lacks {missing}:\n{log[-4000:]}"


def test_the_unchanged_copy_builds(project):
    """Every failure below comes from its injected fault: without one the copy builds."""
    result = build(project)
    assert result.returncode == 0, result.log[-4000:]
    assert "WARNING" not in result.log and "ERROR" not in result.log, result.log[-4000:]


# --- pages and their twins ---------------------------------------------------------------
def test_page_without_its_english_twin(project):
    probe(project, en_body=None)
    failed_with(
        build(project),
        "docs/probe.md:1: this Korean page has no English twin docs/probe.en.md",
        "Add docs/probe.en.md (a complete translation with the same heading ids)",
        "preview untranslated work with `make serve`",
    )


def test_twins_with_different_heading_ids(project):
    probe(project, "## 장점 {#strengths}\n", "## Strengths {#pros}\n")
    failed_with(
        build(project),
        f"docs/probe.md:{BODY_LINE}: heading ids differ from its twin docs/probe.en.md",
        f"only in docs/probe.md: #strengths (line {BODY_LINE})",
        f"only in docs/probe.en.md: #pros (line {BODY_LINE})",
        "Give both pages the same heading ids in the same order",
    )


def test_page_without_a_description(project):
    probe(project, ko_head=KO.replace("description: 시험용 페이지입니다.", "title: 시험"))
    failed_with(
        build(project),
        "docs/probe.md:1: the page has no `description` in its front matter",
        "Add '---\\ndescription: one sentence in the page's language\\n---' at the top",
    )


def test_broken_front_matter(project):
    probe(
        project, en_head=EN.replace("description: A page for the tests.", "description: [unclosed")
    )
    failed_with(
        build(project),
        "docs/probe.en.md:1: front matter is not valid YAML (line ",
        "Fix the YAML between the two '---' lines",
    )


def test_page_that_is_not_utf8(project):
    probe(project)
    (project / "docs/probe.en.md").write_bytes((EN + "Caf\xe9 body.\n").encode("latin-1"))
    failed_with(
        build(project),
        f"docs/probe.en.md:{BODY_LINE}: not UTF-8 (byte 0xe9 at column 4)",
        "Save the file as UTF-8",
    )


def test_data_file_that_is_not_utf8(project):
    path = project / "data/matrix.yml"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2] + " \uc7a5\uc810".encode(
        "cp949"
    )  # Korean saved in the old Windows code page
    path.write_bytes(b"\n".join(lines))
    failed_with(build(project), "data/matrix.yml:3: not UTF-8", "Save the file as UTF-8")


# --- snippet includes ----------------------------------------------------------------------
def test_include_of_a_missing_snippet_file(project):
    include = '```python\n--8<-- "tensors/tensors_pytroch.py"\n```\n'
    probe(project, include, include)
    failed_with(
        build(project),
        f"docs/probe.md:{BODY_LINE + 1}: includes 'tensors/tensors_pytroch.py', but "
        "there is no file 'tensors/tensors_pytroch.py' in snippets/",
        f"docs/probe.en.md:{BODY_LINE + 1}: includes 'tensors/tensors_pytroch.py'",
        "Fix the path or add the file. Did you mean 'tensors/tensors_pytorch.py'",
    )


def test_include_of_a_missing_snippet_section(project):
    write(
        project,
        "snippets/probe_task/pytorch.py",
        "# --8<-- [start:create]\nx = 1\n# --8<-- [end:create]\nprint(x)\n",
    )
    include = '```python\n--8<-- "probe_task/pytorch.py:crate"\n```\n'
    probe(project, include, include)
    failed_with(
        build(project),
        f"docs/probe.md:{BODY_LINE + 1}: includes 'probe_task/pytorch.py:crate', but "
        "snippets/probe_task/pytorch.py has no section 'crate'",
        "Sections there: create.",
        "Fix the name, or mark the lines in the file with '# --8<-- [start:crate]'",
    )


def test_include_of_an_existing_section_builds(project):
    """The include check passes what pymdownx includes: the section's lines reach the page."""
    write(
        project,
        "snippets/probe_task/pytorch.py",
        "# --8<-- [start:create]\nanswer = 42\n# --8<-- [end:create]\nprint(answer)\n",
    )
    include = '```python\n--8<-- "probe_task/pytorch.py:create"\n```\n'
    probe(project, include, include)
    result = build(project)
    assert result.returncode == 0, result.log[-4000:]
    text = parse(result.site / "en" / "probe" / "index.html").text
    assert "answer = 42" in text and "print(answer)" not in text


# --- links, anchors, images: independent faults, one build of one copy -------------------
# MkDocs reports every link problem of a build before --strict stops it, so each fault sits in
# a probe pair of its own (docs/probe-<name>.md) and one build serves all of them.
LINK_FAULTS = {
    "link": ("[다음 페이지](compair.md)를 보십시오.\n", "See [the next page](compair.md).\n"),
    "anchor": (
        "## 장점 {#strengths}\n\n[장점](#strenghts)을 보십시오.\n",
        "## Strengths {#strengths}\n\nSee [the strengths](#strenghts).\n",
    ),
    "other": ("[장점](keras.md#no-such-heading)\n", "[Strengths](keras.md#no-such-heading)\n"),
    "image": ("![그래프](assets/images/missing.svg)\n", "![A graph](assets/images/missing.svg)\n"),
    "absolute": ("[영어판](/en/keras/)\n", "[Keras](/en/keras/)\n"),
}


@pytest.fixture(scope="module")
def link_faults(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("links") / "project")
    for name, (ko, en) in LINK_FAULTS.items():
        write(project, f"docs/probe-{name}.md", KO.replace("{#probe}", f"{{#probe-{name}}}") + ko)
        write(
            project, f"docs/probe-{name}.en.md", EN.replace("{#probe}", f"{{#probe-{name}}}") + en
        )
    return build(project)


def test_broken_internal_link(link_faults):
    failed_with(
        link_faults,
        f"docs/probe-link.md:{BODY_LINE}: link 'compair.md' points to docs/compair.md, "
        "which does not exist. Fix the path",
        f"docs/probe-link.en.md:{BODY_LINE}: link 'compair.md'",
        "or add the page",
    )


def test_broken_anchor_after_a_heading_was_renamed(link_faults):
    failed_with(
        link_faults,
        f"docs/probe-anchor.md:{BODY_LINE + 2}: link '#strenghts': docs/probe-anchor.md "
        "has no heading or element with id 'strenghts'",
        f"docs/probe-anchor.en.md:{BODY_LINE + 2}: link '#strenghts'",
        "or restore the renamed id. Did you mean #strengths?",
    )


def test_broken_anchor_on_another_page(link_faults):
    failed_with(
        link_faults,
        f"docs/probe-other.md:{BODY_LINE}: link 'keras.md#no-such-heading': docs/keras.md "
        "has no heading or element with id 'no-such-heading'",
        f"docs/probe-other.en.md:{BODY_LINE}: link 'keras.md#no-such-heading': "
        "docs/keras.en.md has no heading",
        "Link to an id that exists there",
    )


def test_missing_image(link_faults):
    failed_with(
        link_faults,
        f"docs/probe-image.md:{BODY_LINE}: image 'assets/images/missing.svg' points to "
        "docs/assets/images/missing.svg, which does not exist. Add the image under docs/",
        f"docs/probe-image.en.md:{BODY_LINE}: image 'assets/images/missing.svg'",
    )


def test_absolute_link(link_faults):
    failed_with(
        link_faults,
        f"docs/probe-absolute.md:{BODY_LINE}: absolute link '/en/keras/' breaks when the "
        "site is served under a sub-path",
        "Link to the Markdown file with a relative path instead",
    )


def test_each_link_fault_is_reported_once_per_language(link_faults):
    """The shared build reports exactly the injected faults: none hides another."""
    for name in LINK_FAULTS:
        for page in (f"docs/probe-{name}.md:", f"docs/probe-{name}.en.md:"):
            assert page in link_faults.log, f"{page} not reported:\n{link_faults.log[-3000:]}"


# --- the pros/cons matrix data -----------------------------------------------------------
MATRIX = "data/matrix.yml"


def matrix_lines(project: Path) -> list[str]:
    return (project / MATRIX).read_text(encoding="utf-8").split("\n")


def first_line(lines: list[str], pattern: str, after: int = 0) -> int:
    """0-based index of the first line matching pattern at or after `after`."""
    return next(i for i in range(after, len(lines)) if re.match(pattern, lines[i]))


def edit_matrix(project: Path, lines: list[str]) -> None:
    (project / MATRIX).write_text("\n".join(lines), encoding="utf-8")


def first_criterion(lines: list[str]) -> tuple[int, int]:
    """0-based indexes of `criteria:` and of the first row's `cells:`."""
    start = first_line(lines, r"^criteria:")
    return start, first_line(lines, r"^\s+cells:\s*$", start)


def test_matrix_yaml_syntax_error(project):
    lines = matrix_lines(project)
    start, _ = first_criterion(lines)
    at = first_line(lines, r"^\s+title: \{", start)
    lines[at] = lines[at].replace("}", "", 1)  # an unclosed flow mapping
    edit_matrix(project, lines)
    result = build(project)
    failed_with(
        result,
        "YAML syntax error",
        "Fix the line (check indentation, a missing ':' or an unclosed quote or bracket)",
    )
    line = int(re.search(r"data/matrix\.yml:(\d+): YAML syntax error", result.log).group(1))
    assert at + 1 <= line <= at + 3, f"the error points at line {line}, the fault is on {at + 1}"


def test_matrix_unknown_framework(project):
    lines = matrix_lines(project)
    _, cells = first_criterion(lines)
    at = first_line(lines, r"^\s+pytorch:\s*$", cells)
    lines[at] = lines[at].replace("pytorch:", "pytorh:")
    edit_matrix(project, lines)
    result = build(project)
    failed_with(
        result,
        "criteria[0].cells.pytorh: unknown framework 'pytorh'",
        "Known: tensorflow, keras, pytorch. Fix the spelling",
        "criteria[0].cells.pytorch: no cell for pytorch",
    )
    line = int(
        re.search(r"data/matrix\.yml:(\d+): criteria\[0\]\.cells\.pytorh:", result.log).group(1)
    )
    assert line == at + 1, f"the error points at line {line}, the misspelt key is on {at + 1}"


def test_matrix_missing_translation(project):
    lines = matrix_lines(project)
    start, _ = first_criterion(lines)
    explanation = first_line(lines, r"^\s+explanation:\s*$", start)
    assert re.match(r"^\s+ko: ", lines[explanation + 1]) and re.match(
        r"^\s+en: ", lines[explanation + 2]
    )
    del lines[explanation + 2]  # the English explanation of the first criterion
    edit_matrix(project, lines)
    failed_with(
        build(project),
        f"data/matrix.yml:{explanation + 2}: criteria[0].explanation.en: missing "
        "English translation. Add 'en: ...'",
    )


def test_matrix_rating_out_of_range(project):
    lines = matrix_lines(project)
    _, cells = first_criterion(lines)
    at = first_line(lines, r"^\s+rating: \d+\s*$", cells)
    framework = lines[first_line(lines, r"^\s+(tensorflow|keras|pytorch):\s*$", cells)].strip()
    lines[at] = re.sub(r"\d+", "7", lines[at])
    edit_matrix(project, lines)
    failed_with(
        build(project),
        f"data/matrix.yml:{at + 1}: criteria[0].cells.{framework[:-1]}.rating: 7 is out "
        "of range 1–5. Use a whole number from 1 to 5",
    )


# --- snippets: one small task, one framework, through the runner's own check ------------
TASK, FRAMEWORK = "tensors", "pytorch"


@pytest.fixture
def snippet(tmp_path):
    """A copy of one snippet task with the output its pristine script prints stored
    beside it (what `make snippets` writes); returns the runner module and the run."""
    import snippet_runner as runner

    root = tmp_path / "snippets"
    shutil.copytree(
        ROOT / "snippets" / TASK,
        root / TASK,
        ignore=shutil.ignore_patterns("*.out", "_run", "__pycache__"),
    )
    [run] = runner.discover(root, [TASK], frameworks=(FRAMEWORK,))
    assert run.name.endswith(f"snippets/{TASK}/{TASK}_{FRAMEWORK}.py")  # messages name the script
    pristine = runner.execute(run)
    assert runner.failure(pristine) is None, runner.failure(pristine)
    run.out.write_text(pristine.stdout, encoding="utf-8")
    assert runner.check_result(pristine) is None
    return runner, run


def test_snippet_that_raises(snippet):
    runner, run = snippet
    source = run.script.read_text(encoding="utf-8")
    run.script.write_text(source + 'raise RuntimeError("injected fault")\n', encoding="utf-8")
    bad_line = source.count("\n") + 1
    problem = runner.check_result(runner.execute(run))
    assert problem is not None
    assert problem.startswith(f"{run.name}: exited with status 1"), problem
    assert f'{FRAMEWORK}.py", line {bad_line}' in problem, problem  # the traceback's line
    assert "RuntimeError: injected fault" in problem, problem


def test_snippet_whose_output_changed(snippet):
    runner, run = snippet
    with run.script.open("a", encoding="utf-8") as f:
        f.write('print("one line more")\n')
    problem = runner.check_result(runner.execute(run))
    assert problem is not None
    assert problem.startswith(f"{run.name}: printed something other than {TASK}_{FRAMEWORK}.out"), (
        problem
    )
    assert "If the change is intended, run `make snippets` and commit the .out file" in problem
    assert f"+++ {run.out} (this run)" in problem and "+one line more" in problem, problem


# --- the two build modes -----------------------------------------------------------------
def test_serve_mode_shows_an_untranslated_page_with_a_notice(project):
    """`make serve` (I18N_FALLBACK=true) previews a Korean page that has no English twin
    under /en/, with a notice in English linking to the Korean page; CI refuses it
    (test_page_without_its_english_twin)."""
    probe(project, "본문입니다.\n", None)
    result = build(project, I18N_FALLBACK="true")
    assert result.returncode == 0, result.log[-4000:]
    assert (
        "docs/probe.md has no en twin: /en/probe/ shows it with a 'not yet translated' "
        "notice" in result.log
    )
    en_page = result.site / "en" / "probe" / "index.html"
    text = parse(en_page).text
    assert "Not yet translated" in text and "본문입니다." in text
    assert text.index("Not yet translated") < text.index("본문입니다.")
    links = [url for tag, url, _ in parse(en_page).links if tag == "a"]
    targets = [resolve(result.site, en_page, url)[0] for url in links]
    assert result.site / "probe" / "index.html" in targets, links
    assert "Not yet translated" not in parse(result.site / "probe" / "index.html").text
    # a translated page shows no such notice
    assert "Not yet translated" not in parse(result.site / "en" / "keras" / "index.html").text


def test_make_serve_previews_and_make_build_refuses():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    build_recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "tools/serve.py" in serve  # tests/test_serve.py: previews, reloads
    assert "mkdocs build --strict" in build_recipe
    assert "I18N_FALLBACK=false" in build_recipe, (
        "make build must refuse untranslated pages "
        "even when the writer's shell exports I18N_FALLBACK"
    )
