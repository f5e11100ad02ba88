"""ONNX export in Keras: model.export(format="onnx") on every backend, onnxruntime runs it."""
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import tempfile
from pathlib import Path

import keras
import numpy as np
import onnx
import onnxruntime as ort

backend = keras.backend.backend()
print("backend:", backend, "| device:", keras.ops.zeros(1).device)
folder = Path(tempfile.mkdtemp(prefix="onnx_export-keras-"))  # a new folder for the files

# The same weights in every tab: 4 features -> 8 ReLU units -> 3 logits
rng = np.random.default_rng(0)
w1, b1 = rng.normal(size=(4, 8)).astype("float32"), rng.normal(size=8).astype("float32")
w2, b2 = rng.normal(size=(8, 3)).astype("float32"), rng.normal(size=3).astype("float32")
x = rng.normal(size=(2, 4)).astype("float32")

model = keras.Sequential([keras.Input((4,), name="features"),
                          keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)])
model.set_weights([w1, b1, w2, b2])
expected = keras.ops.convert_to_numpy(model(x))

# jax: jax2onnx; tensorflow: tf2onnx; torch: torch.onnx.export, with a fixed batch size
batch = 2 if backend == "torch" else None
signature = [keras.InputSpec(shape=(batch, 4), dtype="float32", name="features")]
model.export(folder / "classifier.onnx", format="onnx", input_signature=signature,  # (1)!
             opset_version=18, verbose=False)

saved = onnx.load(folder / "classifier.onnx")  # (2)!
opset = next(o.version for o in saved.opset_import if o.domain in ("", "ai.onnx"))
dims = [d.dim_value or None for d in saved.graph.input[0].type.tensor_type.shape.dim]
print("opset:", opset, "| input:", saved.graph.input[0].name, dims)
print("ONNX ops:", [node.op_type for node in saved.graph.node])

session = ort.InferenceSession(folder / "classifier.onnx", providers=["CPUExecutionProvider"])  # (3)!
served = session.run(None, {saved.graph.input[0].name: x})[0]
print("onnxruntime matches:", np.allclose(served, expected, rtol=1e-3, atol=1e-3))
print("logits:", [[round(float(v), 3) for v in row] for row in served])
