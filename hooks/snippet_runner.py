"""Run every snippet under ``snippets/`` and write or check the output stored beside it.

    .venv/bin/python hooks/snippet_runner.py --write     rerun all, rewrite the .out files
    .venv/bin/python hooks/snippet_runner.py --check     rerun all, compare with the .out files
    .venv/bin/python hooks/snippet_runner.py --device cuda --only tensors,train_loop

The build imports its constants (tolerance, time limits, frameworks) for the code pages;
the tests and ``make snippets`` run it.

A *run* is one script under one setting: ``snippets/<task>/<task>_tensorflow.py`` and
``<task>_pytorch.py`` once each, ``<task>_keras.py`` once per Keras backend (``jax``,
``tensorflow``, ``torch``, chosen through ``KERAS_BACKEND``). Each run's stdout is stored
beside the script as ``<task>_tensorflow.out``, ``<task>_pytorch.out`` and
``<task>_keras.<backend>.out``; stderr (framework warnings) is not part of it. File names
never equal a package's, so ``python FILE`` works from any folder.

Every run is a fresh ``python FILE`` process, as a reader runs it, in an empty temporary
working directory, with a time limit of ``TIME_LIMIT_S``. The one exception saves the tests
time: with ``share_imports`` (tests/test_snippets.py), the Keras runs on the two backends the
pages do not show are forked from one process per backend that has imported Keras
(hooks/snippet_forkserver.py); ``--write`` and ``--check`` never do this. The Keras run on the pages'
backend sets no ``KERAS_BACKEND``: the script's own default must give the page's output. Runs go two at a time (the CI machine has two cores) and
each process is held to one CPU thread, which also keeps the numbers the same from one
machine to the next.

Comparison (``--check``): line by line; numbers are parsed out of both texts and compared
with the one tolerance below (``REL_TOL``/``ABS_TOL``); integers and all other text must be
equal. A mismatch prints the snippet's path and a unified diff.

GPU (``--device cuda``): the GPUs are left visible, each run must succeed within the time
limit, and the device each run reports is listed. The check fails when no run reports a
GPU. Outputs are not compared there (GPU kernels round differently and the device line
differs); differences from the stored CPU output are only counted.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from project import ROOT  # hooks/ is on sys.path for the build, the tests and this script

SNIPPETS = ROOT / "snippets"

FRAMEWORKS = ("tensorflow", "keras", "pytorch")  # page tab order
KERAS_BACKENDS = ("jax", "tensorflow", "torch")
PAGE_KERAS_BACKEND = "jax"  # the Keras output the pages show; the other two are linked

# The one tolerance for numbers in outputs: a printed number matches when
# |expected - actual| <= max(REL_TOL * max(|expected|, |actual|), ABS_TOL).
# Integers (no decimal point or exponent) must be equal.
REL_TOL = 1e-2
ABS_TOL = 1e-3

TIME_LIMIT_S = 60  # one run
TOTAL_LIMIT_S = 600  # all runs together, on two cores
JOBS = 2

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
INTEGER = re.compile(r"[-+]?\d+")
# What a stable output must not contain: temporary paths, memory addresses, clock times.
UNSTABLE = {
    "a temporary path": re.compile(r"/tmp/|/var/folders/|\\Temp\\|snippet-run-"),
    "a memory address": re.compile(r"0x[0-9a-fA-F]{6,}"),
    "a date or time": re.compile(r"\b20\d\d-\d\d-\d\d\b|\b\d\d:\d\d:\d\d\b"),
}
DEVICE_LINE = re.compile(r"^(?:device|backend):.*$", re.MULTILINE)
GPU_WORDS = re.compile(r"cuda|gpu", re.IGNORECASE)


@dataclass(frozen=True)
class Run:
    task: str
    framework: str
    backend: str | None  # Keras backend, None for the others
    root: Path = SNIPPETS

    @property
    def script(self) -> Path:
        return script_path(self.root, self.task, self.framework)

    @property
    def out(self) -> Path:
        suffix = f".{self.backend}" if self.backend else ""
        return self.root / self.task / f"{self.task}_{self.framework}{suffix}.out"

    @property
    def name(self) -> str:
        """The script's path as the reader types it, with the Keras backend."""
        script = self.script
        if ROOT in script.parents:
            script = script.relative_to(ROOT)
        return f"{script} [KERAS_BACKEND={self.backend}]" if self.backend else str(script)

    @property
    def id(self) -> str:  # for pytest ids
        return f"{self.task}/{self.framework}" + (f"[{self.backend}]" if self.backend else "")


@dataclass
class Result:
    run: Run
    stdout: str
    stderr: str
    returncode: int | None  # None: killed at the time limit
    seconds: float  # wall-clock time
    cpu_seconds: float = 0.0  # user + system time of the process and its threads
    left: tuple[str, ...] = ()  # what it wrote into the folder it ran from

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class SnippetLayoutError(Exception):
    """The snippets folder is not laid out as the runner expects."""


def script_path(root: Path, task: str, framework: str) -> Path:
    """snippets/<task>/<task>_<framework>.py: never the name of a package it imports."""
    return root / task / f"{task}_{framework}.py"


def tasks(root: Path = SNIPPETS) -> list[str]:
    """Every folder under snippets/ that holds a snippet, in name order."""
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and any(script_path(root, p.name, fw).exists() for fw in FRAMEWORKS)
    )


def discover(
    root: Path = SNIPPETS, only: list[str] | None = None, frameworks: tuple[str, ...] = FRAMEWORKS
) -> list[Run]:
    """All runs, three frameworks per task and three backends for Keras."""
    names = tasks(root)
    problems = []
    if only:
        unknown = sorted(set(only) - set(names))
        if unknown:
            problems.append(f"--only names unknown tasks {unknown}; known: {names}")
        names = [n for n in names if n in only]
    runs = []
    for task in names:
        for fw in FRAMEWORKS:
            if not script_path(root, task, fw).exists():
                problems.append(
                    f"{script_path(root, task, fw)}: missing; every task has "
                    f"{', '.join(script_path(root, task, f).name for f in FRAMEWORKS)}"
                )
                continue
            if fw not in frameworks:
                continue
            for backend in KERAS_BACKENDS if fw == "keras" else (None,):
                runs.append(Run(task, fw, backend, root))
    if problems:
        raise SnippetLayoutError("\n".join(problems))
    return runs


def discover_task(root: Path, task: str) -> list[Run]:
    """The runs of one task, whether or not its files exist yet."""
    return [
        Run(task, fw, backend, root)
        for fw in FRAMEWORKS
        for backend in (KERAS_BACKENDS if fw == "keras" else (None,))
    ]


def normalise(text: str) -> str:
    """Trailing spaces dropped, one newline at the end: what is stored and compared."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def run_env(run: Run, device: str, workdir: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("KERAS_BACKEND", "PYTHONPATH", "PYTHONSTARTUP"):
        env.pop(key, None)
    env.update(
        {
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
            "KERAS_HOME": os.path.join(workdir, ".keras"),
            "MPLCONFIGDIR": os.path.join(workdir, ".mpl"),
            "COLUMNS": "80",  # the width of Keras' model.summary() table
            # one thread per process: two runs share two cores, and results do not depend on
            # how many cores the machine has
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "TF_NUM_INTRAOP_THREADS": "1",
            "TF_NUM_INTEROP_THREADS": "1",
            "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false",  # XLA on one thread
            # warnings from libraries too, so a deprecation reaches stderr (DEPRECATION below)
            "PYTHONWARNINGS": "default",
        }
    )
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
        env["JAX_PLATFORMS"] = "cpu"
    if run.backend and run.backend != PAGE_KERAS_BACKEND:
        env["KERAS_BACKEND"] = run.backend
    return env


def execute(
    run: Run, device: str = "cpu", time_limit: float = TIME_LIMIT_S, script: Path | None = None
) -> Result:
    """Run one snippet (or ``script``, a copy of it) with ``python FILE`` in a fresh process
    and an empty temporary working directory."""
    workdir = tempfile.mkdtemp(prefix="snippet-run-")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(script or run.script)],
        cwd=workdir,
        env=run_env(run, device, workdir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    chunks: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda n=name, s=stream: chunks.__setitem__(n, s.read()))
        for name, stream in (("stdout", proc.stdout), ("stderr", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    killed = threading.Event()

    def kill_group():
        killed.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the snippet and anything it started
        except ProcessLookupError:
            pass

    timer = threading.Timer(time_limit, kill_group)
    timer.start()
    try:
        # os.wait4 rather than proc.wait(): it also says how much CPU time the run used
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    for reader in readers:
        reader.join(timeout=10)
        if reader.is_alive():  # a child of the snippet still holds its output open
            kill_group()
            reader.join()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    own = {".keras", ".mpl"}  # KERAS_HOME and MPLCONFIGDIR, set by run_env
    left = tuple(sorted(n for n in os.listdir(workdir) if n not in own))
    shutil.rmtree(workdir, ignore_errors=True)
    return Result(
        run,
        normalise(chunks.get("stdout", b"").decode("utf-8", "replace")),
        chunks.get("stderr", b"").decode("utf-8", "replace"),
        None if killed.is_set() and proc.returncode != 0 else proc.returncode,
        time.perf_counter() - start,
        usage.ru_utime + usage.ru_stime,
        left,
    )


class ForkServer:
    """The runs of one Keras backend through hooks/snippet_forkserver.py: Keras imported once,
    a forked child per run (see that file for why the result is a fresh run's)."""

    SERVER = Path(__file__).with_name("snippet_forkserver.py")

    def __init__(self, backend: str, device: str):
        self.home = tempfile.mkdtemp(prefix=f"snippet-forkserver-{backend}-")
        model = Run("forkserver", "keras", backend)
        self.log = open(os.path.join(self.home, "server.err"), "wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(self.SERVER)],
            cwd=self.home,
            env=run_env(model, device, self.home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )
        ready = self.proc.stdout.readline()
        # what the import printed (warnings included) belongs to every run's stderr
        self.start_stderr = self.server_stderr()
        self.problem = (
            None
            if ready.strip() == '{"ready": true}'
            else (f"the Keras {backend} fork server did not start:\n{tail(self.start_stderr)}")
        )

    def server_stderr(self) -> str:
        path = Path(self.home) / "server.err"
        return path.read_text("utf-8", "replace") if path.exists() else ""

    def execute(self, run: Run, time_limit: float, script: Path | None) -> Result:
        if self.problem:
            return Result(run, "", self.problem, 1, 0.0)
        workdir = tempfile.mkdtemp(prefix="snippet-run-")
        out, err = (os.path.join(self.home, f"run.{name}") for name in ("out", "err"))
        request = {
            "script": str((script or run.script).resolve()),
            "workdir": workdir,
            "stdout": out,
            "stderr": err,
            "time_limit": time_limit,
        }
        start = time.perf_counter()
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        seconds = time.perf_counter() - start
        read = lambda path: Path(path).read_text("utf-8", "replace") if Path(path).exists() else ""  # noqa: E731
        if not line:
            self.problem = (
                f"the Keras {run.backend} fork server stopped:\n{tail(self.server_stderr())}"
            )
            shutil.rmtree(workdir, ignore_errors=True)
            return Result(run, "", self.problem, 1, seconds)
        reply = json.loads(line)
        left = tuple(sorted(os.listdir(workdir)))
        shutil.rmtree(workdir, ignore_errors=True)
        return Result(
            run,
            normalise(read(out)),
            self.start_stderr + read(err),
            reply["returncode"],
            seconds,
            reply["cpu"],
            left,
        )

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc.stdout.close()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


def execute_all(
    runs: list[Run],
    device: str = "cpu",
    jobs: int = JOBS,
    time_limit: float = TIME_LIMIT_S,
    progress=None,
    scripts: dict[Run, Path] | None = None,
    share_imports: bool = False,
) -> list[Result]:
    """Run snippets ``jobs`` at a time (``scripts``: a copy to run instead of a run's own
    script); results come back in the order of ``runs``.

    ``share_imports``: the Keras runs on the backends the pages do not show go through one
    ForkServer per backend (Keras imported once) instead of a ``python FILE`` each. The tests
    use it to save time; ``--write`` never does, so stored outputs always come from
    ``python FILE``."""
    scripts = scripts or {}

    def fresh(run):
        result = execute(run, device, time_limit, scripts.get(run))
        if progress:
            progress(result)
        return [result]

    def shared(backend, group):
        server = ForkServer(backend, device)
        try:
            results = []
            for run in group:
                results.append(server.execute(run, time_limit, scripts.get(run)))
                if progress:
                    progress(results[-1])
            return results
        finally:
            server.close()

    groups: dict[str, list[Run]] = {}
    if share_imports:
        for run in runs:
            if run.backend and run.backend != PAGE_KERAS_BACKEND:
                groups.setdefault(run.backend, []).append(run)
    grouped = {run for group in groups.values() for run in group}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        # the long shared groups first, so they do not end last
        futures = [pool.submit(shared, backend, group) for backend, group in groups.items()]
        futures += [pool.submit(fresh, run) for run in runs if run not in grouped]
        by_run = {result.run: result for future in futures for result in future.result()}
    return [by_run[run] for run in runs]


def numbers_match(expected: str, actual: str, rel: float = REL_TOL, abs_: float = ABS_TOL) -> bool:
    if INTEGER.fullmatch(expected) and INTEGER.fullmatch(actual):
        return int(expected) == int(actual)
    a, b = float(expected), float(actual)
    if rel == 0 and abs_ == 0:
        return a == b
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def line_matches(expected: str, actual: str, rel: float = REL_TOL, abs_: float = ABS_TOL) -> bool:
    """Text equal outside the numbers; numbers equal within the tolerance."""
    exp_text, act_text = NUMBER.split(expected), NUMBER.split(actual)
    if exp_text != act_text:
        return False
    return all(
        numbers_match(e, a, rel, abs_)
        for e, a in zip(NUMBER.findall(expected), NUMBER.findall(actual), strict=True)
    )


def outputs_match(expected: str, actual: str, rel: float = REL_TOL, abs_: float = ABS_TOL) -> bool:
    exp, act = expected.splitlines(), actual.splitlines()
    return len(exp) == len(act) and all(
        line_matches(e, a, rel, abs_) for e, a in zip(exp, act, strict=True)
    )


def lines_differing(stored: Path, actual: str) -> int:
    """How many lines of a (GPU) run differ from the stored CPU output, the device line aside."""
    if not stored.exists():
        return len(actual.splitlines())
    exp = [line for line in stored.read_text("utf-8").splitlines() if not DEVICE_LINE.match(line)]
    act = [line for line in actual.splitlines() if not DEVICE_LINE.match(line)]
    return abs(len(exp) - len(act)) + sum(
        not line_matches(e, a) for e, a in zip(exp, act, strict=False)
    )


def unstable_parts(text: str) -> list[str]:
    """What in an output would change from run to run or machine to machine."""
    found = []
    for what, pattern in UNSTABLE.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {what} ({match.group(0)!r})")
    return found


def diff(expected: str, actual: str, path: Path) -> str:
    return (
        "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{path} (stored)",
                tofile=f"{path} (this run)",
            )
        )
        or "(no line differs; the stored file is missing its final newline?)\n"
    )


def failure(result: Result, time_limit: float = TIME_LIMIT_S) -> str | None:
    """Why a run failed to run cleanly (None when it ran)."""
    run = result.run
    if result.returncode is None:
        return (
            f"{run.name}: still running after {time_limit:.0f} s, stopped. A snippet must "
            f"finish within {time_limit:.0f} s; make it smaller or find what hangs.\n"
            f"--- stderr (last lines) ---\n{tail(result.stderr)}"
        )
    if result.returncode != 0:
        return (
            f"{run.name}: exited with status {result.returncode}.\n"
            f"--- stderr (last lines) ---\n{tail(result.stderr)}"
        )
    if result.left:
        return (
            f"{run.name}: wrote {', '.join(result.left)} into the folder it was run from. Write "
            "files into a folder the snippet makes and names, e.g. "
            'Path(tempfile.mkdtemp(prefix="<task>-<framework>-")), never the current folder.'
        )
    unstable = unstable_parts(result.stdout)
    if unstable:
        return (
            f"{run.name}: its output would not be the same on the next run: "
            + "; ".join(unstable)
            + ". Print something stable instead."
        )
    return None


# --- what each task's results must satisfy (snippets/<task>/checks.yml) ----------------------
CHECKS_FILE = "checks.yml"
RULE_KINDS = ("equals", "near", "at_least", "at_most", "same_across")
TRUE_LINE = re.compile(r"^(.*?):\s*(True|False)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Rule:
    where: str  # file:line, for messages
    line: re.Pattern
    kind: str
    value: object
    within: float
    frameworks: tuple[str, ...]
    reason: str

    def describe(self) -> str:
        if self.kind == "near":
            what = f"within {self.within:g} of {self.value}"
        elif self.kind == "same_across":
            what = "the same in every tab and backend"
        else:
            what = f"{self.kind.replace('_', ' ')} {self.value}"
        return f"'{self.line.pattern}' {what} ({self.reason}; {self.where})"


@dataclass(frozen=True)
class Checks:
    rel: float
    abs: float
    tolerance_reason: str
    rules: tuple[Rule, ...]
    false_is_right: tuple[str, ...]  # labels of '...: False' lines that must say False


class ChecksError(Exception):
    """A checks.yml that cannot be used."""


def load_checks(root: Path, task: str) -> Checks:
    """snippets/<task>/checks.yml: the task's tolerance (with its reason) and its rules."""
    import yaml

    path = root / task / CHECKS_FILE
    shown = path.relative_to(ROOT).as_posix() if ROOT in path.parents else str(path)
    if not path.exists():
        raise ChecksError(
            f"{shown}: missing. Every task states what its results must satisfy: a tolerance "
            "with its reason, and rules (see CONTRIBUTING, adding a snippet task)"
        )
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ChecksError(f"{shown}: not valid YAML: {exc}") from None

    def line_of(needle: str) -> int:
        at = text.find(needle)
        return text.count("\n", 0, at) + 1 if at >= 0 else 1

    unknown = set(data) - {"tolerance", "rules", "false_is_right"}
    if unknown:
        raise ChecksError(
            f"{shown}:{line_of(sorted(unknown)[0])}: unknown key(s) {sorted(unknown)}"
        )
    tolerance = data.get("tolerance") or {}
    if not {"rel", "abs", "reason"} <= set(tolerance):
        raise ChecksError(
            f"{shown}:{line_of('tolerance')}: tolerance: needs rel, abs and the reason for them "
            "(0 and 0 when the printed numbers must be exact)"
        )
    rules = []
    for n, item in enumerate(data.get("rules") or []):
        where = f"{shown}:{line_of(str(item.get('line', '')))}"
        kinds = [k for k in RULE_KINDS if k in item]
        extra = set(item) - {"line", "within", "frameworks", "reason", *RULE_KINDS}
        if len(kinds) != 1 or extra or "line" not in item or not item.get("reason"):
            raise ChecksError(
                f"{where}: rules[{n}]: needs 'line' (a regex with one group), exactly one of "
                f"{', '.join(RULE_KINDS)}, and a 'reason'"
                + (f"; unknown {sorted(extra)}" if extra else "")
            )
        try:
            pattern = re.compile(item["line"], re.MULTILINE)
        except re.error as exc:
            raise ChecksError(
                f"{where}: rules[{n}].line: not a regular expression: {exc}"
            ) from None
        if pattern.groups != 1:
            raise ChecksError(f"{where}: rules[{n}].line: needs exactly one group (...)")
        if kinds[0] == "near" and "within" not in item:
            raise ChecksError(f"{where}: rules[{n}]: 'near' needs 'within'")
        rules.append(Rule(where, pattern, kinds[0], item[kinds[0]], float(item.get("within", 0)),
                          tuple(item.get("frameworks") or FRAMEWORKS), item["reason"]))  # fmt: skip
    return Checks(float(tolerance["rel"]), float(tolerance["abs"]), tolerance["reason"],
                  tuple(rules), tuple(data.get("false_is_right") or ()))  # fmt: skip


def rule_problems(checks: Checks, outputs: dict[Run, str], what: str = "run") -> list[str]:
    """Each rule broken by an output (a fresh run's or a stored one): the task, the framework,
    the rule and the value."""
    problems = []
    for run, text in outputs.items():
        for label, value in TRUE_LINE.findall(text):
            right = "False" if label.strip() in checks.false_is_right else "True"
            if value != right:
                problems.append(
                    f"{run.name} ({what}): '{label.strip()}: {value}', expected {right}"
                )
        for rule in checks.rules:
            if run.framework not in rule.frameworks:
                continue
            found = rule.line.search(text)
            if not found:
                problems.append(f"{run.name} ({what}): no line matches {rule.describe()}")
                continue
            got = found.group(1)
            ok = True
            if rule.kind == "equals":
                ok = got == str(rule.value)
            elif rule.kind in ("near", "at_least", "at_most"):
                try:
                    number = float(got)
                except ValueError:
                    ok = False
                else:
                    limit = float(rule.value)
                    ok = {"near": abs(number - limit) <= rule.within, "at_least": number >= limit,
                          "at_most": number <= limit}[rule.kind]  # fmt: skip
            if not ok:
                problems.append(f"{run.name} ({what}): {got!r} breaks {rule.describe()}")
    for rule in [r for r in checks.rules if r.kind == "same_across"]:
        values = {}
        for run, text in outputs.items():
            found = rule.line.search(text) if run.framework in rule.frameworks else None
            if found:
                values[run.name] = found.group(1)
        if len(set(values.values())) > 1:
            listed = "; ".join(f"{name}: {v!r}" for name, v in values.items())
            problems.append(f"{what}s differ where {rule.describe()}: {listed}")
    return problems


# --- warnings on stderr ---------------------------------------------------------------------
DEPRECATION = re.compile(r"DeprecationWarning|FutureWarning|deprecat", re.IGNORECASE)
WARNING_AT = re.compile(r"^(?P<file>\S+\.py):(?P<line>\d+): \w*Warning: (?P<text>.*)$")
ALLOWED_FILE = "allowed_warnings.yml"


def allowed_warnings(root: Path = SNIPPETS) -> list[tuple[re.Pattern, str]]:
    """(pattern, reason) for each deprecation message a snippet may print (snippets/allowed_warnings.yml)."""
    import yaml

    path = root / ALLOWED_FILE
    if not path.exists():
        return []
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for n, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != {"pattern", "reason"} or not item["reason"]:
            raise ChecksError(f"{path}: entry {n}: needs exactly 'pattern' and a 'reason'")
        out.append((re.compile(item["pattern"]), item["reason"]))
    return out


def new_deprecations(result: Result, allowed: list[tuple[re.Pattern, str]]) -> list[str]:
    """Deprecation messages on stderr that the allow-list does not explain: the message and the
    file and line that raised it."""
    found = []
    for line in result.stderr.splitlines():
        if not DEPRECATION.search(line) or any(p.search(line) for p, _ in allowed):
            continue
        at = WARNING_AT.match(line.strip())
        found.append(f"{at['text']} (raised at {at['file']}:{at['line']})" if at else line.strip())
    return found


def check_result(
    result: Result, time_limit: float = TIME_LIMIT_S, checks: Checks | None = None
) -> str | None:
    """None when the run succeeded, printed no new deprecation and printed its stored output
    (within its task's tolerance); else what is wrong."""
    problem = failure(result, time_limit)
    if problem:
        return problem
    run = result.run
    warnings = new_deprecations(result, allowed_warnings(run.root))
    if warnings:
        return (
            f"{run.name}: new deprecation warning(s) on stderr:\n  "
            + "\n  ".join(warnings)
            + f"\nUse the current API, or add the message to snippets/{ALLOWED_FILE} with the "
            "reason it cannot be avoided."
        )
    checks = checks or load_checks(run.root, run.task)
    if not run.out.exists():
        return (
            f"{run.name}: no stored output {run.out}. Run `make snippets` to write it, "
            f"read it, and commit it.\n--- this run printed ---\n{result.stdout}"
        )
    expected = run.out.read_text(encoding="utf-8")
    if not outputs_match(expected, result.stdout, checks.rel, checks.abs):
        return (
            f"{run.name}: printed something other than {run.out.name} (numbers within "
            f"rel {checks.rel:g} / abs {checks.abs:g}: {checks.tolerance_reason}; other text "
            "exactly). If the change is "
            f"intended, run `make snippets` and commit the .out file.\n"
            + diff(expected, result.stdout, run.out)
        )
    return None


def tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def stray_outputs(root: Path, runs: list[Run]) -> list[Path]:
    """Stored outputs that no run writes (a renamed snippet, a dropped backend)."""
    wanted = {r.out for r in runs}
    return sorted(p for p in root.glob("*/*.out") if p not in wanted)


def timing_summary(results: list[Result], wall: float, jobs: int = JOBS) -> str:
    cpu = sum(r.cpu_seconds for r in results)
    lines = [
        f"{len(results)} snippet runs in {wall:.1f} s wall time, {jobs} at a time "
        f"({cpu:.1f} s of CPU time: about {cpu / jobs:.0f} s on an idle {jobs}-core machine; "
        "a forked run counts its own CPU, not the import it shares)"
    ]
    for r in sorted(results, key=lambda r: -r.seconds)[:5]:
        lines.append(f"  slowest: {r.seconds:5.1f} s ({r.cpu_seconds:4.1f} s CPU)  {r.run.name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python hooks/snippet_runner.py", description=__doc__.split("\n\n")[0]
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rerun all, rewrite the .out files")
    mode.add_argument("--check", action="store_true", help="rerun all, compare with .out files")
    parser.add_argument(
        "--device",
        choices=("cpu", "cuda"),
        default=None,
        help="cuda: leave GPUs visible and require one to be used "
        "(implies running without comparing)",
    )
    parser.add_argument("--only", default="", help="comma-separated task names")
    parser.add_argument("--frameworks", default=",".join(FRAMEWORKS), help="comma-separated")
    parser.add_argument("--jobs", type=int, default=JOBS)
    parser.add_argument("--root", type=Path, default=SNIPPETS, help=argparse.SUPPRESS)
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT_S, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.write or args.check or args.device == "cuda"):
        parser.error("give --write or --check (or --device cuda)")
    device = args.device or "cpu"
    if device == "cuda" and args.write:
        parser.error("--write stores CPU outputs; use --check with --device cuda")

    try:
        runs = discover(
            args.root,
            [t for t in args.only.split(",") if t] or None,
            tuple(f for f in args.frameworks.split(",") if f),
        )
    except SnippetLayoutError as exc:
        print(exc, file=sys.stderr)
        return 2

    def progress(result: Result) -> None:
        state = "ok" if result.ok else ("TIMEOUT" if result.returncode is None else "FAILED")
        print(
            f"{result.seconds:5.1f} s ({result.cpu_seconds:4.1f} s CPU)  {state:7}  "
            f"{result.run.name}",
            flush=True,
        )

    start = time.perf_counter()
    results = execute_all(runs, device, args.jobs, args.time_limit, progress)
    wall = time.perf_counter() - start

    problems = []
    try:
        checks = {task: load_checks(args.root, task) for task in {r.task for r in runs}}
        allowed = allowed_warnings(args.root)
    except ChecksError as exc:
        print(exc, file=sys.stderr)
        return 2
    broken = set()  # tasks whose results break a rule: nothing of them is written
    for task, task_checks in checks.items():
        outputs = {r.run: r.stdout for r in results if r.run.task == task and r.ok}
        found = rule_problems(task_checks, outputs, "GPU run" if device == "cuda" else "run")
        if found:
            broken.add(task)
            problems += found
    if device == "cuda":
        used_gpu = []
        for r in results:
            problem = failure(r, args.time_limit)
            if not problem and new_deprecations(r, allowed):
                problem = f"{r.run.name}: " + "; ".join(new_deprecations(r, allowed))
            if problem:
                problems.append(problem)
                continue
            line = (DEVICE_LINE.search(r.stdout) or re.match(".*", "?")).group(0)
            on_gpu = bool(GPU_WORDS.search(line))
            used_gpu.append(on_gpu)
            differing = lines_differing(r.run.out, r.stdout)
            print(
                f"  {r.run.name}: {line}"
                + ("" if on_gpu else "  (CPU: this framework's installed build has no CUDA)")
                + (
                    f"  ({differing} line(s) differ from the stored CPU output)"
                    if differing
                    else ""
                )
            )
        if not any(used_gpu):
            problems.append(
                "no snippet ran on a GPU: this machine has no CUDA GPU, or the "
                "installed frameworks are CPU builds (see snippets/requirements.txt)"
            )
    elif args.write:
        for r in results:
            problem = failure(r, args.time_limit)
            if not problem and new_deprecations(r, allowed):
                problem = f"{r.run.name}: " + "; ".join(new_deprecations(r, allowed))
            if problem:
                problems.append(problem)
            elif r.run.task not in broken:
                r.run.out.write_text(r.stdout, encoding="utf-8")
        for stray in stray_outputs(args.root, runs) if not args.only else []:
            problems.append(f"{stray}: no snippet writes this output any more; delete it")
    else:
        for r in results:
            problem = check_result(r, args.time_limit, checks[r.run.task])
            if problem:
                problems.append(problem)
        for stray in stray_outputs(args.root, runs) if not args.only else []:
            problems.append(f"{stray}: no snippet writes this output any more; delete it")

    print("\n" + timing_summary(results, wall, args.jobs))
    if wall > TOTAL_LIMIT_S and not args.only:
        problems.append(f"all runs took {wall:.0f} s, over the {TOTAL_LIMIT_S} s budget")
    for problem in problems:
        print(f"\nFAIL {problem}", file=sys.stderr)
    print(
        f"{len(results)} snippet runs: {len(results) - len(problems)} ok, "
        f"{len(problems)} problem(s)"
        if problems
        else f"{len(results)} snippet runs: all ok"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
