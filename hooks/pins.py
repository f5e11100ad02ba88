"""The snippets' pinned requirements (snippets/requirements.txt) and what each snippet imports:
the tested-versions tables, each tab's install line and each notebook's set-up cell come from
here, so a version is written in one place."""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from project import ROOT, read_source

REQUIREMENTS = ROOT / "snippets" / "requirements.txt"
PIN = re.compile(
    r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*==\s*([^\s;#]+)\s*(?:;\s*([^#]+?))?\s*(?:#.*)?$"
)

# The import name of a package the snippets use -> its requirement name. A snippet that
# imports anything else outside the standard library stops the build.
PACKAGE_OF = {
    "tensorflow": "tensorflow",  # tensorflow-cpu where it has wheels (the markers say where)
    "keras": "keras",
    "jax": "jax",
    "torch": "torch",
    "numpy": "numpy",
    "sklearn": "scikit-learn",
    "tensorboard": "tensorboard",
    "ai_edge_litert": "ai-edge-litert",
    "onnx": "onnx",
    "onnxruntime": "onnxruntime",
    "onnxscript": "onnxscript",
    "tf2onnx": "tf2onnx",
    "jax2onnx": "jax2onnx",
}
# Platform words for the markers the requirements file uses.
PLATFORMS = {
    "linux-x86_64-windows": {"ko": "리눅스 x86-64, 윈도우", "en": "Linux x86-64, Windows"},
    "elsewhere": {"ko": "macOS, 리눅스 aarch64", "en": "macOS, Linux aarch64"},
}


@dataclass(frozen=True)
class Pin:
    name: str  # as written: tensorflow-cpu
    extras: str  # "[cpu]" or ""
    version: str
    marker: str  # "" when it applies everywhere
    line: int

    @property
    def spec(self) -> str:
        return f"{self.name}{self.extras}=={self.version}"

    @property
    def project(self) -> str:
        """The requirement name it stands for: tensorflow-cpu is tensorflow's CPU build."""
        return "tensorflow" if self.name == "tensorflow-cpu" else self.name.lower()

    @property
    def where(self) -> str:
        """Which platforms, for the pages: '' (all) or a key of PLATFORMS."""
        if not self.marker:
            return ""
        return "elsewhere" if "!=" in self.marker else "linux-x86_64-windows"


def pins(path: Path = REQUIREMENTS) -> list[Pin]:
    shown = path.relative_to(ROOT).as_posix() if ROOT in path.parents else str(path)
    if not path.exists():
        raise PluginError(f"{shown}: missing; the tested-versions tables are made from it")
    found = []
    for number, line in enumerate(read_source(path).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN.match(line)
        if not match:
            raise PluginError(
                f"{shown}:{number}: not a pinned requirement 'name==version' (with an optional "
                f"'; marker'): {line.strip()!r}"
            )
        name, extras, version, marker = match.groups()
        found.append(Pin(name, extras or "", version, (marker or "").strip(), number))
    if not found:
        raise PluginError(f"{shown}: no 'name==version' line")
    return found


def imports_of(path: Path, keras_backend: str | None = None) -> list[str]:
    """The top-level packages a snippet imports, outside the standard library. With a Keras
    backend, a branch that tests the backend name (`if backend == "torch":`, `in (...)`) counts
    only where it runs on that backend, and the backend's own package is added."""
    tree = ast.parse(read_source(path), filename=str(path))
    backends = ("jax", "tensorflow", "torch")
    found: list[tuple[str, int]] = []

    def runs_on(test: ast.expr) -> bool | None:
        """Whether an `if` test that names backends holds for keras_backend (None: it names
        none, so it is not a backend branch)."""
        named = {n.value for n in ast.walk(test) if isinstance(n, ast.Constant)} & set(backends)
        if keras_backend is None or not named:
            return None
        negated = any(
            isinstance(op, (ast.NotEq, ast.NotIn))
            for n in ast.walk(test)
            if isinstance(n, ast.Compare)
            for op in n.ops
        )
        return (keras_backend in named) != negated

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If):
                holds = runs_on(node.test)
                if holds is None:
                    visit(node.body)
                    visit(node.orelse)
                else:
                    visit(node.body if holds else node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.extend((alias.name, node.lineno) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((node.module, node.lineno))
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    visit([n for n in inner if isinstance(n, ast.stmt | ast.excepthandler)])

    visit(tree.body)
    names: list[str] = [keras_backend] if keras_backend else []  # jax, tensorflow, torch
    for module, line in found:
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top in names:
            continue
        if top not in PACKAGE_OF:
            raise PluginError(
                f"{path.relative_to(ROOT).as_posix()}:{line}: imports '{top}', which "
                "snippets/requirements.txt does not pin. Pin it there and add it to "
                "PACKAGE_OF in hooks/pins.py"
            )
        names.append(top)
    return sorted(set(names), key=list(PACKAGE_OF).index)


# What a snippet needs that its imports do not show, by file name, each with its reason.
NEEDS_TOO = {
    # keras.callbacks.TensorBoard writes with `tensorflow.summary` on every backend
    "tensorboard_keras.py": ["tensorflow"],
    # torch.onnx.export writes the graph with onnxscript
    "onnx_export_pytorch.py": ["onnxscript"],
    # on the jax backend the pages show, Keras' model.export(format="onnx") loads jax2onnx
    "onnx_export_keras.py": ["jax2onnx"],
}


def imports_for(path: Path, framework: str) -> list[str]:
    """What one tab's download needs: a Keras snippet on the backend the pages show."""
    import snippet_runner

    backend = snippet_runner.PAGE_KERAS_BACKEND if framework == "keras" else None
    names = imports_of(path, backend) + NEEDS_TOO.get(path.name, [])
    return sorted(set(names), key=list(PACKAGE_OF).index)


def pins_for(modules: list[str]) -> list[Pin]:
    """The pins a list of imported packages needs (every platform's variant)."""
    wanted = {PACKAGE_OF[m] for m in modules}
    chosen = [p for p in pins() if p.project in wanted]
    missing = wanted - {p.project for p in chosen}
    if missing:
        raise PluginError(
            f"snippets/requirements.txt: no pin for {sorted(missing)}, which the snippets import"
        )
    return chosen


def install_commands(modules: list[str], lang: str) -> list[tuple[str, str]]:
    """(pip command, platforms or '') for the packages a snippet imports: one command where
    every pin applies everywhere, else one per platform group."""
    chosen = pins_for(modules)
    groups = sorted({p.where for p in chosen if p.where})
    if not groups:
        return [("pip install " + " ".join(p.spec for p in chosen), "")]
    return [
        (
            "pip install " + " ".join(p.spec for p in chosen if p.where in ("", group)),
            PLATFORMS[group][lang],
        )
        for group in groups
    ]


def setup_requirements(modules: list[str]) -> dict[str, str]:
    """import name -> the pip requirement a notebook installs when it is missing: the pinned
    version, with the package that installs on every platform (tensorflow, not -cpu)."""
    out = {}
    for module in modules:
        pin = next(p for p in pins_for([module]) if p.where in ("", "elsewhere"))
        out[module] = f"{pin.project}{pin.extras}=={pin.version}"
    return out
