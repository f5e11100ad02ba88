"""Training-speed benchmark: the same three small models trained with the same data, batch
size and optimiser in TensorFlow (eager, tf.function, XLA), Keras on JAX, TensorFlow and
PyTorch (jit_compile on and off) and PyTorch (eager, torch.compile). It writes the results to
data/train_speed.json, which the page docs/speed.md renders (hooks/speed_page.py).

    make bench-speed                                      # the full CPU run: 8-12 min, 2 cores
    .venv/bin/python bench/train_speed.py --quick --out /tmp/speed.json   # tests: 1-2 min
    .venv/bin/python bench/train_speed.py --device cuda   # GPU: writes data/train_speed.cuda.json
    .venv/bin/python bench/train_speed.py --threads 1     # one intra-op thread everywhere

What is measured, for each model and variant:
- the parameter count, checked against the model's expected count before anything is timed
  (a variant whose model differs is recorded as failed);
- warm-up steps (compilation happens here; their time is recorded, not counted as throughput);
- a short timed calibration that picks the steps per repeat so that one repeat lasts about
  --repeat-seconds;
- --repeats timed repeats of that many steps: training steps/s = steps / seconds (samples/s =
  steps/s x batch size); the page shows the median and the min-max of the repeats;
- the mean loss of the warm-up steps and of the last repeat: the loss must fall.

Every framework (Keras: every backend) runs in a process of its own, started by this script
with the thread settings in its environment; a progress line is printed per variant. A variant
that fails is recorded with its error, never left out. Only the standard library is imported
at the top besides hooks/speed_page.py, which defines the models and variants measured here
(MODELS, VARIANTS) and checks the data file this script writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
# What is measured (models, variants, the schema) lives beside the page's renderer, which checks
# the data file against it; that module imports only the standard library at the top.
from speed_page import (  # noqa: E402
    CLASSES,
    D_MODEL,
    FFN,
    HEADS,
    MODELS,
    SCHEMA,
    SEQ,
    VARIANTS,
    VOCAB,
)

OUT = {"cpu": ROOT / "data" / "train_speed.json", "cuda": ROOT / "data" / "train_speed.cuda.json"}

PROCESSES = list(dict.fromkeys(VARIANTS.values()))
BATCH_SIZE, LEARNING_RATE, EPSILON = 64, 1e-3, 1e-7

CONFIGS = {
    # about 8-12 minutes on the 2-core machine this project is developed on
    "full": {
        "models": list(MODELS),
        "repeats": 5,
        "warmup_steps": 10,
        "repeat_seconds": 1.0,
        "min_steps": 5,
        "max_steps": 2000,
    },
    # one tiny configuration for the tests: the MLP only, short repeats
    "quick": {
        "models": ["mlp"],
        "repeats": 5,
        "warmup_steps": 5,
        "repeat_seconds": 0.1,
        "min_steps": 10,
        "max_steps": 200,
    },
}
# Rough seconds on 2 cores, for the estimate printed before a run: starting each process
# (imports) and a variant's warm-up and calibration beyond its timed repeats.
START_S = {
    "tensorflow": 12,
    "keras-jax": 9,
    "keras-tensorflow": 16,
    "keras-torch": 12,
    "pytorch": 6,
}
COMPILE_S = {
    "pytorch-compile": 20,
    "keras-torch-jit": 40,
    "keras-jax-jit": 8,
    "keras-jax-nojit": 10,
    "keras-tensorflow-jit": 6,
}


def processes(config: dict) -> list[str]:
    return [p for p in PROCESSES if any(VARIANTS[v] == p for v in config["variants"])]


def estimate_seconds(config: dict) -> float:
    per_variant = 2 + config["repeats"] * config["repeat_seconds"] * 1.3
    total = sum(START_S[p] for p in processes(config))
    for variant in config["variants"]:
        for model in config["models"]:
            scale = {"mlp": 0.5, "cnn": 1.0, "transformer": 1.5}[model]
            total += per_variant + COMPILE_S.get(variant, 3) * scale
    return total


# --- data: the same arrays in every process (NumPy, seeded) ----------------------------------
def make_data(model: str) -> tuple:
    """(x, y) as NumPy arrays; x in the layout of TensorFlow and Keras (channels last)."""
    import numpy as np

    rng = np.random.default_rng(0)
    if model == "mlp":
        from sklearn.datasets import load_digits

        digits = load_digits()
        n = len(digits.target) // BATCH_SIZE * BATCH_SIZE
        x = (digits.data[:n] / 16.0).astype("float32")
        return x, digits.target[:n].astype("int64")
    n = 16 * BATCH_SIZE
    y = rng.integers(0, CLASSES, n)
    if model == "cnn":
        templates = rng.normal(0, 1, (CLASSES, 28, 28, 1)).astype("float32")
        x = (templates[y] + rng.normal(0, 1.5, (n, 28, 28, 1))).astype("float32")
        return x, y.astype("int64")
    if model == "transformer":
        own = rng.integers(0, VOCAB, (CLASSES, 6))
        pick = rng.integers(0, 6, (n, SEQ))
        x = np.where(
            rng.random((n, SEQ)) < 0.5, own[y[:, None], pick], rng.integers(0, VOCAB, (n, SEQ))
        )
        return x.astype("int32"), y.astype("int64")
    raise ValueError(f"unknown model {model!r}")


def batches(x, y) -> list[tuple]:
    return [(x[i : i + BATCH_SIZE], y[i : i + BATCH_SIZE]) for i in range(0, len(y), BATCH_SIZE)]


# --- one measurement, whatever the framework -------------------------------------------------
class ParamMismatch(Exception):
    pass


def check_params(model: str, count: int) -> None:
    expected = MODELS[model]["params"]
    if count != expected:
        raise ParamMismatch(
            f"the model has {count:,} parameters, expected {expected:,}: not the same model"
        )


def measure(run_steps, config: dict, say) -> dict:
    """Time a variant. ``run_steps(n)`` trains n steps and returns (seconds, mean loss); it
    synchronises before it returns. Warm-up, calibration, then the timed repeats."""
    warm = config["warmup_steps"]
    say(f"warm-up {warm} steps (compilation, if any, happens here)")
    warmup_s, loss_first = run_steps(warm)
    # calibration: more steps until they take a good part of a repeat (a per-call cost such as
    # Keras' per-epoch set-up must not make the estimate too low)
    n = warm
    while True:
        calib_s, _ = run_steps(n)
        if calib_s >= config["repeat_seconds"] / 3 or n >= config["max_steps"]:
            break
        n = min(config["max_steps"], n * 4)
    rate = n / max(calib_s, 1e-9)
    steps = int(
        min(
            config["max_steps"],
            max(config["min_steps"], math.ceil(rate * config["repeat_seconds"])),
        )
    )
    say(f"{config['repeats']} repeats of {steps} steps")
    repeats, loss_last = [], math.nan
    for _ in range(config["repeats"]):
        seconds, loss_last = run_steps(steps)
        repeats.append({"steps": steps, "seconds": round(seconds, 6)})
    return {
        "warmup_steps": warm,
        "warmup_s": round(warmup_s, 4),
        "repeats": repeats,
        "loss_first": round(float(loss_first), 6),
        "loss_last": round(float(loss_last), 6),
    }


# --- TensorFlow without Keras: tf.Module, GradientTape, a hand-written Adam ----------------
def tf_variant(variant: str, model: str, device: str) -> tuple:
    import numpy as np
    import tensorflow as tf

    if device == "cuda" and not tf.config.list_physical_devices("GPU"):
        raise RuntimeError("TensorFlow sees no GPU")
    rng = np.random.default_rng(1)

    def weight(*shape, fan_in=None):
        fan_in = fan_in or shape[0]
        limit = (6 / (fan_in + shape[-1])) ** 0.5
        return tf.Variable(rng.uniform(-limit, limit, shape).astype("float32"))

    def zeros(*shape):
        return tf.Variable(tf.zeros(shape))

    def ones(*shape):
        return tf.Variable(tf.ones(shape))

    def layer_norm(x, g, b):
        mean, var = tf.nn.moments(x, axes=[-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(var + 1e-5) * g + b

    class Net(tf.Module):
        def __init__(self):
            super().__init__()
            if model == "mlp":
                self.w = [weight(64, 64), zeros(64), weight(64, 10), zeros(10)]
            elif model == "cnn":
                self.w = [
                    weight(3, 3, 1, 8, fan_in=9),
                    zeros(8),
                    weight(3, 3, 8, 16, fan_in=72),
                    zeros(16),
                    weight(784, 10),
                    zeros(10),
                ]
            else:
                d = D_MODEL
                self.w = [weight(VOCAB, d), weight(SEQ, d)]
                self.w += [v for _ in range(4) for v in (weight(d, d), zeros(d))]
                self.w += [ones(d), zeros(d), weight(d, FFN), zeros(FFN), weight(FFN, d)]
                self.w += [zeros(d), ones(d), zeros(d), weight(d, CLASSES), zeros(CLASSES)]

        def __call__(self, x):
            w = self.w
            if model == "mlp":
                return tf.nn.relu(x @ w[0] + w[1]) @ w[2] + w[3]
            if model == "cnn":
                x = tf.nn.relu(tf.nn.conv2d(x, w[0], 1, "SAME") + w[1])
                x = tf.nn.max_pool2d(x, 2, 2, "VALID")
                x = tf.nn.relu(tf.nn.conv2d(x, w[2], 1, "SAME") + w[3])
                x = tf.nn.max_pool2d(x, 2, 2, "VALID")
                return tf.reshape(x, (-1, 784)) @ w[4] + w[5]
            emb, pos, wq, bq, wk, bk, wv, bv, wo, bo = w[:10]
            g1, b1, f1, c1, f2, c2, g2, b2, wh, bh = w[10:]
            h = tf.gather(emb, x) + pos

            def heads(t):
                return tf.transpose(tf.reshape(t, (-1, SEQ, HEADS, D_MODEL // HEADS)), (0, 2, 1, 3))

            q, k, v = heads(h @ wq + bq), heads(h @ wk + bk), heads(h @ wv + bv)
            att = tf.nn.softmax(q @ tf.transpose(k, (0, 1, 3, 2)) / (D_MODEL // HEADS) ** 0.5)
            o = tf.reshape(tf.transpose(att @ v, (0, 2, 1, 3)), (-1, SEQ, D_MODEL)) @ wo + bo
            h = layer_norm(h + o, g1, b1)
            h = layer_norm(h + tf.nn.relu(h @ f1 + c1) @ f2 + c2, g2, b2)
            return tf.reduce_mean(h, axis=1) @ wh + bh

    net = Net()
    params = net.trainable_variables
    check_params(model, sum(int(np.prod(v.shape)) for v in params))
    m = [tf.Variable(tf.zeros_like(v)) for v in params]
    s = [tf.Variable(tf.zeros_like(v)) for v in params]
    t = tf.Variable(0.0)
    beta1, beta2 = 0.9, 0.999

    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yb, logits=net(xb))
            )
        grads = tape.gradient(loss, params)
        t.assign_add(1.0)
        lr = LEARNING_RATE * tf.sqrt(1 - beta2**t) / (1 - beta1**t)
        for v, g, mv, sv in zip(params, grads, m, s, strict=True):
            g = tf.convert_to_tensor(g)  # the embedding's gradient comes as IndexedSlices
            mv.assign(beta1 * mv + (1 - beta1) * g)
            sv.assign(beta2 * sv + (1 - beta2) * g * g)
            v.assign_sub(lr * mv / (tf.sqrt(sv) + EPSILON))
        return loss

    step = {
        "tensorflow-eager": train_step,
        "tensorflow-function": tf.function(train_step),
        "tensorflow-xla": tf.function(train_step, jit_compile=True),
    }[variant]
    x, y = make_data(model)
    data = [(tf.constant(xb), tf.constant(yb)) for xb, yb in batches(x, y)]
    where = {"i": 0}

    def run_steps(n):
        losses = []
        start = time.perf_counter()
        for _ in range(n):
            xb, yb = data[where["i"] % len(data)]
            where["i"] += 1
            losses.append(step(xb, yb))
        mean = float(tf.reduce_mean(tf.stack(losses)))  # waits for the last step
        return time.perf_counter() - start, mean

    return run_steps, {"device": "GPU" if tf.config.list_physical_devices("GPU") else "CPU"}


# --- Keras 3 on one backend: model.fit ------------------------------------------------------
def keras_variant(variant: str, model: str, device: str) -> tuple:
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    layers = keras.layers
    if model == "mlp":
        net = keras.Sequential(
            [keras.Input((64,)), layers.Dense(64, activation="relu"), layers.Dense(10)]
        )
    elif model == "cnn":
        net = keras.Sequential(
            [
                keras.Input((28, 28, 1)),
                layers.Conv2D(8, 3, padding="same", activation="relu"),
                layers.MaxPooling2D(2),
                layers.Conv2D(16, 3, padding="same", activation="relu"),
                layers.MaxPooling2D(2),
                layers.Flatten(),
                layers.Dense(10),
            ]
        )
    else:

        class AddPosition(layers.Layer):
            def build(self, shape):
                self.pos = self.add_weight(shape=(SEQ, D_MODEL), initializer="glorot_uniform")

            def call(self, x):
                return x + self.pos

        tokens = keras.Input((SEQ,), dtype="int32")
        h = AddPosition()(layers.Embedding(VOCAB, D_MODEL)(tokens))
        att = layers.MultiHeadAttention(HEADS, D_MODEL // HEADS)(h, h)
        h = layers.LayerNormalization(epsilon=1e-5)(layers.Add()([h, att]))
        f = layers.Dense(D_MODEL)(layers.Dense(FFN, activation="relu")(h))
        h = layers.LayerNormalization(epsilon=1e-5)(layers.Add()([h, f]))
        net = keras.Model(tokens, layers.Dense(CLASSES)(layers.GlobalAveragePooling1D()(h)))
    check_params(model, net.count_params())
    net.compile(
        optimizer=keras.optimizers.Adam(LEARNING_RATE, epsilon=EPSILON),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        jit_compile=variant.endswith("-jit"),
    )
    x, y = make_data(model)
    where = {"i": 0}

    class Clock(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds = time.perf_counter() - self.start

    def run_steps(n):
        idx = np.arange(where["i"], where["i"] + n * BATCH_SIZE) % len(y)
        where["i"] += n * BATCH_SIZE
        clock = Clock()
        history = net.fit(
            x[idx], y[idx], batch_size=BATCH_SIZE, epochs=1, shuffle=False, verbose=0,
            callbacks=[clock],
        )  # fmt: skip
        return clock.seconds, history.history["loss"][-1]

    info = {"device": str(keras.ops.zeros(1).device), "backend": keras.backend.backend()}
    if (
        device == "cuda"
        and "cuda" not in info["device"].lower()
        and "gpu" not in info["device"].lower()
    ):
        raise RuntimeError(f"Keras on {info['backend']} runs on {info['device']}, not a GPU")
    return run_steps, info


# --- PyTorch: nn.Module, a plain loop, torch.compile ------------------------------------------
def torch_variant(variant: str, model: str, device: str) -> tuple:
    import torch
    from torch import nn

    if device == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("PyTorch sees no CUDA GPU")
    dev = torch.device(device)
    torch.manual_seed(0)
    if model == "mlp":
        net = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    elif model == "cnn":
        net = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(784, 10),
        )
    else:

        class Encoder(nn.Module):
            def __init__(self):
                super().__init__()
                self.embed = nn.Embedding(VOCAB, D_MODEL)
                self.pos = nn.Parameter(torch.randn(SEQ, D_MODEL) * 0.02)
                self.block = nn.TransformerEncoderLayer(
                    D_MODEL, HEADS, FFN, dropout=0.0, batch_first=True, layer_norm_eps=1e-5
                )
                self.head = nn.Linear(D_MODEL, CLASSES)

            def forward(self, tokens):
                return self.head(self.block(self.embed(tokens) + self.pos).mean(dim=1))

        net = Encoder()
    net = net.to(dev)
    check_params(model, sum(p.numel() for p in net.parameters()))
    optimizer = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE, eps=EPSILON)
    forward = torch.compile(net) if variant == "pytorch-compile" else net
    x, y = make_data(model)
    if model == "cnn":
        x = x.transpose(0, 3, 1, 2).copy()  # NHWC -> NCHW, before any timing
    data = [
        (
            torch.from_numpy(xb).long() if model == "transformer" else torch.from_numpy(xb),
            torch.from_numpy(yb),
        )
        for xb, yb in batches(x, y)
    ]
    data = [(xb.to(dev), yb.to(dev)) for xb, yb in data]
    where = {"i": 0}

    def run_steps(n):
        losses = []
        start = time.perf_counter()
        for _ in range(n):
            xb, yb = data[where["i"] % len(data)]
            where["i"] += 1
            loss = nn.functional.cross_entropy(forward(xb), yb)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            losses.append(loss.detach())
        mean = torch.stack(losses).mean().item()  # waits for the last step
        return time.perf_counter() - start, mean

    return run_steps, {"device": str(dev)}


# --- a worker process: one framework or Keras backend ---------------------------------------
def thread_env(threads: int) -> dict:
    n = str(threads)
    return {
        "OMP_NUM_THREADS": n,
        "MKL_NUM_THREADS": n,
        "OPENBLAS_NUM_THREADS": n,
        "TF_NUM_INTRAOP_THREADS": n,
        "TF_NUM_INTEROP_THREADS": n,
    }


def set_threads(process: str, threads: int) -> dict:
    """Set the framework's thread pools (after import) and read back what it uses."""
    if process in ("tensorflow", "keras-tensorflow"):
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
        return {
            "intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
            "inter_op": tf.config.threading.get_inter_op_parallelism_threads(),
            "how": "tf.config.threading.set_intra_op/inter_op_parallelism_threads",
        }
    if process in ("pytorch", "keras-torch"):
        import torch

        torch.set_num_threads(threads)
        try:
            torch.set_num_interop_threads(threads)
        except RuntimeError:  # already set in this process
            pass
        return {
            "intra_op": torch.get_num_threads(),
            "inter_op": torch.get_num_interop_threads(),
            "how": "torch.set_num_threads, torch.set_num_interop_threads",
        }
    return {
        "intra_op": None,
        "inter_op": None,
        "how": "not settable: XLA's CPU client uses one thread per core; OMP_NUM_THREADS set",
    }


def worker(process: str, config: dict, result_file: Path) -> None:
    """Run every variant of one process for every model; append one JSON line per result."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if process.startswith("keras-"):
        os.environ["KERAS_BACKEND"] = process.removeprefix("keras-")
    variants = [v for v in config["variants"] if VARIANTS[v] == process]
    build = {"tensorflow": tf_variant, "pytorch": torch_variant}.get(process, keras_variant)
    threads = set_threads(process, config["threads"])
    for model in config["models"]:
        for variant in variants:
            label = f"{variant} · {model}"

            def say(text, label=label):
                print(f"  [{label}] {text}", file=sys.stderr, flush=True)

            start = time.perf_counter()
            record = {"model": model, "variant": variant}
            try:
                run_steps, info = build(variant, model, config["device"])
                record |= {"status": "ok", "params": MODELS[model]["params"], "threads": threads}
                record |= info | measure(run_steps, config, say)
                rates = [r["steps"] / r["seconds"] for r in record["repeats"]]
                fell = record["loss_last"] < record["loss_first"]
                say(
                    f"{statistics.median(rates):.1f} steps/s (min {min(rates):.1f}, max "
                    f"{max(rates):.1f}); loss {record['loss_first']:.3f} -> "
                    f"{record['loss_last']:.3f} {'fell' if fell else 'DID NOT FALL'} "
                    f"({time.perf_counter() - start:.0f} s)"
                )
            except Exception as exc:  # noqa: BLE001 - a failed variant is a result, not a crash
                record |= {"status": "failed", "error": f"{type(exc).__name__}: {exc}"[:500]}
                say(f"FAILED: {record['error']}")
                traceback.print_exc(file=sys.stderr)
            with result_file.open("a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")


# --- the parent: one process per framework, the data file -----------------------------------
def versions() -> dict:
    from importlib import metadata

    out = {}
    for name in ("tensorflow", "tensorflow-cpu", "keras", "torch", "jax", "jaxlib", "numpy"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    if out.pop("tensorflow-cpu") and not out["tensorflow"]:
        out["tensorflow"] = metadata.version("tensorflow-cpu")
    return out


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def gpu_model() -> str | None:
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
            capture_output=True, text=True, timeout=30, check=True,
        )  # fmt: skip
        return out.stdout.strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None


def run_process(process: str, config: dict, timeout: float) -> list[dict]:
    """One worker process; every variant it did not report is recorded as failed."""
    with tempfile.TemporaryDirectory() as tmp:
        result_file = Path(tmp) / "results.jsonl"
        env = os.environ | thread_env(config["threads"]) | {"TF_CPP_MIN_LOG_LEVEL": "2"}
        cmd = [sys.executable, __file__, "--worker", process, "--config", json.dumps(config)]
        cmd += ["--result-file", str(result_file)]
        tail: list[str] = []
        proc = subprocess.Popen(
            cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        deadline = time.monotonic() + timeout
        for line in proc.stderr:
            if line.startswith("  ["):
                print(line, end="", file=sys.stderr, flush=True)
            tail = [*tail[-19:], line.rstrip()]
            if time.monotonic() > deadline:
                proc.kill()
                tail.append(f"timed out after {timeout:.0f} s")
                break
        returncode = proc.wait()
        done = []
        if result_file.is_file():
            done = [json.loads(line) for line in result_file.read_text("utf-8").splitlines()]
    seen = {(r["model"], r["variant"]) for r in done}
    why = next((line for line in reversed(tail) if line.strip()), "")
    for model in config["models"]:
        for variant in (v for v in config["variants"] if VARIANTS[v] == process):
            if (model, variant) not in seen:
                error = (
                    f"the {process} process ended (exit code {returncode}) before this ran: {why}"
                )
                done.append(
                    {"model": model, "variant": variant, "status": "failed", "error": error[:500]}
                )
                print(f"  [{variant} · {model}] FAILED: {error[:200]}", file=sys.stderr)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one tiny configuration (tests)")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument(
        "--threads",
        type=int,
        default=os.cpu_count() or 1,
        help="intra-op threads (default: every core)",
    )
    parser.add_argument(
        "--out", type=Path, help="the data file (default: data/train_speed.json, or .cuda.json)"
    )
    parser.add_argument("--models", help=f"comma-separated subset of {', '.join(MODELS)}")
    parser.add_argument("--variants", help="comma-separated subset of the variants (default: all)")
    parser.add_argument("--repeats", type=int, help="timed repeats per variant (at least 5)")
    parser.add_argument("--repeat-seconds", type=float, help="the length of one repeat")
    parser.add_argument(
        "--jobs", type=int, default=1,
        help="processes at a time (default 1; more distorts the figures: for tests only)",
    )  # fmt: skip
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, json.loads(args.config), args.result_file)
        return 0

    name = "quick" if args.quick else "full"
    config = dict(CONFIGS[name])
    if args.models:
        config["models"] = [m.strip() for m in args.models.split(",")]
        unknown = set(config["models"]) - set(MODELS)
        if unknown:
            parser.error(
                f"unknown model(s) {', '.join(sorted(unknown))}; choose from {', '.join(MODELS)}"
            )
    config["variants"] = list(VARIANTS)
    if args.variants:
        config["variants"] = [v.strip() for v in args.variants.split(",")]
        unknown = set(config["variants"]) - set(VARIANTS)
        if unknown:
            parser.error(
                f"unknown variant(s) {', '.join(sorted(unknown))}; choose from {', '.join(VARIANTS)}"
            )
    if args.repeats is not None:
        if args.repeats < 5:
            parser.error("--repeats: at least 5 (the page shows the median and the spread)")
        config["repeats"] = args.repeats
    if args.repeat_seconds is not None:
        config["repeat_seconds"] = args.repeat_seconds
    changed = bool(
        args.models or args.variants or args.repeats or args.repeat_seconds or args.jobs != 1
    )
    # the command that took the figures, without where it wrote them
    given = list(argv if argv is not None else sys.argv[1:])
    if "--out" in given:
        del given[given.index("--out") : given.index("--out") + 2]
    given = [a for a in given if not a.startswith("--out=")]
    command = " ".join(["bench/train_speed.py", *given])
    config |= {
        # "full" and "quick" as defined in CONFIGS; "custom" when an option changed them
        "name": "custom" if changed else name,
        "command": command.strip(),
        "device": args.device,
        "threads": args.threads,
        "jobs": args.jobs,
        "thread_env": thread_env(args.threads),
        "batch_size": BATCH_SIZE,
        "optimizer": f"Adam(learning_rate={LEARNING_RATE}, epsilon={EPSILON})",
        "loss": "softmax cross-entropy on logits, mean over the batch",
    }
    out = args.out or OUT[args.device]
    estimate = estimate_seconds(config) / max(1, min(args.jobs, os.cpu_count() or 1))
    print(
        f"Training-speed benchmark, {name} configuration on {args.device}: "
        f"{len(config['variants'])} variants x {len(config['models'])} model(s) in "
        f"{len(processes(config))} "
        f"processes, {args.threads} thread(s). Estimated {estimate / 60:.0f} min "
        f"({estimate:.0f} s); results go to {out}.",
        file=sys.stderr,
        flush=True,
    )
    started = time.perf_counter()
    load_average = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    date = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    results = []
    todo = processes(config)

    def one(i: int, process: str) -> list[dict]:
        print(f"[{i}/{len(todo)}] {process} (own process)", file=sys.stderr, flush=True)
        return run_process(process, config, timeout=max(300, 3 * estimate))

    with ThreadPoolExecutor(args.jobs) as pool:  # --jobs 1 (the default): one at a time
        for done in pool.map(one, range(1, len(todo) + 1), todo):
            results += done
    order = {
        (m, v): i
        for i, (m, v) in enumerate((m, v) for m in config["models"] for v in config["variants"])
    }
    results.sort(key=lambda r: order[(r["model"], r["variant"])])
    data = {
        "schema": SCHEMA,
        "date": date,
        "duration_s": round(time.perf_counter() - started, 1),
        "configuration": config,
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "gpu": gpu_model() if args.device == "cuda" else None,
            "os": platform.platform(),
            "python": platform.python_version(),
            "load_average": load_average,  # other work on the machine when the run began
        },
        "versions": versions(),
        "models": {m: MODELS[m] for m in config["models"]},
        "results": results,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = [f"{r['variant']} · {r['model']}" for r in results if r["status"] != "ok"]
    print(
        f"Done in {data['duration_s']:.0f} s: {len(results) - len(failed)} of {len(results)} "
        f"measurements ran{'; failed: ' + ', '.join(failed) if failed else ''}. Wrote {out}.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
