"""The training-speed page: ``data/train_speed.json`` (written by bench/train_speed.py) checked
against its schema and rendered into docs/speed.md and its twin at build time.

* ``on_config`` loads and checks the data file (and ``data/train_speed.cuda.json`` if there is
  one): a missing field, an unknown model or variant, a figure that is not a number, a missing
  (model, variant) pair... stops the build, naming the file and the field.
* ``on_page_markdown`` replaces the markers of the page, in the language being built:

  ``<!-- train-speed: settings -->``  when, where and how the figures were taken
  ``<!-- train-speed: headline -->``  per model: the fastest variant, relative to PyTorch eager
  ``<!-- train-speed: chart -->``     one SVG bar chart per model (log scale of the ratio)
  ``<!-- train-speed: tables -->``    one table per model, figures computed from the raw repeats
  ``<!-- train-speed: verdict -->``   the article's claim checked against the figures
  ``<!-- train-speed: gpu -->``       the GPU results, or that they are still to be measured

Every figure on the page is computed here from the raw repeats; none is typed into a page.
Steps/s of a repeat = steps / seconds; a variant's figure is the median of its repeats, with
the min-max; samples/s = steps/s x batch size; the ratio is the variant's median over PyTorch
eager's median on the same model. The functions above the hook events take plain arguments so
the tests can call them.
"""

from __future__ import annotations

import datetime
import html
import json
import math
import re
import statistics
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

DATA_FILE = "data/train_speed.json"
GPU_FILE = "data/train_speed.cuda.json"
PAGE = "speed.md"
MARKER = re.compile(r"<!--\s*train-speed:\s*([\w-]+)\s*-->")
MARKERS = ("settings", "headline", "chart", "tables", "verdict", "gpu")
SAME = 1.1  # within 10% either way counts as "about the same" in the verdict


# --- what is measured: bench/train_speed.py builds and times exactly these -----------------
SCHEMA = 1  # of data/train_speed.json
VOCAB, SEQ, D_MODEL, HEADS, FFN, CLASSES = 64, 32, 64, 4, 128, 10
MODELS = {
    "mlp": {
        "params": 64 * 64 + 64 + 64 * 10 + 10,  # 4,810
        "what": "digits MLP: 64 -> Dense(64, relu) -> Dense(10)",
        "data": "sklearn load_digits, 8x8 pixels / 16, 1,792 samples",
    },
    "cnn": {
        # conv 3x3x1x8 + conv 3x3x8x16 (same padding, 2x2 max-pool after each) + dense 784->10
        "params": (9 * 8 + 8) + (9 * 8 * 16 + 16) + (7 * 7 * 16 * 10 + 10),  # 9,098
        "what": "CNN on 28x28x1: Conv(8, 3x3) -> pool -> Conv(16, 3x3) -> pool -> Dense(10)",
        "data": "generated: a noisy template per class, 1,024 samples",
    },
    "transformer": {
        # token + position embeddings, 4-head attention (q, k, v, out with biases), two layer
        # norms, feed-forward 64->128->64, classifier on the mean over the sequence
        "params": VOCAB * D_MODEL
        + SEQ * D_MODEL
        + 4 * (D_MODEL * D_MODEL + D_MODEL)
        + 2 * 2 * D_MODEL
        + (D_MODEL * FFN + FFN)
        + (FFN * D_MODEL + D_MODEL)
        + (D_MODEL * CLASSES + CLASSES),  # 40,266
        "what": "one post-LN transformer encoder block: d_model 64, 4 heads, feed-forward 128, "
        "sequence 32, vocabulary 64, mean-pool -> Dense(10)",
        "data": "generated: tokens drawn mostly from a class's own 6 tokens, 1,024 samples",
    },
}
# variant -> the process (framework or Keras backend) it runs in; the order is the page's order
VARIANTS = {
    "tensorflow-eager": "tensorflow",
    "tensorflow-function": "tensorflow",
    "tensorflow-xla": "tensorflow",
    "keras-jax-jit": "keras-jax",
    "keras-jax-nojit": "keras-jax",
    "keras-tensorflow-jit": "keras-tensorflow",
    "keras-tensorflow-nojit": "keras-tensorflow",
    "keras-torch-jit": "keras-torch",
    "keras-torch-nojit": "keras-torch",
    "pytorch-eager": "pytorch",
    "pytorch-compile": "pytorch",
}
BASELINE = "pytorch-eager"


# --- words of the page that are not in the data --------------------------------------------
VARIANT_LABELS = {
    "tensorflow-eager": {"ko": "TensorFlow 즉시 실행", "en": "TensorFlow eager"},
    "tensorflow-function": {"ko": "TensorFlow tf.function", "en": "TensorFlow tf.function"},
    "tensorflow-xla": {"ko": "TensorFlow XLA", "en": "TensorFlow XLA"},
    "keras-jax-jit": {"ko": "Keras · JAX (jit)", "en": "Keras · JAX (jit)"},
    "keras-jax-nojit": {"ko": "Keras · JAX (jit 끔)", "en": "Keras · JAX (no jit)"},
    "keras-tensorflow-jit": {"ko": "Keras · TF (jit)", "en": "Keras · TF (jit)"},
    "keras-tensorflow-nojit": {"ko": "Keras · TF (jit 끔)", "en": "Keras · TF (no jit)"},
    "keras-torch-jit": {"ko": "Keras · PyTorch (jit)", "en": "Keras · PyTorch (jit)"},
    "keras-torch-nojit": {"ko": "Keras · PyTorch (jit 끔)", "en": "Keras · PyTorch (no jit)"},
    "pytorch-eager": {"ko": "PyTorch 즉시 실행", "en": "PyTorch eager"},
    "pytorch-compile": {"ko": "PyTorch torch.compile", "en": "PyTorch torch.compile"},
}
MODEL_LABELS = {
    "mlp": {"ko": "MLP (손글씨 숫자)", "en": "MLP (digits)"},
    "cnn": {"ko": "작은 CNN (28×28)", "en": "Small CNN (28×28)"},
    "transformer": {"ko": "트랜스포머 인코더 블록", "en": "Transformer encoder block"},
}
UI = {
    "ko": {
        "variant": "변형",
        "ratio": "PyTorch 즉시 실행 대비",
        "steps": "학습 스텝/초: 중앙값 (최소–최대)",
        "samples": "샘플/초 (중앙값)",
        "warmup": "워밍업 (컴파일 포함)",
        "loss": "손실: 처음 → 끝",
        "failed": "실패",
        "no_baseline": "–",
        "warmup_cell": "{steps}스텝, {seconds}초",
        "table_caption": "{model}: 파라미터 {params}개, 배치 {batch}, 반복 {repeats}번의 중앙값",
        "chart_caption": "{model}: 학습 속도를 PyTorch 즉시 실행(1×)에 견준 배수, 로그 눈금. "
        "오른쪽으로 갈수록 빠릅니다. 모든 수치는 아래 표에 있습니다.",
        "chart_label": "{model}의 학습 속도, PyTorch 즉시 실행 대비: {items}",
        "chart_item": "{variant} {ratio}",
        "chart_failed": "{variant} 실패",
        "list_sep": ", ",
        "fell": "떨어짐",
        "not_fell": "떨어지지 않음",
        "headline": "<strong>{model}</strong>: 가장 빠른 변형은 {fastest}로 PyTorch 즉시 실행의 "
        "{ratio}입니다. 가장 느린 변형은 {slowest}({slow_ratio})입니다.",
        "headline_no_baseline": "<strong>{model}</strong>: PyTorch 즉시 실행이 실패해 배수를 "
        "계산하지 못했습니다. 가장 빠른 변형은 {fastest}입니다.",
        "headline_none": "<strong>{model}</strong>: 성공한 변형이 없습니다.",
        "failed_list": "실패한 변형(표에 오류가 있습니다): {items}.",
        "settings": [
            ("측정한 때", "{date}"),
            ("구성", "{name} (<code>{command}</code>), 걸린 시간 {duration}"),
            ("컴퓨터", "{cpu}, 코어 {cores}개, {os}{load}"),
            ("장치", "{device}"),
            (
                "스레드",
                "프레임워크마다 {threads}개 (intra-op, inter-op), 한 번에 {jobs}개 프로세스",
            ),
            ("버전", "Python {python}, {versions}"),
            ("학습 설정", "배치 {batch}, {optimizer}, {loss}"),
            ("반복", "워밍업 {warmup}스텝, 반복 {repeats}번 × 약 {seconds}초"),
        ],
        "quick_note": "이 수치는 전체 구성이 아니라 위 명령의 구성({name})에서 나왔습니다. "
        "<code>{rerun}</code>로 전체 측정을 하면 바뀝니다.",
        "verdict_row": "<strong>{model}</strong>: PyTorch의 가장 빠른 변형({pt})이 텐서플로우의 "
        "가장 빠른 변형({tf})의 {ratio}입니다. {outcome}",
        "faster": "파이토치가 빠릅니다.",
        "slower": "텐서플로우가 빠릅니다.",
        "same": "차이가 10% 이내라 비슷합니다.",
        "eager_row": "즉시 실행끼리 견주면 PyTorch 즉시 실행이 TensorFlow 즉시 실행의 {ratio}입니다.",
        "verdict_missing": "<strong>{model}</strong>: PyTorch나 TensorFlow 쪽 변형이 모두 실패해 "
        "견줄 수 없습니다.",
        "verdict_all": "이 컴퓨터에서 잰 {n}개 모델 모두에서 파이토치가 텐서플로우보다 "
        "빨랐습니다. 원문의 주장은 이 모델들과 이 컴퓨터에서는 맞습니다.",
        "verdict_none": "이 컴퓨터에서 잰 {n}개 모델 가운데 파이토치가 10% 넘게 빠른 모델은 "
        "없습니다. 원문의 주장은 이 모델들과 이 컴퓨터에서는 맞지 않습니다.",
        "verdict_mixed": "이 컴퓨터에서 잰 {n}개 모델 가운데 파이토치가 10% 넘게 빠른 모델은 "
        "{k}개입니다({models}). 원문의 주장은 모델에 따라 맞기도 하고 틀리기도 합니다.",
        "verdict_nothing": "PyTorch와 TensorFlow를 견줄 수 있는 모델이 없어 판정하지 못했습니다.",
        "verdict_keras": "케라스에서 가장 빠른 백엔드: {items}.",
        "gpu_none": "GPU 수치는 아직 재지 않았습니다. 이 페이지의 수치는 모두 CPU에서 잰 것입니다.",
        "gpu_how": "재는 방법: NVIDIA GPU와 CUDA용 PyTorch, JAX가 설치된 컴퓨터의 저장소 루트에서 "
        "<code>.venv/bin/python bench/train_speed.py --device cuda</code>를 실행합니다. 같은 "
        "모델과 변형을 GPU에서 재어 <code>{file}</code>에 쓰고, 그 파일을 커밋하면 이 절에 "
        "측정 정보, 그래프, 표가 나타납니다. 설치되지 않은 프레임워크(예: 텐서플로우)나 GPU를 "
        "보지 못한 프레임워크의 변형은 빠지지 않고 실패로, 오류와 함께 기록됩니다.",
        "gpu_intro": "아래 수치는 GPU({gpu})에서 잰 것입니다.",
        "none": "없음",
        "date": "{date} (UTC)",
        "minutes": "{m}분 {s}초",
        "load": ", 시작할 때 부하(1분 평균) {load}",
    },
    "en": {
        "variant": "Variant",
        "ratio": "vs PyTorch eager",
        "steps": "Training steps/s: median (min–max)",
        "samples": "Samples/s (median)",
        "warmup": "Warm-up (incl. compilation)",
        "loss": "Loss: first → last",
        "failed": "failed",
        "no_baseline": "–",
        "warmup_cell": "{steps} steps, {seconds} s",
        "table_caption": "{model}: {params} parameters, batch {batch}, median of {repeats} repeats",
        "chart_caption": "{model}: training speed as a multiple of PyTorch eager (1×), log scale. "
        "Further right is faster. The table below gives every figure.",
        "chart_label": "Training speed of the {model} relative to PyTorch eager: {items}",
        "chart_item": "{variant} {ratio}",
        "chart_failed": "{variant} failed",
        "list_sep": ", ",
        "fell": "fell",
        "not_fell": "did not fall",
        "headline": "<strong>{model}</strong>: the fastest variant is {fastest}, at {ratio} "
        "PyTorch eager. The slowest is {slowest} ({slow_ratio}).",
        "headline_no_baseline": "<strong>{model}</strong>: PyTorch eager failed, so no ratio "
        "could be computed. The fastest variant is {fastest}.",
        "headline_none": "<strong>{model}</strong>: no variant ran.",
        "failed_list": "Variants that failed (the tables give their errors): {items}.",
        "settings": [
            ("Measured", "{date}"),
            ("Configuration", "{name} (<code>{command}</code>), took {duration}"),
            ("Machine", "{cpu}, {cores} cores, {os}{load}"),
            ("Device", "{device}"),
            (
                "Threads",
                "{threads} per framework (intra-op, inter-op), {jobs} process(es) at a time",
            ),
            ("Versions", "Python {python}, {versions}"),
            ("Training", "batch {batch}, {optimizer}, {loss}"),
            ("Repeats", "{warmup} warm-up steps, {repeats} repeats × about {seconds} s"),
        ],
        "quick_note": "These figures come not from the full configuration but from the command "
        "above ({name}). A full run with <code>{rerun}</code> replaces them.",
        "verdict_row": "<strong>{model}</strong>: PyTorch's fastest variant ({pt}) runs at "
        "{ratio} TensorFlow's fastest ({tf}). {outcome}",
        "faster": "PyTorch is faster.",
        "slower": "TensorFlow is faster.",
        "same": "Within 10%: about the same.",
        "eager_row": "Eager against eager, PyTorch eager runs at {ratio} TensorFlow eager.",
        "verdict_missing": "<strong>{model}</strong>: every PyTorch or every TensorFlow variant "
        "failed, so there is nothing to compare.",
        "verdict_all": "On all {n} models measured on this machine, PyTorch was faster than "
        "TensorFlow. For these models on this machine, the article's claim holds.",
        "verdict_none": "On none of the {n} models measured on this machine was PyTorch more "
        "than 10% faster. For these models on this machine, the article's claim does not hold.",
        "verdict_mixed": "PyTorch was more than 10% faster on {k} of the {n} models measured on "
        "this machine ({models}). Whether the article's claim holds depends on the model.",
        "verdict_nothing": "No model has both a PyTorch and a TensorFlow figure: no verdict.",
        "verdict_keras": "Fastest Keras backend: {items}.",
        "gpu_none": "The GPU figures are still to be measured: every figure on this page was "
        "measured on a CPU.",
        "gpu_how": "How to measure them: on a machine with an NVIDIA GPU and the CUDA builds of "
        "PyTorch and JAX, run <code>.venv/bin/python bench/train_speed.py --device cuda</code> "
        "from the repository's root. It measures the same models and variants on the GPU and "
        "writes <code>{file}</code>; commit that file and the measurement details, charts and "
        "tables appear in this section. The variants of a framework that is not installed "
        "(TensorFlow, for example) or sees no GPU are not left out: they are recorded as failed, "
        "with their error.",
        "gpu_intro": "The figures below were measured on a GPU ({gpu}).",
        "none": "none",
        "date": "{date} (UTC)",
        "minutes": "{m} min {s} s",
        "load": ", load average {load} when it began",
    },
}
LANGS = tuple(UI)


class SpeedDataError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- the schema --------------------------------------------------------------------------
def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


KINDS = {
    "number": (_is_number, "a number"),
    "positive": (lambda v: _is_number(v) and v > 0, "a number above 0"),
    "int": (lambda v: _is_int(v) and v > 0, "a whole number above 0"),
    "text": (_is_text, "a non-empty string"),
    "text?": (lambda v: v is None or _is_text(v), "a string or null"),
    "object": (lambda v: isinstance(v, dict), "an object"),
    "list": (lambda v: isinstance(v, list) and v != [], "a non-empty list"),
    "date": (lambda v: _is_text(v) and _parse_date(v) is not None, "an ISO 8601 date and time"),
}
TOP = {
    "schema": "int",
    "date": "date",
    "duration_s": "positive",
    "configuration": "object",
    "machine": "object",
    "versions": "object",
    "models": "object",
    "results": "list",
}
CONFIGURATION = {
    "name": "text",
    "command": "text",
    "device": "text",
    "threads": "int",
    "jobs": "int",
    "batch_size": "int",
    "optimizer": "text",
    "loss": "text",
    "models": "list",
    "variants": "list",
    "repeats": "int",
    "warmup_steps": "int",
    "repeat_seconds": "positive",
}
MACHINE = {"cpu": "text", "cores": "int", "os": "text", "python": "text", "gpu": "text?"}
VERSIONS = {"tensorflow": "text?", "keras": "text?", "torch": "text?", "jax": "text?"}
OK_RESULT = {
    "device": "text",
    "params": "int",
    "threads": "object",
    "warmup_steps": "int",
    "warmup_s": "positive",
    "repeats": "list",
    "loss_first": "number",
    "loss_last": "number",
}
REPEAT = {"steps": "int", "seconds": "positive"}
MIN_REPEATS = 5


def _parse_date(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


def _fields(obj: dict, spec: dict, where: str, path: str, problems: list[str]) -> None:
    for key, kind in spec.items():
        check, wanted = KINDS[kind]
        field = f"{path}.{key}" if path else key
        if key not in obj:
            problems.append(f"{where}: field '{field}' is missing. {FIX}")
        elif not check(obj[key]):
            problems.append(f"{where}: field '{field}' must be {wanted}, not {obj[key]!r}. {FIX}")


FIX = "Rerun `make bench-speed` (bench/train_speed.py writes this file) rather than editing it."


def check_data(data, where: str = DATA_FILE) -> list[str]:
    """Every problem of a loaded data file, each naming the file and the field."""
    if not isinstance(data, dict):
        return [f"{where}: the file must hold a JSON object. {FIX}"]
    problems: list[str] = []
    _fields(data, TOP, where, "", problems)
    if _is_int(data.get("schema")) and data["schema"] != SCHEMA:
        problems.append(
            f"{where}: field 'schema' is {data['schema']}, this build reads schema {SCHEMA}. {FIX}"
        )
    config = data.get("configuration")
    models, variants = [], []
    if isinstance(config, dict):
        _fields(config, CONFIGURATION, where, "configuration", problems)
        if _is_int(config.get("repeats")) and config["repeats"] < MIN_REPEATS:
            problems.append(
                f"{where}: field 'configuration.repeats' is {config['repeats']}: the page "
                f"shows a median and a spread, at least {MIN_REPEATS} repeats. {FIX}"
            )
        for key, known in (("models", MODELS), ("variants", VARIANTS)):
            for i, name in enumerate(config.get(key) or []):
                if name not in known:
                    problems.append(
                        f"{where}: field 'configuration.{key}[{i}]': unknown {key[:-1]} "
                        f"{name!r}; bench/train_speed.py knows {', '.join(known)}. {FIX}"
                    )
        models = [m for m in config.get("models") or [] if m in MODELS]
        variants = [v for v in config.get("variants") or [] if v in VARIANTS]
    if isinstance(data.get("machine"), dict):
        _fields(data["machine"], MACHINE, where, "machine", problems)
        load = data["machine"].get("load_average")  # optional: older files lack it
        if load is not None and not (
            isinstance(load, list) and load and all(_is_number(x) for x in load)
        ):
            problems.append(
                f"{where}: field 'machine.load_average' must be a list of numbers or null, "
                f"not {load!r}. {FIX}"
            )
    if isinstance(data.get("versions"), dict):
        _fields(data["versions"], VERSIONS, where, "versions", problems)
    if isinstance(data.get("models"), dict):
        for model in models:
            entry = data["models"].get(model)
            field = f"models.{model}.params"
            if not isinstance(entry, dict) or "params" not in entry:
                problems.append(f"{where}: field '{field}' is missing. {FIX}")
            elif entry["params"] != MODELS[model]["params"]:
                problems.append(
                    f"{where}: field '{field}' is {entry['params']!r}, but bench/train_speed.py "
                    f"builds the {model} with {MODELS[model]['params']} parameters: the "
                    f"figures are from another model. {FIX}"
                )
    seen: dict[tuple, int] = {}
    for i, result in enumerate(data.get("results") or []):
        path = f"results[{i}]"
        if not isinstance(result, dict):
            problems.append(f"{where}: field '{path}' must be an object. {FIX}")
            continue
        model, variant = result.get("model"), result.get("variant")
        for key, value, known in (
            ("model", model, models),
            ("variant", variant, variants),
        ):
            if key not in result:
                problems.append(f"{where}: field '{path}.{key}' is missing. {FIX}")
            elif value not in known:
                everything = MODELS if key == "model" else VARIANTS
                problems.append(
                    f"{where}: field '{path}.{key}': unknown {key} {value!r}"
                    + ("" if value in everything else f"; known: {', '.join(everything)}")
                    + (
                        f" (not in configuration.{key}s)"
                        if value in everything and value not in known
                        else ""
                    )
                    + f". {FIX}"
                )
        if (model, variant) in seen:
            problems.append(
                f"{where}: field '{path}': {variant} · {model} is already in "
                f"results[{seen[(model, variant)]}]. {FIX}"
            )
        seen.setdefault((model, variant), i)
        path = f"{path} ({variant} · {model})"
        status = result.get("status")
        if status == "ok":
            _fields(result, OK_RESULT, where, path, problems)
            repeats = result.get("repeats")
            if isinstance(repeats, list):
                for j, repeat in enumerate(repeats):
                    if isinstance(repeat, dict):
                        _fields(repeat, REPEAT, where, f"{path}.repeats[{j}]", problems)
                    else:
                        problems.append(
                            f"{where}: field '{path}.repeats[{j}]' must be an object. {FIX}"
                        )
                wanted = (config or {}).get("repeats") if isinstance(config, dict) else None
                if _is_int(wanted) and len(repeats) != wanted:
                    problems.append(
                        f"{where}: field '{path}.repeats' has {len(repeats)} repeats, "
                        f"configuration.repeats says {wanted}. {FIX}"
                    )
            if model in MODELS and _is_int(result.get("params")):
                if result["params"] != MODELS[model]["params"]:
                    problems.append(
                        f"{where}: field '{path}.params' is {result['params']}, not "
                        f"{MODELS[model]['params']}: not the same model. {FIX}"
                    )
        elif status == "failed":
            _fields(result, {"error": "text"}, where, path, problems)
        else:
            problems.append(
                f"{where}: field '{path}.status' must be 'ok' or 'failed', not {status!r}. {FIX}"
            )
    for model in models:
        for variant in variants:
            if (model, variant) not in seen:
                problems.append(
                    f"{where}: field 'results': no entry for {variant} · {model}; every variant "
                    f"of the configuration is recorded, a failed one as failed. {FIX}"
                )
    return problems


def load(path: Path, where: str) -> dict:
    """The checked data file, or SpeedDataError with every problem."""
    if not path.is_file():
        raise SpeedDataError([f"{where}: missing. Run `make bench-speed` to measure and write it."])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise SpeedDataError([f"{where}{line}: not valid UTF-8 JSON ({exc}). {FIX}"]) from None
    problems = check_data(data, where)
    if problems:
        raise SpeedDataError(problems)
    return data


# --- figures from the raw repeats ------------------------------------------------------------
def rates(result: dict) -> list[float]:
    return [r["steps"] / r["seconds"] for r in result["repeats"]]


def figures(data: dict) -> dict:
    """{model: {variant: figures}}; figures: median, lo, hi (steps/s), samples (per s), ratio
    (or None), or {'error': ...} for a failed variant."""
    batch = data["configuration"]["batch_size"]
    out: dict = {}
    for r in data["results"]:
        entry = {"result": r}
        if r["status"] == "ok":
            steps = rates(r)
            entry |= {
                "median": statistics.median(steps),
                "lo": min(steps),
                "hi": max(steps),
                "samples": statistics.median(steps) * batch,
            }
        else:
            entry["error"] = r["error"]
        out.setdefault(r["model"], {})[r["variant"]] = entry
    for by_variant in out.values():
        base = by_variant.get(BASELINE, {}).get("median")
        for entry in by_variant.values():
            entry["ratio"] = entry["median"] / base if base and "median" in entry else None
    order = data["configuration"]["variants"]
    return {
        m: {v: out[m][v] for v in order if v in out.get(m, {})}
        for m in data["configuration"]["models"]
    }


def fmt(x: float) -> str:
    """Three significant figures, thousands separated: 12,345 · 123 · 12.3 · 1.23 · 0.123."""
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:#.3g}"  # 0.980, 0.0483: three figures, trailing zeros kept


def first_line(error: str) -> str:
    """What the page shows of an error: its first line (the data file keeps the rest)."""
    line = error.strip().splitlines()[0] if error.strip() else error
    return line if len(line) <= 240 else line[:239] + "…"


def fmt_ratio(r: float) -> str:
    return f"{fmt(r)}×"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


# --- rendering ------------------------------------------------------------------------------
def render_settings(data: dict, lang: str, rerun: str = "make bench-speed") -> str:
    ui, c, m = UI[lang], data["configuration"], data["machine"]
    minutes, seconds = divmod(round(data["duration_s"]), 60)
    device = c["device"] + (f" ({m['gpu']})" if m.get("gpu") else "")
    versions = ", ".join(f"{k} {v}" for k, v in data["versions"].items() if v) or ui["none"]
    date = _parse_date(data["date"])
    values = {
        "date": ui["date"].format(date=date.strftime("%Y-%m-%d %H:%M")),
        "name": _e(c["name"]),
        "command": _e(c["command"]),
        "duration": ui["minutes"].format(m=minutes, s=seconds),
        "cpu": _e(m["cpu"]),
        "load": ui["load"].format(load=fmt(m["load_average"][0])) if m.get("load_average") else "",
        "cores": m["cores"],
        "os": _e(m["os"]),
        "device": _e(device),
        "threads": c["threads"],
        "jobs": c["jobs"],
        "python": _e(m["python"]),
        "versions": _e(versions),
        "batch": c["batch_size"],
        "optimizer": f"<code>{_e(c['optimizer'])}</code>",
        "loss": _e(c["loss"]),
        "warmup": c["warmup_steps"],
        "repeats": c["repeats"],
        "seconds": f"{c['repeat_seconds']:g}",
    }
    rows = "".join(
        f'<tr><th scope="row">{name}</th><td>{text.format(**values)}</td></tr>'
        for name, text in ui["settings"]
    )
    out = f'<table data-speed="settings"><tbody>{rows}</tbody></table>'
    if c["name"] != "full":
        out += f'<p class="speed-note">{ui["quick_note"].format(name=_e(c["name"]), rerun=_e(rerun))}</p>'
    return out


def _label(variant: str, lang: str) -> str:
    return VARIANT_LABELS[variant][lang]


def render_headline(data: dict, lang: str) -> str:
    ui, items = UI[lang], []
    failed = []
    for model, by_variant in figures(data).items():
        name = MODEL_LABELS[model][lang]
        ok = {v: f for v, f in by_variant.items() if "median" in f}
        failed += [f"{_label(v, lang)} · {name}" for v, f in by_variant.items() if "error" in f]
        if not ok:
            items.append(ui["headline_none"].format(model=name))
            continue
        fastest = max(ok, key=lambda v: ok[v]["median"])
        slowest = min(ok, key=lambda v: ok[v]["median"])
        if ok[fastest]["ratio"] is None:
            items.append(
                ui["headline_no_baseline"].format(model=name, fastest=_label(fastest, lang))
            )
            continue
        items.append(
            ui["headline"].format(
                model=name,
                fastest=_label(fastest, lang),
                ratio=fmt_ratio(ok[fastest]["ratio"]),
                slowest=_label(slowest, lang),
                slow_ratio=fmt_ratio(ok[slowest]["ratio"]),
            )
        )
    out = '<ul class="speed-headline">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    if failed:
        out += f'<p class="speed-failed">{ui["failed_list"].format(items=_e(ui["list_sep"].join(failed)))}</p>'
    return out


def render_tables(data: dict, lang: str, prefix: str = "speed") -> str:
    ui, c = UI[lang], data["configuration"]
    out = []
    for model, by_variant in figures(data).items():
        caption = ui["table_caption"].format(
            model=MODEL_LABELS[model][lang],
            params=f"{MODELS[model]['params']:,}",
            batch=c["batch_size"],
            repeats=c["repeats"],
        )
        head = "".join(
            f'<th scope="col">{ui[k]}</th>'
            for k in ("variant", "ratio", "steps", "samples", "warmup", "loss")
        )
        rows = []
        for variant, f in by_variant.items():
            r = f["result"]
            start = (
                f'<tr data-model="{model}" data-variant="{variant}">'
                f'<th scope="row">{_e(_label(variant, lang))}</th>'
            )
            if "error" in f:
                rows.append(
                    f'{start}<td colspan="5" data-status="failed">'
                    f"<strong>{ui['failed']}</strong>: <code>{_e(first_line(f['error']))}</code>"
                    "</td></tr>"
                )
                continue
            ratio = fmt_ratio(f["ratio"]) if f["ratio"] is not None else ui["no_baseline"]
            fell = ui["fell"] if r["loss_last"] < r["loss_first"] else ui["not_fell"]
            rows.append(
                f"{start}"
                f'<td data-value="{f["ratio"] if f["ratio"] is not None else ""}">{ratio}</td>'
                f'<td data-value="{f["median"]!r}">{fmt(f["median"])} '
                f"({fmt(f['lo'])}–{fmt(f['hi'])})</td>"
                f'<td data-value="{f["samples"]!r}">{fmt(f["samples"])}</td>'
                f'<td data-value="{r["warmup_s"]!r}">'
                f"{ui['warmup_cell'].format(steps=r['warmup_steps'], seconds=fmt(r['warmup_s']))}</td>"
                f"<td>{r['loss_first']:.3f} → {r['loss_last']:.3f} ({fell})</td></tr>"
            )
        out.append(
            f'<table id="{prefix}-table-{model}" data-model="{model}">'
            f"<caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return "\n".join(out)


def _ticks(lo: float, hi: float) -> list[float]:
    steps = [1, 2, 5]
    candidates = [s * 10.0**e for e in range(-4, 5) for s in steps]
    ticks = [t for t in candidates if lo <= t <= hi]
    if len(ticks) > 7:
        ticks = [t for t in ticks if math.isclose(math.log10(t), round(math.log10(t)))]
    return ticks


def render_chart(data: dict, lang: str, prefix: str = "speed") -> str:
    """One SVG per model: a bar from 1× (PyTorch eager) to each variant's ratio on a log
    scale; text in currentColor, bars in the theme's colour, a label for screen readers."""
    ui, out = UI[lang], []
    for model, by_variant in figures(data).items():
        name = MODEL_LABELS[model][lang]
        ratios = [f["ratio"] for f in by_variant.values() if f.get("ratio")]
        if not ratios:
            continue
        lo, hi = min([*ratios, 1.0]) / 1.5, max([*ratios, 1.0]) * 1.5
        left, right, width, row, top = 200, 640, 720, 24, 10
        height = top + row * len(by_variant) + 34

        def x(r, lo=lo, hi=hi, left=left, right=right):
            return left + (math.log10(r) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (
                right - left
            )

        parts = []
        for t in _ticks(lo, hi):
            xt = x(t)
            parts.append(
                f'<line x1="{xt:.1f}" y1="{top}" x2="{xt:.1f}" y2="{height - 28}" '
                f'stroke="currentColor" stroke-opacity="{0.6 if t == 1 else 0.2}" '
                f'stroke-width="{1.5 if t == 1 else 1}"/>'
                f'<text x="{xt:.1f}" y="{height - 12}" text-anchor="middle" font-size="12" '
                f'fill="currentColor">{t:g}×</text>'
            )
        items = []
        for i, (variant, f) in enumerate(by_variant.items()):
            y = top + i * row
            label = _label(variant, lang)
            parts.append(
                f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="12" '
                f'fill="currentColor">{_e(label)}</text>'
            )
            if f.get("ratio"):
                x0, x1 = sorted((x(1.0), x(f["ratio"])))
                parts.append(
                    f'<rect x="{x0:.1f}" y="{y + 5}" width="{max(x1 - x0, 1.5):.1f}" height="14" '
                    f'style="fill: var(--md-primary-fg-color)" data-variant="{variant}"/>'
                    f'<text x="{right + 8}" y="{y + 16}" font-size="12" fill="currentColor">'
                    f"{fmt_ratio(f['ratio'])}</text>"
                )
                items.append(ui["chart_item"].format(variant=label, ratio=fmt_ratio(f["ratio"])))
            else:
                word = ui["failed"] if "error" in f else ui["no_baseline"]
                parts.append(
                    f'<text x="{right + 8}" y="{y + 16}" font-size="12" fill="currentColor">'
                    f"{word}</text>"
                )
                items.append(ui["chart_failed"].format(variant=label))
        aria = ui["chart_label"].format(model=name, items=ui["list_sep"].join(items))
        out.append(
            f'<figure class="diagram speed-chart" id="{prefix}-chart-{model}">'
            f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{_e(aria)}">{"".join(parts)}</svg>'
            f"<figcaption>{_e(ui['chart_caption'].format(model=name))}</figcaption></figure>"
        )
    return "\n".join(out)


def _best(by_variant: dict, prefix: str) -> str | None:
    ok = [v for v, f in by_variant.items() if v.startswith(prefix + "-") and "median" in f]
    return max(ok, key=lambda v: by_variant[v]["median"]) if ok else None


def outcome(ratio: float) -> str:
    """'faster', 'slower' or 'same' (within SAME either way) for PyTorch over TensorFlow."""
    if ratio > SAME:
        return "faster"
    if ratio < 1 / SAME:
        return "slower"
    return "same"


def verdict(data: dict) -> dict:
    """The article's claim against the figures: per model, PyTorch's fastest variant over
    TensorFlow's fastest (and eager over eager), and the overall outcome."""
    per_model, fastest_keras = {}, {}
    for model, by_variant in figures(data).items():
        pt, tf = _best(by_variant, "pytorch"), _best(by_variant, "tensorflow")
        keras = _best(by_variant, "keras")
        if keras:
            fastest_keras[model] = keras
        if not (pt and tf):
            per_model[model] = None
            continue
        ratio = by_variant[pt]["median"] / by_variant[tf]["median"]
        eager = None
        if "median" in by_variant.get("pytorch-eager", {}) and "median" in by_variant.get(
            "tensorflow-eager", {}
        ):
            eager = by_variant["pytorch-eager"]["median"] / by_variant["tensorflow-eager"]["median"]
        per_model[model] = {
            "pt": pt,
            "tf": tf,
            "ratio": ratio,
            "outcome": outcome(ratio),
            "eager": eager,
        }
    compared = {m: v for m, v in per_model.items() if v}
    faster = [m for m, v in compared.items() if v["outcome"] == "faster"]
    if not compared:
        overall = "nothing"
    elif len(faster) == len(compared):
        overall = "all"
    elif not faster:
        overall = "none"
    else:
        overall = "mixed"
    return {"models": per_model, "faster": faster, "overall": overall, "keras": fastest_keras}


def render_verdict(data: dict, lang: str) -> str:
    ui, v = UI[lang], verdict(data)
    items = []
    for model, row in v["models"].items():
        name = MODEL_LABELS[model][lang]
        if row is None:
            items.append(ui["verdict_missing"].format(model=name))
            continue
        text = ui["verdict_row"].format(
            model=name,
            pt=_label(row["pt"], lang),
            tf=_label(row["tf"], lang),
            ratio=fmt_ratio(row["ratio"]),
            outcome=ui[row["outcome"]],
        )
        if row["eager"] is not None:
            text += " " + ui["eager_row"].format(ratio=fmt_ratio(row["eager"]))
        items.append(text)
    n, k = len([r for r in v["models"].values() if r]), len(v["faster"])
    summary = ui[f"verdict_{v['overall']}"].format(
        n=n, k=k, models=ui["list_sep"].join(MODEL_LABELS[m][lang] for m in v["faster"])
    )
    out = (
        f'<p class="speed-verdict" data-verdict="{v["overall"]}"><strong>{summary}</strong></p>'
        '<ul class="speed-verdict-models">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    )
    if v["keras"]:
        keras = ui["list_sep"].join(
            f"{MODEL_LABELS[m][lang]}: {_label(k_, lang)}" for m, k_ in v["keras"].items()
        )
        out += f"<p>{_e(ui['verdict_keras'].format(items=keras))}</p>"
    return out


def render_gpu(gpu: dict | None, lang: str) -> str:
    ui = UI[lang]
    if gpu is None:
        return f'<p class="speed-gpu-none">{ui["gpu_none"]}</p><p>{ui["gpu_how"].format(file=GPU_FILE)}</p>'
    return "\n".join(
        [
            f"<p>{_e(ui['gpu_intro'].format(gpu=gpu['machine'].get('gpu') or gpu['configuration']['device']))}</p>",
            render_settings(gpu, lang, rerun=".venv/bin/python bench/train_speed.py --device cuda"),
            render_headline(gpu, lang),
            render_chart(gpu, lang, prefix="speed-gpu"),
            render_tables(gpu, lang, prefix="speed-gpu"),
        ]
    )


def expand_markers(
    markdown: str, doc: str, lang: str, data: dict, gpu: dict | None, source: str | None = None
) -> str:
    """Replace the train-speed markers of one page; the speed page must carry them all."""
    where = f"docs/{doc}"
    lines = (source or markdown).splitlines()

    def line_of(text: str) -> int:
        return next((n for n, line in enumerate(lines, 1) if text in line), 1)

    render = {
        "settings": lambda: render_settings(data, lang),
        "headline": lambda: render_headline(data, lang),
        "chart": lambda: render_chart(data, lang),
        "tables": lambda: render_tables(data, lang),
        "verdict": lambda: render_verdict(data, lang),
        "gpu": lambda: render_gpu(gpu, lang),
    }

    def replace(match: re.Match) -> str:
        what = match.group(1)
        if what not in render:
            raise SpeedDataError(
                [
                    f"{where}:{line_of(match.group(0))}: unknown marker '{match.group(0)}'. "
                    f"Use <!-- train-speed: NAME --> with NAME one of {', '.join(MARKERS)}."
                ]
            )
        return "\n" + render[what]() + "\n"

    base = re.sub(r"\.[a-z]{2}\.md$", ".md", doc)
    found = set(MARKER.findall(markdown))
    if base == PAGE and set(MARKERS) - found:
        missing = ", ".join(f"<!-- train-speed: {m} -->" for m in MARKERS if m not in found)
        raise SpeedDataError(
            [
                f"{where}:1: the training-speed page lacks {missing}. Put each on a line of its "
                f"own: hooks/speed_page.py replaces it with what {DATA_FILE} says."
            ]
        )
    return MARKER.sub(replace, markdown)


# --- MkDocs hook events ---------------------------------------------------------------------
_state: dict = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    from mkdocs.exceptions import PluginError  # lazily: bench/train_speed.py imports this file

    root = Path(config.config_file_path).parent
    try:
        _state["data"] = load(root / DATA_FILE, DATA_FILE)
        gpu = root / GPU_FILE
        _state["gpu"] = load(gpu, GPU_FILE) if gpu.is_file() else None
    except SpeedDataError as exc:
        raise PluginError("\n".join(exc.problems)) from None
    data_dir = str(root / "data")
    if data_dir not in config["watch"]:  # `make serve` rebuilds when the data changes
        config["watch"].append(data_dir)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files) -> str | None:
    from mkdocs.exceptions import PluginError

    lang = config["theme"]["language"]  # static-i18n sets it for each language's build
    base = re.sub(r"\.[a-z]{2}\.md$", ".md", page.file.src_uri)
    if "train-speed" not in markdown and base != PAGE:
        return markdown
    if lang not in LANGS:
        raise PluginError(f"hooks/speed_page.py: no words for language '{lang}'; add it to UI.")
    source = (
        Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else None
    )
    try:
        return expand_markers(
            markdown, page.file.src_uri, lang, _state["data"], _state["gpu"], source
        )
    except SpeedDataError as exc:
        raise PluginError("\n".join(exc.problems)) from None
