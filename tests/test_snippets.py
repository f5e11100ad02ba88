"""Every snippet runs again and prints what is stored beside it.

What runs is what a reader downloads: the site's ``downloads/<task>-<framework>.py``, started
with ``python FILE`` in an empty folder (tests/test_downloads.py checks the download is the
snippet, byte for byte). The Keras runs on the two backends the pages do not show go through
one process per backend that imports Keras once and forks a child per run
(hooks/snippet_forkserver.py), to save time. The runs go once per session (two at a time, see
hooks/snippet_runner.py); each run is then its own test, so a failure names the script, its
Keras backend and the diff. The runner
itself is tested on small throw-away snippets: one that raises, one that hangs, one whose
output changed.
"""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

import snippet_runner as sr

RUNS = sr.discover()
TASKS = sr.tasks()


class _SnippetSummary:
    """Prints the count of snippet runs and their timing at the end of the pytest report."""

    def __init__(self, text: str):
        self.text = text

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.section("snippets")
        terminalreporter.write_line(self.text)


def download_of(built_site: Path, run: sr.Run) -> Path:
    return built_site / "downloads" / f"{run.task.replace('_', '-')}-{run.framework}.py"


@pytest.fixture(scope="session")
def snippet_results(pytestconfig, built_site):
    scripts = {run: download_of(built_site, run) for run in RUNS}
    missing = [str(path) for path in scripts.values() if not path.is_file()]
    assert not missing, f"the built site lacks these downloads: {missing}"
    start = time.perf_counter()
    results = sr.execute_all(RUNS, scripts=scripts, share_imports=True)
    wall = time.perf_counter() - start
    summary = sr.timing_summary(results, wall)
    pytestconfig.pluginmanager.register(_SnippetSummary(summary), "snippet-summary")
    print(summary)
    return {r.run: r for r in results}, wall


# --- the real snippets ---------------------------------------------------------------------


def test_every_task_has_three_frameworks_and_stored_outputs():
    assert len(TASKS) >= 10, f"only {len(TASKS)} tasks under snippets/: {TASKS}"
    assert len(RUNS) == len(TASKS) * (2 + len(sr.KERAS_BACKENDS))
    missing = [str(r.out) for r in RUNS if not r.out.exists()]
    assert not missing, "no stored output (run `make snippets`): " + ", ".join(missing)
    stray = sr.stray_outputs(sr.SNIPPETS, RUNS)
    assert not stray, f"outputs that no snippet writes: {stray}"


@pytest.mark.parametrize("run", RUNS, ids=lambda r: r.id)
def test_snippet_prints_its_stored_output(run, snippet_results):
    result = snippet_results[0][run]
    problem = sr.check_result(result)
    if problem:
        pytest.fail(problem, pytrace=False)
    assert result.seconds <= sr.TIME_LIMIT_S, f"{run.name}: took {result.seconds:.0f} s"


def test_all_snippet_runs_fit_the_time_budget(snippet_results):
    results, wall = snippet_results
    assert len(results) == len(RUNS)
    assert wall <= sr.TOTAL_LIMIT_S, sr.timing_summary(list(results.values()), wall)


@pytest.mark.parametrize("task", TASKS)
def test_fresh_runs_keep_their_tasks_rules(task, snippet_results):
    """The rules of snippets/<task>/checks.yml on this session's runs: a wrong result fails
    even when the stored output is wrong the same way."""
    checks = sr.load_checks(sr.SNIPPETS, task)
    outputs = {r: res.stdout for r, res in snippet_results[0].items() if r.task == task and res.ok}
    problems = sr.rule_problems(checks, outputs)
    assert not problems, "\n".join(problems)


@pytest.mark.unit
@pytest.mark.parametrize("task", TASKS)
def test_stored_outputs_keep_their_tasks_rules(task):
    checks = sr.load_checks(sr.SNIPPETS, task)
    outputs = {r: r.out.read_text("utf-8") for r in RUNS if r.task == task}
    problems = sr.rule_problems(checks, outputs, "stored output")
    assert not problems, "\n".join(problems)


@pytest.mark.unit
def test_a_wrong_stored_result_fails_its_rule():
    """A wrong result stored once would pass a comparison with itself for ever; the rule
    catches it (here the training loop's slope)."""
    checks = sr.load_checks(sr.SNIPPETS, "train_loop")
    run = next(r for r in RUNS if r.task == "train_loop" and r.framework == "pytorch")
    right = run.out.read_text("utf-8")
    wrong = re.sub(r"^w = [-0-9.]+,", "w = 2.5,", right, flags=re.M)
    assert sr.rule_problems(checks, {run: right}, "stored output") == []
    [problem] = sr.rule_problems(checks, {run: wrong}, "stored output")
    assert "train_loop_pytorch.py (stored output): '2.5' breaks" in problem
    assert "within 0.05 of 3.0" in problem and "the slope of the data" in problem


@pytest.mark.unit
def test_a_false_check_line_and_differing_tabs_fail():
    checks = sr.load_checks(sr.SNIPPETS, "save_load")
    runs = [r for r in RUNS if r.task == "save_load"][:2]
    good = runs[0].out.read_text("utf-8")
    bad = good.replace("same predictions: True", "same predictions: False")
    problems = sr.rule_problems(checks, {runs[0]: bad}, "stored output")
    assert any("same predictions: False', expected True" in p for p in problems), problems
    other = good.replace("predictions: [", "predictions: [9.0, ")
    problems = sr.rule_problems(checks, {runs[0]: good, runs[1]: other}, "stored output")
    assert any("stored outputs differ where '^predictions" in p for p in problems), problems


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, message",
    [
        ("rules: []\n", "tolerance: needs rel, abs and the reason"),
        (
            "tolerance: {rel: 0, abs: 0, reason: r}\nrules:\n  - {line: 'x (\\d)', equals: 1}\n",
            "needs 'line' (a regex with one group), exactly one of",
        ),
        (
            "tolerance: {rel: 0, abs: 0, reason: r}\nrules:\n  - {line: 'x', equals: 1, reason: r}\n",
            "needs exactly one group",
        ),
        ("tolerance: {rel: 0, abs: 0, reason: r}\nrule: []\n", "unknown key(s) ['rule']"),
    ],
)
def test_a_bad_checks_file_names_file_line_and_what_to_do(tmp_path, text, message):
    make_task(tmp_path, "odd", {}, ALL_SAME, checks=text)
    with pytest.raises(sr.ChecksError) as err:
        sr.load_checks(tmp_path, "odd")
    assert "odd/checks.yml:" in str(err.value) and message in str(err.value), str(err.value)


def test_a_new_deprecation_warning_fails_with_its_text_and_place(tmp_path):
    code = "import warnings\nwarnings.warn('old_api is deprecated', DeprecationWarning)\nprint('same')\n"
    make_task(tmp_path, "dep", {"pytorch": code}, ALL_SAME)
    message = sr.check_result(sr.execute(run_of(tmp_path, "dep", "pytorch")))
    assert message and "new deprecation warning(s) on stderr" in message, message
    assert "old_api is deprecated (raised at" in message and "dep_pytorch.py:2)" in message
    assert "snippets/allowed_warnings.yml" in message


def test_an_allowed_deprecation_passes(tmp_path):
    code = "import warnings\nwarnings.warn('old_api is deprecated', DeprecationWarning)\nprint('same')\n"
    make_task(tmp_path, "dep", {"pytorch": code}, ALL_SAME)
    (tmp_path / "allowed_warnings.yml").write_text(
        "- pattern: 'old_api is deprecated'\n  reason: the test allows it\n"
    )
    assert sr.check_result(sr.execute(run_of(tmp_path, "dep", "pytorch"))) is None


@pytest.mark.unit
def test_every_allowed_warning_has_its_reason():
    allowed = sr.allowed_warnings()
    assert allowed and all(reason for _, reason in allowed)


def test_gpu_check_applies_the_tasks_rules(tmp_path, capsys):
    checks = "tolerance: {rel: 0, abs: 0, reason: r}\nrules:\n  - {line: '^w = (\\S+)$', near: 3.0, within: 0.05, reason: the slope}\n"
    make_task(
        tmp_path,
        "train_loop",
        {fw: "print('device: cuda')\nprint('w = 2.5')\n" for fw in sr.FRAMEWORKS},
        {},
        checks=checks,
    )
    assert sr.main(["--device", "cuda", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "(GPU run): '2.5' breaks '^w = (\\S+)$' within 0.05 of 3.0 (the slope" in err


@pytest.mark.parametrize("run", [r for r in RUNS if r.backend], ids=lambda r: r.id)
def test_keras_runs_on_the_backend_it_was_given(run, snippet_results):
    first = snippet_results[0][run].stdout.split("\n", 1)[0]
    assert first.startswith(f"backend: {run.backend} |"), f"{run.name}: {first!r}"


@pytest.mark.parametrize("run", RUNS, ids=lambda r: r.id)
def test_stored_output_is_stable_and_says_its_device(run):
    text = run.out.read_text(encoding="utf-8")
    assert not sr.unstable_parts(text), f"{run.out}: {sr.unstable_parts(text)}"
    first = text.split("\n", 1)[0]
    assert re.match(r"(device|backend): ", first), f"{run.out}: first line {first!r}"
    assert not sr.GPU_WORDS.search(first), f"{run.out}: stored outputs come from the CPU"


@pytest.mark.parametrize("run", [r for r in RUNS if r.backend in (None, "jax")], ids=lambda r: r.id)
def test_annotation_markers_are_numbered_in_order(run):
    markers = [int(n) for n in re.findall(r"# \((\d+)\)!", run.script.read_text("utf-8"))]
    assert markers == list(range(1, len(markers) + 1)), f"{run.script}: markers {markers}"


# --- the runner, on throw-away snippets ----------------------------------------------------


LOOSE = "tolerance: {rel: 0.01, abs: 0.001, reason: a test}\nrules: []\n"


def make_task(
    root: Path, name: str, code: dict[str, str], outputs: dict[str, str], checks: str = LOOSE
) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    for fw in sr.FRAMEWORKS:
        (folder / f"{name}_{fw}.py").write_text(textwrap.dedent(code.get(fw, "print('same')\n")))
    for name_, text in outputs.items():  # "pytorch.out" is stored as <name>_pytorch.out
        (folder / f"{name}_{name_}").write_text(text)
    (folder / "checks.yml").write_text(checks)


ALL_SAME = {
    "tensorflow.out": "same\n",
    "pytorch.out": "same\n",
    **{f"keras.{b}.out": "same\n" for b in sr.KERAS_BACKENDS},
}


def run_of(root: Path, task: str, fw: str, backend=None) -> sr.Run:
    return sr.Run(task, fw, backend, root)


def test_a_snippet_that_raises_fails_with_its_path_and_traceback(tmp_path):
    make_task(tmp_path, "broken", {"pytorch": "raise ValueError('no such layer')\n"}, ALL_SAME)
    message = sr.check_result(sr.execute(run_of(tmp_path, "broken", "pytorch")))
    assert "broken/broken_pytorch.py" in message and "exited with status 1" in message
    assert "ValueError: no such layer" in message


def test_a_snippet_that_hangs_is_stopped_at_the_time_limit(tmp_path):
    make_task(
        tmp_path, "stuck", {"tensorflow": "import time\nprint('start')\ntime.sleep(60)\n"}, ALL_SAME
    )
    start = time.perf_counter()
    result = sr.execute(run_of(tmp_path, "stuck", "tensorflow"), time_limit=2)
    assert time.perf_counter() - start < 15
    assert result.returncode is None
    message = sr.check_result(result, time_limit=2)
    assert "stuck/stuck_tensorflow.py: still running after 2 s" in message


def test_a_changed_output_fails_with_path_and_diff(tmp_path):
    make_task(
        tmp_path,
        "changed",
        {"keras": "import os\nprint('loss', 0.5)\nprint('backend', os.environ['KERAS_BACKEND'])\n"},
        {**ALL_SAME, "keras.torch.out": "loss 0.5\nbackend jax\n"},
    )
    message = sr.check_result(sr.execute(run_of(tmp_path, "changed", "keras", "torch")))
    assert "changed/changed_keras.py [KERAS_BACKEND=torch]" in message
    assert "-backend jax\n+backend torch" in message
    assert "changed_keras.torch.out (stored)" in message


def test_a_snippet_without_stored_output_says_to_run_make_snippets(tmp_path):
    make_task(tmp_path, "new", {}, {})
    message = sr.check_result(sr.execute(run_of(tmp_path, "new", "pytorch")))
    assert "make snippets" in message


def test_unstable_output_is_refused(tmp_path):
    make_task(
        tmp_path,
        "paths",
        {"pytorch": "import os\nprint('saved to', os.getcwd())\nprint(object())\n"},
        ALL_SAME,
    )
    message = sr.check_result(sr.execute(run_of(tmp_path, "paths", "pytorch")))
    assert "a temporary path" in message and "a memory address" in message


def test_a_snippet_runs_with_plain_python_from_any_folder(tmp_path):
    """No -P: a snippet's file name never hides a package it imports."""
    make_task(tmp_path, "plain", {"keras": "import keras\nprint(keras.__name__)\n"}, ALL_SAME)
    result = sr.execute(run_of(tmp_path, "plain", "keras", "jax"))
    assert result.ok, result.stderr[-2000:]
    assert result.stdout == "keras\n"


def test_snippet_file_names_never_shadow_a_package_they_import():
    for run in RUNS:
        assert run.script.stem not in {"tensorflow", "keras", "torch", "jax", "numpy"}, run.script
        assert run.script.name == f"{run.task}_{run.framework}.py"


def test_a_snippet_that_writes_into_the_current_folder_is_refused(tmp_path):
    make_task(
        tmp_path,
        "files",
        {"pytorch": "open('model.pt', 'w').write('x')\nprint('same')\n"},
        ALL_SAME,
    )
    result = sr.execute(run_of(tmp_path, "files", "pytorch"))
    assert result.left == ("model.pt",)
    assert "wrote model.pt into the folder it was run from" in sr.check_result(result)
    assert not (tmp_path / "files" / "model.pt").exists()
    assert not (sr.ROOT / "model.pt").exists()


def test_a_task_missing_a_framework_is_refused(tmp_path):
    make_task(tmp_path, "partial", {}, ALL_SAME)
    (tmp_path / "partial" / "partial_keras.py").unlink()
    with pytest.raises(sr.SnippetLayoutError, match=r"partial/partial_keras\.py: missing"):
        sr.discover(tmp_path)


def test_cli_check_exits_non_zero_and_counts_runs(tmp_path, capsys):
    make_task(tmp_path, "good", {}, ALL_SAME)
    make_task(tmp_path, "bad", {"pytorch": "print('different')\n"}, ALL_SAME)
    code = sr.main(["--check", "--root", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "10 snippet runs" in out
    assert "bad/bad_pytorch.py" in err and "-same\n+different" in err
    assert sr.main(["--check", "--root", str(tmp_path), "--only", "good"]) == 0
    assert "5 snippet runs: all ok" in capsys.readouterr().out


def test_cli_write_stores_stdout_only(tmp_path):
    make_task(
        tmp_path,
        "fresh",
        {"tensorflow": "import sys\nprint('kept')\nprint('warning', file=sys.stderr)\n"},
        {},
    )
    assert sr.main(["--write", "--root", str(tmp_path)]) == 0
    assert (tmp_path / "fresh" / "fresh_tensorflow.out").read_text() == "kept\n"
    assert (tmp_path / "fresh" / "fresh_keras.jax.out").read_text() == "same\n"


# --- the comparison and its one tolerance --------------------------------------------------


@pytest.mark.parametrize(
    "expected, actual, same",
    [
        ("loss 0.1234", "loss 0.1234", True),
        ("loss 0.1234", "loss 0.1236", True),  # within ABS_TOL
        ("loss 0.1234", "loss 0.1300", False),
        ("loss 123.40", "loss 124.40", True),  # within REL_TOL
        ("loss 123.40", "loss 126.40", False),
        ("params: 305", "params: 306", False),  # integers are exact
        ("shape (2, 3)", "shape (2, 4)", False),
        ("loss 0.1234", "Loss 0.1234", False),  # text is exact
        ("float32", "float64", False),
        ("acc -0.0", "acc 0.0", True),
        ("w 1e-05", "w 1.2e-05", True),
    ],
)
def test_line_comparison(expected, actual, same):
    assert sr.line_matches(expected, actual) is same


def test_outputs_must_have_the_same_lines():
    assert sr.outputs_match("a 1.0\nb 2.0\n", "a 1.0001\nb 2.0\n")
    assert not sr.outputs_match("a 1.0\nb 2.0\n", "a 1.0\n")
    assert not sr.outputs_match("a 1.0\n", "a 1.0\nextra\n")


def test_cli_cuda_check_fails_when_no_run_used_a_gpu(tmp_path, capsys):
    make_task(
        tmp_path,
        "tensors",
        {fw: "print('device: cpu')\n" for fw in sr.FRAMEWORKS},
        {"tensorflow.out": "device: cpu\n"},
    )
    assert sr.main(["--device", "cuda", "--root", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "no snippet ran on a GPU" in err
    assert "tensors/tensors_pytorch.py: device: cpu  (CPU: this framework's installed build" in out


def test_cli_cuda_check_passes_and_counts_differing_lines(tmp_path, capsys):
    make_task(
        tmp_path,
        "train_loop",
        {"pytorch": "print('device: cuda')\nprint('loss 0.2000')\n"},
        {"pytorch.out": "device: cpu\nloss 0.1000\n"},
    )
    assert sr.main(["--device", "cuda", "--root", str(tmp_path), "--only", "train_loop"]) == 0
    out = capsys.readouterr().out
    assert (
        "train_loop/train_loop_pytorch.py: device: cuda  (1 line(s) differ from the stored CPU output)"
        in out
    )
    assert "5 snippet runs: all ok" in out


# --- the shared-import path (hooks/snippet_forkserver.py), on throw-away Keras snippets -------

FORKED = {
    "ok": "import keras\nprint('backend:', keras.backend.backend())\nprint('same')\n",
    "raises": "import keras\nraise ValueError('no such layer')\n",
    "hangs": "import time\nprint('start', flush=True)\ntime.sleep(60)\n",
    "writes": "open('model.keras', 'w').write('x')\nprint('same')\n",
    "deprecated": "import warnings\nwarnings.warn('old_api is deprecated', DeprecationWarning)\n"
    "print('same')\n",
    # a snippet that changes global state (the dtype policy) before the next one runs
    "policy": "import keras\nkeras.config.set_dtype_policy('mixed_bfloat16')\nprint('same')\n",
    "after": "import keras\nprint('policy:', keras.config.dtype_policy().name)\n",
}


@pytest.fixture(scope="module")
def forked(tmp_path_factory):
    """Each FORKED snippet run on the torch backend through one fork server, in order."""
    root = tmp_path_factory.mktemp("forked")
    for name, code in FORKED.items():
        outputs = {
            **ALL_SAME,
            "keras.torch.out": {"ok": "backend: torch\nsame\n", "after": "policy: float32\n"}.get(
                name, "same\n"
            ),
        }
        make_task(root, name, {"keras": code}, outputs)
    runs = [run_of(root, name, "keras", "torch") for name in FORKED]
    results = sr.execute_all(runs, time_limit=5, share_imports=True)
    return {result.run.task: result for result in results}


def test_a_forked_run_prints_what_a_fresh_one_does(forked):
    assert sr.check_result(forked["ok"]) is None, forked["ok"].stderr


def test_a_forked_run_that_raises_fails_with_its_traceback(forked):
    message = sr.check_result(forked["raises"])
    assert "raises_keras.py [KERAS_BACKEND=torch]" in message and "exited with status 1" in message
    assert "ValueError: no such layer" in message


def test_a_forked_run_that_hangs_is_stopped_at_the_time_limit(forked):
    assert forked["hangs"].returncode is None and forked["hangs"].seconds < 15
    assert "still running after 5 s" in sr.check_result(forked["hangs"], time_limit=5)


def test_a_forked_run_that_writes_where_it_runs_is_refused(forked):
    assert forked["writes"].left == ("model.keras",)
    assert "model.keras" in sr.check_result(forked["writes"])


def test_a_forked_runs_deprecation_warning_is_caught(forked):
    assert "new deprecation warning(s) on stderr" in sr.check_result(forked["deprecated"])


def test_one_forked_run_leaves_nothing_to_the_next(forked):
    assert sr.check_result(forked["policy"]) is None
    assert forked["after"].stdout == "policy: float32\n", forked["after"].stdout
